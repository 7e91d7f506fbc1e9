"""Portfolio grading from Python: classify(), quantile_scores() and grade() over lists of
dicts and DataFrames, with the built-in rules and with a rule set of one's own."""

from decimal import Decimal
from pathlib import Path

import pytest

import crmrules

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"

DECK = [
    {"id": "HQ", "name": "华强工贸", "annual_purchases": 5000000, "annual_discount": 870000, "contact_cost": 200000,
     "annual_net_profit": 500000, "historical_contribution": 4000000, "cooperation": 7,
     "budgeted_total_profit": 6000000, "background": "none", "potential": "C1", "influence": "A1"},
    {"id": "HW", "name": "华为", "annual_purchases": 130000000, "annual_discount": 13000000, "contact_cost": 300000,
     "annual_net_profit": 20000000, "historical_contribution": 57000000, "cooperation": 5,
     "budgeted_total_profit": 250000000, "background": "technology", "potential": "A1", "influence": "A1"},
    {"id": "CM", "name": "中国移动", "annual_purchases": 50000000, "annual_discount": 2300000, "contact_cost": 700000,
     "annual_net_profit": 6000000, "historical_contribution": 15000000, "cooperation": 3,
     "budgeted_total_profit": 100000000, "background": "government", "potential": "A1", "influence": "B1"},
]


def test_classify_exact_boundary_and_shares():
    p = crmrules.classify([50, 30, 10, 5, 3, 2])
    assert p.classes == ["A", "A", "B", "B", "C", "C"]  # 50 + 30 reach exactly 80%: A
    assert p.ranks == [1, 2, 3, 4, 5, 6]
    assert p.cumulative_shares[1] == Decimal("0.8")
    assert str(p.cumulative_shares[0]) == "0.500000"
    assert p.counts == {"A": 2, "B": 2, "C": 2}
    assert p.shares["C"] == Decimal("0.05")
    assert len(p) == 6


def test_classify_ties_losses_pareto_and_thresholds():
    p = crmrules.classify(["40", Decimal("20"), 20, 20, 1])
    assert p.classes == ["A", "A", "A", "A", "C"]
    assert p.ranks == [1, 2, 2, 2, 5]
    losses = crmrules.classify([-50, 100, 0])
    assert losses.classes == ["C", "A", "C"]
    assert losses.loss_making == 1
    twelve = crmrules.classify([100, 50, 30, 20] + [0] * 8)
    assert twelve.pareto_share == Decimal("0.81")  # 2.4 customers: 100 + 50 + 0.4 * 30 of 200
    assert twelve.top_share("0.25") == Decimal("0.9")
    assert crmrules.classify([0, -1]).pareto_share is None
    assert crmrules.classify([3, 1, 1, 1], a_share="0.5", b_share="0.5").classes == ["A", "C", "C", "C"]
    assert crmrules.classify([]).classes == []


def test_classify_refuses_bad_input():
    with pytest.raises(crmrules.InvalidArgument, match="b_share"):
        crmrules.classify([1, 2], a_share="0.9", b_share="0.8")
    with pytest.raises(TypeError, match="float"):
        crmrules.classify([1.5])
    with pytest.raises(crmrules.ParseError):
        crmrules.classify(["12,5"])


def test_quantile_scores():
    assert crmrules.quantile_scores(range(1, 11)) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert crmrules.quantile_scores([1, 2, 3, 4, 5], better="lower") == [5, 4, 3, 2, 1]
    assert crmrules.quantile_scores([0, 0, 0, 0, 0, 0, 1, 2, 3, 4]) == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    assert crmrules.quantile_scores([5, None, 1], bins=2) == [2, None, 1]
    with pytest.raises(crmrules.InvalidArgument):
        crmrules.quantile_scores([1], bins=1)
    with pytest.raises(ValueError):
        crmrules.quantile_scores([1], better="sideways")


def test_grade_the_deck_with_the_builtin_rules():
    graded = crmrules.grade(DECK)
    assert [g["value_grade"] for g in graded] == ["B2", "A1", "A1"]
    assert [g["abc_class"] for g in graded] == ["C", "A", "A"]
    assert [g["abc_rank"] for g in graded] == [3, 1, 2]
    assert graded[1]["cumulative_share"] == Decimal("0.754717")


def test_grade_keeps_bad_rows_apart():
    rules = crmrules.RuleSet.load_file(DATA / "portfolio_rules.json")
    rows = [dict(DECK[1]), {"id": "BAD", "annual_purchases": 1, "annual_net_profit": 1, "potential": "Z9"},
            {"id": "NOPROFIT", "annual_purchases": 1}, dict(DECK[2])]
    for row in (rows[0], rows[3]):
        for extra in ("annual_discount", "contact_cost", "historical_contribution", "budgeted_total_profit",
                      "influence"):
            del row[extra]
    graded = crmrules.grade(rows, rules=rules)
    assert isinstance(graded[1], crmrules.RowError) and graded[1].pointer == "/potential"
    assert isinstance(graded[2], crmrules.RowError) and graded[2].code == "missing"
    assert graded[0]["abc_class"] == "A" and graded[3]["abc_class"] == "A"  # 20M and 6M: the bad rows are not counted
    assert graded[3]["cumulative_share"] == Decimal("1")


def test_grade_with_rfm():
    rows = [{"annual_purchases": 100, "annual_net_profit": i, "days": 10 * i, "orders": i, "spend": 100 * i}
            for i in range(1, 11)]
    rules = crmrules.RuleSet.load_file(DATA / "portfolio_rules.json")
    graded = crmrules.grade(rows, rules=rules, rfm=("days", "orders", "spend"))
    assert (graded[0]["r_score"], graded[0]["f_score"], graded[0]["m_score"]) == (5, 1, 1)
    assert (graded[9]["r_score"], graded[9]["f_score"], graded[9]["m_score"]) == (1, 5, 5)


