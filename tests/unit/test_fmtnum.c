/* test_fmtnum.c - p-values and percentages, one rule per medium
 * (include/churnkit/fmtnum.h): the edges of each rule, and the cases where
 * the report's pages and its findings once disagreed (0.0496 read "0.050"
 * in a table and "p < 0.05" in a sentence; 0.5 read "0.50" and "0.5"). */
#include "config.h"

#include <math.h>

#include "churnkit/fmtnum.h"
#include "tap.h"

static void prose(void)
{
	char b[64];

	/* The sentence spelling (what the findings said before). */
	is_str(fmtnum_p_says(0.001, 0.05, b, sizeof b), "p = 0.001", "p: 0.001 is shown");
	is_str(fmtnum_p_says(0.0009999, 0.05, b, sizeof b), "p < 0.001", "p: 0.0009999 is < 0.001");
	is_str(fmtnum_p_says(1e-300, 0.05, b, sizeof b), "p < 0.001", "p: 1e-300 is < 0.001");
	is_str(fmtnum_p_says(0, 0.05, b, sizeof b), "p < 0.001", "p: 0 (underflow) is < 0.001");
	is_str(fmtnum_p_says(0.0042, 0.05, b, sizeof b), "p = 0.004", "p: three decimals below 0.01");
	is_str(fmtnum_p_says(0.00996, 0.05, b, sizeof b), "p = 0.010", "p: 0.00996 -> 0.010");
	is_str(fmtnum_p_says(0.03, 0.05, b, sizeof b), "p = 0.03", "p: 0.03");
	is_str(fmtnum_p_says(0.0312, 0.05, b, sizeof b), "p = 0.031", "p: two significant digits");
	is_str(fmtnum_p_says(0.21, 0.05, b, sizeof b), "p = 0.21", "p: 0.21");
	is_str(fmtnum_p_says(0.0496, 0.05, b, sizeof b), "p < 0.05",
	       "p: 0.0496 at alpha 0.05 does not read as 0.05");
	is_str(fmtnum_p_says(0.0496, NAN, b, sizeof b), "p = 0.05", "p: no alpha, plain rounding");
	is_str(fmtnum_p_says(0.05, 0.05, b, sizeof b), "p = 0.05", "p: exactly alpha is shown as is");
	is_str(fmtnum_p_says(0.0099996, 0.01, b, sizeof b), "p < 0.01",
	       "p: 0.0099996 at alpha 0.01 does not read as 0.010");
	is_str(fmtnum_p_says(0.999, 0.05, b, sizeof b), "p > 0.99", "p: near 1");
	is_str(fmtnum_p_says(1, 0.05, b, sizeof b), "p > 0.99", "p: 1");
	is_str(fmtnum_p_says(NAN, 0.05, b, sizeof b), "p = NA", "p: NaN");

	/* The cell spelling: the same rule, without "p = ". */
	is_str(fmtnum_p(0, 0.05, b, sizeof b), "< 0.001", "cell: p = 0 is < 0.001");
	is_str(fmtnum_p(1e-300, 0.05, b, sizeof b), "< 0.001", "cell: 1e-300 is < 0.001");
	is_str(fmtnum_p(0.0009999, 0.05, b, sizeof b), "< 0.001", "cell: below 0.001");
	is_str(fmtnum_p(0.001, 0.05, b, sizeof b), "0.001", "cell: 0.001 itself printed");
	is_str(fmtnum_p(0.034, 0.05, b, sizeof b), "0.034", "cell: two significant digits");
	is_str(fmtnum_p(0.2149, 0.05, b, sizeof b), "0.21", "cell: 0.2149");
	is_str(fmtnum_p(0.0499999, 0.05, b, sizeof b), "< 0.05",
	       "cell: 0.0499999 at alpha 0.05 reads below alpha, as the findings say it");
	is_str(fmtnum_p(0.05, 0.05, b, sizeof b), "0.05", "cell: 0.05 (was 0.050 in the report)");
	is_str(fmtnum_p(0.5, 0.05, b, sizeof b), "0.5", "cell: 0.5 (was 0.50 in the report)");
	is_str(fmtnum_p(1, 0.05, b, sizeof b), "> 0.99", "cell: 1");
	is_str(fmtnum_p(NAN, 0.05, b, sizeof b), "-", "cell: NaN is a dash");
	is_str(fmtnum_p(1.5, 0.05, b, sizeof b), "-", "cell: above 1 is not a p-value");
	is_str(fmtnum_p(-0.1, 0.05, b, sizeof b), "-", "cell: negative is not a p-value");
	is_str(fmtnum_p_says(0.0499999, 0.05, b, sizeof b), "p < 0.05", "says: 0.0499999");
	is_str(fmtnum_p_says(1.5, 0.05, b, sizeof b), "p = NA", "says: above 1");

	is_str(fmtnum_pct(0.0312, 1, b, sizeof b), "3.1%", "pct: fraction as percentage");
	is_str(fmtnum_pct(1, 0, b, sizeof b), "100%", "pct: one is 100 percent");
	is_str(fmtnum_pct(0.99625, 1, b, sizeof b), "99.6%", "pct: 99.6 (binary 0.99624999...)");
	is_str(fmtnum_pct(-0.00001, 1, b, sizeof b), "0.0%", "pct: no negative zero");
	is_str(fmtnum_pct(NAN, 1, b, sizeof b), "-", "pct: NaN is a dash");
	is_str(fmtnum_pct(INFINITY, 1, b, sizeof b), "-", "pct: infinite is a dash");
	/* A change printed beside the two rates is their printed difference. */
	is_double_abs(fmtnum_pct_change_shown(22.0 / 172, 24.0 / 196, 1), 0.6, 1e-12,
	              "pct change: 12.8%% - 12.2%% = 0.6 pp (exact 0.546)");
	is_double_abs(fmtnum_pct_change_shown(22.0 / 172, 24.0 / 196, 2), 0.55, 1e-12,
	              "pct change: 12.79%% - 12.24%% = 0.55 pp with two decimals");
	is_double_abs(fmtnum_pct_change_shown(0.12849, 0.12751, 1), 0.0, 0,
	              "pct change: both print 12.8%%: 0");
	ok(!signbit(fmtnum_pct_change_shown(0.12751, 0.12849, 1)), "pct change: 0, never -0");
	is_double_abs(fmtnum_pct_change_shown(-0.00001, 0.0004, 1), 0.0, 0,
	              "pct change: 0.0%% printed for both (no -0.0%%)");
	ok(isnan(fmtnum_pct_change_shown(NAN, 0.1, 1)), "pct change: NaN without both rates");

	is_str(fmtnum_ratio(1.854, b, sizeof b), "1.85", "ratio two decimals");
	is_str(fmtnum_ratio(INFINITY, b, sizeof b), "inf", "infinite ratio");
	is_str(fmtnum_ratio(2354428, b, sizeof b), "2.4e+06", "a huge but finite ratio is not inf");
	is_str(fmtnum_ratio(9999.4, b, sizeof b), "9999", "below 10,000: whole");
	is_str(fmtnum_ratio(250.4, b, sizeof b), "250", "ratio: no decimals from 100");
	is_str(fmtnum_ratio(25.55, b, sizeof b), "25.6", "below 100: one decimal");
	is_str(fmtnum_ratio(0, b, sizeof b), "0", "zero ratio");
	is_str(fmtnum_ratio(0.001, b, sizeof b), "<0.01", "tiny ratio");
	is_str(fmtnum_ratio(NAN, b, sizeof b), "-", "ratio: NaN is a dash");
}

