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
	int64_t item; /* the programme's item it serves (mms iop steps lists them), 0: none */
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
	long item; /* the programme's item it serves, 0: none */
} mms_event_row;

/* Calls FN for each event of KIND (NULL: any) and SCHOOL (NULL: any), by date. */
int mms_event_list(mms_db *db, const char *kind, const char *school,
                   int (*fn)(void *ctx, const mms_event_row *e), void *ctx);

/* A self-assessed level this low or lower states a difficulty (1–5 scale). */
#define MMS_SELF_DIFFICULT_LEVEL 2

typedef struct mms_survey_opts {
	int satisfaction; /* 0: teachers' self-diagnosis; 1: the schools' satisfaction survey */
	enum mms_encoding encoding;
	const char *sheet;
} mms_survey_opts;

typedef struct mms_survey_stats {
	long rows;         /* answers imported */
	long difficulties; /* of those, stating a difficulty */
	/* across every self-diagnosis kept: */
	long agree;        /* a difficulty named where the results put a hypothesis too */
	long only_self;    /* named, with no hypothesis from the results */
	long only_results; /* a hypothesis from the results the teacher did not name */
} mms_survey_stats;

/*
 * Imports a survey FILE in one transaction.  Self-diagnosis: one row per
 * teacher × skill (ФИО, Код ОО, Предмет, Код умения, Уровень 1–5 and/or
 * Испытываю затруднения да/нет, Дата); an answer stating a difficulty
 * («да», or a level of MMS_SELF_DIFFICULT_LEVEL or less) is a hypothesis of
 * source самодиагностика in the status machine.  Satisfaction: Код ОО,
 * Вопрос, Оценка 1–5, Дата.  MMS_EDATA with diagnostics naming file and cell
 * for rows that cannot be read (nothing is kept then).
 */
int mms_survey_import(mms_db *db, const mms_survey_opts *o, const char *file, mms_survey_stats *st);

#endif
