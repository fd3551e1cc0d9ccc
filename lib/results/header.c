/* The header of a results table: which column holds what. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "results/internal.h"
#include "text.h"

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
		return rs_oom(x);
	if (!key[0]) {
		free(key);
		return MMS_OK;
	}
	size_t kl = strlen(key);

	if (key[kl - 1] == ':')
		key[kl - 1] = '\0';
	if (rs_key_is(key, k_code))
		col->kind = C_CODE;
	else if (rs_key_is(key, k_class))
		col->kind = C_CLASS;
	else if (rs_key_is(key, k_school_code))
		col->kind = C_SCHOOL_CODE;
	else if (rs_key_is(key, k_school_name))
		col->kind = C_SCHOOL_NAME;
	else if (rs_key_is(key, k_variant))
		col->kind = C_VARIANT;
	else if (rs_key_is(key, k_total))
		col->kind = C_TOTAL;
	else if (rs_key_is(key, k_personal) || rs_key_has(key, s_personal))
		col->kind = C_PERSONAL;
	else if (rs_key_is(key, k_ignore))
		col->kind = C_IGNORE;
	else if (rs_key_has(key, s_short) && strstr(key, "ответ"))
		col->kind = C_SHORT;
	else if (rs_key_has(key, s_long) && strstr(key, "ответ"))
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

/*
 * The probe of a table's header (see mms_src_find()): MMS_OK with the layout
 * in L (and *BAD set when the header is wrong), MMS_EDATA when the rows read
 * have no header with a column Код участника.
 */
int rs_read_header(void *ctx, mms_src *c)
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
				return rs_oom(x);
			found = rs_key_is(k, k_code);
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
			return rs_oom(x);
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
