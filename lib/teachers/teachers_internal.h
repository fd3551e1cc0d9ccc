/* What lib/teachers shares with the other modules: a teacher's skill named by code and subject. */
#ifndef MMS_TEACHERS_INTERNAL_H
#define MMS_TEACHERS_INTERNAL_H

#include <stdint.h>

#include "internal.h"

/*
 * The subject named NAME, compared like other names (mms_key(): case, ё/е
 * and spaces do not matter): its id into *ID and, when CANONICAL is not
 * NULL, its name as stored into *CANONICAL (malloc'd).  MMS_ENOTFOUND,
 * naming it, if there is no such subject.
 */
int mms_subject_find(mms_db *db, const char *name, int64_t *id, char **canonical);

/*
 * Steps ST, a query whose rows are (skill id, subject name), one row a
 * skill, ordered by subject name, and finalizes it.  One row: its skill into
 * *SKILL and MMS_OK.  Several: MMS_EAMBIGUOUS, the message naming CODE and
 * listing the subjects.  None: MMS_ENOTFOUND with no message (the caller
 * says what is missing).
 */
int mms_skill_pick(mms_db *db, sqlite3_stmt *st, const char *code, int64_t *skill);

#endif
