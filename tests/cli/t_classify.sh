#!/usr/bin/env bash
# mms classify-deficits and mms config thresholds on a small district whose
# answers are worked out below.
. "$MMS_SRC/tests/cli/lib.sh"

# Two schools: 001 with 5А, 5Б, 5В; 002 with 5А; 10 students a class.  Two
# tasks of level Б, 1 point each: task 1 checks skill 1.1, task 2 skill 1.2.
# How many of the 10 score on task 1 / task 2:
#   001 5А 5/1   001 5Б 5/9   001 5В 5/9   002 5А 5/9
# Skill 1.1: the district at 20/40 = 0.5 < 0.57, a district-wide deficit in
# every row.  Skill 1.2: the district at 28/40 = 0.7, school 001 at 19/30 =
# 0.633; 001 5А at 0.1 against the rest, 27/30 = 0.9: p̄ = 0.7,
# se = sqrt(0.21 · (1/10 + 1/30)) = 0.167332, z = −4.7809, p = 8.7e−7; with
# the 8 class × skill tests BH gives q = 7.0e−6: class-specific.  The other
# classes (0.9) have one student below half each: individual, no deficit.
cat >roster.csv <<'EOF'
Код ОО;Школа;Учитель;Предмет;Классы
001;МБОУ «Кириковская СОШ»;Иванова Анна Петровна;Математика;5А,5Б,5В
002;МБОУ «Чайдинская ООШ»;Сидорова Мария Ивановна;Математика;5А
EOF
cat >spec.csv <<'EOF'
Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения
1;1;Б;1.1;Развитие представлений о числе;предметное
2;1;Б;1.2;Решать задачи на покупки;метапредметное (познавательные УУД)
EOF
# gen FILE CLASS K1 K2 ...: 10 students a class, the first K1 score on task 1.
gen() {
	local f=$1 c k1 k2 i
	shift
	echo "Код участника;Класс;1;2" >"$f"
	while [ $# -gt 0 ]; do
		c=$1 k1=$2 k2=$3
		shift 3
		for i in 0 1 2 3 4 5 6 7 8 9; do
			echo "$c$i;$c;$((i < k1 ? 1 : 0));$((i < k2 ? 1 : 0))" >>"$f"
		done
	done
}
gen s001.csv 5А 5 1 5Б 5 9 5В 5 9
gen s002.csv 5А 5 9

run classify-deficits -h
expect_rc 0 "help"
expect_out "usage: mms classify-deficits [--assessment ID] [--level class|school|district] [--only-deficits] [--format table|csv|json] [--quiet]"

run classify-deficits
expect_rc 66 "no database yet"
expect_err "no database at '$MMS_DB': mms init creates one"
# only init creates a database: an import does not
run import-roster -q roster.csv
expect_rc 66 "an import before init"
checks=$((checks + 1))
[ ! -e "$MMS_DB" ] || fail "an import created a database"
run init -q

run import-roster -q roster.csv
expect_rc 0 "roster"
run import-spec -q --assessment vpr-m5 --subject Математика --grade 5 --date 2026-04-15 spec.csv
expect_rc 0 "spec"

# Nothing to classify yet.
run classify-deficits --assessment vpr-m5
expect_rc 65 "no results"
expect_err "assessment 'vpr-m5' has no results to classify"
run classify-deficits --assessment nope
expect_rc 65 "unknown assessment"
expect_err "there is no assessment 'nope'"
run classify-deficits
expect_rc 0 "nothing at all"
expect_out "nothing to show"
expect_same "$(sql "select count(*) from deficit_run")" 0 "no run without results"
expect_same "$(sql "select count(*) from import_log where command = 'classify-deficits'")" 0 \
	"a classification that stored nothing in the history"

run import-results -q --assessment vpr-m5 --school 001 s001.csv
expect_rc 0 "results 001"
run import-results -q --assessment vpr-m5 --school 002 s002.csv
expect_rc 0 "results 002"

# The transactions of the classification and of an import of results check no
# foreign keys: their rows' parents are the ones they found (the statements
# before the BEGIN turn them off); the classification's no CHECK constraints
# either (its rows hold the code's own verdicts and kinds), the import's do
# (its rows hold what the files said); the roster's keeps both; mms check
# finds every key in place.
trusted() { # trusted WHAT CHECKS: the pragmas just before the last command's BEGIN
	checks=$((checks + 1))
	printf '%s\n' "$err" | cut -f2- | grep -B2 -m1 "^BEGIN IMMEDIATE" | head -2 >"$MMS_TMP/before"
	grep -q "^PRAGMA foreign_keys=OFF" "$MMS_TMP/before" ||
		fail "the transaction of $1 checks foreign keys"
	checks=$((checks + 1))
	if [ "$2" = unchecked ]; then
		grep -q "^PRAGMA ignore_check_constraints=ON" "$MMS_TMP/before" ||
			fail "the transaction of $1 checks CHECK constraints"
	else
		grep -q "ignore_check_constraints" "$MMS_TMP/before" &&
			fail "the transaction of $1 checks no CHECK constraints"
	fi
}
MMS_SQL_PROFILE=1 run classify-deficits -q
expect_rc 0 "classify, profiled"
trusted "the classification" unchecked
MMS_SQL_PROFILE=1 run import-results -q --assessment vpr-m5 --school 002 s002.csv
expect_rc 0 "results 002 again, profiled"
trusted "an import of results" checked
MMS_SQL_PROFILE=1 run import-roster -q roster.csv
expect_rc 0 "the roster again, profiled"
checks=$((checks + 1))
printf '%s\n' "$err" | grep -q "foreign_keys=OFF\|ignore_check_constraints" &&
	fail "the roster's transaction checks no foreign keys or CHECK constraints"
run check
expect_rc 0 "check after them"

# JSON: one object a line, the contract's fields.
run classify-deficits --format json
expect_rc 0 "json"
expect_no_err
expect_same "$(printf '%s\n' "$out" | grep -c '"level": ')" 14 "2 district + 4 school + 8 class rows"
line() { # line PATTERN...: the JSON lines matching every pattern
	local l=$out p
	for p in "$@"; do l=$(printf '%s\n' "$l" | grep -F -- "$p"); done
	printf '%s\n' "$l"
}
d11=$(line '"level": "district"' '"skill": "1.1"')
for f in '"assessment": "vpr-m5"' '"subject": "Математика"' '"skill_text": "Развитие представлений о числе"' \
	'"skill_kind": "subject"' '"school": null' '"class": null' '"n": 40' '"success": 0.5' \
	'"ci_low": 0.35199' '"ci_high": 0.64800' '"threshold": 0.57' '"deficit": true' \
	'"spread": "district"' '"persistence": "new"'; do
	checks=$((checks + 1))
	case "$d11" in *"$f"*) ;; *) fail "district 1.1 lacks $f: $d11" ;; esac
