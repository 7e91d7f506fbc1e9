"""Time, date_time, days_duration and months_duration fields from Python: datetime.time,
datetime.datetime, datetime.timedelta and crmrules.MonthsDuration in and out, ISO text,
errors naming the input, and crmrules.temporal's conversions."""

import datetime
import json

import pytest

import crmrules
from crmrules import MonthsDuration, temporal

RULES = json.dumps({
    "crmrules": 1, "name": "shifts", "version": "1",
    "inputs": {"start": {"type": "time", "default": "08:00:00"}, "booked": {"type": "date_time"},
               "wait": {"type": "days_duration", "default": "PT0S"}, "tenure": {"type": "months_duration"}},
    "decisions": [
        {"name": "morning", "expression": "start < time('12:00:00')"},
        {"name": "long_wait", "expression": "wait > duration('P1D')"},
        {"name": "start_out", "expression": "start"},
        {"name": "booked_out", "expression": "booked"},
        {"name": "wait_out", "expression": "wait"},
        {"name": "tenure_out", "expression": "tenure"},
    ],
})
UTC = datetime.timezone.utc


@pytest.fixture(scope="module")
def rules():
    return crmrules.RuleSet.load(RULES)


def test_python_values_in_and_out(rules):
    assert rules.input_types == {"start": "time", "booked": "date_time", "wait": "days_duration",
                                 "tenure": "months_duration"}
    out = rules.evaluate({"start": datetime.time(9, 30, 0, 250000),
                          "booked": datetime.datetime(2024, 5, 31, 23, 0, tzinfo=UTC),
                          "wait": datetime.timedelta(hours=36), "tenure": MonthsDuration(14)})
    assert out["morning"] is True and out["long_wait"] is True
    assert out["start_out"] == datetime.time(9, 30, 0, 250000)
    assert out["booked_out"] == datetime.datetime(2024, 5, 31, 23, 0, tzinfo=UTC)
    assert out["booked_out"].tzinfo is not None
    assert out["wait_out"] == datetime.timedelta(days=1, hours=12)
    assert out["tenure_out"] == MonthsDuration(14)


def test_iso_text_in_and_offsets(rules):
    out = rules.evaluate({"start": "13:00:00", "booked": "2024-05-31T23:00:00-05:30", "wait": "-PT5S",
                          "tenure": "P1Y"})
    assert out["morning"] is False and out["long_wait"] is False
    assert out["booked_out"].utcoffset() == datetime.timedelta(hours=-5, minutes=-30)
    assert out["wait_out"] == datetime.timedelta(seconds=-5)
    assert out["tenure_out"] == MonthsDuration.of(years=1)
    naive = rules.evaluate({"booked": datetime.datetime(2024, 1, 1, 8, 0)})
    assert naive["booked_out"] == datetime.datetime(2024, 1, 1, 8, 0) and naive["booked_out"].tzinfo is None


def test_evaluate_many_converts_the_same_way(rules):
    rows = rules.evaluate_many([{"start": datetime.time(8, 0), "wait": datetime.timedelta(days=2)},
                                {"tenure": MonthsDuration(-13)}])
    assert rows[0]["start_out"] == datetime.time(8, 0) and rows[0]["wait_out"] == datetime.timedelta(days=2)
    assert rows[1]["tenure_out"] == MonthsDuration(-13)


def test_wrong_values_name_the_input(rules):
    with pytest.raises(crmrules.ParseError, match="years and months duration") as info:
        rules.evaluate({"wait": MonthsDuration(3)})
    assert info.value.pointer == "/wait"
    with pytest.raises(crmrules.OutOfRange, match="hour 24"):
        rules.evaluate({"start": "24:00:00"})
    with pytest.raises(crmrules.ParseError, match="field 'tenure'"):
        rules.evaluate({"tenure": datetime.timedelta(days=1)})
    with pytest.raises(crmrules.TypeMismatch, match="have no order"):
        rules.evaluate({"start": datetime.time(9, 0, tzinfo=UTC)})  # against a time without an offset


def test_temporal_conversions():
    assert str(MonthsDuration(14)) == "P1Y2M" and str(MonthsDuration(0)) == "P0M" and str(MonthsDuration(-12)) == "-P1Y"
    assert MonthsDuration.parse("P2Y3M") == MonthsDuration.of(2, 3) and MonthsDuration(27).years == 2
    assert MonthsDuration(1) < MonthsDuration(2)
    with pytest.raises(ValueError):
        MonthsDuration.parse("P1D")
    with pytest.raises(TypeError):
        MonthsDuration(1.5)
    assert temporal.to_text(datetime.timedelta(days=1, hours=2, minutes=30)) == "P1DT2H30M"
    assert temporal.to_text(datetime.timedelta(0)) == "PT0S"
    assert temporal.to_text(datetime.timedelta(microseconds=-500000)) == "-PT0.5S"
    assert temporal.to_text(datetime.time(10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))) == "10:30:00+08:00"
    assert temporal.from_text("days_duration", "P1DT2H30M") == datetime.timedelta(days=1, hours=2, minutes=30)
    assert temporal.from_text("time", "10:30:00Z") == datetime.time(10, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="finer than a microsecond"):
        temporal.from_text("time", "10:30:00.123456789")
