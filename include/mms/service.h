/*
 * The methodological service's own work: its plan of events (seminars, РМО
 * and ШМО meetings, the council's meetings, publications, management
 * decisions, practices submitted to РАОП, statuses awarded…), planned for a
 * day and then done, with the teachers who took part and the skill served.
 * What the model's indicators count (mms report).
 */
#ifndef MMS_SERVICE_H
#define MMS_SERVICE_H

#include <stdint.h>

#include "mms/mms.h"

#define MMS_EVENT_MAX_TEACHERS 64

typedef struct mms_event_new {
	const char *kind;  /* a code of MMS_WORDS_EVENT (mms/words.h) */
	const char *title; /* what it is: a seminar's theme, a decision's number */
	const char *date;  /* YYYY-MM-DD or ДД.ММ.ГГГГ: planned for, or held on with done */
	int done;          /* held already (on date) */
	const char *school;          /* any of its codes: a school's event; NULL: the district's */
	const char *address;         /* a publication's address */
	const char *skill, *subject; /* the skill it serves, may be NULL */
	const char *teachers[MMS_EVENT_MAX_TEACHERS]; /* who took part (names) */
	int nteachers;
	const char *note;
} mms_event_new;

/*
 * Adds an event in one transaction; *ID gets its number.  MMS_EUSAGE for an
 * unknown kind, a bad date, a publication without its address, text with
 * control characters; MMS_ENOTFOUND for an unknown school, teacher, subject
 * or skill; MMS_EAMBIGUOUS for a teacher's name several teachers have.
 */
int mms_event_add(mms_db *db, const mms_event_new *e, int64_t *id);
/* Marks event ID done on DATE (NULL: today).  MMS_ENOTFOUND, MMS_EDATA if done already. */
int mms_event_done(mms_db *db, int64_t id, const char *date);

typedef struct mms_event_row {
	int64_t id;
	const char *kind, *title, *date, *done, *level, *school, *school_name, *address, *skill,
	    *note;
	const char *teachers; /* "; "-separated */
	long nteachers;
} mms_event_row;

/* Calls FN for each event of KIND (NULL: any) and SCHOOL (NULL: any), by date. */
int mms_event_list(mms_db *db, const char *kind, const char *school,
                   int (*fn)(void *ctx, const mms_event_row *e), void *ctx);

#endif
