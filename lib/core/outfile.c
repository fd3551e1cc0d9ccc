/* Files written whole, in a private folder, never over the database or through a link. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "mms/outfile.h"

#define PRIVATE_PREFIX ".mms-tmp-" /* .mms-tmp-PID-XXXXXX: only mms names folders so */

/* The folder of PATH ("." for a bare name), malloc'd. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 1;
	char *d = malloc(n + 2);

	if (!d)
		return NULL;
	if (!slash)
		strcpy(d, ".");
	else if (slash == path)
		strcpy(d, "/");
	else {
		memcpy(d, path, n);
		d[n] = '\0';
	}
	return d;
}

/* Removes a private folder and what is in it (a file, SQLite's journal). */
static void remove_private(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d)) != NULL) {
			char p[4096];

			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* The private folders in FOLDER that a killed run of ours left. */
static void remove_stale(const char *folder)
{
	DIR *d = opendir(folder);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char p[4096];
		struct stat sb;
		long pid;
		char *end;

		if (strncmp(e->d_name, PRIVATE_PREFIX, strlen(PRIVATE_PREFIX)) != 0)
			continue;
		pid = strtol(e->d_name + strlen(PRIVATE_PREFIX), &end, 10);
		if (*end != '-' || pid <= 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", folder, e->d_name);
		if (lstat(p, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != geteuid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* its run is alive (or not ours to judge) */
		remove_private(p);
	}
	closedir(d);
}

/* Whether PATH is, by inode, the database or one of SQLite's files beside it. */
static int is_database(mms_db *db, const struct stat *target)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char p[4096];
	struct stat sb;

	if (!db || !db->path)
		return 0;
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", db->path, suffix[i]);
		if (stat(p, &sb) == 0 && sb.st_dev == target->st_dev && sb.st_ino == target->st_ino)
			return 1;
	}
	return 0;
}

int mms_outfile_begin(mms_db *db, const char *path, unsigned flags, mms_outfile *o)
{
	struct stat sb, dbs;
	char *folder;
	mode_t mask;
	size_t n;

	memset(o, 0, sizeof(*o));
	if (!path || !path[0])
		return mms_fail(db, MMS_EUSAGE, _("no output file given"));
	/* what the file may be: the umask's and 0600, never wider than the database */
	mask = umask(0);
	umask(mask);
	o->mode = 0600 & ~mask;
	if (db && db->path && stat(db->path, &dbs) == 0)
		o->mode &= dbs.st_mode & 0777;
	if (!strcmp(path, "-")) {
		o->stream = 2; /* the standard output, whatever it is */
	} else if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return mms_fail(db, MMS_EUSAGE, _("'%s' is a folder"), path);
		if (is_database(db, &sb))
			return mms_fail(db, MMS_EUSAGE,
			                _("'%s' is the database or one of its files: refused"),
			                path);
		if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))
			o->stream = 1;
		else if (!S_ISREG(sb.st_mode))
			return mms_fail(db, MMS_EUSAGE, _("'%s' is not a file mms writes to"),
			                path);
		else if (sb.st_uid != geteuid() && !(flags & MMS_OUT_FORCE))
			return mms_fail(db, MMS_EUSAGE,
			                _("'%s' belongs to another user: --force replaces it"),
			                path);
		else
			o->mode &= sb.st_mode & 0777; /* the stricter of the old and new modes */
	} else if (errno != ENOENT) {
		return mms_fail(db, MMS_EIO, _("cannot write '%s': %s"), path, strerror(errno));
	}
	/* the standard output's file is written in a private folder of the current one */
	folder = folder_of(o->stream == 2 ? "./-" : path);
	if (!folder)
		return mms_oom(db);
	remove_stale(folder);
	n = strlen(folder) + strlen(PRIVATE_PREFIX) + 32;
	o->dir = malloc(n);
	o->path = strdup(path);
	if (!o->dir || !o->path) {
		free(folder);
		free(o->dir);
		free(o->path);
		memset(o, 0, sizeof(*o));
		return mms_oom(db);
	}
	snprintf(o->dir, n, "%s/%s%ld-XXXXXX", folder, PRIVATE_PREFIX, (long)getpid());
	free(folder);
	if (!mkdtemp(o->dir)) {
		int err = errno;

		free(o->dir);
		free(o->path);
		memset(o, 0, sizeof(*o));
		return mms_fail(db, MMS_EIO, _("cannot write '%s': %s"), path, strerror(err));
	}
	{
		const char *base = strrchr(path, '/');

		base = base ? base + 1 : path;
		n = strlen(o->dir) + strlen(base) + 2;
		o->tmp = malloc(n);
		if (!o->tmp) {
			remove_private(o->dir);
			free(o->dir);
			free(o->path);
			memset(o, 0, sizeof(*o));
			return mms_oom(db);
		}
		snprintf(o->tmp, n, "%s/%s", o->dir, base);
	}
	return MMS_OK;
}

/* Copies the written file into a device or a FIFO, in place. */
static int copy_into(const char *from, const char *to, int to_stdout)
{
	char buf[1 << 16];
	int in = open(from, O_RDONLY);
	int out = in < 0 ? -1 : to_stdout ? dup(STDOUT_FILENO) : open(to, O_WRONLY | O_NOCTTY);
	ssize_t n = 0;
	int rc = 0;

	if (in < 0 || out < 0)
		rc = -1;
	while (rc == 0 && (n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));

			if (w < 0) {
				if (errno == EINTR)
					continue;
				rc = -1;
				break;
			}
			done += w;
		}
	}
	if (n < 0)
		rc = -1;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		rc = -1;
	return rc;
}

int mms_outfile_end(mms_db *db, mms_outfile *o, int ok)
{
	int rc = MMS_OK;

	if (!o->dir)
		return MMS_OK;
	if (ok) {
		int err = 0;

		if (o->stream) {
			if (copy_into(o->tmp, o->path, o->stream == 2) != 0)
				err = errno ? errno : EIO;
		} else if (chmod(o->tmp, o->mode) != 0 || rename(o->tmp, o->path) != 0) {
			err = errno;
		}
		if (err)
			rc = mms_fail(db, MMS_EIO, _("cannot write '%s': %s"), o->path,
			              strerror(err));
	}
	remove_private(o->dir);
	free(o->dir);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return rc;
}
