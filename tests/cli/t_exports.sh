#!/usr/bin/env bash
# Results as exported: the ФИС ОКО report «Индивидуальные результаты» (Ф1) of a
# municipality, the «Форма сбора результатов» with its sheet «Классы», a region's
# exports of three shapes, every marker, the РЦОИ protocols of ОГЭ (exam blocks,
# names instead of codes) and the reports that are not results.  The fixtures are
# invented values in the real headers, title rows, gaps and markers
# (tests/data/exports); each imports as exported, without a hand edit.
. "$MMS_SRC/tests/cli/lib.sh"
D="$DATA/exports"

book() { # book OUT.xlsx ARGS...: mkbook, failing the test if it fails
	"$MKBOOK" "$@" || fail "mkbook $1"
}
participants() { # participants WHERE: how many participants of vpr-m5 match
	sql "select count(*) from participant p join assessment a on a.id = p.assessment_id
	     join school s on s.id = p.school_id left join class c on c.id = p.class_id
	     where a.code = 'vpr-m5' and $1"
}

run init -q
to1251 "$D/roster.csv" >roster.csv
run import-roster -q roster.csv
expect_rc 0 "roster with codes of ФИС ОКО, the region and РЦОИ"
run import-spec -q --assessment vpr-m5 --subject Математика --grade 5 "$DATA/results/spec.csv"
expect_rc 0 "spec"
run import-spec -q --assessment oge-m9 --kind ОГЭ --subject Математика --grade 9 \
	"$DATA/results/spec-oge.csv"
expect_rc 0 "oge spec"

# --- Ф1 of a municipality: title block, levels, group rows, Класс an ordinal ----
book f1.xlsx "МА 5 Индивидуальные результаты=$D/f1-municipality.tsv"
run import-results --assessment vpr-m5 --format json f1.xlsx
expect_rc 0 "Ф1"
expect_no_err
expect_out '"students": 6'
expect_out '"scores": 18'
expect_out '"not_attempted": 1'
expect_out '"inserted": 6'
expect_same "$(participants "s.code = 'edu241001' and c.label = '5Б'")" 2 "Ф1: ordinal 2 is 5Б"
expect_same "$(participants "s.code = 'edu241002' and c.label = '5А'")" 2 "Ф1: the only class"
expect_same "$(sql "select mark || '/' || journal_mark from participant where code = '51003'")" \
	"3/3" "marks kept"
run import-results --assessment vpr-m5 f1.xlsx
expect_out "edu241001: 1 → 5А, 2 → 5Б (the N-th class of the grade by letter)"
expect_out "edu241002: 1 → 5А (the N-th class of the grade by letter)"

# the same report as CSV from Windows, the school only in its group rows
to1251 "$D/f1-groups.csv" >f1-groups.csv
run import-results --assessment vpr-m5 --format json f1-groups.csv
expect_rc 0 "Ф1, schools by group rows"
expect_out '"students": 3'
expect_same "$(participants "p.code = '52101' and s.code = 'edu241002'")" 1 "the group row switches the school"

# --- the «Форма сбора результатов»: «Классы», template rows, the helper block ---
book form.xlsx "Протокол=$D/form-protocol.tsv" "Служебный=$D/form-service.tsv" \
	"Порядковый номер класса=$D/form-ordinals.tsv" "Классы=$D/form-classes.tsv"
run import-results --assessment vpr-m5 --school edu241001 --format json form.xlsx
expect_rc 0 "Форма сбора"
expect_no_err
expect_out '"students": 3'
expect_out '"absent": 1'
expect_out '"skipped_rows": 36'
expect_out '"source": "sheet"'
expect_same "$(participants "p.code in ('53001', '53002') and c.label = '5Б'")" 2 "«Классы»: 1 is Б"
expect_same "$(participants "p.code = '53004' and c.label = '5А'")" 1 "«Классы»: 2 is А"
expect_same "$(sql "select coalesce(journal_mark, 'none') from participant where code = '53003'")" \
	none "нет отметки"
