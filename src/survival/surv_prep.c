/*
 * surv_prep.c - validation, the shared sort and R's time merging
 * (include/churnkit/surv.h).
 *
 * Time merging follows survival::aeqSurv (called by survfit and survdiff
 * with timefix = TRUE): take the distinct finite values of every time column
 * (stop times and, with delayed entry, entry times), sorted; two neighbours
 * are tied when their difference is <= tol or <= tol * mean(|values|),
 * tol = sqrt(DBL_EPSILON); each run of tied neighbours is replaced by its
 * first (smallest) value.  An entry merged onto its own stop time is an
 * error, as in R ("an interval has effective length 0").
 */
#include "churnkit/surv.h"
#include "surv_tab.h"

#include <math.h>
#include <stdlib.h>

static churn_status validate(const surv_data *d, churn_err *err)
{
	if (d == NULL || d->time == NULL || d->event == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "survival: no time or event column");
	if (d->n == 0)
		return churn_err_set(err, CHURN_EDATA, "survival: no customers");
	if (d->n > UINT32_MAX)
		return churn_err_set(err, CHURN_EDATA,
		                     "survival: %zu customers is more than supported", d->n);
	for (size_t r = 0; r < d->n; r++) {
		double t = d->time[r];
		if (!isfinite(t) || t < 0)
			return churn_err_set(err, CHURN_EDATA,
			                     "survival: record %zu: time %g is not a number >= 0",
			                     r + 1, t);
		if (d->event[r] != 0 && d->event[r] != 1)
			return churn_err_set(err, CHURN_EDATA,
			                     "survival: record %zu: event %d is not 0 or 1", r + 1,
			                     d->event[r]);
		if (d->weight != NULL) {
			double w = d->weight[r];
			if (!isfinite(w) || w < 0 || w != floor(w))
				return churn_err_set(err, CHURN_EDATA,
				                     "survival: record %zu: weight %g is not a whole "
				                     "number >= 0", r + 1, w);
		}
		if (d->entry != NULL) {
			double e = d->entry[r];
			if (!isfinite(e) || e < 0 || !(e < t))
				return churn_err_set(err, CHURN_EDATA,
				                     "survival: record %zu: entry %g is not in [0, time %g)",
				                     r + 1, e, t);
		}
	}
	return CHURN_OK;
}

/* mean(|y|) as R computes it: a long double sum, then one refining pass. */
static double r_mean(const double *y, size_t n)
{
	long double s = 0;
	for (size_t i = 0; i < n; i++)
		s += y[i];
	s /= (long double)n;
	if (isfinite((double)s)) {
		long double t = 0;
		for (size_t i = 0; i < n; i++)
			t += y[i] - s;
		s += t / (long double)n;
	}
	return (double)s;
}

/* Replaces every value of the sorted array a[0..n) by its cut: u[] holds the
 * distinct values in order, cut[] their replacements. */
static void apply_cuts(double *a, size_t n, const double *u, const double *cut)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		while (u[k] != a[i])
			k++;
		a[i] = cut[k];
	}
}

/* The merged value of each of the nu distinct sorted values u[] (aeqSurv's
 * rule, above) into *cut (malloc'd); *cut = NULL when no two are tied. */
