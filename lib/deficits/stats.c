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

/* An item's sorting key: a non-negative double's bits order as its value does (-0
   as 0; a negative p-value, which no test gives, as 0 too). */
static uint64_t bh_key(double p)
{
	double v = p > 0 ? p : 0.0;
	uint64_t key;

	memcpy(&key, &v, sizeof(v));
	return key;
}

/*
 * Sorts R (N of them) by their p-values' keys, stably, through TMP: eight
 * passes of a byte, those where every key has the same byte skipped.  A
 * region's classification ranks some hundred thousand p-values an
 * assessment; qsort() and its comparison calls were a twentieth of its time.
 */
static void radix_sort(struct mms_bh_item *r, struct mms_bh_item *tmp, size_t n)
{
	size_t count[8][256] = {{0}};

	for (size_t k = 0; k < n; k++) {
		uint64_t key = bh_key(r[k].v);

		for (int b = 0; b < 8; b++)
			count[b][(key >> (8 * b)) & 0xFF]++;
	}
	for (int b = 0; b < 8; b++) {
		size_t sum = 0;

		if (count[b][(bh_key(r[0].v) >> (8 * b)) & 0xFF] == n)
			continue; /* one byte value: this pass would move nothing */
		for (int v = 0; v < 256; v++) {
			size_t c = count[b][v];

			count[b][v] = sum;
			sum += c;
		}
		for (size_t k = 0; k < n; k++)
			tmp[count[b][(bh_key(r[k].v) >> (8 * b)) & 0xFF]++] = r[k];
		memcpy(r, tmp, n * sizeof(*r));
	}
}

int mms_bh_adjust_items(struct mms_bh_item *items, size_t m)
{
	struct mms_bh_item *tmp;
	double run = 1.0;

	if (m == 0)
		return 0;
	if (!(tmp = malloc(m * sizeof(*tmp))))
		return -1;
	radix_sort(items, tmp, m);
	free(tmp);
	/* from the largest p-value down, keeping the running minimum */
	for (size_t k = m; k-- > 0;) {
		double v = items[k].v * (double)m / (double)(k + 1);

		if (v < run)
			run = v;
		items[k].v = run;
	}
	return 0;
}

int mms_bh_adjust(const double *p, double *q, size_t m)
{
	struct mms_bh_item *items;

	if (m == 0)
		return 0;
	if (!(items = malloc(m * sizeof(*items))))
		return -1;
	for (size_t i = 0; i < m; i++)
		items[i] = (struct mms_bh_item){p[i], i};
	if (mms_bh_adjust_items(items, m) < 0) {
		free(items);
		return -1;
	}
	/* P read whole before Q is written: Q may be P */
	for (size_t k = 0; k < m; k++)
		q[items[k].at] = items[k].v;
	free(items);
	return 0;
}
