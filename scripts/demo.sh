#!/usr/bin/env bash
# The demo: installs what is missing, builds mms, writes the files of a small
# invented district (demo-out/data) and runs the chain on demo-out/mms.db step
# by step, showing each command.  Steps whose subcommand does not exist yet are
# skipped.  Usage: scripts/demo.sh [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."

seed=2026
if [ "${1:-}" = "--seed" ] && [ -n "${2:-}" ]; then
	seed=$2
fi

bash scripts/deps.sh

# Messages in Russian when the system has the locale (deps.sh generates it).
if locale -a 2>/dev/null | grep -qiE '^ru_RU\.utf-?8$'; then
	export LC_ALL=ru_RU.UTF-8
else
	export LC_ALL=C.UTF-8
fi
export LANG=$LC_ALL
unset LANGUAGE

build=build-demo
out=demo-out
data=$out/data
db=$out/mms.db

echo "== Сборка (Release, каталог $build) =="
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DMMS_SANITIZE=OFF -DMMS_DEVELOPER=OFF \
	-DMMS_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null

mms_bin=$build/mms
export MMS_DB=$db
# a scripted tour: long outputs are not paged on a terminal
export PAGER=cat
export MMS_LOCALEDIR=$PWD/$build/locale

# quote ARG: the argument as it would be typed in a shell
quote() {
	case $1 in
	*[!A-Za-z0-9_./=:,+-]* | '') printf "'%s'" "${1//\'/\'\\\'\'}" ;;
	*) printf '%s' "$1" ;;
	esac
}

# show CMD ARGS...: prints the command, then runs it ("mms" stands for the binary).
show() {
	local line='$' a
	for a in "$@"; do
		line+=" $(quote "$a")"
	done
	printf '\n%s\n' "$line"
	if [ "$1" = mms ]; then
		shift
		"$mms_bin" "$@"
	else
		"$@"
	fi
}

has() { "$mms_bin" help "$1" >/dev/null 2>&1; }

skipped=()
skip() {
	echo "(команды mms $1 пока нет — шаг пропущен)"
	skipped+=("$1")
}

header() { printf '\n== %s ==\n' "$1"; }

rm -rf "$out"
mkdir -p "$out"

header "0. Данные условного района: «Сосновский МО», 15 школ, 5–6 классы, 2025/2026 и 2026/2027 учебные годы"
show "$build/mms-gen-district" --seed "$seed" --out "$data"
echo "файлы: $(find "$data" -type f | wc -l) (кадры, описания работ, результаты ВПР по школам; что заложено в данные — $data/README.txt)"

header "1. База данных"
show mms init

header "2. Кадры: школы, учителя, классы, кто что ведёт в каждом учебном году"
show mms import-roster "$data/roster.csv"

# assessments.tsv: assessment, kind, subject, grade, date, spec file, results directory,
# code system
ids=() kinds=() subjects=() grades=() dates=() specs=() results=() systems=()
while IFS=$'\t' read -r id kind subject grade date spec res codes; do
	case $id in '#'* | '') continue ;; esac
	ids+=("$id") kinds+=("$kind") subjects+=("$subject") grades+=("$grade")
	dates+=("$date") specs+=("$spec") results+=("$res") systems+=("$codes")
done <"$data/assessments.tsv"

header "3. Описания работ: задания, баллы, уровни, проверяемые умения"
for i in "${!ids[@]}"; do
	show mms import-spec --assessment "${ids[$i]}" --kind "${kinds[$i]}" \
		--grade "${grades[$i]}" --subject "${subjects[$i]}" --date "${dates[$i]}" \
		--codes "${systems[$i]}" "$data/${specs[$i]}"
done

