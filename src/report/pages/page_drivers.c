/* page_drivers.c - page 6: churn drivers: the odds-ratio forest plot with
 * intervals, the coefficient table, and model quality (AUC, cross-validated
 * AUC, Brier score, calibration chart) (page.h).  The Brier score and the
 * calibration shown are the cross-validated ones when the model was
 * cross-validated (validate.h), the in-sample ones otherwise; the page
 * says which. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart/chart.h"
#include "churnkit/coeftab.h"
#include "churnkit/fmtnum.h"
#include "churnkit/termtest.h"
#include "report/pages/fmt.h"
#include "report/pages/names.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"

#define MAX_TERMS 30

/* The calibration the page shows: the cross-validated one when there is
 * one (each customer predicted by the fold that did not see them), else
 * the in-sample one. */
static const validate_calib_bin *shown_calibration(const validate_summary *q, int *cv)
{
	*cv = q->have_cv_calib;
	return *cv ? q->cv_calib : q->calib;
}

/* " on a = b, c: " - the columns along the separating direction - or ": ". */
static void separated_columns(const report_input *in, const design *d, const logit_result *r,
                              char *buf, size_t n)
{
	size_t len = 0;
	char label[96];

	buf[0] = '\0';
	for (size_t j = 0; j < r->coefs.p && r->diverging != NULL; j++) {
		if (!r->diverging[j])
			continue;
		name_design_col(in, d, j, label, sizeof label);
		/* Room for this label and the closing ": " (a long list stops). */
		if (len + 4 + strlen(label) + 3 > n)
			break;
		len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : " on ", label);
	}
	snprintf(buf + len, n - len, ": ");
}

static double quality(report_page_ctx *c, double x, double y, double w)
{
	const report_input *in = c->in;
	const logit_result *r = in->lr;
	char buf[1400], a[32], b[32], e[32], f[32], g[32], h[32];

	if (r->quasi)
		snprintf(buf, sizeof buf,
		         "Outcome: %s. Customers: %s rows, weighted by the inverse probability of "
		         "censoring to %s customers, of whom %s churned. Deviance %.1f (null %.1f); "
		         "no AIC (quasi-binomial fit). Standard errors: robust (sandwich).",
		         in->outcome ? in->outcome : "churn", fmt_count((double)r->rows, h, sizeof h),
		         fmt_count(r->n, a, sizeof a), fmt_count(r->events, b, sizeof b), r->deviance,
		         r->null_deviance);
	else
		snprintf(buf, sizeof buf,
		         "Outcome: %s. Customers: %s, of whom %s churned. Deviance %.1f (null %.1f), "
		         "AIC %.1f.",
		         in->outcome ? in->outcome : "churn", fmt_count(r->n, a, sizeof a),
		         fmt_count(r->events, b, sizeof b), r->deviance, r->null_deviance, r->aic);
	y = page_para(c, x, y, w, buf, PAGE_BODY, chart_ink) + 4;
	if (in->q) {
		const validate_summary *q = in->q;
		int cv;
		shown_calibration(q, &cv);
		char cvs[400];
		snprintf(e, sizeof e, "%.3f", q->auc);
		snprintf(f, sizeof f, "%.3f", q->cv_auc);
		snprintf(g, sizeof g, "%.4f", cv ? q->cv_brier : q->brier);
		/* Without cross-validation, why not (too few churners for the
		 * folds, a fold that failed, or --folds 0), never "(0-fold) -". */
		if (isfinite(q->cv_auc))
			snprintf(cvs, sizeof cvs, "Cross-validated AUC (%d-fold) %s: how well it ranks "
			         "customers it was not fitted on.", q->folds, f);
		else if (in->cv_note)
			snprintf(cvs, sizeof cvs, "Cross-validated AUC: not computed: %s.", in->cv_note);
		else
			snprintf(cvs, sizeof cvs, "Cross-validated AUC: not computed (--folds 0).");
		snprintf(buf, sizeof buf,
		         "AUC %s: a churner is ranked above a non-churner %s of the time (0.5 is "
		         "chance). %s Brier score %s (%s; mean squared error of the "
		         "probabilities; lower is better). The calibration chart is %s.",
		         e, fmtnum_pct(q->auc, 0, a, sizeof a), cvs,
		         g, cv ? "cross-validated" : "in-sample",
		         cv ? "cross-validated: each customer predicted by the model of the fold that "
		              "did not see them"
		            : "in-sample: the model's predictions for the customers it was fitted on "
		              "(no cross-validation)");
		y = page_para(c, x, y, w, buf, PAGE_BODY, chart_ink) + 4;
	}
	if (r->firth || r->separation != LOGIT_SEP_NONE || !r->converged) {
		char on[600];
		separated_columns(in, in->dl, r, on, sizeof on);
		snprintf(buf, sizeof buf, "%s%s%s%s%s",
		         r->separation == LOGIT_SEP_COMPLETE ? "Complete separation was found"
		         : r->separation == LOGIT_SEP_QUASI   ? "Quasi-complete separation was found"
		                                              : "",
		         r->separation != LOGIT_SEP_NONE ? on : "",
		         r->firth ? (r->firth_auto ? "the model was refitted with Firth's penalised "
		                                     "likelihood, whose estimates stay finite. "
		                                   : "Firth's penalised likelihood was used. ")
		         : r->separation == LOGIT_SEP_NONE
		             ? ""
		             : "some outcomes are predicted perfectly, so the estimates above are "
		               "not usable as they stand and no churn driver is stated from them. ",
		         !r->firth && r->separation != LOGIT_SEP_NONE && r->robust
		             ? "Firth's penalised likelihood, which keeps the estimates finite, is not "
		               "used: it has no robust standard errors under the censoring weights. "
		             : "",
		         !r->converged ? "The fit did not converge: treat these numbers with care."
		                       : "");
		y = page_para(c, x, y, w, buf, PAGE_BODY, chart_alert) + 4;
	}
	return y;
}

