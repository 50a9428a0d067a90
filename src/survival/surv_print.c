/*
 * surv_print.c - the plain-text survival summary (include/churnkit/
 * surv_print.h).  Layout, per curve:
 *
 *   plan = monthly: 412 customers, 180 churned
 *     median 354 days (95% CI 301 to 420), RMST to 730 days 402.1 (se 9.8)
 *         time   at risk   churned   survival   std.err    lower    upper
 *           90       371        41     0.9005    0.0147   0.8683   0.9250
 */
#include "churnkit/surv_print.h"

#include <math.h>
#include <string.h>

/* A number for reading: "NA" when R would print NA. */
static const char *fmt_num(char *buf, size_t n, double x, int digits)
{
	if (isnan(x))
		snprintf(buf, n, "NA");
	else if (isinf(x))
		snprintf(buf, n, x > 0 ? "Inf" : "-Inf");
	else if (x == floor(x) && fabs(x) < 1e15)
		snprintf(buf, n, "%.0f", x);
	else
		snprintf(buf, n, "%.*g", digits, x);
	return buf;
}

static const char *fmt_time(char *buf, size_t n, double x)
{
	if (isfinite(x) && x != floor(x) && fabs(x) < 1e6)
		snprintf(buf, n, "%.1f", x);
	else
		fmt_num(buf, n, x, 6);
	return buf;
}

static const char *fmt_p(char *buf, size_t n, double p, double log_p)
{
	if (isnan(p))
		snprintf(buf, n, "p = NA");
	else if (p == 0 || p < 1e-300)
		snprintf(buf, n, "p < 1e-300 (log p = %.1f)", log_p);
	else if (p < 1e-4)
		snprintf(buf, n, "p = %.2e", p);
	else
		snprintf(buf, n, "p = %.4f", p);
	return buf;
}

static void print_curve(FILE *f, const surv_analysis *a, const surv_curve *c,
                        const char *unit)
{
	char b1[64], b2[64], b3[64], b4[64], b5[64], b6[64], b7[64];
	const km_curve *k = c->km;
	int pct = (int)lround(a->opts.km.conf_level * 100);
	const char *u = unit ? unit : "";
	const char *sp = unit ? " " : "";

	if (c->by == NULL)
		fprintf(f, "All customers: ");
	else
		fprintf(f, "%s = %s: ", c->by, c->level ? c->level : "NA");
	fprintf(f, "%s customer%s, %s churned\n", fmt_num(b1, sizeof b1, k->n, 6),
	        k->n == 1 ? "" : "s", fmt_num(b2, sizeof b2, k->events, 6));
	if (isnan(c->stats.median))
		fprintf(f, "  median not reached");
	else
		fprintf(f, "  median %s%s%s (%d%% CI %s to %s)",
		        fmt_time(b1, sizeof b1, c->stats.median), sp, u, pct,
		        fmt_time(b2, sizeof b2, c->stats.median_lower),
		        fmt_time(b3, sizeof b3, c->stats.median_upper));
	fprintf(f, ", RMST to %s%s%s %s (se %s)\n",
	        fmt_time(b1, sizeof b1, c->stats.rmst_tau), sp, u,
	        fmt_num(b2, sizeof b2, c->stats.rmst, 5),
	        fmt_num(b3, sizeof b3, c->stats.rmst_se, 3));
	if (c->nat == 0)
		return;
	fprintf(f, "  %10s %9s %9s %10s %9s %8s %8s\n", "time", "at risk", "churned",
	        "survival", "std.err", "lower", "upper");
	for (size_t j = 0; j < c->nat; j++) {
		const km_at *r = &c->at[j];
		fprintf(f, "  %10s %9s %9s %10s %9s %8s %8s\n",
		        fmt_time(b1, sizeof b1, r->time), fmt_num(b2, sizeof b2, r->n_risk, 6),
		        fmt_num(b3, sizeof b3, r->n_event, 6),
		        fmt_num(b4, sizeof b4, r->surv, 4), fmt_num(b5, sizeof b5, r->se, 3),
		        fmt_num(b6, sizeof b6, r->lower, 4),
		        fmt_num(b7, sizeof b7, r->upper, 4));
	}
}

