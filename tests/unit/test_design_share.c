/* test_design_share.c - a design that views the columns of another
 * (design_spec's share, design.h "Sharing"): when its rows are the other's
 * and its columns a run of the other's with the same meaning, X is a view
 * of that run, with the values, names, aliasing and rows of its own build,
 * and a Cox fit on it is the same bits as on its own build (the stratified
 * refit of model_run_cox.c); in every other case (other rows, a level the
 * rows lack, another reference, columns not in a run) it is its own build.
 * And design_row_levels, the level of each design row read from the table,
 * against the level its dummies in X stand for. */
#include "churnkit/cox.h"
#include "churnkit/design.h"
#include "fixture.h"
#include "model/design_internal.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#define FX "tests/fixtures/model/"

/* Whether d is what design_build makes of spec without sharing: the same
 * columns (names, kinds, aliasing), rows, counts and values, bit for bit. */
static int same_as_own(const table *t, const design_spec *spec, const design *d)
{
	design_spec own = *spec;
	design *o = NULL;
	churn_err err;
	own.share = NULL;
	if (design_build(t, &own, &o, &err) != CHURN_OK) {
		diag("own build: %s", err.msg);
		return 0;
	}
	int good = o->ncols == d->ncols && o->nrows == d->nrows && o->naliased == d->naliased &&
	           o->rows_masked == d->rows_masked && o->rows_missing == d->rows_missing &&
	           o->X->size2 == d->X->size2;
	for (size_t j = 0; good && j < o->ncols; j++)
		good = strcmp(o->cols[j].name, d->cols[j].name) == 0 &&
		       o->cols[j].kind == d->cols[j].kind && o->cols[j].aliased == d->cols[j].aliased;
	for (size_t i = 0; good && i < o->nrows; i++) {
		good = o->row[i] == d->row[i];
		for (size_t j = 0; good && j < o->ncols; j++) {
			double a = gsl_matrix_get(o->X, i, j), b = gsl_matrix_get(d->X, i, j);
			good = memcmp(&a, &b, sizeof a) == 0;
		}
	}
	design_free(o);
	return good;
}

/* Whether d's X views s's block (does not own its own). */
static int views(const design *d, const design *s)
{
	return d->X->owner == 0 && d->X->block == s->X->block;
}

/* The rows of design s as a row mask over t. */
static unsigned char *mask_of(const table *t, const design *s)
{
	unsigned char *m = calloc(t->nrows, 1);
	for (size_t i = 0; i < s->nrows; i++)
		m[s->row[i]] = 1;
	return m;
}

/* Cox fits on a and b (same rows, same columns) give the same bits. */
static int same_cox(const table *t, const design *a, const design *b)
{
	const double *dur = table_find(t, "duration")->num, *ev = table_find(t, "event")->num;
	size_t n = a->nrows;
	double *time = malloc(n * sizeof *time), *status = malloc(n * sizeof *status);
	design_take(a, dur, time);
	design_take(a, ev, status);
	cox_opts o;
	cox_opts_init(&o);
	cox_result *ra = NULL, *rb = NULL;
	churn_err err;
	cox_data cd = {.X = a->X, .time = time, .status = status};
	int good = cox_fit(&cd, &o, &ra, &err) == CHURN_OK;
	cd.X = b->X;
	good = good && cox_fit(&cd, &o, &rb, &err) == CHURN_OK;
	good = good && ra->coefs.p == rb->coefs.p && ra->iterations == rb->iterations &&
	       memcmp(&ra->loglik, &rb->loglik, sizeof ra->loglik) == 0;
	for (size_t j = 0; good && j < ra->coefs.p; j++)
		good = memcmp(&ra->coefs.coef[j], &rb->coefs.coef[j], sizeof(double)) == 0 &&
		       memcmp(&ra->coefs.se[j], &rb->coefs.se[j], sizeof(double)) == 0;
	cox_result_free(ra);
	cox_result_free(rb);
	free(time);
	free(status);
	return good;
}

