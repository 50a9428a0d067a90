/* test_firth.c - Firth's penalised logistic regression against brglm2
 * (R), against the published estimates for the endometrial data (Heinze and
 * Schemper 2002, Table 3) and against an independent maximisation of
 * l(b) + log det I(b) / 2 with GSL's Nelder-Mead simplex. */
#include "churnkit/design.h"
#include "churnkit/firth.h"
#include "churnkit/logit.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>

#define FX "tests/fixtures/model/"

typedef struct {
	const gsl_matrix *X;
	const double *y, *w;
} pen_data;

/* -(l(b) + log det(X'WX) / 2), computed directly on the original scale. */
static double neg_penalised(const gsl_vector *b, void *params)
{
	const pen_data *pd = params;
	size_t n = pd->X->size1, p = pd->X->size2;
	gsl_matrix *I = gsl_matrix_calloc(p, p);
	double l = 0;
	for (size_t i = 0; i < n; i++) {
		gsl_vector_const_view x = gsl_matrix_const_row(pd->X, i);
		double eta, wi = pd->w ? pd->w[i] : 1;
		if (gsl_blas_ddot(&x.vector, b, &eta) != GSL_SUCCESS || !isfinite(eta))
			eta = 0;
		double mu = 1 / (1 + exp(-eta));
		l += wi * (pd->y[i] * log(mu) + (1 - pd->y[i]) * log(1 - mu));
		gsl_blas_dsyr(CblasLower, wi * mu * (1 - mu), &x.vector, I);
	}
	double r = 1e300;  /* finite: the simplex rejects infinities */
	if (gsl_linalg_cholesky_decomp1(I) == GSL_SUCCESS) {
		double logdet = 0;
		for (size_t j = 0; j < p; j++)
			logdet += 2 * log(gsl_matrix_get(I, j, j));
		r = -(l + logdet / 2);
	}
	gsl_matrix_free(I);
	return r;
}

/* Nelder-Mead from b = 0, restarted from its own answer with smaller
 * steps until the simplex is tiny. */
static void maximise(const pen_data *pd, double *b)
{
	size_t p = pd->X->size2;
	gsl_multimin_function f = {neg_penalised, p, (void *)pd};
	gsl_vector *x = gsl_vector_calloc(p), *step = gsl_vector_alloc(p);
	double s = 1;
	for (int round = 0; round < 4; round++, s /= 100) {
		gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, p);
		gsl_vector_set_all(step, s);
		int st = gsl_multimin_fminimizer_set(m, &f, x, step);
		for (int it = 0; st == GSL_SUCCESS && it < 50000; it++) {
			if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS)
				break;
			if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), 1e-12) == GSL_SUCCESS)
				break;
		}
		gsl_vector_memcpy(x, gsl_multimin_fminimizer_x(m));
		gsl_multimin_fminimizer_free(m);
	}
	for (size_t j = 0; j < p; j++)
		b[j] = gsl_vector_get(x, j);
	gsl_vector_free(x);
	gsl_vector_free(step);
}

static design *load(const char *file, const char *const *terms, size_t nt, const char *yname,
                    const char *wname, table **tp, double **y, double **w)
{
	table *t = fx_table(file, NULL, 0);
	design_spec spec = {.terms = terms, .nterms = nt, .intercept = 1};
	design *d = NULL;
	churn_err err;
	if (design_build(t, &spec, &d, &err) != CHURN_OK) {
		printf("Bail out! %s\n", err.msg);
		exit(1);
	}
	*y = malloc(d->nrows * sizeof **y);
	design_take(d, table_find(t, yname)->num, *y);
	*w = NULL;
	if (wname) {
		*w = malloc(d->nrows * sizeof **w);
		design_take(d, table_find(t, wname)->num, *w);
	}
	*tp = t;
	return d;
}

