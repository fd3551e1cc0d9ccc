/*
 * map-to-teacher: the deficits of the latest classification run that lie in
 * one teacher's classes become hypotheses about that teacher: the teacher's
 * classes of the assessment's school year pooled, clearly below the rest of
 * the district (one weak class among four is weaker evidence than four), a
 * sole teacher of a grade included.  Each says whether the skill was below
 * with the same teacher and another class before (the teacher's, likelier)
 * or with the same class and another teacher (the cohort's, likelier).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mms/teachers.h"
#include "roster/refs.h"

/* The false discovery rate over the teacher × skill comparisons. */

struct cand {
	int64_t teacher, skill;
	int district; /* the district is below too: spread 'district', else 'teacher' */
	int sole;     /* the only teacher of the subject in the grade of the school */
	long n, rest_n;
	double success, rest_success, district_success, threshold;
	double p, q;
};

struct run {
	int64_t id, assessment;
	int min_n;
};

/*
 * The classes behind a hypothesis: from the teacher's classes to their rows
 * (deficit_result_by_run: run, level, skill, class), not every class row of
 * the skill in the run (CROSS JOIN keeps that order; tests/unit/test_plans.c).
 */
const char mms_sql_hyp_classes[] =
    "INSERT OR REPLACE INTO hypothesis_class(hypothesis_id, class_id, n, success, "
    "class_specific) "
    "SELECT ?1, d.class_id, d.n, d.success, d.deficit = 1 AND coalesce(d.q_value, 1) <= ?5 "
    "FROM assessment_teacher t CROSS JOIN deficit_result d "
    "  ON d.class_id = t.class_id AND d.skill_id = ?6 AND d.run_id = ?2 AND d.level = 'class' "
    "WHERE t.assessment_id = ?3 AND t.teacher_id = ?4";