done
c12=$(line '"level": "class"' '"school": "001"' '"class": "5А"' '"skill": "1.2"')
for f in '"skill_kind": "meta"' '"n": 10' '"success": 0.1' '"deficit": true' '"spread": "class"' \
	'"p_value": 8.72' '"q_value": 6.97' '"students_below_half": 9'; do
	checks=$((checks + 1))
	case "$c12" in *"$f"*) ;; *) fail "001 5А 1.2 lacks $f: $c12" ;; esac
done
c12b=$(line '"level": "class"' '"school": "001"' '"class": "5Б"' '"skill": "1.2"')
for f in '"deficit": false' '"verdict": "sufficient"' '"spread": "individual"' '"persistence": null'; do
	checks=$((checks + 1))
	case "$c12b" in *"$f"*) ;; *) fail "001 5Б 1.2 lacks $f: $c12b" ;; esac
done
s12=$(line '"level": "school"' '"school": "001"' '"skill": "1.2"')
checks=$((checks + 1))
case "$s12" in *'"success": 0.6333'*'"class": null'*) ;; *'"class": null'*'"success": 0.6333'*) ;; *) fail "school 001 1.2: $s12" ;; esac

# Students below half stored: 1.1: 20, 1.2: 9 + 1 + 1 + 1 = 12.
expect_same "$(sql "select count(*) from student_deficit where run_id = 1")" 32 "students below half"
expect_same "$(sql "select count(*) from (select distinct school_id, code from student_deficit where run_id = 1)")" 24 "students below on something: 9 + 5 + 5 + 5"
expect_same "$(sql "select count(*) from student_below where run_id = 1")" 4 "a row a class with a student below half"
expect_same "$(sql "select group_concat(d.success, ' ') from student_deficit d join school s on s.id = d.school_id where d.run_id = 1 and s.code = '001' and d.code = '5А9'")" "0.0 0.0" "5А9 of 001 is below on both"

