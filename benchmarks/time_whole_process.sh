#!/usr/bin/env bash
# Times a whole process five times: with farm-bench (min/median/max of wall, cpu and peak
# memory) where it is installed, else with /usr/bin/time -v (min/median/max wall seconds,
# the largest resident set). The whole-process benchmark scripts share it.
#
#   benchmarks/time_whole_process.sh 'exec build/release/src/cli/crmrules ... >out'
set -euo pipefail
cmd=$1
if command -v farm-bench >/dev/null; then
  farm-bench -n 5 --timeout 300 -- sh -c "$cmd"
else
  for i in 1 2 3 4 5; do
    /usr/bin/time -v sh -c "$cmd" 2>&1 | awk '/Elapsed \(wall/ {n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s}
                                             /Maximum resident/ {print w, $NF}' || true  # a non-zero exit (rows rejected) still counts
  done | sort -n | awk '{w[NR] = $1; if ($2 > m) m = $2} END {printf "wall s: min %.2f median %.2f max %.2f; max RSS %.0f MiB\n", w[1], w[3], w[5], m / 1024}'
fi
