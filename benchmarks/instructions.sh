#!/usr/bin/env bash
# Instructions per iteration of chosen benchmarks, counted by callgrind: repeatable on
# this VM, whose timings swing up to 1.7x between runs of one binary. Use it to compare
# two builds of a change (the figures in docs/ and the session notes come from it).
#
#   benchmarks/instructions.sh [BENCHMARK_DIR]        # default: build/release/benchmarks
#
# Each line: program, benchmark, instructions per iteration. Each benchmark runs twice,
# for a short and a longer time, and the difference of the counts over the difference of
# the iterations cancels its setup (loading rules, warming up); the loop's own few
# instructions are included.
set -euo pipefail
dir=${1:-build/release/benchmarks}
cases=(
  "crmrules_rule_set_benchmark BM_ScorecardTable_Cpp/0"
  "crmrules_rule_set_benchmark BM_ScorecardTable_CAbi"
  "crmrules_builtin_benchmark BM_Builtin_Record"
  "crmrules_builtin_benchmark BM_Builtin_Json"
  "crmrules_machine_benchmark BM_FireGuardedTransition"
  "crmrules_machine_benchmark BM_SaveRestoreBytes"
  "crmrules_machine_benchmark BM_SaveRestoreJson"
  "crmrules_kano_benchmark BM_KanoClassifyAggregate/pairs:10000/segments_and_waves:1"
  "crmrules_kano_benchmark BM_KanoAnalyze"
  "crmrules_grade_benchmark BM_EvaluateBuiltin"
)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# count PROGRAM NAME MIN_TIME: prints "instructions iterations" of the benchmark function.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" --collect-atstart=no \
    --toggle-collect="*${2%%/*}*" "$dir/$1" --benchmark_filter="^${2}\$" \
    --benchmark_min_time="$3" --benchmark_format=json >"$out/json" 2>"$out/log"
  echo "$(grep -m1 -E '^(summary|totals):' "$out/cg" | awk '{print $2}') $(grep -m1 '"iterations"' "$out/json" | tr -dc '0-9')"
}
for c in "${cases[@]}"; do
  read -r program name <<<"$c"
  read -r total1 iterations1 <<<"$(count "$program" "$name" 0.02)"
  read -r total2 iterations2 <<<"$(count "$program" "$name" 0.2)"
  if [ "$iterations2" -le "$iterations1" ]; then
    printf '%-30s %-52s %s\n' "$program" "$name" "too few iterations to tell"
    continue
  fi
  printf '%-30s %-52s %10d\n' "$program" "$name" $(((total2 - total1) / (iterations2 - iterations1)))
done
