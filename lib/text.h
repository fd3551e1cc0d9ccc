/* Text: UTF-8, normalised keys for matching, numbers as Excel writes them. */
#ifndef MMS_TEXT_H
#define MMS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* 1 if the bytes are strictly valid UTF-8 (no overlongs, no surrogates). */
int mms_utf8_valid(const char *s, size_t n);

/*
 * The key two names are matched by: Unicode case folding, ё→е, no-break and
 * other spaces → one space, trimmed.  Marks are kept (Й stays Й).  Returns a
 * malloc'd string or NULL when out of memory or S is not UTF-8.
 */
char *mms_key(const char *s);

/*
 * mms_key() remembered: the texts a batch of files repeat (every file's
 * title rows and header) are keyed once.  Up to MMS_KEY_MEMO_MAX texts are
 * kept; others are keyed each time.  A copy of the key (free it), or NULL
 * as mms_key().  Zero-initialised, a memo is empty; mms_key_memo_free()
 * empties it.
 */
#define MMS_KEY_MEMO_MAX 768
typedef struct mms_key_memo {
	struct mms_key_memo_slot {
		char *text, *key;
	} * slot; /* 1024 slots, open addressing */
	size_t n;
} mms_key_memo;
char *mms_key_memo_get(mms_key_memo *m, const char *s);
/* A hash of the string S (FNV-1a), for the tables the memos keep. */
uint64_t mms_str_hash(const char *s);
void mms_key_memo_free(mms_key_memo *m);

/*
 * The first character of S that has no place in a name, a code or a note
 * and could change what a terminal shows (a C0 or C1 control, DEL, a
 * bidirectional control such as U+202E), or 0; with LINES, a note's tab and
 * line breaks are allowed.
 */
unsigned mms_text_control(const char *s, int lines);
/* mms_key() without quotes of any kind («»"“”„'), for school names. */
char *mms_school_key(const char *s);
/* A class label's key: "5 а", "5-А" and "5A" (Latin) all give "5а". */
char *mms_class_key(const char *s);

/* Columns a string takes in a terminal (Cyrillic 1, CJK 2, marks 0). */
size_t mms_utf8_width(const char *s);

/* Trims ASCII white space and no-break spaces at both ends, in place. */
char *mms_trim(char *s);
/* mms_trim() of S, whose length LEN is known (S[LEN] is its NUL): its new length. */
size_t mms_trim_len(char *s, size_t len);

/*
 * Parses a non-negative decimal number as Excel writes it: "2", "0,5",
 * "1.5", with no-break or thin spaces as thousands separators.  Does not
 * depend on the locale.  Returns 0, or -1 if S is not such a number.
 */
int mms_parse_number(const char *s, double *out);
/* Parses an integer (optional sign, digits only); -1 if not one. */
int mms_parse_int(const char *s, long *out);

/* Appends the UTF-8 form of N bytes of Windows-1251; -1 on byte 0x98 (OUT left as it was);
   MMS_ENOMEM. */
int mms_cp1251_to_utf8(const char *in, size_t n, mms_buf *out);

/* The grade (1..11) of a class key such as "5а" or "11", or -1 if KEY is no class label. */
int mms_class_grade(const char *key);

/*
 * A school year as people write it — "2026/2027", "2026-2027", "2026–27",
 * "2026/27 уч. г." — in its one stored form "2026/2027" (OUT has room for
 * 16 bytes).  Returns 0, or -1 if S is not a school year (the second year
 * must follow the first).
 */
int mms_school_year_parse(const char *s, char out[16]);
/* The school year, September to August, of the date DATE (YYYY-MM-DD...). */
void mms_school_year_of(const char *date, char out[16]);
#endif