static int load_runs(mms_db *db, const mms_map_opts *o, struct run **runs, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*runs = NULL;
	*n = 0;
	rc = mms_prepare(db, &st,
	                 "SELECT r.id, a.id, v.min_n FROM assessment a "
	                 "JOIN deficit_run r ON r.id = (SELECT max(id) FROM deficit_run "
	                 "  WHERE assessment_id = a.id) "
	                 "JOIN threshold_version v ON v.id = r.threshold_version "
	                 "WHERE ?1 IS NULL OR a.code = ?1 ORDER BY a.date, a.code");
	if (rc != MMS_OK)
		return rc;
	if (o->assessment)
		sqlite3_bind_text(st, 1, o->assessment, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct run *g = realloc(*runs, (*n + 1) * sizeof(*g));

		if (!g) {
			sqlite3_finalize(st);
			return mms_oom(db);
		}
		*runs = g;
		g[*n].id = sqlite3_column_int64(st, 0);
		g[*n].assessment = sqlite3_column_int64(st, 1);
		g[*n].min_n = sqlite3_column_int(st, 2);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(db, "reading the classification runs");
	if (*n == 0 && o->assessment) {
		/* an assessment that does not exist is not one to classify */
		sqlite3_stmt *q;
		int known = 0;

		if (mms_prepare(db, &q, "SELECT 1 FROM assessment WHERE code = ?1") == MMS_OK) {
			sqlite3_bind_text(q, 1, o->assessment, -1, SQLITE_STATIC);
			known = sqlite3_step(q) == SQLITE_ROW;
			sqlite3_finalize(q);
		}
		if (!known)
			return assessment_not_found(db, o->assessment);
	}
	if (*n == 0)
		return mms_fail(db, MMS_ENOTFOUND,
		                o->assessment
		                    ? _("assessment '%s' has not been classified: run mms "
		                        "classify-deficits first")
		                    : _("no assessment has been classified%s: run mms "
		                        "classify-deficits first"),
		                o->assessment ? o->assessment : "");
	return MMS_OK;
}

/*
 * The (teacher, skill) pairs of one run whose teacher's classes pooled are
 * below the threshold on a deficit that is the teacher's or the district's
 * (a school's, of two or more teachers, is the ШМО's).  The test and its
 * adjustment over every teacher × skill pair of the assessment were made by
 * the classification.
 */
static int candidates(mms_db *db, const struct run *r, const char *school, struct cand **out,
                      size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = mms_prepare(db, &st,
	                 "SELECT tr.teacher_id, tr.skill_id, tr.n, tr.success, tr.rest_n, "
	                 "tr.rest_success, dr.success, tr.threshold, tr.p_below, tr.q_below, "
	                 "tr.spread, tr.sole_teacher FROM teacher_result tr "
	                 "JOIN school s ON s.id = tr.school_id "
	                 "JOIN deficit_result dr ON dr.run_id = tr.run_id "
	                 "  AND dr.level = 'district' AND dr.skill_id = tr.skill_id "
	                 "WHERE tr.run_id = ?1 AND tr.deficit = 1 "
	                 "AND tr.spread IN ('teacher', 'district') "
	                 "AND (?2 IS NULL OR s.id IN (SELECT school_id FROM school_code "
	                 "  WHERE code = ?2)) ORDER BY 1, 2");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	if (school)
		sqlite3_bind_text(st, 2, school, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cand c = {0}, *g;

		c.teacher = sqlite3_column_int64(st, 0);
		c.skill = sqlite3_column_int64(st, 1);
		c.n = sqlite3_column_int64(st, 2);
		c.success = sqlite3_column_double(st, 3);
		c.rest_n = sqlite3_column_int64(st, 4);
		c.rest_success =
		    sqlite3_column_type(st, 5) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 5);
		c.district_success = sqlite3_column_double(st, 6);
		c.threshold = sqlite3_column_double(st, 7);
		c.p =
		    sqlite3_column_type(st, 8) == SQLITE_NULL ? 1.0 : sqlite3_column_double(st, 8);
		c.q =
		    sqlite3_column_type(st, 9) == SQLITE_NULL ? 1.0 : sqlite3_column_double(st, 9);
		c.district = !strcmp((const char *)sqlite3_column_text(st, 10), "district");
		c.sole = sqlite3_column_int(st, 11);
		g = realloc(*out, (*n + 1) * sizeof(*g));
		if (!g) {
			sqlite3_finalize(st);
			return mms_oom(db);
		}
		*out = g;
		g[(*n)++] = c;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(db, "reading the teachers' results");
	return MMS_OK;
}

/*
 * "below" is the class deficits of the skill in earlier assessments of the
 * teacher's school only (a teacher's classes are in the teacher's school:
 * mms check's teaching_school), so that it seeks deficit_result_by_group (the
 * class deficits) on (skill, school) instead of reading the skill's deficits of
 * the whole region for each hypothesis (tests/unit/test_plans.c).  The cohort of a
 * class in a school year is its school, its letter (label_key after the
 * grade) and the year it entered grade 1: 5А of 2025/2026 is 6А of 2026/2027.
 */
const char mms_sql_earlier[] =
    "WITH mine AS ("
    "  SELECT c1.school_id, substr(c1.label_key, length(c1.grade) + 1) AS letter,"
    "  CAST(substr(a1.year, 1, 4) AS INTEGER) - c1.grade AS entry, a1.year, a1.date"
    "  FROM assessment_teacher at1 JOIN class c1 ON c1.id = at1.class_id"
    "  JOIN assessment a1 ON a1.id = at1.assessment_id"
    "  WHERE at1.assessment_id = ?3 AND at1.teacher_id = ?1 AND a1.date IS NOT NULL"
    /* the classes of the assessment, not every class the teacher has that year */
    "  AND EXISTS (SELECT 1 FROM deficit_result d1 WHERE d1.class_id = c1.id"
    "    AND d1.skill_id = ?2 AND d1.run_id = ?4 AND d1.level = 'class')), "
    "below AS ("
    "  SELECT d.class_id, c2.school_id,"
    "  substr(c2.label_key, length(c2.grade) + 1) AS letter,"
    "  CAST(substr(a2.year, 1, 4) AS INTEGER) - c2.grade AS entry,"
    "  a2.id AS assessment, a2.year, a2.date"
    "  FROM deficit_result d JOIN deficit_run u ON u.id = d.run_id"
    "  JOIN assessment a2 ON a2.id = u.assessment_id JOIN class c2 ON c2.id = d.class_id"
    "  WHERE d.skill_id IN (SELECT same_id FROM skill_same WHERE skill_id = ?2)"
    "  AND d.level = 'class' AND d.deficit = 1"
    "  AND d.school_id = (SELECT school_id FROM teacher WHERE id = ?1)"
    "  AND a2.date < (SELECT date FROM assessment WHERE id = ?3)"
    "  AND u.id = (SELECT max(id) FROM deficit_run WHERE assessment_id = a2.id)) "
    "SELECT EXISTS (SELECT 1 FROM below b JOIN assessment_teacher at2"
    "    ON at2.assessment_id = b.assessment AND at2.class_id = b.class_id"
    "    AND at2.teacher_id = ?1"
    "  WHERE NOT EXISTS (SELECT 1 FROM mine m WHERE m.school_id = b.school_id"
    "    AND m.letter = b.letter AND m.entry = b.entry)), "
    "EXISTS (SELECT 1 FROM below b JOIN mine m ON m.school_id = b.school_id"
    "    AND m.letter = b.letter AND m.entry = b.entry AND b.year < m.year"
    "  WHERE EXISTS (SELECT 1 FROM assessment_teacher at2"
    "    WHERE at2.assessment_id = b.assessment AND at2.class_id = b.class_id)"
    "  AND NOT EXISTS (SELECT 1 FROM assessment_teacher at2"
    "    WHERE at2.assessment_id = b.assessment AND at2.class_id = b.class_id"
    "    AND at2.teacher_id = ?1))";

/* The statements of storing a hypothesis, prepared once for all candidates. */
struct stmts {
	sqlite3_stmt *find, *earlier, *ins, *del, *cls;
};

static void stmts_free(struct stmts *q)
{
	sqlite3_finalize(q->find);
	sqlite3_finalize(q->earlier);
	sqlite3_finalize(q->ins);
	sqlite3_finalize(q->del);
	sqlite3_finalize(q->cls);
	memset(q, 0, sizeof(*q));
}

static int stmts_prepare(mms_db *db, struct stmts *q)
{
	int rc;

	memset(q, 0, sizeof(*q));
	if ((rc = mms_prepare(db, &q->find,
	                      "SELECT id FROM hypothesis WHERE teacher_id = ?1 AND skill_id = ?2 "
	                      "AND assessment_id = ?3")) != MMS_OK ||
	    (rc = mms_prepare(db, &q->earlier, mms_sql_earlier)) != MMS_OK ||
	    (rc = mms_prepare(
	         db, &q->ins,
	         "INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, "
	         "success, rest_n, rest_success, district_success, threshold, p_value, "
	         "q_value, supported, spread, sole_teacher, same_teacher_earlier, "
	         "cohort_earlier) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	         "?12, ?13, ?14, ?15, ?16, ?17) "
	         "ON CONFLICT(teacher_id, skill_id, assessment_id) DO UPDATE "
	         "SET run_id = ?4, n = ?5, success = ?6, rest_n = ?7, rest_success = ?8, "
	         "district_success = ?9, threshold = ?10, p_value = ?11, q_value = ?12, "
	         "supported = ?13, spread = ?14, sole_teacher = ?15, "
	         "same_teacher_earlier = ?16, cohort_earlier = ?17, "
	         "updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') RETURNING id")) != MMS_OK ||
	    (rc = mms_prepare(db, &q->del,
	                      "DELETE FROM hypothesis_class WHERE hypothesis_id = ?1")) != MMS_OK ||
	    (rc = mms_prepare(db, &q->cls, mms_sql_hyp_classes)) != MMS_OK)
		stmts_free(q);
	return rc;
}

