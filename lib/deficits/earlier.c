/*
 * Persistence: the earlier deficits of an assessment's skills, read once and
 * looked for in memory (see earlier.h).
 */
#include <stdlib.h>
#include <string.h>

#include "deficits/earlier.h"

/* The newest run of each assessment dated before ?1, and the assessment's grade
   (tests/unit/test_plans.c: a run found through its assessment's index). */
const char mms_sql_earlier_runs[] =
    "SELECT a.id, a.grade, (SELECT max(id) FROM deficit_run WHERE assessment_id = a.id) "
    "FROM assessment a WHERE a.date IS NOT NULL AND a.date < ?1";

/* The deficits of run ?1: each row's group and skill (tests/unit/test_plans.c: the
   run's deficits alone, through their index). */
const char mms_sql_earlier_deficits[] =
    "SELECT school_id, class_id, skill_id FROM deficit_row WHERE run_id = ?1 AND deficit = 1";

/* The skills the same as ?1: itself, its codifier's, those it is the codifier
   of, and those sharing its codifier (the view skill_same, from one skill). */
static const char sql_same[] =
    "SELECT ?1 UNION SELECT codifier_id FROM skill_link WHERE skill_id = ?1 "
    "UNION SELECT skill_id FROM skill_link WHERE codifier_id = ?1 "
    "UNION SELECT b.skill_id FROM skill_link a JOIN skill_link b "
    "ON b.codifier_id = a.codifier_id WHERE a.skill_id = ?1";

/* A class's school, grade and letter: its label after as many characters as its grade has. */
static const char sql_class[] = "SELECT school_id, grade, substr(label_key, length(grade) + 1) "
                                "FROM class WHERE id = ?1";

static const char sql_grade[] = "SELECT grade FROM assessment WHERE id = ?1";

enum { L_DISTRICT, L_SCHOOL, L_CLASS };

/* An earlier deficit of a group: the district's (school and class 0), a
   school's (class 0) or a class's, and the grade of its assessment. */
struct exact {
	sqlite3_int64 skill, school, klass, grade;
	int level;
};

/* A deficit of a run this connection stored: its skill, school and class (0: none). */
struct kept {
	sqlite3_int64 skill, school, klass;
};

/* A run's deficits as it was stored (mms_earlier_hold()). */
struct held {
	sqlite3_int64 assessment, run;
	struct kept *rows;
	size_t n, cap;
	int lost; /* a row could not be kept: the run is read from the database */
};

struct mms_earlier {
	mms_db *db;
	sqlite3_stmt *runs, *load, *linked, *klass, *grade;
	sqlite3_int64 assessment_grade;
	/* the skills the same as the assessment's: skill i's same[first[i] ..
	   first[i + 1]); and all of them, sorted, in wanted */
	sqlite3_int64 *same, *wanted;
	size_t nsame, capsame, nwanted;
	size_t *first;
	struct exact *exact; /* sorted by skill, level, school and class */
	size_t nexact, capexact;
	mms_buf letter;         /* the letter of the class mms_earlier_class() found last */
	mms_buf earlier_letter; /* an earlier class's, same_letter()'s */
	/* the newest run this connection stored of each assessment, and the one
	   being stored */
	struct held *held, pending;
	size_t nheld, capheld;
};

static int cmp_id(sqlite3_int64 a, sqlite3_int64 b)
{
	return (a > b) - (a < b);
}

static int by_id(const void *a, const void *b)
{
	return cmp_id(*(const sqlite3_int64 *)a, *(const sqlite3_int64 *)b);
}

/* By skill, level and school: a school's deficits of a skill together. */
static int by_school(const struct exact *a, const struct exact *b)
{
	int c = cmp_id(a->skill, b->skill);

	if (!c)
		c = (a->level > b->level) - (a->level < b->level);
	return c ? c : cmp_id(a->school, b->school);
}

static int by_exact(const void *pa, const void *pb)
{
	const struct exact *a = pa, *b = pb;
	int c = by_school(a, b);

	return c ? c : cmp_id(a->klass, b->klass);
}

