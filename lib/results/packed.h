/*
 * A participant's task scores packed in one BLOB (participant.scores), a slot a
 * task (task.slot), in one of two layouts told apart by the blob's length:
 *  - wide, an even length (2 bytes a slot): big-endian, the score in hundredths
 *    of a point (at most 327.67), the high bit set when not attempted;
 *  - narrow, an odd length (1 byte a slot, and a last byte 0xFF when the slots
 *    are even in number): the score in half points (at most 63 points), the high
 *    bit set when not attempted; 0xFF is no slot's (a slot added to the
 *    assessment after the row was stored is missing from it, as from a shorter
 *    wide row).
 * A row is packed narrow when every score fits, as the whole points of ВПР, ОГЭ
 * and ЕГЭ and the half points of some regional tests do: half the bytes.  Rows
 * of either layout are read alike.
 */
#ifndef MMS_PACKED_H
#define MMS_PACKED_H

#define MMS_SCORE_BYTES 2
#define MMS_SCORE_NOT_ATTEMPTED 0x8000u
#define MMS_SCORE_NARROW_MAX 126 /* half points */
#define MMS_SCORE_NARROW_NOT_ATTEMPTED 0x80u
#define MMS_SCORE_NARROW_NONE 0xFFu /* the padding */

/* SCORE in hundredths as packed: rounded half away from zero, NaN and below 0 as 0,
   at most 32767.  Inline, as the next and mms_score_put(): the import calls them for
   every score. */
static inline long mms_score_centi(double score)
{
	double c = score * 100;
	long centi;

	/* as lround() but without its call (a tenth of the import's work on a thread's
	   sample) */
	if (!(c > 0))
		return 0;
	if (c >= 32767)
		return 32767;
	centi = (long)c;                   /* below 2^15: its whole part, exactly */
	centi += c - (double)centi >= 0.5; /* and the fraction, exactly too */
	return centi;
}

/* Whether a score of CENTI hundredths (mms_score_centi()) fits the narrow layout: whole or
   half points, at most 63. */
static inline int mms_score_narrow_centi(long centi)
{
	return centi % 50 == 0 && centi / 50 <= MMS_SCORE_NARROW_MAX;
}

/* Whether SCORE fits the narrow layout. */
static inline int mms_score_narrow(double score)
{
	return mms_score_narrow_centi(mms_score_centi(score));
}
/* The length of a blob of NSLOTS slots (at least 1), narrow or wide. */
int mms_scores_length(int nslots, int narrow);
/* Lays out BLOB for NSLOTS slots, narrow or wide, every slot 0 and attempted (and the
   narrow layout's padding); returns its length. */
int mms_scores_begin(unsigned char *blob, int nslots, int narrow);
/* Writes SCORE and ATTEMPTED to the 2 bytes at OUT (the wide layout). */
void mms_score_pack(unsigned char *out, double score, int attempted);
/* Writes a score of CENTI hundredths (mms_score_centi()) and ATTEMPTED at SLOT of a blob
   laid out narrow or wide (a narrow one's score must fit it): the import works the
   hundredths out once a score, to choose the layout and to write it. */
static inline void mms_score_put_centi(unsigned char *blob, int narrow, int slot, long centi,
                                       int attempted)
{
	if (narrow) {
		blob[slot] =
		    (unsigned char)(centi / 50 | (attempted ? 0 : MMS_SCORE_NARROW_NOT_ATTEMPTED));
	} else {
		unsigned v = (unsigned)centi | (attempted ? 0 : MMS_SCORE_NOT_ATTEMPTED);

		blob[(long)slot * MMS_SCORE_BYTES] = (unsigned char)(v >> 8);
		blob[(long)slot * MMS_SCORE_BYTES + 1] = (unsigned char)(v & 0xFF);
	}
}
/* Writes SCORE and ATTEMPTED at SLOT of a blob laid out narrow or wide. */
static inline void mms_score_put(unsigned char *blob, int narrow, int slot, double score,
                                 int attempted)
{
	mms_score_put_centi(blob, narrow, slot, mms_score_centi(score), attempted);
}
/* 1 and the score at SLOT, or 0 if the blob of LEN bytes has no such slot.  Inline:
   the classification and the analysis call it for every score they read (a sixth of
   reading an assessment was its calls). */
static inline int mms_score_unpack(const void *blob, int len, int slot, double *score,
                                   int *attempted)
{
	const unsigned char *p = (const unsigned char *)blob;
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

#endif
