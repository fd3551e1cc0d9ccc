#!/usr/bin/env bash
# Every C file the project tracks is as .clang-format writes it.
cd "$MMS_SRC" || exit 1
files=$(git ls-files '*.c' '*.h' 2>/dev/null) || files=$(find cmd lib include tests tools -name '*.[ch]')
# shellcheck disable=SC2086
out=$(clang-format --dry-run -Werror $files 2>&1) && exit 0
echo "$out" | grep 'error:' | head -20
echo "not formatted: run clang-format -i on the files above" >&2
exit 1
