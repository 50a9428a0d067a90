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
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RTOL 1e-9
#define MAXF 16
#define NCUST 1500
#define MAXREV 40000

static const char *const levels[3] = {"basic", "pro", "=team"};

typedef struct {
	int32_t start[NCUST], end[NCUST];
	double value[NCUST];
	uint32_t plan[NCUST];
	size_t n;
} customers;

/* Splits line in place at commas into at most MAXF fields; returns the count. */
static int split(char *line, char **f)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	f[n++] = line;
	for (char *p = line; *p && n < MAXF; p++)
		if (*p == ',') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

/* Opens a fixture and skips its comment and header lines. */
static FILE *open_fixture(const char *name)
{
	char rel[256], path[1024], line[512];
	FILE *f;
	snprintf(rel, sizeof rel, "tests/fixtures/cohort/%s", name);
	f = fopen(tap_srcpath(path, sizeof path, rel), "r");
	if (f == NULL)
		return NULL;
	while (fgets(line, sizeof line, f) != NULL)
		if (line[0] != '#')
			break; /* the header */
	return f;
}

static int32_t day(const char *s)
{
	int32_t d;
	return date_parse(s, strlen(s), NULL, &d) ? d : TABLE_DATE_NA;
}

static double num(const char *s)
{
	return *s ? strtod(s, NULL) : NAN;
}

