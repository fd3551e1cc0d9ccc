#!/usr/bin/env bash
# mms analyse and mms config scale on a small district
# (tests/data/analyse/district.sql): the figures against hand-computed ones,
# every format, the errors.
#
# Assessment a, five tasks of a point, the scale 2 / 3 / 4.  Школа №1, 5А:
# scores 1, 2, 3, 5 (marks 2, 3, 4, 5 by the scale), journal 4, 3, 3, 4, one
# absent.  Школа №2, 5А: seven at 2, five at 5 (seven «3», five «5»): a peak
# at the lowest score of «3» with none one point below (a fair coin leaves 7
# of 7 with p = 1/128).  The district: 16 wrote; marks 1, 8, 1, 6: pass 15/16
# = .9375, quality 7/16 = .4375, mean 60/16 = 3.75; mean score 50/16 = 3.125
# of 5 = .625.
. "$MMS_SRC/tests/cli/lib.sh"

run init --quiet
expect_rc 0
sqlite3 "$MMS_DB" <"$DATA/analyse/district.sql" || fail "the fixture does not load"

# the scale: shown, refused when it does not grow, set
run config scale --assessment a
expect_rc 0
expect_out "a: "
run config scale --assessment a --marks 3,2,4
expect_rc 64
run config scale --assessment a --marks 2,3
expect_rc 64 "two scores"
run config scale --assessment nope --marks 2,3,4
expect_rc 65
run config scale --assessment a --marks 2,3,4
expect_rc 0
expect_out "a: «3»"

run analyse --assessment a --format json
expect_rc 0
expect_no_err
expect_out '{"group": "district", "present": 16, "absent": 1, "percent": 0.625}'
expect_out '"mark_2": 1, "mark_3": 8, "mark_4": 1, "mark_5": 6, "pass": 0.9375, "quality": 0.4375, "mean": 3.75}'
expect_out '"compared": 4, "lower": 1, "lower_share": 0.25, "same": 1, "same_share": 0.25, "higher": 2, "higher_share": 0.5, "gap2_share": 0.25}'
expect_out '{"score": 2, "n": 8, "district": 8, "mark": "3", "boundary": "the lowest score of «3»"}'
expect_out '{"task": "4", "level": "П", "max": 1, "skills": "1.2", "success": 0.375'
expect_out '{"skill": "1.1", "text": "Натуральные числа", "success": 0.96875'
expect_out '{"school": "Школа №2", "class": "5А", "sign": "a peak at a mark'"'"'s lowest score", "figure": "7 at the lowest score of «3» (2), 0 one point below"}'
expect_out '{"assessment": "old", "date": "2026-04-15", "present": 10, "pass": 1, "quality": 0.3, "mean": 3.3}'
# the skills over the years: last year not classified, this year as analysed
expect_out '{"skill": "1.1", "assessment": "old", "date": "2026-04-15", "success": null}, {"skill": "1.1", "assessment": "a", "date": "2027-04-15", "success": 0.96875}'
printf '%s\n' "$out" >"$MMS_TMP/a.json"
checks=$((checks + 1))
python3 -m json.tool "$MMS_TMP/a.json" >/dev/null || fail "analyse --format json is not JSON"

# the municipality's, the region's and Russia's values, as ФИС ОКО exports them
run import-reference --assessment a "$DATA/analyse/marks-f3.tsv" "$DATA/analyse/tasks.tsv"
expect_rc 0
expect_out "27 reference values"
expect_out "1 rows of schools"
run analyse --assessment a --format json
expect_out '{"task": "3", "level": "П", "max": 1, "skills": "1.2", "success": 0.4375, "district": 0.4375, "municipality": 0.5, "region": 0.58, "russia": 0.6}'
expect_out '{"mark": "«2»", "scope": 0.0625, "district": 0.0625, "municipality": 0.0625, "region": 0.06, "russia": 0.0512}'
# a task the assessment does not have, a share over 100: named, nothing kept
run import-reference --assessment a "$DATA/analyse/tasks-bad.tsv"
expect_rc 65
expect_err "tasks-bad.tsv:4: task '9' is not a task of the assessment"
expect_err "tasks-bad.tsv:6: '130' is not a percentage from 0 to 100"
checks=$((checks + 1))
[ "$(sql "SELECT value FROM reference_value WHERE scope = 'russia' AND what = 'task:1'")" = 0.9 ] ||
	fail "a refused file changed the values"
