/* One teacher's card: roster, observations and interviews, programme items. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "mms/teacher_card.h"

int mms_teacher_is_young(int birth_year, int experience, int year_now)
{
	return (birth_year > 0 && year_now - birth_year < MMS_YOUNG_AGE) ||
	       (experience >= 0 && experience < MMS_YOUNG_YEARS);
}

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? strdup((const char *)t) : NULL;
}

void mms_teacher_card_free(mms_teacher_card *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->school);
	free(c->school_name);
	for (size_t i = 0; i < c->nteaching; i++) {
		free(c->teaching[i].subject);
		free(c->teaching[i].classes);
		free(c->teaching[i].year);
	}
	free(c->teaching);
	for (size_t i = 0; i < c->nevents; i++) {
		free(c->events[i].date);
		free(c->events[i].kind);
		free(c->events[i].skill);
		free(c->events[i].result);
		free(c->events[i].who);
		free(c->events[i].note);
	}
	free(c->events);
	for (size_t i = 0; i < c->nitems; i++) {
		free(c->items[i].skill);
		free(c->items[i].form);
		free(c->items[i].resource);
		free(c->items[i].status);
		free(c->items[i].year);
	}
	free(c->items);
	for (size_t i = 0; i < c->nself; i++) {
		free(c->self[i].skill);
		free(c->self[i].subject);
		free(c->self[i].date);
		free(c->self[i].status);
	}
	free(c->self);
	memset(c, 0, sizeof(*c));
}

/* Grows an array of SIZE-byte elements by one; NULL when out of memory. */
static void *push(void **arr, size_t *n, size_t size)
{
	char *g = realloc(*arr, (*n + 1) * size);

	if (!g)
		return NULL;
	*arr = g;
	memset(g + *n * size, 0, size);
	return g + (*n)++ * size;
}

int mms_teacher_card_get(mms_db *db, int64_t teacher, mms_teacher_card *c)
{
	static const char *const results[][2] = {{"confirm", "confirmed"},
	                                         {"reject", "rejected"},
	                                         {"accept", "need"},
	                                         {"decline", "declined"}};
	sqlite3_stmt *st;
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	memset(c, 0, sizeof(*c));
	localtime_r(&now, &tm);
	rc = mms_prepare(db, &st,
	                 "SELECT t.full_name, s.code, s.name, t.birth_year, t.experience "
	                 "FROM teacher t JOIN school s ON s.id = t.school_id WHERE t.id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, teacher);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return mms_fail(db, MMS_ENOTFOUND, _("no such teacher"));
	}
	c->name = col(st, 0);
	c->school = col(st, 1);
	c->school_name = col(st, 2);
	c->birth_year = sqlite3_column_int(st, 3);
	c->experience = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
	c->young = mms_teacher_is_young(c->birth_year, c->experience, tm.tm_year + 1900);
	sqlite3_finalize(st);

	rc = mms_prepare(db, &st,
	                 "SELECT sub.name, group_concat(c.label, ', '), c.year FROM "
	                 "(SELECT t.subject_id, t.year, c.label FROM teaching t "
	                 " JOIN class c ON c.id = t.class_id "
	                 " WHERE t.teacher_id = ?1 ORDER BY c.grade, c.label_key) c "
	                 "JOIN subject sub ON sub.id = c.subject_id GROUP BY c.year, sub.id "
	                 "ORDER BY c.year DESC, sub.name");
	if (rc != MMS_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, teacher);
	while (sqlite3_step(st) == SQLITE_ROW) {
		mms_teacher_teaching *t = push((void **)&c->teaching, &c->nteaching, sizeof(*t));

		if (!t) {
			sqlite3_finalize(st);
			rc = mms_oom(db);
			goto fail;
		}
		t->subject = col(st, 0);
		t->classes = col(st, 1);
		t->year = col(st, 2);
	}
	sqlite3_finalize(st);

	rc = mms_prepare(db, &st,
	                 "SELECT coalesce(e.date, substr(e.at, 1, 10)), e.kind, k.code, e.outcome, "
	                 "coalesce(e.priority, 0), e.who, e.note FROM teacher_event e "
	                 "JOIN skill k ON k.id = e.skill_id WHERE e.teacher_id = ?1 ORDER BY e.id");
	if (rc != MMS_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, teacher);
	while (sqlite3_step(st) == SQLITE_ROW) {
		mms_teacher_event *e = push((void **)&c->events, &c->nevents, sizeof(*e));
		const char *outcome = (const char *)sqlite3_column_text(st, 3);

		if (!e) {
			sqlite3_finalize(st);
			rc = mms_oom(db);
			goto fail;
		}
		e->date = col(st, 0);
		e->kind = col(st, 1);
		e->skill = col(st, 2);
		for (size_t i = 0; i < 4; i++)
			if (!strcmp(outcome, results[i][0]))
				e->result = strdup(results[i][1]);
		e->priority = sqlite3_column_int(st, 4);
		e->who = col(st, 5);
		e->note = col(st, 6);
	}
	sqlite3_finalize(st);

	{
		rc = mms_prepare(
		    db, &st,
		    "SELECT k.code, i.form, "
		    "  coalesce(r.title, '') || CASE WHEN t.full_name IS NOT NULL "
		    "    AND t.full_name <> r.title THEN ' — ' || t.full_name ELSE '' END "
		    "  || coalesce(' (' || ts.code || ')', ''), "
		    "  i.status, o.year "
		    "FROM iop_item i JOIN iop o ON o.id = i.iop_id "
		    "JOIN skill k ON k.id = i.skill_id "
		    "LEFT JOIN resource r ON r.id = i.resource_id "
		    "LEFT JOIN teacher t ON t.id = r.teacher_id "
		    "LEFT JOIN school ts ON ts.id = t.school_id "
		    "WHERE o.teacher_id = ?1 ORDER BY o.year, i.priority, i.id");
		if (rc != MMS_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, teacher);
		while (sqlite3_step(st) == SQLITE_ROW) {
			mms_teacher_item *it = push((void **)&c->items, &c->nitems, sizeof(*it));

			if (!it) {
				sqlite3_finalize(st);
				rc = mms_oom(db);
				goto fail;
			}
			it->skill = col(st, 0);
			it->form = col(st, 1);
			it->resource = col(st, 2);
			it->status = col(st, 3);
			it->year = col(st, 4);
		}
		sqlite3_finalize(st);
	}
	rc = mms_prepare(db, &st,
	                 "SELECT k.code, j.name, d.date, coalesce(d.level, 0), d.difficulty, "
	                 "  (SELECT status FROM teacher_skill_status z WHERE z.teacher_id = "
	                 "   d.teacher_id AND z.skill_id = d.skill_id) "
	                 "FROM self_diagnosis d JOIN skill k ON k.id = d.skill_id "
	                 "JOIN subject j ON j.id = k.subject_id WHERE d.teacher_id = ?1 "
	                 "ORDER BY d.date DESC, k.code");
	if (rc != MMS_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, teacher);
	while (sqlite3_step(st) == SQLITE_ROW) {
		mms_teacher_self *e = push((void **)&c->self, &c->nself, sizeof(*e));

		if (!e) {
			sqlite3_finalize(st);
			rc = mms_oom(db);
			goto fail;
		}
		e->skill = col(st, 0);
		e->subject = col(st, 1);
		e->date = col(st, 2);
		e->level = sqlite3_column_int(st, 3);
		e->difficulty = sqlite3_column_int(st, 4);
		e->status = col(st, 5);
	}
	sqlite3_finalize(st);
	return MMS_OK;
fail:
	mms_teacher_card_free(c);
	return rc;
}
