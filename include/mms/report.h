/*
 * The district's picture for the methodological council (mms report): the
 * students' results by skill and school, the deficits by spread and kind,
 * the chain from students' deficits to teachers' programmes, the coverage
 * of teachers by programmes, the indicators of the quality of methodological
 * work that the data can answer, and the follow-up of programme items at a
 * later assessment (step 1.7).  Computed once into a struct that the
 * command prints in several formats.
 *
 * Nothing here ranks teachers or scores them.  Where a teacher appears at
 * all (the follow-up), items are in alphabetical order of the teacher's
 * name.  An anonymous report has no teacher and no student identifiers at
 * all, and every count of teachers under MMS_REPORT_MIN_GROUP is suppressed.
 */
#ifndef MMS_REPORT_H
#define MMS_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "mms/deficits.h"
#include "mms/mms.h"

/* Counts under this are suppressed in an anonymous report ("< 10"). */
#define MMS_REPORT_MIN_GROUP 10
/* A count or share suppressed in an anonymous report. */
#define MMS_REPORT_SUPPRESSED (-1L)

typedef struct mms_report_opts {
	const char *assessment; /* an assessment's ID; NULL: every classified one */
	const char *school;     /* a school's code; NULL: the district */
	int anonymous;          /* the publishable summary */
	const char *today;      /* YYYY-MM-DD; NULL: today */
} mms_report_opts;

/* An assessment in the report: the latest classification run of it. */
/* One year of an assessment's trend (the same kind, subject and grade). */
typedef struct mms_report_year {
	char *assessment, *date;
	double pass, quality; /* NaN: no marks */
} mms_report_year;

typedef struct mms_report_assessment {
	char *code, *kind, *subject, *date; /* date may be NULL */
	int grade;
	long participants; /* present, in the report's scope */
	/* the scope's marks (mms/analysis.h: «успеваемость», «качество», the journal) */
	long marked;
	double pass, quality, mean, higher_share; /* NaN: no marks */
	size_t nyears;
	mms_report_year *years; /* oldest first, this one last */
} mms_report_assessment;

/* A sign of non-objective results (mms/analysis.h) on a school or a class. */
/* A question of the schools' survey of the service (mms import-survey --kind satisfaction). */
typedef struct mms_report_question {
	char *question;
	long answers;
	double mean; /* of 1 … 5 */
} mms_report_question;

typedef struct mms_report_sign {
	char *assessment, *school, *school_name, *class_label; /* class_label NULL: the school */
	char *sign;                                            /* boundary, raised, history */
} mms_report_sign;

typedef struct mms_report_school {
	char *code, *name;
} mms_report_school;

/* A group's result on a skill; n == 0: no result. */

typedef struct mms_report_cell {
	long n;                   /* participants present */
	double success;           /* points / possible; NaN when suppressed */
	int deficit;              /* 1: below the threshold */
	enum mms_verdict verdict; /* against its skill's own thresholds (classify-deficits') */
	int suppressed;           /* anonymous and n < MMS_REPORT_MIN_GROUP */
} mms_report_cell;

/* One row of the heat map: a skill of an assessment. */
typedef struct mms_report_skill {
	size_t assessment;        /* index into mms_report.assessments */
	char *code, *text, *kind; /* kind: subject, meta, literacy */
	double threshold;
	mms_report_cell district;
	mms_report_cell *schools; /* one per mms_report.schools */
} mms_report_skill;

enum { MMS_KIND_SUBJECT, MMS_KIND_META, MMS_KIND_LITERACY, MMS_NKIND };
/* The stages of the chain (the funnel). */
enum {
	MMS_STAGE_DEFICITS,   /* students' deficits: class × skill deficits */
	MMS_STAGE_HYPOTHESES, /* teacher × skill hypotheses */
	MMS_STAGE_CONFIRMED,  /* confirmed by a lesson observation */
	MMS_STAGE_NEEDS,      /* accepted in an interview */
	MMS_STAGE_ITEMS,      /* in a programme (not dropped) */
	MMS_STAGE_ORDERED,    /* a course item in a line of a sent order */
	MMS_STAGE_DONE,       /* the item is done */
	MMS_NSTAGE
};

/* Teachers with confirmed deficits in a competency, by school. */
typedef struct mms_report_competency {
	char *area, *name;
	long confirmed; /* teachers, district (or --school); may be suppressed */
	long needs;     /* of them, accepted as a need; may be suppressed */
	long *schools;  /* confirmed, one per mms_report.schools; may be suppressed */
} mms_report_competency;

/* What an indicator says: met, not met, or nothing the district has recorded. */
enum { MMS_INDICATOR_NO = 0, MMS_INDICATOR_YES = 1, MMS_INDICATOR_NO_DATA = -1 };

/*
 * An indicator of the Пировский район model's "Показатели качества
 * методической работы", numbered 1–11 as its list is, or one of the two
 * shares (number 0): teachers with a programme, young teachers supported.
 */
