#!/usr/bin/env bash
# The README's second command: every test (C++, pure C, Python, ABI, packaging), then the
# whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer. .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
jobs=$(nproc)
# A test that hangs fails after this many seconds instead of holding CI (the slowest, a
# sanitized one, takes under a minute).
timeout=300

echo "== release build: every test"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRMRULES_WERROR=ON
cmake --build build/release -j "$jobs"
ctest --test-dir build/release --output-on-failure -j "$jobs" --timeout "$timeout"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer: the suite again"
# Packaging tests build consumer projects of their own and add nothing under sanitizers.
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCRMRULES_SANITIZE=ON -DCRMRULES_WERROR=ON \
  -DCRMRULES_BUILD_BENCHMARKS=OFF -DCRMRULES_BUILD_EXAMPLES=OFF
cmake --build build/asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j "$jobs" -LE packaging --timeout "$timeout"

echo "== libFuzzer (clang-19): rule sets, expressions, session restore, CSV (reader, grading, Kano), JSON inputs, account documents, service tickets, next-best-action customers, transaction logs, DMN models, satisfaction ratings and profiles, briefly"
# Ten seconds each (thirteen targets, two at a time); scripts/fuzz.sh runs them for longer.
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCRMRULES_FUZZ=ON -DCRMRULES_FUZZ_SECONDS=10 -DCRMRULES_WERROR=ON \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCRMRULES_BUILD_PYTHON=OFF -DCRMRULES_BUILD_BENCHMARKS=OFF -DCRMRULES_BUILD_EXAMPLES=OFF -DCRMRULES_BUILD_CLI=OFF
cmake --build build/fuzz -j "$jobs" --target ruleset_fuzz expression_fuzz session_fuzz csv_fuzz grade_csv_fuzz \
  kano_csv_fuzz json_fuzz account_fuzz service_fuzz next_fuzz lifetime_fuzz dmn_fuzz ratings_fuzz
ctest --test-dir build/fuzz --output-on-failure -L fuzz -j "$jobs" --timeout "$timeout"