/*
 * Was the skill below with the teacher before?  *SAME: the teacher taught
 * the subject to another class (cohort) in an earlier assessment, and that
 * class was below on the skill.  *COHORT: one of the teacher's classes was
 * below on the skill in an earlier school year with another teacher.
 */
static int earlier(mms_db *db, sqlite3_stmt *st, const struct run *r, const struct cand *c,
                   int *same, int *cohort)
{
	int rc;

	sqlite3_bind_int64(st, 1, c->teacher);
	sqlite3_bind_int64(st, 2, c->skill);
	sqlite3_bind_int64(st, 3, r->assessment);
	sqlite3_bind_int64(st, 4, r->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*same = sqlite3_column_int(st, 0);
		*cohort = sqlite3_column_int(st, 1);
	}
	rc = rc == SQLITE_ROW ? MMS_OK : mms_fail_sql(db, "reading earlier assessments");
	sqlite3_reset(st);
	return rc;
}

static int store(mms_db *db, struct stmts *q, const struct run *r, const struct cand *c,
                 int supported, mms_map_stats *stats)
{
	sqlite3_stmt *find = q->find, *ins = q->ins, *del = q->del, *cls = q->cls;
	int64_t id = 0;
	int rc, same = 0, cohort = 0;

	sqlite3_bind_int64(find, 1, c->teacher);
	sqlite3_bind_int64(find, 2, c->skill);
	sqlite3_bind_int64(find, 3, r->assessment);
	rc = sqlite3_step(find);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(find, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? MMS_OK
	                                           : mms_fail_sql(db, "reading a hypothesis");
	sqlite3_reset(find);
	if (rc != MMS_OK)
		return rc;
	if (!id && !supported)
		return MMS_OK;
	rc = earlier(db, q->earlier, r, c, &same, &cohort);
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(ins, 1, c->teacher);
	sqlite3_bind_int64(ins, 2, c->skill);
	sqlite3_bind_int64(ins, 3, r->assessment);
	sqlite3_bind_int64(ins, 4, r->id);
	sqlite3_bind_int64(ins, 5, c->n);
	sqlite3_bind_double(ins, 6, c->success);
	sqlite3_bind_int64(ins, 7, c->rest_n);
	sqlite3_bind_double(ins, 8, isfinite(c->rest_success) ? c->rest_success : 0);
	sqlite3_bind_double(ins, 9, c->district_success);
	sqlite3_bind_double(ins, 10, c->threshold);
	sqlite3_bind_double(ins, 11, c->p);
	sqlite3_bind_double(ins, 12, c->q);
	sqlite3_bind_int(ins, 13, supported);
	sqlite3_bind_text(ins, 14, c->district ? "district" : "teacher", -1, SQLITE_STATIC);
	sqlite3_bind_int(ins, 15, c->sole);
	sqlite3_bind_int(ins, 16, same);
	sqlite3_bind_int(ins, 17, cohort);
	if (sqlite3_step(ins) == SQLITE_ROW) {
		if (id)
			stats->updated++;
		else
			stats->added++;
		id = sqlite3_column_int64(ins, 0);
		rc = sqlite3_step(ins) == SQLITE_DONE ? MMS_OK
		                                      : mms_fail_sql(db, "storing a hypothesis");
	} else {
		rc = mms_fail_sql(db, "storing a hypothesis");
	}
	sqlite3_reset(ins);
	if (rc != MMS_OK)
		return rc;
	/* the classes behind it, as the run saw them */
	sqlite3_bind_int64(del, 1, id);
	rc = mms_step_done(db, del);
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(cls, 1, id);
	sqlite3_bind_int64(cls, 2, r->id);
	sqlite3_bind_int64(cls, 3, r->assessment);
	sqlite3_bind_int64(cls, 4, c->teacher);
	sqlite3_bind_double(cls, 5, MMS_FDR);
	sqlite3_bind_int64(cls, 6, c->skill);
	return mms_step_done(db, cls);
}

/* The run's (?1) class deficits of spread 'class' or 'school' whose class has no
   teacher of the assessment (?2), in a school (?3 its code) or the district: from
   the run's deficits alone (deficit_result_by_run would seem as good to the
   planner, and read every class row: tests/unit/test_plans.c), in the table
   deficit_row, as an index is named only there: the spread as its code
   (lib/deficits/codes.h: the spread + 1 in bits 4-6). */
_Static_assert(MMS_SPREAD_SCHOOL + 1 == 2 && MMS_SPREAD_CLASS + 1 == 4,
               "mms_sql_unassigned's codes of the spreads");
const char mms_sql_unassigned[] =
    "SELECT count(*) FROM deficit_row d INDEXED BY deficit_result_deficits "
    "JOIN class c ON c.id = d.class_id "
    "JOIN school s ON s.id = c.school_id "
    "WHERE d.run_id = ?1 AND d.level = 'class' AND d.deficit = 1 "
    "AND (d.codes >> 4) & 7 IN (2, 4) AND (?3 IS NULL OR s.id IN "
    "  (SELECT school_id FROM school_code WHERE code = ?3)) "
    "AND NOT EXISTS (SELECT 1 FROM assessment_teacher t "
    "  WHERE t.class_id = d.class_id AND t.assessment_id = ?2)";

static int count_unassigned(mms_db *db, const struct run *r, const char *school, long *n)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st, mms_sql_unassigned);

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->assessment);
	if (school)
		sqlite3_bind_text(st, 3, school, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n += sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW ? MMS_OK : mms_fail_sql(db, "counting classes without a teacher");
	sqlite3_finalize(st);
	return rc;
}

