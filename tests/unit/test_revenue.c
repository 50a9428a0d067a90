/* test_revenue.c - MRR movements from a revenue history, hand-computed. */
#include "churnkit/revenue.h"
#include "churnkit/date.h"
#include "churnkit/kpi.h"
#include "churnkit/table.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define TOL 1e-12
#define M(y, m) ((int32_t)((y) * 12 + (m) - 1))

/* Months Jan..May 2024 (MRR by month; blank = no row):
 *        Jan  Feb  Mar    Apr  May
 *   c0   100  100  150    150  120     expansion Mar, contraction May
 *   c1    50   -    -      80   80     churn Feb, reactivation Apr
 *   c2    -   200  200     -    -      new Feb, churn Apr
 *   c3    -    -   30+20   40   60     new Mar (two rows), contraction Apr,
 *                                      expansion May
 * Totals: Jan 150, Feb 300, Mar 400, Apr 270, May 260. */
static const size_t cust[] = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3};
static const int32_t mon[] = {M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4), M(2024, 5),
                              M(2024, 1), M(2024, 4), M(2024, 5), M(2024, 2), M(2024, 3),
                              M(2024, 3), M(2024, 3), M(2024, 4), M(2024, 5)};
static const double mrr[] = {100, 100, 150, 150, 120, 50, 80, 80, 200, 200, 30, 20, 40, 60};

static void history(revenue_history *h)
{
	h->n = sizeof mrr / sizeof mrr[0];
	h->customer = cust;
	h->month = mon;
	h->mrr = mrr;
	h->ncustomers = 4;
	h->churn_month = NULL;
}

static void test_months(void)
{
	revenue_history h;
	revenue_span s[7];
	revenue_period p[7];
	churn_err err;

	history(&h);
	for (int j = 0; j < 5; j++)
		s[j].first_month = s[j].last_month = M(2024, 1 + j);
	s[5].first_month = M(2024, 3), s[5].last_month = M(2024, 5); /* a quarter-like span */
	s[6].first_month = M(2024, 5), s[6].last_month = M(2024, 6); /* past the last month */
	if (!ok(revenue_from_history(&h, M(2024, 5), s, 7, p, &err) == CHURN_OK,
	        "revenue: history computes"))
		return;
	ok(!p[0].covered && isnan(p[0].mrr_start), "revenue: the first month has no month before");
	ok(!p[6].covered, "revenue: a span past the last month is not covered");

	/* Feb: start 150; new c2 200; churned c1 50; end 300; grr = nrr =
	 * (150-50)/150; gross = net = 50/150; quick 200/50; arpa 300/2. */
	is_double_rel(p[1].mrr_start, 150, TOL, "revenue: Feb start 150");
	is_double_rel(p[1].mrr_new, 200, TOL, "revenue: Feb new 200");
	is_double_rel(p[1].mrr_churned, 50, TOL, "revenue: Feb churned 50");
	is_double_rel(p[1].mrr_end, 300, TOL, "revenue: Feb end 300");
	is_double_rel(p[1].grr, 2.0 / 3, TOL, "revenue: Feb GRR 100/150");
	is_double_rel(p[1].quick_ratio, 4, TOL, "revenue: Feb quick ratio 200/50");
	is_double_rel(p[1].arpa, 150, TOL, "revenue: Feb ARPA 300/2");
	/* Mar: c0 +50 expansion, c3 new 30+20 = 50; end 400; grr 1, nrr 350/300;
	 * quick (50+50)/0 undefined. */
	is_double_rel(p[2].mrr_expansion, 50, TOL, "revenue: Mar expansion 50");
	is_double_rel(p[2].mrr_new, 50, TOL, "revenue: rows of one month add up (30+20)");
	is_double_rel(p[2].grr, 1, TOL, "revenue: Mar GRR 1");
	is_double_rel(p[2].nrr, 350.0 / 300, TOL, "revenue: Mar NRR 350/300");
	ok(isnan(p[2].quick_ratio), "revenue: quick ratio with nothing lost is undefined");
	/* Apr: start 400; c1 reactivation 80; c2 churned 200; c3 contraction
	 * 10; end 270 = 400 + 80 - 200 - 10.  grr = nrr = (400-200-10)/400;
	 * gross (200+10)/400; net (210-80)/400; quick 80/210; arpa 270/3. */
	is_double_rel(p[3].mrr_reactivation, 80, TOL, "revenue: Apr reactivation 80");
	is_double_rel(p[3].mrr_new, 0, TOL, "revenue: a reactivation is not new");
	is_double_rel(p[3].mrr_churned, 200, TOL, "revenue: Apr churned 200");
	is_double_rel(p[3].mrr_contraction, 10, TOL, "revenue: Apr contraction 10");
	is_double_rel(p[3].mrr_end, 270, TOL, "revenue: Apr end 270");
	is_double_rel(p[3].grr, 0.475, TOL, "revenue: Apr GRR 190/400");
	is_double_rel(p[3].net_mrr_churn, 0.325, TOL, "revenue: Apr net MRR churn 130/400");
	is_double_rel(p[3].quick_ratio, 80.0 / 210, TOL, "revenue: Apr quick ratio 80/210");
	is_int(p[3].n_reactivated, 1, "revenue: Apr one reactivated customer");
	/* May: c0 contraction 30, c3 expansion 20; grr 240/270, nrr 260/270. */
	is_double_rel(p[4].grr, 240.0 / 270, TOL, "revenue: May GRR 240/270");
	is_double_rel(p[4].nrr, 260.0 / 270, TOL, "revenue: May NRR 260/270");
	/* Mar..May: start = Feb 300 (c0 100, c2 200).  Movements summed: new 50,
	 * reactivation 80, expansion 50+20, contraction 10+30, churned 200;
	 * 300 + 50 + 80 + 70 - 40 - 200 = 260.  Start customers end to end: c0
	 * 100 -> 120 (+20), c2 200 -> 0: grr 100/300, nrr 120/300. */
	is_double_rel(p[5].mrr_start, 300, TOL, "revenue: span start = MRR of the month before");
	is_double_rel(p[5].mrr_expansion, 70, TOL, "revenue: span expansion sums months");
	is_double_rel(p[5].mrr_contraction, 40, TOL, "revenue: span contraction sums months");
	is_double_rel(p[5].mrr_end, 260, TOL, "revenue: span end 260");
	is_double_rel(p[5].start_expansion, 20, TOL, "revenue: start customers' net expansion");
	is_double_rel(p[5].grr, 1.0 / 3, TOL, "revenue: span GRR 100/300");
	is_double_rel(p[5].nrr, 0.4, TOL, "revenue: span NRR 120/300");
}

