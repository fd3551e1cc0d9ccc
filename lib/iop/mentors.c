/* Mentors found in the data: a teacher's classes clearly above the rest of the district. */
#include <stdlib.h>
#include <string.h>

#include "iop/iop_internal.h"
#include "text.h"

struct pair {
	int64_t teacher, skill;
	long n, rest_n;
	double success, rest_success, sufficient, p, q;
};

struct found {
	int64_t teacher, skill, assessment, run;
	long n, rest_n;
	double success, rest_success, sufficient, p, q;
};

struct finder {
	mms_db *db;
	mms_mentor_stats *st;
	struct found *f;
	size_t nf, capf;
};

static int keep(struct finder *x, const struct pair *p, int64_t assessment, int64_t run)
{
	if (x->nf == x->capf) {
		size_t cap = x->capf ? 2 * x->capf : 32;
		struct found *grown = realloc(x->f, cap * sizeof(*grown));

		if (!grown)
			return mms_oom(x->db);
		x->f = grown;
		x->capf = cap;
	}
	x->f[x->nf++] =
	    (struct found){p->teacher, p->skill,        assessment,    run,  p->n, p->rest_n,
	                   p->success, p->rest_success, p->sufficient, p->p, p->q};
	return MMS_OK;
}

/*
 * The mentors of one run: the classification compared every teacher's
 * classes pooled with the rest of the district, both ways, adjusted over
 * the assessment's teacher × skill pairs; a mentor is clearly above, at or
 * above the sufficient threshold, sole teacher of a grade or not.
 */
static int one_run(struct finder *x, int64_t assessment, int64_t run, int min_n)
{
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(x->db, &st,
	                 "SELECT teacher_id, skill_id, n, success, rest_n, rest_success, "
	                 "sufficient, p_above, q_above FROM teacher_result r "
	                 "WHERE run_id = ?1 AND p_above IS NOT NULL AND n >= ?2 "
	                 /* results in doubt are never a mentor's evidence: a sign on
	                    the school, or on one of the teacher's classes */
	                 "AND NOT EXISTS (SELECT 1 FROM objectivity_sign g "
	                 "  WHERE g.assessment_id = ?3 AND g.school_id = r.school_id "
	                 "  AND (g.class_id IS NULL OR g.class_id IN (SELECT class_id "
	                 "    FROM assessment_teacher WHERE assessment_id = ?3 "
	                 "    AND teacher_id = r.teacher_id))) "
	                 "ORDER BY teacher_id, skill_id");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int(st, 2, min_n);
	sqlite3_bind_int64(st, 3, assessment);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pair a = {0};

		a.teacher = sqlite3_column_int64(st, 0);
		a.skill = sqlite3_column_int64(st, 1);
		a.n = sqlite3_column_int(st, 2);
		a.success = sqlite3_column_double(st, 3);
		a.rest_n = sqlite3_column_int(st, 4);
		a.rest_success = sqlite3_column_double(st, 5);
		a.sufficient = sqlite3_column_double(st, 6);
		a.p = sqlite3_column_double(st, 7);
		a.q = sqlite3_column_double(st, 8);
		x->st->tested++;
		if (a.q <= MMS_MENTOR_FDR && a.success >= a.sufficient - MMS_EPS) {
			x->st->found++;
			if ((rc = keep(x, &a, assessment, run)) != MMS_OK) {
				sqlite3_finalize(st);
				return rc;
			}
		}
	}
	rc = rc == SQLITE_DONE ? MMS_OK : mms_fail_sql(x->db, "reading the teachers' results");
	sqlite3_finalize(st);
	return rc;
}