# Filters, and the table.
run classify-deficits --level class --only-deficits
expect_rc 0 "table"
expect_out "classes (thresholds version 1)"
expect_out "class-specific"
expect_out "district-wide"
checks=$((checks + 1))
case "$out" in *sufficient*) fail "--only-deficits shows a sufficient row" ;; esac
checks=$((checks + 1))
case "$out" in *"district (thresholds"* | *"schools (thresholds"*) fail "--level class shows other levels" ;; esac
# Worst first: 001 5А on 1.2 (0.1) is the first row.
checks=$((checks + 1))
[ "$(printf '%s\n' "$out" | sed -n 4p | grep -c "5А.*1\\.2.*10[.,]0")" = 1 ] || fail "worst first"
# Aligned by screen width (Cyrillic is one column): every row as wide as the rule.
width=$(printf '%s\n' "$out" | sed -n 3p | wc -L)
checks=$((checks + 1))
printf '%s\n' "$out" | sed -n '2,$p' | while IFS= read -r l; do
	[ "$(printf '%s' "$l" | wc -L)" -eq "$width" ] || echo "misaligned: $l"
done | grep -q misaligned && fail "table columns are not aligned"

# CSV for Excel: BOM, ';', decimal comma.
run classify-deficits --format csv --level district
expect_rc 0 "csv"
checks=$((checks + 1))
[ "$(head -c 3 "$MMS_TMP/stdout" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no byte order mark"
# the table's columns and words, rates in % with one decimal
expect_out "level;assessment;kind of assessment;subject;grade;date;school;school name;class;skill;what it checks;kind;n;success, %;interval from, %;interval to, %;task level;threshold, %;sufficient from, %;verdict;spread;persistence;below 50 %;"
expect_out "district;vpr-m5;ВПР;Математика;5;2026-04-15;;;;1.1;Развитие представлений о числе;subject-specific;40;50,0;35,2;64,8;Б;57,0;60,0;"
expect_same "$(printf '%s\n' "$out" | wc -l)" 3 "header and two rows"

# Bad options.
run classify-deficits --level region
expect_rc 64 "bad level"
expect_err "unknown level 'region'"
run classify-deficits --format xml
expect_rc 64 "bad format"
run classify-deficits extra
expect_rc 64 "extra argument"

# Runs are kept: --quiet prints nothing and adds a run; the first is unchanged.
before=$(sql "select * from deficit_result where run_id = 1 order by level, skill_id, school_id, class_id")
runs=$(sql "select count(*) from deficit_run")
run classify-deficits --quiet
expect_rc 0 "quiet"
expect_no_out
expect_same "$(sql "select count(*) from deficit_run")" $((runs + 1)) "a new run"
expect_same "$(sql "select * from deficit_result where run_id = 1 order by level, skill_id, school_id, class_id")" "$before" "the first run unchanged"

# Thresholds: a new version changes the verdicts of new runs only.
run config thresholds
expect_rc 0 "list thresholds"
expect_out "ФИОКО"
expect_out "57 %"
run config thresholds --basic-insufficient 45 --basic-sufficient 50 --note "test"
expect_rc 0 "add thresholds"
expect_out "thresholds version 2 added: Б 45–50 %, П/В 28${DP}5–30 %, at least 10 participants"
run config thresholds --basic-insufficient 55 --basic-sufficient 50
expect_rc 64 "insufficient above sufficient"
run config thresholds --min-n 0
expect_rc 64 "min n 0"
run config thresholds --basic-sufficient 1,5x
expect_rc 64 "not a number"
run config nothing
expect_rc 64 "unknown setting"
expect_same "$(sql "select count(*) from threshold_version")" 2 "only one version added"
run config thresholds --quiet
expect_rc 0 "thresholds --quiet"
expect_no_out
expect_no_err
expect_same "$(sql "select count(*) from threshold_version")" 2 "--quiet alone added a version"
run config thresholds -q --min-n 0
expect_rc 64 "-q keeps the errors"
expect_err "--min-n '0'"
run classify-deficits --format json --level district
expect_rc 0 "json v2"
d11=$(line '"skill": "1.1"')
checks=$((checks + 1))
case "$d11" in *'"deficit": false'*'"verdict": "sufficient"'*'"thresholds_version": 2'*) ;; *) fail "v2 verdict: $d11" ;; esac
expect_same "$(sql "select verdict from deficit_result r join skill k on k.id = r.skill_id where run_id = 1 and level = 'district' and k.code = '1.1'")" deficit "run 1 keeps its verdict"

