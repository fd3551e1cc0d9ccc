/*
 * mms_check(): SQLite's own checks, then the invariants the schema cannot
 * state — the packed scores' shape and bounds, one school per teaching row,
 * the pseudonyms' secret, every school found by its own code, classification
 * runs that name a thresholds version.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mms/keep.h"
#include "results/packed.h"

struct checker {
	mms_db *db;
	mms_check_fn fn;
	void *ctx;
	long findings;
	const char *check; /* the check running */
	long in_check;     /* its findings so far */
};

static void finding(struct checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void finding(struct checker *c, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	c->findings++;
	if (++c->in_check > MMS_CHECK_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->fn)
		c->fn(c->ctx, c->check, msg);
}

static void begin(struct checker *c, const char *check)
{
	c->check = check;
	c->in_check = 0;
}

static void end(struct checker *c)
{
	char msg[128];

	if (c->in_check > MMS_CHECK_MAX && c->fn) {
		snprintf(msg, sizeof(msg), _("… and %ld more"), c->in_check - MMS_CHECK_MAX);
		c->fn(c->ctx, c->check, msg);
	}
}

static const char *text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? (const char *)s : "NULL";
}

/*
 * Runs a query whose every row is a finding, formatted by ROW.  A damaged
 * database (SQLITE_CORRUPT, SQLITE_NOTADB) is a finding; *DAMAGED is set.
 */
static int each_row(struct checker *c, const char *sql,
                    void (*row)(struct checker *c, sqlite3_stmt *st), int *damaged)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(c->db->sql, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			row(c, st);
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return MMS_OK;
	}
	rc = sqlite3_errcode(c->db->sql) & 0xff;
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
		finding(c, _("the database cannot be read: %s"),
		        mms_sqlite_text(rc, sqlite3_errmsg(c->db->sql)));
		*damaged = 1;
		return MMS_OK;
	}
	return mms_fail_sql(c->db, "checking the database");
}

static void row_integrity(struct checker *c, sqlite3_stmt *st)
{
	const char *s = text(st, 0);

	if (strcmp(s, "ok") != 0)
		finding(c, "%s", s);
}

static void row_foreign_key(struct checker *c, sqlite3_stmt *st)
{
	/* table, rowid, parent, fkid */
	if (sqlite3_column_type(st, 1) == SQLITE_NULL)
		finding(c, _("a row of '%s' refers to a missing row of '%s'"), text(st, 0),
		        text(st, 2));
	else
		finding(c, _("row %lld of '%s' refers to a missing row of '%s'"),
		        (long long)sqlite3_column_int64(st, 1), text(st, 0), text(st, 2));
}

static void row_scores_length(struct checker *c, sqlite3_stmt *st)
{
	finding(c,
	        _("participant '%s' of school '%s' on '%s': the scores take %lld bytes, "
	          "the assessment's tasks at most %lld"),
	        text(st, 0), text(st, 1), text(st, 2), (long long)sqlite3_column_int64(st, 3),
	        (long long)sqlite3_column_int64(st, 4));
}

static void row_scores_absent(struct checker *c, sqlite3_stmt *st)
{
	if (sqlite3_column_int(st, 3))
		finding(c, _("participant '%s' of school '%s' on '%s' is absent but has scores"),
		        text(st, 0), text(st, 1), text(st, 2));
	else
		finding(c,
		        _("participant '%s' of school '%s' on '%s' is present but has no scores"),
		        text(st, 0), text(st, 1), text(st, 2));
}

static void row_participant_id(struct checker *c, sqlite3_stmt *st)
{
	finding(c,
	        sqlite3_column_int(st, 4)
	            ? _("participant '%s' of school '%s' on '%s' has id %lld, as another has")
	            : _("participant '%s' of school '%s' on '%s' has id %lld, beyond the last "
	                "given (participant_seq): an import would give it again"),
	        text(st, 0), text(st, 1), text(st, 2), (long long)sqlite3_column_int64(st, 3));
}

static void row_participant_class(struct checker *c, sqlite3_stmt *st)
{
	finding(c, _("participant '%s' of school '%s' on '%s' is in class '%s' of school '%s'"),
	        text(st, 0), text(st, 1), text(st, 2), text(st, 3), text(st, 4));
}

static void row_teaching(struct checker *c, sqlite3_stmt *st)
{
	finding(c, _("teacher %lld of school '%s' teaches class '%s' of school '%s'"),
	        (long long)sqlite3_column_int64(st, 0), text(st, 1), text(st, 2), text(st, 3));
}

static void row_run(struct checker *c, sqlite3_stmt *st)
{
	finding(c,
	        _("classification run %lld refers to thresholds version %lld, which does not "
	          "exist"),
	        (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1));
}

