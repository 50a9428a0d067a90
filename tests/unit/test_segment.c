/* test_segment.c - value x risk segments: tiers and cell sums against R
 * (tests/fixtures/segment/make_fixtures.R), hand-computed cells, the
 * incentive rule at its boundary, drivers through a design, and the edge
 * cases (no value column, missing values, one customer, one cell, none). */
#include "churnkit/segment.h"
#include "fixture.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-12
#define MAXN 128

/* ---- helpers ------------------------------------------------------------- */

/* A scores list of n customers: table row rows[k], probability p[k] (NaN:
 * not scored), driver term drv[k] (NULL: -1).  Free with free_scores. */
static scores *make_scores(size_t n, const size_t *rows, const double *p, const long *drv)
{
	scores *s = calloc(1, sizeof *s);
	s->rows = calloc(n ? n : 1, sizeof *s->rows);
	s->n = n;
	for (size_t k = 0; k < n; k++) {
		score_entry *e = &s->rows[k];
		e->row = rows ? rows[k] : k;
		e->s.prob = p[k];
		e->s.driver = drv ? drv[k] : -1;
		e->s.status = isnan(p[k]) ? DESIGN_ROW_MISSING : DESIGN_ROW_OK;
		e->band = score_band_of(p[k]);
		s->nband[e->band]++;
	}
	return s;
}

static void free_scores(scores *s)
{
	if (s != NULL)
		free(s->rows);
	free(s);
}

static segment_value value_named(const char *s)
{
	for (int v = 0; v < SEGMENT_NVALUE; v++)
		if (strcmp(s, segment_value_name((segment_value)v)) == 0)
			return (segment_value)v;
	return SEGMENT_NVALUE;
}

static score_band band_named(const char *s)
{
	if (strcmp(s, "none") == 0)
		return SCORE_BAND_NONE;
	for (int b = SCORE_BAND_LOW; b < SCORE_NBANDS; b++)
		if (strcmp(s, score_band_name((score_band)b)) == 0)
			return (score_band)b;
	return SCORE_NBANDS;
}

/* ---- against R ----------------------------------------------------------- */

static void test_quantiles_r(void)
{
	double x[MAXN];
	fx_csv *fx = fx_csv_read("tests/fixtures/segment/quantile_sets.csv");
	fx_csv *fy = fx_csv_read("tests/fixtures/segment/expected_quantiles.csv");

	if (!ok(fx->nrows > 0 && fy->nrows > 0 && fx->nrows <= MAXN, "quantile: R fixtures read")) {
		fx_csv_free(fx);
		fx_csv_free(fy);
		return;
	}
	for (size_t q = 0; q < fy->nrows; q++) {
		double set = fx_num(fy, q, "set");
		size_t m = 0;
		if (set == 0)
			continue;  /* the customers' values: test_customers_r */
		for (size_t i = 0; i < fx->nrows; i++)
			if (fx_num(fx, i, "set") == set)
				x[m++] = fx_num(fx, i, "x");
		/* sort by insertion: a different sort from the library's qsort */
		for (size_t i = 1; i < m; i++)
			for (size_t j = i; j > 0 && x[j - 1] > x[j]; j--) {
				double t = x[j];
				x[j] = x[j - 1];
				x[j - 1] = t;
			}
		is_double_rel(segment_quantile_sorted(x, m, fx_num(fy, q, "prob")), fx_num(fy, q, "q"),
		              1e-15, "quantile: set %g (n = %zu) p = %s matches R type 7", set, m,
		              fx_str(fy, q, "prob"));
	}
	ok(isnan(segment_quantile_sorted(x, 0, 0.5)), "quantile: no values -> NaN");
	fx_csv_free(fx);
	fx_csv_free(fy);
}

