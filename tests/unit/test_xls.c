/*
 * The .xls reader: sheets, rows and cells as text, numbers and dates, damaged
 * and hostile workbooks.  The fixtures in tests/data/xls are made by
 * scripts/make-xls-fixtures.py.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "input/xls.h"

#define XLS(name) MMS_TEST_DATA "/xls/" name

/*
 * Reads the rest of the current sheet into OUT as "LINE:f1|f2|…\n"; returns
 * the last result of mms_xls_next() (0 at the end, < 0 on an error).
 */
static int slurp(mms_xls *x, mms_buf *out)
{
	mms_row *row;
	int rc;

	out->len = 0;
	mms_buf_adds(out, "");
	while ((rc = mms_xls_next(x, &row)) == 1) {
		mms_buf_addf(out, "%ld:", row->line);
		for (size_t i = 0; i < row->n; i++)
			mms_buf_addf(out, "%s%s", i ? "|" : "", row->f[i]);
		mms_buf_adds(out, "\n");
		assert_true(row->n > 0);
		assert_true(row->f[row->n - 1][0] != '\0');
		assert_null(row->f[row->n]);
	}
	return rc;
}

/* The only diagnostic must be "PLACE: …WHAT…". */
static void assert_diag(mms_db *db, const char *place, const char *what)
{
	char prefix[4200];
	const char *d;

	assert_int_equal(mms_diag_count(db), 1);
	d = mms_diag_at(db, 0);
	snprintf(prefix, sizeof(prefix), "%s: ", place);
	if (strncmp(d, prefix, strlen(prefix)) != 0 || !strstr(d, what))
		fail_msg("diagnostic '%s' is not '%s…%s…'", d, prefix, what);
}

/* Opening PATH fails with MMS_EDATA and one diagnostic naming PATH that says WHAT. */
static void assert_bad(mms_db *db, const char *path, const char *what)
{
	mms_xls *x = (mms_xls *)&x;

	mms_diag_clear(db);
	assert_int_equal(mms_xls_open(db, path, &x), MMS_EDATA);
	assert_null(x);
	assert_diag(db, path, what);
}

static const char roster_rows[] =
    "1:Код ОО|Школа|Учитель|Предмет|Классы|Год рождения|Педагогический стаж|Учебный год\n"
    "2:500101|МБОУ «Школа № 1» п. Вымышленный|Иванова Анна Петровна|Математика|5а, "
    "5б|1979|21|2025/2026\n"
    "3:500101|МБОУ «Школа № 1» п. Вымышленный|Петров Илья Сергеевич|Русский "
    "язык|6а|1991|8.5|2025/2026\n"
    "4:500202|МКОУ «Сказочная СОШ»|Ёлкина Мария Ильинична|Математика|5в|1986|14|2025/2026\n"
    "5:500202|МКОУ «Сказочная СОШ»|Сидоров Пётр Олегович|История|7а|1969|33|2025/2026\n";

static const char note_rows[] = "1:Справка о кадрах (вымышленные данные)\n"
                                "3:Составил:|методист РМС\n";

static void test_sheets_and_rewind(void **state)
{
	struct t_fx *f = *state;
	mms_xls *x;
	mms_row *row;
	mms_buf out = {0};

	assert_int_equal(mms_xls_open(f->db, XLS("roster.xls"), &x), MMS_OK);
	assert_int_equal(mms_xls_sheets(x), 2);
	assert_string_equal(mms_xls_sheet_name(x, 0), "Кадры");
	assert_string_equal(mms_xls_sheet_name(x, 1), "Справка");
	assert_null(mms_xls_sheet_name(x, 2));
	assert_null(mms_xls_sheet_name(x, -1));

	/* the first sheet is current once the workbook is open */
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, roster_rows);
	/* at the end it stays at the end */
	assert_int_equal(mms_xls_next(x, &row), 0);

	assert_int_equal(mms_xls_select(x, 1), MMS_OK);
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, note_rows);

	/* selecting a sheet again, even halfway through it, starts from its first row */
	assert_int_equal(mms_xls_select(x, 0), MMS_OK);
	assert_int_equal(mms_xls_next(x, &row), 1);
	assert_int_equal(row->line, 1);
	assert_int_equal(mms_xls_next(x, &row), 1);
	assert_int_equal(row->line, 2);
	assert_int_equal(mms_xls_select(x, 0), MMS_OK);
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, roster_rows);
	assert_int_equal(mms_xls_select(x, 1), MMS_OK);
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, note_rows);

	/* a sheet the workbook does not have is the caller's mistake */
	assert_int_equal(mms_xls_select(x, 2), MMS_EUSAGE);
	assert_non_null(strstr(mms_errmsg(f->db), "roster.xls' has no sheet 3"));
	assert_int_equal(mms_xls_select(x, -1), MMS_EUSAGE);
	assert_int_equal(mms_diag_count(f->db), 0);
	mms_xls_close(x);
	mms_buf_free(&out);
}

