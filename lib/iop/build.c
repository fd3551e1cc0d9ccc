/* mms build-iop: accepted needs → the nearest resource with room, as programme items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "iop/iop_internal.h"
#include "mms/teachers.h"
#include "teachers/teachers_internal.h"
#include "mms/words.h"

/* Seed 004, "Механизм тиражирования успешного опыта". */
static const char *const steps[] = {
    "соотнесение потребности и ресурса адресно, т.е. составление списков для участия в "
    "методических событиях согласно заявкам",
    "представление (презентация) предлагаемого опыта перед учебным занятием педагогом-мастером",
    "отслеживание представленного опыта на занятии с использованием карты наблюдений",
    "анализ учебного занятия по специально разработанной схеме – под задачу (на основе "
    "принятой схемы анализа учебного занятия)",
    "разработка учебного занятия с использованием представленного опыта совместно с педагогом, "
    "проходящим обучение, и педагогом-мастером",
    "проведение учебного занятия педагогом, проходящим обучение в присутствии педагога-мастера",
    "совместный анализ с использованием карты наблюдения и схемы анализа",
    "выстраивание индивидуальной образовательной траектории (программы) для педагога, "
    "проходящего обучение, совместно с педагогом-мастером",
    "период самостоятельной работы обучающегося педагога",
    "представление освоенного обучающимся педагогом на учебном занятии в присутствии "
    "педагога-мастера",
    "анализ представленного занятия с использованием карты наблюдения и схемы анализа",
    "коррекция индивидуальной образовательной траектории (программы)",
    NULL,
};

const char *const *mms_iop_steps(void)
{
	return steps;
}

struct set_priv {
	mms_iop_set pub; /* first: the caller's pointer */
	mms_pool pool;
	size_t changes_cap;
};

void mms_iop_set_free(mms_iop_set *s)
{
	struct set_priv *p = (struct set_priv *)s;

	if (!p)
		return;
	for (size_t i = 0; i < p->pub.n; i++)
		free(p->pub.p[i].items);
	free(p->pub.p);
	free(p->pub.changes);
	mms_pool_free(&p->pool);
	free(p);
}

struct need {
	int64_t teacher, skill, hypothesis, school;
	int priority;
	double threshold;
};

struct builder {
	mms_db *db;
	char year[16];
	sqlite3_stmt *mentors, *events, *courses, *iop_add, *iop_get, *item_get, *item_add,
	    *status_add, *res_period, *item_now, *item_move, *item_revive;
	mms_idset added;
	long replanned, revived;
	mms_buf changes; /* what a re-run changed, a line an item */
};

/* Items of this year's programmes that use resource R (not dropped) are counted by USED. */
#define USED                                                                                       \
	"(SELECT count(*) FROM iop_item i JOIN iop o ON o.id = i.iop_id WHERE i.resource_id = "    \
	"r.id "                                                                                    \
	"AND o.year = ?3 AND i.status <> 'dropped')"

