/*
 * The analysis of one assessment as a school's and a district's documents
 * write it: participants, marks, marks against the journal, the distribution
 * of primary scores, success by task and skill, signs of non-objective
 * results, the region's and Russia's values beside them, and the trend over
 * the years.  What `mms analyse` prints.
 *
 * The signs follow ФИОКО's method of finding results that may not be
 * objective (the boundary anomaly of the score distribution, marks of the
 * work above the journal's, results far above the school's own history).  A
 * sign is a reason to look, never a verdict: the data cannot say why.
 */
#ifndef MMS_ANALYSIS_H
#define MMS_ANALYSIS_H

#include <stdint.h>

#include "mms/deficits.h"
#include "mms/mms.h"

/* A group is judged for a sign from this many participants (present, or compared). */
#define MMS_SIGN_MIN_N 10
/* Boundary anomaly: at least this many at a mark's lowest score… */
#define MMS_SIGN_PEAK_MIN 5
/*
 * …and so many more than one point below that a fair coin splitting the
 * two scores' participants would leave that many or more at the boundary
 * with a probability under this (a one-sided binomial test).
 */
#define MMS_SIGN_PEAK_P 0.01
/* Marks above the journal: a share at least the district's plus this… */
#define MMS_SIGN_RAISED_GAP 0.20
/* …and this many times the district's. */
#define MMS_SIGN_RAISED_RATIO 2.0
/* History: «качество» (4–5) up by at least this on the school's previous year. */
#define MMS_SIGN_HISTORY_GAP 0.25
/* Years of the same kind, subject and grade the trend shows at most. */
#define MMS_TREND_YEARS 5

enum mms_sign {
	MMS_SIGN_BOUNDARY = 1 << 0, /* a peak at a mark's lowest score */
	MMS_SIGN_RAISED = 1 << 1,   /* «повысили» far above the district's share */
	MMS_SIGN_HISTORY = 1 << 2   /* far above the school's own previous year */
};

/* Marks of a group: counts and shares of 2…5, and against the journal. */
typedef struct mms_marks {
	long present;  /* participants who wrote the work */
	long absent;   /* marked absent */
	long marked;   /* with a mark (the file's or the scale's) */
	long count[4]; /* marks 2, 3, 4, 5 */
	double share[4];
	double pass;    /* «успеваемость»: the share of 3, 4 and 5 among the marked */
	double quality; /* «качество»: the share of 4 and 5 */
	double mean;    /* the mean mark */
	double percent; /* the mean primary score as a share of the maximum */
	long compared;  /* with the journal's mark too */
	long lower;     /* «понизили»: the work's mark below the journal's */
	long same;      /* «подтвердили» */
	long higher;    /* «повысили» */
	long gap2;      /* of those, two marks or more apart */
	double lower_share, same_share, higher_share, gap2_share; /* of the compared */
} mms_marks;

/* A class, a school or the district. */
typedef struct mms_analysis_group {
	enum mms_deficit_level level;
	char *school, *school_name; /* NULL for the district */
	char *class_label;          /* NULL above a class */
	int parent;                 /* the index of its school (a class) or -1 */
	int in_scope;               /* shown: the asked group and its parts */
	mms_marks marks;
	long *hist;               /* participants by whole primary score, 0 … hist_max */
	double *task_success;     /* by task: points / possible */
	unsigned signs;           /* enum mms_sign bits */
	int peak_mark;            /* the mark whose boundary peaks (3, 4, 5), 0: none */
	long peak_at, peak_below; /* participants at its lowest score and one below */
	double history_quality;   /* the previous year's «качество», NaN: none */
	char *history_assessment; /* its ID */
} mms_analysis_group;

typedef struct mms_analysis_task {
	char *label;                         /* "1", "2.1", "4К1" */
	char *level;                         /* Б, П, В */
	double max;                          /* its maximum score */
	char *skills;                        /* the codes it checks: "1.1, 1.2" */
	double region, municipality, russia; /* imported reference success, NaN: none */
} mms_analysis_task;

typedef struct mms_analysis_skill {
	char *code, *text;
	double success;           /* in the scope's group */
	double district;          /* in the district */
	int classified;           /* the latest classification has the skill at the scope's level */
	enum mms_verdict verdict; /* its verdict there */
	enum mms_spread spread;   /* its spread, NONE */
	int64_t id;
	double *years; /* its success in each year of the trend (the scope's school or the
	                  district, as classified; this year: as analysed), NaN: not checked */
} mms_analysis_skill;

/* One year of the trend: the scope's group in an assessment of the same kind, subject, grade. */
typedef struct mms_analysis_year {
	char *assessment, *date;
	long present;
	double pass, quality, mean; /* of the marks the files gave (this year: as analysed) */
} mms_analysis_year;

