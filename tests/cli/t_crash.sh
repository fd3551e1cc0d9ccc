#!/usr/bin/env bash
# An import killed with SIGKILL at a random moment leaves a sound database
# holding either all of that import or none of it.
#
#   MMS_CRASH_ITERATIONS  how many imports to kill (default 50)
#   MMS_CRASH_SEED        the seed of the random moments (default: random,
#                         printed, so that a failure can be replayed)
. "$MMS_SRC/tests/cli/lib.sh"

iterations=${MMS_CRASH_ITERATIONS:-50}
seed=${MMS_CRASH_SEED:-$RANDOM}
echo "iterations: $iterations, seed: $seed (MMS_CRASH_SEED replays them)"

# The invented district, and one results file with its rows repeated under
# distinct participant codes: an import long enough to be killed midway.
"$MMS_GEN" --out gen >/dev/null || { echo "mms-gen-district failed" >&2; exit 1; }
A=vpr-2026-math-5
copies=2
{
	iconv -f CP1251 -t UTF-8 gen/results/$A/edu249001.csv | tr -d '\r' | grep -m1 'Код участника'
	for f in gen/results/$A/edu*.csv; do
		iconv -f CP1251 -t UTF-8 "$f" | tr -d '\r' | awk '/Кол-во участников/ { next } on { print } /Код участника/ { on = 1 }'
	done | awk -F';' -v OFS=';' -v n=$copies \
		'{ line = $0; for (i = 1; i <= n; i++) { $0 = line; $4 = $4 "-" i; print } }'
} >big.csv
want=$(($(wc -l <big.csv) - 1))

export MMS_DB="$MMS_TMP/base.db"
run init -q
run import-roster -q gen/roster.csv
expect_rc 0 "roster"
run import-spec -q --assessment $A --subject Математика --grade 5 gen/spec/$A.csv
expect_rc 0 "spec"
checks=$((checks + 1))
[ ! -e base.db-wal ] || fail "base.db-wal is left after the last connection closed"

# How long a whole import takes: the kills fall in [0, 1.2 × that].
cp base.db full.db
start=$(date +%s%N)
run --db full.db import-results -q --assessment $A big.csv
expect_rc 0 "the whole import"
took_ms=$((($(date +%s%N) - start) / 1000000))
expect_same "$(sqlite3 full.db 'SELECT count(*) FROM participant')" "$want" "the whole import's participants"
echo "a whole import of $want participants takes $took_ms ms"

delays=$(awk -v n="$iterations" -v seed="$seed" -v ms="$took_ms" \
	'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.3f\n", rand() * ms * 1.2 / 1000 }')

none=0 all=0 midway=0 i=0
export MMS_DB="$MMS_TMP/crash.db"
for delay in $delays; do
	i=$((i + 1))
	rm -f crash.db crash.db-wal crash.db-shm
	cp base.db crash.db
	"$MMS" import-results -q --assessment $A big.csv >/dev/null 2>"$MMS_TMP/stderr" &
	pid=$!
	sleep "$delay"
	# was the import under way: the database open, not yet closed?
	opened=0
	ls -l /proc/$pid/fd 2>/dev/null | grep -q 'crash\.db$' && opened=1
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?

	checks=$((checks + 1))
	{
		read -r integrity
		read -r n
		read -r logged
	} < <(sqlite3 crash.db 'PRAGMA integrity_check' 'SELECT count(*) FROM participant' \
		"SELECT count(*) FROM import_log WHERE command = 'import-results'" 2>&1)
	[ "$integrity" = ok ] || fail "iteration $i (killed after ${delay}s): integrity_check: $integrity"
	checks=$((checks + 1))
	if [ "$n" = 0 ] && [ "$logged" = 0 ]; then
		none=$((none + 1))
		[ "$opened" = 1 ] && midway=$((midway + 1))
	elif [ "$n" = "$want" ] && [ "$logged" = 1 ]; then
		all=$((all + 1))
	else
		fail "iteration $i (killed after ${delay}s, exit $rc): $n participants of $want, $logged imports logged"
	fi
	if [ $((i % 10)) -eq 0 ]; then
		run check --quiet
		expect_rc 0 "mms check after iteration $i"
	fi
done
echo "$i imports killed: $none left nothing (${midway} of them with the database open, in the middle of the import), $all were complete"

# Some kills must have hit imports under way, or the test proved nothing.
if [ "$iterations" -ge 20 ]; then
	checks=$((checks + 1))
	[ "$midway" -gt 0 ] || fail "no import was killed while under way: the fixture is too small"
fi

# A killed import does not block the next one: it runs to the end.
run import-results -q --assessment $A big.csv
expect_rc 0 "an import after the kills"
expect_same "$(sql 'SELECT count(*) FROM participant')" "$want" "the import after the kills"

finish
