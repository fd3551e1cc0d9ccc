/* The database: creation, migrations, pragmas, refusing foreign files; the handle's messages. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "text.h"

/* The first column of the first row of SQL as text, copied into OUT. */
static void text_of(mms_db *db, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *st;

	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* An INSERT of many rows: its text, its parameters in turn, each row inserted. */
static void test_prepare_rows(void **state)
{
	char *path;
	mms_db *db;
	sqlite3_stmt *st;

	(void)state;
	db = t_db(&path);
	t_sql(db, "CREATE TEMP TABLE r(a, b, c)");
	/* two columns a row for three: refused */
	assert_int_not_equal(mms_prepare_rows(db, &st, "INSERT INTO r VALUES ", 3, 2), MMS_OK);
	assert_null(st);
	assert_int_equal(mms_prepare_rows(db, &st, "INSERT INTO r VALUES ", 3, 3), MMS_OK);
	assert_string_equal(sqlite3_sql(st),
	                    "INSERT INTO r VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)");
	assert_int_equal(sqlite3_bind_parameter_count(st), 9);
	for (int i = 1; i <= 9; i++)
		sqlite3_bind_int(st, i, i);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_string_equal(t_text(db, "SELECT group_concat(a || b || c, ' ') FROM r"),
	                    "123 456 789");
	assert_int_equal(mms_prepare_rows(db, &st, "INSERT INTO r(a) VALUES ", 1, 1), MMS_OK);
	assert_string_equal(sqlite3_sql(st), "INSERT INTO r(a) VALUES (?)");
	sqlite3_finalize(st);
	mms_db_close(db);
	t_remove(path);
}

static void test_create(void **state)
{
	char *path, mode[32];
	mms_db *db;

	(void)state;
	db = t_db(&path);
	assert_true(mms_db_schema_latest() >= 1);
	assert_int_equal(mms_db_schema_version(db), mms_db_schema_latest());
	assert_int_equal(t_int(db, "PRAGMA user_version"), mms_db_schema_latest());
	assert_int_equal(mms_db_migrations_applied(db), mms_db_schema_latest());
	assert_int_equal(t_int(db, "PRAGMA application_id"), 0x4D4D5331);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(t_int(db, "PRAGMA synchronous"), 1); /* NORMAL */
	assert_int_equal(t_int(db, "PRAGMA page_size"), MMS_DB_PAGE_SIZE);
	text_of(db, "PRAGMA journal_mode", mode, sizeof(mode));
	assert_string_equal(mode, "wal");
	/* the roster's and the description's tables are there, empty */
	assert_int_equal(t_int(db, "SELECT count(*) FROM school"), 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM task"), 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
	                           "AND name IN ('school', 'teacher', 'subject', 'class', "
	                           "'teaching', 'assessment', 'task', 'skill', 'task_skill')"),
	                 9);
	/* no transaction is left open */
	assert_int_equal(sqlite3_get_autocommit(db->sql), 1);
	assert_int_equal(mms_errcode(db), MMS_OK);
	mms_db_close(db);
	t_remove(path);
}

static void test_reopen_does_not_migrate(void **state)
{
	char *path;
	mms_db *db;

	(void)state;
	db = t_db(&path);
	mms_db_close(db);
	assert_int_equal(mms_db_open(path, 0, &db), MMS_OK);
	assert_int_equal(mms_db_migrations_applied(db), 0);
	assert_int_equal(mms_db_schema_version(db), mms_db_schema_latest());
	/* foreign keys are per connection: on again */
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
	mms_db_close(db);

	/* read-only and must-exist opens of an existing database work too */
	assert_int_equal(mms_db_open(path, MMS_OPEN_READONLY, &db), MMS_OK);
	assert_int_equal(mms_db_migrations_applied(db), 0);
	mms_db_close(db);
	assert_int_equal(mms_db_open(path, MMS_OPEN_NOCREATE, &db), MMS_OK);
	mms_db_close(db);
	t_remove(path);
}

