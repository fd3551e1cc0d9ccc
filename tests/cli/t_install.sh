#!/usr/bin/env bash
# cmake --install: mms, its manual pages (man mms-observe works) and its
# message catalogues, found beside the installed mms wherever the prefix is.
. "$MMS_SRC/tests/cli/lib.sh"

build=$(dirname "$MMS")
prefix=$MMS_TMP/prefix
checks=$((checks + 1))
cmake --install "$build" --prefix "$prefix" >install.log 2>&1 || fail "cmake --install: $(tail -3 install.log)"

checks=$((checks + 1))
[ -x "$prefix/bin/mms" ] || fail "mms is not installed"
checks=$((checks + 1))
[ ! -e "$prefix/bin/mms-gen-district" ] || fail "the generator of invented districts is installed"
run_installed() {
	env -u MMS_LOCALEDIR "$@" >"$MMS_TMP/stdout" 2>"$MMS_TMP/stderr"
	rc=$?
	out=$(cat "$MMS_TMP/stdout")
	err=$(cat "$MMS_TMP/stderr")
}
run_installed "$prefix/bin/mms" --version
expect_rc 0 "the installed mms"
expect_out "mms "

# every command has its page, and man finds it
for page in "$MMS_SRC"/man/*.1; do
	checks=$((checks + 1))
	[ -f "$prefix/share/man/man1/$(basename "$page")" ] || fail "$(basename "$page") is not installed"
done
run_installed env MANPATH="$prefix/share/man" MANPAGER=cat PAGER=cat man mms-observe
expect_rc 0 "man mms-observe"
expect_out "mms-observe - record a lesson observation"
run_installed env MANPATH="$prefix/share/man" MANPAGER=cat PAGER=cat man 1 mms
expect_rc 0 "man mms"

# the catalogue beside the installed mms, not the build tree's: the test's
# prefix gets a catalogue of its own, with a word only it has
checks=$((checks + 1))
[ -f "$prefix/share/locale/ru/LC_MESSAGES/mms.mo" ] || fail "the Russian catalogue is not installed"
printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "create or migrate the database"\nmsgstr "ИЗ-КАТАЛОГА-УСТАНОВКИ"\n' >own.po
msgfmt -o "$prefix/share/locale/ru/LC_MESSAGES/mms.mo" own.po || fail "msgfmt"
if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	run_installed env LC_ALL=ru_RU.UTF-8 "$prefix/bin/mms" help
	expect_rc 0
	expect_out "ИЗ-КАТАЛОГА-УСТАНОВКИ"
	# the build tree's mms keeps the build tree's
	run_installed env LC_ALL=ru_RU.UTF-8 "$MMS" help
	expect_out "создать базу данных или обновить её схему"
fi

finish
