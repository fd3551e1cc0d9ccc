#!/usr/bin/env bash
# mms import-roster on the shapes schools export (Windows-1251 with ';', CRLF
# and a title block; UTF-8 with a BOM; comma-separated), and on bad input:
# exit 65, FILE:LINE on stderr, the database unchanged.
. "$MMS_SRC/tests/cli/lib.sh"
run init -q

R=$DATA/roster
to1251 "$R/district.csv" >district-1251.csv
checks=$((checks + 1))
iconv -f UTF-8 -t UTF-8 district-1251.csv >/dev/null 2>&1 && fail "the fixture is still UTF-8"

run import-roster district-1251.csv
expect_rc 0
expect_out "roster: 1 files, 3 rows: 2 schools, 3 teachers (3 new), 2 subjects, 4 classes, 5 assignments"
expect_no_err
expect_same "$(sql "SELECT name FROM school WHERE code = '001'")" "МБОУ «Кедровская СОШ № 1»" \
	"school name from Windows-1251"
expect_same "$(sql "SELECT full_name FROM teacher WHERE name_key = 'йовова елка ивановна'")" \
	"Йовова Ёлка Ивановна" "teacher with Й and Ё"
expect_same "$(sql "SELECT experience FROM teacher WHERE name_key = 'йовова елка ивановна'")" 3 \
	"experience 3,5 years"
# 5А and 5-А are one class; the Latin 5A of school 002 is 5а too
expect_same "$(sql "SELECT group_concat(label_key, ' ') FROM (SELECT c.label_key FROM class c
	JOIN school s ON s.id = c.school_id WHERE s.code = '001' ORDER BY 1)")" "5а 5б 6б" \
	"classes of school 001"
expect_same "$(sql "SELECT c.label_key FROM class c JOIN school s ON s.id = c.school_id
	WHERE s.code = '002'")" "5а" "class of school 002"

run import-roster "$R/bom.csv" "$R/comma.csv"
expect_rc 0
expect_out "roster: 2 files, 3 rows: 2 schools, 2 teachers (2 new), 3 subjects, 5 classes, 5 assignments"
expect_same "$(sql "SELECT count(*) FROM school")" 4 "schools after three files"
expect_same "$(sql "SELECT name FROM school WHERE code = '004'")" 'Гимназия "Лидер"' \
	"a quoted name with doubled quotes"
expect_same "$(sql "SELECT count(*) FROM teaching g JOIN class c ON c.id = g.class_id
	JOIN school s ON s.id = c.school_id WHERE s.code = '004'")" 2 "a quoted class list"
expect_same "$(sql "SELECT grade FROM class WHERE label_key = '11а'")" 11 "grade of 11А"

# importing again duplicates nothing
before=$(dump_data)
run import-roster --quiet district-1251.csv "$R/bom.csv" "$R/comma.csv"
expect_rc 0
expect_no_out
expect_no_err
expect_same "$(dump_data)" "$before" "re-importing changed the database"

# --encoding: declaring the wrong one is bad data, naming the line
before=$(dump)
run import-roster --encoding utf-8 district-1251.csv
expect_rc 65
expect_err "mms: import-roster: district-1251.csv:1: not valid UTF-8"
expect_same "$(dump)" "$before" "a wrongly declared encoding changed the database"

# bad input: exit 65, FILE:LINE, nothing changed
bad() { # bad FILE LINE TEXT
	before=$(dump)
	run import-roster "$1"
	expect_rc 65 "$1"
	expect_err "mms: import-roster: $1:$2: $3"
	expect_err "mms: import-roster: the roster has errors; nothing was imported"
	expect_no_out
	expect_same "$(dump)" "$before" "$1 changed the database"
}
bad "$R/bad_columns.csv" 1 "unknown column set: expected a header with the columns Код ОО, Школа, Учитель, Предмет, Классы"
bad "$R/empty.csv" 1 "the file is empty"
bad "$R/bad_fields.csv" 4 "6 fields where the header has 7"
to1251 "$R/bad_fields.csv" >bad-1251.csv
bad bad-1251.csv 4 "6 fields where the header has 7"

# one bad file among good ones: nothing from the good ones either
before=$(dump)
sed 's/Физика/Информатика/' "$R/bom.csv" >changed.csv
run import-roster changed.csv "$R/bad_fields.csv"
expect_rc 65
expect_err "$R/bad_fields.csv:4:"
expect_same "$(dump)" "$before" "a bad file let a good one through"

