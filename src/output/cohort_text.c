/* cohort_text.c - the plain-text summary of cohorts and period KPIs; see
 * include/churnkit/cohort_output.h.  Writes only to the caller's FILE*. */
#include "churnkit/cohort_output.h"

#include <math.h>
#include <stdio.h>

#include "churnkit/cell.h"
#include "churnkit/date.h"
#include "churnkit/fmtnum.h"
#include "churnkit/num.h"

/* "  95.0" or "    NA" (undefined) in a 7-wide column. */
static void pct(FILE *f, double x)
{
	char b[32];
	fprintf(f, " %6s", cell_fix(100.0 * x, 1, b, sizeof b));
}

static void money(FILE *f, double x, int width)
{
	char b[32];
	fprintf(f, " %*s", width, cell_fix(x, 2, b, sizeof b));
}

static void print_triangle(FILE *f, const cohort_triangle *t, int value, const char *title)
{
	char m[8];

	fprintf(f, "\n%s\n", title);
	if (t->nrows == 0) {
		fprintf(f, "  (no cohort has a complete month yet)\n");
		return;
	}
	fprintf(f, "%-8s %8s ", "cohort", "size");
	for (size_t k = 0; k < t->kmax; k++) {
		char h[24];
		snprintf(h, sizeof h, "k%zu", k);
		fprintf(f, " %6s", h);
	}
	fputc('\n', f);
	for (size_t r = 0; r < t->nrows; r++) {
		const cohort_row *row = &t->rows[r];
		double base = value ? row->value : (double)row->size;
		fprintf(f, "%-8s %8zu%c", date_format_month(row->cohort, m), row->size,
		        row->thin ? '*' : ' ');
		for (size_t k = 0; k < row->nk; k++) {
			double num = value ? row->value_retained[k] : (double)row->retained[k];
			pct(f, base > 0.0 ? num / base : NAN);
		}
		fputc('\n', f);
	}
	fprintf(f, "%-8s %8s ", "mean", "");
	for (size_t k = 0; k < t->kmax; k++)
		pct(f, value ? t->value_mean_simple[k] : t->mean_simple[k]);
	fprintf(f, "\n%-8s %8s ", "weighted", "");
	for (size_t k = 0; k < t->kmax; k++)
		pct(f, value ? t->value_mean_weighted[k] : t->mean_weighted[k]);
	fprintf(f, "\n%-8s %8s ", "cohorts", "");
	for (size_t k = 0; k < t->kmax; k++)
		fprintf(f, " %6zu", t->n_cohorts[k]);
	fputc('\n', f);
}

static void print_groups(FILE *f, const cohort_result *c)
{
	char title[512];
	for (size_t g = 0; g < c->ngroups; g++) {
		snprintf(title, sizeof title, "%s = %s: customers (%%)",
		         c->group_name != NULL ? c->group_name : "group", c->groups[g].level);
		print_triangle(f, &c->groups[g], 0, title);
		if (c->has_value) {
			snprintf(title, sizeof title, "%s = %s: revenue (%%)",
			         c->group_name != NULL ? c->group_name : "group", c->groups[g].level);
			print_triangle(f, &c->groups[g], 1, title);
		}
	}
}

/* The overall triangle of c[0], then the group triangles of each result. */
static void print_cohorts(FILE *f, const cohort_result *const *cs, size_t nc)
{
	const cohort_result *c = cs[0];
	char d[11], m[8];

	fprintf(f, "Cohort retention by signup month, as of %s (last complete month %s)\n",
	        date_format(c->as_of, d), date_format_month(c->last_month, m));
	fprintf(f, "Cells: %% of the cohort not churned by the end of month k (k0 = signup "
	           "month); * = thin cohort (fewer than %zu customers).\n", c->min_n);
	print_triangle(f, &c->all, 0, "Customers (logo retention, %)");
	if (c->has_value)
		print_triangle(f, &c->all, 1, "Revenue (value retention, % of the cohort's MRR)");
	for (size_t j = 0; j < nc; j++)
		print_groups(f, cs[j]);
	if (c->n_future > 0 || c->n_partial > 0)
		fprintf(f, "\nLeft out: %zu starting after as-of, %zu in the current month's "
		           "cohort.\n", c->n_future, c->n_partial);
	for (size_t j = 0; j < nc; j++)
		if (cs[j]->ngroups > 0 && cs[j]->n_group_missing > 0)
			fprintf(f, "%zu customers without a %s value are in the overall triangle "
			           "only.\n", cs[j]->n_group_missing,
			        cs[j]->group_name != NULL ? cs[j]->group_name : "group");
}

