#!/usr/bin/env bash
# Extracts the translatable messages of cmd/ and lib/ into po/mms.pot and
# merges them into po/ru.po (created with msginit if missing).  Then translate
# the new entries of po/ru.po (msgstr "") and check the changed ones: the test
# cli.locale fails while any entry is untranslated or fuzzy.
# Usage: scripts/update-po.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^project(mms VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
mapfile -t sources < <(printf '%s\n' cmd/*.c lib/*/*.c | LC_ALL=C sort)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# (mms has no address for reports on its messages: drop xgettext's warning about it)
xgettext --from-code=UTF-8 -k_ -kN_ -kmms_fail_sql:2 --add-comments=TRANSLATORS: --sort-by-file \
	--package-name=mms --package-version="$version" \
	-o "$tmp" "${sources[@]}" 2>&1 |
	grep -v -e 'option --msgid-bugs-address' -e 'If you are using a .Makevars' \
		-e 'the MSGID_BUGS_ADDRESS variable' -e 'specify an --msgid-bugs-address' >&2 || true
[ -s "$tmp" ] || { echo "update-po.sh: xgettext failed" >&2; exit 1; }
# Keep po/mms.pot as it is when only its creation date would change.
if [ ! -f po/mms.pot ] ||
	! diff -q <(grep -v '^"POT-Creation-Date:' po/mms.pot) \
		<(grep -v '^"POT-Creation-Date:' "$tmp") >/dev/null; then
	cp "$tmp" po/mms.pot
fi

if [ -f po/ru.po ]; then
	msgmerge --quiet --update --backup=none --no-fuzzy-matching po/ru.po po/mms.pot
	msgattrib --no-obsolete -o po/ru.po po/ru.po
else
	msginit --no-translator --locale=ru_RU.UTF-8 -i po/mms.pot -o po/ru.po
fi
echo "po/ru.po: $(LC_ALL=C msgfmt --check --statistics -o /dev/null po/ru.po 2>&1)"
