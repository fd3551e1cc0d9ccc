/*
 * classify-deficits: success rates per skill and group in one pass over the
 * scores of an assessment, then verdicts, spread and persistence.
 *
 * The scores are read participant by participant (one row each, its scores
 * packed in a BLOB at the tasks' slots), each participant's points are summed
 * per skill in a small array, and then added to the participant's class,
 * school, the teachers of the class in the assessment's school year, and the
 * district.  Memory is groups × skills, never scores.
 *
 * The teacher is the unit of attribution: a teacher's classes pooled are
 * compared with the rest of the district without them, and where a school is
 * below, the teachers below decide whose the shortfall is (spread 'teacher':
 * one teacher's classes; 'school': two or more teachers of the grade each
 * below).
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "deficits/codes.h"
#include "deficits/earlier.h"
#include "deficits/stats.h"
#include "internal.h"
#include "mms/analysis.h"
#include "mms/deficits.h"
#include "results/packed.h"

/* Rates are sums of scores: allow for rounding when comparing to a threshold. */
/* A student's success rate is stored in millionths (see student_below). */
#define MMS_STUDENT_SCALE 1000000.0
/* The false discovery rate of the class-against-district comparisons. */

enum { LV_B, LV_P, LV_V, NLEVELS };
static const char *const level_names[NLEVELS] = {"Б", "П", "В"};

struct skill {
	sqlite3_int64 id;
	double level_points[NLEVELS]; /* the maximum points of its tasks, by level */
	int level;                    /* the level whose threshold applies */
	double sufficient, insufficient;
};

struct task {
	sqlite3_int64 id;
	int slot; /* where its score is in participant.scores */
	double max;
	int first, count; /* its skills: skill_of[first .. first + count) */
};

enum { G_DISTRICT, G_SCHOOL, G_CLASS, G_TEACHER };

struct group {
	int kind; /* G_… */
	sqlite3_int64 school_id, class_id, teacher_id;
	int school;         /* the index of its school's group (classes) */
	int tfirst, tcount; /* a class's teachers: teacher_of[tfirst .. + tcount) */
	int classes;        /* a teacher's classes with results */
	int bucket;         /* its students below half: buckets[bucket], or -1 */
};

/* The teachers of the assessment's classes, by class (sorted by class id). */
struct class_teacher {
	sqlite3_int64 class_id;
	int group; /* the teacher's group */
};

/* A group × skill's sums (the counts are of participants: ten regions hold 1.5 million). */
struct acc {
	double points, possible;
	int n, below;
};

/* A group × skill judged (its success and interval are found again from its
   acc when it is stored: a region's cells are millions). */
struct result {
	double p, q;
	unsigned char verdict;     /* enum mms_verdict */
	unsigned char tested;      /* against the rest of the district */
	signed char spread;        /* enum mms_spread (NONE is -1) */
	unsigned char persistence; /* enum mms_persistence */
};

/* A teacher × skill tested the other way: clearly above the rest of the district. */
struct above {
	double pa, qa;
};

/* What a run's reading saw: see seen_now(). */
struct seen {
	sqlite3_int64 version, run, log;
};

/*
 * What a run of an assessment reads and judges, before it is stored: found by
 * one connection (see read_ahead()) and stored by another.
 */
struct found {
	sqlite3_int64 assessment;
	const char *date; /* of the assessment; NULL if unknown */
	struct skill *skills;
	int nskills;
	struct task *tasks;
	int ntasks;
	int *skill_of;
	int nskill_of;
	struct group *groups;
	int ngroups, capgroups;
	struct class_teacher *ct;
	int nct;
	int *teacher_of; /* group indexes of the teachers of each class group */
	int nteacher_of;
	int nteachers;       /* teacher groups: 1 .. nteachers, ordered by school */
	struct acc *acc;     /* ngroups × nskills */
	struct result *res;  /* ngroups × nskills */
	struct above *above; /* the teachers' groups (1 .. nteachers) × nskills */
	/* the classes' students below half, a row of student_below each, a school's
	   together and the schools in turn, as the participants come */
	struct bucket {
		int group; /* the class's group; the school's for the students without a class */
		mms_buf json;
	} * buckets;
	size_t nbuckets, capbuckets;
	mms_signs signs;          /* the signs of non-objective results found */
	mms_classify_stats count; /* the participants, scores and students below read */
	struct seen seen;         /* what its reading saw */
};

/* The columns of a row of deficit_row and of teacher_result a run stores, and the
   rows of either an INSERT (batch_add()). */
enum { RESULT_COLUMNS = 15, TEACHER_COLUMNS = 18, RESULT_BATCH = 32 };

struct work;

/*
 * A table's rows stored RESULT_BATCH an INSERT, in the order they come: the
 * statement of a batch and the one of a row (for the rows left over), how a
 * row (group G's of skill S) is bound to a statement's parameters after BASE,
 * and the rows waiting.
 */
struct batch {
	sqlite3_stmt *many, *one;
	int columns;
	void (*bind)(struct work *w, sqlite3_stmt *st, int base, sqlite3_int64 run, int g, int s);
	struct pending {
		int g, s;
	} pending[RESULT_BATCH];
	int npending;
};

struct work {
	mms_db *db;
	mms_thresholds th;
	struct found f;
	double *pts, *poss; /* one participant's, per skill */
	sqlite3_stmt *participants, *student, *run, *teachers;
	mms_earlier *earlier;     /* the earlier deficits, for persistence */
	mms_buf below;            /* one participant's skills below half, as JSON */
	struct batch rows, trows; /* deficit_row's and teacher_result's */
	mms_classify_stats *stats;
	mms_classify_hook first; /* called with the first run stored */
	void *first_arg;
	int first_done;
	mms_checkpointer *checkpoints; /* the log copied while the next run is read */
	sqlite3_int64 stored;          /* the run write_run() stored last */
	sqlite3_int64 *mine;           /* the runs committed: nmine of them */
	size_t nmine;
	sqlite3_int64 own_log; /* the line of the history written with the first run (0: none) */
};

static int nomem(mms_db *db)
{
	return mms_oom(db);
}

