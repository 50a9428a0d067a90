/* model_print.c - plain-text summaries of the logistic and Cox models, in
 * the manner of R's summary(); see include/churnkit/model_json.h. */
#include "churnkit/model_json.h"

#include "churnkit/cell.h"
#include "churnkit/coeftab.h"
#include "churnkit/fmtnum.h"
#include "churnkit/termtest.h"
#include "churnkit/textpad.h"

#include <math.h>

/* The terms' column: as wide as the widest name in display columns
 * (textpad.h: "plan=Zürich" is 11 columns in 12 bytes). */
static int name_width(const design *d)
{
	int w = 12;
	for (size_t j = 0; j < d->ncols; j++)
		if (text_width(d->cols[j].name) > w)
			w = text_width(d->cols[j].name);
	return w;
}

static void print_refs(FILE *fp, const design *d, const int *aliased)
{
	int first = 1;
	for (size_t k = 0; k < d->nterms; k++) {
		const char *ref = design_reference(d, k);
		if (ref == NULL)
			continue;
		fprintf(fp, "%s%s=%s", first ? "Reference levels: " : ", ", d->terms[k].column, ref);
		first = 0;
	}
	if (!first)
		fputc('\n', fp);
	first = 1;
	for (size_t j = 0; j < d->ncols; j++)
		if (aliased[j]) {
			fprintf(fp, "%s%s", first ? "Not estimable (constant or collinear, as R's NA): "
			                          : ", ", d->cols[j].name);
			first = 0;
		}
	for (size_t k = 0; k < d->nterms; k++)
		if (design_term_constant(d, k)) {
			fprintf(fp, "%s%s (one level: %s)",
			        first ? "Not estimable (constant or collinear, as R's NA): " : ", ",
			        d->terms[k].name, d->terms[k].levels[0]);
			first = 0;
		}
	if (!first)
		fputc('\n', fp);
}

/* One coefficient table (coeftab.h), as R's summary() prints it with the
 * exponentiated estimate and its interval. */
static void print_table(FILE *fp, const design *d, const coeftab *t)
{
	int w = name_width(d);
	char pb[32], ci[48], b[6][32];
	snprintf(ci, sizeof ci, "%g%% CI", t->conf_level * 100);
	fprintf(fp, "%-*s %12s %11s %8s %9s %11s  %s\n", w, "", "Estimate", "Std. Error",
	        "z value", "Pr(>|z|)", t->ratio_title, ci);
	for (size_t j = 0; j < t->p; j++) {
		text_pad(fp, d->cols[j].name, w, 1);
		if (t->aliased[j]) {
			fprintf(fp, " %12s %11s %8s %9s %11s\n", CELL_NA, CELL_NA, CELL_NA, CELL_NA,
			        CELL_NA);
			continue;
		}
		fprintf(fp, " %12s %11s %8s %9s %11s  (%s, %s)\n",
		        cell_sig(t->coef[j], 6, b[0], sizeof b[0]),
		        cell_sig(t->se[j], 6, b[1], sizeof b[1]),
		        cell_fix(t->z[j], 3, b[2], sizeof b[2]),
		        fmtnum_p_text(t->pval[j], NAN, pb, sizeof pb),
		        cell_sig(t->ratio[j], 4, b[3], sizeof b[3]),
		        cell_sig(t->lower[j], 4, b[4], sizeof b[4]),
		        cell_sig(t->upper[j], 4, b[5], sizeof b[5]));
	}
}

/* "Wald tests of terms": each term of more than one column as a whole
 * (termtest.h), under the coefficient table; nothing when there is none. */
static void print_term_tests(FILE *fp, const design *d, const coeftab *t, const double *cov)
{
	char pb[32], cb[32];
	int first = 1;
	for (size_t k = 0; k < d->nterms; k++) {
		term_test tt;
		if (!term_test_joint(d, k) ||
		    term_test_wald(d, k, t, cov, &tt, &(churn_err){0}) != CHURN_OK)
			continue;
		if (first) {
			fprintf(fp, "\nWald tests of terms (each as a whole):\n%-*s %10s %4s %10s\n",
			        (int)name_width(d), "", "chisq", "df", "p");
			first = 0;
		}
		text_pad(fp, d->terms[k].name, name_width(d), 1);
		fprintf(fp, " %10s %4zu %10s\n", cell_fix(tt.chisq, 3, cb, sizeof cb), tt.df,
		        fmtnum_p_text(tt.p, NAN, pb, sizeof pb));
	}
}

