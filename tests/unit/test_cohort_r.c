/* test_cohort_r.c - triangles and period KPIs of a generated table of 1500
 * customers, checked against brute-force reference numbers computed in R by
 * tests/fixtures/cohort/make_fixtures.R (independent of the C code; the
 * fixtures are committed, R is not needed here).  Two as-of dates: mid-month
 * (2024-06-15) and a month end (2024-05-31); KPIs with and without
 * exclude_same_period.  MRR movements from the generated revenue history
 * (revenue.csv) against expected_revenue.csv and the cost of churn against
 * expected_cost.csv, also brute force in R. */
#include "churnkit/cohort.h"
#include "churnkit/date.h"
#include "churnkit/kpi.h"
#include "churnkit/table.h"
#include "fixture.h"
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RTOL 1e-9
#define NCUST 1500
#define MAXREV 40000

static const char *const levels[3] = {"basic", "pro", "=team"};

typedef struct {
	int32_t start[NCUST], end[NCUST];
	double value[NCUST];
	uint32_t plan[NCUST];
	size_t n;
} customers;

/* tests/fixtures/cohort/NAME, read by fixture.h. */
static fx_csv *cohort_fixture(const char *name)
{
	char rel[256];
	snprintf(rel, sizeof rel, "tests/fixtures/cohort/%s", name);
	return fx_csv_read(rel);
}

static int32_t day(const char *s)
{
	int32_t d;
	return date_parse(s, strlen(s), NULL, &d) ? d : TABLE_DATE_NA;
}

/* Field k of row i as a number (fixture.h's rules: NA is NaN, anything else
 * not a number ends the test naming the file, line and column). */
static double num(const fx_csv *fx, size_t i, size_t k)
{
	if (k >= fx->ncols) {
		diag("%s has no column %zu", fx->path, k + 1);
		return NAN;
	}
	return fx_num(fx, i, fx->names[k]);
}

static int load(customers *c)
{
	fx_csv *fx = cohort_fixture("customers.csv");
	c->n = 0;
	for (size_t i = 0; i < fx->nrows && c->n < NCUST; i++) {
		const char *end = fx_str(fx, i, "end"), *plan = fx_str(fx, i, "plan");
		c->start[c->n] = day(fx_str(fx, i, "start"));
		c->end[c->n] = *end ? day(end) : TABLE_DATE_NA;
		c->value[c->n] = fx_num(fx, i, "value");
		c->plan[c->n] = TABLE_CODE_NA;
		for (uint32_t g = 0; g < 3; g++)
			if (strcmp(plan, levels[g]) == 0)
				c->plan[c->n] = g;
		c->n++;
	}
	fx_csv_free(fx);
	return c->n == NCUST;
}

/* |got - want| <= RTOL * scale, NaN equal to NaN only. */
static int close_to(double got, double want, double scale)
{
	if (isnan(want) || isnan(got))
		return isnan(want) && isnan(got);
	return fabs(got - want) <= RTOL * (fabs(scale) > fabs(want) ? fabs(scale) : fabs(want));
}

static const cohort_triangle *pick(const cohort_result *r, const char *g)
{
	if (*g == '\0')
		return &r->all;
	for (size_t i = 0; i < r->ngroups; i++)
		if (strcmp(r->groups[i].level, g) == 0)
			return &r->groups[i];
	return NULL;
}

static const cohort_row *find_row(const cohort_triangle *t, const char *cohort)
{
	char m[8];
	for (size_t r = 0; r < t->nrows; r++)
		if (strcmp(date_format_month(t->rows[r].cohort, m), cohort) == 0)
			return &t->rows[r];
	return NULL;
}

