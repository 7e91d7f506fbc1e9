"""crmrules.dask on a distributed LocalCluster of worker processes: a Dask DataFrame
graded and classified gives, row for row, what crmrules.grade gives for the whole frame at
once (outputs, ABC classes, ranks, cumulative shares, RFM scores), with ties, loss-making
and missing measures, one partition or many, an empty partition and a bad row."""

import pathlib

import dask.dataframe as dd
import pandas
import pytest
from distributed import Client, LocalCluster

import crmrules
import crmrules.dask

PORTFOLIO = pathlib.Path(__file__).resolve().parents[3] / "examples" / "data" / "portfolio.csv"
PORTFOLIO_COLUMNS = ["abc_class", "abc_rank", "cumulative_share", "four_class", "value_grade", "credit_grade",
                     "service_plan"]


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            yield c


def frame() -> pandas.DataFrame:
    f = pandas.read_csv(PORTFOLIO, dtype=str, keep_default_na=False).head(600)
    f.loc[f.index[5], "annual_net_profit"] = f.loc[f.index[6], "annual_net_profit"]   # a tie
    f.loc[f.index[7], "annual_net_profit"] = "-1500.00"                               # loss-making
    f.loc[f.index[8], "annual_net_profit"] = "0"
    f.loc[f.index[9], "annual_net_profit"] = None                                     # no measure
    f.loc[f.index[10], "annual_purchases"] = "-5"                                     # a bad row
    return f


def cells(series: pandas.Series) -> list:
    return [None if isinstance(x, float) and x != x else x for x in series]  # NaN and None alike


def same(expected: pandas.DataFrame, got: pandas.DataFrame, columns: list[str]) -> None:
    got = got.loc[expected.index]
    for c in columns:
        assert cells(got[c]) == cells(expected[c]), c
    assert [e.code if e is not None else None for e in got["error"]] == \
        [e.code if e is not None else None for e in expected["error"]]


@pytest.mark.parametrize("partitions", [1, 4])
def test_the_same_classes_as_grading_the_whole_frame(client, partitions):
    f = frame()
    expected = crmrules.grade(f)
    got = crmrules.dask.grade(dd.from_pandas(f, npartitions=partitions)).compute()
    same(expected, got, PORTFOLIO_COLUMNS)
    assert got.loc[f.index[7], "abc_class"] == "C"
    assert got.loc[f.index[5], "abc_rank"] == got.loc[f.index[6], "abc_rank"]  # a tie shares its rank
    assert got.loc[f.index[9], "error"].code == "missing"
    assert got.loc[f.index[10], "error"].code == "out_of_range"


def test_kept_columns_as_grading_the_whole_frame(client):
    f = frame()
    expected = crmrules.grade(f, keep=["id", "name"])
    got = crmrules.dask.grade(dd.from_pandas(f, npartitions=3), keep=["id", "name"]).compute()
    assert list(got.columns[:3]) == ["id", "name", "discount_rate"]
    same(expected, got, ["id", "name", *PORTFOLIO_COLUMNS])
    with pytest.raises(ValueError, match="did you mean 'name'"):
        crmrules.dask.grade(dd.from_pandas(f, npartitions=2), keep=["nam"])


def test_rfm_scores_and_other_shares(client):
    f = frame()
    rfm = ("historical_contribution", "referrals", "annual_purchases")
    expected = crmrules.grade(f, rfm=rfm, a_share="0.7", b_share="0.9")
    got = crmrules.dask.grade(dd.from_pandas(f, npartitions=3), rfm=rfm, a_share="0.7", b_share="0.9").compute()
    same(expected, got, PORTFOLIO_COLUMNS + ["r_score", "f_score", "m_score"])


def test_an_empty_partition_and_bad_arguments(client):
    f = frame()
    parts = dd.from_pandas(f, npartitions=3)
    empty = dd.from_pandas(f.iloc[:0], npartitions=1)
    got = crmrules.dask.grade(dd.concat([parts, empty])).compute()
    same(crmrules.grade(f), got, PORTFOLIO_COLUMNS)
    with pytest.raises(ValueError, match="shares"):
        crmrules.dask.grade(parts, a_share="0.99", b_share="0.5")


def test_a_rule_set_is_shipped_as_its_text(client):
    import pickle

    rules = crmrules.RuleSet.load(crmrules.builtin_json())
    again = pickle.loads(pickle.dumps(rules))
    assert again.name == rules.name and again.outputs == rules.outputs
    assert pickle.loads(pickle.dumps(crmrules.builtin())) is crmrules.builtin()
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(crmrules.builtin_machines())
    got = crmrules.dask.grade(dd.from_pandas(frame(), npartitions=2), rules=rules).compute()
    same(crmrules.grade(frame(), rules=rules), got, PORTFOLIO_COLUMNS)
