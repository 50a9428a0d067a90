/* cumhaz_days.c - H0 by a table of whole time units; see cumhaz_days.h. */
#include "model/cumhaz_days.h"
#include "model/cox_internal.h"

#include <math.h>
#include <stdlib.h>

/* A stratum gets a table when its span in units is at most this many
 * times its number of event times, plus a floor for small strata. */
#define SPAN_PER_TIME 8
#define SPAN_FLOOR 4096

void cumhaz_days_clear(cumhaz_days *x)
{
	if (x == NULL)
		return;
	for (size_t k = 0; x->start && x->b && k < x->b->nstrata; k++)
		free(x->start[k]);
	free(x->start);
	free(x->t0);
	free(x->nb);
	*x = (cumhaz_days){0};
}

/* The table of stratum k (times [lo, hi) of b, ascending, finite); 0, or
 * -1 when out of memory. */
static int build_stratum(const cox_baseline *b, size_t k, cumhaz_days *x)
{
	size_t lo = b->first[k], hi = b->first[k + 1];
	if (lo == hi || !isfinite(b->time[lo]) || !isfinite(b->time[hi - 1]))
		return 0;
	double t0 = floor(b->time[lo]), span = floor(b->time[hi - 1]) - t0 + 1;
	if (!(span <= (double)(hi - lo) * SPAN_PER_TIME + SPAN_FLOOR))
		return 0;
	size_t nb = (size_t)span, *s = malloc((nb + 1) * sizeof *s);
	if (s == NULL)
		return -1;
	/* s[j]: the first time >= t0 + j (hi when none). */
	size_t r = lo;
	for (size_t j = 0; j <= nb; j++) {
		while (r < hi && b->time[r] < t0 + (double)j)
			r++;
		s[j] = r;
	}
	x->t0[k] = t0;
	x->nb[k] = nb;
	x->start[k] = s;
	return 0;
}

int cumhaz_days_build(const cox_baseline *b, cumhaz_days *out)
{
	size_t ns = b->nstrata ? b->nstrata : 1;
	*out = (cumhaz_days){b, calloc(ns, sizeof(double)), calloc(ns, sizeof(size_t)),
	                     calloc(ns, sizeof(size_t *))};
	if (out->t0 == NULL || out->nb == NULL || out->start == NULL) {
		cumhaz_days_clear(out);
		out->b = b;
		return -1;
	}
	for (size_t k = 0; k < b->nstrata; k++)
		if (build_stratum(b, k, out) != 0)
			return -1; /* the strata built so far answer by table, the others by search */
	return 0;
}

double cumhaz_days_at(const cumhaz_days *x, size_t k, double t)
{
	const cox_baseline *b = x->b;
	if (x->nb == NULL || x->nb[k] == 0 || isnan(t))
		return cox_baseline_cumhaz_in(b, k, t);
	size_t base = b->first[k], end = b->first[k + 1];
	double u = floor(t) - x->t0[k];
	if (u < 0)
		return 0.0; /* t is before the stratum's first time */
	if (u >= (double)x->nb[k])
		return cox_baseline_cumhaz_between(b, base, end, end, t); /* after the last */
	/* Times before bucket u are <= t, those after it > t: the search is
	 * the bucket's. */
	return cox_baseline_cumhaz_between(b, base, x->start[k][(size_t)u],
	                                   x->start[k][(size_t)u + 1], t);
}
