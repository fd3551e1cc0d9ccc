#!/usr/bin/env bash
# Files as odd programs save them: CR-only line ends (old Mac), UTF-16LE
# without a byte order mark, a UTF-8 file with one Windows-1251 row; and
# inputs as scripts give them: a pipe, /dev/stdin, a FIFO.
. "$MMS_SRC/tests/cli/lib.sh"

"$MMS" init -q
# CR-only: lines are counted, errors name the right line
printf 'Код ОО;Школа;Учитель;Предмет;Классы;Учебный год\redu1;Школа № 1;Иванова Анна Петровна;Математика;5А;2026/2027\redu1;Школа № 1;Петров Олег Ильич;Математика;5Б;сорок\r' >cr.csv
run import-roster cr.csv
expect_rc 65 "CR-only, a bad year"
expect_err "cr.csv:3: school year 'сорок' is not a school year like 2026/2027"
printf 'Код ОО;Школа;Учитель;Предмет;Классы\redu1;Школа № 1;Иванова Анна Петровна;Математика;5А\redu1;Школа № 1;Петров Олег Ильич;Математика;5Б\r' >cr-ok.csv
run import-roster --year 2026/2027 cr-ok.csv
expect_rc 0 "CR-only"
expect_out "2 teachers"


# UTF-16LE without a byte order mark ("Unicode text" of some programs): read as text
printf 'Код ОО;Школа;Учитель;Предмет;Классы\r\nedu2;Школа № 2;Сидорова Мария Ивановна;Математика;5А\r\n' |
	iconv -f UTF-8 -t UTF-16LE >u16.csv
checks=$((checks + 1))
[ "$(head -c 2 u16.csv | od -An -tx1 | tr -d ' ')" != fffe ] || fail "the fixture has a BOM"
run import-roster --year 2026/2027 u16.csv
expect_rc 0 "UTF-16LE without a BOM"
expect_out "1 teachers"


# UTF-8 but for one row pasted from a Windows-1251 file: that line is named
{
	printf 'Код ОО;Школа;Учитель;Предмет;Классы\nedu3;Школа № 3;Орлова Анна Петровна;Математика;5А\n'
	printf 'edu3;Школа № 3;Зайцев Олег Ильич;Математика;5Б\n' | iconv -f UTF-8 -t CP1251
} >mixed.csv
run import-roster --year 2026/2027 mixed.csv
expect_rc 65 "one Windows-1251 row in a UTF-8 file"
expect_err "mixed.csv:3: this line is not UTF-8, though the lines before it are"
expect_err "--encoding cp1251"
checks=$((checks + 1))
case $err in *"unknown column set"*) fail "called an unknown column set" ;; esac
# a whole Windows-1251 file is still read as one
iconv -f UTF-8 -t CP1251 <cr-ok.csv >w1251.csv
run import-roster --year 2026/2027 w1251.csv
expect_rc 0 "a Windows-1251 file"


# Inputs that can be read only once: a pipe (<(…), /dev/stdin) and a FIFO are
# read as the file they carry (their kind told, then read, a description read
# twice), and a problem is named by the path given, with its line.
run import-roster --year 2026/2027 <(cat cr-ok.csv)
expect_rc 0 "a roster from a pipe"
expect_out "roster: 1 files, 2 rows"
run import-roster <(cat cr.csv)
expect_rc 65 "a bad year, from a pipe"
expect_err "/dev/fd/"
expect_err ":3: school year 'сорок' is not a school year like 2026/2027"
run import-roster --year 2026/2027 /dev/stdin < <(cat w1251.csv)
expect_rc 0 "Windows-1251 on standard input, a pipe"
# "-" is the standard input (as -o - is the standard output): a pipe, or a file
run import-roster --year 2026/2027 - < <(cat cr-ok.csv)
expect_rc 0 "- from a pipe"
expect_out "roster: 1 files, 2 rows"
run import-roster - <cr.csv
expect_rc 65 "- from a file, a bad year"
expect_err "mms: import-roster: -:3: school year 'сорок' is not a school year like 2026/2027"
run import-roster --year 2026/2027 <(cat u16.csv) <(cat mixed.csv)
expect_rc 65 "two pipes, the second bad"
expect_err ":3: this line is not UTF-8, though the lines before it are"
rm -f fifo.csv
mkfifo fifo.csv
cat u16.csv >fifo.csv &
run import-roster --year 2026/2027 fifo.csv
expect_rc 0 "a roster from a FIFO"
expect_out "1 teachers"
wait
run import-roster <(cat "$DATA/xls/roster.xls")
expect_rc 0 "an .xls workbook from a pipe"
expect_out "roster: 1 files"
run import-spec --assessment pipe-5 --subject Математика --grade 5 <(cat "$DATA/spec/math5.csv")
expect_rc 0 "a description from a pipe"
expect_out "5 tasks, 6 skills, 6 points in all (new)"
run import-roster --year 2026/2027 <(true)
expect_rc 65 "an empty pipe"
expect_err "the file is empty"
run check
expect_rc 0 "check after them"

finish
