#!/usr/bin/env bash
# mms check, mms backup, mms log: the keepers' tools.
. "$MMS_SRC/tests/cli/lib.sh"
D="$DATA/results"

# A database that does not exist is not created by them.
for cmd in check log "backup x.db"; do
	run $cmd
	expect_rc 66 "mms $cmd without a database"
	checks=$((checks + 1))
	[ ! -e "$MMS_DB" ] || fail "mms $cmd created the database"
done

run init -q
run import-roster -q "$D/roster.csv"
run import-spec -q --assessment vpr-m5 --subject Математика --grade 5 "$D/spec.csv"
run import-results -q --assessment vpr-m5 "$D/fisoko.csv"
expect_rc 0 "import"

# check: a sound database
run check
expect_rc 0 "check"
expect_out "database '$MMS_DB': ok (12 checks)"
expect_no_err
run check --quiet
expect_rc 0
expect_no_out
run check --format json
expect_rc 0
expect_out '"ok": true'
expect_out '"count": 0'
run check --format xml
expect_rc 64
expect_err "unknown format 'xml'"
run check extra
expect_rc 64

# check: each broken invariant is a finding, exit 65
# two participants with one id, and one beyond the last given: the next import's
first=$(sql "select code from participant order by id limit 1")
second=$(sql "select code from participant order by id limit 1 offset 1")
sql "UPDATE participant SET id = (SELECT id FROM participant WHERE code = '$first') WHERE code = '$second'"
run check --quiet
expect_rc 65 "two participants with one id"
expect_out "participant_id: participant '$first' of school"
expect_out "participant_id: participant '$second' of school"
expect_out "as another has"
sql "UPDATE participant SET id = (SELECT last + 1 FROM participant_seq) WHERE code = '$second'"
run check --quiet
expect_rc 65 "an id beyond the last given"
expect_out "participant_id: participant '$second' of school"
expect_out "beyond the last given (participant_seq): an import would give it again"
sql "UPDATE participant_seq SET last = last + 1"
run check --quiet
expect_rc 0 "ids apart again"
sql "UPDATE participant SET scores = X'006400FA0000' WHERE code = '10001'"
run check --quiet
expect_rc 65 "a score above its maximum"
expect_out "score_max: participant '10001' of school 'edu241001' on 'vpr-m5': task '2.1' has 2${DP}5 points, its maximum is 2"
expect_err "mms: check: database '$MMS_DB': 1 problem found"
run check --format json
expect_rc 65
expect_out '"check": "score_max"'
expect_out '"ok": false'
sql "UPDATE participant SET scores = X'00640064000000' WHERE code = '10001'"
run check
expect_rc 65 "a narrow blob longer than its three slots"
expect_out "scores_length: participant '10001'"
expect_out "the scores take 7 bytes, the assessment's tasks at most 3"
# the narrow layout, a byte a task in half points: 2 points on task 2.1 of at most 2, then 3
sql "UPDATE participant SET scores = X'020400' WHERE code = '10001'"
run check
expect_rc 0 "a narrow blob"
sql "UPDATE participant SET scores = X'020600' WHERE code = '10001'"
run check --quiet
expect_rc 65 "a narrow blob's score above its maximum"
expect_out "score_max: participant '10001' of school 'edu241001' on 'vpr-m5': task '2.1' has 3 points, its maximum is 2"
sql "UPDATE participant SET scores = X'006400640000' WHERE code = '10001'"
run check
expect_rc 0 "repaired"

