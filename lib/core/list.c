/* mms list: the named things of the database, as rows of text. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mms/list.h"
#include "roster/refs.h"

const char *const mms_list_kinds[] = {"schools", "teachers",  "assessments",
                                      "skills",  "resources", NULL};

/* ?1 is the school's id, or NULL for every school.  The aliases are the keys. */
static const char *const list_sql[] = {
    [MMS_LIST_SCHOOLS] =
        "SELECT s.code AS code, s.name AS name, "
        "(SELECT group_concat(c.code, ', ') FROM (SELECT code FROM school_code "
        "WHERE school_id = s.id AND code <> s.code ORDER BY code) c) AS other_codes, "
        "(SELECT count(*) FROM teacher t WHERE t.school_id = s.id) AS teachers, "
        "(SELECT count(*) FROM class c WHERE c.school_id = s.id) AS classes "
        "FROM school s WHERE ?1 IS NULL OR s.id = ?1 ORDER BY s.code",
    [MMS_LIST_TEACHERS] =
        "SELECT t.full_name AS teacher, s.code AS school_code, s.name AS school, "
        "(SELECT group_concat(name, ', ') FROM (SELECT DISTINCT j.name FROM teaching g "
        "JOIN subject j ON j.id = g.subject_id WHERE g.teacher_id = t.id ORDER BY j.name)) "
        "AS subjects, y.year AS year, "
        "(SELECT group_concat(label, ', ') FROM (SELECT DISTINCT c.label, c.grade, "
        "c.label_key FROM teaching g JOIN class c ON c.id = g.class_id "
        "WHERE g.teacher_id = t.id AND g.year = y.year ORDER BY c.grade, c.label_key)) "
        "AS classes "
        "FROM teacher t JOIN school s ON s.id = t.school_id "
        "LEFT JOIN (SELECT teacher_id, max(year) AS year FROM teaching GROUP BY teacher_id) y "
        "ON y.teacher_id = t.id "
        "WHERE ?1 IS NULL OR s.id = ?1 ORDER BY s.code, t.name_key",
    [MMS_LIST_ASSESSMENTS] =
        "SELECT a.code AS assessment, a.kind AS kind, j.name AS subject, a.grade AS grade, "
        "a.date AS date, (SELECT count(*) FROM participant p WHERE p.assessment_id = a.id "
        "AND p.absent = 0 AND (?1 IS NULL OR p.school_id = ?1)) AS participants, "
        "(SELECT count(*) FROM task x WHERE x.assessment_id = a.id) AS tasks, "
        "(SELECT substr(max(r.at), 1, 10) FROM deficit_run r WHERE r.assessment_id = a.id) "
        "AS classified "
        "FROM assessment a JOIN subject j ON j.id = a.subject_id "
        "WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM participant p "
        "WHERE p.assessment_id = a.id AND p.school_id = ?1) "
        "ORDER BY a.date, a.code",
    [MMS_LIST_SKILLS] =
        "SELECT j.name AS subject, k.code AS skill, nullif(k.system, '') AS system, "
        "k.text AS text, (SELECT group_concat(code, ', ') FROM (SELECT DISTINCT a.code "
        "FROM task_skill ts JOIN task x ON x.id = ts.task_id "
        "JOIN assessment a ON a.id = x.assessment_id WHERE ts.skill_id = k.id "
        "ORDER BY a.code)) AS assessments "
        "FROM skill k JOIN subject j ON j.id = k.subject_id WHERE ?1 IS NULL "
        "ORDER BY j.name_key, k.system, k.code",
    [MMS_LIST_RESOURCES] =
        "SELECT r.id AS id, r.kind AS kind, r.title AS title, s.code AS school_code, "
        "(SELECT group_concat(code, ', ') FROM (SELECT k.code FROM resource_skill rs "
        "JOIN skill k ON k.id = rs.skill_id WHERE rs.resource_id = r.id "
        "AND rs.state = 'active' ORDER BY k.code)) AS skills, "
        "r.capacity AS capacity, r.period AS period, r.provider AS provider, "
        "substr(r.withdrawn, 1, 10) AS withdrawn "
        "FROM resource r LEFT JOIN teacher t ON t.id = r.teacher_id "
        "LEFT JOIN school s ON s.id = t.school_id "
        "WHERE ?1 IS NULL OR t.school_id = ?1 "
        "ORDER BY CASE r.kind WHEN 'mentor' THEN 0 WHEN 'rmo' THEN 1 WHEN 'seminar' THEN 2 "
        "WHEN 'internship' THEN 3 ELSE 4 END, r.title_key, r.id",
};

