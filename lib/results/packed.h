/*
 * A participant's task scores packed in one BLOB (participant.scores):
 * 2 bytes a task at the task's slot, big-endian, the score in hundredths
 * of a point (at most 327.67), the high bit set when not attempted.
 */
#ifndef MMS_PACKED_H
#define MMS_PACKED_H

#define MMS_SCORE_BYTES 2
#define MMS_SCORE_NOT_ATTEMPTED 0x8000u

/* Writes SCORE and ATTEMPTED to the 2 bytes at OUT. */
void mms_score_pack(unsigned char *out, double score, int attempted);
/* 1 and the score at SLOT, or 0 if the blob of LEN bytes has no such slot. */
int mms_score_unpack(const void *blob, int len, int slot, double *score, int *attempted);

#endif
