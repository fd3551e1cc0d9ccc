/*
 * mms report: the figures, computed once.  Every query reads the tables of
 * the earlier steps directly; nothing here writes but mms_report_record().
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mms/analysis.h"
#include "mms/report.h"
#include "mms/teacher_card.h"
#include "mms/teachers.h"
#include "report_internal.h"
#include "roster/refs.h"

int report_nomem(mms_db *db)
{
	return mms_oom(db);
}

int report_step_error(mms_db *db, int rc)
{
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return MMS_OK;
	return mms_fail_sql(db, "reading the report's figures");
}

long mms_report_suppress(int anonymous, long v)
{
	if (anonymous && v > 0 && v < MMS_REPORT_MIN_GROUP)
		return MMS_REPORT_SUPPRESSED;
	return v;
}

/* Skill codes in their natural order: 1.2 < 1.10 < 2.1 < 10.1. */
static int code_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			char *ea, *eb;
			unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);

			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int skill_cmp(const void *x, const void *y)
{
	const mms_report_skill *a = x, *b = y;

	if (a->assessment != b->assessment)
		return a->assessment < b->assessment ? -1 : 1;
	return code_cmp(a->code, b->code);
}

/* The scope: the school, the assessments and their latest runs. */
static int load_scope(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	int rc, oom = 0, step;

	if (c->o->school) {
		rc = mms_prepare(c->db, &st,
		                 "SELECT id, code, name FROM school WHERE id = "
		                 "(SELECT school_id FROM school_code WHERE code = ?1)");
		if (rc != MMS_OK)
			return rc;
		sqlite3_bind_text(st, 1, c->o->school, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			c->school = sqlite3_column_int64(st, 0);
			r->school = mms_column_dup(st, 1, &oom);
			r->school_name = mms_column_dup(st, 2, &oom);
		}
		sqlite3_finalize(st);
		if (oom)
			return report_nomem(c->db);
		if (!c->school) {
			int64_t id;

			return mms_school_by_code(c->db, c->o->school, &id); /* says why */
		}
	}
	if (c->o->assessment) {
		rc = mms_prepare(c->db, &st, "SELECT id FROM assessment WHERE code = ?1");
		if (rc != MMS_OK)
			return rc;
		sqlite3_bind_text(st, 1, c->o->assessment, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			c->assessment = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (!c->assessment)
			return assessment_not_found(c->db, c->o->assessment);
	}
	rc = mms_prepare(
	    c->db, &st,
	    "SELECT a.id, (SELECT max(id) FROM deficit_run d WHERE d.assessment_id = a.id) AS run, "
	    "a.code, a.kind, sub.name, a.date, a.grade "
	    "FROM assessment a JOIN subject sub ON sub.id = a.subject_id "
	    "WHERE (?1 = 0 OR a.id = ?1) AND run IS NOT NULL "
	    "ORDER BY a.date IS NULL, a.date, a.code");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->assessment);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = r->nassessments;
		mms_report_assessment *a = realloc(r->assessments, (n + 1) * sizeof(*a));
		int64_t *aids = realloc(c->aids, (n + 1) * sizeof(*aids));
		int64_t *runs;

		if (a)
			r->assessments = a;
		if (aids)
			c->aids = aids;
		runs = realloc(c->runs, (n + 1) * sizeof(*runs));
		if (runs)
			c->runs = runs;
		if (!a || !aids || !runs) {
			oom = 1;
			break;
		}
		a = &r->assessments[n];
		memset(a, 0, sizeof(*a));
		r->nassessments++;
		c->aids[n] = sqlite3_column_int64(st, 0);
		c->runs[n] = sqlite3_column_int64(st, 1);
		a->code = mms_column_dup(st, 2, &oom);
		a->kind = mms_column_dup(st, 3, &oom);
		a->subject = mms_column_dup(st, 4, &oom);
		a->date = mms_column_dup(st, 5, &oom);
		a->grade = sqlite3_column_int(st, 6); /* its participants: load_marks() */
	}
	sqlite3_finalize(st);
	if (oom)
		return report_nomem(c->db);
	if ((rc = report_step_error(c->db, step)) != MMS_OK)
		return rc;
	if (c->assessment && r->nassessments == 0)
		return mms_fail(c->db, MMS_ENOTFOUND,
		                _("assessment '%s' has not been classified: run 'mms "
		                  "classify-deficits' first"),
		                c->o->assessment);
	return MMS_OK;
}

static int load_schools(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	int rc, oom = 0, step;

	rc = mms_prepare(c->db, &st,
	                 "SELECT code, name FROM school WHERE ?1 = 0 OR id = ?1 ORDER BY code");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->school);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		mms_report_school *s = realloc(r->schools, (r->nschools + 1) * sizeof(*s));

		if (!s) {
			oom = 1;
			break;
		}
		r->schools = s;
		s = &r->schools[r->nschools++];
		s->code = mms_column_dup(st, 0, &oom);
		s->name = mms_column_dup(st, 1, &oom);
	}
	sqlite3_finalize(st);
	if (oom)
		return report_nomem(c->db);
	return report_step_error(c->db, step);
}

/* The school of CODE, by halving: load_schools reads them ORDER BY code, and
   SQLite's BINARY order is strcmp's (a region has thousands of schools). */
