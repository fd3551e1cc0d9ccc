/*
 * mms_db_backup(): SQLite's online backup API into a file of a private folder
 * beside FILE (mms/outfile.h), then a rename.
 * The source is read in one read transaction, so the copy is one snapshot
 * and writers (WAL) go on meanwhile; the copy is done in chunks so that a
 * lock is never held for long.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "mms/keep.h"
#include "mms/outfile.h"

#define BACKUP_CHUNK 256     /* pages a step */
#define BACKUP_RETRY_MS 20   /* wait before retrying a busy step */
#define BACKUP_RETRY_MAX 500 /* 10 seconds of retries */

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Syncs the directory holding PATH, so that the rename survives a crash. */
static void sync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd;

	if (!copy)
		return;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

static int dest_error(mms_db *db, sqlite3 *dst, const char *file)
{
	int rc = dst ? sqlite3_errcode(dst) & 0xff : SQLITE_CANTOPEN;
	const char *msg = dst ? mms_sqlite_text(rc, sqlite3_errmsg(dst)) : _("out of memory");

	if (rc == SQLITE_NOMEM)
		return mms_oom(db);
	return mms_fail(db, MMS_EIO, _("cannot write the backup '%s': %s"), file, msg);
}

int mms_db_backup(mms_db *db, const char *file, unsigned flags, long *pages)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	mms_outfile out;
	const char *tmp;
	int rc, step, retries = 0, in_tx = 0;
	struct stat sb;

	if (pages)
		*pages = 0;
	if (!file || !file[0])
		return mms_fail(db, MMS_EUSAGE, _("no backup file given"));
	if (same_file(file, db->path))
		return mms_fail(db, MMS_EUSAGE, _("'%s' is the database itself"), file);
	if (!(flags & MMS_BACKUP_FORCE) && lstat(file, &sb) == 0)
		return mms_fail(db, MMS_EUSAGE, _("'%s' already exists"), file);
	if (lstat(file, &sb) == 0 && S_ISDIR(sb.st_mode))
		return mms_fail(db, MMS_EUSAGE, _("'%s' is a directory"), file);
	/* --force replaces a backup, but not one of another user's */
	rc = mms_outfile_begin(db, file, 0, &out);
	if (rc != MMS_OK)
		return rc;
	tmp = out.tmp;

	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rc = dest_error(db, dst, file);
		goto out;
	}
	sqlite3_exec(dst, "PRAGMA synchronous=FULL", NULL, NULL, NULL);

	/* The snapshot: a read transaction on the source for the whole copy. */
	if (sqlite3_exec(db->sql, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		rc = mms_fail_sql(db, "starting the backup");
		goto out;
	}
	in_tx = 1;
	b = sqlite3_backup_init(dst, "main", db->sql, "main");
	if (!b) {
		rc = dest_error(db, dst, file);
		goto out;
	}
	do {
		step = sqlite3_backup_step(b, BACKUP_CHUNK);
		if (step == SQLITE_BUSY || step == SQLITE_LOCKED) {
			if (++retries > BACKUP_RETRY_MAX)
				break;
			sqlite3_sleep(BACKUP_RETRY_MS);
		}
	} while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED);
	if (pages)
		*pages = sqlite3_backup_pagecount(b);
	rc = sqlite3_backup_finish(b);
	b = NULL;
	if (step != SQLITE_DONE || rc != SQLITE_OK) {
		if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
			rc = mms_fail(db, MMS_EBUSY,
			              _("database '%s' is busy (another mms is writing to it); "
			                "try again later"),
			              db->path);
		else
			rc = dest_error(db, dst, file);
		goto out;
	}
	sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	in_tx = 0;
	/* A copy of a WAL database is a single file: no -wal to carry around. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		rc = dest_error(db, dst, file);
		goto out;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		rc = dest_error(db, dst, file);
		goto out;
	}
	dst = NULL;
	rc = MMS_OK;
out:
	if (in_tx)
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	if (dst)
		sqlite3_close(dst);
	/* in place (0600, never wider than the database), or the private folder removed */
	if (rc == MMS_OK) {
		rc = mms_outfile_end(db, &out, 1);
		if (rc == MMS_OK)
			sync_dir(file);
	} else {
		mms_outfile_end(db, &out, 0);
	}
	return rc;
}
