/*
 * Checkpoints beside a long write: SQLite copies the write-ahead log into the
 * database once it passes 1 000 pages, after the commit that passed it and on
 * the committing thread, which waits for the copy and its fsync.  A command
 * that commits again and again (the classification, a run an assessment)
 * waited so 0.7 s of its 6.8 at 10 × the region.  Here a thread with a
 * connection of its own copies the log when asked, while the command reads
 * what it stores next (the classification 4 % shorter at 1 × and at 10 ×); a
 * checkpoint does not take the writers' lock, so other commands are not held
 * back by it either.
 */
#include <pthread.h>
#include <stdlib.h>

#include "internal.h"

struct mms_checkpointer {
	mms_db *db;
	sqlite3 *sql;       /* the thread's connection */
	int autocheckpoint; /* DB's, given back at the end */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	int pending, quit; /* under MU */
	long done;         /* checkpoints made: under MU */
};

static void *checkpointer(void *arg)
{
	mms_checkpointer *c = arg;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->pending && !c->quit)
			pthread_cond_wait(&c->wake, &c->mu);
		if (!c->pending)
			break;
		c->pending = 0;
		pthread_mutex_unlock(&c->mu);
		/* passive: what no reader still needs, without waiting for anyone; a
		   failure leaves the log as it was, for the next checkpoint */
		(void)sqlite3_wal_checkpoint_v2(c->sql, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL,
		                                NULL);
		pthread_mutex_lock(&c->mu);
		c->done++;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

mms_checkpointer *mms_checkpointer_start(mms_db *db)
{
	const char *file = db->sql ? sqlite3_db_filename(db->sql, "main") : NULL;
	mms_checkpointer *c;

	if (!file || !*file || db->readonly || db->depth > 0)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->db = db;
	if (mms_pragma_int(db, "PRAGMA wal_autocheckpoint", &c->autocheckpoint) != MMS_OK ||
	    sqlite3_open_v2(file, &c->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(c->sql, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL) != SQLITE_OK ||
	    pthread_mutex_init(&c->mu, NULL) != 0) {
		sqlite3_close_v2(c->sql);
		free(c);
		return NULL;
	}
	pthread_cond_init(&c->wake, NULL);
	if (pthread_create(&c->thread, NULL, checkpointer, c) != 0) {
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->mu);
		sqlite3_close_v2(c->sql);
		free(c);
		return NULL;
	}
	/* the commits no longer checkpoint: this thread does */
	sqlite3_wal_autocheckpoint(db->sql, 0);
	return c;
}

void mms_checkpoint_soon(mms_checkpointer *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	c->pending = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->mu);
}

long mms_checkpointer_stop(mms_checkpointer *c)
{
	long done;

	if (!c)
		return 0;
	pthread_mutex_lock(&c->mu);
	c->quit = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	done = c->done;
	sqlite3_close_v2(c->sql);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->mu);
	/* the commits checkpoint again, as they did */
	sqlite3_wal_autocheckpoint(c->db->sql, c->autocheckpoint);
	free(c);
	return done;
}
