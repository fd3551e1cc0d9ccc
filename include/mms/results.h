/* Item-level results of students: what `mms import-results` loads. */
#ifndef MMS_RESULTS_H
#define MMS_RESULTS_H

#include "mms/mms.h"

typedef struct mms_results_opts {
	const char *assessment; /* the assessment's ID (its description imported) */
	const char *school;     /* school code for files without a school column */
	/* class numbers to labels: a file (Код ОО;Номер;Класс) or inline "1=5А,2=5Б"; NULL */
	const char *class_map;
	enum mms_encoding encoding;
	const char *sheet; /* a workbook's sheet; NULL: the one with the results' header */
	int dry_run;       /* validate and count, store nothing */
	/* called now and then while reading (may be NULL) */
	void (*progress)(void *ctx, const char *file, int index, int nfiles, long rows);
	void *progress_ctx;
} mms_results_opts;

/*
 * A class read from what a file writes instead of its label: an ordinal, a
 * letter, "нет".  SOURCE says how: "map" (--class-map), "sheet" (the
 * workbook's sheet «Классы»), "order" (the N-th class of the grade in the
 * school by letter order), "only" (the school's only class of the grade),
 * "letter" (the letter with the assessment's grade).
 */
typedef struct mms_class_guess {
	char *school; /* the school's code */
	char *value;  /* as the file writes it, e.g. "1", "а", "5 нет" */
	char *label;  /* the class, e.g. "5А" */
	const char *source;
	long rows; /* rows read so */
} mms_class_guess;

/* An exam block of a protocol left for another assessment (another subject). */
typedef struct mms_results_block {
	char *file;
	char *title; /* "04 - Химия 2026.07.03" */
	long rows;
} mms_results_block;

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
	long skipped;         /* a form's empty template rows, footers (Средние) */
	long retakes;         /* a protocol's participant met again (another day): the later kept */
	long foreign_rows;    /* rows of schools not in the roster (a region's file), left */
	int numbered;         /* a file\'s task columns were 1…T in order, not the labels */
	/* what mms_results_stats_free() frees: */
	mms_class_guess *classes; /* by school and value */
	size_t nclasses;
	mms_results_block *blocks;
	size_t nblocks;
	char **foreign; /* those schools as the files write them */
	size_t nforeign;
} mms_results_stats;

void mms_results_stats_free(mms_results_stats *stats);

/*
 * Imports results files into the assessment in one transaction: on any
 * problem nothing is stored, every problem is a diagnostic "FILE:LINE: …"
 * and MMS_EDATA is returned.  A participant (school, code) imported before
 * is replaced, never duplicated.  On success STATS may hold lists: free
 * them with mms_results_stats_free(); on failure it holds none.
 */
int mms_results_import(mms_db *db, const mms_results_opts *o, const char *const *files, int nfiles,
                       mms_results_stats *stats);

#endif
