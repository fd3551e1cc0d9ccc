/* The school roster: schools, teachers, subjects, classes, who teaches which class. */
#ifndef MMS_ROSTER_H
#define MMS_ROSTER_H

#include "mms/mms.h"

#define MMS_ROSTER_MAXYEARS 8

typedef struct mms_roster_stats {
	int files;
	int rows;
	int schools;  /* schools in the files */
	int teachers; /* teachers in the files */
	int teachers_new;
	int classes;   /* classes in the files */
	int subjects;  /* subjects in the files */
	int teachings; /* (teacher, subject, class) assignments in the files */
	int nyears;    /* the school years of the files' assignments, in order of appearance */
	char years[MMS_ROSTER_MAXYEARS][16];
	/* what the files changed, per school and school year (mms_roster_stats_free()) */
	struct mms_roster_change {
		char school[48], year[16];
		int before, added, removed; /* assignments */
	} * changes;
	size_t nchanges;
} mms_roster_stats;
typedef struct mms_roster_change mms_roster_change;

typedef struct mms_roster_opts {
	const char *sheet; /* a workbook's sheet, NULL: the one with the header */
	const char *year;  /* the school year of rows without one, NULL: today's */
	enum mms_encoding encoding;
	int dry_run; /* check and count, store nothing */
	int replace; /* a school may lose more than half of a year's assignments */
} mms_roster_opts;

void mms_roster_stats_free(mms_roster_stats *stats);

/*
 * Imports roster files (CSV, .xlsx or .xls; SHEET names a workbook's sheet,
 * NULL: the one with the roster's header) in one transaction.  Assignments belong to a
 * school year: a row's column Учебный год, else YEAR ("2026/2027"; NULL:
 * the school year, September to August, of today).  For every school and
 * school year in the files, its teaching assignments become exactly those
 * of the files; other years stay as they were.  Schools, teachers, classes
 * and subjects are updated, never duplicated.  On bad data returns
 * MMS_EDATA with diagnostics and changes nothing; a YEAR that is no school
 * year is MMS_EUSAGE.
 */
int mms_roster_import(mms_db *db, const char *const *files, int nfiles, enum mms_encoding enc,
                      const char *sheet, const char *year, mms_roster_stats *stats);
/*
 * The same with options: DRY_RUN stores nothing; without REPLACE, files that
 * would take from a school more than half of a year's assignments are
 * refused (MMS_EDATA, the school and counts named) — a partial roster by
 * mistake.  mms_roster_import() replaces.  STATS->changes says what changed.
 */
int mms_roster_import_opts(mms_db *db, const char *const *files, int nfiles,
                           const mms_roster_opts *o, mms_roster_stats *stats);

#endif
