/*
 * The analysis of one assessment (see mms/analysis.h): one pass over its
 * participants gathers, for the district, each school and each class, the
 * marks, the marks against the journal, the histogram of primary scores and
 * the points by task; the signs, the skills, the reference values and the
 * trend are read off those and the database.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "deficits/stats.h"
#include "internal.h"
#include "mms/analysis.h"
#include "results/packed.h"
#include "roster/refs.h"

/* A participant as the second pass needs it. */
struct prow {
	int school, klass; /* group indices; klass -1: no class */
	float primary;
	signed char mark, journal, absent;
};

/* A class of the school being read, as first met. */
struct seen {
	int64_t id;
	char *label, *key; /* NULL: the class is gone */
};

struct ctx {
	mms_db *db;
	mms_analysis *a;
	int64_t aid, subject_id;
	int *slots;     /* by task */
	double *scores; /* by task: the participant being read */
	int *positions; /* by task */
	struct prow *rows;
	size_t nrows, caprows;
	size_t capgroups;
	double *possible; /* by group: Σ present × max, the same for every task's share */
	/* the marks read in the file by primary score, to read the scale off them */
	double mark_lo[4], mark_hi[4];
	long file_marks;
	/* the classes of the school being read, their participants' points by task
	   (nseen × ntasks) until their groups are made */
	struct seen *seen;
	size_t nseen, capseen;
	double *seen_points;
	size_t cappoints;
	sqlite3_stmt *label_st; /* a class's label and key */
};

static double share(long k, long n)
{
	return n > 0 ? (double)k / (double)n : NAN;
}

/* ---------------------------------------------------------------- the assessment */

static int load_assessment(struct ctx *c, const char *code)
{
	mms_analysis *a = c->a;
	sqlite3_stmt *st;
	int rc, oom = 0;

	rc =
	    mms_prepare(c->db, &st,
	                code ? "SELECT a.id, a.code, a.kind, s.name, a.grade, a.date, a.subject_id "
	                       "FROM assessment a JOIN subject s ON s.id = a.subject_id "
	                       "WHERE a.code = ?1"
	                     : "SELECT a.id, a.code, a.kind, s.name, a.grade, a.date, a.subject_id "
	                       "FROM assessment a JOIN subject s ON s.id = a.subject_id "
	                       "WHERE EXISTS (SELECT 1 FROM participant p WHERE "
	                       "p.assessment_id = a.id AND p.absent = 0) "
	                       "ORDER BY a.date IS NULL, a.date DESC, a.id DESC LIMIT 1");
	if (rc != MMS_OK)
		return rc;
	if (code)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->aid = sqlite3_column_int64(st, 0);
		a->assessment = mms_column_dup(st, 1, &oom);
		a->kind = mms_column_dup(st, 2, &oom);
		a->subject = mms_column_dup(st, 3, &oom);
		a->grade = sqlite3_column_int(st, 4);
		a->date = mms_column_dup(st, 5, &oom);
		c->subject_id = sqlite3_column_int64(st, 6);
		rc = oom ? mms_oom(c->db) : MMS_OK;
	} else if (rc == SQLITE_DONE) {
		rc = code ? assessment_not_found(c->db, code)
		          : mms_fail(c->db, MMS_ENOTFOUND,
		                     _("no assessment has results yet (mms import-results)"));
	} else {
		rc = mms_fail_sql(c->db, N_("reading the assessment"));
	}
	sqlite3_finalize(st);
	return rc;
}

static int load_tasks(struct ctx *c)
{
	mms_analysis *a = c->a;
	sqlite3_stmt *st;
	size_t cap = 0, capslots = 0, cappos = 0;
	int rc, oom = 0;

	rc = mms_prepare(c->db, &st,
	                 "SELECT t.label, t.level, t.max_score, t.slot, t.position, "
	                 "  (SELECT group_concat(code, ', ') FROM (SELECT sk.code AS code "
	                 "   FROM task_skill ts JOIN skill sk ON sk.id = ts.skill_id "
	                 "   WHERE ts.task_id = t.id ORDER BY sk.code)) "
	                 "FROM task t WHERE t.assessment_id = ?1 ORDER BY t.position");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->aid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_analysis_task *t;

		if (mms_grow((void **)&a->tasks, &cap, a->ntasks + 1, sizeof(*a->tasks)) ||
		    mms_grow((void **)&c->slots, &capslots, a->ntasks + 1, sizeof(*c->slots)) ||
		    mms_grow((void **)&c->positions, &cappos, a->ntasks + 1,
		             sizeof(*c->positions))) {
			oom = 1;
			break;
		}
		t = &a->tasks[a->ntasks];
		memset(t, 0, sizeof(*t));
		t->label = mms_column_dup(st, 0, &oom);
		t->level = mms_column_dup(st, 1, &oom);
		t->max = sqlite3_column_double(st, 2);
		c->slots[a->ntasks] = sqlite3_column_int(st, 3);
		c->positions[a->ntasks] = sqlite3_column_int(st, 4);
		t->skills = mms_column_dup(st, 5, &oom);
		t->region = t->municipality = t->russia = NAN;
		a->max_score += t->max;
		a->ntasks++;
	}
	sqlite3_finalize(st);
	if (oom)
		return mms_oom(c->db);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(c->db, N_("reading the tasks"));
	return MMS_OK;
}

/* ---------------------------------------------------------------- groups */

static int add_group(struct ctx *c, enum mms_deficit_level level, int parent, const char *school,
                     const char *name, const char *label)
{
	mms_analysis *a = c->a;
	mms_analysis_group *g;
	int oom = 0;

	if (mms_grow((void **)&a->groups, &c->capgroups, a->ngroups + 1, sizeof(*a->groups)))
		return -1;
	g = &a->groups[a->ngroups];
	memset(g, 0, sizeof(*g));
	g->level = level;
	g->parent = parent;
	g->history_quality = NAN;
	if (school) {
		g->school = strdup(school);
		g->school_name = strdup(name ? name : "");
		oom = !g->school || !g->school_name;
	}
	if (label && !(g->class_label = strdup(label)))
		oom = 1;
	g->task_success = calloc(a->ntasks ? a->ntasks : 1, sizeof(double));
	if (oom || !g->task_success) {
		free(g->school);
		free(g->school_name);
		free(g->class_label);
		free(g->task_success);
		return -1;
	}
	a->ngroups++;
	return 0;
}