static void check_triangles(const customers *c, const char *as_of_s)
{
	cohort_customers in = {0};
	cohort_result *r = NULL;
	churn_err err;
	size_t cells = 0, bad = 0, mcells = 0, mbad = 0, ours = 0;
	fx_csv *fx;

	in.n = c->n;
	in.start = c->start;
	in.end = c->end;
	in.value = c->value;
	in.group = c->plan;
	in.group_name = "plan";
	in.group_levels = levels;
	in.ngroup_levels = 3;
	in.as_of = day(as_of_s);
	if (!ok(cohort_build(&in, 30, &r, &err) == CHURN_OK, "R: triangles build, as-of %s",
	        as_of_s))
		return;
	fx = cohort_fixture("expected_triangles.csv");
	ok(fx->nrows > 0, "R: expected_triangles.csv opens");
	for (size_t i = 0; i < fx->nrows; i++) {
		char **f = fx->cells[i];
		const cohort_triangle *t;
		const cohort_row *row;
		size_t k;
		if (strcmp(f[0], as_of_s) != 0)
			continue;
		cells++;
		t = pick(r, f[1]);
		row = t != NULL ? find_row(t, f[2]) : NULL;
		k = strtoul(f[3], NULL, 10);
		if (row == NULL || k >= row->nk || row->size != strtoul(f[4], NULL, 10) ||
		    row->retained[k] != strtoul(f[5], NULL, 10) ||
		    !close_to(row->value, num(fx, i, 6), 0) ||
		    !close_to(row->value_retained[k], num(fx, i, 7), row->value)) {
			if (bad++ == 0)
				diag("first mismatch: %s %s %s k=%s", f[0], f[1], f[2], f[3]);
		}
	}
	fx_csv_free(fx);
	ours = r->all.nrows * (r->all.nrows + 1) / 2 * (1 + r->ngroups);
	ok(cells > 0 && cells == ours, "R: %zu cells in R, %zu here (as-of %s)", cells, ours,
	   as_of_s);
	is_int(bad, 0, "R: every triangle cell (size, retained, value) matches R, as-of %s",
	       as_of_s);

	fx = cohort_fixture("expected_means.csv");
	for (size_t i = 0; i < fx->nrows; i++) {
		char **f = fx->cells[i];
		const cohort_triangle *t;
		size_t k;
		if (strcmp(f[0], as_of_s) != 0)
			continue;
		mcells++;
		t = pick(r, f[1]);
		k = strtoul(f[2], NULL, 10);
		if (t == NULL || k >= t->kmax || t->n_cohorts[k] != strtoul(f[3], NULL, 10) ||
		    !close_to(t->mean_simple[k], num(fx, i, 4), 0) ||
		    !close_to(t->mean_weighted[k], num(fx, i, 5), 0) ||
		    !close_to(t->value_mean_simple[k], num(fx, i, 6), 0) ||
		    !close_to(t->value_mean_weighted[k], num(fx, i, 7), 0)) {
			if (mbad++ == 0)
				diag("first mean mismatch: %s '%s' k=%s", f[0], f[1], f[2]);
		}
	}
	fx_csv_free(fx);
	ok(mcells == r->all.kmax * (1 + r->ngroups), "R: one mean row per k and group");
	is_int(mbad, 0, "R: simple and weighted means match R, as-of %s", as_of_s);
	cohort_result_free(r);
}

