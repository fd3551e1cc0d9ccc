/* The words for statuses and kinds: printed, and accepted in either language. */
#include <string.h>

#include "helpers.h"
#include "mms/words.h"

static void test_word(void **state)
{
	(void)state;
	assert_string_equal(mms_word(MMS_WORDS_STATUS, "in-progress"), "in progress");
	assert_string_equal(mms_word(MMS_WORDS_KIND, "internship"), "internship site");
	/* the same code in two groups: each its own word */
	assert_string_equal(mms_word(MMS_WORDS_FORM, "course"), "course");
	assert_string_equal(mms_word(MMS_WORDS_SKILL, "meta"), "meta-subject (УУД)");
	/* unknown: the code itself; none: empty */
	assert_string_equal(mms_word(MMS_WORDS_STATUS, "frozen"), "frozen");
	assert_string_equal(mms_word(MMS_WORDS_STATUS, NULL), "");
}

static void test_word_code(void **state)
{
	(void)state;
	/* the code, the English word, the Russian words, in any letter case */
	assert_string_equal(mms_word_code(MMS_WORDS_STATUS, "in-progress"), "in-progress");
	assert_string_equal(mms_word_code(MMS_WORDS_STATUS, "In progress"), "in-progress");
	assert_string_equal(mms_word_code(MMS_WORDS_STATUS, "Выполняется"), "in-progress");
	assert_string_equal(mms_word_code(MMS_WORDS_STATUS, "ОТМЕНЕНО"), "dropped");
	/* ё and е are one letter for a key */
	assert_string_equal(mms_word_code(MMS_WORDS_STATUS, "отменён"), "dropped");
	assert_string_equal(mms_word_code(MMS_WORDS_KIND, "Стажировочная  площадка"), "internship");
	assert_string_equal(mms_word_code(MMS_WORDS_KIND, "РМО"), "rmo");
	assert_string_equal(mms_word_code(MMS_WORDS_KIND, "курс"), "course");
	assert_string_equal(mms_word_code(MMS_WORDS_FORM, "сеть района"), "network");
	/* a word of another group is not one of this group's */
	assert_null(mms_word_code(MMS_WORDS_STATUS, "course"));
	assert_null(mms_word_code(MMS_WORDS_KIND, "webinar"));
	assert_null(mms_word_code(MMS_WORDS_KIND, ""));
	assert_null(mms_word_code(MMS_WORDS_KIND, NULL));
}

static void test_word_codes(void **state)
{
	(void)state;
	assert_string_equal(mms_word_codes(MMS_WORDS_STATUS),
	                    "planned, in-progress, done, dropped");
	assert_string_equal(mms_word_codes(MMS_WORDS_KIND),
	                    "mentor, seminar, rmo, internship, course, methodologist");
	/* the same again: kept, not appended twice */
	assert_string_equal(mms_word_codes(MMS_WORDS_KIND),
	                    "mentor, seminar, rmo, internship, course, methodologist");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_word),
	    cmocka_unit_test(test_word_code),
	    cmocka_unit_test(test_word_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
