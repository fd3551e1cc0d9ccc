/*
 * The reference values ФИС ОКО publishes for an assessment: the forms
 * «Статистика по отметкам» (the shares of the marks 2…5 of Russia — «Вся
 * выборка» —, the region, the municipality and each school) and «Выполнение
 * заданий» (the success of each task, the same groups).  Russia's, the
 * region's and the municipality's rows are kept; the schools' rows are left:
 * the school's own figures come from its results.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/source.h"
#include "internal.h"
#include "mms/analysis.h"
#include "text.h"

enum form { FORM_NONE, FORM_MARKS, FORM_TASKS };

struct reader {
	mms_db *db;
	mms_reference_stats *st;
	int64_t aid;
	const char *municipality; /* the one asked for, NULL: the only one */
	sqlite3_stmt *put;
	enum form form;
	/* the columns: marks 2…5 (FORM_MARKS), tasks (FORM_TASKS: their labels) */
	int col[4];
	char **labels; /* by column, NULL where none */
	size_t nlabels;
	long labels_line; /* their row */
	int header_seen;
	int region_seen;
	char *municipalities; /* the names met, "; "-separated, for a message */
	int distinct;         /* how many */
	int errors;
};

static int is_school_row(const char *name)
{
	const char *p = strrchr(name, '(');

	return p && (!strncmp(p, "(edu", 4) || !strncmp(p, "(sch", 4) || !strncmp(p, "(oo", 3));
}

static int is_municipality_row(const char *name)
{
	char *key = mms_key(name);
	const char *p = strrchr(name, '(');
	int yes;

	yes = (p && strstr(p, "_m")) ||
	      (key && (strstr(key, "муниципальн") || strstr(key, "район") || strstr(key, "округ") ||
	               strstr(key, "город") || !strncmp(key, "г.", 3)));
	free(key);
	return yes;
}

/* A group's name without its code in parentheses at the end. */
static char *plain_name(const char *name)
{
	const char *p = strrchr(name, '(');
	size_t n = p && p > name && p[strlen(p) - 1] == ')' ? (size_t)(p - name) : strlen(name);
	char *s = malloc(n + 1);

	if (!s)
		return NULL;
	memcpy(s, name, n);
	s[n] = '\0';
	return s;
}

