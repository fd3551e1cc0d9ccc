#!/usr/bin/env bash
# mms event: the service's plan of events on the small district of
# tests/data/report, and the report's indicators that count them: none
# without a record («нет данных»), each with one.
. "$MMS_SRC/tests/cli/lib.sh"

export MMS_TODAY=2027-05-01
run init --quiet
sqlite3 "$MMS_DB" <"$DATA/report/district.sql" || fail "the fixture does not load"

# no record: every indicator of events reads "no data", never "yes"
run report --format json
expect_rc 0
for key in management_decisions teacher_statuses creative_groups raop_practices raop_support \
	school_quality_monitoring schools_satisfaction summary_published; do
	checks=$((checks + 1))
	grep -o "\"key\": \"$key\"[^}]*" <<<"$out" | grep -q '"met": null' ||
		fail "indicator $key without a record is not 'no data'"
done

run event list
expect_rc 0
expect_out "no events recorded"

# planned, then held; Russian words for the kind
run event add --kind семинар --title "Работа с результатами ВПР" --date 15.10.2026 --school edu1 \
	--teacher Иванова --teacher Петров --skill 1.1 --subject Математика
expect_rc 0
expect_out "event 1 added: seminar «Работа с результатами ВПР», planned"
run event done 1 --date 2026-10-15
expect_rc 0
run event done 1
expect_rc 65 "done twice"
run event add --kind decision --title "Приказ № 12 по итогам анализа РМО" --date 2026-11-02 --done
expect_rc 0
run event add --kind status --title "Учитель-наставник" --date 2027-03-01 --done --teacher Сидорова
expect_rc 0
run event add --kind publication --title "Итоги анализа ВПР" --date 2027-04-30 --done
expect_rc 64 "a publication without its address"
expect_err "a publication needs its address"
run event add --kind publication --title "Итоги анализа ВПР" --date 2027-04-30 --done \
	--address https://mso.example/vpr-2027
expect_rc 0
run event add --kind council --title "Заседание МС" --date 2027-06-01
expect_rc 0

# errors: kind, date, teacher, skill
run event add --kind party --title x --date 2027-01-01
expect_rc 64
expect_err "unknown kind of event 'party'"
run event add --kind seminar --title x --date 31.02.2027
expect_rc 64
run event add --kind seminar --title x --date 2027-01-01 --teacher Никто
expect_rc 65
run event add --kind seminar --title x --date 2027-01-01 --skill 9.9
expect_rc 65
run event add --kind seminar --date 2027-01-01
expect_rc 64 "no title"

run event list --format json
expect_rc 0
expect_out '{"id": 1, "kind": "seminar", "title": "Работа с результатами ВПР", "date": "2026-10-15", "done": "2026-10-15", "level": "school", "school": "edu1", "address": null, "skill": "1.1", "teachers": "Иванова Анна Петровна; Петров Пётр Ильич", "note": null, "item": 0}'
run event list --kind council
expect_out "planned"
LC_ALL=ru_RU.UTF-8 run event list --kind совет
expect_rc 64 "a word that is no kind"
LC_ALL=ru_RU.UTF-8 run event list --kind "методический совет"
expect_rc 0
expect_out "Заседание МС"

# the indicators count them now
run report --format json
expect_rc 0
for key in management_decisions teacher_statuses summary_published; do
	checks=$((checks + 1))
	grep -o "\"key\": \"$key\"[^}]*" <<<"$out" | grep -q '"met": true' ||
		fail "indicator $key with a record is not 'yes'"
done
expect_out 'the latest at https://mso.example/vpr-2027'
expect_out 'the plan of events (mms event): 2, 1 of them held, serving 0 programme items'
# an event serving a programme's item: its network work, shown with the programme
run event add --kind рмо --title "РМО: таблицы и диаграммы" --date 2027-02-15 --done --item 2
expect_rc 0
run event add --kind рмо --title x --date 2027-02-15 --item 99
expect_rc 65 "an unknown item"
MMS_TODAY=2027-03-01 run build-iop --format json
expect_out '"event": "РМО: таблицы и диаграммы (2027-02-15)"'
run report --format json
expect_out 'serving 1 programme items'
# still none for what has no record
checks=$((checks + 1))
grep -o '"key": "raop_practices"[^}]*' <<<"$out" | grep -q '"met": null' ||
	fail "raop_practices has no record and is not 'no data'"

finish
