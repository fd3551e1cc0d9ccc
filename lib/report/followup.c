/*
 * Step 1.7, the follow-up: for each programme item, the skill's success in
 * the teacher's classes at the assessment that found the deficit and at a
 * later one of the same subject that checks the skill again, against the
 * district's change over the same time (a difference of differences).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define Z95 1.959963984540054

const char *mms_followup_verdict_name(enum mms_followup_verdict v)
{
	switch (v) {
	case MMS_FOLLOWUP_IMPROVED:
		return "improved";
	case MMS_FOLLOWUP_NO_CHANGE:
		return "no clear change";
	case MMS_FOLLOWUP_WORSE:
		return "worse";
	default:
		return "too little data";
	}
}

const char *mms_followup_verdict_key(enum mms_followup_verdict v)
{
	switch (v) {
	case MMS_FOLLOWUP_IMPROVED:
		return "improved";
	case MMS_FOLLOWUP_NO_CHANGE:
		return "no-change";
	case MMS_FOLLOWUP_WORSE:
		return "worse";
	default:
		return "too-little-data";
	}
}

static double binvar(double p, long n)
{
	if (n <= 0)
		return 0;
	if (p < 0)
		p = 0;
	if (p > 1)
		p = 1;
	return p * (1 - p) / (double)n;
}

enum mms_followup_verdict mms_report_did(long n_before, double before, long n_after, double after,
                                         long dn_before, double d_before, long dn_after,
                                         double d_after, double *did, double *lo, double *hi)
{
	double se;

	*did = *lo = *hi = NAN;
	if (n_before <= 0 || n_after <= 0 || dn_before <= 0 || dn_after <= 0)
		return MMS_FOLLOWUP_TOO_LITTLE;
	*did = (after - before) - (d_after - d_before);
	se = sqrt(binvar(before, n_before) + binvar(after, n_after) + binvar(d_before, dn_before) +
	          binvar(d_after, dn_after));
	*lo = *did - Z95 * se;
	*hi = *did + Z95 * se;
	if (n_before < MMS_REPORT_MIN_GROUP || n_after < MMS_REPORT_MIN_GROUP)
		return MMS_FOLLOWUP_TOO_LITTLE;
	if (*lo > 0)
		return MMS_FOLLOWUP_IMPROVED;
	if (*hi < 0)
		return MMS_FOLLOWUP_WORSE;
	return MMS_FOLLOWUP_NO_CHANGE;
}

/* A list of class ids. */
struct ids {
	int64_t *v;
	size_t n;
};

static int ids_add(struct ids *s, int64_t id)
{
	int64_t *p;

	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 0;
	p = realloc(s->v, (s->n + 1) * sizeof(*p));
	if (!p)
		return -1;
	s->v = p;
	s->v[s->n++] = id;
	return 0;
}

/* The statements the follow-up runs for every item. */
struct fq {
	sqlite3_stmt *hyp;     /* the item's hypothesis: its assessment and date */
	sqlite3_stmt *earlier; /* the latest assessment before the programme with the classes */
	sqlite3_stmt *later;   /* the first later assessment that checks the skill */
	sqlite3_stmt *hclass;  /* the classes of a hypothesis of (teacher, skill, assessment) */
	sqlite3_stmt *taught;  /* the teacher's classes with results at an assessment */
	sqlite3_stmt *next;    /* a class one grade up in the same school, with results */
	sqlite3_stmt *cls;     /* a class's row at an assessment */
	sqlite3_stmt *district;
	sqlite3_stmt *assess; /* an assessment's code, date, grade */
};

#define LATEST_RUN(a) "(SELECT max(id) FROM deficit_run WHERE assessment_id = " a ")"

