#!/usr/bin/env bash
# mms import-results: every layout and marker, and bad input leaving the database unchanged.
. "$MMS_SRC/tests/cli/lib.sh"
D="$DATA/results"

run init -q
to1251 "$D/roster.csv" >roster.csv
run import-roster -q roster.csv
expect_rc 0 "roster"
run import-spec -q --assessment vpr-m5 --subject Математика --grade 5 "$D/spec.csv"
expect_rc 0 "spec"
run import-spec -q --assessment oge-m9 --kind ОГЭ --subject Математика --grade 9 "$D/spec-oge.csv"
expect_rc 0 "oge spec"

# ФИС ОКО layout in Windows-1251 with CRLF, title block and level row
to1251 "$D/fisoko.csv" >fisoko.csv
run import-results --assessment vpr-m5 --format json fisoko.csv
expect_rc 0 "fisoko"
expect_out '"students": 3'
expect_out '"absent": 2'
expect_out '"scores": 9'
expect_out '"files": 1'
expect_out '"inserted": 5'
expect_same "$(sql "select count(*) from participant where absent = 1")" 2 "two absent stored"
expect_same "$(sql "select count(*) from score s join participant p on p.id = s.participant_id where p.code = '10002'")" 0 "absent: no scores"
expect_same "$(sql "select score from score s join participant p on p.id = s.participant_id join task t on t.id = s.task_id where p.code = '10001' and t.label = '2.1'")" 0.5 "decimal comma"
expect_same "$(sql "select count(*) from score where attempted = 0")" 3 "X, х and — are not attempted"
expect_same "$(sql "select count(*) from import_log where command = 'import-results'")" 1 "import logged"

# the same file again: nothing duplicated, all unchanged
run import-results --assessment vpr-m5 --format json fisoko.csv
expect_rc 0 "re-import"
expect_out '"unchanged": 5'
expect_out '"inserted": 0'
expect_out '"files_seen_before": 1'
expect_same "$(sql "select count(*) from participant")" 5 "no duplicates"

# a corrected file replaces the participants it names
run import-results --assessment vpr-m5 --format json "$D/corrected.csv"
expect_rc 0 "corrected"
expect_out '"replaced": 1'
expect_out '"unchanged": 1'
expect_same "$(sql "select score from score s join participant p on p.id = s.participant_id join task t on t.id = s.task_id where p.code = '10001' and t.label = '2.1'")" 2.0 "corrected score"
expect_same "$(sql "select count(*) from score")" 9 "scores replaced, not added"

# school by its name in any quotes and case; class "5 а"
run import-results --assessment vpr-m5 "$D/byname.csv"
expect_rc 0 "school by name"
expect_same "$(sql "select count(*) from participant p join school s on s.id = p.school_id where s.code = 'edu241002'")" 2 "school found by name"

