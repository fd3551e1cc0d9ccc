#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deficits/stats.h"

double mms_normal_cdf(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

double mms_binomial_tail(long k, long n)
{
	double sum = 0;

	if (k <= 0)
		return 1.0;
	if (k > n)
		return 0.0;
	/* in logarithms: C(N, i) / 2^N overflows nothing for any N */
	for (long i = k; i <= n; i++)
		sum += exp(lgamma((double)n + 1) - lgamma((double)i + 1) -
		           lgamma((double)(n - i) + 1) - (double)n * log(2.0));
	return sum > 1.0 ? 1.0 : sum;
}

void mms_wilson(double p, double n, double z, double *lo, double *hi)
{
	double z2, denom, centre, half;

	if (!(n > 0)) {
		*lo = 0.0;
		*hi = 1.0;
		return;
	}
	if (p < 0)
		p = 0;
	if (p > 1)
		p = 1;
	z2 = z * z;
	denom = 1.0 + z2 / n;
	centre = (p + z2 / (2.0 * n)) / denom;
	half = z / denom * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
	*lo = centre - half;
	*hi = centre + half;
	if (*lo < 0)
		*lo = 0;
	if (*hi > 1)
		*hi = 1;
}

double mms_ztest_below(double p1, double n1, double p2, double n2)
{
	double pool, se;

	if (!(n1 > 0) || !(n2 > 0))
		return 1.0;
	pool = (p1 * n1 + p2 * n2) / (n1 + n2);
	se = sqrt(pool * (1.0 - pool) * (1.0 / n1 + 1.0 / n2));
	if (!(se > 0))
		return p1 < p2 ? 0.0 : 1.0;
	return mms_normal_cdf((p1 - p2) / se);
}

struct ranked {
	uint64_t key; /* the p-value's bits: in the order of the values, for p ≥ 0 */
	size_t i;
};

/*
 * Sorts R (N of them) by key, stably, through TMP: eight passes of a byte,
 * those where every key has the same byte skipped.  A region's classification
 * ranks some hundred thousand p-values an assessment; qsort() and its
 * comparison calls were a twentieth of its time.
 */
static void radix_sort(struct ranked *r, struct ranked *tmp, size_t n)
{
	size_t count[8][256] = {{0}};

	for (size_t k = 0; k < n; k++)
		for (int b = 0; b < 8; b++)
			count[b][(r[k].key >> (8 * b)) & 0xFF]++;
	for (int b = 0; b < 8; b++) {
		size_t sum = 0;

		if (count[b][(r[0].key >> (8 * b)) & 0xFF] == n)
			continue; /* one byte value: this pass would move nothing */
		for (int v = 0; v < 256; v++) {
			size_t c = count[b][v];

			count[b][v] = sum;
			sum += c;
		}
		for (size_t k = 0; k < n; k++)
			tmp[count[b][(r[k].key >> (8 * b)) & 0xFF]++] = r[k];
		memcpy(r, tmp, n * sizeof(*r));
	}
}

int mms_bh_adjust(const double *p, double *q, size_t m)
{
	struct ranked *r, *tmp;
	double run = 1.0;

	if (m == 0)
		return 0;
	r = malloc(m * sizeof(*r));
	tmp = malloc(m * sizeof(*tmp));
	if (!r || !tmp) {
		free(r);
		free(tmp);
		return -1;
	}
	for (size_t i = 0; i < m; i++) {
		/* a non-negative double's bits order as its value does (-0 as 0; a
		   negative p-value, which no test gives, as 0 too) */
		double v = p[i] > 0 ? p[i] : 0.0;

		memcpy(&r[i].key, &v, sizeof(v));
		r[i].i = i;
	}
	radix_sort(r, tmp, m);
	free(tmp);
	/* From the largest p-value down, keeping the running minimum (P read
	   before its place in Q is written: Q may be P) */
	for (size_t k = m; k-- > 0;) {
		double v = p[r[k].i] * (double)m / (double)(k + 1);

		if (v < run)
			run = v;
		q[r[k].i] = run;
	}
	free(r);
	return 0;
}
