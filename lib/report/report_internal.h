/* What the files of lib/report/ share. */
#ifndef MMS_REPORT_INTERNAL_H
#define MMS_REPORT_INTERNAL_H

#include <stdint.h>

#include "internal.h"
#include "mms/report.h"

struct report_ctx {
	mms_db *db;
	const mms_report_opts *o;
	mms_report *r;
	int64_t school;     /* the --school's id, 0: the district */
	int64_t assessment; /* the --assessment's id, 0: all */
	int64_t *aids;      /* the assessments' ids, one per r->assessments */
	int64_t *runs;      /* their latest classification runs */
};

/* A malloc'd copy of column I (NULL for NULL); sets *OOM when memory runs out. */
int report_nomem(mms_db *db);
/* Steps ST to its end; an error sets the handle's message. */
int report_step_error(mms_db *db, int rc);

/* followup.c: the programme items at a later assessment. */
int report_followup(struct report_ctx *c);

#endif
