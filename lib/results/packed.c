#include "results/packed.h"

void mms_score_pack(unsigned char *out, double score, int attempted)
{
	double c = score * 100;
	long centi;
	unsigned v;

	/* hundredths rounded half away from zero, as lround() but without its call
	   (a tenth of the import's work on a thread's sample); NaN and below 0 as 0 */
	if (!(c > 0))
		centi = 0;
	else if (c >= 32767)
		centi = 32767;
	else {
		centi = (long)c;                   /* below 2^15: its whole part, exactly */
		centi += c - (double)centi >= 0.5; /* and the fraction, exactly too */
	}
	v = (unsigned)centi | (attempted ? 0 : MMS_SCORE_NOT_ATTEMPTED);
	out[0] = (unsigned char)(v >> 8);
	out[1] = (unsigned char)(v & 0xFF);
}

int mms_score_unpack(const void *blob, int len, int slot, double *score, int *attempted)
{
	const unsigned char *p = blob;
	unsigned v;

	if (!blob || slot < 0 || (long)slot * MMS_SCORE_BYTES + MMS_SCORE_BYTES > (long)len)
		return 0;
	p += (long)slot * MMS_SCORE_BYTES;
	v = (unsigned)p[0] << 8 | p[1];
	*attempted = !(v & MMS_SCORE_NOT_ATTEMPTED);
	*score = (double)(v & ~MMS_SCORE_NOT_ATTEMPTED) / 100.0;
	return 1;
}
