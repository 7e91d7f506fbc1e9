#!/usr/bin/env bash
# The README's first command: install what is needed, build, and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build/release -j "$(nproc)"

# The main job: the example that exercises the library end to end.
./build/release/examples/value_assessment