static int find_skill(const struct work *w, sqlite3_int64 id)
{
	int lo = 0, hi = w->f.nskills - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (w->f.skills[mid].id == id)
			return mid;
		if (w->f.skills[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* The assessment's skills and tasks, and each skill's level and thresholds. */
static int load_spec(struct work *w)
{
	sqlite3_stmt *st;
	int rc, cap = 0, tcap = 0, scap = 0;

	rc = mms_prepare(w->db, &st,
	                 "SELECT t.id, t.max_score, t.level, ts.skill_id, t.slot FROM task t "
	                 "JOIN task_skill ts ON ts.task_id = t.id WHERE t.assessment_id = ?1 "
	                 "ORDER BY t.id, ts.skill_id");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, w->f.assessment);
	/* First pass: the distinct skills, kept sorted by id. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 sid = sqlite3_column_int64(st, 3);
		int at;

		if (find_skill(w, sid) >= 0)
			continue;
		if (w->f.nskills == cap) {
			struct skill *g;

			cap = cap ? 2 * cap : 16;
			g = realloc(w->f.skills, (size_t)cap * sizeof(*g));
			if (!g) {
				sqlite3_finalize(st);
				return nomem(w->db);
			}
			w->f.skills = g;
		}
		for (at = w->f.nskills; at > 0 && w->f.skills[at - 1].id > sid; at--)
			w->f.skills[at] = w->f.skills[at - 1];
		memset(&w->f.skills[at], 0, sizeof(w->f.skills[at]));
		w->f.skills[at].id = sid;
		w->f.nskills++;
	}
	if (rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return mms_fail_sql(w->db, "reading the assessment's tasks");
	}
	sqlite3_reset(st);
	/* Second pass: the tasks with their skills; the points of each level. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 tid = sqlite3_column_int64(st, 0);
		double max = sqlite3_column_double(st, 1);
		const char *lv = (const char *)sqlite3_column_text(st, 2);
		int s = find_skill(w, sqlite3_column_int64(st, 3)), l = LV_B;

		for (int i = 0; i < NLEVELS; i++)
			if (lv && !strcmp(lv, level_names[i]))
				l = i;
		if (!w->f.ntasks || w->f.tasks[w->f.ntasks - 1].id != tid) {
			if (w->f.ntasks == tcap) {
				struct task *g;

				tcap = tcap ? 2 * tcap : 32;
				g = realloc(w->f.tasks, (size_t)tcap * sizeof(*g));
				if (!g) {
					sqlite3_finalize(st);
					return nomem(w->db);
				}
				w->f.tasks = g;
			}
			w->f.tasks[w->f.ntasks].id = tid;
			w->f.tasks[w->f.ntasks].slot = sqlite3_column_int(st, 4);
			w->f.tasks[w->f.ntasks].max = max;
			w->f.tasks[w->f.ntasks].first = w->f.nskill_of;
			w->f.tasks[w->f.ntasks].count = 0;
			w->f.ntasks++;
		}
		if (w->f.nskill_of == scap) {
			int *g;

			scap = scap ? 2 * scap : 64;
			g = realloc(w->f.skill_of, (size_t)scap * sizeof(*g));
			if (!g) {
				sqlite3_finalize(st);
				return nomem(w->db);
			}
			w->f.skill_of = g;
		}
		w->f.skill_of[w->f.nskill_of++] = s;
		w->f.tasks[w->f.ntasks - 1].count++;
		w->f.skills[s].level_points[l] += max;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(w->db, "reading the assessment's tasks");
	for (int i = 0; i < w->f.nskills; i++) {
		struct skill *k = &w->f.skills[i];

		/* The level carrying most of the skill's points; a tie goes to the
		   lower level, whose threshold is the stricter one. */
		k->level = LV_B;
		for (int l = LV_P; l < NLEVELS; l++)
			if (k->level_points[l] > k->level_points[k->level])
				k->level = l;
		k->sufficient = k->level == LV_B ? w->th.basic_sufficient : w->th.higher_sufficient;
		k->insufficient =
		    k->level == LV_B ? w->th.basic_insufficient : w->th.higher_insufficient;
	}
	return MMS_OK;
}

static int add_group(struct work *w, int kind, sqlite3_int64 school_id, sqlite3_int64 class_id,
                     int school)
{
	struct group *gr;

	if (w->f.ngroups == w->f.capgroups) {
		int cap = w->f.capgroups ? 2 * w->f.capgroups : 64;
		struct group *g = realloc(w->f.groups, (size_t)cap * sizeof(*g));
		struct acc *a;

		if (!g)
			return -1;
		w->f.groups = g;
		a = realloc(w->f.acc, ((size_t)cap * (size_t)w->f.nskills + 1) * sizeof(*a));
		if (!a)
			return -1;
		w->f.acc = a;
		w->f.capgroups = cap;
	}
	gr = &w->f.groups[w->f.ngroups];
	memset(gr, 0, sizeof(*gr));
	gr->kind = kind;
	gr->school_id = school_id;
	gr->class_id = class_id;
	gr->school = school;
	gr->bucket = -1;
	memset(&w->f.acc[(size_t)w->f.ngroups * (size_t)w->f.nskills], 0,
	       (size_t)w->f.nskills * sizeof(*w->f.acc));
	return w->f.ngroups++;
}

static void add_to(struct work *w, int g, int s, double pts, double poss, int below)
{
	struct acc *a = &w->f.acc[(size_t)g * (size_t)w->f.nskills + (size_t)s];

	a->points += pts;
	a->possible += poss;
	a->n++;
	a->below += below;
}

static int by_class(const void *a, const void *b)
{
	const struct class_teacher *x = a, *y = b;

	return (x->class_id > y->class_id) - (x->class_id < y->class_id);
}

/*
 * The teachers of the assessment's classes in its school year, each a group
 * of its own, right after the district's and ordered by school: groups
 * 1 .. nteachers.
 */
static int load_teachers(struct work *w)
{
	sqlite3_stmt *st = w->teachers;
	sqlite3_int64 last = 0;
	int rc, cap = 0, g = -1;

	sqlite3_bind_int64(st, 1, w->f.assessment);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 tid = sqlite3_column_int64(st, 1);

		if (g < 0 || tid != last) {
			g = add_group(w, G_TEACHER, sqlite3_column_int64(st, 2), 0, -1);
			if (g < 0)
				break;
			w->f.groups[g].teacher_id = last = tid;
			w->f.nteachers++;
		}
		if (w->f.nct == cap) {
			struct class_teacher *grown;

			cap = cap ? 2 * cap : 32;
			grown = realloc(w->f.ct, (size_t)cap * sizeof(*grown));
			if (!grown)
				break;
			w->f.ct = grown;
		}
		w->f.ct[w->f.nct].class_id = sqlite3_column_int64(st, 0);
		w->f.ct[w->f.nct++].group = g;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return nomem(w->db);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(w->db, "reading who teaches the classes");
	if (w->f.nct)
		qsort(w->f.ct, (size_t)w->f.nct, sizeof(*w->f.ct), by_class);
	return MMS_OK;
}

/* The teacher groups of SCHOOL: *FIRST .. *FIRST + return value. */
static int school_teachers(const struct work *w, sqlite3_int64 school, int *first)
{
	int lo = 1, hi = 1 + w->f.nteachers, n = 0;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (w->f.groups[mid].school_id < school)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo + n < 1 + w->f.nteachers && w->f.groups[lo + n].school_id == school)
		n++;
	return n;
}

/* The teachers of a new class group, from the class's assignments. */
static int link_teachers(struct work *w, int klass)
{
	sqlite3_int64 cid = w->f.groups[klass].class_id;
	int lo = 0, hi = w->f.nct;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (w->f.ct[mid].class_id < cid)
			lo = mid + 1;
		else
			hi = mid;
	}
	w->f.groups[klass].tfirst = w->f.nteacher_of;
	for (; lo < w->f.nct && w->f.ct[lo].class_id == cid; lo++) {
		int *grown =
		    realloc(w->f.teacher_of, ((size_t)w->f.nteacher_of + 1) * sizeof(*grown));

		if (!grown)
			return -1;
		w->f.teacher_of = grown;
		w->f.teacher_of[w->f.nteacher_of++] = w->f.ct[lo].group;
		w->f.groups[klass].tcount++;
		w->f.groups[w->f.ct[lo].group].classes++;
	}
	return 0;
}

/* A participant code as a JSON object's key (a code has no control characters). */
static int add_json_key(mms_buf *b, const char *s)
{
	size_t n = strlen(s);
	char *o = mms_buf_room(b, 2 * n + 3), *start = o; /* every byte escaped at most */

	if (!o)
		return MMS_ENOMEM;
	*o++ = '"';
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '"';
	*o++ = ':';
	b->len += (size_t)(o - start);
	b->p[b->len] = '\0';
	return MMS_OK;
}

/* Adds a student's skill below half to B, "[12,250000" or ",12,250000": integers
   only, whatever the locale's decimal point, written at once. */
static int add_below(mms_buf *b, long long skill, long rate)
{
	char *o = mms_buf_room(b, 1 + 20 + 1 + 20), *start = o;

	if (!o)
		return MMS_ENOMEM;
	*o++ = b->len ? ',' : '[';
	o = mms_put_digits(o, (unsigned long long)skill);
	*o++ = ',';
	o = mms_put_digits(o, (unsigned long long)(rate > 0 ? rate : 0));
	b->len += (size_t)(o - start);
	b->p[b->len] = '\0';
	return MMS_OK;
}

/* Adds the participant CODE's skills below half (w->below) to the bucket of GROUP
   (a class, or the school of the students without one). */
static int bucket_add(struct work *w, int group, const char *code)
{
	struct bucket *k;

	if (w->f.groups[group].bucket < 0) {
		if (mms_grow((void **)&w->f.buckets, &w->f.capbuckets, w->f.nbuckets + 1,
		             sizeof(*w->f.buckets)) < 0)
			return nomem(w->db);
		w->f.groups[group].bucket = (int)w->f.nbuckets;
		k = &w->f.buckets[w->f.nbuckets++];
		k->group = group;
		memset(&k->json, 0, sizeof(k->json));
	}
	k = &w->f.buckets[w->f.groups[group].bucket];
	if (mms_buf_adds(&k->json, k->json.len ? "," : "{") != MMS_OK ||
	    add_json_key(&k->json, code) != MMS_OK ||
	    mms_buf_add(&k->json, w->below.p, w->below.len) != MMS_OK)
		return nomem(w->db);
	return MMS_OK;
}

/* Ends the JSON of the buckets from FROM on (a school's), keeping no more memory
   than it takes: they wait for the run to be stored. */
static int buckets_close(struct work *w, size_t from)
{
	for (size_t i = from; i < w->f.nbuckets; i++) {
		mms_buf *b = &w->f.buckets[i].json;
		char *fit;

		if (mms_buf_adds(b, "}") != MMS_OK)
			return nomem(w->db);
		fit = realloc(b->p, b->len + 1);
		if (fit) {
			b->p = fit;
			b->cap = b->len + 1;
		}
	}
	return MMS_OK;
}

/* Stores the buckets, a row of student_below each, and empties them. */
static int buckets_store(struct work *w, sqlite3_int64 run)
{
	int rc = MMS_OK;

	for (size_t i = 0; i < w->f.nbuckets && rc == MMS_OK; i++) {
		struct bucket *k = &w->f.buckets[i];
		const struct group *g = &w->f.groups[k->group];

		sqlite3_bind_int64(w->student, 1, run);
		sqlite3_bind_int64(w->student, 2, g->school_id);
		if (g->kind == G_CLASS)
			sqlite3_bind_int64(w->student, 3, g->class_id);
		else
			sqlite3_bind_null(w->student, 3);
		sqlite3_bind_text(w->student, 4, k->json.p, (int)k->json.len, SQLITE_STATIC);
		rc = mms_step_done(w->db, w->student);
	}
	for (size_t i = 0; i < w->f.nbuckets; i++)
		mms_buf_free(&w->f.buckets[i].json);
	w->f.nbuckets = 0;
	return rc;
}

/* Adds group FROM's sums of every skill to group TO's. */
static void add_group_to(struct work *w, int to, int from)
{
	struct acc *t = &w->f.acc[(size_t)to * (size_t)w->f.nskills];
	const struct acc *f = &w->f.acc[(size_t)from * (size_t)w->f.nskills];

	for (int s = 0; s < w->f.nskills; s++) {
		t[s].points += f[s].points;
		t[s].possible += f[s].possible;
		t[s].n += f[s].n;
		t[s].below += f[s].below;
	}
}

