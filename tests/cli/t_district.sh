#!/usr/bin/env bash
# The chain on the invented district of mms-gen-district: every truth it
# planted (its README.txt, lines "truth;…") is found by classify-deficits and
# map-to-teacher, with the right spread and the right teacher.
. "$MMS_SRC/tests/cli/lib.sh"

d="$MMS_TMP/district"
"$MMS_GEN" --out "$d" >/dev/null || fail "mms-gen-district"
run init --quiet
run import-roster --quiet "$d/roster.csv"
expect_rc 0 "roster"
while IFS=$'\t' read -r id kind subject grade date spec res; do
	case $id in '#'* | '') continue ;; esac
	run import-spec --quiet --assessment "$id" --kind "$kind" --grade "$grade" \
		--subject "$subject" --date "$date" "$d/$spec"
	expect_rc 0 "import-spec $id"
	files=()
	for f in "$d/$res"/edu*.csv; do files+=("$f"); done
	run import-results --quiet --assessment "$id" "${files[@]}"
	expect_rc 0 "import-results $id"
	for f in "$d/$res"/plain-*.csv; do
		code=${f##*/plain-}
		run import-results --quiet --assessment "$id" --school "${code%.csv}" "$f"
		expect_rc 0 "import-results $f"
	done
done <"$d/assessments.tsv"

run classify-deficits --quiet
expect_rc 0 "classify"
expect_no_out
run map-to-teacher --quiet
expect_rc 0 "map"

# result ASSESSMENT LEVEL SCHOOL CLASS SKILL COLUMN: a column of the latest run's row
result() {
	sql "SELECT $6 FROM deficit_result r JOIN deficit_run u ON u.id = r.run_id
		JOIN assessment a ON a.id = u.assessment_id JOIN skill k ON k.id = r.skill_id
		LEFT JOIN school s ON s.id = r.school_id LEFT JOIN class c ON c.id = r.class_id
		WHERE a.code = '$1' AND r.level = '$2' AND k.code = '$5'
		AND coalesce(s.code, '') = '$3' AND coalesce(c.label, '') = '$4'
		AND u.id = (SELECT max(id) FROM deficit_run WHERE assessment_id = a.id)"
}

planted=0
while IFS=';' read -r tag assessment what school class skill _ observed _ n teacher; do
	[ "$tag" = truth ] || continue
	case $what in
	deficit-district)
		expect_same "$(result "$assessment" district '' '' "$skill" 'deficit || spread')" \
			"1district" "$assessment $skill: district-wide"
		;;
	deficit-school)
		expect_same "$(result "$assessment" school "$school" '' "$skill" 'deficit || spread')" \
			"1school" "$assessment $skill: school-wide in $school"
		;;
	deficit-class)
		expect_same "$(result "$assessment" class "$school" "$class" "$skill" 'deficit || spread')" \
			"1class" "$assessment $skill: class-specific in $school $class"
		expect_same "$(sql "SELECT count(*) FROM hypothesis h JOIN teacher t ON t.id = h.teacher_id
			JOIN skill k ON k.id = h.skill_id JOIN assessment a ON a.id = h.assessment_id
			WHERE t.full_name = '$teacher' AND k.code = '$skill' AND a.code = '$assessment'
			AND h.supported = 1")" 1 "$assessment $skill: a hypothesis about $teacher"
		;;
	no-verdict)
		expect_same "$(result "$assessment" class "$school" "$class" "$skill" verdict)" \
			insufficient_data "$assessment $skill: no verdict for $school $class (n=$n)"
		;;
	*) continue ;;
	esac
	planted=$((planted + 1))
done <"$d/README.txt"
expect_same "$((planted >= 8))" 1 "the district's README plants at least 8 truths ($planted)"

# No teacher is named for a district-wide or school-wide deficit.
expect_same "$(sql "SELECT count(*) FROM hypothesis h JOIN skill k ON k.id = h.skill_id
	WHERE k.code IN ('5.1', '1.3') AND h.supported = 1")" 0 "collective deficits attributed"
# The table for the deputy head lists them for the РМО and the ШМО.
run map-to-teacher
expect_out "РМО (Математика)"
expect_out "ШМО edu249004"

finish
