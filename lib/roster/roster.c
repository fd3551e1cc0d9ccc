#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "idset.h"
#include "input/source.h"
#include "mms/roster.h"
#include "roster/refs.h"
#include "text.h"

enum {
	COL_CODE,
	COL_SCHOOL,
	COL_TEACHER,
	COL_SUBJECT,
	COL_CLASSES,
	COL_BIRTH,
	COL_EXPERIENCE,
	COL_YEAR,
	COL_RCOI,
	NCOLS
};

static const char *const n_code[] = {"Код ОО",      "Код ОУ", "Код школы", "Код",
                                     "School code", "Code",   NULL};
static const char *const n_school[] = {"Школа", "ОО",     "Название ОО", "Наименование ОО",
                                       "ОУ",    "School", NULL};
static const char *const n_teacher[] = {"Учитель", "ФИО учителя", "ФИО",
                                        "Педагог", "Teacher",     NULL};
static const char *const n_subject[] = {"Предмет", "Subject", NULL};
static const char *const n_classes[] = {"Классы", "Класс", "Classes", "Class", NULL};
static const char *const n_birth[] = {"Год рождения", "Birth year", "Year of birth", NULL};
static const char *const n_experience[] = {"Педагогический стаж", "Стаж", "Пед. стаж", "Experience",
                                           NULL};

static const char *const n_year[] = {"Учебный год", "Уч. год", "School year", NULL};
static const char *const n_rcoi[] = {"Код РЦОИ", "Код ОО РЦОИ", "РЦОИ", "RCOI code", NULL};

static const mms_column roster_cols[NCOLS] = {
    {n_code, 1},  {n_school, 1},     {n_teacher, 1}, {n_subject, 1}, {n_classes, 1},
    {n_birth, 0}, {n_experience, 0}, {n_year, 0},    {n_rcoi, 0},
};

struct roster_ctx {
	mms_db *db;
	mms_roster_stats *st;
	sqlite3_stmt *school, *school_upd, *code_find, *code_add;
	sqlite3_stmt *teacher_find, *teacher_add, *teacher_upd, *klass, *teaching, *clear,
	    *keep_before;
	mms_idset schools, teachers, classes, subjects;
	/* the (school, school year) pairs whose assignments the files replace */
	struct cleared {
		int64_t school;
		char year[16];
	} * cleared;
	size_t ncleared, changes_cap;
	const char *first_file; /* the import's first file, for what concerns them all */
	const char *year;       /* --year, or the school year of today */
	/* the schools seen in this import, to catch contradictions */
	struct seen_school {
		int64_t id;
		char *code, *name, *key;  /* the main code and the name first given */
		char *place, *code_place; /* where: the cells of the name and of the codes */
	} * seen;
	size_t nseen;
	int year_now;
	int year_given;
	const char *sheet; /* the workbooks' sheet, NULL: the one with the header */
	mms_src *src;      /* the file being read */
	int map[NCOLS];    /* its columns */
};

