/*
 * revenue.h - MRR movements, revenue retention and the cost of churn.
 *
 * A period here is a run of whole calendar months first_month..last_month
 * (month indexes, date.h).  Its start MRR is the MRR of the month before it
 * (the MRR a customer carries into the period's first day) and its end MRR
 * is the MRR of its last month.
 *
 * With a revenue history (revenue_history: rows of customer index, month
 * index, MRR) a customer's MRR in month m is the sum of their rows for m
 * (several rows = several subscriptions), 0 when there is none.  A customer
 * is paying in m when that MRR is > 0.  Each month m is compared with m-1,
 * customer by customer, as ChartMogul and Baremetrics classify movements:
 *   new          MRR(m-1) = 0, MRR(m) > 0, never paying in any earlier month
 *                of the history: + MRR(m)
 *   reactivation MRR(m-1) = 0, MRR(m) > 0, paying in some earlier month:
 *                + MRR(m)
 *   expansion    0 < MRR(m-1) < MRR(m): + MRR(m) - MRR(m-1)
 *   contraction  0 < MRR(m) < MRR(m-1): + MRR(m-1) - MRR(m)
 *   churned      MRR(m-1) > 0, MRR(m) = 0: + MRR(m-1)
 * A period's movements are the sums of its months' movements (a quarter
 * counts a churn and a later reactivation inside it both).  The first month
 * of the history has no month before it, so only periods whose month before
 * lies in the history are covered; the others are flagged not covered and
 * hold NaN.
 *
 * Churn dates (churn_month, from the customers' file) come first: churn is
 * counted at the churn date, as the logo counts are (docs/contract.md), although
 * billing usually keeps a row in the month a customer leaves.  For a
 * customer whose churn date falls in month e:
 *   - their MRR counts as 0 from month e on: a row for month e is not
 *     retained MRR and makes no expansion or contraction, and rows for later
 *     months are ignored (the revenue loader leaves out a 0 or empty one
 *     as the churn itself and rejects a paying one, revhist.h);
 *   - in month e they are churned with their churn MRR: the MRR of their
 *     last revenue month at or before e, i.e. their row for e when it is
 *     > 0, else their MRR of month e-1.  A customer paying nothing in e-1
 *     and e had already left the revenue books in an earlier month (booked
 *     churned then) and is not booked again.  One who starts paying in e
 *     (new, or back after a gap) is new or reactivation and churned in e
 *     with the same MRR;
 *   - the churn MRR may differ from the MRR they carried into month e (a
 *     price change billed in the churn month); that difference, summed, is
 *     mrr_churn_change, so that exactly, for every month and period,
 *       end = start + new + reactivation + expansion - contraction
 *             - churned + churn_change.
 *     Without churn dates (churn_month NULL) churn_change is 0.
 * With customers churning at month ends and MRR changes only between
 * months, the rule is the plain month-against-month one above.
 *
 * Revenue retention follows only the customers paying at the start of the
 * period (docs/contract.md), comparing each one's end MRR with their start MRR:
 *   start_churned     sum of the start MRR of those paying nothing at the
 *                     end (churned by their churn date inside the period,
 *                     or no longer billed): the MRR they brought into the
 *                     period, whatever they paid in between
 *   start_contraction sum of (start - end) of those paying less, not zero
 *   start_expansion   sum of (end - start) of those paying more
 *   grr = (mrr_start - start_churned - start_contraction) / mrr_start
 *       = sum of min(start, end) / mrr_start, so 0 <= grr <= 1
 *   nrr = grr + start_expansion / mrr_start
 *       = sum of their end MRR / mrr_start
 * The movements above are the other view, month by month as they happen
 * (ChartMogul's and Baremetrics' MRR movements): a start customer who
 * expands and then churns inside a period is expansion and then churned at
 * the MRR they left with, so mrr_churned may exceed what the customer
 * brought in; grr and nrr see neither the expansion nor the extra churn.
 * For a single month the two views agree except for the churn change (a
 * price change billed in the churn month) and the customers who are new in
 * the month; for a quarter a customer who left and came back counts by
 * where they ended, and new customers' movements are left out.
 * Further ratios (NaN when the denominator is 0):
 *   gross_mrr_churn = (mrr_churned + mrr_contraction) / mrr_start (the
 *                     movements' ratio; it is 1 - grr unless customers new
 *                     in the period churn or a start customer's MRR goes
 *                     both up and down inside it, e.g. expands, then churns)
 *   net_mrr_churn   = (mrr_churned + mrr_contraction - mrr_expansion
 *                      - mrr_reactivation) / mrr_start   (ChartMogul's net
 *                      MRR churn rate; negative = net expansion)
 *   quick_ratio     = (mrr_new + mrr_expansion + mrr_reactivation)
 *                     / (mrr_churned + mrr_contraction)
 *   arpa            = mrr_end / n_end (average revenue per paying account)
 *   ltv             = arpa / the trailing average monthly churn rate, set
 *                     by kpi.h (see there: the mean of up to 6 monthly
 *                     rates of paying customers lost / paying at start).
 *
 * Without a history, kpi.h takes each customer's value as constant MRR over
 * their active days and fills the same record (expansion, contraction and
 * reactivation 0).
 *
 * Cost of churn (docs/domain.md's worked example): for MRR lost M by L customers,
 *   annual_value   = 12 x M                        (lost annual value)
 *   lost_expansion = expansion_rate x annual_value  (default rate 0.20)
 *   sunk_cac       = cac x L                        (NaN when CAC unknown)
 *   total          = annual_value + lost_expansion + sunk_cac (the CAC term
 *                    is left out, and cac_known = 0, when CAC is unknown).
 *
 * Ownership: nothing here allocates a result; callers allocate the output
 * arrays (one revenue_period per span).  Inputs are borrowed.
 */
