#!/usr/bin/env bash
# The nightly script of the README's "Running from cron", as written there,
# in cron's bare environment (only the crontab's variables): a bad file does
# not stop the other folders, a night without new files adds no
# classification run, a busy database retried then got through is silent.
. "$MMS_SRC/tests/cli/lib.sh"

# the crontab and the script, taken from the README
awk '/^## Running from cron/ { on = 1 } on && /^```$/ && !tab { tab = 1; next }
	on && tab == 1 && /^```$/ { exit } on && tab == 1 { print }' "$MMS_SRC/README.md" >crontab
awk '/^## Running from cron/ { on = 1 } on && /^```sh$/ { sh = 1; next }
	sh && /^```$/ { exit } sh { print }' "$MMS_SRC/README.md" >nightly.sh
for v in MMS_DB PATH LANG; do
	checks=$((checks + 1))
	grep -q "^$v=" crontab || fail "the README's crontab does not set $v"
done
checks=$((checks + 1))
grep -q '^#!/bin/sh' nightly.sh || fail "no script found in the README"
# mms(1) shows the same script
awk '/^\.IR \/srv\/mms\/nightly\.sh :/ { on = 1 } on && /^\.nf$/ { nf = 1; next }
	nf && /^\.fi$/ { exit } nf { print }' "$MMS_SRC/man/mms.1" |
	sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/^\\&//' >nightly-man.sh
checks=$((checks + 1))
cmp -s nightly.sh nightly-man.sh || fail "mms(1)'s nightly script differs from the README's: $(diff nightly.sh nightly-man.sh | head -5)"

"$MMS_GEN" --out gen >/dev/null || { echo "mms-gen-district failed" >&2; exit 1; }
"$MMS" init -q && "$MMS" import-roster -q gen/roster.csv || fail "the roster"
for a in vpr-2026-math-5 vpr-2026-rus-5; do
	IFS=$'\t' read -r _ _ subject grade date _ <<<"$(grep "^$a" gen/assessments.tsv)"
	"$MMS" import-spec -q --assessment "$a" --subject "$subject" --grade "$grade" \
		--date "$date" "gen/spec/$a.csv" || fail "the description of $a"
done

# what cron runs: the crontab's variables and nothing else (the test's paths)
home=$MMS_TMP/srv
night() { # night [ENV...]: runs the script as cron would
	env -i MMS_DB="$MMS_DB" PATH="$(dirname "$MMS"):/usr/bin:/bin" LANG=C.UTF-8 \
		MMS_HOME="$home" "$@" sh nightly.sh >"$MMS_TMP/stdout" 2>"$MMS_TMP/stderr"
	rc=$?
	out=$(cat "$MMS_TMP/stdout")
	err=$(cat "$MMS_TMP/stderr")
}
runs() { sql "SELECT count(*) FROM deficit_run"; }
mkdir -p "$home/in/vpr-2026-math-5" "$home/in/vpr-2026-rus-5"

# night 1: three files of one folder, a bad one and two good ones in the other
cp gen/results/vpr-2026-math-5/edu24900[123].csv "$home/in/vpr-2026-math-5/"
cp gen/results/vpr-2026-rus-5/edu24900[12].csv "$home/in/vpr-2026-rus-5/"
printf 'Код участника;Класс;1;2\nX;5А;1\n' >"$home/in/vpr-2026-rus-5/broken.csv"
night
expect_rc 65 "a night with a bad file"
expect_no_out
expect_err "broken.csv"
checks=$((checks + 1))
[ "$(ls "$home/done/vpr-2026-math-5" | wc -l)" = 3 ] && [ "$(ls "$home/done/vpr-2026-rus-5" | wc -l)" = 2 ] ||
	fail "the good files were not all imported: $(ls -R "$home/done")"
checks=$((checks + 1))
[ -f "$home/rejected/vpr-2026-rus-5/broken.csv" ] || fail "the bad file is not in rejected/"
checks=$((checks + 1))
[ "$(sql "SELECT count(DISTINCT assessment_id) FROM participant")" = 2 ] || fail "both assessments imported"
checks=$((checks + 1))
[ -s "$home/backup/district.db" ] || fail "no backup"
n=$(runs)
checks=$((checks + 1))
[ "$n" -ge 2 ] || fail "the new results were not classified ($n runs)"

# night 2: nothing new: silent, no classification run
night
expect_rc 0 "a quiet night"
expect_no_out
expect_no_err
expect_same "$(runs)" "$n" "a night without new files added a classification run"

# night 3: the database busy at first, free at the second try: silent, exit 0
cp gen/results/vpr-2026-math-5/edu249004.csv "$home/in/vpr-2026-math-5/"
hold_lock 2
start=$SECONDS
night MMS_BUSY_TIMEOUT_MS=100 MMS_RETRY_DELAY=4
wait $holder
checks=$((checks + 1))
[ $((SECONDS - start)) -ge 3 ] || fail "the first try was not busy: the check proves nothing"
expect_rc 0 "busy, then through"
expect_no_out
expect_no_err
checks=$((checks + 1))
[ -f "$home/done/vpr-2026-math-5/edu249004.csv" ] || fail "the file of the busy night was not imported"
checks=$((checks + 1))
[ "$(runs)" -gt "$n" ] || fail "the busy night's results were not classified"

finish
