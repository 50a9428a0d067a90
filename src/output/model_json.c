/* model_json.c - JSON objects of the logistic and Cox models; see
 * include/churnkit/model_json.h. */
#include "churnkit/model_json.h"

#include "churnkit/coeftab.h"
#include "churnkit/jsonout.h"
#include "churnkit/termtest.h"

#include <math.h>
#include <string.h>

const char *model_separation_name(logit_separation s)
{
	switch (s) {
	case LOGIT_SEP_QUASI:
		return "quasi-complete";
	case LOGIT_SEP_COMPLETE:
		return "complete";
	default:
		return "none";
	}
}

/* Adds key -> value; records a failure in *bad. */
static void put(json_object *o, const char *k, json_object *v, int *bad)
{
	if (json_object_object_add(o, k, v) != 0) {
		json_object_put(v);
		*bad = 1;
	}
}

static void push(json_object *a, json_object *v, int *bad)
{
	if (json_object_array_add(a, v) != 0) {
		json_object_put(v);
		*bad = 1;
	}
}

static json_object *reference_levels(const design *d, int *bad)
{
	json_object *a = json_object_new_array();
	if (a == NULL) {
		*bad = 1;
		return NULL;
	}
	for (size_t k = 0; k < d->nterms; k++) {
		const char *ref = design_reference(d, k);
		if (ref == NULL)
			continue;
		json_object *o = json_object_new_object();
		if (o == NULL) {
			*bad = 1;
			continue;
		}
		put(o, "term", json_object_new_string(d->terms[k].column), bad);
		put(o, "level", json_object_new_string(ref), bad);
		push(a, o, bad);
	}
	return a;
}

static json_object *aliased_terms(const design *d, const int *aliased, int *bad)
{
	json_object *a = json_object_new_array();
	if (a == NULL) {
		*bad = 1;
		return NULL;
	}
	for (size_t j = 0; j < d->ncols; j++)
		if (aliased[j])
			push(a, json_object_new_string(d->cols[j].name), bad);
	return a;
}

/* The categorical terms with a single level in the rows used (no column,
 * not estimable). */
static json_object *constant_terms(const design *d, int *bad)
{
	json_object *a = json_object_new_array();
	if (a == NULL) {
		*bad = 1;
		return NULL;
	}
	for (size_t k = 0; k < d->nterms; k++)
		if (design_term_constant(d, k))
			push(a, json_object_new_string(d->terms[k].name), bad);
	return a;
}

/* The "coefficients" array: one object per row of the table (coeftab.h). */
static json_object *coef_array(const design *d, const coeftab *t, int *bad)
{
	json_object *a = json_object_new_array();
	if (a == NULL) {
		*bad = 1;
		return NULL;
	}
	for (size_t j = 0; j < t->p; j++) {
		json_object *o = json_object_new_object();
		if (o == NULL) {
			*bad = 1;
			break;
		}
		put(o, "term", json_object_new_string(d->cols[j].name), bad);
		put(o, "estimate", json_num(t->coef[j]), bad);
		put(o, "se", json_num(t->se[j]), bad);
		put(o, "z", json_num(t->z[j]), bad);
		put(o, "p", json_num(t->pval[j]), bad);
		put(o, t->ratio_key, json_num(t->ratio[j]), bad);
		put(o, t->lower_key, json_num(t->lower[j]), bad);
		put(o, t->upper_key, json_num(t->upper[j]), bad);
		put(o, "aliased", json_object_new_boolean(t->aliased[j]), bad);
		push(a, o, bad);
	}
	return a;
}

/* The "term_tests" array: the Wald test of each term of more than one
 * column (termtest.h), {"term", "chisq", "df", "p"}, in the design's order. */
static json_object *term_tests(const design *d, const coeftab *t, const double *cov, int *bad)
{
	json_object *a = json_object_new_array();
	if (a == NULL) {
		*bad = 1;
		return NULL;
	}
	for (size_t k = 0; k < d->nterms; k++) {
		term_test tt;
		if (!term_test_joint(d, k))
			continue;
		json_object *o = json_object_new_object();
		if (o == NULL || term_test_wald(d, k, t, cov, &tt, &(churn_err){0}) != CHURN_OK) {
			json_object_put(o);
			*bad = 1;
			break;
		}
		put(o, "term", json_object_new_string(d->terms[k].name), bad);
		put(o, "chisq", json_num(tt.chisq), bad);
		put(o, "df", json_object_new_int64((int64_t)tt.df), bad);
		put(o, "p", json_num(tt.p), bad);
		push(a, o, bad);
	}
	return a;
}

