/*
 * findings.c - the executive summary's findings (include/churnkit/
 * findings.h): one pass per kind (findings_kinds.h: segments, the period,
 * early churn, revenue, the model's drivers) collects candidates into a
 * list, then the list is ranked and cut to max_findings.  What the passes
 * share is in findings_common.c.
 */
#include "churnkit/findings.h"
#include "findings/findings_common.h"
#include "findings/findings_kinds.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void findings_opts_init(findings_opts *o)
{
	o->alpha = 0.05;
	o->min_n = 30;
	o->max_findings = FINDINGS_MAX;
	o->max_drivers = FINDINGS_MAX_DRIVERS;
	o->early_excess = FINDINGS_EARLY_EXCESS;
	o->early_min_events = FINDINGS_EARLY_MIN_EVENTS;
	o->text_soft_max = FINDINGS_TEXT_SOFT_MAX;
}

/* ---- Ranking ------------------------------------------------------------- */

typedef struct {
	finding f;
	size_t order;
	int concern;   /* 0: by strength; 1: by customers concerned; 2: by MRR */
} ranked;

/* Descriptive findings' order: early churn, revenue, period. */
static int descriptive_rank(finding_kind k)
{
	switch (k) {
	case FINDING_EARLY: return 0;
	case FINDING_REVENUE: return 1;
	case FINDING_PERIOD: return 2;
	default: return 3;
	}
}

static int rank_cmp(const void *pa, const void *pb)
{
	const ranked *x = pa, *y = pb;
	const finding *a = &x->f, *b = &y->f;

	if (x->concern) {
		int c = findings_concern_cmp(a, b, x->concern == 2);
		if (c != 0)
			return c;
	}
	if (a->significant != b->significant)
		return a->significant ? -1 : 1;
	if (!a->significant && descriptive_rank(a->kind) != descriptive_rank(b->kind))
		return descriptive_rank(a->kind) < descriptive_rank(b->kind) ? -1 : 1;
	if (a->strength != b->strength && !(isnan(a->strength) && isnan(b->strength))) {
		if (isnan(a->strength))
			return 1;
		if (isnan(b->strength))
			return -1;
		return a->strength > b->strength ? -1 : 1;
	}
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->p != b->p && !(isnan(a->p) && isnan(b->p))) {
		if (isnan(a->p))
			return 1;
		if (isnan(b->p))
			return -1;
		return a->p < b->p ? -1 : 1;
	}
	int c = strcmp(a->text, b->text);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* ---- Assembly ------------------------------------------------------------ */

static churn_status check_model(const char *what, const design *d, size_t p, churn_err *err)
{
	if (d == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "findings: the %s model needs its design",
		                     what);
	if (d->ncols != p)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "findings: the %s model has %zu coefficients but its design "
		                     "%zu columns", what, p, d->ncols);
	return CHURN_OK;
}

churn_status findings_build(const findings_input *in, const findings_opts *opts,
                            findings **out, churn_err *err)
{
	findings_opts o;
	flist l = {0};
	findings *res = NULL;
	ranked *rk = NULL;
	findings_reason_action act;
	churn_status st = CHURN_OK;

	if (out != NULL)
		*out = NULL;
	if (in == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "findings: missing argument");
	if (opts != NULL)
		o = *opts;
	else
		findings_opts_init(&o);
	if (!(o.alpha > 0 && o.alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE, "findings: alpha must lie in (0, 1)");
	if (!(o.min_n >= 0))
		return churn_err_set(err, CHURN_EUSAGE, "findings: min_n must be a number >= 0");
	if (o.max_findings == 0)
		return churn_err_set(err, CHURN_EUSAGE, "findings: max_findings must be at least 1");
	if (in->logit != NULL && (st = check_model("logistic", in->logit_design, in->logit->coefs.p,
	                                           err)) != CHURN_OK)
		return st;
	if (in->logit == NULL && in->cox != NULL &&
	    (st = check_model("Cox", in->cox_design, in->cox->coefs.p, err)) != CHURN_OK)
		return st;

	/* Segments first: the drivers skip columns that have one. */
	findings_segments(in, &o, &l);
	findings_drivers(in, &o, &l);
	findings_period(in, &o, &l);
	findings_early(in, &o, &l);
	findings_revenue(in, &o, &l);
	findings_reason_pass(in, &o, &l, &act);
	if (in->table != NULL)
		findings_concern(in, &l);
	if (l.oom)
		goto nomem;

	res = calloc(1, sizeof *res);
	if (res == NULL)
		goto nomem;
	res->candidates = l.n;
	res->offer_effect = res->horizon_months = NAN;
	res->has_reason_action = act.has;
	res->reason_action_customers = act.customers;
	res->reason_action_mrr = act.mrr;
	res->reason_action_share = act.share;
	memcpy(res->reason_period, act.period, sizeof res->reason_period);
	if (l.n > 0) {
		rk = malloc(l.n * sizeof *rk);
		if (rk == NULL)
			goto nomem;
		for (size_t i = 0; i < l.n; i++)
			rk[i] = (ranked){.f = l.item[i], .order = i,
			                 .concern = in->table == NULL ? 0 : in->value ? 2 : 1};
		qsort(rk, l.n, sizeof *rk, rank_cmp);
		res->n = l.n < o.max_findings ? l.n : o.max_findings;
		/* Reuse the list's array for the kept findings; free the rest. */
		for (size_t i = 0; i < l.n; i++) {
			if (i < res->n)
				l.item[i] = rk[i].f;
			else
				findings_item_clear(&rk[i].f);
		}
		res->item = l.item;
		l.item = NULL;
		free(rk);
	}
	*out = res;
	return CHURN_OK;

nomem:
	for (size_t i = 0; i < l.n; i++)
		findings_item_clear(&l.item[i]);
	free(l.item);
	free(res);
	free(rk);
	return churn_err_set(err, CHURN_ENOMEM, "findings: out of memory");
}

void findings_free(findings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++)
		findings_item_clear(&f->item[i]);
	for (size_t i = 0; i < f->nactions; i++)
		free(f->action[i].text);
	free(f->action);
	free(f->item);
	free(f);
}
