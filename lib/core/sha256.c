#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "sha256.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(mms_sha256 *s, const unsigned char *b)
{
	uint32_t w[64], a, bb, c, d, e, f, g, h;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
		       (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = s->h[0];
	bb = s->h[1];
	c = s->h[2];
	d = s->h[3];
	e = s->h[4];
	f = s->h[5];
	g = s->h[6];
	h = s->h[7];
	for (i = 0; i < 64; i++) {
		uint32_t S1 = ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = h + S1 + ch + K[i] + w[i];
		uint32_t S0 = ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22);
		uint32_t maj = (a & bb) ^ (a & c) ^ (bb & c);
		uint32_t t2 = S0 + maj;

		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = bb;
		bb = a;
		a = t1 + t2;
	}
	s->h[0] += a;
	s->h[1] += bb;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
	s->h[5] += f;
	s->h[6] += g;
	s->h[7] += h;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_SHA_NI 1

/*
 * The same compression with the CPU's SHA instructions (Intel SHA
 * extensions: most x86-64 processors since 2017), for N blocks at P: the
 * state is kept as ABEF and CDGH, each group of four rounds adds its message
 * words and constants, and the message schedule runs three groups ahead.
 */
__attribute__((target("sha,sse4.1"))) static void compress_ni(uint32_t h[8], const unsigned char *p,
                                                              size_t n)
{
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i abef, cdgh, tmp, w[4];

	tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&h[0]), 0xB1);
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&h[4]), 0x1B);
	abef = _mm_alignr_epi8(tmp, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, tmp, 0xF0);
	for (; n > 0; n--, p += 64) {
		__m128i abef0 = abef, cdgh0 = cdgh;

		for (int i = 0; i < 16; i++) {
			__m128i msg;

			if (i < 4)
				w[i] = _mm_shuffle_epi8(
				    _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i)),
				    swap);
			msg = _mm_add_epi32(
			    w[i % 4], _mm_loadu_si128((const __m128i *)(const void *)&K[4 * i]));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
			if (i >= 3 && i <= 14) { /* the next group's words */
				tmp = _mm_alignr_epi8(w[i % 4], w[(i + 3) % 4], 4);
				w[(i + 1) % 4] = _mm_sha256msg2_epu32(
				    _mm_add_epi32(w[(i + 1) % 4], tmp), w[i % 4]);
			}
			abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(msg, 0x0E));
			if (i >= 1 && i <= 12) /* a start on the words three groups on */
				w[(i + 3) % 4] = _mm_sha256msg1_epu32(w[(i + 3) % 4], w[i % 4]);
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}
	tmp = _mm_shuffle_epi32(abef, 0x1B);
	cdgh = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)(void *)&h[0], _mm_blend_epi16(tmp, cdgh, 0xF0));
	_mm_storeu_si128((__m128i *)(void *)&h[4], _mm_alignr_epi8(cdgh, tmp, 8));
}
#endif

/* -1: not yet asked; 0: the portable code; 1: the CPU's instructions. */
static atomic_int accelerated = -1;

int mms_sha256_accelerated(int use)
{
#ifdef HAVE_SHA_NI
	int a;

	__builtin_cpu_init();
	a = use && __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") ? 1 : 0;
	atomic_store(&accelerated, a);
	return a;
#else
	(void)use;
	atomic_store(&accelerated, 0);
	return 0;
#endif
}

#ifdef HAVE_SHA_NI
static void accelerated_default(void)
{
	mms_sha256_accelerated(1);
}
#endif

/* N whole blocks at P. */
static void blocks(mms_sha256 *s, const unsigned char *p, size_t n)
{
#ifdef HAVE_SHA_NI
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	int a = atomic_load_explicit(&accelerated, memory_order_relaxed);

	if (a < 0) { /* the first hash of any thread asks the CPU, once */
		pthread_once(&once, accelerated_default);
		a = atomic_load(&accelerated);
	}
	if (a) {
		compress_ni(s->h, p, n);
		return;
	}
#endif
	for (; n > 0; n--, p += 64)
		compress(s, p);
}

void mms_sha256_init(mms_sha256 *s)
{
	static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

	memcpy(s->h, init, sizeof(init));
	s->bytes = 0;
	s->used = 0;
}

void mms_sha256_update(mms_sha256 *s, const void *data, size_t n)
{
	const unsigned char *p = data;

	s->bytes += n;
	if (s->used) {
		size_t take = 64 - s->used < n ? 64 - s->used : n;

		memcpy(s->block + s->used, p, take);
		s->used += take;
		p += take;
		n -= take;
		if (s->used < 64)
			return;
		blocks(s, s->block, 1);
		s->used = 0;
	}
	blocks(s, p, n / 64);
	p += n / 64 * 64;
	n %= 64;
	memcpy(s->block, p, n);
	s->used = n;
}

void mms_sha256_final(mms_sha256 *s, unsigned char out[MMS_SHA256_LEN])
{
	uint64_t bits = s->bytes * 8;
	unsigned char pad = 0x80, zero = 0, len[8];
	int i;

	mms_sha256_update(s, &pad, 1);
	while (s->used != 56)
		mms_sha256_update(s, &zero, 1);
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	mms_sha256_update(s, len, 8);
	for (i = 0; i < 32; i++)
		out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

void mms_sha256_hex(mms_sha256 *s, char hex[65])
{
	unsigned char d[MMS_SHA256_LEN];

	mms_sha256_final(s, d);
	for (int i = 0; i < MMS_SHA256_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* RFC 2104: H((K ^ opad) || H((K ^ ipad) || M)), a key longer than a block hashed first. */
void mms_hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
                     unsigned char out[MMS_SHA256_LEN])
{
	unsigned char k[64] = {0}, pad[64], inner[MMS_SHA256_LEN];
	mms_sha256 h;

	if (klen > sizeof(k)) {
		mms_sha256_init(&h);
		mms_sha256_update(&h, key, klen);
		mms_sha256_final(&h, k);
	} else if (klen) {
		memcpy(k, key, klen);
	}
	for (size_t i = 0; i < sizeof(k); i++)
		pad[i] = k[i] ^ 0x36;
	mms_sha256_init(&h);
	mms_sha256_update(&h, pad, sizeof(pad));
	mms_sha256_update(&h, msg, mlen);
	mms_sha256_final(&h, inner);
	for (size_t i = 0; i < sizeof(k); i++)
		pad[i] = k[i] ^ 0x5c;
	mms_sha256_init(&h);
	mms_sha256_update(&h, pad, sizeof(pad));
	mms_sha256_update(&h, inner, sizeof(inner));
	mms_sha256_final(&h, out);
}
