/*
 * .xls (BIFF, Excel 97-2003) through libfreexl 1.0.x.
 *
 * libfreexl loads the whole workbook at freexl_open(): every cell of every
 * sheet, in memory (it refuses a sheet declaring more than 256 MB of cells).
 * Unlike the .xlsx reader this one therefore does not stream; an .xls sheet
 * has at most 65 536 rows by 256 columns, so that is acceptable.
 *
 * What libfreexl 1.0.6 gives and does not: numbers as INT or DOUBLE, dates
 * and times (numbers with a date format) already as text, booleans as the
 * INT 1 or 0 (error cells too, as 1).  It skips FORMULA records: a formula's
 * cell reads as empty whatever result Excel cached in it.
 */
#include <errno.h>
#include <freexl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/source.h"
#include "input/spool.h"
#include "input/xls.h"
#include "input/xlsx.h"
#include "text.h"

struct mms_xls {
	mms_db *db;
	char *path;
	const void *fx; /* libfreexl's handle */
	int nsheets;
	char **names;
	int cur; /* the selected sheet */
	unsigned rows;
	unsigned short cols;
	unsigned next; /* the next row to read, 0-based */
	locale_t c_locale;

	mms_buf arena; /* the row's cell texts, NUL-terminated */
	size_t *offsets;
	size_t capoffsets;
	char **ptrs;
	size_t capptrs;
	mms_row row;
};

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

int mms_xls_sheets(const mms_xls *x)
{
	return x->nsheets;
}

const char *mms_xls_sheet_name(const mms_xls *x, int i)
{
	if (i < 0 || i >= x->nsheets)
		return NULL;
	return x->names[i];
}

/* A diagnostic at "FILE:SHEET!C17" (the current sheet; COL 0-based, ROW 1-based). */
static int cell_error(mms_xls *x, int col, long row, const char *msg)
{
	char place[1200];

	mms_sheet_place(x->path, x->names[x->cur], row, col, place, sizeof(place));
	mms_diag(x->db, place, 0, "%s", msg);
	return MMS_EDATA;
}

/*
 * V as the shortest text that reads back as V, in the C locale: "0.5", "2",
 * "0.001", "123456789.25"; an exponent only outside 1e-7 .. 1e21 ("1e+21").
 */
static void format_double(locale_t c_locale, double v, char *buf, size_t n)
{
	locale_t old;
	char sci[40];
	int digits, e10;

	if (v == 0) {
		snprintf(buf, n, "0"); /* and not "-0" */
		return;
	}
	old = uselocale(c_locale);
	for (digits = 1; digits < 17; digits++) {
		snprintf(sci, sizeof(sci), "%.*e", digits - 1, v);
		if (strtod(sci, NULL) == v)
			break;
	}
	snprintf(sci, sizeof(sci), "%.*e", digits - 1, v);
	e10 = atoi(strchr(sci, 'e') + 1);
	if (e10 < -7 || e10 > 20)
		snprintf(buf, n, "%s", sci);
	else
		snprintf(buf, n, "%.*f", digits - 1 - e10 > 0 ? digits - 1 - e10 : 0, v);
	uselocale(old);
}

/* What libfreexl's error code means, for a message. */
static const char *freexl_problem(int code)
{
	switch (code) {
	case FREEXL_INSUFFICIENT_MEMORY:
		return _("out of memory, or a sheet declares more cells than can be loaded");
	case FREEXL_INVALID_CFBF_HEADER:
	case FREEXL_CFBF_INVALID_SIGNATURE:
	case FREEXL_CFBF_INVALID_SECTOR_SIZE:
		return _("its OLE container header is damaged");
	case FREEXL_CFBF_READ_ERROR:
	case FREEXL_CFBF_SEEK_ERROR:
		return _("it is truncated or its OLE container is damaged");
	case FREEXL_CFBF_EMPTY_FAT_CHAIN:
	case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
	case FREEXL_INVALID_MINI_STREAM:
	case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
		return _("its OLE sector table (FAT) is damaged");
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return _("it holds no workbook (another Office document?)");
	case FREEXL_INVALID_CHARACTER:
	case FREEXL_UNSUPPORTED_CHARSET:
		return _("its text is in an unsupported encoding");
	case FREEXL_CRAFTED_FILE:
		return _("it is severely damaged, possibly on purpose");
	default:
		return _("its workbook records are damaged");
	}
}

