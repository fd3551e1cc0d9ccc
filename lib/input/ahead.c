/*
 * Reading CSV files ahead of an import (see mms_src_ahead_start() in
 * input/source.h): a thread opens each file of the import's list in turn,
 * decodes it, splits it into rows and queues them, while the import stores
 * the rows of the files before.  On two cores the parsing costs the import
 * no time.
 *
 * The thread never touches the database.  What it finds (a file that cannot
 * be read, a quote left open) is said on a handle of its own that has only
 * the messages, queued after the rows before it, and moved onto the
 * import's database when the import gets there: the import sees the same
 * rows, diagnostics and errors, in the same order, as when it reads the
 * file itself.  The queue holds at most AHEAD_CHUNKS chunks of rows.
 */
#define _GNU_SOURCE /* preadv2(), RWF_NOWAIT */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "input/source.h"
#include "text.h"

#define CHUNK_BYTES 65536 /* a chunk's size, unless one row needs more */
#define AHEAD_CHUNKS 64   /* chunks queued at most: 4 MiB of rows */
#define AHEAD_FILES 64    /* files asked of the system before they are read */

enum ev_kind { EV_OPEN, EV_ROW, EV_END };

/* What the thread found opening a file (EV_OPEN) or at its end (EV_END). */
struct note {
	int rc;
	int ahead;    /* EV_OPEN: the thread reads the file (else mms_src_open() is to) */
	char hex[65]; /* EV_END: the file's SHA-256 */
	mms_db found; /* its diagnostics and error; no SQLite */
};

/* An event in a chunk: this head, then for a row its fields' offsets and texts, NUL-terminated. */
struct ev {
	uint32_t kind;    /* enum ev_kind */
	uint32_t n;       /* a row's fields */
	int32_t index;    /* the file's place in the list */
	int32_t controls; /* a row: a field holds a control character */
	long line;        /* a row's line */
	struct note *note;
	size_t bytes; /* the offsets and texts after the head, rounded up to a multiple of 8 */
};

struct chunk {
	struct chunk *next;
	size_t len, cap;
	_Alignas(8) char data[];
};

struct mms_src_ahead {
	char **paths;
	int n;
	enum mms_encoding enc;

	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t nonempty, nonfull;
	struct chunk *head, *tail; /* published, not yet taken: under MU */
	size_t queued;             /* their count: under MU */
	int done;                  /* the thread has ended: under MU */
	int failed;                /* it ran out of memory for the queue: under MU */
	atomic_int quit;           /* the thread is to stop */
	atomic_int skip;           /* the thread leaves the rest of the files below this */

	struct chunk *w; /* the thread's chunk being written */
	int cold_until;  /* the thread asks for the files up to AHEAD_FILES past this one */

	struct chunk *r; /* the import's chunk being read, and where */
	size_t rpos;
	char **ptrs;
	size_t capptrs;
	mms_row row;
};

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void note_free(struct note *note)
{
	if (!note)
		return;
	mms_diag_clear(&note->found);
	free(note);
}

/* Frees chunk C and the notes of its events. */
static void chunk_free(struct chunk *c)
{
	for (size_t pos = 0; c && pos < c->len;) {
		struct ev *e = (struct ev *)(void *)(c->data + pos);

		note_free(e->note);
		pos += sizeof(*e) + e->bytes;
	}
	free(c);
}

/* The thread: the chunk written so far joins the queue.  Under MU. */
static void publish(mms_src_ahead *a)
{
	if (!a->w || !a->w->len)
		return;
	if (a->tail)
		a->tail->next = a->w;
	else
		a->head = a->w;
	a->tail = a->w;
	a->queued++;
	a->w = NULL;
	pthread_cond_signal(&a->nonempty);
}

/* The thread: publishes its chunk and waits for room.  1 to stop, 0 on. */
static int flush(mms_src_ahead *a)
{
	int stop;

	pthread_mutex_lock(&a->mu);
	publish(a);
	while (a->queued >= AHEAD_CHUNKS && !atomic_load(&a->quit))
		pthread_cond_wait(&a->nonfull, &a->mu);
	stop = atomic_load(&a->quit);
	pthread_mutex_unlock(&a->mu);
	return stop;
}

/*
 * The thread: room for an event of NEED bytes in its chunk, flushing a full
 * one.  The event's place; NULL when out of memory or told to stop (*STOP).
 */