# plain layout: needs --school (said once, at its first row); an ordinal class is the
# N-th class of the grade by letter, printed so that a wrong reading is seen
run import-results --assessment vpr-m5 "$D/plain.csv"
expect_rc 65 "plain without --school"
expect_err "plain.csv:2:"
expect_err "--school"
checks=$((checks + 1))
[ "$(grep -c -- "--school" "$MMS_TMP/stderr")" = 1 ] || fail "the missing school said more than once"
run import-results --assessment vpr-m5 --school edu241001 "$D/plain.csv"
expect_rc 0 "ordinal by letter order"
expect_out "edu241001: 1 → 5А, 2 → 5Б (the N-th class of the grade by letter)"
expect_same "$(sql "select c.label from participant p join class c on c.id = p.class_id where p.code = '20003'")" "5Б" "ordinal 2 is 5Б"
run import-results --assessment vpr-m5 --school edu241001 --format json "$D/plain.csv"
expect_out '"value": "1"'
expect_out '"source": "order"'
# the inline map says otherwise
run import-results --assessment vpr-m5 --school edu241001 --class-map 1=5Б,2=5А "$D/plain.csv"
expect_rc 0 "plain with map"
expect_out "1 → 5Б, 2 → 5А (by --class-map)"
expect_same "$(sql "select c.label from participant p join class c on c.id = p.class_id where p.code = '20003'")" "5А" "class map"
# a map file: Код ОО;Номер;Класс, by any code of the school
printf 'Код ОО;Номер;Класс\nedu241001;1;5А\nedu241001;2;5Б\n' >map.csv
run import-results --assessment vpr-m5 --school edu241001 --class-map map.csv "$D/plain.csv"
expect_rc 0 "map file"
expect_out "2 → 5Б (by --class-map)"
printf 'Код ОО;Номер;Класс\nedu249999;1;5А\n' >map-bad.csv
run import-results --assessment vpr-m5 --school edu241001 --class-map map-bad.csv "$D/plain.csv"
expect_rc 65 "map file of an unknown school"
expect_err "map-bad.csv:2: school 'edu249999' is not in the roster"
# a bad inline item is quoted whole (it was read from freed memory once)
run import-results --assessment vpr-m5 --school edu241001 --class-map 1=5А,junk-item "$D/plain.csv"
expect_rc 64 "bad inline map"
expect_err "'junk-item' is not NUMBER=CLASS"
# an ordinal beyond the school's classes, "нет" where a school has two classes
printf 'Код участника;Класс;1;2.1;4К1\n20011;3;1;1;1\n20012;нет;1;1;1\n' >ordinal-bad.csv
run import-results --assessment vpr-m5 --school edu241001 ordinal-bad.csv
expect_rc 65 "no third class"
expect_err "ordinal-bad.csv:2: class '3': school edu241001 has 2 classes of grade 5 (5А, 5Б), no class number 3"
expect_err "ordinal-bad.csv:3: class 'нет' (no letter): school edu241001 has 2 classes of grade 5"
# a letter alone, "нет" and the grade's number in a school with one class of the grade
printf 'Код участника;Класс;1;2.1;4К1\n20021;а;1;1;1\n20022;нет;1;1;1\n20023;5;1;1;1\n' >letters.csv
run import-results --assessment vpr-m5 --school edu241002 letters.csv
expect_rc 0 "letter, нет, grade number"
expect_out "а → 5А (the letter with the assessment's grade), нет → 5А, 5 → 5А (the only class of the grade)"
# a number and a letter in two columns
printf 'Код участника;Класс;Наименование класса;1;2.1;4К1\n20031;5;Б;1;1;1\n20032;5;нет;1;1;1\n' >two-columns.csv
run import-results --assessment vpr-m5 --school edu241001 two-columns.csv
expect_rc 65 "5 нет in a school of two classes"
expect_err "two-columns.csv:3: class '5 нет' (no letter)"
printf 'Код участника;Класс;Наименование класса;1;2.1;4К1\n20031;5;Б;1;1;1\n' >two-columns.csv
run import-results --assessment vpr-m5 --school edu241001 two-columns.csv
expect_rc 0 "number and letter"
expect_same "$(sql "select c.label from participant p join class c on c.id = p.class_id where p.code = '20031'")" "5Б" "5 and Б are 5Б"

# РЦОИ protocol: names and documents dropped, short and long answers
run import-results --assessment oge-m9 "$D/rcoi.csv"
expect_rc 0 "rcoi"
expect_out "5 columns of personal data"
expect_same "$(sql "select group_concat(s.score || ':' || s.attempted, ' ') from score s join participant p on p.id = s.participant_id where p.code = '90002'")" "1.0:1 1.0:1 0.0:0 0.0:1 0.0:1" "short and long answers"
checks=$((checks + 1))
if sqlite3 "$MMS_DB" .dump | grep -q -e Громов -e Ласточкина -e Игнатьевич; then fail "personal data stored"; fi
checks=$((checks + 1))
if grep -a -q -e Громов -e Ласточкина "$MMS_DB"; then fail "personal data in the file"; fi

