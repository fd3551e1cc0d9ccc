/*
 * Tools for the keepers of a database: checking it, copying it while others
 * write to it, and listing what was imported and computed.
 */
#ifndef MMS_KEEP_H
#define MMS_KEEP_H

#include "mms/mms.h"

/* How many findings one check reports; the rest are counted in one more. */
#define MMS_CHECK_MAX 100

/*
 * Called for each finding: CHECK names the check ("integrity", "foreign_key",
 * "schema_version", "scores_length", "scores_absent", "score_max",
 * "participant_id", "participant_class", "teaching_school", "pseudonym_secret",
 * "school_code", "run_thresholds"), MESSAGE says
 * what is wrong (borrowed until the call returns).
 */
typedef void (*mms_check_fn)(void *ctx, const char *check, const char *message);

/*
 * Runs SQLite's integrity_check and foreign_key_check and the invariants of
 * the schema, calling FN for each finding; *FINDINGS (may be NULL) is their
 * number, 0 when all is well.  A database too damaged to read is a finding
 * too; the return value is an error only when the checks could not run.
 */
int mms_check(mms_db *db, mms_check_fn fn, void *ctx, long *findings);

/* The checks mms_check() runs, in order (for a summary). */
int mms_check_count(void);

enum mms_backup_flags {
	MMS_BACKUP_FORCE = 1 << 0 /* replace FILE if it exists */
};

/*
 * Copies the database to FILE with SQLite's online backup API: one consistent
 * snapshot, copied in chunks while others go on writing, into FILE.tmp, which
 * is then synced and renamed to FILE.  An existing FILE is MMS_EUSAGE unless
 * MMS_BACKUP_FORCE; FILE being the database itself always is.  A failed
 * write is MMS_EIO, and leaves no FILE.tmp behind.  *PAGES (may be NULL) is
 * the number of pages copied.
 */
int mms_db_backup(mms_db *db, const char *file, unsigned flags, long *pages);

/* One entry of the history; strings are borrowed until the callback returns. */
typedef struct mms_log_import {
	long long id;
	const char *at;         /* UTC, 2026-04-15T02:30:00Z */
	const char *command;    /* import-results, import-roster… */
	const char *file;       /* as given on the command line */
	const char *sha256;     /* of the file's content, hex */
	const char *assessment; /* its ID, or NULL */
	long rows, students, absent, scores, inserted, replaced, unchanged;
	const char *note; /* what a migration did (command "migrate"), or NULL */
} mms_log_import;

/*
 * Records in the history a command that changed the database: COMMAND with
 * its arguments (ARGV[0] the command's name) as the note; with FILES, one
 * line per argument that is a regular file, with the SHA-256 of its content
 * (an import).  Called inside the command's transaction.
 */
int mms_log_command(mms_db *db, const char *command, int argc, char *const argv[], int files);
/* Rows changed by this connection so far (to tell whether a command wrote). */
long long mms_db_total_changes(mms_db *db);

typedef struct mms_log_run {
	long long id;
	const char *at;
	const char *assessment;
	long long threshold_version;
} mms_log_run;

/*
 * The import history, newest first, at most LIMIT entries (0: all); FN's
 * non-zero return stops the listing and is returned.
 */
int mms_log_imports(mms_db *db, long limit, int (*fn)(void *ctx, const mms_log_import *e),
                    void *ctx);
/* The classification runs, newest first (none if the schema has no runs). */
int mms_log_runs(mms_db *db, long limit, int (*fn)(void *ctx, const mms_log_run *e), void *ctx);

#endif
