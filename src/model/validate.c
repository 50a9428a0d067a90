/* validate.c - AUC, Brier score, calibration, lift; see include/churnkit/validate.h. */
#include "churnkit/validate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Rows sorted by p ascending (ties by row order); NULL when out of memory. */
static ranked *sorted(const double *p, size_t n)
{
	ranked *r = malloc((n ? n : 1) * sizeof *r);
	if (r == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		r[i] = (ranked){p[i], i};
	qsort(r, n, sizeof *r, cmp_ranked);
	return r;
}

churn_status validate_auc(const double *score, const double *y, const double *w, size_t n,
                          double *auc, churn_err *err)
{
	ranked *r = sorted(score, n);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the AUC");
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
	free(r);
	*auc = (pos > 0 && neg > 0) ? num / (pos * neg) : NAN;
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

churn_status validate_calibration(const double *p, const double *y, const double *w, size_t n,
                                  validate_calib_bin *bins, churn_err *err)
{
	ranked *r = sorted(p, n);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the calibration table");
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
	free(r);
	return CHURN_OK;
}

churn_status validate_lift(const double *p, const double *y, const double *w, size_t n,
                           validate_lift_bin *bins, churn_err *err)
{
	double *neg = calloc(n ? n : 1, sizeof *neg);
	if (neg == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the lift table");
	for (size_t i = 0; i < n; i++)
		neg[i] = -p[i];
	ranked *r = sorted(neg, n);
	free(neg);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the lift table");
	double total = 0, events = 0, before = 0;
	for (size_t i = 0; i < n; i++) {
		total += w ? w[i] : 1.0;
		events += (w ? w[i] : 1.0) * y[i];
	}
	memset(bins, 0, VALIDATE_BINS * sizeof *bins);
	for (size_t k = 0; k < n; k++) {
		size_t i = r[k].i;
		double wi = w ? w[i] : 1.0;
		int g = decile(before, total);
		before += wi;
		bins[g].n += wi;
		bins[g].events += wi * y[i];
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
	free(r);
	return CHURN_OK;
}
