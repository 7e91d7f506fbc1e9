"""crmrules.RuleSet, crmrules.lint and crmrules.testing on tests/data/grading.json: values and
their Python types, the trace, every error path, batches, the rule set's own tests and
evaluation from several threads."""

import datetime
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

import crmrules
from crmrules.testing import RuleCase, assert_case, assert_coverage, parametrize_cases, pytest_cases, rule_tests

GRADING = Path(__file__).parents[3] / "tests/data/grading.json"

RETAILER = {"purchases": 8000000, "cooperation": 6, "sector": "retail"}
RETAILER_OUT = {
    "value_score": Decimal("71.00"),
    "value_score_reasons": "",
    "value_grade": "B1",
    "key_account": False,
}
# purchases 6 + cooperation (default 5) 15 + sector (default "other") 0 points.
SMALL = {"purchases": 1000000}
SMALL_OUT = {
    "value_score": Decimal("21.00"),
    "value_score_reasons": "LOW_PURCHASES,SECTOR",
    "value_grade": "C1",
    "key_account": False,
}
BIG_TECH = {"purchases": 10000000, "cooperation": 10, "sector": "tech"}
BIG_TECH_OUT = {"value_score": Decimal("100.00"), "value_score_reasons": "", "value_grade": "A1", "key_account": True}

# Echoes its inputs, to check that values survive the way in and out exactly.
ECHO = json.dumps({
    "crmrules": 1, "name": "echo", "version": "0.1",
    "inputs": {"d": {"type": "date"}, "m": {"type": "money"}, "s": {"type": "string"}, "b": {"type": "bool"}},
    "decisions": [
        {"name": "d_out", "expression": "d"},
        {"name": "m_out", "expression": "m"},
        {"name": "s_out", "expression": "s"},
        {"name": "b_out", "expression": "b"},
    ],
})


@pytest.fixture(scope="module")
def rules():
    return crmrules.RuleSet.load_file(GRADING)


@pytest.fixture(scope="module")
def echo():
    return crmrules.RuleSet.load(ECHO)


def assert_same(actual, expected):
    """Equal, with the same types and, for decimals, the same exact text (scale)."""
    assert actual == expected
    assert [type(v) for v in actual.values()] == [type(v) for v in expected.values()]
    assert [str(v) for v in actual.values()] == [str(v) for v in expected.values()]


# ---- loading and properties -----------------------------------------------------------


def test_load_and_properties(rules):
    assert rules.name == "grading-fixture"
    assert rules.version == "1.0.0"
    assert rules.inputs == ["purchases", "cooperation", "sector", "name"]
    assert rules.outputs == ["value_score", "value_score_reasons", "value_grade", "key_account"]
    assert repr(rules) == "<crmrules.RuleSet 'grading-fixture' version '1.0.0'>"


def test_properties_are_copies(rules):
    rules.inputs.append("x")
    rules.outputs.clear()
    assert len(rules.inputs) == 4 and len(rules.outputs) == 4


@pytest.mark.parametrize("as_type", [str, bytes])
def test_load_from_text(as_type):
    text = GRADING.read_text(encoding="utf-8")
    rules = crmrules.RuleSet.load(text if as_type is str else text.encode("utf-8"))
    assert rules.evaluate(RETAILER) == RETAILER_OUT


def test_load_file_takes_str_paths(rules):
    assert crmrules.RuleSet.load_file(str(GRADING)).outputs == rules.outputs


# ---- evaluate ----------------------------------------------------------------------------


@pytest.mark.parametrize("given, expected", [(RETAILER, RETAILER_OUT), (SMALL, SMALL_OUT), (BIG_TECH, BIG_TECH_OUT)])
def test_evaluate_values_and_types(rules, given, expected):
    outputs = rules.evaluate(given)
    assert_same(outputs, expected)
    assert list(outputs) == rules.outputs  # in output order


def test_inputs_may_be_decimal_int_or_str(rules):
    for purchases in (8000000, Decimal("8000000"), Decimal("8000000.00"), Decimal("8E+6"), "8000000.00"):
        assert_same(rules.evaluate({**RETAILER, "purchases": purchases}), RETAILER_OUT)


def test_none_means_not_given(rules):
    assert_same(rules.evaluate({"purchases": 1000000, "cooperation": None, "sector": None, "name": None}), SMALL_OUT)


def test_the_reused_record_forgets_the_previous_inputs(rules):
    rules.evaluate(BIG_TECH)
    assert_same(rules.evaluate(SMALL), SMALL_OUT)  # cooperation and sector back to their defaults


def test_repeated_evaluations_reuse_one_record_per_thread(rules):
    rules.evaluate(RETAILER)
    record = rules._local.scratch.record
    for _ in range(3):
        rules.evaluate(SMALL)
    assert rules._local.scratch.record is record


