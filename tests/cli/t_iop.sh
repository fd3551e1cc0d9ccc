#!/usr/bin/env bash
# mms resource, import-resources, build-iop and iop set-status on the small
# district of tests/data/iop (worked out in tests/unit/iop_fixture.h).
. "$MMS_SRC/tests/cli/lib.sh"
. "$DATA/iop/setup.sh"

checks=$((checks + 1))
setup_district || fail "setting up the district"

# --- the resource bank ---
run resource find-mentors
expect_rc 0 "find-mentors"
expect_out "15 teacher–skill pairs compared: 2 clearly above the rest (2 new in the bank"

run resource list --format json
expect_rc 0
expect_out '"kind": "mentor", "origin": "data", "title": "Петров Пётр Ильич"'
expect_out '"skills": "1.2"'
expect_out '"capacity": 3, "used": 0'
expect_out '"evidence": "1.2 (vpr-2026-math-5): 90 % vs the rest 41'"$DP"'7 %, n=25'

run resource list
expect_rc 0
expect_out "Сидорова Мария Ивановна"
expect_out "found in the results"
for q in -q --quiet; do
	run resource list --format json $q
	expect_rc 0 "resource list $q"
	expect_no_out
	expect_no_err
done

run import-resources "$IOP/catalogue.csv"
expect_rc 0 "import-resources"
expect_out "1 courses: 1 new, 0 updated"
run import-resources -q "$IOP/catalogue.csv"
expect_rc 0
expect_no_out
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM resource WHERE origin = 'catalogue'")" = 1 ] ||
	fail "the catalogue's course is duplicated"

before=$(dump)
run import-resources "$IOP/bad-catalogue.csv"
expect_rc 65 "bad catalogue"
expect_err "bad-catalogue.csv:3: hours 'сорок' is not a whole number"
expect_err "bad-catalogue.csv:4: no skill '9.9'"
expect_err "bad-catalogue.csv:5: 4 fields where the header has 5"
expect_err "nothing was imported"
expect_same "$before" "$(dump)" "a bad catalogue changed the database"

run import-resources "$IOP/missing.csv"
expect_rc 66

run resource add --kind seminar --title "Семинар" --skill 7.7
expect_rc 65
expect_err "no skill '7.7'"
run resource add --kind webinar --title "x" --skill 1.2
expect_rc 64
run resource add --kind mentor --title "x" --skill 1.2
expect_rc 64
expect_err "a mentor needs --teacher"
run resource add --kind rmo --title "РМО учителей математики" --skill 1.3,1.4 --period "ноябрь 2026"
expect_rc 0
expect_out "resource 4 added: РМО 'РМО учителей математики'"
run resource withdraw 4 --skill 1.3
expect_rc 0
expect_out "resource 4: skill '1.3' withdrawn"
run resource withdraw 99
expect_rc 65
run resource withdraw 99 --quiet
expect_rc 65 "withdraw --quiet of an unknown resource"
expect_err "99"
# the kinds in Russian too, whatever the locale
run resource add -q --kind Семинар --title "Семинар по дробям" --skill 1.2
expect_rc 0
expect_no_out
checks=$((checks + 1))
[ "$(sql "SELECT kind FROM resource WHERE id = 5")" = seminar ] || fail "'Семинар' is not stored as seminar"
run resource withdraw 5 --skill 1.2 -q
expect_rc 0 "withdraw -q"
expect_no_out
expect_no_err
run resource withdraw --quiet 5
expect_rc 0 "withdraw --quiet"
expect_no_out
expect_no_err
checks=$((checks + 1))
[ -n "$(sql "SELECT withdrawn FROM resource WHERE id = 5")" ] || fail "resource 5 is not withdrawn"
run resource frobnicate
expect_rc 64

# --- build-iop ---
before=$(dump)
run build-iop --dry-run
expect_rc 0 "build-iop --dry-run"
expect_out "dry run: nothing is stored"
expect_out "Иванова Анна Петровна — МБОУ «Школа № 1» (edu1), school year 2026/2027"
expect_out "4 accepted needs: 4 items would be added, 0 kept"
expect_same "$before" "$(dump)" "--dry-run changed the database"
run build-iop --dry-run --quiet
expect_rc 0 "build-iop --dry-run --quiet"
expect_no_out
expect_no_err
expect_same "$before" "$(dump)" "--dry-run --quiet changed the database"

