# Sums MMS_SQL_PROFILE's lines (nanoseconds<TAB>SQL) by statement, slowest first,
# then SQLite's most memory:
#   MMS_SQL_PROFILE=1 mms map-to-teacher 2>&1 >/dev/null | awk -f bench/sql-profile.awk
BEGIN { FS = "\t" }
NF >= 2 && $2 ~ /^-- / { note = note $2 "\n"; next }
NF >= 2 && $1 ~ /^[0-9]+$/ { ns[$2] += $1; runs[$2]++; total += $1 }
END {
	for (q in ns)
		printf "%9.3f s %7d× %5.1f%%  %.160s\n", ns[q] / 1e9, runs[q],
		    total ? 100 * ns[q] / total : 0, q | "sort -rn"
	close("sort -rn")
	printf "%s", note
}
