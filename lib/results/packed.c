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
	mms_score_put_centi(out, 0, 0, mms_score_centi(score), attempted);
}
