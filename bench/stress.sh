#!/usr/bin/env bash
# The audit of what cannot break, rerun: concurrent commands, SIGKILLs at
# random moments, hostile files.  Prints the figures; exits 1 on the first
# thing that broke.  Not part of the test suite (it runs for minutes).
#
# Usage: bench/stress.sh [-r ROUNDS] [-j PARALLEL] [-k KILLS]
#   MMS / MMS_GEN: the binaries (default build-test/, the sanitizer build
#   scripts/test.sh makes, else build/).
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=40 par=12 kills=60
while getopts r:j:k: o; do
	case $o in
	r) rounds=$OPTARG ;;
	j) par=$OPTARG ;;
	k) kills=$OPTARG ;;
	*) exit 2 ;;
	esac
done
dir=build-test
[ -x "$dir/mms" ] || dir=build
MMS=${MMS:-$PWD/$dir/mms}
MMS_GEN=${MMS_GEN:-$PWD/$dir/mms-gen-district}
work=$(mktemp -d /tmp/mms-stress.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
export MMS_DB=$work/d.db ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
die() { echo "stress: $*" >&2; exit 1; }

"$MMS_GEN" --out gen >/dev/null || die "generator"
"$MMS" init -q && PATH=$(dirname "$MMS"):$PATH sh gen/load.sh >/dev/null 2>&1 || die "loading"
"$MMS" classify-deficits -q && "$MMS" map-to-teacher -q || die "classify"
files=(gen/results/vpr-2026-math-5/edu*.csv)

# 1. concurrent commands: every one exits 0 or 75 (busy, nothing changed)
ok=0 busy=0 total=0
cmds=("import-results -q --assessment vpr-2026-math-5 FILE" "classify-deficits -q"
	"map-to-teacher -q" "report --format json -o /dev/null" "log -q" "check -q"
	"list teachers --format json" "build-iop -q" "backup -q --force copy.db"
	"order-training --format csv -o /dev/null")
for ((r = 0; r < rounds; r++)); do
	pids=()
	for ((j = 0; j < par; j++)); do
		c=${cmds[$(((r * par + j) % ${#cmds[@]}))]}
		c=${c/FILE/${files[$(((r + j) % ${#files[@]}))]}}
		# shellcheck disable=SC2086
		MMS_BUSY_TIMEOUT_MS=$(((j % 3) * 200)) "$MMS" $c >/dev/null 2>"e$j" &
		pids+=($!)
	done
	for ((j = 0; j < par; j++)); do
		wait "${pids[$j]}"
		rc=$?
		total=$((total + 1))
		case $rc in
		0) ok=$((ok + 1)) ;;
		75) busy=$((busy + 1)) ;;
		*) die "a concurrent command exited $rc: $(cat "e$j")" ;;
		esac
	done
done
"$MMS" check -q || die "check after the concurrent commands"
echo "concurrent commands: $total ($ok done, $busy busy, 0 other), the database checks clean"

# 2. SIGKILL at random moments: the database is as before or after, never between
cp "$MMS_DB" base.db
killed=0 before=0 after=0
for ((k = 0; k < kills; k++)); do
	cp base.db "$MMS_DB"
	rm -f "$MMS_DB-wal" "$MMS_DB-shm"
	state() { sqlite3 "$MMS_DB" 'SELECT (SELECT count(*) FROM participant) || "/" ||
		(SELECT count(*) FROM deficit_run) || "/" || (SELECT count(*) FROM iop_item)'; }
	n0=$(state)
	case $((k % 3)) in
	0) "$MMS" import-results -q --assessment vpr-2026-rus-5 gen/results/vpr-2026-rus-5/edu*.csv & ;;
	1) "$MMS" classify-deficits -q & ;;
	2) "$MMS" build-iop -q & ;;
	esac
	pid=$!
	sleep "$(printf '0.%03d' $((RANDOM % 400 + 1)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	killed=$((killed + 1))
	[ "$(sqlite3 "$MMS_DB" 'PRAGMA integrity_check')" = ok ] || die "integrity after kill $k"
	"$MMS" check -q || die "mms check after kill $k"
	n=$(state)
	if [ "$n" = "$n0" ]; then before=$((before + 1)); else after=$((after + 1)); fi
done
echo "SIGKILLs: $killed (the database as before: $before, as after: $after, between: 0)"

# 3. hostile files: each is imported or refused whole, the database unchanged when refused
cp base.db "$MMS_DB"
rm -f "$MMS_DB-wal" "$MMS_DB-shm"
hostile=0 refused=0 taken=0
while IFS= read -r -d '' f; do
	for c in "import-results -q --assessment vpr-2026-math-5 --school edu249001" \
		"import-spec -q --assessment h --subject Математика --grade 5" "import-roster -q --dry-run"; do
		sum=$(sqlite3 "$MMS_DB" .dump | grep -v '^INSERT INTO import_log ' | sha256sum)
		# shellcheck disable=SC2086
		timeout 20 "$MMS" $c "$f" >/dev/null 2>err
		rc=$?
		hostile=$((hostile + 1))
		case $rc in
		0) taken=$((taken + 1)) ;;
		64 | 65 | 66)
			refused=$((refused + 1))
			[ "$(sqlite3 "$MMS_DB" .dump | grep -v '^INSERT INTO import_log ' | sha256sum)" = "$sum" ] ||
				die "a refused file changed the database: $c $f"
			;;
		*) die "exit $rc on $c $f: $(head -3 err)" ;;
		esac
		cp base.db "$MMS_DB"
		rm -f "$MMS_DB-wal" "$MMS_DB-shm"
	done
done < <(find "$OLDPWD/tests/fuzz" "$OLDPWD/tests/data" -type f -size -2M -print0)
echo "hostile files: $hostile imports ($refused refused whole, $taken taken), no crash, no refused file changed anything"
