#!/usr/bin/env bash
# The .xlsx reader against the CSV path: one ФИС ОКО results workbook of about
# a million participant rows (24 tasks, ≈24 million scores, one sheet Лист1;
# mms-gen-district --big-workbook writes it in libxlsxwriter's constant_memory
# mode, strings inline; or, with --shared-strings, in the shared table as
# Excel writes them) and the same rows as a Windows-1251 CSV file, each
# imported by the Release mms (import-results) into a fresh database that
# already has the roster and the description.  Prints rows, seconds, rows/s
# and peak resident memory of both, and the ratios xlsx/CSV.
# Each import runs MMS_BENCH_RUNS times (default 3), CSV and xlsx in turn; the
# table keeps each one's fastest run.
# Goals: the xlsx import at least half the CSV path's rows per second
# (ratio ≥ 0.5), its peak memory within the CSV path's order of magnitude
# (ratio < 10).  Not run by CI.
#
# Usage: bench/workbook.sh [--shared-strings] [DIR [ROWS]]
#   DIR: where to put the data, default /tmp/mms-bench-workbook; ROWS: default
#   1000000; --shared-strings: the workbook's strings in the shared table, as
#   Excel writes them (the generator then needs ≈4 GB); MMS_BENCH_BUILD: the
#   build directory, default build-bench
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
gen_opts=()
strings=inline
if [ "${1:-}" = --shared-strings ]; then
	gen_opts=(--shared-strings)
	strings=shared
	shift
fi
dir=${1:-/tmp/mms-bench-workbook}
rows=${2:-1000000}

bash scripts/deps.sh time >&2
build=${MMS_BENCH_BUILD:-$src/build-bench}
case $build in /*) ;; *) build=$src/$build ;; esac
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DMMS_SANITIZE=OFF -DMMS_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
mms=$build/mms

data=$dir/data-$strings
mkdir -p "$dir"
if ! grep -qx "participants $rows" "$data/README.txt" 2>/dev/null || [ ! -f "$data/big.xlsx" ]; then
	echo "generating a workbook of $rows rows in $data …" >&2
	rm -rf "$data"
	/usr/bin/time -f '  written in %e s, peak %M KiB' \
		"$build/mms-gen-district" --big-workbook "$rows" ${gen_opts[@]+"${gen_opts[@]}"} \
		--out "$data" >&2
fi

# the assessment: assessments.tsv has one line
IFS=$'\t' read -r id kind subject grade date spec _ codes < <(grep -v '^#' "$data/assessments.tsv")

# measure NAME COMMAND…: runs it; keeps the fewest seconds and the most peak
# resident memory (MiB) of NAME's runs (a shared machine only ever slows a run)
declare -A secs mib
measure() {
	local name=$1 m
	shift
	/usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" >/dev/null
	read -r s kb <"$dir/time.txt"
	m=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
	echo "  $name: $s s, $m MiB" >&2
	if [ -z "${secs[$name]:-}" ] || awk -v a="$s" -v b="${secs[$name]}" 'BEGIN { exit !(a < b) }'; then
		secs[$name]=$s
	fi
	if [ -z "${mib[$name]:-}" ] || awk -v a="$m" -v b="${mib[$name]}" 'BEGIN { exit !(a > b) }'; then
		mib[$name]=$m
	fi
}

# fresh DB: a database with the roster and the description, and nothing else
fresh() {
	rm -f "$1" "$1"-wal "$1"-shm "$1"-journal
	MMS_DB=$1 "$mms" init -q
	MMS_DB=$1 "$mms" import-roster -q "$data/roster.csv"
	MMS_DB=$1 "$mms" import-spec -q --assessment "$id" --kind "$kind" --subject "$subject" \
		--grade "$grade" --date "$date" --codes "$codes" "$data/$spec"
}

# RUNS rounds, CSV and xlsx in turn, so that a busy moment slows both alike
declare -A participants scores
runs=${MMS_BENCH_RUNS:-3}
for ((round = 1; round <= runs; round++)); do
	for fmt in csv xlsx; do
		db=$dir/$fmt.db
		echo "import-results of big.$fmt (run $round of $runs) …" >&2
		fresh "$db"
		MMS_DB=$db measure "$fmt" "$mms" import-results -q --assessment "$id" "$data/big.$fmt"
		participants[$fmt]=$(sqlite3 "$db" "SELECT count(*) FROM participant")
		scores[$fmt]=$(sqlite3 "$db" "SELECT count(*) FROM score")
	done
done
if [ "${participants[csv]}" != "${participants[xlsx]}" ] || [ "${scores[csv]}" != "${scores[xlsx]}" ]; then
	echo "the databases differ: CSV ${participants[csv]} participants, ${scores[csv]} scores;" \
		"xlsx ${participants[xlsx]} participants, ${scores[xlsx]} scores" >&2
	exit 1
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
size() { du -m "$1" | cut -f1; }
n=${participants[csv]}
rc=$(rate "$n" "${secs[csv]}")
rx=$(rate "$n" "${secs[xlsx]}")

printf '\nOne ФИС ОКО results file: %s participant rows, %s scores; big.csv %s MB, big.xlsx %s MB (strings %s)\n\n' \
	"$n" "${scores[csv]}" "$(size "$data/big.csv")" "$(size "$data/big.xlsx")" "$strings"
printf '| input | rows | s | rows/s | peak, MiB |\n'
printf '|---|---:|---:|---:|---:|\n'
printf '| CSV | %s | %s | %s | %s |\n' "$n" "${secs[csv]}" "$rc" "${mib[csv]}"
printf '| xlsx | %s | %s | %s | %s |\n' "$n" "${secs[xlsx]}" "$rx" "${mib[xlsx]}"
printf '| xlsx / CSV | | %s | %s | %s |\n' "$(ratio "${secs[xlsx]}" "${secs[csv]}")" \
	"$(ratio "$rx" "$rc")" "$(ratio "${mib[xlsx]}" "${mib[csv]}")"
printf '\ngoals: xlsx rows/s ≥ 0.5 × CSV (%s); peak memory within the CSV path'"'"'s order of magnitude, < 10 × (%s)\n' \
	"$(awk -v a="$rx" -v b="$rc" 'BEGIN { print (a >= 0.5 * b ? "met" : "NOT met") }')" \
	"$(awk -v a="${mib[xlsx]}" -v b="${mib[csv]}" 'BEGIN { print (a < 10 * b ? "met" : "NOT met") }')"
printf 'machine: %s cores, %s\n' "$(nproc)" \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