run build-iop --format json
expect_rc 0 "build-iop json"
# Иванова: her school's mentor for 1.2, the network's for 1.3
expect_out '{"teacher": "Иванова Анна Петровна", "school": "МБОУ «Школа № 1»", "year": "2026/2027", "items": [{"skill": "1.2", "competency": "предметные знания и методика обучения предмету", "form": "school", "mentor": "Петров Пётр Ильич", "resource": "Петров Пётр Ильич (МБОУ «Школа № 1»)", "period": "2026/2027", "expected": "success on skill 1.2 in the teacher'"'"'s classes at the next assessment ≥ 57 %", "status": "planned", "change": "added"}, {"skill": "1.3", "competency": "предметные знания и методика обучения предмету", "form": "network", "mentor": "Сидорова Мария Ивановна"'
# Кузнецов: 1.4 first (priority 1): the РМО of the network before the course
expect_out '"items": [{"skill": "1.4", "competency": "предметные знания и методика обучения предмету", "form": "network", "mentor": null, "resource": "РМО: РМО учителей математики", "period": "ноябрь 2026"'
expect_out '{"skill": "1.2", "competency": "предметные знания и методика обучения предмету", "form": "network", "mentor": "Петров Пётр Ильич"'
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM iop_item")" = 4 ] || fail "4 items expected"

# re-running keeps the items; statuses survive
run iop set-status --teacher "Иванова А.П." --skill 1.2 in-progress --note "первое занятие"
expect_rc 0 "set-status"
expect_out "skill 1.2: planned → in progress"
before=$(dump_data)
run build-iop
expect_rc 0
expect_out "4 accepted needs: 0 items added, 4 kept"
expect_out "in progress"
expect_out "12) коррекция индивидуальной образовательной траектории (программы)"
expect_same "$before" "$(dump_data)" "a second build-iop changed the database"
for q in -q --quiet; do
	run build-iop --format json $q
	expect_rc 0 "build-iop $q"
	expect_no_out
	expect_no_err
done
run build-iop -q --format html -o quiet.html
expect_rc 0 "build-iop -q -o"
expect_no_out
expect_no_err
checks=$((checks + 1))
grep -q 'Кузнецов Олег Викторович' quiet.html || fail "build-iop -q -o wrote no programme"

# the statuses in Russian too, whatever the locale
run iop set-status --teacher "Иванова А.П." --skill 1.2 выполнено --quiet
expect_rc 0 "set-status --quiet"
expect_no_out
expect_no_err
run iop set-status --teacher "Иванова А.П." --skill 1.2 planned
expect_rc 65 "done → planned"
expect_err "an item that is 'done' cannot become 'planned'"
run iop set-status -q --teacher "Иванова А.П." --skill 1.2 planned
expect_rc 65 "-q keeps the errors"
expect_err "an item that is 'done' cannot become 'planned'"
run iop set-status --teacher "Иванова А.П." --skill 1.2 finished
expect_rc 64
run iop set-status --teacher "Иванова А.П." --skill 1.4 done
expect_rc 65
expect_err "no item on skill '1.4'"
run iop set-status --teacher "Никто Н.Н." --skill 1.2 done
expect_rc 65
run iop set-status --skill 1.2 done
expect_rc 64
checks=$((checks + 1))
[ "$(sql "SELECT group_concat(x, ',') FROM (SELECT s.status || ':' || coalesce(s.note, '') AS x
	FROM iop_status s JOIN iop_item i ON i.id = s.item_id JOIN iop o ON o.id = i.iop_id
	JOIN teacher t ON t.id = o.teacher_id JOIN skill k ON k.id = i.skill_id
	WHERE t.full_name = 'Иванова Анна Петровна' AND k.code = '1.2' ORDER BY s.id)")" = \
	"planned:build-iop,in-progress:первое занятие,done:" ] || fail "the status history is wrong"

# one teacher; HTML, well-formed and escaped
run build-iop --teacher "Кузнецов О.В." --format html -o prog.html
expect_rc 0 "html"
expect_no_out
checks=$((checks + 1))
xmllint --html --noout prog.html 2>"$MMS_TMP/xmllint" || fail "HTML is not well-formed: $(cat "$MMS_TMP/xmllint")"
checks=$((checks + 1))
[ ! -s "$MMS_TMP/xmllint" ] || fail "xmllint warns: $(cat "$MMS_TMP/xmllint")"
html=$(cat prog.html)
for want in '<p class="school">МБОУ «Школа № 2» &amp; &lt;филиал&gt;</p>' \
	'page-break-after:always' 'Кузнецов Олег Викторович' \
	'Deputy head (заместитель директора по УВР)' \
	'<li>соотнесение потребности и ресурса адресно' 'РМО: РМО учителей математики'; do
	checks=$((checks + 1))
	case "$html" in *"$want"*) ;; *) fail "the HTML lacks: $want" ;; esac
