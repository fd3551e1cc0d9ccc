#!/usr/bin/env bash
# mms import-spec on the shapes descriptions come in (Windows-1251 with ';',
# CRLF and a title; UTF-8 with a BOM; comma-separated), and on bad input:
# exit 65, FILE:LINE on stderr, the database unchanged; usage errors exit 64.
. "$MMS_SRC/tests/cli/lib.sh"
run init -q

S=$DATA/spec
to1251 "$S/math5.csv" >math5-1251.csv

run import-spec --assessment vpr-2026-math-5 --subject Математика --grade 5 \
	--date 2026-04-15 math5-1251.csv
expect_rc 0
expect_out "assessment 'vpr-2026-math-5' (ВПР, Математика, grade 5): 5 tasks, 6 skills, 6 points in all (new)"
expect_no_err
expect_same "$(sql "SELECT group_concat(label || ':' || max_score || ':' || level, ' ')
	FROM (SELECT * FROM task ORDER BY position)")" "1:1.0:Б 2:1.0:Б 3:2.0:П 4.1:0.5:Б 4.2:1.5:В" \
	"tasks from Windows-1251"
expect_same "$(sql "SELECT group_concat(code || '=' || kind, ' ') FROM (SELECT * FROM skill ORDER BY code)")" \
	"1.1=subject 1.2=subject 1.3=subject 2.1=meta 7.5.2=literacy 7.5.3=literacy" "skills and kinds"
expect_same "$(sql "SELECT text FROM skill WHERE code = '7.5.3'")" \
	"Интерпретировать данные; делать выводы" "a quoted text with ';'"
expect_same "$(sql "SELECT kind || ' ' || grade || ' ' || date FROM assessment")" \
	"ВПР 5 2026-04-15" "the assessment"

# again: updated, nothing duplicated
before=$(dump_data)
run import-spec --assessment vpr-2026-math-5 --subject математика --grade 5 math5-1251.csv
expect_rc 0
expect_out "(updated)"
expect_same "$(dump_data)" "$before" "re-importing changed the database"

run import-spec --assessment vpr-2026-rus-5 --subject "Русский язык" --grade 5 --kind КДР \
	"$S/rus5_bom.csv"
expect_rc 0
expect_out "assessment 'vpr-2026-rus-5' (КДР, Русский язык, grade 5): 2 tasks, 3 skills, 5 points in all (new)"

run import-spec --assessment demo-comma --subject Math --grade 6 "$S/math5_comma.csv"
expect_rc 0
expect_out "2 tasks, 3 skills, 2${DP}5 points in all (new)"
expect_same "$(sql "SELECT group_concat(level, '') FROM (SELECT level FROM task t JOIN assessment a
	ON a.id = t.assessment_id WHERE a.code = 'demo-comma' ORDER BY position)")" "БП" "levels b, advanced"

# bad input: exit 65, FILE:LINE, nothing changed
bad() { # bad FILE LINE TEXT
	before=$(dump)
	run import-spec --assessment bad --subject Физика --grade 7 "$1"
	expect_rc 65 "$1"
	expect_err "mms: import-spec: $1:$2: $3"
	expect_err "mms: import-spec: the description has errors; nothing was imported"
	expect_no_out
	expect_same "$(dump)" "$before" "$1 changed the database"
}
bad "$S/bad_columns.csv" 1 "unknown column set: expected a header with the columns Задание, Макс. балл, Уровень, Код умения, Проверяемое умение"
bad "$S/empty.csv" 1 "the file is empty"
bad "$S/bad_fields.csv" 3 "5 fields where the header has 6"
to1251 "$S/bad_fields.csv" >bad-1251.csv
bad bad-1251.csv 3 "5 fields where the header has 6"
# a bad re-import of an existing assessment keeps the old description
before=$(dump)
run import-spec --assessment vpr-2026-math-5 --subject Математика --grade 5 "$S/bad_fields.csv"
expect_rc 65
expect_same "$(dump)" "$before" "a bad re-import changed the assessment"

# usage errors: exit 64, nothing changed
before=$(dump)
usage() { # usage TEXT ARGS...
	local text=$1
	shift
	run import-spec "$@"
	expect_rc 64 "import-spec $*"
	expect_err "mms: import-spec: $text"
	expect_err "see 'mms import-spec -h'"
}
usage "--grade is required" --assessment a --subject b "$S/rus5_bom.csv"
usage "--assessment is required" --subject b --grade 5 "$S/rus5_bom.csv"
usage "--subject is required" --assessment a --grade 5 "$S/rus5_bom.csv"
usage "--grade '12' is not a whole number from 1 to 11" --assessment a --subject b --grade 12 "$S/rus5_bom.csv"
usage "--grade 'пять' is not a whole number" --assessment a --subject b --grade пять "$S/rus5_bom.csv"
usage "no description file given" --assessment a --subject b --grade 5
usage "one description file at a time" --assessment a --subject b --grade 5 "$S/rus5_bom.csv" "$S/rus5_bom.csv"
run import-spec --assessment a --subject b --grade 5 --date 2026-02-29 "$S/rus5_bom.csv"
expect_rc 64
expect_err "mms: import-spec: date '2026-02-29' is not a date YYYY-MM-DD"
expect_same "$(dump)" "$before" "a usage error changed the database"

run import-spec --assessment a --subject b --grade 5 no-such-file.csv
expect_rc 66
expect_err "mms: import-spec: cannot open 'no-such-file.csv'"
expect_same "$(dump)" "$before" "a missing file changed the database"

finish