# a test in two parts, the class as «Класс № (…)», Пол
book two.xlsx "Протокол=$D/form-two-parts.tsv"
run import-results --assessment vpr-m5 --school 9307 --format json two.xlsx
expect_rc 0 "two parts, school by its РЦОИ code"
expect_out '"students": 2'
expect_out '"absent": 1'
expect_same "$(sql "select variant || sex from participant where code = '54002'")" "1М" "variant and sex"
expect_same "$(sql "select variant || sex from participant where code = '54001'")" "2Ж" "variant of part 1"

# --- a region's exports --------------------------------------------------------
book region-2020.xlsx "Sheet1=$D/region-2020.tsv"
run import-results --assessment vpr-m5 --format json region-2020.xlsx
expect_rc 0 "region 2020"
expect_no_err
expect_out '"students": 3'
expect_out '"absent": 1'
expect_out '"foreign_rows": 2'
expect_out '"sch249999"'
expect_same "$(participants "p.code = '55002' and c.label = '5Б'")" 1 "a letter alone"
run import-results --assessment vpr-m5 region-2020.xlsx
expect_out "left: 2 rows of 2 schools not in the roster (other districts?): sch249999, sch249998"

to1251 "$D/region-2021.csv" >region-2021.csv
run import-results --assessment vpr-m5 --format json region-2021.csv
expect_rc 0 "region 2021, балл за N, a row cut short"
expect_no_err
expect_out '"students": 3'
expect_out '"absent": 1'
expect_same "$(sql "select journal_mark from participant where code = '56001' and school_id = (select school_id from school_code where code = 'sch241001')")" \
	5 "отметка за предыдущую четверть"

book region-2022.xlsx "Классы=$D/region-2022-classes.tsv" "Протокол=$D/region-2022-protocol.tsv"
run import-results --assessment vpr-m5 --format json region-2022.xlsx
expect_rc 0 "region 2022"
expect_no_err
expect_out '"students": 3'
expect_out '"absent": 1'
expect_out '"foreign_rows": 1'
expect_same "$(participants "p.code = '57001' and s.code = 'edu241002' and c.label = '5А'")" 1 \
	"edu241002 | МБОУ …, нет"

# a spare task column with a score in it is refused
printf 'ОО;Код участника;Класс;балл за 1;балл за 2;балл за 3;балл за 4\nedu241001;59001;5А;1;1;1;\nedu241001;59002;5А;1;1;1;1\n' >spare.csv
run import-results --assessment vpr-m5 spare.csv
expect_rc 65 "a score in a spare column"
expect_err "spare.csv:3: '1' in column 'балл за 4': assessment 'vpr-m5' has no such task"

# --- markers ------------------------------------------------------------------------
run import-results --assessment vpr-m5 --school edu241001 --format json "$D/markers.csv"
expect_rc 0 "markers"
expect_no_err
expect_out '"students": 5'
expect_out '"absent": 6'
expect_out '"not_attempted": 11'
expect_same "$(sql "select count(*) from participant where code like '580%' and absent = 1 and class_id is null")" \
	4 "absent with no class"
expect_same "$(sql "select group_concat(v, ' ') from (select s.score || ':' || s.attempted as v from score s
	join participant p on p.id = s.participant_id join task t on t.id = s.task_id
	where p.code = '58003' order by t.position)")" \
	"0.0:0 0.0:0 1.0:1" "-1 and н/я among scores"

# --- РЦОИ protocols -----------------------------------------------------------------
book rcoi.xlsx "Page 1=$D/rcoi-oge.tsv"
book reserve.xlsx "Page 1=$D/rcoi-oge-reserve.tsv"
run import-results --assessment oge-m9 --format json rcoi.xlsx
expect_rc 0 "РЦОИ"
expect_no_err
expect_out '"students": 3'
expect_out '"skipped_rows": 2'
expect_out '"title": "04 - Химия 2026.06.02"'
expect_out '"personal_columns_dropped": 3'
run import-results --assessment oge-m9 rcoi.xlsx
expect_out "left for another assessment: rcoi.xlsx: block «04 - Химия 2026.06.02», 1 rows"
expect_out "participants: 0 inserted, 0 replaced, 3 unchanged"
expect_same "$(sql "select mark from participant p join school s on s.id = p.school_id join assessment a on a.id = p.assessment_id where a.code = 'oge-m9' and s.code = 'edu241002'")" \
	2 "Оценка kept, the school by its РЦОИ code"
