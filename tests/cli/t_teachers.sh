#!/usr/bin/env bash
# mms map-to-teacher, observe, interview, teacher, import-competencies on a
# small district (tests/data/teachers/classes.csv says what each class is).
. "$MMS_SRC/tests/cli/lib.sh"
D="$DATA/teachers"

# gen SCHOOL LAYOUT: the results of SCHOOL's classes from classes.csv, in the
# ФИС ОКО layout (fisoko) or the plain one; the first K students of a class
# solve a task, one point each.
gen() {
	awk -F';' -v school="$1" -v layout="$2" '
	BEGIN {
		OFS = ";"
		if (layout == "fisoko") {
			print "Индивидуальные результаты"
			print "ВПР 2026 Математика 5 класс"
			print "Предмет:;Математика"
			print ""
			print "ОО;Код участника;Класс;1 (1б);2 (1б);3 (1б);4 (1б);Первичный балл"
		} else
			print "Код участника;Класс;1;2;3;4"
	}
	/^#/ || $1 != school { next }
	{
		for (i = 1; i <= $3; i++) {
			code = sprintf("%s-%02d-%02d", substr(school, 4), NR, i)
			t1 = i <= $4; t2 = i <= $5; t3 = i <= $6; t4 = i <= $7
			if (layout == "fisoko")
				print school, code, $2, t1, t2, t3, t4, t1 + t2 + t3 + t4
			else
				print code, $2, t1, t2, t3, t4
		}
	}' "$D/classes.csv"
}

# line_of TEXT: the line of $out (one JSON object a line) that contains TEXT.
line_of() {
	printf '%s\n' "$out" | grep -F -- "$1"
}

expect_json() { # expect_json SELECTOR TEXT: the object with SELECTOR contains TEXT
	checks=$((checks + 1))
	case "$(line_of "$1")" in *"$2"*) ;; *) fail "the object with $1 lacks: $2" ;; esac
}

expect_not_out() { # expect_not_out TEXT: stdout does not contain TEXT
	checks=$((checks + 1))
	case "$out" in *"$1"*) fail "stdout should not contain: $1" ;; esac
}

status_of() { # status_of SKILL SURNAME: the status in teacher_skill_status
	sql "select s.status from teacher_skill_status s join teacher t on t.id = s.teacher_id
	     join skill k on k.id = s.skill_id where k.code = '$1' and t.full_name like '$2%'"
}

gen edu001 fisoko >r001.csv
gen edu002 plain >r002.csv
checks=$((checks + 1))
[ "$(wc -l <r001.csv)" -eq 155 ] && [ "$(wc -l <r002.csv)" -eq 74 ] ||
	fail "the generated results have $(wc -l <r001.csv) and $(wc -l <r002.csv) lines"

run init -q
run import-roster -q "$D/roster.csv"
expect_rc 0 "roster"
run import-spec -q --assessment vpr-m5 --subject Математика --grade 5 --date 2026-04-15 "$D/spec.csv"
expect_rc 0 "spec"
run import-results -q --assessment vpr-m5 r001.csv
expect_rc 0 "results of edu001"
run import-results -q --assessment vpr-m5 --school edu002 r002.csv
expect_rc 0 "results of edu002"

# before classification there is nothing to attribute
run map-to-teacher
expect_rc 65 "map-to-teacher before classify-deficits"
expect_err "classify-deficits"

run classify-deficits -q
expect_rc 0 "classify"
# the fixture is what it claims to be
expect_same "$(sql "select d.spread from deficit_result d join class c on c.id = d.class_id
	join school s on s.id = c.school_id join skill k on k.id = d.skill_id
	where s.code = 'edu001' and c.label = '5А' and k.code = 'ЧГ1' and d.deficit = 1")" teacher \
	"5А of edu001 has its teacher's deficit on ЧГ1"
expect_same "$(sql "select d.spread from deficit_result d join class c on c.id = d.class_id
	join school s on s.id = c.school_id join skill k on k.id = d.skill_id
	where s.code = 'edu001' and c.label = '5В' and k.code = 'ЧГ1' and d.deficit = 1")" class \
	"5В of edu001 has a class-specific deficit on ЧГ1"
expect_same "$(sql "select d.verdict from deficit_result d join class c on c.id = d.class_id
	join school s on s.id = c.school_id join skill k on k.id = d.skill_id
	where s.code = 'edu002' and c.label = '5Г' and k.code = 'ЧГ1'")" insufficient_data \
	"the small class has no verdict"
expect_same "$(sql "select count(*) from deficit_result d join skill k on k.id = d.skill_id
	where k.code = '2.1' and d.level = 'district' and d.deficit = 1")" 1 "2.1 is a district deficit"