static size_t school_index(const mms_report *r, const char *code)
{
	size_t lo = 0, hi = r->nschools;

	while (code && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(r->schools[mid].code, code);

		if (cmp == 0)
			return mid;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

static void set_cell(const mms_report *r, mms_report_cell *cell, sqlite3_stmt *st)
{
	cell->n = sqlite3_column_int64(st, 3);
	cell->success = sqlite3_column_double(st, 4);
	cell->deficit = sqlite3_column_int(st, 5);
	cell->verdict = mms_verdict_of((const char *)sqlite3_column_text(st, 10));
	if (r->anonymous && cell->n < MMS_REPORT_MIN_GROUP) {
		cell->suppressed = 1;
		cell->success = NAN;
		cell->deficit = 0;
		cell->verdict = MMS_VERDICT_NO_DATA;
	}
}

/* A run's (?1) district and school (all, ?2 = 0, or one) rows by skill, the district's
   first: the level bound, so that the index gives them in that order, leaving the class
   rows and a sort aside. */
const char mms_sql_report_skills[] =
    "SELECT d.level, sk.id, s.code, d.n, d.success, d.deficit, sk.code, sk.text, sk.kind, "
    "d.threshold, d.verdict FROM deficit_result d JOIN skill sk ON sk.id = d.skill_id "
    "LEFT JOIN school s ON s.id = d.school_id "
    "WHERE d.run_id = ?1 AND d.level IN ('district', 'school') "
    "AND (d.level = 'district' OR ?2 = 0 OR d.school_id = ?2) ORDER BY d.level, d.skill_id";

/* The heat map: each skill's success in the district and each school. */
static int load_skills(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	int rc, oom = 0, step = SQLITE_DONE;

	rc = mms_prepare(c->db, &st, mms_sql_report_skills);
	if (rc != MMS_OK)
		return rc;
	for (size_t a = 0; a < r->nassessments && !oom; a++) {
		size_t first = r->nskills;

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, c->runs[a]);
		sqlite3_bind_int64(st, 2, c->school);
		while (!oom && (step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *level = (const char *)sqlite3_column_text(st, 0);
			const char *code = (const char *)sqlite3_column_text(st, 6);
			mms_report_skill *k = NULL;

			for (size_t i = first; i < r->nskills; i++)
				if (strcmp(r->skills[i].code, code) == 0)
					k = &r->skills[i];
			if (strcmp(level, "district") == 0 && !k) {
				k = realloc(r->skills, (r->nskills + 1) * sizeof(*k));
				if (!k) {
					oom = 1;
					break;
				}
				r->skills = k;
				k = &r->skills[r->nskills++];
				memset(k, 0, sizeof(*k));
				k->assessment = a;
				k->code = mms_column_dup(st, 6, &oom);
				k->text = mms_column_dup(st, 7, &oom);
				k->kind = mms_column_dup(st, 8, &oom);
				k->threshold = sqlite3_column_double(st, 9);
				k->schools =
				    calloc(r->nschools ? r->nschools : 1, sizeof(*k->schools));
				if (!k->schools)
					oom = 1;
				if (!oom)
					set_cell(r, &k->district, st);
			} else if (k && sqlite3_column_type(st, 2) != SQLITE_NULL) {
				size_t i =
				    school_index(r, (const char *)sqlite3_column_text(st, 2));

				if (i != (size_t)-1)
					set_cell(r, &k->schools[i], st);
			}
		}
		if (step != SQLITE_DONE && step != SQLITE_ROW)
			break;
	}
	sqlite3_finalize(st);
	if (oom)
		return report_nomem(c->db);
	if ((rc = report_step_error(c->db, step)) != MMS_OK)
		return rc;
	if (r->nskills > 1)
		qsort(r->skills, r->nskills, sizeof(*r->skills), skill_cmp);
	return MMS_OK;
}

static int kind_index(const char *s)
{
	static const char *const names[MMS_NKIND] = {"subject", "meta", "literacy"};

	for (int i = 0; s && i < MMS_NKIND; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* The pairs below half of run ?1 in the district (?2 = 0, ?3 'district') or a school (?2,
   ?3 'school'): the level bound, not computed, so that the index finds its rows. */
const char mms_sql_below_half[] = "SELECT coalesce(sum(below_half), 0) FROM deficit_result "
                                  "WHERE run_id = ?1 AND level = ?3 AND (?2 = 0 OR school_id = ?2)";

/* A run's (?1) deficits by spread and kind of skill, in the district (?2 = 0) or a school:
   read from its deficits alone (deficit_result_deficits). */
const char mms_sql_report_spreads[] =
    "SELECT spread, kind, count(*), coalesce(sum(recurrent), 0) FROM ("
    "  SELECT d.spread, sk.kind, d.persistence = 'recurrent' AS recurrent "
    "  FROM deficit_result d JOIN skill sk ON sk.id = d.skill_id "
    "  WHERE d.run_id = ?1 AND d.deficit = 1 AND ((d.level = 'district' AND d.spread = "
    "  'district') OR ((?2 = 0 OR d.school_id = ?2) AND ((d.level = 'school' AND "
    "  d.spread = 'school') OR (d.level = 'class' AND d.spread IN ('class', "
    "  'individual'))))) "
    /* a teacher's deficit counts once, whatever the teacher's classes */
    "  UNION ALL SELECT 'teacher', sk.kind, 0 FROM teacher_result t "
    "  JOIN skill sk ON sk.id = t.skill_id WHERE t.run_id = ?1 AND t.deficit = 1 "
    "  AND t.spread = 'teacher' AND (?2 = 0 OR t.school_id = ?2)) "
    "GROUP BY spread, kind";

/* The run's class × skill deficits (the funnel's first stage), likewise: named, as
   deficit_result_by_run would seem as good to the planner and read every class row
   (in the table deficit_row, where an index is named). */
const char mms_sql_report_class_deficits[] =
    "SELECT count(*) FROM deficit_row INDEXED BY deficit_result_deficits "
    "WHERE run_id = ?1 AND level = 'class' AND deficit = 1 "
    "AND (?2 = 0 OR school_id = ?2)";

/*
 * The deficits where they are: a district-wide deficit once (its district
 * row), a school's once (its school row), a class's or a few students' at
 * the class; the students' (student, skill) pairs below half; and the
 * class × skill deficits the funnel starts with.
 */
static int load_deficits(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st, *below, *cls;
	int rc, step = SQLITE_DONE;

	rc = mms_prepare(c->db, &st, mms_sql_report_spreads);
	if (rc != MMS_OK)
		return rc;
	/* the pairs below half, as the classification counted them in its district's
	   or the school's rows (the pairs themselves are in student_below) */
	rc = mms_prepare(c->db, &below, mms_sql_below_half);
	if (rc != MMS_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	rc = mms_prepare(c->db, &cls, mms_sql_report_class_deficits);
	if (rc != MMS_OK) {
		sqlite3_finalize(st);
		sqlite3_finalize(below);
		return rc;
	}
	for (size_t a = 0; a < r->nassessments; a++) {
		sqlite3_stmt *q[3] = {st, below, cls};

		for (int i = 0; i < 3; i++) {
			sqlite3_reset(q[i]);
			sqlite3_bind_int64(q[i], 1, c->runs[a]);
			sqlite3_bind_int64(q[i], 2, c->school);
		}
		sqlite3_bind_text(below, 3, c->school ? "school" : "district", -1, SQLITE_STATIC);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			int s = (int)mms_spread_of((const char *)sqlite3_column_text(st, 0));
			int k = kind_index((const char *)sqlite3_column_text(st, 1));

			if (s < 0 || k < 0)
				continue;
			r->deficits[s][k] += sqlite3_column_int64(st, 2);
			r->recurrent += sqlite3_column_int64(st, 3);
		}
		if (step != SQLITE_DONE)
			break;
		if ((step = sqlite3_step(below)) != SQLITE_ROW)
			break;
		r->students_below += sqlite3_column_int64(below, 0);
		if ((step = sqlite3_step(cls)) != SQLITE_ROW)
			break;
		r->funnel[MMS_STAGE_DEFICITS] += sqlite3_column_int64(cls, 0);
		step = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(below);
	sqlite3_finalize(cls);
	return report_step_error(c->db, step);
}

/*
 * The (teacher, skill) pairs of the report's hypotheses: supported ones and
 * any with an observation or interview, of the teachers in scope.
 */
#define PAIRS_SQL                                                                                  \
	"WITH p AS (SELECT DISTINCT h.teacher_id, h.skill_id, t.school_id FROM hypothesis h "      \
	"  JOIN teacher t ON t.id = h.teacher_id "                                                 \
	"  WHERE (?1 = 0 OR h.assessment_id = ?1) AND (?2 = 0 OR t.school_id = ?2) "               \
	"  AND EXISTS (SELECT 1 FROM deficit_run d WHERE d.assessment_id = h.assessment_id) "      \
	"  AND (h.supported = 1 OR EXISTS (SELECT 1 FROM teacher_event e "                         \
	"    WHERE e.teacher_id = h.teacher_id AND e.skill_id = h.skill_id))), "                   \
	"s AS (SELECT p.teacher_id, p.skill_id, p.school_id, "                                     \
	"  coalesce(st.status, 'hypothesis') AS status FROM p LEFT JOIN teacher_skill_status st "  \
	"  ON st.teacher_id = p.teacher_id AND st.skill_id = p.skill_id), "                        \
	"it AS (SELECT i.id, io.teacher_id, i.skill_id, i.status FROM iop_item i "                 \
	"  JOIN iop io ON io.id = i.iop_id WHERE i.status <> 'dropped') "

static int load_funnel(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	int rc, step;

	rc = mms_prepare(c->db, &st,
	                 PAIRS_SQL
	                 "SELECT count(*), "
	                 "coalesce(sum(status IN ('confirmed', 'need', 'declined')), 0), "
	                 "coalesce(sum(status = 'need'), 0), "
	                 "coalesce(sum(EXISTS (SELECT 1 FROM it WHERE it.teacher_id = s.teacher_id "
	                 "  AND it.skill_id = s.skill_id)), 0), "
	                 "coalesce(sum(EXISTS (SELECT 1 FROM it JOIN order_line_teacher ot "
	                 "  ON ot.item_id = it.id WHERE it.teacher_id = s.teacher_id "
	                 "  AND it.skill_id = s.skill_id)), 0), "
	                 "coalesce(sum(EXISTS (SELECT 1 FROM it WHERE it.teacher_id = s.teacher_id "
	                 "  AND it.skill_id = s.skill_id AND it.status = 'done')), 0) FROM s");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->assessment);
	sqlite3_bind_int64(st, 2, c->school);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		for (int i = 0; i < 6; i++)
			r->funnel[MMS_STAGE_HYPOTHESES + i] =
			    mms_report_suppress(r->anonymous, sqlite3_column_int64(st, i));
	sqlite3_finalize(st);
	return report_step_error(c->db, step);
}

static int year_of(const char *today)
{
	return atoi(today);
}

/* Teachers with a programme of the latest school year; young ones (Tomsk). */
static int load_coverage(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	int rc, step, oom = 0, now = year_of(r->today);

	rc = mms_prepare(c->db, &st, "SELECT max(year) FROM iop");
	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		r->year = mms_column_dup(st, 0, &oom);
	sqlite3_finalize(st);
	if (oom)
		return report_nomem(c->db);
	rc = mms_prepare(c->db, &st,
	                 "SELECT coalesce(t.birth_year, 0), coalesce(t.experience, -1), "
	                 "EXISTS (SELECT 1 FROM iop io JOIN iop_item i ON i.iop_id = io.id "
	                 "  WHERE io.teacher_id = t.id AND io.year = ?2 AND i.status <> 'dropped') "
	                 "FROM teacher t WHERE ?1 = 0 OR t.school_id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->school);
	if (r->year)
		sqlite3_bind_text(st, 2, r->year, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int young =
		    mms_teacher_is_young(sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), now);
		int has = sqlite3_column_int(st, 2);

		r->teachers++;
		r->with_programme += has;
		r->young += young;
		r->young_with_programme += young && has;
	}
	sqlite3_finalize(st);
	r->teachers = mms_report_suppress(r->anonymous, r->teachers);
	r->with_programme = mms_report_suppress(r->anonymous, r->with_programme);
	r->young = mms_report_suppress(r->anonymous, r->young);
	r->young_with_programme = mms_report_suppress(r->anonymous, r->young_with_programme);
	return report_step_error(c->db, step);
}

/* A confirmed (teacher, skill) with its competency, for the summary. */
struct conf {
	int64_t teacher;
	size_t school; /* index into r->schools */
	size_t comp;   /* index into r->competencies */
	int need;
};

static int conf_cmp(const void *x, const void *y)
{
	const struct conf *a = x, *b = y;

	if (a->comp != b->comp)
		return a->comp < b->comp ? -1 : 1;
	if (a->teacher != b->teacher)
		return a->teacher < b->teacher ? -1 : 1;
	return b->need - a->need; /* a need first */
}

static int comp_cmp(const void *x, const void *y)
{
	const mms_report_competency *a = x, *b = y;
	int d = strcmp(a->area, b->area);

	return d ? d : strcmp(a->name, b->name);
}

static size_t find_competency(mms_report *r, const char *area, const char *name)
{
	for (size_t i = 0; i < r->ncompetencies; i++)
		if (!strcmp(r->competencies[i].area, area) &&
		    !strcmp(r->competencies[i].name, name))
			return i;
	return (size_t)-1;
}

/* Teachers with confirmed deficits, by competency and school. */
static int load_competencies(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	struct conf *cf = NULL;
	size_t ncf = 0;
	int rc, step = SQLITE_DONE;

	rc = mms_prepare(c->db, &st,
	                 PAIRS_SQL "SELECT s.teacher_id, s.skill_id, sc.code, s.status = 'need' "
	                           "FROM s JOIN school sc ON sc.id = s.school_id "
	                           "WHERE s.status IN ('confirmed', 'need', 'declined')");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->assessment);
	sqlite3_bind_int64(st, 2, c->school);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char *area, *name;
		size_t k;
		struct conf *g;

		rc = mms_skill_competency(c->db, sqlite3_column_int64(st, 1), &area, &name);
		if (rc != MMS_OK)
			goto out;
		if (!area || !name) {
			free(area);
			free(name);
			continue;
		}
		k = find_competency(r, area, name);
		if (k == (size_t)-1) {
			mms_report_competency *p =
			    realloc(r->competencies, (r->ncompetencies + 1) * sizeof(*p));

			if (!p) {
				free(area);
				free(name);
				rc = report_nomem(c->db);
				goto out;
			}
			r->competencies = p;
			k = r->ncompetencies++;
			memset(&p[k], 0, sizeof(p[k]));
			p[k].area = area;
			p[k].name = name;
			p[k].schools = calloc(r->nschools ? r->nschools : 1, sizeof(long));
			if (!p[k].schools) {
				rc = report_nomem(c->db);
				goto out;
			}
		} else {
			free(area);
			free(name);
		}
		g = realloc(cf, (ncf + 1) * sizeof(*cf));
		if (!g) {
			rc = report_nomem(c->db);
			goto out;
		}
		cf = g;
		cf[ncf].teacher = sqlite3_column_int64(st, 0);
		cf[ncf].school = school_index(r, (const char *)sqlite3_column_text(st, 2));
		cf[ncf].comp = k;
		cf[ncf].need = sqlite3_column_int(st, 3);
		ncf++;
	}
	if ((rc = report_step_error(c->db, step)) != MMS_OK)
		goto out;
	/* the competencies by area and name; the pairs' indices follow them */
	{
		size_t *order = malloc((r->ncompetencies + 1) * sizeof(*order));
		mms_report_competency *sorted;

		if (!order) {
			rc = report_nomem(c->db);
			goto out;
		}
		sorted = malloc((r->ncompetencies + 1) * sizeof(*sorted));
		if (!sorted) {
			free(order);
			rc = report_nomem(c->db);
			goto out;
		}
		if (r->ncompetencies)
			memcpy(sorted, r->competencies, r->ncompetencies * sizeof(*sorted));
		if (r->ncompetencies > 1)
			qsort(sorted, r->ncompetencies, sizeof(*sorted), comp_cmp);
		for (size_t i = 0; i < r->ncompetencies; i++)
			for (size_t j = 0; j < r->ncompetencies; j++)
				if (sorted[j].area == r->competencies[i].area)
					order[i] = j;
		for (size_t i = 0; i < ncf; i++)
			cf[i].comp = order[cf[i].comp];
		if (r->ncompetencies)
			memcpy(r->competencies, sorted, r->ncompetencies * sizeof(*sorted));
		free(sorted);
		free(order);
	}
	/* a teacher counts once a competency, in their school */
	if (ncf > 1)
		qsort(cf, ncf, sizeof(*cf), conf_cmp);
	for (size_t i = 0; i < ncf; i++) {
		mms_report_competency *p = &r->competencies[cf[i].comp];

		if (i > 0 && cf[i].comp == cf[i - 1].comp && cf[i].teacher == cf[i - 1].teacher)
			continue;
		p->confirmed++;
		p->needs += cf[i].need;
		if (cf[i].school != (size_t)-1)
			p->schools[cf[i].school]++;
	}
	for (size_t k = 0; k < r->ncompetencies; k++) {
		mms_report_competency *p = &r->competencies[k];

		p->confirmed = mms_report_suppress(r->anonymous, p->confirmed);
		p->needs = mms_report_suppress(r->anonymous, p->needs);
		for (size_t s = 0; s < r->nschools; s++)
			p->schools[s] = mms_report_suppress(r->anonymous, p->schools[s]);
	}
	rc = MMS_OK;
out:
	sqlite3_finalize(st);
	free(cf);
	return rc;
}

/* One integer from SQL with ?1 = the school (0: all). */
static int count_sql(struct report_ctx *c, const char *sql, long *out)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(c->db, &st, sql), step;

	if (rc != MMS_OK)
		return rc;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, c->school);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, c->assessment);
	step = sqlite3_step(st);
	*out = step == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return report_step_error(c->db, step);
}

