"""DMN import from Python: the TCK's tables by their DMN names, the rule set's JSON,
bad models refused at the element."""

import pathlib
import pickle
from decimal import Decimal

import pytest

import crmrules
from crmrules import dmn

TCK = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "dmn-tck" / "TestCases"


def model(case: str) -> str:
    level, name = case.split("/")
    return (TCK / level / name / f"{name}.dmn").read_text(encoding="utf-8")


def test_a_unique_table_by_dmn_names():
    rules = crmrules.RuleSet.load_dmn(model("compliance-level-2/0004-simpletable-U"))
    assert dmn.evaluate(rules, {"Age": 18, "RiskCategory": "Medium", "isAffordable": True}) == {"Approval Status": "Approved"}
    assert dmn.evaluate(rules, {"Age": Decimal("17.5"), "RiskCategory": "Medium", "isAffordable": True}) == {"Approval Status": "Declined"}
    assert dmn.Name("Approval Status", "Approval_Status", "decision") in dmn.names(rules)
    assert rules.evaluate({"Age": 18, "RiskCategory": "Medium", "isAffordable": True}) == {"Approval_Status": "Approved"}
    with pytest.raises(crmrules.UnknownName, match="did you mean 'Age'"):
        dmn.evaluate(rules, {"Agee": 18})
    with pytest.raises(crmrules.TypeMismatch):
        dmn.evaluate(rules, {"Age": 18.5})
    again = pickle.loads(pickle.dumps(rules))  # pickled as the rule set it became, names and all
    assert dmn.evaluate(again, {"Age": 18, "RiskCategory": "Low", "isAffordable": True}) == {"Approval Status": "Approved"}


def test_multi_output_and_collect_sum():
    rules = dmn.load(model("compliance-level-2/0010-multi-output-U"))
    out = dmn.evaluate(rules, {"Age": 18, "RiskCategory": "Low", "isAffordable": True})
    assert out == {"Approval": {"Status": "Approved", "Rate": "Best"}}
    total = dmn.load(model("compliance-level-2/0115-sum-collect-hitpolicy"))
    assert dmn.evaluate(total, {"NumOfYears": 6}) == {"Salary": Decimal(1100)}  # the TCK's first point


def test_the_rule_set_json_loads_and_bad_models_are_placed():
    text = dmn.to_rule_set_json(model("compliance-level-2/0108-first-hitpolicy"))
    assert '"hit_policy": "FIRST"' in text and crmrules.RuleSet.load(text)
    with pytest.raises(crmrules.VersionMismatch) as e:
        dmn.load('<definitions xmlns="urn:x"/>')
    assert e.value.pointer == "/definitions" and e.value.line == 1
    with pytest.raises(crmrules.ParseError):
        dmn.load("<definitions")
    with pytest.raises(crmrules.InvalidRule, match="imports of other models") as imports:
        dmn.load(model("compliance-level-3/0086-import"))
    assert imports.value.pointer == "/definitions/import"


def test_export_and_read_back():
    rules = dmn.load(model("compliance-level-2/0010-multi-output-U"))
    back = dmn.load(dmn.to_dmn(rules))
    inputs = {"Age": 18, "RiskCategory": "Low", "isAffordable": True}
    assert dmn.evaluate(back, inputs) == dmn.evaluate(rules, inputs)
    with pytest.raises(crmrules.InvalidRule, match="a scorecard has no DMN form"):
        dmn.to_dmn(crmrules.builtin())


def test_a_boxed_context_with_a_table_entry():
    rules = dmn.load(model("compliance-level-3/0040-singlenestedcontext"))
    out = dmn.evaluate(rules, {"Principal": 600000, "Term": 360})
    assert list(out) == ["Boxed Context"]  # the context's entries are not results
    assert abs(out["Boxed Context"] - Decimal("2878.6935494327668")) < Decimal("1e-12")  # the TCK's first point
    entry = dmn.Name("Boxed Context.Rate", "Boxed_Context_Rate", "context_entry", "Boxed Context")
    assert entry in dmn.names(rules)
    with pytest.raises(crmrules.Missing) as e:
        dmn.load(model("compliance-level-3/0040-singlenestedcontext").replace('<variable name="Rate"', '<variable name=""'))
    assert e.value.pointer == "/definitions/decision[@name='Boxed Context']/context/contextEntry[1]"


BKM_MODEL = """<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="fees" namespace="urn:fees">
  <inputData name="Amount"><variable name="Amount" typeRef="number"/></inputData>
  <businessKnowledgeModel name="fee">
    <encapsulatedLogic><formalParameter name="amount"/><formalParameter name="rate"/>
      <literalExpression><text>amount * rate</text></literalExpression></encapsulatedLogic>
  </businessKnowledgeModel>
  <decision name="Total"><variable name="Total"/>
    <literalExpression><text>Amount + fee(Amount, 0.02)</text></literalExpression></decision>
  <decision name="Fee"><variable name="Fee"/>
    <invocation><literalExpression><text>fee</text></literalExpression>
      <binding><parameter name="amount"/><literalExpression><text>Amount</text></literalExpression></binding>
      <binding><parameter name="rate"/><literalExpression><text>0.5</text></literalExpression></binding>
    </invocation></decision>
</definitions>"""


def test_a_business_knowledge_model_called_and_invoked():
    rules = dmn.load(BKM_MODEL)
    assert dmn.evaluate(rules, {"Amount": 200}) == {"Total": Decimal("204.00"), "Fee": Decimal("100.0")}
    with pytest.raises(crmrules.InvalidRule, match="takes 2 arguments \\(amount, rate\\), not 1") as e:
        dmn.load(BKM_MODEL.replace("fee(Amount, 0.02)", "fee(Amount)"))
    assert e.value.pointer == "/definitions/decision[@name='Total']/literalExpression"


def test_feel_text_functions_and_input_values():
    model = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="codes" namespace="urn:test">
  <inputData name="Code"><variable name="Code" typeRef="string"/></inputData>
  <inputData name="Band"><variable name="Band" typeRef="string"/></inputData>
  <decision name="City"><variable name="City" typeRef="string"/>
    <literalExpression><text>if starts with(Code, "CN-") then substring(substring after(Code, "CN-"), 1, 2) else "?"</text>
    </literalExpression></decision>
  <decision name="Fee"><variable name="Fee" typeRef="number"/>
    <decisionTable>
      <input><inputExpression typeRef="string"><text>Band</text></inputExpression>
        <inputValues><text>"Gold","Silver"</text></inputValues></input>
      <output/>
      <rule><inputEntry><text>"Gold"</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
      <rule><inputEntry><text>"Silver"</text></inputEntry><outputEntry><text>2</text></outputEntry></rule>
    </decisionTable></decision>
</definitions>"""
    rules = dmn.load(model)
    assert dmn.evaluate(rules, {"Code": "CN-SH-07", "Band": "Gold"}) == {"City": "SH", "Fee": 1}
    with pytest.raises(crmrules.CrmError, match="Bronze"):
        dmn.evaluate(rules, {"Code": "CN-SH-07", "Band": "Bronze"})   # outside the column's inputValues
    back = dmn.load(dmn.to_dmn(rules))
    assert dmn.evaluate(back, {"Code": "US-NY", "Band": "Silver"}) == {"City": "?", "Fee": 2}
