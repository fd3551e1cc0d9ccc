/* mms_log_imports(), mms_log_runs(): the history kept in import_log and deficit_run. */
#include <stdio.h>

#include "internal.h"
#include "mms/keep.h"

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int table_exists(mms_db *db, const char *name, int *exists)
{
	sqlite3_stmt *st;
	int rc =
	    mms_prepare(db, &st, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*exists = rc == SQLITE_ROW;
	rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? MMS_OK
	                                             : mms_fail_sql(db, "reading the history");
	sqlite3_finalize(st);
	return rc;
}

int mms_log_imports(mms_db *db, long limit, int (*fn)(void *ctx, const mms_log_import *e),
                    void *ctx)
{
	sqlite3_stmt *st;
	int rc, stop = 0;

	rc = mms_prepare(db, &st,
	                 "SELECT l.id, l.at, l.command, l.file, l.sha256, a.code, l.rows,"
	                 " l.students, l.absent, l.scores, l.inserted, l.replaced, l.unchanged,"
	                 " l.note FROM import_log l LEFT JOIN assessment a ON a.id = l.assessment_id"
	                 " ORDER BY l.id DESC LIMIT ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_log_import e = {
		    .id = sqlite3_column_int64(st, 0),
		    .at = col_text(st, 1),
		    .command = col_text(st, 2),
		    .file = col_text(st, 3),
		    .sha256 = col_text(st, 4),
		    .assessment = col_text(st, 5),
		    .rows = (long)sqlite3_column_int64(st, 6),
		    .students = (long)sqlite3_column_int64(st, 7),
		    .absent = (long)sqlite3_column_int64(st, 8),
		    .scores = (long)sqlite3_column_int64(st, 9),
		    .inserted = (long)sqlite3_column_int64(st, 10),
		    .replaced = (long)sqlite3_column_int64(st, 11),
		    .unchanged = (long)sqlite3_column_int64(st, 12),
		    .note = col_text(st, 13),
		};

		stop = fn(ctx, &e);
	}
	if (stop)
		rc = stop;
	else if (rc == SQLITE_DONE)
		rc = MMS_OK;
	else
		rc = mms_fail_sql(db, "reading the history");
	sqlite3_finalize(st);
	return rc;
}

int mms_log_runs(mms_db *db, long limit, int (*fn)(void *ctx, const mms_log_run *e), void *ctx)
{
	sqlite3_stmt *st;
	int rc, stop = 0, exists = 0;

	rc = table_exists(db, "deficit_run", &exists);
	if (rc != MMS_OK || !exists)
		return rc;
	rc = mms_prepare(db, &st,
	                 "SELECT r.id, r.at, a.code, r.threshold_version FROM deficit_run r"
	                 " LEFT JOIN assessment a ON a.id = r.assessment_id"
	                 " ORDER BY r.id DESC LIMIT ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_log_run e = {
		    .id = sqlite3_column_int64(st, 0),
		    .at = col_text(st, 1),
		    .assessment = col_text(st, 2),
		    .threshold_version = sqlite3_column_int64(st, 3),
		};

		stop = fn(ctx, &e);
	}
	if (stop)
		rc = stop;
	else if (rc == SQLITE_DONE)
		rc = MMS_OK;
	else
		rc = mms_fail_sql(db, "reading the history");
	sqlite3_finalize(st);
	return rc;
}
