/* Reading hypotheses and collective deficits for the commands' output. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mms/teachers.h"

static void hyp_free(mms_hyp *h)
{
	free(h->teacher);
	free(h->school);
	free(h->school_name);
	free(h->subject);
	free(h->skill);
	free(h->skill_text);
	free(h->skill_kind);
	free(h->competency);
	free(h->competency_area);
	free(h->status);
	free(h->assessment);
	free(h->assessment_kind);
	free(h->date);
	for (size_t i = 0; i < h->nclasses; i++)
		free(h->classes[i].label);
	free(h->classes);
}

void mms_hyp_list_free(mms_hyp_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		hyp_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static int load_classes(mms_db *db, int64_t hyp, mms_hyp *h)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st,
	                     "SELECT c.label, hc.n, hc.success, hc.class_specific "
	                     "FROM hypothesis_class hc JOIN class c ON c.id = hc.class_id "
	                     "WHERE hc.hypothesis_id = ?1 ORDER BY c.grade, c.label_key");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, hyp);
	while (sqlite3_step(st) == SQLITE_ROW) {
		mms_hyp_class *g = realloc(h->classes, (h->nclasses + 1) * sizeof(*g));

		if (!g) {
			sqlite3_finalize(st);
			return mms_oom(db);
		}
		h->classes = g;
		g = &h->classes[h->nclasses++];
		g->label = mms_column_dup(st, 0, NULL);
		g->n = sqlite3_column_int64(st, 1);
		g->success = sqlite3_column_double(st, 2);
		g->class_specific = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	return MMS_OK;
}

int mms_hyp_list_get(mms_db *db, const mms_hyp_filter *f, mms_hyp_list *out)
{
	sqlite3_stmt *st;
	int rc;

	out->items = NULL;
	out->n = 0;
	rc = mms_prepare(
	    db, &st,
	    "SELECT h.id, h.teacher_id, h.skill_id, te.full_name, s.code, s.name, sub.name, "
	    "k.code, k.text, k.kind, coalesce(st.status, 'hypothesis'), "
	    "coalesce(st.priority, 0), h.supported, a.code, a.kind, a.date, h.n, h.rest_n, "
	    "h.success, h.rest_success, h.district_success, h.threshold, h.p_value, "
	    "h.q_value, h.spread, h.sole_teacher, h.same_teacher_earlier, h.cohort_earlier, "
	    /* results in doubt: a sign on the school or on one of the classes */
	    "EXISTS (SELECT 1 FROM objectivity_sign g WHERE g.assessment_id = h.assessment_id "
	    "  AND g.school_id = te.school_id AND (g.class_id IS NULL OR g.class_id IN "
	    "  (SELECT class_id FROM hypothesis_class WHERE hypothesis_id = h.id))), "
	    "EXISTS (SELECT 1 FROM self_diagnosis d WHERE d.teacher_id = h.teacher_id "
	    "  AND d.skill_id = h.skill_id AND d.difficulty = 1) "
	    "FROM hypothesis h JOIN teacher te ON te.id = h.teacher_id "
	    "JOIN school s ON s.id = te.school_id JOIN skill k ON k.id = h.skill_id "
	    "JOIN subject sub ON sub.id = k.subject_id "
	    "JOIN assessment a ON a.id = h.assessment_id "
	    "LEFT JOIN teacher_skill_status st ON st.teacher_id = h.teacher_id "
	    "  AND st.skill_id = h.skill_id "
	    "WHERE (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR s.id IN "
	    "  (SELECT school_id FROM school_code WHERE code = ?2)) "
	    "AND (?3 = 0 OR h.teacher_id = ?3) "
	    "AND (?4 OR h.supported = 1 OR coalesce(st.last_event, 0) > 0) "
	    "AND (?5 OR h.id = (SELECT h2.id FROM hypothesis h2 JOIN assessment a2 "
	    "  ON a2.id = h2.assessment_id WHERE h2.teacher_id = h.teacher_id "
	    "  AND h2.skill_id = h.skill_id AND (?1 IS NULL OR a2.code = ?1) "
	    "  ORDER BY a2.date DESC, a2.code DESC LIMIT 1)) "
	    /* within a teacher: a skill below with the teacher before first, one
	       below with the class before (the cohort's, likelier) last */
	    "ORDER BY s.code, te.name_key, coalesce(st.priority, 9), h.cohort_earlier, "
	    "h.same_teacher_earlier DESC, h.success - h.threshold, k.code");
	if (rc != MMS_OK)
		return rc;
	if (f->assessment)
		sqlite3_bind_text(st, 1, f->assessment, -1, SQLITE_STATIC);
	if (f->school)
		sqlite3_bind_text(st, 2, f->school, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, f->teacher);
	sqlite3_bind_int(st, 4, f->all);
	sqlite3_bind_int(st, 5, f->every_assessment);
	while (rc == MMS_OK && sqlite3_step(st) == SQLITE_ROW) {
		mms_hyp *g = realloc(out->items, (out->n + 1) * sizeof(*g)), *h;

		if (!g) {
			rc = mms_oom(db);
			break;
		}
		out->items = g;
		h = &out->items[out->n++];
		memset(h, 0, sizeof(*h));
		h->teacher_id = sqlite3_column_int64(st, 1);
		h->skill_id = sqlite3_column_int64(st, 2);
		h->teacher = mms_column_dup(st, 3, NULL);
		h->school = mms_column_dup(st, 4, NULL);
		h->school_name = mms_column_dup(st, 5, NULL);
		h->subject = mms_column_dup(st, 6, NULL);
		h->skill = mms_column_dup(st, 7, NULL);
		h->skill_text = mms_column_dup(st, 8, NULL);
		h->skill_kind = mms_column_dup(st, 9, NULL);
		h->status = mms_column_dup(st, 10, NULL);
		h->priority = sqlite3_column_int(st, 11);
		h->supported = sqlite3_column_int(st, 12);
		h->assessment = mms_column_dup(st, 13, NULL);
		h->assessment_kind = mms_column_dup(st, 14, NULL);
		h->date = mms_column_dup(st, 15, NULL);
		h->n = sqlite3_column_int64(st, 16);
		h->rest_n = sqlite3_column_int64(st, 17);
		h->success = sqlite3_column_double(st, 18);
		h->rest_success = sqlite3_column_double(st, 19);
		h->district_success = sqlite3_column_double(st, 20);
		h->threshold = sqlite3_column_double(st, 21);
		h->p_value = sqlite3_column_double(st, 22);
		h->q_value = sqlite3_column_double(st, 23);
		h->spread = mms_spread_of((const char *)sqlite3_column_text(st, 24));
		h->sole_teacher = sqlite3_column_int(st, 25);
		h->same_teacher_earlier = sqlite3_column_int(st, 26);
		h->cohort_earlier = sqlite3_column_int(st, 27);
		h->in_doubt = sqlite3_column_int(st, 28);
		h->self_reported = sqlite3_column_int(st, 29);
		if (!h->teacher || !h->school || !h->skill || !h->status || !h->assessment)
			rc = mms_oom(db);
		if (rc == MMS_OK)
			rc = load_classes(db, sqlite3_column_int64(st, 0), h);
		if (rc == MMS_OK)
			rc = mms_skill_competency(db, h->skill_id, &h->competency_area,
			                          &h->competency);
	}
	sqlite3_finalize(st);
	if (rc != MMS_OK)
		mms_hyp_list_free(out);
	return rc;
}