static void test_customers_r(void)
{
	double p[MAXN], value[MAXN];
	size_t rows[MAXN];
	fx_csv *fx = fx_csv_read("tests/fixtures/segment/customers.csv"), *fy;
	int n = (int)fx->nrows;
	segment_result *r = NULL;
	segment_opts o;
	churn_err err;
	scores *s;
	int bands_ok = 1;

	if (!ok(n > 0 && n <= MAXN, "segments R: customers fixture read")) {
		fx_csv_free(fx);
		return;
	}
	for (int i = 0; i < MAXN; i++)
		value[i] = -1e300;  /* rows the scores do not name must not be read */
	for (int k = 0; k < n; k++) {
		rows[k] = (size_t)fx_num(fx, (size_t)k, "row");
		p[k] = fx_num(fx, (size_t)k, "p");
		value[rows[k]] = fx_num(fx, (size_t)k, "value");
	}
	s = make_scores((size_t)n, rows, p, NULL);
	for (int k = 0; k < n; k++)
		bands_ok &= s->rows[k].band == band_named(fx_str(fx, (size_t)k, "band"));
	fx_csv_free(fx);
	ok(bands_ok, "segments R: score bands agree with R's cut points");
	segment_opts_init(&o);
	o.top_n = 12;
	if (!ok(segment_build(s, NULL, NULL, value, &o, &r, &err) == CHURN_OK, "segments R: builds")) {
		free_scores(s);
		return;
	}

	/* cut points */
	fy = fx_csv_read("tests/fixtures/segment/expected_quantiles.csv");
	for (size_t q = 0; q < fy->nrows; q++) {
		if (fx_num(fy, q, "set") != 0)
			continue;
		double want = fx_num(fy, q, "q");
		double got = fx_num(fy, q, "prob") == 0.5 ? r->q50 : r->q80;
		is_double_rel(got, want, 1e-15, "segments R: value cut point p = %s is R's %g",
		              fx_str(fy, q, "prob"), want);
	}
	fx_csv_free(fy);
	is_int(r->nvalue_unknown, 4, "segments R: four customers without a value");
	is_int(r->nvalue_known, (long long)n - 4, "segments R: the others have one");
	is_double_rel(r->incentive_p, 1.0 / 3, 1e-15, "segments R: incentive threshold is 1/3");

	/* per customer: tier, incentive, loss */
	fy = fx_csv_read("tests/fixtures/segment/expected_customers.csv");
	int nc = (int)fy->nrows;
	int tiers = 0, incs = 0, losses = 0, nqual = 0;
	for (int k = 0; k < nc && k < n; k++) {
		const segment_customer *c = &r->customers[k];
		size_t i = (size_t)k;
		double want = fx_num(fy, i, "loss");
		tiers += c->row == (size_t)fx_num(fy, i, "row") &&
		         c->value_tier == value_named(fx_str(fy, i, "value_tier"));
		incs += c->incentive == (int)fx_num(fy, i, "incentive");
		nqual += c->incentive;
		losses += isnan(want) ? isnan(c->expected_mrr_loss)
		                      : fabs(c->expected_mrr_loss - want) <= TOL * fabs(want);
	}
	fx_csv_free(fy);
	is_int(nc, n, "segments R: one expected line per customer");
	is_int(tiers, n, "segments R: every value tier as R's (ties at q80 go high)");
	is_int(incs, n, "segments R: every incentive decision as R's");
	ok(nqual > 0 && nqual < n, "segments R: some customers qualify, some do not (%d)", nqual);
	is_int(losses, n, "segments R: every expected MRR loss as R's");

	/* cells */
	fy = fx_csv_read("tests/fixtures/segment/expected_cells.csv");
	is_int((long long)fy->nrows, 16, "segments R: 16 cells expected");
	is_int(r->ncells, 16, "segments R: 4 value tiers x 4 risk tiers");
	for (size_t i = 0; i < fy->nrows; i++) {
		segment_value v = value_named(fx_str(fy, i, "value_tier"));
		score_band b = band_named(fx_str(fy, i, "risk"));
		const segment_cell *c = segment_cell_at(r, v, b);
		const char *nm = segment_label(v, b);
		if (!ok(c != NULL, "segments R: cell %s exists", nm))
			continue;
		is_int(c->customers, (long long)fx_num(fy, i, "customers"),
		       "segments R: %s customers", nm);
		is_double_rel(c->mrr, fx_num(fy, i, "mrr"), TOL, "segments R: %s MRR", nm);
		is_double_rel(c->expected_churners, fx_num(fy, i, "expected_churners"), TOL,
		              "segments R: %s expected churners", nm);
		is_double_rel(c->expected_mrr_loss, fx_num(fy, i, "expected_mrr_loss"), TOL,
		              "segments R: %s expected MRR loss", nm);
		is_double_rel(c->expected_revenue_loss, fx_num(fy, i, "expected_revenue_loss"), TOL,
		              "segments R: %s expected revenue loss over 12 months", nm);
		is_int(c->incentive_customers, (long long)fx_num(fy, i, "incentive_customers"),
		       "segments R: %s incentives", nm);
		is_double_rel(c->incentive_cost, fx_num(fy, i, "incentive_cost"), TOL,
		              "segments R: %s incentive cost", nm);
		is_double_rel(c->incentive_saving, fx_num(fy, i, "incentive_saving"), TOL,
		              "segments R: %s incentive saving", nm);
		is_double_abs(c->incentive_net, fx_num(fy, i, "incentive_net"), 1e-9,
		              "segments R: %s incentive net", nm);
	}
	fx_csv_free(fy);

	/* top 12, ties in row order */
	fy = fx_csv_read("tests/fixtures/segment/expected_top.csv");
	int nt = (int)fy->nrows;
	is_int(r->ntop, nt, "segments R: top list has %d accounts", nt);
	int top_ok = (int)r->ntop == nt;
	for (size_t j = 0; top_ok && j < r->ntop; j++)
		top_ok = r->customers[r->top[j]].row == (size_t)fx_num(fy, j, "row");
	ok(top_ok, "segments R: top accounts in R's order (loss, then row)");
	fx_csv_free(fy);

	segment_result_free(r);
	free_scores(s);
}

