/* fmt.c - the report's number formats (fmt.h). */
#include "config.h"

#include "report/pages/fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "churnkit/date.h"
#include "churnkit/fmtnum.h"


static char *dash(char *buf, size_t n)
{
	snprintf(buf, n, "-");
	return buf;
}

/* Inserts thousands separators into the digits of a whole number printed in
 * s (optionally signed), writing to buf. */
static char *group(const char *s, char *buf, size_t n)
{
	size_t len = strlen(s), j = 0, start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
	size_t digits = len - start;
	char tmp[64];

	for (size_t i = 0; i < len && j + 1 < sizeof tmp; i++) {
		tmp[j++] = s[i];
		size_t left = len - i - 1;   /* digits still to come */
		if (i >= start && left > 0 && left % 3 == 0 && digits > 3 && j + 1 < sizeof tmp)
			tmp[j++] = ',';
	}
	tmp[j] = '\0';
	snprintf(buf, n, "%s", tmp);
	return buf;
}

char *fmt_count(double x, char *buf, size_t n)
{
	char s[48];

	if (!isfinite(x) || fabs(x) >= 1e15)
		return dash(buf, n);
	snprintf(s, sizeof s, "%.0f", x == 0 ? 0.0 : x);
	if (strcmp(s, "-0") == 0)
		snprintf(s, sizeof s, "0");
	return group(s, buf, n);
}

char *fmt_pp_shown(double now, double before, char *buf, size_t n)
{
	double v = fmtnum_pct_change_shown(now, before, 1);
	if (!isfinite(v))
		return dash(buf, n);
	snprintf(buf, n, "%s%.1f pp", v > 0 ? "+" : "", v);
	return buf;
}

char *fmt_delta(double x, char *buf, size_t n)
{
	char s[48], g[64];

	if (!isfinite(x) || fabs(x) >= 1e15)
		return dash(buf, n);
	snprintf(s, sizeof s, "%.0f", fabs(x));
	group(s, g, sizeof g);
	snprintf(buf, n, "%s%s", x >= 0.5 ? "+" : x <= -0.5 ? "-" : "", g);
	return buf;
}

char *fmt_money(double x, const char *cur, char *buf, size_t n)
{
	return fmtnum_money(x, cur, buf, n);
}

char *fmt_money_delta(double x, const char *cur, char *buf, size_t n)
{
	char m[48];

	if (!isfinite(x))
		return dash(buf, n);
	fmtnum_money(fabs(x), cur, m, sizeof m);
	snprintf(buf, n, "%s%s", strcmp(m + strcspn(m, "0123456789"), "0") == 0 ? ""
	                         : x > 0 ? "+" : x < 0 ? "-" : "", m);
	return buf;
}

char *fmt_money_full(double x, const char *cur, char *buf, size_t n)
{
	return fmtnum_money_exact(x, cur, buf, n);
}

int fmt_change_real(double d, int pp, double p, double alpha)
{
	if (!isfinite(d))
		return 0;
	if (!isnan(p))
		return p < alpha;
	/* 0.1 pp less a rounding error of the difference of two rates. */
	return pp ? fabs(d) >= 0.001 - 1e-12 : fabs(d) >= 0.5;
}

char *fmt_months(double days, char *buf, size_t n)
{
	if (!isfinite(days))
		return dash(buf, n);
	snprintf(buf, n, "%.1f", days / DATE_MONTH_DAYS);
	return buf;
}

char *fmt_day(int32_t day, char *buf, size_t n)
{
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, dd;

	date_to_civil(day, &y, &m, &dd);
	snprintf(buf, n, "%d %s %d", dd, mon[m - 1], y);
	return buf;
}