done
checks=$((checks + 1))
case "$html" in *"Иванова"*) fail "--teacher shows another teacher's programme" ;; esac
checks=$((checks + 1))
[ "$(grep -c 'class="page"' prog.html)" = 1 ] || fail "one page per teacher expected"

run build-iop --format pdf
expect_rc 64
run build-iop --teacher "Никто Н.Н."
expect_rc 65
run build-iop -o /nonexistent/dir/x.html
expect_rc 74
run build-iop -q -o /nonexistent/dir/x.html
expect_rc 74 "-q -o to a bad path"
expect_err "/nonexistent/dir/x.html"

# --- a catalogue of one subject area, codes shared with another subject ---
# Русский язык gets codes 1.1–1.4 too; the institute's catalogue has exactly
# the five columns of the contract (no Предмет), from Excel: Windows-1251, CRLF.
checks=$((checks + 1))
"$MMS" import-spec -q --assessment vpr-2026-rus-5 --subject "Русский язык" --grade 5 \
	--date 2026-04-16 "$IOP/spec.csv" || fail "importing a second subject"
cat >catalogue-math.txt <<'CSV'
Программа;Часов;Умения;Провайдер;Формат
Методика обучения дробям и геометрии;72;1.2, 1.3;КК ИПК;очно
Текстовые задачи: методика обучения;36;1.4;КК ИПК;дистанционно
CSV
to1251 catalogue-math.txt >catalogue-math.csv
before=$(dump)
run import-resources catalogue-math.csv
expect_rc 65 "shared codes without --subject"
expect_err "catalogue-math.csv:2: skill '1.2' exists in several subjects (Математика, Русский язык): name the subject"
expect_err "catalogue-math.csv:3: skill '1.4' exists in several subjects"
run import-resources --subject Физика catalogue-math.csv
expect_rc 65 "an unknown subject"
expect_err "no subject 'Физика'"
run import-resources --subject "" catalogue-math.csv
expect_rc 64 "an empty subject"
expect_same "$before" "$(dump)" "a failed catalogue import changed the database"
run import-resources --subject математика catalogue-math.csv
expect_rc 0 "--subject"
expect_out "2 courses: 1 new, 1 updated"
checks=$((checks + 1))
[ "$(sql "SELECT group_concat(x, ' ') FROM (SELECT j.name || ':' || k.code AS x
	FROM resource r JOIN resource_skill s ON s.resource_id = r.id
	JOIN skill k ON k.id = s.skill_id JOIN subject j ON j.id = k.subject_id
	WHERE r.origin = 'catalogue' ORDER BY r.id, k.code)")" = \
	"Математика:1.4 Математика:1.2 Математика:1.3" ] || fail "the courses' skills are not Математика's"
# a line's own Предмет wins over --subject
cat >catalogue-both.txt <<'CSV'
Программа;Часов;Умения;Провайдер;Формат;Предмет
Орфография в 5 классе;24;1.2;КК ИПК;очно;Русский язык
Текстовые задачи: методика обучения;36;1.4;КК ИПК;дистанционно;
CSV
run import-resources -q --subject Математика catalogue-both.txt
expect_rc 0 "Предмет and --subject"
expect_no_out
expect_no_err
checks=$((checks + 1))
[ "$(sql "SELECT j.name FROM resource r JOIN resource_skill s ON s.resource_id = r.id
	JOIN skill k ON k.id = s.skill_id JOIN subject j ON j.id = k.subject_id
	WHERE r.title = 'Орфография в 5 классе'")" = "Русский язык" ] || fail "the line's Предмет did not win"
# resource add: the same rule
run resource add --kind seminar --title "Семинар" --skill 1.3
expect_rc 64 "resource add, a shared code"
expect_err "skill '1.3' exists in several subjects"
run resource add --kind seminar --title "Семинар" --skill 1.3 --subject "Русский язык"
expect_rc 0 "resource add --subject"


# the teacher's card: each item's status in words and its programme's year
run teacher "Кузнецов О.В."
expect_rc 0
expect_out "  1.4: network — РМО учителей математики [planned, 2026/2027]"