/* ---- hand-built example, sums by a different loop ------------------------ */

static void test_hand_cells(void)
{
	/* table rows 0..9; scores list in another order */
	static const size_t rows[10] = {3, 0, 7, 1, 9, 2, 5, 8, 4, 6};
	static const double p[10] = {0.9, 0.6, 0.45, 0.3, 0.1, 0.05, 0.55, NAN, 0.25, 0.7};
	/* value by table row: 0:40 1:250 2:40 3:100 4:80 5:20 6:NaN 7:10 8:500 9:60 */
	double value[10] = {40, 250, 40, 100, 80, 20, NAN, 10, 500, 60};
	/* p by row: 0:.6 1:.3 2:.05 3:.9 4:.25 5:.55 6:.7 7:.45 8:NaN 9:.1
	 * known sorted: 10 20 40 40 60 80 100 250 500 (n 9)
	 * q50: index 1 + 8 * .5 = 5 -> 60; q80: 1 + 8 * .8 = 7.4 -> 100 + .4 * 150 = 160 */
	double H = 6, e = 0.5, months = 2;  /* incentive when p > 2 / 3 */
	segment_opts o;
	segment_result *r = NULL;
	churn_err err;
	scores *s = make_scores(10, rows, p, NULL);
	static const segment_value vt[4] = {
		SEGMENT_VALUE_HIGH, SEGMENT_VALUE_MEDIUM, SEGMENT_VALUE_LOW, SEGMENT_VALUE_UNKNOWN
	};
	static const score_band bt[4] = {
		SCORE_BAND_HIGH, SCORE_BAND_MEDIUM, SCORE_BAND_LOW, SCORE_BAND_NONE
	};

	segment_opts_init(&o);
	o.horizon_months = H;
	o.offer_effect = e;
	o.incentive_months = months;
	if (!ok(segment_build(s, NULL, NULL, value, &o, &r, &err) == CHURN_OK, "hand: builds"))
		goto end;
	is_double_rel(r->q50, 60, 1e-15, "hand: median of the known values is 60");
	is_double_rel(r->q80, 160, 1e-14, "hand: 80th percentile interpolates to 160");
	is_double_rel(r->horizon_months, 6, 0, "hand: horizon 6 months used");

	/* Expected tiers by row: >= 160 high; < 60 low. */
	static const segment_value want_tier[10] = {
		SEGMENT_VALUE_LOW, SEGMENT_VALUE_HIGH, SEGMENT_VALUE_LOW, SEGMENT_VALUE_MEDIUM,
		SEGMENT_VALUE_MEDIUM, SEGMENT_VALUE_LOW, SEGMENT_VALUE_UNKNOWN, SEGMENT_VALUE_LOW,
		SEGMENT_VALUE_HIGH, SEGMENT_VALUE_MEDIUM
	};
	int tiers = 0;
	for (size_t k = 0; k < 10; k++)
		tiers += r->customers[k].value_tier == want_tier[rows[k]];
	is_int(tiers, 10, "hand: every customer in its value tier");

	/* For each cell, loop over the customers by table row and sum those in it. */
	for (int a = 0; a < 4; a++) {
		for (int b = 0; b < 4; b++) {
			size_t cnt = 0, ninc = 0;
			double mrr = 0, ch = 0, loss = 0, cost = 0, save = 0;
			for (size_t row = 0; row < 10; row++) {
				double pr = NAN;
				for (size_t k = 0; k < 10; k++)
					if (rows[k] == row)
						pr = p[k];
				if (want_tier[row] != vt[a] || score_band_of(pr) != bt[b])
					continue;
				cnt++;
				mrr += value[row];
				ch += pr;
				loss += pr * value[row];
				if (pr > months / (e * H) && value[row] > 0) {
					ninc++;
					cost += months * value[row];
					save += pr * e * value[row] * H;
				}
			}
			const segment_cell *c = segment_cell_at(r, vt[a], bt[b]);
			const char *nm = segment_label(vt[a], bt[b]);
			if (vt[a] == SEGMENT_VALUE_UNKNOWN)
				mrr = loss = NAN;
			if (bt[b] == SCORE_BAND_NONE)
				ch = loss = NAN;
			is_int(c->customers, cnt, "hand: %s has %zu customers", nm, cnt);
			is_double_rel(c->mrr, mrr, TOL, "hand: %s MRR %g", nm, mrr);
			is_double_rel(c->expected_churners, ch, TOL, "hand: %s expected churners", nm);
			is_double_rel(c->expected_mrr_loss, loss, TOL, "hand: %s expected MRR loss", nm);
			is_double_rel(c->expected_revenue_loss, loss * H, TOL,
			              "hand: %s expected revenue loss = H x MRR loss", nm);
			is_int(c->incentive_customers, ninc, "hand: %s incentives %zu", nm, ninc);
			is_double_rel(c->incentive_net, save - cost, TOL, "hand: %s incentive net", nm);
		}
	}
	/* Known by hand: row 3 (p .9, 100, medium/high): the only p > 2/3 with a
	 * value -> one incentive, net .9*.5*100*6 - 2*100 = 70. */
	is_int(r->total.incentive_customers, 1, "hand: one customer passes p > 2/3");
	is_double_rel(r->total.incentive_net, 70, TOL, "hand: its net expected value is 70");
	/* Row 6 (p .7, no value) would pass on p alone but cannot be priced. */
	ok(!r->customers[9].incentive, "hand: no incentive without a value");
	is_str(segment_customer_label(r, 9), "Value unknown / High risk",
	       "hand: a customer without a value has its own row");
	is_double_rel(r->total.mrr, 1100, TOL, "hand: total MRR over known values");
	is_int(r->total.customers, 10, "hand: total counts everyone");
	/* Top: losses by row: 3:90 0:24 7:4.5 1:75 9:6 2:2 5:11 4:20; row 8 not scored. */
	static const size_t want_top[8] = {3, 1, 0, 4, 5, 9, 7, 2};
	is_int(r->ntop, 8, "hand: eight priced, scored customers ranked");
	int top_ok = r->ntop == 8;
	for (size_t j = 0; top_ok && j < 8; j++)
		top_ok = r->customers[r->top[j]].row == want_top[j];
	ok(top_ok, "hand: top list by expected MRR loss");
end:
	segment_result_free(r);
	free_scores(s);
}

