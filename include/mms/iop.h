/*
 * Teachers' individual programmes (ИОП) and the targeted order to the
 * institute: the resource bank (mentors found in the results, registered
 * events, the institute's catalogue), the matching of accepted needs to the
 * nearest resource, and the order lines with their justification.
 * Nothing here ranks teachers or scores them: a mentor is a resource for a
 * skill, a need is what a teacher accepted in an interview.
 */
#ifndef MMS_IOP_H
#define MMS_IOP_H

#include <stddef.h>
#include <stdint.h>

#include "mms/mms.h"

/* Mentees a mentor takes in a school year unless told otherwise. */
#define MMS_MENTOR_CAPACITY 3
/* The false discovery rate at which a teacher's classes are "clearly above". */
#define MMS_MENTOR_FDR MMS_FDR

typedef struct mms_mentor_stats {
	int assessments; /* assessments with a classification run */
	long tested;     /* (teacher, skill) pairs compared with the rest */
	long found;      /* of those, clearly above the rest and sufficient */
	long added;      /* (mentor, skill) pairs new to the bank */
	long lapsed;     /* pairs the latest results no longer support */
} mms_mentor_stats;

/*
 * Finds the mentors in the data: for every assessment's latest
 * classification run and every (teacher, skill), the teacher's classes of
 * the assessment's subject pooled (points / possible, n summed) against the
 * rest of the district (the district row minus them), with the one-sided
 * two-proportion test that the rest is below the teacher
 * (p = mms_ztest_below(rest, teacher)), Benjamini–Hochberg over the pairs
 * of the assessment with n ≥ min_n.  A pair with q ≤ 0.05 whose pooled
 * success is at least the sufficient threshold makes the teacher a mentor
 * for the skill (one resource per teacher, origin "data"), stored with its
 * evidence.  A skill or mentor a methodologist withdrew stays withdrawn; a
 * skill no longer supported becomes "lapsed".  In one transaction unless
 * one is open.
 */
int mms_mentors_find(mms_db *db, mms_mentor_stats *stats);

typedef struct mms_resource_new {
	const char *kind;              /* mentor, seminar, rmo, internship, course */
	const char *title;             /* required */
	const char *skills;            /* skill codes, comma-separated: "1.2,1.3" */
	const char *subject;           /* narrows the codes to a subject (may be NULL) */
	int64_t teacher;               /* required for a mentor, else 0 */
	const char *provider, *period; /* may be NULL */
	int hours;                     /* 0: not given */
	int capacity;                  /* 0: default (3 for a mentor, else no limit) */
} mms_resource_new;

/*
 * Registers a resource.  A skill code known in several subjects needs
 * SUBJECT (or, for a mentor, is taken in the subjects the teacher teaches);
 * MMS_EAMBIGUOUS otherwise, MMS_ENOTFOUND for an unknown code, MMS_EUSAGE
 * for a bad kind or a mentor without a teacher.
 */
int mms_resource_add(mms_db *db, const mms_resource_new *r, int64_t *id);

/*
 * Withdraws resource ID, or only its skill SKILL (a code; may be NULL), from
 * the bank: it is offered no more; programmes that use it keep their items.
 */
int mms_resource_withdraw(mms_db *db, int64_t id, const char *skill);

/* One resource of the bank; strings borrowed until mms_resources_free(). */
typedef struct mms_resource {
	int64_t id;
	const char *kind, *origin, *title;
	const char *teacher, *school;           /* a mentor's; NULL otherwise */
	const char *skills;                     /* "1.2, 1.3" (active skills) */
	const char *provider, *period, *format; /* may be NULL */
	int hours;                              /* 0: unknown */
	int capacity;                           /* 0: no limit */
	long used;                              /* items of this year's programmes */
	int withdrawn;
	const char *evidence; /* a data mentor's: "1.2: 86 % vs 61 %, n=48, q=0.002; …" */
} mms_resource;

typedef struct mms_resources {
	size_t n;
	mms_resource *r;
	char *year; /* the school year "used" counts */
} mms_resources;

/* The bank, or its resources of KIND (may be NULL); TODAY YYYY-MM-DD or NULL. */
int mms_resources_list(mms_db *db, const char *kind, const char *today, mms_resources **out);
void mms_resources_free(mms_resources *r);

typedef struct mms_catalogue_stats {
	long rows, added, updated;
} mms_catalogue_stats;

