/*
 * findings_reasons.c - which churn reasons grew this period, the share of
 * involuntary churn, and the action that answers it (include/churnkit/
 * findings_reasons.h; docs/findings.md, "Churn reasons").
 */
#include "churnkit/findings_reasons.h"

#include "churnkit/fmtnum.h"
#include "churnkit/logrank.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The action's words and owner (docs/domain.md's playbook; the owner of
 * the payment actions, findings_actions.c). */
static const char action_words[] = FINDINGS_REASONS_ACTION;
static const char action_team[] = "Finance";

int findings_reasons_prop_test(double x1, double n1, double x2, double n2, double *chisq,
                               double *p)
{
	*chisq = NAN;
	*p = NAN;
	if (!(n1 > 0 && n2 > 0 && x1 >= 0 && x2 >= 0 && x1 <= n1 && x2 <= n2))
		return 0;
	double pool = (x1 + x2) / (n1 + n2);
	if (!(pool > 0 && pool < 1))
		return 0;
	/* The 2 x 2 table's four cells, as prop.test sums them. */
	const double obs[4] = { x1, n1 - x1, x2, n2 - x2 };
	const double exp_[4] = { n1 * pool, n1 * (1 - pool), n2 * pool, n2 * (1 - pool) };
	double s = 0;
	for (int k = 0; k < 4; k++)
		s += (obs[k] - exp_[k]) * (obs[k] - exp_[k]) / exp_[k];
	*chisq = s;
	*p = gsl_cdf_chisq_Q(s, 1);
	return 1;
}

/* The label a sentence prints for a reason. */
static const char *label_of(const reason_count *r)
{
	return r->label && r->label[0] ? r->label : "no reason given";
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

/* The finding of a reason that grew (NULL when out of memory). */
static char *grew_text(const reasons_breakdown *b, const reason_count *r,
                       const reason_test *t, double alpha)
{
	char a[32], c[32], p[32], buf[600];
	const char *now = b->period[0] ? b->period[0] : "this period";
	const char *before = b->period[1] ? b->period[1] : "the previous period";

	fmtnum_pct_pair_says(t->share[0], t->share[1], a, c, sizeof a);
	snprintf(buf, sizeof buf, "Churn for \"%s\" grew: %s of customers at the start of %s "
	         "left for this reason, against %s in %s (two-proportion test, BH-adjusted %s)",
	         label_of(r), a, now, c, before, fmtnum_p_says(t->p_adj, alpha, p, sizeof p));
	return dup_str(buf);
}

/* Sums of the reporting period's churn: all, involuntary, not said. */
static void involuntary(const reasons_breakdown *b, reasons_findings *f)
{
	double n = 0, m = 0, in_n = 0, in_m = 0, un_n = 0;
	int said = 0, mrr_known = 1;

	for (size_t i = 0; i < b->nreasons; i++) {
		const reason_count *r = &b->reason[i];
		double x = isfinite(r->churned[0]) ? r->churned[0] : 0;
		n += x;
		if (isfinite(r->mrr[0]))
			m += r->mrr[0];
		else if (x > 0)
			mrr_known = 0;
		if (r->involuntary == 1) {
			in_n += x;
			in_m += isfinite(r->mrr[0]) ? r->mrr[0] : 0;
		}
		if (r->involuntary >= 0)
			said = 1;
		else
			un_n += x;
	}
	f->invol_customers = f->invol_mrr = f->invol_share = NAN;
	f->invol_mrr_share = f->unclassified_share = NAN;
	if (!said)
		return;
	f->invol_customers = in_n;
	f->invol_mrr = mrr_known ? in_m : NAN;
	f->invol_share = n > 0 ? in_n / n : NAN;
	f->invol_mrr_share = mrr_known && m > 0 ? in_m / m : NAN;
	f->unclassified_share = n > 0 ? un_n / n : NAN;
}

churn_status findings_reasons_build(const reasons_breakdown *b, double alpha,
                                    double offer_effect, reasons_findings **out,
                                    churn_err *err)
{
	reasons_findings *f = NULL;
	double *p = NULL;
	churn_status st;

	if (out != NULL)
		*out = NULL;
	if (b == NULL || out == NULL || (b->nreasons > 0 && b->reason == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "reasons: missing argument");
	if (!(alpha > 0 && alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE, "reasons: alpha must lie in (0, 1)");
	f = calloc(1, sizeof *f);
	if (f == NULL)
		goto nomem;
	f->n = b->nreasons;
	f->offer_effect = offer_effect;
	f->action_customers = f->action_mrr = f->mrr_saved = NAN;
	if (b->nreasons > 0) {
		f->test = calloc(b->nreasons, sizeof *f->test);
		p = malloc(b->nreasons * sizeof *p);
		if (f->test == NULL || p == NULL)
			goto nomem;
	}
	for (size_t i = 0; i < b->nreasons; i++) {
		const reason_count *r = &b->reason[i];
		reason_test *t = &f->test[i];
		for (int k = 0; k < 2; k++)
			t->share[k] = b->at_start[k] > 0 ? REASON_LEFT(r, k) / b->at_start[k] : NAN;
		t->change = t->share[0] - t->share[1];
		findings_reasons_prop_test(REASON_LEFT(r, 0), b->at_start[0], REASON_LEFT(r, 1),
		                           b->at_start[1], &t->chisq, &t->p);
		p[i] = t->p;
	}
	if (b->nreasons > 0 && (st = logrank_bh_adjust(p, b->nreasons, p, err)) != CHURN_OK)
		goto fail;
	for (size_t i = 0; i < b->nreasons; i++) {
		reason_test *t = &f->test[i];
		t->p_adj = p[i];
		t->significant = t->p_adj < alpha && fabs(t->change) >= FINDINGS_REASONS_MIN_CHANGE;
		if (t->significant && t->change > 0
		    && (t->text = grew_text(b, &b->reason[i], t, alpha)) == NULL)
			goto nomem;
	}
	involuntary(b, f);
	if (f->invol_customers > 0) {
		f->has_action = 1;
		f->team = action_team;
		if ((f->action_text = dup_str(action_words)) == NULL)
			goto nomem;
		f->action_customers = f->invol_customers;
		f->action_mrr = f->invol_mrr;
		f->mrr_saved = f->action_mrr * offer_effect;
	}
	free(p);
	*out = f;
	return CHURN_OK;

nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "reasons: out of memory");
fail:
	free(p);
	findings_reasons_free(f);
	return st;
}

void findings_reasons_free(reasons_findings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n && f->test; i++)
		free(f->test[i].text);
	free(f->test);
	free(f->action_text);
	free(f);
}