int model_print_logit(FILE *fp, const design *d, const logit_result *r,
                      const validate_summary *q, const char *outcome)
{
	fprintf(fp, "Logistic regression of %s (%s, logit link)%s\n",
	        outcome ? outcome : "the outcome", r->quasi ? "quasi-binomial" : "binomial",
	        r->firth ? ", Firth's penalised likelihood" : "");
	if (r->quasi)
		fprintf(fp, "n = %.1f weighted customers in %zu rows, %.1f weighted events", r->n,
		        r->rows, r->events);
	else
		fprintf(fp, "n = %.15g customers in %zu rows, %.15g events", r->n, r->rows, r->events);
	if (d->rows_missing > 0)
		fprintf(fp, "; %zu rows left out for missing values", d->rows_missing);
	fputs("\n\nCoefficients:\n", fp);
	print_table(fp, d, &r->coefs);
	print_refs(fp, d, r->coefs.aliased);
	print_term_tests(fp, d, &r->coefs, r->cov);
	fprintf(fp, "\nNull deviance: %.2f on %zu degrees of freedom\n", r->null_deviance,
	        r->rows - 1);
	fprintf(fp, "Residual deviance: %.2f on %zu degrees of freedom\n", r->deviance,
	        r->rows - r->rank);
	if (isnan(r->aic))
		fputs("AIC: NA (quasi-binomial: no likelihood, as R prints it)\n", fp);
	else
		fprintf(fp, "AIC: %.2f\n", r->aic);
	if (r->robust)
		fputs("Standard errors: robust (HC0 sandwich, as R's sandwich::vcovHC); z, p and "
		      "intervals from them.\n", fp);
	fprintf(fp, "%s iterations: %d\n", r->firth ? "Firth Newton-Raphson" : "Fisher scoring",
	        r->iterations);
	if (q != NULL) {
		char b[32];
		fprintf(fp, "AUC: %s", cell_fix(q->auc, 4, b, sizeof b));
		if (q->folds > 0)
			fprintf(fp, "   cross-validated AUC (%d folds): %s", q->folds,
			        cell_fix(q->cv_auc, 4, b, sizeof b));
		fprintf(fp, "   Brier score: %s", cell_fix(q->brier, 4, b, sizeof b));
		if (q->folds > 0 && !isnan(q->cv_brier))
			fprintf(fp, "   cross-validated Brier score: %s",
			        cell_fix(q->cv_brier, 4, b, sizeof b));
		fputc('\n', fp);
	}
	if (r->separation != LOGIT_SEP_NONE) {
		fprintf(fp, "\nNote: %s separation", model_separation_name(r->separation));
		int first = 1;
		for (size_t j = 0; j < r->coefs.p; j++)
			if (r->diverging[j]) {
				fprintf(fp, "%s%s", first ? " on " : ", ", d->cols[j].name);
				first = 0;
			}
		fprintf(fp, ": some outcomes are predicted perfectly and the maximum-likelihood "
		            "estimates do not exist.\n");
		fprintf(fp, r->firth ? "Firth's penalised likelihood was used instead%s.\n"
		                     : "The estimates above are not usable as they stand%s.\n",
		        r->firth_auto ? " (automatic fallback)" : "");
	} else if (r->firth) {
		fprintf(fp, "\nNote: Firth's penalised likelihood was used as requested.\n");
	}
	if (r->fitted_01 && r->separation == LOGIT_SEP_NONE)
		fprintf(fp, "Note: fitted probabilities numerically 0 or 1 occurred.\n");
	if (!r->converged)
		fprintf(fp, "Warning: the fit did not converge in %d iterations.\n", r->iterations);
	return ferror(fp) ? -1 : 0;
}

int model_print_cox(FILE *fp, const design *d, const cox_result *r)
{
	char pb[32];
	fprintf(fp, "Cox proportional hazards (%s ties)\n",
	        r->ties == COX_EFRON ? "Efron" : "Breslow");
	if (r->wevents != (double)r->events)  /* frequency weights: rows, then customers */
		fprintf(fp, "n = %zu rows of weight > 0, events = %zu rows (%.15g churned customers "
		        "by the weights)", r->n, r->events, r->wevents);
	else
		fprintf(fp, "n = %zu, events = %zu", r->n, r->events);
	if (d->rows_missing > 0)
		fprintf(fp, "; %zu rows left out for missing values", d->rows_missing);
	fputs("\n\nCoefficients:\n", fp);
	print_table(fp, d, &r->coefs);
	print_refs(fp, d, r->coefs.aliased);
	print_term_tests(fp, d, &r->coefs, r->cov);
	fprintf(fp, "\nConcordance = %.4f\n", r->concordance);
	fprintf(fp, "Likelihood ratio test = %.2f on %zu df, p = %s\n", r->lr_test, r->rank,
	        fmtnum_p_text(r->lr_p, NAN, pb, sizeof pb));
	fprintf(fp, "Wald test            = %.2f on %zu df, p = %s\n", r->wald_test, r->rank,
	        fmtnum_p_text(r->wald_p, NAN, pb, sizeof pb));
	fprintf(fp, "Score (logrank) test = %.2f on %zu df, p = %s\n", r->score_test, r->rank,
	        fmtnum_p_text(r->score_p, NAN, pb, sizeof pb));
	fprintf(fp, "Log partial likelihood: %.4f (null %.4f); Newton iterations: %d\n", r->loglik,
	        r->loglik_null, r->iterations);
	if (!r->converged)
		fprintf(fp, "Warning: the fit did not converge in %d iterations.\n", r->iterations);
	if (r->ninfinite > 0) {
		fputs("Warning: coefficient may be infinite: ", fp);
		int first = 1;
		for (size_t j = 0; j < r->coefs.p; j++)
			if (r->infinite[j]) {
				fprintf(fp, "%s%s", first ? "" : ", ", d->cols[j].name);
				first = 0;
			}
		fputs(" (the log partial likelihood converged while the estimate was still\n"
		      "  moving, as R's coxph warns; its estimate, standard error and interval are "
		      "not usable).\n", fp);
	}
	if (r->any_infinite)
		fputs("Warning: one or more coefficients may be infinite.\n", fp);
	return ferror(fp) ? -1 : 0;
}