/*
 * The sums of the schools, the teachers and the district from the classes'
 * (and a school's participants without a class, summed in the school's own):
 * a participant's skills are added to one group, not to four or five.  A
 * school's groups follow it, so its classes are added before its sums go to
 * the district.
 */
static void sums_up(struct work *w)
{
	for (int g = 0; g < w->f.ngroups; g++) {
		const struct group *k = &w->f.groups[g];

		if (k->kind != G_CLASS)
			continue;
		add_group_to(w, k->school, g);
		for (int t = 0; t < k->tcount; t++)
			add_group_to(w, w->f.teacher_of[k->tfirst + t], g);
	}
	for (int g = 0; g < w->f.ngroups; g++)
		if (w->f.groups[g].kind == G_SCHOOL)
			add_group_to(w, 0, g);
}

/* One pass over the present participants and their scores. */
static int aggregate(struct work *w)
{
	sqlite3_int64 last_school = 0;
	size_t school_buckets = 0; /* the first of the school's */
	int school = -1, klass = -1, rc;

	w->pts = calloc((size_t)w->f.nskills + 1, sizeof(double));
	w->poss = calloc((size_t)w->f.nskills + 1, sizeof(double));
	if (!w->pts || !w->poss || add_group(w, G_DISTRICT, 0, 0, -1) < 0)
		return nomem(w->db);
	rc = load_teachers(w);
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(w->participants, 1, w->f.assessment);
	while ((rc = sqlite3_step(w->participants)) == SQLITE_ROW) {
		sqlite3_int64 sid = sqlite3_column_int64(w->participants, 1);
		int has_class = sqlite3_column_type(w->participants, 2) != SQLITE_NULL;
		sqlite3_int64 cid = sqlite3_column_int64(w->participants, 2);
		const void *blob;
		int len;

		if (school < 0 || sid != last_school) {
			if ((rc = buckets_close(w, school_buckets)) != MMS_OK)
				return rc;
			school_buckets = w->f.nbuckets;
			school = add_group(w, G_SCHOOL, sid, 0, -1);
			if (school < 0)
				return nomem(w->db);
			last_school = sid;
			klass = -1;
		}
		/* Participants come by school and code, so a school's classes
		   interleave: find the class among the school's groups. */
		if (has_class && (klass < 0 || w->f.groups[klass].class_id != cid)) {
			klass = -1;
			for (int g = school + 1; g < w->f.ngroups; g++)
				if (w->f.groups[g].kind == G_CLASS &&
				    w->f.groups[g].class_id == cid)
					klass = g;
			if (klass < 0) {
				klass = add_group(w, G_CLASS, sid, cid, school);
				if (klass >= 0 && link_teachers(w, klass) < 0)
					klass = -1;
			}
			if (klass < 0)
				return nomem(w->db);
		}
		w->f.count.participants++;
		memset(w->pts, 0, (size_t)w->f.nskills * sizeof(double));
		memset(w->poss, 0, (size_t)w->f.nskills * sizeof(double));
		blob = sqlite3_column_blob(w->participants, 4);
		len = sqlite3_column_bytes(w->participants, 4);
		/* A task added to the description after the import has no slot in
		   the blob: it was not part of this participant's work. */
		for (int k = 0; k < w->f.ntasks; k++) {
			const struct task *t = &w->f.tasks[k];
			double score;
			int attempted;

			if (!mms_score_unpack(blob, len, t->slot, &score, &attempted))
				continue;
			w->f.count.scores++;
			for (int i = 0; i < t->count; i++) {
				int s = w->f.skill_of[t->first + i];

				w->pts[s] += score;
				w->poss[s] += t->max;
			}
		}
		w->below.len = 0;
		for (int s = 0; s < w->f.nskills; s++) {
			double rate;
			int below;

			if (!(w->poss[s] > 0))
				continue;
			rate = w->pts[s] / w->poss[s];
			below = rate < 0.5 - MMS_EPS;
			/* the class's alone: its school, teachers and the district add the
			   classes up after (sums_up()) */
			add_to(w, has_class ? klass : school, s, w->pts[s], w->poss[s], below);
			if (!below)
				continue;
			if (add_below(&w->below, w->f.skills[s].id,
			              lround(rate * MMS_STUDENT_SCALE)) != MMS_OK)
				return nomem(w->db);
			w->f.count.students_below++;
		}
		if (w->below.len) {
			const char *code = (const char *)sqlite3_column_text(w->participants, 3);

			if (!code || mms_buf_adds(&w->below, "]") != MMS_OK)
				return nomem(w->db);
			rc = bucket_add(w, has_class ? klass : school, code);
			if (rc != MMS_OK)
				return rc;
		}
	}
	sqlite3_reset(w->participants);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(w->db, "reading the participants");
	sums_up(w);
	return buckets_close(w, school_buckets);
}

static const struct acc *acc_at(const struct work *w, int g, int s)
{
	return &w->f.acc[(size_t)g * (size_t)w->f.nskills + (size_t)s];
}

static struct result *res_at(const struct work *w, int g, int s)
{
	return &w->f.res[(size_t)g * (size_t)w->f.nskills + (size_t)s];
}

static struct above *above_at(const struct work *w, int g, int s)
{
	return &w->f.above[(size_t)(g - 1) * (size_t)w->f.nskills + (size_t)s];
}

static enum mms_verdict verdict(const struct work *w, const struct skill *k, const struct acc *a,
                                double rate)
{
	if (a->n < w->th.min_n)
		return MMS_VERDICT_NO_DATA;
	if (rate < k->insufficient - MMS_EPS)
		return MMS_VERDICT_DEFICIT;
	if (rate >= k->sufficient - MMS_EPS)
		return MMS_VERDICT_SUFFICIENT;
	return MMS_VERDICT_UNCERTAIN;
}

/*
 * The group against the rest of the district without it, one-sided: P below
 * and (for teachers) PA above.  0 if there is no rest to compare with.
 */
static int test_against_rest(const struct work *w, int g, int s, double *p, double *pa)
{
	const struct acc *a = acc_at(w, g, s), *d = acc_at(w, 0, s);
	double rate, rest;

	if (!(d->n > a->n && d->possible > a->possible && a->possible > 0))
		return 0;
	rate = a->points / a->possible;
	rest = (d->points - a->points) / (d->possible - a->possible);
	*p = mms_ztest_below(rate, (double)a->n, rest, (double)(d->n - a->n));
	if (pa)
		*pa = mms_ztest_below(rest, (double)(d->n - a->n), rate, (double)a->n);
	return 1;
}

/*
 * The q-values of the tested cells of groups of KIND (G_CLASS or G_TEACHER),
 * N of them: of their p-values below, or (ABOVE) of the teachers' above.  One
 * family at a time, an item a cell (mms_bh_adjust_items()), in the order the
 * cells come, as the ties are ranked.
 */
static int adjust(struct work *w, int kind, size_t n, int above)
{
	struct mms_bh_item *items = malloc((n + 1) * sizeof(*items));
	size_t k = 0;

	if (!items)
		return nomem(w->db);
	for (int g = 0; g < w->f.ngroups; g++)
		for (int s = 0; w->f.groups[g].kind == kind && s < w->f.nskills; s++) {
			const struct result *r = res_at(w, g, s);

			if (r->tested)
				items[k++] = (struct mms_bh_item){
				    above ? above_at(w, g, s)->pa : r->p,
				    (size_t)g * (size_t)w->f.nskills + (size_t)s};
		}
	if (mms_bh_adjust_items(items, k) < 0) {
		free(items);
		return nomem(w->db);
	}
	for (size_t i = 0; i < k; i++) {
		if (above) /* a teacher's group, 1 .. nteachers */
			w->f.above[items[i].at - (size_t)w->f.nskills].qa = items[i].v;
		else
			w->f.res[items[i].at].q = items[i].v;
	}
	free(items);
	return MMS_OK;
}

/* The teachers of SCHOOL below on skill S. */
static int teachers_below(const struct work *w, sqlite3_int64 school, int s)
{
	int first, n = school_teachers(w, school, &first), below = 0;

	for (int g = first; g < first + n; g++)
		below += res_at(w, g, s)->verdict == MMS_VERDICT_DEFICIT;
	return below;
}

/* Whose a deficit is: the district's, the school's, a teacher's, a class's. */
static enum mms_spread spread_of(const struct work *w, int g, int s)
{
	const struct group *gr = &w->f.groups[g];
	const struct result *r = res_at(w, g, s);

