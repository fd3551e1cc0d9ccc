/* The service's plan of events (mms/service.h). */
#include <string.h>

#include "internal.h"
#include "iop/iop_internal.h"
#include "mms/service.h"
#include "mms/teachers.h"
#include "mms/words.h"
#include "roster/refs.h"
#include "spec/spec_internal.h"
#include "teachers/teachers_internal.h"
#include "text.h"

static int64_t skill_of(mms_db *db, const char *code, const char *subject, int *rc)
{
	sqlite3_stmt *st;
	int64_t subject_id = 0, id = 0;

	*rc = MMS_OK;
	if (subject && (*rc = mms_subject_find(db, subject, &subject_id, NULL)) != MMS_OK)
		return 0;
	*rc = mms_prepare(db, &st,
	                  "SELECT id FROM skill WHERE code = ?1 AND (?2 = 0 OR subject_id = ?2) "
	                  "ORDER BY id LIMIT 1");
	if (*rc != MMS_OK)
		return 0;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, subject_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!id)
		*rc = mms_fail(db, MMS_ENOTFOUND, _("no skill '%s'%s%s (mms list skills)"), code,
		               subject ? _(" in ") : "", subject ? subject : "");
	return id;
}

int mms_event_add(mms_db *db, const mms_event_new *e, int64_t *id)
{
	const char *kind = e->kind ? mms_word_code(MMS_WORDS_EVENT, e->kind) : NULL;
	int64_t school = 0, skill = 0;
	char date[11];
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (!kind)
		return mms_fail(db, MMS_EUSAGE, _("unknown kind of event '%s' (use %s)"),
		                e->kind ? e->kind : "", mms_word_codes(MMS_WORDS_EVENT));
	if (!e->title || !e->title[0])
		return mms_fail(db, MMS_EUSAGE, _("an event needs its title"));
	if (!e->date || mms_date_parse(e->date, date) != 0)
		return mms_fail(db, MMS_EUSAGE, _("'%s' is not a date YYYY-MM-DD or ДД.ММ.ГГГГ"),
		                e->date ? e->date : "");
	if (!strcmp(kind, "publication") && (!e->address || !e->address[0]))
		return mms_fail(db, MMS_EUSAGE, _("a publication needs its address (--address)"));
	{
		const char *texts[] = {e->title, e->address, e->note};

		for (int i = 0; i < 3; i++)
			if (texts[i] && mms_text_control(texts[i], i == 2))
				return mms_fail(
				    db, MMS_EUSAGE,
				    _("the text holds an invisible control character U+%04X: "
				      "refused"),
				    mms_text_control(texts[i], i == 2));
	}
	if ((rc = mms_tx_begin(db)) != MMS_OK)
		return rc;
	if (e->school && (rc = mms_school_by_code(db, e->school, &school)) != MMS_OK)
		goto fail;
	if (e->skill && !(skill = skill_of(db, e->skill, e->subject, &rc)))
		goto fail;
	if (e->item) {
		int found;

		if ((rc = mms_prepare(db, &st, "SELECT 1 FROM iop_item WHERE id = ?1")) != MMS_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, e->item);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (!found) {
			rc = mms_fail(db, MMS_ENOTFOUND,
			              _("no programme item %lld (mms iop steps lists them)"),
			              (long long)e->item);
			goto fail;
		}
	}
	rc = mms_prepare(db, &st,
	                 "INSERT INTO event(kind, title, date, done, level, school_id, address, "
	                 "skill_id, note, item_id) VALUES (?1, ?2, ?3, iif(?4, ?3, NULL), "
	                 "iif(?5 = 0, 'district', 'school'), nullif(?5, 0), ?6, nullif(?7, 0), ?8, "
	                 "nullif(?9, 0))");
	if (rc != MMS_OK)
		goto fail;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, e->done);
	sqlite3_bind_int64(st, 5, school);
	sqlite3_bind_text(st, 6, e->address, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, skill);
	sqlite3_bind_text(st, 8, e->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, e->item);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	if (rc != MMS_OK)
		goto fail;
	*id = sqlite3_last_insert_rowid(db->sql);
	rc = mms_prepare(
	    db, &st, "INSERT OR IGNORE INTO event_teacher(event_id, teacher_id) VALUES (?1, ?2)");
	if (rc != MMS_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, *id);
	for (int i = 0; rc == MMS_OK && i < e->nteachers; i++) {
		int64_t t;

		rc = mms_teacher_find(db, e->teachers[i], e->school, &t);
		if (rc == MMS_OK) {
			sqlite3_bind_int64(st, 2, t);
			rc = mms_step_done(db, st);
		}
	}
	sqlite3_finalize(st);
	if (rc != MMS_OK)
		goto fail;
	return mms_tx_commit(db);
