/* Inputs that can be read only once (input/spool.c). */
#ifndef MMS_SPOOL_H
#define MMS_SPOOL_H

#include <stdio.h>

#include "internal.h"

/*
 * The name to open PATH by, into *REAL: PATH itself for a file (or one that
 * cannot be looked at: its opening says why); "-" is the standard input, as
 * "-o -" is the standard output.  An input that can be read only
 * once (a pipe such as <(unzip -p …) or /dev/stdin, a FIFO, a terminal) is
 * read to its end the first time, into a temporary file without a name that
 * *REAL names until the process ends: telling its kind, reading it and
 * reading it again read the same bytes.  MMS_EOPEN (said on DB) when it
 * cannot be read or copied.
 */
int mms_input_file(mms_db *db, const char *path, const char **real);
/* PATH opened for reading, by mms_input_file()'s name; NULL with *RC set (said on DB). */
FILE *mms_input_fopen(mms_db *db, const char *path, int *rc);

#endif
