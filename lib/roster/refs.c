#include <stdio.h>
#include <stdlib.h>

#include "roster/refs.h"
#include "text.h"

int mms_subject_ensure(mms_db *db, const char *name, int64_t *id)
{
	sqlite3_stmt *st;
	char *key = mms_key(name);
	int rc;

	if (!key)
		return mms_oom(db);
	rc = mms_prepare(db, &st,
	                 "INSERT INTO subject(name, name_key) VALUES (?1, ?2) "
	                 "ON CONFLICT(name_key) DO UPDATE SET name = name RETURNING id");
	if (rc == MMS_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		else
			rc = mms_fail_sql(db, "adding a subject");
		sqlite3_finalize(st);
	}
	free(key);
	return rc;
}

int mms_school_count(mms_db *db)
{
	sqlite3_stmt *st;
	int n = -1;

	if (mms_prepare(db, &st, "SELECT count(*) FROM school") != MMS_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

int mms_school_by_code(mms_db *db, const char *code, int64_t *id)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st, "SELECT school_id FROM school_code WHERE code = ?1");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = MMS_OK;
	} else if (rc == SQLITE_DONE) {
		char what[512];

		sqlite3_finalize(st);
		st = NULL;
		if (mms_school_count(db) == 0)
			return mms_fail(db, MMS_ENOTFOUND,
			                _("no school with code '%s': the roster is empty (mms "
			                  "import-roster)"),
			                code);
		snprintf(what, sizeof(what), _("no school with code '%s' in the roster"), code);
		return mms_not_found(db, what, MMS_SQL_SCHOOL_NAMES, code, "schools");
	} else {
		rc = mms_fail_sql(db, "looking up a school");
	}
	sqlite3_finalize(st);
	return rc;
}