static int load(customers *c)
{
	char line[512], *f[MAXF];
	FILE *fp = open_fixture("customers.csv");
	if (fp == NULL)
		return 0;
	c->n = 0;
	while (fgets(line, sizeof line, fp) != NULL && c->n < NCUST) {
		if (split(line, f) != 5)
			continue;
		c->start[c->n] = day(f[1]);
		c->end[c->n] = *f[2] ? day(f[2]) : TABLE_DATE_NA;
		c->value[c->n] = num(f[3]);
		c->plan[c->n] = TABLE_CODE_NA;
		for (uint32_t g = 0; g < 3; g++)
			if (strcmp(f[4], levels[g]) == 0)
				c->plan[c->n] = g;
		c->n++;
	}
	fclose(fp);
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
	char line[512], *f[MAXF];
	size_t cells = 0, bad = 0, mcells = 0, mbad = 0, ours = 0;
	FILE *fp;

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
	fp = open_fixture("expected_triangles.csv");
	ok(fp != NULL, "R: expected_triangles.csv opens");
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		const cohort_triangle *t;
		const cohort_row *row;
		size_t k;
		if (split(line, f) != 8 || strcmp(f[0], as_of_s) != 0)
			continue;
		cells++;
		t = pick(r, f[1]);
		row = t != NULL ? find_row(t, f[2]) : NULL;
		k = strtoul(f[3], NULL, 10);
		if (row == NULL || k >= row->nk || row->size != strtoul(f[4], NULL, 10) ||
		    row->retained[k] != strtoul(f[5], NULL, 10) ||
		    !close_to(row->value, num(f[6]), 0) ||
		    !close_to(row->value_retained[k], num(f[7]), row->value)) {
			if (bad++ == 0)
				diag("first mismatch: %s %s %s k=%s", f[0], f[1], f[2], f[3]);
		}
	}
	if (fp != NULL)
		fclose(fp);
	ours = r->all.nrows * (r->all.nrows + 1) / 2 * (1 + r->ngroups);
	ok(cells > 0 && cells == ours, "R: %zu cells in R, %zu here (as-of %s)", cells, ours,
	   as_of_s);
	is_int(bad, 0, "R: every triangle cell (size, retained, value) matches R, as-of %s",
	       as_of_s);

	fp = open_fixture("expected_means.csv");
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		const cohort_triangle *t;
		size_t k;
		if (split(line, f) != 8 || strcmp(f[0], as_of_s) != 0)
			continue;
		mcells++;
		t = pick(r, f[1]);
		k = strtoul(f[2], NULL, 10);
		if (t == NULL || k >= t->kmax || t->n_cohorts[k] != strtoul(f[3], NULL, 10) ||
		    !close_to(t->mean_simple[k], num(f[4]), 0) ||
		    !close_to(t->mean_weighted[k], num(f[5]), 0) ||
		    !close_to(t->value_mean_simple[k], num(f[6]), 0) ||
		    !close_to(t->value_mean_weighted[k], num(f[7]), 0)) {
			if (mbad++ == 0)
				diag("first mean mismatch: %s '%s' k=%s", f[0], f[1], f[2]);
		}
	}
	if (fp != NULL)
		fclose(fp);
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
	char line[512], *f[MAXF];
	size_t rows = 0, bad = 0;
	FILE *fp;

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
	fp = open_fixture("expected_kpis.csv");
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		kpi_period p;
		const kpi_row *k;
		if (split(line, f) != 14 || strcmp(f[0], as_of_s) != 0 || atoi(f[1]) != exclude)
			continue;
		rows++;
		k = kpi_period_parse(f[2], &p, NULL) == CHURN_OK ? kpi_find(r, p) : NULL;
		if (k == NULL || k->n_start != strtoul(f[3], NULL, 10) ||
		    k->n_new != strtoul(f[4], NULL, 10) || k->n_churned != strtoul(f[5], NULL, 10) ||
		    k->n_end != strtoul(f[6], NULL, 10) || !close_to(k->churn_rate, num(f[7]), 0) ||
		    !close_to(k->retention_rate, num(f[8]), 0) ||
		    !close_to(k->mrr.mrr_start, num(f[9]), 0) ||
		    !close_to(k->mrr.mrr_new, num(f[10]), 0) ||
		    !close_to(k->mrr.mrr_churned, num(f[11]), 0) ||
		    !close_to(k->mrr.mrr_end, num(f[12]), 0) || !close_to(k->mrr.grr, num(f[13]), 0)) {
			if (bad++ == 0)
				diag("first KPI mismatch: %s exclude %s %s", f[0], f[1], f[2]);
		}
	}
	if (fp != NULL)
		fclose(fp);
	ok(rows > 0 && rows == r->nmonths + r->nquarters, "R: %zu periods in R, %zu here", rows,
	   r->nmonths + r->nquarters);
	is_int(bad, 0, "R: every period's counts, rates and MRR match R (as-of %s, exclude %d)",
	       as_of_s, exclude);

	fp = open_fixture("expected_change.csv");
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		if (split(line, f) != 6 || strcmp(f[0], as_of_s) != 0 || atoi(f[1]) != exclude)
			continue;
		is_str(r->change.current.label, f[2], "R: reporting period %s", f[2]);
		is_str(r->change.previous.label, f[3], "R: previous period %s", f[3]);
		ok(r->change.test_ok, "R: the churn-rate test is defined");
		is_double_rel(r->change.z, num(f[4]), RTOL, "R: z matches prop.test's sqrt(X^2)");
		is_double_rel(r->change.p_value, num(f[5]), RTOL, "R: p matches prop.test");
	}
	if (fp != NULL)
		fclose(fp);
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
	char line[512], *f[MAXF];
	FILE *fp = open_fixture("revenue.csv");
	if (fp == NULL)
		return 0;
	h->n = 0;
	while (fgets(line, sizeof line, fp) != NULL && h->n < MAXREV) {
		int y, m;
		if (split(line, f) != 3 || sscanf(f[1], "%d-%d", &y, &m) != 2)
			continue;
		h->customer[h->n] = strtoul(f[0], NULL, 10) - 1;
		h->month[h->n] = (int32_t)(y * 12 + m - 1);
		h->mrr[h->n] = num(f[2]);
		h->n++;
	}
	fclose(fp);
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
	char line[1024], *f[32];
	size_t rows = 0, bad = 0, cells = 0;
	FILE *fp;

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
	fp = open_fixture("expected_revenue.csv");
	ok(fp != NULL, "R: expected_revenue.csv opens");
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		kpi_period p;
		const kpi_row *k;
		const revenue_period *m;
		int nf = 0;
		char *q = line;
		line[strcspn(line, "\r\n")] = '\0';
		f[nf++] = q;
		for (; *q && nf < 32; q++)
			if (*q == ',')
				*q = '\0', f[nf++] = q + 1;
		if (nf != 28 || strcmp(f[0], "2024-06-15") != 0)
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
			                      m->mrr_churn_change};
			/* Money sums are compared relative to the period's start MRR,
			 * so that a sum that is exactly 0 in R must be ~0 here. */
			for (size_t j = 0; j < sizeof got / sizeof got[0]; j++) {
				double scale = j < 10 || j == 24 ? num(f[3]) : 0;
				cells++;
				if (!m->covered || !close_to(got[j], num(f[3 + j]), scale)) {
					if (bad++ == 0)
						diag("first revenue mismatch: %s column %zu: %.17g, R %s", f[1],
						     3 + j, got[j], f[3 + j]);
				}
			}
		}
	}
	if (fp != NULL)
		fclose(fp);
	ok(rows > 0 && rows == r->nmonths + r->nquarters, "R: %zu revenue periods in R, %zu here",
	   rows, r->nmonths + r->nquarters);
	ok(cells > 500, "R: %zu revenue numbers compared", cells);
	is_int(bad, 0, "R: every period's MRR movements, GRR, NRR, MRR churn, quick ratio, "
	       "ARPA and LTV match R");

	fp = open_fixture("expected_cost.csv");
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		if (split(line, f) != 8 || strcmp(f[0], "2024-06-15") != 0)
			continue;
		ok(r->has_cost, "R: cost of churn computed");
		is_str(r->change.current.label, f[1], "R: cost for the reporting period %s", f[1]);
		is_double_rel(r->cost.mrr_churned, num(f[2]), RTOL, "R: cost: MRR churned");
		is_int((long long)r->cost.customers_lost, atol(f[3]), "R: cost: customers lost");
		is_double_rel(r->cost.annual_value, num(f[4]), RTOL, "R: cost: lost annual value");
		is_double_rel(r->cost.lost_expansion, num(f[5]), RTOL, "R: cost: lost expansion");
		is_double_rel(r->cost.sunk_cac, num(f[6]), RTOL, "R: cost: sunk CAC");
		is_double_rel(r->cost.total, num(f[7]), RTOL, "R: cost: total");
	}
	if (fp != NULL)
		fclose(fp);
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