	if (res_at(w, 0, s)->verdict == MMS_VERDICT_DEFICIT)
		return MMS_SPREAD_DISTRICT;
	switch (gr->kind) {
	case G_TEACHER:
		return teachers_below(w, gr->school_id, s) >= 2 ? MMS_SPREAD_SCHOOL
		                                                : MMS_SPREAD_TEACHER;
	case G_SCHOOL:
		return teachers_below(w, gr->school_id, s) == 1 ? MMS_SPREAD_TEACHER
		                                                : MMS_SPREAD_SCHOOL;
	case G_CLASS:
		/* the class's teacher below: the teacher's (or the school's) */
		for (int t = 0; t < gr->tcount; t++) {
			int tg = w->f.teacher_of[gr->tfirst + t];

			if (res_at(w, tg, s)->verdict == MMS_VERDICT_DEFICIT)
				return spread_of(w, tg, s);
		}
		/* a class nobody is known to teach: below with its school */
		if (!gr->tcount && res_at(w, gr->school, s)->verdict == MMS_VERDICT_DEFICIT)
			return MMS_SPREAD_SCHOOL;
		/* a teacher otherwise fine: one class clearly below */
		return r->tested && r->q <= MMS_FDR ? MMS_SPREAD_CLASS : MMS_SPREAD_INDIVIDUAL;
	default:
		return MMS_SPREAD_SCHOOL;
	}
}

/* Verdicts, the comparisons with their correction, spread (persistence is persist()'s). */
static int judge(struct work *w)
{
	size_t cells = (size_t)w->f.ngroups * (size_t)w->f.nskills, nc = 0, nt = 0;
	int rc;

	w->f.res = calloc(cells + 1, sizeof(*w->f.res));
	w->f.above = calloc((size_t)w->f.nteachers * (size_t)w->f.nskills + 1, sizeof(*w->f.above));
	if (!w->f.res || !w->f.above)
		return nomem(w->db);
	for (int g = 0; g < w->f.ngroups; g++) {
		int kind = w->f.groups[g].kind;

		for (int s = 0; s < w->f.nskills; s++) {
			const struct acc *a = acc_at(w, g, s);
			struct result *r = res_at(w, g, s);

			r->p = r->q = NAN;
			if (kind == G_TEACHER)
				above_at(w, g, s)->pa = above_at(w, g, s)->qa = NAN;
			r->verdict = MMS_VERDICT_NO_DATA;
			r->spread = MMS_SPREAD_NONE;
			r->persistence = MMS_PERSISTENCE_NONE;
			if (a->n == 0)
				continue;
			r->verdict = verdict(w, &w->f.skills[s], a, a->points / a->possible);
			/* a class with a verdict against the rest of the district */
			if (kind == G_CLASS && r->verdict != MMS_VERDICT_NO_DATA &&
			    test_against_rest(w, g, s, &r->p, NULL)) {
				r->tested = 1;
				nc++;
			}
			/* every teacher × skill pair of the assessment, both ways */
			if (kind == G_TEACHER &&
			    test_against_rest(w, g, s, &r->p, &above_at(w, g, s)->pa)) {
				r->tested = 1;
				nt++;
			}
		}
	}
	if ((rc = adjust(w, G_CLASS, nc, 0)) != MMS_OK ||
	    (rc = adjust(w, G_TEACHER, nt, 0)) != MMS_OK ||
	    (rc = adjust(w, G_TEACHER, nt, 1)) != MMS_OK)
		return rc;
	for (int g = 0; g < w->f.ngroups; g++) {
		const struct group *gr = &w->f.groups[g];

		for (int s = 0; s < w->f.nskills; s++) {
			const struct acc *a = acc_at(w, g, s);
			struct result *r = res_at(w, g, s);

			if (a->n == 0)
				continue;
			if (r->verdict == MMS_VERDICT_DEFICIT)
				r->spread = spread_of(w, g, s);
			else if (gr->kind == G_CLASS && a->below > 0)
				r->spread = MMS_SPREAD_INDIVIDUAL;
		}
	}
	return MMS_OK;
}

/*
 * Whether each deficit of the district, a school or a class was one in an
 * earlier assessment too: from the runs stored before this one (read by the
 * connection that stores it, after the run before it is committed), read
 * once and looked for in memory (earlier.h).
 */
static int persist(struct work *w)
{
	sqlite3_int64 *ids = malloc(((size_t)w->f.nskills + 1) * sizeof(*ids));
	int rc;

	if (!ids)
		return nomem(w->db);
	for (int s = 0; s < w->f.nskills; s++)
		ids[s] = w->f.skills[s].id;
	rc = mms_earlier_load(w->earlier, w->f.assessment, w->f.date, ids, w->f.nskills);
	free(ids);
	for (int g = 0; rc == MMS_OK && g < w->f.ngroups; g++) {
		const struct group *gr = &w->f.groups[g];
		struct mms_earlier_class klass;
		int found = 0;

		for (int s = 0; rc == MMS_OK && gr->kind != G_TEACHER && s < w->f.nskills; s++) {
			struct result *r = res_at(w, g, s);
			int again = 0;

			if (acc_at(w, g, s)->n == 0 || r->verdict != MMS_VERDICT_DEFICIT)
				continue;
			/* a class's school, grade and letter: once, at its first deficit */
			if (gr->kind == G_CLASS && !found++)
				rc = mms_earlier_class(w->earlier, gr->class_id, &klass);
			if (rc == MMS_OK)
				rc = mms_earlier_recurs(
				    w->earlier, s, gr->kind >= G_SCHOOL ? &gr->school_id : NULL,
				    gr->kind == G_CLASS ? &klass : NULL, &again);
			r->persistence = again ? MMS_PERSISTENCE_RECURRENT : MMS_PERSISTENCE_NEW;
		}
	}
	return rc;
}