static void print_test(FILE *f, const surv_test *t)
{
	char b1[64], b2[64], b3[64], b4[96];
	const logrank_result *r = t->test;

	fprintf(f, "%s test by %s: chi-square %s on %d df, %s\n",
	        r->rho == 0 ? "Log-rank" : (r->rho == 1 ? "Peto-Peto" : "Weighted log-rank"),
	        t->by, fmt_num(b1, sizeof b1, r->chisq, 4), r->df,
	        fmt_p(b4, sizeof b4, r->p, r->log_p));
	fprintf(f, "  %-20s %10s %10s %10s\n", "level", "customers", "observed", "expected");
	for (uint32_t a = 0; a < r->k; a++) {
		const char *nm = r->level[a] < t->nlevels ? t->levels[r->level[a]] : "?";
		fprintf(f, "  %-20s %10s %10s %10s\n", nm, fmt_num(b1, sizeof b1, r->n[a], 6),
		        fmt_num(b2, sizeof b2, r->observed[a], 5),
		        fmt_num(b3, sizeof b3, r->expected[a], 5));
	}
	if (t->pairs == NULL)
		return;
	fprintf(f, "  pairwise (p adjusted by Benjamini-Hochberg):\n");
	for (size_t q = 0; q < t->pairs->npairs; q++) {
		const logrank_pair *x = &t->pairs->pair[q];
		const char *na = x->a < t->nlevels ? t->levels[x->a] : "?";
		const char *nb = x->b < t->nlevels ? t->levels[x->b] : "?";
		fprintf(f, "    %s vs %s: chi-square %s, %s, adjusted p = %s\n", na, nb,
		        fmt_num(b1, sizeof b1, x->chisq, 4),
		        fmt_p(b4, sizeof b4, x->p, x->log_p),
		        fmt_num(b2, sizeof b2, x->p_adjusted, 4));
	}
}

static void print_hazard(FILE *f, const hazard_table *h, const char *unit)
{
	char b1[64], b2[64], b3[64];
	fprintf(f, "Churn hazard by tenure month (month = %s%s%s)\n",
	        fmt_num(b1, sizeof b1, h->month_len, 6), unit ? " " : "", unit ? unit : "");
	fprintf(f, "  %6s %9s %9s %8s\n", "month", "at risk", "churned", "rate");
	for (size_t k = 0; k < h->nmonths; k++)
		fprintf(f, "  %6zu %9s %9s %8s\n", k, fmt_num(b1, sizeof b1, h->n_risk[k], 6),
		        fmt_num(b2, sizeof b2, h->n_event[k], 6),
		        fmt_num(b3, sizeof b3, h->rate[k], 3));
	if (isnan(h->early_share))
		fprintf(f, "No churn events: no early-churn share.\n");
	else
		fprintf(f, "Share of churn at tenure <= %s%s%s: %.1f%% (%s of %s)\n",
		        fmt_num(b1, sizeof b1, h->early_threshold, 6), unit ? " " : "",
		        unit ? unit : "", 100 * h->early_share,
		        fmt_num(b2, sizeof b2, h->early_events, 6),
		        fmt_num(b3, sizeof b3, h->total_events, 6));
}

churn_status surv_print(FILE *f, const surv_analysis *a, const char *time_unit,
                        churn_err *err)
{
	char b1[64], b2[64], b3[64];
	if (f == NULL || a == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "surv_print: missing argument");
	int pct = (int)lround(a->opts.km.conf_level * 100);
	fprintf(f, "Survival (Kaplan-Meier, %s %d%% intervals%s%s)\n",
	        km_conf_name(a->opts.km.conf_type), pct,
	        time_unit ? "; time in " : "", time_unit ? time_unit : "");
	fprintf(f, "Median follow-up (reverse Kaplan-Meier): %s (%d%% CI %s to %s)\n\n",
	        fmt_time(b1, sizeof b1, a->followup.median), pct,
	        fmt_time(b2, sizeof b2, a->followup.median_lower),
	        fmt_time(b3, sizeof b3, a->followup.median_upper));
	for (size_t i = 0; i < a->ncurves; i++) {
		print_curve(f, a, &a->curve[i], time_unit);
		fputc('\n', f);
	}
	for (size_t i = 0; i < a->ntests; i++) {
		if (a->test[i].test == NULL) {
			fprintf(f, "No test by %s: fewer than two groups with customers.\n\n",
			        a->test[i].by);
			continue;
		}
		print_test(f, &a->test[i]);
		fputc('\n', f);
	}
	if (a->hazard != NULL)
		print_hazard(f, a->hazard, time_unit);
	else if (a->hazard_note[0] != '\0')
		fprintf(f, "No hazard by tenure month: %s\n", a->hazard_note);
	if (ferror(f))
		return churn_err_set(err, CHURN_EIO, "cannot write the survival summary");
	return CHURN_OK;
}