static int add_share(mms_report *r, int number, const char *key, const char *seed,
                     const char *title, int met, long value, long of, double target,
                     const char *basis);

static int add_indicator(mms_report *r, int number, const char *key, const char *seed,
                         const char *title, int met, long value, long of, const char *basis)
{
	return add_share(r, number, key, seed, title, met, value, of, 0, basis);
}

static int add_share(mms_report *r, int number, const char *key, const char *seed,
                     const char *title, int met, long value, long of, double target,
                     const char *basis)
{
	mms_report_indicator *p = realloc(r->indicators, (r->nindicators + 1) * sizeof(*p));

	if (!p)
		return -1;
	r->indicators = p;
	p = &r->indicators[r->nindicators++];
	p->number = number;
	p->key = key;
	p->seed_text = seed;
	p->title = strdup(title);
	p->basis = strdup(basis);
	p->met = met;
	p->value = value;
	p->of = of;
	p->target = target;
	return p->title && p->basis ? 0 : -1;
}

/*
 * The model's indicators the service's records of events answer (mms event):
 * each from the events of its kind done, «нет данных» without one — never
 * «да» without a record.
 */
static const struct {
	int number;
	const char *key, *seed, *title, *kind;
} recorded[] = {
    {1, "management_decisions",
     "Наличие управленческих решений по результатам анализа деятельности школьных, "
     "муниципальных методических объединений (приказы, распоряжения, программы по результатам "
     "анализа, продвижение лучших практик методической работы)",
     N_("management decisions on the analysis of the methodological associations"), "decision"},
    {2, "teacher_statuses",
     "Наличие педагогов, которым на региональном уровне присваиваются определённые статусы, "
     "например, «учитель-методист», «учитель-наставник»",
     N_("teachers given a regional status (teacher-methodologist, teacher-mentor)"), "status"},
    {7, "creative_groups",
     "Наличие муниципальных творческих групп по реализации национального проекта "
     "«Образование»",
     N_("district creative groups for the national project «Образование»"), "creative_group"},
    {8, "raop_practices",
     "Наличие образовательных практик, представленных образовательными учреждениями в РАОП",
     N_("schools' practices presented in the regional atlas (РАОП)"), "raop"},
    {9, "raop_support",
     "Наличие экспертного сопровождения практик образовательных учреждений в РАОП",
     N_("expert support of the schools' practices in РАОП"), "raop_support"},
    {10, "school_quality_monitoring",
     "Наличие мониторинга школьных систем оценки качества образования",
     N_("the schools' systems of quality assessment are monitored"), "monitoring"},
    {11, "schools_satisfaction",
     "Наличие мониторинга удовлетворённости ОУ уровнем организации муниципальной методической "
     "службы",
     N_("the schools' satisfaction with the methodological service is monitored"), NULL},
};