def test_values_round_trip_exactly(echo):
    given = {"d": datetime.date(2024, 2, 29), "m": Decimal("12345678901234.567800"), "s": "Zoë", "b": True}
    assert_same(echo.evaluate(given), {"d_out": datetime.date(2024, 2, 29), "m_out": Decimal("12345678901234.567800"),
                                       "s_out": "Zoë", "b_out": True})
    assert_same(echo.evaluate({}), {"d_out": None, "m_out": None, "s_out": None, "b_out": None})


def test_numpy_scalars_are_their_python_values(rules):
    import numpy as np
    assert_same(rules.evaluate({"purchases": np.int64(8000000), "cooperation": np.int32(6), "sector": "retail"}),
                RETAILER_OUT)
    with pytest.raises(crmrules.TypeMismatch):
        rules.evaluate({"purchases": np.float64(8000000)})


# ---- the trace -------------------------------------------------------------------------


def test_trace(rules):
    outputs, trace = rules.evaluate(RETAILER, trace=True)
    assert_same(outputs, RETAILER_OUT)
    assert [(d["decision"], d["kind"]) for d in trace] == [
        ("value", "scorecard"), ("grade", "table"), ("key_account", "expression")]
    value, grade, key_account = trace
    assert [(f["factor"], f["points"], f["reason_code"]) for f in value["factors"]] == [
        ("purchases", 48, "LOW_PURCHASES"), ("cooperation", 18, "SHORT_COOPERATION"), ("sector", 5, "SECTOR")]
    assert value["factors"][2]["input"] == "retail" and value["factors"][2]["bin"] == 1
    assert value["outputs"] == {"value_score": Decimal("71.00"), "value_score_reasons": ""}
    assert grade["selected_rows"] == [1]
    assert [(r["row"], r["matched"]) for r in grade["rows"]] == [(0, False), (1, True), (2, False)]
    assert grade["rows"][2]["id"] == "floor"
    assert grade["outputs"] == {"value_grade": "B1"}
    assert key_account["outputs"] == {"key_account": False}


def test_trace_numbers_are_decimals_never_floats(rules):
    _, trace = rules.evaluate(RETAILER, trace=True)

    def numbers(node):
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            return [n for child in node for n in numbers(child)]
        return [node] if isinstance(node, (int, float, Decimal)) and not isinstance(node, bool) else []

    found = numbers(trace)
    assert found and all(type(n) is Decimal for n in found)
    assert str(trace[0]["outputs"]["value_score"]) == "71.00"


def test_trace_of_a_date_output(echo):
    outputs, trace = echo.evaluate({"d": datetime.date(2024, 1, 31)}, trace=True)
    assert outputs["d_out"] == datetime.date(2024, 1, 31)
    assert trace[0]["outputs"] == {"d_out": "2024-01-31"}


# ---- errors ----------------------------------------------------------------------------


def test_malformed_json_names_line_and_column():
    with pytest.raises(crmrules.ParseError) as info:
        crmrules.RuleSet.load('{"crmrules": 1,\n "name": }')
    assert (info.value.code, info.value.line, info.value.column) == ("parse", 2, 10)
    assert "line 2, column 10" in str(info.value)


def test_a_rule_set_error_names_pointer_line_and_column():
    doc = json.loads(GRADING.read_text(encoding="utf-8"))
    doc["decisions"][2]["expresion"] = doc["decisions"][2].pop("expression")
    with pytest.raises(crmrules.UnknownName) as info:
        crmrules.RuleSet.load(json.dumps(doc, indent=1))
    error = info.value
    assert error.code == "unknown_name"
    assert error.pointer == "/decisions/2/expresion"
    assert "did you mean 'expression'" in error.message
    assert error.line > 1 and error.column > 1


def test_bytes_that_are_not_utf8():
    text = b'{"crmrules": 1, "name": "\xff"}'
    with pytest.raises(crmrules.InvalidUtf8) as info:
        crmrules.RuleSet.load(text)
    assert info.value.offset == text.index(b"\xff")
    with pytest.raises(crmrules.InvalidUtf8):
        crmrules.lint(text)


def test_a_file_that_cannot_be_read(tmp_path):
    with pytest.raises(crmrules.IoError) as info:
        crmrules.RuleSet.load_file(tmp_path / "missing.json")
    assert isinstance(info.value, OSError) and info.value.code == "io"