typedef struct mms_analysis {
	char *assessment, *kind, *subject, *date;
	int grade;
	double max_score;
	/* the lowest primary score of the marks 3, 4, 5; NaN when the scale is unknown */
	double bound[3];
	const char *scale_source; /* "config", "marks" (read off the file's marks), NULL */
	long computed_marks;      /* marks computed from the scale (the file had none) */
	int hist_max;             /* the histograms' last score */
	int scope;                /* the index of the asked group */
	mms_analysis_group *groups;
	size_t ngroups; /* the district first, then each school followed by its classes */
	mms_analysis_task *tasks;
	size_t ntasks;
	mms_analysis_skill *skills;
	size_t nskills;
	mms_analysis_year *years; /* oldest first, this assessment last */
	size_t nyears;
	/* the reference marks' shares (2…5) imported, NaN: none */
	double ref_marks[3][4]; /* russia, region, municipality */
	char *ref_name[3];
} mms_analysis;

typedef struct mms_analysis_opts {
	const char *assessment;  /* its ID; NULL: the latest with results */
	const char *school;      /* any of its codes; NULL: the district */
	const char *class_label; /* with school (or a class label unique in the district) */
	int marks_only; /* the groups, the marks and the years: no skills, signs, reference values
	                 */
} mms_analysis_opts;

/*
 * Computes the analysis.  MMS_ENOTFOUND for an unknown assessment, school or
 * class, or an assessment without participants present; MMS_EAMBIGUOUS for a
 * class label several schools have, without --school.
 */
int mms_analyse(mms_db *db, const mms_analysis_opts *o, mms_analysis **out);
void mms_analysis_free(mms_analysis *a);

/*
 * The scale of assessment ASSESSMENT: the lowest primary scores of the marks
 * 3, 4 and 5 (0 ≤ MIN3 < MIN4 < MIN5 ≤ the maximum, else MMS_EUSAGE).
 */
int mms_scale_set(mms_db *db, const char *assessment, const double min[3]);
/* Its scale as set, NaN each when none is; MMS_ENOTFOUND for an unknown assessment. */
int mms_scale_get(mms_db *db, const char *assessment, double min[3]);

typedef struct mms_reference_opts {
	const char *assessment;   /* its ID */
	const char *municipality; /* the row to keep where a file has several; NULL: the one */
	enum mms_encoding encoding;
	const char *sheet;
} mms_reference_opts;

typedef struct mms_reference_stats {
	int marks_forms;          /* «Статистика по отметкам» read */
	int task_forms;           /* «Выполнение заданий» read */
	long rows;                /* rows kept: Russia, the region, the municipality */
	long values;              /* values stored */
	long tasks;               /* task columns matched to the assessment's tasks */
	long municipalities;      /* municipality rows kept */
	long municipalities_left; /* other municipalities' rows, left */
	long schools_left;        /* schools' rows, left */
} mms_reference_stats;

/*
 * Imports ФИС ОКО's forms «Статистика по отметкам» and «Выполнение заданий»
 * of assessment O->assessment from FILES, in one transaction: Russia's («Вся
 * выборка»), the region's and the municipality's rows; a value imported
 * again replaces the old one.  MMS_EDATA with diagnostics naming file and
 * cell for a file that is not such a form, a task the assessment does not
 * have, a value that is not a percentage; MMS_EUSAGE when the files have
 * several municipalities and O->municipality is NULL.
 */
int mms_reference_import(mms_db *db, const mms_reference_opts *o, const char *const *files,
                         int nfiles, mms_reference_stats *st);

/*
 * Finds the signs of every class and school of assessment ASSESSMENT_ID and
 * stores them (objectivity_sign), replacing the assessment's earlier ones;
 * *FOUND gets the number of classes and schools with any: mms_signs_find()
 * and mms_signs_write() in turn, in the caller's transaction.
 */
int mms_signs_store(mms_db *db, int64_t assessment_id, long *found);

/* A sign found in a class or a school, as objectivity_sign keeps it. */
typedef struct mms_sign_row {
	int64_t school_id;       /* the school's, found by its code when the sign was */
	int64_t class_id;        /* the class's, 0: the school's own */
	const char *sign;        /* "boundary", "raised" or "history" */
	double value, reference; /* reference NaN: none */
} mms_sign_row;

typedef struct mms_signs {
	mms_sign_row *rows;
	size_t nrows;
	long groups; /* the classes and schools with any sign */
} mms_signs;

/*
 * The signs of ASSESSMENT_ID's classes and schools found, reading only (the
 * classification finds them before it takes the write lock), into *OUT, which
 * mms_signs_free() frees (empty on error).  Their schools and classes are
 * found by code and label as they are read, so that a class renamed before
 * they are written does not turn its sign into its school's.
 */
int mms_signs_find(mms_db *db, int64_t assessment_id, mms_signs *out);

/* Stores the signs S for ASSESSMENT_ID in objectivity_sign, replacing its earlier ones. */
int mms_signs_write(mms_db *db, int64_t assessment_id, const mms_signs *s);

void mms_signs_free(mms_signs *s);

#endif