static struct ev *room(mms_src_ahead *a, size_t need, int *stop)
{
	*stop = 0;
	if (a->w && a->w->cap - a->w->len < need && (*stop = flush(a)) != 0)
		return NULL;
	if (!a->w) {
		size_t cap = need > CHUNK_BYTES ? need : CHUNK_BYTES;

		a->w = malloc(sizeof(*a->w) + cap);
		if (!a->w)
			return NULL;
		a->w->next = NULL;
		a->w->len = 0;
		a->w->cap = cap;
	}
	return (struct ev *)(void *)(a->w->data + a->w->len);
}

/* The thread: queues a note.  0; 1 to stop; < 0 out of memory (NOTE freed either way). */
static int put_note(mms_src_ahead *a, enum ev_kind kind, int index, struct note *note)
{
	int stop;
	struct ev *e = room(a, sizeof(*e), &stop);

	if (!e) {
		note_free(note);
		return stop ? 1 : -1;
	}
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->index = index;
	e->note = note;
	a->w->len += sizeof(*e);
	/* the import may be waiting for this file */
	return flush(a);
}

/* The thread: queues ROW.  0; 1 to stop; < 0 out of memory. */
static int put_row(mms_src_ahead *a, int index, const mms_row *row, const size_t *len)
{
	size_t text = 0, head = round8(row->n * sizeof(uint32_t)), bytes;
	int stop, controls = 0;
	struct ev *e;
	uint32_t *off;
	char *texts;

	/* a row is shorter than MMS_LINE_MAX, its offsets fit */
	for (size_t i = 0; i < row->n; i++) {
		text += len[i] + 1;
		if (!row->clean)
			controls |= mms_text_control(row->f[i], 1) != 0;
	}
	bytes = head + round8(text);
	e = room(a, sizeof(*e) + bytes, &stop);
	if (!e)
		return stop ? 1 : -1;
	e->kind = EV_ROW;
	e->n = (uint32_t)row->n;
	e->index = index;
	e->controls = controls;
	e->line = row->line;
	e->note = NULL;
	e->bytes = bytes;
	off = (uint32_t *)(void *)(e + 1);
	texts = (char *)(e + 1) + head;
	text = 0;
	for (size_t i = 0; i < row->n; i++) {
		memcpy(texts + text, row->f[i], len[i] + 1);
		off[i] = (uint32_t)text;
		text += len[i] + 1;
	}
	a->w->len += sizeof(*e) + bytes;
	return 0;
}

/*
 * The first LEN bytes of FD into BUF: their count, or -1.  *COLD is set when
 * they were not in the system's cache (or whether they were cannot be told).
 */
static ssize_t head_read(int fd, unsigned char *buf, size_t len, int *cold)
{
#ifdef RWF_NOWAIT
	struct iovec v = {buf, len};
	ssize_t n = preadv2(fd, &v, 1, 0, RWF_NOWAIT);

	if (n >= 0)
		return n;
#endif
	*cold = 1;
	return pread(fd, buf, len, 0);
}

/*
 * 1 if the start of PATH says it is CSV; 0 for a workbook, a file that cannot
 * be read, or an input that can be read only once (a pipe: mms_src_open()
 * copies it first, input/spool.h), which are left to the import.  *COLD: the
 * file was not in the system's cache.
 */
static int csv_file(const char *path, int *cold)
{
	unsigned char head[8] = {0};
	struct stat st;
	ssize_t n;
	int fd;

	*cold = 0;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = head_read(fd, head, sizeof(head), cold);
	close(fd);
	return n >= 0 && mms_src_magic(head, (size_t)n) == MMS_SRC_CSV;
}