def test_limits_refuse_what_is_past_them_and_name_the_limit(tmp_path):
    # Two decisions against a limit of one; the default takes them; the file path too.
    few = crmrules.Limits(decisions=1)
    with pytest.raises(crmrules.OutOfRange) as info:
        crmrules.RuleSet.load(ECHO, limits=crmrules.Limits(decisions=3))
    assert "crm::Limits::decisions" in info.value.message and info.value.pointer == "/decisions"
    [finding] = [f for f in crmrules.lint(ECHO, limits=few) if f["severity"] == "error"]
    assert "crm::Limits::decisions" in finding["message"]
    assert crmrules.RuleSet.load(ECHO, limits=crmrules.Limits(decisions=4)).outputs == ["d_out", "m_out", "s_out", "b_out"]
    with pytest.raises(crmrules.OutOfRange, match="crm::Limits::decisions"):
        crmrules.RuleSet.load_file(GRADING, limits=crmrules.Limits(decisions=2))
    assert crmrules.RuleSet.load_file(GRADING, limits=crmrules.Limits(decisions=3)).name


def test_a_rule_set_keeps_its_string_limit_for_inputs():
    short = crmrules.RuleSet.load(ECHO, limits=crmrules.Limits(string_bytes=16))
    assert short.evaluate({"s": "x" * 16})["s_out"] == "x" * 16
    with pytest.raises(crmrules.OutOfRange, match="crm::Limits::string_bytes"):
        short.evaluate({"s": "x" * 17})
    assert short.evaluate({"s": "ok"})["s_out"] == "ok"  # the record is still usable


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "10"])
def test_limits_must_be_positive_integers(bad):
    with pytest.raises(crmrules.OutOfRange, match="Limits.inputs must be a positive integer"):
        crmrules.RuleSet.load(ECHO, limits=crmrules.Limits(inputs=bad))


def test_unknown_input(rules):
    assert not rules.ignores_unknown_inputs  # the default: refused, as in C++, C and the CLI
    with pytest.raises(crmrules.Missing, match="purchases"):  # ignored: the real input is then missing
        rules.evaluate({"purchase": 8000000}, ignore_unknown=True)
    with pytest.raises(crmrules.Missing, match="purchases"):  # the old spelling
        rules.evaluate({"purchase": 8000000}, strict=False)
    with pytest.raises(ValueError, match="contradict"):
        rules.evaluate({"purchase": 8000000}, strict=True, ignore_unknown=True)
    with pytest.raises(crmrules.UnknownName) as info:
        rules.evaluate({"purchase": 8000000})
    assert isinstance(info.value, KeyError)
    assert info.value.code == "unknown_name"
    assert "purchase" in info.value.message and info.value.pointer == "/purchase"


@pytest.mark.parametrize(
    "inputs, pointer",
    [
        ({"purchases": True}, "/purchases"),  # a bool is not a number, though Python says True == 1
        ({"purchases": 1, "name": 5}, "/name"),
        ({"purchases": 1, "sector": False}, "/sector"),
        ({"purchases": 1, "cooperation": Decimal("6.5")}, "/cooperation"),  # an integer field
        ({"purchases": 1, "sector": 5}, "/sector"),
    ],
)
def test_wrong_type(rules, inputs, pointer):
    with pytest.raises(crmrules.TypeMismatch) as info:
        rules.evaluate(inputs)
    assert isinstance(info.value, TypeError)
    assert info.value.code == "type_mismatch" and info.value.pointer == pointer


@pytest.mark.parametrize(
    "inputs, pointer",
    [
        ({"purchases": -1}, "/purchases"),
        ({"purchases": 1, "cooperation": 11}, "/cooperation"),
        ({"purchases": 1, "sector": "nope"}, "/sector"),
        ({"purchases": Decimal("1E-19")}, "/purchases"),  # more than 18 fractional digits
    ],
)
def test_out_of_range(rules, inputs, pointer):
    with pytest.raises(crmrules.OutOfRange) as info:
        rules.evaluate(inputs)
    assert info.value.code == "out_of_range" and info.value.pointer == pointer


def test_a_date_for_a_number_does_not_parse(rules):
    with pytest.raises(crmrules.ParseError) as info:  # dates go in as "YYYY-MM-DD"
        rules.evaluate({"purchases": datetime.date(2024, 1, 1)})
    assert info.value.pointer == "/purchases"


def test_too_large_a_number(rules):
    with pytest.raises(crmrules.DecimalOverflow) as info:
        rules.evaluate({"purchases": 10**20})
    assert info.value.pointer == "/purchases"


def test_missing_required_input(rules):
    with pytest.raises(crmrules.Missing) as info:
        rules.evaluate({"cooperation": 6})
    assert info.value.code == "missing"
    assert "purchases" in info.value.message and info.value.pointer == "/purchases"


@pytest.mark.parametrize("value", [8000000.0, 0.5])
def test_float_is_refused(rules, value):
    with pytest.raises(TypeError, match="float") as info:
        rules.evaluate({"purchases": value})
    assert isinstance(info.value, crmrules.TypeMismatch) and info.value.pointer == "/purchases"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_nan_and_infinity_are_refused(rules, value):
    with pytest.raises(crmrules.OutOfRange, match="not a finite number"):
        rules.evaluate({"purchases": value})