static void print_kpi_rows(FILE *f, const kpi_row *rows, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		const kpi_row *p = &rows[j];
		fprintf(f, "%-8s %8zu %8zu %8zu %8zu", p->label, p->n_start, p->n_new, p->n_churned,
		        p->n_end);
		pct(f, p->churn_rate);
		pct(f, p->retention_rate);
		fputc('\n', f);
	}
}

static void ratio(FILE *f, double x)
{
	char b[32];
	fprintf(f, " %6s", cell_fix(x, 2, b, sizeof b));
}

static void print_mrr_rows(FILE *f, const kpi_row *rows, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		const revenue_period *m = &rows[j].mrr;
		fprintf(f, "%-8s", rows[j].label);
		money(f, m->mrr_start, 12);
		money(f, m->mrr_new, 10);
		money(f, m->mrr_expansion, 10);
		money(f, m->mrr_contraction, 10);
		money(f, m->mrr_churned, 10);
		money(f, m->mrr_reactivation, 10);
		money(f, m->mrr_end, 12);
		pct(f, m->grr);
		pct(f, m->nrr);
		pct(f, m->gross_mrr_churn);
		pct(f, m->net_mrr_churn);
		ratio(f, m->quick_ratio);
		money(f, m->arpa, 9);
		money(f, m->ltv, 10);
		fputc('\n', f);
	}
}

/* One rate of the reporting-period table: "  12.34%" for each period and
 * "+1.23 pp" for the change, the difference of the two printed rates
 * (fmtnum_pct_change_shown); "NA" where a rate is not defined (no customers
 * or no MRR at the start). */
static void rate_line(FILE *f, const char *label, double cur, double prev)
{
	char b[32];
	double d = fmtnum_pct_change_shown(cur, prev, 2);
	fprintf(f, "  %-20s", label);
	fprintf(f, " %10s", fmtnum_pct_text(cur, 2, b, sizeof b));
	fprintf(f, " %10s", fmtnum_pct_text(prev, 2, b, sizeof b));
	if (isfinite(d))
		fprintf(f, " %+8.2f pp\n", d);
	else
		fprintf(f, " %11s\n", CELL_NA);
}

static void print_change(FILE *f, const kpi_result *k)
{
	const kpi_change *c = &k->change;
	const kpi_row *a = &c->current, *b = &c->previous;

	if (!c->has_current) {
		fprintf(f, "\nNo complete reporting period yet.\n");
		return;
	}
	fprintf(f, "\nReporting period %s", a->label);
	if (!c->has_previous) {
		fprintf(f, " (no previous period in the data)\n");
		return;
	}
	fprintf(f, " against %s\n", b->label);
	fprintf(f, "  %-20s %10s %10s %10s\n", "", a->label, b->label, "change");
	fprintf(f, "  %-20s %10zu %10zu %+10.0f\n", "customers at start", a->n_start, b->n_start,
	        c->d_start);
	fprintf(f, "  %-20s %10zu %10zu %+10.0f\n", "new", a->n_new, b->n_new, c->d_new);
	fprintf(f, "  %-20s %10zu %10zu %+10.0f\n", "churned", a->n_churned, b->n_churned,
	        c->d_churned);
	fprintf(f, "  %-20s %10zu %10zu %+10.0f\n", "customers at end", a->n_end, b->n_end,
	        c->d_end);
	rate_line(f, "churn rate", a->churn_rate, b->churn_rate);
	rate_line(f, "retention rate", a->retention_rate, b->retention_rate);
	if (a->mrr.covered && b->mrr.covered) {
		fprintf(f, "  %-20s", "MRR churned");
		money(f, a->mrr.mrr_churned, 10);
		money(f, b->mrr.mrr_churned, 10);
		if (isfinite(c->d_mrr_churned))
			fprintf(f, " %+10.2f\n", num_print_zero(c->d_mrr_churned, 2));
		else
			fprintf(f, " %10s\n", CELL_NA);
		rate_line(f, "GRR", a->mrr.grr, b->mrr.grr);
		rate_line(f, "NRR", a->mrr.nrr, b->mrr.nrr);
	}
	if (c->test_ok) {
		char p[64];
		fprintf(f, "  Churn rate change: z = %.3f, %s (two-proportion z test, "
		           "pooled, no continuity correction, two-sided).\n", c->z,
		        fmtnum_p_text_says(c->p_value, NAN, p, sizeof p));
	}
	else
		fprintf(f, "  Churn rate change not tested: %s.\n", c->test_note);
}

