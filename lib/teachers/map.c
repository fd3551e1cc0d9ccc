/*
 * map-to-teacher: class-specific deficits of the latest classification run
 * become hypotheses about the teacher of that class and subject.  A
 * teacher's classes are pooled before deciding: one weak class among four
 * is weaker evidence than four.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "deficits/stats.h"
#include "internal.h"
#include "mms/teachers.h"
#include "roster/refs.h"

/* The false discovery rate over the teacher × skill comparisons. */
#define MAP_FDR 0.05

struct cand {
	int64_t teacher, skill;
	int in_scope; /* in the school asked for; BH counts every school's pairs */
	int flagged;  /* one of the teacher's classes has a class-specific deficit */
	long n, rest_n;
	double points, possible, success, rest_success, district_success, threshold;
	double p, q;
};

struct run {
	int64_t id, assessment, subject;
	int min_n;
};

static int load_runs(mms_db *db, const mms_map_opts *o, struct run **runs, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*runs = NULL;
	*n = 0;
	rc = mms_prepare(db, &st,
	                 "SELECT r.id, a.id, a.subject_id, v.min_n FROM assessment a "
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
			return mms_fail(db, MMS_ENOMEM, _("out of memory"));
		}
		*runs = g;
		g[*n].id = sqlite3_column_int64(st, 0);
		g[*n].assessment = sqlite3_column_int64(st, 1);
		g[*n].subject = sqlite3_column_int64(st, 2);
		g[*n].min_n = sqlite3_column_int(st, 3);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(db, "reading the classification runs");
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
 * Every (teacher, skill) pair of one run, of every school, with the
 * teacher's classes pooled: the adjustment counts the whole family of
 * tests, whatever school is asked for, and a pair is a candidate when one
 * of its classes has a class-specific deficit.
 */
static int candidates(mms_db *db, const struct run *r, const char *school, struct cand **out,
                      size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = mms_prepare(db, &st,
	                 "SELECT t.teacher_id, d.skill_id, ?3 IS NULL OR s.code = ?3, "
	                 "max(d.deficit = 1 AND d.spread IS 'class'), sum(d.n), sum(d.points), "
	                 "sum(d.possible), dr.n, dr.points, dr.possible, dr.threshold "
	                 "FROM deficit_result d "
	                 "JOIN teaching t ON t.class_id = d.class_id AND t.subject_id = ?2 "
	                 "JOIN teacher te ON te.id = t.teacher_id "
	                 "JOIN school s ON s.id = te.school_id "
	                 "JOIN deficit_result dr ON dr.run_id = d.run_id "
	                 "  AND dr.level = 'district' AND dr.skill_id = d.skill_id "
	                 "WHERE d.run_id = ?1 AND d.level = 'class' "
	                 "GROUP BY t.teacher_id, d.skill_id ORDER BY 1, 2");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->subject);
	if (school)
		sqlite3_bind_text(st, 3, school, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cand c = {0}, *g;
		double dn, dpoints, dpossible;

		c.teacher = sqlite3_column_int64(st, 0);
		c.skill = sqlite3_column_int64(st, 1);
		c.in_scope = sqlite3_column_int(st, 2);
		c.flagged = sqlite3_column_int(st, 3);
		c.n = sqlite3_column_int64(st, 4);
		c.points = sqlite3_column_double(st, 5);
		c.possible = sqlite3_column_double(st, 6);
		dn = sqlite3_column_double(st, 7);
		dpoints = sqlite3_column_double(st, 8);
		dpossible = sqlite3_column_double(st, 9);
		c.threshold = sqlite3_column_double(st, 10);
		if (c.possible <= 0 || dpossible <= 0)
			continue;
		c.success = c.points / c.possible;
		c.district_success = dpoints / dpossible;
		c.rest_n = (long)dn - c.n;
		c.rest_success = dpossible - c.possible > 0
		                     ? (dpoints - c.points) / (dpossible - c.possible)
		                     : NAN;
		c.p = c.rest_n > 0 ? mms_ztest_below(c.success, (double)c.n, c.rest_success,
		                                     (double)c.rest_n)
		                   : 1.0;
		g = realloc(*out, (*n + 1) * sizeof(*g));
		if (!g) {
			sqlite3_finalize(st);
			return mms_fail(db, MMS_ENOMEM, _("out of memory"));
		}
		*out = g;
		g[(*n)++] = c;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(db, "reading the classes' results");
	return MMS_OK;
}

static int store(mms_db *db, const struct run *r, const struct cand *c, int supported,
                 mms_map_stats *stats)
{
	sqlite3_stmt *find, *ins, *del, *cls;
	int64_t id = 0;
	int rc;

	rc = mms_prepare(db, &find,
	                 "SELECT id FROM hypothesis WHERE teacher_id = ?1 AND skill_id = ?2 "
	                 "AND assessment_id = ?3");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(find, 1, c->teacher);
	sqlite3_bind_int64(find, 2, c->skill);
	sqlite3_bind_int64(find, 3, r->assessment);
	rc = sqlite3_step(find);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(find, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? MMS_OK
	                                           : mms_fail_sql(db, "reading a hypothesis");
	sqlite3_finalize(find);
	if (rc != MMS_OK)
		return rc;
	if (!id && !supported)
		return MMS_OK;
	rc =
	    mms_prepare(db, &ins,
	                "INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, "
	                "success, rest_n, rest_success, district_success, threshold, p_value, "
	                "q_value, supported) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	                "?11, ?12, ?13) ON CONFLICT(teacher_id, skill_id, assessment_id) DO UPDATE "
	                "SET run_id = ?4, n = ?5, success = ?6, rest_n = ?7, rest_success = ?8, "
	                "district_success = ?9, threshold = ?10, p_value = ?11, q_value = ?12, "
	                "supported = ?13, updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	                "RETURNING id");
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
	sqlite3_finalize(ins);
	if (rc != MMS_OK)
		return rc;
	/* the classes behind it, as the run saw them */
	rc = mms_prepare(db, &del, "DELETE FROM hypothesis_class WHERE hypothesis_id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(del, 1, id);
	rc = mms_step_done(db, del);
	sqlite3_finalize(del);
	if (rc != MMS_OK)
		return rc;
	rc = mms_prepare(db, &cls,
	                 "INSERT OR REPLACE INTO hypothesis_class(hypothesis_id, class_id, n, "
	                 "success, class_specific) "
	                 "SELECT ?1, d.class_id, d.n, d.success, "
	                 "  d.deficit = 1 AND coalesce(d.spread, '') = 'class' "
	                 "FROM deficit_result d JOIN teaching t ON t.class_id = d.class_id "
	                 "  AND t.subject_id = ?3 "
	                 "WHERE d.run_id = ?2 AND d.level = 'class' AND t.teacher_id = ?4 "
	                 "AND d.skill_id = ?5");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(cls, 1, id);
	sqlite3_bind_int64(cls, 2, r->id);
	sqlite3_bind_int64(cls, 3, r->subject);
	sqlite3_bind_int64(cls, 4, c->teacher);
	sqlite3_bind_int64(cls, 5, c->skill);
	rc = mms_step_done(db, cls);
	sqlite3_finalize(cls);
	return rc;
}

static int count_unassigned(mms_db *db, const struct run *r, const char *school, long *n)
{
	sqlite3_stmt *st;
	int rc =
	    mms_prepare(db, &st,
	                "SELECT count(*) FROM deficit_result d JOIN class c ON c.id = d.class_id "
	                "JOIN school s ON s.id = c.school_id "
	                "WHERE d.run_id = ?1 AND d.level = 'class' AND d.deficit = 1 "
	                "AND d.spread = 'class' AND (?3 IS NULL OR s.code = ?3) "
	                "AND NOT EXISTS (SELECT 1 FROM teaching t WHERE t.class_id = d.class_id "
	                "  AND t.subject_id = ?2)");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->subject);
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
	int rc = mms_prepare(db, &st,
	                     "UPDATE hypothesis SET supported = 0, "
	                     "updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	                     "WHERE assessment_id = ?1 AND run_id <> ?2 AND supported = 1 "
	                     "AND (?3 IS NULL OR teacher_id IN (SELECT t.id FROM teacher t "
	                     "  JOIN school s ON s.id = t.school_id WHERE s.code = ?3))");

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
	for (size_t i = 0; rc == MMS_OK && i < nruns; i++) {
		struct cand *c = NULL;
		size_t nc = 0;
		double *p = NULL;

		stats->assessments++;
		rc = unsupport_stale(db, &runs[i], o->school);
		if (rc == MMS_OK)
			rc = candidates(db, &runs[i], o->school, &c, &nc);
		if (rc == MMS_OK && nc > 0) {
			p = malloc(nc * sizeof(*p));
			if (!p)
				rc = mms_fail(db, MMS_ENOMEM, _("out of memory"));
			for (size_t k = 0; rc == MMS_OK && k < nc; k++)
				p[k] = c[k].p;
			if (rc == MMS_OK && mms_bh_adjust(p, p, nc) != 0)
				rc = mms_fail(db, MMS_ENOMEM, _("out of memory"));
			for (size_t k = 0; rc == MMS_OK && k < nc; k++) {
				int supported;

				c[k].q = p[k];
				if (!c[k].in_scope || !c[k].flagged)
					continue;
				supported = c[k].q <= MAP_FDR && c[k].n >= runs[i].min_n &&
				            c[k].success < c[k].district_success;
				stats->candidates++;
				stats->hypotheses += supported;
				rc = store(db, &runs[i], &c[k], supported, stats);
			}
		}
		if (rc == MMS_OK)
			rc = count_unassigned(db, &runs[i], o->school, &stats->unassigned);
		free(p);
		free(c);
	}
	free(runs);
	if (rc != MMS_OK) {
		mms_tx_rollback(db);
		return rc;
	}
	return mms_tx_commit(db);
}
