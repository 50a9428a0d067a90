/* page_appendix.c - the appendix: method, definitions, data quality (rows
 * read, rejected and why), the input's SHA-256, the options and the version
 * (page.h).  It flows onto further pages when it needs them. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/chart/chart.h"
#include "churnkit/date.h"
#include "churnkit/km.h"
#include "churnkit/fmtnum.h"
#include "report/pages/fmt.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"

#define TITLE "Appendix: method, definitions, data quality"

typedef struct {
	report_page_ctx *c;
	double y;
	double col_x, col_w;
} flow;

/* Starts a continuation page when fewer than `need` points are left. */
static void room(flow *f, double need)
{
	if (f->y + need <= f->c->bottom)
		return;
	f->y = page_continue(f->c);
}

static void h2(flow *f, const char *s)
{
	room(f, 60);
	f->y = page_h2(f->c, f->y + 4, s);
}

static void para(flow *f, const char *s)
{
	double h = pdf_paragraph(f->c->d, f->c->left, 0, f->c->right - f->c->left, s, PDF_REGULAR,
	                         PAGE_SMALL + 0.5, (PAGE_SMALL + 0.5) * 1.4, chart_ink, 0);
	room(f, h);
	f->y += pdf_paragraph(f->c->d, f->c->left, f->y, f->c->right - f->c->left, s,
	                      PDF_REGULAR, PAGE_SMALL + 0.5, (PAGE_SMALL + 0.5) * 1.4, chart_ink,
	                      1) + 4;
}

/* "name: value" lines in two columns of text. */
static void kv(flow *f, const char *k, const char *v)
{
	double w = f->c->right - f->c->left, kw = 130;
	double h = pdf_paragraph(f->c->d, 0, 0, w - kw, v, PDF_REGULAR, PAGE_SMALL + 0.5,
	                         (PAGE_SMALL + 0.5) * 1.4, chart_ink, 0);
	room(f, h);
	pdf_text(f->c->d, f->c->left, f->y + PAGE_SMALL + 0.5, k, PDF_BOLD, PAGE_SMALL + 0.5,
	         PDF_LEFT, chart_ink);
	f->y += pdf_paragraph(f->c->d, f->c->left + kw, f->y, w - kw, v, PDF_REGULAR,
	                      PAGE_SMALL + 0.5, (PAGE_SMALL + 0.5) * 1.4, chart_ink, 1) + 1;
}

static void data_quality(flow *f)
{
	const report_input *in = f->c->in;
	const load_result *l = in->load;
	char buf[600], a[64], b[32], e[32];

	h2(f, "Data quality");
	if (!l) {
		para(f, "Not available.");
		return;
	}
	snprintf(buf, sizeof buf,
	         "%s rows read, %s used, %s rejected (%s). Bad rows are never dropped silently: "
	         "each is reported with its line and reason, and the run stops when more than "
	         "the --max-bad-rows limit are bad.",
	         fmt_count((double)l->rows_read, a, sizeof a),
	         fmt_count((double)(l->rows_read - l->rows_rejected - l->rows_filtered), b,
	                   sizeof b),
	         fmt_count((double)l->rows_rejected, e, sizeof e),
	         fmtnum_pct(l->rows_read > 0 ? (double)l->rows_rejected / (double)l->rows_read : 0, 2,
	                 buf + 500, 100));
	para(f, buf);
	/* --where and --rollup (docs/inputs.md): said only when given. */
	if (l->rows_filtered > 0) {
		snprintf(buf, sizeof buf, "%s rows were left out by --where.",
		         fmt_count((double)l->rows_filtered, a, sizeof a));
		para(f, buf);
	}
	if (in->weight_name) {
		snprintf(buf, sizeof buf, "Frequency weights (--weight %s): the rows used stand for "
		         "%s customers, a row of weight w for w customers with w times its MRR in "
		         "every count and sum; %s %s of weight 0 %s for nobody and %s not "
		         "scored, segmented or listed.", in->weight_name,
		         fmt_count(in->customers, a, sizeof a),
		         fmt_count((double)in->rows_weight_zero, b, sizeof b),
		         in->rows_weight_zero == 1 ? "row" : "rows",
		         in->rows_weight_zero == 1 ? "stands" : "stand",
		         in->rows_weight_zero == 1 ? "is" : "are");
		para(f, buf);
	}
	if (l->rolled_up) {
		snprintf(buf, sizeof buf, "The rows used formed %s customers (--rollup); %s "
		         "returned after a gap.", fmt_count((double)l->customers, a, sizeof a),
		         fmt_count((double)l->customers_reactivated, b, sizeof b));
		para(f, buf);
	}
	for (int r = 0; r < LOAD_NREASONS; r++) {
		if (l->by_reason[r] <= 0)
			continue;
		kv(f, load_reason_name((load_reason)r), fmt_count((double)l->by_reason[r], a,
		                                                  sizeof a));
	}
	size_t shown = l->nrejects_kept < 12 ? l->nrejects_kept : 12;
	for (size_t i = 0; i < shown; i++) {
		const load_reject *j = &l->rejects[i];
		if (j->col > 0)
			snprintf(a, sizeof a, "line %ld, column %ld", j->line, j->col);
		else
			snprintf(a, sizeof a, "line %ld", j->line);
		kv(f, a, j->msg);
	}
	if ((long)shown < l->rows_rejected) {
		snprintf(buf, sizeof buf, "The first %zu bad rows are listed; --rejects FILE writes "
		         "them all.", shown);
		para(f, buf);
	}
}