@pytest.mark.parametrize("value", [datetime.datetime(2024, 1, 1), b"retail", object(), [1]])
def test_other_types_are_refused(rules, value):
    with pytest.raises(crmrules.TypeMismatch):
        rules.evaluate({"purchases": 1, "sector": value})


def test_a_string_that_is_not_utf8(rules):
    with pytest.raises(crmrules.InvalidUtf8) as info:
        rules.evaluate({"purchases": 1, "name": "bad \udc80"})
    assert info.value.pointer == "/name" and info.value.offset == 4


def test_inputs_must_be_a_mapping(rules):
    with pytest.raises(TypeError, match="mapping"):
        rules.evaluate([("purchases", 1)])


def test_a_failed_evaluation_leaves_the_rule_set_usable(rules):
    with pytest.raises(crmrules.OutOfRange):
        rules.evaluate({"purchases": -1})
    assert_same(rules.evaluate(RETAILER), RETAILER_OUT)


# ---- evaluate_many ---------------------------------------------------------------------


def test_evaluate_many_rows(rules):
    results = rules.evaluate_many([RETAILER, SMALL, BIG_TECH])
    assert len(results) == 3
    for result, expected in zip(results, [RETAILER_OUT, SMALL_OUT, BIG_TECH_OUT]):
        assert_same(result, expected)


def test_evaluate_many_takes_any_iterable_of_rows(rules):
    assert rules.evaluate_many(iter([RETAILER])) == [RETAILER_OUT]
    assert rules.evaluate_many([]) == []


def test_evaluate_many_columns(rules):
    columns = {"purchases": [8000000, 1000000], "cooperation": [6, None], "sector": ["retail", None]}
    results = rules.evaluate_many(columns)
    assert_same(results[0], RETAILER_OUT)
    assert_same(results[1], SMALL_OUT)


def test_evaluate_many_columns_of_unequal_length(rules):
    with pytest.raises(ValueError, match="differ in length"):
        rules.evaluate_many({"purchases": [1, 2], "sector": ["tech"]})


def test_evaluate_many_refuses_a_single_row_as_columns(rules):
    with pytest.raises(TypeError, match="for a single row"):
        rules.evaluate_many({"purchases": 1, "sector": "tech"})


def test_evaluate_many_matches_evaluate_exactly(echo):
    rows = [
        {"m": Decimal("71.00")},  # the scale survives
        {"m": Decimal("12345678901234.5678")},  # more digits than a double holds
        {"m": Decimal("0.15")},
        {"m": Decimal("1E+2")},
        {"m": Decimal("-0.000000000000000001")},
        {"m": -9999999999999999999},  # below int64
        {"m": 9999999999999999999},
        {"m": "2.50"},
        {"d": datetime.date(2024, 2, 29), "s": 'quote " and \\ and \n', "b": False},
    ]
    many = echo.evaluate_many(rows)
    for row, result in zip(rows, many):
        assert_same(result, echo.evaluate(row))