void page_drivers(report_page_ctx *c)
{
	const report_input *in = c->in;
	const design *d = in->dl;
	const logit_result *r = in->lr;
	enum { NC = 7 };
	char labels[MAX_TERMS][96], cells[MAX_TERMS][NC][48], refs[600], vh[64], ch[32];
	const char *lp[MAX_TERMS], *cp[MAX_TERMS * NC];
	double est[MAX_TERMS], lo[MAX_TERMS], hi[MAX_TERMS];
	size_t n = 0, total = 0, naliased = 0;
	double y;

	y = page_begin(c, "Churn drivers",
	               "Logistic regression of churn on the customer attributes: an odds ratio "
	               "above 1 raises the odds of churning, below 1 lowers them.");
	const coeftab tab = r->coefs;
	for (size_t j = 0; j < tab.p; j++) {
		if (d->cols[j].kind == DESIGN_COL_INTERCEPT)
			continue;
		if (tab.aliased[j]) {
			naliased++;
			continue;
		}
		total++;
		if (n >= MAX_TERMS)
			continue;
		char a[32], b[32];
		name_design_col(in, d, j, labels[n], sizeof labels[n]);
		lp[n] = labels[n];
		est[n] = tab.ratio[j];
		lo[n] = tab.lower[j];
		hi[n] = tab.upper[j];
		snprintf(cells[n][0], 48, "%s", labels[n]);
		snprintf(cells[n][1], 48, "%.4g", tab.coef[j]);
		snprintf(cells[n][2], 48, "%.4g", tab.se[j]);
		snprintf(cells[n][3], 48, "%.2f", tab.z[j]);
		fmtnum_p(tab.pval[j], in->alpha, cells[n][4], 48);
		fmtnum_ratio(tab.ratio[j], cells[n][5], 48);
		snprintf(cells[n][6], 48, "%s-%s", fmtnum_ratio(tab.lower[j], a, sizeof a),
		         fmtnum_ratio(tab.upper[j], b, sizeof b));
		for (size_t k = 0; k < NC; k++)
			cp[n * NC + k] = cells[n][k];
		n++;
	}

	snprintf(vh, sizeof vh, "Odds ratio (%g%% CI)", r->coefs.conf_level * 100);
	chart_forest_opts fo = { .title = NULL, .xlabel = "Odds ratio (log scale)",
	                         .value_header = vh };
	double fh = 40 + 14 * (double)(n ? n : 1);
	if (fh > (c->bottom - y) * 0.36)
		fh = (c->bottom - y) * 0.36;
	chart_forest(c->d, (chart_box){ c->left, y, c->right - c->left, fh }, lp, est, lo, hi, n,
	             &fo);
	y += fh + 6;

	/* Reference levels. */
	size_t len = 0;
	refs[0] = '\0';
	for (size_t k = 0; k < d->nterms && len < sizeof refs - 100; k++) {
		const char *ref = design_reference(d, k);
		if (ref)
			len += (size_t)snprintf(refs + len, sizeof refs - len, "%s%s = %s",
			                        len ? ", " : "Compared with the reference levels: ",
			                        name_col(in, d->terms[k].column),
			                        name_level(in, d->terms[k].column, ref));
	}
	/* Each category of several columns as a whole (termtest.h): the
	 * driver findings state a level only when this is significant. */
	size_t nterm = 0;
	for (size_t k = 0; k < d->nterms && len < sizeof refs - 100; k++) {
		term_test tt;
		char pb[32];
		if (!d->terms[k].categorical || !term_test_joint(d, k) ||
		    term_test_wald(d, k, &r->coefs, r->cov, &tt, &(churn_err){0}) != CHURN_OK)
			continue;
		len += (size_t)snprintf(refs + len, sizeof refs - len, "%s%s %s",
		                        nterm ? ", " : len ? ". Each category as a whole (Wald test): "
		                                           : "Each category as a whole (Wald test): ",
		                        name_col(in, d->terms[k].column),
		                        fmtnum_p_says(tt.p, in->alpha, pb, sizeof pb));
		nterm++;
	}
	if (nterm > 0 && len < sizeof refs - 60)
		len += (size_t)snprintf(refs + len, sizeof refs - len, "; a level is stated as a "
		                        "driver only when its category is significant.");
	if (len)
		y = page_note(c, y, refs);

	/* The coefficient table, as R's summary(glm) with the odds ratios. */
	snprintf(ch, sizeof ch, "%g%% CI", r->coefs.conf_level * 100);
	chart_col cols[NC] = { { "Term", 0, PDF_LEFT },        { "Estimate", 58, PDF_RIGHT },
	                       { "Std. error", 58, PDF_RIGHT }, { "z", 44, PDF_RIGHT },
	                       { "p", 48, PDF_RIGHT },          { "Odds ratio", 58, PDF_RIGHT },
	                       { ch, 72, PDF_RIGHT } };
	chart_table_opts to = { .size = 7.5, .row_h = 12, .zebra = 1, .bold_rows = NULL };
	double th = 12 * (double)(n + 1) + 6;
	if (th > c->bottom - y - 150)
		th = c->bottom - y - 150;
	size_t drawn = chart_table(c->d, (chart_box){ c->left, y, c->right - c->left, th }, cols,
	                           NC, cp, n, &to);
	y += th + 8;

	/* Model quality (left) and calibration (right). */
	double cw = 170, tw = c->right - c->left - cw - 16;
	double top = y;
	y = page_h2(c, y, "Model quality");
	y = quality(c, c->left, y, tw);
	if (in->q) {
		double pred[VALIDATE_BINS], obs[VALIDATE_BINS];
		int cv;
		const validate_calib_bin *cb = shown_calibration(in->q, &cv);
		for (size_t i = 0; i < VALIDATE_BINS; i++) {
			pred[i] = cb[i].mean_pred;
			obs[i] = cb[i].obs_rate;
		}
		double chh = c->bottom - top - 40;
		if (chh > cw)
			chh = cw;
		chart_calibration(c->d, (chart_box){ c->right - cw, top, cw, chh }, pred, obs,
		                  VALIDATE_BINS, cv ? "Calibration (cross-validated)"
		                                    : "Calibration (in-sample)");
		if (top + chh > y)
			y = top + chh + 6;
	}
	y = page_ph_note(c, y);
	if (total > drawn || naliased > 0) {
		char note[300];
		snprintf(note, sizeof note, "%s%s",
		         total > drawn ? "Only the first terms fit on the page; `churnkit model` "
		                         "prints them all. "
		                       : "",
		         naliased > 0 ? "Terms that were constant or collinear with others were "
		                        "left out (R reports them as NA)."
		                      : "");
		y = page_note(c, y, note);
	}
	page_note(c, y,
	          "Odds ratios are for one unit more of a numeric attribute, per e-fold (x2.72) "
	          "for log() terms, and against the reference level for categories; Wald "
	          "intervals. Calibration: customers in tenths by predicted risk, the mean "
	          "prediction against the churn rate observed; points on the diagonal are well "
	          "calibrated.");
}