/* ---- incentive boundary --------------------------------------------------- */

static void test_incentive_boundary(void)
{
	double t = 1.0 / (0.25 * 12);
	double p[4] = {t + 1e-9, t - 1e-9, 0.9, 0.9};
	double value[4] = {100, 100, 0, 50};
	segment_result *r = NULL;
	segment_opts o;
	scores *s = make_scores(4, NULL, p, NULL);

	if (ok(segment_build(s, NULL, NULL, value, NULL, &r, NULL) == CHURN_OK,
	       "incentive: builds with default options")) {
		ok(r->customers[0].incentive, "incentive: p just above 1/(0.25 x 12) qualifies");
		ok(!r->customers[1].incentive, "incentive: p just below it does not");
		ok(!r->customers[2].incentive, "incentive: a customer of value 0 never qualifies");
		/* 50 is below the median 75 of {100, 100, 0, 50}: low value. */
		is_int(r->customers[3].value_tier, SEGMENT_VALUE_LOW, "incentive: value 50 is low value");
		ok(!r->customers[3].incentive,
		   "incentive: p 0.9 would pay at value 50, but low-value customers get none");
		is_double_rel(r->total.incentive_net, (t + 1e-9) * 0.25 * 100 * 12 - 100, 1e-12,
		              "incentive: net = saving - cost over the qualifying");
		ok(strstr(segment_customer_action(r, 0), "retention offer") != NULL &&
		   strstr(segment_customer_action(r, 1), "retention offer") == NULL,
		   "incentive: the action says so only for the qualifying");
	}
	segment_result_free(r);
	r = NULL;

	/* Other settings: H 24, effect 0.1, 3 months -> p > 1.25: nobody. */
	segment_opts_init(&o);
	o.horizon_months = 24;
	o.offer_effect = 0.1;
	o.incentive_months = 3;
	if (ok(segment_build(s, NULL, NULL, value, &o, &r, NULL) == CHURN_OK, "incentive: builds")) {
		is_double_rel(r->incentive_p, 1.25, 1e-15, "incentive: threshold 3 / (0.1 x 24)");
		is_int(r->total.incentive_customers, 0, "incentive: an offer that cannot pay is never made");
	}
	segment_result_free(r);
	r = NULL;
	/* Effect 0: nothing is saved; threshold infinite. */
	o.offer_effect = 0;
	if (ok(segment_build(s, NULL, NULL, value, &o, &r, NULL) == CHURN_OK, "incentive: effect 0")) {
		ok(isinf(r->incentive_p), "incentive: effect 0 -> threshold infinite");
		is_int(r->total.incentive_customers, 0, "incentive: effect 0 -> no offer");
	}
	segment_result_free(r);
	free_scores(s);
}