# --- a re-run re-plans what has not started ---
# The programmes built before any mentor could be used: every item a course
# to order.  Resources entered afterwards take the items a re-run can still
# move; a dropped item comes back only after a later interview accepts the
# need again; one in a sent order stays.
export MMS_DB="$MMS_TMP/replan.db"
checks=$((checks + 1))
setup_district || fail "setting up the second district"
run resource find-mentors -q
expect_rc 0
run resource withdraw -q 1
expect_rc 0
run resource withdraw -q 2
expect_rc 0
run build-iop -q
expect_rc 0 "build-iop before any resource"
checks=$((checks + 1))
[ "$(sql "SELECT group_concat(form, ',') FROM iop_item")" = "course,course,course,course" ] ||
	fail "without resources every item is a course to order"
run resource add -q --kind mentor --teacher "Петров П.И." --skill 1.2 --title "Петров Пётр Ильич"
expect_rc 0
run resource add -q --kind rmo --title "РМО учителей математики" --skill 1.3
expect_rc 0
before=$(dump)
run build-iop --dry-run
expect_rc 0 "re-plan, dry run"
expect_out "Иванова Анна Петровна, skill 1.2: re-planned from course to school: Петров Пётр Ильич"
expect_out "4 accepted needs: 0 items would be added, 3 re-planned, 0 planned again, 1 kept"
expect_same "$before" "$(dump)" "build-iop --dry-run re-planned"
run build-iop
expect_rc 0 "re-plan"
expect_out "Иванова Анна Петровна, skill 1.3: re-planned from course to network: РМО учителей математики"
expect_out "Кузнецов Олег Викторович, skill 1.2: re-planned from course to network: Петров Пётр Ильич"
expect_out "4 accepted needs: 0 items added, 3 re-planned, 0 planned again, 1 kept"
expect_out "*  1.2    "
checks=$((checks + 1))
[ "$(sql "SELECT group_concat(x, ',') FROM (SELECT k.code || ':' || i.form AS x FROM iop_item i
	JOIN skill k ON k.id = i.skill_id ORDER BY i.id)")" = "1.4:course,1.2:school,1.3:network,1.2:network" ] ||
	fail "the items were not moved to the new resources"
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM iop_status WHERE note LIKE 'build-iop: re-planned%'")" = 3 ] ||
	fail "the re-planning is not in the items' history"
run build-iop
expect_rc 0
expect_out "4 accepted needs: 0 items added, 4 kept"
# dropped: stays dropped, even with a course for it now in the catalogue ...
run iop set-status -q --teacher "Кузнецов О.В." --skill 1.4 dropped
expect_rc 0 "dropping 1.4"
run import-resources -q "$IOP/catalogue.csv"
expect_rc 0
run build-iop --format json
expect_rc 0 "a dropped item stays dropped"
expect_out '"resource": "a course to be ordered: предметные знания и методика обучения предмету", "period": "2026/2027", "expected": "success on skill 1.4 in the teacher'"'"'s classes at the next assessment ≥ 57 %", "status": "dropped", "change": "kept"'
# ... until a later interview accepts the need again
export MMS_TODAY=2026-05-28
run interview -q --teacher "Кузнецов О.В." --skill 1.4 --accept --priority 1 --date 2026-05-28
expect_rc 0
run build-iop
expect_rc 0 "planned again"
expect_out "Кузнецов Олег Викторович, skill 1.4: planned again after a new interview: Текстовые задачи: методика обучения"
expect_out "4 accepted needs: 0 items added, 0 re-planned, 1 planned again, 3 kept"
checks=$((checks + 1))
[ "$(sql "SELECT i.status || ':' || r.origin FROM iop_item i JOIN skill k ON k.id = i.skill_id
	JOIN resource r ON r.id = i.resource_id WHERE k.code = '1.4'")" = planned:catalogue ] ||
	fail "the dropped item was not planned again with the catalogue's course"
# in a sent order: a mentor found afterwards does not move it
run order-training --send -q
expect_rc 0 "sending the order"
run resource add -q --kind mentor --teacher "Сидорова М.И." --skill 1.4 --title "Сидорова Мария Ивановна"
expect_rc 0
before=$(dump_data)
run build-iop --format json
expect_rc 0 "an ordered item stays"
expect_out '"status": "planned", "change": "kept"'
expect_same "$before" "$(dump_data)" "an item in a sent order was re-planned"

finish
