/* A set of 64-bit ids (open addressing), for counting distinct things. */
#ifndef MMS_IDSET_H
#define MMS_IDSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct mms_idset {
	int64_t *slots; /* 0 marks an empty slot: ids are > 0 */
	size_t cap, count;
} mms_idset;

/* 1 if ID was added, 0 if it was there, -1 when out of memory. ID must be > 0. */
int mms_idset_add(mms_idset *s, int64_t id);
int mms_idset_has(const mms_idset *s, int64_t id);
void mms_idset_free(mms_idset *s);

#endif
