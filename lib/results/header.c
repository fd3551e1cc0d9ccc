/*
 * The header of a results table: which column holds what, and what the
 * rows around it are.  One reader for every layout exporters write:
 *  - ФИС ОКО «Индивидуальные результаты» (Ф1): a title block (Предмет:,
 *    Максимальный первичный балл:), a row of levels, the header ОО;
 *    Муниципалитет;Название ОО;Код участника;Класс;Вариант;1 (2б);…;
 *    Первичный балл;Отметка;Отметка по журналу, and in a municipality's
 *    file group rows «МБОУ "…"(edu203389) | Кол-во участников: 89»;
 *  - ФИС ОКО «Форма сбора результатов»: Код участника;Вариант;1 (5б);…;
 *    Порядковый номер класса;Отметка за предыдущий …;Итого баллов, with
 *    hundreds of template rows whose formulas give 0;
 *  - a region's exports: the school as «edu223017 | МБОУ "…"» or a column
 *    логин школы, the participant Код or code, the class Класс,
 *    Наименование класса or klass, tasks N, N.M, «балл за N», a-N-grade;
 *  - РЦОИ protocols of ОГЭ/ЕГЭ: exam blocks («02 - Математика 2026.06.02»),
 *    names and documents instead of a code, answers as strings, Средние.
 * Aggregate forms (Статистика по отметкам…) are named and refused.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/internal.h"
#include "text.h"

/* ---- task columns ------------------------------------------------------ */

/* "4К1 (3б)" → label "4К1" and max 3; returns 1 if a "(Nб)" suffix was there. */
static int split_task_header(char *key, double *max)
{
	char *open = strrchr(key, '(');
	size_t len = strlen(key);
	char num[32], *end;
	size_t n = 0;

	if (!open || len < 4 || key[len - 1] != ')')
		return 0;
	key[len - 1] = '\0';
	end = open + 1;
	/* the number, then "б", "балл", "баллов", "балла", "b" */
	while ((*end >= '0' && *end <= '9') || *end == ',' || *end == '.') {
		if (n + 1 < sizeof(num))
			num[n++] = *end;
		end++;
	}
	num[n] = '\0';
	while (*end == ' ')
		end++;
	if (!n || !(strncmp(end, "б", strlen("б")) == 0 || *end == 'b') ||
	    mms_parse_number(num, max) != 0) {
		key[len - 1] = ')';
		return 0;
	}
	*open = '\0';
	mms_trim(key);
	return 1;
}

/*
 * A task column's header as its task's key: "балл за 3" → "3", "a-2-grade"
 * → "2", "задание 5" → "5", "№7" → "7" (KEY is a key: lower case).  1 when
 * the header numbers the score columns in order (балл за N, a-N-grade: a
 * region's exports number sub-tasks flat, 1…T), not the tasks by label.
 */
static int strip_task_words(char *key)
{
	static const char *const prefixes[] = {"баллы за задание",
	                                       "балл за задание",
	                                       "баллы за",
	                                       "балл за",
	                                       "задание №",
	                                       "задание",
	                                       "зад.",
	                                       "№",
	                                       "task",
	                                       "q",
	                                       NULL};
	size_t len = strlen(key);

	if (len > 8 && strncmp(key, "a-", 2) == 0 && strcmp(key + len - 6, "-grade") == 0) {
		key[len - 6] = '\0';
		memmove(key, key + 2, len - 7);
		return 1;
	}
	for (const char *const *p = prefixes; *p; p++) {
		size_t n = strlen(*p);

		if (strncmp(key, *p, n) == 0 && key[n] &&
		    (key[n] == ' ' || key[n] == '.' || (key[n] >= '0' && key[n] <= '9'))) {
			memmove(key, key + n, len - n + 1);
			mms_trim(key);
			/* "балл за N" numbers the score columns, not the tasks */
			return strncmp(*p, "балл", strlen("балл")) == 0;
		}
	}
	return 0;
}

