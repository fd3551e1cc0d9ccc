/* mms_log_imports(), mms_log_runs(): the history kept in import_log and deficit_run. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "mms/keep.h"
#include "sha256.h"

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

	rc =
	    mms_prepare(db, &st,
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

/* ARGV as a shell would take it back: words with spaces or quotes in '…'. */
static int join_args(mms_buf *b, int argc, char *const argv[])
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int plain = a[0] && !a[strcspn(a, " \t\n'\"\\$`;&|<>*?()")];

		if (mms_buf_addf(b, "%s", i > 1 ? " " : "") != MMS_OK)
			return MMS_ENOMEM;
		if (plain) {
			if (mms_buf_addf(b, "%s", a) != MMS_OK)
				return MMS_ENOMEM;
			continue;
		}
		if (mms_buf_addf(b, "'") != MMS_OK)
			return MMS_ENOMEM;
		for (const char *p = a; *p; p++)
			if ((*p == '\'' ? mms_buf_addf(b, "'\\''") : mms_buf_addf(b, "%c", *p)) !=
			    MMS_OK)
				return MMS_ENOMEM;
		if (mms_buf_addf(b, "'") != MMS_OK)
			return MMS_ENOMEM;
	}
	return MMS_OK;
}

/* The SHA-256 of a regular file's content, in HEX; 0, or -1 if it is not one. */
static int file_sha256(const char *path, char hex[65])
{
	struct stat sb;
	mms_sha256 s;
	unsigned char buf[1 << 16];
	size_t n;
	FILE *fp;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || !(fp = fopen(path, "rb")))
		return -1;
	mms_sha256_init(&s);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		mms_sha256_update(&s, buf, n);
	if (ferror(fp)) {
		fclose(fp);
		return -1;
	}
	fclose(fp);
	mms_sha256_hex(&s, hex);
	return 0;
}

int mms_log_command(mms_db *db, const char *command, int argc, char *const argv[], int files)
{
	sqlite3_stmt *st;
	mms_buf args = {0};
	int rc, logged = 0;

	if ((rc = mms_prepare(db, &st,
	                      "INSERT INTO import_log(command, file, sha256, note) "
	                      "VALUES (?1, ?2, ?3, ?4)")) != MMS_OK)
		return rc;
	if (join_args(&args, argc, argv) != MMS_OK) {
		sqlite3_finalize(st);
		return mms_oom(db);
	}
	/* an import: a line a file read, with its hash, the whole command as the note */
	for (int i = 1; files && rc == MMS_OK && i < argc; i++) {
		char hex[65];

		if (argv[i][0] == '-' || file_sha256(argv[i], hex) != 0)
			continue;
		sqlite3_bind_text(st, 1, command, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, argv[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, args.p ? args.p : "", -1, SQLITE_STATIC);
		rc = mms_step_done(db, st);
		sqlite3_reset(st);
		logged = 1;
	}
	if (rc == MMS_OK && !logged) {
		sqlite3_bind_text(st, 1, command, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, args.p ? args.p : "", -1, SQLITE_STATIC);
		rc = mms_step_done(db, st);
	}
	sqlite3_finalize(st);
	mms_buf_free(&args);
	return rc;
}

long long mms_db_total_changes(mms_db *db)
{
	return db && db->sql ? (long long)sqlite3_total_changes64(db->sql) : 0;
}