run import-roster no-such-file.csv
expect_rc 66
expect_err "mms: import-roster: cannot open 'no-such-file.csv': No such file or directory"

# several codes of a school: Код ОО lists its codes (the first is the main
# one), Код РЦОИ the regional ones; any of them is the school in every command
export MMS_DB="$MMS_TMP/codes.db"
run init -q
cat >codes.csv <<'EOF'
Код ОО;Школа;Учитель;Предмет;Классы;Код РЦОИ
edu241001, 241001;МБОУ Первомайская СОШ;Иванова Анна Петровна;Математика;5А,5Б;9306
"edu241002; 241002";Кедровская ООШ;Петров Олег Ильич;Русский язык;5А;9307
EOF
run import-roster --year 2025/2026 codes.csv
expect_rc 0
expect_out "roster: 1 files, 2 rows: 2 schools, 2 teachers (2 new)"
expect_same "$(sql "SELECT group_concat(code || ':' || kind, ' ') FROM (SELECT c.code, c.kind
	FROM school_code c JOIN school s ON s.id = c.school_id WHERE s.code = 'edu241001'
	ORDER BY c.code)")" "241001:oo 9306:rcoi edu241001:oo" "the codes of a school"
run teacher --school 9306 Иванова
expect_rc 0
expect_out "school: edu241001 МБОУ Первомайская СОШ"
run report --school 9307 --format json
expect_rc 0
expect_out '"schools": [{"code": "edu241002", "name": "Кедровская ООШ"}]'
# the main code listed second is the same school; importing again changes nothing
cat >second.csv <<'EOF'
Код ОО;Школа;Учитель;Предмет;Классы;РЦОИ
241001, edu241001;МБОУ Первомайская СОШ;Иванова Анна Петровна;Математика;5А,5Б;9306
EOF
run import-roster --year 2025/2026 second.csv
expect_rc 0
expect_out "1 schools, 1 teachers (0 new)"
expect_same "$(sql "SELECT count(*) FROM school")" 2 "a school found by its second code"
before=$(dump_data)
run import-roster --year 2025/2026 second.csv
expect_rc 0
expect_same "$(dump_data)" "$before" "re-importing the codes changed the database"
# a code of another school: exit 65, FILE:LINE and both schools, nothing changed
cat >conflict.csv <<'EOF'
Код ОО;Школа;Учитель;Предмет;Классы;РЦОИ
241002;Кедровская ООШ;Петров Олег Ильич;Русский язык;5А;9306
EOF
before=$(dump)
run import-roster conflict.csv
expect_rc 65
expect_err "mms: import-roster: conflict.csv:2: code '9306' belongs to school '241001' (МБОУ Первомайская СОШ), not to school '241002' (Кедровская ООШ)"
expect_same "$(dump)" "$before" "a code of another school changed the database"

# a partial roster never wipes a school by mistake: refused, said, nothing changed
export MMS_DB="$MMS_TMP/partial.db"
run init -q
printf 'Код ОО;Школа;Учитель;Предмет;Классы\nedu1;МБОУ Школа;Иванова Анна Петровна;Математика;5А,5Б,6А\nedu1;МБОУ Школа;Петров Олег Ильич;Русский язык;5А,5Б,6А\n' >full.csv
printf 'Код ОО;Школа;Учитель;Предмет;Классы\nedu1;МБОУ Школа;Иванова Анна Петровна;Математика;5А\n' >partial.csv
run import-roster -q --year 2026/2027 full.csv
expect_rc 0 "the whole roster"
before=$(dump)
run import-roster --year 2026/2027 partial.csv
expect_rc 65 "a partial roster"
expect_err "partial.csv: school edu1, 2026/2027: the files would remove 5 of its 6 assignments: is the roster complete?"
expect_same "$before" "$(dump)" "a refused roster changed the database"
run import-roster --dry-run --year 2026/2027 partial.csv
expect_rc 0 "a dry run"
expect_out "dry run, nothing stored: roster:"
expect_out "edu1, 2026/2027: 6 assignments before, 0 added, 5 removed"
expect_out "the import is refused without --replace"
expect_same "$before" "$(dump)" "a dry run changed the database"
run import-roster --replace --year 2026/2027 partial.csv
expect_rc 0 "--replace"
expect_out "edu1, 2026/2027: 6 assignments before, 0 added, 5 removed"
expect_same "$(sql "select count(*) from teaching")" 1 "replaced"
finish