static void test_results_layout(void **state)
{
	struct t_fx *f = *state;
	mms_xls *x;
	mms_row *row;
	mms_buf out = {0};

	assert_int_equal(mms_xls_open(f->db, XLS("results.xls"), &x), MMS_OK);
	assert_int_equal(mms_xls_sheets(x), 1);
	assert_string_equal(mms_xls_sheet_name(x, 0), "Результаты");

	/* the title merged across A1:G1 is one cell, the first */
	assert_int_equal(mms_xls_next(x, &row), 1);
	assert_int_equal(row->line, 1);
	assert_int_equal(row->n, 1);
	assert_string_equal(row->f[0], "Индивидуальные результаты");

	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, "2:ВПР 2026 Математика 5 класс\n"
	                           "3:Предмет:|Математика\n"
	                           /* a date: the date part, as ISO 8601 */
	                           "4:Дата проведения:|2026-04-15\n"
	                           /* row 5 is blank: skipped, the numbering kept */
	                           "6:ОО|Код участника|Класс|1 (1б)|2 (1б)|3 (2б)|Первичный балл\n"
	                           "7:500101|10001|5а|1|0|2|3\n"
	                           /* " 5а " is trimmed; halves are C-locale decimals */
	                           "8:500101|10002|5а|1|1|0.5|2.5\n"
	                           /* the row ends at its last cell */
	                           "9:500101|10003|5б|н/я|н/я|н/я\n"
	                           "10:500202|10004|5в|0|-|1|1\n"
	                           /* a sparse row: empty cells are "" in their places */
	                           "11:|10005|||||2\n"
	                           /* a date-time keeps its time, unless it is midnight; a time */
	                           "13:Выгружено:|2026-05-20 14:30:05|2026-05-21|09:45:00\n");
	assert_int_equal(mms_diag_count(f->db), 0);
	mms_xls_close(x);
	mms_buf_free(&out);
}

static const char totals_rows[] =
    /* B1 holds =C1+D1 with the result 7 cached: libfreexl skips formulas */
    "1:Сумма||3|4\n"
    /* booleans are 1 and 0 */
    "2:Сдал|1\n"
    "3:Не сдал|0\n"
    /* spaces and a no-break space trimmed; numbers as short as they read back */
    "4:с пробелами|0.001|123456789.25|-1.5e-09|1e+21|0.30000000000000004\n"
    /*
     * #DIV/0! and #NULL!: libfreexl reads an error code as a boolean, so
     * they come as 1 and 0 (its limitation, not a choice: mind a score)
     */
    "5:Ошибки|1|0\n";

static void test_formulas_booleans_numbers(void **state)
{
	struct t_fx *f = *state;
	mms_xls *x;
	mms_row *row;
	mms_buf out = {0};

	assert_int_equal(mms_xls_open(f->db, XLS("formulas.xls"), &x), MMS_OK);
	assert_int_equal(mms_xls_sheets(x), 2);
	assert_string_equal(mms_xls_sheet_name(x, 0), "Итоги 5А");
	assert_string_equal(mms_xls_sheet_name(x, 1), "Пусто");
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, totals_rows);
	/* a sheet without a cell ends at once */
	assert_int_equal(mms_xls_select(x, 1), MMS_OK);
	assert_int_equal(mms_xls_next(x, &row), 0);
	mms_xls_close(x);
	mms_buf_free(&out);
}

/* Numbers are C-locale whatever the user's locale: "0.5", never "0,5". */
static void test_numbers_under_russian_locale(void **state)
{
	struct t_fx *f = *state;
	mms_xls *x;
	mms_buf out = {0};
	char probe[16];

	if (!setlocale(LC_ALL, "ru_RU.UTF-8"))
		skip();
	/* the locale does write a decimal comma: the test would see a '.' slip */
	snprintf(probe, sizeof(probe), "%g", 0.5);
	assert_string_equal(probe, "0,5");
	assert_int_equal(mms_xls_open(f->db, XLS("formulas.xls"), &x), MMS_OK);
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, totals_rows);
	mms_xls_close(x);
	assert_int_equal(mms_xls_open(f->db, XLS("roster.xls"), &x), MMS_OK);
	assert_int_equal(slurp(x, &out), 0);
	assert_string_equal(out.p, roster_rows);
	mms_xls_close(x);
	/* the reader put the thread's locale back */
	snprintf(probe, sizeof(probe), "%g", 0.5);
	assert_string_equal(probe, "0,5");
	setlocale(LC_ALL, "C");
	mms_buf_free(&out);
}

