#!/usr/bin/env bash
# Workbooks as schools have them: every import reads .xlsx and .xls by
# content, chooses the sheet by its header (or --sheet), and names the sheet
# and cell of what is wrong; a damaged workbook is refused whole.
. "$MMS_SRC/tests/cli/lib.sh"
XLS="$DATA/xls"

# tsv NAME: writes the rows that follow on stdin (cells separated by '|') as NAME.tsv
tsv() {
	tr '|' '\t' >"$1.tsv"
}
book() { # book OUT.xlsx ARGS...: mkbook, failing the test if it fails
	"$MKBOOK" "$@" || fail "mkbook $1"
}

run init -q

# --- the roster: a sheet of notes first, the table on the second ----------
tsv notes <<'EOF'
Кадровый список на 2025/2026 учебный год
Выгружено из расписания
EOF
tsv staff <<'EOF'
Код ОО|Школа|Учитель|Предмет|Классы|Год рождения|Педагогический стаж|Учебный год
edu1|МБОУ «Школа № 1»|Иванова Анна Петровна|Математика|5А,5Б|1980|20|2025/2026
edu1|МБОУ «Школа № 1»|Петров Пётр Ильич|Русский язык|5А|1995|3|2025/2026
edu2|МБОУ «Школа № 2»|Сидорова Мария Ивановна|Математика|5А|1990|12,5|2025/2026
EOF
book roster.xlsx Справка=notes.tsv Кадры=staff.tsv
run import-roster roster.xlsx
expect_rc 0 "roster from a workbook, the sheet found by its header"
expect_out "roster: 1 files, 3 rows: 2 schools, 3 teachers (3 new), 2 subjects, 3 classes, 4 assignments (2025/2026)"
expect_same "$(sql "SELECT birth_year FROM teacher WHERE full_name LIKE 'Иванова%'")" 1980 \
	"a year stored as a number"

# the named sheet: its header, or its place in the message
before=$(dump)
run import-roster --sheet справка roster.xlsx
expect_rc 65 "the named sheet has no roster"
expect_err "mms: import-roster: roster.xlsx:Справка!1: unknown column set: expected a header with the columns Код ОО, Школа, Учитель, Предмет, Классы"
run import-roster --sheet Лист9 roster.xlsx
expect_rc 65 "no such sheet"
expect_err "roster.xlsx: the workbook has no sheet 'Лист9' (its sheets: «Справка», «Кадры»)"
run import-roster --sheet "" roster.xlsx
expect_rc 64 "an empty --sheet"
expect_same "$(dump)" "$before" "a refused workbook changes nothing"

# no sheet has the table: each sheet and what it looks like
book nothing.xlsx Справка=notes.tsv Пусто=/dev/null
run import-roster nothing.xlsx
expect_rc 65 "no sheet with a roster"
expect_err "nothing.xlsx:Справка!1: unknown column set"
expect_err "nothing.xlsx: no sheet of the workbook has that table (give --sheet): «Справка» (first row: Кадровый список на 2025/2026 учебный год); «Пусто» (empty)"

# a wrong cell is named by its sheet and cell
sed 's/\t1990\t/\t1850\t/' staff.tsv >bad-staff.tsv
book bad-roster.xlsx "Кадры 2025=bad-staff.tsv"
run import-roster bad-roster.xlsx
expect_rc 65 "a year of birth out of range"
expect_err "mms: import-roster: bad-roster.xlsx:'Кадры 2025'!F4: year of birth '1850' is not a year between 1930"

# --- the description ---------------------------------------------------------
tsv spec <<'EOF'
Задание|Макс. балл|Уровень|Код умения|Проверяемое умение|Вид умения
1|1|Б|1.1|Вычисления|предметное
2|2|Б|1.2|Дроби|предметное
3|1|П|2.1|Текстовые задачи|метапредметное (УУД, познавательные)
EOF
book spec.xlsx Описание=spec.tsv
run import-spec --assessment vpr-m5 --subject Математика --grade 5 --date 2026-04-15 spec.xlsx
expect_rc 0 "a description from a workbook"
expect_out "3 tasks, 3 skills, 4 points in all (new)"

# --- results as ФИС ОКО exports them: a title block, a merged title --------
tsv fisoko <<'EOF'
Индивидуальные результаты участников
ВПР 2026 Математика 5 класс
Предмет:|Математика
Дата:|d:2026-04-15

ОО|Код участника|Класс|1 (1б)|2 (2б)|3 (1б)|Первичный балл
edu1|10001|5А|1|0.5|1|f:=D7+E7+F7;2.5
edu1|10002|5А|н/я
edu1|10003|5Б|0|2|-|2
edu2|20001|5А|1|1|0|2
EOF
book results.xlsx --merge A1:G1 Лист1=fisoko.tsv
run import-results --assessment vpr-m5 results.xlsx
expect_rc 0 "results from a workbook"
expect_out "participants: 4 inserted"
expect_same "$(sql "SELECT score FROM score s JOIN participant p ON p.id = s.participant_id
	JOIN task t ON t.id = s.task_id WHERE p.code = '10001' AND t.label = '2'")" 0.5 \
	"a score stored as the number 0.5"
expect_same "$(sql "SELECT count(*) FROM participant WHERE absent = 1")" 1 "н/я is absent"
expect_same "$(sql "SELECT attempted FROM score s JOIN participant p ON p.id = s.participant_id
	JOIN task t ON t.id = s.task_id WHERE p.code = '10003' AND t.label = '3'")" 0 \
	"'-' is not attempted"

# a score above the task's maximum: the cell
sed 's/^edu2\t20001\t5А\t1\t1\t0\t2$/edu2\t20001\t5А\t1\t3\t0\t4/' fisoko.tsv >fisoko-bad.tsv
book results-bad.xlsx Протокол=fisoko-bad.tsv
before=$(dump)
run import-results --assessment vpr-m5 results-bad.xlsx
expect_rc 65 "a score above the maximum"
expect_err "mms: import-results: results-bad.xlsx:Протокол!E10: task 2: score 3 is above its maximum 2"
expect_same "$(dump)" "$before" "nothing stored"

# --- damaged and hostile files: refused whole, never a crash -------------
printf 'PK\003\004 this is not a workbook' >fake.xlsx
run import-results --assessment vpr-m5 fake.xlsx
expect_rc 65 "a file that only looks like a ZIP"
expect_err "fake.xlsx"
head -c 2000 results.xlsx >truncated.xlsx
run import-roster truncated.xlsx
expect_rc 65 "a truncated workbook"
expect_err "truncated.xlsx"
expect_same "$(dump)" "$before" "nothing stored"

# --- .xls, the older format -------------------------------------------------
if [ -f "$XLS/roster.xls" ]; then
	run import-roster "$XLS/roster.xls"
	expect_rc 0 "a roster from .xls"
	expect_out "roster: 1 files"
	run import-roster "$XLS/broken.xls"
	expect_rc 65 "a broken .xls"
	expect_err "broken.xls"
else
	fail "the .xls fixtures are missing ($XLS)"
fi

finish