static const char *const fq_sql[] = {
    "SELECT h.assessment_id, a.date FROM hypothesis h JOIN assessment a ON a.id = "
    "h.assessment_id WHERE h.id = ?1",
    /* ?1 subject, ?2 skill, ?3 teacher, ?4 programme start */
    "SELECT a.id FROM assessment a WHERE a.subject_id = ?1 AND a.date < ?4 AND EXISTS ("
    "  SELECT 1 FROM deficit_result r JOIN assessment_teacher tg ON tg.class_id = r.class_id "
    "  AND tg.assessment_id = a.id WHERE r.run_id = " LATEST_RUN(
        "a.id") " "
                "  AND r.level = 'class' AND r.skill_id IN (SELECT same_id FROM skill_same "
                "  WHERE skill_id = ?2) AND tg.teacher_id = ?3) "
                "ORDER BY a.date DESC, a.id DESC LIMIT 1",
    /* ?1 subject, ?2 skill, ?3 the before's date, ?4 programme start (may be NULL) */
    "SELECT a.id FROM assessment a WHERE a.subject_id = ?1 AND a.date > ?3 "
    "AND (?4 IS NULL OR a.date > ?4) AND EXISTS (SELECT 1 FROM deficit_result r "
    "  WHERE r.run_id = " LATEST_RUN(
        "a.id") " AND r.level = 'district' AND r.skill_id IN "
                "  (SELECT same_id FROM skill_same WHERE skill_id = ?2)) "
                "ORDER BY a.date, a.id LIMIT 1",
    /* ?1 teacher, ?2 skill, ?3 assessment */
    "SELECT hc.class_id FROM hypothesis h JOIN hypothesis_class hc ON hc.hypothesis_id = h.id "
    "WHERE h.teacher_id = ?1 AND h.skill_id = ?2 AND h.assessment_id = ?3",
    /* ?1 teacher, ?2 skill, ?3 assessment */
    "SELECT c.id FROM assessment_teacher tg JOIN class c ON c.id = tg.class_id "
    "WHERE tg.assessment_id = ?3 AND tg.teacher_id = ?1 AND EXISTS (SELECT 1 FROM deficit_result r "
    "  WHERE r.run_id = " LATEST_RUN("?3") " AND r.level = 'class' AND r.class_id = c.id "
                                           "  AND r.skill_id IN (SELECT same_id FROM "
                                           "skill_same WHERE skill_id = ?2))",
    /* ?1 class, ?2 grades up, ?3 skill, ?4 assessment */
    "SELECT n.id FROM class c JOIN class n ON n.school_id = c.school_id "
    "AND n.label_key = CAST(CAST(c.label_key AS INTEGER) + ?2 AS TEXT) || "
    "  substr(c.label_key, length(CAST(CAST(c.label_key AS INTEGER) AS TEXT)) + 1) "
    "WHERE c.id = ?1 AND CAST(c.label_key AS INTEGER) > 0 AND EXISTS ("
    "  SELECT 1 FROM deficit_result r WHERE r.run_id = " LATEST_RUN(
        "?4") " "
              "  AND r.level = 'class' AND r.class_id = n.id AND r.skill_id IN (SELECT "
              "same_id FROM skill_same WHERE skill_id = ?3))",
    /* ?1 class, ?2 skill, ?3 assessment */
    "SELECT r.n, r.points, r.possible, c.label FROM deficit_result r "
    "JOIN class c ON c.id = r.class_id WHERE r.run_id = " LATEST_RUN(
        "?3") " "
              "AND r.level = 'class' AND r.class_id = ?1 AND r.skill_id IN (SELECT same_id "
              "FROM skill_same WHERE skill_id = ?2) "
              /* results in doubt are not measured: a sign on the class or its school */
              "AND NOT EXISTS (SELECT 1 FROM objectivity_sign g WHERE g.assessment_id = ?3 "
              "  AND g.school_id = c.school_id AND (g.class_id IS NULL OR g.class_id = c.id))",
    /* ?1 skill, ?2 assessment */
    "SELECT n, success FROM deficit_result WHERE run_id = " LATEST_RUN(
        "?2") " "
              "AND level = 'district' AND skill_id IN (SELECT same_id FROM skill_same "
              "WHERE skill_id = ?1)",
    "SELECT code, date, grade FROM assessment WHERE id = ?1",
};

#define NFQ (sizeof(fq_sql) / sizeof(fq_sql[0]))

static sqlite3_stmt **fq_at(struct fq *q, size_t i)
{
	return &((sqlite3_stmt **)q)[i];
}

static void fq_free(struct fq *q)
{
	for (size_t i = 0; i < NFQ; i++)
		sqlite3_finalize(*fq_at(q, i));
}

static int fq_prepare(mms_db *db, struct fq *q)
{
	memset(q, 0, sizeof(*q));
	for (size_t i = 0; i < NFQ; i++) {
		int rc = mms_prepare(db, fq_at(q, i), fq_sql[i]);

		if (rc != MMS_OK) {
			fq_free(q);
			return rc;
		}
	}
	return MMS_OK;
}

