/* Text: UTF-8 validity, matching keys, widths, trimming, numbers, Windows-1251. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "text.h"

static int valid(const char *s)
{
	return mms_utf8_valid(s, strlen(s));
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(valid(""));
	assert_true(valid("abc"));
	assert_true(valid("Привет, ёж"));
	assert_true(valid("\xE2\x82\xAC"));     /* € */
	assert_true(valid("\xF0\x9F\x98\x80")); /* U+1F600 */
	assert_true(valid("\xED\x9F\xBF"));     /* U+D7FF, just below the surrogates */
	assert_true(valid("\xEE\x80\x80"));     /* U+E000, just above them */
	assert_true(valid("\xF4\x8F\xBF\xBF")); /* U+10FFFF */
	assert_true(mms_utf8_valid("a\0b", 3));

	/* overlong forms */
	assert_false(valid("\xC0\xAF"));
	assert_false(valid("\xC1\xBF"));
	assert_false(valid("\xE0\x80\xAF"));
	assert_false(valid("\xE0\x9F\xBF"));
	assert_false(valid("\xF0\x80\x80\xAF"));
	assert_false(valid("\xF0\x8F\xBF\xBF"));
	/* surrogates */
	assert_false(valid("\xED\xA0\x80"));
	assert_false(valid("\xED\xBF\xBF"));
	assert_false(valid("\xED\xA0\xBD\xED\xB8\x80"));
	/* beyond U+10FFFF, bad lead and continuation bytes, truncation */
	assert_false(valid("\xF4\x90\x80\x80"));
	assert_false(valid("\xF5\x80\x80\x80"));
	assert_false(valid("\xFF"));
	assert_false(valid("\x80"));
	assert_false(valid("a\xBFz"));
	assert_false(valid("\xD0"));
	assert_false(valid("\xD0z"));
	assert_false(valid("\xE2\x82"));
	assert_false(mms_utf8_valid("\xD0\x9F", 1));
	/* Windows-1251 "Привет" is not UTF-8 */
	assert_false(valid("\xCF\xF0\xE8\xE2\xE5\xF2"));
}

static void assert_key(char *(*fn)(const char *), const char *in, const char *want)
{
	char *k = fn(in);

	assert_non_null(k);
	assert_string_equal(k, want);
	free(k);
}

static void test_key(void **state)
{
	(void)state;
	assert_key(mms_key, "ИВАНОВА Анна Петровна", "иванова анна петровна");
	assert_key(mms_key, "Математика", "математика");
	assert_key(mms_key, "MATH", "math");
	/* ё and Ё are е */
	assert_key(mms_key, "Ёлкина Алёна", "елкина алена");
	/* Й is kept, decomposed or not */
	assert_key(mms_key, "ЙОШКИН", "йошкин");
	assert_key(mms_key, "И\xCC\x86ошкин", "йошкин");
	{
		char *a = mms_key("Йошкин"), *b = mms_key("Иошкин");

		assert_non_null(a);
		assert_non_null(b);
		assert_string_not_equal(a, b);
		free(a);
		free(b);
	}
	/* no-break, narrow no-break and thin spaces; runs collapse; ends trimmed */
	assert_key(mms_key, "Анна\xC2\xA0Петровна", "анна петровна");
	assert_key(mms_key, "Анна\xE2\x80\xAFПетровна", "анна петровна");
	assert_key(mms_key, "Анна\xE2\x80\x89Петровна", "анна петровна");
	assert_key(mms_key, "  Анна \t\xC2\xA0  Петровна \xC2\xA0", "анна петровна");
	assert_key(mms_key, "", "");
	assert_key(mms_key, " \xC2\xA0 ", "");
	/* quotes stay in a plain key */
	assert_key(mms_key, "«А»", "«а»");
	/* not UTF-8 */
	assert_null(mms_key("\xCF\xF0\xE8"));
}

/* The memo gives mms_key()'s keys, the first time and after, and keeps a bounded number. */
static void test_key_memo(void **state)
{
	static const char *const texts[] = {"  Код  ОО ", "ФИО", "Ёлка", "ёлка", "1 (1б)", ""};
	mms_key_memo m = {0};

	(void)state;
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
			char *want = mms_key(texts[i]), *got = mms_key_memo_get(&m, texts[i]);

			assert_string_equal(got, want);
			free(want);
			free(got);
		}
	assert_int_equal(m.n, 6);
	assert_null(mms_key_memo_get(&m, "\xff")); /* not UTF-8, as mms_key() */
	for (int i = 0; i < 2 * MMS_KEY_MEMO_MAX; i++) {
		char text[32], want[32], *got;

		snprintf(text, sizeof(text), "Задание %d", i);
		snprintf(want, sizeof(want), "задание %d", i);
		got = mms_key_memo_get(&m, text);
		assert_string_equal(got, want);
		free(got);
	}
	assert_int_equal(m.n, MMS_KEY_MEMO_MAX);
	mms_key_memo_free(&m);
	assert_null(m.slot);
	mms_key_memo_free(&m);
}

