/*
 * surv_analysis.c - one call for the whole survival analysis
 * (include/churnkit/surv_analysis.h): sort once, then per column split,
 * fit, summarise and test.
 */
#include "churnkit/surv_analysis.h"

#include "churnkit/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const double surv_quartile_p[3] = {0.25, 0.5, 0.75};

_Static_assert(sizeof ((churn_err *)0)->msg == sizeof ((surv_analysis *)0)->hazard_note,
               "hazard_note holds a churn_err message");

void surv_opts_default(surv_opts *o)
{
	memset(o, 0, sizeof *o);
	km_opts_default(&o->km);
	o->rho = 0;
	o->rmst_tau = NAN;
	o->extend = 1;
	o->month_len = DATE_MONTH_DAYS;
	o->early_threshold = 90;
	o->timefix = 1;
	o->pairwise = 1;
}

static char *dup_str(const char *s)
{
	if (s == NULL)
		return NULL;
	size_t n = strlen(s) + 1;
	char *c = malloc(n);
	if (c != NULL)
		memcpy(c, s, n);
	return c;
}

void surv_analysis_free(surv_analysis *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->ncurves; i++) {
		surv_curve *c = &a->curve[i];
		free(c->by);
		free(c->level);
		km_curve_free(c->km);
		free(c->at);
	}
	free(a->curve);
	for (size_t i = 0; i < a->ntests; i++) {
		surv_test *t = &a->test[i];
		free(t->by);
		for (uint32_t l = 0; t->levels != NULL && l < t->nlevels; l++)
			free(t->levels[l]);
		free(t->levels);
		logrank_result_free(t->test);
		logrank_pairs_free(t->pairs);
	}
	free(a->test);
	hazard_table_free(a->hazard);
	free(a->times);
	free(a);
}

/* Fits and summarises one curve into the next free slot. */
static churn_status add_curve(surv_analysis *a, const surv_groups *g, uint32_t level,
                              const char *by, const char *name, churn_err *err)
{
	surv_curve *c = &a->curve[a->ncurves];
	churn_status st;

	memset(c, 0, sizeof *c);
	a->ncurves++; /* counted now so that free() sees it */
	c->code = level;
	if ((by != NULL && (c->by = dup_str(by)) == NULL) ||
	    (name != NULL && (c->level = dup_str(name)) == NULL))
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	st = km_fit(g, level, &a->opts.km, 0, &c->km, err);
	if (st == CHURN_OK)
		st = km_stats_compute(c->km, a->opts.rmst_tau, &c->stats, err);
	if (st == CHURN_OK)
		st = km_quantiles(c->km, surv_quartile_p, 3, c->quart, c->quart_lower,
		                  c->quart_upper, err);
	if (st == CHURN_OK)
		st = km_at_times(c->km, a->times, a->opts.ntimes, a->opts.extend, &c->at,
		                 &c->nat, err);
	return st;
}

