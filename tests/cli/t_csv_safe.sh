#!/usr/bin/env bash
# Every CSV mms writes: a text cell Excel would take for a formula (=, +, -,
# @, tab, CR first) is written as text ('=…), numbers stay numbers.
. "$MMS_SRC/tests/cli/lib.sh"
. "$DATA/iop/setup.sh"

checks=$((checks + 1))
setup_district || fail "setting up the district"
"$MMS" resource find-mentors -q
"$MMS" resource withdraw -q 1
"$MMS" resource withdraw -q 2
"$MMS" build-iop -q || fail "build-iop"
# names as a hostile file would bring them
sql "UPDATE school SET name = '=HYPERLINK(\"http://x\",\"школа\")' WHERE code = 'edu1';
	UPDATE teacher SET full_name = '@SUM(1+1)*cmd' WHERE full_name = 'Иванова Анна Петровна';
	UPDATE skill SET text = '+cmd|'' /C calc''!A0' WHERE code = '1.2';
	UPDATE competency SET name = '-2+3' WHERE rowid = (SELECT min(rowid) FROM competency)" ||
	fail "planting the names"

# safe FILE: no cell of FILE starts a formula, unless it is a number
safe() {
	checks=$((checks + 1))
	python3 - "$1" <<-'PY' || fail "$1 has a formula cell"
		import csv, re, sys
		num = re.compile(r'^[+-]?[0-9]+([.,][0-9]+)?$')
		with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
		    for row in csv.reader(f, delimiter=';'):
		        for cell in row:
		            if cell[:1] in ('=', '+', '-', '@', '\t', '\r') and not num.match(cell):
		                print('formula cell:', repr(cell)); sys.exit(1)
	PY
}
planted() { # planted FILE TEXT: the hostile text is there, as text
	checks=$((checks + 1))
	grep -qF -- "'$2" "$1" || fail "$1 lacks the neutralised '$2"
}

run classify-deficits --format csv
expect_rc 0
printf '%s\n' "$out" >classify.csv
safe classify.csv
planted classify.csv "+cmd|"

run map-to-teacher --format csv
expect_rc 0
printf '%s\n' "$out" >map.csv
safe map.csv
planted map.csv "@SUM(1+1)*cmd"

run order-training --format csv -o order.csv
expect_rc 0
safe order.csv
planted order.csv "@SUM(1+1)*cmd"

for k in schools teachers skills resources assessments; do
	run list "$k" --format csv
	expect_rc 0 "list $k"
	printf '%s\n' "$out" >"list-$k.csv"
	safe "list-$k.csv"
done
planted list-schools.csv "=HYPERLINK("
planted list-teachers.csv "@SUM(1+1)*cmd"

finish
