/*
 * What the readers of students' results share: the import's state, the
 * layout of a table's columns, and the steps each file of lib/results does.
 */
#ifndef MMS_RESULTS_INTERNAL_H
#define MMS_RESULTS_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "idset.h"
#include "input/source.h"
#include "mms/results.h"
#include "results/packed.h"

#define HEADER_ROWS_MAX 30

struct task {
	int64_t id;
	char *label, *key;
	double max;
	int slot;
};

enum col_kind {
	C_IGNORE,
	C_CODE,
	C_CLASS,
	C_SCHOOL_CODE,
	C_SCHOOL_NAME,
	C_VARIANT,
	C_TOTAL,
	C_SHORT,
	C_LONG,
	C_TASK,
	C_PERSONAL
};

struct column {
	enum col_kind kind;
	int task; /* index into tasks for C_TASK */
};

struct class_entry {
	int64_t school;
	char *key;
	int64_t id;
};

struct class_map {
	char *ordinal, *label;
};

struct imp {
	mms_db *db;
	const mms_results_opts *o;
	mms_results_stats *st;
	int64_t assessment;
	char *subject_key;
	double max_total;
	struct task *tasks;
	size_t ntasks;
	int64_t forced_school; /* from --school, or 0 */
	struct class_map *cmap;
	size_t ncmap;
	struct class_entry *classes;
	size_t nclasses;
	/* the last school value seen and what it resolved to */
	char *last_school_value;
	int64_t last_school;
	/* the last class value seen, its school and what it resolved to */
	char *last_class_value;
	int64_t last_class_school, last_class;
	mms_idset touched; /* participants written by this import */
	sqlite3_stmt *find_school_code, *find_school_name, *find_class, *find_part, *add_part,
	    *upd_part, *add_log, *upd_log, *seen_hash;
	/* per file */
	const char *file;
	mms_src *src;
	int64_t log_id;
	long f_rows, f_students, f_absent, f_scores, f_ins, f_rep, f_unch;
	/* per row */
	double *score;
	int *attempted, *have;
	unsigned char *blob; /* the packed scores of the row */
	int bloblen;
};

struct layout {
	struct column *cols;
	size_t ncols;
	int code, klass, school_code, school_name, variant, total, shortans, longans;
	int ntaskcols;
};

struct header_probe {
	struct imp *x;
	struct layout *L;
	int *bad;
};

static inline int rs_oom(struct imp *x)
{
	return mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
}

static inline int rs_key_is(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(key, *names) == 0)
			return 1;
	return 0;
}

static inline int rs_key_has(const char *key, const char *const *stems)
{
	for (; *stems; stems++)
		if (strstr(key, *stems))
			return 1;
	return 0;
}

/* results.c */
int rs_lookup_id(struct imp *x, sqlite3_stmt *st, int64_t *id);

/* header.c: the probe of a table's header (see mms_src_find()) */
int rs_read_header(void *ctx, mms_src *c);

/* classes.c */
int rs_parse_class_map(struct imp *x);
int rs_resolve_class(struct imp *x, long line, int col, int64_t school, const char *value,
                     int64_t *klass);

/* answers.c: a cell's markers and scores; the parsers return 0, or 1 after a diagnostic */
int rs_is_absent_marker(const char *s);
int rs_is_not_attempted(const char *s);
int rs_parse_cell(struct imp *x, long line, int col, size_t t, const char *cell);
int rs_parse_short(struct imp *x, long line, int col, const char *s, size_t *next);
int rs_parse_long(struct imp *x, long line, int col, const char *s, size_t t);

#endif
