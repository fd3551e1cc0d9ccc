/*
 * The statistics classify-deficits needs: the normal distribution, the
 * Wilson score interval, a one-sided two-proportion z-test and the
 * Benjamini–Hochberg adjustment.
 */
#ifndef MMS_DEFICITS_STATS_H
#define MMS_DEFICITS_STATS_H

#include <stddef.h>

/* The standard normal distribution function Φ(z). */
double mms_normal_cdf(double z);

/*
 * The Wilson score interval for a proportion P observed on N trials, with
 * the normal quantile Z (1.959964 for 95 %):
 *   centre = (P + Z²/2N) / (1 + Z²/N),
 *   half   = Z / (1 + Z²/N) · sqrt(P(1−P)/N + Z²/4N²).
 * P is clamped to [0, 1]; N ≤ 0 gives [0, 1].
 */
void mms_wilson(double p, double n, double z, double *lo, double *hi);

/* The 0.975 quantile of the standard normal distribution. */
#define MMS_Z95 1.959963984540054

/*
 * The one-sided p-value of the pooled two-proportion z-test of the
 * hypothesis that group 1 (proportion P1 on N1) is below group 2 (P2 on N2):
 *   p̄ = (P1·N1 + P2·N2) / (N1 + N2),
 *   z = (P1 − P2) / sqrt(p̄(1 − p̄)(1/N1 + 1/N2)),  p-value = Φ(z).
 * When the standard error is 0 the p-value is 0 if P1 < P2, else 1.
 * N1 or N2 ≤ 0 gives 1 (no evidence).
 */
double mms_ztest_below(double p1, double n1, double p2, double n2);

/*
 * The one-sided tail of the fair binomial: the probability of K or more
 * heads in N tosses of a fair coin, Σ_{i=K..N} C(N, i) / 2^N (1 for K ≤ 0,
 * 0 for K > N).
 */
double mms_binomial_tail(long k, long n);

/*
 * Benjamini–Hochberg adjusted p-values (q-values): with the p-values sorted
 * ascending p(1) ≤ … ≤ p(m), q(i) = min over j ≥ i of min(1, p(j)·m/j).
 * A hypothesis is rejected at false discovery rate α when its q ≤ α.
 * Q may be P.  Returns 0, or -1 when out of memory.
 */
int mms_bh_adjust(const double *p, double *q, size_t m);

/* A p-value and what it is of (AT), for mms_bh_adjust_items(). */
struct mms_bh_item {
	double v; /* the p-value; its q-value after */
	size_t at;
};

/*
 * mms_bh_adjust() in place: each item's p-value replaced by its q-value, the
 * items left in the order of their p-values (ties as they came).  Half the
 * memory of a copy of the p-values, their places and their q-values beside
 * it.  Returns 0, or -1 when out of memory.
 */
int mms_bh_adjust_items(struct mms_bh_item *items, size_t m);

#endif