/* The thread: reads file INDEX into the queue.  0; 1 to stop; < 0 out of memory. */
static int read_file(mms_src_ahead *a, int index)
{
	struct note *open = calloc(1, sizeof(*open)), *end;
	int cold;
	mms_db found;
	mms_csv *c = NULL;
	mms_row *row;
	int rc, file_rc = 0;

	if (!open)
		return -1;
	/* a workbook, or a file that mms_src_open() is to fail on with its message */
	open->ahead = csv_file(a->paths[index], &cold);
	if (cold) /* the files after it are asked for (reader()) */
		a->cold_until = index + AHEAD_FILES;
	if (!open->ahead)
		return put_note(a, EV_OPEN, index, open);
	memset(&found, 0, sizeof(found));
	open->rc = mms_csv_open(&found, a->paths[index], a->enc, &c);
	open->found = found;
	memset(&found, 0, sizeof(found));
	if (open->rc != MMS_OK)
		return put_note(a, EV_OPEN, index, open);
	rc = put_note(a, EV_OPEN, index, open);
	while (rc == 0) {
		if (atomic_load_explicit(&a->skip, memory_order_relaxed) > index)
			break; /* the import has left this file */
		file_rc = mms_csv_next(c, &row);
		if (file_rc <= 0)
			break;
		rc = put_row(a, index, row, mms_csv_lengths(c));
	}
	if (rc != 0) { /* stopped, or no memory for the queue */
		mms_csv_close(c);
		mms_diag_clear(&found);
		return rc;
	}
	end = calloc(1, sizeof(*end));
	if (!end) {
		mms_csv_close(c);
		mms_diag_clear(&found);
		return -1;
	}
	end->rc = file_rc;
	mms_csv_sha256(c, end->hex);
	mms_csv_close(c);
	end->found = found;
	return put_note(a, EV_END, index, end);
}

/*
 * The thread: asks the system for the file at PATH, to be read from the disk
 * while the files before it are read here.  Files read one after another
 * wait for the disk one at a time: an assessment's 5 000 files at 10 × the
 * region, none in the system's cache, took 0.48 s read so, and 0.1 s asked
 * for together; its import under the write lock 1.15 – 1.38 s, and 0.85 –
 * 1.09 so.  Files in the cache are not asked for (4 µs a file for nothing):
 * only the AHEAD_FILES after one that was not.
 */
static void advise(const char *path)
{
#ifdef POSIX_FADV_WILLNEED
	struct stat st;
	int fd;

	/* files alone: opening a FIFO would let its writer start and then leave it
	   without a reader (it is read, or said, in its turn) */
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return; /* said when it is read */
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
	close(fd);
#else
	(void)path;
#endif
}

