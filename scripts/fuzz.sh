#!/usr/bin/env bash
# Runs the libFuzzer harness tests/fuzz/fuzz_input.c for N seconds (default 60)
# over the seed corpus tests/fuzz/corpus, with AddressSanitizer (leaks
# included) and UndefinedBehaviorSanitizer.  MMS_FUZZ_TARGET=xlsx runs
# tests/fuzz/fuzz_xlsx.c (the .xlsx reader) over tests/fuzz/corpus-xlsx instead.
#
# Usage: [MMS_FUZZ_TARGET=input|xlsx] scripts/fuzz.sh [N] [extra libFuzzer options...]
#
# Builds with clang in $MMS_FUZZ_BUILD (default build-fuzz), installing clang
# and libclang-rt-14-dev with apt-get if they are missing.  The corpus grows in
# BUILD/fuzz-corpus (the seeds in the repository are not touched); a crash,
# leak or hang is written to BUILD/fuzz-artifacts/ and the script exits 1.
# Reproduce one with: BUILD/fuzz_input BUILD/fuzz-artifacts/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
build=${MMS_FUZZ_BUILD:-build-fuzz}
target=${MMS_FUZZ_TARGET:-input}
case $target in
input) seeds=tests/fuzz/corpus ;;
xlsx) seeds=tests/fuzz/corpus-xlsx ;;
*)
	echo "fuzz.sh: MMS_FUZZ_TARGET is input or xlsx, not '$target'" >&2
	exit 2
	;;
esac

if ! command -v clang >/dev/null ||
	! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
	bash scripts/deps.sh clang libclang-rt-14-dev
fi

CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMMS_FUZZ=ON \
	-DMMS_TESTS=OFF -DMMS_DEVELOPER=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "fuzz_$target" >/dev/null

corpus=$build/fuzz-corpus
[ "$target" = input ] || corpus=$build/fuzz-corpus-$target
mkdir -p "$corpus" "$build/fuzz-artifacts"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TMPDIR=${TMPDIR:-/tmp}
# -timeout: an input that takes 10 s is a hang; -rss_limit_mb: so is one that
# makes memory grow past 1 GiB (the reader streams: it must not).
"$build/fuzz_$target" "$corpus" "$seeds" \
	-max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
	-print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/" "$@"