typedef struct mms_report_indicator {
	int number;            /* its number in the model's list; 0 for a share */
	const char *key;       /* management_decisions, teacher_statuses, needs_monitored,
	                          order_justified, summary_published, events_planned, creative_groups,
	                          raop_practices, raop_support, school_quality_monitoring,
	                          schools_satisfaction; the shares: teachers_with_programme,
	                          young_supported */
	const char *seed_text; /* the indicator as the model words it (Russian) */
	char *title;           /* the indicator's words */
	int met;               /* MMS_INDICATOR_…; a share is never met: see target */
	long value;            /* the count it rests on; may be suppressed */
	long of;               /* out of (0: not a share); may be suppressed */
	double target;         /* a share's target set by the district, %; 0: none */
	char *basis;           /* what it is computed from, in words */
} mms_report_indicator;

enum mms_followup_verdict {
	MMS_FOLLOWUP_IMPROVED,
	MMS_FOLLOWUP_NO_CHANGE,
	MMS_FOLLOWUP_WORSE,
	MMS_FOLLOWUP_TOO_LITTLE,
	MMS_NFOLLOWUP
};

/* The skill's success in some classes (pooled) and the district at an assessment. */
typedef struct mms_report_side {
	char *assessment; /* its ID */
	char *classes;    /* "5А, 5Б" */
	long n;
	double success;
	long district_n;
	double district_success;
} mms_report_side;

/* A programme item at a later assessment. */
typedef struct mms_report_followup {
	char *teacher, *school, *skill, *skill_text, *form, *status;
	char *done; /* the day the item was done (YYYY-MM-DD), NULL if not recorded */
	mms_report_side before, after;
	double did, ci_low, ci_high; /* (after − before) − (district after − district before) */
	enum mms_followup_verdict verdict;
	int chosen_low; /* the item was chosen because the class was low: regression to the mean */
} mms_report_followup;

typedef struct mms_report {
	int anonymous;
	char *school;      /* the --school's code, NULL: the district */
	char *school_name; /* its name */
	char *year;        /* the school year of the programmes counted, NULL if none */
	char *today;       /* YYYY-MM-DD */

	size_t nassessments;
	mms_report_assessment *assessments;
	size_t nschools;
	mms_report_school *schools; /* the columns of the heat map, by code */
	size_t nskills;
	mms_report_skill *skills; /* by assessment, then skill code */

	long deficits[MMS_NSPREAD][MMS_NKIND]; /* where deficits are, by skill kind */
	long recurrent;                        /* of them, found at an earlier assessment */
	long students_below; /* (student, skill) pairs below half; not suppressed */

	long funnel[MMS_NSTAGE]; /* may be suppressed, from HYPOTHESES on */

	long teachers, with_programme;    /* may be suppressed */
	long young, young_with_programme; /* may be suppressed */

	size_t ncompetencies;
	mms_report_competency *competencies; /* by area, then name */

	size_t nindicators;
	mms_report_indicator *indicators;

	/* anonymous: no rows (nfollowups 0), only the counts */
	size_t nquestions;
	mms_report_question *questions; /* the satisfaction survey, by question */
	size_t nsigns;
	mms_report_sign *signs; /* of the report's assessments and scope, by school, class */
	size_t nfollowups;
	mms_report_followup *followups;      /* by teacher's name, then skill */
	long followup_counts[MMS_NFOLLOWUP]; /* may be suppressed */
	long followup_pending;     /* done items whose skill no later assessment has checked yet */
	long followup_in_progress; /* items in progress: not measured until they are done */
	long followup_chosen_low;  /* items chosen because the class was low */
} mms_report;

/*
 * Computes the report for O (may be NULL: the district, every assessment).
 * MMS_ENOTFOUND for an unknown assessment or school, or an assessment
 * that has not been classified.  *OUT is freed with mms_report_free().
 */
int mms_report_compute(mms_db *db, const mms_report_opts *o, mms_report **out);
void mms_report_free(mms_report *r);

/*
 * Records that a report was made (FORMAT text, json, html or xlsx; OUTPUT
 * the file, NULL for standard output): an anonymous one is the published
 * summary the indicator "summary published" counts.
 */
/*
 * The targets the district sets for the report's shares (KEY
 * teachers_with_programme or young_supported), in per cent: *PERCENT 0 when
 * none is set.  mms_report_target_set() with PERCENT 0 removes the target.
 */
int mms_report_target_get(mms_db *db, const char *key, double *percent);
int mms_report_target_set(mms_db *db, const char *key, double percent);

int mms_report_record(mms_db *db, const mms_report_opts *o, const char *format, const char *output);

/*
 * The difference of differences (after − before) − (district after −
 * district before) of four success rates with their n, and its 95 %
 * interval (normal approximation, the variance the sum of the four
 * binomial variances p(1 − p)/n).  Returns the verdict: too little data
 * when the classes have fewer than MMS_REPORT_MIN_GROUP participants on
 * either side; improved or worse when the interval lies above or below 0;
 * else no clear change.
 */
enum mms_followup_verdict mms_report_did(long n_before, double before, long n_after, double after,
                                         long dn_before, double d_before, long dn_after,
                                         double d_after, double *did, double *lo, double *hi);

/* "improved", "no clear change", "worse", "too little data" (English, untranslated). */
const char *mms_followup_verdict_name(enum mms_followup_verdict v);
/* "improved", "no-change", "worse", "too-little-data": for scripts. */
const char *mms_followup_verdict_key(enum mms_followup_verdict v);

/* V, or MMS_REPORT_SUPPRESSED when ANONYMOUS and V is under MMS_REPORT_MIN_GROUP (V > 0). */
long mms_report_suppress(int anonymous, long v);

#endif
