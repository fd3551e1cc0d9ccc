#!/usr/bin/env bash
# Help and usage errors: 'mms help', 'mms help CMD', 'mms CMD -h', --version,
# unknown commands and options.  Asking for help never creates the database.
. "$MMS_SRC/tests/cli/lib.sh"

no_db() { # no_db WHAT: the database file was not created
	checks=$((checks + 1))
	[ ! -e "$MMS_DB" ] || fail "$1 created the database"
}

run help
expect_rc 0
expect_out "usage: mms [--db PATH] COMMAND [ARGS]"
for c in init import-roster import-spec help; do
	expect_out "  $c "
done
expect_no_err
no_db "mms help"

for h in -h --help; do
	run $h
	expect_rc 0 "mms $h"
	expect_out "usage: mms [--db PATH] COMMAND [ARGS]"
	expect_no_err
done

run help import-spec
expect_rc 0
expect_out "usage: mms import-spec --assessment ID --subject NAME --grade N"
expect_out "--encoding E"
expect_no_err
help_text=$out

for h in -h --help; do
	run import-spec $h
	expect_rc 0 "import-spec $h"
	expect_same "$out" "$help_text" "'mms import-spec $h' differs from 'mms help import-spec'"
	expect_no_err
done
# -h wins over anything else on the line, even missing required options
run import-spec --grade 5 -h
expect_rc 0
expect_out "usage: mms import-spec"

for c in init import-roster help; do
	run "$c" -h
	expect_rc 0 "$c -h"
	expect_out "usage: mms $c"
	expect_no_err
done
no_db "mms COMMAND -h"

run --version
expect_rc 0
checks=$((checks + 1))
[[ "$out" =~ ^mms\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version prints '$out'"
expect_no_err

run frobnicate
expect_rc 64
expect_err "mms: 'frobnicate' is not an mms command"
expect_no_out

run help frobnicate
expect_rc 64
expect_err "mms: help: 'frobnicate' is not an mms command"

run help init import-spec
expect_rc 64
expect_err "mms: help: too many arguments"

run --bogus
expect_rc 64
expect_err "mms: unknown option '--bogus'"
expect_no_out

run --db
expect_rc 64
expect_err "mms: option '--db' needs a value"

run
expect_rc 64
expect_err "usage: mms"
expect_no_out
no_db "usage errors"

# a command's own usage errors, on a database (without one, that comes first)
run init -q
run import-spec --bogus
expect_rc 64
expect_err "mms: import-spec: unknown option '--bogus'"
expect_err "see 'mms import-spec -h'"

# an option without its value is named as such, not as unknown
run import-results --assessment
expect_rc 64
expect_err "mms: import-results: option '--assessment' needs a value"
run report -o
expect_rc 64
expect_err "mms: report: option '-o' needs a value"
# a required option, the same words in every command
run import-spec --subject Математика --grade 5 x.csv
expect_rc 64
expect_err "mms: import-spec: --assessment is required"
run observe --skill 1.1 --confirm
expect_rc 64
expect_err "mms: observe: --teacher is required"
run import-spec --assessment a --subject Математика --grade 12 x.csv
expect_rc 64
expect_err "mms: import-spec: --grade '12' is not a whole number from 1 to 11"
run import-results --assessment a --sheet "" x.csv
expect_rc 64
expect_err "mms: import-results: --sheet is empty"
run list schools extra
expect_rc 64
expect_err "mms: list: unexpected argument 'extra'"
# an option of interview is not one of observe
run observe --teacher X --skill 1.1 --accept
expect_rc 64
expect_err "mms: observe: unknown option '--accept'"

run import-roster --encoding koi8-r x.csv
expect_rc 64
expect_err "mms: import-roster: unknown encoding 'koi8-r'"

run import-roster
expect_rc 64
expect_err "mms: import-roster: no roster file given"

finish
