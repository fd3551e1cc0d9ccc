/* What the modules of lib/iop share. */
#ifndef MMS_IOP_INTERNAL_H
#define MMS_IOP_INTERNAL_H

#include <stdint.h>

#include "internal.h"
#include "mms/iop.h"

/* Strings owned by a result structure, freed together. */
typedef struct mms_pool {
	char **s;
	size_t n, cap;
	int oom;
} mms_pool;

/* A copy of S kept in P (NULL for NULL, or when out of memory: P->oom set). */
const char *mms_pool_dup(mms_pool *p, const char *s);
/* Keeps the malloc'd S in P (freed with it); returns S. */
const char *mms_pool_take(mms_pool *p, char *s);
void mms_pool_free(mms_pool *p);

/* TODAY if given (checked: YYYY-MM-DD), else the local date, into OUT. */
int mms_iop_today(mms_db *db, const char *today, char out[11]);

/*
 * The skills named by CODES ("1.2, 1.3"): in SUBJECT (a name, may be NULL);
 * else, when TEACHER > 0, first in the subjects the teacher teaches; else
 * anywhere, where a code of several subjects is ambiguous.  With FILE the
 * problems are diagnostics at FILE:LINE and the result MMS_EDATA, else the
 * handle's message.  *IDS is malloc'd.
 */
int mms_iop_skills(mms_db *db, const char *codes, const char *subject, int64_t teacher,
                   const char *file, long line, int64_t **ids, size_t *n);

/* "31" for 0.31, "28.5" for 0.285: a percentage with at most one decimal. */
void mms_iop_pct(double v, char buf[16]);

#endif
