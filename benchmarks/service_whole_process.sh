#!/usr/bin/env bash
# The issue's target for service commitments: 1,000,000 tickets checked from CSV against
# the built-in commitments, whole process (the CLI, a JSON summary by customer), under 3 s
# and 300 MB. Generates the tickets into a temporary directory (never committed), then
# times five runs with farm-bench (min/median/max of wall, cpu and peak memory).
#
#   benchmarks/service_whole_process.sh [BUILD_DIR] [TICKETS]     (default build/release, 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
n=${2:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 benchmarks/generate_service_tickets.py "$n" "$dir/tickets.csv"
ls -l "$dir/tickets.csv" | awk '{print "tickets.csv: " $5 " bytes"}'
cmd="exec $build/src/cli/crmrules service $dir/tickets.csv --by customer --format json >$dir/report.json"
if command -v farm-bench >/dev/null; then
  farm-bench -n 5 --timeout 300 -- sh -c "$cmd"
else  # /usr/bin/time -v: wall seconds and peak memory per run, then min/median/max
  for i in 1 2 3 4 5; do
    /usr/bin/time -v sh -c "$cmd" 2>&1 | awk '/Elapsed \(wall/ {n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s}
                                             /Maximum resident/ {print w, $NF}' || true  # exit 3: rows rejected
  done | sort -n | awk '{w[NR] = $1; if ($2 > m) m = $2} END {printf "wall s: min %.2f median %.2f max %.2f; max RSS %.0f MiB\n", w[1], w[3], w[5], m / 1024}'
fi
