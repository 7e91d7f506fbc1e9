#!/usr/bin/env bash
# The issue's target for service commitments: 1,000,000 tickets checked from CSV against
# the built-in commitments, whole process (the CLI, a JSON summary by customer), under 3 s
# and 300 MB. Generates the tickets into a temporary directory (never committed), then
# times five runs (benchmarks/time_whole_process.sh).
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
benchmarks/time_whole_process.sh "$cmd"
