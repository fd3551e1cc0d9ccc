/* Item-level results of students: what `mms import-results` loads. */
#ifndef MMS_RESULTS_H
#define MMS_RESULTS_H

#include "mms/mms.h"

typedef struct mms_results_opts {
	const char *assessment; /* the assessment's ID (its description imported) */
	const char *school;     /* school code for files without a school column */
	const char *class_map;  /* "1=5А,2=5Б": class ordinals to labels, or NULL */
	enum mms_encoding encoding;
	const char *sheet; /* a workbook's sheet; NULL: the one with the results' header */
	int dry_run;       /* validate and count, store nothing */
	/* called now and then while reading (may be NULL) */
	void (*progress)(void *ctx, const char *file, int index, int nfiles, long rows);
	void *progress_ctx;
} mms_results_opts;

typedef struct mms_results_stats {
	int files;
	int files_seen_before; /* files whose content hash was imported before */
	long rows;
	long students;        /* participants with results */
	long absent;          /* participants marked absent */
	long scores;          /* task results stored */
	long not_attempted;   /* of those, tasks marked not attempted (X, -) */
	long inserted;        /* participants new to the database */
	long replaced;        /* participants whose stored results changed */
	long unchanged;       /* participants stored before exactly so */
	int personal_columns; /* columns of personal data dropped on read */
} mms_results_stats;

/*
 * Imports results files into the assessment in one transaction: on any
 * problem nothing is stored, every problem is a diagnostic "FILE:LINE: …"
 * and MMS_EDATA is returned.  A participant (school, code) imported before
 * is replaced, never duplicated.
 */
int mms_results_import(mms_db *db, const mms_results_opts *o, const char *const *files, int nfiles,
                       mms_results_stats *stats);

#endif