static int prepare(struct builder *b)
{
	mms_db *db = b->db;
	int rc;

	if ((rc = mms_prepare(db, &b->mentors,
	                      "SELECT r.id, t.school_id, coalesce(r.capacity, 0), " USED
	                      " FROM resource r JOIN resource_skill rs ON rs.resource_id = r.id "
	                      "AND rs.skill_id = ?1 AND rs.state = 'active' "
	                      "JOIN teacher t ON t.id = r.teacher_id "
	                      "WHERE r.kind = 'mentor' AND r.withdrawn IS NULL "
	                      "AND r.teacher_id <> ?2 AND NOT EXISTS (SELECT 1 FROM "
	                      "teacher_skill_status z WHERE z.teacher_id = r.teacher_id AND "
	                      "z.skill_id = ?1 AND z.status = 'need') "
	                      "ORDER BY 4, r.id")) != MMS_OK ||
	    (rc = mms_prepare(db, &b->events,
	                      "SELECT r.id FROM resource r JOIN resource_skill rs ON "
	                      "rs.resource_id = r.id AND rs.skill_id = ?1 AND rs.state = 'active' "
	                      "WHERE r.kind IN ('rmo', 'seminar', 'internship') AND ?2 = ?2 AND "
	                      "r.withdrawn IS NULL AND (r.capacity IS NULL OR " USED
	                      " < r.capacity) "
	                      "ORDER BY CASE r.kind WHEN 'rmo' THEN 0 WHEN 'seminar' THEN 1 "
	                      "ELSE 2 END, r.id LIMIT 1")) != MMS_OK ||
	    (rc = mms_prepare(db, &b->courses,
	                      "SELECT r.id FROM resource r JOIN resource_skill rs ON "
	                      "rs.resource_id = r.id AND rs.skill_id = ?1 AND rs.state = 'active' "
	                      "WHERE r.kind = 'course' AND ?2 = ?2 AND r.withdrawn IS NULL AND "
	                      "(r.capacity IS NULL OR " USED " < r.capacity) "
	                      "ORDER BY r.origin = 'catalogue' DESC, r.id LIMIT 1")) != MMS_OK ||
	    (rc = mms_prepare(db, &b->iop_add,
	                      "INSERT OR IGNORE INTO iop(teacher_id, year) VALUES (?1, ?2)")) !=
	        MMS_OK ||
	    (rc = mms_prepare(db, &b->iop_get,
	                      "SELECT id FROM iop WHERE teacher_id = ?1 AND year = ?2")) !=
	        MMS_OK ||
	    (rc = mms_prepare(db, &b->item_get,
	                      "SELECT id FROM iop_item WHERE iop_id = ?1 AND skill_id = ?2")) !=
	        MMS_OK ||
	    (rc = mms_prepare(db, &b->item_add,
	                      "INSERT INTO iop_item(iop_id, skill_id, hypothesis_id, priority, "
	                      "competency_area, competency, form, resource_id, period, threshold) "
	                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")) != MMS_OK ||
	    (rc = mms_prepare(db, &b->status_add,
	                      "INSERT INTO iop_status(item_id, status, note, date) "
	                      "VALUES (?1, 'planned', ?2, ?3)")) != MMS_OK ||
	    (rc = mms_prepare(db, &b->res_period, "SELECT period FROM resource WHERE id = ?1")) !=
	        MMS_OK ||
	    /* an item as it stands: its status, form and resource, whether an order holds it,
	       the day it was dropped and the day of the need's latest accepting interview */
	    (rc = mms_prepare(db, &b->item_now,
	                      "SELECT i.status, i.form, coalesce(i.resource_id, 0), "
	                      "EXISTS (SELECT 1 FROM order_line_teacher w WHERE w.item_id = i.id), "
	                      "(SELECT max(date) FROM iop_status s WHERE s.item_id = i.id "
	                      "AND s.status = 'dropped'), (SELECT max(e.date) FROM teacher_event e "
	                      "JOIN iop o ON o.id = i.iop_id WHERE e.teacher_id = o.teacher_id "
	                      "AND e.skill_id = i.skill_id AND e.kind = 'interview' "
	                      "AND e.outcome = 'accept') FROM iop_item i WHERE i.id = ?1")) !=
	        MMS_OK ||
	    (rc = mms_prepare(db, &b->item_move,
	                      "UPDATE iop_item SET form = ?2, resource_id = ?3, period = ?4, "
	                      "status = 'planned' WHERE id = ?1")) != MMS_OK ||
	    (rc = mms_prepare(db, &b->item_revive,
	                      "INSERT INTO iop_status(item_id, status, note, date) "
	                      "VALUES (?1, 'planned', ?2, ?3)")) != MMS_OK)
		return rc;
	return MMS_OK;
}

static void finalize(struct builder *b)
{
	sqlite3_finalize(b->mentors);
	sqlite3_finalize(b->events);
	sqlite3_finalize(b->courses);
	sqlite3_finalize(b->iop_add);
	sqlite3_finalize(b->iop_get);
	sqlite3_finalize(b->item_get);
	sqlite3_finalize(b->item_add);
	sqlite3_finalize(b->status_add);
	sqlite3_finalize(b->res_period);
	sqlite3_finalize(b->item_now);
	sqlite3_finalize(b->item_move);
	sqlite3_finalize(b->item_revive);
	mms_idset_free(&b->added);
	mms_buf_free(&b->changes);
}

/* The first resource of a one-column query, or 0. */
static int first_id(struct builder *b, sqlite3_stmt *st, const struct need *n, int64_t *id)
{
	int rc;

	*id = 0;
	sqlite3_bind_int64(st, 1, n->skill);
	sqlite3_bind_int64(st, 2, n->teacher);
	sqlite3_bind_text(st, 3, b->year, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(b->db, "looking for a resource");
	return MMS_OK;
}

/* The nearest resource with room for need N: school, network, course. */
static int match(struct builder *b, const struct need *n, const char **form, int64_t *res)
{
	sqlite3_stmt *st = b->mentors;
	int64_t elsewhere = 0;
	int rc;

	*res = 0;
	sqlite3_bind_int64(st, 1, n->skill);
	sqlite3_bind_int64(st, 2, n->teacher);
	sqlite3_bind_text(st, 3, b->year, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int cap = sqlite3_column_int(st, 2);
		long used = sqlite3_column_int(st, 3);

		if (cap > 0 && used >= cap)
			continue;
		if (sqlite3_column_int64(st, 1) == n->school) {
			*res = sqlite3_column_int64(st, 0);
			break;
		}
		if (!elsewhere)
			elsewhere = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(b->db, "looking for a mentor");
	if (*res) {
		*form = "school";
		return MMS_OK;
	}
	*form = "network";
	if (elsewhere) {
		*res = elsewhere;
		return MMS_OK;
	}
	rc = first_id(b, b->events, n, res);
	if (rc != MMS_OK || *res)
		return rc;
	*form = "course";
	return first_id(b, b->courses, n, res); /* 0: a course to be ordered */
}

static int step_int64(struct builder *b, sqlite3_stmt *st, int64_t *v, const char *what)
{
	int rc = sqlite3_step(st);

	*v = 0;
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(b->db, what);
	return MMS_OK;
}

static int form_rank(const char *form, int64_t res)
{
	/* the nearer the better: the school, the network, a catalogue course, one to order */
	return !strcmp(form, "school") ? 0 : !strcmp(form, "network") ? 1 : res ? 2 : 3;
}

/*
 * An item the programme has: a planned one no sent order holds moves to a
 * nearer resource that now exists (a mentor entered after the programme was
 * built); a dropped one is planned again when the need was accepted again
 * in an interview after it was dropped.  Anything else stays as it is.
 */
static int replan(struct builder *b, const struct need *n, int64_t item, const char *today)
{
	char status[16], form[16], dropped[11] = "", accepted[11] = "";
	int64_t res, now_res;
	const char *nform;
	int ordered, rc, revive = 0;

	sqlite3_bind_int64(b->item_now, 1, item);
	if (sqlite3_step(b->item_now) != SQLITE_ROW) {
		sqlite3_reset(b->item_now);
		return mms_fail_sql(b->db, "reading a programme's item");
	}
	snprintf(status, sizeof(status), "%s", (const char *)sqlite3_column_text(b->item_now, 0));
	snprintf(form, sizeof(form), "%s", (const char *)sqlite3_column_text(b->item_now, 1));
	now_res = sqlite3_column_int64(b->item_now, 2);
	ordered = sqlite3_column_int(b->item_now, 3);
	if (sqlite3_column_text(b->item_now, 4))
		snprintf(dropped, sizeof(dropped), "%s",
		         (const char *)sqlite3_column_text(b->item_now, 4));
	if (sqlite3_column_text(b->item_now, 5))
		snprintf(accepted, sizeof(accepted), "%s",
		         (const char *)sqlite3_column_text(b->item_now, 5));
	sqlite3_reset(b->item_now);
	if (!strcmp(status, "dropped"))
		revive = dropped[0] && accepted[0] && strcmp(accepted, dropped) > 0;
	else if (strcmp(status, "planned") != 0 || ordered)
		return MMS_OK; /* started, done, or already ordered: kept */
	if (!strcmp(status, "dropped") && !revive)
		return MMS_OK;
	if (ordered) { /* dropped from a sent order: planned again where it was */
		nform = form;
		res = now_res;
	} else if ((rc = match(b, n, &nform, &res)) != MMS_OK)
		return rc;
	if (!revive && form_rank(nform, res) >= form_rank(form, now_res))
		return MMS_OK; /* nothing nearer */
	{
		const unsigned char *period = NULL;
		char note[160];

		if (res) {
			sqlite3_bind_int64(b->res_period, 1, res);
			if (sqlite3_step(b->res_period) == SQLITE_ROW)
				period = sqlite3_column_text(b->res_period, 0);
		}
		sqlite3_bind_int64(b->item_move, 1, item);
		sqlite3_bind_text(b->item_move, 2, nform, -1, SQLITE_STATIC);
		if (res)
			sqlite3_bind_int64(b->item_move, 3, res);
		else
			sqlite3_bind_null(b->item_move, 3);
		sqlite3_bind_text(b->item_move, 4, period ? (const char *)period : b->year, -1,
		                  SQLITE_TRANSIENT);
		rc = mms_step_done(b->db, b->item_move);
		sqlite3_reset(b->res_period);
		if (rc != MMS_OK)
			return rc;
		snprintf(note, sizeof(note), "build-iop: %s %s → %s",
		         revive ? "planned again after a new interview:" : "re-planned:", form,
		         nform);
		sqlite3_bind_int64(b->item_revive, 1, item);
		sqlite3_bind_text(b->item_revive, 2, note, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(b->item_revive, 3, today, -1, SQLITE_STATIC);
		rc = mms_step_done(b->db, b->item_revive);
		if (rc != MMS_OK)
			return rc;
	}
	if (revive)
		b->revived++;
	else
		b->replanned++;
	if (mms_buf_addf(&b->changes, "%lld\t%lld\t%s\t%s\t%s\n", (long long)item,
	                 (long long)n->teacher, revive ? "revived" : "replanned", form,
	                 nform) != MMS_OK)
		return mms_oom(b->db);
	return MMS_OK;
}

static int place(struct builder *b, const struct need *n, const char *today, long *added)
{
	int64_t iop, item, res;
	const char *form;
	char *area = NULL, *name = NULL;
	const unsigned char *period = NULL;
	int rc;

	sqlite3_bind_int64(b->iop_add, 1, n->teacher);
	sqlite3_bind_text(b->iop_add, 2, b->year, -1, SQLITE_STATIC);
	rc = mms_step_done(b->db, b->iop_add);
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(b->iop_get, 1, n->teacher);
	sqlite3_bind_text(b->iop_get, 2, b->year, -1, SQLITE_STATIC);
	rc = step_int64(b, b->iop_get, &iop, N_("reading a programme"));
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(b->item_get, 1, iop);
	sqlite3_bind_int64(b->item_get, 2, n->skill);
	rc = step_int64(b, b->item_get, &item, N_("reading a programme"));
	if (rc != MMS_OK)
		return rc;
	if (item)
		return replan(b, n, item, today);
	rc = match(b, n, &form, &res);
	if (rc == MMS_OK)
		rc = mms_skill_competency(b->db, n->skill, &area, &name);
	if (rc != MMS_OK)
		goto out;
	if (res) {
		sqlite3_bind_int64(b->res_period, 1, res);
		if (sqlite3_step(b->res_period) == SQLITE_ROW)
			period = sqlite3_column_text(b->res_period, 0);
	}
	sqlite3_bind_int64(b->item_add, 1, iop);
	sqlite3_bind_int64(b->item_add, 2, n->skill);
	if (n->hypothesis)
		sqlite3_bind_int64(b->item_add, 3, n->hypothesis);
	else
		sqlite3_bind_null(b->item_add, 3);
	sqlite3_bind_int(b->item_add, 4, n->priority);
	sqlite3_bind_text(b->item_add, 5, area, -1, SQLITE_STATIC);
	sqlite3_bind_text(b->item_add, 6, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(b->item_add, 7, form, -1, SQLITE_STATIC);
	if (res)
		sqlite3_bind_int64(b->item_add, 8, res);
	else
		sqlite3_bind_null(b->item_add, 8);
	sqlite3_bind_text(b->item_add, 9, period ? (const char *)period : b->year, -1,
	                  SQLITE_TRANSIENT);
	sqlite3_bind_double(b->item_add, 10, n->threshold);
	rc = mms_step_done(b->db, b->item_add);
	sqlite3_reset(b->res_period);
	if (rc != MMS_OK)
		goto out;
	item = sqlite3_last_insert_rowid(b->db->sql);
	sqlite3_bind_int64(b->status_add, 1, item);
	sqlite3_bind_text(b->status_add, 2, "build-iop", -1, SQLITE_STATIC);
	sqlite3_bind_text(b->status_add, 3, today, -1, SQLITE_STATIC);
	rc = mms_step_done(b->db, b->status_add);
	if (rc == MMS_OK && mms_idset_add(&b->added, item) < 0)
		rc = mms_oom(b->db);
	if (rc == MMS_OK)
		(*added)++;
out:
	free(area);
	free(name);
	return rc;
}

static int read_needs(struct builder *b, int64_t teacher, struct need **out, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = mms_prepare(b->db, &st,
	                 "SELECT ts.teacher_id, ts.skill_id, coalesce(ts.priority, " MMS_SQL_NUM(
	                     MMS_PRIORITY_DEFAULT) "), h.id, "
	                                           "coalesce(h.threshold, 0), t.school_id FROM "
	                                           "teacher_skill_status ts "
	                                           "JOIN teacher t ON t.id = ts.teacher_id JOIN "
	                                           "skill k ON k.id = ts.skill_id "
	                                           "LEFT JOIN hypothesis h ON h.id = (SELECT h2.id "
	                                           "FROM hypothesis h2 "
	                                           "  JOIN assessment a ON a.id = h2.assessment_id "
	                                           "WHERE h2.teacher_id = ts.teacher_id "
	                                           "  AND h2.skill_id = ts.skill_id ORDER BY "
	                                           "a.date DESC, a.id DESC LIMIT 1) "
	                                           "WHERE ts.status = 'need' AND (?1 IS NULL OR "
	                                           "ts.teacher_id = ?1) "
	                                           "ORDER BY 3, coalesce(h.threshold - h.success, "
	                                           "0) DESC, t.name_key, t.id, k.code, "
	                                           "k.id");
	if (rc != MMS_OK)
		return rc;
	if (teacher > 0)
		sqlite3_bind_int64(st, 1, teacher);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t c2 = cap ? 2 * cap : 32;
			struct need *grown = realloc(*out, c2 * sizeof(*grown));

			if (!grown) {
				rc = mms_oom(b->db);
				break;
			}
			*out = grown;
			cap = c2;
		}
		(*out)[*n] = (struct need){
		    .teacher = sqlite3_column_int64(st, 0),
		    .skill = sqlite3_column_int64(st, 1),
		    .priority = sqlite3_column_int(st, 2),
		    .hypothesis = sqlite3_column_int64(st, 3),
		    .threshold = sqlite3_column_double(st, 4),
		    .school = sqlite3_column_int64(st, 5),
		};
		(*n)++;
	}
	if (rc == SQLITE_DONE)
		rc = MMS_OK;
	else if (rc > 0)
		rc = mms_fail_sql(b->db, "reading the needs");
	sqlite3_finalize(st);
	return rc;
}

/* What meets the need, in words. */
static char *resource_text(sqlite3_stmt *st)
{
	const char *kind = (const char *)sqlite3_column_text(st, 10);
	const char *title = (const char *)sqlite3_column_text(st, 11);
	const char *provider = (const char *)sqlite3_column_text(st, 12);
	int hours = sqlite3_column_int(st, 13);
	mms_buf b = {0};

	if (!kind) {
		mms_buf_addf(&b, _("a course to be ordered: %s"),
		             (const char *)sqlite3_column_text(st, 9));
	} else if (!strcmp(kind, "mentor")) {
		mms_buf_addf(&b, "%s (%s)", (const char *)sqlite3_column_text(st, 14),
		             (const char *)sqlite3_column_text(st, 15));
	} else {
		mms_buf_addf(&b, "%s: %s", mms_word(MMS_WORDS_KIND, kind), title);
		if (provider && hours > 0)
			mms_buf_addf(&b, _(" (%s, %d h)"), provider, hours);
		else if (provider)
			mms_buf_addf(&b, " (%s)", provider);
		else if (hours > 0)
			mms_buf_addf(&b, _(" (%d h)"), hours);
	}
	return b.p;
}

/* The programmes of the year (of TEACHER, or all), the items added by this run marked. */
static int collect(struct builder *b, int64_t teacher, struct set_priv *p)
{
	sqlite3_stmt *st;
	mms_pool *pool = &p->pool;
	size_t cap = 0, icap = 0;
	int64_t cur = 0;
	int rc;

	rc = mms_prepare(
	    b->db, &st,
	    "SELECT o.id, t.full_name, s.name, s.code, o.year, i.id, k.code, k.text, "
	    "i.competency_area, i.competency, r.kind, r.title, r.provider, coalesce(r.hours, 0), "
	    "mt.full_name, ms.name, i.form, i.period, i.threshold, i.status, i.priority, "
	    "(SELECT coalesce(sr.title, '') FROM iop_support su LEFT JOIN resource sr "
	    "  ON sr.id = su.resource_id WHERE su.item_id = i.id), "
	    "(SELECT e.title || ' (' || e.date || ')' FROM event e WHERE e.item_id = i.id "
	    "  ORDER BY e.date DESC, e.id DESC LIMIT 1) "
	    "FROM iop o JOIN teacher t ON t.id = o.teacher_id JOIN school s ON s.id = t.school_id "
	    "JOIN iop_item i ON i.iop_id = o.id JOIN skill k ON k.id = i.skill_id "
	    "LEFT JOIN resource r ON r.id = i.resource_id "
	    "LEFT JOIN teacher mt ON mt.id = r.teacher_id AND r.kind = 'mentor' "
	    "LEFT JOIN school ms ON ms.id = mt.school_id "
	    "WHERE o.year = ?1 AND (?2 IS NULL OR o.teacher_id = ?2) "
	    "ORDER BY s.code, t.name_key, o.id, i.priority, i.id");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, b->year, -1, SQLITE_STATIC);
	if (teacher > 0)
		sqlite3_bind_int64(st, 2, teacher);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_iop *g;
		mms_iop_item *it;
		char pct[16];

		if (sqlite3_column_int64(st, 0) != cur) {
			mms_iop *grown;

			if (p->pub.n == cap) {
				cap = cap ? 2 * cap : 16;
				grown = realloc(p->pub.p, cap * sizeof(*grown));
				if (!grown) {
					rc = mms_oom(b->db);
					break;
				}
				p->pub.p = grown;
			}
			g = &p->pub.p[p->pub.n++];
			memset(g, 0, sizeof(*g));
			cur = sqlite3_column_int64(st, 0);
			icap = 0;
			g->teacher = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 1));
			g->school = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 2));
			g->school_code =
			    mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 3));
			g->year = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 4));
		}
		g = &p->pub.p[p->pub.n - 1];
		if (g->n == icap) {
			mms_iop_item *grown;

			icap = icap ? 2 * icap : 8;
			grown = realloc(g->items, icap * sizeof(*grown));
			if (!grown) {
				rc = mms_oom(b->db);
				break;
			}
			g->items = grown;
		}
		it = &g->items[g->n++];
		memset(it, 0, sizeof(*it));
		it->id = sqlite3_column_int64(st, 5);
		it->skill = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 6));
		it->skill_text = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 7));
		it->competency_area = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 8));
		it->competency = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 9));
		it->kind = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 10));
		it->mentor = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 14));
		it->mentor_school = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 15));
		it->resource = mms_pool_take(pool, resource_text(st));
		it->form = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 16));
		it->period = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 17));
		it->threshold = sqlite3_column_double(st, 18);
		it->status = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 19));
		it->priority = sqlite3_column_int(st, 20);
		it->support = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 21));
		it->event = mms_pool_dup(pool, (const char *)sqlite3_column_text(st, 22));
		it->is_new = mms_idset_has(&b->added, it->id);
		mms_iop_pct(it->threshold, pct);
		{
			mms_buf e = {0};

			mms_buf_addf(&e,
			             _("success on skill %s in the teacher's classes at the next "
			               "assessment ≥ %s %%"),
			             it->skill, pct);
			it->expected = mms_pool_take(pool, e.p);
		}
		if (pool->oom || !it->resource || !it->expected) {
			rc = mms_oom(b->db);
			break;
		}
	}
	if (rc == SQLITE_DONE)
		rc = MMS_OK;
	else if (rc > 0)
		rc = mms_fail_sql(b->db, "reading the programmes");
	sqlite3_finalize(st);
	return rc;
}