static void test_foreign_keys_enforced(void **state)
{
	char *path;
	mms_db *db;

	(void)state;
	db = t_db(&path);
	assert_int_not_equal(sqlite3_exec(db->sql,
	                                  "INSERT INTO teacher(school_id, full_name, name_key) "
	                                  "VALUES (999, 'x', 'x')",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher"), 0);
	mms_db_close(db);
	t_remove(path);
}

static void test_foreign_sqlite_file(void **state)
{
	char *path = t_write_str("");
	sqlite3 *other;
	mms_db *db;

	(void)state;
	unlink(path);
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(other, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1)", 0, 0, 0),
	    SQLITE_OK);
	sqlite3_close(other);

	assert_int_equal(mms_db_open(path, 0, &db), MMS_EDB);
	assert_non_null(db);
	assert_int_equal(mms_errcode(db), MMS_EDB);
	assert_non_null(strstr(mms_errmsg(db), "is not an mms database"));
	assert_non_null(strstr(mms_errmsg(db), path));
	mms_db_close(db);

	/* and it was left alone */
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	{
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(other,
		                                    "SELECT (SELECT count(*) FROM sqlite_schema), "
		                                    "(SELECT x FROM notes)",
		                                    -1, &st, NULL),
		                 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 1);
		assert_int_equal(sqlite3_column_int(st, 1), 1);
		sqlite3_finalize(st);
	}
	sqlite3_close(other);
	t_remove(path);
}

static void test_not_a_database(void **state)
{
	char *path = t_write_str("Код ОО;Школа\n001;СОШ № 1\n");
	mms_db *db;

	(void)state;
	assert_int_equal(mms_db_open(path, 0, &db), MMS_EDB);
	assert_true(mms_errmsg(db)[0] != '\0');
	mms_db_close(db);
	t_remove(path);
}

static void test_newer_schema(void **state)
{
	char *path, sql[64];
	mms_db *db;

	(void)state;
	db = t_db(&path);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", mms_db_schema_latest() + 1);
	assert_int_equal(sqlite3_exec(db->sql, sql, 0, 0, 0), SQLITE_OK);
	mms_db_close(db);
	assert_int_equal(mms_db_open(path, 0, &db), MMS_EDB);
	assert_non_null(strstr(mms_errmsg(db), "newer"));
	mms_db_close(db);
	t_remove(path);
}

static void test_missing_file(void **state)
{
	mms_db *db;

	(void)state;
	assert_int_equal(mms_db_open("/nonexistent/dir/mms.db", 0, &db), MMS_EOPEN);
	assert_non_null(strstr(mms_errmsg(db), "'/nonexistent/dir/mms.db'"));
	mms_db_close(db);
	assert_int_equal(mms_db_open("/nonexistent/dir/mms.db", MMS_OPEN_NOCREATE, &db), MMS_EOPEN);
	mms_db_close(db);
	mms_db_close(NULL);
}

static void test_diagnostics(void **state)
{
	char *path;
	mms_db *db;

	(void)state;
	db = t_db(&path);
	assert_int_equal(mms_diag_count(db), 0);
	mms_diag(db, "a.csv", 7, "bad '%s'", "x");
	mms_diag(db, "a.csv", 0, "empty");
	assert_int_equal(mms_diag_count(db), 2);
	assert_string_equal(mms_diag_at(db, 0), "a.csv:7: bad 'x'");
	assert_string_equal(mms_diag_at(db, 1), "a.csv: empty");
	assert_null(mms_diag_at(db, 2));
	for (int i = 0; i < MMS_DIAG_MAX + 5; i++)
		mms_diag(db, "b.csv", i + 1, "row %d", i);
	assert_int_equal(mms_diag_count(db), MMS_DIAG_MAX);
	assert_int_equal(mms_diag_dropped(db), 7);
	mms_diag_clear(db);
	assert_int_equal(mms_diag_count(db), 0);
	assert_int_equal(mms_diag_dropped(db), 0);

	assert_int_equal(mms_fail(db, MMS_EDATA, "bad %d", 5), MMS_EDATA);
	assert_int_equal(mms_errcode(db), MMS_EDATA);
	assert_string_equal(mms_errmsg(db), "bad 5");
	mms_db_close(db);
	t_remove(path);
}

