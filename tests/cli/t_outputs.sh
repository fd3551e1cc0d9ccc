#!/usr/bin/env bash
# What mms writes cannot hurt: -o never replaces the database (through a link
# either), streams into a FIFO or a device node instead of replacing it,
# writes in a private folder no planted link reaches, refuses a file of
# another user without --force; databases, backups and outputs are 0600.
. "$MMS_SRC/tests/cli/lib.sh"
. "$DATA/iop/setup.sh"

checks=$((checks + 1))
setup_district || fail "setting up the district"
"$MMS" build-iop -q || fail "build-iop"
mode() { stat -c %a "$1"; }

# 1. the database, by name or through a link
sum=$(sha256sum <"$MMS_DB")
run report --format html -o "$MMS_DB"
expect_rc 64 "-o onto the database"
expect_err "is the database or one of its files: refused"
ln -s "$MMS_DB" link.html
run build-iop --format html -o link.html
expect_rc 64 "-o onto a link to the database"
expect_same "$(sha256sum <"$MMS_DB")" "$sum" "the database was changed"
checks=$((checks + 1))
[ -L link.html ] || fail "the link was replaced"
run backup --force link.html
expect_rc 64 "backup onto a link to the database"

# a FIFO and a device node are written into, never replaced
mkfifo pipe
cat pipe >from-pipe &
reader=$!
run report --format json -o pipe
wait $reader
expect_rc 0 "-o onto a FIFO"
checks=$((checks + 1))
[ -p pipe ] || fail "the FIFO was replaced"
checks=$((checks + 1))
grep -q '"funnel"' from-pipe || fail "the report did not go through the FIFO"
if mknod null c 1 3 2>/dev/null; then
	run order-training --format csv -o null
	expect_rc 0 "-o onto a device node"
	checks=$((checks + 1))
	[ -c null ] || fail "the device node was replaced by a file"
fi
run report --format xlsx -o -
expect_rc 0 "xlsx onto the standard output"
checks=$((checks + 1))
[ "$(head -c 2 "$MMS_TMP/stdout")" = PK ] || fail "no workbook on the standard output"

# 2. planted links: the old temporary names and a dead run's folder name lead nowhere
echo "victim" >victim
for p in $$ 1 2 3; do ln -s victim "r.html.tmp$p"; done
ln -s victim ".mms-tmp-999999-AbCdEf"
mkdir victim-dir && echo keep >victim-dir/keep && ln -s victim-dir ".mms-tmp-999998-AbCdEf"
run report --format html -o r.html
expect_rc 0 "with planted links"
expect_same "$(cat victim)" victim "a planted link was written through"
checks=$((checks + 1))
[ -f victim-dir/keep ] || fail "a planted link to a folder was emptied"
checks=$((checks + 1))
[ -z "$(find . -maxdepth 1 -type d -name '.mms-tmp-*')" ] || fail "a private folder is left"

# 5. modes, under umask 000 and 022
for m in 000 022; do
	rm -f "m$m.db" "b$m.db" "o$m.html"
	(umask $m && MMS_DB="m$m.db" "$MMS" init -q) || fail "init under umask $m"
	expect_same "$(mode "m$m.db")" 600 "a new database under umask $m"
	(umask $m && "$MMS" backup -q "b$m.db") || fail "backup under umask $m"
	expect_same "$(mode "b$m.db")" 600 "a backup under umask $m"
	(umask $m && "$MMS" report --format html -o "o$m.html") || fail "report under umask $m"
	expect_same "$(mode "o$m.html")" 600 "a report under umask $m"
done
# replacing keeps the stricter mode; a backup is never wider than its database
chmod 400 o022.html
run report --format html -o o022.html
expect_rc 0
expect_same "$(mode o022.html)" 400 "replacing widened a file's mode"
chmod 640 "$MMS_DB"
umask 002
run backup --force b022.db
expect_same "$(mode b022.db)" 600 "a backup wider than 0600"

# a file of another user: refused without --force
if [ "$(id -u)" = 0 ]; then
	echo theirs >theirs.html
	chown 65534 theirs.html
	run report --format html -o theirs.html
	expect_rc 64 "a file of another user"
	expect_err "'theirs.html' belongs to another user: --force replaces it"
	expect_same "$(cat theirs.html)" theirs "a file of another user was replaced"
	run report --format html -o theirs.html --force
	expect_rc 0 "--force"
	checks=$((checks + 1))
	grep -q '<html' theirs.html || fail "--force did not replace it"
fi

finish
