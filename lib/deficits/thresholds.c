#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "mms/deficits.h"

int mms_thresholds_get(mms_db *db, int version, mms_thresholds *out)
{
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(db, &st,
	                 "SELECT id, created, note, basic_sufficient, basic_insufficient, "
	                 "higher_sufficient, higher_insufficient, min_n FROM threshold_version "
	                 "WHERE ?1 = 0 OR id = ?1 ORDER BY id DESC LIMIT 1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int(st, 1, version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->version = sqlite3_column_int(st, 0);
		snprintf(out->created, sizeof(out->created), "%s",
		         (const char *)sqlite3_column_text(st, 1));
		snprintf(out->note, sizeof(out->note), "%s",
		         (const char *)sqlite3_column_text(st, 2));
		out->basic_sufficient = sqlite3_column_double(st, 3);
		out->basic_insufficient = sqlite3_column_double(st, 4);
		out->higher_sufficient = sqlite3_column_double(st, 5);
		out->higher_insufficient = sqlite3_column_double(st, 6);
		out->min_n = sqlite3_column_int(st, 7);
		rc = MMS_OK;
	} else if (rc == SQLITE_DONE) {
		rc = version ? mms_fail(db, MMS_ENOTFOUND, _("there is no thresholds version %d"),
		                        version)
		             : mms_fail(db, MMS_ENOTFOUND, _("there are no thresholds"));
	} else {
		rc = mms_fail_sql(db, "reading the thresholds");
	}
	sqlite3_finalize(st);
	return rc;
}

static int valid_pair(double sufficient, double insufficient)
{
	return insufficient > 0 && insufficient <= sufficient && sufficient <= 1;
}

int mms_thresholds_add(mms_db *db, const mms_thresholds *t, int *version)
{
	sqlite3_stmt *st;
	int rc;

	if (!valid_pair(t->basic_sufficient, t->basic_insufficient))
		return mms_fail(
		    db, MMS_EUSAGE,
		    _("the thresholds of level 'Б' must be 0 < insufficient ≤ sufficient "
		      "≤ 100 %%"));
	if (!valid_pair(t->higher_sufficient, t->higher_insufficient))
		return mms_fail(db, MMS_EUSAGE,
		                _("the thresholds of levels 'П' and 'В' must be 0 < insufficient ≤ "
		                  "sufficient ≤ 100 %%"));
	if (t->min_n < 1)
		return mms_fail(db, MMS_EUSAGE, _("the minimum group size must be at least 1"));
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc =
	    mms_prepare(db, &st,
	                "INSERT INTO threshold_version(note, basic_sufficient, basic_insufficient, "
	                "higher_sufficient, higher_insufficient, min_n) "
	                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (rc != MMS_OK) {
		mms_tx_rollback(db);
		return rc;
	}
	sqlite3_bind_text(st, 1, t->note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(st, 2, t->basic_sufficient);
	sqlite3_bind_double(st, 3, t->basic_insufficient);
	sqlite3_bind_double(st, 4, t->higher_sufficient);
	sqlite3_bind_double(st, 5, t->higher_insufficient);
	sqlite3_bind_int(st, 6, t->min_n);
	rc = mms_step_done(db, st);
	sqlite3_finalize(st);
	if (rc != MMS_OK) {
		mms_tx_rollback(db);
		return rc;
	}
	if (version)
		*version = (int)sqlite3_last_insert_rowid(db->sql);
	return mms_tx_commit(db);
}
