#!/usr/bin/env bash
# mms order-training on the district of tests/data/iop: lines by catalogue
# course or by competency, their justification, every output format (the
# XLSX read back), and --send freezing the order.
. "$MMS_SRC/tests/cli/lib.sh"
. "$DATA/iop/setup.sh"

checks=$((checks + 1))
setup_district || fail "setting up the district"
run resource find-mentors -q
expect_rc 0
# without Петров for 1.2, nothing in the district meets 1.2: a course to be ordered
run resource withdraw 1 --skill 1.2
expect_rc 0
run import-resources -q "$IOP/catalogue.csv"
expect_rc 0
run build-iop
expect_rc 0
expect_out "4 accepted needs: 4 items added, 0 kept"

just_t1='Иванова Анна Петровна: 5А, n=25: 30 % vs district 54 %, ВПР vpr-2026-math-5, skill 1.2 — confirmed by observation 12.05.2026'
just_t4='Кузнецов Олег Викторович: 5Б, n=25: 40 % vs district 54 %, ВПР vpr-2026-math-5, skill 1.2 — confirmed by observation 14.05.2026'

run order-training
expect_rc 0 "table"
expect_out "draft order (not sent; 0 sent before)"
expect_out "Текстовые задачи: методика обучения"
expect_out "to be designed: предметные знания и методика обучения предмету (Математика)"
# under the table, the justification: a teacher's evidence a line
expect_out "$just_t1
     $just_t4"

run order-training --format json
expect_rc 0 "json"
expect_out '{"programme": "Текстовые задачи: методика обучения", "competency": "предметные знания и методика обучения предмету", "skills": "1.4", "hours": 36, "provider": "КК ИПК", "teachers": [{"teacher": "Кузнецов Олег Викторович", "school": "МБОУ «Школа № 2» & <филиал>", "skill": "1.4"}], "count": 1, "justification": "Кузнецов Олег Викторович: 5Б, n=25: 20 % vs district 30 %, ВПР vpr-2026-math-5, skill 1.4 — confirmed by observation 14.05.2026"}'
expect_out '{"programme": "to be designed: предметные знания и методика обучения предмету (Математика)", "competency": "предметные знания и методика обучения предмету", "skills": "1.2", "hours": null, "provider": null, "teachers": [{"teacher": "Иванова Анна Петровна", "school": "МБОУ «Школа № 1»", "skill": "1.2"}, {"teacher": "Кузнецов Олег Викторович", "school": "МБОУ «Школа № 2» & <филиал>", "skill": "1.2"}], "count": 2, "justification": "'"$just_t1; $just_t4"'"}'
checks=$((checks + 1))
printf '%s\n' "$out" | grep -q '"justification": ""' && fail "a line without justification"

run order-training --format csv -o order.csv
expect_rc 0 "csv"
expect_no_out
checks=$((checks + 1))
[ "$(head -c 3 order.csv | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "the CSV has no BOM"
checks=$((checks + 1))
[ "$(grep -c $'\r$' order.csv)" = 3 ] || fail "the CSV's lines do not end in CRLF"
checks=$((checks + 1))
head -1 order.csv | grep -q 'programme;competency;skills;hours;provider;teachers;count;justification' ||
	fail "the CSV header is wrong"
checks=$((checks + 1))
grep -q '^Текстовые задачи: методика обучения;предметные знания и методика обучения предмету;1.4;36;КК ИПК;Кузнецов Олег Викторович (МБОУ «Школа № 2» & <филиал>, 1.4);1;Кузнецов' order.csv ||
	fail "the CSV's first line is wrong: $(sed -n 2p order.csv)"
checks=$((checks + 1))
grep -q ';2;"Иванова Анна Петровна: 5А' order.csv || fail "a ';' in a field is not quoted"

run order-training --format xlsx
expect_rc 64 "xlsx without -o"
run order-training --format xlsx -o order.xlsx
expect_rc 0 "xlsx"
workbook_ok order.xlsx "the order"
LC_ALL=ru_RU.UTF-8 run order-training --format xlsx -o order-ru.xlsx
expect_rc 0 "xlsx in Russian"
workbook_ok order-ru.xlsx "the order written in a Russian locale"
checks=$((checks + 1))
unzip -tq order.xlsx >/dev/null || fail "the XLSX is not a valid archive"
strings=$(unzip -p order.xlsx xl/sharedStrings.xml)
sheet=$(unzip -p order.xlsx xl/worksheets/sheet1.xml)
for want in '<t>programme</t>' '<t>justification</t>' '<t>Текстовые задачи: методика обучения</t>' \
	'МБОУ «Школа № 2» &amp; &lt;филиал&gt;' "$just_t1"; do
	checks=$((checks + 1))
	case "$strings" in *"$want"*) ;; *) fail "the XLSX's strings lack: $want" ;; esac
done
for want in 'state="frozen"' 'ySplit="1"' '<autoFilter ref="A1:H3"/>' 'width="90.' \
	'<dimension ref="A1:H3"/>' '<v>36</v>'; do
	checks=$((checks + 1))
	case "$sheet" in *"$want"*) ;; *) fail "the XLSX's sheet lacks: $want" ;; esac
