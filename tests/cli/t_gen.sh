#!/usr/bin/env bash
# mms-gen-district: the demo district (15 rural schools, two school years) is
# the same for the same seed, its files are what Excel on Windows writes
# (Windows-1251, ';', CRLF; the descriptions UTF-8 with a BOM), its headers are
# those of the real exports, what it plants is written down in planted.tsv,
# and mms imports the roster (both school years) and the descriptions.
. "$MMS_SRC/tests/cli/lib.sh"

gen() { # gen ARGS...: runs the generator, keeping its exit code in $rc
	"$MMS_GEN" "$@" >"$MMS_TMP/stdout" 2>"$MMS_TMP/stderr"
	rc=$?
	out=$(cat "$MMS_TMP/stdout")
	err=$(cat "$MMS_TMP/stderr")
}

check() { # check WHAT COMMAND...: one check that COMMAND succeeds
	local what=$1
	shift
	checks=$((checks + 1))
	"$@" >/dev/null 2>&1 || fail "$what"
}

check_not() { # check_not WHAT COMMAND...: one check that COMMAND fails
	local what=$1
	shift
	checks=$((checks + 1))
	! "$@" >/dev/null 2>&1 || fail "$what"
}

# line_of FILE [N]: line N (default 1) of a Windows-1251 file, in UTF-8, CR kept
line_of() {
	sed -n "${2:-1}p" "$1" | iconv -f CP1251 -t UTF-8
}

# --- usage -------------------------------------------------------------------
gen
expect_rc 64 "no --out"
expect_err "--out DIR is required"
gen --seed x --out a
expect_rc 64 "bad seed"
gen --frobnicate
expect_rc 64 "unknown option"
gen --help
expect_rc 0
expect_out "usage: mms-gen-district [--seed N] [--region [--scale K]] [--xlsx] [--signs] --out DIR"
expect_out "mms-gen-district [--seed N] --big-workbook N [--shared-strings] --out DIR"
gen --shared-strings --out e
expect_rc 64 "--shared-strings without --big-workbook"
gen --big-workbook 10 --xlsx --out e
expect_rc 64 "--big-workbook with --xlsx"
expect_err "--big-workbook goes with neither --region nor --xlsx"
gen --scale 2 --out e
expect_rc 64 "--scale without --region"
expect_err "--scale goes with --region"
gen --region --scale 0 --out e
expect_rc 64 "--scale 0"
expect_err "--scale '0' is not a number from 1 to 20"
gen --region --scale 21 --out e
expect_rc 64 "--scale 21"
gen --big-workbook 0 --out e
expect_rc 64 "--big-workbook 0"
gen --big-workbook 2000000 --out e
expect_rc 64 "--big-workbook past Excel's rows"

# --- determinism -------------------------------------------------------------
gen --seed 7 --out a
expect_rc 0 "seed 7"
gen --seed 7 --out b
expect_rc 0 "seed 7 again"
check "the same seed gives the same files" diff -r a b
gen --seed 8 --out c
expect_rc 0 "seed 8"
check_not "another seed gives other results" \
	cmp a/results/vpr-2026-math-5/edu249001.csv c/results/vpr-2026-math-5/edu249001.csv
gen --out d
expect_rc 0 "default seed"

d=a
math=$d/results/vpr-2026-math-5
assessments="vpr-2026-math-5 vpr-2026-rus-5 vpr-2027-math-5 vpr-2027-math-6"
for f in roster.csv README.txt assessments.tsv planted.tsv; do
	check "$f exists" test -s "$d/$f"
done
for a in $assessments; do
	check "spec/$a.csv exists" test -s "$d/spec/$a.csv"
	n=$(ls "$d/results/$a"/edu*.csv | wc -l)
	expect_same "$n" 14 "$a: 14 ФИС ОКО files, got $n"
	check "$a: the plain file" test -s "$d/results/$a/plain-edu249008.csv"
done