expect_same "$(sql "select count(*) from deficit_result d join skill k on k.id = d.skill_id
	where k.code = '3.1' and d.level = 'school' and d.spread = 'school'")" 1 \
	"3.1 is a school deficit of edu002"
expect_same "$(sql "select group_concat(x, ',') from (select t.full_name || ':' || r.spread
	as x from teacher_result r join teacher t on t.id = r.teacher_id
	join skill k on k.id = r.skill_id where k.code = '3.1' and r.deficit = 1
	and r.run_id = (select max(id) from deficit_run) order by t.full_name)")" \
	"Кузьмина Вера Павловна:school,Фёдорова Ольга Николаевна:school" \
	"both mathematics teachers of edu002 are below on 3.1: the school's"

# --- attribution -----------------------------------------------------------
run map-to-teacher --format json
expect_rc 0 "map-to-teacher json"
expect_no_err
checks=$((checks + 1))
[ "$(printf '%s\n' "$out" | grep -c '"teacher"')" -eq 1 ] || fail "one hypothesis expected"
H='"teacher": "Фёдорова Анна Петровна"'
expect_json "$H" '"school": "edu001"'
expect_json "$H" '"skill": "ЧГ1"'
expect_json "$H" '"status": "hypothesis"'
expect_json "$H" '"supported": true'
expect_json "$H" '"skill_kind": "literacy"'
expect_json "$H" '"competency": "методика формирования читательской грамотности"'
expect_json "$H" '"competency_area": "методическая"'
expect_json "$H" '{"class": "5А", "n": 25, "success": 0.12, "class_specific": true}'
expect_json "$H" '{"class": "5Б", "n": 25, "success": 0.72, "class_specific": false}'
expect_json "$H" '"n": 50, "success": 0.42, "rest_n": 173'
expect_json "$H" '"threshold": 0.57'
# pooled 21/50 against the rest 115/173: p̄ = 136/223, z = −3.128, p = Φ(z)
expect_json "$H" '"p_value": 0.00088'
expect_json "$H" '"spread": "teacher"'
expect_json "$H" '"sole_teacher": false, "same_teacher_earlier": false, "cohort_earlier": false'
# district-wide (2.1) and school-wide (3.1) deficits go to no teacher
expect_not_out '"skill": "2.1"'
expect_not_out '"skill": "3.1"'
# one weak class among four fine ones: pooled, no hypothesis; nor for the small class
expect_not_out 'Смирнов'
expect_not_out 'Белов'
expect_same "$(sql "select count(*) from hypothesis")" 1 "no unsupported hypothesis is stored"

run map-to-teacher
expect_rc 0 "map-to-teacher table"
expect_out "Фёдорова Анна Петровна"
expect_out "РМО (Математика)"
expect_out "ШМО edu002"
expect_same "$(printf '%s\n' "$out" | grep 'РМО (Математика)' | grep -c ' 2\.1 ')" 1 \
	"2.1 in the РМО section"
expect_same "$(printf '%s\n' "$out" | grep 'ШМО edu002' | grep -c ' 3\.1 ')" 1 \
	"3.1 in the ШМО section"
expect_out "this run: 1 hypotheses over the assessments (0 new) from 5 candidates"
# 5В of edu002 on ЧГ1 (class-specific) and on 3.1 (below with its school)
expect_out "2 class deficits have no teacher of the subject in the roster of the assessment's school year"
expect_not_out "Смирнов"

run map-to-teacher --format csv
expect_rc 0 "map-to-teacher csv"
expect_same "$(head -c 3 "$MMS_TMP/stdout" | od -An -tx1 | tr -d ' \n')" efbbbf "csv starts with a BOM"
expect_same "$(sed -n 2p "$MMS_TMP/stdout" | cut -d';' -f1,2,4)" "Фёдорова Анна Петровна;edu001;ЧГ1" \
	"csv row separated by ';'"
expect_same "$(sed -n 1p "$MMS_TMP/stdout" | tr -cd ';' | wc -c)" 16 "csv header has 17 columns"

run map-to-teacher --school edu002 --format json
expect_rc 0 "map-to-teacher of one school"
expect_not_out "Фёдорова Анна"
run map-to-teacher --school edu999
expect_rc 65 "unknown school"
run map-to-teacher --format xml
expect_rc 64 "unknown format"

# --- the status machine -----------------------------------------------------
T=(--teacher "Фёдорова Анна Петровна" --skill ЧГ1)
before=$(dump)
run interview "${T[@]}" --accept
expect_rc 65 "interview before observation"
expect_err "observe first"
expect_same "$(dump)" "$before" "a refused interview changes nothing"

