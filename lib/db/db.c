#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define MMS_APPLICATION_ID 0x4D4D5331 /* "MMS1" */

int mms_exec(mms_db *db, const char *sql)
{
	if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
		return mms_fail_sql(db, "updating the database");
	return MMS_OK;
}

int mms_prepare(mms_db *db, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(db->sql, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return mms_fail_sql(db, "preparing a query");
	}
	return MMS_OK;
}

int mms_prepare_rows(mms_db *db, sqlite3_stmt **st, const char *insert, int rows, int columns)
{
	mms_buf sql = {0};
	int rc = mms_buf_adds(&sql, insert);

	for (int r = 0; r < rows && rc == MMS_OK; r++)
		for (int c = 0; c < columns && rc == MMS_OK; c++)
			rc = mms_buf_adds(&sql, c ? ", ?" : r ? "), (?" : "(?");
	if (rc == MMS_OK && rows > 0 && columns > 0)
		rc = mms_buf_adds(&sql, ")");
	if (rc != MMS_OK) {
		mms_buf_free(&sql);
		*st = NULL;
		return mms_oom(db);
	}
	rc = mms_prepare(db, st, sql.p);
	mms_buf_free(&sql);
	return rc;
}

char *mms_column_dup(sqlite3_stmt *st, int col, int *oom)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	char *s;

	if (!t)
		return NULL;
	s = strdup((const char *)t);
	if (!s && oom)
		*oom = 1;
	return s;
}

int mms_step_done(mms_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = mms_fail_sql(db, "writing to the database");
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return MMS_OK;
}

/* What mms_tx_begin_trusted() turned off, on again; if that fails (out of
   memory), it stays in db->relaxed, and the next transaction tries first. */
static void relax_end(mms_db *db)
{
	if (!db->sql)
		return;
	if ((db->relaxed & MMS_RELAX_CHECKS) &&
	    sqlite3_exec(db->sql, "PRAGMA ignore_check_constraints=OFF", NULL, NULL, NULL) ==
	        SQLITE_OK)
		db->relaxed &= ~MMS_RELAX_CHECKS;
	if ((db->relaxed & MMS_RELAX_FK) &&
	    sqlite3_exec(db->sql, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) == SQLITE_OK)
		db->relaxed &= ~MMS_RELAX_FK;
}

/* relax_end() before a new transaction: MMS_OK once everything is checked again. */
static int checks_back(mms_db *db)
{
	relax_end(db);
	return db->relaxed ? mms_fail_sql(db, "turning the checks on") : MMS_OK;
}

static int begin_outermost(mms_db *db)
{
	int rc = mms_exec(db, "BEGIN IMMEDIATE");

	if (rc == MMS_OK)
		db->depth = 1;
	return rc;
}

/*
 * Transactions nest: the outermost is BEGIN IMMEDIATE … COMMIT, an inner
 * one a savepoint, so that a command can hold its library calls and its
 * output in one transaction (cmd/main.c) and the library's own stay whole.
 */
int mms_tx_begin(mms_db *db)
{
	char sql[48];
	int rc;

	if (db->depth == 0) {
		rc = checks_back(db);
		return rc == MMS_OK ? begin_outermost(db) : rc;
	}
	snprintf(sql, sizeof(sql), "SAVEPOINT mms%d", db->depth);
	rc = mms_exec(db, sql);
	if (rc == MMS_OK)
		db->depth++;
	return rc;
}

int mms_tx_begin_trusted(mms_db *db, int relax)
{
	int rc;

	if (db->depth > 0)
		return mms_tx_begin(db);
	if ((rc = checks_back(db)) != MMS_OK)
		return rc;
	/* a no-op inside a transaction: so before it */
	db->relaxed = MMS_RELAX_FK;
	rc = mms_exec(db, "PRAGMA foreign_keys=OFF");
	if (rc == MMS_OK && (relax & MMS_RELAX_CHECKS)) {
		db->relaxed |= MMS_RELAX_CHECKS;
		rc = mms_exec(db, "PRAGMA ignore_check_constraints=ON");
	}
	if (rc == MMS_OK)
		rc = begin_outermost(db);
	if (rc != MMS_OK)
		relax_end(db);
	return rc;
}

