/* SHA-256 against the FIPS 180-4 example vectors. */
#include <string.h>

#include "helpers.h"
#include "sha256.h"

static void hash_str(const char *s, char hex[65])
{
	mms_sha256 h;

	mms_sha256_init(&h);
	mms_sha256_update(&h, s, strlen(s));
	mms_sha256_hex(&h, hex);
}

static void test_empty(void **state)
{
	char hex[65];
	mms_sha256 h;

	(void)state;
	hash_str("", hex);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* no update at all gives the same */
	mms_sha256_init(&h);
	mms_sha256_hex(&h, hex);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
	char hex[65];

	(void)state;
	hash_str("abc", hex);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_448_bits(void **state)
{
	char hex[65];

	(void)state;
	hash_str("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", hex);
	assert_string_equal(hex,
	                    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_896_bits(void **state)
{
	char hex[65];

	(void)state;
	hash_str("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmno"
	         "pqklmnopqrlmnopqrsmnopqrstnopqrstu",
	         hex);
	assert_string_equal(hex,
	                    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* One million 'a', fed in chunks of odd sizes that straddle the 64-byte blocks. */
static void test_million_a(void **state)
{
	static const size_t sizes[] = {1, 3, 7, 63, 64, 65, 127, 1000, 4093};
	char buf[4096], hex[65];
	size_t left = 1000000, k = 0;
	mms_sha256 h;

	(void)state;
	memset(buf, 'a', sizeof(buf));
	mms_sha256_init(&h);
	while (left > 0) {
		size_t n = sizes[k++ % (sizeof(sizes) / sizeof(sizes[0]))];

		if (n > left)
			n = left;
		mms_sha256_update(&h, buf, n);
		left -= n;
	}
	mms_sha256_hex(&h, hex);
	assert_string_equal(hex,
	                    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the padding boundary: byte-by-byte equals all at once. */
static void test_split_equals_whole(void **state)
{
	char data[130], a[65], b[65];

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('A' + i % 26);
	for (size_t n = 50; n <= sizeof(data); n++) {
		mms_sha256 h1, h2;

		mms_sha256_init(&h1);
		mms_sha256_update(&h1, data, n);
		mms_sha256_hex(&h1, a);
		mms_sha256_init(&h2);
		for (size_t i = 0; i < n; i++)
			mms_sha256_update(&h2, data + i, 1);
		mms_sha256_hex(&h2, b);
		assert_string_equal(a, b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty),     cmocka_unit_test(test_abc),
	    cmocka_unit_test(test_448_bits),  cmocka_unit_test(test_896_bits),
	    cmocka_unit_test(test_million_a), cmocka_unit_test(test_split_equals_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