/* The events of KIND done (a status: the teachers given one): their number in *N, BASIS. */
static int recorded_events(struct report_ctx *c, const char *kind, long *n, char *basis,
                           size_t size)
{
	int status = !strcmp(kind, "status");
	char last[16] = "";
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(c->db, &st,
	                 status ? "SELECT count(DISTINCT et.teacher_id), max(e.done) FROM event e "
	                          "JOIN event_teacher et ON et.event_id = e.id "
	                          "JOIN teacher t ON t.id = et.teacher_id WHERE e.kind = ?2 "
	                          "AND e.done IS NOT NULL AND (?1 = 0 OR t.school_id = ?1)"
	                        : "SELECT count(*), max(e.done) FROM event e WHERE e.kind = ?2 "
	                          "AND e.done IS NOT NULL AND (?1 = 0 OR e.school_id = ?1 "
	                          "OR e.level = 'district')");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->school);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		if (sqlite3_column_text(st, 1))
			snprintf(last, sizeof(last), "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (*n > 0)
		snprintf(
		    basis, size,
		    status ? _("teachers given a status, as recorded (mms event list --kind %s), "
		               "the latest on %s")
		           : _("events recorded done (mms event list --kind %s), the latest on %s"),
		    kind, last);
	else
		snprintf(basis, size,
		         _("no data: no record of it (mms event add --kind %s --done)"), kind);
	return MMS_OK;
}

