"""DataFrames through the columnar path (crmrules.frame): the same answers as evaluate()
row by row, floats as a decision, missing values, extra and missing columns, mixed and
bad cells named with their row's index label, outputs as Decimal, float or str."""

import datetime
import json
from decimal import Decimal

import numpy
import pandas
import pytest

import crmrules

RULES = crmrules.RuleSet.load("""{"crmrules": 1, "name": "t", "version": "1",
  "inputs": {"amount": {"type": "decimal", "required": true}, "region": {"type": "enum", "values": ["north", "south"]},
             "vip": {"type": "bool", "default": false}, "since": {"type": "date"}},
  "decisions": [
    {"name": "fee", "expression": "amount * 0.1"},
    {"name": "label", "expression": "region ?? 'unknown'"},
    {"name": "big", "expression": "amount > 100"},
    {"name": "tags", "table": {"hit_policy": "COLLECT", "inputs": ["amount"], "outputs": ["tags"],
                               "rows": [["> 0", "'positive'"], ["> 100", "'large'"]]}}]}""")


def test_the_same_answers_as_row_by_row():
    frame = pandas.DataFrame({"amount": [50, 200, 7], "region": ["north", "south", None], "vip": [True, False, True],
                              "customer_id": ["a", "b", "c"]}, index=["x", "y", "z"])
    out = RULES.evaluate_many(frame)  # customer_id is not an input: ignored
    assert list(out.index) == ["x", "y", "z"]
    for label, row in zip(frame.index, frame.to_dict("records")):
        row.pop("customer_id")
        expected = RULES.evaluate({k: v for k, v in row.items() if v is not None})
        got = out.loc[label].to_dict()
        assert got == expected
    assert out.fee.tolist() == [Decimal("5.0"), Decimal("20.0"), Decimal("0.7")]
    assert out.tags.tolist() == [["positive"], ["positive", "large"], ["positive"]]
    assert RULES.evaluate_many(frame, decimals="float").fee.dtype == numpy.float64
    assert RULES.evaluate_many(frame, decimals="str").fee.tolist() == ["5.0", "20.0", "0.7"]


def test_floats_are_a_decision():
    frame = pandas.DataFrame({"amount": [0.1, 2.5, numpy.nan]})  # what read_csv makes of 0.1, 2.5, ""
    with pytest.raises(crmrules.TypeMismatch, match="float columns 'amount'.*floats=\"shortest\""):
        RULES.evaluate_many(frame)
    out = RULES.evaluate_many(frame, floats="shortest", errors="collect")
    assert out.fee.tolist()[:2] == [Decimal("0.01"), Decimal("0.25")]  # 0.1 is 0.1, not its binary neighbour
    assert out.error[2].code == "missing"  # NaN: no value, and amount is required
    with pytest.raises(crmrules.TypeMismatch, match=r"row 0 \(index 0\)"):
        RULES.evaluate_many(frame, floats="reject")
    mixed = pandas.DataFrame({"amount": [Decimal("1.5"), 2.25, 3]}, dtype=object)
    with pytest.raises(crmrules.TypeMismatch, match="float columns 'amount'"):
        RULES.evaluate_many(mixed)
    assert RULES.evaluate_many(mixed, floats="shortest").fee.tolist() == [Decimal("0.15"), Decimal("0.225"),
                                                                           Decimal("0.3")]


def test_missing_values_columns_and_bad_cells():
    frame = pandas.DataFrame({"amount": pandas.array([10, None, 30], dtype="Int64"),
                              "region": ["north", pandas.NA, "west"]}, index=["a", "b", "c"])
    out = RULES.evaluate_many(frame, errors="collect")
    assert out.error["a"] is None
    assert (out.error["b"].code, out.error["b"].pointer) == ("missing", "/amount")
    assert (out.error["c"].code, out.error["c"].pointer) == ("out_of_range", "/region")
    assert out.fee["c"] is None  # a failed row's outputs are all null
    with pytest.raises(crmrules.Missing, match=r"row 1 \(index 'b'\)"):
        RULES.evaluate_many(frame)
    with pytest.raises(crmrules.Missing, match="input 'amount' is required and no column gives it"):
        RULES.evaluate_many(pandas.DataFrame({"region": ["north"]}))
    with pytest.raises(crmrules.UnknownName, match="did you mean 'region'"):
        RULES.evaluate_many(pandas.DataFrame({"amount": [1], "regoin": ["north"]}), strict=True)
    bad = pandas.DataFrame({"amount": [1, 2], "region": ["north", "\ud800"]})  # a lone surrogate: not UTF-8
    out = RULES.evaluate_many(bad, errors="collect")
    assert out.error[1].code == "invalid_utf8"
    with pytest.raises(TypeError, match=r"column 'region', row 0 \(index 0\)"):
        RULES.evaluate_many(pandas.DataFrame({"amount": [1], "region": [{"a": 1}]}))


