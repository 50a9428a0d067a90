/* test_kpi.c - period KPIs, hand-computed fixtures (the generated table
 * checked against R is in test_cohort_r.c). */
#include "churnkit/kpi.h"
#include "churnkit/date.h"
#include "churnkit/table.h"
#include "cohort_fixture.h"
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

#define NA TABLE_DATE_NA
#define D(y, m, d) date_from_civil(y, m, d)
#define TOL 1e-12

/* The customers of test_cohort.c:
 * 1  2024-01-15 active          10
 * 2  2024-01-31 ends 2024-01-31 20   joins and churns on the 31st
 * 3  2024-01-01 ends 2024-02-01 30   first start date; churns Feb 1
 * 4  2024-01-10 ends 2024-02-29 NaN  churns on the leap day
 * 5  2024-02-29 ends 2024-03-31 40
 * 6  2024-02-01 active          50
 * 7  2024-03-31 active          60
 * 8  2024-04-01 active          80   after as-of
 * 9  2024-03-05 ends 2024-05-10 70   churns after as-of */
static int32_t start[9], end_[9];
static const double value[9] = {10, 20, 30, NAN, 40, 50, 60, 80, 70};

static void fixture(cohort_customers *c, int32_t as_of)
{
	cohort_fixture_dates(start, end_);
	c->n = 9;
	c->start = start;
	c->end = end_;
	c->value = value;
	c->group = NULL;
	c->as_of = as_of;
}

static void counts(const kpi_row *p, size_t s, size_t n, size_t ch, size_t e, const char *what)
{
	is_int(p->n_start, s, "kpi: %s start = %zu", what, s);
	is_int(p->n_new, n, "kpi: %s new = %zu", what, n);
	is_int(p->n_churned, ch, "kpi: %s churned = %zu", what, ch);
	is_int(p->n_end, e, "kpi: %s end = %zu", what, e);
}