static void bind_real_or_null(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

/* Teacher group G's row of skill S in teacher_result, bound to ST's parameters after BASE. */
static void bind_teacher(struct work *w, sqlite3_stmt *st, int base, sqlite3_int64 run, int g,
                         int s)
{
	const struct group *gr = &w->f.groups[g];
	const struct acc *a = acc_at(w, g, s), *d = acc_at(w, 0, s);
	const struct result *r = res_at(w, g, s);
	const struct above *ab = above_at(w, g, s);
	const struct skill *k = &w->f.skills[s];
	int first;

	sqlite3_bind_int64(st, base + 1, run);
	sqlite3_bind_int64(st, base + 2, gr->teacher_id);
	sqlite3_bind_int64(st, base + 3, k->id);
	sqlite3_bind_int64(st, base + 4, gr->school_id);
	sqlite3_bind_int(st, base + 5, gr->classes);
	sqlite3_bind_int64(st, base + 6, a->n);
	sqlite3_bind_double(st, base + 7, a->points);
	sqlite3_bind_double(st, base + 8, a->possible);
	sqlite3_bind_int64(st, base + 9, d->n - a->n);
	bind_real_or_null(st, base + 10,
	                  d->possible > a->possible
	                      ? (d->points - a->points) / (d->possible - a->possible)
	                      : NAN);
	/* the success, the verdict's words and whether a deficit are the table's own, as
	   deficit_result's */
	sqlite3_bind_int(st, base + 11,
	                 mms_result_codes(k->level, r->verdict, r->spread, MMS_PERSISTENCE_NONE));
	mms_bind_threshold(st, base + 12, k->insufficient);
	mms_bind_threshold(st, base + 13, k->sufficient);
	sqlite3_bind_int(st, base + 14, school_teachers(w, gr->school_id, &first) == 1);
	bind_real_or_null(st, base + 15, r->p);
	bind_real_or_null(st, base + 16, r->q);
	bind_real_or_null(st, base + 17, ab->pa);
	bind_real_or_null(st, base + 18, ab->qa);
}

/* Group G's row of skill S in deficit_result, bound to ST's parameters after BASE. */
static void bind_row(struct work *w, sqlite3_stmt *st, int base, sqlite3_int64 run, int g, int s)
{
	const struct group *gr = &w->f.groups[g];
	const struct acc *a = acc_at(w, g, s);
	const struct result *r = res_at(w, g, s);
	const struct skill *k = &w->f.skills[s];
	double success = a->points / a->possible, lo, hi;

	mms_wilson(success, (double)a->n, MMS_Z95, &lo, &hi);
	/* the level, the success and whether a deficit are the table's own (generated);
	   the words stored as their codes, the thresholds as ten-thousandths (codes.h) */
	sqlite3_bind_int64(st, base + 1, run);
	if (gr->kind == G_SCHOOL || gr->kind == G_CLASS)
		sqlite3_bind_int64(st, base + 2, gr->school_id);
	else
		sqlite3_bind_null(st, base + 2);
	if (gr->kind == G_CLASS)
		sqlite3_bind_int64(st, base + 3, gr->class_id);
	else
		sqlite3_bind_null(st, base + 3);
	sqlite3_bind_int64(st, base + 4, k->id);
	sqlite3_bind_int64(st, base + 5, a->n);
	sqlite3_bind_double(st, base + 6, a->points);
	sqlite3_bind_double(st, base + 7, a->possible);
	sqlite3_bind_double(st, base + 8, lo);
	sqlite3_bind_double(st, base + 9, hi);
	sqlite3_bind_int(st, base + 10,
	                 mms_result_codes(k->level, r->verdict, r->spread, r->persistence));
	mms_bind_threshold(st, base + 11, k->insufficient);
	mms_bind_threshold(st, base + 12, k->sufficient);
	bind_real_or_null(st, base + 13, r->p);
	bind_real_or_null(st, base + 14, r->q);
	sqlite3_bind_int64(st, base + 15, a->below);
}

/*
 * Group G's row of skill S in B's table: RESULT_BATCH rows an INSERT, in the
 * order they come, so that an index's cursor stays where the last row went
 * (store()); the rest one an INSERT by batch_flush().
 */
static int batch_add(struct work *w, struct batch *b, sqlite3_int64 run, int g, int s)
{
	b->pending[b->npending].g = g;
	b->pending[b->npending].s = s;
	if (++b->npending < RESULT_BATCH)
		return MMS_OK;
	for (int i = 0; i < RESULT_BATCH; i++)
		b->bind(w, b->many, i * b->columns, run, b->pending[i].g, b->pending[i].s);
	b->npending = 0;
	return mms_step_done(w->db, b->many);
}

/* The rows batch_add() holds, one an INSERT. */
static int batch_flush(struct work *w, struct batch *b, sqlite3_int64 run)
{
	int rc = MMS_OK;

	for (int i = 0; i < b->npending && rc == MMS_OK; i++) {
		b->bind(w, b->one, 0, run, b->pending[i].g, b->pending[i].s);
		rc = mms_step_done(w->db, b->one);
	}
	b->npending = 0;
	return rc;
}

/* Group G's row of skill S in deficit_row, counted; a deficit kept for the
   next assessments' persistence. */
static int store_row(struct work *w, sqlite3_int64 run, int g, int s)
{
	const struct group *gr = &w->f.groups[g];

	w->stats->rows++;
	if (res_at(w, g, s)->verdict == MMS_VERDICT_DEFICIT) {
		w->stats->deficits++;
		mms_earlier_hold(w->earlier, w->f.skills[s].id,
		                 gr->kind == G_DISTRICT ? 0 : gr->school_id,
		                 gr->kind == G_CLASS ? gr->class_id : 0);
	}
	return batch_add(w, &w->rows, run, g, s);
}

/* Teacher group G's row of skill S in teacher_result, if it says something. */
static int store_teacher(struct work *w, sqlite3_int64 run, int g, int s)
{
	const struct result *r = res_at(w, g, s);

	/* a teacher's classes that are fine and not clearly above the rest say
	   nothing to anyone: most pairs of a district, not stored */
	if (r->verdict == MMS_VERDICT_NO_DATA || (r->verdict == MMS_VERDICT_SUFFICIENT &&
	                                          !(r->tested && above_at(w, g, s)->qa <= MMS_FDR)))
		return MMS_OK;
	return batch_add(w, &w->trows, run, g, s);
}

/*
 * The run's rows in the order of deficit_result_by_run (level, skill, class):
 * the classes', the district's, the schools'.  Each row's entry in the index
 * comes after the one before, where SQLite finds its place without searching
 * from the root (a third of storing the rows was that search); and what reads
 * a run's level reads its pages in turn instead of one row a page, which at a
 * region's size no cache holds.  The teachers' rows, in teacher_result's key
 * order.
 */
static int store(struct work *w, sqlite3_int64 run)
{
	/* the groups of each level in the index's order: by class, then as found
	   (a class id and a group, as class_teacher pairs them and by_class sorts) */
	struct class_teacher *order = malloc(((size_t)w->f.ngroups + 1) * sizeof(*order));
	int end[3], n = 0, rc = MMS_OK;

	if (!order)
		return nomem(w->db);
	for (int g = 0; g < w->f.ngroups; g++)
		if (w->f.groups[g].kind == G_CLASS)
			order[n++] = (struct class_teacher){w->f.groups[g].class_id, g};
	qsort(order, (size_t)n, sizeof(*order), by_class);
	end[0] = n;
	order[n++] = (struct class_teacher){0, 0}; /* the district */
	end[1] = n;
	for (int g = 0; g < w->f.ngroups; g++)
		if (w->f.groups[g].kind == G_SCHOOL)
			order[n++] = (struct class_teacher){0, g};
	end[2] = n;
	w->rows.npending = w->trows.npending = 0;
	mms_earlier_hold_begin(w->earlier);
	for (int l = 0, from = 0; l < 3; from = end[l++])
		for (int s = 0; s < w->f.nskills; s++)
			for (int i = from; i < end[l] && rc == MMS_OK; i++)
				if (acc_at(w, order[i].group, s)->n > 0)
					rc = store_row(w, run, order[i].group, s);
	free(order);
	if (rc == MMS_OK)
		rc = batch_flush(w, &w->rows, run);
	for (int g = 0; g < w->f.ngroups && rc == MMS_OK; g++)
		for (int s = 0;
		     w->f.groups[g].kind == G_TEACHER && s < w->f.nskills && rc == MMS_OK; s++)
			if (acc_at(w, g, s)->n > 0)
				rc = store_teacher(w, run, g, s);
	return rc == MMS_OK ? batch_flush(w, &w->trows, run) : rc;
}

/* Frees what a run found, and empties it. */
static void found_free(struct found *f)
{
	free(f->skills);
	free(f->tasks);
	free(f->skill_of);
	free(f->groups);
	free(f->acc);
	free(f->res);
	free(f->above);
	for (size_t i = 0; i < f->nbuckets; i++)
		mms_buf_free(&f->buckets[i].json);
	free(f->buckets);
	free(f->ct);
	free(f->teacher_of);
	mms_signs_free(&f->signs);
	memset(f, 0, sizeof(*f));
}

static void work_reset(struct work *w)
{
	found_free(&w->f);
	free(w->pts);
	free(w->poss);
	w->pts = w->poss = NULL;
}

/* Frees all W holds but its connection: what it found, its statements (those
   prepared: the reading connection prepares two), its buffer. */
static void work_free(struct work *w)
{
	sqlite3_stmt *st[] = {w->participants, w->student,    w->run,       w->rows.many,
	                      w->rows.one,     w->trows.many, w->trows.one, w->teachers};

	work_reset(w);
	for (size_t i = 0; i < sizeof(st) / sizeof(*st); i++)
		sqlite3_finalize(st[i]);
	mms_earlier_free(w->earlier);
	mms_buf_free(&w->below);
	free(w->mine);
}

/*
 * Reads what the assessment's run will hold, writing nothing: the signs of
 * non-objective results (which the mentors and the follow-up leave aside)
 * first, their participants' rows freed before the groups × skills are made,
 * unless SIGNS is 0 (found by another connection); then the scores and the
 * students below half.
 */
static int read_run(struct work *w, sqlite3_int64 assessment, const char *date, int signs)
{
	int rc = MMS_OK;

	w->f.assessment = assessment;
	w->f.date = date;
	if (signs)
		rc = mms_signs_find(w->db, assessment, &w->f.signs);
	if (rc == MMS_OK)
		rc = load_spec(w);
	if (rc == MMS_OK)
		rc = aggregate(w);
	/* one participant's sums: the reading's alone */
	free(w->pts);
	free(w->poss);
	w->pts = w->poss = NULL;
	return rc;
}

/* Reads and judges what the assessment's run will hold, writing nothing. */
static int find(struct work *w, sqlite3_int64 assessment, const char *date)
{
	int rc = read_run(w, assessment, date, 1);

	if (rc == MMS_OK)
		rc = judge(w);
	if (rc == MMS_OK)
		rc = persist(w);
	return rc;
}

/* The newest line of the history into *ID (0: none). */
static int newest_log(mms_db *db, sqlite3_int64 *id)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st, "SELECT coalesce(max(id), 0) FROM import_log");

	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		rc = mms_fail_sql(db, "reading the history");
	sqlite3_finalize(st);
	return rc;
}

/* Stores what find() found as a new run of the assessment. */
static int write_run(struct work *w)
{
	sqlite3_int64 run;
	int rc;

	sqlite3_bind_int64(w->run, 1, w->f.assessment);
	sqlite3_bind_int(w->run, 2, w->th.version);
	rc = mms_step_done(w->db, w->run);
	if (rc != MMS_OK)
		return rc;
	run = sqlite3_last_insert_rowid(w->db->sql);
	rc = buckets_store(w, run);
	if (rc == MMS_OK)
		rc = store(w, run);
	if (rc == MMS_OK)
		rc = mms_signs_write(w->db, w->f.assessment, &w->f.signs);
	if (rc == MMS_OK && w->first && !w->first_done) {
		rc = w->first(w->db, w->first_arg);
		/* the line of the history it wrote, the newest under the lock: the
		   classification's own (see only_ours_since()) */
		if (rc == MMS_OK)
			rc = newest_log(w->db, &w->own_log);
	}
	if (rc == MMS_OK) {
		w->stats->signs += w->f.signs.groups;
		w->stats->participants += w->f.count.participants;
		w->stats->scores += w->f.count.scores;
		w->stats->students_below += w->f.count.students_below;
		w->stored = run;
	}
	return rc;
}

/* Whether the row of SQL (bound to A and B) is there. */
static int there(mms_db *db, sqlite3_stmt *st, sqlite3_int64 a, sqlite3_int64 b, int *yes)
{
	int rc;

	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(db, "reading what the run refers to");
	*yes = rc == SQLITE_ROW;
	return MMS_OK;
}

/*
 * Whether every row the run found refers to is still there, with the school
 * it was found in: the assessment, the thresholds, the skills, the schools,
 * the classes and the teachers (another command may have changed them since
 * the run's reading; the run's rows are stored without checking their keys).
 */
