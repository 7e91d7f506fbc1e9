"""docs/pandas.md's Python fragments (`part of` it: tests/docs/snippets_test.py): the
example portfolio through the columnar path, checked against grading rows one by one, and
CSV files graded on a local Dask cluster, checked against crmrules.grade on the whole
frame. Run from the project's root. (Not named pandas.py: that would hide pandas.)"""
import os
import tempfile
from decimal import Decimal


def columnar_path():
    import pandas, crmrules
    rules = crmrules.builtin()
    frame = pandas.read_csv("examples/data/portfolio.csv")        # numbers as int64 / float64
    out = rules.evaluate_many(frame, floats="shortest")           # a DataFrame, frame's index, Decimal outputs
    out = rules.evaluate_many(frame, floats="shortest", decimals="float")   # float64 columns: the fastest
    out = rules.evaluate_many(frame, floats="shortest", errors="collect")   # an "error" column: None or the RowError

    assert len(out) == 3000 and out.index.equals(frame.index) and out["error"].isna().all()
    text_rows = pandas.read_csv("examples/data/portfolio.csv", dtype=str, keep_default_na=False).head(50)
    by_row = [rules.evaluate(row) for row in text_rows.to_dict("records")]
    assert list(out["value_grade"].head(50)) == [r["value_grade"] for r in by_row]
    assert list(out["value_score"].head(50)) == [r["value_score"] for r in by_row]
    floats = rules.evaluate_many(frame, floats="shortest", decimals="float")
    assert floats["value_score"].dtype == "float64" and floats["value_score"].iloc[0] == float(by_row[0]["value_score"])
    try:
        rules.evaluate_many(frame)  # float columns need a decision: refused once, naming them
        raise AssertionError("a float column was read without floats=")
    except crmrules.TypeMismatch as e:
        assert "annual_net_profit" in str(e)


def on_dask(folder):
    import pandas, crmrules
    customers = pandas.read_csv("examples/data/portfolio.csv", dtype=str, keep_default_na=False).head(400)
    customers = customers.assign(days_since=[str(i % 97) for i in range(400)], orders=[str(i % 13) for i in range(400)],
                                 spend=customers["annual_purchases"])
    for part in range(2):
        customers.iloc[part * 200:(part + 1) * 200].to_csv(f"{folder}/customers-{part}.csv", index=False)
    whole = crmrules.grade(customers, rfm=("days_since", "orders", "spend"))
    os.chdir(folder)
    from distributed import LocalCluster
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        cluster_address = cluster.scheduler_address

        import dask.dataframe as dd, crmrules.dask
        from distributed import Client
        client = Client(cluster_address)                                # or LocalCluster()
        graded = crmrules.dask.grade(dd.read_csv("customers-*.csv", dtype=str, keep_default_na=False),
                                     rfm=("days_since", "orders", "spend"))
        graded.compute()

        got = graded.compute().reset_index(drop=True)
        client.close()
    for column in ("abc_class", "abc_rank", "cumulative_share", "r_score", "f_score", "m_score", "value_grade"):
        assert list(got[column]) == list(whole[column]), column
    assert set(got["abc_class"]) == {"A", "B", "C"} and got["cumulative_share"].max() == Decimal("1.000000")


if __name__ == "__main__":  # Dask's worker processes import this file again
    columnar_path()
    with tempfile.TemporaryDirectory() as folder:
        on_dask(folder)
    print("docs/pandas.md: the columnar path and Dask give what grading row by row gives")
