#!/usr/bin/env bash
# Names that could drive a terminal or hide a second teacher: escape sequences
# and bidirectional controls are refused on import with FILE:LINE, whatever
# mms prints (tables, messages) cannot drive a terminal, and a zero-width
# space makes no second teacher.
. "$MMS_SRC/tests/cli/lib.sh"

"$MMS" init -q
esc=$'\e'
# raw_esc FILE: FILE holds an ESC or BEL byte
raw_esc() { LC_ALL=C grep -q "$(printf '[\033\007]')" "$1"; }

printf 'Код ОО;Школа;Учитель;Предмет;Классы\nedu1;МБОУ «Школа № 1»;"Злой%s]0;PWNED\a%s[2J Учитель";Математика;5А\nedu1;МБОУ «Школа № 1»;Петров%sОлег;Математика;5Б\n' \
	"$esc" "$esc" $'\u202e' >evil.csv
before=$(dump)
run import-roster --year 2026/2027 evil.csv
expect_rc 65 "escape sequences in a name"
expect_err "evil.csv:2: an invisible control character U+001B is in 'Злой^[]0;PWNED^G^[[2J Учитель': refused"
expect_err "evil.csv:3: an invisible control character U+202E is in 'Петров<U+202E>Олег': refused"
checks=$((checks + 1))
raw_esc "$MMS_TMP/stderr" && fail "an escape sequence reached stderr"
expect_same "$before" "$(dump)" "a refused roster changed the database"

# a zero-width space and the plain name: one teacher
printf 'Код ОО;Школа;Учитель;Предмет;Классы\nedu1;МБОУ «Школа № 1»;Тестова\u200bАнна Петровна;Математика;5А\nedu1;МБОУ «Школа № 1»;ТестоваАнна Петровна;Математика;5Б\n' >zw.csv
run import-roster --year 2026/2027 zw.csv
expect_rc 0 "a zero-width space"
expect_same "$(sql 'SELECT count(*) FROM teacher')" 1 "a zero-width space made a second teacher"

# what a user types is not echoed raw either
run observe --teacher "X${esc}[31mRED" --skill 1.1 --confirm
checks=$((checks + 1))
raw_esc "$MMS_TMP/stderr" && fail "the typed name's escape reached stderr: $err"
expect_err "X^[[31mRED"

# a name already in a database (an older one) is shown escaped in tables
sql "UPDATE teacher SET full_name = 'Тестова${esc}]0;T${esc}\\ Анна'"
run list teachers
expect_rc 0
checks=$((checks + 1))
raw_esc "$MMS_TMP/stdout" && fail "an escape sequence reached the table"
expect_out "Тестова^[]0;T^[\\ Анна"


# the same in every file an import reads: a description's wording, a workbook's cell
printf 'Задание;Макс. балл;Уровень;Код умения;Проверяемое умение\n1;1;Б;1.1;Счёт%s[2J\n' "$esc" >spec.csv
run import-spec --assessment x --subject Математика --grade 5 spec.csv
expect_rc 65 "an escape in a description"
expect_err "spec.csv:2: an invisible control character U+001B is in 'Счёт^[[2J': refused"
checks=$((checks + 1))
raw_esc "$MMS_TMP/stderr" && fail "an escape sequence reached stderr"
printf 'Код ОО\tШкола\tУчитель\tПредмет\tКлассы\nedu1\tШкола\tИванов%sИван\tМатематика\t5А\n' $'\u202e' >book.tsv
"$MKBOOK" book.xlsx Кадры=book.tsv || fail "mkbook"
run import-roster --year 2026/2027 book.xlsx
expect_rc 65 "U+202E in a workbook"
expect_err "book.xlsx:Кадры!C2: an invisible control character U+202E"


# on a terminal (script gives a pty), whatever is printed shows such a
# character instead of obeying it; the report's own colours still pass
if command -v script >/dev/null; then
	sql "UPDATE teacher SET full_name = 'Тестова' || char(27) || ']0;PWNED' || char(7) || ' Анна'"
	PAGER=cat script -qec "$MMS teacher ТестоваАнна" /dev/null >card.out 2>&1
	checks=$((checks + 1))
	grep -q 'Тестова^\[\]0;PWNED^G Анна' card.out || fail "the card does not show the name escaped: $(head -2 card.out)"
	checks=$((checks + 1))
	raw_esc card.out && fail "an escape sequence reached the terminal"
	PAGER=cat script -qec "$MMS list teachers" /dev/null >list.out 2>&1
	checks=$((checks + 1))
	raw_esc list.out && fail "an escape sequence reached the terminal in a table"
fi

finish
