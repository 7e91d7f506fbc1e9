from decimal import Decimal

import crmrules

rules = crmrules.RuleSet.load_file("grading.json")
out = rules.evaluate({"purchases": 8000000, "cooperation": 6, "sector": "retail"})
print(out)  # {'value_score': Decimal('71.00'), 'value_score_reasons': '', 'value_grade': 'B1', 'key_account': False}
assert out["value_grade"] == "B1" and out["value_score"] == Decimal("71.00")
assert crmrules.arith.div(2, 3, scale=4, rounding="half_up") == Decimal("0.6667")  # exact decimals