static void text(void)
{
	char b[64];

	is_str(fmtnum_p_text(0, NAN, b, sizeof b), "<2e-16", "text: p = 0 is <2e-16, as R");
	is_str(fmtnum_p_text(1e-300, NAN, b, sizeof b), "<2e-16", "text: 1e-300");
	is_str(fmtnum_p_text(2.3e-16, NAN, b, sizeof b), "2.3e-16", "text: just above the epsilon");
	is_str(fmtnum_p_text(2.2e-16, NAN, b, sizeof b), "<2e-16", "text: just below the epsilon");
	is_str(fmtnum_p_text(1.234e-5, NAN, b, sizeof b), "1.23e-05", "text: three digits, small");
	is_str(fmtnum_p_text(0.0499999, NAN, b, sizeof b), "0.05", "text: 0.0499999, as R");
	is_str(fmtnum_p_text(0.05, NAN, b, sizeof b), "0.05", "text: 0.05");
	is_str(fmtnum_p_text(0.001234, NAN, b, sizeof b), "0.00123", "text: 0.001234");
	is_str(fmtnum_p_text(0.71234, NAN, b, sizeof b), "0.712", "text: 0.71234");
	is_str(fmtnum_p_text(1, NAN, b, sizeof b), "1", "text: 1");
	is_str(fmtnum_p_text(NAN, NAN, b, sizeof b), "NA", "text: NaN is NA");
	is_str(fmtnum_p_text(0, -1176.44, b, sizeof b), "<2e-16 (log p = -1176.4)",
	       "text: underflow with its log p");
	is_str(fmtnum_p_text(0.03, -3.5, b, sizeof b), "0.03", "text: log p only below the epsilon");
	is_str(fmtnum_p_text_says(0, -1176.44, b, sizeof b), "p < 2e-16 (log p = -1176.4)",
	       "text says: underflow");
	is_str(fmtnum_p_text_says(0.001234, NAN, b, sizeof b), "p = 0.00123", "text says: p =");
	is_str(fmtnum_p_text_says(NAN, NAN, b, sizeof b), "p = NA", "text says: NaN");

	is_str(fmtnum_pct_text(0.03125, 2, b, sizeof b), "3.12%", "text pct: round half even");
	is_str(fmtnum_pct_text(-0.000001, 2, b, sizeof b), "0.00%", "text pct: no negative zero");
	is_str(fmtnum_pct_text(NAN, 2, b, sizeof b), "NA",
	       "text pct: NaN is not defined, NA as every terminal cell");
	is_str(fmtnum_pct_text(INFINITY, 2, b, sizeof b), "NA", "text pct: infinite is NA");
	is_str(fmtnum_p_text(NAN, NAN, b, sizeof b), FMTNUM_TEXT_NA, "text p: the same mark");
}