static void print_cost(FILE *f, const kpi_result *k)
{
	const revenue_cost *c = &k->cost;
	if (!k->has_cost) {
		if (!k->change.has_current)
			return;
		if (k->mrr_source == KPI_MRR_NONE)
			fprintf(f, "\nCost of churn, %s: not computed: it needs the MRR churned, "
			           "from --value COL (each customer's MRR) or --revenue FILE.\n",
			        k->change.current.label);
		else
			fprintf(f, "\nCost of churn, %s: not computed: the revenue history does not "
			           "cover the period (it needs the month before it).\n",
			        k->change.current.label);
		return;
	}
	fprintf(f, "\nCost of churn, %s: an estimate (customers lost: %zu, MRR churned: %.2f)\n",
	        k->change.current.label, c->customers_lost, c->mrr_churned);
	fprintf(f, "  lost annual value       %.0f x MRR churned          %14.2f\n",
	        c->months_per_year, c->annual_value);
	fprintf(f, "  lost expansion potential %.0f%% x annual value       %14.2f\n",
	        100 * c->expansion_rate, c->lost_expansion);
	if (c->cac_known)
		fprintf(f, "  sunk acquisition cost   CAC %.2f x customers lost %14.2f\n", c->cac,
		        c->sunk_cac);
	else
		fprintf(f, "  sunk acquisition cost   not counted (no CAC given)\n");
	fprintf(f, "  total                                            %14.2f\n", c->total);
	fprintf(f, "  Assumptions: the lost MRR would have continued for %.0f months; expansion "
	           "potential at the --expansion-rate %.2f; acquisition cost %s.\n",
	        c->months_per_year, c->expansion_rate,
	        c->cac_known ? "--cac per lost customer, already spent" : "not counted (no --cac)");
}

static void print_kpis(FILE *f, const kpi_result *k)
{
	fprintf(f, "\nPeriod KPIs: customers (complete periods only; rates in %%)\n");
	fprintf(f, "%-8s %8s %8s %8s %8s %6s%% %6s%%\n", "period", "start", "new", "churned",
	        "end", "churn", "retain");
	print_kpi_rows(f, k->months, k->nmonths);
	print_kpi_rows(f, k->quarters, k->nquarters);
	if (k->mrr_source != KPI_MRR_NONE) {
		fprintf(f, "\nRevenue movements (MRR; %s; ratios in %%, %s = not defined)\n",
		        k->mrr_source == KPI_MRR_HISTORY ? "from the revenue history"
		                                         : "each customer's value held constant",
		        CELL_NA);
		fprintf(f, "%-8s %12s %10s %10s %10s %10s %10s %12s %6s%% %6s%% %6s%% %6s%% %6s "
		           "%9s %10s\n", "period", "MRR start", "new", "expansion", "contract.",
		        "churned", "reactiv.", "MRR end", "GRR", "NRR", "gross", "net", "quick",
		        "ARPA", "LTV");
		print_mrr_rows(f, k->months, k->nmonths);
		print_mrr_rows(f, k->quarters, k->nquarters);
	}
	print_change(f, k);
	print_cost(f, k);
}

