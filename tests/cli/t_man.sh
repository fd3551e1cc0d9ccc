#!/usr/bin/env bash
# The manual pages agree with the program: every command in 'mms help' has a
# page man/mms-CMD.1 that renders without warnings, and the page's SYNOPSIS is
# exactly the synopsis lines of 'mms CMD -h' (mms.1: of 'mms --help').
# MMS_MAN_DIR may point at another copy of the pages (to see this test fail).
. "$MMS_SRC/tests/cli/lib.sh"

export LC_ALL=C.UTF-8 LANGUAGE='' MANWIDTH=80 MAN_DISABLE_SECCOMP=1
MAN_DIR=${MMS_MAN_DIR:-$MMS_SRC/man}

# problem MESSAGE [DETAIL]: a failed check that is not about an mms run.
problem() {
	rc=1 out=${2:-} err=''
	fail "$1"
}

# The synopsis lines of a usage text on stdin, without "usage: " / "   or: ".
help_synopsis() {
	sed -n -e 's/^usage: //p' -e 's/^   or: //p'
}

# The SYNOPSIS section of a page, roff requests and escapes removed.
page_synopsis() {
	awk '
	# arguments of a macro line, double quotes respected
	function args(s, out, n, i, c, inq, cur) {
		n = 0; cur = ""; inq = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\"") { inq = !inq; continue }
			if (c == " " && !inq) {
				if (cur != "") out[++n] = cur
				cur = ""
				continue
			}
			cur = cur c
		}
		if (cur != "") out[++n] = cur
		return n
	}
	/^\.SH/ { insec = ($0 ~ /^\.SH +"?SYNOPSIS"? *$/); next }
	!insec { next }
	/^\.\\"/ { next }
	/^\.(B|I|SM|SB)( |$)/ {
		n = args(substr($0, index($0, " ") + 1), a); line = ""
		for (i = 1; i <= n; i++) line = line (i > 1 ? " " : "") a[i]
		print line; next
	}
	/^\.(BR|BI|IR|IB|RB|RI)( |$)/ {
		n = args(substr($0, index($0, " ") + 1), a); line = ""
		for (i = 1; i <= n; i++) line = line a[i]
		print line; next
	}
	/^[.]/ || /^\047/ { next }  # .nf, .fi, .PP, .br, .RS… carry no text
	/^[ \t]*$/ { next }
	{ print }
	' "$1" |
		awk '{ if (sub(/\\c$/, "")) { held = held $0; next } print held $0; held = "" }' |
		sed -e 's/\\f[BIRP]//g' -e 's/\\f([A-Z][A-Z]//g' -e 's/\\f\[[^]]*\]//g' \
			-e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\[|^]//g' -e 's/\\ / /g' \
			-e 's/\\(em/—/g' -e 's/\\e/\\/g'
}

# renders PAGE: groff and man must both be silent.
check_renders() {
	local page=$1 msgs
	checks=$((checks + 1))
	msgs=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1) || msgs="groff failed${msgs:+: $msgs}"
	if [ -n "$msgs" ]; then
		problem "$page: groff warns" "$msgs"
		return
	fi
	checks=$((checks + 1))
	if ! man --warnings=w -l "$page" >"$MMS_TMP/rendered" 2>"$MMS_TMP/man.err" ||
		[ -s "$MMS_TMP/man.err" ] || ! grep -q SYNOPSIS "$MMS_TMP/rendered"; then
		problem "$page: 'man -l' does not render it cleanly" "$(cat "$MMS_TMP/man.err")"
	fi
}

# compares the synopsis of PAGE with the usage text in file HELP.
check_synopsis() {
	local page=$1 help=$2 what=$3
	help_synopsis <"$help" >"$MMS_TMP/want"
	page_synopsis "$page" >"$MMS_TMP/got"
	checks=$((checks + 1))
	if [ ! -s "$MMS_TMP/want" ]; then
		problem "$what prints no 'usage: ' line" "$(cat "$help")"
		return
	fi
	if ! diff -u "$MMS_TMP/want" "$MMS_TMP/got" >"$MMS_TMP/diff"; then
		problem "$page: SYNOPSIS differs from '$what' (- help, + page)" "$(cat "$MMS_TMP/diff")"
	fi
}

for tool in groff man; do
	checks=$((checks + 1))
	command -v "$tool" >/dev/null || problem "'$tool' is not installed (scripts/deps.sh installs it)"
done

# The commands, as 'mms help' lists them.
run help
expect_rc 0 "mms help"
commands=$(printf '%s\n' "$out" |
	awk '/^commands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }')
checks=$((checks + 1))
[ -n "$commands" ] || problem "no command found in 'mms help'"

# mms.1
check_renders "$MAN_DIR/mms.1"
run --help
expect_rc 0 "mms --help"
check_synopsis "$MAN_DIR/mms.1" "$MMS_TMP/stdout" "mms --help"

# The commands that mms.1 describes, in its COMMANDS section.
listed=$(awk '/^\.SH/ { on = ($0 ~ /^\.SH +"?COMMANDS"?/); next }
	on && prev ~ /^\.TP/ && /^\.B / { sub(/^\.B +/, ""); gsub(/\\-/, "-"); gsub(/"/, ""); print }
	{ prev = $0 }' "$MAN_DIR/mms.1")

for cmd in $commands; do
	page="$MAN_DIR/mms-$cmd.1"
	checks=$((checks + 1))
	if [ ! -f "$page" ]; then
		problem "'$cmd' has no manual page man/mms-$cmd.1"
		continue
	fi
	check_renders "$page"
	run "$cmd" -h
	expect_rc 0 "mms $cmd -h"
	check_synopsis "$page" "$MMS_TMP/stdout" "mms $cmd -h"
	checks=$((checks + 1))
	printf '%s\n' "$listed" | grep -qx -- "$cmd" ||
		problem "mms.1 does not list '$cmd' in its COMMANDS section"
done

# No page, and no entry in mms.1, for a command that does not exist.
for page in "$MAN_DIR"/mms-*.1; do
	[ -e "$page" ] || continue
	cmd=$(basename "$page" .1)
	cmd=${cmd#mms-}
	checks=$((checks + 1))
	printf '%s\n' "$commands" | grep -qx -- "$cmd" ||
		problem "man/mms-$cmd.1 describes '$cmd', which 'mms help' does not list"
done
for cmd in $listed; do
	checks=$((checks + 1))
	printf '%s\n' "$commands" | grep -qx -- "$cmd" ||
		problem "mms.1 lists '$cmd', which 'mms help' does not list"
done


# Each command's options in -h are the options its page's OPTIONS section
# describes (--help aside: every command takes it).
for cmd in $commands; do
	page="$MAN_DIR/mms-$cmd.1"
	[ -e "$page" ] || continue
	help=$("$MMS" "$cmd" -h 2>/dev/null | grep -E '^  +-' | grep -oE -- '--[a-z][a-z-]*' | sort -u)
	documented=$(awk '/^[.]SH OPTIONS/ { on = 1; next } /^[.]SH / { on = 0 } on' "$page" |
		sed 's/\\-/-/g' | grep -E '^[.](B|BI|BR|IP|TP)' | grep -oE -- '--[a-z][a-z-]*' |
		grep -vx -- --help | sort -u)
	checks=$((checks + 1))
	[ "$help" = "$documented" ] ||
		problem "mms-$cmd.1: OPTIONS differ from 'mms $cmd -h' (< help, > page): $(diff <(echo "$help") <(echo "$documented") | grep '^[<>]' | tr '\n' ' ')"
done

finish
