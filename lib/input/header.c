#include <stdlib.h>
#include <string.h>

#include "input/source.h"
#include "text.h"

/* How many rows before the header a title block may take. */
#define TITLE_ROWS_MAX 30

void mms_columns_describe(const mms_column *cols, size_t ncols, mms_buf *out)
{
	int first = 1;

	for (size_t i = 0; i < ncols; i++) {
		if (!cols[i].required)
			continue;
		if (!first)
			mms_buf_adds(out, ", ");
		mms_buf_adds(out, cols[i].names[0]);
		first = 0;
	}
}

static int column_of(const mms_column *col, const char *key)
{
	for (const char *const *n = col->names; *n; n++) {
		char *k = mms_key(*n);
		int same = k && strcmp(k, key) == 0;

		free(k);
		if (same)
			return 1;
	}
	return 0;
}

/* Matches ROW as a header: the number of required columns found, or -1 on ENOMEM. */
static int match(const mms_column *cols, size_t ncols, const mms_row *row, int *map,
                 long *dup_field)
{
	int found = 0;

	*dup_field = -1;
	for (size_t i = 0; i < ncols; i++)
		map[i] = -1;
	for (size_t f = 0; f < row->n; f++) {
		char *key;

		if (!row->f[f][0])
			continue;
		key = mms_key(row->f[f]);
		if (!key)
			return -1;
		/* a trailing colon or unit in brackets is not part of the name */
		size_t kl = strlen(key);

		if (kl > 0 && key[kl - 1] == ':')
			key[kl - 1] = '\0';
		for (size_t i = 0; i < ncols; i++) {
			if (!column_of(&cols[i], key))
				continue;
			if (map[i] >= 0)
				*dup_field = (long)f;
			else {
				map[i] = (int)f;
				if (cols[i].required)
					found++;
			}
			break;
		}
		free(key);
	}
	return found;
}

struct header_ctx {
	mms_db *db;
	const mms_column *cols;
	size_t ncols;
	int *map;
	mms_row **header;
};

/* The probe of mms_src_header(): the first row with every required column. */
static int header_probe(void *ctx, mms_src *s)
{
	struct header_ctx *h = ctx;
	int required = 0, rows = 0;
	long first_line = 0;
	mms_row *row;
	int rc;

	for (size_t i = 0; i < h->ncols; i++)
		required += h->cols[i].required != 0;
	while ((rc = mms_src_next(s, &row)) == 1) {
		long dup;
		int found;

		if (mms_row_blank(row))
			continue;
		if (!first_line)
			first_line = row->line;
		found = match(h->cols, h->ncols, row, h->map, &dup);
		if (found < 0)
			return mms_oom(h->db);
		if (found == required) {
			if (dup >= 0) {
				mms_diag_cell(h->db, s, row->line, (int)dup,
				              _("column '%s' appears twice in the header"),
				              row->f[dup]);
				return MMS_EDATA;
			}
			*h->header = row;
			return MMS_OK;
		}
		if (++rows >= TITLE_ROWS_MAX)
			break;
	}
	if (rc < 0)
		return rc;
	if (!first_line) {
		mms_diag_cell(h->db, s, 0, -1,
		              mms_src_kind(s) == MMS_SRC_CSV ? _("the file has no rows")
		                                             : _("the sheet has no rows"));
		return MMS_EDATA;
	}
	{
		mms_buf want = {0};

		mms_columns_describe(h->cols, h->ncols, &want);
		mms_diag_cell(h->db, s, first_line, -1,
		              _("unknown column set: expected a header with the columns %s"),
		              want.p ? want.p : "");
		mms_buf_free(&want);
	}
	return MMS_EDATA;
}

int mms_src_header(mms_db *db, mms_src *s, const mms_column *cols, size_t ncols, int *map,
                   mms_row **header)
{
	struct header_ctx h = {db, cols, ncols, map, header};

	return mms_src_find(db, s, header_probe, &h);
}