static int still_there(struct work *w, int *yes)
{
	enum { P_ASSESSMENT, P_THRESHOLDS, P_SKILL, P_SCHOOL, P_CLASS, P_TEACHER, NPARENTS };
	static const char *const sql[NPARENTS] = {
	    "SELECT 1 FROM assessment WHERE id = ?1",
	    "SELECT 1 FROM threshold_version WHERE id = ?1",
	    "SELECT 1 FROM skill WHERE id = ?1",
	    "SELECT 1 FROM school WHERE id = ?1",
	    "SELECT 1 FROM class WHERE id = ?1 AND school_id = ?2",
	    "SELECT 1 FROM teacher WHERE id = ?1 AND school_id = ?2",
	};
	static const int of_kind[] = {
	    [G_SCHOOL] = P_SCHOOL, [G_CLASS] = P_CLASS, [G_TEACHER] = P_TEACHER};
	sqlite3_stmt *st[NPARENTS] = {0};
	int rc = MMS_OK;

	*yes = 1;
	for (int i = 0; i < NPARENTS && rc == MMS_OK; i++)
		rc = mms_prepare(w->db, &st[i], sql[i]);
	if (rc == MMS_OK)
		rc = there(w->db, st[P_ASSESSMENT], w->f.assessment, 0, yes);
	if (rc == MMS_OK && *yes)
		rc = there(w->db, st[P_THRESHOLDS], w->th.version, 0, yes);
	for (int s = 0; rc == MMS_OK && *yes && s < w->f.nskills; s++)
		rc = there(w->db, st[P_SKILL], w->f.skills[s].id, 0, yes);
	for (int g = 0; rc == MMS_OK && *yes && g < w->f.ngroups; g++) {
		const struct group *gr = &w->f.groups[g];

		if (gr->kind == G_SCHOOL)
			rc = there(w->db, st[P_SCHOOL], gr->school_id, 0, yes);
		else if (gr->kind != G_DISTRICT)
			rc = there(w->db, st[of_kind[gr->kind]],
			           gr->kind == G_CLASS ? gr->class_id : gr->teacher_id,
			           gr->school_id, yes);
	}
	for (size_t i = 0; rc == MMS_OK && *yes && i < w->f.signs.nrows; i++) {
		const mms_sign_row *r = &w->f.signs.rows[i];

		rc = r->class_id ? there(w->db, st[P_CLASS], r->class_id, r->school_id, yes)
		                 : there(w->db, st[P_SCHOOL], r->school_id, 0, yes);
	}
	for (int i = 0; i < NPARENTS; i++)
		sqlite3_finalize(st[i]);
	return rc;
}

/*
 * What a run read, as far as another command's commit could change it:
 * PRAGMA data_version of the connection that stores the run (any commit of
 * another connection moves it), taken before the reading began; the newest
 * run of any assessment; and the newest line of the history (every command
 * that changes the database leaves one, in the same transaction) but for
 * imports of results that found every row as it was (a cron job's file
 * imported again), which change nothing a run reads.
 */
#define SQL_HISTORY_CHANGES                                                                        \
	"FROM import_log WHERE NOT (command = 'import-results' AND inserted = 0 AND replaced = 0)"

