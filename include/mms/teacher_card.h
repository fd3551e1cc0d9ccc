/* What the roster and the records say about one teacher (mms teacher). */
#ifndef MMS_TEACHER_CARD_H
#define MMS_TEACHER_CARD_H

#include <stddef.h>
#include <stdint.h>

#include "mms/mms.h"

/* A subject the teacher teaches in a school year (the latest year first). */
typedef struct mms_teacher_teaching {
	char *year; /* "2026/2027" */
	char *subject;
	char *classes; /* "5А, 5Б" */
} mms_teacher_teaching;

typedef struct mms_teacher_event {
	char *date, *kind, *skill;
	char *result; /* the status it led to: confirmed, rejected, need, declined */
	int priority;
	char *who, *note; /* may be NULL */
} mms_teacher_event;

typedef struct mms_teacher_item {
	char *skill, *form, *resource;
	char *status; /* a code: planned, in-progress, done, dropped */
	char *year;   /* the programme's school year */
} mms_teacher_item;

/* An answer of the teacher's self-diagnosis (mms import-survey). */
typedef struct mms_teacher_self {
	char *skill, *subject, *date;
	int level; /* 1 … 5, 0 if not given */
	int difficulty; /* the teacher states a difficulty: a hypothesis of source самодиагностика
	                 */
	char *status; /* its status in the chain (hypothesis, confirmed, need…), NULL: none */
} mms_teacher_self;

typedef struct mms_teacher_card {
	char *name, *school, *school_name;
	int birth_year; /* 0 if unknown */
	int experience; /* -1 if unknown */
	int young;      /* under 35, or in the first three years of teaching */
	mms_teacher_teaching *teaching;
	size_t nteaching;
	mms_teacher_event *events;
	size_t nevents;
	mms_teacher_item *items; /* the individual programme, when there is one */
	size_t nitems;
	mms_teacher_self *self; /* the self-diagnosis, latest first */
	size_t nself;
} mms_teacher_card;

/* The young-teacher rule of the Tomsk model: under 35 or in the first three years. */
int mms_teacher_is_young(int birth_year, int experience, int year_now);

int mms_teacher_card_get(mms_db *db, int64_t teacher, mms_teacher_card *out);
void mms_teacher_card_free(mms_teacher_card *c);

#endif