static void test_damaged_files(void **state)
{
	struct t_fx *f = *state;

	/* the OLE sector table (FAT) of a good file, smashed */
	assert_bad(f->db, XLS("broken.xls"), "its OLE sector table (FAT) is damaged");
	/* the first 1 500 bytes of a good file */
	assert_bad(f->db, XLS("truncated.xls"), "it is truncated or its OLE container is damaged");
	assert_bad(f->db, XLS("encrypted.xls"), "the workbook is password-protected");
	/* a sheet of 65 536 × 300 cells: libfreexl loads none of the workbook */
	assert_bad(f->db, XLS("huge.xls"), "no sheet can be read");
	/* every FAT entry 0: sector chains that loop, read as no sheets */
	assert_bad(f->db, XLS("fat-loop.xls"), "no sheet can be read");
}

static void test_not_a_workbook(void **state)
{
	struct t_fx *f = *state;
	static const char ole_only[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
	char *empty = t_write_str(""), *zip = t_write_str("PK\3\4 an .xlsx, say"),
	     *text = t_write_str("Код ОО;Школа\n500101;Школа № 1\n"),
	     *header = t_write_file(ole_only, 8), *tiny = t_write_str("\xD0\xCF");

	assert_bad(f->db, empty, "the file is empty");
	assert_bad(f->db, zip, "this is a ZIP archive (an .xlsx workbook?)");
	assert_bad(f->db, text, "not an Excel 97-2003 workbook (.xls)");
	assert_bad(f->db, tiny, "not an Excel 97-2003 workbook (.xls)");
	/* the signature and nothing more */
	assert_bad(f->db, header, "it is truncated or its OLE container is damaged");
	t_remove(empty);
	t_remove(zip);
	t_remove(text);
	t_remove(header);
	t_remove(tiny);
}

static void test_cannot_open(void **state)
{
	struct t_fx *f = *state;
	mms_xls *x = (mms_xls *)&x;

	assert_int_equal(mms_xls_open(f->db, XLS("no-such.xls"), &x), MMS_EOPEN);
	assert_null(x);
	assert_string_equal(mms_errmsg(f->db),
	                    "cannot open '" XLS("no-such.xls") "': No such file or directory");
	/* a folder opens but cannot be read */
	x = (mms_xls *)&x;
	assert_int_equal(mms_xls_open(f->db, XLS(""), &x), MMS_EOPEN);
	assert_null(x);
	assert_string_equal(mms_errmsg(f->db), "cannot read '" XLS("") "': Is a directory");
	assert_int_equal(mms_diag_count(f->db), 0);
	mms_xls_close(NULL);
}

/* A cell past MMS_FIELDS_MAX columns (only a crafted file has one) is an error at that cell. */
static void test_too_many_columns(void **state)
{
	struct t_fx *f = *state;
	mms_xls *x;
	mms_row *row;

	assert_int_equal(mms_xls_open(f->db, XLS("wide.xls"), &x), MMS_OK);
	assert_int_equal(mms_xls_next(x, &row), 1);
	assert_int_equal(row->n, 1);
	assert_string_equal(row->f[0], "Код");
	/* column index 5000 is GJI */
	assert_int_equal(mms_xls_next(x, &row), MMS_EDATA);
	assert_diag(f->db, XLS("wide.xls") ":Лист1!GJI2", "more than 4096 columns in a row");
	mms_xls_close(x);
}

/* A NaN where a number is: the place is the sheet, quoted as Excel does, and the cell. */
static void test_nan(void **state)
{
	struct t_fx *f = *state;
	mms_xls *x;
	mms_row *row;

	assert_int_equal(mms_xls_open(f->db, XLS("nan.xls"), &x), MMS_OK);
	assert_string_equal(mms_xls_sheet_name(x, 0), "Баллы д'Артаньяна");
	assert_int_equal(mms_xls_next(x, &row), 1);
	assert_string_equal(row->f[0], "Балл");
	assert_int_equal(mms_xls_next(x, &row), 1);
	assert_string_equal(row->f[0], "1");
	assert_int_equal(mms_xls_next(x, &row), MMS_EDATA);
	assert_diag(f->db, XLS("nan.xls") ":'Баллы д''Артаньяна'!A3",
	            "the number is not finite (a damaged file)");
	mms_xls_close(x);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, t_fx_setup, t_fx_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_sheets_and_rewind),
	    T(test_results_layout),
	    T(test_formulas_booleans_numbers),
	    T(test_numbers_under_russian_locale),
	    T(test_damaged_files),
	    T(test_not_a_workbook),
	    T(test_cannot_open),
	    T(test_too_many_columns),
	    T(test_nan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
