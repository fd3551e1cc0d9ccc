#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "results/packed.h"

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

int t_fx_setup(void **state)
{
	struct t_fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->db = t_db(&f->dbpath);
	*state = f;
	return 0;
}

int t_fx_teardown(void **state)
{
	struct t_fx *f = *state;

	mms_db_close(f->db);
	t_remove(f->dbpath);
	free(f);
	return 0;
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

void t_participant(mms_db *db, int assessment, int school_id, int class_id, const char *code,
                   const double *scores, int ntasks)
{
	unsigned char blob[64];
	sqlite3_stmt *st;

	assert_true(ntasks * MMS_SCORE_BYTES <= (int)sizeof(blob));
	for (int k = 0; k < ntasks; k++)
		mms_score_pack(blob + k * MMS_SCORE_BYTES, scores[k], 1);
	/* numbered on from participant_seq, as the import numbers them */
	assert_int_equal(sqlite3_prepare_v2(db->sql,
	                                    "INSERT INTO participant(id, assessment_id, school_id, "
	                                    "class_id, code, scores) VALUES ((SELECT last + 1 FROM "
	                                    "participant_seq), ?1, ?2, ?3, ?4, ?5)",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int(st, 1, assessment);
	sqlite3_bind_int(st, 2, school_id);
	if (class_id > 0)
		sqlite3_bind_int(st, 3, class_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 5, blob, ntasks * MMS_SCORE_BYTES, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	t_sql(db, "UPDATE participant_seq SET last = last + 1");
}

void t_class_results(mms_db *db, int assessment, int school_id, int class_id, int n,
                     const int *correct, int ntasks)
{
	double scores[32];

	assert_true(ntasks <= 32);
	for (int i = 0; i < n; i++) {
		char code[32];

		for (int k = 0; k < ntasks; k++)
			scores[k] = i < correct[k] ? 1 : 0;
		snprintf(code, sizeof(code), "t%d-%d", class_id, i);
		t_participant(db, assessment, school_id, class_id, code, scores, ntasks);
	}
}