static void test_periods(void)
{
	cohort_customers c = {0};
	kpi_opts o;
	kpi_result *r = NULL;
	churn_err err;
	const kpi_row *p;

	fixture(&c, D(2024, 3, 31));
	kpi_opts_init(&o);
	o.cost.cac = 500;
	if (!ok(kpi_compute(&c, &o, &r, &err) == CHURN_OK, "kpi: fixture computes"))
		return;
	/* First start 2024-01-01 is a month and quarter start: Jan..Mar, 2024Q1. */
	is_int(r->nmonths, 3, "kpi: months Jan, Feb, Mar");
	is_int(r->nquarters, 1, "kpi: as-of 2024-03-31 completes 2024Q1");
	is_str(r->months[0].label, "2024-01", "kpi: month label");
	is_str(r->quarters[0].label, "2024Q1", "kpi: quarter label");

	/* Jan: start 0; new 1,2,3,4; churned 2 (Jan 31); end 3; rates undefined. */
	p = &r->months[0];
	counts(p, 0, 4, 1, 3, "Jan");
	is_int(p->n_same_period, 1, "kpi: Jan has one join-and-churn");
	ok(isnan(p->churn_rate) && isnan(p->retention_rate), "kpi: rates over 0 start are NaN");
	/* Feb: start 1,3,4 (3 churns on Feb 1, its first day, so it is in start);
	 * new 5,6; churned 3,4; end 3+2-2 = 3; churn 2/3; retention (3-2)/3. */
	p = &r->months[1];
	counts(p, 3, 2, 2, 3, "Feb");
	is_double_rel(p->churn_rate, 2.0 / 3, TOL, "kpi: Feb churn rate 2/3");
	is_double_rel(p->retention_rate, 1.0 / 3, TOL, "kpi: Feb retention (3-2)/3");
	/* Constant MRR, Feb: start 10 + 30 + (4: missing = 0) = 40, paying 2;
	 * new 40 + 50 = 90; churned 30 + 0 = 30; end 100; grr (40-30)/40;
	 * quick 90/30 = 3; arpa 100 / 3 paying (1, 5, 6). */
	is_double_rel(p->mrr.mrr_start, 40, TOL, "kpi: Feb MRR start 40");
	is_double_rel(p->mrr.mrr_new, 90, TOL, "kpi: Feb MRR new 90");
	is_double_rel(p->mrr.mrr_churned, 30, TOL, "kpi: Feb MRR churned 30");
	is_double_rel(p->mrr.mrr_end, 100, TOL, "kpi: Feb MRR end 100");
	is_double_rel(p->mrr.mrr_expansion, 0, TOL, "kpi: constant values have no expansion");
	is_double_rel(p->mrr.grr, 0.25, TOL, "kpi: Feb GRR (40-30)/40");
	is_double_rel(p->mrr.nrr, 0.25, TOL, "kpi: Feb NRR = GRR without expansion");
	/* GRR's noise (revenue.h): x = 10, 30 paying at start, y = 10, 0 kept;
	 * 2/1 x ((10 - 2.5)^2 + (0 - 7.5)^2) / 40^2 = 0.140625. */
	is_double_rel(p->mrr.grr_var, 0.140625, TOL, "kpi: Feb GRR variance by hand");
	is_double_rel(p->mrr.nrr_var, 0.140625, TOL, "kpi: Feb NRR variance = GRR's");
	/* R: 2 * pnorm(-0.05 / sqrt(0.0004 + 0.0005)) = 0.095580705...;
	 * 2 * pnorm(-5/3) = 0.095580704545629405. */
	is_double_rel(revenue_change_p(0.90, 0.0004, 0.85, 0.0005), 0.095580704545629405, 1e-9,
	              "kpi: a GRR change's p, as R's normal test");
	ok(isnan(revenue_change_p(0.9, NAN, 0.85, 0.0005)) && isnan(revenue_change_p(1, 0, 1, 0)),
	   "kpi: no p without both variances");
	is_double_rel(p->mrr.gross_mrr_churn, 0.75, TOL, "kpi: Feb gross MRR churn 30/40");
	is_double_rel(p->mrr.quick_ratio, 3, TOL, "kpi: Feb quick ratio 90/30");
	is_double_rel(p->mrr.arpa, 100.0 / 3, TOL, "kpi: Feb ARPA 100/3");
	/* Mar: start 1,5,6; new 7 (on as-of), 9; churned 5 (Mar 31); 9's churn
	 * (May 10) is after as-of; end 4; churn 1/3, retention (4-2)/3.
	 * MRR: start 100, new 130, churned 40, end 190, grr 60/100, arpa 190/4.
	 * LTV: monthly paying churn Feb 1/2, Mar 1/3 (Jan has nobody at start):
	 * mean 5/12; ltv = 47.5 / (5/12) = 114. */
	p = &r->months[2];
	counts(p, 3, 2, 1, 4, "Mar");
	is_double_rel(p->churn_rate, 1.0 / 3, TOL, "kpi: Mar churn rate 1/3");
	is_double_rel(p->retention_rate, 2.0 / 3, TOL, "kpi: Mar retention (4-2)/3");
	is_double_rel(p->mrr.mrr_end, 190, TOL, "kpi: Mar MRR end 190");
	is_double_rel(p->mrr.grr, 0.6, TOL, "kpi: Mar GRR 60/100");
	is_double_rel(p->mrr.arpa, 47.5, TOL, "kpi: Mar ARPA 190/4");
	is_int(p->mrr.ltv_months, 2, "kpi: LTV averages the 2 months with payers at start");
	is_double_rel(p->mrr.ltv_churn_rate, 5.0 / 12, TOL, "kpi: LTV churn rate (1/2+1/3)/2");
	is_double_rel(p->mrr.ltv, 114, TOL, "kpi: Mar LTV 47.5/(5/12) = 114");
	/* Q1: start 0; new all but 8 = 8; churned 2,3,4,5 = 4, all four joined
	 * in Q1; end 4.  MRR new 10+20+30+0+40+50+60+70 = 280, churned
	 * 20+30+0+40 = 90, end 190. */
	p = &r->quarters[0];
	counts(p, 0, 8, 4, 4, "2024Q1");
	is_int(p->n_same_period, 4, "kpi: Q1 has four join-and-churns");
	is_double_rel(p->mrr.mrr_new, 280, TOL, "kpi: Q1 MRR new 280");
	is_double_rel(p->mrr.mrr_churned, 90, TOL, "kpi: Q1 MRR churned 90");
	ok(isnan(p->mrr.grr), "kpi: GRR over 0 start MRR is NaN");
	is_double_rel(p->mrr.ltv, 114, TOL, "kpi: Q1 LTV uses the months ending with March");

	/* Reporting: the default is the last complete quarter, 2024Q1; there is
	 * no 2023Q4.  Cost of churn: 12 x 90 = 1080, 20% = 216, CAC 500 x 4 =
	 * 2000; total 3296. */
	ok(r->change.has_current && !r->change.has_previous, "kpi: 2024Q1 has no previous");
	is_str(r->change.current.label, "2024Q1", "kpi: default reporting period");
	ok(!r->change.test_ok && isnan(r->change.p_value), "kpi: no test without a previous");
	ok(r->has_cost, "kpi: cost of churn computed");
	is_double_rel(r->cost.annual_value, 1080, TOL, "kpi: lost annual value 12 x 90");
	is_double_rel(r->cost.lost_expansion, 216, TOL, "kpi: lost expansion 0.2 x 1080");
	is_double_rel(r->cost.sunk_cac, 2000, TOL, "kpi: sunk CAC 500 x 4");
	is_double_rel(r->cost.total, 3296, TOL, "kpi: cost of churn 3296");
	kpi_result_free(r);

	/* Excluding same-period churn: Jan new 3, churned 0, end 3; Q1 new 4,
	 * churned 0, end 4; Feb is unchanged. */
	o.exclude_same_period = 1;
	if (!ok(kpi_compute(&c, &o, &r, &err) == CHURN_OK, "kpi: exclude_same_period computes"))
		return;
	counts(&r->months[0], 0, 3, 0, 3, "Jan excluding same-period");
	counts(&r->months[1], 3, 2, 2, 3, "Feb excluding same-period");
	counts(&r->quarters[0], 0, 4, 0, 4, "Q1 excluding same-period");
	is_double_rel(r->quarters[0].mrr.mrr_new, 280 - 90, TOL, "kpi: Q1 MRR new without them");
	kpi_result_free(r);
}

