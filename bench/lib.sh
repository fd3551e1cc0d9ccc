# Shared by the benchmarks: sourced, not run.
# shellcheck shell=bash

# region_db MMS DATA: a fresh database at $MMS_DB with the region's roster
# and descriptions from DATA (as mms-gen-district --region writes it); fills
# the array "assessments" with ID:RESULTS-DIR, one an assessment
region_db() {
	local m=$1 d=$2 id kind subject grade date spec results codes
	rm -f "$MMS_DB" "$MMS_DB"-*
	"$m" init -q
	"$m" import-roster -q "$d/roster.csv"
	assessments=()
	while IFS=$'\t' read -r id kind subject grade date spec results codes; do
		case $id in '#'*) continue ;; esac
		"$m" import-spec -q --assessment "$id" --kind "$kind" --subject "$subject" \
			--grade "$grade" --date "$date" --codes "$codes" "$d/$spec"
		assessments+=("$id:$d/$results")
	done <"$d/assessments.tsv"
}
