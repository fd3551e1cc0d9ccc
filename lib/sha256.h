/* SHA-256 (FIPS 180-4), for the content hash of imported files, and HMAC-SHA-256
   (RFC 2104) for the keyed pseudonyms of participants known by name. */
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
#define MMS_SHA256_LEN 32
/* The 32-byte digest; S may be updated no further. */
void mms_sha256_final(mms_sha256 *s, unsigned char out[MMS_SHA256_LEN]);
/*
 * Whether the CPU's SHA instructions are used where it has them (USE 1, the
 * default) or the portable code (USE 0, for tests comparing the two);
 * returns 1 when they are in use.  Set before any thread hashes.
 */
int mms_sha256_accelerated(int use);
/* HMAC-SHA-256 of MSG under KEY. */
void mms_hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
                     unsigned char out[MMS_SHA256_LEN]);

#endif