run observe "${T[@]}" --reject --accept
expect_rc 64 "observe --accept"
run observe "${T[@]}"
expect_rc 64 "observe without an outcome"
run interview "${T[@]}" --decline --priority 2
expect_rc 64 "priority with --decline"
run observe "${T[@]}" --confirm --date 2026-13-01
expect_rc 64 "bad date"
run observe --teacher "Фёдорова Анна Петровна" --skill 1.1 --confirm
expect_rc 65 "no hypothesis on that skill"
expect_same "$(dump)" "$before" "refused commands change nothing"

run observe "${T[@]}" --confirm --observer "Зайцева Т. В." --date 2026-10-05 --note "урок 5А: задача с таблицей"
expect_rc 0 "observe --confirm"
expect_out "confirmed"
expect_same "$(status_of ЧГ1 Фёдорова)" confirmed "confirmed"
run observe "${T[@]}" --reject --date 2026-10-12 --note "повторное посещение"
expect_rc 0 "observe --reject corrects"
expect_same "$(status_of ЧГ1 Фёдорова)" rejected "rejected"
run interview "${T[@]}" --accept
expect_rc 65 "interview of a rejected hypothesis"
run observe "${T[@]}" --confirm --date 19.10.2026
expect_rc 0 "observe --confirm again, the date as written in Russian"
expect_same "$(status_of ЧГ1 Фёдорова)" confirmed "confirmed again"
expect_same "$(sql "select date from teacher_event order by id desc limit 1")" 2026-10-19 "ДД.ММ.ГГГГ stored as ISO"
before=$(dump)
run interview "${T[@]}" --accept --date 18.10.2026
expect_rc 65 "an interview before its observation"
expect_err "the interview (2026-10-18) would be before the observation it follows (2026-10-19)"
expect_same "$(dump)" "$before" "a refused interview changes nothing"
run interview "${T[@]}" --accept --priority 1 --date 2026-10-26 --note "берёт в ИОП"
expect_rc 0 "interview --accept"
expect_out "need"
expect_same "$(status_of ЧГ1 Фёдорова)" need "need"
expect_same "$(sql "select priority from teacher_skill_status where status = 'need'")" 1 "priority 1"
before=$(dump)
run observe "${T[@]}" --reject
expect_rc 65 "observation after an interview"
expect_err "interview"
expect_same "$(dump)" "$before" "a refused observation changes nothing"
run interview "${T[@]}" --decline --date 2026-10-27
expect_rc 0 "interview --decline corrects"
expect_same "$(status_of ЧГ1 Фёдорова)" declined "declined"
run interview "${T[@]}" --accept --priority 2
expect_rc 0 "interview --accept corrects again"
expect_same "$(status_of ЧГ1 Фёдорова)" need "need again"
expect_same "$(sql "select count(*) from teacher_event")" 6 "six records"

# append-only
checks=$((checks + 1))
if sqlite3 "$MMS_DB" "UPDATE teacher_event SET outcome = 'reject'" 2>/dev/null; then
	fail "teacher_event can be updated"
fi
checks=$((checks + 1))
if sqlite3 "$MMS_DB" "DELETE FROM teacher_event" 2>/dev/null; then
	fail "teacher_event can be deleted from"
fi
expect_same "$(sql "select count(*) from teacher_event")" 6 "records kept"

# re-running keeps every record and the status
run map-to-teacher --format json
expect_rc 0 "map-to-teacher again"
expect_json "$H" '"status": "need"'
expect_json "$H" '"priority": 2'
run classify-deficits -q
run map-to-teacher -q
expect_rc 0 "map-to-teacher after a new classification"
expect_no_out
expect_same "$(sql "select count(*) from teacher_event")" 6 "records kept after a re-run"
expect_same "$(sql "select count(*) from hypothesis")" 1 "one hypothesis after a re-run"
expect_same "$(sql "select run_id from hypothesis")" "$(sql "select max(id) from deficit_run")" \
	"evidence from the latest run"
expect_same "$(status_of ЧГ1 Фёдорова)" need "status kept after a re-run"

