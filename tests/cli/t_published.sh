#!/usr/bin/env bash
# Descriptions as published (tests/data/spec-published, EXPECTED.md says what each
# must give): the task table regions keep (ALL.xlsx), the official plan table as CSV
# and as a workbook with merged cells; skills that one description never rewords;
# grade 5's and grade 6's requirements numbered from 1 kept apart, and a shared
# codifier that links the two grades.
. "$MMS_SRC/tests/cli/lib.sh"
D="$DATA/spec-published"

book() { # book OUT.xlsx ARGS...: mkbook, failing the test if it fails
	"$MKBOOK" "$@" || fail "mkbook $1"
}
# tasks ASSESSMENT: "label:max level …" in position order
tasks() {
	sql "select group_concat(label || ':' || max_score || level, ' ') from (select t.label,
		cast(t.max_score as integer) as max_score, t.level from task t join assessment a
		on a.id = t.assessment_id where a.code = '$1' order by t.position)"
}
links() {
	sql "select count(*) from task_skill ts join task t on t.id = ts.task_id join assessment a
		on a.id = t.assessment_id where a.code = '$1'"
}

run init -q
book all.xlsx "Лист1=$D/all.tsv"
book grade6-all.xlsx "Лист1=$D/grade6-all.tsv"
# shellcheck disable=SC2046
book plan-merged.xlsx $(sed 's/^/--merge /' "$D/plan-merged.merges") "Лист1=$D/plan-merged.tsv"

# ALL.xlsx: one row a task × КЭС × КТ, the item's place in its own column
run import-spec --assessment all-5 --subject Математика --grade 5 all.xlsx
expect_rc 0 "ALL.xlsx"
expect_no_err
expect_out "10 tasks, 17 skills, 14 points in all (new)"
expect_out "task 8: 3 rows → 1 task, 4 skills"
expect_same "$(tasks all-5)" "1:1Б 2:1Б 3:2Б 4К1:1П 4К2:1П 5:1Б 6.1:1Б 6.2:1Б 7:2П 8:3В" "ALL.xlsx tasks"
expect_same "$(links all-5)" 26 "ALL.xlsx links"
expect_same "$(sql "select group_concat(system || ' ' || code, ', ') from (select system, code
	from skill where system = 'ВПР-5/КЭС' order by code)")" \
	"ВПР-5/КЭС 1.1, ВПР-5/КЭС 1.2, ВПР-5/КЭС 1.3, ВПР-5/КЭС 1.4, ВПР-5/КЭС 2.1, ВПР-5/КЭС 2.2, ВПР-5/КЭС 3.1.1, ВПР-5/КЭС 4.1" \
	"the КЭС codes, trailing dots and spaces gone"
expect_same "$(sql "select count(*) from skill where system = 'ВПР-5/КТ'")" 9 "the КТ codes, a system of their own"

# the plan table as CSV: title lines, a two-line header, parts, a wrapped line, the footer
run import-spec --assessment plan-5 --subject Математика --grade 5 --codes plan "$D/plan.csv"
expect_rc 0 "plan.csv"
expect_no_err
expect_out "9 tasks, 17 skills, 14 points in all (new)"
expect_out "task 6: a row with a maximum of its own is its part 6.2"
expect_out "task 7: 2 rows → 1 task, 3 skills"
expect_same "$(tasks plan-5)" "1:1Б 2:1Б 3:2Б 4:2П 5:1Б 6.1:1Б 6.2:1Б 7:2П 8:3В" "plan.csv tasks"
expect_same "$(links plan-5)" 24 "plan.csv links"

# the same plan as a workbook: merged № and maximum cells
run import-spec --assessment merged-5 --subject Математика --grade 5 --codes merged plan-merged.xlsx
expect_rc 0 "the plan with merged cells"
expect_no_err
expect_out "9 tasks, 17 skills, 14 points in all (new)"
expect_same "$(tasks merged-5)" "$(tasks plan-5)" "merged cells read as the CSV"
expect_same "$(links merged-5)" 24 "merged links"

# results of the plan's description: the parts' columns, 5(1) for 6.1 as regions write it
printf 'Код участника;Класс;1;2;3;4;5;6(1);6(2);7;8\n10001;5А;1;1;2;2;1;1;0;2;3\n' >plan-results.csv
printf 'Код ОО;Школа;Учитель;Предмет;Классы\nedu1;МБОУ Школа;Иванова Анна Петровна;Математика;5А\n' >roster.csv
run import-roster -q --year 2025/2026 roster.csv
run import-results --assessment plan-5 --school edu1 plan-results.csv
expect_rc 0 "results by the parts' columns"
expect_out "1 students with results"

