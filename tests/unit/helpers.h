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
/* The first column of the first row of SQL as an integer (-1 if none). */
long long t_int(mms_db *db, const char *sql);
/* A text dump of every table, to compare a database before and after. */
char *t_dump(mms_db *db);

#endif