/* 11: the schools' survey of the service (mms import-survey --kind satisfaction). */
static int recorded_survey(struct report_ctx *c, long *n, char *basis, size_t size)
{
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(c->db, &st,
	                 "SELECT count(*), count(DISTINCT school_id), avg(answer), max(date), "
	                 "count(DISTINCT question) FROM satisfaction "
	                 "WHERE ?1 = 0 OR school_id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->school);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0) {
		*n = sqlite3_column_int64(st, 0);
		snprintf(basis, size,
		         _("the schools' survey (mms import-survey --kind satisfaction): %ld "
		           "answers of %ld schools to %lld questions, a mean of %.1f of 5, the "
		           "latest on %s"),
		         *n, (long)sqlite3_column_int64(st, 1),
		         (long long)sqlite3_column_int64(st, 4), sqlite3_column_double(st, 2),
		         (const char *)sqlite3_column_text(st, 3));
	} else {
		snprintf(basis, size, "%s",
		         _("no data: no survey imported (mms import-survey --kind "
		           "satisfaction)"));
	}
	sqlite3_finalize(st);
	return MMS_OK;
}

/* Indicator I of recorded[]: what the service's records of its kind say. */
static int add_recorded(struct report_ctx *c, size_t i)
{
	mms_report *r = c->r;
	char basis[512];
	long n = 0;
	int rc = recorded[i].kind ? recorded_events(c, recorded[i].kind, &n, basis, sizeof(basis))
	                          : recorded_survey(c, &n, basis, sizeof(basis));

	if (rc != MMS_OK)
		return rc;
	if (add_indicator(r, recorded[i].number, recorded[i].key, recorded[i].seed,
	                  _(recorded[i].title), n > 0 ? MMS_INDICATOR_YES : MMS_INDICATOR_NO_DATA,
	                  mms_report_suppress(r->anonymous, n), 0, basis))
		return report_nomem(c->db);
	return MMS_OK;
}

/*
 * The indicators of the Пировский район model, numbered as its list is:
 * those the service's records in mms answer (3, 4, 6), the others "no data";
 * then the two shares, against the targets the district set.
 */
