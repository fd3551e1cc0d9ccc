/*
 * The 12 steps of a mentor's item (seed 004, «Механизм тиражирования
 * успешного опыта»): a schedule over the programme's school year, each step
 * done in order, the observations of steps 3, 7 and 11 linked, the item done
 * when its last step is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iop/iop_internal.h"
#include "mms/iop.h"

/* The steps that are a lesson observed with the observation map. */
int mms_iop_step_observed(int k)
{
	return k == 3 || k == 7 || k == 11;
}

/*
 * The item's steps, planned over its programme's school year (1 October to
 * 20 May, evenly) unless they exist.  MMS_ENOTFOUND for an unknown item or
 * one that is not a mentor's.
 */
int mms_iop_steps_plan(mms_db *db, int64_t item)
{
	sqlite3_stmt *st;
	int rc, mentor = -1;
	char year[16] = "";

	rc = mms_prepare(
	    db, &st,
	    "SELECT r.kind = 'mentor', o.year FROM iop_item i "
	    "JOIN iop o ON o.id = i.iop_id LEFT JOIN resource r ON r.id = i.resource_id "
	    "WHERE i.id = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, item);
	if (sqlite3_step(st) == SQLITE_ROW) {
		mentor = sqlite3_column_int(st, 0);
		snprintf(year, sizeof(year), "%.4s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (mentor < 0)
		return mms_fail(db, MMS_ENOTFOUND,
		                _("no programme item %lld (mms iop steps lists them)"),
		                (long long)item);
	if (!mentor)
		return mms_fail(db, MMS_ENOTFOUND,
		                _("item %lld is not work with a mentor: it has no 12 steps"),
		                (long long)item);
	/* from the district's first day (1 October), a step every so many days (21: to
	   20 May); a first day before September is in the next calendar year */
	rc = mms_prepare(db, &st,
	                 "INSERT OR IGNORE INTO iop_step(item_id, step, planned) "
	                 "SELECT ?1, ?2, date((CAST(?3 AS INTEGER) + (s.start < '09')) || '-' || "
	                 "  s.start, '+' || ((?2 - 1) * s.every) || ' days') FROM "
	                 "  (SELECT coalesce((SELECT start FROM step_schedule), "
	                 "     '" MMS_STEPS_START "') AS start, "
	                 "   coalesce((SELECT every FROM step_schedule), " MMS_SQL_NUM(
	                     MMS_STEPS_EVERY) ") AS every) s");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_text(st, 3, year, -1, SQLITE_STATIC);
	for (int k = 1; k <= MMS_IOP_NSTEPS && rc == MMS_OK; k++) {
		sqlite3_bind_int(st, 2, k);
		rc = mms_step_done(db, st);
	}
	sqlite3_finalize(st);
	return rc;
}

int mms_iop_schedule_set(mms_db *db, const char *start, int every)
{
	sqlite3_stmt *st;
	int rc, m = 0, d = 0, n = 0;

	if (sscanf(start, "%2d-%2d%n", &m, &d, &n) != 2 || start[n] || m < 1 || m > 12 || d < 1 ||
	    d > 31 || every < 1 || every > 60)
		return mms_fail(
		    db, MMS_EUSAGE,
		    _("the schedule is a first day MM-DD and 1 to 60 days between steps"));
	if ((rc = mms_tx_begin(db)) != MMS_OK)
		return rc;
	rc = mms_prepare(
	    db, &st, "INSERT OR REPLACE INTO step_schedule(id, start, every) VALUES (1, ?1, ?2)");
	if (rc == MMS_OK) {
		char mmdd[8];

		snprintf(mmdd, sizeof(mmdd), "%02d-%02d", m, d);
		sqlite3_bind_text(st, 1, mmdd, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, every);
		rc = mms_step_done(db, st);
		sqlite3_finalize(st);
	}
	return mms_tx_end(db, rc);
}

int mms_iop_schedule_get(mms_db *db, char start[6], int *every)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st, "SELECT start, every FROM step_schedule");

	snprintf(start, 6, "%s", MMS_STEPS_START);
	*every = MMS_STEPS_EVERY;
	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(start, 6, "%s", (const char *)sqlite3_column_text(st, 0));
		*every = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return MMS_OK;
}

int mms_iop_steps_get(mms_db *db, int64_t item, mms_iop_step_list *out)
{
	const char *const *text = mms_iop_steps();
	sqlite3_stmt *st;
	int rc, oom = 0;

	memset(out, 0, sizeof(*out));
	out->item = item;
	if ((rc = mms_tx_begin(db)) != MMS_OK)
		return rc;
	if ((rc = mms_iop_steps_plan(db, item)) != MMS_OK) {
		mms_tx_rollback(db);
		return rc;
	}
	if ((rc = mms_tx_commit(db)) != MMS_OK)
		return rc;
	rc =
	    mms_prepare(db, &st,
	                "SELECT t.full_name, sk.code, coalesce(r.title, ''), i.status, s.step, "
	                "s.planned, s.done, s.note, coalesce(s.event_id, 0) FROM iop_step s "
	                "JOIN iop_item i ON i.id = s.item_id JOIN iop o ON o.id = i.iop_id "
	                "JOIN teacher t ON t.id = o.teacher_id JOIN skill sk ON sk.id = i.skill_id "
	                "LEFT JOIN resource r ON r.id = i.resource_id "
	                "WHERE s.item_id = ?1 ORDER BY s.step");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, item);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = sqlite3_column_int(st, 4);
		mms_iop_step *s = &out->steps[k - 1];

		if (!out->teacher) {
			out->teacher = mms_column_dup(st, 0, &oom);
			out->skill = mms_column_dup(st, 1, &oom);
			out->mentor = mms_column_dup(st, 2, &oom);
			out->status = mms_column_dup(st, 3, &oom);
		}
		s->step = k;
		s->text = text[k - 1];
		s->observed = mms_iop_step_observed(k);
		s->planned = mms_column_dup(st, 5, &oom);
		s->done = mms_column_dup(st, 6, &oom);
		s->note = mms_column_dup(st, 7, &oom);
		s->event = sqlite3_column_int64(st, 8);
		out->ndone += s->done != NULL;
	}
	sqlite3_finalize(st);
	if (oom || rc != SQLITE_DONE) {
		mms_iop_steps_free(out);
		return oom ? mms_oom(db) : mms_fail_sql(db, N_("reading the steps"));
	}
	return MMS_OK;
}

