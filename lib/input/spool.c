/*
 * Inputs that can be read only once: a pipe (a script's <(unzip -p …) or
 * /dev/stdin), a FIFO, a terminal.  Every reader here opens its file by name
 * more than once (its first bytes tell a workbook from CSV, then it is read;
 * a description is read twice), and a pipe reopened has lost what was read
 * of it.  Such an input is read to its end once, into a temporary file that
 * has no name in any folder (nothing of a school's file is left behind if
 * mms is killed), and opened by its descriptor's name from then on.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/spool.h"

#ifdef __linux__
/* An input read once, kept until the process ends: its name (real) stays valid
   while other inputs are copied, as nothing here moves or is freed. */
struct spooled {
	struct spooled *next;
	char *path; /* as given */
	dev_t dev;  /* the stream's identity when it was read: a pipe's name */
	ino_t ino;  /* (/dev/fd/63) may name another pipe later in the process */
	int fd;
	char real[40]; /* its copy: /proc/self/fd/N */
};

static pthread_mutex_t spool_mu = PTHREAD_MUTEX_INITIALIZER;
static struct spooled *spooled; /* under spool_mu */

/* A new temporary file without a name, open for reading and writing; -1 with errno. */
static int nameless(void)
{
	const char *dir = getenv("TMPDIR");
	char name[4096];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
#endif
	/* a file system without O_TMPFILE: a name, taken away at once */
	if (snprintf(name, sizeof(name), "%s/mms-input-XXXXXX", dir) >= (int)sizeof(name)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = mkstemp(name);
	if (fd >= 0) {
		unlink(name);
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	return fd;
}

/* Copies what can be read from NAME into a nameless file: its descriptor, or -1
   (said on DB of PATH, NAME as the user gave it). */
static int copy(mms_db *db, const char *name, const char *path)
{
	char buf[65536];
	int in = open(name, O_RDONLY | O_CLOEXEC), out;
	ssize_t got;

	if (in < 0) {
		mms_fail(db, MMS_EOPEN, _("cannot open '%s': %s"), path, strerror(errno));
		return -1;
	}
	out = nameless();
	if (out < 0) {
		int e = errno;

		close(in);
		mms_fail(db, MMS_EOPEN, _("cannot copy '%s' into a temporary file: %s"), path,
		         strerror(e));
		return -1;
	}
	while ((got = read(in, buf, sizeof(buf))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			mms_fail(db, MMS_EOPEN, _("cannot read '%s': %s"), path, strerror(errno));
			break;
		}
		for (ssize_t done = 0, w; done < got; done += w) {
			w = write(out, buf + done, (size_t)(got - done));
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w < 0) {
				mms_fail(db, MMS_EOPEN,
				         _("cannot copy '%s' into a temporary file: %s"), path,
				         strerror(errno));
				got = -1;
				break;
			}
		}
		if (got < 0)
			break;
	}
	close(in);
	if (got != 0) {
		close(out);
		return -1;
	}
	return out;
}

/* The copy of NAME (PATH as given), whose stat is ST: made the first time. */
static int spool(mms_db *db, const char *name, const char *path, const struct stat *st,
                 const char **real)
{
	struct spooled *s;
	int rc = MMS_OK;

	pthread_mutex_lock(&spool_mu);
	for (s = spooled; s; s = s->next)
		if (s->dev == st->st_dev && s->ino == st->st_ino && strcmp(s->path, path) == 0)
			break;
	if (!s) {
		s = calloc(1, sizeof(*s));
		if (!s || !(s->path = strdup(path))) {
			free(s);
			rc = mms_oom(db);
			goto out;
		}
		s->fd = copy(db, name, path);
		if (s->fd < 0) {
			free(s->path);
			free(s);
			rc = MMS_EOPEN;
			goto out;
		}
		s->dev = st->st_dev;
		s->ino = st->st_ino;
		snprintf(s->real, sizeof(s->real), "/proc/self/fd/%d", s->fd);
		s->next = spooled;
		spooled = s;
	}
	*real = s->real;
out:
	pthread_mutex_unlock(&spool_mu);
	return rc;
}
#endif /* __linux__ */

int mms_input_file(mms_db *db, const char *path, const char **real)
{
	/* "-", as for -o: the standard input */
	const char *name = strcmp(path, "-") == 0 ? "/dev/stdin" : path;
	struct stat st;

	*real = name;
	/* a file that cannot be looked at (gone, forbidden) is said by its opener */
	if (stat(name, &st) != 0 ||
	    !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISSOCK(st.st_mode)))
		return MMS_OK;
#ifdef __linux__
	return spool(db, name, path, &st, real);
#else
	/* no /proc/self/fd to open the copy by */
	return mms_fail(db, MMS_EOPEN, _("cannot read '%s': %s"), path, strerror(ESPIPE));
#endif
}

FILE *mms_input_fopen(mms_db *db, const char *path, int *rc)
{
	const char *real;
	FILE *fp;

	*rc = mms_input_file(db, path, &real);
	if (*rc != MMS_OK)
		return NULL;
	fp = fopen(real, "rb");
	if (!fp)
		*rc = mms_fail(db, MMS_EOPEN, _("cannot open '%s': %s"), path, strerror(errno));
	return fp;
}
