#!/usr/bin/env bash
# mms report: the figures in JSON against hand-computed ones on a small
# district (tests/data/report/district.sql, worked out in
# tests/unit/test_report.c), no name or participant code in an anonymous
# report of any format, well-formed HTML with its charts, the Excel sheets,
# and the demo district's follow-up (one class improved, one did not).
. "$MMS_SRC/tests/cli/lib.sh"

export MMS_TODAY=2027-05-01

run init --quiet
expect_rc 0
sqlite3 "$MMS_DB" <"$DATA/report/district.sql" || fail "the fixture does not load"

# contains FILE TEXT: FILE has TEXT (a fixed string)
contains() {
	checks=$((checks + 1))
	grep -qF -- "$2" "$1" || fail "$1 lacks: $2"
}

# lacks FILE TEXT: FILE has no TEXT as a word
lacks() {
	checks=$((checks + 1))
	if grep -qwF -- "$2" "$1"; then
		fail "$1 has '$2'"
	fi
}

# The figures.
run report --format json
expect_rc 0
expect_no_err
printf '%s\n' "$out" >"$MMS_TMP/r.json"
expect_out '"funnel": {"deficits": 4, "hypotheses": 4, "confirmed": 3, "needs": 2, "items": 2, "ordered": 1, "done": 2}'
expect_out '"coverage": {"year": "2026/2027", "teachers": 4, "with_programme": 2, "share": 0.5, "young": 2, "young_with_programme": 2, "young_share": 1, "young_target": 1}'
expect_out '"district": {"subject": 0, "meta": 2, "literacy": 0, "total": 2}'
expect_out '"class": {"subject": 1, "meta": 0, "literacy": 0, "total": 1}'
expect_out '"recurrent": 1, "students_below_half": 2'
# the follow-up of Иванова 1.1: (.80 − .30) − (.72 − .70) = .48 ± 1.96 · .133853
expect_out '"teacher": "Иванова Анна Петровна"'
expect_out '"before": {"assessment": "a5", "classes": "5А", "n": 20, "success": 0.3, "district_n": 400, "district_success": 0.7}'
expect_out '"after": {"assessment": "a6", "classes": "6А", "n": 25, "success": 0.8, "district_n": 410, "district_success": 0.72}'
expect_out '"did": 0.48, "ci_low": 0.2176523426, "ci_high": 0.7423476574, "verdict": "improved"'
# Сидорова 1.2: eight participants in 5А
expect_out '"verdict": "too-little-data"'
expect_out '"counts": {"improved": 1, "no-change": 0, "worse": 0, "too-little-data": 1}'
expect_out '"key": "needs_monitored", "seed": "Наличие мониторинга образовательных потребностей педагогов", "title": "teachers'"'"' needs are monitored", "met": true, "value": 2, "of": 3'
expect_out '"key": "order_justified"'
# the marks of each assessment, none in this district's files; no signs
expect_out '"marks": [{"assessment": "a5", "marked": 0, "pass": null, "quality": null, "mean": null, "higher_share": null, "years": [{"assessment": "a5", "date": "2026-04-15", "pass": null, "quality": null}]}'
expect_out '"signs": []'
expect_out '"key": "summary_published"'
expect_out '"key": "events_planned"'
expect_out '"key": "teachers_with_programme"'
# teachers appear in alphabetical order, never by results
checks=$((checks + 1))
order=$(grep -o '"teacher": "[^"]*"' "$MMS_TMP/r.json" | tr '\n' '|')
[ "$order" = '"teacher": "Иванова Анна Петровна"|"teacher": "Сидорова Мария Ивановна"|' ] ||
	fail "follow-up not in alphabetical order: $order"

# one school, one assessment
run report --format json --school edu2
expect_rc 0
expect_out '"school": "edu2"'
expect_out '"teachers": 2'
run report --format json --assessment a6
expect_rc 0
expect_out '"funnel": {"deficits": 1, "hypotheses": 0'