/* A thread's diagnostics and error, said on the database after its own. */
static void test_diag_take(void **state)
{
	char *path;
	mms_db *db = t_db(&path), shadow;

	(void)state;
	memset(&shadow, 0, sizeof(shadow));
	mms_diag(db, "a.csv", 1, "first");
	mms_diag(&shadow, "b.csv", 2, "second");
	mms_diag_take(db, &shadow);
	assert_int_equal(mms_diag_count(db), 2);
	assert_string_equal(mms_diag_at(db, 1), "b.csv:2: second");
	assert_int_equal(mms_errcode(db), 0);
	assert_int_equal(shadow.ndiag, 0);

	/* beyond the cap: counted, with the thread's own dropped ones */
	for (int i = 0; i < MMS_DIAG_MAX + 3; i++)
		mms_diag(&shadow, "c.csv", i + 1, "row %d", i);
	assert_int_equal(mms_diag_dropped(&shadow), 3);
	mms_fail(&shadow, MMS_EOPEN, "cannot read '%s'", "c.csv");
	mms_diag_take(db, &shadow);
	assert_int_equal(mms_diag_count(db), MMS_DIAG_MAX);
	assert_int_equal(mms_diag_dropped(db), 3 + 2); /* its own 3, and 2 of its 50 */
	assert_string_equal(mms_diag_at(db, 2), "c.csv:1: row 0");
	assert_int_equal(mms_errcode(db), MMS_EOPEN);
	assert_string_equal(mms_errmsg(db), "cannot read 'c.csv'");
	assert_int_equal(shadow.code, 0);
	assert_null(shadow.diags);
	mms_diag_clear(&shadow);
	mms_db_close(db);
	t_remove(path);
}

static void test_encoding_names(void **state)
{
	enum mms_encoding e = MMS_ENC_AUTO;

	(void)state;
	assert_int_equal(mms_encoding_parse("UTF-8", &e), MMS_OK);
	assert_int_equal(e, MMS_ENC_UTF8);
	assert_int_equal(mms_encoding_parse("cp1251", &e), MMS_OK);
	assert_int_equal(e, MMS_ENC_CP1251);
	assert_int_equal(mms_encoding_parse("Windows-1251", &e), MMS_OK);
	assert_int_equal(e, MMS_ENC_CP1251);
	assert_int_equal(mms_encoding_parse("utf-16le", &e), MMS_OK);
	assert_int_equal(e, MMS_ENC_UTF16LE);
	assert_int_equal(mms_encoding_parse("koi8-r", &e), MMS_EUSAGE);
	assert_int_equal(e, MMS_ENC_UTF16LE);
	assert_string_equal(mms_encoding_name(MMS_ENC_CP1251), "windows-1251");
	assert_string_equal(mms_encoding_name(MMS_ENC_UTF8), "utf-8");
	assert_string_equal(mms_version(), MMS_VERSION);
}

/* A diagnostic cut by its buffer ends on a whole UTF-8 character. */
static void test_diagnostic_cut_whole(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	char cell[2100];

	(void)state;
	/* 'ж' is 2 bytes: an odd prefix shifts where the cut falls */
	for (int shift = 0; shift < 3; shift++) {
		size_t n = 0;

		for (int i = 0; i < shift; i++)
			cell[n++] = 'x';
		while (n + 2 < sizeof(cell)) {
			cell[n++] = (char)0xD0;
			cell[n++] = (char)0xB6;
		}
		cell[n] = '\0';
		mms_diag_clear(db);
		mms_diag(db, "f.csv", 7, "value '%s' is not a score", cell);
		assert_int_equal(mms_diag_count(db), 1);
		assert_true(strlen(mms_diag_at(db, 0)) < 1024);
		assert_true(mms_utf8_valid(mms_diag_at(db, 0), strlen(mms_diag_at(db, 0))));
	}
	mms_db_close(db);
	t_remove(path);
}

