/* The set of ids: adding, finding, growing. */
#include "helpers.h"
#include "idset.h"

static void test_empty(void **state)
{
	mms_idset s = {0};

	(void)state;
	assert_int_equal(mms_idset_has(&s, 1), 0);
	assert_int_equal(s.count, 0);
	mms_idset_free(&s);
	mms_idset_free(&s); /* twice is harmless */
}

static void test_add_has(void **state)
{
	mms_idset s = {0};

	(void)state;
	assert_int_equal(mms_idset_add(&s, 7), 1);
	assert_int_equal(mms_idset_add(&s, 7), 0);
	assert_int_equal(mms_idset_add(&s, 8), 1);
	assert_int_equal(mms_idset_add(&s, INT64_MAX), 1);
	assert_int_equal(s.count, 3);
	assert_int_equal(mms_idset_has(&s, 7), 1);
	assert_int_equal(mms_idset_has(&s, 8), 1);
	assert_int_equal(mms_idset_has(&s, INT64_MAX), 1);
	assert_int_equal(mms_idset_has(&s, 9), 0);
	assert_int_equal(mms_idset_has(&s, 6), 0);
	mms_idset_free(&s);
	assert_int_equal(s.count, 0);
	assert_int_equal(mms_idset_has(&s, 7), 0);
}

/* Many ids, in a pattern that collides in the low bits, across several rehashes. */
static void test_grow(void **state)
{
	mms_idset s = {0};
	const int64_t n = 20000;

	(void)state;
	for (int64_t i = 1; i <= n; i++)
		assert_int_equal(mms_idset_add(&s, i * 1024), 1);
	assert_int_equal(s.count, n);
	assert_true(s.cap >= 2 * (size_t)n);
	assert_int_equal(s.cap & (s.cap - 1), 0); /* a power of two */
	for (int64_t i = 1; i <= n; i++) {
		assert_int_equal(mms_idset_has(&s, i * 1024), 1);
		assert_int_equal(mms_idset_has(&s, i * 1024 + 1), 0);
		assert_int_equal(mms_idset_add(&s, i * 1024), 0);
	}
	assert_int_equal(s.count, n);
	mms_idset_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_add_has),
	    cmocka_unit_test(test_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
