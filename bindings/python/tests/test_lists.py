"""List fields and list results from Python: evaluate() takes a Python list for a list
field and gives a list decision's result as a list; a wrong element names its index."""

import datetime
from decimal import Decimal

import pytest

import crmrules

RULES = """{"crmrules": 1, "name": "flu", "version": "1",
  "inputs": {"symptoms": {"type": "list", "of": "string", "required": true},
             "amounts": {"type": "list", "of": "decimal"},
             "days": {"type": "list", "of": "date"}},
  "decisions": [{"name": "all", "expression": "flatten([symptoms, 'fever'])"},
                {"name": "coughs", "expression": "'cough' in symptoms"},
                {"name": "days_given", "expression": "days ?? []"},
                {"name": "amounts_given", "expression": "amounts ?? []"}]}"""


def test_a_python_list_is_a_list_input_and_a_list_result_a_list():
    rules = crmrules.RuleSet.load(RULES)
    assert rules.input_types["symptoms"] == "list"
    out = rules.evaluate({"symptoms": ["cough", "sneeze"], "amounts": [Decimal("1.50"), 2],
                          "days": [datetime.date(2024, 3, 31)]})
    assert out["all"] == ["cough", "sneeze", "fever"]
    assert out["coughs"] is True
    assert out["amounts_given"] == [Decimal("1.50"), Decimal(2)]
    assert out["days_given"] == ["2024-03-31"]
    assert rules.evaluate({"symptoms": ("fever",)})["all"] == ["fever", "fever"]


def test_a_wrong_list_element_or_a_value_that_is_not_a_list_is_refused():
    rules = crmrules.RuleSet.load(RULES)
    with pytest.raises(crmrules.TypeMismatch) as element:
        rules.evaluate({"symptoms": ["cough", 5]})
    assert element.value.pointer == "/symptoms/1"
    with pytest.raises(crmrules.TypeMismatch) as scalar:
        rules.evaluate({"symptoms": "cough"})
    assert scalar.value.pointer == "/symptoms"
    with pytest.raises(crmrules.TypeMismatch) as unsupported:
        rules.evaluate({"symptoms": ["cough", 1.5]})
    assert unsupported.value.pointer == "/symptoms/1"
