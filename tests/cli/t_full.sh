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

finish