static churn_status merge_cuts(const double *u, size_t nu, double **cut, churn_err *err)
{
	*cut = NULL;
	if (nu < 2)
		return CHURN_OK;
	double mean = r_mean(u, nu);
	int any = 0;
	for (size_t k = 1; k < nu && !any; k++) {
		double dy = u[k] - u[k - 1];
		any = dy <= SURV_TIMEFIX_TOL || dy / mean <= SURV_TIMEFIX_TOL;
	}
	if (!any)
		return CHURN_OK;
	double *c = malloc(nu * sizeof *c);
	if (c == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	c[0] = u[0];
	for (size_t k = 1; k < nu; k++) {
		double dy = u[k] - u[k - 1];
		int tied = dy <= SURV_TIMEFIX_TOL || dy / mean <= SURV_TIMEFIX_TOL;
		c[k] = tied ? c[k - 1] : u[k];
	}
	*cut = c;
	return CHURN_OK;
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The merged value of v: its cut, found among the sorted u[0..nu). */
static double cut_of(double v, const double *u, const double *cut, size_t nu)
{
	size_t lo = 0, hi = nu;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (u[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	return u[lo] == v ? cut[lo] : v;
}

churn_status surv_timefix_values(double *time, double *entry, size_t n, churn_err *err)
{
	size_t m = entry ? 2 * n : n, nu = 0;
	double *u = malloc((m ? m : 1) * sizeof *u), *cut = NULL;
	churn_status st;

	if (u == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	/* Whole numbers below 1 / tol (days, months) are never tied: two differ
	 * by 1 or more, above tol and above tol x their mean.  No sort then. */
	int whole = 1;
	for (size_t i = 0; i < n; i++) {
		if (isfinite(time[i]))
			u[nu++] = time[i];
		if (entry != NULL && isfinite(entry[i]))
			u[nu++] = entry[i];
	}
	for (size_t i = 0; i < nu && whole; i++)
		whole = u[i] == floor(u[i]) && fabs(u[i]) < 1 / SURV_TIMEFIX_TOL;
	if (whole) {
		free(u);
		return CHURN_OK;
	}
	qsort(u, nu, sizeof *u, cmp_dbl);
	size_t k = 0;
	for (size_t i = 0; i < nu; i++)
		if (k == 0 || u[k - 1] != u[i])
			u[k++] = u[i];
	st = merge_cuts(u, k, &cut, err);
	for (size_t i = 0; cut != NULL && i < n; i++) {
		time[i] = cut_of(time[i], u, cut, k);
		if (entry != NULL)
			entry[i] = cut_of(entry[i], u, cut, k);
	}
	free(cut);
	free(u);
	return st;
}

static churn_status timefix(surv_prep *p, churn_err *err)
{
	size_t n = p->n, nu = 0, i = 0, j = 0;
	size_t cap = p->has_entry ? 2 * n : n;
	double *u = malloc(cap * sizeof *u);
	double *cut = NULL, *byrow = NULL;
	churn_status st = CHURN_OK;

	if (u == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	/* distinct values of time and entry, merged in increasing order */
	while (i < n || (p->has_entry && j < n)) {
		double v;
		if (!p->has_entry || j >= n || (i < n && p->time[i] <= p->entry[j]))
			v = p->time[i++];
		else
			v = p->entry[j++];
		if (nu == 0 || u[nu - 1] != v)
			u[nu++] = v;
	}
	if ((st = merge_cuts(u, nu, &cut, err)) != CHURN_OK || cut == NULL)
		goto done;
	apply_cuts(p->time, n, u, cut);
	if (p->has_entry) {
		apply_cuts(p->entry, n, u, cut);
		byrow = malloc(n * sizeof *byrow);
		if (byrow == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
			goto done;
		}
		for (size_t k = 0; k < n; k++)
			byrow[p->order[k]] = p->time[k];
		for (size_t k = 0; k < n; k++) {
			if (!(p->entry[k] < byrow[p->eorder[k]])) {
				st = churn_err_set(err, CHURN_EDATA,
				                   "survival: record %lu: entry and time are equal "
				                   "within the time tolerance",
				                   (unsigned long)p->eorder[k] + 1);
				goto done;
			}
		}
	}
done:
	free(u);
	free(cut);
	free(byrow);
	return st;
}

churn_status surv_prep_new(const surv_data *d, int fix, surv_prep **out,
                           churn_err *err)
{
	surv_prep *p = NULL;
	double *key = NULL;
	churn_status st;

	if (out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "surv_prep_new: no output");
	*out = NULL;
	st = validate(d, err);
	if (st != CHURN_OK)
		return st;

	size_t n = d->n;
	p = calloc(1, sizeof *p);
	key = malloc(n * sizeof *key);
	if (p == NULL || key == NULL)
		goto nomem;
	p->n = n;
	p->has_weight = d->weight != NULL;
	p->has_entry = d->entry != NULL;
	p->order = malloc(n * sizeof *p->order);
	p->time = malloc(n * sizeof *p->time);
	p->event = malloc(n);
	if (p->order == NULL || p->time == NULL || p->event == NULL)
		goto nomem;
	if (p->has_weight && (p->weight = malloc(n * sizeof *p->weight)) == NULL)
		goto nomem;

	for (size_t r = 0; r < n; r++)
		key[r] = d->time[r] + 0.0; /* -0.0 becomes +0.0 */
	if (surv_sort_index(key, n, p->order) != 0)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		uint32_t r = p->order[i];
		p->time[i] = key[r];
		p->event[i] = (unsigned char)d->event[r];
		if (p->has_weight)
			p->weight[i] = d->weight[r];
	}

	if (p->has_entry) {
		p->eorder = malloc(n * sizeof *p->eorder);
		p->entry = malloc(n * sizeof *p->entry);
		if (p->eorder == NULL || p->entry == NULL)
			goto nomem;
		if (p->has_weight &&
		    (p->eweight = malloc(n * sizeof *p->eweight)) == NULL)
			goto nomem;
		for (size_t r = 0; r < n; r++)
			key[r] = d->entry[r] + 0.0;
		if (surv_sort_index(key, n, p->eorder) != 0)
			goto nomem;
		for (size_t i = 0; i < n; i++) {
			uint32_t r = p->eorder[i];
			p->entry[i] = key[r];
			if (p->has_weight)
				p->eweight[i] = d->weight[r];
		}
	}
	free(key);
	key = NULL;

	if (fix) {
		st = timefix(p, err);
		if (st != CHURN_OK) {
			surv_prep_free(p);
			return st;
		}
	}
	*out = p;
	return CHURN_OK;
nomem:
	free(key);
	surv_prep_free(p);
	return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
}

void surv_prep_free(surv_prep *p)
{
	if (p == NULL)
		return;
	free(p->order);
	free(p->time);
	free(p->event);
	free(p->weight);
	free(p->eorder);
	free(p->entry);
	free(p->eweight);
	free(p);
}

size_t surv_prep_n(const surv_prep *p) { return p->n; }
int surv_prep_has_entry(const surv_prep *p) { return p->has_entry; }
double surv_prep_time(const surv_prep *p, size_t i) { return p->time[i]; }
size_t surv_prep_row(const surv_prep *p, size_t i) { return p->order[i]; }

churn_status surv_entry_usable(const surv_data *d, int fix, unsigned char *keep,
                               size_t *ndrop, churn_err *err)
{
	double *key = NULL, *u = NULL, *cut = NULL, *merged = NULL;
	uint32_t *idx = NULL;
	size_t n, m = 0, nu = 0, drop = 0;
	churn_status st = CHURN_OK;

	if (d == NULL || keep == NULL || ndrop == NULL || (d->n > 0 && d->time == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "surv_entry_usable: missing argument");
	n = d->n;
	*ndrop = 0;
	for (size_t r = 0; r < n; r++)
		keep[r] = 1;
	if (d->entry == NULL || n == 0)
		return CHURN_OK;

	/* as given: R's Surv(entry, time) makes these rows NA */
	for (size_t r = 0; r < n; r++) {
		double e = d->entry[r], t = d->time[r];
		if (isfinite(e) && isfinite(t) && e >= 0 && t >= 0 && !(e < t)) {
			keep[r] = 0;
			drop++;
		}
	}
	if (!fix || n > UINT32_MAX / 2)
		goto done; /* surv_prep_new refuses more rows than that anyway */

	/* the distinct values of the rows left, then R's merging (see timefix);
	 * a row dropped by the merging changes the distinct values, so the
	 * merging is done again over the rows left until none is dropped */
	key = malloc(2 * n * sizeof *key);
	idx = malloc(2 * n * sizeof *idx);
	u = malloc(2 * n * sizeof *u);
	cut = malloc(2 * n * sizeof *cut);
	merged = malloc(2 * n * sizeof *merged);
	if (key == NULL || idx == NULL || u == NULL || cut == NULL || merged == NULL)
		goto nomem;
	for (size_t more = 1; more > 0;) {
		more = 0;
		m = nu = 0;
		for (size_t r = 0; r < n; r++) {
			double e = d->entry[r], t = d->time[r];
			if (keep[r] && isfinite(e) && isfinite(t) && e >= 0 && t >= 0) {
				key[m++] = t + 0.0;
				key[m++] = e + 0.0;
			}
		}
		if (m == 0)
			break;
		if (surv_sort_index(key, m, idx) != 0)
			goto nomem;
		for (size_t i = 0; i < m; i++) {
			double v = key[idx[i]];
			if (nu == 0 || u[nu - 1] != v)
				u[nu++] = v;
		}
		if (nu < 2)
			break;
		double mean = r_mean(u, nu);
		cut[0] = u[0];
		for (size_t k = 1; k < nu; k++) {
			double dy = u[k] - u[k - 1];
			int tied = dy <= SURV_TIMEFIX_TOL || dy / mean <= SURV_TIMEFIX_TOL;
			cut[k] = tied ? cut[k - 1] : u[k];
		}
		for (size_t i = 0, k = 0; i < m; i++) {
			while (u[k] != key[idx[i]])
				k++;
			merged[idx[i]] = cut[k];
		}
		m = 0;
		for (size_t r = 0; r < n; r++) {
			double e = d->entry[r], t = d->time[r];
			if (keep[r] && isfinite(e) && isfinite(t) && e >= 0 && t >= 0) {
				if (!(merged[m + 1] < merged[m])) {
					keep[r] = 0;
					more++;
				}
				m += 2;
			}
		}
		drop += more;
	}
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
done:
	if (st == CHURN_OK)
		*ndrop = drop;
	free(key);
	free(idx);
	free(u);
	free(cut);
	free(merged);
	return st;
}
