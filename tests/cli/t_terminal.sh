#!/usr/bin/env bash
# Tables fit the terminal's width ($COLUMNS, or the tty's), the long text
# columns wrapped, never cut; long output of a reading command goes through
# $PAGER on a terminal, never when piped.
. "$MMS_SRC/tests/cli/lib.sh"

"$MMS" init -q
# two schools whose long names differ at their end
cat >roster.csv <<'CSV'
Код ОО;Школа;Учитель;Предмет;Классы
edu1;МБОУ «Сосновская средняя общеобразовательная школа № 1 имени Героя Советского Союза И. И. Иванова»;Иванова Анна Петровна;Математика;5А
edu2;МБОУ «Сосновская средняя общеобразовательная школа № 2 имени Героя Советского Союза И. И. Иванова»;Петров Олег Ильич;Математика;5А
CSV
"$MMS" import-roster -q --year 2026/2027 roster.csv || fail "the roster"

# piped, no $COLUMNS: whole lines, nothing cut
unset COLUMNS
run list schools
expect_rc 0
expect_out "edu1  МБОУ «Сосновская средняя общеобразовательная школа № 1 имени Героя Советского Союза И. И. Иванова»"
checks=$((checks + 1))
case $out in *…*) fail "a cell was cut" ;; esac

# COLUMNS=60: every line fits, the names wrap and stay whole and distinct
COLUMNS=60 run list schools
expect_rc 0 "COLUMNS=60"
checks=$((checks + 1))
[ "$(printf '%s\n' "$out" | wc -L)" -le 60 ] || fail "a line is wider than 60: $(printf '%s\n' "$out" | wc -L)"
checks=$((checks + 1))
joined=$(printf '%s\n' "$out" | sed 's/^ *//; s/  .*//' | tr '\n' ' ')
case $joined in *"школа № 1 имени"*) ;; *) fail "the first name is not whole when wrapped: $joined" ;; esac
case $joined in *"школа № 2 имени"*) ;; *) fail "the second name is not whole when wrapped: $joined" ;; esac
COLUMNS=80 run list teachers
expect_rc 0
checks=$((checks + 1))
[ "$(printf '%s\n' "$out" | wc -L)" -le 80 ] || fail "list teachers is wider than 80"
expect_out "school"

# a file written with -o gets whole lines whatever the terminal
COLUMNS=40 "$MMS" teacher "Иванова А.П." >card.txt || fail "teacher"

# a pager on a terminal (script gives the command a pty), not when piped
if command -v script >/dev/null; then
	PAGER='sed s/^/PAGED:/' script -qec "$MMS list teachers" /dev/null >paged.out 2>&1
	checks=$((checks + 1))
	grep -q '^PAGED:Иванова Анна Петровна' paged.out || fail "no pager on a terminal: $(head -3 paged.out)"
	PAGER=cat script -qec "$MMS list teachers" /dev/null >plain.out 2>&1
	checks=$((checks + 1))
	grep -q 'PAGED' plain.out && fail "PAGER=cat paged"
	grep -q 'Иванова Анна Петровна' plain.out || fail "PAGER=cat printed nothing"
	# a command that writes is never paged: quitting the pager must not lose its work
	PAGER='sed s/^/PAGED:/' script -qec "$MMS config thresholds" /dev/null >config.out 2>&1
	checks=$((checks + 1))
	grep -q 'PAGED' config.out && fail "a writing command was paged"
	# -o: nothing to page
	PAGER='sed s/^/PAGED:/' script -qec "$MMS report --format json -o r.json" /dev/null >r.out 2>&1
	checks=$((checks + 1))
	grep -q 'PAGED' r.out && fail "report -o was paged"
fi
PAGER='sed s/^/PAGED:/' run list teachers
checks=$((checks + 1))
case $out in *PAGED*) fail "paged while piped" ;; esac

finish
