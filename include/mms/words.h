/*
 * The words for statuses and kinds, in one place: the code stored in the
 * database and written to JSON, the word people read (in their language),
 * and the words a command accepts for it (the code, the English word, the
 * Russian one, whatever the locale).
 */
#ifndef MMS_WORDS_H
#define MMS_WORDS_H

#include "mms/mms.h"

enum mms_words {
	MMS_WORDS_STATUS,      /* a programme item's: planned, in-progress, done, dropped */
	MMS_WORDS_FORM,        /* a programme item's: school, network, course */
	MMS_WORDS_KIND,        /* a resource's: mentor, seminar, rmo, internship, course */
	MMS_WORDS_HYPOTHESIS,  /* a teacher's skill: hypothesis, confirmed, rejected, need, declined
	                        */
	MMS_WORDS_SKILL,       /* a skill's kind: subject, meta, literacy */
	MMS_WORDS_VERDICT,     /* a result's: deficit, uncertain, sufficient, insufficient_data */
	MMS_WORDS_SPREAD,      /* a deficit's: district, school, teacher, class, individual */
	MMS_WORDS_PERSISTENCE, /* a deficit's: new, recurrent */
	MMS_WORDS_SIGN,        /* of non-objective results: boundary, raised, history */
	MMS_WORDS_EVENT        /* a methodological event's kind: seminar, rmo, shmo, council… */
};

/* The word for CODE of GROUP in the user's language; CODE itself if unknown. */
const char *mms_word(enum mms_words group, const char *code);

/*
 * The code of GROUP that INPUT names (any of its words, letter case and
 * ё/е aside), or NULL.
 */
const char *mms_word_code(enum mms_words group, const char *input);

/* The codes of GROUP, ", "-separated, for a message listing what is accepted. */
const char *mms_word_codes(enum mms_words group);

#endif