static int seen_now(mms_db *db, struct seen *out)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st,
	                     "SELECT (SELECT data_version FROM pragma_data_version), "
	                     "(SELECT coalesce(max(id), 0) FROM deficit_run), "
	                     "coalesce((SELECT id " SQL_HISTORY_CHANGES
	                     " ORDER BY id DESC LIMIT 1), 0)");

	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->version = sqlite3_column_int64(st, 0);
		out->run = sqlite3_column_int64(st, 1);
		out->log = sqlite3_column_int64(st, 2);
	} else {
		rc = mms_fail_sql(db, "reading the database's version");
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Whether the runs and the lines of the history stored since READ are all
 * this classification's own: the runs it stored before this one (read ahead,
 * this one's reading may have begun before the last of them was committed)
 * and the line it writes with its first run.
 */
static int only_ours_since(struct work *w, const struct seen *read, int *yes)
{
	sqlite3_stmt *st;
	sqlite3_int64 runs = 0, lines = w->own_log > read->log;
	int rc = mms_prepare(w->db, &st,
	                     "SELECT (SELECT count(*) FROM deficit_run WHERE id > ?1), "
	                     "(SELECT count(*) " SQL_HISTORY_CHANGES " AND id > ?2)");

	if (rc != MMS_OK)
		return rc;
	for (size_t i = 0; i < w->nmine; i++)
		runs += w->mine[i] > read->run;
	sqlite3_bind_int64(st, 1, read->run);
	sqlite3_bind_int64(st, 2, read->log);
	if (sqlite3_step(st) == SQLITE_ROW)
		*yes = sqlite3_column_int64(st, 0) == runs && sqlite3_column_int64(st, 1) == lines;
	else
		rc = mms_fail_sql(w->db, "reading what changed since the run's reading");
	sqlite3_finalize(st);
	return rc;
}

/*
 * Whether a run read at READ still stands when it is stored: nothing was
 * committed since, or nothing it read changed — no other run stored (of this
 * assessment, which this one would hide being newer, or of another, whose
 * deficits this one's persistence read), no command's change in the history
 * — and every row it refers to is still there (still_there(): a change by
 * hand, which leaves no history).  Otherwise it is read again.
 */
static int still_stands(struct work *w, const struct seen *read, int *yes)
{
	struct seen now;
	int rc = seen_now(w->db, &now);

	*yes = 1;
	if (rc != MMS_OK || now.version == read->version)
		return rc;
	rc = only_ours_since(w, read, yes);
	return rc == MMS_OK && *yes ? still_there(w, yes) : rc;
}

/*
 * Stores the run W found in a write transaction of its own, which is all the
 * write lock is held for: a cron import of a school's file waits for the
 * storing, not for the reading.  If what it read has changed since
 * (still_stands()), it is found again, under the lock.  The run's rows refer
 * to what was found and hold only the code's own levels, verdicts and kinds:
 * SQLite checks neither their foreign keys nor their CHECK constraints (a
 * twentieth of the classification).
 */
static int store_found(struct work *w)
{
	int rc, yes = 1;

	rc = mms_tx_begin_trusted(w->db, MMS_RELAX_FK | MMS_RELAX_CHECKS);
	if (rc != MMS_OK)
		return rc;
	rc = still_stands(w, &w->f.seen, &yes);
	if (rc == MMS_OK && !yes) {
		sqlite3_int64 assessment = w->f.assessment;
		const char *date = w->f.date;

		/* what another command changed is read as it is now */
		mms_earlier_forget(w->earlier);
		work_reset(w);
		rc = find(w, assessment, date);
	}
	if (rc == MMS_OK)
		rc = write_run(w);
	rc = mms_tx_end(w->db, rc);
	if (rc != MMS_OK)
		return rc;
	w->stats->committed++;
	mms_earlier_stored(w->earlier, w->f.assessment, w->stored);
	w->first_done = 1;
	w->mine[w->nmine++] = w->stored;
	mms_checkpoint_soon(w->checkpoints);
	return MMS_OK;
}

/*
 * A run of ASSESSMENT.  In a transaction of the caller's, found and stored in
 * it.  Otherwise found in a read transaction, which takes no lock, and stored
 * by store_found().
 */
static int classify_one(struct work *w, sqlite3_int64 assessment, const char *date)
{
	int rc;

	if (w->db->depth > 0) {
		rc = find(w, assessment, date);
		if (rc == MMS_OK)
			rc = write_run(w);
		if (rc == MMS_OK)
			mms_earlier_stored(w->earlier, assessment, w->stored);
		w->first_done |= rc == MMS_OK;
		goto out;
	}
	rc = mms_db_begin_read(w->db);
	if (rc != MMS_OK)
		goto out;
	if ((rc = seen_now(w->db, &w->f.seen)) == MMS_OK)
		rc = find(w, assessment, date);
	rc = mms_tx_end(w->db, rc);
	if (rc == MMS_OK)
		rc = store_found(w);
out:
	/* the groups × skills go before the next assessment's reading */
	work_reset(w);
	w->stats->assessments++;
	return rc;
}

/* The assessments to classify, in order: their ids and dates (NULL if unknown). */
struct todo {
	sqlite3_int64 id;
	char *date;
};

/*
 * Reading ahead: while one assessment's run is stored, a thread with a
 * connection of its own reads the next one's participants (the signs, the
 * sums of the groups × skills, the students below half), in a read
 * transaction that takes no lock, and judges them, unless the storing
 * connection is already waiting for them (then it judges them).  One run
 * read waits to be taken at most: two assessments' groups × skills at a
 * time.  Its persistence is read where it is stored, after the run before it
 * is committed.
 */
struct ahead {
	struct work r; /* the reading connection's statements, and what it read */
	const struct todo *todo;
	size_t ntodo;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* under MU: */
	int full;              /* r.f holds a run read, or the reading failed (rc) */
	int waiting;           /* the storing connection waits for it */
	int quit;              /* read no more */
	int rc;                /* the reading's: its message is r.db's */
	sqlite3_int64 version; /* the storing connection's data_version before the next reading */
};

static void *read_ahead(void *arg)
{
	struct ahead *a = arg;

	for (size_t i = 0; i < a->ntodo; i++) {
		sqlite3_int64 version;
		int rc, quit, waiting;

		pthread_mutex_lock(&a->mu);
		while (a->full && !a->quit)
			pthread_cond_wait(&a->cv, &a->mu);
		quit = a->quit;
		version = a->version;
		pthread_mutex_unlock(&a->mu);
		if (quit)
			break;
		rc = mms_db_begin_read(a->r.db);
		if (rc == MMS_OK && (rc = seen_now(a->r.db, &a->r.f.seen)) == MMS_OK)
			rc = read_run(&a->r, a->todo[i].id, a->todo[i].date, i > 0);
		rc = mms_tx_end(a->r.db, rc);
		/* the verdicts too, which need nothing stored, while the storing connection
		   stores the run before; if it already waits, it judges them itself, no later */
		pthread_mutex_lock(&a->mu);
		waiting = a->waiting;
		pthread_mutex_unlock(&a->mu);
		if (rc == MMS_OK && !waiting)
			rc = judge(&a->r);
		/* the version the storing connection will compare with its own */
		a->r.f.seen.version = version;
		pthread_mutex_lock(&a->mu);
		a->rc = rc;
		a->full = 1;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		if (rc != MMS_OK)
			break;
	}
	return NULL;
}

static int prepare_reading(struct work *w);

/*
 * Starts reading TODO ahead of W's storing, W's data_version as it is now
 * the first reading's.  0 if it cannot (a database in memory, no second
 * connection, no thread): the assessments are then read in turn.
 */
static int ahead_start(struct ahead *a, struct work *w, const struct todo *todo, size_t n)
{
	const char *file = sqlite3_db_filename(w->db->sql, "main");
	struct seen now;

	memset(a, 0, sizeof(*a));
	if (!file || !*file || seen_now(w->db, &now) != MMS_OK)
		return 0;
	if (mms_db_open(file, MMS_OPEN_READONLY, &a->r.db) != MMS_OK ||
	    /* it reads each participant once, in the order stored */
	    mms_exec(a->r.db, "PRAGMA cache_size=-" MMS_SQL_NUM(MMS_AHEAD_CACHE_KIB)) != MMS_OK ||
	    prepare_reading(&a->r) != MMS_OK || pthread_mutex_init(&a->mu, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&a->cv, NULL) != 0) {
		pthread_mutex_destroy(&a->mu);
		goto fail;
	}
	a->r.th = w->th;
	a->todo = todo;
	a->ntodo = n;
	a->version = now.version;
	if (pthread_create(&a->thread, NULL, read_ahead, a) == 0)
		return 1;
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
fail:
	work_free(&a->r);
	mms_db_close(a->r.db);
	return 0;
}

/* Takes the next run read into W (empty): MMS_OK, or the reading's failure. */
static int ahead_take(struct ahead *a, struct work *w)
{
	struct seen now;
	int rc;

	pthread_mutex_lock(&a->mu);
	a->waiting = 1;
	while (!a->full)
		pthread_cond_wait(&a->cv, &a->mu);
	a->waiting = 0;
	rc = a->rc;
	pthread_mutex_unlock(&a->mu);
	if (rc != MMS_OK)
		return mms_fail(w->db, rc, "%s", mms_errmsg(a->r.db));
	/* before the next reading begins */
	rc = seen_now(w->db, &now);
	if (rc != MMS_OK)
		return rc;
	pthread_mutex_lock(&a->mu);
	w->f = a->r.f;
	memset(&a->r.f, 0, sizeof(a->r.f));
	a->version = now.version;
	a->full = 0;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return MMS_OK;
}

static void ahead_stop(struct ahead *a)
{
	pthread_mutex_lock(&a->mu);
	a->quit = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	work_free(&a->r);
	mms_db_close(a->r.db);
}

/*
 * A run read ahead (and judged, unless this connection waited for it): its
 * persistence read, and stored.  SIGNS, if not NULL, are its signs of
 * non-objective results, found by this connection while the first
 * assessment's scores were read (nothing is stored before).
 */
static int classify_read(struct ahead *a, struct work *w, mms_signs *signs)
{
	int rc = ahead_take(a, w);

	if (rc == MMS_OK && signs) {
		w->f.signs = *signs;
		memset(signs, 0, sizeof(*signs));
	}
	/* not judged ahead: this connection was waiting for it */
	if (rc == MMS_OK && !w->f.res)
		rc = judge(w);
	if (rc == MMS_OK && (rc = mms_db_begin_read(w->db)) == MMS_OK)
		rc = mms_tx_end(w->db, persist(w));
	if (rc == MMS_OK)
		rc = store_found(w);
	work_reset(w);
	w->stats->assessments++;
	return rc;
}

/*
 * B's statements: INSERT (an INSERT of RESULT_BATCH rows, COLUMNS parameters
 * each, in turn) and one of a row; BIND binds a row.  OR FAIL: an INSERT of
 * many rows that may stop half-way keeps a journal of its own to take back
 * its first rows (a ninth of storing a run); a run's failure rolls its whole
 * transaction back, and that takes them back.
 */
static int prepare_batch(struct work *w, struct batch *b, const char *insert, int columns,
                         void (*bind)(struct work *, sqlite3_stmt *, int, sqlite3_int64, int, int))
{
	int rc = mms_prepare_rows(w->db, &b->many, insert, RESULT_BATCH, columns);

	b->columns = columns;
	b->bind = bind;
	b->npending = 0;
	return rc == MMS_OK ? mms_prepare_rows(w->db, &b->one, insert, 1, columns) : rc;
}

/* The statements that read a run's participants and the teachers of their classes. */
static int prepare_reading(struct work *w)
{
	int rc;

	if ((rc = mms_prepare(w->db, &w->participants,
	                      "SELECT id, school_id, class_id, code, scores FROM participant "
	                      "WHERE assessment_id = ?1 AND absent = 0 "
	                      "ORDER BY school_id, code")) != MMS_OK)
		return rc;
	return mms_prepare(w->db, &w->teachers,
	                   "SELECT at.class_id, at.teacher_id, t.school_id "
	                   "FROM assessment_teacher at JOIN teacher t ON t.id = at.teacher_id "
	                   "WHERE at.assessment_id = ?1 AND at.class_id IN (SELECT class_id "
	                   "  FROM participant WHERE assessment_id = ?1 AND absent = 0) "
	                   "ORDER BY t.school_id, at.teacher_id, at.class_id");
}

static int prepare_all(struct work *w)
{
	int rc;

	if ((rc = prepare_reading(w)) != MMS_OK ||
	    (rc = mms_prepare(w->db, &w->student,
	                      "INSERT INTO student_below(run_id, school_id, class_id, students) "
	                      "VALUES (?1, ?2, ?3, ?4)")) != MMS_OK ||
	    (rc = mms_prepare(w->db, &w->run,
	                      "INSERT INTO deficit_run(assessment_id, threshold_version) "
	                      "VALUES (?1, ?2)")) != MMS_OK ||
	    (rc = prepare_batch(w, &w->rows,
	                        "INSERT OR FAIL INTO deficit_row(run_id, school_id, class_id, "
	                        "skill_id, n, points, possible, ci_low, ci_high, codes, "
	                        "threshold_stored, sufficient_stored, p_value, q_value, "
	                        "below_half) VALUES ",
	                        RESULT_COLUMNS, bind_row)) != MMS_OK ||
	    (rc = prepare_batch(w, &w->trows,
	                        "INSERT OR FAIL INTO teacher_result(run_id, teacher_id, skill_id, "
	                        "school_id, classes, n, points, possible, rest_n, rest_success, "
	                        "codes, threshold_stored, sufficient_stored, sole_teacher, "
	                        "p_below, q_below, p_above, q_above) VALUES ",
	                        TEACHER_COLUMNS, bind_teacher)) != MMS_OK)
		return rc;
	return mms_earlier_new(w->db, &w->earlier);
}

static int list_todo(mms_db *db, const char *assessment, struct todo **out, size_t *n)
{
	sqlite3_stmt *list;
	size_t cap = 0;
	int rc, rows = 0, results = 0;

	*n = 0;
	/* a named assessment without results is said so, and nothing is stored */
	rc = mms_prepare(db, &list,
	                 assessment ? "SELECT id, date, EXISTS (SELECT 1 FROM participant WHERE "
	                              "assessment_id = a.id AND absent = 0) FROM assessment a "
	                              "WHERE code = ?1"
	                            : "SELECT id, date, 1 FROM assessment a WHERE EXISTS (SELECT "
	                              "1 FROM participant WHERE assessment_id = a.id AND absent "
	                              "= 0) ORDER BY date IS NULL, date, code");
	if (rc != MMS_OK)
		return rc;
	if (assessment)
		sqlite3_bind_text(list, 1, assessment, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(list, 1);

		rows++;
		results = sqlite3_column_int(list, 2);
		if (!results)
			break;
		if (mms_grow((void **)out, &cap, *n + 1, sizeof(**out)) < 0)
			break;
		(*out)[*n].id = sqlite3_column_int64(list, 0);
		(*out)[*n].date = date ? strdup(date) : NULL;
		if (date && !(*out)[*n].date)
			break;
		(*n)++;
	}
	sqlite3_finalize(list);
	if (rc == SQLITE_ROW && results)
		return nomem(db);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return mms_fail_sql(db, "listing the assessments");
	if (assessment && !rows)
		return mms_fail(db, MMS_ENOTFOUND, _("there is no assessment '%s'"), assessment);
	if (assessment && !results)
		return mms_fail(db, MMS_ENOTFOUND,
		                _("assessment '%s' has no results to classify (see 'mms "
		                  "import-results')"),
		                assessment);
	return MMS_OK;
}

/*
 * In a transaction of the caller's, the whole classification is one savepoint
 * of it.  Otherwise each assessment's run is stored in a transaction of its
 * own as soon as it is found (see classify_one()): the runs stored before a
 * failure stay, each whole.
 */
int mms_deficits_classify(mms_db *db, const char *assessment, mms_classify_stats *stats)
{
	return mms_deficits_classify_with(db, assessment, stats, NULL, NULL);
}

int mms_deficits_classify_with(mms_db *db, const char *assessment, mms_classify_stats *stats,
                               mms_classify_hook first, void *arg)
{
	struct work w = {.first = first, .first_arg = arg};
	mms_classify_stats dummy;
	struct todo *todo = NULL;
	struct ahead ahead;
	mms_signs first_signs = {0};
	size_t ntodo = 0;
	int rc, nested = db->depth > 0, reading = 0;

	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof(*stats));
	w.db = db;
	w.stats = stats;
	/* said before the reading, not after it */
	if (db->readonly)
		return mms_fail_readonly(db);
	rc = nested ? mms_tx_begin(db) : mms_db_begin_read(db);
	if (rc != MMS_OK)
		return rc;
	rc = mms_thresholds_get(db, 0, &w.th);
	if (rc == MMS_OK)
		rc = list_todo(db, assessment, &todo, &ntodo);
	if (!nested)
		rc = mms_tx_end(db, rc);
	stats->thresholds = w.th.version;
	if (rc == MMS_OK && !(w.mine = malloc((ntodo + 1) * sizeof(*w.mine))))
		rc = nomem(db);
	if (rc == MMS_OK)
		rc = prepare_all(&w);
	if (rc == MMS_OK && !nested && ntodo > 1) {
		w.checkpoints = mms_checkpointer_start(db);
		reading = ahead_start(&ahead, &w, todo, ntodo);
	}
	/* the first assessment's signs, while the reading thread reads its scores */
	if (rc == MMS_OK && reading && (rc = mms_db_begin_read(db)) == MMS_OK)
		rc = mms_tx_end(db, mms_signs_find(db, todo[0].id, &first_signs));
	for (size_t i = 0; rc == MMS_OK && i < ntodo; i++)
		rc = reading ? classify_read(&ahead, &w, i == 0 ? &first_signs : NULL)
		             : classify_one(&w, todo[i].id, todo[i].date);
	mms_signs_free(&first_signs);
	if (reading)
		ahead_stop(&ahead);
	mms_checkpointer_stop(w.checkpoints);
	work_free(&w);
	for (size_t i = 0; i < ntodo; i++)
		free(todo[i].date);
	free(todo);
	return nested ? mms_tx_end(db, rc) : rc;
}