static void test_school_key(void **state)
{
	(void)state;
	assert_key(mms_school_key, "МБОУ «СОШ № 1»", "мбоу сош № 1");
	assert_key(mms_school_key, "МБОУ \"СОШ № 1\"", "мбоу сош № 1");
	assert_key(mms_school_key, "МБОУ “СОШ № 1”", "мбоу сош № 1");
	assert_key(mms_school_key, "МБОУ „СОШ № 1“", "мбоу сош № 1");
	assert_key(mms_school_key, "МБОУ  ''СОШ № 1''", "мбоу сош № 1");
	assert_key(mms_school_key, "«Гимназия»", "гимназия");
	assert_key(mms_school_key, "Кедровская ООШ", "кедровская оош");
}

static void test_class_key(void **state)
{
	(void)state;
	assert_key(mms_class_key, "5А", "5а");
	assert_key(mms_class_key, "5 а", "5а");
	assert_key(mms_class_key, "5-А", "5а");
	assert_key(mms_class_key, "5 - А", "5а");
	assert_key(mms_class_key, "5A", "5а"); /* Latin A */
	assert_key(mms_class_key, "5a", "5а"); /* Latin a */
	assert_key(mms_class_key, "5\"А\"", "5а");
	assert_key(mms_class_key,
	           "5\xC2\xA0"
	           "А",
	           "5а");
	assert_key(mms_class_key, "11Б", "11б");
	assert_key(mms_class_key, "11 Б", "11б");
	assert_key(mms_class_key, "7B", "7в"); /* a Latin B is a В */
	assert_key(mms_class_key, "7Е", "7е");
	assert_key(mms_class_key, "7Ё", "7е");
	assert_key(mms_class_key, "9", "9");
	/* the three spellings give one key */
	{
		char *a = mms_class_key("5 а"), *b = mms_class_key("5-А"), *c = mms_class_key("5A");

		assert_string_equal(a, b);
		assert_string_equal(b, c);
		free(a);
		free(b);
		free(c);
	}
}

static void test_class_grade(void **state)
{
	(void)state;
	assert_int_equal(mms_class_grade("5а"), 5);
	assert_int_equal(mms_class_grade("1а"), 1);
	assert_int_equal(mms_class_grade("11б"), 11);
	assert_int_equal(mms_class_grade("9"), 9);
	assert_int_equal(mms_class_grade("10мат"), 10);
	assert_int_equal(mms_class_grade("12а"), -1);
	assert_int_equal(mms_class_grade("0а"), -1);
	assert_int_equal(mms_class_grade("005а"), -1);
	assert_int_equal(mms_class_grade("а5"), -1);
	assert_int_equal(mms_class_grade(""), -1);
	assert_int_equal(mms_class_grade("5а!"), -1);
	assert_int_equal(mms_class_grade("5 а"), -1); /* keys have no spaces */
	assert_int_equal(mms_class_grade("5абвгд"), -1);
}

static void test_utf8_width(void **state)
{
	(void)state;
	assert_int_equal(mms_utf8_width(""), 0);
	assert_int_equal(mms_utf8_width("abc"), 3);
	assert_int_equal(mms_utf8_width("Привет"), 6);
	assert_int_equal(mms_utf8_width("Ёж и йод"), 8);
	assert_int_equal(mms_utf8_width("И\xCC\x86"), 1);    /* a combining breve takes none */
	assert_int_equal(mms_utf8_width("\xE4\xB8\xAD"), 2); /* 中 */
	assert_int_equal(mms_utf8_width("5А\t"), 2);         /* controls take none */
	assert_int_equal(strlen("Привет"), 12);
}

static void assert_trim(const char *in, const char *want)
{
	char *s = strdup(in);

	assert_non_null(s);
	assert_ptr_equal(mms_trim(s), s);
	assert_string_equal(s, want);
	free(s);
	/* the same with the length known, which it gives back */
	s = strdup(in);
	assert_non_null(s);
	assert_int_equal(mms_trim_len(s, strlen(s)), strlen(want));
	assert_string_equal(s, want);
	free(s);
}