# the other not-attempted markers: Cyrillic capital Х, a hyphen, an en dash
printf 'ОО;Код участника;Класс;1 (1б);2.1 (2б);4К1 (3б)\nedu241002;30010;5А;Х;-;–\n' >markers.csv
run import-results --assessment vpr-m5 markers.csv
expect_rc 0 "Х, - and – markers"
expect_out "(3 not attempted)"
expect_same "$(sql "select count(*) from score s join participant p on p.id = s.participant_id where p.code = '30010' and s.attempted = 0 and s.score = 0")" 3 "Х, - and – stored as 0, not attempted"

# a name in the participant code column is refused, and never echoed
printf 'Участник;Класс;1;2.1;4К1\nГромов Иван Игнатьевич;5А;1;2;3\nЛасточкина;5А;1;2;3\nИванова.А.А.5;5А;1;2;3\nИванов-Иван-1;5А;1;2;3\nIvanovIvan2010;5А;1;2;3\nМО-05-123;5А;1;2;3\n0412-0015;5А;1;2;3\n123456789012345678901234567890123;5А;1;2;3\n' >names.csv
before=$(dump)
run import-results --assessment vpr-m5 --school edu241001 names.csv
expect_rc 65 "a name as a participant code"
expect_err "names.csv:2: the participant code has spaces, a capitalised word or no digit"
expect_err "names.csv:3: the participant code has spaces, a capitalised word or no digit"
# names joined by dots, hyphens or nothing are names too; real codes pass
for l in 4 5 6; do expect_err "names.csv:$l: the participant code has spaces, a capitalised word"; done
# digits alone, but more than 32 of them
expect_err "names.csv:9: the participant code has spaces, a capitalised word or no digit, like a name, or is longer than 32 characters"
checks=$((checks + 1))
case $err in *names.csv:7:* | *names.csv:8:*) fail "a real participant code was refused" ;; esac
for n in Ivanov Иванов Громов; do
	checks=$((checks + 1))
	case $err in *"$n"*) fail "a name was echoed: $n" ;; esac
done
checks=$((checks + 1))
case "$err" in *Громов* | *Ласточкина*) fail "a name echoed" ;; esac
expect_same "$before" "$(dump)" "a name stored"
# a fraction beyond hundredths is refused, not silently rounded
printf 'Код участника;Класс;1;2.1;4К1\n40001;5А;0,333;1;1\n40002;5А;0,5;1;1\n' >thirds.csv
run import-results --assessment vpr-m5 --school edu241001 thirds.csv
expect_rc 65 "a score of 0,333"
expect_err "thirds.csv:2: task 1: score '0,333' has more than two decimals"
checks=$((checks + 1))
case $err in *thirds.csv:3:*) fail "0,5 was refused" ;; esac
# 32 characters, not bytes: a Cyrillic code of 28 characters (50 bytes) is a code
printf 'Участник;Класс;1;2.1;4К1\nШКОЛА-ОДИН-ДВА-ТРИ-ЧЕТЫРЕ-5;5А;1;2;3\n' >long.csv
run import-results --assessment vpr-m5 --school edu241001 long.csv
expect_rc 0 "a long Cyrillic code"
expect_same "$(sql "SELECT count(*) FROM participant WHERE code = 'ШКОЛА-ОДИН-ДВА-ТРИ-ЧЕТЫРЕ-5'")" 1 "the code by characters"
# personal columns in other wordings are dropped and counted
printf 'Код участника;ФИО обучающегося;Дата рожд.;Паспорт (серия, номер);Класс;1;2.1;4К1\n30020;Громов Иван;01.01.2015;0412 123456;5А;1;1;1\n' >personal.csv
run import-results --assessment vpr-m5 --school edu241002 personal.csv
expect_rc 0 "personal columns"
expect_out "3 columns of personal data"
checks=$((checks + 1))
if sqlite3 "$MMS_DB" .dump | grep -q -e Громов -e 01.01.2015 -e '0412 123456'; then fail "personal data stored"; fi