static churn_status run_column(surv_analysis *a, const surv_prep *p,
                               const surv_by *b, churn_err *err)
{
	surv_groups *g = NULL;
	surv_test *t = &a->test[a->ntests];
	churn_status st;

	memset(t, 0, sizeof *t);
	a->ntests++;
	if (b->code == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "survival: column %s has no levels",
		                     b->name ? b->name : "?");
	t->by = dup_str(b->name ? b->name : "");
	t->levels = calloc((size_t)b->nlevels + 1, sizeof *t->levels);
	if (t->by == NULL || t->levels == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	if (b->nlevels == 0) {
		/* every value missing: no curve, no test, everyone counted */
		t->missing = a->n;
		t->missing_rows = a->rows;
		return CHURN_OK;
	}
	t->nlevels = b->nlevels;
	for (uint32_t l = 0; l < b->nlevels; l++) {
		char num[16];
		const char *nm = b->levels ? b->levels[l] : NULL;
		if (nm == NULL) {
			snprintf(num, sizeof num, "%lu", (unsigned long)l);
			nm = num;
		}
		if ((t->levels[l] = dup_str(nm)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	}

	st = surv_groups_new(p, b->code, b->nlevels, &g, err);
	if (st != CHURN_OK)
		return st;
	uint32_t present = 0;
	double with_level = 0;
	size_t rows_with_level = 0;
	for (uint32_t l = 0; l < b->nlevels && st == CHURN_OK; l++) {
		if (surv_groups_rows(g, l) == 0)
			continue;
		present += surv_groups_weight(g, l) > 0;
		with_level += surv_groups_weight(g, l);
		rows_with_level += surv_groups_rows(g, l);
		st = add_curve(a, g, l, t->by, t->levels[l], err);
	}
	/* whole-number weights: the sums are exact */
	t->missing = a->n - with_level;
	t->missing_rows = a->rows - rows_with_level;
	if (st == CHURN_OK && present >= 2)
		st = logrank_test(g, a->opts.rho, &t->test, err);
	if (st == CHURN_OK && present >= 3 && a->opts.pairwise)
		st = logrank_pairwise(g, a->opts.rho, &t->pairs, err);
	surv_groups_free(g);
	return st;
}

churn_status surv_analysis_run(const surv_data *d, const surv_by *by, size_t nby,
                               const surv_opts *opts, surv_analysis **out,
                               churn_err *err)
{
	surv_analysis *a = NULL;
	surv_prep *p = NULL;
	surv_groups *all = NULL;
	km_curve *rev = NULL;
	churn_status st;

	if (out == NULL || (nby > 0 && by == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "surv_analysis_run: missing argument");
	*out = NULL;
	a = calloc(1, sizeof *a);
	if (a == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	if (opts != NULL)
		a->opts = *opts;
	else
		surv_opts_default(&a->opts);
	if (a->opts.ntimes > 0) {
		if (a->opts.times == NULL) {
			st = churn_err_set(err, CHURN_EUSAGE, "survival: chosen times missing");
			goto done;
		}
		a->times = malloc(a->opts.ntimes * sizeof *a->times);
		if (a->times == NULL)
			goto nomem;
		memcpy(a->times, a->opts.times, a->opts.ntimes * sizeof *a->times);
	}
	a->opts.times = a->times;

	/* room for every curve: all customers + each level of each column */
	size_t maxc = 1;
	for (size_t b = 0; b < nby; b++)
		maxc += by[b].nlevels;
	a->curve = calloc(maxc, sizeof *a->curve);
	a->test = calloc(nby ? nby : 1, sizeof *a->test);
	if (a->curve == NULL || a->test == NULL)
		goto nomem;

	st = surv_prep_new(d, a->opts.timefix, &p, err);
	if (st != CHURN_OK)
		goto done;
	st = surv_groups_new(p, NULL, 0, &all, err);
	if (st != CHURN_OK)
		goto done;
	a->rows = surv_groups_rows(all, 0);
	a->n = surv_groups_weight(all, 0);
	a->events = surv_groups_events(all, 0);
	if (!(a->n > 0)) {
		st = churn_err_set(err, CHURN_EDATA, "survival: no customer has a weight above 0");
		goto done;
	}
	st = add_curve(a, all, 0, NULL, NULL, err);
	if (st != CHURN_OK)
		goto done;

	st = km_fit(all, 0, &a->opts.km, 1, &rev, err);
	if (st == CHURN_OK)
		st = km_stats_compute(rev, NAN, &a->followup, err);
	if (st != CHURN_OK)
		goto done;
	if (a->opts.month_len > 0) {
		churn_err herr;
		churn_err_clear(&herr);
		st = hazard_by_month(all, 0, a->opts.month_len, a->opts.early_threshold,
		                     &a->hazard, &herr);
		if (st == CHURN_EDATA) {
			memcpy(a->hazard_note, herr.msg, sizeof a->hazard_note);
			st = CHURN_OK;
		} else if (st != CHURN_OK) {
			if (err != NULL)
				*err = herr;
			goto done;
		}
	}
	for (size_t b = 0; b < nby; b++) {
		st = run_column(a, p, &by[b], err);
		if (st != CHURN_OK)
			goto done;
	}
	*out = a;
	a = NULL;
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
done:
	km_curve_free(rev);
	surv_groups_free(all);
	surv_prep_free(p);
	surv_analysis_free(a);
	return st;
}
