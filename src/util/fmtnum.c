/* fmtnum.c - p-values, percentages and money, one rule per medium; see
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

double fmtnum_pct_change_shown(double now, double before, int dec)
{
	char a[64], b[64];

	if (!isfinite(now) || !isfinite(before))
		return NAN;
	/* Read back what pct prints, so that the two can never disagree. */
	pct(now, dec, a, sizeof a);
	pct(before, dec, b, sizeof b);
	double scale = pow(10, dec), d = round((strtod(a, NULL) - strtod(b, NULL)) * scale) / scale;
	return d == 0 ? 0.0 : d;
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

char *fmtnum_ratio(double x, char *buf, size_t n)
{
	if (isnan(x))
		snprintf(buf, n, "-");
	else if (isinf(x))
		snprintf(buf, n, x > 0 ? "inf" : "0");
	else if (x >= 1e4)
		snprintf(buf, n, "%.2g", x);
	else if (x >= 100)
		snprintf(buf, n, "%.0f", x);
	else if (x >= 10)
		snprintf(buf, n, "%.1f", x);
	else if (x < 0.005)
		snprintf(buf, n, x <= 0 ? "0" : "<0.01");
	else
		snprintf(buf, n, "%.2f", x);
	return buf;
}

/* ---- Money ---------------------------------------------------------------- */

/* The currencies printed by their symbol, with their minor units (ISO
 * 4217); any other code is printed as itself with two decimals. */
static const struct {
	const char *code, *symbol;
	int minor;
} currencies[] = {
	{ "EUR", "\xE2\x82\xAC", 2 }, { "USD", "$", 2 },       { "GBP", "\xC2\xA3", 2 },
	{ "JPY", "\xC2\xA5", 0 },     { "CHF", "CHF", 2 },     { "CAD", "CA$", 2 },
	{ "AUD", "A$", 2 },           { "NZD", "NZ$", 2 },     { "CNY", "CN\xC2\xA5", 2 },
	{ "INR", "\xE2\x82\xB9", 2 }, { "KRW", "\xE2\x82\xA9", 0 }, { "BRL", "R$", 2 },
};

int fmtnum_currency_ok(const char *code)
{
	if (code == NULL || strlen(code) != 3)
		return 0;
	for (int i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	return 1;
}

const char *fmtnum_currency_symbol(const char *code)
{
	if (code == NULL)
		return "";
	for (size_t i = 0; i < sizeof currencies / sizeof *currencies; i++)
		if (strcmp(currencies[i].code, code) == 0)
			return currencies[i].symbol;
	return code;
}

static int currency_minor(const char *code)
{
	for (size_t i = 0; code && i < sizeof currencies / sizeof *currencies; i++)
		if (strcmp(currencies[i].code, code) == 0)
			return currencies[i].minor;
	return 2;
}

/* "-" sign, symbol (a space after one of letters), then the digits. */
static char *with_symbol(int neg, const char *code, const char *digits, char *buf, size_t n)
{
	const char *sym = fmtnum_currency_symbol(code);
	size_t len = strlen(sym);
	int letters = len > 0 && sym[len - 1] >= 'A' && sym[len - 1] <= 'Z';
	snprintf(buf, n, "%s%s%s%s", neg ? "-" : "", sym, letters ? " " : "", digits);
	return buf;
}

char *fmtnum_money(double x, const char *code, char *buf, size_t n)
{
	char d[48];
	double a = fabs(x);

	if (!isfinite(x)) {
		snprintf(buf, n, "-");
		return buf;
	}
	if (a < 999.5)
		snprintf(d, sizeof d, "%.0f", a);
	else if (a < 999.95e3)
		snprintf(d, sizeof d, "%.1fk", a / 1e3);
	else if (a < 999.95e6)
		snprintf(d, sizeof d, "%.1fM", a / 1e6);
	else
		snprintf(d, sizeof d, "%.1fB", a / 1e9);
	/* No "-€0": a loss that rounds to nothing has no sign. */
	return with_symbol(x < 0 && strcmp(d, "0") != 0, code, d, buf, n);
}

char *fmtnum_money_exact(double x, const char *code, char *buf, size_t n)
{
	char s[64], g[80];
	int minor = currency_minor(code);
	size_t j = 0;

	if (!isfinite(x) || fabs(x) >= 1e15) {
		snprintf(buf, n, "-");
		return buf;
	}
	snprintf(s, sizeof s, "%.*f", minor, fabs(x));
	size_t whole = strcspn(s, ".");
	for (size_t i = 0; s[i] && j + 2 < sizeof g; i++) {
		g[j++] = s[i];
		if (i + 1 < whole && (whole - i - 1) % 3 == 0)
			g[j++] = ',';
	}
	g[j] = '\0';
	int zero = strspn(s, "0.") == strlen(s);
	return with_symbol(x < 0 && !zero, code, g, buf, n);
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