# ... or the whole task's column: its score shared among the parts by their maxima
printf 'Код участника;Класс;1;2;3;4;5;6 (2б);7;8\n10002;5А;1;1;2;2;1;1;2;3\n' >plan-whole.csv
run import-results --assessment plan-5 --school edu1 plan-whole.csv
expect_rc 0 "results by the whole task's column"
expect_same "$(sql "select group_concat(v, ' ') from (select t.label || '=' || s.score as v from score s
	join task t on t.id = s.task_id join participant p on p.id = s.participant_id
	where p.code = '10002' and t.label like '6.%' order by t.position)")" \
	"6.1=0.5 6.2=0.5" "the whole's 1 point shared by the parts"
printf 'Код участника;Класс;1;2;3;4;5;6;6.1;6.2;7;8\n10003;5А;1;1;2;2;1;1;1;0;2;3\n' >plan-both.csv
run import-results --assessment plan-5 --school edu1 plan-both.csv
expect_rc 65 "a part's column and the whole's"
expect_err "task 6.1 has a column of its own and one of the whole task it is a part of"

# ALL.xlsx numbers the tasks both ways: results by its № (1…10 in order) import too
printf 'Код участника;Класс;1;2;3;4;5;6;7;8;9;10\n10004;5А;1;1;2;1;0;1;1;0;2;3\n' >all-numbered.csv
run import-results --assessment all-5 --school edu1 all-numbered.csv
expect_rc 0 "results numbered in order"
expect_out "task columns numbered 1, 2, 3… in order"
expect_same "$(sql "select group_concat(v, ' ') from (select t.label || '=' || cast(s.score as integer) as v
	from score s join task t on t.id = s.task_id join participant p on p.id = s.participant_id
	where p.code = '10004' and t.label in ('4К2', '5', '8') order by t.position)")" "4К2=0 5=1 8=3" \
	"the N-th column is the N-th task"

# grade 6's description numbers from 1 as well: its own skills by default ...
run import-spec --assessment all-6 --subject Математика --grade 6 grade6-all.xlsx
expect_rc 0 "grade 6"
expect_out "8 tasks, 15 skills, 12 points in all (new)"
expect_same "$(sql "select count(*) from skill where system like 'ВПР-5/%'")" 17 "grade 5's skills untouched"
expect_same "$(sql "select count(*) from skill where system like 'ВПР-6/%'")" 15 "grade 6's, apart"
# ... or the same skills through a shared codifier: 10 КЭС and 9 КТ for both grades
run import-spec -q --assessment all-5 --subject Математика --grade 5 --codes ООО-математика all.xlsx
expect_rc 0 "grade 5 with the shared codifier"
run import-spec -q --assessment all-6 --subject Математика --grade 6 --codes ООО-математика grade6-all.xlsx
expect_rc 0 "grade 6 with the shared codifier"
expect_same "$(sql "select count(distinct ts.skill_id) from task_skill ts join skill k on k.id = ts.skill_id
	where k.system = 'ООО-математика/КЭС'")" 10 "10 КЭС skills for both grades"
expect_same "$(sql "select count(distinct ts.skill_id) from task_skill ts join skill k on k.id = ts.skill_id
	where k.system = 'ООО-математика/КТ'")" 9 "9 КТ skills for both grades"
expect_same "$(sql "select count(*) from (select ts.skill_id from task_skill ts join task t on t.id = ts.task_id
	join skill k on k.id = ts.skill_id where k.system = 'ООО-математика/КЭС'
	group by ts.skill_id having count(distinct t.assessment_id) = 2)")" 6 "6 КЭС skills shared by the grades"

# the same code, another wording, in the same code system: refused, both shown
H='Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения'
printf '%s\n1;1;Б;1;Грамотно записывать числа;предметное\n' "$H" >g5.csv
printf '%s\n1;1;Б;1;Выполнять действия с отрицательными числами;предметное\n' "$H" >g6.csv
run import-spec -q --assessment vpr-5 --subject Математика --grade 5 g5.csv
expect_rc 0 "grade 5, its own 1"
run import-spec -q --assessment vpr-6 --subject Математика --grade 6 g6.csv
expect_rc 0 "grade 6, its own 1"
expect_same "$(sql "select group_concat(system || ': ' || text, ' | ') from (select system, text from skill
	where code = '1' and system in ('ВПР-5', 'ВПР-6') order by system)")" \
	"ВПР-5: Грамотно записывать числа | ВПР-6: Выполнять действия с отрицательными числами" \
	"both wordings intact"
before=$(dump)
run import-spec -q --assessment vpr-6 --subject Математика --grade 6 --codes ВПР-5 g6.csv
expect_rc 65 "another wording of a shared skill"
expect_err "g6.csv:2: skill '1' of the code system 'ВПР-5' is «Грамотно записывать числа», here «Выполнять действия с отрицательными числами»"
expect_same "$before" "$(dump)" "a refused description changed the database"
finish
