/* SHA-256 (FIPS 180-4), for the content hash of imported files. */
#ifndef MMS_SHA256_H
#define MMS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct mms_sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
} mms_sha256;

void mms_sha256_init(mms_sha256 *s);
void mms_sha256_update(mms_sha256 *s, const void *data, size_t n);
/* Writes 64 lowercase hex digits and a NUL; S may be updated no further. */
void mms_sha256_hex(mms_sha256 *s, char hex[65]);

#endif
