/* The JSON writer and the table printer of the commands (cmd/json.c, cmd/table.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#include "../../cmd/json.c"
#include "../../cmd/export.c"
#include "../../cmd/table.c"

static char *capture_buf;
static size_t capture_len;

static FILE *capture(void)
{
	FILE *fp = open_memstream(&capture_buf, &capture_len);

	assert_non_null(fp);
	return fp;
}

static char *captured(FILE *fp)
{
	fclose(fp);
	return capture_buf;
}

static void test_escape(void **state)
{
	FILE *fp = capture();
	char *s;

	(void)state;
	/* Quote, backslash, the named controls, another control as \u, Cyrillic
	   as is, a lone byte 0xFF (not UTF-8) as U+FFFD. */
	json_write_string(fp, "a\"b\\c\n\t\r\b\f\x01 Ёж \xff!");
	s = captured(fp);
	assert_string_equal(s, "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001 Ёж \\ufffd!\"");
	free(s);
}

static void test_document(void **state)
{
	struct json j;
	FILE *fp = capture();
	char *s;

	(void)state;
	json_init(&j, fp, JSON_PRETTY);
	json_begin_array(&j);
	json_begin_object(&j);
	json_key(&j, "level");
	json_str(&j, "class");
	json_key(&j, "school");
	json_str(&j, NULL);
	json_key(&j, "n");
	json_int(&j, 10);
	json_key(&j, "success");
	json_num(&j, 0.57);
	json_key(&j, "q");
	json_num(&j, NAN);
	json_key(&j, "deficit");
	json_bool(&j, 1);
	json_key(&j, "list");
	json_begin_array(&j);
	json_num(&j, -0.0);
	json_null(&j);
	json_end_array(&j);
	json_end_object(&j);
	json_begin_object(&j);
	json_end_object(&j);
	json_end_array(&j);
	json_finish(&j);
	s = captured(fp);
	assert_string_equal(
	    s, "[\n"
	       "  {\"level\": \"class\", \"school\": null, \"n\": 10, \"success\": 0.57, "
	       "\"q\": null, \"deficit\": true, \"list\": [0, null]},\n"
	       "  {}\n"
	       "]\n");
	free(s);

	fp = capture();
	json_init(&j, fp, JSON_COMPACT);
	json_begin_array(&j);
	json_end_array(&j);
	json_finish(&j);
	s = captured(fp);
	assert_string_equal(s, "[]\n");
	free(s);
}

/* A key and its value in one call write what json_key and the value write. */
static void test_fields(void **state)
{
	struct json a, b;
	FILE *fa, *fb;
	char *sa, *sb;

	(void)state;
	fa = open_memstream(&sa, &(size_t){0});
	fb = open_memstream(&sb, &(size_t){0});
	assert_non_null(fa);
	assert_non_null(fb);
	json_init(&a, fa, JSON_PRETTY);
	json_init(&b, fb, JSON_PRETTY);
	json_begin_object(&a);
	json_key(&a, "t");
	json_str(&a, "Иванова");
	json_key(&a, "n");
	json_int(&a, 24);
	json_key(&a, "s");
	json_num(&a, 0.5);
	json_key(&a, "d");
	json_bool(&a, 1);
	json_key(&a, "x");
	json_str(&a, NULL);
	json_end_object(&a);
	json_begin_object(&b);
	json_field_str(&b, "t", "Иванова");
	json_field_int(&b, "n", 24);
	json_field_num(&b, "s", 0.5);
	json_field_bool(&b, "d", 1);
	json_field_str(&b, "x", NULL);
	json_end_object(&b);
	fclose(fa);
	fclose(fb);
	assert_string_equal(sa, sb);
	assert_non_null(strstr(sb, "\"n\": 24"));
	assert_non_null(strstr(sb, "\"x\": null"));
	free(sa);
	free(sb);
}

