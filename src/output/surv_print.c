/*
 * surv_print.c - the plain-text survival summary (include/churnkit/
 * surv_print.h).  Layout, per curve:
 *
 *   contract = monthly: 412 customers, 180 churned
 *     median 354 days (95% CI 301 to 420); a quarter churned by 120 days
 *     RMST to 730 days: 402.1 days (se 9.8)
 *         months      days   at risk   churned   survival   std.err    lower    upper
 *              3      91.3       371        41     0.9005    0.0147   0.8683   0.9250
 *
 * then the tests, the findings, and the hazard by tenure month.
 */
#include "churnkit/surv_print.h"
#include "churnkit/cell.h"
#include "churnkit/fmtnum.h"
#include "churnkit/textpad.h"

#include <math.h>
#include <string.h>

#define DEFAULT_MAX_PERIODS 36

/* Least widths of the test tables' columns (each grows to its widest cell):
 * level names, counts, O/E; pair names, chi-square, p. */
#define LEVEL_WIDTH 20
#define NUM_WIDTH 10
#define OE_WIDTH 7
#define PAIR_WIDTH 30
#define CHISQ_WIDTH 8
#define P_WIDTH 22
/* Decimals of the expected counts (and of weighted observed counts). */
#define EXPECTED_DECIMALS 2

void surv_print_opts_default(surv_print_opts *o)
{
	memset(o, 0, sizeof *o);
	o->times_scale = 1;
	o->period_name = "month";
	o->alpha = 0.05;
	o->min_n = 30;
	o->max_periods = DEFAULT_MAX_PERIODS;
}

/* A time: one decimal when it has decimals, else as cell_num. */
static const char *fmt_time(char *buf, size_t n, double x)
{
	if (isfinite(x) && x != floor(x) && fabs(x) < 1e6)
		return cell_fix(x, 1, buf, n);
	return cell_num(x, 6, buf, n);
}

/* "354 days" or "354" without a unit. */
static const char *fmt_tu(char *buf, size_t n, double x, const char *unit)
{
	char t[32];
	fmt_time(t, sizeof t, x);
	if (unit != NULL && !isnan(x))
		snprintf(buf, n, "%s %s", t, unit);
	else
		snprintf(buf, n, "%s", t);
	return buf;
}

static void print_at(FILE *f, const surv_curve *c, const surv_print_opts *o)
{
	char b[8][64];
	int two = o->times_unit != NULL && o->times_scale > 0;

	if (two)
		fprintf(f, "  %8s %9s", o->times_unit, o->time_unit ? o->time_unit : "time");
	else
		fprintf(f, "  %10s", "time");
	fprintf(f, " %9s %9s %10s %9s %8s %8s\n", "at risk", "churned", "survival", "std.err",
	        "lower", "upper");
	for (size_t j = 0; j < c->nat; j++) {
		const km_at *r = &c->at[j];
		if (two)
			fprintf(f, "  %8s %9s", cell_num(r->time / o->times_scale, 6, b[0], sizeof b[0]),
			        fmt_time(b[1], sizeof b[1], r->time));
		else
			fprintf(f, "  %10s", fmt_time(b[0], sizeof b[0], r->time));
		fprintf(f, " %9s %9s %10s %9s %8s %8s\n", cell_num(r->n_risk, 6, b[2], sizeof b[2]),
		        cell_num(r->n_event, 6, b[3], sizeof b[3]),
		        cell_fix(r->surv, 4, b[4], sizeof b[4]), cell_fix(r->se, 4, b[5], sizeof b[5]),
		        cell_fix(r->lower, 4, b[6], sizeof b[6]),
		        cell_fix(r->upper, 4, b[7], sizeof b[7]));
	}
}

static void print_curve(FILE *f, const surv_analysis *a, const surv_curve *c,
                        const surv_print_opts *o)
{
	char b1[64], b2[64], b3[64];
	const km_curve *k = c->km;
	int pct = (int)lround(a->opts.km.conf_level * 100);
	const char *u = o->time_unit;

	if (c->by == NULL)
		fprintf(f, "All customers: ");
	else
		fprintf(f, "%s = %s: ", c->by, c->level ? c->level : "NA");
	fprintf(f, "%s customer%s, %s churned\n", cell_num(k->n, 6, b1, sizeof b1),
	        k->n == 1 ? "" : "s", cell_num(k->events, 6, b2, sizeof b2));
	if (isnan(c->stats.median))
		fprintf(f, "  median not reached");
	else
		fprintf(f, "  median %s (%d%% CI %s to %s)", fmt_tu(b1, sizeof b1, c->stats.median, u),
		        pct, fmt_time(b2, sizeof b2, c->stats.median_lower),
		        fmt_time(b3, sizeof b3, c->stats.median_upper));
	/* quart[0]: the time by which a quarter of the customers churned */
	if (!isnan(c->quart[0]))
		fprintf(f, "; a quarter churned by %s", fmt_tu(b1, sizeof b1, c->quart[0], u));
	fprintf(f, "\n  RMST to %s: %s (se %s)\n", fmt_tu(b1, sizeof b1, c->stats.rmst_tau, u),
	        fmt_tu(b2, sizeof b2, c->stats.rmst, u), cell_num(c->stats.rmst_se, 3, b3, sizeof b3));
	if (c->nat > 0)
		print_at(f, c, o);
}

