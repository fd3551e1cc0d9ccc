/* The statistics of classify-deficits against values computed by hand. */
#include <math.h>
#include <string.h>

#include "deficits/stats.h"
#include "helpers.h"

#define TOL 1e-5

static void near(double got, double want)
{
	if (fabs(got - want) > TOL)
		fail_msg("got %.9f, want %.9f", got, want);
}

static void test_normal_cdf(void **state)
{
	(void)state;
	near(mms_normal_cdf(0), 0.5);
	/* Tables of the normal distribution: Φ(−1) = 0.158655, Φ(1.959964) = 0.975,
	   Φ(1.644854) = 0.95; Φ(−z) = 1 − Φ(z). */
	near(mms_normal_cdf(-1), 0.158655);
	near(mms_normal_cdf(1), 1 - 0.158655);
	near(mms_normal_cdf(MMS_Z95), 0.975);
	near(mms_normal_cdf(1.644854), 0.95);
	assert_true(mms_normal_cdf(-40) >= 0 && mms_normal_cdf(-40) < 1e-300);
	near(mms_normal_cdf(40), 1);
}

/* The fair binomial's tail, against sums by hand. */
static void test_binomial_tail(void **state)
{
	(void)state;
	assert_float_equal(mms_binomial_tail(0, 5), 1.0, 1e-15);
	assert_float_equal(mms_binomial_tail(6, 5), 0.0, 1e-15);
	assert_float_equal(mms_binomial_tail(5, 5), 1.0 / 32, 1e-12);
	/* P(X ≥ 8 | 9) = (C(9,8) + C(9,9)) / 512 = 10/512 */
	assert_float_equal(mms_binomial_tail(8, 9), 10.0 / 512, 1e-12);
	/* P(X ≥ 3 | 4) = 5/16; P(X ≥ 2 | 4) = 11/16 */
	assert_float_equal(mms_binomial_tail(3, 4), 5.0 / 16, 1e-12);
	assert_float_equal(mms_binomial_tail(2, 4), 11.0 / 16, 1e-12);
	/* the middle of a large N is a half, its far end nothing */
	assert_float_equal(mms_binomial_tail(5000, 9999), 0.5, 1e-9);
	assert_true(mms_binomial_tail(900, 1000) < 1e-100);
}

static void test_wilson(void **state)
{
	double lo, hi;

	(void)state;
	/* p = 0.5, n = 10, z² = 3.841459:
	   z²/n = 0.3841459, denominator 1.3841459,
	   centre = (0.5 + 0.1920730) / 1.3841459 = 0.5,
	   half = 1.959964 / 1.3841459 · sqrt(0.25/10 + 3.841459/400)
	        = 1.416010 · sqrt(0.0346036) = 1.416010 · 0.1860206 = 0.263407
	   → [0.236593, 0.763407]. */
	mms_wilson(0.5, 10, MMS_Z95, &lo, &hi);
	near(lo, 0.236593);
	near(hi, 0.763407);
	/* p = 0, n = 10: centre = 0.1920730 / 1.3841459 = 0.138767,
	   half = 1.416010 · sqrt(3.841459/400) = 1.416010 · 0.0979982 = 0.138767
	   → [0, 0.277533]: the interval of 0 successes is not [0, 0]. */
	mms_wilson(0, 10, MMS_Z95, &lo, &hi);
	near(lo, 0);
	near(hi, 0.277533);
	/* p = 1, n = 10: the mirror image, [1 − 0.277533, 1]. */
	mms_wilson(1, 10, MMS_Z95, &lo, &hi);
	near(lo, 0.722467);
	near(hi, 1);
	/* p = 0.57, n = 100: z²/n = 0.03841459, denominator 1.03841459,
	   centre = 0.5892073 / 1.0384146 = 0.567410,
	   half = 1.887459 · sqrt(0.002451 + 0.0000960) = 1.887459 · 0.0504682 = 0.095257
	   → [0.472154, 0.662667]. */
	mms_wilson(0.57, 100, MMS_Z95, &lo, &hi);
	near(lo, 0.472154);
	near(hi, 0.662667);
	/* No participants: no information, [0, 1]. */
	mms_wilson(0.5, 0, MMS_Z95, &lo, &hi);
	near(lo, 0);
	near(hi, 1);
}