static void test_kpi_history(void)
{
	revenue_history h;
	int32_t start[4], end_[4] = {TABLE_DATE_NA, TABLE_DATE_NA, TABLE_DATE_NA, TABLE_DATE_NA};
	cohort_customers c = {0};
	kpi_opts o;
	kpi_result *r = NULL;
	churn_err err;

	history(&h);
	start[0] = start[1] = date_from_civil(2024, 1, 1);
	start[2] = date_from_civil(2024, 2, 1);
	start[3] = date_from_civil(2024, 3, 1);
	c.n = 4;
	c.start = start;
	c.end = end_;
	c.as_of = date_from_civil(2024, 5, 31);
	kpi_opts_init(&o);
	o.revenue = &h;
	o.has_period = 1;
	kpi_period_parse("2024-05", &o.period, &err);
	if (!ok(kpi_compute(&c, &o, &r, &err) == CHURN_OK, "revenue: kpi with a history"))
		return;
	ok(r->mrr_source == KPI_MRR_HISTORY, "revenue: kpi says the MRR comes from the history");
	ok(!r->months[0].mrr.covered, "revenue: kpi Jan not covered");
	/* May LTV: monthly churn of paying customers Feb 1/2, Mar 0/2, Apr 1/3,
	 * May 0/3 (Jan not covered): mean 5/24; ARPA 260/3; LTV = 416. */
	is_int(r->months[4].mrr.ltv_months, 4, "revenue: LTV over the 4 covered months");
	is_double_rel(r->months[4].mrr.ltv_churn_rate, 5.0 / 24, TOL, "revenue: LTV churn 5/24");
	is_double_rel(r->months[4].mrr.ltv, 416, TOL, "revenue: LTV (260/3)/(5/24) = 416");
	/* Cost of churn for May: MRR churned 0 (nobody went to 0). */
	ok(r->has_cost && r->cost.annual_value == 0, "revenue: May cost of churn is 0");
	kpi_result_free(r);
}

