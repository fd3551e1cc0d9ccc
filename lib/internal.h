/* What the library's modules share and the public headers do not show. */
#ifndef MMS_INTERNAL_H
#define MMS_INTERNAL_H

#include <sqlite3.h>
#include <time.h>
#include <stdarg.h>
#include <libintl.h>

#include "mms/mms.h"

/* Messages the library keeps for the user are translated in the "mms" domain. */
#define _(s) dgettext("mms", s)
#define N_(s) (s)

/* Scores and rates are compared with this slack (they are sums of hundredths). */
#define MMS_EPS 1e-9
/* A number macro as SQL text: "coalesce(priority, " MMS_SQL_NUM(MMS_PRIORITY_DEFAULT) ")". */
#define MMS_SQL_NUM_(x) #x
#define MMS_SQL_NUM(x) MMS_SQL_NUM_(x)

struct mms_db {
	sqlite3 *sql;
	char *path;
	int code;
	char errmsg[1024];
	char **diags;
	size_t ndiag;
	size_t ndropped;
	int migrated;
	int depth;      /* transactions open: 1 the outermost, more are savepoints */
	int committing; /* mms_tx_commit() is committing: the commit hook lets it */
	int readonly;   /* opened read-only: MMS_DB_FILE_READONLY, _DIR_READONLY, or 0 */
	int relaxed;    /* MMS_RELAX_*: what mms_tx_begin_trusted() turned off until its end */
	int busy_ms;    /* how long to wait for another process's lock */
	struct timespec busy_since; /* when the wait for it began */
	/* called before a diagnostic is added (mms_diag(), mms_diag_take()): the
	   import stores the rows it holds first, so that what it says of them
	   comes before what it says of the rows after them */
	void (*before_diag)(void *arg);
	void *before_diag_arg;
};

/* How long a command waits for another's lock, unless $MMS_BUSY_TIMEOUT_MS says. */
#define MMS_BUSY_WAIT_MS 10000

