#!/usr/bin/env bash
# Renders the HTML pages mms writes in a real browser and checks that their
# charts are drawn: the invented district with its signs planted
# (mms-gen-district --signs) goes through the chain, then mms analyse (a
# school's page: the marks' bars and the histogram) and mms report (the
# district's page) are opened by Debian's headless Chromium, which takes a
# screenshot of each; the screenshots must show the charts' colours over a
# good number of pixels.  Out of the test suite (Chromium is large); run it
# after changing a page:  scripts/check-html.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh chromium python3-pil fonts-dejavu-core

out=${1:-build-html}
mkdir -p "$out"
out=$(cd "$out" && pwd)
build=$out/build
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DMMS_DEVELOPER=OFF -DMMS_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null

mms=$build/mms
export MMS_DB=$out/mms.db LC_ALL=C.UTF-8 MMS_LOCALEDIR=$build/locale
rm -f "$MMS_DB"
data=$out/data
rm -rf "$data"
"$build/mms-gen-district" --signs --out "$data" >/dev/null
"$mms" init --quiet
PATH=$build:$PATH sh "$data/load.sh" >/dev/null
"$mms" classify-deficits --quiet
"$mms" map-to-teacher --quiet
school=$(awk -F'\t' '$1 == "boundary" { print $3 }' "$data/signs.tsv")
assessment=$(awk -F'\t' '$1 == "boundary" { print $2 }' "$data/signs.tsv")
LC_ALL=ru_RU.UTF-8 "$mms" analyse --assessment "$assessment" --school "$school" \
	--format html -o "$out/analyse.html" --force
LC_ALL=ru_RU.UTF-8 "$mms" report --format html -o "$out/report.html" --force

failed=0
for page in analyse report; do
	rm -f "$out/$page.png"
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--window-size=1000,4000 --screenshot="$out/$page.png" \
		"file://$out/$page.html" >/dev/null 2>&1 || true
	if [ ! -s "$out/$page.png" ]; then
		echo "FAIL: $page.html: Chromium took no screenshot" >&2
		failed=1
		continue
	fi
	# the charts' colours, as the pages draw them, and how many pixels each covers
	/usr/bin/python3 - "$out/$page.png" "$page" <<'PY' || failed=1
import sys
from PIL import Image

path, page = sys.argv[1], sys.argv[2]
img = Image.open(path).convert('RGB')
# a chart: its name, its colours, the pixels it must cover at least (the
# marks' legend alone is 4 squares of 10×10)
charts = {
    'analyse': [('histogram bars', [(0x4a, 0x7a, 0xb0)], 200),
                ('marks bars', [(0xc0, 0x39, 0x2b), (0xe6, 0xa2, 0x3c), (0x7f, 0xb7, 0x7e),
                                (0x2e, 0x7d, 0x32)], 600)],
    'report': [('heat map', [(0x91, 0xcf, 0x60), (0xe8, 0x60, 0x4c), (0xfe, 0xe0, 0x8b)], 2000)],
}[page]
counts = {name: 0 for name, _, _ in charts}
blank = 0
for p in img.getdata():
    if p == (255, 255, 255):
        blank += 1
        continue
    for name, colours, _ in charts:
        if any(all(abs(p[i] - c[i]) <= 6 for i in range(3)) for c in colours):
            counts[name] += 1
total = img.width * img.height
drawn = total - blank
print(f'{page}.png: {img.width}×{img.height}, {drawn} pixels drawn'
      + ''.join(f', {name}: {n}' for name, n in counts.items()))
bad = [name for name, _, least in charts if counts[name] < least]
if drawn < 20000 or bad:
    print(f'FAIL: {page}.html: ' + (f'not drawn: {", ".join(bad)}' if bad else 'a blank page'),
          file=sys.stderr)
    sys.exit(1)
PY
done
[ "$failed" = 0 ] && echo "the pages render with their charts: $out/analyse.png, $out/report.png"
exit "$failed"
