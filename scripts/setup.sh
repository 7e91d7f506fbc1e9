#!/usr/bin/env bash
# The README's first command: install what is needed, build, and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build/release -j "$(nproc)"

# The deck's three customers worked out in exact decimals.
./build/release/examples/value_assessment

# The main job: grade a generated portfolio of 3,000 customers with the built-in rules
# (examples/data/generate_portfolio.py made it) and show the summary: customers per
# grade and ABC class, the Pareto share, any rejected rows.
./build/release/src/cli/crmrules grade examples/data/portfolio.csv \
  --out build/release/graded_portfolio.csv --plot build/release/portfolio.svg
echo "graded rows: build/release/graded_portfolio.csv"