static void test_mid_month(void)
{
	cohort_customers c = {0};
	kpi_opts o;
	kpi_result *r = NULL;
	churn_err err;

	/* as-of 2024-03-30: March and 2024Q1 have not ended. */
	fixture(&c, D(2024, 3, 30));
	kpi_opts_init(&o);
	if (!ok(kpi_compute(&c, &o, &r, &err) == CHURN_OK, "kpi: mid-month computes"))
		return;
	is_int(r->nmonths, 2, "kpi: as-of Mar 30 -> months Jan and Feb only");
	is_int(r->nquarters, 0, "kpi: no complete quarter");
	ok(!r->change.has_current && !r->has_cost, "kpi: no default reporting period yet");
	kpi_result_free(r);

	o.has_period = 1;
	ok(kpi_period_parse("2024Q1", &o.period, &err) == CHURN_OK, "kpi: 2024Q1 parses");
	ok(kpi_compute(&c, &o, &r, &err) == CHURN_EUSAGE && r == NULL,
	   "kpi: asking for an unfinished quarter is a usage error");
	ok(kpi_period_parse("2024-02", &o.period, &err) == CHURN_OK, "kpi: 2024-02 parses");
	if (!ok(kpi_compute(&c, &o, &r, &err) == CHURN_OK, "kpi: a month as reporting period"))
		return;
	is_str(r->change.current.label, "2024-02", "kpi: current 2024-02");
	is_str(r->change.previous.label, "2024-01", "kpi: previous 2024-01");
	is_double_abs(r->change.d_churned, 1, 0, "kpi: churned change 2 - 1");
	ok(!r->change.test_ok, "kpi: no test when the previous start is 0");
	is_str(r->change.test_note, "no customers at the start of a period", "kpi: says why");
	kpi_result_free(r);
}

static void test_empty_quarter(void)
{
	int32_t s[3], e[3];
	cohort_customers c = {0};
	kpi_opts o;
	kpi_result *r = NULL;
	churn_err err;

	/* A from 2023-01-01 active; B 2023-01-01 .. 2023-02-15; C 2023-01-20,
	 * churns 2023-11-02 (after as-of).  Nothing happens in Q2 and Q3.
	 * Q1: start 0, new 3, churned 1, end 2.  Q2, Q3: start 2, new 0,
	 * churned 0, end 2, churn 0, retention 1.  Pooled churn 0: no test. */
	s[0] = D(2023, 1, 1), e[0] = NA;
	s[1] = D(2023, 1, 1), e[1] = D(2023, 2, 15);
	s[2] = D(2023, 1, 20), e[2] = D(2023, 11, 2);
	c.n = 3;
	c.start = s;
	c.end = e;
	c.as_of = D(2023, 10, 14);
	kpi_opts_init(&o);
	if (!ok(kpi_compute(&c, &o, &r, &err) == CHURN_OK, "kpi: empty-quarter fixture"))
		return;
	is_int(r->nquarters, 3, "kpi: Q1..Q3 2023");
	is_int(r->nmonths, 9, "kpi: Jan..Sep 2023");
	counts(&r->quarters[0], 0, 3, 1, 2, "2023Q1");
	counts(&r->quarters[1], 2, 0, 0, 2, "empty 2023Q2");
	counts(&r->quarters[2], 2, 0, 0, 2, "empty 2023Q3");
	is_double_rel(r->quarters[2].churn_rate, 0, 0, "kpi: empty quarter churn 0");
	is_double_rel(r->quarters[2].retention_rate, 1, 0, "kpi: empty quarter retention 1");
	ok(r->change.has_previous && !r->change.test_ok, "kpi: Q3 vs Q2 is not testable");
	is_str(r->change.test_note, "churn rate 0 or 1 in both periods", "kpi: says why");
	ok(r->mrr_source == KPI_MRR_NONE && !r->quarters[1].mrr.covered && !r->has_cost,
	   "kpi: no values -> no MRR and no cost");
	kpi_result_free(r);

	/* First start mid-month: periods begin with the next month and quarter. */
	s[0] = s[1] = D(2023, 1, 2);
	if (!ok(kpi_compute(&c, &o, &r, &err) == CHURN_OK, "kpi: first start mid-month"))
		return;
	is_str(r->months[0].label, "2023-02", "kpi: first month is the first full one");
	is_str(r->quarters[0].label, "2023Q2", "kpi: first quarter is the first full one");
	counts(&r->months[0], 3, 0, 1, 2, "2023-02");
	kpi_result_free(r);
}

