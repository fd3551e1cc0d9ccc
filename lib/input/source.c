/* The row source of every import: CSV, .xlsx or .xls, recognised by content. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/source.h"
#include "input/spool.h"
#include "input/xls.h"
#include "input/xlsx.h"
#include "sha256.h"
#include "text.h"

/* What a sheet looks like, for a message: its first row, cut to this. */
#define LOOKS_MAX 80

struct mms_src {
	mms_db *db;
	enum mms_src_kind kind;
	char *path;
	mms_csv *csv;
	mms_xlsx *xlsx;
	mms_xls *xls;
	int nsheets, cur;
	int named;      /* the user named the sheet */
	char **looks;   /* each sheet's first row, once read ("" if empty) */
	char hex[65];   /* a workbook's SHA-256 */
	mms_row padded; /* a workbook's row, fitted to its header */
	char **ptrs;
	size_t capptrs;
	int controls;         /* a cell held a control character: the file is refused at its end */
	mms_src_ahead *ahead; /* a CSV file read ahead: file INDEX of its list */
	int index;
	int ended; /* its last row was read */
};

static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

enum mms_src_kind mms_src_magic(const unsigned char *head, size_t n)
{
	if (n >= 4 && !memcmp(head, zip_magic, 4))
		return MMS_SRC_XLSX;
	if (n >= 8 && !memcmp(head, ole_magic, 8))
		return MMS_SRC_XLS;
	return MMS_SRC_CSV;
}

/* What PATH is, from its first bytes; its SHA-256 into HEX for a workbook. */
static int sniff(mms_db *db, const char *path, enum mms_src_kind *kind, char hex[65])
{
	unsigned char head[8] = {0}, buf[65536];
	mms_sha256 sha;
	size_t n, got;
	int rc;
	FILE *fp = mms_input_fopen(db, path, &rc);

	if (!fp)
		return rc;
	n = fread(head, 1, sizeof(head), fp);
	*kind = mms_src_magic(head, n);
	if (*kind != MMS_SRC_CSV && !ferror(fp)) {
		mms_sha256_init(&sha);
		mms_sha256_update(&sha, head, n);
		while ((got = fread(buf, 1, sizeof(buf), fp)) > 0)
			mms_sha256_update(&sha, buf, got);
		mms_sha256_hex(&sha, hex);
	}
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		return mms_fail(db, MMS_EOPEN, _("cannot read '%s': %s"), path, strerror(e));
	}
	fclose(fp);
	return MMS_OK;
}

static int book_sheets(const mms_src *s)
{
	return s->kind == MMS_SRC_XLSX ? mms_xlsx_sheets(s->xlsx) : mms_xls_sheets(s->xls);
}

const char *mms_src_sheet_name(const mms_src *s, int i)
{
	if (i < 0 || i >= s->nsheets)
		return NULL;
	switch (s->kind) {
	case MMS_SRC_XLSX:
		return mms_xlsx_sheet_name(s->xlsx, i);
	case MMS_SRC_XLS:
		return mms_xls_sheet_name(s->xls, i);
	default:
		return NULL;
	}
}

int mms_src_select(mms_src *s, int i)
{
	int rc = MMS_OK;

	if (i < 0 || i >= s->nsheets)
		return mms_fail(s->db, MMS_ERROR, "no sheet %d", i);
	if (s->kind == MMS_SRC_XLSX)
		rc = mms_xlsx_select(s->xlsx, i);
	else if (s->kind == MMS_SRC_XLS)
		rc = mms_xls_select(s->xls, i);
	if (rc == MMS_OK)
		s->cur = i;
	return rc;
}

/* "«Лист1», «Лист2»" */
static void list_sheets(const mms_src *s, mms_buf *out)
{
	for (int i = 0; i < s->nsheets; i++)
		mms_buf_addf(out, "%s«%s»", i ? ", " : "", mms_src_sheet_name(s, i));
}

/* Makes the sheet named NAME current; MMS_EDATA listing the sheets if there is none. */
static int select_named(mms_src *s, const char *name)
{
	char *want = mms_key(name);
	mms_buf list = {0};
	int found = -1;

	if (!want)
		return mms_oom(s->db);
	for (int i = 0; i < s->nsheets && found < 0; i++) {
		char *k = mms_key(mms_src_sheet_name(s, i));

		if (!k) {
			free(want);
			return mms_oom(s->db);
		}
		if (!strcmp(k, want))
			found = i;
		free(k);
	}
	free(want);
	if (found >= 0) {
		s->named = 1;
		return mms_src_select(s, found);
	}
	list_sheets(s, &list);
	mms_diag(s->db, s->path, 0, _("the workbook has no sheet '%s' (its sheets: %s)"), name,
	         list.p ? list.p : "");
	mms_buf_free(&list);
	return MMS_EDATA;
}

