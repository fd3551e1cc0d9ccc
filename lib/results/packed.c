#include "results/packed.h"

#include <string.h>

int mms_scores_length(int nslots, int narrow)
{
	return narrow ? nslots | 1 : nslots * MMS_SCORE_BYTES;
}

int mms_scores_begin(unsigned char *blob, int nslots, int narrow)
{
	int len = mms_scores_length(nslots, narrow);

	memset(blob, 0, (size_t)len);
	if (narrow && len > nslots)
		blob[len - 1] = MMS_SCORE_NARROW_NONE; /* the padding */
	return len;
}

void mms_score_pack(unsigned char *out, double score, int attempted)
{
	unsigned v = (unsigned)mms_score_centi(score) | (attempted ? 0 : MMS_SCORE_NOT_ATTEMPTED);

	out[0] = (unsigned char)(v >> 8);
	out[1] = (unsigned char)(v & 0xFF);
}

int mms_score_unpack(const void *blob, int len, int slot, double *score, int *attempted)
{
	const unsigned char *p = blob;
	unsigned v;

	if (!blob || slot < 0)
		return 0;
	if (len % 2) {
		/* narrow (its last byte may be the padding of an even number of slots) */
		if (slot >= len || p[slot] == MMS_SCORE_NARROW_NONE)
			return 0;
		v = p[slot];
		*attempted = !(v & MMS_SCORE_NARROW_NOT_ATTEMPTED);
		*score = (double)(v & ~MMS_SCORE_NARROW_NOT_ATTEMPTED) / 2.0;
		return 1;
	}
	if ((long)slot * MMS_SCORE_BYTES + MMS_SCORE_BYTES > (long)len)
		return 0;
	p += (long)slot * MMS_SCORE_BYTES;
	v = (unsigned)p[0] << 8 | p[1];
	*attempted = !(v & MMS_SCORE_NOT_ATTEMPTED);
	*score = (double)(v & ~MMS_SCORE_NOT_ATTEMPTED) / 100.0;
	return 1;
}
