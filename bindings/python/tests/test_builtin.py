"""crmrules.builtin(): the built-in default rule set from Python. Its own test cases run
here one by one (the deck's worked example, every band edge, every policy row), with full
coverage; the deck's customers grade as the deck says from dicts, from a list with a bad
row and from a pandas DataFrame (when python3-pandas is installed)."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

import crmrules
from crmrules.testing import assert_case, assert_coverage, parametrize_cases

ROOT = Path(__file__).parents[3]
DEFAULT_RULES = ROOT / "rules/default.json"
DECK_CSV = ROOT / "examples/data/deck_customers.csv"

HUAWEI = {
    "id": "HW", "name": "华为", "annual_purchases": 130000000, "annual_discount": 13000000, "contact_cost": 300000,
    "annual_net_profit": 20000000, "historical_contribution": 57000000, "cooperation": 5,
    "budgeted_total_profit": 250000000, "background": "technology", "potential": "A1", "influence": "A1",
}
CHINA_MOBILE = {
    "id": "CM", "name": "中国移动", "annual_purchases": 50000000, "annual_discount": 2300000, "contact_cost": 700000,
    "annual_net_profit": 6000000, "historical_contribution": 15000000, "cooperation": 3,
    "budgeted_total_profit": 100000000, "background": "government", "potential": "A1", "influence": "B",
}
HUAQIANG = {
    "id": "HQ", "name": "华强工贸", "annual_purchases": 5000000, "annual_discount": 870000, "contact_cost": 200000,
    "annual_net_profit": 500000, "historical_contribution": 4000000, "cooperation": 7,
    "budgeted_total_profit": 6000000, "background": "none", "potential": "C1", "influence": "A1",
}


@parametrize_cases(crmrules.builtin())
def test_the_rule_sets_own_case(case):
    assert_case(case)


def test_every_row_bin_and_output_is_covered():
    assert_coverage(crmrules.builtin(), 100)
    report = crmrules.builtin().run_tests()
    assert report.failed == 0 and report.passed >= 90
    assert report.coverage == Decimal("100.00") and report.not_covered == [] and report.total > 100


def test_builtin_is_one_shared_rule_set():
    rules = crmrules.builtin()
    assert rules is crmrules.builtin()
    assert rules.name == "crmrules-default"
    assert rules.inputs[:6] == ["id", "name", "annual_purchases", "annual_discount", "contact_cost", "annual_net_profit"]
    for name in ("value_score", "value_grade", "credit_grade", "credit_limit", "receivable_days", "loyalty_level",
                 "loyalty_stars", "satisfaction_index", "satisfaction_label", "service_plan"):
        assert name in rules.outputs


def test_builtin_json_is_rules_default_json_and_loads_when_changed():
    text = crmrules.builtin_json()
    assert text == DEFAULT_RULES.read_text(encoding="utf-8")
    # Copy and change: raise the A1 threshold to 85; China Mobile (81.25) becomes A2.
    assert text.count('"[80..100]"') == 1 and text.count('"[70..80)"') == 1
    changed = text.replace('"[80..100]"', '"[85..100]"').replace('"[70..80)"', '"[70..85)"')
    changed = changed.replace('"name": "crmrules-default"', '"name": "my-grading"', 1)
    mine = crmrules.RuleSet.load(changed)
    assert mine.name == "my-grading"
    assert mine.evaluate(CHINA_MOBILE)["value_grade"] == "A2"
    assert crmrules.builtin().evaluate(CHINA_MOBILE)["value_grade"] == "A1"
    # A change that opens a gap in the bands is refused at load, with its place.
    with pytest.raises(crmrules.InvalidRule) as gap:
        crmrules.RuleSet.load(text.replace('"[70..80)"', '"[71..80)"'))
    assert "value_grade" in str(gap.value) and gap.value.line is not None


def test_the_decks_three_customers():
    rules = crmrules.builtin()
    huawei = rules.evaluate(HUAWEI)
    assert huawei["value_score"] == Decimal("95.50") and huawei["value_grade"] == "A1"
    assert huawei["value_score_reasons"] == "SHORT_COOPERATION"
    china_mobile = rules.evaluate(CHINA_MOBILE)
    assert (china_mobile["value_score"], china_mobile["value_grade"]) == (Decimal("81.25"), "A1")
    huaqiang = rules.evaluate(HUAQIANG)
    assert (huaqiang["value_score"], huaqiang["value_grade"]) == (Decimal("49.25"), "B2")
    assert huaqiang["value_score_reasons"] == "NO_BACKGROUND,LOW_POTENTIAL,HIGH_DISCOUNT"
    # No 6C assessment: every factor at its default 5, BB, 30 days, 5% of purchases.
    assert huaqiang["credit_grade"] == "BB" and huaqiang["receivable_days"] == 30
    assert huaqiang["credit_limit"] == Decimal("250000.00")
    assert huaqiang["service_plan"] == "B-retention" and huaqiang["service_owner"] == "account_manager"
    assert huawei["service_channels"].split(",") == ["visit", "phone", "email", "gift", "letter"]


def test_the_decks_three_customers_as_the_deck_writes_them():
    """万, 亿, 7/10, full-width digits and 国际领先技术 read exactly, from Python strings."""
    rules = crmrules.builtin()
    deck = [
        ({"annual_purchases": "500万", "annual_discount": "87万", "contact_cost": "20万", "annual_net_profit": "50万",
          "historical_contribution": "400万", "cooperation": "7/10", "budgeted_total_profit": "600万",
          "background": "无", "potential": "C1", "influence": "A1"}, "49.25", "B2"),
        ({"annual_purchases": "1.3亿", "annual_discount": "1300万", "contact_cost": "30万", "annual_net_profit": "2000万",
          "historical_contribution": "5700万", "cooperation": "5/10", "budgeted_total_profit": "2.5亿",
          "background": "国际领先技术", "potential": "A1", "influence": "A1"}, "95.50", "A1"),
        ({"annual_purchases": "５０００万", "annual_discount": "２３０万", "contact_cost": "７０万",
          "annual_net_profit": "６００万", "historical_contribution": "１５００万", "cooperation": "３／１０",
          "budgeted_total_profit": "１亿", "background": "政府关系", "potential": "A1", "influence": "B"}, "81.25", "A1"),
    ]
    for given, score, grade in deck:
        out = rules.evaluate(given)
        assert (out["value_score"], out["value_grade"]) == (Decimal(score), grade)
    assert rules.evaluate(deck[1][0])["credit_limit"] == Decimal("6500000.00")  # 5% of 1.3亿, exactly


@pytest.mark.parametrize("text, why", [("1.3.5万", "more than one decimal point"), ("万万", "more than one unit"),
                                       ("5万亿", "more than one unit"), ("万", "no number before the unit")])
def test_ambiguous_chinese_amounts_name_the_field(text, why):
    with pytest.raises(ValueError) as info:
        crmrules.builtin().evaluate({"annual_purchases": text, "annual_net_profit": 1})
    assert "annual_purchases" in str(info.value) and why in str(info.value)


def test_a_field_can_refuse_chinese_amounts():
    rules = crmrules.RuleSet.load("""{"crmrules": "1.0", "name": "plain", "version": "1.0.0",
      "inputs": {"amount": {"type": "decimal", "chinese_amounts": false}},
      "decisions": [{"name": "twice", "expression": "amount * 2"}]}""")
    assert rules.evaluate({"amount": "5"})["twice"] == Decimal("10")
    with pytest.raises(ValueError) as info:
        rules.evaluate({"amount": "500万"})
    assert "refuses" in str(info.value) and "amount" in str(info.value)


def test_an_unknown_label_suggests_the_decks_wording():
    with pytest.raises(ValueError) as info:
        crmrules.builtin().evaluate({"annual_purchases": 1, "annual_net_profit": 1, "background": "国际领先技"})
    assert info.value.code == "out_of_range" and "did you mean '国际领先技术'" in str(info.value)


def test_satisfaction_by_english_or_chinese_label_or_number():
    rules = crmrules.builtin()
    base = {"annual_purchases": 1000000, "annual_net_profit": 100000}
    for given, label, index in [("满意", "satisfied", "83.33"), (6, "satisfied", "83.33"), ("Very satisfied", "very_satisfied", "100"),
                                ("一般满意", "generally_satisfied", "50"), (Decimal(1), "very_dissatisfied", "0")]:
        out = rules.evaluate({**base, "satisfaction": given})
        assert out["satisfaction_label"] == label, given
        assert out["satisfaction_index"] == Decimal(index), given
    with pytest.raises(crmrules.OutOfRange) as error:
        rules.evaluate({**base, "satisfaction": "happy"})
    assert error.value.pointer == "/satisfaction"


def test_credit_by_5p_and_by_6a_beside_6c():
    """credit_method picks the score that grades; the 6C score and grade stay as they were."""
    rules = crmrules.builtin()
    base = {"annual_purchases": 10000000, "annual_net_profit": 1000000}
    six_c = rules.evaluate(base)
    assert (six_c["credit_method_score"], six_c["credit_score"], six_c["credit_grade"]) == (Decimal("50.00"), Decimal("50.00"), "BB")
    five_p = rules.evaluate({**base, "credit_method": "5P评估", "personal": 8, "purpose": 3, "payment": 1,
                             "perspective": 7})
    assert (five_p["credit_5p_score"], five_p["credit_grade"]) == (Decimal("48.00"), "B")
    assert five_p["credit_5p_score_reasons"] == "WEAK_PAYMENT,WEAK_PURPOSE,WEAK_PROTECTION"
    assert five_p["credit_score"] == six_c["credit_score"]
    six_a = rules.evaluate({**base, "credit_method": "6A", "economic": 8, "technical": 4, "management": 9,
                            "organisational": 7, "commercial": 5, "financial": 4})
    assert (six_a["credit_6a_score"], six_a["credit_grade"], six_a["receivable_days"]) == (Decimal("62.00"), "BBB", 45)
    with pytest.raises(crmrules.OutOfRange) as error:
        rules.evaluate({**base, "credit_method": "7C"})
    assert error.value.pointer == "/credit_method"
    with pytest.raises(crmrules.OutOfRange) as error:
        rules.evaluate({**base, "payment": 11})
    assert error.value.pointer == "/payment"


def test_loyalty_from_behaviours_given_as_text():
    out = crmrules.builtin().evaluate({"annual_purchases": 1000000, "annual_net_profit": 100000,
                                       "repeat_purchase": "yes", "cooperates": "true", "bulk_purchase": True,
                                       "referrals": 2})
    assert (out["loyalty_level"], out["loyalty_stars"]) == ("advocate", 4)


def test_a_list_with_a_bad_row_grades_the_others():
    rules = crmrules.builtin()
    bad = {"annual_purchases": 1000, "annual_net_profit": 1, "potential": "D1"}
    results = rules.evaluate_many([HUAWEI, bad, HUAQIANG], errors="collect")
    assert results[0]["value_grade"] == "A1" and results[2]["value_grade"] == "B2"
    assert isinstance(results[1], crmrules.RowError)
    assert (results[1].row, results[1].code, results[1].pointer) == (1, "out_of_range", "/potential")
    with pytest.raises(crmrules.Missing) as missing:
        rules.evaluate_many([HUAWEI, {"annual_net_profit": 5}])
    assert missing.value.row == 1 and "annual_purchases" in str(missing.value)


def test_a_dataframe_in_gives_a_dataframe_out():
    import pandas
    frame = pandas.read_csv(DECK_CSV, dtype=str).set_index("id", drop=False)
    outputs = crmrules.builtin().evaluate_many(frame)
    assert list(outputs.index) == ["HQ", "HW", "CM"]
    assert list(outputs["value_grade"]) == ["B2", "A1", "A1"]
    assert list(outputs["value_score"]) == [Decimal("49.25"), Decimal("95.50"), Decimal("81.25")]
    graded = frame.join(outputs)
    assert graded.loc["HW", "name"] == "华为" and graded.loc["HW", "service_plan"] == "A-retention"
    # A bad cell spoils only its own row.
    frame.loc["CM", "annual_purchases"] = "a lot"
    collected = crmrules.builtin().evaluate_many(frame, errors="collect")
    assert collected.loc["CM", "value_grade"] is None and collected.loc["CM", "error"].pointer == "/annual_purchases"
    assert collected.loc["HQ", "value_grade"] == "B2" and collected.loc["HQ", "error"] is None


def test_shared_between_threads():
    rules = crmrules.builtin()
    with ThreadPoolExecutor(max_workers=4) as pool:
        grades = list(pool.map(lambda c: rules.evaluate(c)["value_grade"], [HUAWEI, HUAQIANG, CHINA_MOBILE] * 20))
    assert grades == ["A1", "B2", "A1"] * 20