/* A participant's scores, decoded once, added to the points by task at P. */
static void add_points(const struct ctx *c, double *p, const double *scores)
{
	for (size_t t = 0; t < c->a->ntasks; t++)
		p[t] += scores[t];
}

/* The class of the school being read at K (a new one: its label read); -1 with rc set. */
static int class_at(struct ctx *c, int64_t cid, int *rc)
{
	struct seen *s;
	size_t k;

	for (k = 0; k < c->nseen; k++)
		if (c->seen[k].id == cid)
			return (int)k;
	if (mms_grow((void **)&c->seen, &c->capseen, c->nseen + 1, sizeof(*c->seen)) ||
	    mms_grow((void **)&c->seen_points, &c->cappoints,
	             (c->nseen + 1) * (c->a->ntasks ? c->a->ntasks : 1), sizeof(double))) {
		*rc = mms_oom(c->db);
		return -1;
	}
	s = &c->seen[k];
	memset(s, 0, sizeof(*s));
	s->id = cid;
	sqlite3_bind_int64(c->label_st, 1, cid);
	if (sqlite3_step(c->label_st) == SQLITE_ROW) {
		int oom = 0;

		s->label = mms_column_dup(c->label_st, 0, &oom);
		s->key = mms_column_dup(c->label_st, 1, &oom);
		if (oom) {
			free(s->label);
			free(s->key);
			sqlite3_reset(c->label_st);
			*rc = mms_oom(c->db);
			return -1;
		}
	}
	/* a class that is gone (no row) is a group without a label, as a LEFT JOIN gave */
	if (sqlite3_reset(c->label_st) != SQLITE_OK) {
		free(s->label);
		free(s->key);
		*rc = mms_fail_sql(c->db, N_("reading the participants"));
		return -1;
	}
	memset(c->seen_points + k * c->a->ntasks, 0, c->a->ntasks * sizeof(double));
	c->nseen++;
	return (int)k;
}

/* One participant of the first pass, of the school at group SG; MMS_OK or an error. */
static int scan_row(struct ctx *c, sqlite3_stmt *st, int sg)
{
	mms_analysis *a = c->a;
	int64_t cid = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 0);
	const void *blob = sqlite3_column_blob(st, 2);
	int len = sqlite3_column_bytes(st, 2);
	struct prow *r;
	double primary = 0;
	int k = -1, rc = MMS_OK;

	if (cid && (k = class_at(c, cid, &rc)) < 0)
		return rc;
	if (mms_grow((void **)&c->rows, &c->caprows, c->nrows + 1, sizeof(*c->rows)))
		return mms_oom(c->db);
	r = &c->rows[c->nrows++];
	r->school = sg;
	r->klass = k; /* the class's place in seen until its group is made */
	r->absent = (signed char)sqlite3_column_int(st, 1);
	r->mark = (signed char)sqlite3_column_int(st, 3);    /* NULL: 0 */
	r->journal = (signed char)sqlite3_column_int(st, 4); /* NULL: 0 */
	if (!r->absent && blob) {
		for (size_t t = 0; t < a->ntasks; t++) {
			int attempted;

			if (!mms_score_unpack(blob, len, c->slots[t], &c->scores[t], &attempted))
				c->scores[t] = 0;
			primary += c->scores[t];
		}
		add_points(c, a->groups[0].task_success, c->scores);
		add_points(c, a->groups[sg].task_success, c->scores);
		if (k >= 0)
			add_points(c, c->seen_points + (size_t)k * a->ntasks, c->scores);
	}
	r->primary = (float)primary;
	if (!r->absent && r->mark >= 2 && r->mark <= 5) {
		int m = r->mark - 2;

		c->file_marks++;
		if (primary < c->mark_lo[m])
			c->mark_lo[m] = primary;
		if (primary > c->mark_hi[m])
			c->mark_hi[m] = primary;
	}
	return MMS_OK;
}

/* Class A before class B: by their labels' keys, then ids (a gone class, without a key, first). */
static int before(const struct seen *a, const struct seen *b)
{
	int d;

	if (!a->key || !b->key)
		d = !!a->key - !!b->key;
	else
		d = strcmp(a->key, b->key);
	return d ? d < 0 : a->id < b->id;
}

/*
 * The school at group SG read from row FIRST on: its classes' groups made
 * after it, in the order of their labels, their points added, and its rows
 * pointed at them.
 */
static int finish_school(struct ctx *c, int sg, size_t first)
{
	mms_analysis *a = c->a;
	const mms_analysis_group *s = &a->groups[sg];
	int *order = NULL, *group = NULL;
	int rc = MMS_OK;

	if (c->nseen) {
		order = malloc(c->nseen * sizeof(*order));
		group = malloc(c->nseen * sizeof(*group));
		if (!order || !group)
			rc = mms_oom(c->db);
	}
	/* a school has a few classes of a grade: inserted in order */
	for (size_t k = 0; rc == MMS_OK && k < c->nseen; k++) {
		size_t j = k;

		for (; j > 0 && before(&c->seen[k], &c->seen[order[j - 1]]); j--)
			order[j] = order[j - 1];
		order[j] = (int)k;
	}
	for (size_t j = 0; rc == MMS_OK && j < c->nseen; j++) {
		const struct seen *k = &c->seen[order[j]];

		s = &a->groups[sg];
		if (add_group(c, MMS_LEVEL_CLASS, sg, s->school, s->school_name, k->label)) {
			rc = mms_oom(c->db);
			break;
		}
		group[order[j]] = (int)a->ngroups - 1;
		add_points(c, a->groups[a->ngroups - 1].task_success,
		           c->seen_points + (size_t)order[j] * a->ntasks);
	}
	for (size_t i = first; rc == MMS_OK && i < c->nrows; i++)
		if (c->rows[i].klass >= 0)
			c->rows[i].klass = group[c->rows[i].klass];
	for (size_t k = 0; k < c->nseen; k++) {
		free(c->seen[k].label);
		free(c->seen[k].key);
	}
	c->nseen = 0;
	free(order);
	free(group);
	return rc;
}