int mms_src_open(mms_db *db, const char *path, enum mms_encoding enc, const char *sheet,
                 mms_src **out)
{
	mms_src *s;
	int rc;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return mms_oom(db);
	}
	s->db = db;
	s->nsheets = 1;
	rc = sniff(db, path, &s->kind, s->hex);
	if (rc == MMS_OK) {
		switch (s->kind) {
		case MMS_SRC_XLSX:
			rc = mms_xlsx_open(db, path, &s->xlsx);
			break;
		case MMS_SRC_XLS:
			rc = mms_xls_open(db, path, &s->xls);
			break;
		default:
			rc = mms_csv_open(db, path, enc, &s->csv);
		}
	}
	if (rc == MMS_OK && s->kind != MMS_SRC_CSV) {
		s->nsheets = book_sheets(s);
		if (s->nsheets <= 0) {
			mms_diag(db, path, 0, _("the workbook has no sheets"));
			rc = MMS_EDATA;
		}
	}
	if (rc == MMS_OK && s->kind != MMS_SRC_CSV) {
		s->looks = calloc((size_t)s->nsheets, sizeof(*s->looks));
		if (!s->looks)
			rc = mms_oom(db);
		else if (sheet)
			rc = select_named(s, sheet);
		else
			rc = mms_src_select(s, 0);
	}
	if (rc != MMS_OK) {
		mms_src_close(s);
		return rc;
	}
	*out = s;
	return MMS_OK;
}

int mms_src_open_ahead(mms_db *db, mms_src_ahead *a, int i, const char *path, enum mms_encoding enc,
                       const char *sheet, mms_src **out)
{
	mms_src *s;
	int rc, ahead = 0;

	*out = NULL;
	if (a && (rc = mms_src_ahead_open(a, db, i, &ahead)) != MMS_OK)
		return rc;
	if (!ahead)
		return mms_src_open(db, path, enc, sheet, out);
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		mms_src_ahead_leave(a, i);
		return mms_oom(db);
	}
	s->db = db;
	s->nsheets = 1;
	s->kind = MMS_SRC_CSV;
	s->ahead = a;
	s->index = i;
	*out = s;
	return MMS_OK;
}

/* Notes what the current sheet looks like: its first row, cells joined by " | ". */
static void note_looks(mms_src *s, const mms_row *row)
{
	mms_buf b = {0};

	if (s->looks[s->cur] || mms_row_blank(row))
		return;
	for (size_t i = 0; i < row->n && b.len < LOOKS_MAX; i++)
		if (row->f[i][0])
			mms_buf_addf(&b, "%s%s", b.len ? " | " : "", row->f[i]);
	if (b.p && b.len > LOOKS_MAX) {
		size_t cut = LOOKS_MAX;

		/* on a whole UTF-8 character */
		while (cut > 0 && ((unsigned char)b.p[cut] & 0xC0) == 0x80)
			cut--;
		b.p[cut] = '\0';
		b.len = cut;
		mms_buf_adds(&b, "…");
	}
	s->looks[s->cur] = b.p ? b.p : strdup("");
}

/*
 * A cell that could drive a terminal or reorder text (an escape sequence,
 * a C1 control, U+202E…) is named with its place; the row still comes, so
 * that every such cell is said, and the file is refused at its end.
 */
static void check_controls(mms_src *s, const mms_row *row)
{
	for (size_t i = 0; i < row->n; i++) {
		unsigned cp = mms_text_control(row->f[i], 1);

		if (cp) {
			mms_diag_cell(
			    s->db, s, row->line, (int)i,
			    _("an invisible control character U+%04X is in '%s': refused"), cp,
			    row->f[i]);
			s->controls = 1;
		}
	}
}

int mms_src_next(mms_src *s, mms_row **row)
{
	int rc, controls = 1;

	if (s->ahead) {
		rc = s->ended
		         ? 0
		         : mms_src_ahead_next(s->ahead, s->db, s->index, row, &controls, s->hex);
		s->ended = rc <= 0;
	} else {
		switch (s->kind) {
		case MMS_SRC_XLSX:
			rc = mms_xlsx_next(s->xlsx, row);
			break;
		case MMS_SRC_XLS:
			rc = mms_xls_next(s->xls, row);
			break;
		default:
			rc = mms_csv_next(s->csv, row);
			break;
		}
	}
	if (rc == 1 && s->kind != MMS_SRC_CSV)
		note_looks(s, *row);
	/* the reader ahead looked for them, or the line was looked at whole */
	if (rc == 1 && controls && !(*row)->clean)
		check_controls(s, *row);
	if (rc == 0 && s->controls)
		return MMS_EDATA;
	return rc;
}

enum mms_src_kind mms_src_kind(const mms_src *s)
{
	return s->kind;
}

const char *mms_src_path(const mms_src *s)
{
	return s->path;
}

int mms_src_sheets(const mms_src *s)
{
	return s->nsheets;
}

int mms_src_sheet(const mms_src *s)
{
	return s->cur;
}

void mms_src_sha256(mms_src *s, char hex[65])
{
	if (s->kind == MMS_SRC_CSV && !s->ahead)
		mms_csv_sha256(s->csv, hex);
	else
		memcpy(hex, s->hex, 65);
}

