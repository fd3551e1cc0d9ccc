#!/usr/bin/env bash
# Messages and help in Russian when the locale is Russian, in English otherwise:
# the same exit codes either way.  The synopsis lines read in Russian
# ("использование: mms …", "или: mms …", ФАЙЛ, ИМЯ) and have the same
# commands and options as the English ones the manual pages show.  po/ru.po must translate every message: a new message without a
# translation fails here (scripts/update-po.sh, then translate).
. "$MMS_SRC/tests/cli/lib.sh"

unset LANGUAGE LANG LC_MESSAGES
R=$DATA/roster

# every entry of po/ru.po translated, none fuzzy, formats checked
checks=$((checks + 1))
if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$MMS_SRC/po/ru.po" 2>&1); then
	rc=1 out=$stats err=''
	fail "msgfmt --check rejects po/ru.po"
else
	case $stats in
	*untranslated* | *fuzzy*)
		rc=0 out=$stats err=''
		fail "po/ru.po has untranslated or fuzzy entries: run scripts/update-po.sh and translate them"
		;;
	esac
fi

# --- English: C.UTF-8, no LANGUAGE ---
export LC_ALL=C.UTF-8

run help
expect_rc 0 "mms help (C.UTF-8)"
expect_out "usage: mms [--db PATH] COMMAND [ARGS]"
expect_out "commands:"
expect_out "  init                 create or migrate the database"
commands=$(printf '%s\n' "$out" |
	awk '/^commands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }')
checks=$((checks + 1))
[ -n "$commands" ] || fail "no command found in 'mms help'"
checks=$((checks + 1))
case $out in *"создать базу данных"* | *"команды:"*) fail "Russian in the English help" ;; esac

run init -q
run import-roster missing.csv
expect_rc 66 "import-roster of a missing file (C.UTF-8)"
expect_err "mms: import-roster: cannot open 'missing.csv'"
rc_en_missing=$rc

run import-roster
expect_rc 64
expect_err "mms: import-roster: no roster file given"
expect_err "see 'mms import-roster -h'"

run import-roster "$R/bad_fields.csv"
expect_rc 65
expect_err "$R/bad_fields.csv:4: 6 fields where the header has 7"
expect_err "the roster has errors; nothing was imported"
rc_en_data=$rc

for c in $commands; do
	run "$c" -h
	printf '%s\n' "$out" >"$MMS_TMP/help-en-$c"
done

# --- Russian ---
# glibc honours LANGUAGE unless the locale is plain C/POSIX; ru_RU.UTF-8 is
# there when scripts/deps.sh could generate it.
ways=()
if LANGUAGE=ru LC_ALL=C.UTF-8 "$MMS" help 2>/dev/null | grep -q 'создать базу данных'; then
	ways+=("LANGUAGE=ru LC_ALL=C.UTF-8")
fi
if locale -a 2>/dev/null | grep -qiE '^ru_RU\.utf-?8$'; then
	ways+=("LC_ALL=ru_RU.UTF-8")
fi
if [ ${#ways[@]} -eq 0 ]; then
	echo "SKIP: Russian messages: LANGUAGE=ru is ignored and there is no ru_RU.UTF-8 locale" \
		"(scripts/deps.sh generates it)"
fi

for way in "${ways[@]}"; do
	unset LANGUAGE
	export LC_ALL=C.UTF-8
	# shellcheck disable=SC2163
	for assignment in $way; do export "$assignment"; done

	run help
	expect_rc 0 "mms help ($way)"
	expect_out "использование: mms [--db ПУТЬ] КОМАНДА [АРГУМЕНТЫ]"
	expect_out "          или: mms help [КОМАНДА] | mms КОМАНДА -h | mms --version"
	expect_out "команды:"
	expect_out "  init                 создать базу данных или обновить её схему"
	expect_out "  import-results       загрузить поэлементные результаты"
	expect_out "  build-iop            составить ИОП педагогов"
	checks=$((checks + 1))
	case $out in *"create or migrate the database"*) fail "English summary in 'mms help' ($way)" ;; esac

	run import-roster missing.csv
	expect_rc "$rc_en_missing" "the same exit code in Russian ($way)"
	expect_err "mms: import-roster: не удалось открыть «missing.csv»"

	run import-roster
	expect_rc 64
	expect_err "mms: import-roster: не указан файл кадрового списка"
	expect_err "см. «mms import-roster -h»"

	run import-roster "$R/bad_fields.csv"
	expect_rc "$rc_en_data" "a data error in Russian ($way)"
	expect_err "$R/bad_fields.csv:4: полей: 6, а в заголовке: 7"
	expect_err "в кадровом списке есть ошибки; ничего не загружено"

	run frobnicate
	expect_rc 64
	expect_err "mms: «frobnicate» — не команда mms"

	run import-results -h
	expect_rc 0 "import-results -h ($way)"
	expect_out "использование: mms import-results --assessment ID [--school КОД]"
	expect_out "ФАЙЛ..."
	expect_out "параметры:"
	expect_out "  --assessment ID   работа"
	checks=$((checks + 1))
	case $out in *usage:* | *" FILE"*) fail "English words in 'import-results -h' ($way)" ;; esac

	# every command: the synopsis in Russian words, with the English one's options
	for c in $commands; do
		run "$c" -h
		checks=$((checks + 1))
		ru=$(printf '%s\n' "$out" | grep -E '^ *(использование|или): ' | grep -oE -- '--?[a-z][a-z-]*|mms [a-z-]+' | sort -u)
		en=$(grep -E '^(usage|   or): ' "$MMS_TMP/help-en-$c" | grep -oE -- '--?[a-z][a-z-]*|mms [a-z-]+' | sort -u)
		if [ -z "$ru" ] || [ "$ru" != "$en" ]; then
			fail "'mms $c -h': the synopsis has other options than in English ($way): $(diff <(echo "$en") <(echo "$ru") | head -3)"
		fi
		checks=$((checks + 1))
		[ "$out" != "$(cat "$MMS_TMP/help-en-$c")" ] || fail "'mms $c -h' is not translated ($way)"
	done

	# SQLite's own messages are translated too
	printf 'Код ОО;Школа\n001;СОШ\n' >text.db
	run --db text.db log
	expect_rc 70 "a text file as the database ($way)"
	expect_err ": файл не является базой данных"
	checks=$((checks + 1))
	case $err in *"file is not a database"*) fail "SQLite's English in Russian output ($way)" ;; esac

	# a database created and reported on in Russian
	rm -f "$MMS_DB" "$MMS_DB-wal" "$MMS_DB-shm"
	run init
	expect_rc 0
	expect_out "база данных «$MMS_DB» создана (версия схемы"
	run check
	expect_rc 0
	expect_out "база данных «$MMS_DB»: всё в порядке"
done

finish
