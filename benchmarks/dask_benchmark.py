#!/usr/bin/python3
"""The issue's Dask figure: 2,000,000 customers graded and classified on a two-worker
LocalCluster (processes), checked against crmrules.grade on the same rows in one process:
the wall time of each, the peak memory of each worker, and whether the classes agree row
for row. Runs: 3 (min / median / max).

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/dask_benchmark.py [CUSTOMERS]
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
n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "portfolio.csv")
        subprocess.run([sys.executable, os.path.join(ROOT, "examples", "data", "generate_portfolio.py"),
                        "--customers", str(n), "--out", csv], check=True)
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                          memory_limit="8GiB") as cluster, Client(cluster) as client:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                ddf = dd.read_csv(csv, dtype=str, keep_default_na=False, blocksize="32MB")
                graded = crmrules.dask.grade(ddf).compute()
                times.append(time.perf_counter() - start)
            peaks = client.run(peak_mib)
        start = time.perf_counter()
        whole = crmrules.grade(pandas.read_csv(csv, dtype=str, keep_default_na=False))
        single = time.perf_counter() - start
        # dd.read_csv numbers each partition's rows from 0: compare in file order.
        agree = all((graded[c].reset_index(drop=True).equals(whole[c].reset_index(drop=True)))
                    for c in ["abc_class", "abc_rank", "cumulative_share"])
        print(f"{n:,} customers on 2 worker processes: {min(times):.1f} / {statistics.median(times):.1f} / "
              f"{max(times):.1f} s (min / median / max of 3)")
        print("peak memory per worker: " + ", ".join(f"{v:.0f} MiB" for v in peaks.values()))
        print(f"one process (crmrules.grade on the whole frame): {single:.1f} s; classes agree row for row: {agree}")
