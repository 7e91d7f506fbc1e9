#!/usr/bin/env bash
# The issue's target for summarising transactions: a 10,000,000-row transaction CSV read
# and summarised (frequency, recency, T, monetary value per customer), whole process (the
# CLI, --print-summary to a file), under 10 s and 1 GB. Generates the CSV into a temporary
# directory (never committed), then times five runs with farm-bench (min/median/max of
# wall, cpu and peak memory), or /usr/bin/time where farm-bench is missing.
#
#   benchmarks/lifetime_whole_process.sh [BUILD_DIR] [ROWS]     (default build/release, 10000000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
n=${2:-10000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 benchmarks/generate_transactions.py "$n" "$dir/transactions.csv"
ls -l "$dir/transactions.csv" | awk '{print "transactions.csv: " $5 " bytes"}'
cmd="exec $build/src/cli/crmrules clv $dir/transactions.csv --print-summary --unit days >$dir/summary.csv"
if command -v farm-bench >/dev/null; then
  farm-bench -n 5 --timeout 300 -- sh -c "$cmd"
else
  for i in 1 2 3 4 5; do
    /usr/bin/time -v sh -c "$cmd" 2>&1 | awk '/Elapsed \(wall/ {n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s}
                                             /Maximum resident/ {print w, $NF}'
  done | sort -n | awk '{w[NR] = $1; if ($2 > m) m = $2} END {printf "wall s: min %.2f median %.2f max %.2f; max RSS %.0f MiB\n", w[1], w[3], w[5], m / 1024}'
fi
wc -l <"$dir/summary.csv" | awk '{print "summary rows (with the header): " $1}'
