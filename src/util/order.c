/* order.c - radix sort and selection; see include/churnkit/order.h. */
#include "churnkit/order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

uint64_t order_key_asc(double x)
{
	uint64_t u;
	if (isnan(x))
		return UINT64_MAX;
	x += 0.0; /* -0 + 0 is +0: one key for both zeros */
	memcpy(&u, &x, sizeof u);
	/* Negative numbers: all bits flipped (larger magnitude, smaller key);
	 * positive ones: the sign bit set, above every negative. */
	return (u >> 63) ? ~u : u | ((uint64_t)1 << 63);
}

int order_sort_u64(uint64_t *key, size_t *idx, size_t n)
{
	enum { DIGITS = 8, RADIX = 256 };
	size_t (*count)[RADIX] = calloc(DIGITS, sizeof *count);
	uint64_t *k2 = malloc((n ? n : 1) * sizeof *k2);
	size_t *i2 = malloc((n ? n : 1) * sizeof *i2);
	if (count == NULL || k2 == NULL || i2 == NULL) {
		free(count);
		free(k2);
		free(i2);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < DIGITS; d++)
			count[d][(key[i] >> (8 * d)) & 0xff]++;
	uint64_t *ks = key, *kd = k2;
	size_t *is = idx, *id = i2;
	for (int d = 0; d < DIGITS; d++) {
		size_t *c = count[d], sum = 0;
		if (n == 0 || c[(key[0] >> (8 * d)) & 0xff] == n)
			continue; /* every key has this digit: the pass keeps the order */
		for (int b = 0; b < RADIX; b++) {
			size_t t = c[b];
			c[b] = sum;
			sum += t;
		}
		for (size_t i = 0; i < n; i++) {
			size_t at = c[(ks[i] >> (8 * d)) & 0xff]++;
			kd[at] = ks[i];
			id[at] = is[i];
		}
		uint64_t *kt = ks;
		ks = kd;
		kd = kt;
		size_t *it = is;
		is = id;
		id = it;
	}
	if (ks != key) {
		memcpy(key, ks, n * sizeof *key);
		memcpy(idx, is, n * sizeof *idx);
	}
	free(count);
	free(k2);
	free(i2);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Moves the k-th least of v[0..n-1] to v[k], the lesser ones before it
 * and the others after (Hoare's selection with a three-way partition, so
 * that many equal values cost nothing extra).  Median-of-three pivots can
 * be led to shrink the range by a few values a pass (a column that falls
 * then rises): after 2 log2(n) + 8 passes the range left is sorted
 * instead, so that the work stays O(n log n) at worst (introselect). */
static void select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n; /* v[lo..hi-1] holds rank k */
	int budget = 8;
	for (size_t m = n; m > 1; m /= 2)
		budget += 2;
	while (hi - lo > 1) {
		if (budget-- == 0) {
			qsort(v + lo, hi - lo, sizeof *v, cmp_double);
			return;
		}
		double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
		double piv = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
		size_t lt = lo, i = lo, gt = hi; /* [lo,lt) < piv, [lt,i) == piv, [gt,hi) > piv */
		while (i < gt) {
			double x = v[i];
			if (x < piv) {
				v[i++] = v[lt];
				v[lt++] = x;
			} else if (piv < x) {
				v[i] = v[--gt];
				v[gt] = x;
			} else {
				i++;
			}
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return;
	}
}

/* The zero a stable sort puts at rank k of x, given that zeros (of
 * either sign) take that rank: the (k - below)-th zero in x's order, where
 * `below` values are less than zero. */
static double stable_zero(const double *x, size_t n, size_t k)
{
	size_t below = 0, z = 0;
	for (size_t i = 0; i < n; i++)
		below += x[i] < 0;
	for (size_t i = 0; i < n; i++)
		if (x[i] == 0 && z++ == k - below)
			return x[i];
	return 0.0;
}

int order_select_ranks(const double *x, size_t n, const size_t *rank, size_t nr, double *out)
{
	for (size_t r = 0; r < nr; r++)
		if (rank[r] >= n)
			return -1;
	for (size_t i = 0; i < n; i++)
		if (isnan(x[i]))
			return 1;
	double *v = malloc((n ? n : 1) * sizeof *v);
	if (v == NULL)
		return -1;
	memcpy(v, x, n * sizeof *v);
	/* The largest rank first: after it, v[0..k) holds the k least values,
	 * where the lesser ranks are found. */
	for (size_t bound = n;;) {
		size_t k = n;
		for (size_t r = 0; r < nr; r++)
			if (rank[r] < bound && (k == n || rank[r] > k))
				k = rank[r];
		if (k == n)
			break;
		select_kth(v, bound, k);
		for (size_t r = 0; r < nr; r++)
			if (rank[r] == k)
				out[r] = v[k];
		bound = k;
	}
	free(v);
	for (size_t r = 0; r < nr; r++)
		if (out[r] == 0)
			out[r] = stable_zero(x, n, rank[r]);
	return 0;
}

int order_select2(const double *x, size_t n, size_t k, double out[2])
{
	size_t rank[2] = {k, k + 1 < n ? k + 1 : k};
	return order_select_ranks(x, n, rank, 2, out);
}