int model_print_cox_zph(FILE *fp, const design *d, const cox_zph_result *z, double alpha)
{
	char pb[32], cb[32];
	int w = 12;
	for (size_t k = 0; k < z->nterms; k++)
		if (text_width(d->terms[k].name) > w)
			w = text_width(d->terms[k].name);
	fputs("\nProportional hazards (as R's cox.zph, Kaplan-Meier time scale):\n", fp);
	fprintf(fp, "%-*s %10s %4s %10s\n", w, "", "chisq", "df", "p");
	for (size_t k = 0; k < z->nterms; k++) {
		if (z->df[k] == 0)
			continue;
		text_pad(fp, d->terms[k].name, w, 1);
		fprintf(fp, " %10s %4zu %10s%s\n",
		        cell_fix(z->chisq[k], 3, cb, sizeof cb), z->df[k],
		        fmtnum_p_text(z->p[k], NAN, pb, sizeof pb),
		        z->p[k] < alpha ? "  fails" : "");
	}
	fprintf(fp, "%-*s %10s %4zu %10s\n", w, "GLOBAL",
	        cell_fix(z->global_chisq, 3, cb, sizeof cb), z->global_df,
	        fmtnum_p_text(z->global_p, NAN, pb, sizeof pb));
	return ferror(fp) ? -1 : 0;
}

/* One calibration table under its title. */
static void print_calib(FILE *fp, const char *title, const validate_calib_bin *c)
{
	char b1[32], b2[32], b3[32];
	fprintf(fp, "\n%s:\n", title);
	fprintf(fp, "%6s %10s %14s %14s\n", "decile", "customers", "mean predicted",
	        "observed rate");
	for (int g = 0; g < VALIDATE_BINS; g++)
		fprintf(fp, "%6d %10s %14s %14s\n", g + 1, cell_count(c[g].n, b3, sizeof b3),
		        cell_fix(c[g].mean_pred, 4, b1, sizeof b1),
		        cell_fix(c[g].obs_rate, 4, b2, sizeof b2));
}

int model_print_quality(FILE *fp, const validate_summary *q)
{
	char b1[32], b2[32], b3[32], b4[32], b5[32], b6[32];
	if (q->deciles_left_out) {
		fputs("\nCalibration and lift by decile: not computed with --push-down (a decile's "
		      "edge cuts\n  through tied scores in row order, which a table does not have); "
		      "run without\n  --push-down for them.\n", fp);
		return ferror(fp) ? -1 : 0;
	}
	print_calib(fp, "Calibration by decile of predicted risk (lowest first; in-sample: the "
	                "model's own rows)", q->calib);
	if (q->have_cv_calib)
		print_calib(fp, "Cross-validated calibration by decile (each customer predicted by "
		                "the fold that did not see them)", q->cv_calib);
	fputs("\nLift and cumulative gains by decile (riskiest first):\n", fp);
	fprintf(fp, "%6s %10s %8s %8s %6s %9s %9s\n", "decile", "customers", "churned", "rate",
	        "lift", "cum gain", "cum lift");
	for (int g = 0; g < VALIDATE_BINS; g++) {
		const validate_lift_bin *b = &q->lift[g];
		fprintf(fp, "%6d %10s %8s %8s %6s %9s %9s\n", g + 1, cell_count(b->n, b3, sizeof b3),
		        cell_count(b->events, b4, sizeof b4), cell_fix(b->rate, 4, b1, sizeof b1),
		        cell_fix(b->lift, 2, b2, sizeof b2),
		        fmtnum_pct_text(b->cum_gain, 1, b5, sizeof b5),
		        cell_fix(b->cum_lift, 2, b6, sizeof b6));
	}
	return ferror(fp) ? -1 : 0;
}