static int prepare_all(struct roster_ctx *x)
{
	mms_db *db = x->db;
	int rc;

	if ((rc = mms_prepare(db, &x->school,
	                      "INSERT INTO school(code, name, name_key) VALUES (?1, ?2, ?3) "
	                      "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
	                      "name_key = excluded.name_key RETURNING id")) != MMS_OK ||
	    (rc = mms_prepare(db, &x->school_upd,
	                      "UPDATE school SET code = ?2, name = ?3, name_key = ?4 "
	                      "WHERE id = ?1")) != MMS_OK ||
	    (rc = mms_prepare(db, &x->code_find,
	                      "SELECT c.school_id, s.code, s.name FROM school_code c "
	                      "JOIN school s ON s.id = c.school_id WHERE c.code = ?1")) != MMS_OK ||
	    (rc = mms_prepare(db, &x->code_add,
	                      "INSERT INTO school_code(code, school_id, kind) VALUES (?1, ?2, ?3) "
	                      "ON CONFLICT(code) DO UPDATE SET kind = excluded.kind "
	                      "WHERE school_id = excluded.school_id AND kind <> excluded.kind")) !=
	        MMS_OK ||
	    (rc = mms_prepare(db, &x->teacher_find,
	                      "SELECT id FROM teacher WHERE school_id = ?1 AND name_key = ?2")) !=
	        MMS_OK ||
	    (rc = mms_prepare(db, &x->teacher_add,
	                      "INSERT INTO teacher(school_id, full_name, name_key, birth_year, "
	                      "experience) VALUES (?1, ?2, ?3, ?4, ?5)")) != MMS_OK ||
	    (rc = mms_prepare(db, &x->teacher_upd,
	                      "UPDATE teacher SET full_name = ?2, "
	                      "birth_year = coalesce(?3, birth_year), "
	                      "experience = coalesce(?4, experience) WHERE id = ?1")) != MMS_OK ||
	    (rc = mms_prepare(db, &x->klass,
	                      "INSERT INTO class(school_id, label, label_key, grade) "
	                      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(school_id, label_key) "
	                      "DO UPDATE SET label = excluded.label RETURNING id")) != MMS_OK ||
	    (rc = mms_prepare(db, &x->teaching,
	                      "INSERT OR IGNORE INTO teaching(teacher_id, subject_id, class_id, "
	                      "year) VALUES (?1, ?2, ?3, ?4)")) != MMS_OK ||
	    (rc = mms_prepare(db, &x->keep_before,
	                      "INSERT INTO temp.roster_before(school_id, teacher_id, subject_id, "
	                      "class_id, year) SELECT ?1, teacher_id, subject_id, class_id, year "
	                      "FROM teaching WHERE year = ?2 AND teacher_id IN "
	                      "(SELECT id FROM teacher WHERE school_id = ?1)")) != MMS_OK ||
	    (rc = mms_prepare(db, &x->clear,
	                      "DELETE FROM teaching WHERE year = ?2 AND teacher_id IN "
	                      "(SELECT id FROM teacher WHERE school_id = ?1)")) != MMS_OK)
		return rc;
	return MMS_OK;
}

static void finalize_all(struct roster_ctx *x)
{
	sqlite3_finalize(x->school);
	sqlite3_finalize(x->school_upd);
	sqlite3_finalize(x->code_find);
	sqlite3_finalize(x->code_add);
	sqlite3_finalize(x->teacher_find);
	sqlite3_finalize(x->teacher_add);
	sqlite3_finalize(x->teacher_upd);
	sqlite3_finalize(x->klass);
	sqlite3_finalize(x->teaching);
	sqlite3_finalize(x->clear);
	sqlite3_finalize(x->keep_before);
	mms_idset_free(&x->schools);
	mms_idset_free(&x->teachers);
	mms_idset_free(&x->classes);
	mms_idset_free(&x->subjects);
	free(x->cleared);
	for (size_t i = 0; i < x->nseen; i++) {
		free(x->seen[i].code);
		free(x->seen[i].name);
		free(x->seen[i].key);
		free(x->seen[i].place);
		free(x->seen[i].code_place);
	}
	free(x->seen);
}

/* Returns a row id from a statement with RETURNING id. */
static int step_id(mms_db *db, sqlite3_stmt *st, int64_t *id, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_reset(st);
		return MMS_OK;
	}
	rc = mms_fail_sql(db, what);
	sqlite3_reset(st);
	return rc;
}

/*
 * The codes a row gives its school: those of Код ОО (the first is its main
 * code), then those of Код РЦОИ, each once.
 */
struct row_codes {
	char *cells[2]; /* copies of the cells, cut into the codes */
	struct row_code {
		const char *code;
		const char *kind; /* school_code.kind: "oo" or "rcoi" */
		int col;          /* the field it is in */
	} * v;
	size_t n, cap;
};