fail:
	*id = 0;
	mms_tx_rollback(db);
	return rc;
}

int mms_event_done(mms_db *db, int64_t id, const char *date)
{
	char day[11];
	sqlite3_stmt *st;
	int rc, found = 0, done = 0;

	if ((rc = mms_iop_today(db, date, day)) != MMS_OK)
		return rc;
	if ((rc = mms_tx_begin(db)) != MMS_OK)
		return rc;
	rc = mms_prepare(db, &st, "SELECT done IS NOT NULL FROM event WHERE id = ?1");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		done = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	if (!found || done) {
		rc = !found
		         ? mms_fail(db, MMS_ENOTFOUND, _("no event %lld (mms event list)"),
		                    (long long)id)
		         : mms_fail(db, MMS_EDATA, _("event %lld is done already"), (long long)id);
		goto end;
	}
	rc = mms_prepare(db, &st, "UPDATE event SET done = ?2 WHERE id = ?1");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
end:
	return mms_tx_end(db, rc);
}

int mms_event_list(mms_db *db, const char *kind, const char *school,
                   int (*fn)(void *ctx, const mms_event_row *e), void *ctx)
{
	const char *code = kind ? mms_word_code(MMS_WORDS_EVENT, kind) : NULL;
	sqlite3_stmt *st;
	int rc;

	if (kind && !code)
		return mms_fail(db, MMS_EUSAGE, _("unknown kind of event '%s' (use %s)"), kind,
		                mms_word_codes(MMS_WORDS_EVENT));
	rc = mms_prepare(
	    db, &st,
	    "SELECT e.id, e.kind, e.title, e.date, e.done, e.level, s.code, s.name, e.address, "
	    "k.code, e.note, (SELECT group_concat(full_name, '; ') FROM (SELECT t.full_name "
	    "  FROM event_teacher et JOIN teacher t ON t.id = et.teacher_id "
	    "  WHERE et.event_id = e.id ORDER BY t.name_key)), "
	    "(SELECT count(*) FROM event_teacher WHERE event_id = e.id), coalesce(e.item_id, 0) "
	    "FROM event e LEFT JOIN school s ON s.id = e.school_id LEFT JOIN skill k "
	    "ON k.id = e.skill_id WHERE (?1 IS NULL OR e.kind = ?1) AND (?2 IS NULL OR "
	    "e.school_id = (SELECT school_id FROM school_code WHERE code = ?2)) "
	    "ORDER BY e.date, e.id");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, school, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_event_row r = {
		    .id = sqlite3_column_int64(st, 0),
		    .kind = (const char *)sqlite3_column_text(st, 1),
		    .title = (const char *)sqlite3_column_text(st, 2),
		    .date = (const char *)sqlite3_column_text(st, 3),
		    .done = (const char *)sqlite3_column_text(st, 4),
		    .level = (const char *)sqlite3_column_text(st, 5),
		    .school = (const char *)sqlite3_column_text(st, 6),
		    .school_name = (const char *)sqlite3_column_text(st, 7),
		    .address = (const char *)sqlite3_column_text(st, 8),
		    .skill = (const char *)sqlite3_column_text(st, 9),
		    .note = (const char *)sqlite3_column_text(st, 10),
		    .teachers = (const char *)sqlite3_column_text(st, 11),
		    .nteachers = sqlite3_column_int64(st, 12),
		    .item = sqlite3_column_int64(st, 13),
		};

		if (fn(ctx, &r) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MMS_OK : mms_fail_sql(db, N_("reading the events"));
}
