#!/usr/bin/env bash
# Migration 8 on a database the released schema 7 wrote (tests/data/legacy/v7.db,
# made by make-v7.sh): grade 5's and grade 6's descriptions both numbered their
# requirements from 1, and grade 6's had rewritten grade 5's skills.  Opened by
# this mms, the shared skills are split by code system, everything that used them
# follows its assessment, mms log says what was split, and importing grade 5's
# description again gives it back its own words without touching grade 6's.
. "$MMS_SRC/tests/cli/lib.sh"

cp "$DATA/legacy/v7.db" legacy.db
export MMS_DB="$MMS_TMP/legacy.db"
expect_same "$(sql 'PRAGMA user_version')" 7 "the fixture is at schema 7"

# what a run's rows say, which migration 23 stores as codes and ids, and migration 27
# in table deficit_row, read through the view deficit_result (a row of it a row of the
# table: a run's group and skill)
said="level, school_id, class_id, n, points, possible, success, ci_low, ci_high,
	task_level, threshold, sufficient, verdict, deficit, spread, persistence, p_value, q_value,
	below_half"
before=$(sql "select rowid, $said from deficit_result order by rowid")
words="select r.rowid, $(sed -E 's/[a-z_]+/v.&/g' <<<"$said") from deficit_row r
	join deficit_result v on v.run_id = r.run_id and v.skill_id = r.skill_id
	and v.school_id is r.school_id and v.class_id is r.class_id order by r.rowid"
# and the students below half, which migration 24 stores as arrays of pairs
students="select run_id, school_id, class_id, code, success from student_deficit
	order by run_id, school_id, class_id, code, success"
students_before=$(sql "$students")
# and the participants, which migration 25 keeps in the order of their key, with their ids
participants="select id, assessment_id, school_id, class_id, code, absent, hex(scores)
	from participant order by id"
participants_before=$(sql "$participants")
expect_same "$(sql "select count(*) from student_deficit")" 52 "the fixture's students below half"
expect_same "$(sql "select count(distinct verdict) > 1 and count(spread) > 0 from deficit_result")" 1 \
	"the fixture's rows have verdicts and spreads"

run log
expect_rc 0 "the migration, on opening"
expect_same "$(sql "$words")" "$before" "a run's rows read as they were stored"
expect_same "$(sql "$students")" "$students_before" "the students below half read as they were"
expect_same "$(sql "$participants")" "$participants_before" "the participants keep their ids"
expect_same "$(sql "select last = (select max(id) from participant) from participant_seq")" 1 \
	"the next participant's id follows the last"
expect_same "$(sql "select count(*) from student_below where students not like '%:[%'")" 0 \
	"stored as arrays of pairs"
"$MMS" --db "$MMS_TMP/fresh.db" init -q
expect_same "$(sql 'PRAGMA user_version')" "$(sqlite3 "$MMS_TMP/fresh.db" 'PRAGMA user_version')" \
	"migrated to the latest schema"
expect_out "skills split by code system: Математика 1 (ВПР-5, ВПР-6); Математика 2 (ВПР-5, ВПР-6)"
# a database keeps the page size it was made with; a new one gets 16 KiB pages
expect_same "$(sql 'PRAGMA page_size')" 1024 "the old database's page size"
expect_same "$(sqlite3 "$MMS_TMP/fresh.db" 'PRAGMA page_size')" 16384 "a new database's page size"
expect_out "import each of those descriptions again"

# one skill per code system: 1 and 2 twice, 3 of grade 5, 4 of grade 6
expect_same "$(sql "select group_concat(system || ':' || code, ' ') from (select system, code from skill order by system, code)")" \
	"ВПР-5:1 ВПР-5:2 ВПР-5:3 ВПР-6:1 ВПР-6:2 ВПР-6:4" "skills by system"
expect_same "$(sql "select count(*) from task_skill ts join task t on t.id = ts.task_id
	join assessment a on a.id = t.assessment_id join skill k on k.id = ts.skill_id
	where k.system <> a.codes")" 0 "every task's skills are of its assessment's system"