#ifndef CHURNKIT_REVENUE_H
#define CHURNKIT_REVENUE_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/err.h"

/* Revenue history rows, n each (borrowed).  customer[i] < ncustomers;
 * mrr[i] finite and >= 0. */
typedef struct {
	size_t n;
	const size_t *customer;
	const int32_t *month;    /* month index (date_month_index) */
	const double *mrr;
	size_t ncustomers;
	/* Churn month (month index) of each of the ncustomers customers, or
	 * INT32_MAX when not churned by as-of; NULL = no churn dates (the
	 * classification then uses the revenue rows alone).  kpi_compute sets
	 * it from the customers' churn dates. */
	const int32_t *churn_month;
} revenue_history;

/* A period as a run of months, first_month <= last_month. */
typedef struct {
	int32_t first_month;
	int32_t last_month;
} revenue_span;

typedef struct {
	int covered;             /* 0: no revenue data for this period (NaN) */
	double mrr_start, mrr_new, mrr_expansion, mrr_contraction, mrr_churned,
	       mrr_reactivation, mrr_end;
	double mrr_churn_change; /* churn MRR - MRR carried into the churn month */
	double start_churned, start_contraction, start_expansion;
	size_t n_start;          /* paying customers at the start */
	size_t n_new, n_reactivated, n_churned;
	size_t n_end;            /* paying customers at the end */
	double grr, nrr, gross_mrr_churn, net_mrr_churn, quick_ratio, arpa;
	                         /* a grr, nrr or net_mrr_churn numerator within
	                            rounding of 0 (16 ulps of its terms) is 0:
	                            never a -1e-17 printed as -0.00 */
	/* The noise of grr and nrr (docs/outputs.md, "Arrows and colour"):
	 * each a ratio estimator sum(y) / sum(x) over the n_start customers
	 * paying at the start, x a customer's start MRR and y what of it is
	 * kept (grr: x less its churned or contracted MRR; nrr: with its
	 * expansion), its delta-method variance
	 *   n / (n - 1) * sum((y - R x)^2) / sum(x)^2
	 * from the sums below; NaN with fewer than two such customers. */
	double s_x2, s_xg, s_g2, s_xn, s_n2;
	double grr_var, nrr_var;
	double ltv;              /* arpa / ltv_churn_rate */
	double ltv_churn_rate;   /* trailing mean monthly churn rate */
	size_t ltv_months;       /* months averaged (up to the setting) */
} revenue_period;

/* Sets every number of *p to NaN or 0 and covered to 0. */
void revenue_period_clear(revenue_period *p);

/* Computes grr, nrr, gross_mrr_churn, net_mrr_churn, quick_ratio and arpa
 * from the sums in *p (ltv is left alone).  Does nothing when !covered. */
void revenue_period_finish(revenue_period *p);

/* The two-sided p-value of the difference of two such ratios (grr or nrr
 * of two periods, with their variances), by the normal approximation,
 * treating the periods as independent; NaN when a variance is unknown or
 * both are 0. */
double revenue_change_p(double r1, double var1, double r2, double var2);

/* Checks the rows: customer indexes in range, MRR finite and >= 0.
 * CHURN_EDATA names the first bad row (0-based). */
churn_status revenue_history_check(const revenue_history *h, churn_err *err);

/* Computes out[j] for each of the nspans spans from the history, using only
 * months <= last_month (the last month ended by as-of; rows after it are
 * ignored).  Spans reaching past last_month or starting before the second
 * month of the history are left not covered.  Ratios are finished
 * (revenue_period_finish); ltv is NaN.  Returns CHURN_EDATA for bad rows,
 * CHURN_ENOMEM when out of memory. */
churn_status revenue_from_history(const revenue_history *h, int32_t last_month,
                                  const revenue_span *spans, size_t nspans,
                                  revenue_period *out, churn_err *err);

typedef struct {
	double expansion_rate;   /* 0.20 */
	double cac;              /* acquisition cost per customer; NaN = unknown */
	double months_per_year;  /* 12 */
} revenue_cost_opts;

typedef struct {
	double mrr_churned;
	size_t customers_lost;
	double months_per_year;
	double annual_value;
	double expansion_rate;
	double lost_expansion;
	double cac;
	int cac_known;
	double sunk_cac;         /* NaN when CAC unknown */
	double total;
} revenue_cost;

void revenue_cost_opts_init(revenue_cost_opts *o);

/* Cost of churn for MRR `mrr_churned` lost with `customers_lost`
 * customers.  CHURN_EUSAGE for a negative or non-finite rate or CAC, or a
 * NaN MRR. */
churn_status revenue_cost_of_churn(const revenue_cost_opts *o, double mrr_churned,
                                   size_t customers_lost, revenue_cost *out,
                                   churn_err *err);

#endif