# --- encodings and line ends -------------------------------------------------
for f in "$d/roster.csv" "$d"/results/*/*.csv; do
	check "${f#$d/} is valid Windows-1251" iconv -f CP1251 -t UTF-8 "$f"
	check_not "${f#$d/} is not UTF-8" iconv -f UTF-8 -t UTF-8 "$f"
	n=$(grep -vc $'\r$' "$f")
	expect_same "$n" 0 "${f#$d/}: $n lines without CRLF"
done
for f in "$d"/spec/*.csv; do
	expect_same "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" efbbbf "${f#$d/}: no BOM"
	check "${f#$d/} is UTF-8" iconv -f UTF-8 -t UTF-8 "$f"
	n=$(grep -vc $'\r$' "$f")
	expect_same "$n" 0 "${f#$d/}: $n lines without CRLF"
done

# --- headers -----------------------------------------------------------------
cr=$'\r'
expect_same "$(line_of "$d/roster.csv")" \
	"Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж;Учебный год$cr" \
	"roster header"
years=$(iconv -f CP1251 -t UTF-8 "$d/roster.csv" | sed 1d | awk -F';' '{ print $8 }' |
	tr -d '\r' | sort -u | tr '\n' ' ')
expect_same "$years" "2025/2026 2026/2027 " "the roster's school years: $years"
expect_same "$(head -1 "$d/spec/vpr-2026-math-5.csv")" \
	$'\xef\xbb\xbf'"Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения$cr" \
	"spec header"
expect_same "$(line_of "$math/edu249001.csv" 1)" "Индивидуальные результаты$cr" "title line 1"
expect_same "$(line_of "$math/edu249001.csv" 2)" "ВПР 2026 Математика 5 класс$cr" "title line 2"
expect_same "$(line_of "$math/edu249001.csv" 3)" "Предмет:;Математика$cr" "title line 3"
expect_same "$(line_of "$math/edu249001.csv" 4)" "Максимальный первичный балл:;20$cr" "title line 4"
expect_same "$(line_of "$math/edu249001.csv" 5)" "Дата:;15.04.2026$cr" "title line 5"
expect_same "$(line_of "$math/edu249001.csv" 6)" "$cr" "title line 6 is empty"
levels=$(line_of "$math/edu249001.csv" 7)
case $levels in
";;;;;Уровень сложности задания;Б;Б;Б;"*) ;;
*) checks=$((checks + 1)); fail "levels row: $levels" ;;
esac
header=$(line_of "$math/edu249001.csv" 8)
case $header in
"ОО;Муниципалитет;Название ОО;Код участника;Класс;Вариант;1 (1б);2 (1б);3 (1б);4.1 (1б);"*"9К1 (2б);"*";Первичный балл;Отметка;Отметка по журналу$cr") ;;
*) checks=$((checks + 1)); fail "results header: $header" ;;
esac
group=$(line_of "$math/edu249001.csv" 9)
case $group in
"МБОУ «Берёзовская СОШ»(edu249001) | Кол-во участников: "[0-9]*) ;;
*) checks=$((checks + 1)); fail "the school's group row: $group" ;;
esac
# ФИС ОКО numbers a school's classes: 1 is 5А
row=$(line_of "$math/edu249001.csv" 10)
case $row in
"edu249001;Сосновский МО;МБОУ «Берёзовская СОШ»(edu249001);"*";1;"*) ;;
*) checks=$((checks + 1)); fail "first student row: $row" ;;
esac
plain=$(line_of "$math/plain-edu249008.csv")
case $plain in
"Код участника;Класс;1;2;3;4.1;4.2;5;"*) ;;
*) checks=$((checks + 1)); fail "plain header: $plain" ;;
esac

# every row has as many fields as the header; the markers are there
all=$(for f in "$d"/results/*/edu*.csv; do iconv -f CP1251 -t UTF-8 "$f" | sed 1,9d; done)
bad=$(for f in "$d"/results/*/edu*.csv; do
	iconv -f CP1251 -t UTF-8 "$f" | awk -F';' -v f="$f" \
		'NR == 8 { n = NF } NR > 8 && NF != n { print f ":" NR }'
done)
expect_same "$bad" "" "rows with a wrong number of fields: $bad"
for marker in ';отсутствовал;' ';X;' ';-;' ',5;'; do
	checks=$((checks + 1))
	case $all in *"$marker"*) ;; *) fail "no '$marker' in the results" ;; esac
done

# participant codes: digits, unique within an assessment
for a in $assessments; do
	codes=$(for f in "$d/results/$a"/edu*.csv; do
		iconv -f CP1251 -t UTF-8 "$f" | sed 1,9d | cut -d';' -f4
	done
		sed 1d "$d/results/$a/plain-edu249008.csv" | cut -d';' -f1)
	expect_same "$(printf '%s\n' "$codes" | grep -vc '^[0-9]\+$')" 0 "$a: codes not all digits"
	expect_same "$(printf '%s\n' "$codes" | sort | uniq -d)" "" "$a: duplicate codes"
done

# the planted truths are written down: planted.tsv (UTF-8, tabs) and README.txt
check "planted.tsv is UTF-8" iconv -f UTF-8 -t UTF-8 "$d/planted.tsv"
expect_same "$(head -1 "$d/planted.tsv" | cut -f1-11)" \
	"$(printf 'kind\tassessment\tschool_code\tteacher\tsubject\tskill\tspread\tsole_teacher\tsame_teacher_earlier\tcohort_earlier\thypothesis')" \
	"planted.tsv header"
bad=$(awk -F'\t' 'NR == 1 { n = NF } NF != n { print NR }' "$d/planted.tsv")
expect_same "$bad" "" "planted.tsv lines with a wrong number of fields: $bad"
kinds() { awk -F'\t' -v k="$1" 'NR > 1 && $1 == k' "$d/planted.tsv" | wc -l; }
checks=$((checks + 1))
[ "$(kinds sole)" -ge 4 ] || fail "fewer than 4 sole-teacher plants"
checks=$((checks + 1))
[ "$(kinds one_of_two)" -ge 2 ] || fail "fewer than 2 one-of-two plants"
for k in same_teacher cohort school district district_teacher mentor; do
	checks=$((checks + 1))
	[ "$(kinds $k)" -ge 1 ] || fail "no $k plant"
done
expect_same "$(awk -F'\t' 'NR > 1 && $11 == 1' "$d/planted.tsv" | wc -l)" 14 \
	"planted teacher hypotheses"
expect_same "$(awk -F'\t' '$1 == "same_teacher" { print $2, $9, $10, $11 }' "$d/planted.tsv")" \
	"vpr-2027-math-5 1 0 1" "the same teacher's plant"
expect_same "$(awk -F'\t' '$1 == "cohort" { print $2, $9, $10, $11 }' "$d/planted.tsv")" \
	"vpr-2027-math-6 0 1 1" "the cohort's plant"
expect_same "$(awk -F'\t' '($1 == "school" || $1 == "district") && ($4 != "" || $11 != 0)' \
	"$d/planted.tsv")" "" "school and district plants name no teacher"
# every teacher named is in the roster, at that school
roster=$(iconv -f CP1251 -t UTF-8 "$d/roster.csv")
missing=$(awk -F'\t' 'NR > 1 && $4 != "" { print $3 ";" $4 }' "$d/planted.tsv" | sort -u |
	while IFS=';' read -r school teacher; do
		case $roster in *"$school;"*";$teacher;"*) ;; *) echo "$teacher" ;; esac
	done)
expect_same "$missing" "" "planted teachers not in the roster: $missing"
check "README.txt says what was planted" grep -q '^Заложено в данные' "$d/README.txt"
check "README.txt names a planted teacher" grep -q 'Павлова Галина Ивановна' "$d/README.txt"
check "another seed plants the same" cmp <(cut -f1-11 "$d/planted.tsv") <(cut -f1-11 c/planted.tsv)

# --- --xlsx: the same tables as Excel workbooks ------------------------------
gen --seed 7 --xlsx --out ax
expect_rc 0 "seed 7 --xlsx"
gen --seed 7 --xlsx --out bx
expect_rc 0 "seed 7 --xlsx again"
check "the same seed gives the same workbooks" diff -r ax bx
expect_same "$(find ax -name '*.csv' | wc -l)" 0 "--xlsx writes no CSV"
check "--xlsx plants the same" cmp a/planted.tsv ax/planted.tsv
expect_same "$(sed 's/\.csv\t/.xlsx\t/' a/assessments.tsv)" "$(cat ax/assessments.tsv)" \
	"assessments.tsv names the workbooks"

# sheets IN ORDER of workbook F, as "name,name"
sheets() {
	unzip -p "$1" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//;s/"$//' |
		paste -sd, -
}
# rows ROWS of sheet N of workbook F that have a cell
xrows() { unzip -p "$1" "xl/worksheets/sheet$2.xml" | grep -o '<row ' | wc -l; }

check "roster.xlsx exists" test -s ax/roster.xlsx
check "roster.xlsx is a ZIP archive" unzip -l ax/roster.xlsx
expect_same "$(sheets ax/roster.xlsx)" "Справка,Кадры" "roster.xlsx: a sheet of notes, then Кадры"
expect_same "$(xrows ax/roster.xlsx 2)" "$(wc -l <a/roster.csv)" "roster.xlsx: as many rows as roster.csv"
expect_same "$(unzip -p ax/roster.xlsx xl/sharedStrings.xml | grep -c 'Педагогический стаж')" 1 \
	"roster.xlsx: the roster's header"
for a in $assessments; do
	check "spec/$a.xlsx is a ZIP archive" unzip -l "ax/spec/$a.xlsx"
	expect_same "$(sheets "ax/spec/$a.xlsx")" "Спецификация" "spec/$a.xlsx: its sheet"
	expect_same "$(xrows "ax/spec/$a.xlsx" 1)" "$(wc -l <"a/spec/$a.csv")" "spec/$a.xlsx: its rows"
	n=$(ls "ax/results/$a"/edu*.xlsx | wc -l)
	expect_same "$n" 14 "$a: 14 ФИС ОКО workbooks, got $n"
	csvn=0
	xn=0
	for f in "a/results/$a"/edu*.csv; do
		x=ax/${f#a/}
		x=${x%.csv}.xlsx
		check "${x#ax/} is a ZIP archive" unzip -l "$x"
		expect_same "$(sheets "$x")" "Лист1" "${x#ax/}: the sheet Лист1"
		# CSV: the title block, header and group row are 9 lines; the workbook has no row 6
		csvn=$((csvn + $(wc -l <"$f") - 9))
		xn=$((xn + $(xrows "$x" 1) - 8))
	done
	f=a/results/$a/plain-edu249008.csv
	x=ax/results/$a/plain-edu249008.xlsx
	check "$a: the plain workbook is a ZIP archive" unzip -l "$x"
	expect_same "$(sheets "$x")" "Справка,Результаты" "$a: the plain workbook's sheets"
	csvn=$((csvn + $(wc -l <"$f") - 1))
	xn=$((xn + $(xrows "$x" 2) - 1))
	expect_same "$xn" "$csvn" "$a: $xn participants in the workbooks, $csvn in the CSV files"
done
sheet=$(unzip -p ax/results/vpr-2026-math-5/edu249001.xlsx xl/worksheets/sheet1.xml)
styles=$(unzip -p ax/results/vpr-2026-math-5/edu249001.xlsx xl/styles.xml)
for what in '<mergeCell ref="A1:F1"/>' '<mergeCell ref="A2:F2"/>' \
	'<c r="B4"><v>20</v></c>' '<c r="B5" s="2"><v>46127</v></c>' '<c r="D10" t="s">' \
	'<c r="E10"><v>1</v></c>' '.5</v></c>'; do
	checks=$((checks + 1))
	case $sheet in *"$what"*) ;; *) fail "the ФИС ОКО workbook lacks $what" ;; esac
done
checks=$((checks + 1))
case $styles in *'formatCode="dd.mm.yyyy"'*) ;; *) fail "no date format in the workbook" ;; esac

# --- --big-workbook: one ФИС ОКО workbook and its CSV twin ----------------------
gen --big-workbook 130 --out big
expect_rc 0 "--big-workbook 130"
for f in big.xlsx big.csv roster.csv spec/vpr-2026-math-5.csv assessments.tsv README.txt; do
	check "big/$f exists" test -s "big/$f"
done
expect_same "$(sheets big/big.xlsx)" "Лист1" "big.xlsx: one sheet Лист1"
expect_same "$(($(wc -l <big/big.csv) - 8))" 130 "big.csv: 130 participants"
expect_same "$(($(xrows big/big.xlsx 1) - 7))" 130 "big.xlsx: 130 participants"
expect_same "$(cut -f6,7 big/assessments.tsv | sed 1d)" "spec/vpr-2026-math-5.csv	big.csv" \
	"big/assessments.tsv"
gen --big-workbook 130 --shared-strings --out bigs
expect_rc 0 "--big-workbook 130 --shared-strings"
check "the same rows either way" cmp big/big.csv bigs/big.csv
check "--shared-strings: a shared strings table" unzip -l bigs/big.xlsx xl/sharedStrings.xml
check_not "inline strings: none" unzip -l big/big.xlsx xl/sharedStrings.xml
expect_same "$(($(xrows bigs/big.xlsx 1) - 7))" 130 "big.xlsx with shared strings: 130 participants"

# --- mms reads them ----------------------------------------------------------
run init --quiet
expect_rc 0 "init"
run import-roster "$d/roster.csv"
expect_rc 0 "import-roster of the generated roster"
expect_no_err
expect_same "$(sql 'SELECT count(*) FROM school')" 15 "15 schools"
teachers=$(sql 'SELECT count(*) FROM teacher')
checks=$((checks + 1))
[ "$teachers" -ge 100 ] && [ "$teachers" -le 130 ] || fail "$teachers teachers, not about 115"
checks=$((checks + 1))
[ "$(sql 'SELECT count(*) FROM teacher WHERE birth_year > 1992 AND experience <= 3')" -ge 3 ] ||
	fail "fewer than 3 young teachers"
# who teaches mathematics in 5В of edu249002: one teacher a school year
math5v() {
	sql "SELECT t.full_name FROM teacher t JOIN school s ON s.id = t.school_id
	JOIN teaching g ON g.teacher_id = t.id JOIN class c ON c.id = g.class_id
	JOIN subject j ON j.id = g.subject_id
	WHERE s.code = 'edu249002' AND c.label = '5В' AND j.name = 'Математика'
	AND g.year = '$1'"
}
expect_same "$(math5v 2025/2026)" "Соловьёва Дарья Андреевна" "mathematics in 5В, 2025/2026"
expect_same "$(math5v 2026/2027)" "Белов Андрей Михайлович" "mathematics in 5В, 2026/2027"
# a primary-school way: one teacher of both subjects in one class
expect_same "$(sql "SELECT count(DISTINCT j.name) FROM teacher t JOIN teaching g
	ON g.teacher_id = t.id JOIN subject j ON j.id = g.subject_id JOIN class c ON c.id = g.class_id
	WHERE t.full_name = 'Голубева Елена Николаевна' AND c.label = '5А'
	AND j.name IN ('Математика', 'Русский язык')")" 2 "one teacher of both subjects"

while IFS=$'\t' read -r id kind subject grade date spec res codes; do
	case $id in '#'*) continue ;; esac
	run import-spec --assessment "$id" --kind "$kind" --subject "$subject" --grade "$grade" \
		--date "$date" --codes "$codes" "$d/$spec"
	expect_rc 0 "import-spec $id"
	expect_no_err
done <"$d/assessments.tsv"
expect_same "$(sql "SELECT count(*) FROM task t JOIN assessment a ON a.id = t.assessment_id
	WHERE a.code = 'vpr-2026-math-5'")" 15 "tasks of vpr-2026-math-5"
expect_same "$(sql "SELECT sum(max_score) FROM task t JOIN assessment a ON a.id = t.assessment_id
	WHERE a.code = 'vpr-2026-math-5'")" 20.0 "points of vpr-2026-math-5"
expect_same "$(sql "SELECT group_concat(code, ',') FROM (SELECT s.code FROM task_skill ts
	JOIN task t ON t.id = ts.task_id JOIN skill s ON s.id = ts.skill_id
	JOIN assessment a ON a.id = t.assessment_id
	WHERE a.code = 'vpr-2026-math-5' AND t.label = '2' ORDER BY s.code)")" "1.2,7.5.2" \
	"task 2 checks two skills"
expect_same "$(sql "SELECT count(DISTINCT kind) FROM skill")" 3 "all three kinds of skill"

finish