/* What a re-run changed, in words the caller prints: teacher, skill, from → to. */
static int changes_of(struct builder *b, struct set_priv *p)
{
	sqlite3_stmt *st;
	char *line, *save = NULL;
	int rc;

	if (!b->changes.len)
		return MMS_OK;
	rc = mms_prepare(b->db, &st,
	                 "SELECT t.full_name, k.code, coalesce(r.title, '') FROM iop_item i "
	                 "JOIN iop o ON o.id = i.iop_id JOIN teacher t ON t.id = o.teacher_id "
	                 "JOIN skill k ON k.id = i.skill_id LEFT JOIN resource r "
	                 "ON r.id = i.resource_id WHERE i.id = ?1");
	if (rc != MMS_OK)
		return rc;
	for (line = strtok_r(b->changes.p, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[5], *q = line;
		mms_iop_change *c;

		for (int i = 0; i < 5; i++) {
			f[i] = q;
			q += strcspn(q, "\t");
			if (*q)
				*q++ = '\0';
		}
		if (mms_grow((void **)&p->pub.changes, &p->changes_cap, p->pub.nchanges + 1,
		             sizeof(*c))) {
			sqlite3_finalize(st);
			return mms_oom(b->db);
		}
		c = &p->pub.changes[p->pub.nchanges++];
		memset(c, 0, sizeof(*c));
		c->revived = !strcmp(f[2], "revived");
		c->from = mms_pool_dup(&p->pool, f[3]);
		c->to = mms_pool_dup(&p->pool, f[4]);
		sqlite3_bind_int64(st, 1, strtoll(f[0], NULL, 10));
		if (sqlite3_step(st) == SQLITE_ROW) {
			c->teacher =
			    mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 0));
			c->skill = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 1));
			c->resource =
			    mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 2));
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return MMS_OK;
}