/* ---- drivers through a design ------------------------------------------- */

static void test_design_drivers(void)
{
	static char n0[] = "support_tickets_90d", n1[] = "log(logins_30d)", c1[] = "logins_30d";
	static char n2[] = "contract", n3[] = "industry";
	design_term terms[4] = {
		{ .name = n0, .column = n0 },
		{ .name = n1, .column = c1, .log = 1 },
		{ .name = n2, .column = n2, .categorical = 1 },
		{ .name = n3, .column = n3, .categorical = 1 },
	};
	design d = { .nterms = 4, .terms = terms };
	const char *contract[6] = {"month-to-month", "annual", "Monthly", NULL, "annual", "annual"};
	const char *industry[6] = {"travel", "travel", "health", "health", "travel", "retail"};
	table *t = table_new(6);
	/* rows 0..5: high/high with each driver */
	double p[6] = {0.9, 0.8, 0.7, 0.95, 0.6, 0.1};
	long drv[6] = {2, 2, 2, 0, 1, 2};
	double value[6] = {500, 500, 500, 500, 500, 1};
	segment_driver_map map[1] = { { "industry", SEGMENT_DRIVER_CONTACT } };
	scores *s = make_scores(6, NULL, p, drv);
	segment_result *r = NULL;
	segment_opts o;

	table_add_cat(t, "contract", contract);
	table_add_cat(t, "industry", industry);
	segment_opts_init(&o);
	if (ok(segment_build(s, &d, t, value, &o, &r, NULL) == CHURN_OK, "drivers: builds")) {
		is_int(r->customers[0].driver, SEGMENT_DRIVER_CONTRACT,
		       "drivers: contract=month-to-month -> contract");
		is_str(segment_customer_action(r, 0), "Personal call; offer a longer-term contract; "
		       "retention offer", "drivers: high value, high risk, monthly contract action");
		is_str(segment_customer_label(r, 0), "High value / High risk", "drivers: label");
		is_int(r->customers[1].driver, SEGMENT_DRIVER_NONE,
		       "drivers: contract=annual -> cell's lead only");
		is_int(r->customers[2].driver, SEGMENT_DRIVER_CONTRACT,
		       "drivers: contract=Monthly (case-insensitive) -> contract");
		is_int(r->customers[3].driver, SEGMENT_DRIVER_SERVICE,
		       "drivers: support_tickets_90d -> service");
		is_int(r->customers[4].driver, SEGMENT_DRIVER_USAGE, "drivers: log(logins_30d) -> usage");
		is_str(segment_customer_action(r, 5), "Low-touch; referral programme",
		       "drivers: a low-risk customer gets the cell's action, not the driver's");
	}
	segment_result_free(r);
	r = NULL;
	/* Override: industry -> contact; a missing contract level is no month. */
	s->rows[0].s.driver = 3;
	s->rows[3].s.driver = 2;
	o.drivers = map;
	o.ndrivers = 1;
	if (ok(segment_build(s, &d, t, value, &o, &r, NULL) == CHURN_OK, "drivers: override builds")) {
		is_int(r->customers[0].driver, SEGMENT_DRIVER_CONTACT,
		       "drivers: the caller's industry -> contact overrides the keywords");
		is_int(r->customers[3].driver, SEGMENT_DRIVER_NONE,
		       "drivers: a missing contract level is not a monthly contract");
	}
	segment_result_free(r);
	r = NULL;
	/* Without the table the level is unknown: no contract kind. */
	s->rows[0].s.driver = 2;
	if (ok(segment_build(s, &d, NULL, value, NULL, &r, NULL) == CHURN_OK, "drivers: no table")) {
		is_int(r->customers[0].driver, SEGMENT_DRIVER_NONE,
		       "drivers: no table -> no level -> no contract kind");
		is_int(r->customers[3].driver, SEGMENT_DRIVER_NONE, "drivers: nor for row 3");
	}
	segment_result_free(r);
	table_free(t);
	free_scores(s);
}