static void *reader(void *arg)
{
	mms_src_ahead *a = arg;
	int rc = 0, advised = 0; /* the files asked for are those below it */

#ifdef __linux__
	prctl(PR_SET_NAME, "mms-ahead"); /* top -H and perf tell it from the import */
#endif
	a->cold_until = -1;
	for (int i = 0; i < a->n && rc == 0; i++) {
		/* after a file that was not in the cache, the next AHEAD_FILES files on
		   their way while this one is read */
		if (advised <= i)
			advised = i + 1;
		for (; i <= a->cold_until && advised < a->n && advised <= i + AHEAD_FILES;
		     advised++)
			advise(a->paths[advised]);
		rc = atomic_load(&a->quit) ? 1 : read_file(a, i);
	}
	pthread_mutex_lock(&a->mu);
	publish(a);
	a->done = 1;
	a->failed = rc < 0;
	pthread_cond_broadcast(&a->nonempty);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/* Frees the copies of the list's paths made so far (NULL ones ended it). */
static void paths_free(mms_src_ahead *a)
{
	for (int i = 0; a->paths && i < a->n && a->paths[i]; i++)
		free(a->paths[i]);
	free(a->paths);
	a->paths = NULL;
}

mms_src_ahead *mms_src_ahead_start(const char *const *paths, int n, enum mms_encoding enc)
{
	mms_src_ahead *a;

	if (n <= 0)
		return NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->paths = calloc((size_t)n, sizeof(*a->paths));
	a->n = n;
	a->enc = enc;
	for (int i = 0; a->paths && i < n; i++)
		if (!(a->paths[i] = strdup(paths[i])))
			paths_free(a);
	if (!a->paths || pthread_mutex_init(&a->mu, NULL) != 0) {
		paths_free(a);
		free(a);
		return NULL;
	}
	pthread_cond_init(&a->nonempty, NULL);
	pthread_cond_init(&a->nonfull, NULL);
	if (pthread_create(&a->thread, NULL, reader, a) != 0) {
		/* no thread: the import reads its files itself */
		a->thread = pthread_self();
		a->done = 1;
		mms_src_ahead_stop(a);
		return NULL;
	}
	return a;
}

void mms_src_ahead_stop(mms_src_ahead *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	atomic_store(&a->quit, 1);
	pthread_cond_broadcast(&a->nonfull);
	pthread_mutex_unlock(&a->mu);
	if (!pthread_equal(a->thread, pthread_self()))
		pthread_join(a->thread, NULL);
	while (a->head) {
		struct chunk *next = a->head->next;

		chunk_free(a->head);
		a->head = next;
	}
	chunk_free(a->w);
	chunk_free(a->r);
	pthread_cond_destroy(&a->nonempty);
	pthread_cond_destroy(&a->nonfull);
	pthread_mutex_destroy(&a->mu);
	paths_free(a);
	free(a->ptrs);
	free(a);
}

/*
 * The import: the next event, waiting for the thread; NULL when it has
 * ended (*FAILED if out of memory).  The event stays valid until the next
 * call; its note is the caller's.
 */
static struct ev *take(mms_src_ahead *a, int *failed)
{
	*failed = 0;
	for (;;) {
		if (a->r && a->rpos < a->r->len) {
			struct ev *e = (struct ev *)(void *)(a->r->data + a->rpos);

			a->rpos += sizeof(*e) + e->bytes;
			return e;
		}
		free(a->r); /* its notes were taken */
		a->r = NULL;
		pthread_mutex_lock(&a->mu);
		while (!a->head && !a->done)
			pthread_cond_wait(&a->nonempty, &a->mu);
		if (!a->head) {
			*failed = a->failed;
			pthread_mutex_unlock(&a->mu);
			return NULL;
		}
		a->r = a->head;
		a->head = a->head->next;
		if (!a->head)
			a->tail = NULL;
		a->queued--;
		a->rpos = 0;
		/* a full queue is let go on at half: the thread then fills it again
		   at once, woken once for AHEAD_CHUNKS / 2 chunks, not each one */
		if (a->queued == AHEAD_CHUNKS / 2)
			pthread_cond_signal(&a->nonfull);
		pthread_mutex_unlock(&a->mu);
	}
}

/* The import: says what NOTE found on DB and frees it; its rc. */
static int said(mms_db *db, struct note *note)
{
	int rc = note->rc;

	mms_diag_take(db, &note->found);
	note_free(note);
	return rc;
}

int mms_src_ahead_open(mms_src_ahead *a, mms_db *db, int index, int *ahead)
{
	struct ev *e;
	int failed;

	*ahead = 0;
	while ((e = take(a, &failed)) != NULL) {
		struct note *note = e->note;

		e->note = NULL;
		if (e->index < index) { /* a file before, left unread */
			note_free(note);
			continue;
		}
		if (e->kind != EV_OPEN || e->index != index) { /* out of order: read it plainly */
			note_free(note);
			return MMS_OK;
		}
		*ahead = note->ahead && note->rc == MMS_OK;
		return said(db, note);
	}
	return failed ? mms_oom(db) : MMS_OK;
}

int mms_src_ahead_next(mms_src_ahead *a, mms_db *db, int index, mms_row **row, int *controls,
                       char hex[65])
{
	const uint32_t *off;
	struct ev *e;
	int failed;
	char *texts;

	e = take(a, &failed);
	if (!e)
		return failed ? mms_oom(db)
		              : mms_fail(db, MMS_ERROR, "the reader ahead ended early");
	if (e->index != index || e->kind == EV_OPEN) {
		note_free(e->note);
		e->note = NULL;
		return mms_fail(db, MMS_ERROR, "the reader ahead is out of step");
	}
	if (e->kind == EV_END) {
		struct note *note = e->note;

		e->note = NULL;
		memcpy(hex, note->hex, 65);
		return said(db, note);
	}
	if (mms_grow((void **)&a->ptrs, &a->capptrs, (size_t)e->n + 1, sizeof(*a->ptrs)) < 0)
		return mms_oom(db);
	off = (const uint32_t *)(const void *)(e + 1);
	texts = (char *)(e + 1) + round8(e->n * sizeof(uint32_t));
	for (uint32_t i = 0; i < e->n; i++)
		a->ptrs[i] = texts + off[i];
	a->ptrs[e->n] = NULL;
	a->row.n = e->n;
	a->row.f = a->ptrs;
	a->row.line = e->line;
	*row = &a->row;
	*controls = e->controls;
	return 1;
}

void mms_src_ahead_leave(mms_src_ahead *a, int index)
{
	struct ev *e;
	int failed;

	atomic_store(&a->skip, index + 1);
	while ((e = take(a, &failed)) != NULL) {
		int end = e->kind == EV_END && e->index == index;

		note_free(e->note);
		e->note = NULL;
		if (end || e->index > index)
			return;
	}
}
