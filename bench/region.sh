#!/usr/bin/env bash
# The region benchmark: the whole chain of mms on an invented region
# (≈150 000 students, 5 assessments of 24 tasks, ≈3.6 million scores in
# 2 500 ФИС ОКО files, one per school and assessment, as schools send them),
# each step's time and peak memory printed next to its anchors, run side by
# side on the same machine:
#   import    against DuckDB loading the same scores from one long CSV (1 and
#             2 threads; from npm's @duckdb/node-api, when node and npm are
#             here) and sqlite3's .import of that CSV
#   classify  against DuckDB's and sqlite3's GROUP BY over those scores
# With --scale K the chain runs again on K times the region (K × 500 schools)
# and the table gets the K × ÷ 1 × column.  Each step runs R times (--repeat,
# default 3) on the database as the step before left it, and its best time is
# printed, as the anchors' are (the machine's neighbours only ever slow a run
# down); its peak memory is the largest of the runs.  At K × each step then
# runs R times more while a probe imports one school's file again and again, as
# cron would: the longest of those imports is printed (the wait behind the
# step's write lock), and the step's best time beside it.  The probe's imports
# take the lock and a core, and at 1 × there is none, so the K × ÷ 1 × column
# compares the runs alone.
# Goals (issue "Linear to ten regions"): import ≤ 1.0 × DuckDB's single-thread
# load; classify ≤ 0.4 s; the chain ≤ 2 s at 1 × and ≤ 20 s at 10 ×; each
# step at K × ≤ 1.1 K times its 1 × time; peak ≤ 128 MiB at 10 ×; the
# database ≤ 10 MB per million scores; the probe ≤ 1 s.  After the goals, what
# the 1 × database is made of: its tables and indexes of more than a twentieth.
#
# Usage: bench/region.sh [--scale K] [--repeat R] [DIR]
#   --scale K  run at 1 × and at K × the region (K from 2 to 20)
#   --repeat R run each step R times, the best time kept (1 to 9, default 3)
#   DIR        where to put the data and databases (default /tmp/mms-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
. bench/lib.sh
scale=1
repeat=3
while [ $# -gt 0 ]; do
	case $1 in
	--scale)
		scale=${2:-}
		shift 2 || true
		case $scale in [2-9] | 1[0-9] | 20) ;; *)
			echo "bench/region.sh: --scale takes a number from 2 to 20" >&2
			exit 64
			;;
		esac
		;;
	--repeat)
		repeat=${2:-}
		shift 2 || true
		case $repeat in [1-9]) ;; *)
			echo "bench/region.sh: --repeat takes a number from 1 to 9" >&2
			exit 64
			;;
		esac
		;;
	-h | --help)
		sed -n '/^# Usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "bench/region.sh: unknown option '$1'" >&2
		exit 64
		;;
	*)
		break
		;;
	esac
done
dir=${1:-/tmp/mms-bench}

bash scripts/deps.sh time >&2
build=$src/build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DMMS_SANITIZE=OFF -DMMS_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
mms=$build/mms
mkdir -p "$dir"