/* ---- edge cases -------------------------------------------------------- */

static void test_no_value_column(void)
{
	double p[5] = {0.3, 0.7, 0.7, NAN, 0.1};
	scores *s = make_scores(5, NULL, p, NULL);
	segment_result *r = NULL;
	churn_err err;

	if (!ok(segment_build(s, NULL, NULL, NULL, NULL, &r, &err) == CHURN_OK,
	        "no value: builds"))
		goto end;
	ok(!r->has_value, "no value: has_value 0");
	is_int(r->nvalue_tiers, 1, "no value: one value tier");
	is_int(r->value_tiers[0], SEGMENT_VALUE_ALL, "no value: the tier is \"all\"");
	is_int(r->ncells, 4, "no value: four cells (three bands and not scored)");
	const segment_cell *c = segment_cell_at(r, SEGMENT_VALUE_ALL, SCORE_BAND_HIGH);
	is_int(c->customers, 2, "no value: two high-risk customers");
	ok(isnan(c->mrr) && isnan(c->expected_mrr_loss) && isnan(c->expected_revenue_loss),
	   "no value: revenue and losses unknown (NaN), not 0");
	is_double_rel(c->expected_churners, 1.4, TOL, "no value: expected churners 0.7 + 0.7");
	ok(segment_cell_at(r, SEGMENT_VALUE_HIGH, SCORE_BAND_HIGH) == NULL,
	   "no value: no high value tier");
	is_str(segment_customer_label(r, 1), "High risk", "no value: label is the risk alone");
	is_str(segment_customer_action(r, 3), "Review by hand (not scored)",
	       "no value: a not-scored customer is reviewed by hand");
	is_int(r->total.incentive_customers, 0, "no value: no incentive can be priced");
	ok(isnan(r->total.mrr), "no value: total MRR unknown");
	is_double_rel(r->total.expected_churners, 1.8, TOL, "no value: total expected churners");
	is_int(r->ntop, 4, "no value: the four scored customers ranked by p");
	ok(r->ntop == 4 && r->customers[r->top[0]].row == 1 && r->customers[r->top[1]].row == 2 &&
	   r->customers[r->top[2]].row == 0 && r->customers[r->top[3]].row == 4,
	   "no value: by p, equal p in row order");
end:
	segment_result_free(r);
	free_scores(s);
}