void mms_iop_steps_free(mms_iop_step_list *s)
{
	if (!s)
		return;
	free(s->teacher);
	free(s->skill);
	free(s->mentor);
	free(s->status);
	for (int k = 0; k < MMS_IOP_NSTEPS; k++) {
		free(s->steps[k].planned);
		free(s->steps[k].done);
		free(s->steps[k].note);
	}
	memset(s, 0, sizeof(*s));
}

/* Sets the item's status to STATUS on DAY (a step done moves it on), recorded. */
static int item_status(mms_db *db, int64_t item, const char *status, const char *day,
                       const char *note)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st, "UPDATE iop_item SET status = ?2 WHERE id = ?1");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	if (rc == MMS_OK)
		rc = mms_prepare(db, &st,
		                 "INSERT INTO iop_status(item_id, status, note, date) "
		                 "VALUES (?1, ?2, ?3, ?4)");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, day, -1, SQLITE_STATIC);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	return rc;
}

int mms_iop_step_done(mms_db *db, const mms_iop_step_opts *o, const char **status)
{
	sqlite3_stmt *st;
	char day[11], item_status_now[16] = "";
	int rc, earlier_open = 0, k = o->step;

	if (status)
		*status = NULL;
	if (k < 1 || k > MMS_IOP_NSTEPS)
		return mms_fail(db, MMS_EUSAGE, _("step %d: the steps are 1 to %d"), k,
		                MMS_IOP_NSTEPS);
	if (mms_iop_step_observed(k) && !o->event && !o->force)
		return mms_fail(
		    db, MMS_EUSAGE,
		    _("step %d is a lesson observed with the observation map: record it "
		      "with mms observe --item %lld --step %d (or --force)"),
		    k, (long long)o->item, k);
	if ((rc = mms_iop_today(db, o->date, day)) != MMS_OK)
		return rc;
	if ((rc = mms_tx_begin(db)) != MMS_OK)
		return rc;
	if ((rc = mms_iop_steps_plan(db, o->item)) != MMS_OK)
		goto end;
	rc = mms_prepare(db, &st,
	                 "SELECT (SELECT count(*) FROM iop_step WHERE item_id = ?1 AND step < ?2 "
	                 "  AND done IS NULL), status FROM iop_item WHERE id = ?1");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, o->item);
	sqlite3_bind_int(st, 2, k);
	if (sqlite3_step(st) == SQLITE_ROW) {
		earlier_open = sqlite3_column_int(st, 0);
		snprintf(item_status_now, sizeof(item_status_now), "%s",
		         sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (o->event) {
		/* the observation is of the item's teacher and skill: evidence in the trail */
		int same = 0;

		rc = mms_prepare(db, &st,
		                 "SELECT e.teacher_id = o.teacher_id AND e.skill_id = i.skill_id "
		                 "FROM teacher_event e, iop_item i JOIN iop o ON o.id = i.iop_id "
		                 "WHERE e.id = ?1 AND i.id = ?2");
		if (rc != MMS_OK)
			goto end;
		sqlite3_bind_int64(st, 1, o->event);
		sqlite3_bind_int64(st, 2, o->item);
		if (sqlite3_step(st) == SQLITE_ROW)
			same = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (!same) {
			rc = mms_fail(db, MMS_EUSAGE,
			              _("the observation is not of item %lld's teacher and skill"),
			              (long long)o->item);
			goto end;
		}
	}
	if (earlier_open && !o->force) {
		rc = mms_fail(
		    db, MMS_EUSAGE,
		    _("step %d comes after steps not done yet (%d of them): do them first, "
		      "or --force"),
		    k, earlier_open);
		goto end;
	}
	if (!strcmp(item_status_now, "dropped") || !strcmp(item_status_now, "done")) {
		rc = mms_fail(db, MMS_EDATA, _("item %lld is %s: its steps are closed"),
		              (long long)o->item, item_status_now);
		goto end;
	}
	rc = mms_prepare(db, &st,
	                 "UPDATE iop_step SET done = ?3, note = coalesce(?4, note), "
	                 "event_id = coalesce(?5, event_id) WHERE item_id = ?1 AND step = ?2");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, o->item);
	sqlite3_bind_int(st, 2, k);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, o->note, -1, SQLITE_STATIC);
	if (o->event)
		sqlite3_bind_int64(st, 5, o->event);
	else
		sqlite3_bind_null(st, 5);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	if (rc != MMS_OK)
		goto end;
	/* the first step starts the item; the last (коррекция ИОП) ends it */
	if (!strcmp(item_status_now, "planned")) {
		rc = item_status(db, o->item, "in-progress", day, _("its first step done"));
		if (status)
			*status = "in-progress";
	}
	if (rc == MMS_OK) {
		rc = mms_prepare(
		    db, &st, "SELECT count(*) FROM iop_step WHERE item_id = ?1 AND done IS NULL");
		if (rc == MMS_OK) {
			sqlite3_bind_int64(st, 1, o->item);
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0) {
				sqlite3_finalize(st);
				st = NULL;
				rc = item_status(
				    db, o->item, "done", day,
				    _("its 12 steps done: the programme is corrected for "
				      "the next need"));
				if (status)
					*status = "done";
			}
			sqlite3_finalize(st);
		}
	}
