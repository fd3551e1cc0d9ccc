/*
 * From students' deficits to a teacher's needs: hypotheses attributed to
 * the teacher of a class, confirmed or rejected by lesson observation,
 * accepted or declined in an interview.  Hypotheses for development, never
 * ratings: nothing here ranks teachers or scores them.
 */
#ifndef MMS_TEACHERS_H
#define MMS_TEACHERS_H

#include <stdint.h>

#include "mms/deficits.h"
#include "mms/mms.h"

/*
 * Finds a teacher by NAME: the full name compared without regard to case,
 * ё/е and spaces; failing that "Иванова А.П." / "Иванова А. П." (surname and
 * initials) or the surname alone.  SCHOOL (a code, may be NULL) narrows it.
 * MMS_ENOTFOUND if none; MMS_EAMBIGUOUS if several, the message listing
 * them with their schools.
 */
int mms_teacher_find(mms_db *db, const char *name, const char *school, int64_t *id);

typedef struct mms_map_opts {
	const char *assessment; /* NULL: every classified assessment */
	const char *school;     /* NULL: every school */
} mms_map_opts;

typedef struct mms_map_stats {
	int assessments;
	long candidates; /* (teacher, skill) pairs below the threshold, the teacher's or the
	                    district's deficit (not a school's of several teachers) */
	long hypotheses; /* of those, clearly below the rest of the district */
	long added;      /* hypotheses new to the database */
	long updated;    /* hypotheses whose evidence was updated */
	long unassigned; /* class deficits of classes without a teacher that school year */
} mms_map_stats;

/*
 * Attributes the deficits of the latest classification run of each
 * assessment to teachers: a (teacher, skill) whose classes of the
 * assessment's school year, pooled, are below the threshold and clearly
 * below the rest of the district (the classification's one-sided test,
 * Benjamini–Hochberg over every teacher × skill pair of the assessment),
 * unless two or more teachers of the grade in the school are below (the
 * school's deficit).  Stores the hypotheses with their spread and whether the
 * skill was below before with the same teacher or with the same class.
 * Observations and interviews are never touched.
 */
int mms_teachers_map(mms_db *db, const mms_map_opts *o, mms_map_stats *stats);

enum mms_event_kind { MMS_OBSERVATION, MMS_INTERVIEW };
enum mms_event_outcome { MMS_CONFIRM, MMS_REJECT, MMS_ACCEPT, MMS_DECLINE };

typedef struct mms_event {
	int64_t teacher;
	const char *skill;   /* a skill code */
	const char *subject; /* NULL: any */
	enum mms_event_kind kind;
	enum mms_event_outcome outcome;
	int priority;      /* 1..5 for an accepted need (1 first), 0: default 3 */
	const char *who;   /* the observer, may be NULL */
	const char *date;  /* YYYY-MM-DD, may be NULL: today */
	const char *note;  /* may be NULL */
	int64_t *recorded; /* may be NULL: gets the id of the event recorded */
	int programme;     /* an observation of a programme's step (a need's lesson): the
	                      status machine's refusals after an interview do not apply */
} mms_event;

/*
 * Records an observation or an interview (append-only) on the teacher's
 * hypothesis on skill EV->skill of subject EV->subject (a name, compared
 * like other names; NULL: any).  A code of hypotheses in several of the
 * teacher's subjects needs the subject: MMS_EAMBIGUOUS, the message listing
 * them; MMS_ENOTFOUND for an unknown subject; MMS_EDATA if the teacher has
 * no hypothesis on the code (in that subject).  Checks the status machine:
 * hypothesis → confirmed | rejected (observation; a new observation may
 * correct an earlier one) → need | declined (interview of a confirmed
 * deficit; a new interview may correct an earlier one).  An interview before
 * a confirming observation, or an observation after an interview, is
 * refused with MMS_EDATA.  *STATUS (may be NULL) gets the new status:
 * "confirmed", "rejected", "need" or "declined".
 */
int mms_teacher_event_add(mms_db *db, const mms_event *ev, const char **status);

/*
 * The teacher's competency a skill calls for: the competency table's row
 * for the skill's kind whose stem occurs in the skill's kind text or
 * wording (the longest such stem), else the kind's general row.  AREA is
 * one of предметная, методическая, психолого-педагогическая,
 * коммуникативная; both are malloc'd (the caller frees them).
 */
int mms_skill_competency(mms_db *db, int64_t skill, char **area, char **name);

/*
 * Replaces the competency table by the table FILE (CSV, .xlsx or .xls;
 * SHEET names a workbook's sheet, NULL: the one with the header) with the
 * columns Вид умения;Уточнение;Область;Компетенция (Уточнение may be
 * empty), in one transaction.  *ROWS gets the number of rows imported.
 */
int mms_competencies_import(mms_db *db, const char *file, enum mms_encoding enc, const char *sheet,
                            int *rows);

/* A class behind a hypothesis. */
typedef struct mms_hyp_class {
	char *label;
	long n;
	double success;
	int class_specific; /* the class itself is clearly below the district */
} mms_hyp_class;

/* One (teacher, skill) with the evidence of its latest assessment. */
typedef struct mms_hyp {
	int64_t teacher_id, skill_id;
	char *teacher, *school, *school_name, *subject;
	char *skill, *skill_text, *skill_kind;
	char *competency, *competency_area;
	char *status;  /* hypothesis, confirmed, rejected, need, declined */
	int priority;  /* of a need, else 0 */
	int supported; /* 0: the latest analysis no longer shows it */
	char *assessment, *assessment_kind, *date;
	long n, rest_n;
	double success, rest_success, district_success, threshold, p_value, q_value;
	enum mms_spread spread;   /* MMS_SPREAD_TEACHER or MMS_SPREAD_DISTRICT */
	int sole_teacher;         /* the only teacher of the subject in the grade of the school */
	int same_teacher_earlier; /* below before with the same teacher and another class */
	int cohort_earlier;       /* below before with the same class and another teacher */
	int in_doubt; /* a sign of non-objective results on the school or a class (mms/analysis.h)
	               */
	int self_reported; /* the teacher named this difficulty too (самодиагностика) */
	mms_hyp_class *classes;
	size_t nclasses;
} mms_hyp;

typedef struct mms_hyp_list {
	mms_hyp *items;
	size_t n;
} mms_hyp_list;

typedef struct mms_hyp_filter {
	const char *assessment; /* NULL: any */
	const char *school;     /* NULL: any */
	int64_t teacher;        /* 0: any */
	int all;                /* include hypotheses no longer supported */
	int every_assessment;   /* one item per assessment, not per (teacher, skill) */
} mms_hyp_filter;

/* The hypotheses (supported ones, and any with observations or interviews). */
int mms_hyp_list_get(mms_db *db, const mms_hyp_filter *f, mms_hyp_list *out);
void mms_hyp_list_free(mms_hyp_list *l);

/* A deficit of a whole school (for its ШМО) or the district (for the РМО). */
typedef struct mms_collective {
	char *level;                /* "district" or "school" */
	char *school, *school_name; /* NULL for the district */
	char *assessment, *subject, *skill, *skill_text;
	long n;
	double success, threshold;
	int sole_teacher; /* a school's: one teacher teaches the grade, below */
} mms_collective;

typedef struct mms_collective_list {
	mms_collective *items;
	size_t n;
} mms_collective_list;

int mms_collective_get(mms_db *db, const char *assessment, const char *school,
                       mms_collective_list *out);
void mms_collective_list_free(mms_collective_list *l);

#endif