# Decimals whose plain notation is huge (1E+999999999: a billion digits, about 3 GB as
# text) or that are no number: evaluate_many refuses each from its short text, with the
# error evaluate() gives, or takes it as evaluate() does.
EXTREME_DECIMALS = [
    Decimal("1E+999999999"),
    Decimal("-1E+999999999"),
    Decimal("1E-999999999"),
    Decimal("123.45E+999999"),
    Decimal("1E+20"),
    Decimal("0E-999999999"),  # zero: accepted, with 18 decimals at most
    Decimal("0E+999999999"),
    Decimal("1." + "0" * 40),  # trailing zeros past 18 decimals: accepted
    Decimal("1.0000000000000000001"),  # 19 decimals: refused
    10**5000,  # past Python's 4300-digit limit of str(int)
    -(10**40) - 7,
    10**38,
    Decimal("NaN"),
    Decimal("-sNaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
]


def outcome(rules, row):
    """evaluate()'s outputs, or its error as (class, code, message, pointer)."""
    try:
        return rules.evaluate(row)
    except crmrules.CrmError as error:
        return (type(error), error.code, error.message, error.pointer)


def short_id(value):
    """A test id that never formats a huge int (str() refuses past 4300 digits)."""
    return f"int of {value.bit_length()} bits" if isinstance(value, int) else str(value)[:24]


@pytest.mark.parametrize("value", EXTREME_DECIMALS, ids=short_id)
def test_evaluate_many_refuses_huge_decimals_as_evaluate_does(echo, value):
    row = {"m": value}
    expected = outcome(echo, row)
    [_, result] = echo.evaluate_many([{"m": 1}, row], errors="collect")  # (a batch that fails whole raises)
    if isinstance(expected, dict):
        assert_same(result, expected)
        return
    assert isinstance(result, crmrules.RowError)
    assert (type(result.exception()), result.code, result.message, result.pointer) == expected
    assert len(result.message) < 200  # the short text, never the digits of the exponent
    with pytest.raises(expected[0]) as info:
        echo.evaluate_many([{"m": 1}, row])
    assert info.value.row == 1


def test_huge_decimals_give_the_librarys_errors(echo):
    with pytest.raises(crmrules.DecimalOverflow, match=r'"1E\+999999999" is 10\^20 or more') as info:
        echo.evaluate({"m": Decimal("1E+999999999")})
    assert info.value.pointer == "/m"
    with pytest.raises(crmrules.OutOfRange, match="more than 18 fractional digits"):
        echo.evaluate({"m": Decimal("1E-999999999")})
    with pytest.raises(crmrules.DecimalOverflow, match=r'"1E\+5000"'):
        echo.evaluate({"m": 10**5000})
    with pytest.raises(crmrules.OutOfRange, match="not a finite number"):
        echo.evaluate_many([{"m": Decimal("sNaN")}])
    assert echo.evaluate({"m": Decimal("0E-999999999")})["m_out"] == 0


# Evaluation is all or nothing: the second decision divides by x.
TWO_STEPS = json.dumps({
    "crmrules": 1, "name": "two steps", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": True}},
    "decisions": [{"name": "twice", "expression": "x * 2"}, {"name": "inverse", "expression": "1 / x"}],
})


def test_evaluation_is_all_or_nothing():
    steps = crmrules.RuleSet.load(TWO_STEPS)
    assert steps.evaluate({"x": 4}) == {"twice": 8, "inverse": Decimal("0.25")}
    for trace in (False, True):
        with pytest.raises(crmrules.DivisionByZero, match="decision 'inverse'"):
            steps.evaluate({"x": 0}, trace=trace)
    assert steps.evaluate({"x": 8}) == {"twice": 16, "inverse": Decimal("0.125")}
    results = steps.evaluate_many([{"x": 4}, {"x": 0}, {"x": 8}], errors="collect")
    assert results[0] == {"twice": 8, "inverse": Decimal("0.25")}
    assert isinstance(results[1], crmrules.RowError) and results[1].code == "division_by_zero"
    assert results[2] == {"twice": 16, "inverse": Decimal("0.125")}
    with pytest.raises(crmrules.DivisionByZero) as info:
        steps.evaluate_many([{"x": 4}, {"x": 0}])
    assert info.value.row == 1


# ---- lists, dates and types -------------------------------------------------------------

OFFERS = json.dumps({
    "crmrules": 1, "name": "offers", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": True}, "since": {"type": "date", "default": "2024-03-31"},
               "tier": {"type": "grade", "labels": ["A1", "B1"], "default": "B1"}},
    "decisions": [
        {"name": "offers", "table": {"hit_policy": "OUTPUT ORDER", "inputs": ["x"],
                                     "outputs": [{"name": "offer", "values": ["loan", "card"]}, "rate"],
                                     "rows": [["> 0", "'card'", "0.10"], ["> 10", "'loan'", "0.050"]]}},
        {"name": "everything", "table": {"hit_policy": "COLLECT", "inputs": ["x"], "outputs": ["tag"],
                                         "rows": [["> 0", "'a'"], ["> 0", "null"]]}},
        {"name": "start", "expression": "since"},
    ],
})


@pytest.fixture(scope="module")
def offers():
    return crmrules.RuleSet.load(OFFERS)


def test_list_outputs_are_python_lists(offers):
    out = offers.evaluate({"x": 20})
    assert out["offer"] == ["loan", "card"]
    assert out["rate"] == [Decimal("0.050"), Decimal("0.10")]
    assert [str(r) for r in out["rate"]] == ["0.050", "0.10"]  # exact scale
    assert out["tag"] == ["a", None]
    assert offers.evaluate({"x": 5})["offer"] == ["card"]
    assert offers.evaluate({"x": -5})["offer"] == []


def test_list_and_date_outputs_in_evaluate_many(offers):
    rows = [{"x": 20, "since": datetime.date(2025, 1, 15)}, {"x": -1}, {"x": "abc"}]
    results = offers.evaluate_many(rows, errors="collect")
    assert results[0] == offers.evaluate(rows[0])
    assert results[0]["start"] == datetime.date(2025, 1, 15)
    assert results[1]["offer"] == [] and results[1]["start"] == datetime.date(2024, 3, 31)
    assert isinstance(results[2], crmrules.RowError)
    assert (results[2].row, results[2].code, results[2].pointer) == (2, "parse", "/x")