# Persistence: the same results half a year later are recurrent deficits.
run config thresholds -q --basic-insufficient 57 --basic-sufficient 60 --note "back"
expect_rc 0 "back to 57/60, -q"
expect_no_out
expect_no_err
expect_same "$(sql "select id || ' ' || note || ' ' || basic_insufficient from threshold_version order by id desc limit 1")" "3 back 0.57" "-q did not add the version"
# the КДР checks the skills of the ВПР's description: the same code system
run import-spec -q --assessment kdr-m5 --kind КДР --subject Математика --grade 5 --date 2026-10-01 \
	--codes ВПР-5 spec.csv
expect_rc 0 "second spec"
run import-results -q --assessment kdr-m5 --school 001 s001.csv
expect_rc 0 "second results 001"
run import-results -q --assessment kdr-m5 --school 002 s002.csv
expect_rc 0 "second results 002"
run classify-deficits --format json --only-deficits
expect_rc 0 "both assessments"
k11=$(line '"assessment": "kdr-m5"' '"level": "district"' '"skill": "1.1"')
checks=$((checks + 1))
case "$k11" in *'"persistence": "recurrent"'*) ;; *) fail "kdr district 1.1 not recurrent: $k11" ;; esac
k12=$(line '"assessment": "kdr-m5"' '"class": "5А"' '"school": "001"' '"skill": "1.2"')
checks=$((checks + 1))
case "$k12" in *'"spread": "class"'*'"persistence": "recurrent"'*) ;; *) fail "kdr 001 5А 1.2: $k12" ;; esac
v11=$(line '"assessment": "vpr-m5"' '"level": "district"' '"skill": "1.1"')
checks=$((checks + 1))
case "$v11" in *'"persistence": "new"'*) ;; *) fail "vpr district 1.1 not new: $v11" ;; esac
# The earlier assessment comes first.
checks=$((checks + 1))
[ "$(printf '%s\n' "$out" | sed -n 2p | grep -c vpr-m5)" = 1 ] || fail "assessments by date"