static void test_cox_refit(void)
{
	table *t = fx_table(FX "churn.data.csv", NULL, 0);
	static const char *const all[] = {"plan", "contract", "channel", "log(mrr)", "tickets"};
	design_spec spec = {.terms = all, .nterms = 5};
	design *dc = NULL, *dr = NULL;
	churn_err err;
	is_int(design_build(t, &spec, &dc, &err), CHURN_OK, "cox: the plain design builds");
	unsigned char *mask = mask_of(t, dc);

	/* plan and contract become strata: the rest is a run of dc's columns */
	spec = (design_spec){.terms = all + 2, .nterms = 3, .row_mask = mask, .share = dc};
	is_int(design_build(t, &spec, &dr, &err), CHURN_OK, "refit: the design builds");
	ok(views(dr, dc), "refit: X views the plain design's columns (no copy)");
	is_int((long long)dr->X->tda, (long long)dc->ncols, "refit: ... with the plain design's stride");
	ok(same_as_own(t, &spec, dr), "refit: names, rows, aliasing and values of its own build");
	ok(same_cox(t, dr, dr) && dr->X->owner == 0, "refit: a Cox fit on the view runs");
	design *own = NULL;
	design_spec os = spec;
	os.share = NULL;
	design_build(t, &os, &own, &err);
	ok(same_cox(t, dr, own), "refit: the Cox fit on the view is its own build's, bit for bit");
	design_free(own);
	design_free(dr);

	/* plan and channel become strata: contract and log(mrr) are not a run */
	static const char *const gap[] = {"contract", "log(mrr)", "tickets"};
	spec.terms = gap;
	design_build(t, &spec, &dr, &err);
	ok(dr->X->owner == 1, "gap: columns not in a run of the shared design are built");
	ok(same_as_own(t, &spec, dr), "gap: ... as without sharing");
	design_free(dr);

	/* another reference level: the dummies mean other things */
	static const char *const ref[] = {"channel=web"};
	spec = (design_spec){.terms = all + 2, .nterms = 3, .row_mask = mask, .share = dc,
	                     .references = ref, .nreferences = 1};
	design_build(t, &spec, &dr, &err);
	ok(dr->X->owner == 1, "reference: another reference level is built, not viewed");
	ok(same_as_own(t, &spec, dr), "reference: ... as without sharing");
	design_free(dr);

	/* fewer rows, one of them without a level: never a view */
	size_t dropped = 0;
	const table_col *ch = table_find(t, "channel");
	unsigned char *few = calloc(t->nrows, 1);
	for (size_t i = 0; i < t->nrows; i++) {
		const char *lv = ch->codes[i] == TABLE_CODE_NA ? "" : ch->levels[ch->codes[i]];
		few[i] = mask[i] && strcmp(lv, "sales") != 0;
		dropped += mask[i] && !few[i];
	}
	ok(dropped > 0, "subset: %zu rows of channel=sales left out", dropped);
	spec = (design_spec){.terms = all + 2, .nterms = 3, .row_mask = few, .share = dc};
	is_int(design_build(t, &spec, &dr, &err), CHURN_OK, "subset: the design builds");
	ok(dr->X->owner == 1 && design_col_index(dr, "channel=sales") < 0,
	   "subset: a level the rows lack has no column, and X is its own");
	ok(same_as_own(t, &spec, dr), "subset: ... as without sharing");
	design_free(dr);
	free(few);
	free(mask);
	design_free(dc);
	table_free(t);
}

static void test_intercept_impute(void)
{
	table *t = fx_table(FX "churn.data.csv", NULL, 0);
	static const char *const all[] = {"plan", "nps", "contract", "logins_30d"};
	design_spec spec = {.terms = all, .nterms = 4, .intercept = 1, .impute = 1};
	design *dl = NULL, *dr = NULL;
	churn_err err;
	is_int(design_build(t, &spec, &dl, &err), CHURN_OK, "impute: the design builds");
	ok(dl->terms[1].has_missing_col, "impute: nps has missing values and its indicator");
	unsigned char *mask = mask_of(t, dl);
	spec = (design_spec){.terms = all, .nterms = 2, .intercept = 1, .impute = 1,
	                     .row_mask = mask, .share = dl};
	is_int(design_build(t, &spec, &dr, &err), CHURN_OK, "impute: the shorter design builds");
	ok(views(dr, dl), "impute: the intercept, plan and nps with its indicator are viewed");
	ok(same_as_own(t, &spec, dr), "impute: ... with the same medians and values as built");
	design_free(dr);

	/* the same terms without imputation over the same rows: other rows */
	spec.impute = 0;
	design_build(t, &spec, &dr, &err);
	ok(dr->X->owner == 1, "impute: without imputation the rows differ and X is built");
	design_free(dr);
	free(mask);
	design_free(dl);
	table_free(t);
}

/* Whether design_row_levels gives, for every row and categorical term
 * of d, the level whose dummy is 1 in X (0, the reference, when none is). */
static int levels_as_x(const table *t, const design *d)
{
	uint32_t *lv = malloc(d->nrows * sizeof *lv);
	churn_err err;
	int good = 1, terms = 0;
	for (size_t k = 0; k < d->nterms && good; k++) {
		const design_term *tm = &d->terms[k];
		if (!tm->categorical)
			continue;
		terms++;
		good = design_row_levels(d, t, k, lv, &err) == CHURN_OK;
		for (size_t r = 0; good && r < d->nrows; r++) {
			size_t want = 0;
			for (size_t j = tm->first_col; j < tm->first_col + tm->ncols; j++)
				if (gsl_matrix_get(d->X, r, j) == 1)
					want = d->cols[j].level;
			good = lv[r] == want;
		}
	}
	free(lv);
	return good && terms > 0;
}

static void test_row_levels(void)
{
	table *t = fx_table(FX "churn.data.csv", NULL, 0);
	static const char *const terms[] = {"plan", "tickets", "channel", "contract"};
	static const char *const cats[] = {"tickets"};
	static const char *const refs[] = {"plan=pro"};
	design_spec spec = {.terms = terms, .nterms = 4, .categorical = cats, .ncategorical = 1,
	                    .references = refs, .nreferences = 1};
	design *d = NULL;
	churn_err err;
	design_build(t, &spec, &d, &err);
	ok(levels_as_x(t, d), "row levels: text and numeric levels, a given reference, as X says");
	design_free(d);
	spec.impute = 1;
	design_build(t, &spec, &d, &err);
	ok(d->terms[2].missing_level, "row levels: channel has its (missing) level under impute");
	ok(levels_as_x(t, d), "row levels: the (missing) level as X says");
	design_free(d);
	static const char *const num[] = {"mrr"};
	spec = (design_spec){.terms = num, .nterms = 1};
	design_build(t, &spec, &d, &err);
	is_int(design_row_levels(d, t, 0, NULL, &err), CHURN_EUSAGE,
	       "row levels: a numeric term has none");
	design_free(d);
	table_free(t);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_cox_refit();
	test_intercept_impute();
	test_row_levels();
	return done_testing();
}