/*
 * Post-course support (step 1.7): each course item done gets, once, its
 * follow-up for the same need — a mentor of the teacher's school on the
 * skill, else a methodologist of the district (on the skill first), else
 * none yet (to name: mms resource add --kind methodologist).
 */
static int support_courses(mms_db *db, const char *today)
{
	/* the pick for item i of teacher t */
#define SUPPORT_PICK                                                                               \
	"coalesce((SELECT r.id FROM resource r JOIN resource_skill rs ON rs.resource_id = r.id "   \
	"  AND rs.skill_id = i.skill_id AND rs.state = 'active' "                                  \
	"  JOIN teacher m ON m.id = r.teacher_id WHERE r.kind = 'mentor' "                         \
	"  AND r.withdrawn IS NULL AND m.school_id = t.school_id AND m.id <> t.id "                \
	"  ORDER BY r.id LIMIT 1), "                                                               \
	"  (SELECT r.id FROM resource r LEFT JOIN resource_skill rs ON rs.resource_id = r.id "     \
	"   AND rs.skill_id = i.skill_id WHERE r.kind = 'methodologist' "                          \
	"   AND r.withdrawn IS NULL ORDER BY rs.skill_id IS NULL, r.id LIMIT 1))"
	static const char *const sql[] = {
	    /* once for each course done */
	    "INSERT INTO iop_support(item_id, resource_id, created) SELECT i.id, " SUPPORT_PICK
	    ", ?1 FROM iop_item i JOIN iop o ON o.id = i.iop_id JOIN teacher t "
	    "ON t.id = o.teacher_id WHERE i.form = 'course' AND i.status = 'done' "
	    "AND NOT EXISTS (SELECT 1 FROM iop_support WHERE item_id = i.id)",
	    /* a support without its resource gets one when the bank has it */
	    "UPDATE iop_support SET resource_id = (SELECT " SUPPORT_PICK
	    " FROM iop_item i JOIN iop o ON o.id = i.iop_id JOIN teacher t ON t.id = o.teacher_id "
	    "WHERE i.id = iop_support.item_id) WHERE resource_id IS NULL AND ?1 = ?1",
	};
#undef SUPPORT_PICK
	int rc = MMS_OK;

	for (size_t k = 0; rc == MMS_OK && k < 2; k++) {
		sqlite3_stmt *st;

		if ((rc = mms_prepare(db, &st, sql[k])) != MMS_OK)
			break;
		sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
		rc = mms_step_done(db, st);
		sqlite3_finalize(st);
	}
	return rc;
}

