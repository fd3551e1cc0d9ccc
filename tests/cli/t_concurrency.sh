#!/usr/bin/env bash
# Imports at once never interleave: both succeed in turn, or the loser exits
# 75 with a message and changes nothing.  Readers (mms log, mms check) are not
# blocked by a writer (WAL).  MMS_BUSY_TIMEOUT_MS sets how long a command waits.
. "$MMS_SRC/tests/cli/lib.sh"

"$MMS_GEN" --out gen >/dev/null || { echo "mms-gen-district failed" >&2; exit 1; }
A=vpr-2026-math-5
# FILE SUFFIX COPIES: the district's results for A, each row COPIES times
# under participant codes ending in -SUFFIXi.
fixture() {
	{
		iconv -f CP1251 -t UTF-8 gen/results/$A/edu249001.csv | tr -d '\r' | grep -m1 'Код участника'
		for f in gen/results/$A/edu*.csv; do
			iconv -f CP1251 -t UTF-8 "$f" | tr -d '\r' | awk '/Кол-во участников/ { next } on { print } /Код участника/ { on = 1 }'
		done | awk -F';' -v OFS=';' -v n="$3" -v s="$2" \
			'{ line = $0; for (i = 1; i <= n; i++) { $0 = line; $4 = $4 "-" s i; print } }'
	} >"$1"
}
fixture a.csv a 3
fixture b.csv b 3
na=$(($(wc -l <a.csv) - 1))
nb=$(($(wc -l <b.csv) - 1))

run init -q
run import-roster -q gen/roster.csv
run import-spec -q --assessment $A --subject Математика --grade 5 gen/spec/$A.csv
expect_rc 0 "spec"
cp "$MMS_DB" base.db

# 1. Two imports at once with the default wait: both succeed, one after the other.
"$MMS" import-results -q --assessment $A a.csv >a.out 2>&1 &
pa=$!
"$MMS" import-results -q --assessment $A b.csv >b.out 2>&1 &
pb=$!
wait $pa
ra=$?
wait $pb
rb=$?
rc=$ra out=$(cat a.out) err=
expect_rc 0 "import a next to import b"
rc=$rb out=$(cat b.out)
expect_rc 0 "import b next to import a"
expect_same "$(sql 'SELECT count(*) FROM participant')" "$((na + nb))" "both imports are stored"
expect_same "$(sql "SELECT count(*) FROM import_log WHERE command = 'import-results'")" 2 "both imports are logged"
# Not interleaved: each import's participants are one run of ids.
interleaved=$(sql "SELECT count(*) FROM import_log x, import_log y WHERE x.id < y.id AND
	x.command = 'import-results' AND y.command = 'import-results' AND
	(SELECT max(id) FROM participant WHERE import_id = x.id) >
	(SELECT min(id) FROM participant WHERE import_id = y.id)")
expect_same "$interleaved" 0 "the two imports' rows interleave"
expect_same "$(sql "SELECT count(*) FROM participant WHERE import_id =
	(SELECT id FROM import_log WHERE file = 'a.csv') AND code LIKE '%-a_'")" "$na" \
	"import a's rows are all its own"

# 2. With no wait: each import succeeds or exits 75, never anything else,
#    and the database holds exactly the ones that succeeded.
cp base.db race.db
rm -f race.db-wal race.db-shm
for s in c d e; do
	fixture $s.csv $s 6
	MMS_BUSY_TIMEOUT_MS=0 "$MMS" --db race.db import-results -q --assessment $A $s.csv \
		>$s.out 2>&1 &
	eval "p$s=$!"
done
won=0 expected=0
for s in c d e; do
	eval "wait \$p$s"
	rc=$?
	out= err=$(cat $s.out)
	checks=$((checks + 1))
	case $rc in
	0) won=$((won + 1)) expected=$((expected + $(wc -l <$s.csv) - 1)) ;;
	75) expect_err "database 'race.db' is busy" ;;
	*) fail "import $s: exit $rc, not 0 or 75" ;;
	esac