/*
 * The first pass: every participant, school by school (by code), a school's
 * classes made in the order of their labels once its participants are read.
 * A school's participants come by the unique index, neither sorted nor
 * joined: sorting a region's participants at once would hold them all in
 * SQLite's sorter, and a join per participant found its school and class
 * again and again (tests/unit/test_plans.c).
 */
const char mms_sql_scan_schools[] =
    "SELECT s.id, s.code, s.name FROM school s WHERE EXISTS (SELECT 1 FROM participant p "
    "WHERE p.assessment_id = ?1 AND p.school_id = s.id) ORDER BY s.code, s.id";
const char mms_sql_scan_school[] =
    "SELECT class_id, absent, scores, mark, journal_mark FROM participant "
    "WHERE assessment_id = ?1 AND school_id = ?2";

static int scan(struct ctx *c)
{
	mms_analysis *a = c->a;
	sqlite3_stmt *schools = NULL, *st = NULL;
	int rc, step = SQLITE_DONE;

	for (int m = 0; m < 4; m++) {
		c->mark_lo[m] = INFINITY;
		c->mark_hi[m] = -INFINITY;
	}
	c->scores = calloc(a->ntasks ? a->ntasks : 1, sizeof(double));
	if (!c->scores || add_group(c, MMS_LEVEL_DISTRICT, -1, NULL, NULL, NULL))
		return mms_oom(c->db);
	if ((rc = mms_prepare(c->db, &schools, mms_sql_scan_schools)) != MMS_OK ||
	    (rc = mms_prepare(c->db, &st, mms_sql_scan_school)) != MMS_OK ||
	    (rc = mms_prepare(c->db, &c->label_st,
	                      "SELECT label, label_key FROM class WHERE id = ?1")) != MMS_OK)
		goto out;
	sqlite3_bind_int64(schools, 1, c->aid);
	sqlite3_bind_int64(st, 1, c->aid);
	while (rc == MMS_OK && (step = sqlite3_step(schools)) == SQLITE_ROW) {
		size_t first = c->nrows;
		int sg = (int)a->ngroups;

		if (add_group(c, MMS_LEVEL_SCHOOL, -1,
		              (const char *)sqlite3_column_text(schools, 1),
		              (const char *)sqlite3_column_text(schools, 2), NULL)) {
			rc = mms_oom(c->db);
			break;
		}
		sqlite3_bind_int64(st, 2, sqlite3_column_int64(schools, 0));
		while (rc == MMS_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
			rc = scan_row(c, st, sg);
		if (rc == MMS_OK && step != SQLITE_DONE)
			rc = mms_fail_sql(c->db, N_("reading the participants"));
		sqlite3_reset(st);
		if (rc == MMS_OK)
			rc = finish_school(c, sg, first);
		step = SQLITE_ROW;
	}
	if (rc == MMS_OK && step != SQLITE_DONE)
		rc = mms_fail_sql(c->db, N_("reading the participants"));
out:
	for (size_t k = 0; k < c->nseen; k++) {
		free(c->seen[k].label);
		free(c->seen[k].key);
	}
	c->nseen = 0;
	sqlite3_finalize(c->label_st);
	c->label_st = NULL;
	sqlite3_finalize(st);
	sqlite3_finalize(schools);
	return rc;
}

/* The scale as set (mms config scale), else read off the file's marks when they agree. */
static int find_scale(struct ctx *c)
{
	mms_analysis *a = c->a;
	sqlite3_stmt *st;
	int rc;

	for (int k = 0; k < 3; k++)
		a->bound[k] = NAN;
	rc = mms_prepare(c->db, &st,
	                 "SELECT min3, min4, min5 FROM mark_scale WHERE assessment_id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->aid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		for (int k = 0; k < 3; k++)
			a->bound[k] = sqlite3_column_double(st, k);
		a->scale_source = "config";
	}
	sqlite3_finalize(st);
	if (a->scale_source || !c->file_marks)
		return MMS_OK;
	/* every mark present, each one's scores above the one below: the scale shows */
	for (int m = 0; m < 4; m++)
		if (!isfinite(c->mark_lo[m]))
			return MMS_OK;
	for (int m = 1; m < 4; m++)
		if (c->mark_lo[m] <= c->mark_hi[m - 1])
			return MMS_OK;
	for (int k = 0; k < 3; k++)
		a->bound[k] = c->mark_lo[k + 1];
	a->scale_source = "marks";
	return MMS_OK;
}

static int mark_of(const mms_analysis *a, double primary)
{
	if (isnan(a->bound[0]))
		return 0;
	return primary + MMS_EPS < a->bound[0]   ? 2
	       : primary + MMS_EPS < a->bound[1] ? 3
	       : primary + MMS_EPS < a->bound[2] ? 4
	                                         : 5;
}

static void count_row(mms_analysis_group *g, const struct prow *r, int mark, double primary)
{
	mms_marks *m = &g->marks;
	int bin = (int)floor(primary + MMS_EPS);

	if (r->absent) {
		m->absent++;
		return;
	}
	m->present++;
	m->percent += primary; /* a sum until finish_marks() */
	g->hist[bin]++;
	if (mark < 2)
		return;
	m->marked++;
	m->count[mark - 2]++;
	m->mean += mark;
	if (r->journal >= 2 && r->journal <= 5) {
		m->compared++;
		if (mark < r->journal)
			m->lower++;
		else if (mark == r->journal)
			m->same++;
		else
			m->higher++;
		if (abs(mark - r->journal) >= 2)
			m->gap2++;
	}
}

static void finish_marks(mms_analysis *a, mms_analysis_group *g)
{
	mms_marks *m = &g->marks;

	m->percent = m->present && a->max_score > 0 ? m->percent / m->present / a->max_score : NAN;
	m->mean = m->marked ? m->mean / (double)m->marked : NAN;
	for (int k = 0; k < 4; k++)
		m->share[k] = share(m->count[k], m->marked);
	m->pass = share(m->count[1] + m->count[2] + m->count[3], m->marked);
	m->quality = share(m->count[2] + m->count[3], m->marked);
	m->lower_share = share(m->lower, m->compared);
	m->same_share = share(m->same, m->compared);
	m->higher_share = share(m->higher, m->compared);
	m->gap2_share = share(m->gap2, m->compared);
	for (size_t t = 0; t < a->ntasks; t++)
		g->task_success[t] =
		    m->present ? g->task_success[t] / ((double)m->present * a->tasks[t].max) : NAN;
}

/* The second pass: marks (the file's, else the scale's), the journal, the histograms. */
static int tally(struct ctx *c)
{
	mms_analysis *a = c->a;

	a->hist_max = (int)floor(a->max_score + MMS_EPS);
	for (size_t g = 0; g < a->ngroups; g++) {
		a->groups[g].hist = calloc((size_t)a->hist_max + 1, sizeof(long));
		if (!a->groups[g].hist)
			return mms_oom(c->db);
	}
	for (size_t i = 0; i < c->nrows; i++) {
		const struct prow *r = &c->rows[i];
		double primary = r->primary > a->max_score ? a->max_score : r->primary;
		int mark = r->mark;

		if (!r->absent && (mark < 2 || mark > 5)) {
			mark = mark_of(a, primary);
			if (mark)
				a->computed_marks++;
		}
		count_row(&a->groups[0], r, mark, primary);
		count_row(&a->groups[r->school], r, mark, primary);
		if (r->klass >= 0)
			count_row(&a->groups[r->klass], r, mark, primary);
	}
	for (size_t g = 0; g < a->ngroups; g++)
		finish_marks(a, &a->groups[g]);
	return MMS_OK;
}

/* ---------------------------------------------------------------- signs */

static void sign_boundary(const mms_analysis *a, mms_analysis_group *g)
{
	double best = 1;

	if (isnan(a->bound[0]) || g->marks.present < MMS_SIGN_MIN_N)
		return;
	for (int k = 0; k < 3; k++) {
		int b = (int)floor(a->bound[k] + MMS_EPS);
		long at, below;
		double p;

		if (b < 1 || b > a->hist_max)
			continue;
		at = g->hist[b];
		below = g->hist[b - 1];
		/* a smooth distribution splits its neighbours about evenly */
		p = mms_binomial_tail(at, at + below);
		if (at >= MMS_SIGN_PEAK_MIN && p < MMS_SIGN_PEAK_P && p < best) {
			best = p;
			g->signs |= MMS_SIGN_BOUNDARY;
			g->peak_mark = k + 3;
			g->peak_at = at;
			g->peak_below = below;
		}
	}
}

static void sign_raised(const mms_analysis *a, mms_analysis_group *g)
{
	double d = a->groups[0].marks.higher_share;

	if (g->marks.compared < MMS_SIGN_MIN_N || isnan(d))
		return;
	if (g->marks.higher_share + MMS_EPS >= d + MMS_SIGN_RAISED_GAP &&
	    g->marks.higher_share + MMS_EPS >= MMS_SIGN_RAISED_RATIO * d)
		g->signs |= MMS_SIGN_RAISED;
}

/* A school's «качество» the year before against this year's: the history sign. */
static int sign_history(struct ctx *c, sqlite3_stmt *st, mms_analysis_group *g)
{
	int oom = 0;

	g->history_quality = sqlite3_column_double(st, 2) / sqlite3_column_double(st, 3);
	g->history_assessment = mms_column_dup(st, 1, &oom);
	if (g->marks.marked >= MMS_SIGN_MIN_N &&
	    g->marks.quality - g->history_quality + MMS_EPS >= MMS_SIGN_HISTORY_GAP)
		g->signs |= MMS_SIGN_HISTORY;
	return oom ? mms_oom(c->db) : MMS_OK;
}

static int find_signs(struct ctx *c)
{
	mms_analysis *a = c->a;
	sqlite3_stmt *st;
	size_t next = 1;
	int rc, step;

	for (size_t i = 1; i < a->ngroups; i++) {
		sign_boundary(a, &a->groups[i]);
		sign_raised(a, &a->groups[i]);
	}
	if (!a->date)
		return MMS_OK;
	/* every school's «качество» in the latest earlier year's assessment of the
	   same kind, subject and grade, in one pass, by school code as the groups */
	rc =
	    mms_prepare(c->db, &st,
	                "SELECT s.code, b.code, count(*) FILTER (WHERE p.mark >= 4), count(p.mark) "
	                "FROM participant p JOIN school s ON s.id = p.school_id "
	                "JOIN assessment b ON b.id = p.assessment_id "
	                "WHERE p.assessment_id = (SELECT b.id FROM assessment b, assessment me "
	                "  WHERE me.id = ?1 AND b.kind = me.kind AND b.subject_id = me.subject_id "
	                "  AND b.grade = me.grade AND b.date < me.date "
	                "  AND substr(b.date, 1, 4) < substr(me.date, 1, 4) "
	                "  ORDER BY b.date DESC LIMIT 1) "
	                "AND p.absent = 0 GROUP BY s.code ORDER BY s.code");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->aid);
	while (rc == MMS_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);

		if (sqlite3_column_int64(st, 3) < MMS_SIGN_MIN_N)
			continue;
		/* the groups are by school code too: walk both */
		while (next < a->ngroups && (a->groups[next].level != MMS_LEVEL_SCHOOL ||
		                             strcmp(a->groups[next].school, code) < 0))
			next++;
		if (next < a->ngroups && !strcmp(a->groups[next].school, code))
			rc = sign_history(c, st, &a->groups[next]);
	}
	if (rc == MMS_OK && step != SQLITE_DONE)
		rc = mms_fail_sql(c->db, N_("reading the schools' earlier results"));
	sqlite3_finalize(st);
	return rc;
}

