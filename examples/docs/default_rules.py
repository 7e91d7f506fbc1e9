"""docs/default-rules.md's Python fragment (`part of` it: tests/docs/snippets_test.py):
the built-in rules on a list of dicts and on a DataFrame, checked."""
from decimal import Decimal

import pandas

import crmrules

customers = [{"annual_purchases": 5000000, "annual_net_profit": 500000}, {"annual_purchases": 116700000, "annual_net_profit": 10000000}]
frame = pandas.DataFrame(customers, index=["东风", "华为"])

rules = crmrules.builtin()
rules.evaluate_many(customers)             # list of dicts -> list of dicts (errors="collect" keeps going)
frame.join(rules.evaluate_many(frame))     # pandas DataFrame -> DataFrame of outputs, same index
crmrules.builtin_json()

rows = rules.evaluate_many(customers)
assert rows[0]["value_grade"] == "C1" and rows[0]["credit_limit"] == Decimal("250000.00")
joined = frame.join(rules.evaluate_many(frame))
assert list(joined.index) == ["东风", "华为"] and joined.loc["东风", "value_grade"] == "C1"
assert joined.loc["华为", "annual_purchases"] == 116700000 and joined.loc["华为", "value_grade"] == rows[1]["value_grade"]
assert crmrules.RuleSet.load(crmrules.builtin_json()).evaluate(customers[0]) == rows[0]   # the JSON is those rules
print("docs/default-rules.md: the built-in rules on dicts and on a DataFrame as documented")