char *rs_task_canon(const char *key)
{
	size_t n = strlen(key);
	char *out = malloc(n + 2), *o = out;

	if (!out)
		return NULL;
	for (const char *p = key; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p == 'k') { /* a Latin k for the Cyrillic к of criteria: 11.3 k1 */
			*o++ = (char)0xD0;
			*o++ = (char)0xBA;
		} else if (*p == '(' && o > out && o[-1] >= '0' && o[-1] <= '9' && p[1] >= '0' &&
		           p[1] <= '9' && strchr(p, ')')) {
			/* 5(1) is 5.1 */
			*o++ = '.';
			while (*++p >= '0' && *p <= '9')
				*o++ = *p;
			if (*p != ')')
				p--;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static int find_task(const struct imp *x, const char *key)
{
	char *canon;

	for (size_t i = 0; i < x->ntasks; i++)
		if (strcmp(x->tasks[i].key, key) == 0)
			return (int)i;
	canon = rs_task_canon(key);
	for (size_t i = 0; canon && i < x->ntasks; i++) {
		if (strcmp(x->tasks[i].canon, canon) == 0) {
			free(canon);
			return (int)i;
		}
	}
	free(canon);
	return -1;
}

/*
 * The parts the description has of task KEY ("6": 6.1, 6.2; "4": 4К1, 4К2),
 * next to each other: 1 with the first and their count, else 0.
 */
static int find_parts(const struct imp *x, const char *key, int *first, int *n)
{
	char *canon = rs_task_canon(key);
	size_t len;
	int found = 0;

	*first = -1;
	*n = 0;
	if (!canon || !canon[0]) {
		free(canon);
		return 0;
	}
	len = strlen(canon);
	for (size_t i = 0; i < x->ntasks; i++) {
		const char *c = x->tasks[i].canon, *rest;
		int part;

		if (strncmp(c, canon, len) != 0)
			continue;
		rest = c + len;
		if (*rest == '.')
			rest++;
		else if (strncmp(rest, "к", strlen("к")) == 0)
			rest += strlen("к");
		else
			continue;
		part =
		    rest[0] >= '0' && rest[0] <= '9' && strspn(rest, "0123456789") == strlen(rest);
		if (!part)
			continue;
		if (*first >= 0 && (size_t)(*first + *n) != i) {
			found = 0; /* parts apart: not a task the file can give whole */
			break;
		}
		if (*first < 0)
			*first = (int)i;
		(*n)++;
		found = 1;
	}
	free(canon);
	return found && *n >= 2;
}

/* Whether a header text looks like a task's label (a digit first, no space). */
static int looks_like_task(const char *key)
{
	if (!(key[0] >= '0' && key[0] <= '9'))
		return 0;
	for (const char *p = key; *p; p++)
		if (*p == ' ')
			return 0;
	return 1;
}

/* ---- the words of headers ---------------------------------------------- */

static const char *const k_code[] = {
    "код участника", "код ученика", "код обучающегося", "участник",   "id участника",     "код",
    "code",          "participant", "participant code", "код работы", "код обучающегося", NULL};
static const char *const k_class[] = {
    "класс",        "class",    "klass",   "classcode", "порядковый номер класса",
    "номер класса", "№ класса", "класс №", "параллель", NULL};
/* the class's name: the letter when a number is beside it, else the whole label */
static const char *const k_letter[] = {"наименование класса",
                                       "название класса",
                                       "литера класса",
                                       "литера",
                                       "буква класса",
                                       "буква",
                                       NULL};
static const char *const k_school_code[] = {
    "оо",          "код оо",   "код оу",       "логин оо",   "логин",
    "логин школы", "логин оу", "school code",  "schoolcode", "school",
    "код школы",   "login",    "пользователь", "user",       NULL};
static const char *const k_school_name[] = {"название оо",
                                            "наименование оо",
                                            "школа",
                                            "оу",
                                            "образовательная организация",
                                            "наименование образовательной организации",
                                            "school name",
                                            NULL};
static const char *const k_variant[] = {"вариант", "variant",           "номер варианта",
                                        "var-1",   "вариант (часть 1)", NULL};
/* the second part's variant of a test in two parts */
static const char *const k_variant2[] = {"var-2", "вариант (часть 2)", NULL};
static const char *const k_total[] = {"первичный балл", "сумма баллов", "сумма первичных баллов",
                                      "итого",          "итого баллов", "всего баллов",
                                      "total",          "primarymark",  NULL};
static const char *const k_mark[] = {"отметка", "оценка", "отметка за работу",
                                     "mark",    "mark5",  NULL};
static const char *const k_journal[] = {"отметка по журналу", "оценка по журналу", "otc", NULL};
/* Отметка за предыдущий триместр/ четверть/полугодие */
static const char *const s_journal[] = {"отметка за предыдущ", "оценка за предыдущ",
                                        "отметка за прошл", "отметка в журнале", NULL};
static const char *const k_sex[] = {"пол", "sex", "gender", NULL};
static const char *const k_ignore[] = {"муниципалитет",
                                       "мо",
                                       "район",
                                       "код мсу",
                                       "код ппэ",
                                       "ппэ",
                                       "аудитория",
                                       "№ аудитории",
                                       "№ бланка",
                                       "код ооп",
                                       "профиль",
                                       "экзамен",
                                       "состояние апелляции",
                                       "текущие",
                                       "балл по 100-балльной шкале",
                                       "тестовый балл",
                                       "итоговый балл",
                                       "municipality",
                                       "№",
                                       "n",
                                       "№ п/п",
                                       "columnname",
                                       "stationcode",
                                       "auditoriumcode",
                                       "регион",
                                       "код региона",
                                       "дата загрузки",
                                       "номер обучающегося",
                                       "учебник",
                                       "др.уч. автор",
                                       "др.уч. название",
                                       "groups",
                                       "id",
                                       NULL};
static const struct {
	const char *key;
	enum ident id;
} k_ident[] = {
    {"фамилия", ID_SURNAME},
    {"surname", ID_SURNAME},
    {"last name", ID_SURNAME},
    {"surnamecell", ID_SURNAME},
    {"имя", ID_NAME},
    {"name", ID_NAME},
    {"first name", ID_NAME},
    {"namecell", ID_NAME},
    {"отчество", ID_PATRONYMIC},
    {"secondnamecell", ID_PATRONYMIC},
    {"фио", ID_FULLNAME},
    {"ф.и.о.", ID_FULLNAME},
    {"ф.и.о", ID_FULLNAME},
    {"фио участника", ID_FULLNAME},
    {"фио обучающегося", ID_FULLNAME},
    {"фамилия, имя, отчество", ID_FULLNAME},
    {"фамилия имя отчество", ID_FULLNAME},
    {"серия", ID_SERIES},
    {"серия документа", ID_SERIES},
    {"серия паспорта", ID_SERIES},
    {"documentseriescode", ID_SERIES},
    {"номер", ID_NUMBER},
    {"номер документа", ID_NUMBER},
    {"номер паспорта", ID_NUMBER},
    {"documentnumbercode", ID_NUMBER},
    {"дата рождения", ID_BIRTH},
    {"д.р.", ID_BIRTH},
    {"birth date", ID_BIRTH},
};
/* personal data in other wordings, dropped: Паспорт (серия), СНИЛС, Дата рожд. */
static const char *const s_personal[] = {
    "фамил",  "отчеств", "фио",   "ф.и.о",   "паспорт", "снилс",          "рожд", "документ",
    "ученик", "имя ",    "адрес", "телефон", "e-mail",  "governmentcell", NULL};
static const char *const s_short[] = {"кратк", "short", "testresultbcell", NULL};
static const char *const s_long[] = {"развернут", "развёрнут", "long", "testresultccell", NULL};

/* A header's text as a key without a closing colon: "Класс:" is "класс". */
static char *header_key(struct imp *x, const char *text)
{
	char *key = mms_key_memo_get(&x->keys, text);
	size_t n;

	if (!key)
		return NULL;
	n = strlen(key);
	if (n && key[n - 1] == ':')
		key[n - 1] = '\0';
	return key;
}

/* The header keys of ROW's cells (NULL for an empty cell), or NULL when out of memory. */
static char **row_keys(struct imp *x, const mms_row *row)
{
	char **keys = calloc(row->n ? row->n : 1, sizeof(*keys));

	for (size_t f = 0; keys && f < row->n; f++) {
		if (!row->f[f][0])
			continue;
		keys[f] = header_key(x, row->f[f]);
		if (!keys[f]) {
			while (f-- > 0)
				free(keys[f]);
			free(keys);
			return NULL;
		}
	}
	return keys;
}

static void free_keys(char **keys, size_t n)
{
	for (size_t f = 0; keys && f < n; f++)
		free(keys[f]);
	free(keys);
}

/* The kind a header's KEY names, without looking at tasks (C_TASK: maybe a task). */
static enum col_kind kind_of(const char *key, enum ident *id)
{
	*id = ID_NONE;
	if (!key[0])
		return C_IGNORE;
	/* no column's name starts with a digit but a task's: 1 (1б), 2.1 */
	if (key[0] >= '0' && key[0] <= '9')
		return C_TASK;
	if (rs_key_is(key, k_code))
		return C_CODE;
	if (rs_key_is(key, k_class) || strncmp(key, "класс №", strlen("класс №")) == 0)
		return C_CLASS;
	if (rs_key_is(key, k_letter))
		return C_LETTER;
	if (rs_key_is(key, k_school_code))
		return C_SCHOOL_CODE;
	if (rs_key_is(key, k_school_name))
		return C_SCHOOL_NAME;
	if (rs_key_is(key, k_variant))
		return C_VARIANT;
	if (rs_key_is(key, k_variant2))
		return C_VARIANT2;
	if (rs_key_is(key, k_total))
		return C_TOTAL;
	if (rs_key_is(key, k_journal) || rs_key_has(key, s_journal))
		return C_JOURNAL;
	if (rs_key_is(key, k_mark))
		return C_MARK;
	if (rs_key_is(key, k_sex))
		return C_SEX;
	for (size_t i = 0; i < sizeof(k_ident) / sizeof(k_ident[0]); i++) {
		if (strcmp(key, k_ident[i].key) == 0) {
			*id = k_ident[i].id;
			return C_PERSONAL;
		}
	}
	if (rs_key_has(key, s_personal))
		return C_PERSONAL;
	if (rs_key_is(key, k_ignore))
		return C_IGNORE;
	if (rs_key_has(key, s_short) && (strstr(key, "ответ") || strstr(key, "cell")))
		return C_SHORT;
	if (rs_key_has(key, s_long) && (strstr(key, "ответ") || strstr(key, "cell")))
		return C_LONG;
	return C_TASK;
}

/*
 * What a header key is: kind_of() and aggregate_of() of each distinct key
 * once an import (its files' title rows and headers are the same from file to
 * file), in KEY_NOTES slots, at most KEY_NOTES_MAX of them kept.
 */
#define KEY_NOTES 512
#define KEY_NOTES_MAX 384

struct key_note {
	char *key;
	enum col_kind kind;
	enum ident id;
	const char *aggregate; /* the form that is not results it shows, or NULL */
};

static struct key_note note_of(struct imp *x, const char *key);

/* Classifies one header field; adds diagnostics for impossible task columns. */
static int classify_field(struct imp *x, long line, int field, const char *text, struct column *col,
                          int *bad)
{
	char *key = header_key(x, text);
	struct key_note note;
	double hmax = 0;
	int has_max, t;

	col->task = -1;
	if (!key)
		return rs_oom(x);
	note = note_of(x, key);
	col->kind = note.kind;
	col->ident = note.id;
	if (col->kind != C_TASK) {
		free(key);
		return MMS_OK;
	}
	col->kind = C_IGNORE;
	has_max = split_task_header(key, &hmax);
	if (strip_task_words(key) && key[0] && strspn(key, "0123456789") == strlen(key)) {
		long n = strtol(key, NULL, 10);

		t = n >= 1 && (size_t)n <= x->ntasks ? (int)n - 1 : -1;
	} else {
		t = find_task(x, key);
	}
	if (t >= 0) {
		col->kind = C_TASK;
		col->task = t;
		if (has_max && fabs(hmax - x->tasks[t].max) > MMS_EPS) {
			mms_diag_cell(x->db, x->src, line, field,
			              _("column '%s' says task %s is worth %g points, the "
			                "description of '%s' says %g"),
			              text, x->tasks[t].label, hmax, x->o->assessment,
			              x->tasks[t].max);
			*bad = 1;
		}
	} else if (find_parts(x, key, &col->part0, &col->nparts)) {
		double sum = 0;

		col->kind = C_WHOLE;
		col->name = strdup(text);
		if (!col->name) {
			free(key);
			return rs_oom(x);
		}
		for (int i = 0; i < col->nparts; i++)
			sum += x->tasks[col->part0 + i].max;
		if (has_max && fabs(hmax - sum) > MMS_EPS) {
			mms_diag_cell(
			    x->db, x->src, line, field,
			    _("column '%s' says task %s is worth %g points, its parts in the "
			      "description of '%s' %g"),
			    text, key, hmax, x->o->assessment, sum);
			*bad = 1;
		}
	} else if (has_max || looks_like_task(key)) {
		/* a form's spare columns: fine while they stay empty */
		col->kind = C_EXTRA;
		col->name = strdup(text);
		if (!col->name) {
			free(key);
			return rs_oom(x);
		}
	}
	free(key);
	return MMS_OK;
}

/* ---- forms that are not students' results ------------------------------ */

static const struct {
	const char *stem; /* the start of a title or header cell, as a key */
	const char *name; /* what the file is */
} k_aggregate[] = {
    {"статистика по отметкам", N_("the ФИС ОКО report «Статистика по отметкам» (Ф3): shares of "
                                  "marks by group")},
    {"сравнение отметок с отметками по журналу",
     N_("the ФИС ОКО report «Сравнение отметок с отметками по журналу»: shares by group")},
    {"распределение первичных баллов",
     N_("the ФИС ОКО report «Распределение первичных баллов»: counts by score")},
    {"выполнение заданий", N_("the ФИС ОКО report «Выполнение заданий»: success by task and "
                              "group")},
    {"достижение планируемых результатов",
     N_("the ФИС ОКО report «Достижение планируемых результатов»: success by skill and group")},
    {"группы участников", N_("a ФИС ОКО report by group of participants")},
    {"понизили (", N_("the ФИС ОКО report «Сравнение отметок с отметками по журналу»: shares "
                      "by group")},
    {"фио/предмет", N_("a sheet of students' term marks by subject")},
};

/* The aggregate form a title or header cell's KEY names, or NULL. */
static const char *aggregate_of(const char *k)
{
	if (strstr(k, "необъективн") && strstr(k, "признак"))
		return _("a list of schools with signs of biased results (признаки "
		         "необъективности)");
	for (size_t i = 0; i < sizeof(k_aggregate) / sizeof(k_aggregate[0]); i++)
		if (strncmp(k, k_aggregate[i].stem, strlen(k_aggregate[i].stem)) == 0)
			return _(k_aggregate[i].name);
	return NULL;
}

/* What KEY is (see struct key_note), found once. */
static struct key_note note_of(struct imp *x, const char *key)
{
	struct key_note n = {NULL, C_IGNORE, ID_NONE, NULL}, *slot = NULL;
	uint64_t h = mms_str_hash(key);

	if (x->notes || (x->notes = calloc(KEY_NOTES, sizeof(*x->notes)))) {
		size_t i = h & (KEY_NOTES - 1);

		while (x->notes[i].key && strcmp(x->notes[i].key, key) != 0)
			i = (i + 1) & (KEY_NOTES - 1);
		if (x->notes[i].key)
			return x->notes[i];
		slot = x->nnotes < KEY_NOTES_MAX ? &x->notes[i] : NULL;
	}
	n.kind = kind_of(key, &n.id);
	n.aggregate = aggregate_of(key);
	/* without the memory to keep it, found again next time */
	if (slot && (slot->key = strdup(key))) {
		slot->kind = n.kind;
		slot->id = n.id;
		slot->aggregate = n.aggregate;
		x->nnotes++;
	}
	return n;
}

/*
 * The header a file's layout came from, when laying it out said nothing (no
 * diagnostic, nothing bad): the next file's header of the same cells has the
 * same layout, copied instead of found again.  A layout depends on the
 * header's cells and the import's assessment alone.
 */
struct header_memo {
	char *cells; /* the header's cells, each NUL-terminated */
	size_t n;
	struct layout L;
	int numbered; /* the import's stats said its columns are numbered 1…T */
};

static void header_memo_free(struct imp *x)
{
	if (!x->header)
		return;
	free(x->header->cells);
	rs_layout_free(&x->header->L);
	free(x->header);
	x->header = NULL;
}

void rs_header_memos_free(struct imp *x)
{
	for (size_t i = 0; x->notes && i < KEY_NOTES; i++)
		free(x->notes[i].key);
	free(x->notes);
	x->notes = NULL;
	x->nnotes = 0;
	header_memo_free(x);
	for (size_t i = 0; i < TITLE_MEMO; i++) {
		free(x->titles[i].cells);
		x->titles[i].cells = NULL;
	}
}

/* ROW's cells, each NUL-terminated, one after another (allocated); NULL out of memory. */
static char *cells_copy(const mms_row *row)
{
	size_t len = 0, at = 0;
	char *cells;

	for (size_t f = 0; f < row->n; f++)
		len += strlen(row->f[f]) + 1;
	if (!(cells = malloc(len ? len : 1)))
		return NULL;
	for (size_t f = 0; f < row->n; f++) {
		size_t n = strlen(row->f[f]) + 1;

		memcpy(cells + at, row->f[f], n);
		at += n;
	}
	return cells;
}

/* Whether ROW's cells are the N CELLS (cells_copy()'s). */
static int cells_are(const char *cells, size_t n, const mms_row *row)
{
	if (!cells || n != row->n)
		return 0;
	for (size_t f = 0; f < row->n; f++) {
		if (strcmp(cells, row->f[f]) != 0)
			return 0;
		cells += strlen(cells) + 1;
	}
	return 1;
}

/* Whether ROW's cells are the memo's header's. */
static int header_memo_is(const struct imp *x, const mms_row *row)
{
	return x->header && cells_are(x->header->cells, x->header->n, row);
}

/*
 * The rows before a header that are a title alone (no header, no aggregate
 * form's, no exam block's title) and said nothing are kept: what a title row
 * is and says depends on its cells and the import's assessment alone, and
 * the next file's title row of the same cells is passed over without keying
 * them again (the same title block heads every file of an export).
 */
static int title_memo_is(const struct imp *x, const mms_row *row)
{
	for (size_t i = 0; i < TITLE_MEMO; i++)
		if (cells_are(x->titles[i].cells, x->titles[i].n, row))
			return 1;
	return 0;
}

/* Keeps ROW as a title row (nothing kept when out of memory: looked at again). */
static void title_memo_keep(struct imp *x, const mms_row *row)
{
	struct title_memo *t = &x->titles[x->next_title];

	free(t->cells);
	t->cells = cells_copy(row);
	t->n = row->n;
	x->next_title = (x->next_title + 1) % TITLE_MEMO;
}

/* SRC's layout into OUT, with memory of its own; -1 when out of memory (OUT then empty). */
static int layout_copy(struct layout *out, const struct layout *src)
{
	*out = *src;
	out->roles = NULL; /* found again for the copy (rs_layout_roles()) */
	out->nscored = out->nmarks = out->nextra = out->nparsed = 0;
	out->cols = calloc(src->ncols ? src->ncols : 1, sizeof(*out->cols));
	out->klass_text = src->klass_text ? strdup(src->klass_text) : NULL;
	if (!out->cols || (src->klass_text && !out->klass_text)) {
		free(out->cols);
		free(out->klass_text);
		memset(out, 0, sizeof(*out));
		return -1;
	}
	for (size_t f = 0; f < src->ncols; f++) {
		out->cols[f] = src->cols[f];
		if (src->cols[f].name && !(out->cols[f].name = strdup(src->cols[f].name))) {
			rs_layout_free(out);
			return -1;
		}
	}
	return 0;
}

/* The memo's layout into L (the row was header_memo_is()'s). */
static int layout_from_memo(struct imp *x, struct layout *L)
{
	rs_layout_free(L);
	x->st->numbered |= x->header->numbered;
	return layout_copy(L, &x->header->L) < 0 ? rs_oom(x) : MMS_OK;
}

/* Keeps ROW and its layout L as the memo (nothing kept when out of memory: found again). */
static void header_memo_keep(struct imp *x, const mms_row *row, const struct layout *L)
{
	struct header_memo *m = calloc(1, sizeof(*m));

	header_memo_free(x);
	if (!m)
		return;
	m->cells = cells_copy(row);
	if (!m->cells || layout_copy(&m->L, L) < 0) {
		free(m->cells);
		free(m);
		return;
	}
	m->n = row->n;
	m->numbered = x->st->numbered;
	x->header = m;
}

/* Whether ROW (its cells' KEYS) shows the file is an aggregate form: a diagnostic naming it, 1. */
static int aggregate_form(struct imp *x, const mms_row *row, char *const *keys)
{
	for (size_t f = 0; f < row->n; f++) {
		const char *what = keys[f] ? note_of(x, keys[f]).aggregate : NULL;

		if (what) {
			mms_diag_cell(x->db, x->src, row->line, (int)f,
			              _("this is %s, not students' results: mms import-results "
			                "reads «Индивидуальные результаты», the «Форма сбора "
			                "результатов», a region's export of results or a РЦОИ "
			                "protocol; no mms command reads this report"),
			              what);
			return 1;
		}
	}
	return 0;
}

/* ---- title rows and exam blocks ---------------------------------------- */

/*
 * The title block's "Предмет:;…" must name the assessment's subject, and its
 * maximum primary score be the description's.  0: looked at, nothing said (what
 * it says depends on the row's cells and the assessment alone); 1: said (*BAD
 * set), or not looked at (out of memory).
 */
static int check_title_row(struct imp *x, const mms_row *row, int *bad)
{
	int said = 0;
	char *k;

	if (row->n < 2)
		return 0;
	/* the title block is the same in every file: its keys from the import's memo */
	k = mms_key_memo_get(&x->keys, row->f[0]);
	if (!k)
		return 1;
	if (strcmp(k, "предмет:") == 0 || strcmp(k, "предмет") == 0) {
		char *v = mms_key_memo_get(&x->keys, row->f[1]);

		if (v && v[0] && strcmp(v, x->subject_key) != 0) {
			mms_diag_cell(x->db, x->src, row->line, 1,
			              _("the file is for the subject '%s', assessment '%s' is not"),
			              row->f[1], x->o->assessment);
			said = 1;
		}
		free(v);
	} else if (strncmp(k, "максимальный первичный балл",
	                   strlen("максимальный первичный балл")) == 0) {
		double m;

		if (mms_parse_number(row->f[1], &m) == 0 && fabs(m - x->max_total) > MMS_EPS) {
			mms_diag_cell(
			    x->db, x->src, row->line, 1,
			    _("the file's maximum primary score is %g, the description of "
			      "'%s' sums to %g"),
			    m, x->o->assessment, x->max_total);
			said = 1;
		}
	}
	free(k);
	*bad |= said;
	return said;
}

/*
 * "02 - Математика 2026.06.02": an exam block's title, the only non-empty
 * cell of its row; *SUBJECT (allocated, a key) gets "математика".
 */
static int block_title(const mms_row *row, char **subject)
{
	const char *t = NULL, *p, *end;
	size_t n;

	*subject = NULL;
	for (size_t f = 0; f < row->n; f++) {
		if (!row->f[f][0])
			continue;
		if (t)
			return 0;
		t = row->f[f];
	}
	if (!t || !(t[0] >= '0' && t[0] <= '9'))
		return 0;
	p = t + strspn(t, "0123456789");
	p += strspn(p, " ");
	if (*p != '-')
		return 0;
	p++;
	p += strspn(p, " ");
	n = strlen(p);
	/* the date at the end: YYYY.MM.DD */
	if (n < 12)
		return 0;
	end = p + n - 10;
	for (int i = 0; i < 10; i++)
		if (!((i == 4 || i == 7) ? end[i] == '.' : (end[i] >= '0' && end[i] <= '9')))
			return 0;
	if (end[-1] != ' ')
		return 0;
	{
		char *s = strndup(p, (size_t)(end - p));

		if (!s)
			return -1;
		*subject = mms_key(mms_trim(s));
		free(s);
	}
	return *subject ? 1 : -1;
}

/* Whether a block's subject is the assessment's: "математика" is in "математика (база)". */
static int same_subject(const struct imp *x, const char *subject)
{
	size_t a = strlen(subject), b = strlen(x->subject_key);

	return strncmp(subject, x->subject_key, a < b ? a : b) == 0;
}

int rs_enter_block(struct imp *x, const mms_row *row)
{
	char *subject;
	int r = block_title(row, &subject);
	const char *title = NULL;

	if (r < 0)
		return rs_oom(x);
	for (size_t f = 0; f < row->n && !title; f++)
		if (row->f[f][0])
			title = row->f[f];
	free(x->block);
	x->block = strdup(title ? title : "");
	x->block_other = !same_subject(x, subject);
	free(subject);
	if (!x->block)
		return rs_oom(x);
	if (x->block_other) {
		struct other_block *b;

		if (mms_grow((void **)&x->others, &x->others_cap, x->nothers + 1, sizeof(*b)))
			return rs_oom(x);
		b = &x->others[x->nothers];
		b->title = strdup(x->block);
		b->rows = 0;
		if (!b->title)
			return rs_oom(x);
		x->nothers++;
	}
	return MMS_OK;
}

/* ---- the header -------------------------------------------------------- */

/*
 * Whether ROW is a results header: it has a participant code column, or a
 * participant's name or document with answers, tasks or a class.
 */
static int is_header(struct imp *x, const mms_row *row, char *const *keys)
{
	int who = 0, what = 0;

	for (size_t f = 0; f < row->n; f++) {
		struct key_note note;
		enum ident id;
		enum col_kind k;

		/* a row of levels (Б, П, В) is many short words none of which matters here */
		if (!keys[f] || (strlen(keys[f]) < 3 && !(keys[f][0] >= '0' && keys[f][0] <= '9')))
			continue;
		note = note_of(x, keys[f]);
		k = note.kind;
		id = note.id;
		if (k == C_CODE)
			return 1; /* enough: the rest of a wide header need not be looked at */
		who |= id == ID_SURNAME || id == ID_FULLNAME || id == ID_NUMBER;
		what |= k == C_SHORT || k == C_LONG || k == C_CLASS ||
		        (k == C_TASK && looks_like_task(keys[f]));
	}
	return who && what;
}

/* is_header() of a row whose keys are not at hand: 1, 0, or < 0 when out of memory. */
static int row_is_header(struct imp *x, const mms_row *row)
{
	char **keys = row_keys(x, row);
	int r;

	if (!keys)
		return -1;
	r = is_header(x, row, keys);
	free_keys(keys, row->n);
	return r;
}

void rs_layout_free(struct layout *L)
{
	for (size_t f = 0; L->cols && f < L->ncols; f++)
		free(L->cols[f].name);
	free(L->cols);
	free(L->klass_text);
	free(L->roles);
	L->cols = NULL;
	L->klass_text = NULL;
	L->roles = NULL;
	L->ncols = 0;
	L->nscored = L->nmarks = L->nextra = L->nparsed = 0;
}

int rs_layout_roles(struct imp *x, struct layout *L)
{
	static const enum col_kind scored[] = {C_TASK, C_WHOLE, C_SHORT, C_LONG};
	static const enum col_kind marks[] = {C_MARK, C_JOURNAL, C_TOTAL, C_VARIANT, C_VARIANT2};
	static const enum col_kind extra[] = {C_EXTRA};
	static const enum col_kind parsed[] = {C_TASK, C_WHOLE};
	const struct {
		const enum col_kind *kinds;
		size_t nkinds;
		size_t *n;
	} role[] = {{scored, 4, &L->nscored},
	            {marks, 5, &L->nmarks},
	            {extra, 1, &L->nextra},
	            {parsed, 2, &L->nparsed}};
	int *at;

	free(L->roles);
	L->roles = at = malloc((4 * L->ncols + 1) * sizeof(*L->roles));
	L->nscored = L->nmarks = L->nextra = L->nparsed = 0;
	if (!at)
		return rs_oom(x);
	for (size_t r = 0; r < sizeof(role) / sizeof(role[0]); r++)
		for (size_t f = 0; f < L->ncols; f++)
			for (size_t k = 0; k < role[r].nkinds; k++)
				if (L->cols[f].kind == role[r].kinds[k]) {
					*at++ = (int)f;
					(*role[r].n)++;
				}
	return MMS_OK;
}

/*
 * Task columns numbered 1…T in order, T the description's tasks, where the
 * description labels them otherwise (1, 2, 4К1, 4К2, 6.1 …: the № of a
 * published table beside its № по КИМу): the N-th column is the N-th task.
 */
static int sequential_numbers(struct imp *x, const mms_row *row, struct layout *L)
{
	size_t n = 0, labelled = 0;
	int expect = 1;

	for (size_t t = 0; t < x->ntasks; t++) {
		char num[24];

		snprintf(num, sizeof(num), "%zu", t + 1);
		labelled += strcmp(x->tasks[t].key, num) == 0;
	}
	if (labelled == x->ntasks)
		return MMS_OK; /* the labels are the numbers */
	for (size_t f = 0; f < L->ncols; f++) {
		enum col_kind k = L->cols[f].kind;
		char *key;
		double max;

		if (k != C_TASK && k != C_WHOLE && k != C_EXTRA)
			continue;
		key = header_key(x, row->f[f]);
		if (!key)
			return rs_oom(x);
		split_task_header(key, &max);
		if (key[0] && strspn(key, "0123456789") == strlen(key) && atoi(key) == expect)
			expect++, n++;
		else
			n = x->ntasks + 1; /* not the sequence */
		free(key);
	}
	if (n != x->ntasks)
		return MMS_OK;
	for (size_t f = 0, t = 0; f < L->ncols; f++) {
		struct column *c = &L->cols[f];

		if (c->kind != C_TASK && c->kind != C_WHOLE && c->kind != C_EXTRA)
			continue;
		free(c->name);
		c->name = NULL;
		c->kind = C_TASK;
		c->task = (int)t++;
	}
	x->st->numbered = 1;
	return MMS_OK;
}

static int header_layout(struct imp *x, const mms_row *row, struct layout *L, int *bad);

int rs_header_layout(struct imp *x, const mms_row *row, struct layout *L, int *bad)
{
	size_t said = mms_diag_count(x->db) + mms_diag_dropped(x->db);
	int found_bad = 0, rc;

	if (header_memo_is(x, row))
		return layout_from_memo(x, L);
	rc = header_layout(x, row, L, &found_bad);
	*bad |= found_bad;
	if (rc == MMS_OK && !found_bad && mms_diag_count(x->db) + mms_diag_dropped(x->db) == said)
		header_memo_keep(x, row, L);
	return rc;
}

static int header_layout(struct imp *x, const mms_row *row, struct layout *L, int *bad)
{
	int rc;

	rs_layout_free(L);
	memset(L, 0, sizeof(*L));
	L->cols = calloc(row->n ? row->n : 1, sizeof(*L->cols));
	if (!L->cols)
		return rs_oom(x);
	L->ncols = row->n;
	L->code = L->klass = L->letter = L->school_code = L->school_name = L->variant =
	    L->variant2 = L->total = L->mark = L->journal = L->sex = L->shortans = L->longans = -1;
	for (int i = 0; i < NIDENT; i++)
		L->ident[i] = -1;
	for (size_t f = 0; f < row->n; f++) {
		int *slot = NULL;

		rc = classify_field(x, row->line, (int)f, row->f[f], &L->cols[f], bad);
		if (rc != MMS_OK)
			return rc;
		switch (L->cols[f].kind) {
		case C_CODE:
			slot = &L->code;
			break;
		case C_CLASS:
			slot = &L->klass;
			break;
		case C_LETTER:
			slot = &L->letter;
			break;
		case C_SCHOOL_CODE:
			slot = &L->school_code;
			break;
		case C_SCHOOL_NAME:
			slot = &L->school_name;
			break;
		case C_VARIANT:
			slot = &L->variant;
			break;
		case C_VARIANT2:
			slot = &L->variant2;
			break;
		case C_TOTAL:
			slot = &L->total;
			break;
		case C_MARK:
			slot = &L->mark;
			break;
		case C_JOURNAL:
			slot = &L->journal;
			break;
		case C_SEX:
			slot = &L->sex;
			break;
		case C_SHORT:
			slot = &L->shortans;
			break;
		case C_LONG:
			slot = &L->longans;
			break;
		case C_TASK:
			for (size_t g = 0; g < f; g++) {
				if (L->cols[g].kind == C_TASK &&
				    L->cols[g].task == L->cols[f].task) {
					mms_diag_cell(x->db, x->src, row->line, (int)f,
					              _("task %s has two columns"),
					              x->tasks[L->cols[f].task].label);
					*bad = 1;
				}
			}
			L->ntaskcols++;
			break;
		case C_PERSONAL:
			L->npersonal++;
			if (L->cols[f].ident != ID_NONE && L->ident[L->cols[f].ident] < 0)
				L->ident[L->cols[f].ident] = (int)f;
			break;
		default:
			break;
		}
		if (slot) {
			if (*slot >= 0) {
				mms_diag_cell(x->db, x->src, row->line, (int)f,
				              _("column '%s' appears twice in the header"),
				              row->f[f]);
				*bad = 1;
			}
			*slot = (int)f;
		}
	}
	rc = sequential_numbers(x, row, L);
	if (rc != MMS_OK)
		return rc;
	/* Наименование класса alone is the class */
	if (L->klass < 0 && L->letter >= 0) {
		L->klass = L->letter;
		L->letter = -1;
	}
	L->klass_text = strdup(L->klass >= 0 ? row->f[L->klass] : "");
	if (!L->klass_text)
		return rs_oom(x);
	if (L->code < 0) {
		int who = L->ident[ID_SURNAME] >= 0 || L->ident[ID_FULLNAME] >= 0 ||
		          (L->ident[ID_SERIES] >= 0 && L->ident[ID_NUMBER] >= 0);

		if (!who) {
			mms_diag_cell(x->db, x->src, row->line, -1,
			              _("the header has no column Код участника, nor the names or "
			                "documents a protocol has instead"));
			*bad = 1;
		}
		L->pseudonymous = 1;
	}
	if (L->klass < 0) {
		mms_diag_cell(x->db, x->src, row->line, -1, _("the header has no column Класс"));
		*bad = 1;
	}
	if (L->shortans >= 0 || L->longans >= 0) {
		if (L->ntaskcols > 0) {
			mms_diag_cell(x->db, x->src, row->line, -1,
			              _("the header mixes task columns with answer strings"));
			*bad = 1;
		}
	} else {
		/* every task of the description needs its column */
		mms_buf missing = {0};

		for (size_t t = 0; t < x->ntasks; t++) {
			int have = 0;

			for (size_t f = 0; f < L->ncols; f++) {
				const struct column *c = &L->cols[f];
				int by = (c->kind == C_TASK && c->task == (int)t) ||
				         (c->kind == C_WHOLE && (int)t >= c->part0 &&
				          (int)t < c->part0 + c->nparts);

				if (by && have) {
					mms_diag_cell(
					    x->db, x->src, row->line, (int)f,
					    _("task %s has a column of its own and one of the "
					      "whole task it is a part of"),
					    x->tasks[t].label);
					*bad = 1;
				}
				have |= by;
			}
			if (!have)
				mms_buf_addf(&missing, "%s%s", missing.len ? ", " : "",
				             x->tasks[t].label);
		}
		if (missing.len) {
			mms_diag_cell(x->db, x->src, row->line, -1,
			              _("the header has no column for task(s) %s of '%s'"),
			              missing.p, x->o->assessment);
			*bad = 1;
		}
		mms_buf_free(&missing);
	}
	return MMS_OK;
}

/*
 * The probe of a table's header (see mms_src_find()): MMS_OK with the layout
 * in L (and *BAD set when the header is wrong), MMS_EDATA when the rows read
 * have no results header, or show a report that is not results.
 */
int rs_read_header(void *ctx, mms_src *c)
{
	struct header_probe *hp = ctx;
	struct imp *x = hp->x;
	struct layout *L = hp->L;
	int *bad = hp->bad;
	mms_row *row;
	char **keys;
	int rc, rows = 0;
	long first = 0;

	/* another sheet of the workbook: start afresh */
	rs_layout_free(L);
	memset(L, 0, sizeof(*L));
	*bad = 0;
	free(x->block);
	x->block = NULL;
	x->block_other = 0;
	while ((rc = mms_src_next(c, &row)) == 1) {
		char *subject;
		int r;

		if (mms_row_blank(row))
			continue;
		if (!first)
			first = row->line;
		/* the header of the file before, again: a header, not an aggregate form */
		if (header_memo_is(x, row))
			return layout_from_memo(x, L);
		/* a title row of a file before, again: a title alone, saying nothing */
		if (title_memo_is(x, row)) {
			if (++rows >= HEADER_ROWS_MAX)
				break;
			continue;
		}
		keys = row_keys(x, row);
		if (!keys)
			return rs_oom(x);
		r = aggregate_form(x, row, keys) ? -2 : is_header(x, row, keys);
		free_keys(keys, row->n);
		if (r == -2)
			return MMS_EDATA;
		if (r)
			return rs_header_layout(x, row, L, bad);
		r = block_title(row, &subject);
		free(subject);
		if (r < 0)
			return rs_oom(x);
		if (r > 0 && (rc = rs_enter_block(x, row)) != MMS_OK)
			return rc;
		if (r == 0 && !check_title_row(x, row, bad))
			title_memo_keep(x, row);
		if (++rows >= HEADER_ROWS_MAX)
			break;
	}
	if (rc < 0)
		return rc;
	if (!first)
		mms_diag_cell(x->db, x->src, 0, -1,
		              mms_src_kind(c) == MMS_SRC_CSV ? _("the file has no rows")
		                                             : _("the sheet has no rows"));
	else
		mms_diag_cell(x->db, x->src, first, -1,
		              _("unknown column set: no header with a column Код участника (or a "
		                "protocol's Фамилия and answers) in the first %d rows"),
		              HEADER_ROWS_MAX);
	return MMS_EDATA;
}

/* ---- rows after the header --------------------------------------------- */

/* The first non-empty cell of ROW as a key (allocated), or NULL. */
static char *first_key(const mms_row *row, size_t *count)
{
	const char *first = NULL;

	*count = 0;
	for (size_t f = 0; f < row->n; f++) {
		if (row->f[f][0]) {
			if (!first)
				first = row->f[f];
			(*count)++;
		}
	}
	return first ? mms_key(first) : NULL;
}

enum row_kind rs_row_kind(struct imp *x, const struct layout *L, const mms_row *row)
{
	static const char *const footers[] = {"средние", "среднее", "среднее значение", "итого",
	                                      "всего",   "итого:",  "всего:",           NULL};
	size_t count, f;
	char *k, *subject;
	enum row_kind kind = ROW_DATA;
	int r;

	/*
	 * The common case first, cheaply: a row with a participant code is a
	 * participant's, or the header again (its class column says Класс).
	 */
	if (L->code >= 0 && (size_t)L->code < row->n && row->f[L->code][0] && !x->expect_header) {
		if ((size_t)L->klass < row->n && strcmp(row->f[L->klass], L->klass_text) == 0 &&
		    row_is_header(x, row) > 0)
			return ROW_HEADER;
		return ROW_DATA;
	}
	k = first_key(row, &count);
	if (!k)
		return ROW_DATA;
	if (rs_key_is(k, footers) &&
	    (L->code < 0 || (size_t)L->code >= row->n || !row->f[L->code][0]))
		kind = ROW_FOOTER;
	else if (strstr(k, "кол-во участников") || strstr(k, "количество участников"))
		kind = ROW_GROUP;
	free(k);
	if (kind != ROW_DATA)
		return kind;
	/* the group row's count in a cell of its own */
	for (f = 0; f < row->n; f++) {
		if (row->f[f][0] && (strstr(row->f[f], "Кол-во участников") ||
		                     strstr(row->f[f], "кол-во участников")))
			return ROW_GROUP;
	}
	if (count == 1 && (r = block_title(row, &subject)) > 0) {
		free(subject);
		x->expect_header = 1;
		return ROW_BLOCK;
	}
	/*
	 * The header again: after an exam block's title, or where the class
	 * column repeats its header's word (a page of a printed protocol).
	 * Checked so, not on every row: reading a header's words takes time.
	 */
	if ((x->expect_header ||
	     ((size_t)L->klass < row->n && strcmp(row->f[L->klass], L->klass_text) == 0)) &&
	    row_is_header(x, row) > 0) {
		x->expect_header = 0;
		return ROW_HEADER;
	}
	x->expect_header = 0;
	/* a form's template row: no code, no class, nothing but zeros and empty cells */
	if (L->code >= 0 && (size_t)L->code < row->n && !row->f[L->code][0]) {
		for (f = 0; f < row->n && f < L->ncols; f++) {
			enum col_kind c = L->cols[f].kind;
			const char *v = row->f[f];

			if (c == C_TOTAL || c == C_IGNORE || c == C_EXTRA || !v[0])
				continue;
			if ((c == C_TASK || c == C_WHOLE) && strcmp(v, "0") == 0)
				continue;
			break;
		}
		if (f == row->n || f == L->ncols)
			return ROW_TEMPLATE;
	}
	(void)x;
	return ROW_DATA;
}

/* "МБОУ "Сосновская СОШ"(edu000123) | Кол-во участников: 3": the school before the bar. */
int rs_group_school(struct imp *x, const mms_row *row)
{
	const char *text = NULL;
	size_t f;
	char *name;
	int rc;

	for (f = 0; f < row->n && !text; f++)
		if (row->f[f][0])
			text = row->f[f];
	if (!text)
		return MMS_OK;
	name = strdup(text);
	if (!name)
		return rs_oom(x);
	{
		char *bar = strstr(name, " | ");

		if (!bar)
			bar = strchr(name, '|');
		if (bar)
			*bar = '\0';
		mms_trim(name);
	}
	if (!name[0] || strstr(name, "Кол-во") || strstr(name, "кол-во")) {
		free(name);
		return MMS_OK; /* the count alone: the school comes from the rows */
	}
	rc = rs_resolve_school(x, row->line, (int)f - 1, name, &x->group_school);
	free(x->group_value);
	x->group_value = name;
	return rc;
}
