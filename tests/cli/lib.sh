# Sourced by every CLI test (tests/cli/t_*.sh).  ctest sets MMS (the binary),
# MMS_SRC (the source tree) and MMS_TMP (a scratch directory for this test).
set -u
DATA="$MMS_SRC/tests/data"
rm -rf "$MMS_TMP"
mkdir -p "$MMS_TMP"
cd "$MMS_TMP"
export MMS_DB="$MMS_TMP/test.db"
failures=0
checks=0
# the decimal separator of the numbers mms prints for people (the tests also run in a
# Russian locale, words in English: "2,5 points")
DP=$(locale decimal_point 2>/dev/null || echo .)

# run ARGS...: runs mms, keeping stdout in $out, stderr in $err, exit code in $rc.
run() {
	"$MMS" "$@" >"$MMS_TMP/stdout" 2>"$MMS_TMP/stderr"
	rc=$?
	out=$(cat "$MMS_TMP/stdout")
	err=$(cat "$MMS_TMP/stderr")
}

fail() {
	failures=$((failures + 1))
	echo "FAIL: $*" >&2
	echo "  command exit code: ${rc:-}" >&2
	echo "  stdout: ${out:-}" | head -20 >&2
	echo "  stderr: ${err:-}" | head -20 >&2
}

expect_rc() {
	checks=$((checks + 1))
	[ "$rc" -eq "$1" ] || fail "expected exit code $1, got $rc${2:+ ($2)}"
}

expect_out() { # expect_out TEXT: stdout contains TEXT
	checks=$((checks + 1))
	case "$out" in *"$1"*) ;; *) fail "stdout lacks: $1" ;; esac
}

expect_err() { # expect_err TEXT: stderr contains TEXT
	checks=$((checks + 1))
	case "$err" in *"$1"*) ;; *) fail "stderr lacks: $1" ;; esac
}

expect_no_out() {
	checks=$((checks + 1))
	[ -z "$out" ] || fail "stdout should be empty"
}

expect_no_err() {
	checks=$((checks + 1))
	[ -z "$err" ] || fail "stderr should be empty"
}

# dump: the database's content, to compare before and after a failed command.
dump() {
	sqlite3 "$MMS_DB" .dump 2>/dev/null
}

# dump_data: the same without the history (mms log's lines), to check that a
# command which ran, and so is in the history, changed nothing else.
dump_data() {
	sqlite3 "$MMS_DB" .dump 2>/dev/null | grep -v '^INSERT INTO import_log '
}

# hold_lock SECONDS: another writer holds the database's write lock for
# SECONDS, in the background ($holder is its PID); returns once it holds it.
hold_lock() {
	rm -f "$MMS_TMP/locked"
	printf "BEGIN IMMEDIATE;\nINSERT INTO subject(name, name_key) VALUES ('lock', 'lock');\n.shell touch %s\n.shell sleep %s\nROLLBACK;\n" \
		"$MMS_TMP/locked" "$1" | sqlite3 "$MMS_DB" &
	holder=$!
	for _ in $(seq 100); do [ -e "$MMS_TMP/locked" ] && break; sleep 0.05; done
}

expect_same() { # expect_same A B WHAT
	checks=$((checks + 1))
	[ "$1" = "$2" ] || fail "$3 (got '$(printf %.200s "$1")', expected '$(printf %.200s "$2")')"
}

# sql QUERY: the result of a query on the test database.
sql() {
	sqlite3 "$MMS_DB" "$1"
}

# to1251 FILE > OUT: converts UTF-8 text to Windows-1251 with CRLF lines.
to1251() {
	sed 's/$/\r/' "$1" | iconv -f UTF-8 -t CP1251
}

# workbook_ok FILE WHAT: an .xlsx whose numbers have a decimal point whatever the locale
# (Excel "repairs" 0,5), and which a real reader opens (Debian's openpyxl).
workbook_ok() {
	local f=$1 what=$2 commas
	checks=$((checks + 1))
	commas=$(unzip -p "$f" 'xl/worksheets/*.xml' xl/styles.xml 2>/dev/null |
		grep -Eo '(<v>|="|>)-?[0-9]+,[0-9]+(</v>|")' | head -3)
	[ -z "$commas" ] || fail "$what: decimal commas in the workbook's XML: $commas"
	checks=$((checks + 1))
	if ! /usr/bin/python3 -c 'import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])' "$f" \
		>"$MMS_TMP/openpyxl.err" 2>&1; then
		fail "$what: openpyxl cannot open it: $(tail -1 "$MMS_TMP/openpyxl.err")"
	fi
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures of $checks checks failed" >&2
		exit 1
	fi
	echo "$checks checks passed"
	exit 0
}