/* ---------------------------------------------------------------- scope */

static int find_scope(struct ctx *c, const mms_analysis_opts *o)
{
	mms_analysis *a = c->a;
	int64_t sid = 0;
	int school = -1, klass = -1, rc;

	if (o->school && (rc = mms_school_by_code(c->db, o->school, &sid)) != MMS_OK)
		return rc;
	if (o->school) {
		sqlite3_stmt *st;
		const char *code = NULL;

		rc = mms_prepare(c->db, &st, "SELECT code FROM school WHERE id = ?1");
		if (rc != MMS_OK)
			return rc;
		sqlite3_bind_int64(st, 1, sid);
		if (sqlite3_step(st) == SQLITE_ROW)
			code = (const char *)sqlite3_column_text(st, 0);
		for (size_t i = 1; code && i < a->ngroups; i++)
			if (a->groups[i].level == MMS_LEVEL_SCHOOL &&
			    !strcmp(a->groups[i].school, code))
				school = (int)i;
		sqlite3_finalize(st);
		if (school < 0)
			return mms_fail(c->db, MMS_ENOTFOUND,
			                _("school '%s' has no participants in assessment '%s'"),
			                o->school, a->assessment);
	}
	if (o->class_label) {
		int found = 0;

		for (size_t i = 1; i < a->ngroups; i++) {
			mms_analysis_group *g = &a->groups[i];

			if (g->level != MMS_LEVEL_CLASS || (school >= 0 && g->parent != school) ||
			    strcmp(g->class_label, o->class_label) != 0)
				continue;
			klass = (int)i;
			found++;
		}
		if (!found)
			return mms_fail(c->db, MMS_ENOTFOUND,
			                _("no class '%s' took part in assessment '%s'%s"),
			                o->class_label, a->assessment,
			                o->school ? "" : _(" (give --school to name its school)"));
		if (found > 1)
			return mms_fail(c->db, MMS_EAMBIGUOUS,
			                _("class '%s' is in %d schools: give --school"),
			                o->class_label, found);
	}
	a->scope = klass >= 0 ? klass : school >= 0 ? school : 0;
	for (size_t i = 0; i < a->ngroups; i++) {
		const mms_analysis_group *g = &a->groups[i];

		a->groups[i].in_scope = (int)i == a->scope ||
		                        (a->scope == 0 && g->level == MMS_LEVEL_SCHOOL) ||
		                        (g->level == MMS_LEVEL_CLASS && g->parent == a->scope);
	}
	return MMS_OK;
}