/* Reading the stored results. */

struct mms_deficit_iter {
	mms_db *db;
	sqlite3_stmt *st;
	mms_deficit_row row;
};

int mms_deficits_query(mms_db *db, const mms_deficit_query *q, mms_deficit_iter **out)
{
	mms_deficit_iter *it;
	int rc;

	*out = NULL;
	it = calloc(1, sizeof(*it));
	if (!it)
		return nomem(db);
	it->db = db;
	rc = mms_prepare(
	    db, &it->st,
	    "SELECT u.id, u.threshold_version, r.level, a.code, a.kind, a.date, a.grade, sj.name, "
	    "k.code, k.text, k.kind, sc.code, sc.name, c.label, r.n, r.points, r.possible, "
	    "r.success, r.ci_low, r.ci_high, r.task_level, r.threshold, r.sufficient, "
	    "r.verdict, r.deficit, r.spread, r.persistence, r.p_value, r.q_value, r.below_half, "
	    /* results in doubt: a sign on the class, or on the school or one of its classes */
	    "r.school_id IS NOT NULL AND EXISTS (SELECT 1 FROM objectivity_sign g "
	    "  WHERE g.assessment_id = u.assessment_id AND g.school_id = r.school_id "
	    "  AND (r.class_id IS NULL OR g.class_id IS NULL OR g.class_id = r.class_id)) "
	    "FROM deficit_result r JOIN deficit_run u ON u.id = r.run_id "
	    "JOIN assessment a ON a.id = u.assessment_id JOIN subject sj ON sj.id = a.subject_id "
	    "JOIN skill k ON k.id = r.skill_id LEFT JOIN school sc ON sc.id = r.school_id "
	    "LEFT JOIN class c ON c.id = r.class_id "
	    "WHERE u.id IN (SELECT max(id) FROM deficit_run GROUP BY assessment_id) "
	    "AND (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR r.level = ?2) "
	    "AND (?3 = 0 OR r.deficit = 1) "
	    "ORDER BY a.date IS NULL, a.date, a.code, "
	    "CASE r.level WHEN 'district' THEN 0 WHEN 'school' THEN 1 ELSE 2 END, "
	    "CASE r.verdict WHEN 'deficit' THEN 0 WHEN 'uncertain' THEN 1 "
	    "WHEN 'sufficient' THEN 2 ELSE 3 END, r.success - r.threshold, sc.code, "
	    "c.label_key, k.code");
	if (rc != MMS_OK) {
		free(it);
		return rc;
	}
	if (q && q->assessment)
		sqlite3_bind_text(it->st, 1, q->assessment, -1, SQLITE_TRANSIENT);
	if (q && mms_level_key(q->level))
		sqlite3_bind_text(it->st, 2, mms_level_key(q->level), -1, SQLITE_STATIC);
	sqlite3_bind_int(it->st, 3, q ? q->only_deficits : 0);
	*out = it;
	return MMS_OK;
}

static const char *text_or_null(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static double real_or_nan(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

int mms_deficit_iter_next(mms_deficit_iter *it, const mms_deficit_row **row)
{
	sqlite3_stmt *st = it->st;
	mms_deficit_row *r = &it->row;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return mms_fail_sql(it->db, "reading the classification");
	r->run = sqlite3_column_int(st, 0);
	r->thresholds = sqlite3_column_int(st, 1);
	r->level = mms_level_of(text_or_null(st, 2));
	r->assessment = text_or_null(st, 3);
	r->assessment_kind = text_or_null(st, 4);
	r->date = text_or_null(st, 5);
	r->grade = sqlite3_column_int(st, 6);
	r->subject = text_or_null(st, 7);
	r->skill = text_or_null(st, 8);
	r->skill_text = text_or_null(st, 9);
	r->skill_kind = text_or_null(st, 10);
	r->school = text_or_null(st, 11);
	r->school_name = text_or_null(st, 12);
	r->class_label = text_or_null(st, 13);
	r->n = (long)sqlite3_column_int64(st, 14);
	r->points = sqlite3_column_double(st, 15);
	r->possible = sqlite3_column_double(st, 16);
	r->success = sqlite3_column_double(st, 17);
	r->ci_low = sqlite3_column_double(st, 18);
	r->ci_high = sqlite3_column_double(st, 19);
	r->task_level = text_or_null(st, 20);
	r->threshold = sqlite3_column_double(st, 21);
	r->sufficient = sqlite3_column_double(st, 22);
	r->verdict = mms_verdict_of(text_or_null(st, 23));
	r->deficit = sqlite3_column_int(st, 24);
	r->spread = mms_spread_of(text_or_null(st, 25));
	r->persistence = mms_persistence_of(text_or_null(st, 26));
	r->p_value = real_or_nan(st, 27);
	r->q_value = real_or_nan(st, 28);
	r->below_half = (long)sqlite3_column_int64(st, 29);
	r->in_doubt = sqlite3_column_int(st, 30);
	*row = r;
	return 1;
}

void mms_deficit_iter_free(mms_deficit_iter *it)
{
	if (!it)
		return;
	sqlite3_finalize(it->st);
	free(it);
}

int mms_deficits_judged(mms_db *db, const mms_deficit_query *q, long *groups, long *too_small)
{
	sqlite3_stmt *st;
	int rc =
	    mms_prepare(db, &st,
	                "SELECT count(*), coalesce(sum(r.verdict = 'insufficient_data'), 0) "
	                "FROM deficit_result r JOIN deficit_run u ON u.id = r.run_id "
	                "JOIN assessment a ON a.id = u.assessment_id "
	                "WHERE u.id IN (SELECT max(id) FROM deficit_run GROUP BY assessment_id) "
	                "AND (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR r.level = ?2)");

	*groups = *too_small = 0;
	if (rc != MMS_OK)
		return rc;
	if (q->assessment)
		sqlite3_bind_text(st, 1, q->assessment, -1, SQLITE_STATIC);
	if (mms_level_key(q->level))
		sqlite3_bind_text(st, 2, mms_level_key(q->level), -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*groups = (long)sqlite3_column_int64(st, 0);
		*too_small = (long)sqlite3_column_int64(st, 1);
	} else {
		rc = mms_fail_sql(db, "counting the groups judged");
	}
	sqlite3_finalize(st);
	return rc;
}