void mms_list_free(mms_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->ncols; i++)
		free(l->keys[i]);
	for (size_t i = 0; i < l->nrows * l->ncols; i++)
		free(l->cells[i]);
	free(l->keys);
	free(l->numeric);
	free(l->cells);
	free(l);
}

static int fill(mms_db *db, sqlite3_stmt *st, mms_list *l)
{
	size_t cap = 0;
	int rc;
	size_t n = (size_t)sqlite3_column_count(st);

	l->keys = calloc(n, sizeof(*l->keys));
	l->numeric = calloc(n, sizeof(*l->numeric));
	if (!l->keys || !l->numeric)
		return mms_oom(db);
	l->ncols = n;
	for (size_t c = 0; c < l->ncols; c++) {
		const char *d = sqlite3_column_decltype(st, (int)c);

		if (!(l->keys[c] = strdup(sqlite3_column_name(st, (int)c))))
			return mms_oom(db);
		/* counts have no declared type; integer columns of a table have INTEGER */
		l->numeric[c] = d ? !strcmp(d, "INTEGER") && strcmp(l->keys[c], "id") != 0 : 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (mms_grow((void **)&l->cells, &cap, (l->nrows + 1) * l->ncols,
		             sizeof(*l->cells)))
			return mms_oom(db);
		for (size_t c = 0; c < l->ncols; c++) {
			const unsigned char *v = sqlite3_column_text(st, (int)c);
			char **cell = &l->cells[l->nrows * l->ncols + c];

			*cell = NULL;
			if (v && !(*cell = strdup((const char *)v))) {
				/* the row's earlier cells: mms_list_free() sees whole rows only */
				while (c-- > 0)
					free(l->cells[l->nrows * l->ncols + c]);
				return mms_oom(db);
			}
			if (v && l->numeric[c] && sqlite3_column_type(st, (int)c) != SQLITE_INTEGER)
				l->numeric[c] = 0;
		}
		l->nrows++;
	}
	if (rc != SQLITE_DONE)
		return mms_fail_sql(db, N_("reading a list"));
	return MMS_OK;
}

int mms_list_get(mms_db *db, enum mms_list_kind kind, const char *school, mms_list **out)
{
	sqlite3_stmt *st;
	mms_list *l;
	int64_t sid = 0;
	int rc;

	*out = NULL;
	if ((unsigned)kind >= sizeof(list_sql) / sizeof(list_sql[0]))
		return mms_fail(db, MMS_EUSAGE, _("unknown list"));
	if (school && kind == MMS_LIST_SKILLS)
		return mms_fail(db, MMS_EUSAGE,
		                _("skills belong to no school: --school does not "
		                  "apply to them"));
	if (school && (rc = mms_school_by_code(db, school, &sid)) != MMS_OK)
		return rc;
	if ((rc = mms_prepare(db, &st, list_sql[kind])) != MMS_OK)
		return rc;
	if (school)
		sqlite3_bind_int64(st, 1, sid);
	l = calloc(1, sizeof(*l));
	if (!l) {
		sqlite3_finalize(st);
		return mms_oom(db);
	}
	rc = fill(db, st, l);
	sqlite3_finalize(st);
	if (rc != MMS_OK) {
		mms_list_free(l);
		return rc;
	}
	*out = l;
	return MMS_OK;
}
