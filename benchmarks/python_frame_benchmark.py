#!/usr/bin/python3
"""The issue's targets for data frames: the built-in rule set over a pandas DataFrame of
200,000 customers, end to end (frame in, frame out, on the columnar path), with float and
with exact Decimal output columns; and `crmrules grade` (the CLI, whole process) on the
same rows for comparison. Five runs each: min / median / max rows per second, and the
ratios of the medians.

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/python_frame_benchmark.py [BUILD_DIR] [ROWS]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import pandas

import crmrules

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "release")
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000

with tempfile.TemporaryDirectory() as tmp:
    csv = os.path.join(tmp, "portfolio.csv")
    subprocess.run([sys.executable, os.path.join(ROOT, "examples", "data", "generate_portfolio.py"),
                    "--customers", str(rows), "--out", csv], check=True, stdout=subprocess.DEVNULL)
    frame = pandas.read_csv(csv)  # numbers as int64 / float64, as users read it
    rules = crmrules.builtin()

    def rate(fn):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        per_second = sorted(rows / t for t in times)
        return per_second[0], statistics.median(per_second), per_second[-1]

    cases = {
        "decimals=float": lambda: rules.evaluate_many(frame, floats="shortest", decimals="float"),
        "decimals=float, strings=category": lambda: rules.evaluate_many(frame, floats="shortest", decimals="float",
                                                                       strings="category"),
        "decimals=str": lambda: rules.evaluate_many(frame, floats="shortest", decimals="str"),
        "decimals=decimal (exact Decimal objects)": lambda: rules.evaluate_many(frame, floats="shortest"),
        "crmrules grade (CLI, whole process)": lambda: subprocess.run(
            [os.path.join(build, "src", "cli", "crmrules"), "grade", csv, "--out", os.path.join(tmp, "out.csv")],
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    }
    results = {name: rate(fn) for name, fn in cases.items()}
    print(f"{rows} rows, rows per second (min / median / max of 5 runs):")
    for name, (lo, mid, hi) in results.items():
        print(f"  {name:45} {lo:>10,.0f} {mid:>10,.0f} {hi:>10,.0f}")
    cli = results["crmrules grade (CLI, whole process)"][1]
    for name, (_, mid, _) in results.items():
        print(f"  ratio to the CLI: {name:30} {mid / cli:.2f}")