static void test_table(void **state)
{
	struct table *t = table_new();
	FILE *fp;
	char *s;

	(void)state;
	assert_int_equal(table_column(t, "школа", TABLE_LEFT, 0), 0);
	assert_int_equal(table_column(t, "n", TABLE_RIGHT, 0), 0);
	assert_int_equal(table_column(t, "text", TABLE_LEFT, 6), 0);
	assert_int_equal(table_cell(t, "Ёлкино"), 0);
	assert_int_equal(table_cellf(t, "%d", 9), 0);
	assert_int_equal(table_cell(t, "Развитие"), 0);
	assert_int_equal(table_end_row(t), 0);
	assert_int_equal(table_cell(t, "A"), 0);
	assert_int_equal(table_cellf(t, "%d", 120), 0);
	assert_int_equal(table_end_row(t), 0);
	assert_int_equal(table_rows(t), 2);
	fp = capture();
	table_print(t, fp, 1);
	s = captured(fp);
	/* Widths by screen columns: "Ёлкино" is 6, "Развитие" 8, never cut, the
	   numbers right-aligned under "n" (3 wide); the rule 6 + 2 + 3 + 2 + 8 = 21;
	   no trailing spaces. */
	assert_string_equal(s, " школа     n  text\n"
	                       " ---------------------\n"
	                       " Ёлкино    9  Развитие\n"
	                       " A       120\n");
	free(s);
	table_free(t);

	/* narrower than the table: the widest text column wraps, at a space,
	   and inside a word only when a word is wider than the column */
	t = table_new();
	assert_int_equal(table_column(t, "школа", TABLE_LEFT, 0), 0);
	assert_int_equal(table_column(t, "n", TABLE_RIGHT, 0), 0);
	assert_int_equal(table_cell(t, "МБОУ «Сосновская средняя общеобразовательная школа № 1»"),
	                 0);
	assert_int_equal(table_cell(t, "7"), 0);
	assert_int_equal(table_end_row(t), 0);
	assert_int_equal(table_cell(t, "МБОУ «Сосновская средняя общеобразовательная школа № 2»"),
	                 0);
	assert_int_equal(table_cell(t, "12"), 0);
	assert_int_equal(table_end_row(t), 0);
	fp = capture();
	table_print_width(t, fp, 0, 26);
	s = captured(fp);
	assert_string_equal(s, "школа                    n\n"
	                       "--------------------------\n"
	                       "МБОУ «Сосновская         7\n"
	                       "средняя\n"
	                       "общеобразовательная\n"
	                       "школа № 1»\n"
	                       "МБОУ «Сосновская        12\n"
	                       "средняя\n"
	                       "общеобразовательная\n"
	                       "школа № 2»\n");
	free(s);
	fp = capture();
	table_print_width(t, fp, 0, 16);
	s = captured(fp);
	/* 16 - 2 - 2 = 12: "общеобразовательная" (19) is broken inside */
	assert_non_null(strstr(s, "\nобщеобразова\nтельная\n"));
	free(s);
	fp = capture();
	table_print_width(t, fp, 0, 0);
	s = captured(fp);
	assert_non_null(
	    strstr(s, "\nМБОУ «Сосновская средняя общеобразовательная школа № 2»  12\n"));
	free(s);
	table_free(t);

	s = table_truncate("Ёж", 5);
	assert_string_equal(s, "Ёж");
	free(s);
	s = table_truncate("Ёжики", 3);
	assert_string_equal(s, "Ёж…");
	free(s);
	assert_int_equal(table_width("日本"), 4);
}

/* CSV cells Excel would take for formulas stay text; numbers stay numbers. */
static void test_csv_formulas(void **state)
{
	FILE *fp;
	char *s;

	(void)state;
	fp = capture();
	csv_field(fp, "=HYPERLINK(\"http://x\",\"школа\")", 0);
	csv_field(fp, "+cmd|' /C calc'!A0", 0);
	csv_field(fp, "-2+3", 0);
	csv_field(fp, "@SUM(A1)", 0);
	csv_field(fp, "\tTAB", 0);
	csv_field(fp, "-12", 0);
	csv_field(fp, "+3,5", 0);
	csv_field(fp, "-0.25", 0);
	csv_field(fp, "обычный текст", 0);
	csv_field(fp, NULL, 0);
	csv_field(fp, "-", 1);
	s = captured(fp);
	assert_string_equal(s, "\"'=HYPERLINK(\"\"http://x\"\",\"\"школа\"\")\";"
	                       "\"'+cmd|' /C calc'!A0\";"
	                       "\"'-2+3\";"
	                       "\"'@SUM(A1)\";"
	                       "\"'\tTAB\";"
	                       "-12;+3,5;-0.25;обычный текст;;"
	                       "\"'-\"\r\n");
	free(s);
}

/* What is printed for a terminal cannot drive it. */
static void test_term_escape(void **state)
{
	char *s;

	(void)state;
	s = term_escape("Злой\x1b]0;PWNED\x07\x1b[2J Учитель");
	assert_string_equal(s, "Злой^[]0;PWNED^G^[[2J Учитель");
	free(s);
	s = term_escape("a\x7f b\xc2\x9b c\u202Ed\u2067e");
	assert_string_equal(s, "a^? b<9B> c<U+202E>d<U+2067>e");
	free(s);
	s = term_escape("строка\n\tвторая");
	assert_string_equal(s, "строка\n\tвторая");
	free(s);
	s = term_escape(NULL);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape),       cmocka_unit_test(test_document),
	    cmocka_unit_test(test_fields),       cmocka_unit_test(test_table),
	    cmocka_unit_test(test_csv_formulas), cmocka_unit_test(test_term_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
