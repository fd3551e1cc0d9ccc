#include <stdlib.h>

#include "roster/refs.h"
#include "text.h"

int mms_subject_ensure(mms_db *db, const char *name, int64_t *id)
{
	sqlite3_stmt *st;
	char *key = mms_key(name);
	int rc;

	if (!key)
		return mms_fail(db, MMS_ENOMEM, _("out of memory"));
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
		rc = mms_fail(db, MMS_ENOTFOUND,
		              _("no school with code '%s' (import the roster first)"), code);
	} else {
		rc = mms_fail_sql(db, "looking up a school");
	}
	sqlite3_finalize(st);
	return rc;
}