static void test_bad(void)
{
	revenue_history h;
	revenue_span s = {M(2024, 2), M(2024, 2)};
	revenue_period p;
	churn_err err;
	double bad[14];
	size_t badc[14];

	history(&h);
	for (int i = 0; i < 14; i++)
		bad[i] = mrr[i], badc[i] = cust[i];
	bad[3] = -1;
	h.mrr = bad;
	ok(revenue_from_history(&h, M(2024, 5), &s, 1, &p, &err) == CHURN_EDATA,
	   "revenue: negative MRR is a data error");
	bad[3] = NAN;
	ok(revenue_from_history(&h, M(2024, 5), &s, 1, &p, &err) == CHURN_EDATA,
	   "revenue: missing MRR is a data error");
	h.mrr = mrr;
	badc[0] = 4;
	h.customer = badc;
	ok(revenue_from_history(&h, M(2024, 5), &s, 1, &p, &err) == CHURN_EDATA,
	   "revenue: customer index out of range");
	h.customer = cust;
	h.n = 0;
	ok(revenue_from_history(&h, M(2024, 5), &s, 1, &p, &err) == CHURN_OK && !p.covered,
	   "revenue: an empty history covers nothing");
}

/* Churn counted at the churn date (revenue.h).  Months Jan..Apr 2024,
 * churn month in brackets:
 *        Jan  Feb  Mar  Apr
 *   c0   100  100  120   -   [Mar] billed 120 in the month it left
 *   c1    50   50   -    -   [Mar] no row in its churn month
 *   c2    -    -    30   -   [Mar] joined and left in March
 *   c3    80   80   80   80  [Feb] rows after the churn month are ignored
 *   c4    40   -    -    -   [Mar] stopped paying before its churn date
 *   c5    60   60   60   60  (active)
 * Feb: start 330; churned c3 80 (its Feb row is not retained) and c4 40
 * (paying nothing in Feb); end 210.
 * Mar: start 210; churned c0 120 (its churn-month row, not an expansion:
 * churn change +20), c1 50 (Feb MRR), c2 30 (also new 30); c4 is not
 * booked again; end 60 = 210 + 30 - 200 + 20.  GRR compares start with
 * end: c0 and c1 lose the 100 and 50 they brought in, (210 - 150) / 210.
 * Apr: nothing moves (c3's April row is not a reactivation).
 * Feb..Apr: start 330, churned 320, new 30, change 20, end 60; start
 * customers churned c0 100 + c1 50 + c3 80 + c4 40 = 270 (their January
 * MRR): GRR = NRR = 60/330, c5's end MRR over the start. */
