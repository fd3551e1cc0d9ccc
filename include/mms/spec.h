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
	double max_total; /* the sum of the tasks' maximum scores */
	int created;      /* 1 if the assessment is new */
	char system[128]; /* the code system used */
	/* a published table read: its rows merged into tasks, a line each
	   ("task 3: 2 rows → 1 task, 3 skills"), and tasks given level Б for want of one */
	char merged[4096];
	int levels_assumed;
} mms_spec_stats;

int mms_spec_import(mms_db *db, const mms_spec_opts *opts, const char *file, mms_spec_stats *stats);

/* A codifier: its codes with their own wording, and the codes of another it links to. */
typedef struct mms_codifier_opts {
	const char *codes; /* the code system of the file's codes, e.g. КЭС-ООО-математика */
	const char *subject; /* its subject */
	const char *links;   /* the code system of the codes a row links to, or NULL */
	enum mms_encoding encoding;
	const char *sheet;
} mms_codifier_opts;

typedef struct mms_codifier_stats {
	int codes;    /* rows with a code */
	int added;    /* the file's codes new to the database */
	int worded;   /* codes given their own wording (they had a requirement's) */
	int headings; /* rows without a code: headings */
	int links;    /* links added */
} mms_codifier_stats;

/*
 * Imports a codifier FILE in one transaction: each code becomes a skill of
 * the code system o->codes with its own wording; a different wording of a
 * worded code is refused (MMS_EDATA, both shown).  A column of linked codes
 * (Коды кодификатора) links each code to those of o->links: persistence and
 * follow-up then take them as the same skill.
 */
int mms_codifier_import(mms_db *db, const mms_codifier_opts *o, const char *file,
                        mms_codifier_stats *stats);

#endif