/* The findings' sentences (once findings_pct and findings_pct_pair in
 * src/findings): as many digits as a reader needs. */
static void sentence(void)
{
	char a[64], b[64];

	is_str(fmtnum_pct_says(0.005, a, sizeof a), "0.5%", "says: 0.005 -> 0.5%% (two digits)");
	is_str(fmtnum_pct_says(0.0042, a, sizeof a), "0.42%", "says: below 1%%, two digits");
	is_str(fmtnum_pct_says(0.0001234, a, sizeof a), "0.012%", "says: 0.012%%");
	is_str(fmtnum_pct_says(0, a, sizeof a), "0.0%", "says: zero has one decimal");
	is_str(fmtnum_pct_says(0.042, a, sizeof a), "4.2%", "says: one decimal below 10%%");
	is_str(fmtnum_pct_says(0.0996, a, sizeof a), "10%", "says: 9.96%% rounds to 10%%");
	is_str(fmtnum_pct_says(0.5, a, sizeof a), "50%", "says: 0.5 -> 50%%");
	is_str(fmtnum_pct_says(1.0, a, sizeof a), "100%", "says: 1 -> 100%%");
	is_str(fmtnum_pct_says(NAN, a, sizeof a), "NA", "says: NaN -> NA");

	fmtnum_pct_pair_says(0.0042, 0.0049, a, b, sizeof a);
	is_str(a, "0.42%", "pair 0.0042 vs 0.0049: first");
	is_str(b, "0.49%", "pair 0.0042 vs 0.0049: second");
	fmtnum_pct_pair_says(0.451, 0.454, a, b, sizeof a);
	is_str(a, "45.1%", "pair 0.451 vs 0.454: one decimal more, first");
	is_str(b, "45.4%", "pair 0.451 vs 0.454: one decimal more, second");
	fmtnum_pct_pair_says(0.500041, 0.500049, a, b, sizeof a);
	is_str(a, "50.004%", "pair: up to three decimals, first");
	is_str(b, "50.005%", "pair: up to three decimals, second");
	fmtnum_pct_pair_says(0.5000001, 0.5000002, a, b, sizeof a);
	is_str(a, "50.000%", "pair: no more than three decimals");
	fmtnum_pct_pair_says(0.5, 0.5, a, b, sizeof a);
	is_str(a, "50%", "pair: equal values keep the short form");
	is_str(b, "50%", "pair: equal values keep the short form (second)");
	fmtnum_pct_pair_says(1.0, NAN, a, b, sizeof a);
	is_str(a, "100%", "pair with NaN: first");
	is_str(b, "NA", "pair with NaN: second is NA");
}

int main(void)
{
	prose();
	text();
	sentence();
	return done_testing();
}