static void test_trim(void **state)
{
	(void)state;
	assert_trim("abc", "abc");
	assert_trim("  abc  ", "abc");
	assert_trim("\t abc\r\n", "abc");
	assert_trim("\xC2\xA0"
	            "5А\xC2\xA0",
	            "5А");
	assert_trim(" \xC2\xA0 \xC2\xA0 0,5 \xC2\xA0", "0,5");
	assert_trim("a \xC2\xA0 b", "a \xC2\xA0 b");
	assert_trim("\xEF\xBB\xBFКод ОО", "Код ОО");
	assert_trim("", "");
	assert_trim("   ", "");
	assert_trim("\xC2\xA0", "");
	/* a lone 0xA0 byte at the end is not a no-break space */
	assert_trim("\xD0\xA0", "\xD0\xA0"); /* Р ends in 0xA0 */
}

static void assert_number(const char *s, double want)
{
	double v = -1;

	assert_int_equal(mms_parse_number(s, &v), 0);
	assert_float_equal(v, want, 1e-9);
}

static void assert_not_number(const char *s)
{
	double v = 42;

	assert_int_equal(mms_parse_number(s, &v), -1);
	assert_float_equal(v, 42, 0); /* untouched */
}

static void test_parse_number(void **state)
{
	(void)state;
	assert_number("0,5", 0.5);
	assert_number("1.5", 1.5);
	assert_number("12", 12);
	assert_number("0", 0);
	assert_number("2,25", 2.25);
	assert_number(" 3 ", 3);
	assert_number("1\xC2\xA0"
	              "234,5",
	              1234.5);
	assert_number("1\xE2\x80\xAF"
	              "000",
	              1000);
	assert_not_number("");
	assert_not_number(" ");
	assert_not_number("abc");
	assert_not_number("1,");
	assert_not_number("1.");
	assert_not_number(",5");
	assert_not_number("-1");
	assert_not_number("+1");
	assert_not_number("1,5,6");
	assert_not_number("1.5.6");
	assert_not_number("1 2");
	assert_not_number("1e3");
	assert_not_number("н/я");
	assert_not_number("X");
}

