/* Growing buffers: text appended, arrays grown by doubling. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static void test_buf(void **state)
{
	mms_buf b = {0};

	(void)state;
	assert_int_equal(mms_buf_adds(&b, "Лист"), MMS_OK);
	assert_int_equal(mms_buf_addf(&b, " %d!%s", 1, "C17"), MMS_OK);
	assert_int_equal(mms_buf_add(&b, "xyz", 1), MMS_OK);
	assert_string_equal(b.p, "Лист 1!C17x");
	assert_int_equal(b.len, strlen("Лист 1!C17x"));
	mms_buf_free(&b);
	mms_buf_free(&b); /* twice is harmless */
}

/* Room to write into: at the end of the text, kept across growth, the length the writer's. */
static void test_room(void **state)
{
	mms_buf b = {0};
	char *r;

	(void)state;
	assert_int_equal(mms_buf_adds(&b, "ab"), MMS_OK);
	r = mms_buf_room(&b, 1000);
	assert_non_null(r);
	assert_ptr_equal(r, b.p + 2);
	assert_true(b.cap >= 2 + 1000 + 1);
	assert_int_equal(b.len, 2);
	assert_string_equal(b.p, "ab");
	memset(r, 'x', 1000);
	b.len += 1000;
	b.p[b.len] = '\0';
	assert_int_equal(strlen(b.p), 1002);
	assert_int_equal(mms_buf_adds(&b, "!"), MMS_OK);
	assert_int_equal(b.p[1002], '!');
	mms_buf_free(&b);
	/* an empty buffer gets its first block */
	assert_non_null(mms_buf_room(&b, 0));
	assert_int_equal(b.len, 0);
	mms_buf_free(&b);
}

/* Integers as "%lld" writes them, the extremes too. */
static void test_add_int(void **state)
{
	static const long long v[] = {0, 7, -7, 10, 250000, -1000000, LLONG_MAX, LLONG_MIN};
	mms_buf b = {0};
	char want[512] = "";

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		assert_int_equal(mms_buf_add_int(&b, v[i]), MMS_OK);
		assert_int_equal(mms_buf_adds(&b, ","), MMS_OK);
		snprintf(want + strlen(want), sizeof(want) - strlen(want), "%lld,", v[i]);
	}
	assert_string_equal(b.p, want);
	mms_buf_free(&b);
}

/* Every length of number, each power of ten and its neighbours, and the largest:
   the digits printf() writes, and nothing past them. */
static void test_put_digits(void **state)
{
	unsigned long long v = 1;

	(void)state;
	for (int k = 0; k < 20; k++, v *= 10)
		for (unsigned long long d = 0; d < 3; d++) {
			unsigned long long x[2] = {v - 1 + d, v * 7 + d};

			for (int i = 0; i < 2; i++) {
				char got[32], want[32], *end;

				memset(got, 'x', sizeof(got));
				end = mms_put_digits(got, x[i]);
				snprintf(want, sizeof(want), "%llu", x[i]);
				assert_int_equal(end - got, (long)strlen(want));
				assert_memory_equal(got, want, strlen(want));
				assert_int_equal(*end, 'x');
			}
		}
	for (unsigned long long x = 0; x < 100000; x += 7) {
		char got[32], want[32];

		*mms_put_digits(got, x) = '\0';
		snprintf(want, sizeof(want), "%llu", x);
		assert_string_equal(got, want);
	}
	{
		char got[32];

		*mms_put_digits(got, ULLONG_MAX) = '\0';
		assert_string_equal(got, "18446744073709551615");
	}
}

static void test_grow(void **state)
{
	long *v = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(mms_grow((void **)&v, &cap, 1, sizeof(*v)), 0);
	assert_int_equal(cap, 16);
	v[0] = 7;
	/* enough already: nothing moves */
	assert_int_equal(mms_grow((void **)&v, &cap, 16, sizeof(*v)), 0);
	assert_int_equal(cap, 16);
	/* doubled until it holds what is needed, the elements kept */
	assert_int_equal(mms_grow((void **)&v, &cap, 100, sizeof(*v)), 0);
	assert_int_equal(cap, 128);
	assert_int_equal(v[0], 7);
	v[99] = 9;
	assert_int_equal(mms_grow((void **)&v, &cap, 129, sizeof(*v)), 0);
	assert_int_equal(cap, 256);
	assert_int_equal(v[99], 9);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_buf),     cmocka_unit_test(test_room),
	    cmocka_unit_test(test_add_int), cmocka_unit_test(test_put_digits),
	    cmocka_unit_test(test_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
