#!/usr/bin/env bash
# Files as odd programs save them: CR-only line ends (old Mac), UTF-16LE
# without a byte order mark, a UTF-8 file with one Windows-1251 row.
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

finish
