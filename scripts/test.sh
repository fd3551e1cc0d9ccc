#!/usr/bin/env bash
# Installs what is missing, builds mms with AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

# python3-openpyxl: the tests open every workbook mms writes with a real reader;
# clang-format: a test checks the code is as .clang-format writes it
bash scripts/deps.sh python3-openpyxl clang-format

build=${MMS_TEST_BUILD:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DMMS_SANITIZE=ON -DMMS_DEVELOPER=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