static int load_indicators(struct report_ctx *c)
{
	mms_report *r = c->r;
	long interviewed, confirmed, lines, justified, anonymous, events, ev_items, ev_done;
	char last[32] = "", basis[1024];
	double target;
	sqlite3_stmt *st;
	size_t u = 0;
	int rc;

	while (u < 2)
		if ((rc = add_recorded(c, u++)) != MMS_OK)
			return rc;

	/* 3: the needs monitored */
	if ((rc = count_sql(c,
	                    "SELECT count(DISTINCT e.teacher_id) FROM teacher_event e "
	                    "JOIN teacher t ON t.id = e.teacher_id "
	                    "WHERE e.kind = 'interview' AND (?1 = 0 OR t.school_id = ?1)",
	                    &interviewed)) ||
	    (rc = count_sql(c,
	                    "SELECT count(DISTINCT e.teacher_id) FROM teacher_event e "
	                    "JOIN teacher t ON t.id = e.teacher_id "
	                    "WHERE e.kind = 'observation' AND e.outcome = 'confirm' "
	                    "AND (?1 = 0 OR t.school_id = ?1)",
	                    &confirmed)))
		return rc;
	snprintf(basis, sizeof(basis), "%s",
	         _("teachers with an interview about a confirmed deficit, out of the teachers with "
	           "a deficit confirmed at a lesson"));
	if (add_indicator(r, 3, "needs_monitored",
	                  "Наличие мониторинга образовательных потребностей педагогов",
	                  _("teachers' needs are monitored"),
	                  interviewed > 0 ? MMS_INDICATOR_YES : MMS_INDICATOR_NO,
	                  mms_report_suppress(r->anonymous, interviewed),
	                  mms_report_suppress(r->anonymous, confirmed), basis))
		return report_nomem(c->db);

	/* 4: every line of the orders justified */
	if ((rc = count_sql(c, "SELECT count(*) FROM order_line", &lines)) ||
	    (rc = count_sql(c, "SELECT count(*) FROM order_line WHERE trim(justification) <> ''",
	                    &justified)))
		return rc;
	snprintf(basis, sizeof(basis), "%s",
	         lines ? _("lines of the orders sent to the institute that carry a justification "
	                   "from the evidence, out of all lines")
	               : _("no order has been sent to the institute yet"));
	if (add_indicator(r, 4, "order_justified", "Наличие обоснования адресности заказа на ПК",
	                  _("the order for training is justified"),
	                  lines > 0 && justified == lines ? MMS_INDICATOR_YES : MMS_INDICATOR_NO,
	                  justified, lines, basis))
		return report_nomem(c->db);

	/*
	 * 5: published.  Writing a summary to a file proves no publication: the
	 * indicator waits for the district's record of it; the summaries made
	 * are said.
	 */
	if ((rc = count_sql(c, "SELECT count(*) FROM report_run WHERE anonymous = 1", &anonymous)))
		return rc;
	rc = mms_prepare(c->db, &st, "SELECT max(at) FROM report_run WHERE anonymous = 1");
	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		snprintf(last, sizeof(last), "%.10s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	{
		/* the district's record of it: a publication done, with its address */
		char address[256] = "";
		long published = 0;

		rc = mms_prepare(
		    c->db, &st,
		    "SELECT count(*), (SELECT address FROM event WHERE kind = "
		    "'publication' AND done IS NOT NULL ORDER BY done DESC, id DESC "
		    "LIMIT 1) FROM event WHERE kind = 'publication' AND done IS NOT NULL");
		if (rc != MMS_OK)
			return rc;
		if (sqlite3_step(st) == SQLITE_ROW) {
			published = sqlite3_column_int64(st, 0);
			if (sqlite3_column_text(st, 1))
				snprintf(address, sizeof(address), "%s",
				         sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
		if (published)
			snprintf(
			    basis, sizeof(basis),
			    _("publications recorded (mms event list --kind publication): %ld, the "
			      "latest at %s; anonymous summaries made: %ld"),
			    published, address, anonymous);
		else if (anonymous)
			snprintf(
			    basis, sizeof(basis),
			    _("no data: no publication recorded (mms event add --kind publication "
			      "--address URL --done); anonymous summaries made: %ld, the last on "
			      "%s"),
			    anonymous, last);
		else
			snprintf(
			    basis, sizeof(basis), "%s",
			    _("no data: no publication recorded (mms event add --kind publication "
			      "--address URL --done); no anonymous summary has been made yet"));
		if (add_indicator(
		        r, 5, "summary_published",
		        "Наличие публикаций на сайте МСО результатов анализа и предъявления "
		        "обобщённых результатов профессиональных дефицитов учителей",
		        _("a summary of teachers' professional deficits is published"),
		        published ? MMS_INDICATOR_YES : MMS_INDICATOR_NO_DATA,
		        published ? published : anonymous, 0, basis))
			return report_nomem(c->db);
	}

	/* 6: seminars and РМО for working with the results, and how far they are used */
	if ((rc = count_sql(c,
	                    "SELECT count(*) FROM resource WHERE kind IN ('seminar', 'rmo') "
	                    "AND withdrawn IS NULL",
	                    &events)) ||
	    (rc = count_sql(c,
	                    "SELECT count(*) FROM iop_item i JOIN iop io ON io.id = i.iop_id "
	                    "JOIN teacher t ON t.id = io.teacher_id "
	                    "JOIN resource res ON res.id = i.resource_id "
	                    "WHERE res.kind IN ('seminar', 'rmo') AND i.status <> 'dropped' "
	                    "AND (?1 = 0 OR t.school_id = ?1)",
	                    &ev_items)) ||
	    (rc = count_sql(c,
	                    "SELECT count(*) FROM iop_item i JOIN iop io ON io.id = i.iop_id "
	                    "JOIN teacher t ON t.id = io.teacher_id "
	                    "JOIN resource res ON res.id = i.resource_id "
	                    "WHERE res.kind IN ('seminar', 'rmo') AND i.status = 'done' "
	                    "AND (?1 = 0 OR t.school_id = ?1)",
	                    &ev_done)))
		return rc;
	{
		long planned = 0, held = 0;

		if ((rc = count_sql(c,
		                    "SELECT count(*) FROM event WHERE kind IN ('seminar', 'rmo', "
		                    "'shmo', 'council') AND (?1 = 0 OR school_id = ?1 OR "
		                    "level = 'district')",
		                    &planned)) ||
		    (rc = count_sql(c,
		                    "SELECT count(*) FROM event WHERE kind IN ('seminar', 'rmo', "
		                    "'shmo', 'council') AND done IS NOT NULL AND (?1 = 0 OR "
		                    "school_id = ?1 OR level = 'district')",
		                    &held)))
			return rc;
		long serving = 0;

		if ((rc = count_sql(
		         c,
		         "SELECT count(DISTINCT e.item_id) FROM event e JOIN iop_item i "
		         "ON i.id = e.item_id JOIN iop io ON io.id = i.iop_id JOIN teacher t "
		         "ON t.id = io.teacher_id WHERE (?1 = 0 OR t.school_id = ?1)",
		         &serving)))
			return rc;
		snprintf(
		    basis, sizeof(basis),
		    _("seminars and РМО meetings in the resource bank; %ld programme items use "
		      "them, %ld of them done; the plan of events (mms event): %ld, %ld of them "
		      "held, serving %ld programme items"),
		    ev_items, ev_done, planned, held, serving);
		events += planned;
	}
	if (add_indicator(
	        r, 6, "events_planned",
	        "Наличие плана мероприятий для методистов и педагогов по овладению "
	        "способами работы с результатами оценочных процедур, степень его "
	        "реализации",
	        _("methodological events for working with assessment results are planned"),
	        events > 0 ? MMS_INDICATOR_YES : MMS_INDICATOR_NO, events, 0, basis))
		return report_nomem(c->db);
	while (u < sizeof(recorded) / sizeof(recorded[0]))
		if ((rc = add_recorded(c, u++)) != MMS_OK)
			return rc;

	/* the shares: a share against the district's target, never "yes" */
	if ((rc = mms_report_target_get(c->db, "teachers_with_programme", &target)) != MMS_OK)
		return rc;
	if (r->year)
		snprintf(basis, sizeof(basis),
		         _("teachers with an individual programme of %s with an item not dropped, "
		           "out of the teachers of the roster"),
		         r->year);
	else
		snprintf(basis, sizeof(basis), "%s",
		         _("no individual programme has been built yet"));
	if (add_share(r, 0, "teachers_with_programme",
	              "Доля педагогов, имеющих индивидуальную образовательную программу",
	              _("teachers with an individual programme"), MMS_INDICATOR_NO_DATA,
	              r->with_programme, r->teachers, target, basis))
		return report_nomem(c->db);
	if ((rc = mms_report_target_get(c->db, "young_supported", &target)) != MMS_OK)
		return rc;
	snprintf(basis, sizeof(basis), "%s",
	         _("young teachers (under 35, or in their first three years) with an individual "
	           "programme, out of the young teachers of the roster"));
	if (add_share(r, 0, "young_supported", "Доля молодых педагогов, охваченных сопровождением",
	              _("young teachers supported by a programme"), MMS_INDICATOR_NO_DATA,
	              r->young_with_programme, r->young, target, basis))
		return report_nomem(c->db);
	return MMS_OK;
}

int mms_report_target_get(mms_db *db, const char *key, double *percent)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st, "SELECT percent FROM district_target WHERE key = ?1");

	*percent = 0;
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*percent = sqlite3_column_double(st, 0);
	rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? MMS_OK
	                                             : mms_fail_sql(db, N_("reading the targets"));
	sqlite3_finalize(st);
	return rc;
}