/* The 12 steps of every item of work with a mentor that has none yet, scheduled. */
static int plan_steps(mms_db *db)
{
	sqlite3_stmt *st;
	int64_t *items = NULL;
	size_t n = 0, cap = 0;
	int rc = mms_prepare(db, &st,
	                     "SELECT i.id FROM iop_item i JOIN resource r ON r.id = i.resource_id "
	                     "WHERE r.kind = 'mentor' AND i.status IN ('planned', 'in-progress') "
	                     "AND NOT EXISTS (SELECT 1 FROM iop_step s WHERE s.item_id = i.id)");

	if (rc != MMS_OK)
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (mms_grow((void **)&items, &cap, n + 1, sizeof(*items))) {
			rc = mms_oom(db);
			break;
		}
		items[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; rc == MMS_OK && i < n; i++)
		rc = mms_iop_steps_plan(db, items[i]);
	free(items);
	return rc;
}

int mms_iop_build(mms_db *db, const mms_iop_opts *o, mms_iop_set **out)
{
	struct builder b;
	struct set_priv *p;
	struct need *needs = NULL;
	size_t nneeds = 0;
	char today[11];
	int rc;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	b.db = db;
	mms_diag_clear(db);
	rc = mms_iop_today(db, o->today, today);
	if (rc != MMS_OK)
		return rc;
	mms_school_year(today, b.year);
	p = calloc(1, sizeof(*p));
	if (!p)
		return mms_oom(db);
	rc = mms_tx_begin(db);
	if (rc != MMS_OK) {
		free(p);
		return rc;
	}
	rc = mms_mentors_find(db, &p->pub.mentors);
	if (rc == MMS_OK)
		rc = prepare(&b);
	if (rc == MMS_OK)
		rc = read_needs(&b, o->teacher, &needs, &nneeds);
	p->pub.needs = (long)nneeds;
	for (size_t i = 0; rc == MMS_OK && i < nneeds; i++)
		rc = place(&b, &needs[i], today, &p->pub.added);
	p->pub.kept = (long)nneeds - p->pub.added - b.replanned - b.revived;
	p->pub.replanned = b.replanned;
	p->pub.revived = b.revived;
	p->pub.dry_run = o->dry_run;
	if (rc == MMS_OK)
		rc = changes_of(&b, p);
	if (rc == MMS_OK)
		rc = plan_steps(db);
	if (rc == MMS_OK)
		rc = support_courses(db, today);
	if (rc == MMS_OK)
		rc = collect(&b, o->teacher, p);
	finalize(&b);
	free(needs);
	if (rc != MMS_OK || o->dry_run)
		mms_tx_rollback(db);
	else
		rc = mms_tx_commit(db);
	if (rc != MMS_OK) {
		mms_iop_set_free(&p->pub);
		return rc;
	}
	*out = &p->pub;
	return MMS_OK;
}

