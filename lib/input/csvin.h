/*
 * Reading the CSV files schools export (the CSV backend of input/source.h):
 * encoding and delimiter detected,
 * converted to UTF-8 field by field, physical line numbers kept for
 * messages.  Memory stays bounded whatever the file's size.
 */
#ifndef MMS_CSVIN_H
#define MMS_CSVIN_H

#include <stdint.h>

#include "internal.h"

#define MMS_LINE_MAX (1 << 20)  /* longest physical line accepted */
#define MMS_FIELD_MAX (1 << 20) /* longest field (a stray quote grows one) */
#define MMS_FIELDS_MAX 4096     /* most fields in one row */

typedef struct mms_row {
	size_t n;
	char **f;  /* UTF-8, trimmed; valid until the next mms_csv_next() */
	long line; /* the physical line the record starts on */
	/* 1: its text is known to hold no character mms_text_control() finds (a CSV
	   line split by mms was looked at whole); 0: not known */
	int clean;
} mms_row;

typedef struct mms_csv mms_csv;

/*
 * Opens PATH.  Failures to open or read give MMS_EOPEN with the message on
 * DB; data problems (binary content, an encoding that does not fit) give
 * MMS_EDATA with a diagnostic.  *OUT is NULL on failure.
 */
int mms_csv_open(mms_db *db, const char *path, enum mms_encoding enc, mms_csv **out);

/* 1: *ROW is the next record; 0: end of file; < 0: error (diagnostic on DB). */
int mms_csv_next(mms_csv *c, mms_row **row);

/* The lengths of the fields of the row mms_csv_next() gave last (strlen() of each). */
const size_t *mms_csv_lengths(const mms_csv *c);

/* 1 if every field of ROW is empty. */
int mms_row_blank(const mms_row *row);

const char *mms_csv_path(const mms_csv *c);
char mms_csv_delimiter(const mms_csv *c);
enum mms_encoding mms_csv_encoding(const mms_csv *c);
/* SHA-256 of the bytes read so far, as 64 hex digits (whole file at EOF). */
void mms_csv_sha256(mms_csv *c, char hex[65]);
void mms_csv_close(mms_csv *c);

/* A column a reader knows, by its names (Russian and English). */
typedef struct mms_column {
	const char *const *names; /* NULL-terminated */
	int required;
} mms_column;

/* Collects "a, b, c" of the first name of each required column. */
void mms_columns_describe(const mms_column *cols, size_t ncols, mms_buf *out);

#endif
