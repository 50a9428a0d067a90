/*
 * cuminc_times.c - the cumulative incidence curve's storage and its values at
 * chosen times, as summary(fit, times =, extend = TRUE) gives them for a
 * multi-state survfit (include/churnkit/cuminc.h).
 */
#include "churnkit/cuminc.h"
#include "cuminc_curve.h"

#include <math.h>
#include <stdlib.h>

cuminc_curve *cuminc_curve_alloc(size_t m, uint32_t nstate)
{
	cuminc_curve *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	size_t ms = m * nstate;
	double *b = calloc(3 * m + 5 * ms + 1, sizeof *b);
	if (b == NULL) {
		free(c);
		return NULL;
	}
	c->m = m;
	c->nstate = nstate;
	c->time = b;
	c->n_risk = b + m;
	c->n_censor = b + 2 * m;
	c->n_event = b + 3 * m;
	c->estimate = c->n_event + ms;
	c->se = c->estimate + ms;
	c->lower = c->se + ms;
	c->upper = c->lower + ms;
	return c;
}

void cuminc_curve_free(cuminc_curve *c)
{
	if (c == NULL)
		return;
	free(c->time); /* the block behind every array */
	free(c);
}

void cuminc_result_free(cuminc_result *r)
{
	if (r == NULL)
		return;
	if (r->curve != NULL)
		for (uint32_t l = 0; l < r->nlevels; l++)
			cuminc_curve_free(r->curve[l]);
	free(r->curve);
	free(r);
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

churn_status cuminc_at_times(const cuminc_curve *c, const double *times, size_t nt,
                             int extend, cuminc_curve **out, churn_err *err)
{
	if (c == NULL || out == NULL || (nt > 0 && times == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "cuminc_at_times: missing argument");
	*out = NULL;
	size_t m = c->m, k = 0;
	uint32_t ns = c->nstate;
	double *ts = malloc((nt ? nt : 1) * sizeof *ts);
	if (ts == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "cumulative incidence: out of memory");
	for (size_t j = 0; j < nt; j++)
		if (isfinite(times[j]) && (extend || (m > 0 && times[j] <= c->time[m - 1])))
			ts[k++] = times[j];
	qsort(ts, k, sizeof *ts, dbl_cmp);
	cuminc_curve *a = cuminc_curve_alloc(k, ns);
	if (a == NULL) {
		free(ts);
		return churn_err_set(err, CHURN_ENOMEM, "cumulative incidence: out of memory");
	}
	a->rows = c->rows;
	a->n = c->n;
	a->events = c->events;
	a->opts = c->opts;

	size_t i = 0; /* steps with time <= t seen so far */
	for (size_t j = 0; j < k; j++) {
		double t = ts[j];
		a->time[j] = t;
		/* n_event, n_censor: the steps since the previous chosen time */
		for (; i < m && c->time[i] <= t; i++) {
			a->n_censor[j] += c->n_censor[i];
			for (uint32_t s = 0; s < ns; s++)
				a->n_event[CUMINC_AT(a, j, s)] += c->n_event[CUMINC_AT(c, i, s)];
		}
		for (uint32_t s = 0; s < ns; s++) {
			size_t o = CUMINC_AT(a, j, s);
			if (i == 0) { /* survfit0's row at time 0 */
				a->estimate[o] = s == 0 ? 1.0 : 0.0;
				a->se[o] = 0;
				a->lower[o] = a->upper[o] = a->estimate[o];
			} else {
				size_t from = CUMINC_AT(c, i - 1, s);
				a->estimate[o] = c->estimate[from];
				a->se[o] = c->se[from];
				a->lower[o] = c->lower[from];
				a->upper[o] = c->upper[from];
			}
		}
		/* n_risk at the first step at or after t */
		size_t f = i;
		while (f > 0 && c->time[f - 1] == t)
			f--;
		a->n_risk[j] = f < m ? c->n_risk[f] : 0;
	}
	free(ts);
	*out = a;
	return CHURN_OK;
}
