#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *mms_buf_room(mms_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p)
			return NULL;
		b->p = p;
		b->cap = cap;
	}
	return b->p + b->len;
}

int mms_buf_add(mms_buf *b, const char *s, size_t n)
{
	if (!mms_buf_room(b, n))
		return MMS_ENOMEM;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return MMS_OK;
}

int mms_buf_adds(mms_buf *b, const char *s)
{
	return mms_buf_add(b, s, strlen(s));
}

/* Two digits at a time, from the end, where the count says it is: no copy (the
   classification writes a digit string for every student below half on a skill). */
char *mms_put_digits(char *o, unsigned long long v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930"
	                            "31323334353637383940414243444546474849505152535455565758596061"
	                            "62636465666768697071727374757677787980818283848586878889909192"
	                            "93949596979899";
	char *end = o + 1;

	for (unsigned long long t = v; t >= 10; t /= 10)
		end++;
	o = end;
	for (; v >= 100; v /= 100) {
		const char *d = pairs + (v % 100) * 2;

		*--o = d[1];
		*--o = d[0];
	}
	if (v >= 10) {
		*--o = pairs[v * 2 + 1];
		*--o = pairs[v * 2];
	} else {
		*--o = (char)('0' + v);
	}
	return end;
}

int mms_buf_add_int(mms_buf *b, long long v)
{
	char text[24], *o = text;

	if (v < 0)
		*o++ = '-';
	o = mms_put_digits(o, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v);
	return mms_buf_add(b, text, (size_t)(o - text));
}

int mms_buf_addf(mms_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return MMS_ERROR;
	if ((size_t)n < sizeof(small))
		return mms_buf_add(b, small, (size_t)n);
	{
		char *big = malloc((size_t)n + 1);
		int rc;

		if (!big)
			return MMS_ENOMEM;
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		rc = mms_buf_add(b, big, (size_t)n);
		free(big);
		return rc;
	}
}

void mms_buf_free(mms_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int mms_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n;
	void *q;

	if (need <= *cap)
		return 0;
	n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}
