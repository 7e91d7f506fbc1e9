"""Satisfaction = actual product / ideal product (满意度 = 实际产品/理想产品) from Python: a
weighted rating with the built-in bands, exact band edges, the label fed to the grading
rules, a CSV of customers (path, text, records, CSV, JSON), a DataFrame, a rule set's own
bands, and bad input with its place."""

from decimal import Decimal

import pytest

import crmrules

CSV = ("customer,attribute,actual,ideal,weight\n"
       "华为,交货周期,8,10,\n"
       "华为,质量功能,9,10,2\n"
       "中国移动,价格,45万,50万,2\n"
       "中国移动,服务,3,10,\n")


def test_rate_a_weighted_product():
    r = crmrules.satisfaction.rate([("交货周期", 8, 10), ("质量功能", "9", Decimal(10), 2)])
    assert (r.ratio, r.actual_product, r.ideal_product) == (Decimal("0.8667"), Decimal(26), Decimal(30))
    assert (r.label, r.zh, r.en, r.points) == ("fairly_satisfied", "较满意", "fairly satisfied", 5)
    assert [(a.name, a.ratio, a.shortfall) for a in r.attributes] == [
        ("交货周期", Decimal("0.8000"), Decimal(2)), ("质量功能", Decimal("0.9000"), Decimal(1))]
    # The same product as dicts and as a mapping.
    assert crmrules.satisfaction.rate([{"attribute": "a", "actual": 8, "ideal": 10},
                                       {"name": "b", "actual": 9, "ideal": 10, "weight": 2}]).ratio == r.ratio
    assert crmrules.satisfaction.rate({"a": (8, 10), "b": (9, 10, 2)}).label == "fairly_satisfied"


@pytest.mark.parametrize("actual, ideal, label", [
    ("2.7", 3, "satisfied"), (9, 10, "satisfied"), ("8.99", 10, "fairly_satisfied"), (2, 3, "not_very_satisfied"),
    (1, 2, "dissatisfied"), (12, 10, "very_satisfied"), ("0.999999999999999999", 1, "satisfied"), (0, 5, "very_dissatisfied")])
def test_band_edges_are_exact(actual, ideal, label):
    assert crmrules.satisfaction.rate([("a", actual, ideal)]).label == label


def test_the_label_feeds_the_grading_rules():
    r = crmrules.satisfaction.rate([("a", "2.7", 3)])
    out = crmrules.builtin().evaluate({"annual_purchases": 1000000, "annual_net_profit": 100000,
                                       "satisfaction": r.label})
    assert out["satisfaction_points"] == r.points and out["satisfaction_label_zh"] == r.zh


def test_rate_csv_text_and_path(tmp_path):
    records = crmrules.satisfaction.rate_csv(CSV)
    assert [r["customer"] for r in records] == ["华为", "中国移动"]
    assert records[0]["ratio"] == Decimal("0.8667") and records[0]["satisfaction"] == "fairly_satisfied"
    assert records[1]["actual_product"] == Decimal(900003) and records[1]["ratio"] == Decimal("0.9000")
    assert records[1]["satisfaction"] == "fairly_satisfied"  # 0.89999...: the exact ratio is below 0.9
    path = tmp_path / "ratings.csv"
    path.write_text(CSV, encoding="utf-8")
    assert crmrules.satisfaction.rate_csv(path) == records
    assert crmrules.satisfaction.rate_csv(str(path), format="csv").startswith(
        "customer,line,actual_product,ideal_product,ratio,satisfaction,satisfaction_points,satisfaction_name,shortfalls\n"
        "华为,2,26,30,0.8667,fairly_satisfied,5,较满意,交货周期:0.8000;质量功能:0.9000\n")
    assert ",fairly satisfied," in crmrules.satisfaction.rate_csv(CSV, lang="en", format="csv")
    assert crmrules.satisfaction.rate_csv(CSV, format="json").startswith("[")