/* The ids of a query's first column. */
static int collect(mms_db *db, sqlite3_stmt *st, struct ids *out)
{
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (ids_add(out, sqlite3_column_int64(st, 0)))
			return report_nomem(db);
	sqlite3_reset(st);
	return report_step_error(db, step);
}

/* One id from a query, 0 if none. */
static int one_id(mms_db *db, sqlite3_stmt *st, int64_t *id)
{
	int step = sqlite3_step(st);

	*id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return report_step_error(db, step);
}

/* Pools the classes' rows at assessment A into SIDE. */
static int pool(mms_db *db, struct fq *q, const struct ids *cls, int64_t skill, int64_t a,
                mms_report_side *side)
{
	double points = 0, possible = 0;
	mms_buf labels = {0};
	int step = SQLITE_DONE, oom = 0;

	side->n = 0;
	for (size_t i = 0; i < cls->n; i++) {
		sqlite3_bind_int64(q->cls, 1, cls->v[i]);
		sqlite3_bind_int64(q->cls, 2, skill);
		sqlite3_bind_int64(q->cls, 3, a);
		step = sqlite3_step(q->cls);
		if (step == SQLITE_ROW) {
			side->n += sqlite3_column_int64(q->cls, 0);
			points += sqlite3_column_double(q->cls, 1);
			possible += sqlite3_column_double(q->cls, 2);
			if ((labels.len && mms_buf_adds(&labels, ", ")) ||
			    mms_buf_adds(&labels, (const char *)sqlite3_column_text(q->cls, 3)))
				oom = 1;
			step = SQLITE_DONE;
		}
		sqlite3_reset(q->cls);
		if (step != SQLITE_DONE || oom)
			break;
	}
	side->success = possible > 0 ? points / possible : NAN;
	side->classes = labels.p ? labels.p : strdup("");
	if (oom || !side->classes)
		return report_nomem(db);
	if (step != SQLITE_DONE)
		return report_step_error(db, step);
	sqlite3_bind_int64(q->district, 1, skill);
	sqlite3_bind_int64(q->district, 2, a);
	step = sqlite3_step(q->district);
	if (step == SQLITE_ROW) {
		side->district_n = sqlite3_column_int64(q->district, 0);
		side->district_success = sqlite3_column_double(q->district, 1);
	} else {
		side->district_success = NAN;
	}
	sqlite3_reset(q->district);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return report_step_error(db, step);
	return MMS_OK;
}

struct assess {
	char code[128], date[16];
	int grade;
};

static int assessment_of(mms_db *db, struct fq *q, int64_t id, struct assess *a)
{
	int step;

	memset(a, 0, sizeof(*a));
	sqlite3_bind_int64(q->assess, 1, id);
	step = sqlite3_step(q->assess);
	if (step == SQLITE_ROW) {
		const unsigned char *d = sqlite3_column_text(q->assess, 1);

		snprintf(a->code, sizeof(a->code), "%s", sqlite3_column_text(q->assess, 0));
		snprintf(a->date, sizeof(a->date), "%s", d ? (const char *)d : "");
		a->grade = sqlite3_column_int(q->assess, 2);
	}
	sqlite3_reset(q->assess);
	return report_step_error(db, step);
}

/* An item of a programme, as read. */
struct item {
	int64_t teacher, skill, subject, hypothesis;
	char start[16]; /* the programme's school year begins: YYYY-09-01, or "" */
	char done[16];  /* the day it was done, or "" */
};

/*
 * Finds the before and after assessments of an item and its classes at
 * both; *FOUND 0 when no later assessment has checked the skill yet.
 */