static void print_notes(FILE *f, const cohort_result *c, const kpi_result *k)
{
	fprintf(f, "\nNotes:\n");
	if (c != NULL) {
		fprintf(f, "- A cohort is the calendar month of the start date; month k of a cohort "
		           "is calendar month cohort+k (k0 = the signup month).\n"
		           "- A customer is retained in month k when not churned by its last day; a "
		           "month appears only when it has ended by as-of (as-of on or after its "
		           "last day), so the current month's cohort is not shown yet.\n"
		           "- Revenue retention: the MRR (--value) of the cohort's retained "
		           "customers over the cohort's MRR, each customer's value held constant; "
		           "missing values are left out of both.\n"
		           "- mean = simple mean of the cohorts' retention in month k; weighted = "
		           "retained / customers summed over the same cohorts (size-weighted); both "
		           "over only the cohorts that have month k and at least one customer, thin "
		           "ones (* = fewer than %zu customers, --min-n) included.\n",
		        c->min_n);
	}
	if (k != NULL) {
		fprintf(f, "- Periods are calendar months and quarters that begin on or after the "
		           "first start date and have ended by as-of; the period in progress is "
		           "left out.\n"
		           "- start = active on the period's first day; new = started in it; "
		           "churned = churn date in it (counted at the churn date); end = start + "
		           "new - churned.\n"
		           "- Customers who join and churn in the same period are %s.\n"
		           "- churn rate = churned / start; retention rate = (end - new) / start.\n"
		           "- The reporting period is --period, or else the last complete quarter "
		           "before as-of; its churn rate is compared with the period before by a "
		           "two-sided two-proportion z test (pooled, no continuity correction, as "
		           "R's prop.test(correct = FALSE)).\n",
		        k->exclude_same_period ? "left out of new and churned (--exclude-same-period)"
		                               : "counted as new and as churned");
		if (k->mrr_source == KPI_MRR_CONSTANT)
			fprintf(f, "- MRR: each customer's value (--value) taken as constant while "
			           "active (no expansion, contraction or reactivation); missing values "
			           "count as 0.\n");
		else if (k->mrr_source == KPI_MRR_HISTORY)
			fprintf(f, "- MRR from the revenue history (--revenue): a customer's MRR in a "
			           "month is their row for that month, 0 without one; each month is "
			           "compared with the month before: new (first paying month), "
			           "reactivation (paying again after a gap), expansion, contraction, "
			           "churned (paying nothing).  Churn is counted at the churn date: a "
			           "customer whose churn date falls in a month is churned in that "
			           "month with the MRR of their last revenue month at or before it "
			           "(their row for the churn month is not retained MRR, expansion or "
			           "contraction), as in the customer counts.  A period's start MRR is "
			           "the MRR of the month before it, its end MRR that of its last "
			           "month; the history's first month has no month before, so periods "
			           "starting then have no MRR (-).\n");
		if (k->mrr_source != KPI_MRR_NONE)
			fprintf(f, "- GRR = (start MRR - churned MRR - contraction) / start MRR and NRR "
			           "adds expansion, both over the customers paying at the start only, "
			           "start against end of the period.\n"
			           "- gross MRR churn = (churned + contraction) / start MRR; net MRR "
			           "churn subtracts expansion and reactivation (negative = net "
			           "expansion); quick ratio = (new + expansion + reactivation) / "
			           "(churned + contraction).\n"
			           "- ARPA = end MRR / paying customers at the end.  LTV = ARPA / the "
			           "mean monthly churn rate (paying customers lost / paying at the "
			           "month's start) of up to %zu months ending with the period's last "
			           "month: an estimate that assumes the churn rate stays as it was.\n",
			        k->ltv_months);
		if (k->has_cost)
			fprintf(f, "- Cost of churn (an estimate) = %.0f x MRR churned (lost annual "
			           "value) + expansion rate x that annual value (lost expansion "
			           "potential) + CAC x customers lost (sunk acquisition cost), for the "
			           "reporting period.\n", k->cost.months_per_year);
	}
}

churn_status cohort_print_text_multi(FILE *f, const cohort_result *const *c, size_t nc,
                                     const kpi_result *k, churn_err *err)
{
	if (f == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohort text: no stream");
	if (nc > 0 && c == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohort text: no results");
	if (nc > 0)
		print_cohorts(f, c, nc);
	if (k != NULL)
		print_kpis(f, k);
	if (nc > 0 || k != NULL)
		print_notes(f, nc > 0 ? c[0] : NULL, k);
	if (ferror(f))
		return churn_err_set(err, CHURN_EIO, "cohort text: write error");
	return CHURN_OK;
}

churn_status cohort_print_text(FILE *f, const cohort_result *c, const kpi_result *k,
                               churn_err *err)
{
	return cohort_print_text_multi(f, &c, c != NULL, k, err);
}
