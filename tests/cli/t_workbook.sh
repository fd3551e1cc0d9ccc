#!/usr/bin/env bash
# The whole chain on the district of mms-gen-district --xlsx (the same tables
# as Excel workbooks: scores as numbers, dates as dates, a sheet of notes
# before the roster's, the plain tables after one) ends where the chain on
# the CSV district of the same seed ends: the same schools, teachers,
# participants, scores, deficits, hypotheses and mentors.
. "$MMS_SRC/tests/cli/lib.sh"

seed=11
csv="$MMS_TMP/csv"
xlsx="$MMS_TMP/xlsx"
"$MMS_GEN" --seed $seed --out "$csv" >/dev/null || fail "mms-gen-district"
"$MMS_GEN" --seed $seed --xlsx --out "$xlsx" >/dev/null || fail "mms-gen-district --xlsx"

# chain DIR EXT DB: init, the roster, the descriptions, every results file,
# classify-deficits, map-to-teacher and the search for mentors
chain() {
	local d=$1 ext=$2 what
	export MMS_DB=$3
	what="${ext} district"
	run init --quiet
	expect_rc 0 "$what: init"
	run import-roster --quiet "$d/roster.$ext"
	expect_rc 0 "$what: import-roster"
	expect_no_err
	while IFS=$'\t' read -r id kind subject grade date spec res codes; do
		case $id in '#'* | '') continue ;; esac
		expect_same "$spec" "spec/$id.$ext" "$what: assessments.tsv names spec/$id.$ext"
		run import-spec --quiet --assessment "$id" --kind "$kind" --grade "$grade" \
			--subject "$subject" --date "$date" --codes "$codes" "$d/$spec"
		expect_rc 0 "$what: import-spec $id"
		expect_no_err
		files=()
		for f in "$d/$res"/edu*."$ext"; do files+=("$f"); done
		expect_same "${#files[@]}" 14 "$what: $id has 14 ФИС ОКО files"
		run import-results --quiet --assessment "$id" "${files[@]}"
		expect_rc 0 "$what: import-results $id"
		expect_no_err
		for f in "$d/$res"/plain-*."$ext"; do
			code=${f##*/plain-}
			run import-results --quiet --assessment "$id" --school "${code%."$ext"}" "$f"
			expect_rc 0 "$what: import-results $f"
			expect_no_err
		done
	done <"$d/assessments.tsv"
	run classify-deficits --quiet
	expect_rc 0 "$what: classify-deficits"
	run map-to-teacher --quiet
	expect_rc 0 "$what: map-to-teacher"
	run resource find-mentors --quiet
	expect_rc 0 "$what: find-mentors"
}

chain "$csv" csv "$MMS_TMP/csv.db"
chain "$xlsx" xlsx "$MMS_TMP/xlsx.db"

# the workbooks were read as workbooks
expect_same "$(sqlite3 "$MMS_TMP/xlsx.db" "SELECT count(*) FROM import_log
	WHERE file <> '' AND file NOT LIKE '%.xlsx'")" 0 "every import of the xlsx district read a workbook"
expect_same "$(sqlite3 "$MMS_TMP/xlsx.db" "SELECT count(*) FROM import_log")" \
	"$(sqlite3 "$MMS_TMP/csv.db" "SELECT count(*) FROM import_log")" "as many imports"

# figures: the same counts in both databases
for table in school teacher class teaching subject assessment task task_skill skill \
	participant score deficit_result teacher_result hypothesis hypothesis_class \
	mentor_evidence; do
	a=$(sqlite3 "$MMS_TMP/csv.db" "SELECT count(*) FROM $table")
	b=$(sqlite3 "$MMS_TMP/xlsx.db" "SELECT count(*) FROM $table")
	expect_same "$b" "$a" "$table: $b rows from the workbooks, $a from the CSV files"
done
checks=$((checks + 1))
[ "$(sqlite3 "$MMS_TMP/xlsx.db" "SELECT count(*) FROM hypothesis WHERE supported = 1")" -ge 10 ] ||
	fail "fewer than 10 supported hypotheses: the comparison would prove little"