static int put(struct reader *r, const char *scope, const char *name, const char *what, double v)
{
	sqlite3_reset(r->put);
	sqlite3_bind_text(r->put, 2, scope, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->put, 3, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(r->put, 4, what, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(r->put, 5, v);
	return mms_step_done(r->db, r->put);
}

/* A percentage cell: 0…100, decimal comma or point; NaN when empty. */
static int percent(struct reader *r, mms_src *s, mms_row *row, int col, double *v)
{
	const char *f = col >= 0 && (size_t)col < row->n ? row->f[col] : "";

	*v = NAN;
	if (!f[0] || !strcmp(f, "-"))
		return 0;
	if (mms_parse_number(f, v) != 0 || *v < 0 || *v > 100) {
		mms_diag_cell(r->db, s, row->line, col, _("'%s' is not a percentage from 0 to 100"),
		              f);
		r->errors++;
		return -1;
	}
	*v /= 100.0;
	return 0;
}

/* The header of the marks: "Группы участников … 2 3 4 5". */
static int marks_header(struct reader *r, mms_row *row)
{
	for (int k = 0; k < 4; k++)
		r->col[k] = -1;
	for (size_t i = 0; i < row->n; i++)
		if (row->f[i][0] >= '2' && row->f[i][0] <= '5' && !row->f[i][1])
			r->col[row->f[i][0] - '2'] = (int)i;
	for (int k = 0; k < 4; k++)
		if (r->col[k] < 0)
			return 0;
	return 1;
}

/* The row of the task labels: empty cells, then "1", "2.1", "4К1"… */
static int task_labels(struct reader *r, mms_row *row)
{
	size_t first = 0, n = 0;

	while (first < row->n && !row->f[first][0])
		first++;
	if (first < 2 || first >= row->n)
		return 0;
	for (size_t i = first; i < row->n; i++)
		if (row->f[i][0])
			n++;
	if (!n)
		return 0;
	r->labels = calloc(row->n, sizeof(char *));
	if (!r->labels)
		return -1;
	r->labels_line = row->line;
	r->nlabels = row->n;
	for (size_t i = first; i < row->n; i++)
		if (row->f[i][0] && !(r->labels[i] = strdup(row->f[i])))
			return -1;
	return 1;
}

/* Which of Russia, the region, the municipality a data row is; NULL: left. */
static const char *scope_of(struct reader *r, const char *name)
{
	if (!strcmp(name, "Вся выборка"))
		return "russia";
	if (is_school_row(name)) {
		r->st->schools_left++;
		return NULL;
	}
	if (is_municipality_row(name)) {
		char *plain = plain_name(name);
		size_t have = r->municipalities ? strlen(r->municipalities) : 0;
		char *grown;
		int take;

		if (!plain)
			return NULL;
		mms_trim(plain);
		if (!r->municipalities || !strstr(r->municipalities, plain)) {
			grown = realloc(r->municipalities, have + strlen(plain) + 3);
			if (grown) {
				snprintf(grown + have, strlen(plain) + 3, "%s%s", have ? "; " : "",
				         plain);
				r->municipalities = grown;
				r->distinct++;
			}
		}
		take = r->municipality ? !strcmp(mms_trim(plain), r->municipality) ||
		                             strstr(plain, r->municipality) != NULL
		                       : 1;
		free(plain);
		if (!take) {
			r->st->municipalities_left++;
			return NULL;
		}
		r->st->municipalities++;
		return "municipality";
	}
	if (!r->region_seen) {
		r->region_seen = 1;
		return "region";
	}
	return NULL;
}

static int data_row(struct reader *r, mms_src *s, mms_row *row)
{
	const char *name = row->n ? row->f[0] : "";
	const char *scope;
	char what[64], *plain;
	int rc = MMS_OK;

	if (!name[0] || !(scope = scope_of(r, name)))
		return MMS_OK;
	plain = plain_name(name);
	if (!plain)
		return mms_oom(r->db);
	if (r->form == FORM_MARKS) {
		for (int k = 0; k < 4 && rc == MMS_OK; k++) {
			double v;

			if (percent(r, s, row, r->col[k], &v) || isnan(v))
				continue;
			snprintf(what, sizeof(what), "mark:%d", k + 2);
			rc = put(r, scope, mms_trim(plain), what, v);
			r->st->values++;
		}
	} else {
		for (size_t i = 0; i < r->nlabels && rc == MMS_OK; i++) {
			double v;

			if (!r->labels[i] || percent(r, s, row, (int)i, &v) || isnan(v))
				continue;
			snprintf(what, sizeof(what), "task:%s", r->labels[i]);
			rc = put(r, scope, mms_trim(plain), what, v);
			r->st->values++;
		}
	}
	r->st->rows++;
	free(plain);
	return rc;
}

/* The task labels the assessment does not have: named, and the file refused. */
static int check_labels(struct reader *r, mms_src *s)
{
	sqlite3_stmt *st;
	int rc =
	    mms_prepare(r->db, &st, "SELECT 1 FROM task WHERE assessment_id = ?1 AND label = ?2");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, r->aid);
	for (size_t i = 0; i < r->nlabels; i++) {
		if (!r->labels[i])
			continue;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 2, r->labels[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			mms_diag_cell(r->db, s, r->labels_line, (int)i,
			              _("task '%s' is not a task of the assessment"), r->labels[i]);
			r->errors++;
		} else {
			r->st->tasks++;
		}
	}
	sqlite3_finalize(st);
	return MMS_OK;
}

static int read_file(struct reader *r, const char *path, enum mms_encoding enc, const char *sheet)
{
	mms_src *s;
	mms_row *row;
	int rc, got;

	rc = mms_src_open(r->db, path, enc, sheet, &s);
	if (rc != MMS_OK)
		return rc;
	r->form = FORM_NONE;
	r->header_seen = 0;
	r->region_seen = 0;
	while ((got = mms_src_next(s, &row)) > 0) {
		const char *first = row->n ? row->f[0] : "";

		if (r->form == FORM_NONE) {
			if (!strcmp(first, "Статистика по отметкам"))
				r->form = FORM_MARKS;
			else if (!strcmp(first, "Выполнение заданий"))
				r->form = FORM_TASKS;
			else if (first[0]) {
				mms_diag_cell(
				    r->db, s, row->line, 0,
				    _("not a ФИС ОКО form «Статистика по отметкам» or «Выполнение "
				      "заданий»: it starts with '%s'"),
				    first);
				rc = MMS_EDATA;
				break;
			}
			continue;
		}
		if (!r->header_seen) {
			if (r->form == FORM_MARKS && !strcmp(first, "Группы участников"))
				r->header_seen = marks_header(r, row);
			else if (r->form == FORM_TASKS && !r->labels) {
				if (task_labels(r, row) < 0) {
					rc = mms_oom(r->db);
					break;
				}
			} else if (r->form == FORM_TASKS &&
			           (!strcmp(first, "ОО") || !strcmp(first, "Группы участников"))) {
				r->header_seen = 1;
				if ((rc = check_labels(r, s)) != MMS_OK)
					break;
			}
			continue;
		}
		if ((rc = data_row(r, s, row)) != MMS_OK)
			break;
	}
	if (got < 0)
		rc = MMS_EDATA;
	if (rc == MMS_OK && !r->header_seen) {
		mms_diag_cell(r->db, s, 0, -1,
		              r->form == FORM_NONE ? _("the file is empty")
		              : r->form == FORM_MARKS
		                  ? _("no header «Группы участников … 2 3 4 5» in the form")
		                  : _("no row of task numbers and header «ОО» in the form"));
		rc = MMS_EDATA;
	}
	if (r->form == FORM_MARKS)
		r->st->marks_forms++;
	else if (r->form == FORM_TASKS)
		r->st->task_forms++;
	mms_src_close(s);
	for (size_t i = 0; i < r->nlabels; i++)
		free(r->labels[i]);
	free(r->labels);
	r->labels = NULL;
	r->nlabels = 0;
	return rc;
}

int mms_reference_import(mms_db *db, const mms_reference_opts *o, const char *const *files,
                         int nfiles, mms_reference_stats *st)
{
	struct reader r = {0};
	sqlite3_stmt *find;
	int rc;

	memset(st, 0, sizeof(*st));
	r.db = db;
	r.st = st;
	r.municipality = o->municipality;
	rc = mms_prepare(db, &find, "SELECT id FROM assessment WHERE code = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(find, 1, o->assessment, -1, SQLITE_STATIC);
	if (sqlite3_step(find) == SQLITE_ROW)
		r.aid = sqlite3_column_int64(find, 0);
	sqlite3_finalize(find);
	if (!r.aid)
		return assessment_not_found(db, o->assessment);
	if ((rc = mms_tx_begin(db)) != MMS_OK)
		return rc;
	rc = mms_prepare(db, &r.put,
	                 "INSERT OR REPLACE INTO reference_value(assessment_id, scope, name, what, "
	                 "value) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (rc == MMS_OK)
		sqlite3_bind_int64(r.put, 1, r.aid);
	for (int i = 0; rc == MMS_OK && i < nfiles; i++)
		rc = read_file(&r, files[i], o->encoding, o->sheet);
	if (rc == MMS_OK && r.errors)
		rc = mms_fail(db, MMS_EDATA, _("the reference values were not imported: %d errors"),
		              r.errors);
	if (rc == MMS_OK && !o->municipality && r.distinct > 1)
		rc = mms_fail(db, MMS_EUSAGE,
		              _("the files have several municipalities (%s): give --municipality"),
		              r.municipalities);
	if (rc == MMS_OK && o->municipality && !st->municipalities)
		rc = mms_fail(db, MMS_ENOTFOUND,
		              _("no municipality '%s' in the files (they have: %s)"),
		              o->municipality, r.municipalities ? r.municipalities : "—");
	sqlite3_finalize(r.put);
	free(r.municipalities);
	return mms_tx_end(db, rc);
}