int mms_report_target_set(mms_db *db, const char *key, double percent)
{
	sqlite3_stmt *st;
	int rc;

	if (strcmp(key, "teachers_with_programme") != 0 && strcmp(key, "young_supported") != 0)
		return mms_fail(db, MMS_EUSAGE, _("unknown target '%s'"), key);
	if (percent < 0 || percent > 100)
		return mms_fail(db, MMS_EUSAGE, _("a target is a percentage up to 100"));
	rc = mms_prepare(db, &st,
	                 percent > 0 ? "INSERT INTO district_target(key, percent) VALUES (?1, ?2) "
	                               "ON CONFLICT(key) DO UPDATE SET percent = ?2, "
	                               "at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	                             : "DELETE FROM district_target WHERE key = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (percent > 0)
		sqlite3_bind_double(st, 2, percent);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	return rc;
}

static void today_now(char out[16])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The schools' survey of the service, per question. */
static int load_questions(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, oom = 0;

	rc = mms_prepare(c->db, &st,
	                 "SELECT question, count(*), avg(answer) FROM satisfaction "
	                 "WHERE ?1 = 0 OR school_id = ?1 GROUP BY question ORDER BY min(id)");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, c->school);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_report_question *q;

		if (mms_grow((void **)&r->questions, &cap, r->nquestions + 1, sizeof(*q))) {
			oom = 1;
			break;
		}
		q = &r->questions[r->nquestions++];
		q->question = mms_column_dup(st, 0, &oom);
		q->answers = mms_report_suppress(r->anonymous, sqlite3_column_int64(st, 1));
		q->mean = sqlite3_column_double(st, 2);
	}
	sqlite3_finalize(st);
	if (oom)
		return report_nomem(c->db);
	return rc == SQLITE_DONE ? MMS_OK : mms_fail_sql(c->db, N_("reading the survey"));
}

/* The marks, the trend and the signs of each assessment, as mms analyse finds them. */
static int load_marks(struct report_ctx *c)
{
	mms_report *r = c->r;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc = MMS_OK, oom = 0;

	for (size_t i = 0; i < r->nassessments && rc == MMS_OK; i++) {
		mms_report_assessment *as = &r->assessments[i];
		mms_analysis_opts ao = {
		    .assessment = as->code, .school = r->school, .marks_only = 1};
		mms_analysis *a;
		const mms_marks *m;

		as->pass = as->quality = as->mean = as->higher_share = NAN;
		rc = mms_analyse(c->db, &ao, &a);
		if (rc == MMS_ENOTFOUND) {
			rc = MMS_OK; /* no results in the scope: nothing to say */
			continue;
		}
		if (rc != MMS_OK)
			return rc;
		m = &a->groups[a->scope].marks;
		/* the scope's participants present, as the analysis counted them reading
		   every one (a count of its own read them all again) */
		as->participants = m->present;
		as->marked = m->marked;
		as->pass = m->pass;
		as->quality = m->quality;
		as->mean = m->mean;
		as->higher_share = m->higher_share;
		as->years = calloc(a->nyears ? a->nyears : 1, sizeof(*as->years));
		if (!as->years)
			oom = 1;
		for (size_t y = 0; !oom && y < a->nyears; y++) {
			as->years[y].assessment = strdup(a->years[y].assessment);
			as->years[y].date = a->years[y].date ? strdup(a->years[y].date) : NULL;
			as->years[y].pass = a->years[y].pass;
			as->years[y].quality = a->years[y].quality;
			as->nyears++;
			oom = !as->years[y].assessment;
		}
		mms_analysis_free(a);
		if (oom)
			return report_nomem(c->db);
	}
	rc = mms_prepare(
	    c->db, &st,
	    "SELECT a.code, s.code, s.name, cl.label, g.sign FROM objectivity_sign g "
	    "JOIN assessment a ON a.id = g.assessment_id "
	    "JOIN school s ON s.id = g.school_id LEFT JOIN class cl ON cl.id = g.class_id "
	    "WHERE (?1 IS NULL OR g.school_id = "
	    "  (SELECT school_id FROM school_code WHERE code = ?1)) "
	    "ORDER BY a.date, a.code, s.code, cl.label_key IS NOT NULL, cl.label_key, "
	    "  g.sign");
	if (rc != MMS_OK)
		return rc;
	if (r->school)
		sqlite3_bind_text(st, 1, r->school, -1, SQLITE_STATIC);
	while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		mms_report_sign *g;
		size_t i = 0;

		while (i < r->nassessments && strcmp(r->assessments[i].code, code) != 0)
			i++;
		if (i == r->nassessments)
			continue; /* an assessment the report does not cover */
		if (mms_grow((void **)&r->signs, &cap, r->nsigns + 1, sizeof(*r->signs))) {
			oom = 1;
			break;
		}
		g = &r->signs[r->nsigns++];
		memset(g, 0, sizeof(*g));
		g->assessment = mms_column_dup(st, 0, &oom);
		g->school = mms_column_dup(st, 1, &oom);
		g->school_name = mms_column_dup(st, 2, &oom);
		g->class_label = mms_column_dup(st, 3, &oom);
		g->sign = mms_column_dup(st, 4, &oom);
	}
	sqlite3_finalize(st);
	if (oom)
		return report_nomem(c->db);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? MMS_OK
	                                             : mms_fail_sql(c->db, N_("reading the signs"));
}

