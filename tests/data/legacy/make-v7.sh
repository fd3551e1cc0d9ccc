#!/usr/bin/env bash
# Makes tests/data/legacy/v7.db: a district database as the released schema 7
# left it, with the defect migration 8 repairs (see README.md here).
#
#   tests/data/legacy/make-v7.sh MMS_BINARY OUTPUT.db
#
# MMS_BINARY must be an mms of schema 7 (built from commit
# 883efa8dafc55d499ea9ac2f715e5082ac930a1b); OUTPUT.db is replaced.  Every name
# and value below is invented.  Needs sqlite3.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 MMS_BINARY OUTPUT.db" >&2
	exit 64
fi
mms_bin=$(realpath "$1")
out=$(realpath -m "$2")
[ -x "$mms_bin" ] || { echo "$0: $1 is not an executable" >&2; exit 66; }
command -v sqlite3 >/dev/null || { echo "$0: sqlite3 is needed" >&2; exit 69; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Fixed locale, zone and "today" (the dates the commands take are given too).
# What stays different from run to run: the timestamps SQLite writes by default
# (import_log.at, deficit_run.at, hypothesis.created/updated, teacher_event.at,
# iop.created, …) and the random secret.participant_key.
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC
unset MMS_DB MMS_LOCALEDIR
db=$work/v7.db
mms() { "$mms_bin" --db "$db" "$@"; }

mms init
v=$(sqlite3 "$db" 'PRAGMA user_version')
if [ "$v" != 7 ]; then
	echo "$0: $1 makes schema version $v, not 7" >&2
	exit 65
fi

# --- school year 2025/2026 ---------------------------------------------------
# edu1: two teachers of mathematics in grade 5; edu2 (rural): one teacher a grade.
cat > roster-2025.csv <<'EOF'
Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж
edu1;МБОУ Заречная СОШ;Соколова Марина Викторовна;Математика;5А;1979;22
edu1;МБОУ Заречная СОШ;Орлов Денис Андреевич;Математика;5Б;1990;10
edu1;МБОУ Заречная СОШ;Белова Ирина Николаевна;Математика;6А,6Б;1985;15
edu2;МБОУ Луговская ООШ;Кузнецова Ольга Ивановна;Математика;5А,5Б;1968;33
edu2;МБОУ Луговская ООШ;Зайцев Павел Сергеевич;Математика;6А,6Б;1996;4
EOF
mms import-roster --year 2025/2026 roster-2025.csv

# Grade 5's description: requirements numbered from 1.
cat > spec-5.csv <<'EOF'
Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения
1;1;Б;1;Грамотно записывать числа;предметное
2;1;Б;1;Грамотно записывать числа;предметное
3;1;Б;2;Находить часть целого и целое по его части;метапредметное (познавательные УУД)
4;2;П;3;Читать данные из таблицы и столбчатой диаграммы;предметное
EOF
mms import-spec --assessment vpr-2026-math-5 --subject Математика --grade 5 \
	--date 2026-04-15 spec-5.csv

# 44 participants: edu1 5А (Соколова) weak on code 1; edu2 5А, 5Б (Кузнецова,
# the only teacher of the grade) weak on code 2.
cat > results-5.csv <<'EOF'
ОО;Код участника;Класс;1;2;3;4
edu1;10101;5А;1;0;1;2
edu1;10102;5А;0;1;0;1
edu1;10103;5А;0;0;1;0
edu1;10104;5А;0;0;1;1
edu1;10105;5А;0;0;1;2
edu1;10106;5А;1;1;1;1
edu1;10107;5А;0;0;1;2
edu1;10108;5А;0;0;1;1
edu1;10109;5А;0;0;0;0
edu1;10110;5А;0;1;1;1
edu1;10111;5А;1;0;1;2
edu1;10112;5А;0;0;1;1
edu1;10113;5А;0;0;1;2
edu1;10114;5А;0;1;1;1
edu1;10201;5Б;1;1;1;2
edu1;10202;5Б;1;1;0;1
edu1;10203;5Б;1;0;1;0
edu1;10204;5Б;0;1;1;1
edu1;10205;5Б;1;1;1;2
edu1;10206;5Б;1;1;1;1
edu1;10207;5Б;н/я;;;
edu1;10208;5Б;1;0;1;1
edu1;10209;5Б;1;1;0;0
edu1;10210;5Б;1;1;1;1
edu1;10211;5Б;0;1;1;2
edu1;10212;5Б;1;1;1;1
edu1;10213;5Б;1;0;1;2
edu1;10214;5Б;1;1;1;1
edu2;20101;5А;1;1;1;2
edu2;20102;5А;1;1;0;1
edu2;20103;5А;1;0;0;0
edu2;20104;5А;0;1;0;1
edu2;20105;5А;1;1;1;2
edu2;20106;5А;1;1;0;1
edu2;20107;5А;1;1;0;2
edu2;20108;5А;1;0;0;1
edu2;20201;5Б;1;1;1;2
edu2;20202;5Б;1;1;0;1
edu2;20203;5Б;1;0;0;0
edu2;20204;5Б;0;1;0;1
edu2;20205;5Б;1;1;1;X
edu2;20206;5Б;1;1;0;1
edu2;20207;5Б;1;1;0;2
edu2;20208;5Б;1;0;0;1
EOF
mms import-results --assessment vpr-2026-math-5 results-5.csv

mms classify-deficits --assessment vpr-2026-math-5 --quiet
mms map-to-teacher --assessment vpr-2026-math-5

# The grade-5 hypothesis on code 1 confirmed at a lesson, accepted as a need.
mms observe --teacher "Соколова М.В." --skill 1 --confirm --observer "Белова И.Н." \
	--date 2026-05-14 --note "числа записывают без разбиения на классы"
mms interview --teacher "Соколова М.В." --skill 1 --accept --priority 1 \
	--date 2026-05-21 --note "работа с записью многозначных чисел"

# The resource bank: a mentor of her school, and a course of the catalogue.
export MMS_TODAY=2026-05-25
mms resource add --kind mentor --title "Наставничество: запись и сравнение чисел" \
	--skill 1 --subject Математика --teacher "Орлов Д.А."
cat > courses.csv <<'EOF'
Программа;Часов;Умения;Провайдер;Формат;Предмет
Число и вычисления в 5–6 классах;36;1,2;Институт развития образования (вымышленный);дистанционно;Математика
EOF
mms import-resources courses.csv

# The programmes of 2026/2027, built in May 2026.
mms build-iop --quiet
unset MMS_TODAY

# --- school year 2026/2027 ---------------------------------------------------
# The cohort moves up: Соколова follows her class to 6А; edu2 keeps one
# teacher a grade.
cat > roster-2026.csv <<'EOF'
Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж
edu1;МБОУ Заречная СОШ;Соколова Марина Викторовна;Математика;6А;1979;23
edu1;МБОУ Заречная СОШ;Орлов Денис Андреевич;Математика;6Б;1990;11
edu1;МБОУ Заречная СОШ;Белова Ирина Николаевна;Математика;5А,5Б;1985;16
edu2;МБОУ Луговская ООШ;Кузнецова Ольга Ивановна;Математика;5А,5Б;1968;34
edu2;МБОУ Луговская ООШ;Зайцев Павел Сергеевич;Математика;6А,6Б;1996;5
EOF
mms import-roster --year 2026/2027 roster-2026.csv

# Grade 6's description numbers its requirements from 1 again: codes 1 and 2
# mean other things here.  In schema 7 a skill is (subject, code), so this
# import rewrites the wording of grade 5's skills 1 and 2.
cat > spec-6.csv <<'EOF'
Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения
1;1;Б;1;Выполнять действия с положительными и отрицательными числами;предметное
2;1;Б;1;Выполнять действия с положительными и отрицательными числами;предметное
3;1;Б;2;Решать задачи на проценты;предметное
4;2;П;4;Строить фигуры, симметричные данным, на клетчатой бумаге;предметное
EOF
mms import-spec --assessment vpr-2027-math-6 --subject Математика --grade 6 \
	--date 2027-04-14 spec-6.csv

# 44 participants: edu1 6А (Соколова again) weak on code 1.
cat > results-6.csv <<'EOF'
ОО;Код участника;Класс;1;2;3;4
edu1;30101;6А;1;0;1;2
edu1;30102;6А;0;1;0;1
edu1;30103;6А;0;0;1;0
edu1;30104;6А;0;0;1;1
edu1;30105;6А;0;0;1;2
edu1;30106;6А;1;1;1;1
edu1;30107;6А;0;0;1;2
edu1;30108;6А;0;0;1;1
edu1;30109;6А;0;0;0;0
edu1;30110;6А;н/я;;;
edu1;30111;6А;1;0;1;2
edu1;30112;6А;0;0;1;1
edu1;30113;6А;0;0;1;2
edu1;30114;6А;0;1;1;1
edu1;30201;6Б;1;1;1;2
edu1;30202;6Б;1;1;0;1
edu1;30203;6Б;1;0;1;0
edu1;30204;6Б;0;1;1;1
edu1;30205;6Б;1;1;1;2
edu1;30206;6Б;1;1;1;1
edu1;30207;6Б;1;1;1;2
edu1;30208;6Б;1;0;1;1
edu1;30209;6Б;1;1;0;0
edu1;30210;6Б;1;1;1;1
edu1;30211;6Б;0;1;1;2
edu1;30212;6Б;1;1;1;1
edu1;30213;6Б;1;0;1;2
edu1;30214;6Б;1;1;1;1
edu2;40101;6А;1;1;1;2
edu2;40102;6А;1;1;0;1
edu2;40103;6А;1;0;1;0
edu2;40104;6А;0;1;1;1
edu2;40105;6А;1;1;1;2
edu2;40106;6А;1;1;X;1
edu2;40107;6А;1;1;1;2
edu2;40108;6А;1;0;1;1
edu2;40201;6Б;1;1;1;2
edu2;40202;6Б;1;1;0;1
edu2;40203;6Б;1;0;1;0
edu2;40204;6Б;0;1;1;1
edu2;40205;6Б;1;1;1;2
edu2;40206;6Б;1;1;1;1
edu2;40207;6Б;1;1;1;2
edu2;40208;6Б;1;0;1;1
EOF
mms import-results --assessment vpr-2027-math-6 results-6.csv

mms classify-deficits --assessment vpr-2027-math-6 --quiet
mms map-to-teacher --assessment vpr-2027-math-6

# --- the defect, checked ------------------------------------------------------
q() { sqlite3 "$db" "$1"; }
text1=$(q "SELECT k.text FROM skill k JOIN subject s ON s.id = k.subject_id
	WHERE s.name = 'Математика' AND k.code = '1'")
if [ "$text1" != "Выполнять действия с положительными и отрицательными числами" ]; then
	echo "$0: skill 1 reads '$text1', not grade 6's wording" >&2
	exit 70
fi
for a in vpr-2026-math-5 vpr-2027-math-6; do
	n=$(q "SELECT count(*) FROM hypothesis h JOIN skill k ON k.id = h.skill_id
		JOIN assessment a ON a.id = h.assessment_id WHERE k.code = '1' AND a.code = '$a'")
	if [ "$n" -lt 1 ]; then
		echo "$0: no hypothesis on skill 1 from $a" >&2
		exit 70
	fi
done

# One file, no -wal beside it (mms turns WAL on again when it opens it for
# writing), pages of 1 KiB: the fixture stays small in git.
q 'PRAGMA journal_mode = DELETE' >/dev/null
q 'PRAGMA page_size = 1024; VACUUM'
[ "$(q 'PRAGMA integrity_check')" = ok ]
mv -f "$db" "$out"
echo "$out: schema $(sqlite3 "$out" 'PRAGMA user_version'), $(stat -c %s "$out") bytes"
