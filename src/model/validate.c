/* validate.c - AUC, Brier score, calibration, lift; see include/churnkit/validate.h. */
#include "churnkit/validate.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/order.h"

typedef struct {
	double p;
	size_t i;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Whether no p is NaN (the sorts' comparison is then an order, and the
 * order of -p is the order of p's tie groups reversed). */
static int no_nan(const double *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isnan(p[i]))
			return 0;
	return 1;
}

/* Fills r with the rows by p ascending, ties by row order, through the
 * radix sort (p without NaN, so that cmp_ranked is an order and the
 * radix sort's order is its order); -1 when out of memory. */
static int radix_ranked(const double *p, size_t n, ranked *r)
{
	uint64_t *key = malloc((n ? n : 1) * sizeof *key);
	size_t *idx = malloc((n ? n : 1) * sizeof *idx);
	int st = key && idx ? 0 : -1;
	for (size_t i = 0; st == 0 && i < n; i++) {
		key[i] = order_key_asc(p[i]);
		idx[i] = i;
	}
	if (st == 0 && (st = order_sort_u64(key, idx, n)) == 0)
		for (size_t k = 0; k < n; k++)
			r[k] = (ranked){p[idx[k]], idx[k]};
	free(key);
	free(idx);
	return st;
}

/* Rows sorted by p ascending (ties by row order); NULL when out of memory.
 * With a NaN, qsort's order of the rows as before. */
static ranked *sorted(const double *p, size_t n)
{
	ranked *r = malloc((n ? n : 1) * sizeof *r);
	if (r == NULL)
		return NULL;
	if (no_nan(p, n) && radix_ranked(p, n, r) == 0)
		return r;
	for (size_t i = 0; i < n; i++)
		r[i] = (ranked){p[i], i};
	qsort(r, n, sizeof *r, cmp_ranked);
	return r;
}

/* The AUC from the rows r sorted by score ascending. */
static double auc_of(const ranked *r, const double *y, const double *w, size_t n)
{
	/* A score that is not a number ranks nowhere: no AUC (and the walk
	 * below would not move past it, NaN being unequal to itself). */
	for (size_t a = 0; a < n; a++)
		if (isnan(r[a].p))
			return NAN;
	/* Walk tie groups upwards: each positive beats the negatives below it
	 * and ties with the negatives of its own group. */
	double pos = 0, neg = 0, num = 0;
	for (size_t a = 0; a < n;) {
		size_t b = a;
		double gp = 0, gn = 0;
		while (b < n && r[b].p == r[a].p) {
			double wi = w ? w[r[b].i] : 1.0;
			if (y[r[b].i] == 1)
				gp += wi;
			else
				gn += wi;
			b++;
		}
		num += gp * (neg + gn / 2);
		pos += gp;
		neg += gn;
		a = b;
	}
	return (pos > 0 && neg > 0) ? num / (pos * neg) : NAN;
}

churn_status validate_auc(const double *score, const double *y, const double *w, size_t n,
                          double *auc, churn_err *err)
{
	ranked *r = sorted(score, n);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the AUC");
	*auc = auc_of(r, y, w, n);
	free(r);
	return CHURN_OK;
}

double validate_brier(const double *p, const double *y, const double *w, size_t n)
{
	double s = 0, sw = 0;
	for (size_t i = 0; i < n; i++) {
		double wi = w ? w[i] : 1.0;
		s += wi * (p[i] - y[i]) * (p[i] - y[i]);
		sw += wi;
	}
	return sw > 0 ? s / sw : NAN;
}

/* The decile of a row whose preceding rows weigh `before` out of `total`. */
static int decile(double before, double total)
{
	int g = (int)floor(before * VALIDATE_BINS / total);
	return g < 0 ? 0 : (g >= VALIDATE_BINS ? VALIDATE_BINS - 1 : g);
}

/* The calibration table from the rows r sorted by p ascending. */
static void calibration_of(const ranked *r, const double *p, const double *y, const double *w,
                           size_t n, validate_calib_bin *bins)
{
	double total = 0, before = 0, ev[VALIDATE_BINS] = {0}, sp[VALIDATE_BINS] = {0};
	for (size_t i = 0; i < n; i++)
		total += w ? w[i] : 1.0;
	for (int g = 0; g < VALIDATE_BINS; g++)
		bins[g] = (validate_calib_bin){0, NAN, NAN, NAN, NAN};
	for (size_t k = 0; k < n; k++) {
		size_t i = r[k].i;
		double wi = w ? w[i] : 1.0;
		int g = decile(before, total);
		before += wi;
		if (bins[g].n == 0)
			bins[g].min_pred = p[i];
		bins[g].max_pred = p[i];
		bins[g].n += wi;
		sp[g] += wi * p[i];
		ev[g] += wi * y[i];
	}
	for (int g = 0; g < VALIDATE_BINS; g++)
		if (bins[g].n > 0) {
			bins[g].mean_pred = sp[g] / bins[g].n;
			bins[g].obs_rate = ev[g] / bins[g].n;
		}
}

churn_status validate_calibration(const double *p, const double *y, const double *w, size_t n,
                                  validate_calib_bin *bins, churn_err *err)
{
	ranked *r = sorted(p, n);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the calibration table");
	calibration_of(r, p, y, w, n, bins);
	free(r);
	return CHURN_OK;
}

/* The lift table from the rows r sorted by p ascending, read in the order
 * of -p ascending with ties by row order, as sorting -p gives it: the
 * groups of equal p from the top, each group's rows in their order.  With
 * by_neg, r is already sorted by -p (ascending) and read as it is. */
static void lift_of(const ranked *r, int by_neg, const double *y, const double *w, size_t n,
                    validate_lift_bin *bins)
{
	double total = 0, events = 0, before = 0;
	for (size_t i = 0; i < n; i++) {
		total += w ? w[i] : 1.0;
		events += (w ? w[i] : 1.0) * y[i];
	}
	memset(bins, 0, VALIDATE_BINS * sizeof *bins);
	for (size_t hi = n, done = 0; done < n;) {
		size_t lo = by_neg ? done : hi - 1, end = by_neg ? n : hi;
		while (!by_neg && lo > 0 && r[lo - 1].p == r[hi - 1].p)
			lo--;
		for (size_t k = lo; k < end; k++) {
			size_t i = r[k].i;
			double wi = w ? w[i] : 1.0;
			int g = decile(before, total);
			before += wi;
			bins[g].n += wi;
			bins[g].events += wi * y[i];
		}
		done += end - lo;
		hi = lo;
	}
	double rate = events / total, cn = 0, ce = 0;
	for (int g = 0; g < VALIDATE_BINS; g++) {
		cn += bins[g].n;
		ce += bins[g].events;
		bins[g].rate = bins[g].n > 0 ? bins[g].events / bins[g].n : NAN;
		bins[g].lift = bins[g].rate / rate;
		bins[g].cum_gain = events > 0 ? ce / events : NAN;
		bins[g].cum_lift = cn > 0 ? (ce / cn) / rate : NAN;
	}
}

/* The rows sorted by -p (as before, for p with NaN). */
static ranked *sorted_neg(const double *p, size_t n)
{
	double *neg = calloc(n ? n : 1, sizeof *neg);
	if (neg == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		neg[i] = -p[i];
	ranked *r = sorted(neg, n);
	free(neg);
	return r;
}

churn_status validate_lift(const double *p, const double *y, const double *w, size_t n,
                           validate_lift_bin *bins, churn_err *err)
{
	int by_neg = !no_nan(p, n);
	ranked *r = by_neg ? sorted_neg(p, n) : sorted(p, n);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the lift table");
	lift_of(r, by_neg, y, w, n, bins);
	free(r);
	return CHURN_OK;
}

churn_status validate_ranked_tables(const double *p, const double *y, const double *w,
                                    size_t n, double *auc, validate_calib_bin *calib,
                                    validate_lift_bin *lift, churn_err *err)
{
	if (!no_nan(p, n)) {
		churn_status st = validate_auc(p, y, w, n, auc, err);
		if (st == CHURN_OK)
			st = validate_calibration(p, y, w, n, calib, err);
		if (st == CHURN_OK)
			st = validate_lift(p, y, w, n, lift, err);
		return st;
	}
	ranked *r = sorted(p, n);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the model's quality tables");
	*auc = auc_of(r, y, w, n);
	calibration_of(r, p, y, w, n, calib);
	lift_of(r, 0, y, w, n, lift);
	free(r);
	return CHURN_OK;
}
