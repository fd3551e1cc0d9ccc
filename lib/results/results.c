/*
 * Reading students' item-level results: the ФИС ОКО "индивидуальные
 * результаты" layout, a plain layout (Код участника;Класс;1;2;…) and the
 * РЦОИ protocol of ОГЭ/ЕГЭ (short answers "++-1", long answers "1(2)0(3)").
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "input/source.h"
#include "mms/results.h"
#include "results/packed.h"
#include "text.h"

#define HEADER_ROWS_MAX 30

struct task {
	int64_t id;
	char *label, *key;
	double max;
	int slot;
};

enum col_kind {
	C_IGNORE,
	C_CODE,
	C_CLASS,
	C_SCHOOL_CODE,
	C_SCHOOL_NAME,
	C_VARIANT,
	C_TOTAL,
	C_SHORT,
	C_LONG,
	C_TASK,
	C_PERSONAL
};

struct column {
	enum col_kind kind;
	int task; /* index into tasks for C_TASK */
};

struct class_entry {
	int64_t school;
	char *key;
	int64_t id;
};

struct class_map {
	char *ordinal, *label;
};

struct imp {
	mms_db *db;
	const mms_results_opts *o;
	mms_results_stats *st;
	int64_t assessment;
	char *subject_key;
	double max_total;
	struct task *tasks;
	size_t ntasks;
	int64_t forced_school; /* from --school, or 0 */
	struct class_map *cmap;
	size_t ncmap;
	struct class_entry *classes;
	size_t nclasses;
	/* the last school value seen and what it resolved to */
	char *last_school_value;
	int64_t last_school;
	/* the last class value seen, its school and what it resolved to */
	char *last_class_value;
	int64_t last_class_school, last_class;
	mms_idset touched; /* participants written by this import */
	sqlite3_stmt *find_school_code, *find_school_name, *find_class, *find_part, *add_part,
	    *upd_part, *add_log, *upd_log, *seen_hash;
	/* per file */
	const char *file;
	mms_src *src;
	int64_t log_id;
	long f_rows, f_students, f_absent, f_scores, f_ins, f_rep, f_unch;
	/* per row */
	double *score;
	int *attempted, *have;
	unsigned char *blob; /* the packed scores of the row */
	int bloblen;
};

/* ---- small helpers ---------------------------------------------------- */

static int oom(struct imp *x)
{
	return mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
}

static int key_is(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(key, *names) == 0)
			return 1;
	return 0;
}

static int key_has(const char *key, const char *const *stems)
{
	for (; *stems; stems++)
		if (strstr(key, *stems))
			return 1;
	return 0;
}

