#!/usr/bin/env bash
# mms list: what the database holds, and "not found" pointing to it.
. "$MMS_SRC/tests/cli/lib.sh"
. "$DATA/iop/setup.sh"

"$MMS" init -q
for k in schools teachers assessments skills resources; do
	run list "$k"
	expect_rc 0 "an empty $k list"
	expect_out "no $k yet"
done
run list schools --format json
expect_rc 0
expect_same "$out" "[]" "an empty JSON list"

rm -f "$MMS_DB"
checks=$((checks + 1))
setup_district || fail "setting up the district"
sql "INSERT INTO school_code(code, school_id, kind) VALUES ('0401', 1, 'rcoi'), ('edu1b', 1, 'oo')"
"$MMS" resource find-mentors -q

run list schools
expect_rc 0 "schools"
expect_out "code  name                         other codes  teachers  classes"
expect_out "edu1  МБОУ «Школа № 1»             0401, edu1b         2        2"

run list teachers --school 0401
expect_rc 0 "teachers of a school by its РЦОИ code"
expect_out "Иванова Анна Петровна  edu1         МБОУ «Школа № 1»  Математика  2025/2026    5А"
expect_out "Петров Пётр Ильич"
checks=$((checks + 1))
case $out in *Сидорова*) fail "--school lists another school's teacher" ;; esac

run list assessments --format json
expect_rc 0 "assessments"
expect_out '"assessment": "vpr-2026-math-5", "kind": "ВПР", "subject": "Математика", "grade": 5, "date": "2026-04-15", "participants": 0, "tasks": 4, "classified": "'
run list assessments --school edu2
expect_rc 0
expect_out "the school took part in no assessment yet"

run list skills --format csv
expect_rc 0 "skills as CSV"
checks=$((checks + 1))
[ "$(head -c 3 "$MMS_TMP/stdout" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "the CSV has no BOM"
expect_out "subject;skill;code system;wording;assessments"
expect_out $'Математика;1.2;ВПР-5;Дроби;vpr-2026-math-5\r'

run list resources
expect_rc 0 "resources"
expect_out "mentor  Петров Пётр Ильич        edu1"
run list resources --format json
expect_rc 0
expect_out '"kind": "mentor", "title": "Сидорова Мария Ивановна", "school_code": "edu2", "skills": "1.3", "capacity": 3'
checks=$((checks + 1))
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$MMS_TMP/stdout" || fail "list resources --format json is not JSON"

# usage errors
run list
expect_rc 64 "nothing to list"
expect_err "what to list: schools, teachers, assessments, skills or resources"
run list pupils
expect_rc 64
expect_err "cannot list 'pupils'"
run list skills --school edu1
expect_rc 64
expect_err "skills belong to no school"
run list teachers --format xml
expect_rc 64
run list teachers extra
expect_rc 64

# "not found" names the nearest and this command
run list teachers --school edu3
expect_rc 65 "an unknown school"
expect_err "no school with code 'edu3' in the roster; did you mean: edu1, edu2"
expect_err "(all of them: mms list schools)"
run teacher "Смирнова А.П."
expect_rc 65 "an unknown teacher"
expect_err "(all of them: mms list teachers)"
run map-to-teacher --assessment vpr-2026-math5
expect_rc 65 "an unknown assessment"
expect_err "did you mean: vpr-2026-math-5? (all of them: mms list assessments)"
run resource add --kind seminar --title "Семинар" --skill 9.9
expect_rc 65 "an unknown skill"
expect_err "(all of them: mms list skills)"

# dates as the language writes them in the table, ISO in CSV and JSON
if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	sql "UPDATE resource SET withdrawn = '2026-05-20T10:00:00Z' WHERE id = 2"
	LC_ALL=ru_RU.UTF-8 LANGUAGE=ru run list resources
	expect_rc 0
	expect_out "20.05.2026"
	LC_ALL=ru_RU.UTF-8 LANGUAGE=ru run list resources --format csv
	expect_out ";2026-05-20"$'\r'
	expect_out "наставник;"
fi

finish
