#!/usr/bin/env bash
# Two builds of mms side by side on the benchmark's region (1 ×): each runs
# the import, classify-deficits, map-to-teacher and report on a fresh database,
# the two in turn ROUNDS times on the same machine, so that a change's effect
# shows apart from the machine's noise.  Prints each run's seconds, then each
# step's range per build and the ratio of the medians (after ÷ before).
#
# Usage: bench/compare.sh BEFORE AFTER [ROUNDS [DIR]]
#   BEFORE, AFTER  two mms binaries (for instance a Release build of an older
#                  commit in a git worktree, and build-bench/mms)
#   ROUNDS         how many times each runs (default 3)
#   DIR            where the region is, as bench/region.sh writes it
#                  (default /tmp/mms-bench; generated when missing)
set -euo pipefail
if [ $# -lt 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
	sed -n '/^# Usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 64
fi
# the binaries as given from here, before the script goes to the source tree
before=$(realpath "$1") after=$(realpath "$2") rounds=${3:-3} dir=${4:-/tmp/mms-bench}
cd "$(dirname "$0")/.."
. bench/lib.sh
case $rounds in '' | *[!0-9]* | 0) echo "bench/compare.sh: ROUNDS is a positive number" >&2; exit 64 ;; esac
data=$dir/data
if [ ! -f "$data/assessments.tsv" ]; then
	gen=$(dirname "$after")/mms-gen-district
	[ -x "$gen" ] || { echo "bench/compare.sh: no $data and no $gen to write it" >&2; exit 66; }
	"$gen" --region --out "$data" >&2
fi

# seconds COMMAND…: runs it, prints its wall-clock seconds
seconds() {
	local t0=$EPOCHREALTIME
	"$@" >/dev/null
	awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'
}

results=$dir/compare.txt
: >"$results"
for ((r = 1; r <= rounds; r++)); do
	for which in before after; do
		m=${!which}
		export MMS_DB=$dir/compare.db
		region_db "$m" "$data"
		t0=$EPOCHREALTIME
		for a in "${assessments[@]}"; do
			"$m" import-results -q --assessment "${a%%:*}" "${a#*:}"/*.csv
		done
		imp=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
		cls=$(seconds "$m" classify-deficits -q)
		map=$(seconds "$m" map-to-teacher -q)
		rep=$(seconds "$m" report --format html -o "$dir/compare.html")
		printf '%s import %s classify %s map %s report %s\n' "$which" "$imp" "$cls" "$map" \
			"$rep" | tee -a "$results" >&2
	done
done

printf '\n| step | before, s | after, s | after ÷ before (medians) |\n|---|---:|---:|---:|\n'
for step in import classify map report; do
	awk -v step="$step" '
	function median(v, n,   i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	{ for (i = 2; i < NF; i += 2) if ($i == step) { if ($1 == "before") b[++nb] = $(i + 1); else a[++na] = $(i + 1) } }
	END {
		mb = median(b, nb); ma = median(a, na)
		lob = b[1]; hib = b[nb]; loa = a[1]; hia = a[na]
		printf "| %s | %.2f – %.2f | %.2f – %.2f | %.2f |\n", step, lob, hib, loa, hia, (mb > 0 ? ma / mb : 0)
	}' "$results"
done
printf '\nmachine: %s cores, %s\n' "$(nproc)" \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
