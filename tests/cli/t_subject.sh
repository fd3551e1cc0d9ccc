#!/usr/bin/env bash
# mms observe, interview and iop set-status with --subject: a primary-school
# teacher's hypotheses and programme items on skill 1.1 of Математика and of
# Русский язык, and --school for iop set-status.  The fixture is made in SQL.
. "$MMS_SRC/tests/cli/lib.sh"

AMBIGUOUS="skill '1.1' is a skill of several subjects of this teacher: Математика, Русский язык (give --subject)"

status_of() { # status_of TEACHER_ID SKILL_ID: the status in teacher_skill_status
	sql "select status from teacher_skill_status where teacher_id = $1 and skill_id = $2"
}

item_of() { # item_of ITEM_ID: the status of a programme's item
	sql "select status from iop_item where id = $1"
}

run init -q
expect_rc 0 "init"
# Two Сидоровы in two schools; skills 1 '1.1' Математика, 2 '1.1' Русский язык,
# 3 '2.1' Математика, 4 '1.1' Литературное чтение.  Teacher 1 has hypotheses on
# skills 1, 2, 3; teacher 2 on 1 and 2.
sql "
INSERT INTO school(id, code, name, name_key) VALUES
  (1, 'edu001', 'Первая СОШ', 'первая сош'), (2, 'edu002', 'Вторая ООШ', 'вторая оош');
INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика'),
  (2, 'Русский язык', 'русский язык'), (3, 'Литературное чтение', 'литературное чтение');
INSERT INTO teacher(id, school_id, full_name, name_key) VALUES
  (1, 1, 'Сидорова Мария Ивановна', 'сидорова мария ивановна'),
  (2, 2, 'Сидорова Ольга Петровна', 'сидорова ольга петровна');
INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES
  (1, 'vpr-m4', 'ВПР', 1, 4, '2026-04-15'), (2, 'vpr-r4', 'ВПР', 2, 4, '2026-04-17');
INSERT INTO skill(id, subject_id, code, text, kind) VALUES
  (1, 1, '1.1', 'Счёт', 'subject'), (2, 2, '1.1', 'Орфография', 'subject'),
  (3, 1, '2.1', 'Задачи', 'subject'), (4, 3, '1.1', 'Чтение вслух', 'subject');
INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (1, 1, 1), (2, 2, 1);
INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, success, rest_n,
  rest_success, district_success, threshold, p_value, q_value) VALUES
  (1, 1, 1, 1, 25, 0.40, 100, 0.70, 0.64, 0.57, 0.001, 0.004),
  (1, 2, 2, 2, 25, 0.35, 100, 0.66, 0.60, 0.57, 0.002, 0.004),
  (1, 3, 1, 1, 25, 0.30, 100, 0.61, 0.55, 0.57, 0.003, 0.006),
  (2, 1, 1, 1, 24, 0.41, 101, 0.69, 0.64, 0.57, 0.004, 0.008),
  (2, 2, 2, 2, 24, 0.38, 101, 0.65, 0.60, 0.57, 0.004, 0.008);"
checks=$((checks + 1))
[ "$(sql "select count(*) from hypothesis")" = 5 ] || fail "the fixture was not made"

# ---- help and man page show the options -------------------------------------
for c in observe interview; do
	run "$c" -h
	expect_rc 0 "$c -h"
	expect_out "--skill CODE [--subject NAME]"
	expect_out "  --subject NAME "
done
run iop -h
expect_rc 0 "iop -h"
expect_out "usage: mms iop set-status --teacher NAME [--school CODE] --skill CODE [--subject NAME] STATUS"
expect_out "  --school CODE "
expect_out "  --subject NAME "

# ---- observe ------------------------------------------------------------------
before=$(dump)
run observe --teacher "Сидорова М.И." --skill 1.1 --confirm
expect_rc 64 "observe: a code of two subjects, no --subject"
expect_err "mms: observe: $AMBIGUOUS"
expect_no_out
expect_same "$(dump)" "$before" "an ambiguous observe changed the database"

