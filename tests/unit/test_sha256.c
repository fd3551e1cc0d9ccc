/* SHA-256 against the FIPS 180-4 example vectors, HMAC-SHA-256 against RFC 4231. */
#include <stdio.h>
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

static void hmac_hex(const void *key, size_t klen, const void *msg, size_t mlen, char hex[65])
{
	unsigned char d[MMS_SHA256_LEN];

	mms_hmac_sha256(key, klen, msg, mlen, d);
	for (int i = 0; i < MMS_SHA256_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* RFC 4231 test cases 1, 2, 6 and 7: short, text, and keys longer than a block */
static void test_hmac_rfc4231(void **state)
{
	unsigned char key[131];
	char hex[65];

	(void)state;
	memset(key, 0x0b, 20);
	hmac_hex(key, 20, "Hi There", 8, hex);
	assert_string_equal(hex,
	                    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	hmac_hex("Jefe", 4, "what do ya want for nothing?", 28, hex);
	assert_string_equal(hex,
	                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key, 0xaa, sizeof(key));
	hmac_hex(key, sizeof(key), "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	         hex);
	assert_string_equal(hex,
	                    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	{
		static const char m[] =
		    "This is a test using a larger than block-size key and a larger than "
		    "block-size data. The key needs to be hashed before being used by the HMAC "
		    "algorithm.";

		hmac_hex(key, sizeof(key), m, strlen(m), hex);
		assert_string_equal(
		    hex, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
	}
	/* an empty key and message are defined too */
	hmac_hex("", 0, "", 0, hex);
	assert_string_equal(hex,
	                    "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

/* The CPU's instructions and the portable code agree on every length up to five blocks. */
static void test_accelerated_equals_portable(void **state)
{
	unsigned char data[5 * 64 + 3];
	char a[65], b[65];

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 131 + 7);
	for (size_t n = 0; n <= sizeof(data); n++) {
		mms_sha256 h;

		mms_sha256_accelerated(0);
		mms_sha256_init(&h);
		mms_sha256_update(&h, data, n);
		mms_sha256_hex(&h, a);
		mms_sha256_accelerated(1);
		mms_sha256_init(&h);
		mms_sha256_update(&h, data, n / 3);
		mms_sha256_update(&h, data + n / 3, n - n / 3);
		mms_sha256_hex(&h, b);
		assert_string_equal(a, b);
	}
}

static int portable(void **state)
{
	(void)state;
	mms_sha256_accelerated(0);
	return 0;
}

static int accelerated(void **state)
{
	(void)state;
	print_message("the CPU's SHA instructions: %s\n",
	              mms_sha256_accelerated(1) ? "used" : "not here (portable code again)");
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty),        cmocka_unit_test(test_abc),
	    cmocka_unit_test(test_448_bits),     cmocka_unit_test(test_896_bits),
	    cmocka_unit_test(test_million_a),    cmocka_unit_test(test_split_equals_whole),
	    cmocka_unit_test(test_hmac_rfc4231), cmocka_unit_test(test_accelerated_equals_portable),
	};

	/* every vector twice: with the portable code, with the CPU's instructions */
	return cmocka_run_group_tests_name("portable", tests, portable, NULL) |
	       cmocka_run_group_tests_name("accelerated", tests, accelerated, NULL);
}