static int transition_ok(const char *from, const char *to)
{
	static const char *const allowed[][2] = {
	    {"planned", "in-progress"}, {"planned", "done"},        {"planned", "dropped"},
	    {"in-progress", "done"},    {"in-progress", "dropped"}, {"in-progress", "planned"},
	    {"dropped", "planned"},
	};

	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (!strcmp(allowed[i][0], from) && !strcmp(allowed[i][1], to))
			return 1;
	return 0;
}

/*
 * The skill of the teacher's programme items on CODE, in SUBJECT (a name; NULL: any): one
 * subject, or MMS_EAMBIGUOUS listing them.
 */
static int item_skill(mms_db *db, int64_t teacher, const char *code, const char *subject,
                      int64_t *skill)
{
	char *name;
	int rc =
	    mms_skill_pick(db,
	                   /* in a subject, the code's skill of the teacher's latest item */
	                   "SELECT DISTINCT i.skill_id, j.name FROM iop_item i JOIN iop o "
	                   "ON o.id = i.iop_id JOIN skill k ON k.id = i.skill_id JOIN subject j "
	                   "ON j.id = k.subject_id WHERE o.teacher_id = ?1 AND k.code = ?2 AND "
	                   "(?3 = 0 OR j.id = ?3) AND i.id = (SELECT max(i2.id) FROM iop_item i2 "
	                   "JOIN iop o2 ON o2.id = i2.iop_id JOIN skill k2 ON k2.id = i2.skill_id "
	                   "WHERE o2.teacher_id = o.teacher_id AND k2.code = k.code "
	                   "AND k2.subject_id = k.subject_id) ORDER BY j.name, i.skill_id",
	                   teacher, code, subject, skill, &name);

	if (rc == 1 && name)
		rc =
		    mms_fail(db, MMS_ENOTFOUND,
		             _("the teacher's programme has no item on skill '%s' of subject '%s'"),
		             code, name);
	else if (rc == 1)
		rc = mms_fail(db, MMS_ENOTFOUND,
		              _("the teacher's programme has no item on skill '%s'"), code);
	free(name);
	return rc;
}