int mms_earlier_new(mms_db *db, mms_earlier **out)
{
	mms_earlier *e = calloc(1, sizeof(*e));
	int rc;

	*out = NULL;
	if (!e)
		return mms_oom(db);
	e->db = db;
	if ((rc = mms_prepare(db, &e->runs, mms_sql_earlier_runs)) != MMS_OK ||
	    (rc = mms_prepare(db, &e->load, mms_sql_earlier_deficits)) != MMS_OK ||
	    (rc = mms_prepare(db, &e->linked, sql_same)) != MMS_OK ||
	    (rc = mms_prepare(db, &e->klass, sql_class)) != MMS_OK ||
	    (rc = mms_prepare(db, &e->grade, sql_grade)) != MMS_OK) {
		mms_earlier_free(e);
		return rc;
	}
	*out = e;
	return MMS_OK;
}

void mms_earlier_free(mms_earlier *e)
{
	if (!e)
		return;
	sqlite3_finalize(e->runs);
	sqlite3_finalize(e->load);
	sqlite3_finalize(e->linked);
	sqlite3_finalize(e->klass);
	sqlite3_finalize(e->grade);
	free(e->same);
	free(e->wanted);
	free(e->first);
	free(e->exact);
	mms_buf_free(&e->letter);
	mms_buf_free(&e->earlier_letter);
	mms_earlier_forget(e);
	free(e->held);
	free(e->pending.rows);
	free(e);
}

void mms_earlier_hold_begin(mms_earlier *e)
{
	e->pending.n = 0;
	e->pending.lost = 0;
}

void mms_earlier_hold(mms_earlier *e, sqlite3_int64 skill, sqlite3_int64 school,
                      sqlite3_int64 klass)
{
	struct held *p = &e->pending;

	if (p->lost || mms_grow((void **)&p->rows, &p->cap, p->n + 1, sizeof(*p->rows))) {
		p->lost = 1; /* read from the database instead */
		return;
	}
	p->rows[p->n++] = (struct kept){skill, school, klass};
}

void mms_earlier_stored(mms_earlier *e, sqlite3_int64 assessment, sqlite3_int64 run)
{
	struct held *h = NULL, swap;

	for (size_t i = 0; i < e->nheld && !h; i++)
		if (e->held[i].assessment == assessment)
			h = &e->held[i];
	if (!h && !e->pending.lost &&
	    !mms_grow((void **)&e->held, &e->capheld, e->nheld + 1, sizeof(*e->held))) {
		h = &e->held[e->nheld++];
		memset(h, 0, sizeof(*h));
	}
	if (!h)
		return;
	/* the rows change places: the old run's buffer is the next one's */
	swap = *h;
	*h = e->pending;
	h->assessment = assessment;
	h->run = run;
	e->pending = swap;
	e->pending.n = 0;
	e->pending.lost = 0;
}

void mms_earlier_forget(mms_earlier *e)
{
	for (size_t i = 0; i < e->nheld; i++)
		free(e->held[i].rows);
	e->nheld = 0;
}

/* The skills the same as each of SKILLS, into e->same, e->first and e->wanted. */
static int load_same(mms_earlier *e, const sqlite3_int64 *skills, int nskills)
{
	int rc = SQLITE_DONE;

	free(e->first);
	if (!(e->first = malloc(((size_t)nskills + 1) * sizeof(*e->first))))
		return mms_oom(e->db);
	e->nsame = 0;
	for (int i = 0; i < nskills && rc == SQLITE_DONE; i++) {
		e->first[i] = e->nsame;
		sqlite3_bind_int64(e->linked, 1, skills[i]);
		while ((rc = sqlite3_step(e->linked)) == SQLITE_ROW) {
			if (mms_grow((void **)&e->same, &e->capsame, e->nsame + 1,
			             sizeof(*e->same))) {
				sqlite3_reset(e->linked);
				return mms_oom(e->db);
			}
			e->same[e->nsame++] = sqlite3_column_int64(e->linked, 0);
		}
		sqlite3_reset(e->linked);
	}
	if (rc != SQLITE_DONE)
		return mms_fail_sql(e->db, "reading the skills linked by a codifier");
	e->first[nskills] = e->nsame;
	free(e->wanted);
	if (!(e->wanted = malloc((e->nsame + 1) * sizeof(*e->wanted))))
		return mms_oom(e->db);
	if (e->nsame) {
		memcpy(e->wanted, e->same, e->nsame * sizeof(*e->wanted));
		qsort(e->wanted, e->nsame, sizeof(*e->wanted), by_id);
	}
	e->nwanted = 0;
	for (size_t i = 0; i < e->nsame; i++)
		if (!e->nwanted || e->wanted[e->nwanted - 1] != e->wanted[i])
			e->wanted[e->nwanted++] = e->wanted[i];
	return MMS_OK;
}