done
checks=$((checks + 1))
[ "$won" -ge 1 ] || fail "no import succeeded"
expect_same "$(sqlite3 race.db 'SELECT count(*) FROM participant')" "$expected" \
	"the race: the database holds other than the imports that succeeded"
echo "race with no wait: $won of 3 imports succeeded, the others exited 75"

# 3. A writer holds the lock: an import gives up after MMS_BUSY_TIMEOUT_MS
#    with exit 75, and changes nothing; readers are not blocked.
# hold DB SQL: another writer holds the lock on DB, having run SQL; release: it commits
hold() {
	rm -f ctl holder.out
	mkfifo ctl
	sqlite3 "$1" <ctl >holder.out 2>&1 &
	holder=$!
	exec 3>ctl
	echo "BEGIN IMMEDIATE; $2; SELECT 'locked';" >&3
	for _ in $(seq 100); do
		grep -q locked holder.out && break
		sleep 0.05
	done
}
release() {
	echo "COMMIT;" >&3
	exec 3>&-
	wait $holder
	checks=$((checks + 1))
	! grep -qi "error" holder.out || fail "the holder's SQL failed: $(cat holder.out)"
}
hold "$MMS_DB" "INSERT INTO subject(name, name_key) VALUES ('x', 'x')"
before=$(sqlite3 "$MMS_DB" 'SELECT count(*) FROM participant; SELECT count(*) FROM import_log')
start=$(date +%s%N)
MMS_BUSY_TIMEOUT_MS=300 run import-results --assessment $A c.csv
took=$((($(date +%s%N) - start) / 1000000))
expect_rc 75 "an import while another writer holds the lock"
expect_err "mms: import-results: database '$MMS_DB' is busy (another mms is writing to it); try again later"
checks=$((checks + 1))
[ "$took" -ge 300 ] || fail "gave up after $took ms, before the 300 ms wait"
expect_same "$(sqlite3 "$MMS_DB" 'SELECT count(*) FROM participant; SELECT count(*) FROM import_log')" \
	"$before" "the busy import changed the database"
MMS_BUSY_TIMEOUT_MS=300 run log
expect_rc 0 "mms log while a writer holds the lock"
expect_out "a.csv"
MMS_BUSY_TIMEOUT_MS=300 run check
expect_rc 0 "mms check while a writer holds the lock"
MMS_BUSY_TIMEOUT_MS=300 run backup held.db
expect_rc 0 "mms backup while a writer holds the lock"
expect_same "$(sqlite3 held.db 'SELECT count(*) FROM subject WHERE name = '\''x'\''')" 0 \
	"the backup holds an uncommitted row"
release

# 4. Readers while an import runs: they all succeed.
fixture f.csv f 8
"$MMS" import-results -q --assessment $A f.csv >d.out 2>&1 &
pd=$!
readers=0
while kill -0 $pd 2>/dev/null; do
	run log --limit 1
	expect_rc 0 "mms log during an import"
	run check --quiet
	expect_rc 0 "mms check during an import"
	readers=$((readers + 1))
done
wait $pd
rc=$? out=$(cat d.out)
expect_rc 0 "the import the readers ran beside"
echo "readers during an import: $readers rounds of mms log and mms check"