def test_date_outputs_come_without_a_trace(offers):
    out = offers.evaluate({"x": 1, "since": datetime.date(2023, 12, 31)})
    assert out["start"] == datetime.date(2023, 12, 31)
    out, trace = offers.evaluate({"x": 1}, trace=True)
    assert out["start"] == datetime.date(2024, 3, 31)
    assert {"start": "2024-03-31"} in [d["outputs"] for d in trace]


def test_input_types_and_output_kinds(offers, rules):
    assert offers.input_types == {"x": "decimal", "since": "date", "tier": "grade"}
    assert offers.output_kinds == {"offer": "list", "rate": "list", "tag": "list", "start": "date"}
    assert rules.input_types == {"purchases": "decimal", "cooperation": "integer", "sector": "enum", "name": "string"}
    assert rules.output_kinds == {"value_score": "decimal", "value_score_reasons": "string", "value_grade": "string",
                                  "key_account": "bool"}


def test_list_expectations_in_rule_tests():
    doc = json.loads(OFFERS)
    doc["tests"] = [{"name": "sorted", "given": {"x": 20}, "expect": {"offer": ["loan", "card"]}},
                    {"name": "wrong", "given": {"x": 20}, "expect": {"offer": ["card", "loan"]}}]
    report = crmrules.RuleSet.load(json.dumps(doc)).run_tests()
    assert report.passed == 1 and report.failed == 1


def test_evaluate_many_raises_on_the_first_failing_row(rules):
    with pytest.raises(crmrules.OutOfRange) as info:
        rules.evaluate_many([RETAILER, {"purchases": -1}, {}])
    error = info.value
    assert error.row == 1 and error.code == "out_of_range" and error.pointer == "/purchases"
    assert str(error).startswith("row 1: field 'purchases' is -1")


def test_evaluate_many_raises_python_side_errors_in_row_order(rules):
    with pytest.raises(crmrules.Missing) as info:
        rules.evaluate_many([RETAILER, {}, {"purchases": 0.5}])
    assert info.value.row == 1
    with pytest.raises(crmrules.TypeMismatch, match="float") as info:
        rules.evaluate_many([RETAILER, {"purchases": 0.5}, {}])
    assert info.value.row == 1


def test_evaluate_many_collects_errors(rules):
    rows = [RETAILER, {}, {"purchases": -1}, {"purchases": 1, "nope": 2}, {"purchases": 0.5},
            {"purchases": Decimal("NaN")}, None, SMALL]
    results = rules.evaluate_many(rows, errors="collect", ignore_unknown=True)
    assert results[0] == RETAILER_OUT and results[-1] == SMALL_OUT
    errors = results[1:-1]
    assert isinstance(results[3], dict)  # a key that is not an input is ignored when asked...
    errors = [e for e in errors if isinstance(e, crmrules.RowError)]
    assert [(e.row, e.code, e.pointer) for e in errors] == [
        (1, "missing", "/purchases"),
        (2, "out_of_range", "/purchases"),
        (4, "type_mismatch", "/purchases"),
        (5, "out_of_range", "/purchases"),
        (6, "type_mismatch", ""),
    ]
    assert "below its minimum" in errors[1].message
    exception = errors[1].exception()
    assert isinstance(exception, crmrules.OutOfRange) and exception.row == 2
    strict = rules.evaluate_many([{"purchases": 1, "nope": 2}, RETAILER], errors="collect")
    assert (strict[0].code, strict[0].pointer) == ("unknown_name", "/nope")  # the rule set's default
    lenient = rules.evaluate_many([{"purchases": 1, "nope": 2}, RETAILER], errors="collect", ignore_unknown=True)
    assert not isinstance(lenient[0], crmrules.RowError)


def test_evaluate_many_checks_its_options(rules):
    with pytest.raises(ValueError, match="errors"):
        rules.evaluate_many([RETAILER], errors="ignore")
    with pytest.raises(TypeError):
        rules.evaluate_many("purchases")
    with pytest.raises(TypeError):
        rules.evaluate_many(5)


def test_evaluate_many_dataframe(rules):
    import pandas as pd
    frame = pd.DataFrame(
        {"purchases": [8000000, 1000000, 10000000], "cooperation": pd.array([6, None, 10], dtype="Int64"),
         "sector": ["retail", None, "tech"]},
        index=["acme", "bolt", "core"],
    )
    result = rules.evaluate_many(frame)
    assert isinstance(result, pd.DataFrame)
    assert list(result.columns) == rules.outputs
    assert list(result.index) == ["acme", "bolt", "core"]
    for label, expected in zip(result.index, [RETAILER_OUT, SMALL_OUT, BIG_TECH_OUT]):
        assert_same(result.loc[label].to_dict(), expected)