/* An earlier deficit of skill SKILL kept, if it is one of those looked for: the
   district's (SCHOOL and KLASS 0), a school's (KLASS 0) or a class's. */
static int keep(mms_earlier *e, sqlite3_int64 skill, sqlite3_int64 school, sqlite3_int64 klass,
                sqlite3_int64 grade)
{
	struct exact *x;

	if (!bsearch(&skill, e->wanted, e->nwanted, sizeof(*e->wanted), by_id))
		return MMS_OK;
	/* a class's row of no school is no deficit of any class's here (they have one) */
	if (klass && !school)
		return MMS_OK;
	if (mms_grow((void **)&e->exact, &e->capexact, e->nexact + 1, sizeof(*e->exact)))
		return mms_oom(e->db);
	x = &e->exact[e->nexact++];
	x->skill = skill;
	x->level = klass ? L_CLASS : school ? L_SCHOOL : L_DISTRICT;
	x->school = school;
	x->klass = klass;
	x->grade = grade;
	return MMS_OK;
}

/* RUN's deficits kept (of an assessment of GRADE): as this connection stored
   them, when it stored that run; else from the database. */
static int keep_run(mms_earlier *e, sqlite3_int64 assessment, sqlite3_int64 run,
                    sqlite3_int64 grade)
{
	int rc = MMS_OK;

	for (size_t i = 0; i < e->nheld; i++) {
		const struct held *h = &e->held[i];

		if (h->assessment != assessment)
			continue;
		/* another command's newer run, or one not kept whole: the database's */
		if (h->run != run || h->lost)
			break;
		for (size_t k = 0; k < h->n && rc == MMS_OK; k++)
			rc = keep(e, h->rows[k].skill, h->rows[k].school, h->rows[k].klass, grade);
		return rc;
	}
	sqlite3_bind_int64(e->load, 1, run);
	while (rc == MMS_OK && (rc = sqlite3_step(e->load)) == SQLITE_ROW)
		rc = keep(e, sqlite3_column_int64(e->load, 2), sqlite3_column_int64(e->load, 0),
		          sqlite3_column_int64(e->load, 1), grade);
	sqlite3_reset(e->load);
	if (rc == SQLITE_DONE)
		return MMS_OK;
	return rc == MMS_ENOMEM ? rc : mms_fail_sql(e->db, "reading earlier classifications");
}

/* The assessment's grade into e->assessment_grade. */
static int load_grade(mms_earlier *e, sqlite3_int64 assessment)
{
	int rc;

	sqlite3_bind_int64(e->grade, 1, assessment);
	rc = sqlite3_step(e->grade);
	/* NOT NULL: the row is there, the classification has read it */
	e->assessment_grade = rc == SQLITE_ROW ? sqlite3_column_int64(e->grade, 0) : 0;
	sqlite3_reset(e->grade);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MMS_OK
	                                             : mms_fail_sql(e->db, "reading an assessment");
}

int mms_earlier_load(mms_earlier *e, sqlite3_int64 assessment, const char *date,
                     const sqlite3_int64 *skills, int nskills)
{
	int rc;

	e->nexact = 0;
	if ((rc = load_same(e, skills, nskills)) != MMS_OK || !date ||
	    (rc = load_grade(e, assessment)) != MMS_OK)
		return rc;
	sqlite3_bind_text(e->runs, 1, date, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(e->runs)) == SQLITE_ROW) {
		if (sqlite3_column_type(e->runs, 2) == SQLITE_NULL)
			continue; /* never classified */
		rc = keep_run(e, sqlite3_column_int64(e->runs, 0), sqlite3_column_int64(e->runs, 2),
		              sqlite3_column_int64(e->runs, 1));
		if (rc != MMS_OK) {
			sqlite3_reset(e->runs);
			return rc;
		}
	}
	sqlite3_reset(e->runs);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(e->db, "reading earlier classifications");
	if (e->nexact)
		qsort(e->exact, e->nexact, sizeof(*e->exact), by_exact);
	return MMS_OK;
}