def test_a_dataframe_in_one_row_per_customer_out():
    import io

    import pandas
    frame = pandas.read_csv(io.StringIO(CSV), dtype=str)
    out = crmrules.satisfaction.rate_frame(frame)
    assert list(out.index) == ["华为", "中国移动"]
    assert out.loc["华为", "satisfaction"] == "fairly_satisfied" and out.loc["华为", "satisfaction_zh"] == "较满意"
    assert out.loc["中国移动", "shortfalls"] == ["服务", "价格"]
    with pytest.raises(TypeError):
        crmrules.satisfaction.rate_frame(pandas.read_csv(io.StringIO(CSV)))  # floats: refused


def test_bad_input_names_its_place():
    with pytest.raises(crmrules.InvalidArgument) as negative:
        crmrules.satisfaction.rate([("ok", 1, 1), ("交货", -1, 1)])
    assert "attribute 2 '交货': actual is 0 or more" in str(negative.value)
    with pytest.raises(crmrules.InvalidArgument) as zero:
        crmrules.satisfaction.rate([("a", 1, 0)])
    assert "the ideal product is 0" in str(zero.value)
    with pytest.raises(crmrules.ParseError) as amount:
        crmrules.satisfaction.rate([("a", "万万", 1)])
    assert "attribute 'a': actual" in str(amount.value)
    with pytest.raises(TypeError):
        crmrules.satisfaction.rate([("a", 0.5, 1)])
    with pytest.raises(crmrules.ParseError) as cell:
        crmrules.satisfaction.rate_csv("customer,attribute,actual,ideal\nA,x,1,2\nA,y,1.3.5万,2\n")
    assert (cell.value.line, cell.value.column) == (3, 3)
    with pytest.raises(crmrules.Conflict) as twice:
        crmrules.satisfaction.rate_csv("customer,attribute,actual,ideal\nA,x,1,2\nA,x,1,2\n")
    assert twice.value.line == 3 and "twice" in str(twice.value)
    with pytest.raises(crmrules.Missing) as column:
        crmrules.satisfaction.rate_csv("customer,attribute,actual\nA,x,1\n")
    assert "no column 'ideal'" in str(column.value)
    with pytest.raises(crmrules.InvalidArgument):
        crmrules.satisfaction.rate_csv(CSV, lang="fr")


def test_a_rule_set_of_ones_own():
    rules = crmrules.RuleSet.load('''{"crmrules": 1, "name": "s", "version": "1",
      "inputs": {"x": {"type": "decimal"}}, "decisions": [{"name": "y", "expression": "x"}],
      "satisfaction": {"scale": 2, "bands": [{"label": "happy", "name": {"zh": "满意"}, "points": 2, "from": "0.75"},
                                             {"label": "unhappy", "name": {"en": "unhappy"}, "points": 1}]}}''')
    r = crmrules.satisfaction.rate([("a", 2, 3)], rules)
    assert (r.label, r.ratio) == ("unhappy", Decimal("0.67"))
    assert crmrules.satisfaction.rate([("a", 3, 4)], rules).label == "happy"
    plain = crmrules.RuleSet.load('''{"crmrules": 1, "name": "p", "version": "1",
      "inputs": {"x": {"type": "decimal"}}, "decisions": [{"name": "y", "expression": "x"}]}''')
    with pytest.raises(crmrules.InvalidRule) as none:
        crmrules.satisfaction.rate([("a", 1, 1)], plain)
    assert 'no "satisfaction" section' in str(none.value)
    with pytest.raises(crmrules.InvalidRule) as bad:
        crmrules.RuleSet.load('''{"crmrules": 1, "name": "s", "version": "1",
          "inputs": {"x": {"type": "decimal"}}, "decisions": [{"name": "y", "expression": "x"}],
          "satisfaction": {"bands": [{"label": "a", "points": 2, "from": "0.5"}, {"label": "b", "points": 1, "from": 0}]}}''')
    assert bad.value.pointer == "/satisfaction/bands/1/from"