static void test_nan_values(void)
{
	double p[4] = {0.6, 0.6, 0.1, 0.3};
	double value[4] = {NAN, INFINITY, NAN, NAN};
	scores *s = make_scores(4, NULL, p, NULL);
	segment_result *r = NULL;

	if (ok(segment_build(s, NULL, NULL, value, NULL, &r, NULL) == CHURN_OK, "no values known")) {
		is_int(r->nvalue_unknown, 4, "nan: every customer without a (finite) value");
		ok(isnan(r->q50) && isnan(r->q80), "nan: no cut points");
		is_int(segment_cell_at(r, SEGMENT_VALUE_UNKNOWN, SCORE_BAND_HIGH)->customers, 2,
		       "nan: both high-risk customers in the unknown row, none dropped");
		is_int(r->total.customers, 4, "nan: all four counted");
		is_double_rel(r->total.mrr, 0, 0, "nan: total MRR over no known value is 0");
		is_int(r->ntop, 0, "nan: nobody can be ranked by revenue loss");
		is_str(segment_customer_action(r, 0), "Check value; call",
		       "nan: unknown value, high risk action");
	}
	segment_result_free(r);
	free_scores(s);
}

static void test_single_and_one_cell(void)
{
	double p1[1] = {0.55}, v1[1] = {42};
	double p[5] = {0.25, 0.3, 0.45, 0.2, 0.35}, v[5] = {10, 10, 10, 10, 10};
	scores *s = make_scores(1, NULL, p1, NULL);
	segment_result *r = NULL;

	if (ok(segment_build(s, NULL, NULL, v1, NULL, &r, NULL) == CHURN_OK, "single: builds")) {
		is_double_rel(r->q50, 42, 0, "single: median is the value");
		is_double_rel(r->q80, 42, 0, "single: so is the 80th percentile");
		is_str(segment_customer_label(r, 0), "High value / High risk",
		       "single: one customer is high value (at or above q80)");
		is_double_rel(segment_customer_cell(r, 0)->expected_mrr_loss, 0.55 * 42, TOL,
		              "single: expected MRR loss p x value");
		is_double_rel(segment_customer_cell(r, 0)->expected_revenue_loss, 0.55 * 42 * 12, TOL,
		              "single: over the default 12 months");
		is_int(r->ntop, 1, "single: one account in the top list");
	}
	segment_result_free(r);
	free_scores(s);

	r = NULL;
	s = make_scores(5, NULL, p, NULL);
	if (ok(segment_build(s, NULL, NULL, v, NULL, &r, NULL) == CHURN_OK, "one cell: builds")) {
		const segment_cell *c = segment_cell_at(r, SEGMENT_VALUE_HIGH, SCORE_BAND_MEDIUM);
		size_t others = 0;
		for (size_t i = 0; i < r->ncells; i++)
			if (&r->cells[i] != c)
				others += r->cells[i].customers;
		is_int(c->customers, 5, "one cell: equal values, medium risk -> all high/medium");
		is_int(others, 0, "one cell: every other cell empty");
		is_double_rel(c->mrr, 50, TOL, "one cell: MRR 50");
		is_double_rel(c->expected_mrr_loss, 15.5, TOL, "one cell: expected MRR loss 15.5");
		is_double_rel(segment_cell_at(r, SEGMENT_VALUE_LOW, SCORE_BAND_HIGH)->mrr, 0, 0,
		              "one cell: an empty cell of a known tier holds 0");
		ok(isnan(segment_cell_at(r, SEGMENT_VALUE_UNKNOWN, SCORE_BAND_HIGH)->mrr),
		   "one cell: the unknown row's MRR stays NaN");
		is_int(r->total.incentive_customers, 2, "one cell: p 0.45 and 0.35 pass p > 1/3");
		ok(r->ntop == 5 && r->customers[r->top[0]].row == 2 &&
		   r->customers[r->top[1]].row == 4 && r->customers[r->top[2]].row == 1,
		   "one cell: top by loss");
	}
	segment_result_free(r);
	free_scores(s);
}

