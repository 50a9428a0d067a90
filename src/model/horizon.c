/* horizon.c - the churn outcome over a horizon without selection bias; see
 * include/churnkit/horizon.h and docs/horizon.md. */
#include "churnkit/horizon.h"
#include "churnkit/km.h"
#include "churnkit/surv.h"

#include <math.h>
#include <stdlib.h>

void horizon_outcome_free(horizon_outcome *h)
{
	if (h == NULL)
		return;
	free(h->y);
	free(h->ipcw);
	free(h);
}

/* The reverse Kaplan-Meier curve of censoring over the observed rows (obs
 * set), on the clock u = time - entry.  *c is NULL when no row is observed. */
static churn_status censoring_curve(const horizon_input *in, const unsigned char *obs,
                                    km_curve **c, churn_err *err)
{
	size_t m = 0;
	churn_status st = CHURN_OK;
	surv_prep *p = NULL;
	surv_groups *g = NULL;

	*c = NULL;
	for (size_t i = 0; i < in->n; i++)
		m += obs[i];
	if (m == 0)
		return CHURN_OK;
	double *u = malloc(m * sizeof *u), *w = in->weight ? malloc(m * sizeof *w) : NULL;
	int *ev = malloc(m * sizeof *ev);
	if (u == NULL || ev == NULL || (in->weight && w == NULL)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the censoring curve");
		goto done;
	}
	for (size_t i = 0, k = 0; i < in->n; i++) {
		if (!obs[i])
			continue;
		u[k] = in->time[i] - (in->entry ? in->entry[i] : 0);
		ev[k] = in->event[i];
		if (w)
			w[k] = in->weight[i];
		k++;
	}
	surv_data sd = {.n = m, .time = u, .event = ev, .weight = w, .entry = NULL};
	if ((st = surv_prep_new(&sd, 1, &p, err)) != CHURN_OK ||
	    (st = surv_groups_new(p, NULL, 0, &g, err)) != CHURN_OK)
		goto done;
	st = km_fit(g, 0, NULL, 1, c, err);
done:
	surv_groups_free(g);
	surv_prep_free(p);
	free(u);
	free(w);
	free(ev);
	return st;
}

/* G(t-): the curve just before t (the last step strictly before t). */
static double left_limit(const km_curve *c, double t)
{
	return km_surv_at(c, nextafter(t, -INFINITY));
}

churn_status horizon_build(const horizon_input *in, horizon_outcome **out, churn_err *err)
{
	churn_status st = CHURN_OK;
	horizon_outcome *h;
	unsigned char *obs = NULL;
	km_curve *g = NULL;
	size_t na;

	*out = NULL;
	if (in == NULL || in->time == NULL || in->event == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "horizon_build: no data");
	if (!(in->horizon > 0))
		return churn_err_set(err, CHURN_EUSAGE, "horizon_build: the horizon must be > 0");
	na = in->n ? in->n : 1;
	if ((h = calloc(1, sizeof *h)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the outcome");
	h->n = in->n;
	h->g_horizon = NAN;
	h->y = malloc(na * sizeof *h->y);
	obs = malloc(na);
	if (h->y == NULL || obs == NULL || (in->followup == NULL &&
	                                    (h->ipcw = malloc(na * sizeof *h->ipcw)) == NULL)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the outcome");
		goto done;
	}
	/* The rows with time at risk: survival's one rule (surv.h), which
	 * merges near-equal times as R does before comparing entry and exit. */
	{
		surv_data sd = {.n = in->n, .time = in->time, .event = in->event,
		                .weight = in->weight, .entry = in->entry};
		if ((st = surv_entry_usable(&sd, 1, obs, &h->no_risk, err)) != CHURN_OK)
			goto done;
	}
	if (in->followup == NULL && (st = censoring_curve(in, obs, &g, err)) != CHURN_OK)
		goto done;
	if (g != NULL)
		h->g_horizon = left_limit(g, in->horizon);
	for (size_t i = 0; i < in->n; i++) {
		double e = in->entry ? in->entry[i] : 0, u = in->time[i] - e, n = in->horizon;
		int in_sample;
		h->y[i] = NAN;
		if (h->ipcw)
			h->ipcw[i] = NAN;
		if (!obs[i])
			continue;
		if (in->followup != NULL) {
			in_sample = in->followup[i] - e >= n;
			h->too_recent += !in_sample;
		} else {
			in_sample = in->event[i] || u >= n;
			h->censored += !in_sample;
		}
		if (!in_sample)
			continue;
		h->y[i] = in->event[i] && u <= n;
		if (h->ipcw)
			h->ipcw[i] = 1 / left_limit(g, u < n ? u : n);
		h->n_in++;
	}
done:
	km_curve_free(g);
	free(obs);
	if (st != CHURN_OK) {
		horizon_outcome_free(h);
		return st;
	}
	*out = h;
	return CHURN_OK;
}