static void test_prop_test(void)
{
	double z, p;
	/* 20/100 against 10/100: pooled 0.15, se = sqrt(.15 .85 .02),
	 * z = 0.1 / se = 1.98029508595...; R 4.2:
	 * prop.test(c(20,10), c(100,100), correct=FALSE)$p.value
	 *   = 0.0476703806561615 (sprintf("%.15g", ...)). */
	ok(kpi_prop_test(20, 100, 10, 100, &z, &p), "kpi: z test defined");
	is_double_rel(z, 0.1 / sqrt(0.15 * 0.85 * 0.02), 1e-12, "kpi: z = 0.1/se");
	is_double_rel(p, 0.0476703806561615, 1e-9, "kpi: p as R's prop.test");
	ok(!kpi_prop_test(0, 10, 0, 10, &z, &p) && isnan(p), "kpi: no churn at all: undefined");
	ok(!kpi_prop_test(3, 2, 1, 10, &z, &p), "kpi: churned > start: undefined");
	ok(!kpi_prop_test(1, 0, 1, 10, &z, &p), "kpi: start 0: undefined");
}

static void test_parse(void)
{
	kpi_period p;
	churn_err err;
	char buf[8];
	ok(kpi_period_parse("2026Q3", &p, &err) == CHURN_OK && p.kind == KPI_QUARTER &&
	   p.index == 2026 * 4 + 2, "kpi: 2026Q3");
	is_str(kpi_period_format(p, buf), "2026Q3", "kpi: 2026Q3 round-trips");
	is_int(kpi_period_first_day(p), D(2026, 7, 1), "kpi: 2026Q3 starts Jul 1");
	is_int(kpi_period_last_day(p), D(2026, 9, 30), "kpi: 2026Q3 ends Sep 30");
	ok(kpi_period_parse("2024-02", &p, &err) == CHURN_OK && p.kind == KPI_MONTH,
	   "kpi: 2024-02");
	is_int(kpi_period_last_day(p), D(2024, 2, 29), "kpi: 2024-02 ends on the leap day");
	ok(kpi_period_parse("2026Q5", &p, &err) == CHURN_EUSAGE, "kpi: 2026Q5 refused");
	ok(kpi_period_parse("2026-13", &p, &err) == CHURN_EUSAGE, "kpi: 2026-13 refused");
	ok(kpi_period_parse("26Q1", &p, &err) == CHURN_EUSAGE, "kpi: 26Q1 refused");
	is_str(kpi_period_format(kpi_default_period(D(2026, 9, 30)), buf), "2026Q3",
	       "kpi: as-of Sep 30 -> default 2026Q3");
	is_str(kpi_period_format(kpi_default_period(D(2026, 9, 29)), buf), "2026Q2",
	       "kpi: as-of Sep 29 -> default 2026Q2");
	is_str(kpi_period_format(kpi_default_period(D(2026, 1, 1)), buf), "2025Q4",
	       "kpi: as-of Jan 1 -> default 2025Q4");
}

static void test_cost(void)
{
	revenue_cost_opts o;
	revenue_cost c;
	churn_err err;
	/* docs/domain.md: annual contract 10,000 + 20% expansion 2,000 + CAC 500. */
	revenue_cost_opts_init(&o);
	o.cac = 500;
	ok(revenue_cost_of_churn(&o, 10000.0 / 12, 1, &c, &err) == CHURN_OK, "cost: computes");
	is_double_rel(c.total, 12500, 1e-12, "cost: docs/domain.md's example is 12,500");
	o.cac = NAN;
	ok(revenue_cost_of_churn(&o, 10000.0 / 12, 1, &c, &err) == CHURN_OK && !c.cac_known &&
	   isnan(c.sunk_cac), "cost: unknown CAC is left out");
	is_double_rel(c.total, 12000, 1e-12, "cost: total without CAC 12,000");
	o.expansion_rate = -1;
	ok(revenue_cost_of_churn(&o, 1, 1, &c, &err) == CHURN_EUSAGE, "cost: negative rate");
}

int main(void)
{
	gsl_set_error_handler_off();
	test_periods();
	test_mid_month();
	test_empty_quarter();
	test_prop_test();
	test_parse();
	test_cost();
	return done_testing();
}
