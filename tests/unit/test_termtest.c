/* test_termtest.c - the Wald test of a term as a whole (termtest.h) on
 * coefficient tables whose answer is known in closed form: with a diagonal
 * covariance the statistic is the sum of the squared z values; a 2 x 2
 * covariance inverts by hand; the chi-square tail has a closed form for
 * 1, 2 and 3 degrees of freedom.  R's numbers on fitted models are checked
 * by tests/cli/termtest.sh. */
#include "churnkit/coeftab.h"
#include "churnkit/design.h"
#include "churnkit/termtest.h"
#include "tap.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#define PI 3.14159265358979323846

/* A design of one term of ncols columns (the table's rows 0..ncols-1). */
static void one_term(design *d, design_term *t, size_t ncols)
{
	memset(d, 0, sizeof *d);
	memset(t, 0, sizeof *t);
	t->name = "segment";
	t->column = "segment";
	t->categorical = 1;
	t->first_col = 0;
	t->ncols = ncols;
	d->ncols = ncols;
	d->nterms = 1;
	d->terms = t;
}

/* Fills table t (p rows) with estimates b and the covariance cov. */
static void fill(coeftab *t, size_t p, const double *b, const double *cov)
{
	coeftab_init(t, p, COEFTAB_ODDS, 0.95);
	for (size_t j = 0; j < p; j++)
		coeftab_set(t, j, b[j], sqrt(cov[j * p + j]));
}

int main(void)
{
	design d;
	design_term dt;
	coeftab t;
	term_test r;
	churn_err err = {0};

	gsl_set_error_handler_off();

	/* Diagonal: z = 2 and -2, chisq 8 on 2 df, p = exp(-4). */
	one_term(&d, &dt, 2);
	double b2[] = {1, -2}, v2[] = {0.25, 0, 0, 1};
	fill(&t, 2, b2, v2);
	is_int(term_test_wald(&d, 0, &t, v2, &r, &err), CHURN_OK, "diagonal: computed");
	is_double_rel(r.chisq, 8, 1e-14, "diagonal: chisq is the sum of z^2 (8)");
	is_int((long long)r.df, 2, "diagonal: 2 df");
	is_double_rel(r.p, exp(-4.0), 1e-12, "diagonal: p = exp(-chisq / 2) on 2 df");
	ok(term_test_joint(&d, 0), "a term of two columns is tested jointly");
	coeftab_clear(&t);

	/* Correlated: V = [2 1; 1 2], b = (1, 1): b'V^-1 b = 2/3. */
	double c2[] = {2, 1, 1, 2}, bb[] = {1, 1};
	fill(&t, 2, bb, c2);
	term_test_wald(&d, 0, &t, c2, &r, &err);
	is_double_rel(r.chisq, 2.0 / 3, 1e-14, "correlated: chisq = b'V^-1 b = 2/3, "
	              "below the sum of z^2 (1)");
	is_double_rel(r.p, exp(-1.0 / 3), 1e-12, "correlated: p = exp(-1/3)");
	coeftab_clear(&t);

	/* Not positive definite: no test. */
	double s2[] = {1, 1, 1, 1};
	fill(&t, 2, bb, s2);
	term_test_wald(&d, 0, &t, s2, &r, &err);
	ok(isnan(r.chisq) && isnan(r.p) && r.df == 2,
	   "singular covariance: chisq and p NaN, df still the columns");
	coeftab_clear(&t);

	/* Three columns, the middle one aliased (NaN): left out, 2 df, as the
	 * diagonal case. */
	one_term(&d, &dt, 3);
	double b3[] = {1, NAN, -2}, v3[] = {0.25, NAN, 0, NAN, NAN, NAN, 0, NAN, 1};
	coeftab_init(&t, 3, COEFTAB_ODDS, 0.95);
	coeftab_set(&t, 0, b3[0], 0.5);
	coeftab_set(&t, 2, b3[2], 1);
	t.aliased[1] = 1;
	term_test_wald(&d, 0, &t, v3, &r, &err);
	is_int((long long)r.df, 2, "aliased column: left out of the df");
	is_double_rel(r.chisq, 8, 1e-14, "aliased column: left out of the statistic");
	coeftab_clear(&t);

	/* Three estimable columns, diagonal: chisq x = 1 + 4 + 0.25 on 3 df,
	 * Q(x; 3) = 2 Phi(-sqrt x) + sqrt(2 x / pi) exp(-x / 2). */
	double b4[] = {1, 2, -0.5}, v4[] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
	fill(&t, 3, b4, v4);
	term_test_wald(&d, 0, &t, v4, &r, &err);
	double x = 5.25;
	is_double_rel(r.p, erfc(sqrt(x / 2)) + sqrt(2 * x / PI) * exp(-x / 2), 1e-12,
	              "3 df: p is the chi-square tail in closed form");
	/* A non-finite estimate: no test. */
	t.coef[1] = INFINITY;
	term_test_wald(&d, 0, &t, v4, &r, &err);
	ok(isnan(r.chisq) && isnan(r.p), "an infinite estimate: chisq and p NaN");
	coeftab_clear(&t);

	/* One column: z^2 on 1 df, the p of its Wald row. */
	one_term(&d, &dt, 1);
	double b1[] = {0.7}, v1[] = {0.09};
	fill(&t, 1, b1, v1);
	term_test_wald(&d, 0, &t, v1, &r, &err);
	is_double_rel(r.chisq, 0.49 / 0.09, 1e-14, "one column: chisq = z^2");
	is_double_rel(r.p, t.pval[0], 1e-12, "one column: p is the Wald row's p");
	ok(!term_test_joint(&d, 0), "a term of one column is not reported jointly");
	coeftab_clear(&t);

	/* Every column aliased: df 0, no test. */
	one_term(&d, &dt, 2);
	double vn[] = {NAN, NAN, NAN, NAN};
	coeftab_init(&t, 2, COEFTAB_ODDS, 0.95);
	t.aliased[0] = t.aliased[1] = 1;
	term_test_wald(&d, 0, &t, vn, &r, &err);
	ok(r.df == 0 && isnan(r.chisq) && isnan(r.p), "every column aliased: df 0, no test");
	coeftab_clear(&t);
	return done_testing();
}
