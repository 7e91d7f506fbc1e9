#!/usr/bin/python3
"""The issue's Dask figure: N customers (default 2,000,000) graded and classified on a
two-worker LocalCluster (processes), the rules' decimal outputs as floats (Decimal
objects for every cell of millions of rows would measure Python's allocator); the wall
time, the peak memory of each worker, and a check that the ABC classes, ranks and shares
equal crm::Portfolio's on the whole measure column in one process.

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/dask_benchmark.py [CUSTOMERS] [RUNS]
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import dask.dataframe as dd
import pandas
from distributed import Client, LocalCluster

import crmrules
import crmrules.dask

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "portfolio.csv")
        subprocess.run([sys.executable, os.path.join(ROOT, "examples", "data", "generate_portfolio.py"),
                        "--customers", str(n), "--out", csv], check=True)
        columns = ["abc_class", "abc_rank", "cumulative_share"]
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                          memory_limit="10GiB", silence_logs=50) as cluster, Client(cluster) as client:
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                ddf = dd.read_csv(csv, dtype=str, keep_default_na=False, blocksize="16MB")
                got = crmrules.dask.grade(ddf, decimals="float")[columns].compute()
                times.append(time.perf_counter() - start)
            peaks = client.run(peak_mib)
        measures = pandas.read_csv(csv, dtype=str, keep_default_na=False, usecols=["annual_net_profit"])
        start = time.perf_counter()
        whole = crmrules.classify(list(measures["annual_net_profit"]))
        single = time.perf_counter() - start
        agree = (list(got["abc_class"]) == whole.classes and list(got["abc_rank"]) == whole.ranks
                 and list(got["cumulative_share"]) == whole.cumulative_shares)
        print(f"{n:,} customers on 2 worker processes: {min(times):.1f} / {statistics.median(times):.1f} / "
              f"{max(times):.1f} s (min / median / max of {runs})")
        print("peak memory per worker: " + ", ".join(f"{v:.0f} MiB" for v in peaks.values()))
        print(f"crmrules.classify on the whole measure column in one process: {single:.1f} s; "
              f"classes, ranks and shares agree row for row: {agree}")