/* ---------------------------------------------------------------- skills */

static int load_skills(struct ctx *c)
{
	mms_analysis *a = c->a;
	const mms_analysis_group *scope = &a->groups[a->scope];
	sqlite3_stmt *st, *verdict;
	size_t cap = 0;
	int rc, oom = 0;

	rc = mms_prepare(
	    c->db, &st,
	    "SELECT sk.id, sk.code, sk.text, group_concat(t.position) FROM skill sk "
	    "JOIN task_skill ts ON ts.skill_id = sk.id JOIN task t ON t.id = ts.task_id "
	    "WHERE t.assessment_id = ?1 GROUP BY sk.id ORDER BY min(t.position), sk.code");
	if (rc != MMS_OK)
		return rc;
	rc = mms_prepare(
	    c->db, &verdict,
	    "SELECT d.verdict, d.spread FROM deficit_result d "
	    "WHERE d.run_id = (SELECT max(id) FROM deficit_run WHERE assessment_id = ?1) "
	    "AND d.skill_id = ?2 AND d.level = ?3 "
	    "AND (?4 IS NULL OR d.school_id = (SELECT school_id FROM school_code "
	    "  WHERE code = ?4)) "
	    "AND (?5 IS NULL OR d.class_id = (SELECT c.id FROM class c "
	    "  JOIN school_code sc ON sc.school_id = c.school_id "
	    "  WHERE sc.code = ?4 AND c.label = ?5))");
	if (rc != MMS_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_bind_int64(st, 1, c->aid);
	sqlite3_bind_int64(verdict, 1, c->aid);
	sqlite3_bind_text(verdict, 3,
	                  scope->level == MMS_LEVEL_CLASS    ? "class"
	                  : scope->level == MMS_LEVEL_SCHOOL ? "school"
	                                                     : "district",
	                  -1, SQLITE_STATIC);
	sqlite3_bind_text(verdict, 4, scope->school, -1, SQLITE_STATIC);
	sqlite3_bind_text(verdict, 5, scope->class_label, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_analysis_skill *k;
		const char *pos = (const char *)sqlite3_column_text(st, 3);
		double got = 0, got_d = 0, max = 0;

		if (mms_grow((void **)&a->skills, &cap, a->nskills + 1, sizeof(*a->skills))) {
			oom = 1;
			break;
		}
		k = &a->skills[a->nskills++];
		memset(k, 0, sizeof(*k));
		k->id = sqlite3_column_int64(st, 0);
		k->code = mms_column_dup(st, 1, &oom);
		k->text = mms_column_dup(st, 2, &oom);
		/* the skill's tasks, by position: their points over their maximum */
		for (const char *p = pos; p && *p;) {
			long position = strtol(p, (char **)&p, 10);

			for (size_t t = 0; t < a->ntasks; t++) {
				if (c->positions[t] != position)
					continue;
				got += scope->task_success[t] * a->tasks[t].max;
				got_d += a->groups[0].task_success[t] * a->tasks[t].max;
				max += a->tasks[t].max;
			}
			if (*p == ',')
				p++;
		}
		k->success = max > 0 ? got / max : NAN;
		k->district = max > 0 ? got_d / max : NAN;
		sqlite3_reset(verdict);
		sqlite3_bind_int64(verdict, 2, sqlite3_column_int64(st, 0));
		k->spread = MMS_SPREAD_NONE;
		if (sqlite3_step(verdict) == SQLITE_ROW) {
			k->classified = 1;
			k->verdict = mms_verdict_of((const char *)sqlite3_column_text(verdict, 0));
			k->spread = mms_spread_of((const char *)sqlite3_column_text(verdict, 1));
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(verdict);
	if (oom)
		return mms_oom(c->db);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(c->db, N_("reading the skills"));
	return MMS_OK;
}

/* ---------------------------------------------------------------- reference and trend */

static int load_reference(struct ctx *c)
{
	static const char *const scopes[] = {"russia", "region", "municipality"};
	mms_analysis *a = c->a;
	sqlite3_stmt *st;
	int rc, oom = 0;

	for (int s = 0; s < 3; s++)
		for (int m = 0; m < 4; m++)
			a->ref_marks[s][m] = NAN;
	rc = mms_prepare(c->db, &st,
	                 "SELECT scope, name, what, value FROM reference_value "
	                 "WHERE assessment_id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->aid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *scope = (const char *)sqlite3_column_text(st, 0);
		const char *what = (const char *)sqlite3_column_text(st, 2);
		double v = sqlite3_column_double(st, 3);
		int s = 0;

		while (s < 3 && strcmp(scope, scopes[s]) != 0)
			s++;
		if (s == 3)
			continue;
		if (!a->ref_name[s])
			a->ref_name[s] = mms_column_dup(st, 1, &oom);
		if (!strncmp(what, "mark:", 5) && what[5] >= '2' && what[5] <= '5' && !what[6])
			a->ref_marks[s][what[5] - '2'] = v;
		else if (!strncmp(what, "task:", 5))
			for (size_t t = 0; t < a->ntasks; t++)
				if (!strcmp(a->tasks[t].label, what + 5))
					*(s == 0   ? &a->tasks[t].russia
					  : s == 1 ? &a->tasks[t].region
					           : &a->tasks[t].municipality) = v;
	}
	sqlite3_finalize(st);
	if (oom)
		return mms_oom(c->db);
	return rc == SQLITE_DONE ? MMS_OK : mms_fail_sql(c->db, N_("reading the reference values"));
}

/* The earlier assessments' marks (?1 this one, ?2 the school's code or NULL): the
   assessments first, then their participants by the index (CROSS JOIN keeps that
   order; the planner would scan every participant of the database). */
const char mms_sql_trend[] =
    "SELECT * FROM (SELECT b.code, b.date, count(*), "
    "  count(*) FILTER (WHERE p.mark >= 3), count(*) FILTER (WHERE p.mark >= 4), "
    "  avg(p.mark), count(p.mark) "
    "FROM assessment me CROSS JOIN assessment b CROSS JOIN participant p "
    "ON p.assessment_id = b.id "
    "WHERE me.id = ?1 AND b.kind = me.kind AND b.subject_id = me.subject_id "
    "AND b.grade = me.grade AND b.date < me.date AND p.absent = 0 "
    "AND (?2 IS NULL OR p.school_id = (SELECT school_id FROM school_code WHERE code = ?2)) "
    "GROUP BY b.id ORDER BY b.date DESC, b.id DESC LIMIT " MMS_SQL_NUM(
        MMS_TREND_YEARS) " - 1) ORDER BY 2, 1";

/*
 * The scope's marks in each assessment of the same kind, subject and grade
 * (its school's for a class): the earlier ones as their files gave them,
 * this one as analysed (the scale's marks too, where the file had none).
 */
static int load_trend(struct ctx *c)
{
	mms_analysis *a = c->a;
	const mms_analysis_group *scope = &a->groups[a->scope];
	const mms_marks *m =
	    scope->level == MMS_LEVEL_CLASS ? &a->groups[scope->parent].marks : &scope->marks;
	const char *school = scope->school;
	mms_analysis_year *y;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, oom = 0;

	rc = mms_prepare(c->db, &st, mms_sql_trend);
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->aid);
	sqlite3_bind_text(st, 2, school, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long marked = sqlite3_column_int64(st, 6);

		if (mms_grow((void **)&a->years, &cap, a->nyears + 1, sizeof(*a->years))) {
			oom = 1;
			break;
		}
		y = &a->years[a->nyears++];
		y->assessment = mms_column_dup(st, 0, &oom);
		y->date = mms_column_dup(st, 1, &oom);
		y->present = sqlite3_column_int64(st, 2);
		y->pass = share(sqlite3_column_int64(st, 3), marked);
		y->quality = share(sqlite3_column_int64(st, 4), marked);
		y->mean = marked ? sqlite3_column_double(st, 5) : NAN;
	}
	sqlite3_finalize(st);
	if (oom)
		return mms_oom(c->db);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(c->db, N_("reading the earlier years"));
	/* this year, the latest: its participants were read already */
	if (!m->present)
		return MMS_OK;
	if (mms_grow((void **)&a->years, &cap, a->nyears + 1, sizeof(*a->years)))
		return mms_oom(c->db);
	y = &a->years[a->nyears++];
	y->assessment = strdup(a->assessment);
	y->date = a->date ? strdup(a->date) : NULL;
	y->present = m->present;
	y->pass = m->pass;
	y->quality = m->quality;
	y->mean = m->mean;
	if (!y->assessment || (a->date && !y->date))
		return mms_oom(c->db);
	return MMS_OK;
}

/* Each skill's success in the trend's earlier years, from their latest classification. */
static int load_skill_trend(struct ctx *c)
{
	mms_analysis *a = c->a;
	const mms_analysis_group *scope = &a->groups[a->scope];
	const char *school = scope->school;
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(c->db, &st,
	                 "SELECT d.success FROM deficit_result d WHERE d.run_id = "
	                 "  (SELECT max(u.id) FROM deficit_run u JOIN assessment b "
	                 "   ON b.id = u.assessment_id WHERE b.code = ?1) "
	                 "AND d.level = CASE WHEN ?2 IS NULL THEN 'district' ELSE 'school' END "
	                 "AND (?2 IS NULL OR d.school_id = "
	                 "  (SELECT school_id FROM school_code WHERE code = ?2)) "
	                 "AND d.skill_id IN (SELECT same_id FROM skill_same WHERE skill_id = ?3) "
	                 "ORDER BY d.skill_id = ?3 DESC LIMIT 1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 2, school, -1, SQLITE_STATIC);
	for (size_t i = 0; i < a->nskills && rc == MMS_OK; i++) {
		mms_analysis_skill *k = &a->skills[i];

		k->years = malloc((a->nyears ? a->nyears : 1) * sizeof(double));
		if (!k->years) {
			rc = mms_oom(c->db);
			break;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 3, k->id);
		for (size_t y = 0; y < a->nyears; y++) {
			k->years[y] = NAN;
			if (!strcmp(a->years[y].assessment, a->assessment)) {
				k->years[y] = scope->level == MMS_LEVEL_DISTRICT ? k->district
				              : scope->level == MMS_LEVEL_SCHOOL
				                  ? k->success
				                  : NAN; /* a class: its school's, below */
				if (scope->level != MMS_LEVEL_CLASS)
					continue;
			}
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, a->years[y].assessment, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				k->years[y] = sqlite3_column_double(st, 0);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---------------------------------------------------------------- entry points */

static int compute(mms_db *db, struct ctx *c, const char *assessment, int signs)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->db = db;
	c->a = calloc(1, sizeof(*c->a));
	if (!c->a)
		return mms_oom(db);
	rc = load_assessment(c, assessment);
	if (rc == MMS_OK)
		rc = load_tasks(c);
	if (rc == MMS_OK)
		rc = scan(c);
	if (rc == MMS_OK)
		rc = find_scale(c);
	if (rc == MMS_OK)
		rc = tally(c);
	if (rc == MMS_OK && signs)
		rc = find_signs(c);
	return rc;
}

static void ctx_free(struct ctx *c)
{
	free(c->slots);
	free(c->positions);
	free(c->scores);
	free(c->rows);
	free(c->seen);
	free(c->seen_points);
}

int mms_analyse(mms_db *db, const mms_analysis_opts *o, mms_analysis **out)
{
	struct ctx c;
	int rc = compute(db, &c, o->assessment, !o->marks_only);

	*out = NULL;
	if (rc == MMS_OK && c.nrows == 0)
		rc = mms_fail(db, MMS_ENOTFOUND,
		              _("assessment '%s' has no results (mms import-results)"),
		              c.a->assessment);
	if (rc == MMS_OK)
		rc = find_scope(&c, o);
	if (rc == MMS_OK && !o->marks_only)
		rc = load_skills(&c);
	if (rc == MMS_OK && !o->marks_only)
		rc = load_reference(&c);
	if (rc == MMS_OK)
		rc = load_trend(&c);
	if (rc == MMS_OK && !o->marks_only)
		rc = load_skill_trend(&c);
	ctx_free(&c);
	if (rc != MMS_OK) {
		mms_analysis_free(c.a);
		return rc;
	}
	*out = c.a;
	return MMS_OK;
}

void mms_analysis_free(mms_analysis *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->ngroups; i++) {
		mms_analysis_group *g = &a->groups[i];

		free(g->school);
		free(g->school_name);
		free(g->class_label);
		free(g->hist);
		free(g->task_success);
		free(g->history_assessment);
	}
	for (size_t i = 0; i < a->ntasks; i++) {
		free(a->tasks[i].label);
		free(a->tasks[i].level);
		free(a->tasks[i].skills);
	}
	for (size_t i = 0; i < a->nskills; i++) {
		free(a->skills[i].code);
		free(a->skills[i].text);
		free(a->skills[i].years);
	}
	for (size_t i = 0; i < a->nyears; i++) {
		free(a->years[i].assessment);
		free(a->years[i].date);
	}
	for (int s = 0; s < 3; s++)
		free(a->ref_name[s]);
	free(a->groups);
	free(a->tasks);
	free(a->skills);
	free(a->years);
	free(a->assessment);
	free(a->kind);
	free(a->subject);
	free(a->date);
	free(a);
}

/* ---------------------------------------------------------------- scale and signs kept */

int mms_scale_set(mms_db *db, const char *assessment, const double min[3])
{
	sqlite3_stmt *st;
	double max = 0;
	int64_t aid = 0;
	int rc;

	rc =
	    mms_prepare(db, &st,
	                "SELECT a.id, (SELECT sum(max_score) FROM task WHERE assessment_id = a.id) "
	                "FROM assessment a WHERE a.code = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, assessment, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		aid = sqlite3_column_int64(st, 0);
		max = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	if (!aid)
		return assessment_not_found(db, assessment);
	if (!(min[0] >= 0 && min[0] < min[1] && min[1] < min[2] && min[2] <= max + MMS_EPS))
		return mms_fail(db, MMS_EUSAGE,
		                _("the lowest scores of 3, 4 and 5 must grow from 0 to the "
		                  "assessment's maximum %g: %g, %g, %g"),
		                max, min[0], min[1], min[2]);
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = mms_prepare(db, &st,
	                 "INSERT OR REPLACE INTO mark_scale(assessment_id, min3, min4, min5) "
	                 "VALUES (?1, ?2, ?3, ?4)");
	if (rc == MMS_OK) {
		sqlite3_bind_int64(st, 1, aid);
		for (int k = 0; k < 3; k++)
			sqlite3_bind_double(st, 2 + k, min[k]);
		rc = mms_step_done(db, st);
		sqlite3_finalize(st);
	}
	return mms_tx_end(db, rc);
}

int mms_scale_get(mms_db *db, const char *assessment, double min[3])
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st,
	                     "SELECT m.min3, m.min4, m.min5 FROM assessment a "
	                     "LEFT JOIN mark_scale m ON m.assessment_id = a.id WHERE a.code = ?1");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, assessment, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		for (int k = 0; k < 3; k++)
			min[k] = sqlite3_column_double(st, k);
		rc = MMS_OK;
	} else if (rc == SQLITE_ROW) {
		min[0] = min[1] = min[2] = NAN;
		rc = MMS_OK;
	} else if (rc == SQLITE_DONE) {
		rc = assessment_not_found(db, assessment);
	} else {
		rc = mms_fail_sql(db, N_("reading the scale"));
	}
	sqlite3_finalize(st);
	return rc;
}

/* Adds G's SIGN to S, its school and class found by ST (a sign of a school no
   code names is dropped, as it always was). */
static int add_sign(mms_db *db, sqlite3_stmt *st, mms_signs *s, size_t *cap,
                    const mms_analysis_group *g, const char *sign, double value, double reference)
{
	mms_sign_row *r;
	int rc;

	sqlite3_bind_text(st, 1, g->school, -1, SQLITE_STATIC);
	if (g->class_label)
		sqlite3_bind_text(st, 2, g->class_label, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return MMS_OK;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return mms_fail_sql(db, N_("reading the signs' schools"));
	}
	if (mms_grow((void **)&s->rows, cap, s->nrows + 1, sizeof(*s->rows)) < 0) {
		sqlite3_reset(st);
		return mms_oom(db);
	}
	r = &s->rows[s->nrows++];
	r->school_id = sqlite3_column_int64(st, 0);
	r->class_id = sqlite3_column_int64(st, 1);
	r->sign = sign;
	r->value = value;
	r->reference = reference;
	sqlite3_reset(st);
	return MMS_OK;
}

int mms_signs_find(mms_db *db, int64_t assessment_id, mms_signs *out)
{
	struct ctx c;
	sqlite3_stmt *code, *where = NULL;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = mms_prepare(db, &code, "SELECT code FROM assessment WHERE id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(code, 1, assessment_id);
	if (sqlite3_step(code) != SQLITE_ROW) {
		sqlite3_finalize(code);
		return mms_fail_sql(db, N_("reading the assessment"));
	}
	rc = compute(db, &c, (const char *)sqlite3_column_text(code, 0), 1);
	sqlite3_finalize(code);
	ctx_free(&c);
	if (rc == MMS_OK)
		rc = mms_prepare(db, &where,
		                 "SELECT sc.school_id, (SELECT c.id FROM class c WHERE "
		                 "c.school_id = sc.school_id AND c.label = ?2) "
		                 "FROM school_code sc WHERE sc.code = ?1");
	/* the signs alone are kept, not the groups they were found in */
	for (size_t i = 1; rc == MMS_OK && c.a && i < c.a->ngroups; i++) {
		const mms_analysis_group *g = &c.a->groups[i];
		const mms_analysis_group *d = &c.a->groups[0];

		if (g->signs & MMS_SIGN_BOUNDARY)
			rc = add_sign(db, where, out, &cap, g, "boundary", (double)g->peak_at,
			              (double)g->peak_below);
		if (rc == MMS_OK && (g->signs & MMS_SIGN_RAISED))
			rc = add_sign(db, where, out, &cap, g, "raised", g->marks.higher_share,
			              d->marks.higher_share);
		if (rc == MMS_OK && (g->signs & MMS_SIGN_HISTORY))
			rc = add_sign(db, where, out, &cap, g, "history", g->marks.quality,
			              g->history_quality);
		out->groups += g->signs != 0;
	}
	sqlite3_finalize(where);
	mms_analysis_free(c.a);
	if (rc != MMS_OK)
		mms_signs_free(out);
	return rc;
}

int mms_signs_write(mms_db *db, int64_t assessment_id, const mms_signs *s)
{
	sqlite3_stmt *st = NULL, *del;
	int rc;

	rc = mms_prepare(db, &del, "DELETE FROM objectivity_sign WHERE assessment_id = ?1");
	if (rc == MMS_OK) {
		sqlite3_bind_int64(del, 1, assessment_id);
		rc = mms_step_done(db, del);
		sqlite3_finalize(del);
	}
	if (rc == MMS_OK)
		rc = mms_prepare(db, &st,
		                 "INSERT INTO objectivity_sign(assessment_id, school_id, class_id, "
		                 "sign, value, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	for (size_t i = 0; rc == MMS_OK && i < s->nrows; i++) {
		const mms_sign_row *r = &s->rows[i];

		sqlite3_bind_int64(st, 1, assessment_id);
		sqlite3_bind_int64(st, 2, r->school_id);
		if (r->class_id)
			sqlite3_bind_int64(st, 3, r->class_id);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_text(st, 4, r->sign, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 5, r->value);
		if (isnan(r->reference))
			sqlite3_bind_null(st, 6);
		else
			sqlite3_bind_double(st, 6, r->reference);
		rc = mms_step_done(db, st);
	}
	sqlite3_finalize(st);
	return rc;
}

void mms_signs_free(mms_signs *s)
{
	if (!s)
		return;
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

int mms_signs_store(mms_db *db, int64_t assessment_id, long *found)
{
	mms_signs signs;
	int rc = mms_signs_find(db, assessment_id, &signs);

	*found = signs.groups;
	if (rc == MMS_OK)
		rc = mms_signs_write(db, assessment_id, &signs);
	mms_signs_free(&signs);
	return rc;
}