static void test_empty(void)
{
	scores *s = make_scores(0, NULL, NULL, NULL);
	segment_result *r = NULL;
	double v[1] = {0};

	if (ok(segment_build(s, NULL, NULL, v, NULL, &r, NULL) == CHURN_OK, "empty: builds")) {
		is_int(r->n, 0, "empty: no customers");
		is_int(r->ncells, 16, "empty: the full matrix, all cells empty");
		is_int(r->total.customers, 0, "empty: total 0 customers");
		is_double_rel(r->total.expected_mrr_loss, 0, 0, "empty: expected loss 0");
		is_int(r->ntop, 0, "empty: no top accounts");
		ok(isnan(r->q50), "empty: no cut points");
	}
	segment_result_free(r);
	r = NULL;
	if (ok(segment_build(s, NULL, NULL, NULL, NULL, &r, NULL) == CHURN_OK,
	       "empty: builds without values"))
		is_int(r->ncells, 4, "empty: four cells without values");
	segment_result_free(r);
	free_scores(s);
	segment_result_free(NULL);
	ok(1, "segment_result_free(NULL) is a no-op");
}

static void test_top_ties(void)
{
	/* Table rows listed in reverse; losses: 50 50 50 20 50 80 */
	static const size_t rows[6] = {5, 4, 3, 2, 1, 0};
	double p[6] = {0.5, 0.25, 1, 0.2, 0.5, 0.8};
	double v[6];
	scores *s;
	segment_result *r = NULL;
	segment_opts o;

	v[5] = 100, v[4] = 200, v[3] = 50, v[2] = 100, v[1] = 100, v[0] = 100;
	s = make_scores(6, rows, p, NULL);
	segment_opts_init(&o);
	o.top_n = 4;
	if (ok(segment_build(s, NULL, NULL, v, &o, &r, NULL) == CHURN_OK, "ties: builds")) {
		static const size_t want[4] = {0, 1, 3, 4};
		int good = r->ntop == 4;
		for (size_t j = 0; good && j < 4; j++)
			good = r->customers[r->top[j]].row == want[j];
		is_int(r->ntop, 4, "ties: top_n caps the list");
		ok(good, "ties: 80 first, then the 50s in table-row order 1, 3, 4");
	}
	segment_result_free(r);
	free_scores(s);
}

static void test_bad_options(void)
{
	double p[1] = {0.5}, v[1] = {1};
	scores *s = make_scores(1, NULL, p, NULL);
	segment_result *r = NULL;
	segment_opts o;
	churn_err err;

	segment_opts_init(&o);
	o.horizon_months = -1;
	is_int(segment_build(s, NULL, NULL, v, &o, &r, &err), CHURN_EUSAGE, "opts: negative horizon");
	ok(r == NULL, "opts: no result on error");
	o.horizon_months = INFINITY;
	is_int(segment_build(s, NULL, NULL, v, &o, &r, &err), CHURN_EUSAGE, "opts: infinite horizon");
	o.horizon_months = NAN;
	if (ok(segment_build(s, NULL, NULL, v, &o, &r, &err) == CHURN_OK, "opts: NaN horizon")) {
		is_double_rel(r->horizon_months, 12, 0, "opts: unknown horizon -> 12 months");
	}
	segment_result_free(r);
	r = NULL;
	o.horizon_months = 0;
	o.offer_effect = 1.5;
	is_int(segment_build(s, NULL, NULL, v, &o, &r, &err), CHURN_EUSAGE, "opts: effect > 1");
	o.offer_effect = NAN;
	is_int(segment_build(s, NULL, NULL, v, &o, &r, &err), CHURN_EUSAGE, "opts: effect NaN");
	o.offer_effect = 0.25;
	o.incentive_months = -0.5;
	is_int(segment_build(s, NULL, NULL, v, &o, &r, &err), CHURN_EUSAGE,
	       "opts: negative incentive");
	ok(strstr(err.msg, "incentive") != NULL, "opts: the message names the incentive");
	free_scores(s);
}

int main(void)
{
	/* Bands are taken on the probability as the file prints it. */
	is_int(score_band_of(0.4999996), SCORE_BAND_HIGH, "band: 0.4999996 prints 0.500000: high");
	is_int(score_band_of(0.4999994), SCORE_BAND_MEDIUM, "band: 0.4999994 prints 0.499999: medium");
	is_int(score_band_of(0.19999951), SCORE_BAND_MEDIUM, "band: 0.19999951 prints 0.200000: medium");

	test_quantiles_r();
	test_customers_r();
	test_hand_cells();
	test_incentive_boundary();
	test_design_drivers();
	test_no_value_column();
	test_nan_values();
	test_single_and_one_cell();
	test_empty();
	test_top_ties();
	test_bad_options();
	return done_testing();
}