/* Adds the codes of field COL, a list cut by commas or semicolons; -1: out of memory. */
static int codes_split(struct row_codes *c, const mms_row *row, int col, int cell, const char *kind)
{
	char *save = NULL, *tok;

	if (col < 0)
		return 0;
	c->cells[cell] = strdup(row->f[col]);
	if (!c->cells[cell])
		return -1;
	for (tok = strtok_r(c->cells[cell], ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
		char *code = mms_trim(tok);
		size_t k = 0;

		while (k < c->n && strcmp(c->v[k].code, code) != 0)
			k++;
		if (!code[0] || k < c->n)
			continue; /* given twice: the first counts */
		if (mms_grow((void **)&c->v, &c->cap, c->n + 1, sizeof(*c->v)) < 0)
			return -1;
		c->v[c->n].code = code;
		c->v[c->n].kind = kind;
		c->v[c->n].col = col;
		c->n++;
	}
	return 0;
}

/*
 * The school that has CODE: 1 (*ID; its main code and name are columns 1
 * and 2 of x->code_find until it is reset), 0: none, < 0: error.
 */
static int code_owner(struct roster_ctx *x, const char *code, int64_t *id)
{
	int rc;

	sqlite3_bind_text(x->code_find, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(x->code_find);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(x->code_find, 0);
		return 1;
	}
	rc = rc == SQLITE_DONE ? 0 : mms_fail_sql(x->db, "looking up a school code");
	sqlite3_reset(x->code_find);
	return rc;
}

static int seen_add(struct roster_ctx *x, const mms_row *row, int64_t id, const char *code,
                    const char *name, char *key)
{
	struct seen_school *grown = realloc(x->seen, (x->nseen + 1) * sizeof(*grown));
	struct seen_school *s;
	char place[1200];

	if (!grown) {
		free(key);
		return mms_oom(x->db);
	}
	x->seen = grown;
	s = &x->seen[x->nseen];
	s->id = id;
	s->key = key;
	s->code = strdup(code);
	s->name = strdup(name);
	mms_src_place(x->src, row->line, x->map[COL_SCHOOL], place, sizeof(place));
	s->place = strdup(place);
	mms_src_place(x->src, row->line, x->map[COL_CODE], place, sizeof(place));
	s->code_place = strdup(place);
	if (!s->code || !s->name || !s->place || !s->code_place) {
		free(s->code);
		free(s->name);
		free(s->place);
		free(s->code_place);
		free(key);
		return mms_oom(x->db);
	}
	x->nseen++;
	return MMS_OK;
}

/*
 * The school of ROW: the one any code of its Код ОО names, else a new one.
 * Its main code becomes the first of Код ОО, its name the row's, and every
 * code of the row one of its codes.  A code of another school, or a main
 * code or name that contradicts an earlier row's, is MMS_EDATA with a
 * diagnostic.
 */
static int school_upsert(struct roster_ctx *x, const mms_row *row, int64_t *id)
{
	const char *name = row->f[x->map[COL_SCHOOL]], *main_code;
	struct row_codes c = {0};
	struct seen_school *seen = NULL;
	char *key = NULL;
	int64_t found = 0;
	size_t noo;
	int rc, bad = 0;

	rc = codes_split(&c, row, x->map[COL_CODE], 0, "oo");
	noo = c.n;
	if (rc == 0)
		rc = codes_split(&c, row, x->map[COL_RCOI], 1, "rcoi");
	if (rc == 0 && !(key = mms_school_key(name)))
		rc = -1;
	if (rc < 0) {
		rc = mms_oom(x->db);
		goto out;
	}
	if (noo == 0) { /* only commas */
		mms_diag_cell(x->db, x->src, row->line, x->map[COL_CODE], "%s",
		              _("the school code is empty"));
		rc = MMS_EDATA;
		goto out;
	}
	main_code = c.v[0].code;
	for (size_t i = 0; i < noo && !found && rc >= 0; i++) {
		rc = code_owner(x, c.v[i].code, &found);
		sqlite3_reset(x->code_find);
	}
	/* no code of the row may be another school's */
	for (size_t i = 0; i < c.n && rc >= 0; i++) {
		int64_t owner = 0;

		rc = code_owner(x, c.v[i].code, &owner);
		if (rc == 1 && owner != found) {
			mms_diag_cell(
			    x->db, x->src, row->line, c.v[i].col,
			    _("code '%s' belongs to school '%s' (%s), not to school '%s' (%s)"),
			    c.v[i].code, (const char *)sqlite3_column_text(x->code_find, 1),
			    (const char *)sqlite3_column_text(x->code_find, 2), main_code, name);
			bad = 1;
		}
		sqlite3_reset(x->code_find);
	}
	if (rc < 0)
		goto out;
	rc = MMS_OK;
	for (size_t i = 0; found && i < x->nseen; i++)
		if (x->seen[i].id == found)
			seen = &x->seen[i];
	if (seen && strcmp(seen->key, key) != 0) {
		mms_diag_cell(x->db, x->src, row->line, x->map[COL_SCHOOL],
		              _("school '%s' is named '%s' here but '%s' at %s"), main_code, name,
		              seen->name, seen->place);
		bad = 1;
	}
	if (seen && strcmp(seen->code, main_code) != 0) {
		mms_diag_cell(x->db, x->src, row->line, x->map[COL_CODE],
		              _("school '%s' has the main code '%s' here but '%s' at %s"), name,
		              main_code, seen->code, seen->code_place);
		bad = 1;
	}
	if (bad) {
		rc = MMS_EDATA;
		goto out;
	}
	if (found && !seen) {
		sqlite3_bind_int64(x->school_upd, 1, found);
		sqlite3_bind_text(x->school_upd, 2, main_code, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->school_upd, 3, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->school_upd, 4, key, -1, SQLITE_STATIC);
		rc = mms_step_done(x->db, x->school_upd);
	} else if (!found) {
		sqlite3_bind_text(x->school, 1, main_code, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->school, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->school, 3, key, -1, SQLITE_STATIC);
		rc = step_id(x->db, x->school, &found, N_("adding a school"));
	}
	for (size_t i = 0; i < c.n && rc == MMS_OK; i++) {
		sqlite3_bind_text(x->code_add, 1, c.v[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(x->code_add, 2, found);
		sqlite3_bind_text(x->code_add, 3, c.v[i].kind, -1, SQLITE_STATIC);
		rc = mms_step_done(x->db, x->code_add);
	}
	if (rc == MMS_OK && !seen) {
		rc = seen_add(x, row, found, main_code, name, key);
		key = NULL; /* the seen school's now */
	}
	*id = found;
out:
	free(key);
	free(c.cells[0]);
	free(c.cells[1]);
	free(c.v);
	return rc;
}

/* The files say who teaches what in SCHOOL in YEAR: the assignments there were go. */
static int clear_year(struct roster_ctx *x, int64_t school, const char *year)
{
	struct cleared *grown;

	for (size_t i = 0; i < x->ncleared; i++)
		if (x->cleared[i].school == school && !strcmp(x->cleared[i].year, year))
			return MMS_OK;
	grown = realloc(x->cleared, (x->ncleared + 1) * sizeof(*grown));
	if (!grown)
		return mms_oom(x->db);
	x->cleared = grown;
	grown[x->ncleared].school = school;
	snprintf(grown[x->ncleared].year, sizeof(grown[x->ncleared].year), "%s", year);
	x->ncleared++;
	/* what the school had that year, to say what the files changed */
	sqlite3_bind_int64(x->keep_before, 1, school);
	sqlite3_bind_text(x->keep_before, 2, year, -1, SQLITE_STATIC);
	{
		int rc = mms_step_done(x->db, x->keep_before);

		if (rc != MMS_OK)
			return rc;
	}
	sqlite3_bind_int64(x->clear, 1, school);
	sqlite3_bind_text(x->clear, 2, year, -1, SQLITE_STATIC);
	return mms_step_done(x->db, x->clear);
}

static int teacher_upsert(struct roster_ctx *x, int64_t school, const char *name, long birth,
                          long exp, int64_t *id)
{
	char *key = mms_key(name);
	int rc;

	if (!key)
		return mms_oom(x->db);
	sqlite3_bind_int64(x->teacher_find, 1, school);
	sqlite3_bind_text(x->teacher_find, 2, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(x->teacher_find);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(x->teacher_find, 0);
		sqlite3_reset(x->teacher_find);
		sqlite3_bind_int64(x->teacher_upd, 1, *id);
		sqlite3_bind_text(x->teacher_upd, 2, name, -1, SQLITE_STATIC);
		if (birth > 0)
			sqlite3_bind_int(x->teacher_upd, 3, (int)birth);
		else
			sqlite3_bind_null(x->teacher_upd, 3);
		if (exp >= 0)
			sqlite3_bind_int(x->teacher_upd, 4, (int)exp);
		else
			sqlite3_bind_null(x->teacher_upd, 4);
		rc = mms_step_done(x->db, x->teacher_upd);
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(x->teacher_find);
		sqlite3_bind_int64(x->teacher_add, 1, school);
		sqlite3_bind_text(x->teacher_add, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->teacher_add, 3, key, -1, SQLITE_STATIC);
		if (birth > 0)
			sqlite3_bind_int(x->teacher_add, 4, (int)birth);
		else
			sqlite3_bind_null(x->teacher_add, 4);
		if (exp >= 0)
			sqlite3_bind_int(x->teacher_add, 5, (int)exp);
		else
			sqlite3_bind_null(x->teacher_add, 5);
		rc = mms_step_done(x->db, x->teacher_add);
		if (rc == MMS_OK) {
			*id = sqlite3_last_insert_rowid(x->db->sql);
			x->st->teachers_new++;
		}
	} else {
		sqlite3_reset(x->teacher_find);
		rc = mms_fail_sql(x->db, "looking up a teacher");
	}
	free(key);
	return rc;
}

/* Checks one row's values; adds diagnostics and returns MMS_EDATA if any is wrong. */
static int check_row(struct roster_ctx *x, const mms_row *row, const int *map, long *birth,
                     long *exp, char year[16])
{
	int bad = 0;
	/* whole sentences, so that a translation can agree them */
	static const char *const what[] = {N_("the school code is empty"),
	                                   N_("the school name is empty"),
	                                   N_("the teacher is empty"), N_("the subject is empty")};

	for (int c = COL_CODE; c <= COL_SUBJECT; c++) {
		unsigned cp;

		if (!row->f[map[c]][0]) {
			mms_diag_cell(x->db, x->src, row->line, map[c], "%s", _(what[c]));
			bad = 1;
		} else if ((cp = mms_text_control(row->f[map[c]], 0)) != 0 &&
		           !mms_text_control(row->f[map[c]], 1)) {
			/* a line break or a tab in a name; the reader refused the rest */
			mms_diag_cell(
			    x->db, x->src, row->line, map[c],
			    _("an invisible control character U+%04X is in '%s': refused"), cp,
			    row->f[map[c]]);
			bad = 1;
		}
	}
	*birth = -1;
	*exp = -1;
	if (map[COL_BIRTH] >= 0 && row->f[map[COL_BIRTH]][0]) {
		const char *v = row->f[map[COL_BIRTH]];

		if (mms_parse_int(v, birth) != 0 || *birth < 1930 || *birth > x->year_now - 16) {
			mms_diag_cell(x->db, x->src, row->line, map[COL_BIRTH],
			              _("year of birth '%s' is not a year between 1930 and %d"), v,
			              x->year_now - 16);
			bad = 1;
		}
	}
	if (map[COL_EXPERIENCE] >= 0 && row->f[map[COL_EXPERIENCE]][0]) {
		const char *v = row->f[map[COL_EXPERIENCE]];
		double d;

		if (mms_parse_number(v, &d) != 0 || d > 70) {
			mms_diag_cell(
			    x->db, x->src, row->line, map[COL_EXPERIENCE],
			    _("teaching experience '%s' is not a number of years from 0 to 70"), v);
			bad = 1;
		} else {
			*exp = (long)d;
		}
	}
	snprintf(year, 16, "%s", x->year);
	if (map[COL_YEAR] >= 0 && row->f[map[COL_YEAR]][0]) {
		const char *v = row->f[map[COL_YEAR]];

		if (mms_school_year_parse(v, year) != 0) {
			mms_diag_cell(x->db, x->src, row->line, map[COL_YEAR],
			              _("school year '%s' is not a school year like 2026/2027"), v);
			bad = 1;
		} else if (x->year_given && strcmp(year, x->year) != 0) {
			mms_diag_cell(x->db, x->src, row->line, map[COL_YEAR],
			              _("school year '%s' contradicts --year %s"), v, x->year);
			bad = 1;
		}
	}
	return bad ? MMS_EDATA : MMS_OK;
}

static int import_classes(struct roster_ctx *x, long line, int64_t school, int64_t teacher,
                          int64_t subject, const char *year, const char *list)
{
	char *copy = strdup(list), *save = NULL, *tok;
	int rc = MMS_OK, bad = 0;

	if (!copy)
		return mms_oom(x->db);
	for (tok = strtok_r(copy, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
		char *label = mms_trim(tok), *key;
		int grade;
		int64_t cid = 0;

		if (!label[0])
			continue;
		key = mms_class_key(label);
		if (!key) {
			rc = mms_oom(x->db);
			break;
		}
		grade = mms_class_grade(key);
		if (grade < 0) {
			mms_diag_cell(x->db, x->src, line, x->map[COL_CLASSES],
			              _("'%s' is not a class label like 5А or 11Б"), label);
			bad = 1;
			free(key);
			continue;
		}
		sqlite3_bind_int64(x->klass, 1, school);
		sqlite3_bind_text(x->klass, 2, label, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->klass, 3, key, -1, SQLITE_STATIC);
		sqlite3_bind_int(x->klass, 4, grade);
		rc = step_id(x->db, x->klass, &cid, N_("adding a class"));
		free(key);
		if (rc != MMS_OK)
			break;
		if (mms_idset_add(&x->classes, cid) < 0) {
			rc = mms_oom(x->db);
			break;
		}
		sqlite3_bind_int64(x->teaching, 1, teacher);
		sqlite3_bind_int64(x->teaching, 2, subject);
		sqlite3_bind_int64(x->teaching, 3, cid);
		sqlite3_bind_text(x->teaching, 4, year, -1, SQLITE_STATIC);
		if (sqlite3_step(x->teaching) != SQLITE_DONE) {
			rc = mms_fail_sql(x->db, "adding a teaching assignment");
			sqlite3_reset(x->teaching);
			break;
		}
		x->st->teachings += sqlite3_changes(x->db->sql);
		sqlite3_reset(x->teaching);
	}
	free(copy);
	if (rc == MMS_OK && bad)
		rc = MMS_EDATA;
	return rc;
}

static int import_file(struct roster_ctx *x, const char *file, enum mms_encoding enc)
{
	mms_row *row;
	int *map = x->map;
	size_t width;
	int rc, bad = 0;

	rc = mms_src_open(x->db, file, enc, x->sheet, &x->src);
	if (rc != MMS_OK)
		return rc;
	rc = mms_src_header(x->db, x->src, roster_cols, NCOLS, map, &row);
	if (rc != MMS_OK)
		goto out;
	width = row->n;
	while ((rc = mms_src_next(x->src, &row)) == 1) {
		long birth, exp;
		int64_t school = 0, teacher = 0, subject = 0;
		char year[16];

		if (mms_row_blank(row))
			continue;
		x->st->rows++;
		rc = mms_src_fit(x->db, x->src, &row, width);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			goto out;
		rc = check_row(x, row, map, &birth, &exp, year);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		rc = school_upsert(x, row, &school);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc == MMS_OK)
			rc = clear_year(x, school, year);
		if (rc == MMS_OK)
			rc = teacher_upsert(x, school, row->f[map[COL_TEACHER]], birth, exp,
			                    &teacher);
		if (rc == MMS_OK)
			rc = mms_subject_ensure(x->db, row->f[map[COL_SUBJECT]], &subject);
		if (rc != MMS_OK)
			goto out;
		if (mms_idset_add(&x->schools, school) < 0 ||
		    mms_idset_add(&x->teachers, teacher) < 0 ||
		    mms_idset_add(&x->subjects, subject) < 0) {
			rc = mms_oom(x->db);
			goto out;
		}
		rc = import_classes(x, row->line, school, teacher, subject, year,
		                    row->f[map[COL_CLASSES]]);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			goto out;
	}
	if (rc == 0)
		rc = bad ? MMS_EDATA : MMS_OK;
out:
	mms_src_close(x->src);
	x->src = NULL;
	return rc;
}

/*
 * What the files changed, per school and school year: assignments before,
 * added, removed (into STATS); a school losing more than half of its
 * assignments is refused unless REPLACE (a partial roster by mistake).
 */
static int changes(struct roster_ctx *x, int replace)
{
	sqlite3_stmt *st;
	int rc, bad = 0;

	rc = mms_prepare(
	    x->db, &st,
	    "WITH b AS (SELECT school_id, year, teacher_id, subject_id, class_id "
	    "  FROM temp.roster_before), "
	    "a AS (SELECT t.school_id, g.year, g.teacher_id, g.subject_id, g.class_id FROM "
	    "teaching g "
	    "  JOIN teacher t ON t.id = g.teacher_id "
	    "  WHERE EXISTS (SELECT 1 FROM temp.roster_cleared c WHERE c.school_id = t.school_id "
	    "  AND c.year = g.year)) "
	    "SELECT s.code, c.year, "
	    "  (SELECT count(*) FROM b WHERE b.school_id = c.school_id AND b.year = c.year), "
	    "  (SELECT count(*) FROM (SELECT * FROM a WHERE a.school_id = c.school_id AND "
	    "   a.year = c.year EXCEPT SELECT * FROM b)), "
	    "  (SELECT count(*) FROM (SELECT * FROM b WHERE b.school_id = c.school_id AND "
	    "   b.year = c.year EXCEPT SELECT * FROM a)) "
	    "FROM temp.roster_cleared c JOIN school s ON s.id = c.school_id ORDER BY s.code, "
	    "c.year");
	if (rc != MMS_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_roster_change *ch;
		int before = sqlite3_column_int(st, 2), removed = sqlite3_column_int(st, 4);

		if (mms_grow((void **)&x->st->changes, &x->changes_cap, x->st->nchanges + 1,
		             sizeof(*ch))) {
			sqlite3_finalize(st);
			return mms_oom(x->db);
		}
		ch = &x->st->changes[x->st->nchanges++];
		snprintf(ch->school, sizeof(ch->school), "%s",
		         (const char *)sqlite3_column_text(st, 0));
		snprintf(ch->year, sizeof(ch->year), "%s",
		         (const char *)sqlite3_column_text(st, 1));
		ch->before = before;
		ch->added = sqlite3_column_int(st, 3);
		ch->removed = removed;
		if (!replace && before > 0 && removed * 2 > before) {
			mms_diag(
			    x->db, x->first_file, 0,
			    _("school %s, %s: the files would remove %d of its %d assignments: is "
			      "the roster complete? (see --dry-run; --replace imports it so)"),
			    ch->school, ch->year, removed, before);
			bad = 1;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(x->db, "comparing the assignments");
	return bad ? MMS_EDATA : MMS_OK;
}

int mms_roster_import(mms_db *db, const char *const *files, int nfiles, enum mms_encoding enc,
                      const char *sheet, const char *year, mms_roster_stats *stats)
{
	mms_roster_opts o = {sheet, year, enc, 0, 1};
	int rc = mms_roster_import_opts(db, files, nfiles, &o, stats);

	mms_roster_stats_free(stats); /* what changed is for mms_roster_import_opts() */
	return rc;
}

int mms_roster_import_opts(mms_db *db, const char *const *files, int nfiles,
                           const mms_roster_opts *o, mms_roster_stats *stats)
{
	const char *sheet = o->sheet, *year = o->year;
	enum mms_encoding enc = o->encoding;
	struct roster_ctx x;
	time_t now = time(NULL);
	struct tm tm;
	char today[16], given[16];
	int rc, bad = 0;

	memset(stats, 0, sizeof(*stats));
	memset(&x, 0, sizeof(x));
	x.db = db;
	x.st = stats;
	x.sheet = sheet;
	localtime_r(&now, &tm); /* the district's day, not UTC's */
	x.year_now = tm.tm_year + 1900;
	mms_diag_clear(db);
	if (year) {
		if (mms_school_year_parse(year, given) != 0)
			return mms_fail(db, MMS_EUSAGE,
			                _("'%s' is not a school year like 2026/2027"), year);
		x.year = given;
		x.year_given = 1;
	} else {
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		mms_school_year_of(today, today);
		x.year = today;
	}

	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	x.first_file = nfiles > 0 ? files[0] : "";
	rc = mms_exec(db, "CREATE TEMP TABLE IF NOT EXISTS roster_before(school_id INTEGER, "
	                  "teacher_id INTEGER, subject_id INTEGER, class_id INTEGER, year TEXT);"
	                  "DELETE FROM temp.roster_before;");
	if (rc == MMS_OK)
		rc = prepare_all(&x);
	for (int i = 0; rc == MMS_OK && i < nfiles; i++) {
		rc = import_file(&x, files[i], enc);
		stats->files++;
		if (rc == MMS_EDATA) {
			bad = 1;
			rc = MMS_OK; /* go on: list the problems of every file */
		}
	}
	stats->schools = (int)x.schools.count;
	stats->teachers = (int)x.teachers.count;
	stats->classes = (int)x.classes.count;
	stats->subjects = (int)x.subjects.count;
	for (size_t i = 0; i < x.ncleared; i++) {
		int seen = 0;

		for (size_t k = 0; k < i; k++)
			seen |= !strcmp(x.cleared[k].year, x.cleared[i].year);
		if (!seen && stats->nyears < MMS_ROSTER_MAXYEARS)
			memcpy(stats->years[stats->nyears++], x.cleared[i].year, 16);
	}
	if (rc == MMS_OK && !bad) {
		/* the (school, year) pairs the files replaced, for the comparison */
		rc = mms_exec(db,
		              "CREATE TEMP TABLE IF NOT EXISTS roster_cleared(school_id INTEGER, "
		              "year TEXT); DELETE FROM temp.roster_cleared;");
		for (size_t i = 0; rc == MMS_OK && i < x.ncleared; i++) {
			char sql[128];

			snprintf(sql, sizeof(sql),
			         "INSERT INTO temp.roster_cleared VALUES (%lld, '%.9s')",
			         (long long)x.cleared[i].school, x.cleared[i].year);
			rc = mms_exec(db, sql);
		}
		if (rc == MMS_OK)
			rc = changes(&x, o->replace || o->dry_run); /* a dry run tells */
		if (rc == MMS_EDATA) {
			bad = 1;
			rc = MMS_OK;
		}
	}
	finalize_all(&x);
	if (rc == MMS_OK && bad)
		rc = mms_fail(db, MMS_EDATA, _("the roster has errors; nothing was imported"));
	if (rc != MMS_OK)
		mms_roster_stats_free(stats);
	if (rc != MMS_OK || o->dry_run) {
		mms_tx_rollback(db);
		return rc;
	}
	rc = mms_tx_commit(db);
	if (rc != MMS_OK)
		mms_roster_stats_free(stats);
	return rc;
}

void mms_roster_stats_free(mms_roster_stats *st)
{
	if (!st)
		return;
	free(st->changes);
	st->changes = NULL;
	st->nchanges = 0;
}