/* Reads the first bytes: MMS_OK for an OLE compound file, else why not. */
static int check_signature(mms_db *db, const char *path)
{
	unsigned char head[8];
	size_t got;
	int rc;
	FILE *fp = mms_input_fopen(db, path, &rc);

	if (!fp)
		return rc;
	got = fread(head, 1, sizeof(head), fp);
	if (got < sizeof(head) && ferror(fp)) {
		int err = errno;

		fclose(fp);
		return mms_fail(db, MMS_EOPEN, _("cannot read '%s': %s"), path, strerror(err));
	}
	fclose(fp);
	if (got == 0) {
		mms_diag(db, path, 0, _("the file is empty"));
		return MMS_EDATA;
	}
	if (got >= 4 && memcmp(head, "PK\3\4", 4) == 0) {
		mms_diag(db, path, 0,
		         _("this is a ZIP archive (an .xlsx workbook?), not an Excel 97-2003 "
		           "workbook"));
		return MMS_EDATA;
	}
	if (got < sizeof(head) || memcmp(head, ole_magic, sizeof(head)) != 0) {
		mms_diag(db, path, 0, _("not an Excel 97-2003 workbook (.xls)"));
		return MMS_EDATA;
	}
	return MMS_OK;
}

int mms_xls_open(mms_db *db, const char *path, mms_xls **out)
{
	mms_xls *x;
	unsigned info = 0, plain = 0;
	const char *real;
	int rc;

	*out = NULL;
	rc = check_signature(db, path);
	if (rc != MMS_OK)
		return rc;
	x = calloc(1, sizeof(*x));
	if (!x)
		return mms_oom(db);
	x->db = db;
	x->cur = -1;
	x->path = strdup(path);
	x->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!x->path || x->c_locale == (locale_t)0) {
		rc = mms_oom(db);
		goto fail;
	}
	rc = mms_input_file(db, path, &real);
	if (rc != MMS_OK)
		goto fail;
	rc = freexl_open(real, &x->fx);
	if (rc == FREEXL_FILE_NOT_FOUND) {
		/* gone since check_signature() read it */
		rc = mms_fail(db, MMS_EOPEN, _("cannot open '%s': %s"), path, strerror(errno));
		goto fail;
	}
	if (rc != FREEXL_OK) {
		mms_diag(db, path, 0, _("cannot read the workbook: %s"), freexl_problem(rc));
		rc = MMS_EDATA;
		goto fail;
	}
	/*
	 * first: the records after FILEPASS are encrypted, so libfreexl finds no
	 * sheets; and 1.0.5 answered neither PLAIN nor OBFUSCATED for it
	 */
	if (x->fx && (freexl_get_info(x->fx, FREEXL_BIFF_PASSWORD, &plain) != FREEXL_OK ||
	              plain != FREEXL_BIFF_PLAIN)) {
		mms_diag(db, path, 0,
		         _("the workbook is password-protected: save a copy without the "
		           "password in Excel"));
		rc = MMS_EDATA;
		goto fail;
	}
	/*
	 * libfreexl 1.0.6 may stop at a sheet it cannot load, or at sector chains
	 * that loop, and report success with no handle or no sheets
	 */
	if (x->fx && freexl_get_info(x->fx, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK)
		info = 0;
	if (!x->fx || info == 0) {
		mms_diag(db, path, 0,
		         _("no sheet can be read: the workbook is damaged or a sheet declares "
		           "more cells than can be loaded"));
		rc = MMS_EDATA;
		goto fail;
	}
	x->names = calloc(info, sizeof(char *));
	if (!x->names) {
		rc = mms_oom(db);
		goto fail;
	}
	for (unsigned i = 0; i < info; i++) {
		const char *name = NULL;

		if (freexl_get_worksheet_name(x->fx, (unsigned short)i, &name) != FREEXL_OK ||
		    !name)
			name = "";
		x->names[i] = strdup(name);
		if (!x->names[i]) {
			rc = mms_oom(db);
			goto fail;
		}
		x->nsheets++;
	}
	rc = mms_xls_select(x, 0);
	if (rc != MMS_OK)
		goto fail;
	*out = x;
	return MMS_OK;
fail:
	mms_xls_close(x);
	return rc;
}