# РЦОИ short answers: a Cyrillic Х is one answer, not attempted
printf 'Код ОО;Код участника;Класс;Задания с кратким ответом;Задания с развёрнутым ответом\nedu241001;90003;9А;+Х1;2(2)0(3)\n' >rcoi-x.csv
run import-results --assessment oge-m9 rcoi-x.csv
expect_rc 0 "a Cyrillic Х among short answers"
expect_same "$(sql "select group_concat(s.score || ':' || s.attempted, ' ') from score s join participant p on p.id = s.participant_id where p.code = '90003'")" "1.0:1 0.0:0 1.0:1 2.0:1 0.0:1" "short answers with Х"
printf 'Код ОО;Код участника;Класс;Задания с кратким ответом;Задания с развёрнутым ответом\nedu241001;90004;9А;+Ж1;2(2)0(3)\n' >rcoi-bad.csv
run import-results --assessment oge-m9 rcoi-bad.csv
expect_rc 65 "a letter among short answers"
expect_err "rcoi-bad.csv:2: short answer 2 ('Ж') of task 2"

# --dry-run counts but stores nothing
before=$(dump)
run import-results --assessment vpr-m5 --dry-run --school edu241002 "$D/plain.csv" --class-map 1=5А,2=5А
expect_rc 0 "dry run"
expect_out "dry run"
expect_same "$before" "$(dump)" "dry run changed the database"

# --quiet prints nothing
run import-results --assessment vpr-m5 --quiet fisoko.csv
expect_rc 0 "quiet"
expect_no_out
expect_no_err

# bad input: exit 65, FILE:LINE, database unchanged
bad() { # bad FILE LINE TEXT [options]
	local f=$1 line=$2 text=$3
	shift 3
	before=$(dump)
	run import-results --assessment vpr-m5 "$@" "$f"
	expect_rc 65 "$f"
	expect_err "$(basename "$f"):${line:+$line:} $text"
	expect_err "nothing was imported"
	expect_same "$before" "$(dump)" "$f changed the database"
}
bad "$D/bad-ragged.csv" 3 "5 fields where the header has 6"
bad "$D/bad-above-max.csv" 3 "task 2.1: score 3 is above its maximum 2"
bad "$D/bad-text.csv" 2 "task 2.1: 'два' is not a score"
bad "$D/bad-class.csv" 3 "class '5Я' is not in the school's roster"
bad "$D/bad-quote.csv" 3 "unterminated quoted field"
bad "$D/bad-header-max.csv" 1 "column '1 (2б)' says task 1 is worth 2 points"
bad "$D/bad-unknown-task.csv" 2 "'1' in column '7 (1б)': assessment 'vpr-m5' has no such task"
printf 'ОО;Код участника;Класс\n\000\001\002binary\377\376' >garbage.csv
bad garbage.csv 2 "binary data"
bad fisoko.csv 1 "not valid UTF-8" --encoding utf-8
bad "$D/fisoko.csv" "" "the file is UTF-8 text, not windows-1251 as declared" --encoding cp1251

# several files: every problem listed, nothing stored
before=$(dump)
run import-results --assessment vpr-m5 "$D/bad-text.csv" "$D/bad-class.csv" "$D/corrected.csv"
expect_rc 65 "several files"
expect_err "bad-text.csv:2:"
expect_err "bad-class.csv:3:"
expect_same "$before" "$(dump)" "several files changed the database"

# unknown assessment; missing file
run import-results --assessment nope "$D/fisoko.csv"
expect_rc 65 "unknown assessment"
expect_err "no assessment 'nope'"
run import-results --assessment vpr-m5 missing.csv
expect_rc 66 "missing file"
expect_err "cannot open 'missing.csv'"
run import-results fisoko.csv
expect_rc 64 "no --assessment"

finish
