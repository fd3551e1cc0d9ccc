#!/usr/bin/env bash
# A failed write to stdout is an error: exit 74 with a message, never 0.
. "$MMS_SRC/tests/cli/lib.sh"

if [ ! -w /dev/full ]; then
	echo "no /dev/full: skipped"
	exit 0
fi

full() { # full ARGS...: runs mms with stdout on /dev/full
	"$MMS" "$@" >/dev/full 2>"$MMS_TMP/stderr"
	rc=$?
	out=
	err=$(cat "$MMS_TMP/stderr")
}

full help
expect_rc 74 "mms help >/dev/full"
expect_err "mms: help: cannot write the output: No space left on device"

full help import-spec
expect_rc 74
expect_err "mms: help: cannot write the output"

full --version
expect_rc 74
expect_err "cannot write the output"

full import-roster -h
expect_rc 74
expect_err "mms: import-roster: cannot write the output"

full init
expect_rc 74
expect_err "mms: init: cannot write the output"

# --quiet writes nothing: nothing to fail
full init --quiet
expect_rc 0

# the keepers' tools
full log
expect_rc 74 "mms log >/dev/full"
expect_err "mms: log: cannot write the output: No space left on device"
full log --format json
expect_rc 74
full check
expect_rc 74 "mms check >/dev/full"
expect_err "mms: check: cannot write the output"
full check --quiet
expect_rc 0
run backup /dev/full/x
expect_rc 74 "mms backup /dev/full/x"
expect_err "mms: backup: cannot write '/dev/full/x'"
# a disk that fills up midway (a file size limit, SIGXFSZ ignored): exit 74, no
# half-written copy or FILE.tmp left behind
size_kib=$(($(stat -c %s "$MMS_DB") / 1024))
if [ "$size_kib" -ge 100 ]; then
	(
		trap '' XFSZ
		ulimit -f $((size_kib / 2))
		"$MMS" backup small-disk.db >"$MMS_TMP/stdout" 2>"$MMS_TMP/stderr"
	)
	rc=$? out=$(cat "$MMS_TMP/stdout") err=$(cat "$MMS_TMP/stderr")
	expect_rc 74 "mms backup onto a disk that fills up"
	expect_err "mms: backup: cannot write the backup 'small-disk.db'"
	checks=$((checks + 1))
	[ ! -e small-disk.db ] && [ -z "$(ls -a | grep '^\.mms-tmp-')" ] || fail "a partial backup is left"
fi


# A command that writes and cannot print its output stores nothing either:
# what it stores and what it prints are one transaction.
D="$DATA/results"
to1251 "$D/roster.csv" >roster.csv
"$MMS" import-roster -q roster.csv
"$MMS" import-spec -q --assessment vpr-m5 --subject Математика --grade 5 "$D/spec.csv"
to1251 "$D/fisoko.csv" >fisoko.csv
before=$(dump)
"$MMS" import-results --assessment vpr-m5 fisoko.csv >/dev/full 2>"$MMS_TMP/stderr"
rc=$? err=$(cat "$MMS_TMP/stderr")
expect_rc 74 "import-results >/dev/full"
expect_err "mms: import-results: cannot write the output"
expect_same "$before" "$(dump)" "import-results stored its results though its output failed"
"$MMS" import-results -q --assessment vpr-m5 fisoko.csv
# The classification commits each assessment's run as it stores it (so as to
# hold the write lock no longer): its runs stay, each whole, and it says so.
runs=$(sql "SELECT count(*) FROM deficit_run")
"$MMS" classify-deficits >/dev/full 2>"$MMS_TMP/stderr"
rc=$? err=$(cat "$MMS_TMP/stderr")
expect_rc 74 "classify-deficits >/dev/full"
expect_err "mms: classify-deficits: cannot write the output"
expect_err "mms: classify-deficits: the run of 1 assessment classified before is stored all the same"
expect_same "$((runs + 1))" "$(sql "SELECT count(*) FROM deficit_run")" "classify-deficits >/dev/full: its run"
stored=$(sql "SELECT count(*) FROM deficit_result WHERE run_id = (SELECT max(id) FROM deficit_run)")
"$MMS" classify-deficits -q
expect_same "$stored" \
	"$(sql "SELECT count(*) FROM deficit_result WHERE run_id = (SELECT max(id) FROM deficit_run)")" \
	"classify-deficits >/dev/full: its run whole"
run check
expect_rc 0 "check after classify-deficits >/dev/full"
# its history: the failed command that stored a run, the one after it
expect_same "$(sql "SELECT count(*) FROM import_log WHERE command = 'classify-deficits'")" 2 \
	"classify-deficits in the history"
# a reader gone (a closed pipe) likewise: said, not a signal; its history with its run
"$MMS" classify-deficits 2>"$MMS_TMP/stderr" | true
rc=${PIPESTATUS[0]} err=$(cat "$MMS_TMP/stderr")
expect_rc 74 "classify-deficits | true"
expect_err "mms: classify-deficits: cannot write the output"
expect_err "the run of 1 assessment classified before is stored all the same"
expect_same "$(sql "SELECT count(*) FROM import_log WHERE command = 'classify-deficits'")" 3 \
	"classify-deficits | true in the history"

finish
