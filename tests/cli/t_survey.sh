#!/usr/bin/env bash
# mms import-survey on the small district of tests/data/report: a teachers'
# self-diagnosis that agrees with the results on Иванова's 1.1, names a
# difficulty the results do not show (Петров's 1.1) and leaves one of theirs
# unnamed (Петров's 1.2); a bad file named cell by cell; the schools'
# satisfaction survey in indicator 11.
. "$MMS_SRC/tests/cli/lib.sh"

export MMS_TODAY=2027-05-01
run init --quiet
sqlite3 "$MMS_DB" <"$DATA/report/district.sql" || fail "the fixture does not load"

run import-survey "$DATA/survey/self.csv"
expect_rc 0
expect_out "self-diagnosis: 3 answers, 2 stating a difficulty"
expect_out "agree on 1 difficulties (the strongest evidence); 1 named by the teachers alone; 1 from the results the teachers did not name"
# the same file again: replaced, not doubled
run import-survey --quiet "$DATA/survey/self.csv"
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM self_diagnosis")" = 3 ] || fail "a survey imported twice is doubled"

# both sources on one skill: the hypothesis says so
run map-to-teacher --format json
expect_out '"self_reported": true'
LC_ALL=ru_RU.UTF-8 run map-to-teacher
expect_out "самодиагностика"

# a difficulty the teacher alone named is a hypothesis of the same status machine
checks=$((checks + 1))
[ "$(sql "SELECT status FROM teacher_skill_status WHERE teacher_id = 2 AND skill_id = 1")" = hypothesis ] ||
	fail "Петров's own difficulty is no hypothesis"
run observe --teacher Петров --skill 1.1 --confirm --date 2027-02-01
expect_rc 0 "observing a self-reported difficulty"
run interview --teacher Петров --skill 1.1 --accept --priority 2 --date 2027-02-10
expect_rc 0 "interviewing on it"
checks=$((checks + 1))
[ "$(sql "SELECT status FROM teacher_skill_status WHERE teacher_id = 2 AND skill_id = 1")" = need ] ||
	fail "the self-reported difficulty did not become a need"
# the teacher's card shows the answers and where they stand in the chain
run teacher Петров
expect_out "Self-diagnosis (самодиагностика):"
expect_out "Математика 1.1: a difficulty — need"
run teacher Иванова
expect_out "Математика 1.2: level 4, no difficulty"

# a bad file: every row named, nothing kept
run import-survey "$DATA/survey/self-bad.csv"
expect_rc 65
expect_err "self-bad.csv:2: level '7' is not 1 to 5"
expect_err "self-bad.csv:3: no teacher 'Никто Никтович'"
expect_err "self-bad.csv:4: 'может быть' is neither да nor нет"
expect_err "self-bad.csv:5: no answer"
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM self_diagnosis")" = 3 ] || fail "a bad survey changed the records"
run import-survey --kind opinion "$DATA/survey/self.csv"
expect_rc 64

# the schools' satisfaction: indicator 11 from it, "no data" before
run report --format json
checks=$((checks + 1))
grep -o '"key": "schools_satisfaction"[^}]*' <<<"$out" | grep -q '"met": null' ||
	fail "indicator 11 without a survey is not 'no data'"
run import-survey --kind satisfaction "$DATA/survey/satisfaction.csv"
expect_rc 0
expect_out "satisfaction survey: 3 answers imported"
run report --format json
checks=$((checks + 1))
grep -o '"key": "schools_satisfaction"[^}]*' <<<"$out" | grep -q '"met": true' ||
	fail "indicator 11 with a survey is not 'yes'"
expect_out "3 answers of 2 schools to 2 questions"
expect_out '"satisfaction": [{"question": "Методическая помощь своевременна", "answers": 2, "mean": 4.5}, {"question": "Семинары полезны", "answers": 1, "mean": 3.5}]'
run report
expect_out "Методическая помощь своевременна: 4"
expect_out "of 5 (2 answers)"

finish
