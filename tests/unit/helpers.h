/* What the unit tests share. */
#ifndef MMS_TEST_HELPERS_H
#define MMS_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "internal.h"

/* Writes LEN bytes to a new temporary file; returns its malloc'd path. */
char *t_write_file(const void *data, size_t len);
/* t_write_file() of a NUL-terminated string. */
char *t_write_str(const char *s);
/* Removes and frees a path from t_write_file(). */
void t_remove(char *path);
/* A fresh database in a temporary file; its path in *PATH (t_remove it). */
mms_db *t_db(char **path);
/* The fixture of tests that need only a fresh database: t_fx_setup/t_fx_teardown. */
struct t_fx {
	mms_db *db;
	char *dbpath;
};
int t_fx_setup(void **state);
int t_fx_teardown(void **state);
/* The first column of the first row of SQL as an integer (-1 if none). */
long long t_int(mms_db *db, const char *sql);
/* Runs SQL (printf-style), failing the test on an error. */
void t_sql(mms_db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The first column of the first row as a number (NaN for null or no row). */
double t_real(mms_db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* ... as text ("NULL" for null, "" for no row), valid until the next call. */
const char *t_text(mms_db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A participant present with the scores of NTASKS tasks (slots 0, 1, …). */
void t_participant(mms_db *db, int assessment, int school_id, int class_id, const char *code,
                   const double *scores, int ntasks);
/*
 * N participants present in class CLASS_ID of SCHOOL_ID at ASSESSMENT, whose
 * NTASKS tasks (slots 0, 1, …) are worth a point each: participant i scores
 * 1 on task k when i < CORRECT[k], else 0.  Codes are "t<class>-<i>".
 */
void t_class_results(mms_db *db, int assessment, int school_id, int class_id, int n,
                     const int *correct, int ntasks);
/* A text dump of every table, to compare a database before and after. */
char *t_dump(mms_db *db);

#endif