def test_evaluate_many_dataframe_errors(rules):
    import pandas as pd
    frame = pd.DataFrame({"purchases": [8000000, -5], "sector": ["retail", "tech"]}, index=[10, 20])
    with pytest.raises(crmrules.OutOfRange) as info:
        rules.evaluate_many(frame)
    assert info.value.row == 1 and str(info.value).startswith("row 1 (index 20): ")
    result = rules.evaluate_many(frame, errors="collect")
    assert list(result.columns) == [*rules.outputs, "error"]
    assert result.loc[10, "error"] is None and result.loc[10, "value_score"] == Decimal("68.00")
    error = result.loc[20, "error"]
    assert isinstance(error, crmrules.RowError) and (error.row, error.code) == (1, "out_of_range")
    assert result.loc[20, "value_grade"] is None


def test_evaluate_many_dataframe_refuses_float_columns(rules):
    import pandas as pd
    with pytest.raises(crmrules.TypeMismatch, match="float"):
        rules.evaluate_many(pd.DataFrame({"purchases": [8000000.0]}))


# ---- the rule set's own tests and lint ----------------------------------------------------


def test_run_tests(rules):
    report = rules.run_tests()
    assert isinstance(report, crmrules.TestReport)
    assert (report.passed, report.failed, report.ok) == (4, 0, True)
    assert [c["name"] for c in report.cases] == [
        "a big tech customer is A1", "a middling retailer is B1", "a small customer is C1", "purchases are required"]
    assert all(c["passed"] and c["diff"] == "" for c in report.cases)
    assert report.coverage == Decimal("100") and type(report.coverage) is Decimal
    assert report.not_covered == [] and report.covered == report.total > 0


def failing_rule_set():
    doc = json.loads(GRADING.read_text(encoding="utf-8"))
    doc["tests"][1]["expect"]["value_grade"] = "A1"  # it is B1
    doc["tests"] = doc["tests"][1:2]
    return crmrules.RuleSet.load(json.dumps(doc))


def test_run_tests_reports_a_failure_with_its_diff():
    report = failing_rule_set().run_tests()
    assert (report.passed, report.failed, report.ok) == (0, 1, False)
    [case] = report.cases
    assert case["name"] == "a middling retailer is B1" and not case["passed"]
    assert "value_grade" in case["diff"] and "A1" in case["diff"] and "B1" in case["diff"]
    assert report.coverage < 100 and "table grade row 0" in report.not_covered


def test_lint_a_clean_rule_set():
    assert crmrules.lint(GRADING.read_text(encoding="utf-8")) == []


def test_lint_a_broken_rule_set():
    broken = json.dumps({
        "crmrules": 1, "name": "broken", "version": "1",
        "inputs": {"a": {"type": "money"}},
        "decisions": [{"name": "d", "table": {
            "hit_policy": "UNIQUE", "inputs": ["a"], "outputs": ["o"],
            "rows": [[">= 1", "1"], [">= 2", "2"]]}}],
    }, indent=1)
    findings = crmrules.lint(broken)
    assert all(set(f) == {"severity", "code", "message", "pointer", "line", "column"} for f in findings)
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors[0]["code"] == "invalid_rule"
    assert "overlap" in errors[0]["message"]
    assert errors[0]["pointer"] == "/decisions/0/table/rows/1"
    assert (errors[0]["line"], errors[0]["column"]) > (1, 0)
    assert any(f["severity"] == "warning" for f in findings)  # the gap below 1
    with pytest.raises(crmrules.InvalidRule):
        crmrules.RuleSet.load(broken)


def test_lint_lists_every_finding():
    text = json.dumps({
        "crmrules": 1, "name": "several", "version": "1",
        "inputs": {"revenue": {"type": "decimal"}, "visits": {"type": "integer"}},
        "decisions": [{"name": "big", "expression": "revenu > 100"},
                      {"name": "busy", "expression": "visits >"},
                      {"name": "score", "expression": "revenue * 2"}],
        "tests": [{"name": "typos", "given": {"visit": 3}, "expect": {"scor": 10}}],
    }, indent=1)
    findings = crmrules.lint(text)
    assert [(f["code"], f["pointer"]) for f in findings] == [
        ("unknown_name", "/decisions/0/expression"),
        ("parse", "/decisions/1/expression"),
        ("unknown_name", "/tests/0/given/visit"),
        ("unknown_name", "/tests/0/expect/scor"),
    ]
    assert "did you mean 'visits'" in findings[2]["message"]
    assert "did you mean 'score'" in findings[3]["message"]
    with pytest.raises(crmrules.UnknownName, match=r"and 3 more: run crmrules lint"):
        crmrules.RuleSet.load(text)


def test_lint_malformed_json_is_a_finding():
    [finding] = crmrules.lint('{"crmrules": 1')
    assert (finding["severity"], finding["code"], finding["line"]) == ("error", "parse", 1)