# dumps, sorted, by codes and names (not by row ids)
queries=(
	"school|SELECT code, name FROM school"
	"teacher|SELECT s.code, t.full_name, t.birth_year, t.experience FROM teacher t
		JOIN school s ON s.id = t.school_id"
	"teaching|SELECT s.code, t.full_name, j.name, c.label, g.year FROM teaching g
		JOIN teacher t ON t.id = g.teacher_id JOIN school s ON s.id = t.school_id
		JOIN subject j ON j.id = g.subject_id JOIN class c ON c.id = g.class_id"
	"assessment|SELECT a.code, a.kind, j.name, a.grade, a.date FROM assessment a
		JOIN subject j ON j.id = a.subject_id"
	"skill|SELECT j.name, k.code, k.text, k.kind, k.kind_text FROM skill k
		JOIN subject j ON j.id = k.subject_id"
	"task|SELECT a.code, t.label, t.position, t.max_score, t.level,
		(SELECT group_concat(code, ',') FROM (SELECT k.code FROM task_skill ts
		JOIN skill k ON k.id = ts.skill_id WHERE ts.task_id = t.id ORDER BY k.code))
		FROM task t JOIN assessment a ON a.id = t.assessment_id"
	"participant|SELECT a.code, s.code, c.label, p.code, coalesce(p.variant, ''), p.absent
		FROM participant p JOIN assessment a ON a.id = p.assessment_id
		JOIN school s ON s.id = p.school_id LEFT JOIN class c ON c.id = p.class_id"
	"score|SELECT a.code, s.code, p.code, t.label, x.score, x.attempted FROM score x
		JOIN participant p ON p.id = x.participant_id JOIN task t ON t.id = x.task_id
		JOIN assessment a ON a.id = p.assessment_id JOIN school s ON s.id = p.school_id"
	"deficit_result|SELECT a.code, r.level, coalesce(s.code, ''), coalesce(c.label, ''),
		j.name, k.code, r.n, r.points, r.possible, printf('%.9f', r.success), r.verdict,
		r.deficit, coalesce(r.spread, ''), coalesce(r.persistence, '')
		FROM deficit_result r JOIN deficit_run u ON u.id = r.run_id
		JOIN assessment a ON a.id = u.assessment_id JOIN skill k ON k.id = r.skill_id
		JOIN subject j ON j.id = k.subject_id LEFT JOIN school s ON s.id = r.school_id
		LEFT JOIN class c ON c.id = r.class_id"
	"hypothesis|SELECT a.code, s.code, t.full_name, j.name, k.code, h.n,
		printf('%.9f', h.success), h.rest_n, printf('%.9f', h.rest_success),
		printf('%.9g', h.p_value), printf('%.9g', h.q_value), h.supported, h.spread,
		h.sole_teacher, h.same_teacher_earlier, h.cohort_earlier
		FROM hypothesis h JOIN teacher t ON t.id = h.teacher_id
		JOIN school s ON s.id = t.school_id JOIN skill k ON k.id = h.skill_id
		JOIN subject j ON j.id = k.subject_id JOIN assessment a ON a.id = h.assessment_id"
	"mentor|SELECT a.code, t.full_name, j.name, k.code, e.n, printf('%.9f', e.success)
		FROM mentor_evidence e JOIN resource r ON r.id = e.resource_id
		JOIN teacher t ON t.id = r.teacher_id JOIN skill k ON k.id = e.skill_id
		JOIN subject j ON j.id = k.subject_id JOIN assessment a ON a.id = e.assessment_id"
)
for q in "${queries[@]}"; do
	name=${q%%|*}
	sqlite3 -separator $'\t' "$MMS_TMP/csv.db" "${q#*|}" | LC_ALL=C sort >"$MMS_TMP/$name.csv.txt"
	sqlite3 -separator $'\t' "$MMS_TMP/xlsx.db" "${q#*|}" | LC_ALL=C sort >"$MMS_TMP/$name.xlsx.txt"
	checks=$((checks + 1))
	[ -s "$MMS_TMP/$name.csv.txt" ] || fail "$name: the CSV district's dump is empty"
	checks=$((checks + 1))
	if ! diff "$MMS_TMP/$name.csv.txt" "$MMS_TMP/$name.xlsx.txt" >"$MMS_TMP/$name.diff"; then
		fail "$name: the workbooks give another database than the CSV files:
$(head -10 "$MMS_TMP/$name.diff")"
	fi
done

# half points are numbers in the workbooks, and are read as such
expect_same "$(sqlite3 "$MMS_TMP/xlsx.db" "SELECT count(*) > 0 FROM score
	WHERE score - CAST(score AS INTEGER) = 0.5")" 1 "half points read from the workbooks"

# the roster's sheet is found by its header, or named
export MMS_DB="$MMS_TMP/xlsx.db"
run import-roster --sheet Кадры "$xlsx/roster.xlsx"
expect_rc 0 "import-roster --sheet Кадры"
expect_out "115 teachers (0 new)"
run import-roster --sheet Справка "$xlsx/roster.xlsx"
checks=$((checks + 1))
[ "$rc" -ne 0 ] || fail "the sheet of notes is not a roster"

finish
