#!/usr/bin/env bash
# The issue's target for summarising transactions: a 10,000,000-row transaction CSV read
# and summarised (frequency, recency, T, monetary value per customer), whole process (the
# CLI, --print-summary to a file), under 10 s and 1 GB. Generates the CSV into a temporary
# directory (never committed), then times five runs (benchmarks/time_whole_process.sh).
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
benchmarks/time_whole_process.sh "$cmd"
wc -l <"$dir/summary.csv" | awk '{print "summary rows (with the header): " $1}'
