/*
 * Students' deficits: success rates per skill and group (class, school,
 * district), their verdict against versioned thresholds, and their type
 * (spread, persistence).  What `mms classify-deficits` runs.
 */
#ifndef MMS_DEFICITS_H
#define MMS_DEFICITS_H

#include "mms/mms.h"

/*
 * A version of the thresholds.  Success rates are fractions (0.57, not 57).
 * "basic" is for skills checked mainly by tasks of level Б, "higher" for
 * levels П and В: a rate ≥ sufficient is sufficient, < insufficient is a
 * deficit, between them is the uncertainty zone.  Groups with fewer than
 * min_n participants get no verdict.
 */
typedef struct mms_thresholds {
	int version;      /* set by mms_thresholds_get/add */
	char created[24]; /* YYYY-MM-DDTHH:MM:SSZ */
	char note[128];
	double basic_sufficient, basic_insufficient;
	double higher_sufficient, higher_insufficient;
	int min_n;
} mms_thresholds;

/* Reads version VERSION (0: the latest).  MMS_ENOTFOUND if there is none. */
int mms_thresholds_get(mms_db *db, int version, mms_thresholds *out);
/*
 * Adds T as a new version (T->version and T->created are ignored) and sets
 * *VERSION to its number.  MMS_EUSAGE if the values are not 0 < insufficient
 * ≤ sufficient ≤ 1 and min_n ≥ 1.  Earlier versions are never changed.
 */
int mms_thresholds_add(mms_db *db, const mms_thresholds *t, int *version);

typedef struct mms_classify_stats {
	int assessments;     /* assessments classified (one run each) */
	int thresholds;      /* the thresholds version used */
	long participants;   /* participants present */
	long scores;         /* task results read */
	long rows;           /* level × group × skill rows stored */
	long deficits;       /* of those, deficits */
	long students_below; /* (student, skill) pairs below 50 % stored */
	long signs;          /* classes and schools with a sign of non-objective results */
	int committed;       /* runs committed as they were stored (none in a caller's
	                        transaction): they stay if a later assessment fails */
} mms_classify_stats;

/*
 * Classifies the results of assessment ASSESSMENT (its ID), or of every
 * assessment with results when NULL, with the latest thresholds: each
 * assessment gets a new run; earlier runs are kept as they are.  Assessments
 * are taken in order of date, so that persistence sees the runs of earlier
 * ones.  In a transaction of the caller's, the whole classification is a
 * savepoint of it.  Otherwise each run is read and judged in a read
 * transaction, which takes no lock, and stored in a write transaction of its
 * own, so that the write lock is held only while a run is stored; if another
 * command changed the database meanwhile (but for an import that found every
 * row as it was), the run is found again under the lock.  MMS_ENOTFOUND if
 * ASSESSMENT does not exist or has no participants present.
 */
int mms_deficits_classify(mms_db *db, const char *assessment, mms_classify_stats *stats);

/*
 * What must be committed with a classification's first run or not at all,
 * such as the command's history: called once, in the transaction that stores
 * that run, with the ARG given; an error fails the run.
 */
typedef int (*mms_classify_hook)(mms_db *db, void *arg);

/* mms_deficits_classify(), FIRST (unless NULL) called with the first run. */
int mms_deficits_classify_with(mms_db *db, const char *assessment, mms_classify_stats *stats,
                               mms_classify_hook first, void *arg);

enum mms_deficit_level { MMS_LEVEL_ALL = 0, MMS_LEVEL_CLASS, MMS_LEVEL_SCHOOL, MMS_LEVEL_DISTRICT };

/* A group's verdict on a skill against its level's thresholds. */
enum mms_verdict {
	MMS_VERDICT_NO_DATA,    /* too few participants to judge */
	MMS_VERDICT_SUFFICIENT, /* at or above the sufficient rate */
	MMS_VERDICT_UNCERTAIN,  /* between the deficit threshold and the sufficient rate */
	MMS_VERDICT_DEFICIT,    /* below the threshold */
	MMS_NVERDICT
};

