/* fmtnum.c - p-values and percentages, one rule per medium; see
 * include/churnkit/fmtnum.h. */
#include "churnkit/fmtnum.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* R's format.pval eps: .Machine$double.eps. */
#define P_EPS 2.220446e-16

char *fmtnum_p_text(double p, double log_p, char *buf, size_t n)
{
	if (isnan(p))
		snprintf(buf, n, "NA");
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

char *fmtnum_pct_text(double frac, int dec, char *buf, size_t n)
{
	if (!isfinite(frac))
		snprintf(buf, n, "-");
	else
		pct(frac, dec, buf, n);
	return buf;
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
	if (!isfinite(frac))
		snprintf(buf, n, "-");
	else
		pct(frac, dec, buf, n);
	return buf;
}
