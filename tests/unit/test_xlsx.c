/*
 * The .xlsx reader: workbooks written by libxlsxwriter, then patched with
 * libzip into the shapes other writers produce and into hostile ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "helpers.h"
#include "input/xlsx.h"

/* The limits a test lowered go back to the defaults. */
static int teardown(void **state)
{
	unsetenv("MMS_XLSX_MAX_MEMBER");
	unsetenv("MMS_XLSX_QUEUE");
	return t_fx_teardown(state);
}

static const char NS[] = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                         "relationships\"";

/* ------------------------------------------------------------- workbooks */

/* A fresh temporary path for libxlsxwriter to write (t_remove it). */
static char *new_path(void)
{
	return t_write_str("");
}

static lxw_workbook *wb_new(const char *path, int constant_memory)
{
	lxw_workbook_options o = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
	                          .tmpdir = getenv("TMPDIR")};
	lxw_workbook *wb = workbook_new_opt(path, &o);

	assert_non_null(wb);
	return wb;
}

static void wb_close(lxw_workbook *wb)
{
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/* A one-sheet workbook ("Sheet1") with a date format (xf 1) and "0.00" (xf 2). */
static char *base_workbook(void)
{
	char *path = new_path();
	lxw_workbook *wb = wb_new(path, 0);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *date = workbook_add_format(wb), *two = workbook_add_format(wb);
	lxw_datetime dt = {2024, 5, 17, 0, 0, 0};

	format_set_num_format(date, "yyyy-mm-dd");
	format_set_num_format(two, "0.00");
	worksheet_write_string(ws, 0, 0, "x", NULL);
	worksheet_write_datetime(ws, 1, 0, &dt, date);
	worksheet_write_number(ws, 1, 1, 1, two);
	wb_close(wb);
	return path;
}

/* The bytes of member NAME of the archive at PATH (malloc'd, NUL-terminated). */
static char *member_get(const char *path, const char *name, size_t *len)
{
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	zip_stat_t st;
	zip_file_t *zf;
	char *data;

	assert_non_null(z);
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	data = malloc(st.size + 1);
	zf = zip_fopen(z, name, 0);
	assert_non_null(zf);
	assert_int_equal(zip_fread(zf, data, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	zip_discard(z);
	data[st.size] = '\0';
	if (len)
		*len = st.size;
	return data;
}

/* Member NAME of the archive at PATH becomes DATA (added if missing). */
static void member_put(const char *path, const char *name, const void *data, size_t len)
{
	int err;
	zip_t *z = zip_open(path, ZIP_CREATE, &err);
	void *copy = malloc(len ? len : 1);
	zip_source_t *src;
	zip_int64_t i;

	assert_non_null(z);
	memcpy(copy, data, len);
	src = zip_source_buffer(z, copy, len, 1);
	assert_non_null(src);
	i = zip_name_locate(z, name, 0);
	if (i >= 0)
		assert_int_equal(zip_file_replace(z, (zip_uint64_t)i, src, 0), 0);
	else
		assert_true(zip_file_add(z, name, src, 0) >= 0);
	assert_int_equal(zip_close(z), 0);
}

static void member_puts(const char *path, const char *name, const char *s)
{
	member_put(path, name, s, strlen(s));
}

static void member_delete(const char *path, const char *name)
{
	int err;
	zip_t *z = zip_open(path, 0, &err);

	assert_non_null(z);
	assert_int_equal(zip_delete(z, (zip_uint64_t)zip_name_locate(z, name, 0)), 0);
	assert_int_equal(zip_close(z), 0);
}

/* Replaces FROM by TO in member NAME (once). */
static void member_edit(const char *path, const char *name, const char *from, const char *to)
{
	char *s = member_get(path, name, NULL), *at = strstr(s, from);
	mms_buf b = {0};

	assert_non_null(at);
	mms_buf_add(&b, s, (size_t)(at - s));
	mms_buf_adds(&b, to);
	mms_buf_adds(&b, at + strlen(from));
	member_put(path, name, b.p, b.len);
	mms_buf_free(&b);
	free(s);
}

/* Sheet1's XML becomes <worksheet><sheetData>ROWS</sheetData></worksheet>. */
static void sheet_put(const char *path, const char *rows)
{
	mms_buf b = {0};

	mms_buf_addf(&b,
	             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet %s><sheetData>%s"
	             "</sheetData></worksheet>",
	             NS, rows);
	member_put(path, "xl/worksheets/sheet1.xml", b.p, b.len);
	mms_buf_free(&b);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *data;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return data;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* ---------------------------------------------------------------- reading */

/* Every row of the selected sheet as "LINE:f1|f2|…\n"; returns the last result. */
static int slurp(mms_xlsx *x, mms_buf *out)
{
	mms_row *row;
	int rc;

	out->len = 0;
	mms_buf_adds(out, "");
	while ((rc = mms_xlsx_next(x, &row)) == 1) {
		assert_true(row->n > 0);
		mms_buf_addf(out, "%ld:", row->line);
		for (size_t i = 0; i < row->n; i++)
			mms_buf_addf(out, "%s%s", i ? "|" : "", row->f[i]);
		mms_buf_adds(out, "\n");
		assert_null(row->f[row->n]);
	}
	if (rc != 0)
		assert_null(row);
	return rc;
}

/* Opens PATH, reads sheet 0 and checks it reads as EXPECT. */
static void expect_sheet(mms_db *db, const char *path, const char *expect)
{
	mms_xlsx *x;
	mms_buf out = {0};

	if (mms_xlsx_open(db, path, &x) != MMS_OK)
		fail_msg("open: %s %s", mms_errmsg(db), mms_diag_at(db, 0));
	assert_int_equal(mms_xlsx_select(x, 0), MMS_OK);
	if (slurp(x, &out) != 0)
		fail_msg("read: %s", mms_diag_at(db, 0));
	assert_string_equal(out.p, expect);
	mms_buf_free(&out);
	mms_xlsx_close(x);
	assert_int_equal(mms_diag_count(db), 0);
}

/* The only diagnostic starts with PREFIX and contains WHAT. */
static void assert_diag(mms_db *db, const char *prefix, const char *what)
{
	const char *d;

	if (mms_diag_count(db) != 1)
		fail_msg("%zu diagnostics, the first '%s'", mms_diag_count(db),
		         mms_diag_count(db) ? mms_diag_at(db, 0) : "");
	d = mms_diag_at(db, 0);
	if (strncmp(d, prefix, strlen(prefix)) != 0 || !strstr(d, what))
		fail_msg("diagnostic '%s' is not '%s…%s…'", d, prefix, what);
	mms_diag_clear(db);
}

/* Opening PATH fails with MMS_EDATA and a diagnostic "PATH: …WHAT…". */
static void expect_open_fails(mms_db *db, const char *path, const char *what)
{
	mms_xlsx *x = (mms_xlsx *)1;
	char prefix[4200];

	assert_int_equal(mms_xlsx_open(db, path, &x), MMS_EDATA);
	assert_null(x);
	snprintf(prefix, sizeof(prefix), "%s: ", path);
	assert_diag(db, prefix, what);
}

/* Reading sheet 0 of PATH fails with MMS_EDATA and a diagnostic "PATH:Sheet1…: …WHAT…". */
static void expect_read_fails(mms_db *db, const char *path, const char *where, const char *what)
{
	mms_xlsx *x;
	mms_buf out = {0};
	mms_row *row;
	char prefix[4200];
	int rc;

	assert_int_equal(mms_xlsx_open(db, path, &x), MMS_OK);
	rc = mms_xlsx_select(x, 0);
	if (rc == MMS_OK)
		rc = slurp(x, &out);
	assert_int_equal(rc, MMS_EDATA);
	/* the error stays: the sheet is not read on past it */
	assert_int_equal(mms_xlsx_next(x, &row), MMS_EDATA);
	mms_xlsx_close(x);
	mms_buf_free(&out);
	snprintf(prefix, sizeof(prefix), "%s:Sheet1%s: ", path, where);
	assert_diag(db, prefix, what);
}

/* ------------------------------------------------------------------ tests */

static void test_cell_ref(void **state)
{
	char buf[16];
	int col;
	long row;

	mms_cell_ref(2, 17, buf, sizeof(buf));
	assert_string_equal(buf, "C17");
	mms_cell_ref(0, 1, buf, sizeof(buf));
	assert_string_equal(buf, "A1");
	mms_cell_ref(25, 2, buf, sizeof(buf));
	assert_string_equal(buf, "Z2");
	mms_cell_ref(26, 3, buf, sizeof(buf));
	assert_string_equal(buf, "AA3");
	mms_cell_ref(MMS_FIELDS_MAX - 1, 9, buf, sizeof(buf));
	assert_string_equal(buf, "FAN9");
	mms_cell_ref(MMS_XLSX_COLS_MAX - 1, MMS_XLSX_ROWS_MAX, buf, sizeof(buf));
	assert_string_equal(buf, "XFD1048576");
	mms_cell_ref(-1, 17, buf, sizeof(buf));
	assert_string_equal(buf, "17");
	mms_cell_ref(2, 17, buf, 3); /* cut to the buffer */
	assert_string_equal(buf, "C1");

	assert_int_equal(mms_cell_parse("C17", &col, &row), 0);
	assert_int_equal(col, 2);
	assert_int_equal(row, 17);
	assert_int_equal(mms_cell_parse("aa3", &col, &row), 0);
	assert_int_equal(col, 26);
	assert_int_equal(row, 3);
	assert_int_equal(mms_cell_parse("XFD1048576", &col, &row), 0);
	assert_int_equal(col, 16383);
	assert_int_equal(row, 1048576);
	assert_int_equal(mms_cell_parse("XFE1", &col, &row), -1);
	assert_int_equal(mms_cell_parse("A1048577", &col, &row), -1);
	assert_int_equal(mms_cell_parse("A0", &col, &row), -1);
	assert_int_equal(mms_cell_parse("17", &col, &row), -1);
	assert_int_equal(mms_cell_parse("C", &col, &row), -1);
	assert_int_equal(mms_cell_parse("C1x", &col, &row), -1);
	assert_int_equal(mms_cell_parse("ABCD1", &col, &row), -1);
	assert_int_equal(mms_cell_parse("", &col, &row), -1);
}

/* What libxlsxwriter writes: strings, numbers, formulas, booleans, dates. */
static void test_values(void **state)
{
	struct t_fx *f = *state;
	char *path = new_path();
	lxw_workbook *wb = wb_new(path, 0);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Протокол");
	lxw_format *iso = workbook_add_format(wb), *ru = workbook_add_format(wb),
	           *b14 = workbook_add_format(wb), *two = workbook_add_format(wb),
	           *hm = workbook_add_format(wb);
	lxw_datetime d1 = {2024, 5, 17, 0, 0, 0}, d2 = {2024, 5, 17, 10, 30, 15},
	             d3 = {1999, 12, 31, 0, 0, 0};
	mms_xlsx *x;
	mms_row *row;

	format_set_num_format(iso, "yyyy-mm-dd");
	format_set_num_format(ru, "[$-419]DD.MM.YYYY\\ h:mm:ss");
	format_set_num_format_index(b14, 14);
	format_set_num_format(two, "0.00\" мм\"");
	format_set_num_format(hm, "h:mm");
	worksheet_write_string(ws, 0, 0, "  Иванов\xC2\xA0", NULL);
	worksheet_write_string(ws, 0, 1, "код", NULL);
	worksheet_write_number(ws, 0, 2, 0.5, NULL);
	worksheet_write_number(ws, 0, 3, 42, NULL);
	worksheet_write_number(ws, 0, 4, -3.25, NULL);
	worksheet_write_number(ws, 0, 5, 1e-10, NULL);
	worksheet_write_number(ws, 0, 6, 123456789012345678.0, NULL);
	worksheet_write_number(ws, 0, 7, 1e25, NULL);
	worksheet_write_formula_num(ws, 1, 0, "=C1*2", NULL, 1);
	worksheet_write_formula_str(ws, 1, 1, "=B1&\"!\"", NULL, "код!");
	worksheet_write_formula_num(ws, 1, 2, "=D1+1", NULL, 43);
	worksheet_write_boolean(ws, 1, 3, 1, NULL);
	worksheet_write_boolean(ws, 1, 4, 0, NULL);
	worksheet_write_datetime(ws, 2, 0, &d1, iso);
	worksheet_write_datetime(ws, 2, 1, &d2, ru);
	worksheet_write_datetime(ws, 2, 2, &d3, b14);
	worksheet_write_number(ws, 2, 3, 2.5, two); /* quoted "мм" is no month */
	worksheet_write_number(ws, 2, 4, 0.75, hm); /* a time alone */
	worksheet_write_number(ws, 3, 0, 59, b14);
	worksheet_write_number(ws, 3, 1, 60, b14); /* Excel's 29 February 1900 */
	worksheet_write_number(ws, 3, 2, 61, b14);
	worksheet_write_number(ws, 3, 3, 1, b14);
	worksheet_write_number(ws, 3, 4, -1, b14);             /* no date: the number */
	worksheet_write_number(ws, 3, 5, 45429.99999999, b14); /* rounds to the next day */
	worksheet_write_string(ws, 3, 6, "текст", iso);        /* text in a date format */
	wb_close(wb);

	expect_sheet(f->db, path,
	             "1:Иванов|код|0.5|42|-3.25|0.0000000001|123456789012345700|1E+25\n"
	             "2:1|код!|43|TRUE|FALSE\n"
	             "3:2024-05-17|2024-05-17 10:30:15|1999-12-31|2.5|18:00:00\n"
	             "4:1900-02-28|1900-02-29|1900-03-01|1900-01-01|-1|2024-05-18|текст\n");
	assert_int_equal(mms_xlsx_open(f->db, path, &x), MMS_OK);
	assert_int_equal(mms_xlsx_sheets(x), 1);
	assert_string_equal(mms_xlsx_sheet_name(x, 0), "Протокол");
	assert_null(mms_xlsx_sheet_name(x, 1));
	assert_null(mms_xlsx_sheet_name(x, -1));
	/* the first mms_xlsx_next() reads the first sheet */
	assert_int_equal(mms_xlsx_next(x, &row), 1);
	assert_int_equal(row->n, 8);
	assert_string_equal(row->f[0], "Иванов");
	mms_xlsx_close(x);
	mms_xlsx_close(NULL);
	t_remove(path);
}

/* A merged title, hidden rows and columns, gaps, blank styled cells. */
static void test_layout(void **state)
{
	struct t_fx *f = *state;
	char *path = new_path();
	lxw_workbook *wb = wb_new(path, 0);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *border = workbook_add_format(wb);
	lxw_row_col_options hidden = {.hidden = LXW_TRUE};

	format_set_border(border, LXW_BORDER_THIN);
	worksheet_merge_range(ws, 0, 0, 0, 3, "Протокол проверки", border);
	worksheet_write_string(ws, 2, 0, "a", NULL);
	worksheet_write_string(ws, 2, 3, "d", NULL);
	worksheet_write_blank(ws, 2, 5, border); /* trailing blanks add no column */
	worksheet_write_blank(ws, 3, 0, border); /* a row of blanks is no row */
	worksheet_write_blank(ws, 3, 1, border);
	worksheet_write_string(ws, 4, 1, "hidden row", NULL);
	worksheet_set_row_opt(ws, 4, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
	worksheet_set_column_opt(ws, 2, 2, LXW_DEF_COL_WIDTH, NULL, &hidden);
	worksheet_write_string(ws, 5, 2, "hidden column", NULL);
	worksheet_write_string(ws, 6, 0, "   ", NULL); /* spaces only: empty */
	wb_close(wb);

	expect_sheet(f->db, path,
	             "1:Протокол проверки\n"
	             "3:a|||d\n"
	             "5:|hidden row\n"
	             "6:||hidden column\n");
	t_remove(path);
}

/* Two sheets: names, selecting each, rewinding, a sheet that is not there. */
static void test_sheets(void **state)
{
	struct t_fx *f = *state;
	char *path = new_path();
	lxw_workbook *wb = wb_new(path, 0);
	lxw_worksheet *s1 = workbook_add_worksheet(wb, "Лист 1");
	lxw_worksheet *s2 = workbook_add_worksheet(wb, "Результаты 5А");
	mms_xlsx *x;
	mms_row *row;
	mms_buf out = {0};

	for (int i = 0; i < 3; i++) {
		worksheet_write_number(s1, i, 0, i + 1, NULL);
		worksheet_write_string(s2, i + 9, 1, "second", NULL);
	}
	wb_close(wb);

	assert_int_equal(mms_xlsx_open(f->db, path, &x), MMS_OK);
	assert_int_equal(mms_xlsx_sheets(x), 2);
	assert_string_equal(mms_xlsx_sheet_name(x, 0), "Лист 1");
	assert_string_equal(mms_xlsx_sheet_name(x, 1), "Результаты 5А");
	assert_int_equal(mms_xlsx_select(x, 1), MMS_OK);
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, "10:|second\n11:|second\n12:|second\n");
	assert_int_equal(mms_xlsx_next(x, &row), 0); /* the end stays the end */
	assert_int_equal(mms_xlsx_select(x, 0), MMS_OK);
	assert_int_equal(mms_xlsx_next(x, &row), 1);
	assert_string_equal(row->f[0], "1");
	assert_int_equal(mms_xlsx_next(x, &row), 1);
	assert_string_equal(row->f[0], "2");
	assert_int_equal(mms_xlsx_select(x, 0), MMS_OK); /* rewinds */
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, "1:1\n2:2\n3:3\n");
	assert_int_equal(mms_xlsx_select(x, 2), MMS_EUSAGE);
	assert_non_null(strstr(mms_errmsg(f->db), "no sheet 3"));
	assert_int_equal(mms_xlsx_select(x, -1), MMS_EUSAGE);
	mms_xlsx_close(x);
	mms_buf_free(&out);
	t_remove(path);
}

/* constant_memory mode writes inline strings, rich text a shared string of runs. */
static void test_inline_and_rich(void **state)
{
	struct t_fx *f = *state;
	char *path = new_path(), *xml;
	lxw_workbook *wb = wb_new(path, 1);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *bold = workbook_add_format(wb);

	format_set_bold(bold);
	lxw_rich_string_tuple r1 = {.format = bold, .string = "Жирный "};
	lxw_rich_string_tuple r2 = {.format = NULL, .string = "и обычный"};
	lxw_rich_string_tuple *runs[] = {&r1, &r2, NULL};

	worksheet_write_string(ws, 0, 0, " inline ", NULL);
	worksheet_write_string(ws, 0, 1, "строка", NULL);
	worksheet_write_rich_string(ws, 1, 0, runs, NULL);
	wb_close(wb);
	xml = member_get(path, "xl/worksheets/sheet1.xml", NULL);
	assert_non_null(strstr(xml, "t=\"inlineStr\""));
	free(xml);
	expect_sheet(f->db, path, "1:inline|строка\n2:Жирный и обычный\n");
	t_remove(path);
}

/* Shared strings as Excel writes them: runs, phonetic runs, escapes. */
static void test_shared_strings(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();

	member_puts(path, "xl/sharedStrings.xml",
	            "<?xml version=\"1.0\"?><sst "
	            "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	            "count=\"4\" uniqueCount=\"4000000000\">"
	            "<si><t xml:space=\"preserve\"> plain </t></si>"
	            "<si><r><rPr><b/></rPr><t>Ру</t></r><r><t>сский</t></r>"
	            "<rPh sb=\"0\" eb=\"1\"><t>ルビ</t></rPh></si>"
	            "<si><t>line_x000D_\nbreak_x005F_x0041_ _x0041_ _x0000_ _xD800_ _x12_</t></si>"
	            "<si/><si><t>&lt;&amp;&gt;</t></si></sst>");
	sheet_put(path, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"
	                "</c><c r=\"C1\" t=\"s\"><v> 2 </v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
	                "<c r=\"E1\" t=\"s\"><v>4</v></c></row>");
	expect_sheet(f->db, path,
	             "1:plain|Русский|line\r\nbreak_x0041_ A _x0000_ _xD800_ _x12_||<&>\n");
	t_remove(path);
}

/* Cells as other writers put them: prefixes, no r, t="str"/"e"/"d", inline runs. */
static void test_cell_forms(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	mms_buf b = {0};

	mms_buf_addf(
	    &b, "<?xml version=\"1.0\"?><x:worksheet "
	        "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	        "<x:sheetData>"
	        /* rows and cells without r follow the previous one */
	        "<x:row><x:c><x:v>1</x:v></x:c><x:c t=\"str\"><x:f>A1</x:f><x:v>two</x:v>"
	        "</x:c><x:c r=\"C1\"><x:f>A1+1</x:f></x:c><x:c r=\"E1\" "
	        "t=\"e\"><x:v>#N/A</x:v></x:c><x:c><x:v>5</x:v></x:c>"
	        "</x:row>"
	        "<x:row r=\"7\"><x:c r=\"B7\" t=\"b\"><x:v>maybe</x:v></x:c>"
	        "<x:c t=\"d\"><x:v>2024-05-17T00:00:00Z</x:v></x:c>"
	        "<x:c t=\"d\"><x:v>2024-05-17T10:30:00.000</x:v></x:c>"
	        "<x:c t=\"d\"><x:v>2024-05-17</x:v></x:c></x:row>"
	        "<x:row><x:c t=\"inlineStr\"><x:is><x:r><x:t>a</x:t></x:r><x:r><x:t>b</x:t>"
	        "</x:r><x:rPh><x:t>c</x:t></x:rPh></x:is></x:c>"
	        "<x:c t=\"inlineStr\"><x:v>v-text</x:v></x:c>"
	        "<x:c t=\"unknown\"><x:v>1.00234E+5</x:v></x:c>"
	        "<x:c><x:v>1E-3</x:v></x:c><x:c><x:v>-2.50E+1</x:v></x:c>"
	        "<x:c><x:v>0E+0</x:v></x:c><x:c><x:v>1E+400000</x:v></x:c>"
	        "<x:c><x:v>1e2</x:v></x:c><x:c><x:v>1.2.3E4</x:v></x:c>"
	        "<x:c><x:v>.5E1</x:v></x:c><x:c><x:v>abc</x:v></x:c>"
	        "<x:c s=\"1\"><x:v>1.5E+4</x:v></x:c><x:c s=\"99\"><x:v>45429</x:v></x:c>"
	        "<x:c s=\"2\"><x:v>45429</x:v></x:c></x:row>"
	        /* a later cell of the same column wins */
	        "<x:row r=\"10\"><x:c r=\"A10\"><x:v>old</x:v></x:c><x:c r=\"A10\"><x:v>new</x:v>"
	        "</x:c></x:row>"
	        /* a row without r takes its first cell's row; the next one counts on */
	        "<x:row><x:c r=\"B12\"><x:v>12</x:v></x:c></x:row><x:row><x:c><x:v>13</x:v>"
	        "</x:c></x:row><x:row><x:c r=\"A13\"><x:v>14</x:v></x:c></x:row>"
	        "</x:sheetData><x:mergeCells count=\"0\"/></x:worksheet>");
	member_put(path, "xl/worksheets/sheet1.xml", b.p, b.len);
	mms_buf_free(&b);
	expect_sheet(f->db, path,
	             "1:1|two|||#N/A|5\n"
	             "7:|maybe|2024-05-17|2024-05-17 10:30:00|2024-05-17\n"
	             "8:ab|v-text|100234|0.001|-25|0|1E+400000|100|1.2.3E4|5|abc|1941-01-24|"
	             "45429|45429\n"
	             "10:new\n"
	             "12:|12\n"
	             "13:13\n"
	             "14:14\n");
	t_remove(path);
}

/* The 1904 date system and relationships written as absolute paths. */
static void test_date1904_and_targets(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();

	member_edit(path, "xl/workbook.xml", "<workbookPr ", "<workbookPr date1904=\"1\" ");
	member_edit(path, "xl/_rels/workbook.xml.rels", "Target=\"worksheets/sheet1.xml\"",
	            "Target=\"/xl/./worksheets/../worksheets/sheet1.xml\"");
	member_edit(path, "xl/_rels/workbook.xml.rels", "Target=\"sharedStrings.xml\"",
	            "Target=\"/xl/sharedStrings.xml\"");
	member_edit(path, "_rels/.rels", "Target=\"xl/workbook.xml\"",
	            "Target=\"/xl/workbook.xml\"");
	/* 2024-05-17 in the 1900 system is four years and a day later in 1904's */
	expect_sheet(f->db, path, "1:x\n2:2028-05-18|1\n");
	member_edit(path, "xl/workbook.xml", "date1904=\"1\"", "date1904=\"false\"");
	expect_sheet(f->db, path, "1:x\n2:2024-05-17|1\n");
	t_remove(path);
}

/* A workbook part elsewhere, named by _rels/.rels; no shared strings, no styles. */
static void test_other_layout(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	char *wbxml = member_get(path, "xl/workbook.xml", NULL);
	char *sheet;
	size_t len;

	member_puts(path, "book/main.xml", wbxml);
	member_puts(path, "book/_rels/main.xml.rels",
	            "<Relationships "
	            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	            "<Relationship Id=\"rId1\" Target=\"http://example.org/\" "
	            "TargetMode=\"External\" Type=\"x/hyperlink\"/>"
	            "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"../data/s.xml\"/>"
	            "</Relationships>");
	sheet = member_get(path, "xl/worksheets/sheet1.xml", &len);
	member_put(path, "data/s.xml", sheet, len);
	member_edit(path, "_rels/.rels", "Target=\"xl/workbook.xml\"", "Target=\"book/main.xml\"");
	member_delete(path, "xl/sharedStrings.xml");
	member_delete(path, "xl/styles.xml");
	member_puts(path, "data/s.xml",
	            "<worksheet><sheetData><row r=\"1\"><c s=\"1\"><v>45429</v></c><c "
	            "t=\"inlineStr\"><is><t>inline</t></is></c></row></sheetData></worksheet>");
	/* the sheet read is data/s.xml, with no styles: no dates */
	expect_sheet(f->db, path, "1:45429|inline\n");
	free(wbxml);
	free(sheet);
	t_remove(path);
}

/* ---------------------------------------------------------------- hostile */

static void test_not_a_workbook(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("hello, world\n");
	char *ole = t_write_file("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more", 16);
	char *empty = t_write_str("");
	char *pk = t_write_str("PK\x03\x04 but nothing else");
	char *dir = new_path();
	mms_xlsx *x = (mms_xlsx *)1;

	expect_open_fails(f->db, path, "no ZIP archive");
	expect_open_fails(f->db, ole, "older .xls");
	expect_open_fails(f->db, empty, "the file is empty");
	expect_open_fails(f->db, pk, "damaged workbook");
	/* a ZIP that is not a workbook */
	unlink(pk);
	member_puts(pk, "word/document.xml", "<w/>");
	expect_open_fails(f->db, pk, "has no 'xl/workbook.xml'");

	assert_int_equal(mms_xlsx_open(f->db, "/nonexistent/book.xlsx", &x), MMS_EOPEN);
	assert_null(x);
	assert_string_equal(mms_errmsg(f->db),
	                    "cannot open '/nonexistent/book.xlsx': No such file or directory");
	unlink(dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mms_xlsx_open(f->db, dir, &x), MMS_EOPEN);
	assert_non_null(strstr(mms_errmsg(f->db), "Is a directory"));
	rmdir(dir);
	if (geteuid() != 0) {
		chmod(path, 0);
		assert_int_equal(mms_xlsx_open(f->db, path, &x), MMS_EOPEN);
		assert_non_null(strstr(mms_errmsg(f->db), "Permission denied"));
	}
	assert_int_equal(mms_diag_count(f->db), 0);
	t_remove(path);
	t_remove(ole);
	t_remove(empty);
	t_remove(pk);
	free(dir);
}

static void test_truncated(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	size_t len;
	char *data = read_file(path, &len);

	write_file(path, data, len / 2);
	expect_open_fails(f->db, path, "damaged workbook");
	/* damaged compressed data inside the sheet's member */
	write_file(path, data, len);
	free(data);
	{
		char big[60000];
		unsigned seed = 7;

		/* incompressible enough that a flipped byte lands in deflate data */
		mms_buf b = {0};

		for (size_t i = 0; i < sizeof(big) - 1; i++) {
			seed = seed * 1103515245 + 12345;
			big[i] = (char)('a' + (seed >> 16) % 26);
		}
		big[sizeof(big) - 1] = '\0';
		mms_buf_addf(
		    &b, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>%s</t></is></c></row>",
		    big);
		sheet_put(path, b.p);
		mms_buf_free(&b);
	}
	data = read_file(path, &len);
	{
		/* the sheet's data starts after its local header */
		char *at = NULL;

		for (size_t i = 0; !at && i + 24 < len; i++)
			if (memcmp(data + i, "xl/worksheets/sheet1.xml", 24) == 0)
				at = data + i;
		assert_non_null(at);
		at[24 + 2000] ^= 0x55;
		at[24 + 2001] ^= 0x55;
		at[24 + 2002] ^= 0x55;
	}
	write_file(path, data, len);
	free(data);
	expect_read_fails(f->db, path, "", "'xl/worksheets/sheet1.xml'");
	t_remove(path);
}

/* Finds member NAME's headers in the archive's bytes and sets its declared size. */
static void set_declared_size(char *data, size_t len, const char *name, uint32_t size)
{
	size_t nlen = strlen(name);
	int found = 0;

	for (size_t i = 0; i + 46 + nlen <= len; i++) {
		unsigned char *p = (unsigned char *)data + i;

		if (memcmp(p, "PK\3\4", 4) == 0 && (size_t)(p[26] | p[27] << 8) == nlen &&
		    memcmp(p + 30, name, nlen) == 0) {
			memcpy(p + 22, &size, 4); /* little-endian here */
			found++;
		}
		if (memcmp(p, "PK\1\2", 4) == 0 && (size_t)(p[28] | p[29] << 8) == nlen &&
		    memcmp(p + 46, name, nlen) == 0) {
			memcpy(p + 24, &size, 4);
			found++;
		}
	}
	assert_int_equal(found, 2);
}

static void test_zip_bomb(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	size_t n = 1100 * 1024, len;
	char *sheet = malloc(n + 200), *data;
	int k;

	/* a sheet of 1.1 MiB of white space against a cap of 1 MiB */
	k = sprintf(sheet, "<worksheet %s><sheetData>", NS);
	memset(sheet + k, ' ', n);
	strcpy(sheet + k + n, "</sheetData></worksheet>");
	member_puts(path, "xl/worksheets/sheet1.xml", sheet);
	free(sheet);
	setenv("MMS_XLSX_MAX_MEMBER", "1048576", 1);
	expect_read_fails(f->db, path, "", "more than the 1048576 accepted (a ZIP bomb?)");

	/* the same with a lying header: counted while inflating */
	data = read_file(path, &len);
	set_declared_size(data, len, "xl/worksheets/sheet1.xml", 1000);
	write_file(path, data, len);
	free(data);
	expect_read_fails(f->db, path, "", "inflates to more than the 1048576 bytes accepted");

	/* a cap under the workbook part's size refuses the workbook */
	setenv("MMS_XLSX_MAX_MEMBER", "100", 1);
	expect_open_fails(f->db, path, "accepted (a ZIP bomb?)");
	/* the variable only lowers the caps: under the real ones the sheet is read */
	setenv("MMS_XLSX_MAX_MEMBER", "99999999999999999", 1);
	expect_sheet(f->db, path, "");
	setenv("MMS_XLSX_MAX_MEMBER", "junk", 1);
	expect_sheet(f->db, path, "");
	unsetenv("MMS_XLSX_MAX_MEMBER");
	t_remove(path);
}

static void test_doctype(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	static const char laughs[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
	    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
	    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
	    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
	    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol4;</t></is></c></row>"
	    "</sheetData></worksheet>";
	char *wbxml = member_get(path, "xl/workbook.xml", NULL);

	member_puts(path, "xl/worksheets/sheet1.xml", laughs);
	expect_read_fails(f->db, path, "", "'xl/worksheets/sheet1.xml' has a DOCTYPE");
	member_puts(path, "xl/workbook.xml",
	            "<?xml version=\"1.0\"?><!DOCTYPE workbook SYSTEM \"file:///etc/passwd\">"
	            "<workbook/>");
	expect_open_fails(f->db, path, "'xl/workbook.xml' has a DOCTYPE");
	member_puts(path, "xl/workbook.xml", wbxml);
	member_puts(path, "xl/sharedStrings.xml", laughs);
	expect_open_fails(f->db, path, "'xl/sharedStrings.xml' has a DOCTYPE");
	free(wbxml);
	t_remove(path);
}

static void test_long_text(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	size_t n = 2 << 20;
	char *s = malloc(n + 1);
	mms_buf b = {0};

	memset(s, 'a', n);
	s[n] = '\0';
	mms_buf_addf(&b, "<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>%s</t></is></c></row>",
	             s);
	sheet_put(path, b.p);
	expect_read_fails(f->db, path, "!C3", "a cell's text is longer than 1048576 bytes");
	b.len = 0;
	mms_buf_addf(&b, "<sst><si><t>%s</t></si></sst>", s);
	member_puts(path, "xl/sharedStrings.xml", b.p);
	expect_open_fails(f->db, path, "shared string 0 is longer than 1048576 bytes");
	/* the texts of one row: 20 cells of 1 MiB */
	member_puts(path, "xl/sharedStrings.xml", "<sst/>");
	s[n / 2] = '\0';
	b.len = 0;
	mms_buf_adds(&b, "<row r=\"2\">");
	for (int i = 0; i < 20; i++)
		mms_buf_addf(&b, "<c t=\"inlineStr\"><is><t>%s</t></is></c>", s);
	mms_buf_adds(&b, "</row>");
	sheet_put(path, b.p);
	expect_read_fails(f->db, path, "!P2", "the row's text is longer than 16777216 bytes");
	mms_buf_free(&b);
	free(s);
	t_remove(path);
}

static void test_bad_cells(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	mms_xlsx *x;
	mms_row *row;

	sheet_put(path, "<row r=\"17\"><c r=\"C17\" t=\"s\"><v>99</v></c></row>");
	expect_read_fails(f->db, path, "!C17", "shared string index 99 out of range");
	sheet_put(path, "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>x</v></c></row>");
	expect_read_fails(f->db, path, "!B2", "shared string index x out of range");
	sheet_put(path, "<row r=\"1\"><c r=\"FAN1\"><v>1</v></c><c r=\"FAO1\"><v>2</v></c></row>");
	expect_read_fails(f->db, path, "!FAO1", "a value beyond column FAN: at most 4096 columns");
	sheet_put(path, "<row r=\"5\"><c r=\"A0\"><v>1</v></c></row>");
	expect_read_fails(f->db, path, "!5", "bad cell reference 'A0'");
	sheet_put(path, "<row r=\"1048577\"><c><v>1</v></c></row>");
	expect_read_fails(f->db, path, "!1048577", "row number past 1048576");
	sheet_put(path, "<row r=\"1048576\"><c><v>1</v></c></row><row><c><v>1</v></c></row>");
	expect_read_fails(f->db, path, "!1048577", "row number past 1048576");
	sheet_put(path, "<row r=\"x\"><c><v>1</v></c></row>");
	expect_read_fails(f->db, path, "", "bad row number 'x' after row 0");
	{
		/* 16385 cells without r in one row */
		mms_buf b = {0};

		mms_buf_adds(&b, "<row>");
		for (int i = 0; i <= MMS_XLSX_COLS_MAX; i++)
			mms_buf_adds(&b, "<c/>");
		mms_buf_adds(&b, "</row>");
		sheet_put(path, b.p);
		mms_buf_free(&b);
	}
	expect_read_fails(f->db, path, "!1", "more than 16384 cells in the row");

	/* the rows before the error are read */
	sheet_put(path,
	          "<row r=\"1\"><c><v>ok</v></c></row><row r=\"2\"><c t=\"s\"><v>7</v></c></row>");
	assert_int_equal(mms_xlsx_open(f->db, path, &x), MMS_OK);
	assert_int_equal(mms_xlsx_next(x, &row), 1);
	assert_string_equal(row->f[0], "ok");
	assert_int_equal(mms_xlsx_next(x, &row), MMS_EDATA);
	mms_xlsx_close(x);
	mms_diag_clear(f->db);
	t_remove(path);
}

static void test_bad_xml(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	mms_buf b = {0};

	sheet_put(path, "<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</c></row>");
	expect_read_fails(f->db, path, "", "malformed XML in 'xl/worksheets/sheet1.xml' at line 2");
	member_puts(path, "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1");
	expect_read_fails(f->db, path, "", "malformed XML");
	member_puts(path, "xl/worksheets/sheet1.xml", "<x:worksheet><x:sheetData/></x:worksheet>");
	expect_read_fails(f->db, path, "", "unbound prefix");
	for (int i = 0; i < 100; i++)
		mms_buf_adds(&b, "<a>");
	sheet_put(path, b.p);
	expect_read_fails(f->db, path, "", "nests XML elements more than 64 deep");
	/* one endless start tag */
	b.len = 0;
	mms_buf_adds(&b, "<row r=\"1\" x=\"");
	for (int i = 0; i < 3 << 20; i += 64)
		mms_buf_adds(&b,
		             "0123456789012345678901234567890123456789012345678901234567890123");
	mms_buf_adds(&b, "\"/>");
	sheet_put(path, b.p);
	expect_read_fails(f->db, path, "", "an XML tag of a MiB or more at line 2");
	mms_buf_free(&b);
	member_puts(path, "xl/styles.xml", "<styleSheet><cellXfs><xf></cellXfs></styleSheet>");
	expect_open_fails(f->db, path, "malformed XML in 'xl/styles.xml' at line 1");
	t_remove(path);
}

static void test_bad_structure(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	char *wbxml = member_get(path, "xl/workbook.xml", NULL);
	char *rels = member_get(path, "xl/_rels/workbook.xml.rels", NULL);

	member_edit(path, "xl/_rels/workbook.xml.rels", "worksheets/sheet1.xml",
	            "worksheets/nope.xml");
	expect_open_fails(f->db, path,
	                  "sheet 'Sheet1': the archive has no 'xl/worksheets/nope.xml'");
	member_puts(path, "xl/_rels/workbook.xml.rels", rels);
	member_edit(path, "xl/workbook.xml", "r:id=\"rId1\"", "r:id=\"rId9\"");
	expect_open_fails(f->db, path, "sheet 'Sheet1': the workbook has no relationship 'rId9'");
	member_puts(path, "xl/workbook.xml", wbxml);
	member_delete(path, "xl/sharedStrings.xml");
	expect_open_fails(f->db, path, "no 'xl/sharedStrings.xml' (the shared strings)");
	member_puts(path, "xl/sharedStrings.xml", "<sst/>");
	member_edit(path, "xl/workbook.xml", "<sheets>", "<sheets/><old>");
	member_edit(path, "xl/workbook.xml", "</sheets>", "</old>");
	member_edit(path, "xl/workbook.xml", "<sheet ", "<notasheet ");
	expect_open_fails(f->db, path, "the workbook has no sheets");
	{
		mms_buf b = {0};

		mms_buf_addf(&b, "<workbook %s><sheets>", NS);
		for (int i = 0; i <= 4096; i++)
			mms_buf_adds(&b, "<sheet name=\"s\" r:id=\"rId1\"/>");
		mms_buf_adds(&b, "</sheets></workbook>");
		member_puts(path, "xl/workbook.xml", b.p);
		mms_buf_free(&b);
	}
	expect_open_fails(f->db, path, "more than 4096 sheets");
	free(wbxml);
	free(rels);
	t_remove(path);
}

/* Many rows through the suspended parser, across chunk boundaries. */
static void test_many_rows(void **state)
{
	struct t_fx *f = *state;
	char *path = new_path();
	lxw_workbook *wb = wb_new(path, 1);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	mms_xlsx *x;
	mms_row *row;
	long n = 0;
	int rc;

	for (int i = 0; i < 30000; i++) {
		char s[32];

		snprintf(s, sizeof(s), "code-%d", i);
		worksheet_write_string(ws, (lxw_row_t)i, 0, s, NULL);
		worksheet_write_number(ws, (lxw_row_t)i, 2, i * 0.5, NULL);
	}
	wb_close(wb);
	assert_int_equal(mms_xlsx_open(f->db, path, &x), MMS_OK);
	assert_int_equal(mms_xlsx_select(x, 0), MMS_OK);
	while ((rc = mms_xlsx_next(x, &row)) == 1) {
		char s[32], v[32];

		snprintf(s, sizeof(s), "code-%ld", n);
		snprintf(v, sizeof(v), "%ld%s", n / 2, n % 2 ? ".5" : "");
		assert_int_equal(row->line, n + 1);
		assert_int_equal(row->n, 3);
		assert_string_equal(row->f[0], s);
		assert_string_equal(row->f[1], "");
		assert_string_equal(row->f[2], v);
		n++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(n, 30000);
	mms_xlsx_close(x);
	t_remove(path);
}

/* Checks that ROW is row I of test_reader_thread's sheet. */
static void expect_thread_row(const mms_row *row, long i)
{
	char a[32], c[32];

	snprintf(a, sizeof(a), "row-%ld", i);
	snprintf(c, sizeof(c), "%ld", i * 3);
	assert_int_equal(row->line, i);
	assert_int_equal(row->n, 4);
	assert_string_equal(row->f[0], a);
	assert_string_equal(row->f[1], "");
	assert_string_equal(row->f[2], c);
	assert_string_equal(row->f[3], "x"); /* a shared string */
	assert_null(row->f[4]);
}

/*
 * The sheet is read ahead on a thread through a queue of a few rows (and of
 * the default size): the rows come in order, then the error of row 4321 with
 * its diagnostic, not before; select() and close() stop the thread mid-sheet.
 */
static void test_reader_thread(void **state)
{
	struct t_fx *f = *state;
	char *path = base_workbook();
	const char *queues[] = {"1", "3", NULL};
	mms_buf b = {0};
	char prefix[4200];

	for (long i = 1; i <= 6000; i++) {
		mms_buf_addf(
		    &b,
		    "<row r=\"%ld\"><c r=\"A%ld\" t=\"inlineStr\"><is><t>row-%ld</t></is></c>"
		    "<c r=\"C%ld\"><v>%ld</v></c><c r=\"D%ld\" t=\"s\"><v>0</v></c>",
		    i, i, i, i, i * 3, i);
		if (i == 4321)
			mms_buf_adds(&b, "<c r=\"E4321\" t=\"s\"><v>999999</v></c>");
		mms_buf_adds(&b, "</row>");
	}
	sheet_put(path, b.p);
	mms_buf_free(&b);
	snprintf(prefix, sizeof(prefix), "%s:Sheet1!E4321: ", path);

	for (size_t q = 0; q < sizeof(queues) / sizeof(*queues); q++) {
		mms_xlsx *x;
		mms_row *row;
		long n = 0;
		int rc;

		if (queues[q])
			setenv("MMS_XLSX_QUEUE", queues[q], 1);
		else
			unsetenv("MMS_XLSX_QUEUE");

		/* the rows, then the error */
		assert_int_equal(mms_xlsx_open(f->db, path, &x), MMS_OK);
		while ((rc = mms_xlsx_next(x, &row)) == 1) {
			expect_thread_row(row, ++n);
			/* the reader may be past the error by now: its diagnostic waits */
			assert_int_equal(mms_diag_count(f->db), 0);
		}
		assert_int_equal(rc, MMS_EDATA);
		assert_null(row);
		assert_int_equal(n, 4320);
		assert_diag(f->db, prefix, "shared string index 999999 out of range");
		/* it stays, with no diagnostic more */
		assert_int_equal(mms_xlsx_next(x, &row), MMS_EDATA);
		assert_int_equal(mms_xlsx_next(x, &row), MMS_EDATA);
		assert_int_equal(mms_diag_count(f->db), 0);

		/* select() rewinds, mid-sheet too */
		assert_int_equal(mms_xlsx_select(x, 0), MMS_OK);
		for (long i = 1; i <= 2500; i++) {
			assert_int_equal(mms_xlsx_next(x, &row), 1);
			expect_thread_row(row, i);
		}
		assert_int_equal(mms_xlsx_select(x, 0), MMS_OK);
		assert_int_equal(mms_xlsx_select(x, 0), MMS_OK); /* no thread yet */
		for (long i = 1; i <= 10; i++) {
			assert_int_equal(mms_xlsx_next(x, &row), 1);
			expect_thread_row(row, i);
		}
		/* close() mid-sheet, the reader waiting for room in the queue */
		mms_xlsx_close(x);
		assert_int_equal(mms_diag_count(f->db), 0);

		/* close() at once after the first row, the reader just started */
		assert_int_equal(mms_xlsx_open(f->db, path, &x), MMS_OK);
		assert_int_equal(mms_xlsx_next(x, &row), 1);
		expect_thread_row(row, 1);
		mms_xlsx_close(x);
		assert_int_equal(mms_diag_count(f->db), 0);
	}
	t_remove(path);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, t_fx_setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_cell_ref),        T(test_values),
	    T(test_layout),          T(test_sheets),
	    T(test_inline_and_rich), T(test_shared_strings),
	    T(test_cell_forms),      T(test_date1904_and_targets),
	    T(test_other_layout),    T(test_not_a_workbook),
	    T(test_truncated),       T(test_zip_bomb),
	    T(test_doctype),         T(test_long_text),
	    T(test_bad_cells),       T(test_bad_xml),
	    T(test_bad_structure),   T(test_many_rows),
	    T(test_reader_thread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