static void check_case(const char *label, const char *data, const char *const *terms, size_t nt,
                       const char *yname, const char *wname, const char *coef)
{
	table *t;
	double *y, *w;
	design *d = load(data, terms, nt, yname, wname, &t, &y, &w);
	logit_data ld = {.X = d->X, .y = y, .w = w, .intercept = 1};
	logit_result *r = NULL;
	churn_err err;
	is_int(firth_fit(&ld, NULL, &r, &err), CHURN_OK, "%s: Firth fit succeeds", label);
	ok(r->firth && r->converged, "%s: converged, marked as Firth", label);
	char **names = malloc(d->ncols * sizeof *names);
	for (size_t j = 0; j < d->ncols; j++)
		names[j] = d->cols[j].name;
	fx_check_coefs(label, coef, names, d->ncols, r->coefs.coef, r->coefs.se, r->coefs.z,
	               r->coefs.pval, r->coefs.aliased, 1e-6);
	free(names);

	/* independent maximisation */
	pen_data pd = {d->X, y, w};
	double *b = malloc(d->ncols * sizeof *b);
	maximise(&pd, b);
	int agree = 1;
	for (size_t j = 0; j < d->ncols; j++) {
		agree &= fabs(b[j] - r->coefs.coef[j]) <= 1e-5 * (1 + fabs(b[j]));
		if (fabs(b[j] - r->coefs.coef[j]) > 1e-5 * (1 + fabs(b[j])))
			diag("%s: simplex %.10g, firth_fit %.10g", d->cols[j].name, b[j],
			     r->coefs.coef[j]);
	}
	ok(agree, "%s: estimates maximise l(b) + log det I(b)/2 (Nelder-Mead agrees within 1e-5)",
	   label);
	gsl_vector_view bv = gsl_vector_view_array(r->coefs.coef, d->ncols);
	is_double_rel(-neg_penalised(&bv.vector, &pd), r->penalized_loglik, 1e-10,
	              "%s: the penalised log-likelihood reported is l + log det I / 2", label);
	gsl_vector_view sv = gsl_vector_view_array(b, d->ncols);
	ok(-neg_penalised(&bv.vector, &pd) >= -neg_penalised(&sv.vector, &pd) - 1e-9,
	   "%s: the simplex finds no better point", label);
	free(b);
	logit_result_free(r);
	design_free(d);
	free(y);
	free(w);
	table_free(t);
}

int main(void)
{
	gsl_set_error_handler_off();
	static const char *const et[] = {"NV", "PI", "EH"};
	static const char *const st[] = {"x", "z"};
	check_case("endometrial", FX "endometrial.data.csv", et, 3, "HG", NULL,
	           FX "endometrial_firth.coef.csv");
	check_case("complete separation", FX "sepcomplete.data.csv", st, 2, "y", NULL,
	           FX "sepcomplete_firth.coef.csv");
	check_case("complete separation, weighted", FX "sepcomplete.data.csv", st, 2, "y", "w",
	           FX "sepcomplete_firthw.coef.csv");

	/* Two rows, two columns: a saturated fit (every leverage 1).  brglm2
	 * converges; stepping with I(b) alone flipped around the estimate for
	 * all FIRTH_MAXIT iterations and reported no convergence. */
	{
		static const char *const xt[] = {"x"};
		table *t2;
		double *y2, *w2;
		design *d2 = load("tests/data/model/two2.csv", xt, 1, "churned", NULL, &t2, &y2, &w2);
		logit_data l2 = {.X = d2->X, .y = y2, .intercept = 1};
		logit_result *r2 = NULL;
		churn_err e2;
		is_int(firth_fit(&l2, NULL, &r2, &e2), CHURN_OK, "two rows: Firth fit succeeds");
		ok(r2->converged && r2->iterations < FIRTH_MAXIT,
		   "two rows: converged before the iteration limit (%d iterations)", r2->iterations);
		char *names2[2] = {d2->cols[0].name, d2->cols[1].name};
		fx_check_coefs("two rows", FX "two2_firth.coef.csv", names2, 2, r2->coefs.coef,
		               r2->coefs.se, r2->coefs.z, r2->coefs.pval, r2->coefs.aliased, 1e-6);
		logit_result_free(r2);
		design_free(d2);
		free(y2);
		table_free(t2);
	}

	/* Heinze and Schemper (2002), Table 3: Firth's estimates for the
	 * endometrial data, as printed (NV 2.93, PI -0.03, EH -2.60) */
	table *t;
	double *y, *w;
	design *d = load(FX "endometrial.data.csv", et, 3, "HG", NULL, &t, &y, &w);
	logit_data ld = {.X = d->X, .y = y, .intercept = 1};
	logit_result *r = NULL;
	churn_err err;
	logit_fit(&ld, NULL, &r, &err);
	ok(r->firth && r->firth_auto, "endometrial: logit_fit falls back to Firth by itself");
	is_double_abs(r->coefs.coef[1], 2.93, 0.005, "published: NV 2.93");
	is_double_abs(r->coefs.coef[2], -0.03, 0.005, "published: PI -0.03");
	is_double_abs(r->coefs.coef[3], -2.60, 0.005, "published: EH -2.60");
	fx_csv *s = fx_csv_read(FX "endometrial_firth.stats.csv");
	is_double_rel(r->deviance, fx_stat(s, "deviance"), 1e-8,
	              "endometrial: deviance -2 l(b) at the Firth estimate as R");
	fx_csv_free(s);
	logit_result_free(r);
	design_free(d);
	free(y);
	table_free(t);
	return done_testing();
}
