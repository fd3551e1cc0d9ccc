#!/usr/bin/env bash
# mms init: creates the database, then finds it up to date; refuses a file
# that is not an mms database and leaves it alone.
. "$MMS_SRC/tests/cli/lib.sh"

run init
expect_rc 0
expect_out "database '$MMS_DB' created (schema version"
expect_no_err
checks=$((checks + 1))
[ -f "$MMS_DB" ] || fail "no database file"
expect_same "$(sql 'PRAGMA application_id')" 1296913201 "application_id"
expect_same "$(sql 'PRAGMA journal_mode')" wal "journal_mode"
version=$(sql 'PRAGMA user_version')
checks=$((checks + 1))
[ "$version" -ge 1 ] || fail "user_version is $version"
expect_out "(schema version $version)"

run init
expect_rc 0
expect_out "database '$MMS_DB' is up to date (schema version $version)"
expect_no_err

run init --quiet
expect_rc 0
expect_no_out
expect_no_err

run init extra
expect_rc 64
expect_err "mms: init: unexpected argument 'extra'"

# --db wins over $MMS_DB
run --db other.db init
expect_rc 0
expect_out "database 'other.db' created"
checks=$((checks + 1))
[ -f other.db ] || fail "--db other.db was not created"

# another program's SQLite database: exit 70 (internal/database), untouched
sqlite3 notes.db "CREATE TABLE notes(x); INSERT INTO notes VALUES ('keep me');"
sum=$(sha256sum notes.db)
run --db notes.db init
expect_rc 70
expect_err "mms: init: 'notes.db' is not an mms database"
expect_no_out
expect_same "$(sha256sum notes.db)" "$sum" "the foreign database was changed"

# a text file is no database either
printf 'Код ОО;Школа\n001;СОШ\n' >text.db
sum=$(sha256sum text.db)
run --db text.db init
expect_rc 70
expect_err "mms: init: database 'text.db' is damaged or not a database"
expect_same "$(sha256sum text.db)" "$sum" "the text file was changed"

# a directory that does not exist: cannot open
run --db no/such/dir/mms.db init
expect_rc 66
expect_err "mms: init: cannot open database 'no/such/dir/mms.db'"

finish