# the same student in the other file's mathematics block: one participant
run import-results --assessment oge-m9 --format json rcoi.xlsx reserve.xlsx
expect_rc 0 "two protocols"
expect_out '"retakes": 1'
expect_same "$(sql "select count(*) from participant p join assessment a on a.id = p.assessment_id where a.code = 'oge-m9'")" \
	3 "one participant for the same student in two files"
expect_same "$(sql "select sum(p.mark = 5) || '/' || count(*) from participant p join assessment a on a.id = p.assessment_id join school s on s.id = p.school_id where a.code = 'oge-m9' and s.code = 'edu241001'")" \
	"1/2" "the later day kept"
# by documents: the same series and number, written with spaces, is the same person
to1251 "$D/rcoi-docs.csv" >rcoi-docs.csv
run import-results --assessment oge-m9 --format json rcoi-docs.csv
expect_rc 0 "documents"
expect_out '"retakes": 1'
expect_out '"inserted": 2'
# nothing personal anywhere: every column of every table, the dump, the file's bytes
# (no term of 4 digits or fewer: random hex, pseudonyms and hashes, may hold one)
personal='Белоусов|БЕЛОУСОВ|Илья|Сергеевич|Зайцева|Ольга|Орлов|Лебедев|Кузнецова|Соколова|Васильев|Кирилл|567890|567 890|111222|12.03.2011|01.09.2010|04 12'
# one query a column of a table (teachers' names are the roster's, kept by design)
terms=$(tr '|' '\n' <<<"$personal" | sed "s/.*/instr(cast(\"%c\" as text), ''&'') > 0/" | paste -sd'#' | sed 's/#/ OR /g')
scan=$(sqlite3 "$MMS_DB" "select 'select ''' || m.name || '.' || c.name || ''', count(*) from \"' || m.name || '\" where ' || replace('$terms', '%c', c.name) || ';' from sqlite_schema m join pragma_table_info(m.name) c where m.type = 'table' and m.name <> 'teacher'")
checks=$((checks + 1))
[ "$(wc -l <<<"$scan")" -gt 50 ] || fail "the scan has too few columns: $scan"
found=$(sqlite3 "$MMS_DB" <<<"$scan" 2>&1 | grep -v '|0$')
checks=$((checks + 1))
[ -z "$found" ] || fail "personal data stored: $found"
checks=$((checks + 1))
if sqlite3 "$MMS_DB" .dump | grep -E -q "$personal"; then fail "personal data in the dump"; fi
checks=$((checks + 1))
if grep -a -E -q "$personal" "$MMS_DB"; then fail "personal data in the database file"; fi
checks=$((checks + 1))
if grep -E -q "$personal" <<<"$out$err"; then fail "personal data printed"; fi

# --- reports that are not results: refused, named --------------------------------------
before=$(dump)
book f3.xlsx "МА 5 Статистика по отметкам=$D/aggregate-f3.tsv"
run import-results --assessment vpr-m5 f3.xlsx
expect_rc 65 "Ф3"
expect_err "f3.xlsx:'МА 5 Статистика по отметкам'!A1: this is the ФИС ОКО report «Статистика по отметкам» (Ф3)"
run import-results --assessment vpr-m5 "$D/aggregate-objectivity.csv"
expect_rc 65 "признаки необъективности"
expect_err "aggregate-objectivity.csv:1: this is a list of schools with signs of biased results"
book tasks.xlsx "Выполнение заданий=$D/aggregate-tasks.tsv"
run import-results --assessment vpr-m5 tasks.xlsx
expect_rc 65 "Выполнение заданий"
expect_err "«Выполнение заданий»"
checks=$((checks + 1))
case "$err" in *"unknown column set"*) fail "an aggregate form called an unknown column set" ;; esac
expect_same "$before" "$(dump)" "a refused report changed the database"

finish