int mms_report_compute(mms_db *db, const mms_report_opts *o, mms_report **out)
{
	static const mms_report_opts none = {0};
	struct report_ctx c = {0};
	mms_report *r;
	char day[16];
	int rc, own;

	*out = NULL;
	if (!o)
		o = &none;
	r = calloc(1, sizeof(*r));
	if (!r)
		return report_nomem(db);
	r->anonymous = o->anonymous;
	if (o->today && o->today[0])
		snprintf(day, sizeof(day), "%s", o->today);
	else
		today_now(day);
	r->today = strdup(day);
	if (!r->today) {
		free(r);
		return report_nomem(db);
	}
	c.db = db;
	c.o = o;
	c.r = r;
	/* one read transaction: the figures of one state of the database; it
	   writes nothing, so it ends with a rollback */
	own = sqlite3_get_autocommit(db->sql);
	if (own && (rc = mms_exec(db, "BEGIN")) != MMS_OK)
		goto fail;
	rc = load_scope(&c);
	if (!rc)
		rc = load_schools(&c);
	if (!rc)
		rc = load_skills(&c);
	if (!rc)
		rc = load_deficits(&c);
	if (!rc)
		rc = load_funnel(&c);
	if (!rc)
		rc = load_coverage(&c);
	if (!rc)
		rc = load_competencies(&c);
	if (!rc)
		rc = load_indicators(&c);
	if (!rc)
		rc = report_followup(&c);
	if (!rc)
		rc = load_marks(&c);
	if (!rc)
		rc = load_questions(&c);
	if (own)
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	if (rc)
		goto fail;
	free(c.aids);
	free(c.runs);
	*out = r;
	return MMS_OK;
fail:
	free(c.aids);
	free(c.runs);
	mms_report_free(r);
	return rc;
}

static void side_free(mms_report_side *s)
{
	free(s->assessment);
	free(s->classes);
}

void mms_report_free(mms_report *r)
{
	if (!r)
		return;
	free(r->school);
	free(r->school_name);
	free(r->year);
	free(r->today);
	for (size_t i = 0; i < r->nassessments; i++) {
		free(r->assessments[i].code);
		free(r->assessments[i].kind);
		free(r->assessments[i].subject);
		free(r->assessments[i].date);
		for (size_t y = 0; y < r->assessments[i].nyears; y++) {
			free(r->assessments[i].years[y].assessment);
			free(r->assessments[i].years[y].date);
		}
		free(r->assessments[i].years);
	}
	free(r->assessments);
	for (size_t i = 0; i < r->nquestions; i++)
		free(r->questions[i].question);
	free(r->questions);
	for (size_t i = 0; i < r->nsigns; i++) {
		free(r->signs[i].assessment);
		free(r->signs[i].school);
		free(r->signs[i].school_name);
		free(r->signs[i].class_label);
		free(r->signs[i].sign);
	}
	free(r->signs);
	for (size_t i = 0; i < r->nschools; i++) {
		free(r->schools[i].code);
		free(r->schools[i].name);
	}
	free(r->schools);
	for (size_t i = 0; i < r->nskills; i++) {
		free(r->skills[i].code);
		free(r->skills[i].text);
		free(r->skills[i].kind);
		free(r->skills[i].schools);
	}
	free(r->skills);
	for (size_t i = 0; i < r->ncompetencies; i++) {
		free(r->competencies[i].area);
		free(r->competencies[i].name);
		free(r->competencies[i].schools);
	}
	free(r->competencies);
	for (size_t i = 0; i < r->nindicators; i++) {
		free(r->indicators[i].title);
		free(r->indicators[i].basis);
	}
	free(r->indicators);
	for (size_t i = 0; i < r->nfollowups; i++) {
		mms_report_followup *f = &r->followups[i];

		free(f->teacher);
		free(f->school);
		free(f->skill);
		free(f->skill_text);
		free(f->form);
		free(f->status);
		free(f->done);
		side_free(&f->before);
		side_free(&f->after);
	}
	free(r->followups);
	free(r);
}

int mms_report_record(mms_db *db, const mms_report_opts *o, const char *format, const char *output)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = mms_tx_begin(db)) != MMS_OK)
		return rc;
	rc = mms_prepare(db, &st,
	                 "INSERT INTO report_run(anonymous, format, assessment, school, output) "
	                 "VALUES (?1, ?2, ?3, ?4, ?5)");
	if (rc != MMS_OK) {
		mms_tx_rollback(db);
		return rc;
	}
	sqlite3_bind_int(st, 1, o && o->anonymous);
	sqlite3_bind_text(st, 2, format, -1, SQLITE_STATIC);
	if (o && o->assessment)
		sqlite3_bind_text(st, 3, o->assessment, -1, SQLITE_STATIC);
	if (o && o->school)
		sqlite3_bind_text(st, 4, o->school, -1, SQLITE_STATIC);
	if (output)
		sqlite3_bind_text(st, 5, output, -1, SQLITE_STATIC);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	return mms_tx_end(db, rc);
}