/* The data mentor resource of TEACHER, created if needed. */
static int mentor_resource(struct finder *x, int64_t teacher, int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(x->db, &st,
	                 "SELECT id FROM resource WHERE origin = 'data' AND teacher_id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, teacher);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		return MMS_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(x->db, "looking up a mentor");
	rc = mms_prepare(
	    x->db, &st,
	    "INSERT INTO resource(kind, origin, title, title_key, teacher_id, capacity) "
	    "SELECT 'mentor', 'data', full_name, name_key, id, ?2 FROM teacher "
	    "WHERE id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, teacher);
	sqlite3_bind_int(st, 2, MMS_MENTOR_CAPACITY);
	rc = mms_step_done(x->db, st);
	sqlite3_finalize(st);
	if (rc == MMS_OK)
		*id = sqlite3_last_insert_rowid(x->db->sql);
	return rc;
}

static int store(struct finder *x)
{
	sqlite3_stmt *link = NULL, *ev = NULL;
	int rc;

	rc = mms_exec(x->db, "DELETE FROM mentor_evidence WHERE resource_id IN "
	                     "(SELECT id FROM resource WHERE origin = 'data')");
	if (rc == MMS_OK)
		rc = mms_prepare(
		    x->db, &link,
		    "INSERT INTO resource_skill(resource_id, skill_id) VALUES (?1, ?2) "
		    "ON CONFLICT DO UPDATE SET state = 'active' WHERE state = 'lapsed'");
	if (rc == MMS_OK)
		rc = mms_prepare(x->db, &ev,
		                 "INSERT OR REPLACE INTO mentor_evidence(resource_id, skill_id, "
		                 "assessment_id, run_id, n, success, rest_n, rest_success, "
		                 "sufficient, p_value, q_value) "
		                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	for (size_t i = 0; rc == MMS_OK && i < x->nf; i++) {
		const struct found *f = &x->f[i];
		int64_t res = 0;

		rc = mentor_resource(x, f->teacher, &res);
		if (rc != MMS_OK)
			break;
		sqlite3_bind_int64(link, 1, res);
		sqlite3_bind_int64(link, 2, f->skill);
		rc = mms_step_done(x->db, link);
		if (rc != MMS_OK)
			break;
		x->st->added += sqlite3_changes(x->db->sql);
		sqlite3_bind_int64(ev, 1, res);
		sqlite3_bind_int64(ev, 2, f->skill);
		sqlite3_bind_int64(ev, 3, f->assessment);
		sqlite3_bind_int64(ev, 4, f->run);
		sqlite3_bind_int64(ev, 5, f->n);
		sqlite3_bind_double(ev, 6, f->success);
		sqlite3_bind_int64(ev, 7, f->rest_n);
		sqlite3_bind_double(ev, 8, f->rest_success);
		sqlite3_bind_double(ev, 9, f->sufficient);
		sqlite3_bind_double(ev, 10, f->p);
		sqlite3_bind_double(ev, 11, f->q);
		rc = mms_step_done(x->db, ev);
	}
	sqlite3_finalize(link);
	sqlite3_finalize(ev);
	if (rc == MMS_OK) {
		rc = mms_exec(x->db,
		              "UPDATE resource_skill SET state = 'lapsed' "
		              "WHERE state = 'active' AND resource_id IN "
		              "(SELECT id FROM resource WHERE origin = 'data') AND NOT EXISTS "
		              "(SELECT 1 FROM mentor_evidence e WHERE e.resource_id = "
		              "resource_skill.resource_id AND e.skill_id = "
		              "resource_skill.skill_id)");
		if (rc == MMS_OK)
			x->st->lapsed = sqlite3_changes(x->db->sql);
	}
	return rc;
}

int mms_mentors_find(mms_db *db, mms_mentor_stats *stats)
{
	struct finder x = {db, stats, NULL, 0, 0};
	sqlite3_stmt *st;
	int rc;

	memset(stats, 0, sizeof(*stats));
	/* inside a caller's transaction (build-iop) this is a savepoint */
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = mms_prepare(db, &st,
	                 "SELECT a.id, a.subject_id, r.id, v.min_n FROM assessment a "
	                 "JOIN deficit_run r ON r.id = (SELECT max(id) FROM deficit_run "
	                 "  WHERE assessment_id = a.id) "
	                 "JOIN threshold_version v ON v.id = r.threshold_version "
	                 "ORDER BY a.date, a.id");
	if (rc == MMS_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			stats->assessments++;
			rc = one_run(&x, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 2),
			             sqlite3_column_int(st, 3));
			if (rc != MMS_OK)
				break;
		}
		if (rc == SQLITE_DONE)
			rc = MMS_OK;
		else if (rc == SQLITE_ROW || rc > 0)
			rc = mms_fail_sql(db, "reading the classification runs");
		sqlite3_finalize(st);
	}
	if (rc == MMS_OK)
		rc = store(&x);
	free(x.f);
	if (rc == MMS_OK)
		return mms_tx_commit(db);
	mms_tx_rollback(db);
	return rc;
}
