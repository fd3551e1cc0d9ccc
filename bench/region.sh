#!/usr/bin/env bash
# The region benchmark: the whole chain of mms on an invented region
# (≈150 000 students, 5 assessments of 24 tasks, ≈3.6 million scores in
# ≈2 500 ФИС ОКО files), each step's time and peak memory printed next to
# its baseline, run side by side on the same machine:
#   import   against  sqlite3's .import of the same scores as a 3-column CSV
#   classify against  sqlite3 running one GROUP BY over those 3.6 million rows
#   the whole chain against the import baseline.
# Goals: import ≤ 1.0 ×, classify ≤ 1.5 ×, the chain < 3 ×, peak ≤ 200 MiB.
#
# Usage: bench/region.sh [DIR]     (DIR: where to put the data, default /tmp/mms-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
dir=${1:-/tmp/mms-bench}

bash scripts/deps.sh time >&2
build=$src/build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DMMS_SANITIZE=OFF -DMMS_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
mms=$build/mms

mkdir -p "$dir"
if [ ! -f "$dir/data/scores.csv" ]; then
	echo "generating the region in $dir/data …" >&2
	"$build/mms-gen-district" --region --out "$dir/data" >&2
fi
data=$dir/data
export MMS_DB=$dir/region.db
rm -f "$dir"/region.db* "$dir"/base.db*

# measure NAME COMMAND…: runs it, records seconds and peak resident memory (MiB)
declare -A secs mib
measure() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" >/dev/null
	read -r s kb <"$dir/time.txt"
	secs[$name]=$s
	mib[$name]=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
	echo "  $name: $s s, ${mib[$name]} MiB" >&2
}

echo "baselines (sqlite3 $(sqlite3 --version | cut -d' ' -f1)) …" >&2
sqlite3 "$dir/base.db" "CREATE TABLE score(participant TEXT, task TEXT, score REAL)"
measure base_import sqlite3 "$dir/base.db" ".mode csv" ".import $data/scores.csv score"
measure base_groupby sqlite3 "$dir/base.db" \
	"SELECT task, count(*), sum(score) FROM score GROUP BY task"

echo "mms …" >&2
"$mms" init -q
"$mms" import-roster -q "$data/roster.csv"
assessments=()
while IFS=$'\t' read -r id kind subject grade date spec results codes; do
	case $id in '#'*) continue ;; esac
	"$mms" import-spec -q --assessment "$id" --kind "$kind" --subject "$subject" \
		--grade "$grade" --date "$date" --codes "$codes" "$data/$spec"
	assessments+=("$id:$data/$results")
done <"$data/assessments.tsv"

import_all() {
	for a in "${assessments[@]}"; do
		"$mms" import-results -q --assessment "${a%%:*}" "${a#*:}"/*.csv || return
	done
}
export -f import_all
export mms
measure import bash -c "$(declare -p assessments); $(declare -f import_all); import_all"
measure classify "$mms" classify-deficits -q
measure map "$mms" map-to-teacher -q

# The interviews a district would hold: the first 200 hypotheses confirmed and accepted.
sqlite3 -separator $'\t' "$MMS_DB" "SELECT t.full_name, s.code, k.code FROM hypothesis h
	JOIN teacher t ON t.id = h.teacher_id JOIN school s ON s.id = t.school_id
	JOIN skill k ON k.id = h.skill_id WHERE h.supported = 1 GROUP BY h.teacher_id, h.skill_id
	ORDER BY h.id LIMIT 200" |
	while IFS=$'\t' read -r teacher school skill; do
		"$mms" observe -q --teacher "$teacher" --school "$school" --skill "$skill" --confirm
		"$mms" interview -q --teacher "$teacher" --school "$school" --skill "$skill" --accept
	done

steps=(import classify map)
optional() { # optional NAME COMMAND…: measured when the subcommand exists
	if "$mms" help "$2" >/dev/null 2>&1; then
		measure "$1" "$mms" "${@:2}"
		steps+=("$1")
	fi
}
optional programmes build-iop -o "$dir/iop.html" --format html
optional order order-training --format csv -o "$dir/order.csv"
optional report report --format html -o "$dir/report.html"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
chain=0
peak=0
for s in "${steps[@]}"; do
	chain=$(awk -v a="$chain" -v b="${secs[$s]}" 'BEGIN { print a + b }')
	peak=$(awk -v a="$peak" -v b="${mib[$s]}" 'BEGIN { print (b > a ? b : a) }')
done
participants=$(sqlite3 "$MMS_DB" "SELECT count(*) FROM participant")
scores=$(wc -l <"$data/scores.csv")
files=$(find "$data/results" -name '*.csv' | wc -l)

printf '\nRegion: %s participants, %s scores, %s files\n\n' "$participants" "$scores" "$files"
printf '| step | mms, s | peak, MiB | baseline | baseline, s | ratio | goal |\n'
printf '|---|---:|---:|---|---:|---:|---|\n'
printf '| import | %s | %s | sqlite3 .import | %s | %s | ≤ 1.0 |\n' "${secs[import]}" \
	"${mib[import]}" "${secs[base_import]}" "$(ratio "${secs[import]}" "${secs[base_import]}")"
printf '| classify | %s | %s | sqlite3 GROUP BY | %s | %s | ≤ 1.5 |\n' "${secs[classify]}" \
	"${mib[classify]}" "${secs[base_groupby]}" \
	"$(ratio "${secs[classify]}" "${secs[base_groupby]}")"
for s in "${steps[@]:2}"; do
	printf '| %s | %s | %s | | | | |\n' "$s" "${secs[$s]}" "${mib[$s]}"
done
printf '| whole chain | %s | %s | sqlite3 .import | %s | %s | < 3 |\n' "$chain" "$peak" \
	"${secs[base_import]}" "$(ratio "$chain" "${secs[base_import]}")"
printf '\npeak memory goal: ≤ 200 MiB; machine: %s cores, %s\n' "$(nproc)" \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