static void test_parse_int(void **state)
{
	long v = 0;

	(void)state;
	assert_int_equal(mms_parse_int("42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(mms_parse_int("-7", &v), 0);
	assert_int_equal(v, -7);
	assert_int_equal(mms_parse_int("+3", &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(mms_parse_int(" 1985 ", &v), 0);
	assert_int_equal(v, 1985);
	assert_int_equal(mms_parse_int("0", &v), 0);
	assert_int_equal(v, 0);
	v = 99;
	assert_int_equal(mms_parse_int("", &v), -1);
	assert_int_equal(mms_parse_int("-", &v), -1);
	assert_int_equal(mms_parse_int("1.5", &v), -1);
	assert_int_equal(mms_parse_int("1,5", &v), -1);
	assert_int_equal(mms_parse_int("12a", &v), -1);
	assert_int_equal(mms_parse_int("1 2", &v), -1);
	assert_int_equal(mms_parse_int("99999999999999999999", &v), -1);
	assert_int_equal(v, 99);
}

/* Every byte against the C library's CP1251 converter. */
static void test_cp1251_vs_iconv(void **state)
{
	iconv_t cd = iconv_open("UTF-8", "CP1251");

	(void)state;
	assert_true(cd != (iconv_t)-1);
	for (int b = 0; b < 256; b++) {
		char in[1] = {(char)b}, want[8];
		char *ip = in, *op = want;
		size_t il = 1, ol = sizeof(want);
		mms_buf out = {0};
		int rc = mms_cp1251_to_utf8(in, 1, &out);

		iconv(cd, NULL, NULL, NULL, NULL);
		if (b == 0x98) {
			assert_int_equal(rc, -1);
			assert_true(iconv(cd, &ip, &il, &op, &ol) == (size_t)-1);
			mms_buf_free(&out);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
		if (out.len != (size_t)(op - want) || memcmp(out.p, want, out.len) != 0)
			fail_msg("byte 0x%02X: got %zu bytes, iconv gives %zu", b, out.len,
			         (size_t)(op - want));
		mms_buf_free(&out);
	}
	iconv_close(cd);
}

static void test_cp1251_text(void **state)
{
	mms_buf out = {0};

	(void)state;
	/* "Привет; Ёж №5 «А»" */
	assert_int_equal(mms_cp1251_to_utf8("\xCF\xF0\xE8\xE2\xE5\xF2; \xA8\xE6 \xB9"
	                                    "5 \xAB\xC0\xBB",
	                                    17, &out),
	                 0);
	assert_string_equal(out.p, "Привет; Ёж №5 «А»");
	mms_buf_free(&out);
	/* appends to what is there; 0x98 anywhere fails */
	assert_int_equal(mms_buf_adds(&out, "x"), 0);
	assert_int_equal(mms_cp1251_to_utf8("\xE0", 1, &out), 0);
	assert_string_equal(out.p, "xа");
	assert_int_equal(mms_cp1251_to_utf8("ab\x98"
	                                    "cd",
	                                    5, &out),
	                 -1);
	assert_string_equal(out.p, "xа"); /* left as it was */
	assert_int_equal(out.len, strlen("xа"));
	mms_buf_free(&out);
	/* zero bytes: nothing */
	assert_int_equal(mms_cp1251_to_utf8("", 0, &out), 0);
	assert_int_equal(out.len, 0);
	mms_buf_free(&out);
}

static void test_school_year(void **state)
{
	char y[16];

	(void)state;
	assert_int_equal(mms_school_year_parse("2026/2027", y), 0);
	assert_string_equal(y, "2026/2027");
	assert_int_equal(mms_school_year_parse(" 2026-2027", y), 0);
	assert_string_equal(y, "2026/2027");
	assert_int_equal(mms_school_year_parse("2026 – 27", y), 0);
	assert_string_equal(y, "2026/2027");
	assert_int_equal(mms_school_year_parse("2099/00", y), 0);
	assert_string_equal(y, "2099/2100");
	assert_int_equal(mms_school_year_parse("2026/27 уч. г.", y), 0);
	assert_string_equal(y, "2026/2027");
	assert_int_equal(mms_school_year_parse("2026/2027 учебный год", y), 0);
	assert_int_equal(mms_school_year_parse("2026/2028", y), -1);
	assert_int_equal(mms_school_year_parse("2027/2026", y), -1);
	assert_int_equal(mms_school_year_parse("2026", y), -1);
	assert_int_equal(mms_school_year_parse("2026/", y), -1);
	assert_int_equal(mms_school_year_parse("26/27", y), -1);
	assert_int_equal(mms_school_year_parse("2026/2027x", y), -1);
	assert_int_equal(mms_school_year_parse("20261/20262", y), -1);
	assert_int_equal(mms_school_year_parse("", y), -1);
	/* September to August */
	mms_school_year_of("2026-04-15", y);
	assert_string_equal(y, "2025/2026");
	mms_school_year_of("2026-08-31", y);
	assert_string_equal(y, "2025/2026");
	mms_school_year_of("2026-09-01", y);
	assert_string_equal(y, "2026/2027");
	mms_school_year_of("2026-12-06", y);
	assert_string_equal(y, "2026/2027");
}

/* Invisible look-alikes are one name; what could drive a terminal is found. */
static void test_invisible(void **state)
{
	char *a, *b;

	(void)state;
	/* a zero-width space and a soft hyphen are no letters of a name */
	a = mms_key("Тестова\u200bАнна Петровна");
	b = mms_key("ТестоваАнна Пет\u00adровна");
	assert_string_equal(a, "тестоваанна петровна");
	assert_string_equal(b, "тестоваанна петровна");
	free(a);
	free(b);
	assert_int_equal(mms_text_control("Иванова Анна Петровна", 0), 0);
	assert_int_equal(mms_text_control("Злой\x1b]0;PWNED\x07 Учитель", 0), 0x1B);
	assert_int_equal(mms_text_control("abc\u202Eтекст", 0), 0x202E);
	assert_int_equal(mms_text_control("a\u2066b", 0), 0x2066);
	assert_int_equal(mms_text_control("x\xc2\x85y", 0), 0x85);
	assert_int_equal(mms_text_control("x\x7fy", 0), 0x7F);
	/* after letters the quick path passes over: U+061C (D8 9C), a C1 control, ESC */
	assert_int_equal(mms_text_control("Класс 5А\u061C", 0), 0x061C);
	assert_int_equal(mms_text_control("Ёлка\xc2\x9b", 0), 0x9B);
	assert_int_equal(mms_text_control("ÿ§é\x1b", 0), 0x1B);
	/* a lead byte cut short is no control, and what follows it is still looked at */
	assert_int_equal(mms_text_control("\xd0", 0), 0);
	assert_int_equal(mms_text_control("\xd0\x07", 0), 0x07);
	/* a note may have lines and tabs, a name may not */
	assert_int_equal(mms_text_control("урок 5А:\n\tзадача", 1), 0);
	assert_int_equal(mms_text_control("урок 5А:\nзадача", 0), '\n');
	assert_int_equal(mms_text_control(NULL, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_valid),      cmocka_unit_test(test_key),
	    cmocka_unit_test(test_key_memo),        cmocka_unit_test(test_school_key),
	    cmocka_unit_test(test_class_key),       cmocka_unit_test(test_class_grade),
	    cmocka_unit_test(test_utf8_width),      cmocka_unit_test(test_trim),
	    cmocka_unit_test(test_parse_number),    cmocka_unit_test(test_parse_int),
	    cmocka_unit_test(test_cp1251_vs_iconv), cmocka_unit_test(test_cp1251_text),
	    cmocka_unit_test(test_school_year),     cmocka_unit_test(test_invisible),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