static int follow(struct report_ctx *c, struct fq *q, const struct item *it, mms_report_followup *f,
                  int *found)
{
	mms_db *db = c->db;
	int64_t before = 0, after = 0, hyp_a = 0;
	char hyp_date[16] = "";
	struct assess ab, aa;
	struct ids bc = {0}, ac = {0};
	int rc = MMS_OK;

	*found = 0;
	if (it->hypothesis) {
		sqlite3_bind_int64(q->hyp, 1, it->hypothesis);
		if (sqlite3_step(q->hyp) == SQLITE_ROW) {
			const unsigned char *d = sqlite3_column_text(q->hyp, 1);

			hyp_a = sqlite3_column_int64(q->hyp, 0);
			snprintf(hyp_date, sizeof(hyp_date), "%s", d ? (const char *)d : "");
		}
		sqlite3_reset(q->hyp);
	}
	/* the hypothesis's assessment, unless it came after the programme began */
	if (hyp_a && (!it->start[0] || !hyp_date[0] || strcmp(hyp_date, it->start) < 0))
		before = hyp_a;
	if (!before && it->start[0]) {
		sqlite3_bind_int64(q->earlier, 1, it->subject);
		sqlite3_bind_int64(q->earlier, 2, it->skill);
		sqlite3_bind_int64(q->earlier, 3, it->teacher);
		sqlite3_bind_text(q->earlier, 4, it->start, -1, SQLITE_STATIC);
		if ((rc = one_id(db, q->earlier, &before)) != MMS_OK)
			return rc;
	}
	if (!before)
		before = hyp_a;
	if (!before)
		return MMS_OK;
	if ((rc = assessment_of(db, q, before, &ab)) != MMS_OK)
		return rc;
	if (!ab.date[0])
		return MMS_OK;
	sqlite3_bind_int64(q->later, 1, it->subject);
	sqlite3_bind_int64(q->later, 2, it->skill);
	sqlite3_bind_text(q->later, 3, ab.date, -1, SQLITE_STATIC);
	/* after: an assessment written once the item was done (else in its school year) */
	if (it->done[0] || it->start[0])
		sqlite3_bind_text(q->later, 4, it->done[0] ? it->done : it->start, -1,
		                  SQLITE_STATIC);
	else
		sqlite3_bind_null(q->later, 4);
	if ((rc = one_id(db, q->later, &after)) != MMS_OK || !after)
		return rc;
	if (c->assessment && c->assessment != before && c->assessment != after)
		return MMS_OK;
	if ((rc = assessment_of(db, q, after, &aa)) != MMS_OK)
		return rc;
	*found = 1;

	/* the classes before: the hypothesis's, else the teacher's with results */
	sqlite3_bind_int64(q->hclass, 1, it->teacher);
	sqlite3_bind_int64(q->hclass, 2, it->skill);
	sqlite3_bind_int64(q->hclass, 3, before);
	if ((rc = collect(db, q->hclass, &bc)) != MMS_OK)
		goto out;
	if (bc.n == 0) {
		sqlite3_bind_int64(q->taught, 1, it->teacher);
		sqlite3_bind_int64(q->taught, 2, it->skill);
		sqlite3_bind_int64(q->taught, 3, before);
		if ((rc = collect(db, q->taught, &bc)) != MMS_OK)
			goto out;
	}
	/* after: the same classes a grade (or more) up, else the teacher's there */
	for (size_t i = 0; i < bc.n; i++) {
		sqlite3_bind_int64(q->next, 1, bc.v[i]);
		sqlite3_bind_int(q->next, 2, aa.grade - ab.grade);
		sqlite3_bind_int64(q->next, 3, it->skill);
		sqlite3_bind_int64(q->next, 4, after);
		if ((rc = collect(db, q->next, &ac)) != MMS_OK)
			goto out;
	}
	if (ac.n == 0) {
		sqlite3_bind_int64(q->taught, 1, it->teacher);
		sqlite3_bind_int64(q->taught, 2, it->skill);
		sqlite3_bind_int64(q->taught, 3, after);
		if ((rc = collect(db, q->taught, &ac)) != MMS_OK)
			goto out;
	}
	f->before.assessment = strdup(ab.code);
	f->after.assessment = strdup(aa.code);
	if (!f->before.assessment || !f->after.assessment) {
		rc = report_nomem(db);
		goto out;
	}
	if ((rc = pool(db, q, &bc, it->skill, before, &f->before)) != MMS_OK ||
	    (rc = pool(db, q, &ac, it->skill, after, &f->after)) != MMS_OK)
		goto out;
	f->verdict =
	    mms_report_did(f->before.n, f->before.success, f->after.n, f->after.success,
	                   f->before.district_n, f->before.district_success, f->after.district_n,
	                   f->after.district_success, &f->did, &f->ci_low, &f->ci_high);
	/* chosen from the data (a hypothesis), or the classes were below the district */
	f->chosen_low = it->hypothesis != 0 || f->before.success < f->before.district_success;
out:
	free(bc.v);
	free(ac.v);
	return rc;
}

