# Sourced by tests/cli/t_iop.sh and t_order.sh after lib.sh: the district of
# tests/unit/iop_fixture.h, with the observations and interviews recorded by
# the real commands.  Sets MMS_TODAY so that the school year is 2026/2027.
export MMS_TODAY=2026-05-25
IOP="$DATA/iop"

setup_district() {
	"$MMS" init -q &&
		"$MMS" import-roster -q "$IOP/roster.csv" &&
		"$MMS" import-spec -q --assessment vpr-2026-math-5 --subject Математика --grade 5 \
			--date 2026-04-15 "$IOP/spec.csv" &&
		sqlite3 "$MMS_DB" <"$IOP/evidence.sql" || return 1
	# teacher skill priority observed
	while read -r name skill prio day; do
		"$MMS" observe -q --teacher "${name//_/ }" --skill "$skill" --confirm --date "$day" &&
			"$MMS" interview -q --teacher "${name//_/ }" --skill "$skill" --accept \
				--priority "$prio" --date 2026-05-20 || return 1
	done <<-'LIST'
		Иванова_А.П. 1.2 1 2026-05-12
		Иванова_А.П. 1.3 2 2026-05-13
		Кузнецов_О.В. 1.4 1 2026-05-14
		Кузнецов_О.В. 1.2 2 2026-05-14
	LIST
}
