/* An assessment's description: its tasks, their maximum scores, levels and skills. */
#ifndef MMS_SPEC_H
#define MMS_SPEC_H

#include "mms/mms.h"

typedef struct mms_spec_opts {
	const char *assessment; /* the assessment's ID, e.g. "vpr-2026-math-5" */
	const char *subject;
	int grade;        /* 1..11 */
	const char *kind; /* ВПР, ОГЭ, ЕГЭ, КДР…; NULL: ВПР */
	const char *date; /* YYYY-MM-DD or NULL */
	/* the code system of the skill codes (a ФИПИ codifier's name, say); NULL: KIND-GRADE */
	const char *codes;
	enum mms_encoding encoding;
	const char *sheet; /* a workbook's sheet; NULL: the one with the header */
} mms_spec_opts;

typedef struct mms_spec_stats {
	int tasks;
	int skills;
	double max_total;   /* the sum of the tasks' maximum scores */
	int created;        /* 1 if the assessment is new */
	const char *system; /* the code system used (valid until the next import) */
	/* a published table read: its rows merged into tasks, a line each
	   ("task 3: 2 rows → 1 task, 3 skills"), and tasks given level Б for want of one */
	char merged[4096];
	int levels_assumed;
} mms_spec_stats;

int mms_spec_import(mms_db *db, const mms_spec_opts *opts, const char *file, mms_spec_stats *stats);

#endif