done

for q in -q --quiet; do
	run order-training $q
	expect_rc 0 "order-training $q"
	expect_no_out
	expect_no_err
done
rm -f quiet.csv
run order-training --quiet --format csv -o quiet.csv
expect_rc 0 "--quiet -o"
expect_no_out
expect_no_err
checks=$((checks + 1))
grep -q 'Текстовые задачи: методика обучения' quiet.csv || fail "--quiet -o wrote no order"

run order-training --format pdf
expect_rc 64
run order-training -o /nonexistent/dir/x.csv --format csv
expect_rc 74

# --- sending freezes the order ---
export MMS_TODAY=2026-06-01
run order-training --send --format json
expect_rc 0 "send"
expect_err "order 1 sent 2026-06-01: 2 lines"
expect_out '"count": 2'
sent_json=$out
# a sent order is listed, and printed again as it was sent, in any format
run order-training --list
expect_rc 0 "--list"
expect_out "2026-06-01"
expect_same "$(printf '%s\n' "$out" | tail -1 | tr -s ' ' | sed 's/^ //')" "1 2026-06-01 2 3" "the sent order listed"
run order-training --order 1 --format json
expect_rc 0 "--order 1"
expect_same "$out" "$sent_json" "the sent order printed again as sent"
# sent from an English shell, it reads in Russian in a Russian one: the facts are
# stored, the words are the reader's
checks=$((checks + 1))
[ -z "$(sql "SELECT justification FROM order_line WHERE justification LIKE '% vs district %'")" ] ||
	fail "the justification was stored in the sender's words"
if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	LC_ALL=ru_RU.UTF-8 LANGUAGE=ru run order-training --order 1 --format json
	expect_rc 0
	expect_out " по району, "
	checks=$((checks + 1))
	case $out in *" vs district "*) fail "an English justification in Russian" ;; esac
fi
run order-training --order 1 --format xlsx -o again.xlsx
expect_rc 0 "--order 1 as a workbook"
workbook_ok again.xlsx "a sent order printed again"
run order-training --order 9
expect_rc 65 "no such order"
expect_err "no sent order 9 (mms order-training --list lists them)"
run order-training --order 1 --send
expect_rc 64 "--order with --send"
checks=$((checks + 1))
[ "$(sql "SELECT state || ' ' || sent FROM training_order")" = "sent 2026-06-01" ] ||
	fail "the order is not stored as sent"
sent=$(sql "SELECT * FROM order_line ORDER BY id; SELECT * FROM order_line_teacher")

run order-training
expect_rc 0
expect_out "draft order (not sent; 1 sent before)"
expect_out "nothing to order: every course item is in a sent order"
run order-training --send
expect_rc 0
expect_err "nothing to send"
run order-training --send --quiet
expect_rc 0 "nothing to send, --quiet"
expect_no_out
expect_no_err
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM training_order")" = 1 ] || fail "an empty order was sent"

# a new need goes into a new draft; the sent order stays as it was (a
# hypothesis with no class rows: its pooled figures justify it)
sql "INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, success, rest_n,
	rest_success, district_success, threshold, p_value, q_value)
	SELECT t.id, k.id, 1, 1, 25, .2, 75, .5, .54, .57, .001, .01 FROM teacher t, skill k
	WHERE t.full_name = 'Сидорова Мария Ивановна' AND k.code = '1.2'"
run observe -q --teacher "Сидорова М.И." --skill 1.2 --confirm --date 2026-06-02
expect_rc 0
run interview -q --teacher "Сидорова М.И." --skill 1.2 --accept --date 2026-06-03
expect_rc 0
run build-iop
expect_rc 0
expect_out "5 accepted needs: 1 items added, 4 kept"
run order-training --format json
expect_rc 0
expect_out '"teachers": [{"teacher": "Сидорова Мария Ивановна", "school": "МБОУ «Школа № 2» & <филиал>", "skill": "1.2"}], "count": 1, "justification": "Сидорова Мария Ивановна: n=25: 20 % vs district 54 %, ВПР vpr-2026-math-5, skill 1.2 — confirmed by observation 02.06.2026"'
checks=$((checks + 1))
case "$out" in *Иванова*) fail "the new draft repeats a sent line" ;; esac
expect_same "$sent" "$(sql "SELECT * FROM order_line ORDER BY id; SELECT * FROM order_line_teacher")" \
	"the sent order changed"
# sending from cron: nothing on stdout or stderr, the order stored as sent
run order-training --send -q
expect_rc 0 "--send -q"
expect_no_out
expect_no_err
checks=$((checks + 1))
[ "$(sql "SELECT group_concat(id || ' ' || state, ',') FROM training_order")" = "1 sent,2 sent" ] ||
	fail "--send -q did not send the new draft: $(sql "SELECT * FROM training_order")"
checks=$((checks + 1))
sqlite3 "$MMS_DB" "UPDATE order_line SET count = 9" 2>/dev/null && fail "a sent line could be changed"

finish
