/* Observations and interviews: the status machine of a (teacher, skill). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "text.h"
#include "mms/teachers.h"
#include "spec/spec_internal.h"
#include "teachers/teachers_internal.h"

/* The skill of CODE among the teacher's hypotheses, in SUBJECT (a name; NULL: any). */
static int skill_of(mms_db *db, int64_t teacher, const char *code, const char *subject,
                    int64_t *skill)
{
	char *name;
	int rc =
	    mms_skill_pick(db,
	                   /* in a subject, the code's skill of the latest assessment
	                      (codes repeat across code systems: grade 5's 1, grade 6's 1) */
	                   "SELECT DISTINCT h.skill_id, j.name FROM hypothesis h JOIN skill k "
	                   "ON k.id = h.skill_id JOIN subject j ON j.id = k.subject_id "
	                   "WHERE h.teacher_id = ?1 AND k.code = ?2 AND (?3 = 0 OR j.id = ?3) "
	                   "AND h.id = (SELECT h2.id FROM hypothesis h2 JOIN skill k2 "
	                   "ON k2.id = h2.skill_id JOIN assessment a2 ON a2.id = h2.assessment_id "
	                   "WHERE h2.teacher_id = h.teacher_id AND k2.code = k.code "
	                   "AND k2.subject_id = k.subject_id "
	                   "ORDER BY a2.date DESC, a2.id DESC, h2.id DESC LIMIT 1) "
	                   /* a difficulty the teacher named (самодиагностика) */
	                   "UNION SELECT d.skill_id, j.name FROM self_diagnosis d JOIN skill k "
	                   "ON k.id = d.skill_id JOIN subject j ON j.id = k.subject_id "
	                   "WHERE d.teacher_id = ?1 AND k.code = ?2 AND (?3 = 0 OR j.id = ?3) "
	                   "AND d.difficulty = 1 "
	                   "ORDER BY 2, 1",
	                   teacher, code, subject, skill, &name);

	if (rc == 1 && name)
		rc = mms_fail(db, MMS_EDATA,
		              _("the teacher has no hypothesis on skill '%s' of subject '%s' (see "
		                "mms map-to-teacher)"),
		              code, name);
	else if (rc == 1)
		rc = mms_fail(db, MMS_EDATA,
		              _("the teacher has no hypothesis on skill '%s' (see mms "
		                "map-to-teacher)"),
		              code);
	free(name);
	return rc;
}

static int status_of(mms_db *db, int64_t teacher, int64_t skill, char *status, size_t size)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st,
	                     "SELECT status FROM teacher_skill_status WHERE teacher_id = ?1 "
	                     "AND skill_id = ?2");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, teacher);
	sqlite3_bind_int64(st, 2, skill);
	snprintf(status, size, "hypothesis");
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(status, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return MMS_OK;
}

/* An interview follows the observation it discusses: not dated before it. */
static int after_observation(mms_db *db, const mms_event *ev, int64_t skill, const char *date)
{
	sqlite3_stmt *st;
	int rc =
	    mms_prepare(db, &st,
	                "SELECT date FROM teacher_event WHERE teacher_id = ?1 AND skill_id = ?2 "
	                "AND kind = 'observation' ORDER BY id DESC LIMIT 1");

	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, ev->teacher);
	sqlite3_bind_int64(st, 2, skill);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
	    strcmp((const char *)sqlite3_column_text(st, 0), date) > 0)
		rc = mms_fail(
		    db, MMS_EDATA,
		    _("the interview (%s) would be before the observation it follows (%s): "
		      "give its date with --date"),
		    date, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc;
}