static void check_kpis(const customers *c, const char *as_of_s, int exclude)
{
	cohort_customers in = {0};
	kpi_opts o;
	kpi_result *r = NULL;
	churn_err err;
	size_t rows = 0, bad = 0;
	fx_csv *fx;

	in.n = c->n;
	in.start = c->start;
	in.end = c->end;
	in.value = c->value;
	in.as_of = day(as_of_s);
	kpi_opts_init(&o);
	o.exclude_same_period = exclude;
	if (!ok(kpi_compute(&in, &o, &r, &err) == CHURN_OK, "R: KPIs compute, as-of %s exclude %d",
	        as_of_s, exclude))
		return;
	fx = cohort_fixture("expected_kpis.csv");
	for (size_t i = 0; i < fx->nrows; i++) {
		char **f = fx->cells[i];
		kpi_period p;
		const kpi_row *k;
		if (strcmp(f[0], as_of_s) != 0 || atoi(f[1]) != exclude)
			continue;
		rows++;
		k = kpi_period_parse(f[2], &p, NULL) == CHURN_OK ? kpi_find(r, p) : NULL;
		if (k == NULL || k->n_start != strtoul(f[3], NULL, 10) ||
		    k->n_new != strtoul(f[4], NULL, 10) || k->n_churned != strtoul(f[5], NULL, 10) ||
		    k->n_end != strtoul(f[6], NULL, 10) || !close_to(k->churn_rate, num(fx, i, 7), 0) ||
		    !close_to(k->retention_rate, num(fx, i, 8), 0) ||
		    !close_to(k->mrr.mrr_start, num(fx, i, 9), 0) ||
		    !close_to(k->mrr.mrr_new, num(fx, i, 10), 0) ||
		    !close_to(k->mrr.mrr_churned, num(fx, i, 11), 0) ||
		    !close_to(k->mrr.mrr_end, num(fx, i, 12), 0) || !close_to(k->mrr.grr, num(fx, i, 13), 0)) {
			if (bad++ == 0)
				diag("first KPI mismatch: %s exclude %s %s", f[0], f[1], f[2]);
		}
	}
	fx_csv_free(fx);
	ok(rows > 0 && rows == r->nmonths + r->nquarters, "R: %zu periods in R, %zu here", rows,
	   r->nmonths + r->nquarters);
	is_int(bad, 0, "R: every period's counts, rates and MRR match R (as-of %s, exclude %d)",
	       as_of_s, exclude);

	fx = cohort_fixture("expected_change.csv");
	for (size_t i = 0; i < fx->nrows; i++) {
		char **f = fx->cells[i];
		if (strcmp(f[0], as_of_s) != 0 || atoi(f[1]) != exclude)
			continue;
		is_str(r->change.current.label, f[2], "R: reporting period %s", f[2]);
		is_str(r->change.previous.label, f[3], "R: previous period %s", f[3]);
		ok(r->change.test_ok, "R: the churn-rate test is defined");
		is_double_rel(r->change.z, num(fx, i, 4), RTOL, "R: z matches prop.test's sqrt(X^2)");
		is_double_rel(r->change.p_value, num(fx, i, 5), RTOL, "R: p matches prop.test");
	}
	fx_csv_free(fx);
	kpi_result_free(r);
}

typedef struct {
	size_t customer[MAXREV];
	int32_t month[MAXREV];
	double mrr[MAXREV];
	size_t n;
} history;

static int load_history(history *h)
{
	fx_csv *fx = cohort_fixture("revenue.csv");
	h->n = 0;
	for (size_t i = 0; i < fx->nrows && h->n < MAXREV; i++) {
		int y, m;
		if (sscanf(fx_str(fx, i, "month"), "%d-%d", &y, &m) != 2)
			continue;
		h->customer[h->n] = (size_t)fx_num(fx, i, "id") - 1;
		h->month[h->n] = (int32_t)(y * 12 + m - 1);
		h->mrr[h->n] = fx_num(fx, i, "mrr");
		h->n++;
	}
	fx_csv_free(fx);
	return h->n > 0 && h->n < MAXREV;
}

/* MRR movements, ratios, LTV and the cost of churn from the revenue
 * history, against R (as-of 2024-06-15, same-period churn counted). */