# the text summary: no colour when stdout is not a terminal
run report
expect_rc 0
expect_out "Иванова Анна Петровна (edu1), skill 1.1 — improved"
expect_out "5А → 6А: 30 % (n=20) → 80 % (n=25); district 70 % → 72 %"
# in words, the statistics stay in JSON
expect_out "after the programme, success grew 48 points more than in the district (a reliable difference)"
checks=$((checks + 1))
case $out in *"difference of differences"*) fail "jargon in the text report" ;; esac
expect_out "regression to the mean"
checks=$((checks + 1))
case "$out" in *$'\033'*) fail "colour on a pipe" ;; esac

# the indicators numbered as the district's list (1–11), "no data" where mms keeps
# no record; the shares against the district's target, never "yes"
expect_out "   1. management decisions on the analysis of the methodological associations: no data"
expect_out "   5. a summary of teachers' professional deficits is published: no data"
expect_out "  11. the schools' satisfaction with the methodological service is monitored: no data"
expect_out "   –  teachers with an individual programme: 2 of 4 (50 %); no target set (mms config targets)"
run config targets --young-supported 100 --teachers-with-programme 75,5
expect_rc 0 "config targets"
expect_out "young teachers supported by a programme: the district's target is 100 %"
expect_out "teachers with an individual programme: the district's target is 75${DP}5 %"
run config targets --young-supported 120
expect_rc 64 "a target above 100"
expect_err "--young-supported '120' is not a percentage from 0 to 100"
run report
expect_out "   –  teachers with an individual programme: 2 of 4 (50 %); the district's target: 76 %"
checks=$((checks + 1))
case $out in *"programme: yes"*) fail "a share reads as met" ;; esac
run report --format json
expect_out '"key": "young_supported", "seed": "Доля молодых педагогов, охваченных сопровождением", "title": "young teachers supported by a programme", "met": null'
expect_out '"target": 100,'
run config targets --young-supported 0 --teachers-with-programme 0 -q
expect_rc 0
expect_no_out

# --quiet: nothing printed; without -o the report is only made (not recorded),
# with -o the file is written and the run recorded
before=$(sql 'SELECT count(*) FROM report_run')
for q in -q --quiet; do
	run report --anonymous $q
	expect_rc 0 "report $q"
	expect_no_out
	expect_no_err
done
expect_same "$(sql 'SELECT count(*) FROM report_run')" "$before" "a report shown nowhere was recorded"
run report --quiet --format json -o "$MMS_TMP/quiet.json"
expect_rc 0 "report --quiet -o"
expect_no_out
expect_no_err
contains "$MMS_TMP/quiet.json" '"funnel": {"deficits": '
expect_same "$(sql 'SELECT count(*) FROM report_run')" "$((before + 1))" "report --quiet -o not recorded"
run report -q --school edu9
expect_rc 65 "-q keeps the errors"
expect_err "no school with code 'edu9'"

# Anonymous, every format: no teacher's name, surname or participant code.
run report --anonymous -o "$MMS_TMP/anon.txt"
expect_rc 0
expect_no_out
run report --anonymous --format json -o "$MMS_TMP/anon.json"
expect_rc 0
run report --anonymous --format html -o "$MMS_TMP/anon.html"
expect_rc 0
run report --anonymous --format xlsx -o "$MMS_TMP/anon.xlsx"
expect_rc 0
unzip -p "$MMS_TMP/anon.xlsx" 'xl/sharedStrings.xml' 'xl/worksheets/*.xml' >"$MMS_TMP/anon.xlsx.txt"
sql "SELECT full_name FROM teacher" >"$MMS_TMP/names"
checks=$((checks + 1))
[ "$(wc -l <"$MMS_TMP/names")" -eq 4 ] || fail "the fixture's teachers"
sql "SELECT DISTINCT code FROM participant UNION SELECT code FROM student_deficit" >"$MMS_TMP/codes"
for f in anon.txt anon.json anon.html anon.xlsx.txt; do
	while IFS= read -r name; do
		lacks "$MMS_TMP/$f" "$name"
		lacks "$MMS_TMP/$f" "${name%% *}"
	done <"$MMS_TMP/names"
	while IFS= read -r code; do
		lacks "$MMS_TMP/$f" "$code"
	done <"$MMS_TMP/codes"