/* CLASS_ID's school, grade and letter into *OUT, the letter kept in LETTER. */
static int read_class(mms_earlier *e, sqlite3_int64 class_id, struct mms_earlier_class *out,
                      mms_buf *letter)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->id = class_id;
	sqlite3_bind_int64(e->klass, 1, class_id);
	rc = sqlite3_step(e->klass);
	if (rc == SQLITE_ROW && sqlite3_column_type(e->klass, 1) != SQLITE_NULL &&
	    sqlite3_column_type(e->klass, 2) != SQLITE_NULL) {
		const char *text = (const char *)sqlite3_column_text(e->klass, 2);
		int len = sqlite3_column_bytes(e->klass, 2);

		letter->len = 0;
		if (!text || mms_buf_add(letter, text, (size_t)len) != MMS_OK) {
			sqlite3_reset(e->klass);
			return mms_oom(e->db);
		}
		out->known = 1;
		out->school = sqlite3_column_int64(e->klass, 0);
		out->grade = sqlite3_column_int64(e->klass, 1);
		out->letter = letter->p;
		out->len = (size_t)len;
	}
	sqlite3_reset(e->klass);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(e->db, "reading a class");
	return MMS_OK;
}

int mms_earlier_class(mms_earlier *e, sqlite3_int64 class_id, struct mms_earlier_class *out)
{
	return read_class(e, class_id, out, &e->letter);
}

/* Whether the grade of a class of an assessment of grade OF is as far from it as
   THAT's grade is from THAT_OF (no answer where the difference does not fit). */
static int as_far(sqlite3_int64 grade, sqlite3_int64 of, sqlite3_int64 that, sqlite3_int64 that_of)
{
	sqlite3_int64 a, b;

	return !__builtin_sub_overflow(grade, of, &a) &&
	       !__builtin_sub_overflow(that, that_of, &b) && a == b;
}

/* Whether the earlier deficit X, of a class of KLASS's school, is of its letter
   as far from its assessment's grade as KLASS is from this one's. */
static int same_letter(mms_earlier *e, const struct exact *x, const struct mms_earlier_class *klass,
                       int *out)
{
	struct mms_earlier_class c;
	int rc = read_class(e, x->klass, &c, &e->earlier_letter);

	*out = rc == MMS_OK && c.known && c.school == klass->school &&
	       as_far(c.grade, x->grade, klass->grade, e->assessment_grade) &&
	       c.len == klass->len && memcmp(c.letter, klass->letter, c.len) == 0;
	return rc;
}

int mms_earlier_recurs(mms_earlier *e, int skill, const sqlite3_int64 *school,
                       const struct mms_earlier_class *klass, int *out)
{
	int level = klass ? L_CLASS : school ? L_SCHOOL : L_DISTRICT;

	*out = 0;
	for (size_t i = e->first[skill]; i < e->first[skill + 1] && !*out; i++) {
		struct exact x = {.skill = e->same[i],
		                  .level = level,
		                  .school = school ? *school : 0,
		                  .klass = klass ? klass->id : 0};
		size_t lo = 0, hi = e->nexact;

		if (e->nexact && bsearch(&x, e->exact, e->nexact, sizeof(x), by_exact)) {
			*out = 1;
			break;
		}
		if (!klass || !klass->known || !school)
			continue;
		/* the school's earlier class deficits of the skill: one of this letter? */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (by_school(&e->exact[mid], &x) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < e->nexact && !*out && by_school(&e->exact[lo], &x) == 0; lo++) {
			int rc = same_letter(e, &e->exact[lo], klass, out);

			if (rc != MMS_OK)
				return rc;
		}
	}
	return MMS_OK;
}