# 5. A classification reads and judges without the write lock, and takes it
#    only to store each run: while another writer holds the lock, it reads the
#    whole assessment, then waits; the run it stores stands for what it read,
#    unless what the run refers to moved meanwhile: then it is found again
#    under the lock.
# classify_beside DB SQL READS RUNS: classifies DB while a holder that ran SQL
# commits it only once the classification has read the participants (the
# aggregate's statement, which reads them for the run), and checks the
# classification read them READS times (2: read again, under the lock) and the
# database has RUNS runs more after them both
aggregate="code, scores FROM participant WHERE assessment_id"
classify_beside() {
	local runs
	runs=$(sqlite3 "$1" 'SELECT count(*) FROM deficit_run')
	hold "$1" "$2"
	MMS_SQL_PROFILE=1 MMS_BUSY_TIMEOUT_MS=30000 "$MMS" --db "$1" classify-deficits -q \
		>cls.out 2>cls.err &
	pc=$!
	for _ in $(seq 200); do
		grep -q "$aggregate" cls.err && break
		sleep 0.05
	done
	checks=$((checks + 1))
	grep -q "$aggregate" cls.err ||
		fail "the classification did not read the participants while another writer held the lock"
	sleep 0.3
	checks=$((checks + 1))
	kill -0 $pc 2>/dev/null || fail "the classification did not wait for the lock to store its run"
	expect_same "$(sqlite3 "$1" 'SELECT count(*) FROM deficit_run')" "$runs" \
		"a run stored while another writer held the lock"
	release
	wait $pc
	rc=$? out=$(cat cls.out) err=
	expect_rc 0 "the classification beside a writer"
	expect_same "$(sqlite3 "$1" 'SELECT count(*) FROM deficit_run')" "$((runs + $4))" \
		"the classification beside a writer: its run"
	# the participants were read before the write lock was asked for
	checks=$((checks + 1))
	[ "$(grep -n -m1 "$aggregate" cls.err | cut -d: -f1)" -lt \
		"$(grep -n -m1 "	BEGIN IMMEDIATE" cls.err | cut -d: -f1)" ] ||
		fail "the classification read the participants under the write lock"
	# READS is a pattern ([34]: as the reading ahead met the holder's commit)
	reads=$(grep -c "$aggregate" cls.err)
	checks=$((checks + 1))
	# shellcheck disable=SC2254
	case $reads in $3) ;; *) fail "the classification beside '$2': read $reads times, not $3" ;; esac
}
cp "$MMS_DB" cls.db
cp "$MMS_DB-wal" cls.db-wal 2>/dev/null || true
"$MMS" --db cls.db classify-deficits -q
rows=$(sqlite3 cls.db "SELECT count(*) FROM deficit_result WHERE run_id = 1")
teacher=$(sqlite3 cls.db "SELECT teacher_id FROM teacher_result WHERE run_id = 1 LIMIT 1")
school=$(sqlite3 cls.db "SELECT school_id FROM teacher WHERE id = $teacher")
other=$(sqlite3 cls.db "SELECT min(id) FROM school WHERE id <> $school")
assessment=$(sqlite3 cls.db "SELECT assessment_id FROM deficit_run WHERE id = 1")
# a change that leaves the run's rows as they were (an import that found its
# rows unchanged; a row by hand): the run as read
classify_beside cls.db "INSERT INTO import_log(command, file, sha256, inserted, replaced, unchanged)
	VALUES ('import-results', 'again.csv', '', 0, 0, 5);
	INSERT INTO subject(name, name_key) VALUES ('y', 'y')" 1 1
expect_same "$(sqlite3 cls.db "SELECT count(*) FROM deficit_result WHERE run_id =
	(SELECT max(id) FROM deficit_run)")" "$rows" "the run stored beside an unrelated change"
# the teacher moved to another school: the run read again, with the new school
classify_beside cls.db "UPDATE teacher SET school_id = $other WHERE id = $teacher" 2 1
expect_same "$(sqlite3 cls.db "SELECT group_concat(DISTINCT school_id) FROM teacher_result
	WHERE run_id = (SELECT max(id) FROM deficit_run) AND teacher_id = $teacher")" "$other" \
	"the run stored after the teacher moved: read again, with the new school"
# another classification's run stored meanwhile (this one, stored after it,
# would be the latest): read again
classify_beside cls.db "INSERT INTO deficit_run(assessment_id, threshold_version)
	VALUES ($assessment, 1)" 2 2
# another command's change (an import that changed rows, a roster): read again
classify_beside cls.db "INSERT INTO import_log(command, file, sha256, inserted, replaced, unchanged)
	VALUES ('import-results', 'new.csv', '', 3, 0, 0)" 2 1
sqlite3 cls.db "DELETE FROM deficit_run WHERE id NOT IN (SELECT run_id FROM deficit_result)"
sqlite3 cls.db "UPDATE teacher SET school_id = $school WHERE id = $teacher"
run --db cls.db check
expect_rc 0 "check after the classifications beside a writer"