/*
 * Imports the institute's catalogue, the columns
 * Программа;Часов;Умения;Провайдер;Формат (optional: Предмет), each row a
 * course (kind "course", origin "catalogue") keyed by its programme's name:
 * importing again updates hours, provider, format and skills.  A row's skill
 * codes are looked up in its Предмет, else in SUBJECT (a name, may be NULL:
 * MMS_ENOTFOUND if no such subject), else anywhere, where a code of several
 * subjects is an error of the row.  FILE is CSV, .xlsx or .xls (SHEET names
 * a workbook's sheet, NULL: the one with the header).  One transaction;
 * every problem at its place (FILE:LINE, FILE:SHEET!CELL), MMS_EDATA and
 * nothing stored.
 */
int mms_resources_import(mms_db *db, const char *file, enum mms_encoding enc, const char *sheet,
                         const char *subject, mms_catalogue_stats *stats);

/* The school year a day falls in for planning: from April on, the coming one. */
void mms_school_year(const char *today, char year[16]);

/* The 12 steps of replicating successful experience (the Пировский район model), NULL-terminated.
 */
const char *const *mms_iop_steps(void);

#define MMS_IOP_NSTEPS 12
/* The default schedule of the steps: from 1 October, a step every 21 days (to 20 May). */
#define MMS_STEPS_START "10-01"
#define MMS_STEPS_EVERY 21

/* The district's schedule: the first day MM-DD of the school year and the days between steps
   (1 to 60, else MMS_EUSAGE); the items planned later follow it. */
int mms_iop_schedule_set(mms_db *db, const char *start, int every);
/* The schedule in force (the default when none is set). */
int mms_iop_schedule_get(mms_db *db, char start[6], int *every);

/* 1 for the steps that are a lesson observed with the observation map (3, 7, 11). */
int mms_iop_step_observed(int step);

typedef struct mms_iop_step {
	int step;         /* 1 … 12 */
	const char *text; /* its words (seed 004), static */
	int observed;     /* 3, 7, 11: a lesson observed with the observation map */
	char *planned;    /* YYYY-MM-DD */
	char *done;       /* YYYY-MM-DD, NULL: not yet */
	char *note;
	int64_t event; /* the observation recorded with it, 0: none */
} mms_iop_step;

typedef struct mms_iop_step_list {
	int64_t item;
	char *teacher, *skill, *mentor, *status;
	int ndone;
	mms_iop_step steps[MMS_IOP_NSTEPS];
} mms_iop_step_list;

/*
 * The 12 steps of mentor item ITEM, planned over its programme's school
 * year (1 October to 20 May) when first asked for.  MMS_ENOTFOUND for an
 * unknown item or one that is not work with a mentor.
 */
int mms_iop_steps_get(mms_db *db, int64_t item, mms_iop_step_list *out);
void mms_iop_steps_free(mms_iop_step_list *s);
/* Plans ITEM's steps if it has none (build-iop, mms_iop_steps_get()). */
int mms_iop_steps_plan(mms_db *db, int64_t item);

typedef struct mms_iop_step_opts {
	int64_t item;
	int step;
	const char *date; /* YYYY-MM-DD, NULL: today */
	const char *note;
	int64_t event; /* the observation of step 3, 7 or 11 */
	int force;     /* a step before the earlier ones, or an observed step without one */
} mms_iop_step_opts;

/*
 * Records step O->step of O->item done, in one transaction.  MMS_EUSAGE for
 * a step out of 1…12, a step before an earlier one not done, or step 3, 7
 * or 11 without its observation (unless O->force); MMS_EDATA for an item
 * done or dropped.  The first step done makes a planned item in progress;
 * the last one done makes it done.  *STATUS (may be NULL) gets the item's
 * new status when it changed, else NULL.
 */
int mms_iop_step_done(mms_db *db, const mms_iop_step_opts *o, const char **status);

typedef struct mms_iop_mentor_item {
	int64_t item;
	const char *teacher, *school, *skill, *mentor, *status, *year;
	int done; /* steps done */
} mms_iop_mentor_item;

/* Calls FN for each item of work with a mentor (the latest year first); FN's nonzero stops. */
int mms_iop_mentor_items(mms_db *db, int (*fn)(void *ctx, const mms_iop_mentor_item *it),
                         void *ctx);

typedef struct mms_iop_opts {
	int64_t teacher;   /* 0: every teacher with accepted needs */
	int dry_run;       /* compute and show, store nothing */
	const char *today; /* YYYY-MM-DD; NULL: today */
} mms_iop_opts;

typedef struct mms_iop_item {
	int64_t id;
	const char *skill, *skill_text;
	const char *competency_area, *competency;
	const char *form;   /* school, network, course */
	const char *kind;   /* the resource's kind, NULL for a course to be ordered */
	const char *mentor; /* a mentor's name, else NULL */
	const char *mentor_school;
	const char *resource; /* what meets the need, in words */
	const char *period;
	const char *expected; /* the measurable result */
	const char *status;   /* planned, in-progress, done, dropped */
	int priority;
	double threshold;
	int is_new; /* added by this run */
	/* a course done: its post-course support, the resource's title ("" none
	   found yet); NULL: no support (not a course done) */
	const char *support;
	/* the latest event of the plan that serves it (mms event --item): "title (date)", NULL */
	const char *event;
} mms_iop_item;