run observe --teacher "Сидорова М.И." --skill 1.1 --subject Математика --confirm --date 2026-10-05
expect_rc 0 "observe --subject Математика"
expect_out "Сидорова Мария Ивановна, skill 1.1: confirmed"
expect_no_err
expect_same "$(status_of 1 1)" confirmed "Математика 1.1 is confirmed"
expect_same "$(status_of 1 2)" hypothesis "Русский язык 1.1 is still a hypothesis"

# the subject's name as other names: case, spaces and ё/е do not matter
run observe --teacher "Сидорова М.И." --skill 1.1 --subject "  РУССКИЙ   язык " --reject -q
expect_rc 0 "observe --subject in other case and spacing"
expect_no_out
expect_same "$(status_of 1 2)" rejected "Русский язык 1.1 is rejected"
expect_same "$(status_of 1 1)" confirmed "Математика 1.1 is still confirmed"

# a code of one subject needs no --subject; with it, the subject must have it
run observe -q --teacher "Сидорова М.И." --skill 2.1 --confirm
expect_rc 0 "observe of a code of one subject"
expect_same "$(status_of 1 3)" confirmed "Математика 2.1 is confirmed"

before=$(dump)
run observe --teacher "Сидорова М.И." --skill 2.1 --subject "Русский язык" --confirm
expect_rc 65 "observe: no hypothesis on the code in that subject"
expect_err "mms: observe: the teacher has no hypothesis on skill '2.1' of subject 'Русский язык' (see mms map-to-teacher)"
run observe --teacher "Сидорова М.И." --skill 1.1 --subject "литературное чтёние" --confirm
expect_rc 65 "observe: a subject of no hypothesis of the teacher"
expect_err "mms: observe: the teacher has no hypothesis on skill '1.1' of subject 'Литературное чтение' (see mms map-to-teacher)"
run observe --teacher "Сидорова М.И." --skill 1.1 --subject Физика --confirm
expect_rc 65 "observe: an unknown subject"
expect_err "mms: observe: unknown subject 'Физика'"
run observe --teacher "Сидорова М.И." --skill 1.1 --subject
expect_rc 64 "observe: --subject without a value"
expect_same "$(dump)" "$before" "a refused observe changed the database"

# --school and --subject together
run observe --teacher Сидорова --skill 1.1 --subject Математика --confirm
expect_rc 64 "observe: a surname of two teachers"
expect_err "Сидорова Ольга Петровна (edu002)"
run observe --teacher Сидорова --school edu002 --skill 1.1 --subject "Русский язык" --confirm
expect_rc 0 "observe --school --subject"
expect_out "Сидорова Ольга Петровна, skill 1.1: confirmed"
expect_same "$(status_of 2 2)" confirmed "teacher 2's Русский язык 1.1 is confirmed"
expect_same "$(status_of 2 1)" hypothesis "teacher 2's Математика 1.1 is still a hypothesis"

# ---- interview ----------------------------------------------------------------
before=$(dump)
run interview --teacher "Сидорова М.И." --skill 1.1 --accept
expect_rc 64 "interview: a code of two subjects, no --subject"
expect_err "mms: interview: $AMBIGUOUS"
expect_no_out
run interview --teacher "Сидорова М.И." --skill 1.1 --subject "Русский язык" --accept
expect_rc 65 "interview: the subject's hypothesis was rejected"
expect_err "skill '1.1' is a rejected hypothesis"
run interview --teacher "Сидорова М.И." --skill 1.1 --subject Физика --decline
expect_rc 65 "interview: an unknown subject"
expect_err "mms: interview: unknown subject 'Физика'"
expect_same "$(dump)" "$before" "a refused interview changed the database"

run interview --teacher "Сидорова М.И." --skill 1.1 --subject математика --accept --priority 2
expect_rc 0 "interview --subject"
expect_out "Сидорова Мария Ивановна, skill 1.1: need"
expect_same "$(status_of 1 1)" need "Математика 1.1 is a need"
expect_same "$(sql "select priority from teacher_skill_status where teacher_id = 1 and skill_id = 1")" 2 \
	"the need's priority"