end:
	return mms_tx_end(db, rc);
}

int mms_iop_mentor_items(mms_db *db, int (*fn)(void *ctx, const mms_iop_mentor_item *it), void *ctx)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(
	    db, &st,
	    "SELECT i.id, t.full_name, s.code, sk.code, r.title, i.status, o.year, "
	    "(SELECT count(*) FROM iop_step p WHERE p.item_id = i.id AND p.done IS NOT NULL) "
	    "FROM iop_item i JOIN iop o ON o.id = i.iop_id JOIN teacher t ON t.id = o.teacher_id "
	    "JOIN school s ON s.id = t.school_id JOIN skill sk ON sk.id = i.skill_id "
	    "JOIN resource r ON r.id = i.resource_id AND r.kind = 'mentor' "
	    "ORDER BY o.year DESC, t.name_key, sk.code, i.id");

	if (rc != MMS_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_iop_mentor_item it = {
		    .item = sqlite3_column_int64(st, 0),
		    .teacher = (const char *)sqlite3_column_text(st, 1),
		    .school = (const char *)sqlite3_column_text(st, 2),
		    .skill = (const char *)sqlite3_column_text(st, 3),
		    .mentor = (const char *)sqlite3_column_text(st, 4),
		    .status = (const char *)sqlite3_column_text(st, 5),
		    .year = (const char *)sqlite3_column_text(st, 6),
		    .done = sqlite3_column_int(st, 7),
		};

		if (fn(ctx, &it) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MMS_OK : mms_fail_sql(db, N_("reading the mentors' items"));
}