done
contains "$MMS_TMP/anon.txt" "< 10"
contains "$MMS_TMP/anon.json" '"hypotheses": "< 10"'
contains "$MMS_TMP/anon.json" '"items": []'
contains "$MMS_TMP/anon.html" "&lt; 10"
contains "$MMS_TMP/anon.xlsx.txt" "&lt; 10"
# a school of 8 students: its results are not shown either
contains "$MMS_TMP/anon.json" '"edu2": {"n": "< 10", "success": null, "deficit": false}'
# the anonymous runs are recorded: the indicator "summary published"
checks=$((checks + 1))
[ "$(sql 'SELECT count(*) FROM report_run WHERE anonymous = 1')" -eq 4 ] || fail "report runs"
run report --format json
expect_out '"key": "summary_published", "seed": '
checks=$((checks + 1))
# a summary written proves no publication: "no data", the summaries made are counted
grep -o '"key": "summary_published"[^}]*' <<<"$out" | grep -q '"met": null, "value": 4' ||
	fail "summary published: $(grep -o '"key": "summary_published"[^}]*' <<<"$out")"

# HTML: one well-formed self-contained file with its charts.
run report --format html -o "$MMS_TMP/r.html"
expect_rc 0
# one figure, one count: the card says what the chain's first stage says
contains "$MMS_TMP/r.html" '<div class="card"><b>4</b>students&#39; deficits (class × skill)'
checks=$((checks + 1))
grep -qE 'text-anchor="end">students&#39; deficits \(class × skill\)</text><rect [^>]*/><text [^>]*>4<' "$MMS_TMP/r.html" ||
	fail "the funnel's first stage is not the card's 4"
# the heat map names the schools and colours each cell by its verdict against
# the skill's own thresholds, never by one 0–100 % scale
contains "$MMS_TMP/r.html" 'font-weight="normal">Школа №1</text>'
contains "$MMS_TMP/r.html" '>uncertainty zone</text>'
checks=$((checks + 1))
bad=$(grep -o '<rect [^>]*fill="#[0-9a-f]*"' "$MMS_TMP/r.html" | grep -o 'fill="#[0-9a-f]*"' | sort -u |
	grep -v -e '#dddddd' -e '#91cf60' -e '#fee08b' -e '#e8604c' -e '#eeeeee' -e '#ffffff')