def test_grade_a_dataframe():
    import pandas
    frame = pandas.DataFrame([{k: str(v) for k, v in row.items()} for row in DECK], index=["hq", "hw", "cm"])
    out = crmrules.grade(frame)
    assert list(out.index) == ["hq", "hw", "cm"]
    assert list(out["abc_class"]) == ["C", "A", "A"]
    assert list(out["value_grade"]) == ["B2", "A1", "A1"]
    assert out["error"].isna().all()


FOUR_CLASS_PROFITS = [500, 300, 50, 25, 25, 50, 30, 20, -40, 0]


def test_the_builtin_four_classes():
    classes = crmrules.share_classes()
    assert [(c.label, c.zh, c.up_to) for c in classes] == [
        ("A", "主要客户", Decimal("0.80")), ("B", "次要客户", Decimal("0.90")), ("C", "辅助客户", Decimal("0.95")),
        ("D", "杂类客户", None)]
    assert classes[3].en == "miscellaneous customers"


def test_four_classes_exact_cut_offs_ties_and_losses():
    four = crmrules.four_classes(FOUR_CLASS_PROFITS)
    # 300 reaches exactly 80% (A); the 50/50 tie exactly 90% (B); losses and zero are D.
    assert "".join(four.classes) == "AABCCBCDDD"
    assert four.counts == {"A": 2, "B": 2, "C": 3, "D": 3}
    assert four.shares == {"A": Decimal("0.8"), "B": Decimal("0.1"), "C": Decimal("0.08"), "D": Decimal("0.02")}
    # From a Portfolio already classified: the same, and beside its ABC classes.
    p = crmrules.classify(FOUR_CLASS_PROFITS)
    assert crmrules.four_classes(p).classes == four.classes
    assert "".join(p.classes) == "AABBBBBCCC"


def test_four_classes_from_a_rule_set_of_ones_own():
    rules = crmrules.RuleSet.load_file(DATA / "portfolio_rules.json")
    with pytest.raises(crmrules.InvalidRule) as missing:
        crmrules.four_classes([1, 2], rules)
    assert "no \"portfolio\" section" in str(missing.value)
    text = (DATA / "portfolio_rules.json").read_text(encoding="utf-8").rstrip()
    assert text.endswith("}")
    mine = crmrules.RuleSet.load(text[:-1] + ''', "portfolio": {"four_class": [
        {"label": "big", "name": {"zh": "大客户"}, "up_to": "0.5"}, {"label": "rest", "name": {"en": "the rest"}}]}}''')
    assert crmrules.four_classes([60, 40], mine).classes == ["big", "rest"]
    graded = crmrules.grade([{"annual_purchases": 1, "annual_net_profit": 60}, {"annual_purchases": 1,
                                                                               "annual_net_profit": 40}], rules=mine)
    assert [g["four_class"] for g in graded] == ["big", "rest"]
    assert "four_class" not in crmrules.grade([{"annual_purchases": 1, "annual_net_profit": 1}], rules=rules)[0]
    with pytest.raises(crmrules.InvalidRule) as bad:
        crmrules.RuleSet.load(text[:-1] + ''', "portfolio": {"four_class": [
            {"label": "big", "up_to": "0.5"}, {"label": "rest", "up_to": "0.9"}]}}''')
    assert bad.value.pointer == "/portfolio/four_class/1/up_to" and bad.value.line is not None


def test_grade_adds_the_four_classes():
    graded = crmrules.grade(DECK)
    assert [g["four_class"] for g in graded] == ["D", "A", "A"]
    import pandas
    frame = pandas.DataFrame([{k: str(v) for k, v in row.items()} for row in DECK])
    assert list(crmrules.grade(frame)["four_class"]) == ["D", "A", "A"]


def test_grade_keeps_input_columns():
    rows = [{**r, "region": region} for r, region in zip(DECK, ["north", "south", "east"])]
    graded = crmrules.grade(rows, keep=["id", "region"])
    assert [(g["id"], g["region"]) for g in graded] == [("HQ", "north"), ("HW", "south"), ("CM", "east")]
    assert list(graded[0])[:2] == ["id", "region"]  # kept columns first, then the outputs
    assert graded[1]["value_grade"] == crmrules.grade(DECK)[1]["value_grade"]
    every = crmrules.grade(rows, keep=True)
    assert every[2]["name"] == "中国移动" and every[2]["annual_discount"] == 2300000


def test_grade_keep_in_a_dataframe():
    import pandas

    frame = pandas.DataFrame([{k: str(v) for k, v in r.items()} for r in DECK], index=["a", "b", "c"])
    graded = crmrules.grade(frame, keep=["name"])
    assert list(graded.columns[:2]) == ["name", "discount_rate"]
    assert graded.loc["b", "name"] == "华为"


def test_grade_keep_refuses_unknown_and_written_columns():
    with pytest.raises(ValueError, match=r"no row has a column 'regoin'"):
        crmrules.grade(DECK, keep=["regoin"])
    with pytest.raises(ValueError, match=r"did you mean 'name'"):
        crmrules.grade(DECK, keep=["nam"])
    with pytest.raises(ValueError, match=r"column 'abc_class' cannot be kept"):
        crmrules.grade([{**DECK[0], "abc_class": "x"}], keep=["abc_class"])
    with pytest.raises(TypeError, match="not a string"):
        crmrules.grade(DECK, keep="id")