int mms_iop_set_status(mms_db *db, int64_t teacher, const char *skill, const char *subject,
                       const char *status, const char *note, const char *today, const char **old)
{
	static const char *const statuses[] = {"planned", "in-progress", "done", "dropped"};
	sqlite3_stmt *st;
	char day[11], from[16] = "";
	const char *known = NULL;
	int64_t item = 0, skill_id = 0;
	int rc;

	for (size_t i = 0; i < 4; i++)
		if (status && !strcmp(status, statuses[i]))
			known = statuses[i];
	if (!known)
		return mms_fail(
		    db, MMS_EUSAGE,
		    _("unknown status '%s' (use planned, in-progress, done or dropped)"),
		    status ? status : "");
	rc = mms_iop_today(db, today, day);
	if (rc != MMS_OK)
		return rc;
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = item_skill(db, teacher, skill, subject, &skill_id);
	if (rc != MMS_OK)
		goto end;
	/* the latest programme that has the skill */
	rc = mms_prepare(db, &st,
	                 "SELECT i.id, i.status FROM iop_item i JOIN iop o ON o.id = i.iop_id "
	                 "WHERE o.teacher_id = ?1 AND i.skill_id = ?2 ORDER BY o.year DESC, "
	                 "o.id DESC LIMIT 1");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, teacher);
	sqlite3_bind_int64(st, 2, skill_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		item = sqlite3_column_int64(st, 0);
		snprintf(from, sizeof(from), "%s", (const char *)sqlite3_column_text(st, 1));
	} else {
		rc = mms_fail_sql(db, "looking up a programme's item");
	}
	sqlite3_finalize(st);
	if (rc != MMS_OK)
		goto end;
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(from, statuses[i]) && old)
			*old = statuses[i];
	if (!transition_ok(from, known)) {
		rc = mms_fail(db, MMS_EDATA, _("an item that is '%s' cannot become '%s'"), from,
		              known);
		goto end;
	}
	rc = mms_prepare(db, &st, "UPDATE iop_item SET status = ?2 WHERE id = ?1");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_text(st, 2, known, -1, SQLITE_STATIC);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	if (rc != MMS_OK)
		goto end;
	rc = mms_prepare(
	    db, &st, "INSERT INTO iop_status(item_id, status, note, date) VALUES (?1, ?2, ?3, ?4)");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_text(st, 2, known, -1, SQLITE_STATIC);
	if (note)
		sqlite3_bind_text(st, 3, note, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, day, -1, SQLITE_STATIC);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
end:
	return mms_tx_end(db, rc);
}
