/* Reference rows several importers create or look up. */
#ifndef MMS_REFS_H
#define MMS_REFS_H

#include <stdint.h>

#include "internal.h"

/* The subject named NAME (matched by its key), created if new. */
int mms_subject_ensure(mms_db *db, const char *name, int64_t *id);
/* The schools of the roster, or -1 on an error. */
int mms_school_count(mms_db *db);
/* The school with CODE (any of its codes), or MMS_ENOTFOUND naming the nearest codes. */
int mms_school_by_code(mms_db *db, const char *code, int64_t *id);

#endif