def test_every_row_failing_raises_even_when_collecting():
    with pytest.raises(crmrules.OutOfRange):
        RULES.evaluate_many(pandas.DataFrame({"amount": [1, 2], "region": ["east", "west"]}), errors="collect")


def test_numpy_scalars_everywhere():
    assert RULES.evaluate({"amount": numpy.int64(20), "vip": numpy.bool_(True)})["fee"] == Decimal("2.0")
    assert crmrules.classify(numpy.array([60, 25, 10, 5])).classes == crmrules.classify([60, 25, 10, 5]).classes
    with pytest.raises(TypeError, match="binary floating point"):
        crmrules.classify(numpy.array([0.5, 1.5]))


def test_grade_reads_a_frame_as_read_csv_gives_it(tmp_path):
    frame = pandas.DataFrame({"id": ["c1", "c2", "c3"], "annual_purchases": [5_000_000, 800_000, 30_000_000],
                              "annual_net_profit": [250_000.5, 40_000.25, 1_500_000.75]})
    with pytest.raises(crmrules.TypeMismatch, match="float columns 'annual_net_profit'"):
        crmrules.builtin().evaluate_many(frame)
    graded = crmrules.builtin().evaluate_many(frame, floats="shortest", errors="collect")
    assert graded.error.tolist() == [None, None, None]
    assert graded.value_grade.tolist() == ["C2", "C2", "C1"]


def test_strings_as_categoricals_or_pandas_strings():
    frame = pandas.DataFrame({"amount": [50, 200, 7, 9], "region": ["north", "south", None, "north"]})
    out = RULES.evaluate_many(frame, strings="category")
    assert isinstance(out.label.dtype, pandas.CategoricalDtype)
    assert list(out.label.cat.categories) == ["north", "south", "unknown"]  # in order of appearance
    assert out.label.tolist() == ["north", "south", "unknown", "north"]
    assert out.fee.tolist() == [Decimal("5.0"), Decimal("20.0"), Decimal("0.7"), Decimal("0.9")]  # decimals apart
    as_string = RULES.evaluate_many(frame, strings="string")
    assert as_string.label.dtype == "string"
    assert as_string.label.tolist() == ["north", "south", "unknown", "north"]
    plain = RULES.evaluate_many(frame)
    assert plain.label.dtype == object
    assert plain.label[0] is plain.label[3]  # one str per distinct value
    with pytest.raises(ValueError, match="strings must be 'object', 'category' or 'string'"):
        RULES.evaluate_many(frame, strings="categorical")


def test_a_failed_row_is_missing_in_a_categorical():
    frame = pandas.DataFrame({"amount": [50, 200], "region": ["north", "west"]})
    out = RULES.evaluate_many(frame, strings="category", errors="collect")
    assert out.label.tolist()[0] == "north"
    assert pandas.isna(out.label[1])
    assert out.error[1].code == "out_of_range"


def test_a_text_output_holding_the_unit_separator_comes_back_whole():
    rules = crmrules.RuleSet.load("""{"crmrules": 1, "name": "s", "version": "1",
      "inputs": {"n": {"type": "integer"}},
      "decisions": [{"name": "joined", "expression": "n > 1 ? 'a\\u001fb' : 'c'"}]}""")
    frame = pandas.DataFrame({"n": [1, 2, 2]})
    for strings in ("object", "category", "string"):
        assert rules.evaluate_many(frame, strings=strings).joined.tolist() == ["c", "a\x1fb", "a\x1fb"]


def test_time_and_duration_columns():
    rules = crmrules.RuleSet.load(json.dumps({
        "crmrules": 1, "name": "shifts", "version": "1",
        "inputs": {"start": {"type": "time"}, "wait": {"type": "days_duration"}, "tenure": {"type": "months_duration"}},
        "decisions": [{"name": "early", "expression": "start < time('12:00:00')"},
                      {"name": "wait_out", "expression": "wait + duration('PT0S')"},
                      {"name": "tenure_out", "expression": "tenure"}]}))
    frame = pandas.DataFrame({
        "start": [datetime.time(9, 30), datetime.time(13, 0)],
        "wait": pandas.to_timedelta(["36h", "1ns"]),
        "tenure": [crmrules.MonthsDuration(14), "P1M"],
    })
    out = rules.evaluate_many(frame)
    assert out["early"].tolist() == [True, False]
    assert out["wait_out"].tolist() == ["P1DT12H", "PT0.000000001S"]  # ISO text in a DataFrame
    assert out["tenure_out"].tolist() == ["P1Y2M", "P1M"]
