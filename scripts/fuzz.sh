#!/usr/bin/env bash
# The libFuzzer targets for longer than the test command's short run:
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 600 seconds each, every target
#   scripts/fuzz.sh 60 csv_fuzz json_fuzz     # two targets, a minute each
#
# Builds the fuzz tree (build/fuzz, as scripts/test.sh does; FUZZ_BUILD_DIR to change
# it), then runs each target in turn for SECONDS from its seeds (tests/fuzz/*_seeds, the
# project's CSV files, rule sets and sessions) and its corpus, which persists in the
# build tree between runs (and is the one the short ctest run uses). The targets and
# their seeds come from the build's fuzz_targets.txt (tests/fuzz/CMakeLists.txt).
# Per target it prints the executions, libFuzzer's coverage (cov: edges, ft: features),
# the corpus size and the outcome: "ok", or the crash with the input kept under
# build/fuzz/fuzz_artifacts/TARGET/. Exits 1 when a target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
seconds=${1:-600}
if [ $# -gt 0 ]; then shift; fi
dir=${FUZZ_BUILD_DIR:-build/fuzz}

cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCRMRULES_FUZZ=ON -DCRMRULES_WERROR=ON \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCRMRULES_BUILD_PYTHON=OFF -DCRMRULES_BUILD_BENCHMARKS=OFF -DCRMRULES_BUILD_EXAMPLES=OFF \
  -DCRMRULES_BUILD_CLI=OFF >/dev/null
list="$dir/tests/fuzz/fuzz_targets.txt"
all=$(cut -d' ' -f1 "$list")
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then read -r -a targets <<<"$(echo $all)"; fi
for t in "${targets[@]}"; do
  grep -q "^$t " "$list" || { echo "unknown target '$t' (one of: $(echo $all))" >&2; exit 2; }
done
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]}"

logs="$dir/fuzz_logs"
mkdir -p "$logs"
found=0
printf '%-16s %8s %12s %8s %8s %8s  %s\n' target seconds executions cov ft corpus result
for t in "${targets[@]}"; do
  read -r _ program dict corpus seeds < <(grep "^$t " "$list")
  artifacts="$dir/fuzz_artifacts/$t/"
  mkdir -p "$corpus" "$artifacts"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
           -artifact_prefix="$artifacts")
  [ "$dict" != "-" ] && options+=("$dict")
  log="$logs/$t.log"
  status=0
  # shellcheck disable=SC2086 # the seed directories are separate words
  "$program" "${options[@]}" "$corpus" $seeds >"$log" 2>&1 || status=$?
  # The last status line ("#N ... cov: C ft: F corp: K/...") and the final stats.
  executions=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  if [ $status -eq 0 ]; then
    result=ok
  else
    found=1
    crash=$(ls -t "$artifacts" 2>/dev/null | head -1)
    result="FOUND (exit $status): $(grep -m1 -E 'ERROR: |SUMMARY: |deadly signal|Timeout|out-of-memory' "$log" || echo 'see the log'); input $artifacts$crash; log $log"
  fi
  printf '%-16s %8s %12s %8s %8s %8s  %s\n' "$t" "$seconds" "${executions:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done
exit $found