static void followup_clear(mms_report_followup *f)
{
	free(f->teacher);
	free(f->school);
	free(f->skill);
	free(f->skill_text);
	free(f->form);
	free(f->status);
	free(f->done);
	free(f->before.assessment);
	free(f->before.classes);
	free(f->after.assessment);
	free(f->after.classes);
	memset(f, 0, sizeof(*f));
}

int report_followup(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	struct fq q;
	int rc, step, oom = 0;

	rc = mms_prepare(
	    c->db, &st,
	    "SELECT t.id, i.skill_id, sk.subject_id, coalesce(i.hypothesis_id, 0), "
	    "io.year, t.full_name, s.code, sk.code, sk.text, i.form, i.status, "
	    "(SELECT max(date) FROM iop_status WHERE item_id = i.id AND status = 'done') "
	    "FROM iop_item i JOIN iop io ON io.id = i.iop_id "
	    "JOIN teacher t ON t.id = io.teacher_id JOIN school s ON s.id = t.school_id "
	    "JOIN skill sk ON sk.id = i.skill_id "
	    /* what happened is measured: a done item; one in progress is counted apart;
	       a planned or dropped one never happened */
	    "WHERE i.status IN ('done', 'in-progress') AND (?1 = 0 OR t.school_id = ?1) "
	    "ORDER BY t.name_key, t.id, sk.code, i.id");
	if (rc != MMS_OK)
		return rc;
	if ((rc = fq_prepare(c->db, &q)) != MMS_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_bind_int64(st, 1, c->school);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		mms_report_followup f = {0};
		struct item it = {0};
		const unsigned char *year = sqlite3_column_text(st, 4);
		int found;

		it.teacher = sqlite3_column_int64(st, 0);
		it.skill = sqlite3_column_int64(st, 1);
		it.subject = sqlite3_column_int64(st, 2);
		it.hypothesis = sqlite3_column_int64(st, 3);
		if (!strcmp((const char *)sqlite3_column_text(st, 10), "in-progress")) {
			r->followup_in_progress++;
			continue;
		}
		if (sqlite3_column_text(st, 11))
			snprintf(it.done, sizeof(it.done), "%.10s", sqlite3_column_text(st, 11));
		if (year && strlen((const char *)year) >= 4)
			snprintf(it.start, sizeof(it.start), "%.4s-09-01", (const char *)year);
		rc = follow(c, &q, &it, &f, &found);
		if (rc != MMS_OK) {
			followup_clear(&f);
			break;
		}
		if (!found) {
			followup_clear(&f);
			r->followup_pending++;
			continue;
		}
		r->followup_counts[f.verdict]++;
		r->followup_chosen_low += f.chosen_low;
		if (r->anonymous) {
			followup_clear(&f);
			continue;
		}
		f.teacher = mms_column_dup(st, 5, &oom);
		f.school = mms_column_dup(st, 6, &oom);
		f.skill = mms_column_dup(st, 7, &oom);
		f.skill_text = mms_column_dup(st, 8, &oom);
		f.form = mms_column_dup(st, 9, &oom);
		f.status = mms_column_dup(st, 10, &oom);
		f.done = mms_column_dup(st, 11, &oom);
		{
			mms_report_followup *p =
			    oom ? NULL : realloc(r->followups, (r->nfollowups + 1) * sizeof(*p));

			if (!p) {
				followup_clear(&f);
				rc = report_nomem(c->db);
				break;
			}
			r->followups = p;
			p[r->nfollowups++] = f;
		}
	}
	sqlite3_finalize(st);
	fq_free(&q);
	if (rc != MMS_OK)
		return rc;
	if ((rc = report_step_error(c->db, step)) != MMS_OK)
		return rc;
	for (int v = 0; v < MMS_NFOLLOWUP; v++)
		r->followup_counts[v] = mms_report_suppress(r->anonymous, r->followup_counts[v]);
	r->followup_pending = mms_report_suppress(r->anonymous, r->followup_pending);
	r->followup_in_progress = mms_report_suppress(r->anonymous, r->followup_in_progress);
	r->followup_chosen_low = mms_report_suppress(r->anonymous, r->followup_chosen_low);
	return MMS_OK;
}
