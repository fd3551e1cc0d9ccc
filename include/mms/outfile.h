/*
 * Files mms writes (a report, a programme, an order, a backup), written so
 * that they cannot hurt: into a private folder (0700, created with
 * O_EXCL, never through a planted link) beside the target, then renamed
 * over it whole.  The database and its -wal, -shm and -journal are never a
 * target, whatever link leads to them; a character device or a FIFO is
 * written in place, never replaced; a file of another user is replaced only
 * with MMS_OUT_FORCE.  What carries names is created 0600 (or what the
 * umask leaves, if less), never wider than the database, and a replaced
 * file keeps the stricter of its old and new modes.  A private folder left
 * by a killed run is removed by the next one writing beside it.
 */
#ifndef MMS_OUTFILE_H
#define MMS_OUTFILE_H

#include "mms/mms.h"

enum { MMS_OUT_FORCE = 1 << 0 /* replace a file of another user */ };

typedef struct mms_outfile {
	char *path;    /* the target */
	char *dir;     /* the private folder */
	char *tmp;     /* the file to write, in the private folder */
	int stream;    /* 1 a device or a FIFO, 2 "-" (stdout): the file is copied into it */
	unsigned mode; /* the permissions the file gets */
} mms_outfile;

/* Checks PATH and makes the private folder; O->tmp is the file to write. */
int mms_outfile_begin(mms_db *db, const char *path, unsigned flags, mms_outfile *o);

/* With OK, puts the file in place (rename, or a copy into a stream);
   always removes the private folder.  MMS_EIO when it cannot. */
int mms_outfile_end(mms_db *db, mms_outfile *o, int ok);

#endif
