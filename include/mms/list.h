/*
 * What the database holds, for people looking for a name: the schools, the
 * teachers, the assessments, the skills and the resources, as rows of text.
 */
#ifndef MMS_LIST_H
#define MMS_LIST_H

#include "mms/mms.h"

enum mms_list_kind {
	MMS_LIST_SCHOOLS,
	MMS_LIST_TEACHERS,
	MMS_LIST_ASSESSMENTS,
	MMS_LIST_SKILLS,
	MMS_LIST_RESOURCES
};

/* The kinds by name ("schools", …), NULL-terminated, in the enum's order. */
extern const char *const mms_list_kinds[];

typedef struct mms_list {
	size_t ncols, nrows;
	char **keys;  /* a column's key: the JSON field, the CSV header's source */
	int *numeric; /* a column of whole numbers */
	char **cells; /* nrows × ncols, row by row; NULL is empty */
} mms_list;

/*
 * The rows of KIND, ordered as people look for them (schools by code,
 * teachers by school and name, assessments by date, skills by subject and
 * code, resources by kind and title).  SCHOOL (a code of any kind, or NULL)
 * keeps that school's rows: its teachers, the assessments it took part in,
 * its mentors; MMS_EUSAGE for skills, which belong to no school.
 */
int mms_list_get(mms_db *db, enum mms_list_kind kind, const char *school, mms_list **out);
void mms_list_free(mms_list *l);

#endif