/* Sets the handle's error and returns CODE. */
int mms_fail(mms_db *db, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sets the handle's error from SQLite's state; maps BUSY/LOCKED to MMS_EBUSY. */
int mms_fail_sql(mms_db *db, const char *what);
/* MMS_ENOMEM with its message: out of memory. */
int mms_oom(mms_db *db);
/* MMS_EIO: the database (db->readonly says why) cannot be changed. */
int mms_fail_readonly(mms_db *db);
/* SQLite's message for result code RC in the user's language (MSG, its own, for rare codes). */
const char *mms_sqlite_text(int rc, const char *msg);
/* Adds a diagnostic "FILE:LINE: message" (LINE 0: "FILE: message"). */
void mms_diag(mms_db *db, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Drops the diagnostics FROM .. TO - 1 (those of a probe that did not apply). */
void mms_diag_drop(mms_db *db, size_t from, size_t to);
/*
 * Moves FROM's diagnostics after TO's (those beyond MMS_DIAG_MAX counted as
 * dropped) and, if FROM has an error, the error: what a thread that has no
 * database (a reader ahead) found, said on the database in its place.
 */
void mms_diag_take(mms_db *to, mms_db *from);

/* Transactions: every write is one BEGIN IMMEDIATE … COMMIT. */
int mms_tx_begin(mms_db *db);
/* What a trusted transaction does not check: its rows' foreign keys; their CHECK constraints. */
enum { MMS_RELAX_FK = 1, MMS_RELAX_CHECKS = 2 };
/*
 * mms_tx_begin() for a bulk write whose rows reference only what the same
 * transaction read or inserted (an import, a classification run): SQLite does
 * not check their foreign keys (a fifth of the time), nor, with RELAX's
 * MMS_RELAX_CHECKS, their CHECK constraints (rows whose every checked value
 * is one of the code's own constants: a run's verdicts, levels and kinds).
 * Both are checked again when the transaction ends.  Nested in another
 * transaction it is mms_tx_begin(), and checks everything.
 */
int mms_tx_begin_trusted(mms_db *db, int relax);
int mms_tx_commit(mms_db *db);
void mms_tx_rollback(mms_db *db);
/* Ends the transaction: commits when RC is MMS_OK, else rolls back and returns RC. */
int mms_tx_end(mms_db *db, int rc);
/*
 * A thread that checkpoints DB's write-ahead log when asked
 * (mms_checkpoint_soon(), after a commit), while DB goes on, instead of the
 * commits of DB doing it themselves (lib/db/checkpoint.c); NULL when it
 * cannot start, or DB is in a transaction or read-only: commits then
 * checkpoint as always.  mms_checkpointer_stop() makes the checkpoint still
 * asked for, gives the commits theirs back, and returns how many it made.
 */
typedef struct mms_checkpointer mms_checkpointer;
mms_checkpointer *mms_checkpointer_start(mms_db *db);
void mms_checkpoint_soon(mms_checkpointer *c);
long mms_checkpointer_stop(mms_checkpointer *c);

/* Runs SQL with no result rows. */
int mms_exec(mms_db *db, const char *sql);
/* The first column of SQL's one row (a pragma's value) into *OUT. */
int mms_pragma_int(mms_db *db, const char *sql, int *out);
/* Prepares, or fails with the handle's message set. */
int mms_prepare(mms_db *db, sqlite3_stmt **st, const char *sql);
/* Prepares INSERT (an INSERT's text up to its VALUES) with ROWS rows of COLUMNS
   parameters each: "(?, ?), (?, ?)", the parameters numbered in turn. */
int mms_prepare_rows(mms_db *db, sqlite3_stmt **st, const char *insert, int rows, int columns);
/* A malloc'd copy of column COL's text, NULL for SQL NULL; out of memory:
   NULL and *OOM set (OOM may be NULL). */
char *mms_column_dup(sqlite3_stmt *st, int col, int *oom);
/* Steps a statement expected to be done (no rows); resets it. */
int mms_step_done(mms_db *db, sqlite3_stmt *st);

/* Hot statements whose plan a test checks (tests/unit/test_plans.c). */
extern const char mms_sql_seen_hash[];             /* lib/results/results.c */
extern const char mms_sql_hyp_classes[];           /* lib/teachers/map.c */
extern const char mms_sql_earlier[];               /* lib/teachers/map.c */
extern const char mms_sql_scan_schools[];          /* lib/analysis/analysis.c */
extern const char mms_sql_scan_school[];           /* lib/analysis/analysis.c */
extern const char mms_sql_trend[];                 /* lib/analysis/analysis.c */
extern const char mms_sql_report_skills[];         /* lib/report/report.c */
extern const char mms_sql_below_half[];            /* lib/report/report.c */
extern const char mms_sql_report_spreads[];        /* lib/report/report.c */
extern const char mms_sql_report_class_deficits[]; /* lib/report/report.c */
extern const char mms_sql_unassigned[];            /* lib/teachers/map.c */
extern const char mms_sql_earlier_runs[];          /* lib/deficits/earlier.c */
extern const char mms_sql_earlier_deficits[];      /* lib/deficits/earlier.c */
/* The page cache of a connection, KiB: eight times SQLite's default.  More
   bought nothing on a region (the system's file cache serves the pages: map
   and report took the same time with 64 MiB) and cost its size in every
   command's memory: bench/region.sh's peak at ten regions is the measure. */
#define MMS_DB_CACHE_KIB 16384
/* The page cache of the connection that reads the next assessment ahead of the
   classification's storing (its participants once each, in the order stored). */
#define MMS_AHEAD_CACHE_KIB 2048
/* The page size of a new database: the classification writes a quarter of the
   pages, each a WAL frame of two writes, that 4 KiB would (its time 0.92 → 0.84 s
   on a region; the import's and the database's size about the same).  A database
   keeps the size it was made with. */
#define MMS_DB_PAGE_SIZE 16384

/* Migrations (schema.c). */
int mms_schema_migrate(mms_db *db);
int mms_schema_latest(void);
/* The SQL of the migration to schema version TO (1 .. latest), or NULL: for tests. */
const char *mms_schema_migration(int to);

/* A growable array of char. */
typedef struct mms_buf {
	char *p;
	size_t len, cap;
} mms_buf;
/*
 * Grows the array *P of *CAP elements of SIZE bytes to hold NEED (doubling);
 * 0, or -1 when out of memory (*P unchanged).
 */
int mms_grow(void **p, size_t *cap, size_t need, size_t size);

/* The edit distance (Levenshtein, by code point) of two UTF-8 strings. */
int mms_edit_distance(const char *a, const char *b);
/*
 * Appends to OUT ("a, b, c") the at most three names SQL lists (its first
 * column) nearest to GIVEN, compared as keys; nothing if none is near.
 */
int mms_suggest(mms_db *db, const char *sql, const char *given, mms_buf *out);
/* MMS_ENOTFOUND with the message WHAT, the names nearest to GIVEN that SQL lists, and
   the command listing them all (mms list LIST). */
int mms_not_found(mms_db *db, const char *what, const char *sql, const char *given,
                  const char *list);

/* "no assessment 'X' …", with the nearest IDs */
int assessment_not_found(mms_db *db, const char *code);

#define MMS_SQL_SCHOOL_NAMES "SELECT code FROM school_code"
#define MMS_SQL_ASSESSMENT_NAMES "SELECT code FROM assessment"
#define MMS_SQL_TEACHER_NAMES "SELECT full_name FROM teacher"
int mms_buf_add(mms_buf *b, const char *s, size_t n);
/* Room for N more bytes after B's text and their NUL: where they go (B's length
   unchanged: the writer adds what it wrote, and puts the NUL after), or NULL when
   out of memory. */
char *mms_buf_room(mms_buf *b, size_t n);
int mms_buf_addf(mms_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int mms_buf_adds(mms_buf *b, const char *s);
/* Adds V in decimal digits, as "%lld" in any locale, without printf's cost (a bulk writer's). */
int mms_buf_add_int(mms_buf *b, long long v);
/* Writes V's decimal digits (at most 20) at O: the end of them. */
char *mms_put_digits(char *o, unsigned long long v);
void mms_buf_free(mms_buf *b);

#endif
