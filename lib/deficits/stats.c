#include <math.h>
#include <stdlib.h>

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
	double p;
	size_t i;
};

static int by_p(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->p < y->p)
		return -1;
	if (x->p > y->p)
		return 1;
	return (x->i > y->i) - (x->i < y->i);
}

int mms_bh_adjust(const double *p, double *q, size_t m)
{
	struct ranked *r;
	double run = 1.0;

	if (m == 0)
		return 0;
	r = malloc(m * sizeof(*r));
	if (!r)
		return -1;
	for (size_t i = 0; i < m; i++) {
		r[i].p = p[i];
		r[i].i = i;
	}
	qsort(r, m, sizeof(*r), by_p);
	/* From the largest p-value down, keeping the running minimum. */
	for (size_t k = m; k-- > 0;) {
		double v = r[k].p * (double)m / (double)(k + 1);

		if (v < run)
			run = v;
		q[r[k].i] = run;
	}
	free(r);
	return 0;
}
