#!/usr/bin/env bash
# A database this process cannot write — the file read-only (a methodologist's
# copy), or its folder (a backup on a read-only share): what only reads works,
# what writes says which of the two is read-only, and changes nothing.
. "$MMS_SRC/tests/cli/lib.sh"
. "$DATA/iop/setup.sh"

checks=$((checks + 1))
setup_district || fail "setting up the district"
"$MMS" build-iop -q || fail "building the programmes"

# root writes any file whatever its mode: run mms as an unprivileged user then
ro_dir=$(mktemp -d /tmp/mms-readonly.XXXXXX)
chmod 755 "$ro_dir"
mkdir "$ro_dir/db" "$ro_dir/out"
chmod 777 "$ro_dir/out"
cp "$MMS_DB" "$ro_dir/db/copy.db"
export MMS_DB="$ro_dir/db/copy.db"
if [ "$(id -u)" = 0 ]; then
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as_user() { "$@"; }
fi
# run as the user who cannot write; ASan's leak checker cannot attach there
run_ro() {
	as_user env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		"$MMS" "$@" >"$MMS_TMP/stdout" 2>"$MMS_TMP/stderr"
	rc=$?
	out=$(cat "$MMS_TMP/stdout")
	err=$(cat "$MMS_TMP/stderr")
}

reads_work() { # reads_work WHAT
	run_ro teacher "Иванова А.П."
	expect_rc 0 "teacher, $1"
	expect_out "Иванова Анна Петровна"
	run_ro log
	expect_rc 0 "log, $1"
	run_ro check
	expect_rc 0 "check, $1"
	expect_out "ok"
	run_ro report --format json -o "$ro_dir/out/report.json"
	expect_rc 0 "report, $1"
	checks=$((checks + 1))
	[ -s "$ro_dir/out/report.json" ] || fail "report wrote nothing ($1)"
	run_ro report
	expect_rc 0 "report to stdout, $1"
	rm -f "$ro_dir/out/copy.db"
	run_ro backup "$ro_dir/out/copy.db"
	expect_rc 0 "backup, $1"
	checks=$((checks + 1))
	[ "$(sqlite3 "$ro_dir/out/copy.db" "SELECT count(*) FROM iop_item")" = 4 ] ||
		fail "the backup lacks the programmes ($1)"
	run_ro resource list
	expect_rc 0 "resource list, $1"
	run_ro order-training --list
	expect_rc 0 "order-training --list, $1"
}

writes_refused() { # writes_refused WHY
	local before
	before=$(md5sum <"$MMS_DB")
	run_ro iop set-status --teacher "Иванова А.П." --skill 1.2 in-progress
	expect_rc 74 "iop set-status, $1"
	expect_err "database '$MMS_DB' cannot be changed: $1"
	run_ro import-roster "$IOP/roster.csv"
	expect_rc 74 "import-roster, $1"
	expect_err "cannot be changed: $1"
	run_ro init
	expect_rc 74 "init, $1"
	expect_err "cannot be changed: $1"
	checks=$((checks + 1))
	[ "$(md5sum <"$MMS_DB")" = "$before" ] || fail "a refused write changed the file ($1)"
	checks=$((checks + 1))
	[ ! -e "$MMS_DB-wal" ] || fail "a -wal file was left ($1)"
}

# the file read-only
chmod 444 "$MMS_DB"
reads_work "the file read-only"
writes_refused "the file is read-only"
# the folder read-only (the file itself writable): SQLite cannot create -shm there
chmod 666 "$MMS_DB"
chmod 555 "$ro_dir/db"
reads_work "the folder read-only"
writes_refused "its folder is read-only"
chmod 755 "$ro_dir/db"

rm -rf "$ro_dir"
finish