expect_same "$(status_of 1 2)" rejected "Русский язык 1.1 is still rejected"

# ---- iop set-status -------------------------------------------------------------
# teacher 1: 2026/2027 items on Математика 1.1 (1) and Русский язык 1.1 (2);
# teacher 2: Математика 1.1 in 2025/2026 (3), Русский язык 1.1 in 2026/2027 (4).
sql "
INSERT INTO iop(id, teacher_id, year) VALUES (1, 1, '2026/2027'), (2, 2, '2025/2026'),
  (3, 2, '2026/2027');
INSERT INTO iop_item(id, iop_id, skill_id, competency_area, competency, form, period,
  threshold) VALUES
  (1, 1, 1, 'предметная', 'методика', 'school', '2026/2027', 0.57),
  (2, 1, 2, 'предметная', 'методика', 'school', '2026/2027', 0.57),
  (3, 2, 1, 'предметная', 'методика', 'course', '2025/2026', 0.57),
  (4, 3, 2, 'предметная', 'методика', 'course', '2026/2027', 0.57);"
export MMS_TODAY=2026-10-20

before=$(dump)
run iop set-status --teacher Сидорова --skill 1.1 --subject Математика in-progress
expect_rc 64 "set-status: a surname of two teachers"
expect_err "Сидорова Мария Ивановна (edu001)"
expect_err "Сидорова Ольга Петровна (edu002)"
run iop set-status --teacher Сидорова --school edu001 --skill 1.1 in-progress
expect_rc 64 "set-status: a code of two subjects, no --subject"
expect_err "mms: iop: $AMBIGUOUS"
expect_no_out
# the subjects of items of different years are told apart, too
run iop set-status --teacher Сидорова --school edu002 --skill 1.1 done
expect_rc 64 "set-status: a code of two subjects in programmes of two years"
expect_err "$AMBIGUOUS"
run iop set-status --teacher Сидорова --school edu003 --skill 1.1 --subject Математика done
expect_rc 65 "set-status: no such teacher in that school"
run iop set-status --teacher Сидорова --school edu001 --skill 1.1 --subject Физика done
expect_rc 65 "set-status: an unknown subject"
expect_err "mms: iop: unknown subject 'Физика'"
run iop set-status --teacher Сидорова --school edu001 --skill 1.1 --subject "Литературное чтение" done
expect_rc 65 "set-status: no item on the code in that subject"
expect_err "mms: iop: the teacher's programme has no item on skill '1.1' of subject 'Литературное чтение'"
expect_same "$(dump)" "$before" "a refused set-status changed the database"

run iop set-status --teacher Сидорова --school edu001 --skill 1.1 --subject Математика in-progress
expect_rc 0 "set-status --school --subject Математика"
expect_out "skill 1.1: planned → in progress"
expect_no_err
expect_same "$(item_of 1)" in-progress "Математика 1.1 is in progress"
expect_same "$(item_of 2)" planned "Русский язык 1.1 is still planned"

run iop set-status --teacher "Сидорова М.И." --skill 1.1 --subject "русский язык" dropped \
	--note "перенесено"
expect_rc 0 "set-status --subject Русский язык"
expect_out "skill 1.1: planned → dropped"
expect_same "$(item_of 2)" dropped "Русский язык 1.1 is dropped"
expect_same "$(item_of 1)" in-progress "Математика 1.1 is still in progress"
expect_same "$(sql "select note || ' ' || date from iop_status where item_id = 2")" \
	"перенесено 2026-10-20" "the history row"

run iop set-status -q --teacher Сидорова --school edu002 --skill 1.1 --subject "Русский язык" done
expect_rc 0 "set-status of teacher 2"
expect_no_out
expect_same "$(item_of 4)" done "teacher 2's Русский язык 1.1 is done"
expect_same "$(item_of 3)" planned "teacher 2's Математика 1.1 is still planned"

finish