static void test_ztest(void **state)
{
	(void)state;
	/* 0.4 of 20 against 0.6 of 180: pooled p̄ = (8 + 108) / 200 = 0.58,
	   se = sqrt(0.58 · 0.42 · (1/20 + 1/180)) = sqrt(0.2436 · 0.0555556) = 0.116333,
	   z = −0.2 / 0.116333 = −1.71920, Φ(z) = 0.042789. */
	near(mms_ztest_below(0.4, 20, 0.6, 180), 0.042789);
	/* The other way round the evidence is against "below": 1 − 0.042789. */
	near(mms_ztest_below(0.6, 180, 0.4, 20), 1 - 0.042789);
	/* 0.1 of 10 against 0.9 of 40: p̄ = 37/50 = 0.74,
	   se = sqrt(0.74 · 0.26 · 0.125) = 0.155081, z = −5.15861, Φ(z) = 1.24e−7. */
	assert_true(mms_ztest_below(0.1, 10, 0.9, 40) < 2e-7);
	assert_true(mms_ztest_below(0.1, 10, 0.9, 40) > 1e-7);
	/* Equal proportions: z = 0, p-value 0.5. */
	near(mms_ztest_below(0.5, 10, 0.5, 90), 0.5);
	/* No variance (all 0 or all 1): no evidence. */
	near(mms_ztest_below(0, 10, 0, 40), 1);
	near(mms_ztest_below(1, 10, 1, 40), 1);
	/* An empty group: no evidence. */
	near(mms_ztest_below(0.1, 0, 0.9, 40), 1);
	near(mms_ztest_below(0.1, 10, 0.9, 0), 1);
}

static void test_bh(void **state)
{
	double p[] = {0.01, 0.04, 0.03, 0.005}, q[4];
	double p2[] = {0.04, 0.05}, q2[2];
	double p3[] = {0.9, 0.8, 0.001}, q3[3];

	(void)state;
	/* Sorted: 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4); p·m/rank = 0.02, 0.02,
	   0.04, 0.04; running minimum from the top changes nothing. */
	assert_int_equal(mms_bh_adjust(p, q, 4), 0);
	near(q[0], 0.02);
	near(q[1], 0.04);
	near(q[2], 0.04);
	near(q[3], 0.02);
	/* 0.04·2/1 = 0.08 but 0.05·2/2 = 0.05 is smaller further up: q = 0.05, 0.05. */
	assert_int_equal(mms_bh_adjust(p2, q2, 2), 0);
	near(q2[0], 0.05);
	near(q2[1], 0.05);
	/* Sorted 0.001, 0.8, 0.9: 0.003, 1.2, 0.9 → minimum from the top:
	   0.9, 0.9, 0.003.  Adjusting in place works too. */
	assert_int_equal(mms_bh_adjust(p3, p3, 3), 0);
	memcpy(q3, p3, sizeof(q3));
	near(q3[0], 0.9);
	near(q3[1], 0.9);
	near(q3[2], 0.003);
	assert_int_equal(mms_bh_adjust(NULL, NULL, 0), 0);
}

/* BH by its definition, q_i = min over p_j ≥ p_i of p_j·m / rank_j (ranks of ties by place). */
static double bh_by_definition(const double *p, size_t m, size_t i)
{
	double q = 1.0;

	for (size_t j = 0; j < m; j++) {
		size_t rank = 0;

		if (p[j] < p[i])
			continue;
		for (size_t k = 0; k < m; k++)
			rank += p[k] < p[j] || (p[k] == p[j] && k <= j);
		if (p[j] * (double)m / (double)rank < q)
			q = p[j] * (double)m / (double)rank;
	}
	return q;
}

/* Many p-values, with ties, zeros and ones, across the bytes of their bits:
   the ranking gives every q the definition gives. */
static void test_bh_many(void **state)
{
	enum { M = 700 };
	double p[M], q[M];
	unsigned long seed = 12345;

	(void)state;
	for (size_t i = 0; i < M; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		switch (i % 7) {
		case 0:
			p[i] = 0; /* a p-value of 0, and -0 */
			break;
		case 1:
			p[i] = i % 2 ? 1.0 : -0.0;
			break;
		case 2:
			p[i] = p[i - 1 - (seed >> 60) % 2]; /* a tie */
			break;
		default:
			p[i] =
			    (double)(seed >> 11) / 9007199254740992.0 / (double)(1 + (seed >> 59));
		}
	}
	assert_int_equal(mms_bh_adjust(p, q, M), 0);
	for (size_t i = 0; i < M; i++)
		if (fabs(q[i] - bh_by_definition(p, M, i)) > 1e-12)
			fail_msg("p %zu = %g: q %g, by definition %g", i, p[i], q[i],
			         bh_by_definition(p, M, i));
	/* in place, an item a p-value: the same q-values to the bit, each at its place,
	   the items in the order of their p-values and a tie's in the order they came */
	{
		struct mms_bh_item items[M];

		for (size_t i = 0; i < M; i++)
			items[i] = (struct mms_bh_item){p[i], 1000 + i};
		assert_int_equal(mms_bh_adjust_items(items, M), 0);
		for (size_t k = 0; k < M; k++) {
			size_t i = items[k].at - 1000;

			assert_true(i < M);
			assert_memory_equal(&items[k].v, &q[i], sizeof(double));
			if (k > 0) {
				size_t before = items[k - 1].at - 1000;
				double a = p[before] > 0 ? p[before] : 0, b = p[i] > 0 ? p[i] : 0;

				assert_true(a < b || (a == b && before < i));
			}
		}
		assert_int_equal(mms_bh_adjust_items(NULL, 0), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_normal_cdf), cmocka_unit_test(test_binomial_tail),
	    cmocka_unit_test(test_wilson),     cmocka_unit_test(test_ztest),
	    cmocka_unit_test(test_bh),         cmocka_unit_test(test_bh_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