static int is_absent_marker(const char *s)
{
	static const char *const marks[] = {
	    "отсутствовал", "отсутствовала", "отсутствует", "н/я", "н",
	    "неявка",       "не явился",     "absent",      NULL};
	char *k;
	int r;

	/* scores are the common case: no marker starts with a digit */
	if (!s[0] || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	k = mms_key(s);
	if (!k)
		return 0;
	r = key_is(k, marks);
	free(k);
	return r;
}

static int is_not_attempted(const char *s)
{
	/* X and х/Х (Latin and Cyrillic), hyphen, en and em dashes */
	static const char *const marks[] = {"X", "x", "Х", "х", "-", "—", "–", NULL};

	if (s[0] >= '0' && s[0] <= '9')
		return 0; /* a score, the common case */
	return key_is(s, marks);
}

/* "4К1 (3б)" → label "4К1" and max 3; returns 1 if a "(Nб)" suffix was there. */
static int split_task_header(char *key, double *max)
{
	char *open = strrchr(key, '(');
	size_t len = strlen(key);
	char *end;

	if (!open || len < 4 || key[len - 1] != ')')
		return 0;
	key[len - 1] = '\0';
	end = open + 1;
	/* the number, then "б", "балл", "баллов", "балла", "b" */
	char num[32];
	size_t n = 0;

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

static int find_task(const struct imp *x, const char *key)
{
	for (size_t i = 0; i < x->ntasks; i++)
		if (strcmp(x->tasks[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* Whether a header text looks like a task's label (digits, dots, К). */
static int looks_like_task(const char *key)
{
	if (!(key[0] >= '0' && key[0] <= '9'))
		return 0;
	for (const char *p = key; *p; p++)
		if (*p == ' ')
			return 0;
	return 1;
}

/* ---- the assessment ---------------------------------------------------- */

static int load_assessment(struct imp *x)
{
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(x->db, &st,
	                 "SELECT a.id, s.name_key FROM assessment a JOIN subject s "
	                 "ON s.id = a.subject_id WHERE a.code = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, x->o->assessment, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return mms_fail(x->db, MMS_ENOTFOUND,
		                _("no assessment '%s': import its description first "
		                  "(mms import-spec)"),
		                x->o->assessment);
	}
	x->assessment = sqlite3_column_int64(st, 0);
	x->subject_key = strdup((const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (!x->subject_key)
		return oom(x);
	rc = mms_prepare(x->db, &st,
	                 "SELECT id, label, label_key, max_score, slot FROM task "
	                 "WHERE assessment_id = ?1 ORDER BY position");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, x->assessment);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct task *t = realloc(x->tasks, (x->ntasks + 1) * sizeof(*t));

		if (!t) {
			sqlite3_finalize(st);
			return oom(x);
		}
		x->tasks = t;
		t = &x->tasks[x->ntasks];
		t->id = sqlite3_column_int64(st, 0);
		t->label = strdup((const char *)sqlite3_column_text(st, 1));
		t->key = strdup((const char *)sqlite3_column_text(st, 2));
		t->max = sqlite3_column_double(st, 3);
		t->slot = sqlite3_column_int(st, 4);
		if ((t->slot + 1) * MMS_SCORE_BYTES > x->bloblen)
			x->bloblen = (t->slot + 1) * MMS_SCORE_BYTES;
		x->ntasks++;
		x->max_total += t->max;
		if (!t->label || !t->key) {
			sqlite3_finalize(st);
			return oom(x);
		}
	}
	if (rc != SQLITE_DONE) {
		rc = mms_fail_sql(x->db, "reading the assessment's tasks");
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	if (x->ntasks == 0)
		return mms_fail(x->db, MMS_ENOTFOUND, _("assessment '%s' has no tasks"),
		                x->o->assessment);
	x->score = calloc(x->ntasks, sizeof(double));
	x->attempted = calloc(x->ntasks, sizeof(int));
	x->have = calloc(x->ntasks, sizeof(int));
	x->blob = calloc((size_t)x->bloblen, 1);
	if (!x->score || !x->attempted || !x->have || !x->blob)
		return oom(x);
	return MMS_OK;
}

static int parse_class_map(struct imp *x)
{
	char *copy, *save = NULL, *tok;

	if (!x->o->class_map)
		return MMS_OK;
	copy = strdup(x->o->class_map);
	if (!copy)
		return oom(x);
	for (tok = strtok_r(copy, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
		char *eq = strchr(tok, '=');
		struct class_map *m;

		if (!eq) {
			free(copy);
			return mms_fail(x->db, MMS_EUSAGE,
			                _("--class-map: '%s' is not ORDINAL=LABEL (e.g. 1=5А)"),
			                tok);
		}
		*eq = '\0';
		m = realloc(x->cmap, (x->ncmap + 1) * sizeof(*m));
		if (!m) {
			free(copy);
			return oom(x);
		}
		x->cmap = m;
		x->cmap[x->ncmap].ordinal = strdup(mms_trim(tok));
		x->cmap[x->ncmap].label = strdup(mms_trim(eq + 1));
		x->ncmap++;
		if (!x->cmap[x->ncmap - 1].ordinal || !x->cmap[x->ncmap - 1].label) {
			free(copy);
			return oom(x);
		}
	}
	free(copy);
	return MMS_OK;
}

static int prepare_all(struct imp *x)
{
	static const struct {
		size_t off;
		const char *sql;
	} stmts[] = {
	    {offsetof(struct imp, find_school_code), "SELECT id FROM school WHERE code = ?1"},
	    {offsetof(struct imp, find_school_name), "SELECT id FROM school WHERE name_key = ?1"},
	    {offsetof(struct imp, find_class),
	     "SELECT id FROM class WHERE school_id = ?1 AND label_key = ?2"},
	    {offsetof(struct imp, find_part),
	     "SELECT id, digest FROM participant "
	     "WHERE assessment_id = ?1 AND school_id = ?2 AND code = ?3"},
	    {offsetof(struct imp, add_part),
	     "INSERT INTO participant(assessment_id, school_id, class_id, code, variant, "
	     "absent, import_id, digest, scores) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
	    {offsetof(struct imp, upd_part),
	     "UPDATE participant SET class_id = ?2, variant = ?3, absent = ?4, "
	     "import_id = ?5, digest = ?6, scores = ?7 WHERE id = ?1"},
	    {offsetof(struct imp, add_log),
	     "INSERT INTO import_log(command, file, sha256, assessment_id) "
	     "VALUES ('import-results', ?1, '', ?2)"},
	    {offsetof(struct imp, upd_log),
	     "UPDATE import_log SET sha256 = ?2, rows = ?3, students = ?4, absent = ?5, "
	     "scores = ?6, inserted = ?7, replaced = ?8, unchanged = ?9 WHERE id = ?1"},
	    {offsetof(struct imp, seen_hash),
	     "SELECT 1 FROM import_log WHERE sha256 = ?1 AND assessment_id = ?2 AND id <> ?3"},
	};

	for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++) {
		int rc =
		    mms_prepare(x->db, (sqlite3_stmt **)((char *)x + stmts[i].off), stmts[i].sql);

		if (rc != MMS_OK)
			return rc;
	}
	return MMS_OK;
}

static void release(struct imp *x)
{
	sqlite3_stmt **all[] = {&x->find_school_code, &x->find_school_name, &x->find_class,
	                        &x->find_part,        &x->add_part,         &x->upd_part,
	                        &x->add_log,          &x->upd_log,          &x->seen_hash};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		sqlite3_finalize(*all[i]);
	for (size_t i = 0; i < x->ntasks; i++) {
		free(x->tasks[i].label);
		free(x->tasks[i].key);
	}
	free(x->tasks);
	for (size_t i = 0; i < x->ncmap; i++) {
		free(x->cmap[i].ordinal);
		free(x->cmap[i].label);
	}
	free(x->cmap);
	for (size_t i = 0; i < x->nclasses; i++)
		free(x->classes[i].key);
	free(x->classes);
	free(x->last_school_value);
	free(x->last_class_value);
	free(x->subject_key);
	free(x->score);
	free(x->attempted);
	free(x->have);
	free(x->blob);
	mms_idset_free(&x->touched);
}

/* ---- the header -------------------------------------------------------- */

static const char *const k_code[] = {"код участника", "код ученика", "код обучающегося", "участник",
                                     "id участника",  "participant", "participant code", NULL};
static const char *const k_class[] = {"класс", "class", "литера класса", NULL};
static const char *const k_school_code[] = {"оо",    "код оо",      "код оу", "логин оо",
                                            "логин", "school code", NULL};
static const char *const k_school_name[] = {"название оо", "наименование оо", "школа",
                                            "оу",          "school",          NULL};
static const char *const k_variant[] = {"вариант", "variant", NULL};
static const char *const k_total[] = {"первичный балл", "сумма баллов", "сумма первичных баллов",
                                      "итого",          "total",        NULL};
static const char *const k_ignore[] = {"муниципалитет",
                                       "мо",
                                       "район",
                                       "отметка",
                                       "отметка по журналу",
                                       "оценка",
                                       "оценка по журналу",
                                       "балл по 100-балльной шкале",
                                       "тестовый балл",
                                       "mark",
                                       "municipality",
                                       "№",
                                       "n",
                                       "№ п/п",
                                       NULL};
static const char *const k_personal[] = {"фамилия",
                                         "имя",
                                         "отчество",
                                         "фио",
                                         "ф.и.о.",
                                         "фио участника",
                                         "серия",
                                         "номер",
                                         "серия документа",
                                         "номер документа",
                                         "документ",
                                         "паспорт",
                                         "серия паспорта",
                                         "номер паспорта",
                                         "снилс",
                                         "дата рождения",
                                         "пол",
                                         "surname",
                                         "name",
                                         "first name",
                                         "last name",
                                         "passport",
                                         NULL};
/* stems of personal data in other wordings: ФИО обучающегося, Дата рожд., Паспорт (серия) */
static const char *const s_personal[] = {"фамил", "отчеств",  "фио",    "ф.и.о", "паспорт", "снилс",
                                         "рожд",  "документ", "ученик", "имя ",  NULL};
static const char *const s_short[] = {"кратк", "short", NULL};
static const char *const s_long[] = {"развернут", "развёрнут", "long", NULL};

/* Classifies one header field; adds diagnostics for impossible task columns. */
static int classify_field(struct imp *x, long line, int field, const char *text, struct column *col,
                          int *bad)
{
	char *key = mms_key(text);
	double hmax = 0;
	int has_max, t;

	col->kind = C_IGNORE;
	col->task = -1;
	if (!key)
		return oom(x);
	if (!key[0]) {
		free(key);
		return MMS_OK;
	}
	size_t kl = strlen(key);

	if (key[kl - 1] == ':')
		key[kl - 1] = '\0';
	if (key_is(key, k_code))
		col->kind = C_CODE;
	else if (key_is(key, k_class))
		col->kind = C_CLASS;
	else if (key_is(key, k_school_code))
		col->kind = C_SCHOOL_CODE;
	else if (key_is(key, k_school_name))
		col->kind = C_SCHOOL_NAME;
	else if (key_is(key, k_variant))
		col->kind = C_VARIANT;
	else if (key_is(key, k_total))
		col->kind = C_TOTAL;
	else if (key_is(key, k_personal) || key_has(key, s_personal))
		col->kind = C_PERSONAL;
	else if (key_is(key, k_ignore))
		col->kind = C_IGNORE;
	else if (key_has(key, s_short) && strstr(key, "ответ"))
		col->kind = C_SHORT;
	else if (key_has(key, s_long) && strstr(key, "ответ"))
		col->kind = C_LONG;
	else {
		has_max = split_task_header(key, &hmax);
		t = find_task(x, key);
		if (t >= 0) {
			col->kind = C_TASK;
			col->task = t;
			if (has_max && fabs(hmax - x->tasks[t].max) > 1e-9) {
				mms_diag_cell(x->db, x->src, line, field,
				              _("column '%s' says task %s is worth %g points, the "
				                "description of '%s' says %g"),
				              text, x->tasks[t].label, hmax, x->o->assessment,
				              x->tasks[t].max);
				*bad = 1;
			}
		} else if (has_max || looks_like_task(key)) {
			mms_diag_cell(x->db, x->src, line, field,
			              _("column '%s': assessment '%s' has no task '%s'"), text,
			              x->o->assessment, key);
			*bad = 1;
		}
	}
	free(key);
	return MMS_OK;
}

/* The title block's "Предмет:;…" must name the assessment's subject. */
static void check_title_row(struct imp *x, const mms_row *row, int *bad)
{
	char *k;

	if (row->n < 2)
		return;
	k = mms_key(row->f[0]);
	if (!k)
		return;
	if (strcmp(k, "предмет:") == 0 || strcmp(k, "предмет") == 0) {
		char *v = mms_key(row->f[1]);

		if (v && v[0] && strcmp(v, x->subject_key) != 0) {
			mms_diag_cell(x->db, x->src, row->line, 1,
			              _("the file is for the subject '%s', assessment '%s' is not"),
			              row->f[1], x->o->assessment);
			*bad = 1;
		}
		free(v);
	} else if (strncmp(k, "максимальный первичный балл",
	                   strlen("максимальный первичный "
	                          "балл")) == 0) {
		double m;

		if (mms_parse_number(row->f[1], &m) == 0 && fabs(m - x->max_total) > 1e-9) {
			mms_diag_cell(
			    x->db, x->src, row->line, 1,
			    _("the file's maximum primary score is %g, the description of "
			      "'%s' sums to %g"),
			    m, x->o->assessment, x->max_total);
			*bad = 1;
		}
	}
	free(k);
}

struct layout {
	struct column *cols;
	size_t ncols;
	int code, klass, school_code, school_name, variant, total, shortans, longans;
	int ntaskcols;
};

struct header_probe {
	struct imp *x;
	struct layout *L;
	int *bad;
};

/*
 * The probe of a table's header (see mms_src_find()): MMS_OK with the layout
 * in L (and *BAD set when the header is wrong), MMS_EDATA when the rows read
 * have no header with a column Код участника.
 */
static int read_header(void *ctx, mms_src *c)
{
	struct header_probe *hp = ctx;
	struct imp *x = hp->x;
	struct layout *L = hp->L;
	int *bad = hp->bad;
	mms_row *row;
	int rc, rows = 0;
	long first = 0;

	/* another sheet of the workbook: start afresh */
	free(L->cols);
	memset(L, 0, sizeof(*L));
	*bad = 0;
	while ((rc = mms_src_next(c, &row)) == 1) {
		int found = 0;

		if (mms_row_blank(row))
			continue;
		if (!first)
			first = row->line;
		for (size_t f = 0; f < row->n && !found; f++) {
			char *k = mms_key(row->f[f]);

			if (!k)
				return oom(x);
			found = key_is(k, k_code);
			free(k);
		}
		if (!found) {
			check_title_row(x, row, bad);
			if (++rows >= HEADER_ROWS_MAX)
				break;
			continue;
		}
		L->cols = calloc(row->n, sizeof(*L->cols));
		if (!L->cols)
			return oom(x);
		L->ncols = row->n;
		L->code = L->klass = L->school_code = L->school_name = L->variant = L->total =
		    L->shortans = L->longans = -1;
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
			case C_SCHOOL_CODE:
				slot = &L->school_code;
				break;
			case C_SCHOOL_NAME:
				slot = &L->school_name;
				break;
			case C_VARIANT:
				slot = &L->variant;
				break;
			case C_TOTAL:
				slot = &L->total;
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
				x->st->personal_columns++;
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
		if (L->klass < 0) {
			mms_diag_cell(x->db, x->src, row->line, -1,
			              _("the header has no column Класс"));
			*bad = 1;
		}
		if (L->school_code < 0 && L->school_name < 0 && !x->forced_school) {
			mms_diag_cell(x->db, x->src, row->line, -1,
			              _("the file has no school column (ОО, Название ОО): give "
			                "--school CODE"));
			*bad = 1;
		}
		if (L->shortans >= 0 || L->longans >= 0) {
			if (L->ntaskcols > 0) {
				mms_diag_cell(
				    x->db, x->src, row->line, -1,
				    _("the header mixes task columns with answer strings"));
				*bad = 1;
			}
		} else {
			/* every task of the description needs its column */
			mms_buf missing = {0};

			for (size_t t = 0; t < x->ntasks; t++) {
				int have = 0;

				for (size_t f = 0; f < L->ncols && !have; f++)
					have =
					    L->cols[f].kind == C_TASK && L->cols[f].task == (int)t;
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
	if (rc < 0)
		return rc;
	if (!first)
		mms_diag_cell(x->db, x->src, 0, -1,
		              mms_src_kind(c) == MMS_SRC_CSV ? _("the file has no rows")
		                                             : _("the sheet has no rows"));
	else
		mms_diag_cell(
		    x->db, x->src, first, -1,
		    _("unknown column set: no header with a column Код участника in the first "
		      "%d rows"),
		    HEADER_ROWS_MAX);
	return MMS_EDATA;
}

/* ---- rows -------------------------------------------------------------- */

static int lookup_id(struct imp *x, sqlite3_stmt *st, int64_t *id)
{
	int rc = sqlite3_step(st);

	*id = 0;
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(x->db, "looking up the roster");
	return MMS_OK;
}

/* Finds the school a row's value names: a code, "Name(code)", or a name. */
static int resolve_school(struct imp *x, long line, int col, const char *value, int by_code,
                          int64_t *school)
{
	char *buf = NULL, *key = NULL;
	int rc = MMS_OK;

	if (x->last_school_value && strcmp(x->last_school_value, value) == 0) {
		*school = x->last_school;
		return *school ? MMS_OK : MMS_EDATA;
	}
	*school = 0;
	buf = strdup(value);
	if (!buf)
		return oom(x);
	if (!by_code) {
		/* "МБОУ «Кириковская СОШ»(edu241000)": the code in the brackets */
		size_t n = strlen(buf);
		char *open = strrchr(buf, '(');

		if (open && n > 2 && buf[n - 1] == ')') {
			buf[n - 1] = '\0';
			sqlite3_bind_text(x->find_school_code, 1, mms_trim(open + 1), -1,
			                  SQLITE_STATIC);
			rc = lookup_id(x, x->find_school_code, school);
			*open = '\0';
		}
		if (rc == MMS_OK && !*school) {
			key = mms_school_key(buf);
			if (!key) {
				free(buf);
				return oom(x);
			}
			sqlite3_bind_text(x->find_school_name, 1, key, -1, SQLITE_STATIC);
			rc = lookup_id(x, x->find_school_name, school);
		}
	} else {
		sqlite3_bind_text(x->find_school_code, 1, buf, -1, SQLITE_STATIC);
		rc = lookup_id(x, x->find_school_code, school);
	}
	free(buf);
	free(key);
	if (rc != MMS_OK)
		return rc;
	free(x->last_school_value);
	x->last_school_value = strdup(value);
	x->last_school = *school;
	if (!x->last_school_value)
		return oom(x);
	if (!*school) {
		mms_diag_cell(
		    x->db, x->src, line, col,
		    _("school '%s' is not in the roster (import it with mms import-roster)"),
		    value);
		return MMS_EDATA;
	}
	return MMS_OK;
}

static int resolve_class(struct imp *x, long line, int col, int64_t school, const char *value,
                         int64_t *klass)
{
	const char *label = value;
	char *key;
	int rc;

	*klass = 0;
	if (!value[0]) {
		mms_diag_cell(x->db, x->src, line, col, _("the class is empty"));
		return MMS_EDATA;
	}
	/* rows come class by class: the same text as the last row's is the same class */
	if (x->last_class && x->last_class_school == school && x->last_class_value &&
	    strcmp(x->last_class_value, value) == 0) {
		*klass = x->last_class;
		return MMS_OK;
	}
	/* an ordinal such as "1" needs the school's mapping: never guess */
	if (strspn(value, "0123456789") == strlen(value)) {
		label = NULL;
		for (size_t i = 0; i < x->ncmap; i++)
			if (strcmp(x->cmap[i].ordinal, value) == 0)
				label = x->cmap[i].label;
		if (!label) {
			mms_diag_cell(
			    x->db, x->src, line, col,
			    _("class '%s' is a number, not a label like 5А: give --class-map "
			      "%s=LABEL"),
			    value, value);
			return MMS_EDATA;
		}
	}
	key = mms_class_key(label);
	if (!key)
		return oom(x);
	for (size_t i = 0; i < x->nclasses; i++) {
		if (x->classes[i].school == school && strcmp(x->classes[i].key, key) == 0) {
			*klass = x->classes[i].id;
			free(key);
			goto found;
		}
	}
	sqlite3_bind_int64(x->find_class, 1, school);
	sqlite3_bind_text(x->find_class, 2, key, -1, SQLITE_STATIC);
	rc = lookup_id(x, x->find_class, klass);
	if (rc != MMS_OK) {
		free(key);
		return rc;
	}
	{
		struct class_entry *e = realloc(x->classes, (x->nclasses + 1) * sizeof(*e));

		if (!e) {
			free(key);
			return oom(x);
		}
		x->classes = e;
		x->classes[x->nclasses].school = school;
		x->classes[x->nclasses].key = key;
		x->classes[x->nclasses].id = *klass;
		x->nclasses++;
	}
found:
	if (!*klass) {
		mms_diag_cell(x->db, x->src, line, col,
		              _("class '%s' is not in the school's roster (import-roster)"), label);
		return MMS_EDATA;
	}
	free(x->last_class_value);
	x->last_class_value = strdup(value);
	x->last_class_school = school;
	x->last_class = x->last_class_value ? *klass : 0;
	return MMS_OK;
}

/* One score cell; returns 0, or 1 after a diagnostic. */
static int parse_cell(struct imp *x, long line, int col, size_t t, const char *cell)
{
	double v;

	x->have[t] = 1;
	if (!cell[0] || is_not_attempted(cell)) {
		x->score[t] = 0;
		x->attempted[t] = 0;
		return 0;
	}
	if (mms_parse_number(cell, &v) != 0) {
		mms_diag_cell(x->db, x->src, line, col, _("task %s: '%s' is not a score"),
		              x->tasks[t].label, cell);
		return 1;
	}
	if (v > x->tasks[t].max + 1e-9) {
		mms_diag_cell(x->db, x->src, line, col,
		              _("task %s: score %g is above its maximum %g"), x->tasks[t].label, v,
		              x->tasks[t].max);
		return 1;
	}
	x->score[t] = v;
	x->attempted[t] = 1;
	return 0;
}

/* The РЦОИ short answers: one character a task: + full, - none, a digit. */
static int parse_short(struct imp *x, long line, int col, const char *s, size_t *next)
{
	size_t t = 0;
	int bad = 0;

	for (const char *p = s; *p;) {
		/* one answer: a character, which may take several bytes (Cyrillic Х) */
		size_t len = 1;
		char one[8];

		while (((unsigned char)p[len] & 0xC0) == 0x80 && len < sizeof(one) - 1)
			len++;
		memcpy(one, p, len);
		one[len] = '\0';
		p += len;
		if (one[0] == ' ')
			continue;
		if (t >= x->ntasks) {
			mms_diag_cell(
			    x->db, x->src, line, col,
			    _("the short answers '%s' are more than the %zu tasks of '%s'"), s,
			    x->ntasks, x->o->assessment);
			return 1;
		}
		x->have[t] = 1;
		x->attempted[t] = 1;
		if (one[0] == '+' && len == 1)
			x->score[t] = x->tasks[t].max;
		else if (one[0] == '-' && len == 1)
			x->score[t] = 0;
		else if (len == 1 && one[0] >= '0' && one[0] <= '9' &&
		         one[0] - '0' <= x->tasks[t].max)
			x->score[t] = one[0] - '0';
		else if (strcmp(one, "_") == 0 || is_not_attempted(one)) {
			x->score[t] = 0;
			x->attempted[t] = 0;
		} else {
			mms_diag_cell(
			    x->db, x->src, line, col,
			    _("short answer %zu ('%s') of task %s is not +, - or a score up to "
			      "%g"),
			    t + 1, one, x->tasks[t].label, x->tasks[t].max);
			bad = 1;
			x->score[t] = 0;
		}
		t++;
	}
	*next = t;
	return bad;
}

/* The РЦОИ long answers: "score(max)" runs, e.g. "1(2)2(3)0(2)". */
static int parse_long(struct imp *x, long line, int col, const char *s, size_t t)
{
	const char *p = s;

	while (*p) {
		double v, m;
		char num[16], mx[16];
		size_t n = 0, k = 0;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		while ((*p >= '0' && *p <= '9') || *p == ',' || *p == '.' || *p == 'X' ||
		       *p == 'x' || *p == '-') {
			if (n + 1 < sizeof(num))
				num[n++] = *p;
			p++;
		}
		num[n] = '\0';
		if (*p != '(')
			goto bad;
		p++;
		while ((*p >= '0' && *p <= '9') || *p == ',' || *p == '.') {
			if (k + 1 < sizeof(mx))
				mx[k++] = *p;
			p++;
		}
		mx[k] = '\0';
		if (*p != ')' || mms_parse_number(mx, &m) != 0)
			goto bad;
		p++;
		if (t >= x->ntasks) {
			mms_diag_cell(x->db, x->src, line, col,
			              _("the answers are more than the %zu tasks of '%s'"),
			              x->ntasks, x->o->assessment);
			return 1;
		}
		if (fabs(m - x->tasks[t].max) > 1e-9) {
			mms_diag_cell(
			    x->db, x->src, line, col,
			    _("long answer of task %s says its maximum is %g, the description "
			      "says %g"),
			    x->tasks[t].label, m, x->tasks[t].max);
			return 1;
		}
		x->have[t] = 1;
		if (is_not_attempted(num) || strcmp(num, "x") == 0) {
			x->score[t] = 0;
			x->attempted[t] = 0;
		} else if (mms_parse_number(num, &v) == 0 && v <= m + 1e-9) {
			x->score[t] = v;
			x->attempted[t] = 1;
		} else {
			mms_diag_cell(x->db, x->src, line, col,
			              _("long answer of task %s: '%s' is not a score from 0 to %g"),
			              x->tasks[t].label, num, m);
			return 1;
		}
		t++;
	}
	if (t != x->ntasks) {
		mms_diag_cell(x->db, x->src, line, col,
		              _("the answers cover %zu tasks, assessment '%s' has %zu"), t,
		              x->o->assessment, x->ntasks);
		return 1;
	}
	return 0;
bad:
	mms_diag_cell(x->db, x->src, line, col,
	              _("the long answers '%s' are not runs of score(max) such as 1(2)0(3)"), s);
	return 1;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static int store_row(struct imp *x, int64_t school, int64_t klass, const char *code,
                     const char *variant, int absent, long line)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int64_t part = 0, digest;
	int rc, exists = 0, same = 0;

	h = fnv(h, &klass, sizeof(klass));
	h = fnv(h, variant, strlen(variant) + 1);
	h = fnv(h, &absent, sizeof(absent));
	for (size_t t = 0; !absent && t < x->ntasks; t++) {
		int64_t centi = (int64_t)llround(x->score[t] * 100);

		h = fnv(h, &x->tasks[t].id, sizeof(int64_t));
		h = fnv(h, &centi, sizeof(centi));
		h = fnv(h, &x->attempted[t], sizeof(int));
	}
	digest = (int64_t)(h >> 1);
	memset(x->blob, 0, (size_t)x->bloblen);
	for (size_t t = 0; !absent && t < x->ntasks; t++)
		mms_score_pack(x->blob + x->tasks[t].slot * MMS_SCORE_BYTES, x->score[t],
		               x->attempted[t]);

	sqlite3_bind_int64(x->find_part, 1, x->assessment);
	sqlite3_bind_int64(x->find_part, 2, school);
	sqlite3_bind_text(x->find_part, 3, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(x->find_part);
	if (rc == SQLITE_ROW) {
		exists = 1;
		part = sqlite3_column_int64(x->find_part, 0);
		same = sqlite3_column_int64(x->find_part, 1) == digest;
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(x->find_part);
		return mms_fail_sql(x->db, "looking up a participant");
	}
	sqlite3_reset(x->find_part);
	if (exists && mms_idset_has(&x->touched, part)) {
		mms_diag_cell(x->db, x->src, line, -1,
		              _("participant '%s' of this school appears twice in this import"),
		              code);
		return MMS_EDATA;
	}
	if (exists && same) {
		x->f_unch++;
		return mms_idset_add(&x->touched, part) < 0 ? oom(x) : MMS_OK;
	}
	if (exists) {
		sqlite3_bind_int64(x->upd_part, 1, part);
		sqlite3_bind_int64(x->upd_part, 2, klass);
		sqlite3_bind_text(x->upd_part, 3, variant, -1, SQLITE_STATIC);
		sqlite3_bind_int(x->upd_part, 4, absent);
		sqlite3_bind_int64(x->upd_part, 5, x->log_id);
		sqlite3_bind_int64(x->upd_part, 6, digest);
		if (absent)
			sqlite3_bind_null(x->upd_part, 7);
		else
			sqlite3_bind_blob(x->upd_part, 7, x->blob, x->bloblen, SQLITE_STATIC);
		rc = mms_step_done(x->db, x->upd_part);
		if (rc != MMS_OK)
			return rc;
		x->f_rep++;
	} else {
		sqlite3_bind_int64(x->add_part, 1, x->assessment);
		sqlite3_bind_int64(x->add_part, 2, school);
		sqlite3_bind_int64(x->add_part, 3, klass);
		sqlite3_bind_text(x->add_part, 4, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->add_part, 5, variant, -1, SQLITE_STATIC);
		sqlite3_bind_int(x->add_part, 6, absent);
		sqlite3_bind_int64(x->add_part, 7, x->log_id);
		sqlite3_bind_int64(x->add_part, 8, digest);
		if (absent)
			sqlite3_bind_null(x->add_part, 9);
		else
			sqlite3_bind_blob(x->add_part, 9, x->blob, x->bloblen, SQLITE_STATIC);
		rc = mms_step_done(x->db, x->add_part);
		if (rc != MMS_OK)
			return rc;
		part = sqlite3_last_insert_rowid(x->db->sql);
		x->f_ins++;
	}
	if (mms_idset_add(&x->touched, part) < 0)
		return oom(x);
	return MMS_OK;
}

/*
 * A participant code is short and has no spaces: "10001", "0412-0015",
 * "МО-05-123".  A name ("Громов Иван") must never be stored in its place.
 */
static int participant_code_valid(const char *code)
{
	size_t len = strlen(code);

	return len <= 32 && !strchr(code, ' ') && strcspn(code, "0123456789") < len;
}

static int do_row(struct imp *x, const struct layout *L, mms_row *row)
{
	const char *code, *variant = "";
	int64_t school = x->forced_school, klass = 0;
	int bad = 0, absent = 0, nscored = 0, nmarked = 0, nempty = 0;
	int rc;

	rc = mms_src_fit(x->db, x->src, &row, L->ncols);
	if (rc != MMS_OK)
		return rc;
	code = row->f[L->code];
	if (!code[0]) {
		mms_diag_cell(x->db, x->src, row->line, L->code,
		              _("the participant code is empty"));
		return MMS_EDATA;
	}
	if (!participant_code_valid(code)) {
		/* never echo it: it may be a student's name */
		mms_diag_cell(
		    x->db, x->src, row->line, L->code,
		    _("the participant code has spaces or no digit, like a name, or is longer "
		      "than 32 characters: only participant codes may be stored"));
		return MMS_EDATA;
	}
	if (L->school_code >= 0 && row->f[L->school_code][0])
		rc = resolve_school(x, row->line, L->school_code, row->f[L->school_code], 1,
		                    &school);
	else if (L->school_name >= 0 && row->f[L->school_name][0])
		rc = resolve_school(x, row->line, L->school_name, row->f[L->school_name], 0,
		                    &school);
	else if (!x->forced_school) {
		mms_diag_cell(x->db, x->src, row->line, -1, _("the school is empty"));
		rc = MMS_EDATA;
	} else
		rc = MMS_OK;
	if (rc == MMS_OK && x->forced_school && school != x->forced_school) {
		mms_diag_cell(x->db, x->src, row->line, -1,
		              _("the row's school is not the school given with --school"));
		rc = MMS_EDATA;
	}
	if (rc == MMS_EDATA)
		return rc;
	if (rc != MMS_OK)
		return rc;
	if (L->variant >= 0)
		variant = row->f[L->variant];

	/* absent: a marker anywhere, and no score */
	memset(x->have, 0, x->ntasks * sizeof(int));
	for (size_t f = 0; f < L->ncols; f++) {
		enum col_kind k = L->cols[f].kind;
		const char *cell = row->f[f];

		/* a marker in another column (Отметка: н/я) comes with empty task cells */
		if (k != C_TASK && k != C_VARIANT && k != C_TOTAL && k != C_SHORT && k != C_LONG)
			continue;
		if (is_absent_marker(cell))
			nmarked++;
		else if (k == C_TASK && !cell[0])
			nempty++;
		else if (k == C_TASK || ((k == C_SHORT || k == C_LONG) && cell[0]))
			nscored++;
	}
	if (nmarked && nscored) {
		mms_diag_cell(x->db, x->src, row->line, -1,
		              _("the row marks the participant absent but has scores"));
		return MMS_EDATA;
	}
	absent = nmarked > 0 || nscored == 0;
	if (is_absent_marker(variant))
		variant = "";

	rc = resolve_class(x, row->line, L->klass, school, row->f[L->klass], &klass);
	if (rc != MMS_OK)
		return rc;

	if (!absent) {
		if (L->shortans >= 0 || L->longans >= 0) {
			size_t next = 0;

			if (L->shortans >= 0)
				bad |= parse_short(x, row->line, L->shortans, row->f[L->shortans],
				                   &next);
			if (!bad && L->longans >= 0)
				bad |=
				    parse_long(x, row->line, L->longans, row->f[L->longans], next);
			else if (!bad && next != x->ntasks) {
				mms_diag_cell(
				    x->db, x->src, row->line, -1,
				    _("the answers cover %zu tasks, assessment '%s' has %zu"), next,
				    x->o->assessment, x->ntasks);
				bad = 1;
			}
		} else {
			for (size_t f = 0; f < L->ncols; f++)
				if (L->cols[f].kind == C_TASK)
					bad |= parse_cell(x, row->line, (int)f,
					                  (size_t)L->cols[f].task, row->f[f]);
		}
		if (!bad && L->total >= 0 && row->f[L->total][0]) {
			double total, sum = 0;

			for (size_t t = 0; t < x->ntasks; t++)
				sum += x->score[t];
			if (mms_parse_number(row->f[L->total], &total) != 0) {
				mms_diag_cell(x->db, x->src, row->line, L->total,
				              _("the primary score '%s' is not a number"),
				              row->f[L->total]);
				bad = 1;
			} else if (fabs(total - sum) > 1e-6) {
				mms_diag_cell(
				    x->db, x->src, row->line, L->total,
				    _("the primary score %g is not the sum of the task scores "
				      "%g (are the columns shifted?)"),
				    total, sum);
				bad = 1;
			}
		}
		if (bad)
			return MMS_EDATA;
	}
	rc = store_row(x, school, klass, code, variant, absent, row->line);
	if (rc != MMS_OK)
		return rc;
	if (absent) {
		x->f_absent++;
	} else {
		x->f_students++;
		x->f_scores += (long)x->ntasks;
		for (size_t t = 0; t < x->ntasks; t++)
			x->st->not_attempted += !x->attempted[t];
	}
	return MMS_OK;
}

static int import_file(struct imp *x, const char *file, int index, int nfiles)
{
	struct layout L = {0};
	mms_src *c = NULL;
	mms_row *row;
	int rc, bad = 0;
	struct header_probe hp = {x, &L, &bad};
	char hex[65];

	x->file = file;
	x->f_rows = x->f_students = x->f_absent = x->f_scores = x->f_ins = x->f_rep = x->f_unch = 0;
	sqlite3_bind_text(x->add_log, 1, file, -1, SQLITE_STATIC);
	sqlite3_bind_int64(x->add_log, 2, x->assessment);
	rc = mms_step_done(x->db, x->add_log);
	if (rc != MMS_OK)
		return rc;
	x->log_id = sqlite3_last_insert_rowid(x->db->sql);

	rc = mms_src_open(x->db, file, x->o->encoding, x->o->sheet, &c);
	if (rc != MMS_OK)
		return rc;
	x->src = c;
	rc = mms_src_find(x->db, c, read_header, &hp);
	if (rc != MMS_OK || bad)
		goto out;
	while ((rc = mms_src_next(c, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		x->f_rows++;
		rc = do_row(x, &L, row);
		if (rc == MMS_EDATA)
			bad = 1;
		else if (rc != MMS_OK)
			goto out;
		if (x->o->progress && (x->f_rows & 1023) == 0)
			x->o->progress(x->o->progress_ctx, file, index, nfiles, x->f_rows);
	}
	if (rc < 0)
		goto out;
	rc = MMS_OK;
	if (x->f_rows == 0) {
		mms_diag_cell(x->db, x->src, 0, -1, _("the file has a header but no participants"));
		bad = 1;
	}
	mms_src_sha256(c, hex);
	sqlite3_bind_text(x->seen_hash, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(x->seen_hash, 2, x->assessment);
	sqlite3_bind_int64(x->seen_hash, 3, x->log_id);
	if (sqlite3_step(x->seen_hash) == SQLITE_ROW)
		x->st->files_seen_before++;
	sqlite3_reset(x->seen_hash);
	sqlite3_bind_int64(x->upd_log, 1, x->log_id);
	sqlite3_bind_text(x->upd_log, 2, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(x->upd_log, 3, x->f_rows);
	sqlite3_bind_int64(x->upd_log, 4, x->f_students);
	sqlite3_bind_int64(x->upd_log, 5, x->f_absent);
	sqlite3_bind_int64(x->upd_log, 6, x->f_scores);
	sqlite3_bind_int64(x->upd_log, 7, x->f_ins);
	sqlite3_bind_int64(x->upd_log, 8, x->f_rep);
	sqlite3_bind_int64(x->upd_log, 9, x->f_unch);
	rc = mms_step_done(x->db, x->upd_log);
out:
	if (rc == MMS_OK && bad)
		rc = MMS_EDATA;
	x->st->rows += x->f_rows;
	x->st->students += x->f_students;
	x->st->absent += x->f_absent;
	x->st->scores += x->f_scores;
	x->st->inserted += x->f_ins;
	x->st->replaced += x->f_rep;
	x->st->unchanged += x->f_unch;
	free(L.cols);
	mms_src_close(c);
	x->src = NULL;
	return rc;
}

int mms_results_import(mms_db *db, const mms_results_opts *o, const char *const *files, int nfiles,
                       mms_results_stats *stats)
{
	struct imp x;
	int rc, bad = 0;

	memset(stats, 0, sizeof(*stats));
	memset(&x, 0, sizeof(x));
	x.db = db;
	x.o = o;
	x.st = stats;
	mms_diag_clear(db);
	db->code = 0;
	db->errmsg[0] = '\0';
	if (!o->assessment || !o->assessment[0])
		return mms_fail(db, MMS_EUSAGE, _("the assessment ID is empty"));

	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = load_assessment(&x);
	if (rc == MMS_OK)
		rc = parse_class_map(&x);
	if (rc == MMS_OK)
		rc = prepare_all(&x);
	if (rc == MMS_OK && o->school) {
		sqlite3_bind_text(x.find_school_code, 1, o->school, -1, SQLITE_STATIC);
		rc = lookup_id(&x, x.find_school_code, &x.forced_school);
		if (rc == MMS_OK && !x.forced_school)
			rc = mms_fail(db, MMS_ENOTFOUND,
			              _("no school with code '%s' (import the roster first)"),
			              o->school);
	}
	for (int i = 0; rc == MMS_OK && i < nfiles; i++) {
		rc = import_file(&x, files[i], i, nfiles);
		stats->files++;
		if (rc == MMS_EDATA) {
			bad = 1;
			rc = MMS_OK; /* go on: list the problems of every file */
		}
	}
	release(&x);
	if (rc == MMS_OK && bad)
		rc = mms_fail(db, MMS_EDATA, _("the results have errors; nothing was imported"));
	if (rc != MMS_OK || o->dry_run) {
		mms_tx_rollback(db);
		return rc;
	}
	return mms_tx_commit(db);
}