[ -z "$(printf '%s\n' "$bad" | grep -E 'fill="#(d7|fe|1a)' | grep -v -e fee08b)" ] ||
	fail "a heat-map colour outside the verdicts' palette: $bad"
for f in r.html anon.html; do
	checks=$((checks + 1))
	xmllint --noout "$MMS_TMP/$f" 2>"$MMS_TMP/xml.err" ||
		fail "$f is not well-formed: $(head -5 "$MMS_TMP/xml.err")"
	checks=$((checks + 1))
	# libxml2's HTML parser knows HTML 4: it calls the HTML5 and SVG tags invalid
	xmllint --html --noout "$MMS_TMP/$f" 2>&1 | grep -v 'Tag [a-z]* invalid' |
		grep -A2 'error' >"$MMS_TMP/html.err"
	[ ! -s "$MMS_TMP/html.err" ] || fail "$f: $(head -5 "$MMS_TMP/html.err")"
	checks=$((checks + 1))
	if grep -qiE '<script|<link|<img|@import|url\(|src=' "$MMS_TMP/$f"; then
		fail "$f is not self-contained"
	fi
	contains "$MMS_TMP/$f" "@page"
done
checks=$((checks + 1))
n=$(grep -o '<svg' "$MMS_TMP/r.html" | wc -l)
[ "$n" -eq 6 ] || fail "r.html: 6 charts expected (2 heat maps, deficits, funnel, coverage, follow-up), got $n"
contains "$MMS_TMP/r.html" "Иванова Анна Петровна"
# text is escaped: a name with markup in it
sql "UPDATE teacher SET full_name = 'Иванова <b>&amp;</b>' WHERE id = 1"
run report --format html -o "$MMS_TMP/esc.html"
expect_rc 0
contains "$MMS_TMP/esc.html" "Иванова &lt;b&gt;&amp;amp;&lt;/b&gt;"
checks=$((checks + 1))
xmllint --noout "$MMS_TMP/esc.html" 2>/dev/null || fail "esc.html is not well-formed"
sql "UPDATE teacher SET full_name = 'Иванова Анна Петровна' WHERE id = 1"

# Excel: a sheet a section.
run report --format xlsx -o "$MMS_TMP/r.xlsx"
expect_rc 0
workbook_ok "$MMS_TMP/r.xlsx" "the report"
LC_ALL=ru_RU.UTF-8 run report --format xlsx -o "$MMS_TMP/r-ru.xlsx"
expect_rc 0 "the report in a Russian locale"
workbook_ok "$MMS_TMP/r-ru.xlsx" "the report written in a Russian locale"
checks=$((checks + 1))
sheets=$(unzip -p "$MMS_TMP/r.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | tr '\n' ' ')
[ "$sheets" = "results deficits marks signs chain coverage competencies indicators follow-up " ] ||
	fail "xlsx sheets: $sheets"
contains <(unzip -p "$MMS_TMP/r.xlsx" xl/sharedStrings.xml) "Иванова Анна Петровна"

# Errors.
run report --format xlsx
expect_rc 64
expect_err "--format xlsx needs -o FILE"
run report --format pdf
expect_rc 64
expect_err "unknown format 'pdf'"
run report --school edu9
expect_rc 65
expect_err "mms: report: no school with code 'edu9'"
run report --assessment nope
expect_rc 65
expect_err "no assessment 'nope'"
run report -o /nonexistent/dir/r.html --format html
expect_rc 74
expect_err "cannot write '/nonexistent/dir/r.html'"
before=$(sql 'SELECT count(*) FROM report_run')
if [ -w /dev/full ]; then
	"$MMS" report >/dev/full 2>"$MMS_TMP/stderr"
	rc=$? out= err=$(cat "$MMS_TMP/stderr")
	expect_rc 74 "mms report >/dev/full"
	expect_err "mms: report: cannot write the output"
fi
run --db "$MMS_TMP/none.db" report
expect_rc 66
checks=$((checks + 1))
[ "$(sql 'SELECT count(*) FROM report_run')" -eq "$before" ] || fail "a failed report is recorded"

# The demo district: the follow-up of two teachers' needs, their next classes
# one improved and one not.
if [ -n "${MMS_GEN:-}" ] && [ -x "$MMS_GEN" ]; then
	export MMS_DB="$MMS_TMP/demo.db"
	d="$MMS_TMP/district"
	"$MMS_GEN" --out "$d" >/dev/null || fail "mms-gen-district"
	run init --quiet
	run import-roster "$d/roster.csv"
	expect_rc 0
	while IFS=$'\t' read -r id kind subject grade date spec res codes; do
		case $id in '#'* | '') continue ;; esac
		run import-spec --assessment "$id" --kind "$kind" --grade "$grade" --subject "$subject" \
			--date "$date" --codes "$codes" "$d/$spec"
		expect_rc 0 "import-spec $id"
		files=()
		for f in "$d/$res"/*.csv; do
			case ${f##*/} in plain-*) ;; *) files+=("$f") ;; esac
		done
		run import-results --assessment "$id" "${files[@]}"
		expect_rc 0 "import-results $id"
		for f in "$d/$res"/plain-*.csv; do
			[ -e "$f" ] || continue
			code=${f##*/plain-}
			run import-results --assessment "$id" --school "${code%.csv}" "$f"
		done
	done <"$d/assessments.tsv"
	run classify-deficits
	expect_rc 0
	run map-to-teacher
	expect_rc 0
	# Павлова's next fifth graders recover on 2.1; Козлова's are below on 4.1 again
	for a in "Павлова Галина Ивановна|edu249004|2.1|1" "Козлова Марина Владимировна|edu249006|4.1|2"; do
		IFS='|' read -r who school skill prio <<<"$a"
		run observe --teacher "$who" --school "$school" --skill "$skill" --subject Математика \
			--confirm --date 2026-05-14
		expect_rc 0 "observe $who"
		run interview --teacher "$who" --school "$school" --skill "$skill" --subject Математика \
			--accept --priority "$prio"
		expect_rc 0 "interview $who"
	done
	MMS_TODAY=2026-05-25 run build-iop
	expect_rc 0
	# items only planned never happened: nothing is measured (a defect once
	# called most of them "improved")
	run report --format json
	expect_rc 0
	checks=$((checks + 1))
	! grep -q '"verdict": "improved"' <<<"$out" || fail "a planned item was measured"
	expect_out '"counts": {"improved": 0, "no-change": 0, "worse": 0, "too-little-data": 0}'
	# in progress: counted apart, not measured
	for a in "Павлова Галина Ивановна|edu249004|2.1" "Козлова Марина Владимировна|edu249006|4.1"; do
		IFS='|' read -r who school skill <<<"$a"
		MMS_TODAY=2026-10-01 run iop set-status --teacher "$who" --school "$school" \
			--skill "$skill" --subject Математика in-progress
		expect_rc 0 "in-progress $who"
	done
	run report --format json
	expect_out '"in_progress": 2'
	# done in December: the spring's assessment is after
	for a in "Павлова Галина Ивановна|edu249004|2.1" "Козлова Марина Владимировна|edu249006|4.1"; do
		IFS='|' read -r who school skill <<<"$a"
		MMS_TODAY=2026-12-20 run iop set-status --teacher "$who" --school "$school" \
			--skill "$skill" --subject Математика done
		expect_rc 0 "done $who"
	done
	run report --format json
	expect_rc 0
	expect_out '"done": "2026-12-20"'
	printf '%s\n' "$out" >"$MMS_TMP/demo.json"
	checks=$((checks + 1))
	verdicts=$(grep -o '"teacher": "[^"]*"\|"verdict": "[^"]*"' "$MMS_TMP/demo.json" | cut -d'"' -f4 | paste -sd' ')
	[ "$verdicts" = "Козлова Марина Владимировна no-change Павлова Галина Ивановна improved" ] ||
		fail "demo follow-up: $verdicts"
	run report --anonymous --format html -o "$MMS_TMP/demo-anon.html"
	expect_rc 0
	sql "SELECT full_name FROM teacher" >"$MMS_TMP/names"
	sql "SELECT DISTINCT code FROM participant" >"$MMS_TMP/codes"
	checks=$((checks + 1))
	bad=$( (grep -owF -f "$MMS_TMP/names" "$MMS_TMP/demo-anon.html"; grep -owF -f "$MMS_TMP/codes" "$MMS_TMP/demo-anon.html") | head -3)
	[ -z "$bad" ] || fail "the demo's anonymous report names: $bad"
fi


# a report never waits for a writer: an import holding the write lock does not
# delay it (its run is then not recorded, and the report does not fail)
hold_lock 4
before=$(date +%s%N)
run report --format json
took=$((($(date +%s%N) - before) / 1000000))
wait $holder
expect_rc 0 "a report during a write"
expect_out '"funnel"'
checks=$((checks + 1))
[ "$took" -lt 3000 ] || fail "the report waited for the writer: $took ms"

finish
