/*
 * hazard.c - churn hazard by tenure month and the early-churn share
 * (include/churnkit/hazard.h).
 *
 * From one level's table of distinct times: events go to the month holding
 * their time; the number at risk in month k is
 *     E(< (k + 1) L) - X(<= k L)
 * (E: weight entered before, X: weight whose time has passed), because a
 * customer whose time is <= k L necessarily entered before (k + 1) L.  The
 * month boundaries are the doubles k * L, the same values R's cut points
 * seq_len(K) * L hold.
 */
#include "churnkit/hazard.h"
#include "surv_tab.h"

#include <math.h>
#include <stdlib.h>

#define HAZARD_MAX_MONTHS 100000

/* k with k L < t <= (k + 1) L; 0 for t <= L. */
static size_t month_of(double t, double L)
{
	if (t <= L)
		return 0;
	double f = floor(t / L);
	size_t k = f > 1 ? (size_t)f - 1 : 0;
	while (t > (double)(k + 1) * L)
		k++;
	while (k > 0 && t <= (double)k * L)
		k--;
	return k;
}

void hazard_table_free(hazard_table *h)
{
	if (h == NULL)
		return;
	free(h->n_risk);
	free(h);
}

churn_status hazard_by_month(const surv_groups *g, uint32_t level,
                             double month_len, double early_threshold,
                             hazard_table **out, churn_err *err)
{
	if (g == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "hazard: missing argument");
	*out = NULL;
	if (!(month_len > 0) || !isfinite(month_len))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: month length %g is not a positive number",
		                     month_len);
	if (level >= g->nlevels)
		return churn_err_set(err, CHURN_EUSAGE, "hazard: level %lu out of range",
		                     (unsigned long)level);
	const surv_tab *t = &g->tab[level];
	if (t->rows == 0 || t->m == 0)
		return churn_err_set(err, CHURN_EDATA, "survival: level %lu has no customers",
		                     (unsigned long)level);
	double tmax = t->time[t->m - 1];
	if (tmax / month_len > HAZARD_MAX_MONTHS)
		return churn_err_set(err, CHURN_EDATA,
		                     "survival: %g months of tenure is more than %d",
		                     tmax / month_len, HAZARD_MAX_MONTHS);
	size_t K = month_of(tmax, month_len) + 1;

	hazard_table *h = calloc(1, sizeof *h);
	double *b = calloc(3 * K, sizeof *b);
	if (h == NULL || b == NULL) {
		free(h);
		free(b);
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	}
	h->month_len = month_len;
	h->early_threshold = early_threshold;
	h->nmonths = K;
	h->n_risk = b;
	h->n_event = b + K;
	h->rate = b + 2 * K;

	long double total = 0, early = 0;
	for (size_t i = 0; i < t->m; i++) {
		double d = t->nevent[i];
		if (d == 0)
			continue;
		h->n_event[month_of(t->time[i], month_len)] += d;
		total += d;
		if (t->time[i] <= early_threshold)
			early += d;
	}

	/* X(<= k L) walks the stop times, E(< (k+1) L) the entry times. */
	size_t i = 0, j = 0;
	double gone = 0;
	for (size_t k = 0; k < K; k++) {
		double lo = (double)k * month_len, hi = (double)(k + 1) * month_len;
		if (k > 0)
			while (i < t->m && t->time[i] <= lo) {
				gone += t->nevent[i] + t->ncensor[i];
				i++;
			}
		double entered = t->weight;
		if (t->me > 0) {
			while (j < t->me && t->etime[j] < hi)
				j++;
			entered = t->enter_ge[0] - t->enter_ge[j];
		}
		h->n_risk[k] = entered - gone;
		h->rate[k] = h->n_event[k] / h->n_risk[k];
	}
	h->total_events = (double)total;
	h->early_events = (double)early;
	h->early_share = h->early_events / h->total_events;
	*out = h;
	return CHURN_OK;
}
