#!/usr/bin/env bash
# The 12 steps of a programme's work with a mentor (mms iop steps / step,
# mms observe --item --step) on the small district of tests/data/report:
# Сидорова's item on 1.2 (her need) given a mentor of the district.
. "$MMS_SRC/tests/cli/lib.sh"

run init --quiet
sqlite3 "$MMS_DB" <"$DATA/report/district.sql" || fail "the fixture does not load"
sql "INSERT INTO resource(id, kind, origin, title, title_key, teacher_id)
	VALUES (2, 'mentor', 'manual', 'Наставник: таблицы', 'наставник: таблицы', 2);
	UPDATE iop_item SET resource_id = 2, form = 'network', status = 'planned' WHERE id = 2"

run config steps
expect_out "the first on 10-01 (MM-DD) of the school year, then every 21 days"
run config steps --every 61
expect_rc 64
run iop steps
expect_rc 0
expect_out "     2  Сидорова Мария Ивановна (edu2), skill 1.2, mentor Наставник: таблицы, planned: 0 of 12 steps done"
# planned over the school year: every three weeks from 1 October to 20 May
run iop steps 2
expect_rc 0
expect_out " 1) соотнесение потребности и ресурса адресно"
expect_out "      planned 2026-10-01"
expect_out " 3) отслеживание представленного опыта на занятии с использованием карты наблюдений [observation]"
expect_out "      planned 2027-05-20"
LC_ALL=ru_RU.UTF-8 run iop steps 2
expect_out "20.05.2027"

# in order
run iop step 2 2 --done
expect_rc 64 "step 2 before step 1"
expect_err "step 2 comes after steps not done yet (1 of them)"
MMS_TODAY=2026-10-02 run iop step 2 1 --done --note "списки составлены"
expect_rc 0
expect_out "item 2 is now in progress"
run iop step 2 2 --done --date 20.10.2026
expect_rc 0
# step 3 is a lesson seen with the observation map: it takes its observation
run iop step 2 3 --done
expect_rc 64 "step 3 without its observation"
expect_err "mms observe --item 2 --step 3"
run observe --teacher Сидорова --skill 1.2 --confirm --item 2 --step 4
expect_rc 64 "observe at a step that is no lesson"
run observe --teacher Сидорова --skill 1.2 --confirm --item 2
expect_rc 64 "--item without --step"
run observe --teacher Петров --skill 1.2 --confirm --item 2 --step 3 --date 2026-11-05
expect_rc 64 "another teacher's observation"
expect_err "not of item 2's teacher and skill"
run observe --teacher Сидорова --skill 1.2 --confirm --item 2 --step 3 --date 2026-11-05 \
	--note "Карта наблюдения: урок наставника"
expect_rc 0 "the observation of step 3"
expect_out "the observation recorded"
expect_out "item 2: step 3 done"
# the need stays a need, and the observation is in her trail
checks=$((checks + 1))
[ "$(sql "SELECT status FROM teacher_skill_status WHERE teacher_id = 3 AND skill_id = 2")" = need ] ||
	fail "the programme's observation changed the need"
run teacher Сидорова
expect_out "Карта наблюдения: урок наставника"
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM iop_step WHERE item_id = 2 AND step = 3 AND event_id IS NOT NULL")" = 1 ] ||
	fail "step 3 is not linked to its observation"

# the rest, and the last step ends the item
for k in 4 5 6 7 8 9 10 11; do
	run iop step 2 $k --done --force --quiet --date 2027-0$((k < 10 ? 1 : 2))-1$((k % 10))
	expect_rc 0 "step $k"
done
run iop step 2 12 --done --date 2027-03-20
expect_rc 0
expect_out "item 2 is now done"
run iop steps 2
expect_out "(done), 12 of 12 steps done"
run iop step 2 5 --done
expect_rc 65 "a step of a done item"
checks=$((checks + 1))
[ "$(sql "SELECT date FROM iop_status WHERE item_id = 2 AND status = 'done' ORDER BY id DESC LIMIT 1")" = 2027-03-20 ] ||
	fail "the item is not done on the day of its last step"

# not work with a mentor, no such item, a step out of range
run iop steps 1
expect_rc 65 "a course's item"
expect_err "item 1 is not work with a mentor"
run iop steps 99
expect_rc 65
run iop step 2 13 --done
expect_rc 64
run iop step 2 1
expect_rc 64 "without --done"

# post-course support: Иванова's course on 1.1 is done; the programme gets its
# follow-up once — a methodologist of the district when the bank has one
MMS_TODAY=2026-05-25 run build-iop
expect_rc 0
expect_out "after the course on 1.1: post-course support by a methodologist of the district (none in the bank yet"
run resource add --kind методист --title "Орлова О.О., методист ИМЦ" --skill 1.1 --subject Математика
expect_rc 0
MMS_TODAY=2026-05-26 run build-iop --format json
expect_rc 0
expect_out '"support": "Орлова О.О., методист ИМЦ"'
MMS_TODAY=2026-05-27 run build-iop
expect_out "after the course on 1.1: post-course support by Орлова О.О., методист ИМЦ"
checks=$((checks + 1))
[ "$(sql "SELECT count(*) || ' ' || created FROM iop_support WHERE item_id = 1")" = "1 2026-05-25" ] ||
	fail "the course's support is not created once"

finish