static void row_secret(struct checker *c, sqlite3_stmt *st)
{
	(void)st;
	finding(c, _("the secret for the pseudonyms of protocols' participants is missing: the "
	             "same student can no longer be recognised (restore a backup)"));
}

static void row_school_code(struct checker *c, sqlite3_stmt *st)
{
	finding(c, _("school '%s' is not found by its own code"), text(st, 0));
}

static int has_table(mms_db *db, const char *name)
{
	sqlite3_stmt *st;
	int found = 0;

	if (sqlite3_prepare_v2(db->sql,
	                       "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", -1,
	                       &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

struct task_max {
	int slot;
	long max_centi;
	char *label;
};

/* No score above its task's maximum: decodes every participant's scores. */
static int check_score_max(struct checker *c, int *damaged)
{
	sqlite3_stmt *as = NULL, *ts = NULL, *ps = NULL;
	struct task_max *tasks = NULL;
	size_t ntasks = 0, cap = 0;
	int rc;

	rc = mms_prepare(c->db, &as, "SELECT id, code FROM assessment ORDER BY id");
	if (rc == MMS_OK)
		rc = mms_prepare(c->db, &ts,
		                 "SELECT slot, max_score, label FROM task WHERE assessment_id = ?");
	if (rc == MMS_OK)
		rc = mms_prepare(
		    c->db, &ps,
		    "SELECT p.code, s.code, p.scores FROM participant p"
		    " JOIN school s ON s.id = p.school_id"
		    " WHERE p.assessment_id = ? AND p.scores IS NOT NULL ORDER BY p.id");
	while (rc == MMS_OK && (rc = sqlite3_step(as)) == SQLITE_ROW) {
		sqlite3_int64 aid = sqlite3_column_int64(as, 0);

		for (size_t i = 0; i < ntasks; i++)
			free(tasks[i].label);
		ntasks = 0;
		sqlite3_bind_int64(ts, 1, aid);
		while ((rc = sqlite3_step(ts)) == SQLITE_ROW) {
			if (ntasks == cap) {
				size_t ncap = cap ? 2 * cap : 32;
				struct task_max *grown = realloc(tasks, ncap * sizeof(*grown));

				if (!grown) {
					rc = SQLITE_NOMEM;
					break;
				}
				tasks = grown;
				cap = ncap;
			}
			tasks[ntasks].slot = sqlite3_column_int(ts, 0);
			tasks[ntasks].max_centi = lround(sqlite3_column_double(ts, 1) * 100);
			tasks[ntasks].label = strdup(text(ts, 2));
			if (!tasks[ntasks].label) {
				rc = SQLITE_NOMEM;
				break;
			}
			ntasks++;
		}
		sqlite3_reset(ts);
		if (rc == SQLITE_NOMEM) {
			rc = mms_oom(c->db);
			break;
		}
		if (rc != SQLITE_DONE)
			break;
		sqlite3_bind_int64(ps, 1, aid);
		while ((rc = sqlite3_step(ps)) == SQLITE_ROW) {
			const void *blob = sqlite3_column_blob(ps, 2);
			int len = sqlite3_column_bytes(ps, 2);

			for (size_t i = 0; i < ntasks; i++) {
				double score;
				int attempted;

				if (!mms_score_unpack(blob, len, tasks[i].slot, &score, &attempted))
					continue;
				if (lround(score * 100) > tasks[i].max_centi)
					finding(
					    c,
					    _("participant '%s' of school '%s' on '%s': task '%s' "
					      "has %g points, its maximum is %g"),
					    text(ps, 0), text(ps, 1), text(as, 1), tasks[i].label,
					    score, tasks[i].max_centi / 100.0);
			}
		}
		sqlite3_reset(ps);
		if (rc != SQLITE_DONE)
			break;
		rc = MMS_OK;
	}
	if (rc == SQLITE_DONE)
		rc = MMS_OK;
	if (rc != MMS_OK && rc < 0) {
		/* already an MMS_E… code with its message */
	} else if (rc != MMS_OK) {
		int ec = sqlite3_errcode(c->db->sql) & 0xff;

		if (ec == SQLITE_CORRUPT || ec == SQLITE_NOTADB) {
			finding(c, _("the database cannot be read: %s"),
			        mms_sqlite_text(ec, sqlite3_errmsg(c->db->sql)));
			*damaged = 1;
			rc = MMS_OK;
		} else {
			rc = mms_fail_sql(c->db, "checking the scores");
		}
	}
	for (size_t i = 0; i < ntasks; i++)
		free(tasks[i].label);
	free(tasks);
	sqlite3_finalize(as);
	sqlite3_finalize(ts);
	sqlite3_finalize(ps);
	return rc;
}

#define PARTICIPANT_COLUMNS "p.code, s.code, a.code"
#define PARTICIPANT_JOIN                                                                           \
	" FROM participant p JOIN school s ON s.id = p.school_id"                                  \
	" JOIN assessment a ON a.id = p.assessment_id"

/* The most bytes a participant's scores may take: the narrow layout is odd in length, the
   wide one even (results/packed.h); m.top is the assessment's highest slot. */
#define SCORES_MOST                                                                                \
	"CASE length(p.scores) % 2 WHEN 1 THEN (coalesce(m.top, -1) + 1) | 1"                      \
	" ELSE 2 * (coalesce(m.top, -1) + 1) END"

static const struct {
	const char *check;
	const char *sql; /* NULL: done in C */
	void (*row)(struct checker *c, sqlite3_stmt *st);
	const char *needs; /* a table the check needs, or NULL */
} checks[] = {
    {"integrity", "PRAGMA integrity_check", row_integrity, NULL},
    {"foreign_key", "PRAGMA foreign_key_check", row_foreign_key, NULL},
    {"schema_version", NULL, NULL, NULL},
    {"scores_length",
     "SELECT " PARTICIPANT_COLUMNS ", length(p.scores), " SCORES_MOST PARTICIPANT_JOIN
     " LEFT JOIN (SELECT assessment_id, max(slot) AS top FROM task GROUP BY assessment_id) m"
     "   ON m.assessment_id = p.assessment_id"
     " WHERE p.scores IS NOT NULL AND length(p.scores) > " SCORES_MOST " ORDER BY p.id",
     row_scores_length, NULL},
    {"scores_absent",
     "SELECT " PARTICIPANT_COLUMNS ", p.absent" PARTICIPANT_JOIN
     " WHERE (p.scores IS NULL) <> (p.absent = 1) ORDER BY p.id",
     row_scores_absent, NULL},
    {"score_max", NULL, NULL, NULL},
    /* the import numbers new participants from participant_seq; nothing else keeps ids apart */
    {"participant_id",
     "WITH twice(id) AS (SELECT id FROM participant GROUP BY id HAVING count(*) > 1)"
     " SELECT " PARTICIPANT_COLUMNS ", p.id, p.id IN twice" PARTICIPANT_JOIN
     " WHERE p.id IN twice OR p.id > (SELECT last FROM participant_seq)"
     " ORDER BY p.id, s.code, p.code",
     row_participant_id, "participant_seq"},
    {"participant_class",
     "SELECT " PARTICIPANT_COLUMNS ", c.label, cs.code" PARTICIPANT_JOIN
     " JOIN class c ON c.id = p.class_id JOIN school cs ON cs.id = c.school_id"
     " WHERE c.school_id <> p.school_id ORDER BY p.id",
     row_participant_class, NULL},
    {"teaching_school",
     "SELECT t.id, ts.code, c.label, cs.code FROM teaching g"
     " JOIN teacher t ON t.id = g.teacher_id JOIN school ts ON ts.id = t.school_id"
     " JOIN class c ON c.id = g.class_id JOIN school cs ON cs.id = c.school_id"
     " WHERE t.school_id <> c.school_id ORDER BY t.id, c.id",
     row_teaching, NULL},
    {"pseudonym_secret",
     "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM secret WHERE name = 'participant_key'"
     "  AND length(value) >= 32)",
     row_secret, "secret"},
    {"school_code",
     "SELECT s.code FROM school s LEFT JOIN school_code k ON k.code = s.code"
     "  AND k.school_id = s.id WHERE k.code IS NULL ORDER BY s.id",
     row_school_code, "school_code"},
    {"run_thresholds",
     "SELECT r.id, r.threshold_version FROM deficit_run r"
     " LEFT JOIN threshold_version v ON v.id = r.threshold_version"
     " WHERE v.id IS NULL ORDER BY r.id",
     row_run, "deficit_run"},
};

int mms_check_count(void)
{
	return (int)(sizeof(checks) / sizeof(checks[0]));
}

int mms_check(mms_db *db, mms_check_fn fn, void *ctx, long *findings)
{
	struct checker c = {.db = db, .fn = fn, .ctx = ctx};
	int damaged = 0, rc = MMS_OK;

	/* One read transaction: every check sees the same snapshot. */
	if (sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return mms_fail_sql(db, "checking the database");
	for (int i = 0; i < mms_check_count() && rc == MMS_OK && !damaged; i++) {
		begin(&c, checks[i].check);
		if (checks[i].needs && !has_table(db, checks[i].needs))
			continue;
		if (checks[i].sql) {
			rc = each_row(&c, checks[i].sql, checks[i].row, &damaged);
		} else if (strcmp(checks[i].check, "schema_version") == 0) {
			int v = mms_db_schema_version(db);

			if (v != mms_schema_latest())
				finding(&c, _("the schema is at version %d, this mms writes %d"), v,
				        mms_schema_latest());
		} else {
			rc = check_score_max(&c, &damaged);
		}
		end(&c);
	}
	sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	if (findings)
		*findings = c.findings;
	return rc;
}
