#!/usr/bin/env bash
# Teacher attribution on the invented rural district of mms-gen-district: for
# seeds 1..N, writes the district, runs the chain (import, classify-deficits,
# map-to-teacher, the search for mentors) and compares the supported
# hypotheses and the data mentors with what the generator planted
# (DIR/planted.tsv):
#   recall     planted teacher hypotheses found / planted
#   precision  supported hypotheses that were planted / all supported
#   flags      found with the planted spread, sole_teacher,
#              same_teacher_earlier and cohort_earlier
#   violations a teacher named for a skill planted as a school's or the
#              district's deficit (other than the district_teacher plant)
#   mentors    planted mentors proposed as a data mentor for that skill
# and, for comparison, a naive baseline: every teacher with a class below the
# threshold of the skill's level.  Goals: recall ≥ 0.95, precision ≥ 0.90.
#
# Usage: bench/attribution.sh [-n N] [-k DIR]
#   -n N     seeds 1..N (default 20)
#   -k DIR   keep the districts and databases in DIR (default: a temporary
#            directory, removed at the end)
# The binaries: $MMS (default build/mms) and mms-gen-district next to it
# ($MMS_GEN to choose another).  Needs bash, sqlite3 and awk.
set -euo pipefail
cd "$(dirname "$0")/.."

n=20
keep=
usage() {
	sed -n '/^# Usage:/,/^# The binaries/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 64
}
while getopts n:k:h o; do
	case $o in
	n) n=$OPTARG ;;
	k) keep=$OPTARG ;;
	*) usage ;;
	esac
done
case $n in '' | *[!0-9]*) usage ;; esac

mms=${MMS:-build/mms}
gen=${MMS_GEN:-$(dirname "$mms")/mms-gen-district}
for b in "$mms" "$gen"; do
	[ -x "$b" ] || {
		echo "attribution.sh: no executable '$b' (build first, or set MMS / MMS_GEN)" >&2
		exit 69
	}
done
command -v sqlite3 >/dev/null || {
	echo "attribution.sh: sqlite3 is needed" >&2
	exit 69
}

if [ -n "$keep" ]; then
	work=$keep
	mkdir -p "$work"
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
export LC_ALL=C.UTF-8

# chain DIR DB: the chain of scripts/demo.sh on the district in DIR
chain() {
	local d=$1 id kind subject grade date spec res f code files
	export MMS_DB=$2
	rm -f "$MMS_DB"
	"$mms" init -q
	"$mms" import-roster -q "$d/roster.csv"
	while IFS=$'\t' read -r id kind subject grade date spec res codes; do
		case $id in '#'* | '') continue ;; esac
		"$mms" import-spec -q --assessment "$id" --kind "$kind" --subject "$subject" \
			--grade "$grade" --date "$date" --codes "$codes" "$d/$spec"
		files=()
		for f in "$d/$res"/*.csv; do
			case ${f##*/} in plain-*) ;; *) files+=("$f") ;; esac
		done
		"$mms" import-results -q --assessment "$id" "${files[@]}"
		for f in "$d/$res"/plain-*.csv; do
			[ -e "$f" ] || continue
			code=${f##*/plain-}
			"$mms" import-results -q --assessment "$id" --school "${code%.csv}" "$f"
		done
	done <"$d/assessments.tsv"
	"$mms" classify-deficits -q
	"$mms" map-to-teacher -q
	# the data mentors: build-iop looks for them too (lib/iop/mentors.c)
	"$mms" resource find-mentors -q
}

q() { sqlite3 -separator $'\t' "$MMS_DB" "$1"; }

# what the database says, one file each: hypotheses, mentors, the baseline
extract() {
	local d=$1
	q "SELECT te.full_name, s.code, a.code, j.name, k.code, coalesce(h.spread, ''),
		coalesce(h.sole_teacher, ''), coalesce(h.same_teacher_earlier, ''),
		coalesce(h.cohort_earlier, '')
		FROM hypothesis h JOIN teacher te ON te.id = h.teacher_id
		JOIN school s ON s.id = te.school_id JOIN assessment a ON a.id = h.assessment_id
		JOIN skill k ON k.id = h.skill_id JOIN subject j ON j.id = k.subject_id
		WHERE h.supported = 1" >"$d/hyp.tsv"
	q "SELECT DISTINCT te.full_name, s.code, a.code, j.name, k.code
		FROM mentor_evidence e JOIN resource r ON r.id = e.resource_id AND r.origin = 'data'
		JOIN teacher te ON te.id = r.teacher_id JOIN school s ON s.id = te.school_id
		JOIN assessment a ON a.id = e.assessment_id JOIN skill k ON k.id = e.skill_id
		JOIN subject j ON j.id = k.subject_id" >"$d/mentor.tsv"
	# the naive baseline: the teacher of any class below the threshold
	q "SELECT DISTINCT te.full_name, s.code, a.code, j.name, k.code, '', '', '', ''
		FROM deficit_result d
		JOIN deficit_run u ON u.id = d.run_id
		  AND u.id = (SELECT max(id) FROM deficit_run WHERE assessment_id = u.assessment_id)
		JOIN assessment a ON a.id = u.assessment_id
		JOIN assessment_teacher t ON t.assessment_id = a.id AND t.class_id = d.class_id
		JOIN teacher te ON te.id = t.teacher_id JOIN school s ON s.id = te.school_id
		JOIN skill k ON k.id = d.skill_id JOIN subject j ON j.id = k.subject_id
		WHERE d.level = 'class' AND d.success < d.threshold
		  AND d.n >= (SELECT v.min_n FROM threshold_version v
		              WHERE v.id = u.threshold_version)" \
		>"$d/base.tsv" 2>/dev/null || : >"$d/base.tsv"
}

