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

# plain layout: needs --school; an ordinal class needs --class-map
run import-results --assessment vpr-m5 "$D/plain.csv"
expect_rc 65 "plain without --school"
expect_err "plain.csv:1:"
expect_err "--school"
run import-results --assessment vpr-m5 --school edu241001 "$D/plain.csv"
expect_rc 65 "ordinal without map"
expect_err "plain.csv:3: class '1' is a number"
run import-results --assessment vpr-m5 --school edu241001 --class-map 1=5А,2=5Б "$D/plain.csv"
expect_rc 0 "plain with map"
expect_same "$(sql "select c.label from participant p join class c on c.id = p.class_id where p.code = '20003'")" "5Б" "class map"

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
printf 'Участник;Класс;1;2.1;4К1\nГромов Иван Игнатьевич;5А;1;2;3\nЛасточкина;5А;1;2;3\n' >names.csv
before=$(dump)
run import-results --assessment vpr-m5 --school edu241001 names.csv
expect_rc 65 "a name as a participant code"
expect_err "names.csv:2: the participant code has spaces or no digit"
expect_err "names.csv:3: the participant code has spaces or no digit"
checks=$((checks + 1))
case "$err" in *Громов* | *Ласточкина*) fail "a name echoed" ;; esac
expect_same "$before" "$(dump)" "a name stored"
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
bad "$D/bad-unknown-task.csv" 1 "column '7 (1б)': assessment 'vpr-m5' has no task '7'"
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