# measure NAME COMMAND…: runs it, records seconds (to the millisecond: time's
# hundredths made a step of 0.02 s at 1 × a ratio that moved by half with one)
# and peak resident memory (MiB)
declare -A secs mib
measure() {
	local name=$1 t0 kb s
	shift
	t0=$EPOCHREALTIME
	/usr/bin/time -f '%M' -o "$dir/time.txt" "$@" >/dev/null
	s=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
	read -r kb <"$dir/time.txt"
	secs[$name]=$s
	mib[$name]=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
	echo "  $name: $s s, ${mib[$name]} MiB" >&2
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }'; }
# below A B: whether A < B (decimals); an empty B is above everything
below() { [ -z "$2" ] || awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# data K: the region K times over, generated once
data() {
	local d=$dir/data
	[ "$1" = 1 ] || d=$dir/data-$1
	if [ ! -f "$d/scores.csv" ]; then
		echo "generating the region × $1 in $d …" >&2
		if [ "$1" = 1 ]; then
			"$build/mms-gen-district" --region --out "$d" >&2
		else
			"$build/mms-gen-district" --region --scale "$1" --out "$d" >&2
		fi
	fi
	echo "$d"
}

# The anchors, on the 1 × region's scores as one CSV (participant,task,score).
anchors() {
	local csv=$1/scores.csv
	echo "anchors: sqlite3 $(sqlite3 --version | cut -d' ' -f1) …" >&2
	rm -f "$dir/base.db"
	sqlite3 "$dir/base.db" "CREATE TABLE score(participant TEXT, task TEXT, score REAL)"
	measure sqlite_load sqlite3 "$dir/base.db" ".mode csv" ".import $csv score"
	measure sqlite_groupby sqlite3 "$dir/base.db" \
		"SELECT task, count(*), sum(score) FROM score GROUP BY task"
	duck=
	if command -v node >/dev/null && command -v npm >/dev/null; then
		local nd=$dir/duckdb
		if [ ! -d "$nd/node_modules/@duckdb/node-api" ]; then
			mkdir -p "$nd"
			(cd "$nd" && npm install --silent --no-audit --no-fund @duckdb/node-api >&2) ||
				true
		fi
		if [ -d "$nd/node_modules/@duckdb/node-api" ]; then
			cp "$src/bench/duckdb-anchor.mjs" "$nd/"
			for t in 1 2; do
				# the best of three: load seconds, GROUP BY seconds
				read -r l g < <(for _ in 1 2 3; do
					node "$nd/duckdb-anchor.mjs" "$csv" "$t"
				done | sort -n | sed -n 1p)
				secs[duck_load_$t]=$l
				secs[duck_groupby_$t]=$g
				echo "  DuckDB $t thread(s): load $l s, GROUP BY $g s" >&2
			done
			duck=$(cd "$nd" && node -e \
				'console.log(require("@duckdb/node-api/package.json").version)')
		fi
	fi
	[ -n "$duck" ] || echo "  DuckDB: skipped (no node and npm, or npm could not install it)" >&2
}

# probe DIR LOG: as cron would, imports one school's file of the region in DIR
# again and again (a fifth of a second apart) until killed, writing each
# import's seconds to LOG ("failed" for an import that did not get through);
# killed, it ends after the import under way, so that the database is at rest
probe() {
	local file t0
	file=$(find "$1/results/vpr-2026-math-4" -name '*.csv' | sort | sed -n 1p)
	trap 'exit 0' TERM
	while :; do
		t0=$EPOCHREALTIME
		if "$mms" import-results -q --assessment vpr-2026-math-4 "$file" >/dev/null 2>&1; then
			awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", b - a }' >>"$2"
		else
			echo failed >>"$2"
		fi
		sleep 0.2
	done
}

# db_keep, db_back: the database as a step found it, kept and put back, and
# on the disk before the step runs (a copy's pages left to write would be
# written by the step's first fsync of the file: at 10 ×, 350 MB)
db_keep() {
	rm -f "$MMS_DB.kept" "$MMS_DB.kept-wal"
	cp "$MMS_DB" "$MMS_DB.kept"
	[ ! -f "$MMS_DB-wal" ] || cp "$MMS_DB-wal" "$MMS_DB.kept-wal"
	sync "$MMS_DB.kept"*
}
db_back() {
	rm -f "$MMS_DB" "$MMS_DB-wal" "$MMS_DB-shm"
	cp "$MMS_DB.kept" "$MMS_DB"
	[ ! -f "$MMS_DB.kept-wal" ] || cp "$MMS_DB.kept-wal" "$MMS_DB-wal"
	sync "$MMS_DB"*
}

# chain K: the whole chain on the K × region; names its figures STEP@K
chain() {
	local k=$1 d a
	d=$(data "$k")
	export MMS_DB=$dir/region-$k.db
	echo "mms on the region × $k …" >&2
	region_db "$mms" "$d"
	step() { # step NAME COMMAND…: the best of R runs alone; at K > 1, R more beside the probe
		local name=$1 pid='' r t='' m='' tp='' runs=$repeat
		shift
		[ "$k" = 1 ] || { : >"$dir/probe-$name.txt"; runs=$((2 * repeat)); }
		[ "$runs" = 1 ] || db_keep
		for ((r = 1; r <= runs; r++)); do
			[ "$r" = 1 ] || db_back
			if [ "$r" -gt "$repeat" ]; then
				probe "$d" "$dir/probe-$name.txt" &
				pid=$!
				sleep 0.5
			fi
			measure "$name@$k" "$@"
			if [ -n "$pid" ]; then
				kill "$pid" 2>/dev/null || true
				wait "$pid" 2>/dev/null || true
				if below "${secs[$name@$k]}" "$tp"; then
					tp=${secs[$name@$k]}
				fi
			elif below "${secs[$name@$k]}" "$t"; then
				t=${secs[$name@$k]}
			fi
			if [ "$r" = 1 ] || ! below "${mib[$name@$k]}" "$m"; then
				m=${mib[$name@$k]}
			fi
		done
		secs[$name@$k]=$t
		mib[$name@$k]=$m
		rm -f "$MMS_DB.kept" "$MMS_DB.kept-wal"
		[ "$repeat" = 1 ] || echo "  $name: best of $repeat $t s, peak $m MiB" >&2
		if [ -n "$pid" ]; then
			secs[beside_$name]=$tp
			secs[probe_$name]=$(grep -v failed "$dir/probe-$name.txt" | sort -n | tail -1)
			if grep -q failed "$dir/probe-$name.txt"; then
				secs[probe_$name]="${secs[probe_$name]} ($(grep -c failed \
					"$dir/probe-$name.txt") failed)"
			fi
			echo "  beside the probe: best $tp s; the probe's longest import: ${secs[probe_$name]} s" >&2
		fi
	}
	import_all() {
		for a in "${assessments[@]}"; do
			"$mms" import-results -q --assessment "${a%%:*}" "${a#*:}"/*.csv || return
		done
	}
	export -f import_all
	export mms
	step import bash -c "$(declare -p assessments); $(declare -f import_all); import_all"
	step classify "$mms" classify-deficits -q
	step map "$mms" map-to-teacher -q
	# The interviews a district would hold: the first 200 hypotheses confirmed and accepted.
	sqlite3 -separator $'\t' "$MMS_DB" "SELECT t.full_name, s.code, k.code FROM hypothesis h
		JOIN teacher t ON t.id = h.teacher_id JOIN school s ON s.id = t.school_id
		JOIN skill k ON k.id = h.skill_id WHERE h.supported = 1
		GROUP BY h.teacher_id, h.skill_id ORDER BY h.id LIMIT 200" |
		while IFS=$'\t' read -r teacher school skill; do
			"$mms" observe -q --teacher "$teacher" --school "$school" --skill "$skill" --confirm
			"$mms" interview -q --teacher "$teacher" --school "$school" --skill "$skill" \
				--accept
		done
	step programmes "$mms" build-iop -o "$dir/iop-$k.html" --format html
	step order "$mms" order-training --format csv -o "$dir/order-$k.csv"
	step report "$mms" report --format html -o "$dir/report-$k.html"
	secs[chain@$k]=0
	mib[chain@$k]=0
	for s in "${steps[@]}"; do
		secs[chain@$k]=$(awk -v a="${secs[chain@$k]}" -v b="${secs[$s@$k]}" \
			'BEGIN { print a + b }')
		mib[chain@$k]=$(awk -v a="${mib[chain@$k]}" -v b="${mib[$s@$k]}" \
			'BEGIN { print (b > a ? b : a) }')
		[ "$k" = 1 ] || secs[beside_chain]=$(awk -v a="${secs[beside_chain]:-0}" \
			-v b="${secs[beside_$s]}" 'BEGIN { print a + b }')
	done
	scores[$k]=$(wc -l <"$d/scores.csv")
	files[$k]=$(find "$d/results" -name '*.csv' | wc -l)
	participants[$k]=$(sqlite3 "$MMS_DB" "SELECT count(*) FROM participant")
	size[$k]=$(stat -c %s "$MMS_DB")
	# what the database is made of: the tables and indexes of more than a twentieth
	tables[$k]=$(sqlite3 -separator ' ' "$MMS_DB" "SELECT name, round(sum(pgsize) / 1e6, 1),
		round(100.0 * sum(pgsize) / (SELECT sum(pgsize) FROM dbstat)) FROM dbstat
		GROUP BY name HAVING sum(pgsize) * 20 > (SELECT sum(pgsize) FROM dbstat)
		ORDER BY sum(pgsize) DESC")
}

steps=(import classify map programmes order report)
declare -A scores files participants size tables
anchors "$(data 1)"
chain 1
[ "$scale" = 1 ] || chain "$scale"

fmt() { printf '%s' "${1:-–}"; }
printf '\nRegion × 1: %s participants, %s scores, %s files' "${participants[1]}" "${scores[1]}" \
	"${files[1]}"
[ "$scale" = 1 ] || printf '; × %s: %s participants, %s scores, %s files' "$scale" \
	"${participants[$scale]}" "${scores[$scale]}" "${files[$scale]}"
printf '\n(each step the best of %s runs, its peak the largest)\n\n' "$repeat"
if [ "$scale" = 1 ]; then
	printf '| step | s | peak, MiB |\n|---|---:|---:|\n'
	for s in "${steps[@]}" chain; do
		printf '| %s | %s | %s |\n' "$s" "${secs[$s@1]}" "${mib[$s@1]}"
	done
else
	printf '| step | 1 ×, s | peak, MiB | %s ×, s | peak, MiB | %s × ÷ 1 × | goal | %s × beside the probe, s | probe, s |\n' \
		"$scale" "$scale" "$scale"
	printf '|---|---:|---:|---:|---:|---:|---|---:|---:|\n'
	for s in "${steps[@]}" chain; do
		printf '| %s | %s | %s | %s | %s | %s | ≤ %s | %s | %s |\n' "$s" "${secs[$s@1]}" \
			"${mib[$s@1]}" "${secs[$s@$scale]}" "${mib[$s@$scale]}" \
			"$(ratio "${secs[$s@$scale]}" "${secs[$s@1]}")" \
			"$(awk -v k="$scale" 'BEGIN { print 1.1 * k }')" "$(fmt "${secs[beside_$s]:-}")" \
			"$(fmt "${secs[probe_$s]:-}")"
	done
fi

printf '\n| anchor | s | import ÷ anchor | classify ÷ anchor |\n|---|---:|---:|---:|\n'
for t in 1 2; do
	if [ -n "${secs[duck_load_$t]:-}" ]; then
		printf '| DuckDB %s load, %s thread(s) | %s | %s | |\n' "$duck" "$t" \
			"${secs[duck_load_$t]}" "$(ratio "${secs[import@1]}" "${secs[duck_load_$t]}")"
		printf '| DuckDB %s GROUP BY, %s thread(s) | %s | | %s |\n' "$duck" "$t" \
			"${secs[duck_groupby_$t]}" \
			"$(ratio "${secs[classify@1]}" "${secs[duck_groupby_$t]}")"
	fi
done
printf '| sqlite3 .import | %s | %s | |\n' "${secs[sqlite_load]}" \
	"$(ratio "${secs[import@1]}" "${secs[sqlite_load]}")"
printf '| sqlite3 GROUP BY | %s | | %s |\n' "${secs[sqlite_groupby]}" \
	"$(ratio "${secs[classify@1]}" "${secs[sqlite_groupby]}")"

printf '\n| goal | measured | target |\n|---|---:|---|\n'
if [ -n "${secs[duck_load_1]:-}" ]; then
	printf '| import ÷ DuckDB load, 1 thread | %s | ≤ 1.0 |\n' \
		"$(ratio "${secs[import@1]}" "${secs[duck_load_1]}")"
fi
printf '| classify at 1 ×, s | %s | ≤ 0.4 |\n' "${secs[classify@1]}"
printf '| whole chain at 1 ×, s | %s | ≤ 2 |\n' "${secs[chain@1]}"
for k in 1 $([ "$scale" = 1 ] || echo "$scale"); do
	printf '| database × %s, MB per million scores | %s | ≤ 10 |\n' "$k" \
		"$(awk -v b="${size[$k]}" -v n="${scores[$k]}" 'BEGIN { printf "%.1f", b / n }')"
done
if [ "$scale" != 1 ]; then
	printf '| whole chain at %s ×, s | %s | ≤ %s |\n' "$scale" "${secs[chain@$scale]}" \
		"$((2 * scale))"
	printf '| peak at %s ×, MiB | %s | ≤ 128 |\n' "$scale" "${mib[chain@$scale]}"
	printf '| longest probe import, s | %s | ≤ 1 |\n' \
		"$(for s in "${steps[@]}"; do echo "${secs[probe_$s]:-0}"; done | sort -n | tail -1)"
fi
printf '\n| the database at 1 ×: table or index | MB | %% |\n|---|---:|---:|\n'
while read -r name mb pct; do
	printf '| %s | %s | %s |\n' "$name" "$mb" "${pct%.0}"
done <<<"${tables[1]}"
printf '\nmachine: %s cores, %s; sqlite3 %s\n' "$(nproc)" \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
	"$(sqlite3 --version | cut -d' ' -f1)"