typedef struct mms_iop {
	const char *teacher, *school, *school_code, *year;
	size_t n;
	mms_iop_item *items;
} mms_iop;

/* An item a re-run of build-iop moved to a nearer resource, or planned again. */
typedef struct mms_iop_change {
	const char *teacher, *skill;
	const char *from, *to; /* forms: school, network, course */
	const char *resource;  /* the new resource's title, "" for a course to order */
	int revived;           /* it had been dropped: a new interview accepted the need */
} mms_iop_change;

typedef struct mms_iop_set {
	size_t n;
	mms_iop *p;
	long added, kept, needs;
	long replanned, revived; /* items moved to a nearer resource, dropped ones planned again */
	mms_iop_change *changes;
	size_t nchanges;
	mms_mentor_stats mentors;
	int dry_run; /* computed and shown, not stored */
} mms_iop_set;

/*
 * Builds or extends this school year's programmes (see mms_school_year()):
 * refreshes the mentors, then takes every accepted need (teacher_skill_status
 * 'need') by priority, then by how far the students are below the threshold,
 * and gives each need without an item the nearest resource with room left
 * this year: a mentor of the teacher's school (never the teacher), else the
 * network (a mentor elsewhere, an РМО, a seminar, an internship), else a
 * catalogue course, else a course to be ordered on the skill's competency.
 * Existing items and their statuses are kept.  *OUT gets the programmes
 * (of O->teacher or all) with the new items marked; with O->dry_run the
 * database is left as it was.
 */
int mms_iop_build(mms_db *db, const mms_iop_opts *o, mms_iop_set **out);
void mms_iop_set_free(mms_iop_set *s);

/*
 * Sets the status of TEACHER's item on skill SKILL (a code) of SUBJECT (a
 * subject's name, compared like other names; NULL: any) in the latest
 * programme that has it, appending a history row.  Allowed: planned →
 * in-progress | done | dropped; in-progress → done | dropped | planned;
 * dropped → planned; done is final.  MMS_EDATA for any other change (the
 * same status included), MMS_ENOTFOUND if there is no such item or no such
 * subject, MMS_EAMBIGUOUS (the message listing the subjects) if SUBJECT is
 * NULL and the teacher's programmes have items on the code in several
 * subjects, MMS_EUSAGE for an unknown status.  *OLD (may be NULL) gets the
 * previous status (static).
 */
int mms_iop_set_status(mms_db *db, int64_t teacher, const char *skill, const char *subject,
                       const char *status, const char *note, const char *today, const char **old);

typedef struct mms_order_teacher {
	const char *teacher, *school, *skill;
} mms_order_teacher;

typedef struct mms_order_line {
	const char *programme, *competency, *skills;
	int hours;            /* 0: unknown */
	const char *provider; /* NULL: unknown */
	size_t nteachers;
	mms_order_teacher *teachers;
	long count;                /* teachers */
	const char *justification; /* in words of the reader's language */
	const char *facts;         /* what is stored: the evidence, a fact a line */
} mms_order_line;

typedef struct mms_order {
	int64_t id;        /* 0 for the draft */
	const char *state; /* draft, sent */
	const char *date;  /* the day it was sent, NULL for the draft */
	long sent_before;  /* orders sent earlier */
	size_t n;
	mms_order_line *lines;
} mms_order;

/*
 * The draft order: every course item of the programmes (not dropped) that
 * no sent order holds, grouped into lines by catalogue course, or by
 * competency and subject for courses to be ordered; each line justified by the
 * evidence of its items ("Иванова Анна Петровна: 5А, n=24: 31 % vs
 * district 68 %, ВПР vpr-2026-math-5, skill 1.2 — confirmed by observation
 * 12.05.2026").  With SEND the draft is frozen as a sent order dated TODAY
 * (NULL: today); a sent order never changes.
 */
int mms_order_build(mms_db *db, int send, const char *today, mms_order **out);
/* A sent order as it was sent (MMS_ENOTFOUND if there is none with ID). */
int mms_order_load(mms_db *db, int64_t id, mms_order **out);
void mms_order_free(mms_order *o);

/* The sent orders, oldest first: FN's non-zero return stops and is returned. */
typedef struct mms_order_entry {
	int64_t id;
	const char *date; /* sent */
	int lines;
	int teachers;
} mms_order_entry;
int mms_order_list(mms_db *db, int (*fn)(void *ctx, const mms_order_entry *e), void *ctx);

#endif
