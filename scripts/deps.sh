#!/usr/bin/env bash
# Installs, with apt-get, the Debian packages mms needs to build and test.
# Usage: scripts/deps.sh [extra-package...]
set -euo pipefail

packages=(gcc make cmake pkgconf libsqlite3-dev libcsv-dev libutf8proc-dev libcmocka-dev
	libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev gettext sqlite3 man-db groff-base
	locales unzip libxml2-utils "$@")

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "installing: ${missing[*]}" >&2
	if [ "$(id -u)" -ne 0 ]; then
		sudo=sudo
	else
		sudo=
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
fi

# The Russian locale, so that messages can be shown in Russian.
if ! locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	if [ -w /etc/locale.gen ]; then
		sed -i 's/^# *\(ru_RU.UTF-8 UTF-8\)/\1/' /etc/locale.gen
		grep -q '^ru_RU.UTF-8 UTF-8' /etc/locale.gen || echo 'ru_RU.UTF-8 UTF-8' >>/etc/locale.gen
		locale-gen >/dev/null 2>&1 || true
	fi
fi