int mms_tx_commit(mms_db *db)
{
	char sql[48];
	int rc;

	if (db->depth == 0)
		return mms_fail(db, MMS_ERROR, _("internal error: a commit without a transaction"));
	if (sqlite3_get_autocommit(db->sql)) {
		/* SQLite rolled the transaction back itself (out of memory, I/O) */
		db->depth = 0;
		relax_end(db);
		return mms_fail(db, MMS_ERROR,
		                _("the transaction was rolled back by the database; nothing was "
		                  "stored"));
	}
	if (db->depth > 1) {
		snprintf(sql, sizeof(sql), "RELEASE mms%d", db->depth - 1);
		rc = mms_exec(db, sql);
		if (rc == MMS_OK)
			db->depth--;
		else
			mms_tx_rollback(db);
		return rc;
	}
	db->committing = 1;
	rc = mms_exec(db, "COMMIT");
	db->committing = 0;
	if (rc == MMS_OK) {
		db->depth = 0;
		relax_end(db);
	} else {
		mms_tx_rollback(db);
	}
	return rc;
}

void mms_tx_rollback(mms_db *db)
{
	char sql[80];

	if (db->depth > 1 && db->sql && !sqlite3_get_autocommit(db->sql)) {
		snprintf(sql, sizeof(sql), "ROLLBACK TO mms%d; RELEASE mms%d", db->depth - 1,
		         db->depth - 1);
		sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
		db->depth--;
		return;
	}
	if (db->sql && !sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	db->depth = 0;
	relax_end(db);
}

int mms_tx_end(mms_db *db, int rc)
{
	if (rc != MMS_OK) {
		mms_tx_rollback(db);
		return rc;
	}
	return mms_tx_commit(db);
}

int mms_db_begin(mms_db *db)
{
	return mms_tx_begin(db);
}

int mms_db_begin_trusted(mms_db *db)
{
	return mms_tx_begin_trusted(db, MMS_RELAX_FK);
}

int mms_db_begin_read(mms_db *db)
{
	int rc;

	if (db->depth > 0)
		return mms_fail(db, MMS_ERROR, "a transaction is open");
	/* a deferred transaction: the first read takes a snapshot, no lock is taken */
	rc = mms_exec(db, "BEGIN; SELECT count(*) FROM sqlite_schema");
	if (rc == MMS_OK)
		db->depth = 1;
	else if (!sqlite3_get_autocommit(db->sql))
		/* the BEGIN went through, the reading did not: nothing is left open */
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int mms_db_commit(mms_db *db)
{
	return mms_tx_commit(db);
}

void mms_db_rollback(mms_db *db)
{
	mms_tx_rollback(db);
}

int mms_pragma_int(mms_db *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st, sql);

	if (rc != MMS_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = MMS_OK;
	} else {
		rc = mms_fail_sql(db, "reading the database header");
	}
	sqlite3_finalize(st);
	return rc;
}

int mms_db_schema_version(mms_db *db)
{
	int v = -1;

	if (mms_pragma_int(db, "PRAGMA user_version", &v) != MMS_OK)
		return -1;
	return v;
}

int mms_db_schema_latest(void)
{
	return mms_schema_latest();
}

int mms_db_migrations_applied(const mms_db *db)
{
	return db ? db->migrated : 0;
}

/*
 * Waiting for another process's lock: tried again every millisecond until
 * db->busy_ms have passed since the first try.  SQLite's own handler sleeps
 * up to 100 ms between tries, long enough to miss the few milliseconds
 * between one command's commit and the next command's begin (a script's
 * imports one after another) and so wait for that one as well: a cron
 * import beside them would wait for several commands instead of one.
 */
static int busy_wait(void *arg, int tries)
{
	mms_db *db = arg;
	struct timespec now, pause = {0, 1000000};
	long long waited;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (tries == 0)
		db->busy_since = now;
	waited = (long long)(now.tv_sec - db->busy_since.tv_sec) * 1000 +
	         (now.tv_nsec - db->busy_since.tv_nsec) / 1000000;
	if (waited >= db->busy_ms)
		return 0;
	nanosleep(&pause, NULL);
	return 1;
}

void mms_db_set_busy_timeout(mms_db *db, int ms)
{
	if (db && db->sql) {
		db->busy_ms = ms;
		sqlite3_busy_handler(db->sql, ms > 0 ? busy_wait : NULL, db);
	}
}

/*
 * MMS_SQL_PROFILE=1 (a developer's aid, see README "Performance"): each
 * statement's run, when it is reset or done, as "nanoseconds<TAB>SQL" on
 * standard error; bench/sql-profile.awk sums them by statement.
 */
static int profile_statement(unsigned kind, void *ctx, void *stmt, void *ns)
{
	const char *sql = sqlite3_sql(stmt);
	char line[1024];
	int len;

	(void)ctx;
	if (kind != SQLITE_TRACE_PROFILE || !sql)
		return 0;
	/* one write a line: standard error is unbuffered */
	len = snprintf(line, sizeof(line) - 1, "%lld\t%s", (long long)*(sqlite3_int64 *)ns, sql);
	if (len < 0)
		return 0;
	if (len > (int)sizeof(line) - 2)
		len = (int)sizeof(line) - 2;
	for (int i = (int)(strchr(line, '\t') - line) + 1; i < len; i++)
		if (line[i] == '\n' || line[i] == '\t')
			line[i] = ' ';
	line[len++] = '\n';
	fwrite(line, 1, (size_t)len, stderr);
	return 0;
}

/*
 * Every write happens in a transaction of mms_tx_begin() … mms_tx_commit().
 * If SQLite rolls one back by itself (out of memory, a full disk), the
 * statements after it would run in autocommit mode and each store its
 * part: while our transaction should be open, the hook refuses every
 * commit but ours, so they fail instead.
 */
static int commit_hook(void *p)
{
	mms_db *db = p;

	return db->depth > 0 && !db->committing;
}

static int check_identity(mms_db *db)
{
	int app = 0, ntables = 0;
	int rc;

	rc = mms_pragma_int(db, "PRAGMA application_id", &app);
	if (rc != MMS_OK)
		return rc;
	if (app == MMS_APPLICATION_ID)
		return MMS_OK;
	rc = mms_pragma_int(db, "SELECT count(*) FROM sqlite_schema", &ntables);
	if (rc != MMS_OK)
		return rc;
	if (ntables > 0 || app != 0)
		return mms_fail(db, MMS_EDB, _("'%s' is not an mms database"), db->path);
	return MMS_OK;
}

int mms_db_access(const char *path)
{
	char *dir = strdup(path), *slash;
	size_t n = strlen(path);
	char *wal = malloc(n + 5), *shm = malloc(n + 5);
	int r = 0;

	if (access(path, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
		r = MMS_DB_FILE_READONLY;
	else if (dir && wal && shm) {
		slash = strrchr(dir, '/');
		if (!slash)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		snprintf(wal, n + 5, "%s-wal", path);
		snprintf(shm, n + 5, "%s-shm", path);
		/* the folder matters only while SQLite would have to create its files */
		if (access(dir, W_OK) != 0 &&
		    (errno == EACCES || errno == EROFS || errno == EPERM) &&
		    (access(wal, W_OK) != 0 || access(shm, W_OK) != 0))
			r = MMS_DB_DIR_READONLY;
	}
	free(dir);
	free(wal);
	free(shm);
	return r;
}

int mms_db_readonly(const mms_db *db)
{
	return db ? db->readonly : 0;
}

/*
 * A URI that opens PATH as a file nobody changes while it is open: the way
 * SQLite reads a WAL database whose folder it cannot create -shm in.
 */
static char *immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *u = malloc(strlen(path) * 3 + 32), *q = u;

	if (!u)
		return NULL;
	q += sprintf(q, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			*q++ = (char)*p;
		else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 15];
		}
	}
	strcpy(q, "?immutable=1");
	return u;
}