void mms_collective_list_free(mms_collective_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		mms_collective *c = &l->items[i];

		free(c->level);
		free(c->school);
		free(c->school_name);
		free(c->assessment);
		free(c->subject);
		free(c->skill);
		free(c->skill_text);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

int mms_collective_get(mms_db *db, const char *assessment, const char *school,
                       mms_collective_list *out)
{
	sqlite3_stmt *st;
	int rc;

	out->items = NULL;
	out->n = 0;
	rc =
	    mms_prepare(db, &st,
	                "SELECT d.level, s.code, s.name, a.code, sub.name, k.code, k.text, d.n, "
	                "d.success, d.threshold, d.spread = 'teacher' FROM deficit_result d "
	                "JOIN deficit_run r ON r.id = d.run_id "
	                "JOIN assessment a ON a.id = r.assessment_id "
	                "JOIN subject sub ON sub.id = a.subject_id "
	                "JOIN skill k ON k.id = d.skill_id "
	                "LEFT JOIN school s ON s.id = d.school_id "
	                "WHERE r.id = (SELECT max(id) FROM deficit_run WHERE assessment_id = a.id) "
	                "AND d.deficit = 1 AND (d.level = 'district' "
	                "  OR (d.level = 'school' AND d.spread = 'school') "
	                /* a sole teacher's: school and teacher cannot be told apart */
	                "  OR (d.level = 'school' AND d.spread = 'teacher' AND EXISTS (SELECT 1 "
	                "    FROM teacher_result tr WHERE tr.run_id = d.run_id "
	                "    AND tr.skill_id = d.skill_id AND tr.school_id = d.school_id "
	                "    AND tr.deficit = 1 AND tr.sole_teacher = 1))) "
	                "AND (?1 IS NULL OR a.code = ?1) "
	                "AND (?2 IS NULL OR d.level = 'district' OR s.id IN "
	                "  (SELECT school_id FROM school_code WHERE code = ?2)) "
	                "ORDER BY a.date, a.code, d.level = 'school', s.code, "
	                "d.success - d.threshold");
	if (rc != MMS_OK)
		return rc;
	if (assessment)
		sqlite3_bind_text(st, 1, assessment, -1, SQLITE_STATIC);
	if (school)
		sqlite3_bind_text(st, 2, school, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		mms_collective *g = realloc(out->items, (out->n + 1) * sizeof(*g));

		if (!g) {
			sqlite3_finalize(st);
			mms_collective_list_free(out);
			return mms_oom(db);
		}
		out->items = g;
		g = &out->items[out->n++];
		g->level = mms_column_dup(st, 0, NULL);
		g->school = mms_column_dup(st, 1, NULL);
		g->school_name = mms_column_dup(st, 2, NULL);
		g->assessment = mms_column_dup(st, 3, NULL);
		g->subject = mms_column_dup(st, 4, NULL);
		g->skill = mms_column_dup(st, 5, NULL);
		g->skill_text = mms_column_dup(st, 6, NULL);
		g->n = sqlite3_column_int64(st, 7);
		g->success = sqlite3_column_double(st, 8);
		g->threshold = sqlite3_column_double(st, 9);
		g->sole_teacher = sqlite3_column_int(st, 10);
	}
	sqlite3_finalize(st);
	return MMS_OK;
}
