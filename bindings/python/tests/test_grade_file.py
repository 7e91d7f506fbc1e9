"""Grading a portfolio CSV file from Python (crmrules.grade_csv): the rows written with kept
columns, the summary with exact numbers, and errors that leave the old output as it was."""

import csv
import json
from decimal import Decimal

import pytest

import crmrules

PORTFOLIO = (
    "id,region,annual_purchases,annual_net_profit,cooperation,background,potential\n"
    "HW,south,130000000,20000000,5,technology,A1\n"
    "HQ,north,5000000,500000,7,none,C1\n"
    "BAD,east,lots,1,5,none,C1\n"
)


@pytest.fixture
def portfolio(tmp_path):
    path = tmp_path / "portfolio.csv"
    path.write_text(PORTFOLIO, encoding="utf-8")
    return path


def test_grade_csv_writes_rows_and_returns_the_summary(portfolio, tmp_path):
    out = tmp_path / "graded.csv"
    summary = crmrules.grade_csv(portfolio, out, keep=["region"])
    assert (summary["rows"], summary["graded"], summary["rejected"]) == (3, 2, 1)
    assert summary["rejects"][0]["line"] == 4 and summary["rejects"][0]["field"] == "annual_purchases"
    assert summary["abc"]["A"]["customers"] == 1
    assert isinstance(summary["pareto"]["share"], Decimal)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert list(rows[0])[:3] == ["line", "id", "region"]
    assert (rows[0]["id"], rows[0]["region"]) == ("HW", "south")
    # The same rows as grading them in memory.
    in_memory = crmrules.grade([{"id": "HW", "annual_purchases": 130000000, "annual_net_profit": 20000000,
                                 "cooperation": 5, "background": "technology", "potential": "A1"},
                                {"id": "HQ", "annual_purchases": 5000000, "annual_net_profit": 500000,
                                 "cooperation": 7, "background": "none", "potential": "C1"}], keep=["id"])
    assert in_memory[0]["id"] == "HW"
    assert [r["value_grade"] for r in rows] == [g["value_grade"] for g in in_memory]


def test_grade_csv_as_json_with_every_column(portfolio, tmp_path):
    out = tmp_path / "graded.json"
    crmrules.grade_csv(str(portfolio), str(out), fmt="json", keep=True, threads=1)
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["region"] for r in rows] == ["south", "north"]
    assert rows[0]["four_class"] == "A"


def test_grade_csv_errors_leave_the_output_alone(portfolio, tmp_path):
    out = tmp_path / "graded.csv"
    out.write_text("yesterday\n", encoding="utf-8")
    with pytest.raises(crmrules.errors.Missing, match=r"did you mean 'region'"):
        crmrules.grade_csv(portfolio, out, keep=["regoin"])
    with pytest.raises(crmrules.errors.IoError):
        crmrules.grade_csv(tmp_path / "none.csv", out)
    with pytest.raises(ValueError, match="fmt is 'csv' or 'json'"):
        crmrules.grade_csv(portfolio, out, fmt="xml")
    with pytest.raises(crmrules.errors.InvalidArgument, match="a_share"):
        crmrules.grade_csv(portfolio, out, a_share="0.99", b_share="0.5")
    assert out.read_text(encoding="utf-8") == "yesterday\n"