int mms_teacher_event_add(mms_db *db, const mms_event *ev, const char **status)
{
	char date[11];
	static const char *const outcomes[] = {"confirm", "reject", "accept", "decline"};
	static const char *const results[] = {"confirmed", "rejected", "need", "declined"};
	sqlite3_stmt *st;
	char now[32];
	int64_t skill = 0;
	int rc;

	mms_diag_clear(db);
	if ((ev->kind == MMS_OBSERVATION) !=
	    (ev->outcome == MMS_CONFIRM || ev->outcome == MMS_REJECT))
		return mms_fail(db, MMS_EUSAGE,
		                _("an observation confirms or rejects, an "
		                  "interview accepts or declines"));
	if (ev->priority && ev->outcome != MMS_ACCEPT)
		return mms_fail(db, MMS_EUSAGE, _("a priority is given to an accepted need only"));
	if (ev->priority < 0 || ev->priority > 5)
		return mms_fail(db, MMS_EUSAGE, _("priority %d is not from 1 to 5"), ev->priority);
	/* a note or a name that could drive a terminal, or reorder the text, is refused */
	if (ev->note && mms_text_control(ev->note, 1))
		return mms_fail(db, MMS_EUSAGE,
		                _("the note holds an invisible control character U+%04X: refused"),
		                mms_text_control(ev->note, 1));
	if (ev->who && mms_text_control(ev->who, 0))
		return mms_fail(db, MMS_EUSAGE,
		                _("the name holds an invisible control character U+%04X: refused"),
		                mms_text_control(ev->who, 0));
	if (ev->date && mms_date_parse(ev->date, date) != 0)
		return mms_fail(db, MMS_EUSAGE,
		                _("date '%s' is not a date YYYY-MM-DD or ДД.ММ.ГГГГ"), ev->date);
	/* today is the district's day, not UTC's: 01:07 in Krasnoyarsk is already tomorrow */
	if (!ev->date) {
		time_t t = time(NULL);
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	}
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = skill_of(db, ev->teacher, ev->skill, ev->subject, &skill);
	if (rc == MMS_OK)
		rc = status_of(db, ev->teacher, skill, now, sizeof(now));
	if (rc != MMS_OK)
		goto end;
	if (ev->kind == MMS_OBSERVATION && !ev->programme &&
	    (strcmp(now, "need") == 0 || strcmp(now, "declined") == 0)) {
		rc =
		    mms_fail(db, MMS_EDATA,
		             _("skill '%s' has been discussed in an interview (%s): an observation "
		               "can no longer change it; record a new interview instead"),
		             ev->skill, now);
		goto end;
	}
	if (ev->kind == MMS_INTERVIEW && (rc = after_observation(db, ev, skill, date)) != MMS_OK)
		goto end;
	if (ev->kind == MMS_INTERVIEW &&
	    (strcmp(now, "hypothesis") == 0 || strcmp(now, "rejected") == 0)) {
		rc = mms_fail(db, MMS_EDATA,
		              _("skill '%s' is a %s, not a deficit confirmed by a lesson "
		                "observation: observe first (mms observe --confirm)"),
		              ev->skill,
		              strcmp(now, "rejected") == 0 ? _("rejected hypothesis")
		                                           : _("hypothesis"));
		goto end;
	}
	rc = mms_prepare(db, &st,
	                 "INSERT INTO teacher_event(teacher_id, skill_id, kind, outcome, priority, "
	                 "who, date, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	                 "?7, ?8)");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, ev->teacher);
	sqlite3_bind_int64(st, 2, skill);
	sqlite3_bind_text(st, 3, ev->kind == MMS_OBSERVATION ? "observation" : "interview", -1,
	                  SQLITE_STATIC);
	sqlite3_bind_text(st, 4, outcomes[ev->outcome], -1, SQLITE_STATIC);
	if (ev->outcome == MMS_ACCEPT)
		sqlite3_bind_int(st, 5, ev->priority ? ev->priority : MMS_PRIORITY_DEFAULT);
	else
		sqlite3_bind_null(st, 5);
	if (ev->who)
		sqlite3_bind_text(st, 6, ev->who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, date, -1, SQLITE_STATIC);
	if (ev->note)
		sqlite3_bind_text(st, 8, ev->note, -1, SQLITE_STATIC);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	if (rc == MMS_OK && ev->recorded)
		*ev->recorded = sqlite3_last_insert_rowid(db->sql);
	if (rc == MMS_OK && status)
		*status = results[ev->outcome];
end:
	return mms_tx_end(db, rc);
}