/* Whose a deficit is: where the shortfall lies. */
enum mms_spread {
	MMS_SPREAD_NONE = -1, /* not a deficit */
	MMS_SPREAD_DISTRICT,
	MMS_SPREAD_SCHOOL,
	MMS_SPREAD_TEACHER,
	MMS_SPREAD_CLASS,
	MMS_SPREAD_INDIVIDUAL,
	MMS_NSPREAD
};

/* Whether a deficit was there before (the same group, an earlier assessment). */
enum mms_persistence { MMS_PERSISTENCE_NONE, MMS_PERSISTENCE_NEW, MMS_PERSISTENCE_RECURRENT };

/*
 * The codes the database stores and JSON writes ("class", "deficit",
 * "insufficient_data", "teacher", "recurrent"…), NULL for ALL / NONE; and
 * back (an unknown or NULL code gives ALL / NO_DATA / NONE).
 */
const char *mms_level_key(enum mms_deficit_level l);
const char *mms_verdict_key(enum mms_verdict v);
const char *mms_spread_key(enum mms_spread s);
const char *mms_persistence_key(enum mms_persistence p);
enum mms_deficit_level mms_level_of(const char *key);
enum mms_verdict mms_verdict_of(const char *key);
enum mms_spread mms_spread_of(const char *key);
enum mms_persistence mms_persistence_of(const char *key);

/* One stored result; its strings are borrowed until the next row. */
typedef struct mms_deficit_row {
	int run;
	int thresholds; /* the version the run used */
	enum mms_deficit_level level;
	const char *assessment;
	const char *assessment_kind;
	const char *date; /* may be NULL */
	int grade;
	const char *subject;
	const char *skill; /* its code, e.g. "1.2" */
	const char *skill_text;
	const char *skill_kind;  /* "subject", "meta", "literacy" */
	const char *school;      /* code; NULL at district level */
	const char *school_name; /* NULL at district level */
	const char *class_label; /* NULL above class level */
	long n;
	double points, possible;
	double success, ci_low, ci_high;
	const char *task_level; /* "Б", "П", "В": the level whose threshold applies */
	double threshold;       /* that level's insufficient rate: below it, a deficit */
	double sufficient;      /* that level's sufficient rate; between: uncertain */
	enum mms_verdict verdict;
	int deficit;
	enum mms_spread spread; /* NONE for no deficit */
	enum mms_persistence persistence;
	double p_value, q_value; /* class level, class vs the rest; NaN when not tested */
	long below_half;         /* students of the group below 50 % on the skill */
	int in_doubt;            /* a sign of non-objective results on the group (mms/analysis.h) */
} mms_deficit_row;

typedef struct mms_deficit_query {
	const char *assessment; /* NULL: every assessment */
	enum mms_deficit_level level;
	int only_deficits;
} mms_deficit_query;

typedef struct mms_deficit_iter mms_deficit_iter;

/*
 * Iterates over the results of the latest run of each assessment that Q
 * selects, by assessment (date, ID), level (district, school, class), then
 * worst first: deficits, the uncertainty zone, sufficient, no verdict, each
 * by the margin success − threshold ascending.
 */
int mms_deficits_query(mms_db *db, const mms_deficit_query *q, mms_deficit_iter **out);
/*
 * The groups Q selects in the latest runs (*GROUPS) and of those, the ones too
 * small for a verdict (*TOO_SMALL): "no deficits" is only true of groups judged.
 */
int mms_deficits_judged(mms_db *db, const mms_deficit_query *q, long *groups, long *too_small);
/* 1 and *ROW set, 0 at the end, or a negative MMS_E… code. */
int mms_deficit_iter_next(mms_deficit_iter *it, const mms_deficit_row **row);
void mms_deficit_iter_free(mms_deficit_iter *it);

#endif
