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
 * The skill of the teacher's records on CODE: SQL selects (skill id, subject
 * name), one row a skill, ordered by subject name, from ?1 the teacher, ?2
 * the code and ?3 a subject id (0: any).  SUBJECT (a name, may be NULL)
 * narrows it; its name as stored goes into *SUBJECT_NAME (malloc'd, NULL
 * without SUBJECT: the caller frees it).  One skill: into *SKILL, MMS_OK.
 * Several: MMS_EAMBIGUOUS, the message naming CODE and listing the subjects.
 * None: 1, with no message (the caller says what is missing); an unknown
 * subject: MMS_ENOTFOUND naming it.
 */
int mms_skill_pick(mms_db *db, const char *sql, int64_t teacher, const char *code,
                   const char *subject, int64_t *skill, char **subject_name);

#endif