void mms_src_close(mms_src *s)
{
	if (!s)
		return;
	if (s->ahead && !s->ended)
		mms_src_ahead_leave(s->ahead, s->index);
	mms_csv_close(s->csv);
	mms_xlsx_close(s->xlsx);
	mms_xls_close(s->xls);
	if (s->looks)
		for (int i = 0; i < s->nsheets; i++)
			free(s->looks[i]);
	free(s->looks);
	free(s->ptrs);
	free(s->path);
	free(s);
}

/* Excel quotes a sheet name in a reference unless it is letters, digits and '_'. */
static int needs_quotes(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x80 && !(*p == '_' || (*p >= '0' && *p <= '9') ||
		                   ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			return 1;
	return !name[0];
}

void mms_sheet_place(const char *path, const char *sheet, long row, int col, char *buf, size_t n)
{
	mms_buf b = {0};

	mms_buf_addf(&b, "%s:", path);
	if (needs_quotes(sheet)) {
		mms_buf_adds(&b, "'");
		for (const char *p = sheet; *p; p++) {
			if (*p == '\'')
				mms_buf_adds(&b, "''");
			else
				mms_buf_add(&b, p, 1);
		}
		mms_buf_adds(&b, "'");
	} else {
		mms_buf_adds(&b, sheet);
	}
	if (row > 0) {
		char ref[32];

		mms_cell_ref(col, row, ref, sizeof(ref));
		mms_buf_addf(&b, "!%s", ref);
	}
	snprintf(buf, n, "%s", b.p ? b.p : path);
	mms_buf_free(&b);
}

void mms_src_place(const mms_src *s, long line, int col, char *buf, size_t n)
{
	if (s->kind != MMS_SRC_CSV) {
		mms_sheet_place(s->path, mms_src_sheet_name(s, s->cur), line, col, buf, n);
		return;
	}
	if (line > 0)
		snprintf(buf, n, "%s:%ld", s->path, line);
	else
		snprintf(buf, n, "%s", s->path);
}

void mms_diag_cell(mms_db *db, const mms_src *s, long line, int col, const char *fmt, ...)
{
	char place[1200], msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->kind == MMS_SRC_CSV) {
		mms_diag(db, s->path, line, "%s", msg);
		return;
	}
	mms_src_place(s, line, col, place, sizeof(place));
	mms_diag(db, place, 0, "%s", msg);
}

int mms_src_fit(mms_db *db, mms_src *s, mms_row **row, size_t width)
{
	mms_row *r = *row;

	if (s->kind == MMS_SRC_CSV) {
		if (r->n == width)
			return MMS_OK;
		mms_diag_cell(db, s, r->line, -1,
		              _("%zu fields where the header has %zu (is a ';' missing or extra?)"),
		              r->n, width);
		return MMS_EDATA;
	}
	return mms_src_pad(db, s, row, width);
}

int mms_src_pad(mms_db *db, mms_src *s, mms_row **row, size_t width)
{
	mms_row *r = *row;
	static char empty[1];

	if (r->n >= width)
		return MMS_OK;
	if (s->capptrs < width) {
		char **grown = realloc(s->ptrs, width * sizeof(*grown));

		if (!grown)
			return mms_oom(db);
		s->ptrs = grown;
		s->capptrs = width;
	}
	for (size_t i = 0; i < width; i++)
		s->ptrs[i] = i < r->n ? r->f[i] : empty;
	s->padded.f = s->ptrs;
	s->padded.n = width;
	s->padded.line = r->line;
	*row = &s->padded;
	return MMS_OK;
}

int mms_src_find(mms_db *db, mms_src *s, mms_src_probe probe, void *ctx)
{
	size_t mark = mms_diag_count(db), kept = mark;
	mms_buf list = {0};
	int rc;

	if (s->kind == MMS_SRC_CSV || s->named || s->nsheets == 1)
		return probe(ctx, s);
	for (int i = 0; i < s->nsheets; i++) {
		if (i > 0 && (rc = mms_src_select(s, i)) != MMS_OK)
			return rc;
		rc = probe(ctx, s);
		if (rc == MMS_OK) {
			/* the earlier sheets' reasons are not this one's */
			mms_diag_drop(db, mark, kept);
			return MMS_OK;
		}
		if (rc != MMS_EDATA)
			return rc; /* a failure that is not about this sheet's data */
		if (i == 0)
			kept = mms_diag_count(db);
		else
			mms_diag_drop(db, kept, mms_diag_count(db));
	}
	for (int i = 0; i < s->nsheets; i++) {
		const char *looks = s->looks[i];

		mms_buf_addf(&list, "%s«%s» (%s%s)", i ? "; " : "", mms_src_sheet_name(s, i),
		             looks && looks[0] ? _("first row: ") : "",
		             looks && looks[0] ? looks : _("empty"));
	}
	mms_diag(db, s->path, 0, _("no sheet of the workbook has that table (give --sheet): %s"),
	         list.p ? list.p : "");
	mms_buf_free(&list);
	return MMS_EDATA;
}
