/* A teacher's skill named by its code, narrowed to a subject when the code is in several. */
#include <stdlib.h>
#include <string.h>

#include "teachers/teachers_internal.h"
#include "text.h"

int mms_subject_find(mms_db *db, const char *name, int64_t *id, char **canonical)
{
	sqlite3_stmt *st;
	char *key = mms_key(name);
	int rc;

	if (canonical)
		*canonical = NULL;
	if (!key)
		return mms_oom(db);
	rc = mms_prepare(db, &st, "SELECT id, name FROM subject WHERE name_key = ?1");
	if (rc != MMS_OK) {
		free(key);
		return rc;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = MMS_OK;
		if (canonical && !(*canonical = strdup((const char *)sqlite3_column_text(st, 1))))
			rc = mms_oom(db);
	} else if (rc == SQLITE_DONE) {
		rc = mms_fail(db, MMS_ENOTFOUND, _("unknown subject '%s'"), name);
	} else {
		rc = mms_fail_sql(db, "looking up a subject");
	}
	sqlite3_finalize(st);
	free(key);
	return rc;
}

/* Steps ST (rows: skill id, subject name) and finalizes it. */
static int pick(mms_db *db, sqlite3_stmt *st, const char *code, int64_t *skill)
{
	mms_buf subjects = {0};
	int rc, n = 0, oom = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*skill = sqlite3_column_int64(st, 0);
		if ((n++ && mms_buf_adds(&subjects, ", ") != MMS_OK) ||
		    mms_buf_adds(&subjects, (const char *)sqlite3_column_text(st, 1)) != MMS_OK)
			oom = 1;
	}
	if (rc != SQLITE_DONE)
		rc = mms_fail_sql(db, "looking up a skill");
	else if (n == 0)
		rc = 1;
	else if (n > 1 && oom)
		rc = mms_oom(db);
	else if (n > 1)
		rc = mms_fail(db, MMS_EAMBIGUOUS,
		              _("skill '%s' is a skill of several subjects of this teacher: %s "
		                "(give --subject)"),
		              code, subjects.p);
	else
		rc = MMS_OK;
	sqlite3_finalize(st);
	mms_buf_free(&subjects);
	return rc;
}

int mms_skill_pick(mms_db *db, const char *sql, int64_t teacher, const char *code,
                   const char *subject, int64_t *skill, char **subject_name)
{
	sqlite3_stmt *st;
	int64_t subject_id = 0;
	int rc;

	*subject_name = NULL;
	if (subject && (rc = mms_subject_find(db, subject, &subject_id, subject_name)) != MMS_OK)
		return rc;
	rc = mms_prepare(db, &st, sql);
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, teacher);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, subject_id);
	return pick(db, st, code, skill);
}