# not a form of ФИС ОКО's: said so
run import-reference --assessment a "$DATA/exports/f1-groups.csv"
expect_rc 65
expect_err "not a ФИС ОКО form"
run import-reference --assessment a
expect_rc 64 "no file"

# one class: its figures, its school and the district beside it
run analyse --assessment a --school edu1 --class 5А --format json
expect_rc 0
expect_out '"scope": "5А"'
expect_out '"school": "Школа №1"'
expect_out '{"group": "5А", "marked": 4, "mark_2": 1, "mark_3": 1, "mark_4": 1, "mark_5": 1, "pass": 0.75, "quality": 0.5, "mean": 3.5}'

# the terminal's tables, in the user's language
run analyse --assessment a --school edu2
expect_rc 0
expect_out "Школа №2"
expect_out "Signs of non-objective results"
expect_out "a peak at a mark's lowest score"
LC_ALL=ru_RU.UTF-8 run analyse --assessment a --school edu2
expect_rc 0
expect_out "Признаки необъективности результатов"
expect_out "пик на границе отметки"
expect_out "успеваемость (3–5)"
expect_out "3,75"

# CSV for Excel: a byte order mark, ';', decimal commas, a title a section
run analyse --assessment a --format csv
expect_rc 0
checks=$((checks + 1))
[ "$(printf '%s' "$out" | head -c 3 | od -An -tx1 | tr -d ' ')" = efbbbf ] ||
	fail "the CSV has no byte order mark"
expect_out "district;16;1;62"
expect_out "district;16;1;8;1;6;94;44;3,75"

# HTML: one page with its charts
run analyse --assessment a --school edu1 --format html -o "$MMS_TMP/a.html"
expect_rc 0
checks=$((checks + 1))
grep -q '<svg' "$MMS_TMP/a.html" && grep -q '</html>' "$MMS_TMP/a.html" ||
	fail "the page has no chart or is cut"
checks=$((checks + 1))
python3 - "$MMS_TMP/a.html" <<'PY' || fail "the page is not well-formed"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in ('meta', 'br', 'rect', 'line'): self.stack.append(tag)
    def handle_startendtag(self, tag, attrs): pass
    def handle_endtag(self, tag):
        if tag in ('rect', 'line'): return
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read()); assert not p.stack, p.stack
PY

# a chart's numbers have a decimal point in a Russian locale too (a comma
# breaks the SVG: nothing is drawn)
LC_ALL=ru_RU.UTF-8 run analyse --assessment a --format html -o "$MMS_TMP/a-ru.html"
expect_rc 0
checks=$((checks + 1))
! grep -qE '(x|y|width|height|x1|x2|y1|y2)="[0-9]+,[0-9]+"' "$MMS_TMP/a-ru.html" ||
	fail "decimal commas in the SVG: $(grep -oE '(x|y|width|height)="[0-9]+,[0-9]+"' "$MMS_TMP/a-ru.html" | head -2 | tr '\n' ' ')"

# a workbook: a sheet a section
run analyse --assessment a --format xlsx
expect_rc 64 "xlsx needs -o"
run analyse --assessment a --format xlsx -o "$MMS_TMP/a.xlsx"
expect_rc 0
workbook_ok "$MMS_TMP/a.xlsx" "analyse --format xlsx"
checks=$((checks + 1))
sheets=$(/usr/bin/python3 -c 'import sys, openpyxl; print(len(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$MMS_TMP/a.xlsx")
[ "$sheets" = 12 ] || fail "the workbook has $sheets sheets, not 12 (about and 11 sections)"

# errors
run analyse --assessment a --class 5А
expect_rc 64 "a class in two schools"
expect_err "give --school"
run analyse --assessment a --school edu1 --class 9Я
expect_rc 65
run analyse --assessment nope
expect_rc 65
run analyse --assessment a --format pdf
expect_rc 64

# the signs are stored by the classification, and the stored ones replaced
run classify-deficits --quiet
expect_rc 0
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM objectivity_sign WHERE sign = 'boundary'")" = 2 ] ||
	fail "the classification did not keep the signs of Школа №2 and its 5А"
run classify-deficits --quiet
checks=$((checks + 1))
[ "$(sql "SELECT count(*) FROM objectivity_sign")" = 2 ] || fail "the signs were kept twice"

finish
