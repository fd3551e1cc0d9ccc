/* Reference rows several importers create or look up. */
#ifndef MMS_REFS_H
#define MMS_REFS_H

#include <stdint.h>

#include "internal.h"

/* The subject named NAME (matched by its key), created if new. */
int mms_subject_ensure(mms_db *db, const char *name, int64_t *id);
/* The school with CODE, or MMS_ENOTFOUND. */
int mms_school_by_code(mms_db *db, const char *code, int64_t *id);

#endif