# --- names ------------------------------------------------------------------
run observe --teacher "Фёдорова А.П." --skill ЧГ1 --confirm
expect_rc 65 "surname and initials found (then refused: after the interview)"
expect_err "interview"
run interview --teacher "Фёдорова А. П." --skill ЧГ1 --accept --priority 1 -q
expect_rc 0 "surname and spaced initials"
expect_no_out
run interview --teacher "федорова анна петровна" --skill ЧГ1 --accept --priority 1
expect_rc 0 "lowercase, е for ё"
run interview --teacher "ФЁДОРОВА  анна  ПЕТРОВНА" --skill ЧГ1 --accept --priority 1
expect_rc 0 "case and spaces"
before=$(dump)
run interview --teacher Федорова --skill ЧГ1 --accept
expect_rc 64 "ambiguous surname"
expect_err "Фёдорова Анна Петровна (edu001)"
expect_err "Фёдорова Ольга Николаевна (edu002)"
expect_err "--school"
expect_same "$(dump)" "$before" "an ambiguous name changes nothing"
run interview --teacher Федорова --school edu001 --skill ЧГ1 --accept --priority 1
expect_rc 0 "surname with --school"
run interview --teacher Федорова --school edu002 --skill ЧГ1 --accept
expect_rc 65 "the other Фёдорова has no hypothesis"
run interview --teacher Никитина --skill ЧГ1 --accept
expect_rc 65 "unknown teacher"
expect_err "Никитина"
expect_same "$(sql "select count(*) from teacher_event")" 10 "ten records"

# --- the teacher's card --------------------------------------------------
run teacher "Фёдорова А.П."
expect_rc 0 "teacher"
expect_out "Фёдорова Анна Петровна"
expect_out "edu001 МБОУ «Первая СОШ»"
expect_out "2025/2026: teaches Математика: 5А, 5Б"
expect_out "ЧГ1"
expect_out "методика формирования читательской грамотности"
expect_out "5А n=25 12 %, 5Б n=25 72 %"
expect_out "pooled n=50 42 %"
expect_out "(threshold 57 %): reliably below"
checks=$((checks + 1))
case $out in *q=*) fail "p- and q-values in the card: they are for JSON and the manual" ;; esac
expect_out "2026-10-05  observation ЧГ1: confirmed (Зайцева Т. В.) — урок 5А: задача с таблицей"
expect_out "2026-10-12  observation ЧГ1: rejected"
expect_out "2026-10-26  interview ЧГ1: need, priority 1 — берёт в ИОП"
expect_out "2026-10-27  interview ЧГ1: declined"
expect_out "Observations and interviews (10)"
# one way of writing dates an output: Russian text ДД.ММ.ГГГГ, the log's moments local
if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	LC_ALL=ru_RU.UTF-8 LANGUAGE=ru run teacher "Фёдорова А.П."
	expect_rc 0 "teacher in Russian"
	expect_out "05.10.2026  посещение урока ЧГ1"
	checks=$((checks + 1))
	case $out in *2026-10-05*) fail "an ISO date in Russian text" ;; esac
	LC_ALL=ru_RU.UTF-8 LANGUAGE=ru TZ=Asia/Krasnoyarsk run log --limit 1
	expect_rc 0
	checks=$((checks + 1))
	[ -n "$(printf '%s\n' "$out" | grep -E '^  [0-9]{2}\.[0-9]{2}\.20[0-9]{2} [0-9]{2}:[0-9]{2}  ')" ] ||
		fail "the log's moment is not a local ДД.ММ.ГГГГ ЧЧ:ММ: $out"
	LC_ALL=ru_RU.UTF-8 LANGUAGE=ru run log --limit 1 --format json
	expect_out '"at": "20'
fi
run teacher Федорова
expect_rc 64 "teacher: ambiguous"
expect_err "Фёдорова Ольга Николаевна (edu002)"
run teacher --school edu002 Федорова
expect_rc 0 "teacher --school"
expect_out "Фёдорова Ольга Николаевна"
expect_out "young teacher"
expect_out "Hypotheses from the students' results (0)"
run teacher "Смирнов Олег Ильич"
expect_rc 0 "teacher without hypotheses"
expect_out "5В, 5Г, 5Д, 5Е"
expect_not_out "young teacher"

# --- competencies -----------------------------------------------------------
before=$(sql "select * from competency order by id")
run import-competencies "$D/competencies-bad.csv"
expect_rc 65 "bad area"
expect_err "competencies-bad.csv:3:"
expect_err "воспитательная"
expect_same "$(sql "select * from competency order by id")" "$before" "table unchanged"
run import-competencies "$D/competencies.csv"
expect_rc 0 "import-competencies"
expect_out "4 rows"
expect_same "$(sql "select count(*) from competency")" 4 "table replaced"
run map-to-teacher --format json
expect_rc 0 "map-to-teacher after import-competencies"
expect_json "$H" '"competency": "смысловое чтение на уроках математики"'
run import-competencies
expect_rc 64 "no file"

finish
