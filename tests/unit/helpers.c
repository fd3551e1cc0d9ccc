#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

char *t_write_file(const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	if (!dir || !dir[0])
		dir = "/tmp";
	path = malloc(strlen(dir) + 32);
	assert_non_null(path);
	sprintf(path, "%s/mmsXXXXXX", dir);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

char *t_write_str(const char *s)
{
	return t_write_file(s, strlen(s));
}

void t_remove(char *path)
{
	char side[4096];

	if (!path)
		return;
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	free(path);
}

mms_db *t_db(char **path)
{
	mms_db *db;

	*path = t_write_str("");
	unlink(*path);
	assert_int_equal(mms_db_open(*path, 0, &db), MMS_OK);
	return db;
}

long long t_int(mms_db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

char *t_dump(mms_db *db)
{
	sqlite3_stmt *tables, *rows;
	mms_buf out = {0};

	assert_int_equal(sqlite3_prepare_v2(db->sql,
	                                    "SELECT name FROM sqlite_schema WHERE type = 'table' "
	                                    "ORDER BY name",
	                                    -1, &tables, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char sql[256];

		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"",
		         (const char *)sqlite3_column_text(tables, 0));
		mms_buf_addf(&out, "[%s]\n", (const char *)sqlite3_column_text(tables, 0));
		assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &rows, NULL), SQLITE_OK);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(rows); i++) {
				const unsigned char *t = sqlite3_column_text(rows, i);

				mms_buf_addf(&out, "%s|", t ? (const char *)t : "NULL");
			}
			mms_buf_adds(&out, "\n");
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	if (!out.p)
		mms_buf_adds(&out, "");
	return out.p;
}

void t_sql(mms_db *db, const char *fmt, ...)
{
	char buf[16384];
	char *err = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (sqlite3_exec(db->sql, buf, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", buf, err);
}

/* Prepares the query FMT, failing the test on an error. */
static sqlite3_stmt *query(mms_db *db, const char *fmt, va_list ap)
{
	char buf[16384];
	sqlite3_stmt *st = NULL;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (sqlite3_prepare_v2(db->sql, buf, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", buf, sqlite3_errmsg(db->sql));
	return st;
}

double t_real(mms_db *db, const char *fmt, ...)
{
	sqlite3_stmt *st;
	double v = NAN;
	va_list ap;

	va_start(ap, fmt);
	st = query(db, fmt, ap);
	va_end(ap);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return v;
}

const char *t_text(mms_db *db, const char *fmt, ...)
{
	static char text[1024];
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, fmt);
	st = query(db, fmt, ap);
	va_end(ap);
	text[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		snprintf(text, sizeof(text), "%s", t ? (const char *)t : "NULL");
	}
	sqlite3_finalize(st);
	return text;
}