for table in deficit_result teacher_result; do
	expect_same "$(sql "select count(*) from $table x join deficit_run r on r.id = x.run_id
		join assessment a on a.id = r.assessment_id join skill k on k.id = x.skill_id
		where k.system <> a.codes")" 0 "$table follows its run's assessment"
done
expect_same "$(sql "select count(*) from hypothesis h join assessment a on a.id = h.assessment_id
	join skill k on k.id = h.skill_id where k.system <> a.codes")" 0 "hypotheses follow their assessment"
expect_same "$(sql "select count(*) from iop_item i join hypothesis h on h.id = i.hypothesis_id
	where i.skill_id <> h.skill_id")" 0 "programme items follow their hypothesis"
# Соколова's observation and interview of May 2026 follow up grade 5, not grade 6
expect_same "$(sql "select group_concat(k.system, ' ') from teacher_event e join skill k on k.id = e.skill_id")" \
	"ВПР-5 ВПР-5" "the events stay with grade 5's hypothesis"
expect_same "$(sql "select s.status from teacher_skill_status s join hypothesis h
	on h.teacher_id = s.teacher_id and h.skill_id = s.skill_id join assessment a
	on a.id = h.assessment_id where a.code = 'vpr-2027-math-6' and h.teacher_id =
	(select teacher_id from hypothesis where assessment_id = 1 and skill_id = 1)")" \
	hypothesis "grade 6's hypothesis is a hypothesis, not grade 5's need"
# the students below half per skill follow their run
expect_same "$(sql "select count(*) from student_deficit d join deficit_run r on r.id = d.run_id
	join assessment a on a.id = r.assessment_id join skill k on k.id = d.skill_id
	where k.system <> a.codes")" 0 "students' skills follow their run"
run check
expect_rc 0 "the migrated database checks"

# grade 5's description again, with its own words: grade 6's stay
cat >spec-5.csv <<'EOF'
Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения
1;1;Б;1;Грамотно записывать числа;предметное
2;1;Б;1;Грамотно записывать числа;предметное
3;1;Б;2;Находить часть целого и целое по его части;метапредметное (познавательные УУД)
4;2;П;3;Читать данные из таблицы и столбчатой диаграммы;предметное
EOF
run import-spec -q --assessment vpr-2026-math-5 --subject Математика --grade 5 --date 2026-04-15 spec-5.csv
expect_rc 0 "grade 5's description again"
expect_same "$(sql "select text from skill where system = 'ВПР-5' and code = '1'")" \
	"Грамотно записывать числа" "grade 5's skill 1 has its words back"
expect_same "$(sql "select text from skill where system = 'ВПР-6' and code = '1'")" \
	"Выполнять действия с положительными и отрицательными числами" "grade 6's skill 1 untouched"

# classified again: grade 6's deficits on 1 are new, not grade 5's skill recurring
run classify-deficits -q
expect_rc 0 "classify"
expect_same "$(sql "select count(*) from deficit_result d join deficit_run r on r.id = d.run_id
	join assessment a on a.id = r.assessment_id where a.code = 'vpr-2027-math-6'
	and d.persistence = 'recurrent' and r.id = (select max(id) from deficit_run r2
	where r2.assessment_id = a.id)")" 0 "no false persistence across grades"
# (grade 6 has deficits on its 1, as grade 5 had on its own: schema 7 called them recurrent)
expect_same "$(sql "select count(*) from deficit_result d join deficit_run r on r.id = d.run_id
	join assessment a on a.id = r.assessment_id join skill k on k.id = d.skill_id
	where a.code = 'vpr-2027-math-6' and k.code = '1' and d.deficit = 1 and d.persistence = 'new'
	and r.id = (select max(id) from deficit_run r2 where r2.assessment_id = a.id)")" 2 \
	"grade 6's deficits on its 1 are new"
finish