# score PLANTED HYP MENTOR: one line of counts
#   expected found flags supported true violations mentors_planted mentors_found
score() {
	awk -F'\t' '
	FNR == 1 { file++ }
	file == 1 && FNR > 1 {
		# kind assessment school teacher subject skill spread sole same cohort hypothesis
		key = $2 FS $3 FS $4 FS $5 FS $6
		if ($11 == 1) {
			expected++
			want[key] = $7 FS $8 FS $9 FS $10
		}
		if ($1 == "mentor") {
			mplanted++
			mentor[key] = 1
		}
		if ($1 == "school")
			school[$2 FS $3 FS $5 FS $6] = 1
		if ($1 == "district")
			district[$2 FS $5 FS $6] = 1
		next
	}
	file == 2 {
		# teacher school assessment subject skill spread sole same cohort
		key = $3 FS $2 FS $1 FS $4 FS $5
		if (seen[key]++)
			next
		supported++
		if (key in want) {
			truep++
			if (want[key] == $6 FS $7 FS $8 FS $9)
				flags++
		} else if (($3 FS $2 FS $4 FS $5) in school || ($3 FS $4 FS $5) in district) {
			violations++
		}
		next
	}
	file == 3 {
		key = $3 FS $2 FS $1 FS $4 FS $5
		if (key in mentor && !mfound[key]++)
			mentors++
	}
	END {
		printf "%d %d %d %d %d %d %d %d\n", expected, truep, flags, supported, truep,
		    violations, mplanted, mentors
	}' "$1" "$2" "$3"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else printf "-" }'; }

printf 'mms: %s; %s seeds\n\n' "$mms" "$n"
printf '%5s %9s %6s %7s %6s %10s %10s %5s %8s   %s\n' seed expected found recall flags \
	supported precision viol mentors "baseline (recall, precision)"
T=(0 0 0 0 0 0 0 0) B=(0 0 0 0 0 0 0 0)
failed=0
for seed in $(seq 1 "$n"); do
	d=$work/seed-$seed
	rm -rf "$d"
	mkdir -p "$d"
	"$gen" --seed "$seed" --out "$d/data" >/dev/null
	if ! chain "$d/data" "$d/mms.db" >"$d/chain.log" 2>&1; then
		printf '%5s  the chain failed: %s\n' "$seed" "$(tail -1 "$d/chain.log")"
		failed=$((failed + 1))
		continue
	fi
	extract "$d"
	read -r -a c <<<"$(score "$d/data/planted.tsv" "$d/hyp.tsv" "$d/mentor.tsv")"
	read -r -a b <<<"$(score "$d/data/planted.tsv" "$d/base.tsv" /dev/null)"
	for i in "${!c[@]}"; do
		T[i]=$((T[i] + c[i]))
		B[i]=$((B[i] + b[i]))
	done
	printf '%5s %9s %6s %7s %6s %10s %10s %5s %8s   %s %s\n' "$seed" "${c[0]}" "${c[1]}" \
		"$(ratio "${c[1]}" "${c[0]}")" "${c[2]}" "${c[3]}" "$(ratio "${c[4]}" "${c[3]}")" \
		"${c[5]}" "${c[7]}/${c[6]}" "$(ratio "${b[1]}" "${b[0]}")" \
		"$(ratio "${b[4]}" "${b[3]}")"
done

printf '\nTotal over %d seeds%s:\n' "$((n - failed))" \
	"$([ "$failed" -gt 0 ] && printf ' (%d failed)' "$failed")"
printf '  recall     %s (%d/%d planted teacher hypotheses found)\n' \
	"$(ratio "${T[1]}" "${T[0]}")" "${T[1]}" "${T[0]}"
printf '  precision  %s (%d/%d supported hypotheses were planted)\n' \
	"$(ratio "${T[4]}" "${T[3]}")" "${T[4]}" "${T[3]}"
printf '  flags      %s (%d/%d found with the planted spread and flags)\n' \
	"$(ratio "${T[2]}" "${T[1]}")" "${T[2]}" "${T[1]}"
printf '  violations %d (a teacher named for a school or district deficit)\n' "${T[5]}"
printf '  mentors    %s (%d/%d planted mentors proposed)\n' \
	"$(ratio "${T[7]}" "${T[6]}")" "${T[7]}" "${T[6]}"
printf '  baseline (a teacher for every class below the threshold): recall %s (%d/%d), precision %s (%d/%d), violations %d\n' \
	"$(ratio "${B[1]}" "${B[0]}")" "${B[1]}" "${B[0]}" "$(ratio "${B[4]}" "${B[3]}")" \
	"${B[4]}" "${B[3]}" "${B[5]}"
if [ -n "$keep" ]; then
	printf '  files: %s/seed-N (data/, mms.db, hyp.tsv, mentor.tsv, base.tsv)\n' "$work"
fi