/* Calibration deciles as an array of {decile, n, mean_predicted, observed_rate}. */
static json_object *calib_array(const validate_calib_bin *b, int *bad)
{
	json_object *a = json_object_new_array();
	if (a == NULL) {
		*bad = 1;
		return NULL;
	}
	for (int g = 0; g < VALIDATE_BINS; g++) {
		json_object *c = json_object_new_object();
		if (c == NULL) {
			*bad = 1;
			break;
		}
		put(c, "decile", json_object_new_int(g + 1), bad);
		put(c, "n", json_num(b[g].n), bad);
		put(c, "mean_predicted", json_num(b[g].mean_pred), bad);
		put(c, "observed_rate", json_num(b[g].obs_rate), bad);
		push(a, c, bad);
	}
	return a;
}

json_object *model_json_logit(const design *d, const logit_result *r,
                              const validate_summary *q, const char *outcome)
{
	int bad = 0;
	json_object *m = json_object_new_object();
	if (m == NULL)
		return NULL;
	put(m, "outcome", outcome ? json_object_new_string(outcome) : NULL, &bad);
	put(m, "n", json_num(r->n), &bad);
	put(m, "events", json_num(r->events), &bad);
	put(m, "rows", json_object_new_int64((int64_t)r->rows), &bad);
	put(m, "rows_missing", json_object_new_int64((int64_t)d->rows_missing), &bad);
	put(m, "converged", json_object_new_boolean(r->converged), &bad);
	put(m, "iterations", json_object_new_int(r->iterations), &bad);
	put(m, "coefficients", coef_array(d, &r->coefs, &bad), &bad);
	put(m, "term_tests", term_tests(d, &r->coefs, r->cov, &bad), &bad);
	put(m, "reference_levels", reference_levels(d, &bad), &bad);
	put(m, "aliased", aliased_terms(d, r->coefs.aliased, &bad), &bad);
	put(m, "constant_terms", constant_terms(d, &bad), &bad);
	put(m, "conf_level", json_num(r->coefs.conf_level), &bad);
	put(m, "deviance", json_num(r->deviance), &bad);
	put(m, "null_deviance", json_num(r->null_deviance), &bad);
	put(m, "aic", json_num(r->aic), &bad);
	put(m, "loglik", json_num(r->loglik), &bad);
	put(m, "rank", json_object_new_int64((int64_t)r->rank), &bad);
	put(m, "auc", q ? json_num(q->auc) : NULL, &bad);
	put(m, "cv_auc", q ? json_num(q->cv_auc) : NULL, &bad);
	put(m, "brier", q ? json_num(q->brier) : NULL, &bad);
	put(m, "cv_brier", q ? json_num(q->cv_brier) : NULL, &bad);
	put(m, "separation", json_object_new_string(model_separation_name(r->separation)), &bad);
	put(m, "separation_terms", aliased_terms(d, r->diverging, &bad), &bad);
	put(m, "firth", json_object_new_boolean(r->firth), &bad);
	put(m, "firth_reason",
	    r->firth ? json_object_new_string(r->firth_auto ? "separation" : "requested") : NULL,
	    &bad);
	put(m, "penalized_loglik", json_num(r->penalized_loglik), &bad);
	if (q != NULL) {
		json_object *fa = json_object_new_array(), *cal = json_object_new_array(),
		            *lift = json_object_new_array();
		if (!fa || !cal || !lift)
			bad = 1;
		for (int f = 0; fa && f < q->folds; f++)
			push(fa, json_num(q->fold_auc[f]), &bad);
		for (int g = 0; cal && lift && g < VALIDATE_BINS; g++) {
			json_object *c = json_object_new_object(), *l = json_object_new_object();
			if (!c || !l) {
				json_object_put(c);
				json_object_put(l);
				bad = 1;
				break;
			}
			put(c, "decile", json_object_new_int(g + 1), &bad);
			put(c, "n", json_num(q->calib[g].n), &bad);
			put(c, "mean_predicted", json_num(q->calib[g].mean_pred), &bad);
			put(c, "observed_rate", json_num(q->calib[g].obs_rate), &bad);
			push(cal, c, &bad);
			put(l, "decile", json_object_new_int(g + 1), &bad);
			put(l, "n", json_num(q->lift[g].n), &bad);
			put(l, "events", json_num(q->lift[g].events), &bad);
			put(l, "rate", json_num(q->lift[g].rate), &bad);
			put(l, "lift", json_num(q->lift[g].lift), &bad);
			put(l, "cum_gain", json_num(q->lift[g].cum_gain), &bad);
			put(l, "cum_lift", json_num(q->lift[g].cum_lift), &bad);
			push(lift, l, &bad);
		}
		put(m, "folds", json_object_new_int(q->folds), &bad);
		put(m, "fold_auc", fa, &bad);
		if (q->deciles_left_out) {  /* --push-down: not computed */
			json_object_put(cal);
			json_object_put(lift);
			cal = lift = NULL;
		}
		put(m, "calibration", cal, &bad);
		put(m, "lift", lift, &bad);
		put(m, "cv_calibration", q->have_cv_calib ? calib_array(q->cv_calib, &bad) : NULL,
		    &bad);
	}
	if (bad) {
		json_object_put(m);
		return NULL;
	}
	return m;
}

