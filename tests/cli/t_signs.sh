#!/usr/bin/env bash
# Signs of non-objective results on the invented district with them planted
# (mms-gen-district --signs, DIR/signs.tsv): a class whose work was not its
# own (most tasks full, marks above the journal's) and a school whose works
# were marked up to a mark's lowest score.  The classification finds both;
# neither yields a mentor — and both would, were the signs not there; mms
# analyse names them.
. "$MMS_SRC/tests/cli/lib.sh"

d="$MMS_TMP/district"
"$MMS_GEN" --signs --out "$d" >/dev/null || fail "mms-gen-district --signs"
run init --quiet
run import-roster --quiet "$d/roster.csv"
expect_rc 0 "roster"
while IFS=$'\t' read -r id kind subject grade date spec res codes; do
	case $id in '#'* | '') continue ;; esac
	run import-spec --quiet --assessment "$id" --kind "$kind" --grade "$grade" \
		--subject "$subject" --date "$date" --codes "$codes" "$d/$spec"
	files=()
	for f in "$d/$res"/edu*.csv; do files+=("$f"); done
	run import-results --quiet --assessment "$id" "${files[@]}"
	expect_rc 0 "import-results $id"
	for f in "$d/$res"/plain-*.csv; do
		code=${f##*/plain-}
		run import-results --quiet --assessment "$id" --school "${code%.csv}" "$f"
	done
done <"$d/assessments.tsv"
run classify-deficits --quiet
expect_rc 0 "classify"
run resource find-mentors --quiet
expect_rc 0 "find-mentors"

# the data mentors whose evidence is assessment A at school S (and teacher T)
mentors() {
	sql "SELECT count(*) FROM mentor_evidence e JOIN resource r ON r.id = e.resource_id
		JOIN teacher t ON t.id = r.teacher_id JOIN school s ON s.id = t.school_id
		WHERE e.assessment_id = (SELECT id FROM assessment WHERE code = '$1')
		AND s.code = '$2' AND ('$3' = '' OR t.full_name = '$3')"
}

found=0
while IFS=$'\t' read -r sign assessment school klass teacher; do
	[ "$sign" = sign ] && continue
	found=$((found + 1))
	checks=$((checks + 1))
	[ "$(sql "SELECT count(*) FROM objectivity_sign g JOIN school s ON s.id = g.school_id
		LEFT JOIN class c ON c.id = g.class_id
		WHERE g.assessment_id = (SELECT id FROM assessment WHERE code = '$assessment')
		AND s.code = '$school' AND g.sign = '$sign' AND ('$klass' = '' OR c.label = '$klass')")" -ge 1 ] ||
		fail "the planted sign '$sign' of $school $klass was not found"
	checks=$((checks + 1))
	[ "$(mentors "$assessment" "$school" "$teacher")" = 0 ] ||
		fail "results in doubt ($sign, $school $klass) made a mentor"
	# mms analyse names it, for the school
	run analyse --assessment "$assessment" --school "$school" --format json
	expect_rc 0 "analyse $school"
	expect_out "\"sign\": \"$(case $sign in
		raised) echo "marks of the work above the journal's" ;;
		boundary) echo "a peak at a mark's lowest score" ;;
		esac)\""
done <"$d/signs.tsv"
checks=$((checks + 1))
[ "$found" = 2 ] || fail "signs.tsv holds $found signs, not 2"
# the classification's rows of those groups carry the mark, the others not
run classify-deficits --assessment vpr-2027-math-5 --level class --format json
expect_out '"in_doubt": true'
expect_out '"in_doubt": false'
LC_ALL=ru_RU.UTF-8 run classify-deficits --assessment vpr-2027-math-5 --level class
expect_out "(под сомнением)"

# without the signs the same results would have made mentors of both places
sql "DELETE FROM objectivity_sign"
run resource find-mentors --quiet
expect_rc 0 "find-mentors without the signs"
while IFS=$'\t' read -r sign assessment school klass teacher; do
	[ "$sign" = sign ] && continue
	checks=$((checks + 1))
	[ "$(mentors "$assessment" "$school" "$teacher")" -ge 1 ] ||
		fail "without its sign, $school ($sign) yields no mentor: the test shows nothing"
done <"$d/signs.tsv"

# The first assessment classified has its signs found by the connection that
# stores the runs, while the thread reading ahead reads its scores: with the
# earlier assessments' results gone, vpr-2027-math-5 (both signs) is the first
# of two; its signs are the same as when it is classified alone, in turn.
sql "DELETE FROM participant WHERE assessment_id IN (SELECT id FROM assessment
	WHERE code NOT IN ('vpr-2027-math-5', 'vpr-2027-math-6'))"
signs="SELECT a.code, s.code, g.class_id, g.sign, g.value, g.reference FROM objectivity_sign g
	JOIN assessment a ON a.id = g.assessment_id JOIN school s ON s.id = g.school_id
	ORDER BY 1, 2, 3, 4"
run classify-deficits --quiet
expect_rc 0 "classify the two assessments, the second read ahead"
ahead=$(sql "$signs")
checks=$((checks + 1))
[ "$(sql "SELECT count(DISTINCT g.sign) FROM objectivity_sign g JOIN assessment a
	ON a.id = g.assessment_id WHERE a.code = 'vpr-2027-math-5'")" = 2 ] ||
	fail "the first assessment's two signs were not found beside the reading ahead"
run classify-deficits --quiet --assessment vpr-2027-math-5
run classify-deficits --quiet --assessment vpr-2027-math-6
expect_same "$(sql "$signs")" "$ahead" "the signs of each assessment classified alone"

finish
