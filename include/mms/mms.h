/*
 * mms — the core library of the district methodological service toolkit.
 *
 * Every function returns 0 (MMS_OK) or a negative MMS_E… code and keeps a
 * message on the handle (mms_errmsg()).  Data problems found while reading
 * input files are collected as diagnostics ("FILE:LINE: what"), up to a
 * limit, so that a command can list all of them, not just the first.
 * Nothing in the library prints or exits.
 */
#ifndef MMS_MMS_H
#define MMS_MMS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum mms_error {
	MMS_OK = 0,
	MMS_ERROR = -1,      /* internal error */
	MMS_ENOMEM = -2,     /* out of memory */
	MMS_EDATA = -3,      /* bad input data: see the diagnostics */
	MMS_EOPEN = -4,      /* an input file cannot be opened or read */
	MMS_EIO = -5,        /* an output or database file cannot be written */
	MMS_EBUSY = -6,      /* the database is locked by another process */
	MMS_ENOTFOUND = -7,  /* a named thing (assessment, teacher…) does not exist */
	MMS_EAMBIGUOUS = -8, /* a name matches several things */
	MMS_EUSAGE = -9,     /* an argument's value is not acceptable */
	MMS_EDB = -10        /* the database file is not an mms database or is damaged */
};

/*
 * The numbers the analysis rests on, in one place.  MMS_FDR: the false
 * discovery rate (Benjamini–Hochberg q) every test of a group keeps — a
 * class or teacher "clearly below", a hypothesis, a mentor "clearly above".
 */
#define MMS_FDR 0.05
/* A young teacher: under MMS_YOUNG_AGE, or in the first MMS_YOUNG_YEARS of teaching. */
#define MMS_YOUNG_AGE 35
#define MMS_YOUNG_YEARS 3
/* A need's priority when the interview gave none (1 the most urgent, 5 the least). */
#define MMS_PRIORITY_DEFAULT 3

/* How many diagnostics one operation keeps; the rest are only counted. */
#define MMS_DIAG_MAX 50

typedef struct mms_db mms_db;

enum mms_open_flags {
	MMS_OPEN_READONLY = 1 << 0, /* do not create or migrate */
	MMS_OPEN_NOCREATE = 1 << 1  /* the file must exist */
};

/*
 * Opens (creating and migrating as needed) the database at PATH.  *OUT is
 * set even on failure (unless memory ran out) so that mms_errmsg() can tell
 * why; the caller frees it with mms_db_close().
 */
int mms_db_open(const char *path, unsigned flags, mms_db **out);
void mms_db_close(mms_db *db);

/*
 * Whether this process can write the existing database at PATH: 0 when it
 * can, MMS_DB_FILE_READONLY when the file is read-only, MMS_DB_DIR_READONLY
 * when its folder is (SQLite creates the -wal and -shm files there).  A
 * database that cannot be written is opened with MMS_OPEN_READONLY: it can
 * be read, and what would write to it fails saying why.
 */
enum { MMS_DB_FILE_READONLY = 1, MMS_DB_DIR_READONLY = 2 };
int mms_db_access(const char *path);
/* The reason the open database is read-only (see above), or 0. */
int mms_db_readonly(const mms_db *db);

/* The schema version the database is at, and the one this build writes. */
int mms_db_schema_version(mms_db *db);
int mms_db_schema_latest(void);
/* How many migrations mms_db_open() applied (0 when it was up to date). */
int mms_db_migrations_applied(const mms_db *db);

/* Milliseconds to wait for another process's lock (default 10000). */
void mms_db_set_busy_timeout(mms_db *db, int ms);

/*
 * A transaction around several calls (they nest inside it as savepoints):
 * what a command writes, and its output, happen together or not at all.
 */
int mms_db_begin(mms_db *db);
/*
 * mms_db_begin() for a command whose writes are all rows the library builds
 * from parents it has found itself (an import of results): SQLite does not
 * look their foreign keys up again (mms check looks them all up).  Inside a
 * transaction, a savepoint as mms_db_begin()'s.
 */
int mms_db_begin_trusted(mms_db *db);
int mms_db_commit(mms_db *db);
/*
 * A transaction that only reads: one consistent snapshot of the database
 * for several queries, taking no lock that would make a writer wait (WAL);
 * ended with mms_db_commit() or mms_db_rollback().
 */
int mms_db_begin_read(mms_db *db);
void mms_db_rollback(mms_db *db);

const char *mms_errmsg(const mms_db *db);
int mms_errcode(const mms_db *db);

size_t mms_diag_count(const mms_db *db);
const char *mms_diag_at(const mms_db *db, size_t i);
/* Diagnostics found beyond MMS_DIAG_MAX (counted, not kept). */
size_t mms_diag_dropped(const mms_db *db);
void mms_diag_clear(mms_db *db);

const char *mms_version(void);

/* Input encodings; AUTO detects a BOM, strict UTF-8, else Windows-1251. */
enum mms_encoding { MMS_ENC_AUTO = 0, MMS_ENC_UTF8, MMS_ENC_CP1251, MMS_ENC_UTF16LE };
/* Parses "utf-8", "cp1251", "windows-1251", "utf-16le"…; MMS_EUSAGE if unknown. */
int mms_encoding_parse(const char *name, enum mms_encoding *out);
const char *mms_encoding_name(enum mms_encoding enc);

#ifdef __cplusplus
}
#endif
#endif
