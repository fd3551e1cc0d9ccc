/*
 * Persistence: whether a group's deficit of a skill was one in an earlier
 * assessment too (classify-deficits, lib/deficits/deficits.c).
 *
 * A deficit recurs when the newest run of an assessment dated before this
 * one found a deficit
 *   - of the same skill: itself, or linked to it by a codifier (skill_same);
 *   - at the same level and in the same school;
 *   - of the same group: the district, the school, the same class, or the
 *     class with the same letter as far from that assessment's grade as this
 *     class is from this one's (5В of 2026 is 6В of 2027).
 * The earlier deficits are read once an assessment (mms_sql_earlier_runs,
 * then mms_sql_earlier_deficits for each run), and each deficit is looked for
 * in memory; an earlier class is read only when it is a deficit of the same
 * skill in the same school.  The question asked a deficit at a time took a
 * sixth of the classification.  A run this connection stored is not read
 * back: its deficits are kept as they were stored (mms_earlier_hold()), and
 * used while it is its assessment's newest.
 */
#ifndef MMS_DEFICITS_EARLIER_H
#define MMS_DEFICITS_EARLIER_H

#include "internal.h"

typedef struct mms_earlier mms_earlier;

/* A class as its earlier deficits are looked for (mms_earlier_class()). */
struct mms_earlier_class {
	sqlite3_int64 id, school, grade;
	int known;          /* 0: no such class, or no grade: no earlier class of its letter */
	const char *letter; /* the label after the grade, LEN bytes: valid until the next call */
	size_t len;
};

/* Its statements, prepared on DB, into *OUT. */
int mms_earlier_new(mms_db *db, mms_earlier **out);
void mms_earlier_free(mms_earlier *e);

/*
 * Reads, in DB's transaction, the deficits of the assessments dated before
 * DATE (of ASSESSMENT, whose skills are SKILLS) that a deficit of one of
 * those skills may recur: each assessment's newest run.
 */
int mms_earlier_load(mms_earlier *e, sqlite3_int64 assessment, const char *date,
                     const sqlite3_int64 *skills, int nskills);

/*
 * A run's deficits as it is stored: mms_earlier_hold_begin() before its rows,
 * mms_earlier_hold() with each deficit (SCHOOL and KLASS 0 for none), and
 * mms_earlier_stored() once it is committed, which keeps them in place of
 * the assessment's run before.  Out of memory, the run is not kept, and is
 * read from the database when asked for.
 */
void mms_earlier_hold_begin(mms_earlier *e);
void mms_earlier_hold(mms_earlier *e, sqlite3_int64 skill, sqlite3_int64 school,
                      sqlite3_int64 klass);
void mms_earlier_stored(mms_earlier *e, sqlite3_int64 assessment, sqlite3_int64 run);

/* Forgets the runs kept: they are read from the database again. */
void mms_earlier_forget(mms_earlier *e);

/* CLASS_ID's school, grade and letter, into *OUT. */
int mms_earlier_class(mms_earlier *e, sqlite3_int64 class_id, struct mms_earlier_class *out);

/*
 * Whether the deficit of the skill SKILLS[SKILL] of a group was one before,
 * into *OUT: the district's (SCHOOL and KLASS NULL), a school's (KLASS NULL)
 * or a class's, as mms_earlier_class() found it.  An earlier class of the
 * school is read to see whether it is this one's letter.
 */
int mms_earlier_recurs(mms_earlier *e, int skill, const sqlite3_int64 *school,
                       const struct mms_earlier_class *klass, int *out);

#endif