# A КДР of its own code system numbers its requirements its own way: 7 and 8 are
# not the ВПР's 1.1 and 1.2, so nothing recurs ...
sed -e 's/;1\.1;/;7;/' -e 's/;1\.2;/;8;/' spec.csv >spec-kdr.csv
run import-spec -q --assessment kdr2-m5 --kind КДР --subject Математика --grade 5 --date 2027-02-01 \
	spec-kdr.csv
expect_rc 0 "a spec of its own codes"
run import-results -q --assessment kdr2-m5 --school 001 s001.csv
run import-results -q --assessment kdr2-m5 --school 002 s002.csv
run classify-deficits --format json --only-deficits --assessment kdr2-m5
expect_rc 0 "kdr2"
checks=$((checks + 1))
case "$(line '"level": "district"' '"skill": "7"')" in *'"persistence": "new"'*) ;;
*) fail "kdr2 7 recurrent before any link: $(line '"level": "district"' '"skill": "7"')" ;; esac
# ... until a codifier says which КЭС each checks: then 7 is 1.1's КЭС 1.2 again
printf 'Код;Проверяемое умение;Коды кодификатора\n1.1;Развитие представлений о числе;1.2\n' >links-vpr.csv
printf 'Код;Проверяемое умение;Коды кодификатора\n7;Развитие представлений о числе;1.2\n' >links-kdr.csv
run import-codifier --codes ВПР-5 --subject Математика --links КЭС-ООО links-vpr.csv
expect_rc 0 "the ВПР's links"
expect_out "1 codes (0 new, 0 given their wording), 0 headings, 1 links"
run import-codifier --codes КДР-5 --subject Математика --links КЭС-ООО links-kdr.csv
expect_rc 0 "the КДР's links"
run classify-deficits --format json --only-deficits --assessment kdr2-m5
checks=$((checks + 1))
case "$(line '"level": "district"' '"skill": "7"')" in *'"persistence": "recurrent"'*) ;;
*) fail "kdr2 7 not recurrent through the codifier: $(line '"level": "district"' '"skill": "7"')" ;; esac
checks=$((checks + 1))
case "$(line '"class": "5А"' '"skill": "8"')" in *'"persistence": "new"'*) ;;
*) fail "kdr2 8 linked to nothing, yet recurrent" ;; esac
# one file for both descriptions' links, the code system a column of it
printf 'Система кодов;Код;Проверяемое умение;Коды кодификатора\nВПР-5;1.2;Решать задачи на покупки;3.4\nКДР-5;8;Решать задачи на покупки;3.4\n' >links-both.csv
run import-codifier --subject Математика --links КЭС-ООО links-both.csv
expect_rc 0 "the code system by a column"
expect_out "2 codes (0 new, 0 given their wording), 0 headings, 2 links"
run classify-deficits --format json --only-deficits --assessment kdr2-m5
checks=$((checks + 1))
case "$(line '"class": "5А"' '"skill": "8"')" in *'"persistence": "recurrent"'*) ;;
*) fail "kdr2 8 not recurrent through the codifier's file of both systems" ;; esac
run import-codifier --subject Математика links-vpr.csv
expect_rc 65 "no code system at all"
expect_err "no column Система кодов: give --codes SYSTEM"
# a codifier never rewords a code
printf 'Код;Проверяемое умение\n1.1;Другие слова\n' >reword.csv
run import-codifier --codes ВПР-5 --subject Математика reword.csv
expect_rc 65 "a codifier rewording a code"
expect_err "reword.csv:2: code '1.1' of the code system 'ВПР-5' is «Развитие представлений о числе», here «Другие слова»"

# "no deficits" only of groups judged: groups too small for a verdict are said to be
run config thresholds -q --min-n 1000 --note "too many"
run classify-deficits -q --assessment kdr2-m5
run classify-deficits --only-deficits --assessment kdr2-m5
expect_rc 0 "every group too small"
expect_out "no verdict: each of the"
expect_out "groups is too small to judge"
checks=$((checks + 1))
case "$out" in *"no deficits"*) fail "no deficits said of groups too small to judge" ;; esac
finish