# 6. Two assessments: the next one is read while the one before is stored (a
#    connection of its own reads ahead), and its reading may begin before the
#    run before it is committed: that run, and the line of the history written
#    with it, are the classification's own, no change to what it read.
B=vpr-2027-math-6
sqlite3 cls.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp cls.db cls2.db
"$MMS" --db cls2.db import-spec -q --assessment $B --subject Математика --grade 6 gen/spec/$B.csv
"$MMS" --db cls2.db import-results -q --assessment $B gen/results/$B/edu*.csv
rc=$? out= err=
expect_rc 0 "the second assessment's results"
# beside a change that leaves the runs' rows as they were: each read once
classify_beside cls2.db "INSERT INTO import_log(command, file, sha256, inserted, replaced, unchanged)
	VALUES ('import-results', 'again.csv', '', 0, 0, 5);
	INSERT INTO subject(name, name_key) VALUES ('z', 'z')" 2 2
expect_same "$(sqlite3 cls2.db "SELECT group_concat(a.code, ' ') FROM deficit_run u
	JOIN assessment a ON a.id = u.assessment_id WHERE u.id > (SELECT max(id) - 2 FROM
	deficit_run)")" "$A $B" "the runs of both assessments, in turn"
# another command's change: the first read again under the lock, and the
# second too, unless its reading began after the change
classify_beside cls2.db "INSERT INTO import_log(command, file, sha256, inserted, replaced, unchanged)
	VALUES ('import-results', 'new2.csv', '', 3, 0, 0)" "[34]" 2
# the runs read ahead hold what each assessment's run classified alone holds
"$MMS" --db cls2.db classify-deficits -q --assessment $A
"$MMS" --db cls2.db classify-deficits -q --assessment $B
# the runs numbered from the newest (1): 3 and 4 read ahead, 1 and 2 alone
newest="WITH k AS (SELECT id, row_number() OVER (ORDER BY id DESC) AS k FROM deficit_run)"
rows="SELECT k.k % 2, level, school_id, class_id, skill_id, n, points, possible, codes,
	p_value, q_value, below_half FROM deficit_result d JOIN k ON k.id = d.run_id"
expect_same "$(sqlite3 cls2.db "$newest SELECT count(*) FROM ($rows WHERE k.k IN (3, 4)
	EXCEPT $rows WHERE k.k IN (1, 2))")" 0 "the runs read ahead against each alone"
expect_same "$(sqlite3 cls2.db "$newest SELECT count(*) FROM ($rows WHERE k.k IN (3, 4))")" \
	"$(sqlite3 cls2.db "$newest SELECT count(*) FROM ($rows WHERE k.k IN (1, 2))")" \
	"the rows of the runs read ahead and of each alone"
run --db cls2.db check
expect_rc 0 "check after the classifications of two assessments beside a writer"

# MMS_BUSY_TIMEOUT_MS must be a number
MMS_BUSY_TIMEOUT_MS=soon run log
expect_rc 64
expect_err "MMS_BUSY_TIMEOUT_MS 'soon' is not a whole number"

# MMS_SQL_PROFILE: each statement's nanoseconds and text on stderr, one line
# each, SQLite's memory last; stdout as without it; nothing when unset or empty.
run list assessments
plain=$out
MMS_SQL_PROFILE=1 run list assessments
expect_rc 0 "list with MMS_SQL_PROFILE"
checks=$((checks + 1))
[ "$out" = "$plain" ] || fail "MMS_SQL_PROFILE changed stdout"
checks=$((checks + 1))
printf '%s\n' "$err" | grep -q "^[0-9][0-9]*	SELECT .*FROM assessment" ||
	fail "MMS_SQL_PROFILE: no statement line"
expect_err "-- SQLite's memory at most"
checks=$((checks + 1))
[ "$(printf '%s\n' "$err" | awk -F'\t' -f "$MMS_SRC/bench/sql-profile.awk" | tail -1 |
	cut -c1-26)" = "-- SQLite's memory at most" ] || fail "sql-profile.awk: no memory line"
MMS_SQL_PROFILE= run list assessments
expect_no_err

finish