static void test_churn_dates(void)
{
	static const size_t cu[] = {0, 0, 0, 1, 1, 2, 3, 3, 3, 3, 4, 5, 5, 5, 5};
	static const int32_t mo[] = {M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 1), M(2024, 2),
	                             M(2024, 3), M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4),
	                             M(2024, 1), M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4)};
	static const double mr[] = {100, 100, 120, 50, 50, 30, 80, 80, 80, 80, 40, 60, 60, 60, 60};
	const int32_t cm[] = {M(2024, 3), M(2024, 3), M(2024, 3), M(2024, 2), M(2024, 3),
	                      INT32_MAX};
	revenue_history h = {sizeof mr / sizeof mr[0], cu, mo, mr, 6, cm};
	revenue_span s[4] = {{M(2024, 2), M(2024, 2)}, {M(2024, 3), M(2024, 3)},
	                     {M(2024, 4), M(2024, 4)}, {M(2024, 2), M(2024, 4)}};
	revenue_period p[4];
	churn_err err;

	if (!ok(revenue_from_history(&h, M(2024, 4), s, 4, p, &err) == CHURN_OK,
	        "churn dates: history computes"))
		return;
	is_double_rel(p[0].mrr_start, 330, TOL, "churn dates: Feb start 330");
	is_double_rel(p[0].mrr_churned, 120, TOL, "churn dates: Feb churned 80 + 40 (row in the "
	              "churn month is churned, not retained)");
	is_double_rel(p[0].mrr_end, 210, TOL, "churn dates: Feb end 210");
	is_double_rel(p[1].mrr_churned, 200, TOL, "churn dates: Mar churned 120 + 50 + 30");
	is_int(p[1].n_churned, 3, "churn dates: Mar 3 paying customers churned");
	is_double_rel(p[1].mrr_expansion, 0, TOL, "churn dates: a churn-month row is no expansion");
	is_double_rel(p[1].mrr_new, 30, TOL, "churn dates: joined in the churn month is new");
	is_double_rel(p[1].mrr_churn_change, 20, TOL, "churn dates: churn change 120 - 100");
	is_double_rel(p[1].mrr_end, 60, TOL, "churn dates: Mar end 60");
	is_double_rel(p[1].grr, 60.0 / 210, TOL, "churn dates: Mar GRR (210 - 100 - 50) / 210, "
	              "c0 losing the 100 it brought in, not its churn-month 120");
	is_double_rel(p[2].mrr_reactivation, 0, TOL,
	              "churn dates: a row after the churn month is no reactivation");
	is_double_rel(p[2].mrr_end, 60, TOL, "churn dates: Apr end 60");
	is_double_rel(p[3].mrr_churned, 320, TOL, "churn dates: Feb..Apr churned 320");
	is_double_rel(p[3].mrr_start + p[3].mrr_new + p[3].mrr_reactivation + p[3].mrr_expansion -
	              p[3].mrr_contraction - p[3].mrr_churned + p[3].mrr_churn_change,
	              p[3].mrr_end, TOL, "churn dates: end = start + movements + churn change");
	is_double_rel(p[3].start_churned, 270, TOL, "churn dates: start customers churned 270, "
	              "at their start MRR");
	is_double_rel(p[3].grr, 60.0 / 330, TOL, "churn dates: Feb..Apr GRR 60/330");
	is_double_rel(p[3].nrr, 60.0 / 330, TOL, "churn dates: Feb..Apr NRR 60/330");

	/* The same rows without churn dates: the old month-against-month view. */
	h.churn_month = NULL;
	if (!ok(revenue_from_history(&h, M(2024, 4), s, 4, p, &err) == CHURN_OK,
	        "churn dates: history without them computes"))
		return;
	is_double_rel(p[1].mrr_expansion, 20, TOL, "no churn dates: Mar expansion 20");
	is_double_rel(p[1].mrr_churn_change, 0, TOL, "no churn dates: no churn change");
}

/* A start customer whose MRR moves and who then churns inside the period
 * (docs/outputs.md, "Revenue retention"), months Dec 2025..Mar 2026, the
 * period Jan..Mar (start = December), churn month in brackets:
 *        Dec  Jan   Feb   Mar
 *   c0   100  1000  1000   -   [Mar] expands, then churns
 *   c1   100   50    -     -   [Feb] contracts, then churns
 *   c2   100  100   100   100        stays
 *   c3    -    -     40    40        new in Feb
 * Movements as they happen: expansion 900 (c0), contraction 50 (c1),
 * churned 1000 (c0, the MRR it left with) + 50 (c1), new 40; end 140 =
 * 300 + 40 + 900 - 50 - 1050.  Start against end: c0 and c1 lose the 100
 * each brought in, GRR = NRR = 100/300 (c2's end MRR over the start), not
 * (300 - 1000 - 50) / 300 < 0 nor the 200/300 that a churn counted at 50
 * gives; gross MRR churn (1050 + 50) / 300 also counts c0's expansion. */