/*
 * SQLite's process-wide settings, before its first connection: no memory
 * statistics (they take one mutex on every allocation of every connection,
 * which the threads of one command would contend for), unless
 * MMS_SQL_PROFILE wants the high-water mark.  A setting refused (SQLite
 * already started by the program) leaves SQLite's default.
 */
static void configure_sqlite(void)
{
	if (!(getenv("MMS_SQL_PROFILE") && getenv("MMS_SQL_PROFILE")[0]))
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int mms_db_open(const char *path, unsigned flags, mms_db **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	mms_db *db;
	int oflags, rc, pages = 0;

	pthread_once(&once, configure_sqlite);
	db = calloc(1, sizeof(*db));

	*out = db;
	if (!db)
		return MMS_ENOMEM;
	db->path = strdup(path);
	if (!db->path)
		return mms_oom(db);

	if (flags & MMS_OPEN_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else if (flags & MMS_OPEN_NOCREATE)
		oflags = SQLITE_OPEN_READWRITE;
	else
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	oflags |= SQLITE_OPEN_NOMUTEX;

	/* only mms init creates a database: say where it was looked for, and how */
	if ((flags & (MMS_OPEN_NOCREATE | MMS_OPEN_READONLY)) && access(path, F_OK) != 0 &&
	    errno == ENOENT)
		return mms_fail(db, MMS_EOPEN,
		                _("no database at '%s': mms init creates one (another one: --db "
		                  "PATH or MMS_DB)"),
		                path);
	/* an existing database this process cannot write is opened read-only or not at all */
	if (!(flags & MMS_OPEN_READONLY) && access(path, F_OK) == 0 &&
	    (db->readonly = mms_db_access(path)) != 0)
		return mms_fail_readonly(db);
	/* a new database holds names: 0600 (or what the umask leaves), SQLite's
	   -wal and -shm follow its mode */
	if ((oflags & SQLITE_OPEN_CREATE) && access(path, F_OK) != 0 && errno == ENOENT) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

		if (fd >= 0)
			close(fd);
	}
	rc = sqlite3_open_v2(path, &db->sql, oflags, NULL);
	if (rc != SQLITE_OK) {
		int code = (rc == SQLITE_NOMEM) ? MMS_ENOMEM : MMS_EOPEN;

		mms_fail(db, code, _("cannot open database '%s': %s"), path,
		         db->sql ? mms_sqlite_text(rc, sqlite3_errmsg(db->sql))
		                 : _("out of memory"));
		return code;
	}
	sqlite3_extended_result_codes(db->sql, 0);
	mms_db_set_busy_timeout(db, MMS_BUSY_WAIT_MS);

	if (flags & MMS_OPEN_READONLY)
		db->readonly = mms_db_access(path);
	rc = check_identity(db);
	if (rc != MMS_OK && (flags & MMS_OPEN_READONLY) && db->readonly &&
	    ((sqlite3_errcode(db->sql) & 0xff) == SQLITE_CANTOPEN ||
	     (sqlite3_errcode(db->sql) & 0xff) == SQLITE_READONLY)) {
		/* a WAL database in a folder we cannot write: read it as it is */
		char *uri = immutable_uri(path);

		if (!uri)
			return mms_oom(db);
		sqlite3_close_v2(db->sql);
		db->sql = NULL;
		rc = sqlite3_open_v2(uri, &db->sql, oflags | SQLITE_OPEN_URI, NULL);
		free(uri);
		if (rc != SQLITE_OK)
			return mms_fail_sql(db, "opening the database");
		sqlite3_extended_result_codes(db->sql, 0);
		rc = check_identity(db);
	}
	if (rc != MMS_OK)
		return rc;
	if (!(flags & MMS_OPEN_READONLY)) {
		/* a new database's page size, before WAL fixes it */
		rc = mms_pragma_int(db, "PRAGMA page_count", &pages);
		if (rc == MMS_OK && pages == 0)
			rc = mms_exec(db, "PRAGMA page_size=" MMS_SQL_NUM(MMS_DB_PAGE_SIZE));
		if (rc != MMS_OK)
			return rc;
		rc = mms_exec(db, "PRAGMA journal_mode=WAL");
		if (rc != MMS_OK)
			return rc;
	}
	rc = mms_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
	                  "PRAGMA temp_store=MEMORY;"
	                  "PRAGMA cache_size=-" MMS_SQL_NUM(MMS_DB_CACHE_KIB));
	if (rc != MMS_OK)
		return rc;
	sqlite3_commit_hook(db->sql, commit_hook, db);
	if (getenv("MMS_SQL_PROFILE") && getenv("MMS_SQL_PROFILE")[0])
		sqlite3_trace_v2(db->sql, SQLITE_TRACE_PROFILE, profile_statement, NULL);
	if (flags & MMS_OPEN_READONLY) {
		if (mms_db_schema_version(db) != mms_schema_latest())
			return mms_fail(
			    db, MMS_EDB,
			    _("database '%s' is at schema version %d, this mms needs %d: "
			      "run 'mms init'"),
			    path, mms_db_schema_version(db), mms_schema_latest());
		return MMS_OK;
	}
	return mms_schema_migrate(db);
}

void mms_db_close(mms_db *db)
{
	if (!db)
		return;
	while (db->depth > 0)
		mms_tx_rollback(db);
	if (db->sql && getenv("MMS_SQL_PROFILE") && getenv("MMS_SQL_PROFILE")[0])
		fprintf(stderr, "0\t-- SQLite's memory at most %lld bytes\n",
		        (long long)sqlite3_memory_highwater(0));
	if (db->sql)
		sqlite3_close_v2(db->sql);
	mms_diag_clear(db);
	free(db->path);
	free(db);
}
