/* fmtnum.c - p-values and percentages, one rule per medium; see
 * include/churnkit/fmtnum.h. */
#include "churnkit/fmtnum.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* R's format.pval eps: .Machine$double.eps. */
#define P_EPS 2.220446e-16

char *fmtnum_p_text(double p, double log_p, char *buf, size_t n)
{
	if (isnan(p))
		snprintf(buf, n, "%s", FMTNUM_TEXT_NA);
	else if (p < P_EPS && isfinite(log_p))
		snprintf(buf, n, "<2e-16 (log p = %.1f)", log_p);
	else if (p < P_EPS)
		snprintf(buf, n, "<2e-16");
	else
		snprintf(buf, n, "%.3g", p);
	return buf;
}

char *fmtnum_p_text_says(double p, double log_p, char *buf, size_t n)
{
	char cell[64];
	fmtnum_p_text(p, log_p, cell, sizeof cell);
	if (cell[0] == '<')
		snprintf(buf, n, "p < %s", cell + 1);
	else
		snprintf(buf, n, "p = %s", cell);
	return buf;
}

/* 100 * frac with dec decimals; a value that rounds to zero prints as 0. */
static void pct(double frac, int dec, char *buf, size_t n)
{
	double v = frac * 100;
	if (fabs(v) < 0.5 * pow(10, -dec))
		v = 0;  /* no "-0.0%" */
	snprintf(buf, n, "%.*f%%", dec, v);
}

/* pct, or the medium's mark when frac is not finite. */
static char *pct_or(double frac, int dec, const char *mark, char *buf, size_t n)
{
	if (!isfinite(frac))
		snprintf(buf, n, "%s", mark);
	else
		pct(frac, dec, buf, n);
	return buf;
}

char *fmtnum_pct_text(double frac, int dec, char *buf, size_t n)
{
	return pct_or(frac, dec, FMTNUM_TEXT_NA, buf, n);
}

char *fmtnum_p(double p, double alpha, char *buf, size_t n)
{
	char num[32];

	if (!(p >= 0 && p <= 1)) {
		snprintf(buf, n, "-");
		return buf;
	}
	if (p < 0.001) {
		snprintf(buf, n, "< 0.001");
		return buf;
	}
	if (p >= 0.995) {
		snprintf(buf, n, "> 0.99");
		return buf;
	}
	if (p < 0.01)
		snprintf(num, sizeof num, "%.3f", p);
	else
		snprintf(num, sizeof num, "%.2g", p);
	/* Rounding must not turn a p below alpha into one that reads as alpha
	 * or above ("0.05" for 0.0496 at alpha 0.05). */
	if (alpha > 0 && alpha < 1 && p < alpha && strtod(num, NULL) >= alpha)
		snprintf(buf, n, "< %g", alpha);
	else
		snprintf(buf, n, "%s", num);
	return buf;
}

char *fmtnum_p_says(double p, double alpha, char *buf, size_t n)
{
	char cell[32];
	if (!(p >= 0 && p <= 1)) {
		snprintf(buf, n, "p = NA");
		return buf;
	}
	fmtnum_p(p, alpha, cell, sizeof cell);
	snprintf(buf, n, "p %s%s", cell[0] == '<' || cell[0] == '>' ? "" : "= ", cell);
	return buf;
}

char *fmtnum_pct(double frac, int dec, char *buf, size_t n)
{
	return pct_or(frac, dec, "-", buf, n);
}

char *fmtnum_pct_says(double frac, char *buf, size_t n)
{
	double v = 100 * frac;
	if (isnan(v))
		snprintf(buf, n, "%s", FMTNUM_TEXT_NA);
	else if (fabs(v) < 1 && v != 0)
		snprintf(buf, n, "%.2g%%", v);
	else if (fabs(v) < 9.95)
		snprintf(buf, n, "%.1f%%", v);
	else
		snprintf(buf, n, "%.0f%%", v);
	return buf;
}

void fmtnum_pct_pair_says(double a, double b, char *ba, char *bb, size_t n)
{
	fmtnum_pct_says(a, ba, n);
	fmtnum_pct_says(b, bb, n);
	for (int dec = 1; dec <= 3 && a != b && strcmp(ba, bb) == 0; dec++) {
		fmtnum_pct(a, dec, ba, n);
		fmtnum_pct(b, dec, bb, n);
	}
}