static void test_move_then_churn(void)
{
	static const size_t cu[] = {0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 3};
	static const int32_t mo[] = {M(2025, 12), M(2026, 1), M(2026, 2), M(2025, 12),
	                             M(2026, 1),  M(2025, 12), M(2026, 1), M(2026, 2),
	                             M(2026, 3),  M(2026, 2), M(2026, 3)};
	static const double mr[] = {100, 1000, 1000, 100, 50, 100, 100, 100, 100, 40, 40};
	const int32_t cm[] = {M(2026, 3), M(2026, 2), INT32_MAX, INT32_MAX};
	revenue_history h = {sizeof mr / sizeof mr[0], cu, mo, mr, 4, cm};
	revenue_span s[3] = {{M(2026, 1), M(2026, 3)}, {M(2026, 2), M(2026, 2)},
	                     {M(2026, 3), M(2026, 3)}};
	revenue_period p[3];
	churn_err err;

	if (!ok(revenue_from_history(&h, M(2026, 3), s, 3, p, &err) == CHURN_OK && p[0].covered,
	        "move then churn: history computes"))
		return;
	is_double_rel(p[0].mrr_start, 300, TOL, "move then churn: start 300");
	is_double_rel(p[0].mrr_expansion, 900, TOL, "move then churn: expansion 900 (c0)");
	is_double_rel(p[0].mrr_contraction, 50, TOL, "move then churn: contraction 50 (c1)");
	is_double_rel(p[0].mrr_churned, 1050, TOL,
	              "move then churn: churned 1050, each at the MRR it left with");
	is_double_rel(p[0].mrr_end, 140, TOL, "move then churn: end 140");
	is_double_rel(p[0].mrr_start + p[0].mrr_new + p[0].mrr_reactivation +
	              p[0].mrr_expansion - p[0].mrr_contraction - p[0].mrr_churned +
	              p[0].mrr_churn_change, p[0].mrr_end, TOL,
	              "move then churn: the bridge balances");
	is_double_rel(p[0].start_churned, 200, TOL,
	              "move then churn: start customers churned 200, the 100 each brought in");
	is_double_rel(p[0].start_contraction, 0, TOL,
	              "move then churn: c1's contraction before its churn is not counted twice");
	is_double_rel(p[0].start_expansion, 0, TOL,
	              "move then churn: c0's expansion before its churn is not retained");
	is_double_rel(p[0].grr, 1.0 / 3, TOL, "move then churn: GRR 100/300");
	is_double_rel(p[0].nrr, 1.0 / 3, TOL, "move then churn: NRR 100/300, c2's end MRR");
	is_double_rel(p[0].gross_mrr_churn, 1100.0 / 300, TOL,
	              "move then churn: gross MRR churn (1050 + 50) / 300, the movements");
	/* The churn months alone: Feb starts from c0 1000, c1 50, c2 100; Mar
	 * from c0 1000, c2 100, c3 40. */
	is_double_rel(p[1].grr, 1100.0 / 1150, TOL, "move then churn: Feb GRR 1100/1150");
	is_double_rel(p[2].grr, 140.0 / 1140, TOL, "move then churn: Mar GRR 140/1140");
	is_double_rel(p[2].gross_mrr_churn, 1.0 - p[2].grr, TOL,
	              "move then churn: Mar gross MRR churn = 1 - GRR (no move inside a month)");
}

/* Churn and expansion that cancel in exact arithmetic: churned 0.3 and
 * expansions 0.1 + 0.2 (0.30000000000000004 in doubles).  The net MRR churn
 * rate is 0, not -9e-17, which printed as -0.00 (text) and as a negative
 * number (JSON) before revenue_period_finish settled it. */
static void test_no_negative_zero(void)
{
	static const size_t c[] = {0, 1, 1, 2, 2};
	static const int32_t m[] = {M(2024, 1), M(2024, 1), M(2024, 2), M(2024, 1), M(2024, 2)};
	static const double v[] = {0.3, 0.1, 0.2, 0.2, 0.4};
	revenue_history h = {5, c, m, v, 3, NULL};
	revenue_span s = {M(2024, 2), M(2024, 2)};
	revenue_period p;
	churn_err err;
	char buf[32];

	churn_err_clear(&err);
	if (!ok(revenue_from_history(&h, M(2024, 2), &s, 1, &p, &err) == CHURN_OK && p.covered,
	        "cancelling movements: computed"))
		return;
	ok(p.mrr_expansion > p.mrr_churned, "cancelling movements: the sums differ in doubles");
	ok(p.net_mrr_churn == 0.0 && !signbit(p.net_mrr_churn),
	   "cancelling movements: net MRR churn exactly +0");
	snprintf(buf, sizeof buf, "%.2f", 100 * p.net_mrr_churn);
	is_str(buf, "0.00", "cancelling movements: printed as 0.00, not -0.00");
	is_double_rel(p.nrr, 1.0, 1e-15, "cancelling movements: NRR 1");
}

int main(void)
{
	test_no_negative_zero();
	test_months();
	test_churn_dates();
	test_move_then_churn();
	test_kpi_history();
	test_bad();
	return done_testing();
}
