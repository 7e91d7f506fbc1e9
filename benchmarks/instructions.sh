#!/usr/bin/env bash
# Instructions per operation of chosen benchmarks, counted by callgrind: repeatable on
# this VM, whose timings swing up to 1.7x between runs of one binary. Use it to compare
# two builds of a change (the figures in docs/ and the session notes come from it).
#
#   benchmarks/instructions.sh [BENCHMARK_DIR]        # default: build/release/benchmarks
#
# Each case names a program, a benchmark and the library functions its loop calls; the
# first function is the operation. A C++ function is named by the start of its name
# ("crm::RuleSet::evaluate(": overloads and [abi:cxx11] tags follow), a C function by its
# whole name. The figure is the inclusive cost of those functions divided by the calls
# of the first, so neither the benchmark's setup nor Google Benchmark's trial runs enter
# it. Each line out: the benchmark, the operation, instructions per call.
set -euo pipefail
dir=${1:-build/release/benchmarks}
cases=(
  "crmrules_decimal_benchmark BM_Parse/money crm::Decimal::parse("
  "crmrules_decimal_benchmark BM_Parse/exponent crm::Decimal::parse("
  "crmrules_grade_benchmark BM_ReadCsv/2000/real_time crm::internal::csv::Reader::next("
  "crmrules_rule_set_benchmark BM_ScorecardTable_Cpp/0 crm::RuleSet::evaluate( crm::Record::set("
  "crmrules_rule_set_benchmark BM_ScorecardTable_CAbi crm_ruleset_evaluate crm_record_set_decimal crm_record_output_string"
  "crmrules_builtin_benchmark BM_Builtin_Record crm::RuleSet::evaluate( crm::Record::set("
  "crmrules_builtin_benchmark BM_Builtin_Json crm::RuleSet::evaluate_json"
  "crmrules_grade_benchmark BM_EvaluateBuiltin crm::RuleSet::evaluate("
  "crmrules_machine_benchmark BM_FireGuardedTransition crm::Session::fire(unsigned"
  "crmrules_machine_benchmark BM_SaveRestoreBytes crm::Session::restore( crm::Session::save(std::vector"
  "crmrules_machine_benchmark BM_SaveRestoreJson crm::Session::restore_json( crm::Session::save_json"
  "crmrules_machine_benchmark BM_SaveRestoreBytesSealed crm::Session::restore( crm::Session::save(crm::SessionKey,"
  "crmrules_machine_benchmark BM_SaveRestoreJsonSealed crm::Session::restore_json( crm::Session::save_json"
  "crmrules_kano_benchmark BM_KanoAnalyze crm::kano::Survey::analyze("
)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# matches(NAME, PATTERN) in awk: a C++ pattern (with "::") starts the name, a C one is it.
match_fn='function matches(name, p) { return index(p, "::") ? index(name, p) == 1 : name == p }'
for c in "${cases[@]}"; do
  read -r program name functions <<<"$c"
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$dir/$program" --benchmark_filter="^${name}\$" \
    --benchmark_min_time=0.1 >"$out/log" 2>&1
  # The inclusive cost of the functions, from callgrind_annotate's lines "cost (pct)  file:name [binary]".
  total=$(callgrind_annotate --inclusive=yes --threshold=100 "$out/cg" 2>/dev/null | awk -v fs="$functions" "$match_fn"'
    /^ *[0-9,]+ \(/ { cost = $1; gsub(",", "", cost); name = $0; sub(/^ *[0-9,]+ \([^)]*\) +[^:]*:/, "", name); sub(/ \[[^]]*\]$/, "", name)
      n = split(fs, p, " "); for (i = 1; i <= n; ++i) if (matches(name, p[i])) { s += cost; break } }
    END { printf "%.0f", s }')
  # The calls of the operation: the "calls=" lines under every call arc into it.
  first=${functions%% *}
  calls=$(awk -v f="$first" "$match_fn"'
    # A function is named at its first mention (fn= or cfn=), then only by its number.
    /^c?fn=/ { id = $1; sub(/^c?fn=/, "", id); name = $0; sub(/^c?fn=\([0-9]+\) ?/, "", name)
      if (name != "") known[id] = matches(name, f) }
    /^fn=/ { into = 0 }
    /^cfn=/ { into = known[id] }
    /^calls=/ && into { split($1, n, "="); s += n[2] }
    END { print s + 0 }' "$out/cg")
  if [ "$calls" -eq 0 ]; then
    printf '%-42s %-34s %s\n' "$name" "$first" "not called"
    continue
  fi
  printf '%-42s %-34s %10d\n' "$name" "$first" $((total / calls))
done