void page_appendix(report_page_ctx *c)
{
	const report_input *in = c->in;
	flow f = { c, 0, 0, 0 };
	char buf[2400], a[32];

	f.y = page_begin(c, TITLE, NULL);

	h2(&f, "Method");
	snprintf(buf, sizeof buf,
	         "Survival. %s Survival curves are Kaplan-Meier estimates with Greenwood standard "
	         "errors and %g%% %s confidence intervals, as R's survfit; the median is the "
	         "first time survival falls below 50%%. Segments are compared with the log-rank "
	         "test (R's survdiff%s); with more than two levels, pairwise tests with "
	         "Benjamini-Hochberg adjusted p-values. A finding is stated only when its "
	         "(adjusted) p-value is below alpha (%g) and each group has at least %zu "
	         "customers.",
	         in->time_in_days ? "Time is measured in days from signup to churn, or to the "
	                            "as-of date for customers still active (censored); charts "
	                            "show months of 30.4375 days."
	                          : "Time is the duration column as given; customers who have not "
	                            "churned are censored at their duration.",
	         in->surv ? in->surv->opts.km.conf_level * 100 : 95,
	         in->surv ? km_conf_name(in->surv->opts.km.conf_type) : "log-log",
	         in->surv && in->surv->opts.rho == 1 ? ", Peto-Peto weights" : "", in->alpha,
	         in->min_n);
	para(&f, buf);
	if (in->model_note) {
		snprintf(buf, sizeof buf, "Churn model: none in this report; it could not be fitted "
		         "(%s).", in->model_note);
		para(&f, buf);
	} else if (in->lr) {
		snprintf(buf, sizeof buf,
		         "Churn model. Logistic regression (as R's glm, %s family) of the outcome "
		         "\"%s\" on the model terms: odds ratios with Wald intervals%s; "
		         "complete or quasi-complete separation is detected and %s. Quality: AUC "
		         "(Mann-Whitney), stratified k-fold cross-validated AUC, Brier score and "
		         "calibration by decile of predicted risk, in-sample and cross-validated (each "
		         "customer predicted by the model of the fold that did not see them; the drivers "
		         "page shows the cross-validated ones when there are). "
		         "Churn probabilities per customer come from the model; with --horizon, from a "
		         "Cox proportional-hazards model on the same terms, as the chance of churning "
		         "within the horizon given the customer's current tenure. Proportional hazards "
		         "is tested per term as R's cox.zph; a categorical term that fails it becomes a "
		         "stratum with its own baseline. A customer whose tenure plus the horizon "
		         "reaches past the tenure where fewer than --min-n customers of their stratum "
		         "are still at risk gets no probability (beyond the data): marked, not ranked.",
		         in->lr->quasi ? "quasi-binomial" : "binomial", in->outcome ? in->outcome : "churn",
		         in->lr->robust ? " from robust (HC0 sandwich) standard errors, and the deviance (no AIC)"
		                        : ", deviance and AIC",
		         in->lr->robust ? "reported, and no churn driver is stated from a separated "
		                          "fit (Firth's penalised likelihood has no robust standard "
		                          "errors, so it is not used under the censoring weights)"
		                        : "answered with Firth's penalised likelihood");
		para(&f, buf);
		if (in->model_sample)
			para(&f, in->model_sample);
	}
	if (in->model_dropped) {
		snprintf(buf, sizeof buf, "Left out of this report: %s. The other model is shown, and "
		         "the churn probabilities come from it.", in->model_dropped);
		para(&f, buf);
	}

	h2(&f, "Definitions");
	para(&f,
	     "Churn is counted at the churn date. Churn rate = customers who churned in the "
	     "period / customers active at its start. Retention rate = (customers at end - new "
	     "customers) / customers at start. Customers who join and churn inside the same "
	     "period are counted as new and as churned unless --exclude-same-period is given. "
	     "Gross revenue retention (GRR) = (start MRR - churned MRR - contraction) / start "
	     "MRR, over the customers active at the start; net revenue retention (NRR) adds "
	     "expansion. Gross revenue churn = 100% - GRR: the churned MRR and contraction of "
	     "those customers over start MRR (the MRR of customers who joined and left in the "
	     "same period is in the MRR bridge's new and churned). Rates are shown as "
	     "percentages; changes in percentage points (pp).");
	para(&f,
	     "Abbreviations: MRR monthly recurring revenue (ARR: 12 x MRR); pp percentage "
	     "points; mo months; Exp. loss expected loss; CI confidence interval; OR odds "
	     "ratio (the odds of churn against those of the reference group); HR hazard "
	     "ratio (the rate of churn against the reference group's); AUC the area "
	     "under the ROC curve (the chance that a churner is ranked above a customer who "
	     "stays); BH-adjusted: p-values adjusted by Benjamini and Hochberg's method for "
	     "the many pairs compared; Firth fit: the churn model fitted by Firth's penalised "
	     "likelihood, used when some attribute separates churners from the others "
	     "perfectly. Tile changes get an arrow and a colour only when larger than the "
	     "noise: the churn figures when the two-proportion test gives p below the "
	     "significance level; GRR, NRR and gross revenue churn when a normal test of "
	     "the two periods' ratios (delta-method variances over the customers paying "
	     "at the start) does; the other rates from 0.1 pp, counts and money from a "
	     "whole unit.");
	if (in->revenue_at_risk_note)
		para(&f, in->revenue_at_risk_note);
	if (in->kpi && in->kpi->has_cost) {
		const revenue_cost *k = &in->kpi->cost;
		char cac[64];
		if (k->cac_known)
			snprintf(cac, sizeof cac, "%s per customer",
			         fmt_money(k->cac, in->currency, a, sizeof a));
		else
			snprintf(cac, sizeof cac, "not set (--cac), so left out");
		snprintf(buf, sizeof buf,
		         "Cost of churn: the annual value of the MRR lost (x %g months), plus the "
		         "expansion that value would have brought (--expansion-rate %g), plus the "
		         "acquisition cost sunk in the lost customers (CAC: %s).",
		         k->months_per_year, k->expansion_rate, cac);
		para(&f, buf);
	}
	if (in->seg) {
		char bands[64];
		snprintf(buf, sizeof buf,
		         "Segments: value tiers over the active customers' known MRR (high: at or "
		         "above the 80th percentile; low: below the median), risk tiers from the "
		         "churn probability (%s). Expected loss = probability x MRR. An incentive "
		         "is recommended only where the revenue it is expected to save exceeds its "
		         "cost, and never for low-value customers.",
		         segment_bands_text(bands, sizeof bands));
		para(&f, buf);
	}

	data_quality(&f);

	h2(&f, "This run");
	kv(&f, "Input", in->input_name ? in->input_name : "-");
	kv(&f, "SHA-256", in->sha256 ? in->sha256 : "-");
	kv(&f, "Data as of", in->as_of != TABLE_DATE_NA ? date_format(in->as_of, a)
	                                                : "- (durations: no dates)");
	kv(&f, "churnkit version", in->version ? in->version : "-");
	for (size_t i = 0; i < in->noptions; i++) {
		const report_option *o = &in->options[i];
		snprintf(buf, sizeof buf, "%s%s%s%s", o->value ? o->value : "",
		         o->origin ? " (" : "", o->origin ? o->origin : "", o->origin ? ")" : "");
		kv(&f, o->name, buf);
	}

	h2(&f, "Context (industry figures quoted by the sources, not computed here)");
	para(&f,
	     "Acquiring a customer costs about 5 times (up to 5-25 times) more than keeping one; "
	     "5% more retention can raise profit by 25-95%; about 65% of business comes from "
	     "existing customers; 80% of future revenue comes from 20% of existing customers "
	     "(Gartner); the probability of selling to an existing customer is 60-70%, against "
	     "5-20% for a new prospect.");
}
