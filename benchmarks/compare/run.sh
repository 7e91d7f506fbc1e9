#!/usr/bin/env bash
# crmrules side by side with ZEN (GoRules' zen-engine), on the same generated customers:
# the default rule set's value scorecard and grade table in both. Checks that both give
# the same grade to every customer, then prints both throughputs and the ratio.
#
#   benchmarks/compare/run.sh [BUILD_DIR] [CUSTOMERS]
#
# BUILD_DIR: a Release build of crmrules with benchmarks (default build-bench; it builds
# the target crmrules_compare there). CUSTOMERS: how many (default 100000).
# @gorules/zen-engine comes from the npm registry, installed by this script into a scratch
# directory (ZEN_DIR, default /tmp/crmrules-zen-compare); nothing else installs it, and no
# test runs this script.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build-bench}
count=${2:-100000}
zen_dir=${ZEN_DIR:-/tmp/crmrules-zen-compare}
zen_version=${ZEN_VERSION:-0.54.0}
[[ "$build" = /* ]] || build="$root/$build"

if [ ! -d "$build" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" --target crmrules_compare

mkdir -p "$zen_dir"
if [ ! -d "$zen_dir/node_modules/@gorules/zen-engine" ]; then
  (cd "$zen_dir" && [ -f package.json ] || echo '{"private": true}' > "$zen_dir/package.json"
   cd "$zen_dir" && npm install --no-audit --no-fund "@gorules/zen-engine@$zen_version")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node "$here/generate_customers.mjs" "$count" "$work/customers.json"
node "$here/make_graph.mjs" "$root/rules/default.json" "$work/value_graph.json"

crm=$("$build/benchmarks/compare/crmrules_compare" "$work/customers.json" "$work/crmrules_grades.txt")
zen=$(ZEN_NODE_MODULES="$zen_dir/node_modules" node "$here/zen_run.mjs" "$work/value_graph.json" \
      "$work/customers.json" "$work/zen_grades.txt")
echo "crmrules: $crm"
echo "zen:      $zen"

node - "$work/crmrules_grades.txt" "$work/zen_grades.txt" "$crm" "$zen" <<'NODE'
const fs = require("fs");
const [crmFile, zenFile, crmJson, zenJson] = process.argv.slice(2);
const a = fs.readFileSync(crmFile, "utf8").trimEnd().split("\n");
const b = fs.readFileSync(zenFile, "utf8").trimEnd().split("\n");
const crm = JSON.parse(crmJson), zen = JSON.parse(zenJson);
let differ = 0;
for (let i = 0; i < Math.max(a.length, b.length); ++i)
  if (a[i] !== b[i]) { if (differ++ < 5) console.log(`customer ${i}: crmrules ${a[i]}, zen ${b[i]}`); }
const counts = {};
for (const g of a) counts[g] = (counts[g] || 0) + 1;
console.log(`grades: ${JSON.stringify(counts)}`);
if (differ || a.length !== crm.records) { console.log(`${differ} of ${a.length} customers graded differently`); process.exit(1); }
console.log(`same grade for all ${a.length} customers`);
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const both = (r) => `${fmt(r.wall)}/s (${fmt(r.cpu)} per CPU-second)`;
console.log(`crmrules one at a time ${both(crm.one_at_a_time)}; ${crm.threads} threads ${both(crm.all_threads)}`);
console.log(`         through evaluate_json ${both(crm.json)}; the whole built-in rule set ${both(crm.whole_rule_set)}`);
console.log(`zen      one at a time ${both(zen.one_at_a_time)}; 256 in flight ${both(zen.in_flight)}`);
const x = (a, b) => `${(a / b).toFixed(0)}x`;
const zenCpu = Math.max(zen.one_at_a_time.cpu, zen.in_flight.cpu), zenWall = Math.max(zen.one_at_a_time.wall, zen.in_flight.wall);
console.log(`ratio    per record of CPU time: ${x(crm.one_at_a_time.cpu, zenCpu)} (through JSON ${x(crm.json.cpu, zenCpu)}, ` +
            `whole rule set ${x(crm.whole_rule_set.cpu, zenCpu)}), against ZEN's cheaper mode`);
console.log(`         wall clock: one at a time ${x(crm.one_at_a_time.wall, zen.one_at_a_time.wall)}; ` +
            `all cores ${x(crm.all_threads.wall, zen.in_flight.wall)}; crmrules one thread against ZEN's best ${x(crm.one_at_a_time.wall, zenWall)}`);
NODE