/*
 * The hypotheses of an earlier run of the assessment that this run does not
 * make candidates: the latest results no longer show them (their evidence
 * stays that of the run that did).  A candidate of this run is stored again.
 */
static int unsupport_stale(mms_db *db, const struct run *r, const char *school)
{
	sqlite3_stmt *st;
	int rc =
	    mms_prepare(db, &st,
	                "UPDATE hypothesis SET supported = 0, "
	                "updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	                "WHERE assessment_id = ?1 AND run_id <> ?2 AND supported = 1 "
	                "AND (?3 IS NULL OR teacher_id IN (SELECT t.id FROM teacher t "
	                "  JOIN school_code s ON s.school_id = t.school_id WHERE s.code = ?3))");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, r->assessment);
	sqlite3_bind_int64(st, 2, r->id);
	if (school)
		sqlite3_bind_text(st, 3, school, -1, SQLITE_STATIC);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	return rc;
}

int mms_teachers_map(mms_db *db, const mms_map_opts *o, mms_map_stats *stats)
{
	struct run *runs = NULL;
	struct stmts q = {0};
	size_t nruns = 0;
	int rc;

	memset(stats, 0, sizeof(*stats));
	mms_diag_clear(db);
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	if (o->school) {
		int64_t sid;

		rc = mms_school_by_code(db, o->school, &sid);
	}
	if (rc == MMS_OK)
		rc = load_runs(db, o, &runs, &nruns);
	if (rc == MMS_OK)
		rc = stmts_prepare(db, &q);
	for (size_t i = 0; rc == MMS_OK && i < nruns; i++) {
		struct cand *c = NULL;
		size_t nc = 0;

		stats->assessments++;
		rc = unsupport_stale(db, &runs[i], o->school);
		if (rc == MMS_OK)
			rc = candidates(db, &runs[i], o->school, &c, &nc);
		for (size_t k = 0; rc == MMS_OK && k < nc; k++) {
			/* deficit already says the teacher's classes are below the
			   threshold, with at least the minimum of participants */
			int supported = c[k].q <= MMS_FDR && c[k].n >= runs[i].min_n;

			stats->candidates++;
			stats->hypotheses += supported;
			rc = store(db, &q, &runs[i], &c[k], supported, stats);
		}
		if (rc == MMS_OK)
			rc = count_unassigned(db, &runs[i], o->school, &stats->unassigned);
		free(c);
	}
	stmts_free(&q);
	free(runs);
	return mms_tx_end(db, rc);
}
