/*
 * How deficit_result and teacher_result store what their generated columns read
 * as words (schema migration 26): a row's task level, verdict, spread and
 * persistence packed in one small integer, codes, and its thresholds as whole
 * ten-thousandths when they are.
 */
#ifndef MMS_DEFICITS_CODES_H
#define MMS_DEFICITS_CODES_H

#include <sqlite3.h>

#include "mms/deficits.h"

/* The rows' codes: bits 0-1 the task level (0 Б, 1 П, 2 В), 2-3 the verdict
   (enum mms_verdict), 4-6 the spread + 1 (0 for none: enum mms_spread), 7-8 the
   persistence (enum mms_persistence, 0 for none; a teacher's row has none).  A row
   without a deficit takes a byte. */
static inline int mms_result_codes(int task_level, enum mms_verdict verdict, enum mms_spread spread,
                                   enum mms_persistence persistence)
{
	return task_level | (int)verdict << 2 | ((int)spread + 1) << 4 | (int)persistence << 7;
}

/* Binds threshold T at I of a statement storing a row's threshold_stored or
   sufficient_stored: its ten-thousandths, exactly, when T is a whole number of them (2
   bytes where a REAL takes 8; the column reads them divided by 10000.0, the same
   division in SQLite as here), else -T, a negative REAL (the column reads it negated:
   the sign tells the two apart at no cost to an insert, where typeof() took a twentieth
   of it). */
static inline void mms_bind_threshold(sqlite3_stmt *st, int i, double t)
{
	sqlite3_int64 k;

	if (!(t >= 0 && t <= 1)) { /* NaN too: not a threshold a version holds */
		sqlite3_bind_double(st, i, t);
		return;
	}
	k = (sqlite3_int64)(t * 10000.0 + 0.5);
	if ((double)k / 10000.0 == t)
		sqlite3_bind_int64(st, i, k);
	else
		sqlite3_bind_double(st, i, -t);
}

#endif