header "4. Диагностика: результаты обучающихся (выгрузки ФИС ОКО)"
if has import-results; then
	for i in "${!ids[@]}"; do
		dir=$data/${results[$i]}
		files=()
		for f in "$dir"/*.csv; do
			case ${f##*/} in plain-*) ;; *) files+=("$f") ;; esac
		done
		if [ ${#files[@]} -gt 0 ]; then
			show mms import-results --assessment "${ids[$i]}" "${files[@]}"
		fi
		# a school that handed over a plain table: its code is in the file name
		for f in "$dir"/plain-*.csv; do
			[ -e "$f" ] || continue
			code=${f##*/plain-}
			code=${code%.csv}
			show mms import-results --assessment "${ids[$i]}" --school "$code" "$f"
		done
	done
else
	skip import-results
fi

# The same district as Excel workbooks (.xlsx), the way most schools hand their
# files over: mms reads them as they are, with no conversion to CSV.  The
# roster and one school's results are imported again from the workbooks:
# nothing changes, nothing is duplicated.
header "4а. Те же файлы книгами Excel (.xlsx)"
xdata=$out/data-xlsx
show "$build/mms-gen-district" --seed "$seed" --xlsx --out "$xdata"
echo "книг: $(find "$xdata" -name '*.xlsx' | wc -l) (кадры — лист «Кадры» после листа «Справка»; результаты ФИС ОКО — «Лист1»)"
show mms import-roster "$xdata/roster.xlsx"
if has import-results && [ ${#ids[@]} -gt 0 ]; then
	show mms import-results --assessment "${ids[0]}" "$xdata/${results[0]}/edu249002.xlsx"
fi
echo "(те же данные, что и в CSV: новых записей нет, ничего не изменилось)"

header "5. Анализ и типология дефицитов обучающихся"
if has classify-deficits; then
	show mms classify-deficits --only-deficits
else
	skip classify-deficits
fi

header "5а. Анализ ВПР: отметки, журнал, баллы, задания, признаки необъективности"
if has analyse; then
	# the school's analysis for its pedagogical council, as a page with charts
	show mms analyse --assessment vpr-2027-math-5 --school edu249001
	show mms analyse --assessment vpr-2027-math-5 --format html -o "$out/analyse.html"
	echo "страница анализа по району с диаграммами: $out/analyse.html"
else
	skip analyse
fi

header "6. От дефицитов обучающихся к дефицитам педагогов (гипотезы)"
if has map-to-teacher; then
	show mms map-to-teacher
else
	skip map-to-teacher
fi

# What the deputy heads found at lessons and agreed in interviews: the planted
# teachers' deficits of the demo district (see its README.txt and planted.tsv).
header "6а. Посещение уроков и собеседования"
if has observe && has interview; then
	observe() { # observe TEACHER SCHOOL SKILL --confirm|--reject NOTE
		show mms observe --teacher "$1" --school "$2" --skill "$3" "$4" \
			--observer "Заместитель директора по УВР" --date 2026-05-14 --note "$5"
	}
	interview() { # interview TEACHER SCHOOL SKILL PRIORITY
		show mms interview --teacher "$1" --school "$2" --skill "$3" --accept \
			--priority "$4" --note "Согласовано на собеседовании"
	}
	# one of two teachers of the grade; a sole teacher; a primary-school
	# teacher of two subjects (the skill code 1.1 is in both); a rejection
	observe "Соловьёва Дарья Андреевна" edu249002 2.1 --confirm \
		"Задачи на движение решаются по образцу, без схем и моделей"
	observe "Павлова Галина Ивановна" edu249004 2.1 --confirm \
		"Текстовые задачи разбираются только у доски, самостоятельного анализа условия нет"
	show mms observe --teacher "Голубева Елена Николаевна" --school edu249013 --skill 1.1 \
		--subject "Русский язык" --confirm --observer "Заместитель директора по УВР" \
		--date 2026-05-15 --note "Нет системы работы над орфографическими ошибками"
	observe "Гусева Татьяна Николаевна" edu249001 4.2 --reject \
		"Геометрические задачи решаются с построением; низкий результат связан с составом класса"
	interview "Соловьёва Дарья Андреевна" edu249002 2.1 1
	interview "Павлова Галина Ивановна" edu249004 2.1 1
	show mms interview --teacher "Голубева Елена Николаевна" --school edu249013 --skill 1.1 \
		--subject "Русский язык" --accept --priority 2 --note "Согласовано на собеседовании"
	# a sole teacher whose deficit recurred with her next class: the trail of why
	show mms teacher --school edu249006 "Козлова Марина Владимировна"
else
	has observe || skip observe
	has interview || skip interview
fi

header "7. Индивидуальные образовательные программы педагогов"
if has build-iop; then
	show mms build-iop
else
	skip build-iop
fi

header "8. Адресный заказ на повышение квалификации"
if has order-training; then
	show mms order-training
else
	skip order-training
fi

# The service's own work after the order: a mentor found in Соловьёва's school
# takes her need (build-iop re-plans the course item), the 12 steps are
# followed — the lesson of step 3 with its observation map —; Павлова's course
# is done and gets its post-course support; the plan of events is kept.
header "8а. Работа методической службы: наставничество, посткурсовое сопровождение, мероприятия"
if has event; then
	show mms resource add --kind наставник --teacher "Белов Андрей Михайлович" --skill 2.1 \
		--subject Математика --title "Наставник: задачи на движение"
	MMS_TODAY=2026-09-10 show mms build-iop --teacher "Соловьёва Дарья Андреевна"
	item=$("$mms_bin" iop steps | awk 'NR == 1 { print $1 }')
	show mms iop steps
	show mms iop step "$item" 1 --done --date 02.10.2026 --note "Списки участников согласованы"
	show mms iop step "$item" 2 --done --date 21.10.2026
	show mms observe --teacher "Соловьёва Дарья Андреевна" --school edu249002 --skill 2.1 \
		--confirm --observer "Методист ИМЦ" --date 12.11.2026 --item "$item" --step 3 \
		--note "Карта наблюдения: урок наставника, задачи на движение со схемой"
	show mms iop steps "$item"
	show mms iop set-status --teacher "Павлова Галина Ивановна" --school edu249004 --skill 2.1 \
		--subject Математика in-progress --note "курс начат"
	MMS_TODAY=2026-12-18 show mms iop set-status --teacher "Павлова Галина Ивановна" \
		--school edu249004 --skill 2.1 --subject Математика done --note "курс пройден"
	show mms resource add --kind методист --title "Орлова О.О., методист ИМЦ" --skill 2.1 \
		--subject Математика
	MMS_TODAY=2026-12-20 show mms build-iop --teacher "Павлова Галина Ивановна"
	show mms event add --kind семинар --title "Работа с результатами ВПР: задачи на движение" \
		--date 15.10.2026 --done --teacher "Соловьёва Дарья Андреевна" \
		--teacher "Павлова Галина Ивановна" --skill 2.1 --subject Математика
	show mms event add --kind рмо --title "РМО учителей математики" --date 20.01.2027
	show mms event add --kind решение --title "Приказ № 45 по итогам анализа работы ШМО" \
		--date 25.12.2026 --done
	show mms event add --kind publication --title "Итоги анализа ВПР 2026" --date 30.06.2026 \
		--done --address https://imc.example/vpr-2026
	show mms event add --kind шмо --title "ШМО: анализ ВПР по математике" --date 10.11.2026 \
		--done --school edu249002
	show mms event add --kind "методический совет" --title "Методический совет: итоги полугодия" \
		--date 26.12.2026 --done
	show mms event add --kind статус --title "Учитель-наставник" --date 01.03.2027 --done \
		--teacher "Белов Андрей Михайлович"
	show mms event add --kind раоп --title "Практика «Задачи на движение со схемой»" \
		--date 15.03.2027 --done --school edu249002
	show mms event add --kind raop_support --title "Экспертиза практики для РАОП" \
		--date 01.04.2027 --done
	show mms event add --kind "творческая группа" --title "Творческая группа «Функциональная грамотность»" \
		--date 01.09.2026 --done
	show mms event add --kind мониторинг --title "Мониторинг ВСОКО школ района" --date 20.02.2027 \
		--done
	show mms event list
	# teachers' own view of their difficulties, and the schools' view of the service
	show mms import-survey "$data/survey/self-diagnosis.csv"
	show mms import-survey --kind satisfaction "$data/survey/satisfaction.csv"
else
	skip event
fi

header "9. Отчёт для методического совета"
if has report; then
	show mms report --format html -o "$out/report.html"
	echo
	echo "показатели качества методической работы — по записям службы (из отчёта):"
	"$mms_bin" report | sed -n '/^Показатели качества/,/^  доли:/p'
else
	skip report
fi

header "Итог"
q() { sqlite3 "$db" "$1" 2>/dev/null || echo "?"; }
echo "База данных:   $db ($(du -h "$db" | cut -f1))"
echo "Исходные файлы: $data (что заложено в данные: $data/README.txt)"
echo "Школ: $(q 'SELECT count(*) FROM school'), учителей: $(q 'SELECT count(*) FROM teacher'), классов: $(q 'SELECT count(*) FROM class')"
echo "Работ: $(q 'SELECT count(*) FROM assessment'), заданий: $(q 'SELECT count(*) FROM task'), умений: $(q 'SELECT count(*) FROM skill')"
echo "Участников: $(q 'SELECT count(*) FROM participant'), отметок за задания: $(q 'SELECT count(*) FROM score')"
if [ -f "$out/report.html" ]; then
	echo "Отчёт:         $out/report.html"
fi
if [ ${#skipped[@]} -gt 0 ]; then
	echo "Пропущено (команд ещё нет): ${skipped[*]}"
else
	echo "Все шаги цепочки выполнены."
fi