# log: the import history, newest first
run import-results -q --assessment vpr-m5 "$D/corrected.csv"
run log
expect_rc 0 "log"
expect_out "imports and changes, newest first:"
expect_out "$(sha256sum "$D/corrected.csv" | cut -c1-12)"
expect_out "$(sha256sum "$D/fisoko.csv" | cut -c1-12)"
checks=$((checks + 1))
first=$(printf '%s\n' "$out" | grep -n 'corrected.csv' | cut -d: -f1)
second=$(printf '%s\n' "$out" | grep -n 'fisoko.csv' | cut -d: -f1)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] || fail "log is not newest first"
run log --limit 1
expect_rc 0
checks=$((checks + 1))
case "$out" in *fisoko.csv*) fail "--limit 1 shows two imports" ;; esac
run log --limit 1 --format json
expect_rc 0
expect_out '"command": "import-results"'
expect_out "\"sha256\": \"$(sha256sum "$D/corrected.csv" | cut -d' ' -f1)\""
expect_out '"runs": []'
# every command that changed the database is in the history, with its arguments;
# one that changed nothing, or a dry run, is not
before=$(sql "SELECT count(*) FROM import_log")
run config thresholds --min-n 12 --note "малые школы"
expect_rc 0 "config writes"
run config thresholds
expect_rc 0 "config reads"
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM import_log")" = $((before + 1)) ] ||
	fail "one line for the command that wrote, none for the one that read"
run log --limit 1
expect_out "config"
expect_out "config: thresholds --min-n 12 --note 'малые школы'"
run log --limit 1 --format json
expect_out '"command": "config", "file": "", "sha256": "", "assessment": null'
expect_out '"note": "thresholds --min-n 12 --note '"'"'малые школы'"'"'"'
run log --limit 0
expect_rc 64
run log --format csv
expect_rc 64
# classification runs are listed too
sql "INSERT INTO deficit_run(id, assessment_id, threshold_version) SELECT 5, id, 1 FROM assessment"
run log
expect_out "classification runs, newest first:"
expect_out "vpr-m5"
run log --format json
expect_out '"threshold_version": 1'
for q in -q --quiet; do
	run log --format json $q
	expect_rc 0 "log $q"
	expect_no_out
	expect_no_err
done
run log -q --limit 0
expect_rc 64 "-q keeps the errors"
expect_err "--limit '0'"

# backup: a copy that is a sound database with the same content
run backup copy.db
expect_rc 0 "backup"
expect_out "copied to 'copy.db'"
checks=$((checks + 1))
[ -f copy.db ] && [ ! -e copy.db.tmp ] && [ ! -e copy.db-wal ] || fail "the copy is not one file"
expect_same "$(sqlite3 copy.db .dump)" "$(dump)" "the copy differs from the database"
run --db copy.db check
expect_rc 0 "check of the copy"
run backup copy.db
expect_rc 64 "existing file"
expect_err "mms: backup: 'copy.db' already exists"
expect_err "use --force to replace it"
run backup --force --quiet copy.db
expect_rc 0 "--force"
expect_no_out
run backup --force "$MMS_DB"
expect_rc 64 "the database itself"
expect_err "is the database itself"
run backup "$MMS_TMP"
expect_rc 64 "a directory"
run backup no-such-dir/x.db
expect_rc 74 "unwritable"
expect_err "cannot write 'no-such-dir/x.db'"
run backup
expect_rc 64
run backup a.db b.db
expect_rc 64
# a FILE.tmp of someone else is none of mms's business: left as it is
echo junk >fresh.db.tmp
run backup fresh.db
expect_rc 0 "an unrelated .tmp"
checks=$((checks + 1))
[ "$(cat fresh.db.tmp)" = junk ] || fail "an unrelated fresh.db.tmp was touched"
# the private folder a killed backup left (its PID gone) goes at the next run
mkdir .mms-tmp-999999-AbCdEf && echo half >.mms-tmp-999999-AbCdEf/fresh.db
run backup --force fresh.db
expect_rc 0
checks=$((checks + 1))
[ ! -e .mms-tmp-999999-AbCdEf ] || fail "a killed run's private folder is left"
checks=$((checks + 1))
[ -z "$(ls -a | grep '^\.mms-tmp-')" ] || fail "a private folder is left: $(ls -a)"

finish