int mms_xls_select(mms_xls *x, int i)
{
	if (i < 0 || i >= x->nsheets)
		return mms_fail(x->db, MMS_EUSAGE, _("'%s' has no sheet %d"), x->path, i + 1);
	if (freexl_select_active_worksheet(x->fx, (unsigned short)i) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->fx, &x->rows, &x->cols) != FREEXL_OK) {
		mms_diag(x->db, x->path, 0, _("cannot read sheet '%s'"), x->names[i]);
		return MMS_EDATA;
	}
	x->cur = i;
	x->next = 0;
	return MMS_OK;
}

/* Appends cell (ROW, COL)'s text to the arena, NUL-terminated. */
static int add_cell(mms_xls *x, unsigned row, unsigned short col)
{
	FreeXL_CellValue v;
	char num[64];
	const char *text = "";
	size_t len;

	if (freexl_get_cell_value(x->fx, row, col, &v) != FREEXL_OK)
		return cell_error(x, col, (long)row + 1, _("cannot read the cell"));
	switch (v.type) {
	case FREEXL_CELL_INT:
		snprintf(num, sizeof(num), "%d", v.value.int_value);
		text = num;
		break;
	case FREEXL_CELL_DOUBLE:
		if (!isfinite(v.value.double_value))
			return cell_error(x, col, (long)row + 1,
			                  _("the number is not finite (a damaged file)"));
		format_double(x->c_locale, v.value.double_value, num, sizeof(num));
		text = num;
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_TIME:
		text = v.value.text_value ? v.value.text_value : "";
		break;
	case FREEXL_CELL_DATETIME:
		/* "YYYY-MM-DD HH:MM:SS": a date at midnight is a date */
		text = v.value.text_value ? v.value.text_value : "";
		if (strlen(text) == 19 && strcmp(text + 10, " 00:00:00") == 0) {
			snprintf(num, sizeof(num), "%.10s", text);
			text = num;
		}
		break;
	default:
		break;
	}
	len = strlen(text);
	/* BIFF8 keeps at most 65 535 characters in a cell: a guard, not a case seen */
	if (len > MMS_FIELD_MAX) {
		char msg[128];

		snprintf(msg, sizeof(msg), _("a cell longer than %d bytes"), MMS_FIELD_MAX);
		return cell_error(x, col, (long)row + 1, msg);
	}
	if (mms_buf_add(&x->arena, text, len + 1) != MMS_OK)
		return mms_oom(x->db);
	return MMS_OK;
}

int mms_xls_next(mms_xls *x, mms_row **row)
{
	while (x->next < x->rows) {
		unsigned r = x->next++;
		size_t n = 0;
		int rc;

		x->arena.len = 0;
		if (mms_grow((void **)&x->offsets, &x->capoffsets, x->cols, sizeof(size_t)) < 0 ||
		    mms_grow((void **)&x->ptrs, &x->capptrs, (size_t)x->cols + 1, sizeof(char *)) <
		        0)
			return mms_oom(x->db);
		for (unsigned short c = 0; c < x->cols; c++) {
			x->offsets[c] = x->arena.len;
			rc = add_cell(x, r, c);
			if (rc != MMS_OK)
				return rc;
		}
		for (unsigned short c = 0; c < x->cols; c++) {
			x->ptrs[c] = mms_trim(x->arena.p + x->offsets[c]);
			if (x->ptrs[c][0]) {
				if (c >= MMS_FIELDS_MAX) {
					char msg[128];

					snprintf(msg, sizeof(msg),
					         _("more than %d columns in a row"),
					         MMS_FIELDS_MAX);
					return cell_error(x, c, (long)r + 1, msg);
				}
				n = (size_t)c + 1;
			}
		}
		if (n == 0)
			continue;
		x->ptrs[n] = NULL;
		x->row.n = n;
		x->row.f = x->ptrs;
		x->row.line = (long)r + 1;
		*row = &x->row;
		return 1;
	}
	return 0;
}

void mms_xls_close(mms_xls *x)
{
	if (!x)
		return;
	if (x->fx)
		freexl_close(x->fx);
	for (int i = 0; i < x->nsheets; i++)
		free(x->names[i]);
	free(x->names);
	if (x->c_locale != (locale_t)0)
		freelocale(x->c_locale);
	free(x->path);
	mms_buf_free(&x->arena);
	free(x->offsets);
	free(x->ptrs);
	free(x);
}