# ---- crmrules.testing ------------------------------------------------------------------


@parametrize_cases(GRADING)
def test_grading_case(case):
    assert_case(case)


@pytest.mark.parametrize("case", pytest_cases("../../../tests/data/grading.json"))  # from this file's directory
def test_grading_case_by_relative_path(case):
    assert_case(case)


def test_pytest_cases_are_named_after_the_cases(rules):
    params = pytest_cases(rules)
    assert [p.id for p in params] == [c["name"] for c in rules.run_tests().cases]
    assert all(isinstance(p.values[0], RuleCase) for p in params)


def test_rule_tests_and_assert_case():
    cases = rule_tests(GRADING)
    assert [str(c) for c in cases][:1] == ["a big tech customer is A1"]
    assert all(c.passed and c.rule_set == "grading-fixture" for c in cases)
    [failing] = rule_tests(failing_rule_set())
    with pytest.raises(AssertionError, match="value_grade") as info:
        assert_case(failing)
    assert "a middling retailer is B1" in str(info.value)


def test_assert_coverage(rules):
    assert_coverage(rules, 100)
    with pytest.raises(AssertionError, match="table grade row 0"):
        assert_coverage(failing_rule_set(), "99.5")


def test_the_three_line_test_file_of_the_docstring(tmp_path):
    (tmp_path / "grading.json").write_bytes(GRADING.read_bytes())
    doc = json.loads(GRADING.read_text(encoding="utf-8"))
    doc["tests"][1]["expect"]["value_grade"] = "A1"
    (tmp_path / "wrong.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "test_rules.py").write_text(
        "from crmrules.testing import assert_case, parametrize_cases\n"
        '@parametrize_cases("grading.json")\n'
        "def test_grading(case): assert_case(case)\n"
        '@parametrize_cases("wrong.json")\n'
        "def test_wrong(case): assert_case(case)\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", f"{tmp_path.name}/test_rules.py"],
        cwd=tmp_path.parent, capture_output=True, text=True, check=False,  # run from elsewhere
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed, 7 passed" in run.stdout
    assert "test_wrong[a middling retailer is B1]" in run.stdout
    assert 'value_grade: expected "A1", got "B1"' in run.stdout


def test_testing_works_without_pytest():
    code = (
        "import sys; sys.modules['pytest'] = None\n"  # import pytest now fails
        "import crmrules.testing as t\n"
        f"cases = t.rule_tests({str(GRADING)!r})\n"
        "[t.assert_case(c) for c in cases]\n"
        "print(len(cases))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "4"


# ---- threads ---------------------------------------------------------------------------


def test_evaluate_from_four_threads(rules):
    cases = [(RETAILER, RETAILER_OUT), (SMALL, SMALL_OUT), (BIG_TECH, BIG_TECH_OUT)]
    start = threading.Barrier(4)

    def work(offset):
        start.wait()
        results = []
        for i in range(600):
            given, expected = cases[(i + offset) % len(cases)]
            outputs = rules.evaluate(given, trace=(i % 50 == 0))
            results.append((outputs[0] if isinstance(outputs, tuple) else outputs) == expected)
            if i % 100 == 0:
                results.append(rules.evaluate_many([given, given]) == [expected, expected])
        return results, id(rules._local.scratch)

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(work, range(4)))
    assert all(all(results) for results, _ in outcomes)
    assert len({scratch for _, scratch in outcomes}) == 4  # a record per thread


# ---- unknown inputs: the rule set's "unknown_inputs" and the per-call keyword -------------

LENIENT = json.dumps({
    "crmrules": 1, "name": "lenient", "version": "1", "unknown_inputs": "ignore",
    "inputs": {"x": {"type": "decimal", "required": True}},
    "decisions": [{"name": "double", "expression": "x * 2"}],
})


def test_a_rule_set_may_ignore_unknown_inputs():
    rules = crmrules.RuleSet.load(LENIENT)
    assert rules.ignores_unknown_inputs
    assert rules.evaluate({"x": 2, "extra": "kept out"}) == {"double": Decimal("4")}
    assert rules.evaluate_many([{"x": 1, "y": 1}]) == [{"double": Decimal("2")}]
    with pytest.raises(crmrules.UnknownName, match="unknown input 'xx'"):
        rules.evaluate({"x": 2, "xx": 1}, ignore_unknown=False)  # a call may be stricter


def test_unknown_inputs_is_error_or_ignore():
    bad = LENIENT.replace('"ignore"', '"skip"')
    [finding] = crmrules.lint(bad)
    assert (finding["code"], finding["pointer"]) == ("invalid_rule", "/unknown_inputs")
    assert 'is "error" or "ignore"' in finding["message"]