json_object *model_json_cox(const design *d, const cox_result *r)
{
	int bad = 0;
	json_object *m = json_object_new_object();
	if (m == NULL)
		return NULL;
	put(m, "ties", json_object_new_string(r->ties == COX_EFRON ? "efron" : "breslow"), &bad);
	put(m, "n", json_object_new_int64((int64_t)r->n), &bad);
	put(m, "events", json_object_new_int64((int64_t)r->events), &bad);
	put(m, "weighted_events", json_num(r->wevents), &bad);
	put(m, "rows_missing", json_object_new_int64((int64_t)d->rows_missing), &bad);
	put(m, "converged", json_object_new_boolean(r->converged), &bad);
	put(m, "iterations", json_object_new_int(r->iterations), &bad);
	put(m, "coefficients", coef_array(d, &r->coefs, &bad), &bad);
	put(m, "term_tests", term_tests(d, &r->coefs, r->cov, &bad), &bad);
	put(m, "reference_levels", reference_levels(d, &bad), &bad);
	put(m, "aliased", aliased_terms(d, r->coefs.aliased, &bad), &bad);
	put(m, "constant_terms", constant_terms(d, &bad), &bad);
	put(m, "conf_level", json_num(r->coefs.conf_level), &bad);
	put(m, "loglik", json_num(r->loglik), &bad);
	put(m, "loglik_null", json_num(r->loglik_null), &bad);
	put(m, "df", json_object_new_int64((int64_t)r->rank), &bad);
	put(m, "lr_test", json_num(r->lr_test), &bad);
	put(m, "lr_p", json_num(r->lr_p), &bad);
	put(m, "wald_test", json_num(r->wald_test), &bad);
	put(m, "wald_p", json_num(r->wald_p), &bad);
	put(m, "score_test", json_num(r->score_test), &bad);
	put(m, "score_p", json_num(r->score_p), &bad);
	put(m, "concordance", json_num(r->concordance), &bad);
	put(m, "infinite", aliased_terms(d, r->infinite, &bad), &bad);
	put(m, "any_infinite", json_object_new_boolean(r->ninfinite > 0 || r->any_infinite), &bad);
	if (bad) {
		json_object_put(m);
		return NULL;
	}
	return m;
}

json_object *model_json_cox_zph(const design *d, const cox_zph_result *z)
{
	json_object *o = json_object_new_object(), *terms = json_object_new_array();
	json_object *g = json_object_new_object();
	if (o == NULL || terms == NULL || g == NULL) {
		json_object_put(o);
		json_object_put(terms);
		json_object_put(g);
		return NULL;
	}
	json_object_object_add(o, "transform", json_object_new_string("km"));
	for (size_t k = 0; k < z->nterms; k++) {
		if (z->df[k] == 0)
			continue;
		json_object *t = json_object_new_object();
		json_object_object_add(t, "term", json_object_new_string(d->terms[k].name));
		json_object_object_add(t, "chisq", json_num(z->chisq[k]));
		json_object_object_add(t, "df", json_object_new_int64((int64_t)z->df[k]));
		json_object_object_add(t, "p", json_num(z->p[k]));
		json_object_array_add(terms, t);
	}
	json_object_object_add(o, "terms", terms);
	json_object_object_add(g, "chisq", json_num(z->global_chisq));
	json_object_object_add(g, "df", json_object_new_int64((int64_t)z->global_df));
	json_object_object_add(g, "p", json_num(z->global_p));
	json_object_object_add(o, "global", g);
	return o;
}