static const char *level_name(const surv_test *t, uint32_t code)
{
	return code < t->nlevels ? t->levels[code] : "?";
}

static const char *test_name(double rho)
{
	return rho == 0 ? "Log-rank" : (rho == 1 ? "Peto-Peto" : "Weighted log-rank");
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* 1 when every finite x is a whole number (unweighted log-rank counts). */
static int all_whole(const double *x, uint32_t k)
{
	for (uint32_t a = 0; a < k; a++)
		if (isfinite(x[a]) && x[a] != floor(x[a]))
			return 0;
	return 1;
}

/* The cells of one level's row in a test's table. */
typedef struct {
	char n[64], obs[64], exp_[64], oe[64];
} test_row;

static void test_cells(const logrank_result *r, uint32_t a, int obs_decimals, test_row *c)
{
	cell_num(r->n[a], 6, c->n, sizeof c->n);
	cell_fix(r->observed[a], obs_decimals, c->obs, sizeof c->obs);
	cell_fix(r->expected[a], EXPECTED_DECIMALS, c->exp_, sizeof c->exp_);
	cell_fix(r->observed[a] / r->expected[a], 2, c->oe, sizeof c->oe);
}

/* "2 customers have no contract value: in the overall curve only". */
static void print_missing(FILE *f, const surv_test *t)
{
	char b[64];
	if (t->missing > 0)
		fprintf(f, "  %s customer%s no %s value: in the overall curve only\n",
		        cell_num(t->missing, 6, b, sizeof b), t->missing == 1 ? " has" : "s have",
		        t->by);
}

/* The pairwise table: pair, chi-square, p, adjusted p.  Each column is as
 * wide as its widest cell (level names measured in display columns), and
 * at least as wide as the usual short names and p-values need. */
static void print_pairs(FILE *f, const surv_test *t)
{
	const logrank_pairs *pp = t->pairs;
	char b1[64], b2[64], b4[96];
	int wpair = PAIR_WIDTH, wchi = CHISQ_WIDTH, wp = P_WIDTH;

	for (size_t q = 0; q < pp->npairs; q++) {
		const logrank_pair *x = &pp->pair[q];
		wpair = max_int(wpair, text_width(level_name(t, x->a)) + 4 +
		                           text_width(level_name(t, x->b)));
		wchi = max_int(wchi, (int)strlen(cell_num(x->chisq, 4, b1, sizeof b1)));
		wp = max_int(wp, (int)strlen(fmtnum_p_text_says(x->p, x->log_p, b4, sizeof b4)));
	}
	/* The adjustment's n: the pairs tested (R's p.adjust leaves NA out). */
	size_t tested = logrank_pairs_tested(pp);
	if (tested == pp->npairs)
		fprintf(f, "  pairwise, p adjusted by Benjamini-Hochberg over the %zu pairs:\n",
		        tested);
	else
		fprintf(f, "  pairwise, p adjusted by Benjamini-Hochberg over the %zu pair%s "
		        "tested (of %zu):\n", tested, tested == 1 ? "" : "s", pp->npairs);
	for (size_t q = 0; q < pp->npairs; q++) {
		const logrank_pair *x = &pp->pair[q];
		const char *a = level_name(t, x->a), *b = level_name(t, x->b);
		int w = text_width(a) + 4 + text_width(b);
		fprintf(f, "    %s vs %s%*s", a, b, wpair - w, "");
		fprintf(f, " chi-square %*s, %-*s adjusted %s", wchi,
		        cell_num(x->chisq, 4, b1, sizeof b1), wp, fmtnum_p_text_says(x->p, x->log_p, b4, sizeof b4),
		        fmtnum_p_text_says(x->p_adjusted, NAN, b2, sizeof b2));
		if (x->note != NULL)
			fprintf(f, " (not tested: %s)", x->note);
		fputc('\n', f);
	}
}

static void print_test(FILE *f, const surv_test *t)
{
	char b1[64], b4[96];
	const logrank_result *r = t->test;
	int obs_dec = all_whole(r->observed, r->k) ? 0 : EXPECTED_DECIMALS;
	int wl = LEVEL_WIDTH, wn = NUM_WIDTH, wo = NUM_WIDTH, we = NUM_WIDTH, wr = OE_WIDTH;
	test_row c;

	if (r->note != NULL)
		fprintf(f, "%s test by %s: not tested: %s\n", test_name(r->rho), t->by, r->note);
	else
		fprintf(f, "%s test by %s: chi-square %s on %d df, %s\n", test_name(r->rho), t->by,
		        cell_num(r->chisq, 4, b1, sizeof b1), r->df,
		        fmtnum_p_text_says(r->p, r->log_p, b4, sizeof b4));
	for (uint32_t a = 0; a < r->k; a++) {
		test_cells(r, a, obs_dec, &c);
		wl = max_int(wl, text_width(level_name(t, r->level[a])));
		wn = max_int(wn, (int)strlen(c.n));
		wo = max_int(wo, (int)strlen(c.obs));
		we = max_int(we, (int)strlen(c.exp_));
		wr = max_int(wr, (int)strlen(c.oe));
	}
	fputs("  ", f);
	text_pad(f, "level", wl, 1);
	fprintf(f, " %*s %*s %*s %*s\n", wn, "customers", wo, "observed", we, "expected", wr,
	        "O/E");
	for (uint32_t a = 0; a < r->k; a++) {
		test_cells(r, a, obs_dec, &c);
		fputs("  ", f);
		text_pad(f, level_name(t, r->level[a]), wl, 1);
		fprintf(f, " %*s %*s %*s %*s\n", wn, c.n, wo, c.obs, we, c.exp_, wr, c.oe);
	}
	print_missing(f, t);
	if (t->pairs != NULL)
		print_pairs(f, t);
}

/* Customers of a level in the column's test (0 when not compared). */
static double test_n(const logrank_result *r, uint32_t code)
{
	for (uint32_t a = 0; a < r->k; a++)
		if (r->level[a] == code)
			return r->n[a];
	return 0;
}

/* One finding: levels a and b with their O and E in the pair's test. */
static void print_finding(FILE *f, const surv_test *t, uint32_t a, uint32_t b,
                          const double obs[2], const double exp_[2], double p, int adjusted)
{
	char b1[64], b2[64], b3[64];
	double ra = obs[0] / exp_[0], rb = obs[1] / exp_[1];
	int a_first = !(rb > ra);
	const char *fast = level_name(t, a_first ? a : b), *slow = level_name(t, a_first ? b : a);
	double ratio = a_first ? ra / rb : rb / ra;

	fprintf(f, "  %s: %s churns ", t->by, fast);
	if (isfinite(ratio))
		fprintf(f, "%sx as fast as %s", cell_fix(ratio, 1, b1, sizeof b1), slow);
	else
		fprintf(f, "faster than %s", slow);
	fprintf(f, " (O/E %s vs %s; %s%s)", cell_fix(a_first ? ra : rb, 2, b1, sizeof b1),
	        cell_fix(a_first ? rb : ra, 2, b2, sizeof b2), adjusted ? "adjusted " : "",
	        fmtnum_p_text_says(p, NAN, b3, sizeof b3));
	/* A pair's O/E come from testing the two levels alone, not from the
	 * column's table above: say so. */
	fputs(adjusted ? " in the two-group test\n" : "\n", f);
}

/* Returns 1 when it printed anything. */
static int print_findings(FILE *f, const surv_analysis *a, const surv_print_opts *o)
{
	char b1[64], b2[64];
	size_t n = 0, tested = 0;

	for (size_t i = 0; i < a->ntests; i++)
		tested += a->test[i].test != NULL && a->test[i].test->note == NULL;
	if (tested == 0)
		return 0;
	fprintf(f, "Findings (p below %s, adjusted when a column has more than two levels; "
	           "groups of at least %s customer%s):\n",
	        cell_num(o->alpha, 4, b1, sizeof b1), cell_num(o->min_n, 6, b2, sizeof b2),
	        o->min_n == 1 ? "" : "s");
	for (size_t i = 0; i < a->ntests; i++) {
		const surv_test *t = &a->test[i];
		const logrank_result *r = t->test;
		if (r == NULL)
			continue;
		if (t->pairs == NULL) {
			if (r->k == 2 && r->p < o->alpha && r->n[0] >= o->min_n && r->n[1] >= o->min_n) {
				print_finding(f, t, r->level[0], r->level[1], r->observed, r->expected, r->p,
				              0);
				n++;
			}
			continue;
		}
		for (size_t q = 0; q < t->pairs->npairs; q++) {
			const logrank_pair *x = &t->pairs->pair[q];
			if (x->p_adjusted < o->alpha && test_n(r, x->a) >= o->min_n &&
			    test_n(r, x->b) >= o->min_n) {
				print_finding(f, t, x->a, x->b, x->observed, x->expected, x->p_adjusted, 1);
				n++;
			}
		}
	}
	if (n == 0)
		fprintf(f, "  none: no two groups differ at that level.\n");
	return 1;
}

static void print_hazard(FILE *f, const hazard_table *h, const surv_print_opts *o)
{
	char b1[64], b2[64], b3[64], b4[32];
	const char *u = o->time_unit;
	const char *pn = o->period_name ? o->period_name : "month";
	size_t show = h->nmonths;

	if (o->max_periods > 0 && h->nmonths > o->max_periods)
		show = o->max_periods;
	fprintf(f, "Churn hazard by tenure %s (%s k covers tenure (k x %s, (k + 1) x %s]%s%s)\n",
	        pn, pn, cell_num(h->month_len, 8, b1, sizeof b1),
	        cell_num(h->month_len, 8, b2, sizeof b2), u ? " " : "", u ? u : "");
	fprintf(f, "  %6s %9s %9s %8s\n", pn, "at risk", "churned", "rate");
	for (size_t k = 0; k < show; k++)
		fprintf(f, "  %6zu %9s %9s %8s\n", k, cell_num(h->n_risk[k], 6, b1, sizeof b1),
		        cell_num(h->n_event[k], 6, b2, sizeof b2),
		        cell_fix(h->rate[k], 4, b3, sizeof b3));
	if (show < h->nmonths)
		fprintf(f, "  ... %zu more %s%s (all of them in --json and --tables)\n",
		        h->nmonths - show, pn, h->nmonths - show == 1 ? "" : "s");
	if (isnan(h->early_share))
		fprintf(f, "No churn events: no early-churn share.\n");
	else
		fprintf(f, "Share of churn at tenure <= %s: %s (%s of %s churned)\n",
		        fmt_tu(b1, sizeof b1, h->early_threshold, u),
		        fmtnum_pct_text(h->early_share, 1, b4, sizeof b4),
		        cell_num(h->early_events, 6, b2, sizeof b2),
		        cell_num(h->total_events, 6, b3, sizeof b3));
}

churn_status surv_print_with(FILE *f, const surv_analysis *a, const surv_print_opts *opts,
                             churn_err *err)
{
	char b1[64], b2[64], b3[64];
	surv_print_opts o;

	if (f == NULL || a == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "surv_print: missing argument");
	if (opts != NULL)
		o = *opts;
	else
		surv_print_opts_default(&o);
	int pct = (int)lround(a->opts.km.conf_level * 100);
	fprintf(f, "Survival (Kaplan-Meier, %s %d%% intervals%s%s)\n",
	        km_conf_name(a->opts.km.conf_type), pct, o.time_unit ? "; time in " : "",
	        o.time_unit ? o.time_unit : "");
	fprintf(f, "Median follow-up (reverse Kaplan-Meier): %s (%d%% CI %s to %s)\n\n",
	        fmt_tu(b1, sizeof b1, a->followup.median, o.time_unit), pct,
	        fmt_time(b2, sizeof b2, a->followup.median_lower),
	        fmt_time(b3, sizeof b3, a->followup.median_upper));
	for (size_t i = 0; i < a->ncurves; i++) {
		print_curve(f, a, &a->curve[i], &o);
		fputc('\n', f);
	}
	for (size_t i = 0; i < a->ntests; i++) {
		if (a->test[i].test == NULL) {
			fprintf(f, "No test by %s: " SURV_TEST_FEW_GROUPS ".\n", a->test[i].by);
			print_missing(f, &a->test[i]);
			fputc('\n', f);
			continue;
		}
		print_test(f, &a->test[i]);
		fputc('\n', f);
	}
	if (print_findings(f, a, &o))
		fputc('\n', f);
	if (a->hazard != NULL)
		print_hazard(f, a->hazard, &o);
	else if (a->hazard_note[0] != '\0')
		fprintf(f, "No hazard by tenure %s: %s\n", o.period_name ? o.period_name : "month",
		        a->hazard_note);
	if (ferror(f))
		return churn_err_set(err, CHURN_EIO, "cannot write the survival summary");
	return CHURN_OK;
}

churn_status surv_print(FILE *f, const surv_analysis *a, const char *time_unit,
                        churn_err *err)
{
	surv_print_opts o;
	surv_print_opts_default(&o);
	o.time_unit = time_unit;
	return surv_print_with(f, a, &o, err);
}
