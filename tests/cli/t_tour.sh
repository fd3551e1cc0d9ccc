#!/usr/bin/env bash
# The README's tour, from start to end, with the commands it shows: every
# ```sh block of "A 5-minute tour" runs in order (the build lines aside: the
# tests' mms is already built) and must succeed.
. "$MMS_SRC/tests/cli/lib.sh"

awk '/^## A 5-minute tour/ { on = 1; next } on && /^## / { exit }
	on && /^```sh$/ { sh = 1; next } sh && /^```$/ { sh = 0; print "#--"; next } sh { print }' \
	"$MMS_SRC/README.md" |
	grep -v -e '^bash scripts/deps.sh' -e '^cmake ' -e '^export PATH=' >tour.sh
checks=$((checks + 1))
[ "$(grep -c '^#--' tour.sh)" -ge 5 ] || fail "the tour's blocks were not found"
checks=$((checks + 1))
grep -q 'district/load.sh' tour.sh || fail "the tour does not load the generated district"
ln -s "$MMS_SRC/samples" samples
PATH=$(dirname "$MMS"):$(dirname "$MMS_GEN"):$PATH MMS_DB=$MMS_TMP/tour.db \
	bash -e tour.sh >tour.out 2>tour.err
rc=$?
out=$(tail -20 tour.out)
err=$(cat tour.err)
expect_rc 0 "the README's tour"
expect_no_err
for f in iop.html order.xlsx report.html; do
	checks=$((checks + 1))
	[ -s "$f" ] || fail "the tour did not write $f"
done
workbook_ok order.xlsx "the tour's order"

finish