/* A child that cannot write the folder: root writes anything, so it gives up root. */
#define CHILD_CHECK(c)                                                                             \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "%s:%d: %s (%s)\n", __FILE__, __LINE__, #c,                \
			        db ? mms_errmsg(db) : "");                                         \
			ok = 0;                                                                    \
		}                                                                                  \
	} while (0)

static int readonly_child(const char *dir, const char *path)
{
	mms_db *db = NULL;
	int ok = 1;

	if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		return 2;
	CHILD_CHECK(mms_db_access(path) == MMS_DB_DIR_READONLY);
	/* opened read-only it reads (SQLite cannot create -shm: read as immutable) */
	CHILD_CHECK(mms_db_open(path, MMS_OPEN_READONLY, &db) == MMS_OK);
	CHILD_CHECK(mms_db_readonly(db) == MMS_DB_DIR_READONLY);
	CHILD_CHECK(mms_db_schema_version(db) == mms_db_schema_latest());
	CHILD_CHECK(t_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'teacher'") == 1);
	/* a write says why it cannot happen */
	CHILD_CHECK(mms_exec(db, "INSERT INTO subject(name) VALUES ('x')") == MMS_EIO);
	CHILD_CHECK(strstr(mms_errmsg(db), "its folder is read-only") != NULL);
	mms_db_close(db);
	/* opened for writing: refused before anything is touched */
	CHILD_CHECK(mms_db_open(path, MMS_OPEN_NOCREATE, &db) == MMS_EIO);
	CHILD_CHECK(strstr(mms_errmsg(db), "cannot be changed: its folder is read-only") != NULL);
	mms_db_close(db);
	(void)dir;
	return ok ? 0 : 1;
}

static void test_readonly_folder(void **state)
{
	char dir[] = "/tmp/mms-ro-XXXXXX", sub[64], path[128];
	mms_db *db;
	pid_t pid;
	int status;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0755), 0);
	/* a name SQLite's URIs must escape */
	snprintf(sub, sizeof(sub), "%s/копия 100%% ?#", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(path, sizeof(path), "%s/mms.db", sub);
	assert_int_equal(mms_db_open(path, 0, &db), MMS_OK);
	assert_int_equal(mms_db_readonly(db), 0);
	mms_db_close(db);
	assert_int_equal(mms_db_access(path), 0);
	/* the file writable by anyone: only the folder is in the way */
	assert_int_equal(chmod(path, 0666), 0);
	assert_int_equal(chmod(sub, 0555), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(readonly_child(sub, path));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(chmod(sub, 0755), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(sub), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* SQLite's common messages are ours, in the user's language. */
static void test_sqlite_text(void **state)
{
	(void)state;
	assert_string_equal(mms_sqlite_text(SQLITE_NOTADB, "file is not a database"),
	                    "file is not a database");
	assert_string_equal(mms_sqlite_text(SQLITE_FULL, "database or disk is full"),
	                    "the disk is full");
	assert_string_equal(mms_sqlite_text(SQLITE_IOERR_WRITE, "disk I/O error"),
	                    "disk I/O error");
	/* a rare one keeps SQLite's own words */
	assert_string_equal(mms_sqlite_text(SQLITE_MISMATCH, "datatype mismatch"),
	                    "datatype mismatch");
}

/* A read transaction: one snapshot, and no lock a writer waits for. */
static void test_begin_read(void **state)
{
	char *path;
	mms_db *db = t_db(&path), *writer;

	(void)state;
	assert_int_equal(mms_db_open(path, 0, &writer), MMS_OK);
	mms_db_set_busy_timeout(writer, 0);
	assert_int_equal(mms_db_begin_read(db), MMS_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM subject"), 0);
	/* the writer is not kept waiting */
	assert_int_equal(mms_db_begin(writer), MMS_OK);
	assert_int_equal(mms_exec(writer, "INSERT INTO subject(name, name_key) VALUES ('x', 'x')"),
	                 MMS_OK);
	assert_int_equal(mms_db_commit(writer), MMS_OK);
	/* the reader keeps its snapshot until it ends */
	assert_int_equal(t_int(db, "SELECT count(*) FROM subject"), 0);
	/* one at a time */
	assert_int_equal(mms_db_begin_read(db), MMS_ERROR);
	mms_db_rollback(db);
	assert_int_equal(t_int(db, "SELECT count(*) FROM subject"), 1);
	mms_db_close(writer);
	mms_db_close(db);
	t_remove(path);
}

/*
 * The checkpointing thread: while it runs, commits leave the log to it and
 * it copies the log when asked, beside a reader and a writer; then the
 * commits checkpoint again.  It does not start in a transaction or on a
 * read-only database.
 */
static void test_checkpointer(void **state)
{
	char *path;
	mms_db *db = t_db(&path), *ro;
	mms_checkpointer *c;
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(t_int(db, "PRAGMA wal_autocheckpoint"), 1000);
	c = mms_checkpointer_start(db);
	assert_non_null(c);
	assert_int_equal(t_int(db, "PRAGMA wal_autocheckpoint"), 0);
	for (int round = 0; round < 3; round++) {
		/* 2 000 pages (16 KiB each) into the log: past SQLite's 1 000 */
		t_sql(db, "CREATE TABLE IF NOT EXISTS big(x); WITH RECURSIVE n(i) AS (SELECT 1 "
		          "UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO big SELECT "
		          "zeroblob(15000) FROM n");
		mms_checkpoint_soon(c);
		/* read and written meanwhile, as the classification does */
		assert_int_equal(mms_db_begin_read(db), MMS_OK);
		assert_int_equal(t_int(db, "SELECT count(*) FROM big"), 2000 * (round + 1));
		mms_db_rollback(db);
	}
	assert_in_range(mms_checkpointer_stop(c), 1, 3);
	assert_int_equal(t_int(db, "PRAGMA wal_autocheckpoint"), 1000);
	/* every frame of the log is in the database: nothing left to copy */
	assert_int_equal(
	    sqlite3_prepare_v2(db->sql, "PRAGMA wal_checkpoint(PASSIVE)", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	assert_true(sqlite3_column_int(st, 1) > 2000);
	assert_int_equal(sqlite3_column_int(st, 2), sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
	mms_checkpointer_stop(NULL);
	mms_checkpoint_soon(NULL);
	/* not in a transaction; not read-only */
	assert_int_equal(mms_db_begin(db), MMS_OK);
	assert_null(mms_checkpointer_start(db));
	mms_db_rollback(db);
	assert_int_equal(mms_db_open(path, MMS_OPEN_READONLY, &ro), MMS_OK);
	ro->readonly = MMS_DB_FILE_READONLY;
	assert_null(mms_checkpointer_start(ro));
	mms_db_close(ro);
	mms_db_close(db);
	t_remove(path);
}

struct holder {
	const char *path;
	atomic_int locked;
	struct timespec releasing; /* just before its commit */
};

static void *hold_lock(void *arg)
{
	struct holder *h = arg;
	/* SQLite's own handler, its sleeps growing from 1 to 100 ms, would try
	   again at 328 and 428 ms: 88 ms after this release */
	struct timespec held = {0, 340 * 1000000};
	mms_db *db;

	if (mms_db_open(h->path, 0, &db) != MMS_OK || mms_db_begin(db) != MMS_OK)
		return NULL;
	atomic_store(&h->locked, 1);
	nanosleep(&held, NULL);
	clock_gettime(CLOCK_MONOTONIC, &h->releasing);
	mms_db_commit(db);
	mms_db_close(db);
	return NULL;
}

/*
 * A command waiting for another's lock gets it as soon as that one commits,
 * not up to a tenth of a second later (SQLite's own busy handler), in which
 * a script's next command can take it first: a cron import would wait for
 * every command of the script instead of one.
 */
static void test_busy_wait_follows_release(void **state)
{
	char *path;
	mms_db *db = t_db(&path);

	(void)state;
	for (int round = 0; round < 3; round++) {
		struct holder h = {.path = path};
		struct timespec got;
		pthread_t t;
		long long ms;

		assert_int_equal(pthread_create(&t, NULL, hold_lock, &h), 0);
		while (!atomic_load(&h.locked))
			sched_yield();
		assert_int_equal(mms_db_begin(db), MMS_OK);
		clock_gettime(CLOCK_MONOTONIC, &got);
		assert_int_equal(mms_db_commit(db), MMS_OK);
		pthread_join(t, NULL);
		ms = (long long)(got.tv_sec - h.releasing.tv_sec) * 1000 +
		     (got.tv_nsec - h.releasing.tv_nsec) / 1000000;
		assert_true(ms >= 0);
		assert_true(ms < 50);
	}
	/* and gives up when told to, after the wait, each time anew */
	mms_db_set_busy_timeout(db, 50);
	{
		struct holder h = {.path = path};
		struct timespec t0, t1;
		pthread_t t;

		assert_int_equal(pthread_create(&t, NULL, hold_lock, &h), 0);
		while (!atomic_load(&h.locked))
			sched_yield();
		for (int attempt = 0; attempt < 2; attempt++) {
			long long ms;

			clock_gettime(CLOCK_MONOTONIC, &t0);
			assert_int_equal(mms_db_begin(db), MMS_EBUSY);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			ms = (long long)(t1.tv_sec - t0.tv_sec) * 1000 +
			     (t1.tv_nsec - t0.tv_nsec) / 1000000;
			assert_true(ms >= 50);
			assert_true(ms < 300);
		}
		pthread_join(t, NULL);
	}
	mms_db_close(db);
	t_remove(path);
}

/* mms_tx_end: commits what an OK run wrote, rolls back a failed one and says why. */
static void test_tx_end(void **state)
{
	char *path;
	mms_db *db = t_db(&path);

	(void)state;
	assert_int_equal(mms_tx_begin(db), MMS_OK);
	assert_int_equal(mms_exec(db, "INSERT INTO subject(name, name_key) VALUES ('a', 'a')"),
	                 MMS_OK);
	assert_int_equal(mms_tx_end(db, MMS_OK), MMS_OK);
	assert_int_equal(mms_tx_begin(db), MMS_OK);
	assert_int_equal(mms_exec(db, "INSERT INTO subject(name, name_key) VALUES ('b', 'b')"),
	                 MMS_OK);
	assert_int_equal(mms_tx_end(db, MMS_EDATA), MMS_EDATA);
	assert_int_equal(db->depth, 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM subject"), 1);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_create),
	    cmocka_unit_test(test_prepare_rows),
	    cmocka_unit_test(test_tx_end),
	    cmocka_unit_test(test_reopen_does_not_migrate),
	    cmocka_unit_test(test_foreign_keys_enforced),
	    cmocka_unit_test(test_foreign_sqlite_file),
	    cmocka_unit_test(test_not_a_database),
	    cmocka_unit_test(test_newer_schema),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_diagnostics),
	    cmocka_unit_test(test_diag_take),
	    cmocka_unit_test(test_encoding_names),
	    cmocka_unit_test(test_diagnostic_cut_whole),
	    cmocka_unit_test(test_readonly_folder),
	    cmocka_unit_test(test_begin_read),
	    cmocka_unit_test(test_checkpointer),
	    cmocka_unit_test(test_busy_wait_follows_release),
	    cmocka_unit_test(test_sqlite_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