static void check_revenue(const customers *c)
{
	static history h;
	revenue_history rh;
	cohort_customers in = {0};
	kpi_opts o;
	kpi_result *r = NULL;
	churn_err err;
	size_t rows = 0, bad = 0, cells = 0;
	fx_csv *fx;

	if (!ok(load_history(&h), "R: revenue.csv loads"))
		return;
	rh.n = h.n;
	rh.customer = h.customer;
	rh.month = h.month;
	rh.mrr = h.mrr;
	rh.ncustomers = c->n;
	rh.churn_month = NULL; /* kpi_compute sets it from the churn dates */
	in.n = c->n;
	in.start = c->start;
	in.end = c->end;
	in.value = c->value;
	in.as_of = day("2024-06-15");
	kpi_opts_init(&o);
	o.revenue = &rh;
	o.cost.expansion_rate = 0.2;
	o.cost.cac = 500;
	if (!ok(kpi_compute(&in, &o, &r, &err) == CHURN_OK, "R: KPIs with the revenue history"))
		return;
	is_int(r->mrr_source, KPI_MRR_HISTORY, "R: MRR comes from the history");
	fx = cohort_fixture("expected_revenue.csv");
	ok(fx->nrows > 0, "R: expected_revenue.csv opens");
	for (size_t i = 0; i < fx->nrows; i++) {
		char **f = fx->cells[i];
		kpi_period p;
		const kpi_row *k;
		const revenue_period *m;
		if (fx->ncols != 30 || strcmp(f[0], "2024-06-15") != 0)
			continue;
		rows++;
		k = kpi_period_parse(f[1], &p, NULL) == CHURN_OK ? kpi_find(r, p) : NULL;
		if (k == NULL) {
			if (bad++ == 0)
				diag("period %s not computed", f[1]);
			continue;
		}
		m = &k->mrr;
		if (atoi(f[2]) == 0) {
			if (m->covered && bad++ == 0)
				diag("period %s covered here, not in R", f[1]);
			continue;
		}
		{
			const double got[] = {m->mrr_start, m->mrr_new, m->mrr_expansion,
			                      m->mrr_contraction, m->mrr_churned, m->mrr_reactivation,
			                      m->mrr_end, m->start_churned, m->start_contraction,
			                      m->start_expansion, m->grr, m->nrr, m->gross_mrr_churn,
			                      m->net_mrr_churn, m->quick_ratio, m->arpa,
			                      m->ltv_churn_rate, (double)m->ltv_months, m->ltv,
			                      (double)m->n_start, (double)m->n_end, (double)m->n_new,
			                      (double)m->n_reactivated, (double)m->n_churned,
			                      m->mrr_churn_change, m->grr_var, m->nrr_var};
			/* Money sums are compared relative to the period's start MRR,
			 * so that a sum that is exactly 0 in R must be ~0 here. */
			for (size_t j = 0; j < sizeof got / sizeof got[0]; j++) {
				double scale = j < 10 || j == 24 ? num(fx, i, 3) : 0;
				cells++;
				if (!m->covered || !close_to(got[j], num(fx, i, 3 + j), scale)) {
					if (bad++ == 0)
						diag("first revenue mismatch: %s column %zu: %.17g, R %s", f[1],
						     3 + j, got[j], f[3 + j]);
				}
			}
		}
	}
	fx_csv_free(fx);
	ok(rows > 0 && rows == r->nmonths + r->nquarters, "R: %zu revenue periods in R, %zu here",
	   rows, r->nmonths + r->nquarters);
	ok(cells > 500, "R: %zu revenue numbers compared", cells);
	is_int(bad, 0, "R: every period's MRR movements, GRR, NRR (and their variances), MRR "
	       "churn, quick ratio, ARPA and LTV match R");

	fx = cohort_fixture("expected_cost.csv");
	for (size_t i = 0; i < fx->nrows; i++) {
		char **f = fx->cells[i];
		if (strcmp(f[0], "2024-06-15") != 0)
			continue;
		ok(r->has_cost, "R: cost of churn computed");
		is_str(r->change.current.label, f[1], "R: cost for the reporting period %s", f[1]);
		is_double_rel(r->cost.mrr_churned, num(fx, i, 2), RTOL, "R: cost: MRR churned");
		is_int((long long)r->cost.customers_lost, atol(f[3]), "R: cost: customers lost");
		is_double_rel(r->cost.annual_value, num(fx, i, 4), RTOL, "R: cost: lost annual value");
		is_double_rel(r->cost.lost_expansion, num(fx, i, 5), RTOL, "R: cost: lost expansion");
		is_double_rel(r->cost.sunk_cac, num(fx, i, 6), RTOL, "R: cost: sunk CAC");
		is_double_rel(r->cost.total, num(fx, i, 7), RTOL, "R: cost: total");
	}
	fx_csv_free(fx);
	kpi_result_free(r);
}

int main(void)
{
	static customers c;
	gsl_set_error_handler_off();
	if (!ok(load(&c), "R: customers.csv has 1500 customers"))
		return done_testing();
	check_triangles(&c, "2024-06-15");
	check_triangles(&c, "2024-05-31");
	for (int ex = 0; ex <= 1; ex++) {
		check_kpis(&c, "2024-06-15", ex);
		check_kpis(&c, "2024-05-31", ex);
	}
	check_revenue(&c);
	return done_testing();
}
