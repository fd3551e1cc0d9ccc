/* The school roster: schools, teachers, subjects, classes, who teaches which class. */
#ifndef MMS_ROSTER_H
#define MMS_ROSTER_H

#include "mms/mms.h"

typedef struct mms_roster_stats {
	int files;
	int rows;
	int schools;  /* schools in the files */
	int teachers; /* teachers in the files */
	int teachers_new;
	int classes;   /* classes in the files */
	int subjects;  /* subjects in the files */
	int teachings; /* (teacher, subject, class) assignments in the files */
} mms_roster_stats;

/*
 * Imports roster CSV files in one transaction.  For every school in the
 * files, its teaching assignments become exactly those of the files;
 * schools, teachers, classes and subjects are updated, never duplicated.
 * On bad data returns MMS_EDATA with diagnostics and changes nothing.
 */
int mms_roster_import(mms_db *db, const char *const *files, int nfiles, enum mms_encoding enc,
                      mms_roster_stats *stats);

#endif
