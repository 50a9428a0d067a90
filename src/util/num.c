/* num.c - see include/churnkit/num.h. */
#include "churnkit/num.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int num_is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!blank(s[i]))
			return 0;
	return 1;
}

/* Clinger's fast path: a plain decimal with at most 15 significant digits
 * and at most 22 digits after the decimal mark is an integer m < 2^53
 * divided by 10^k with k <= 22, both exact doubles, so one IEEE division
 * gives the correctly rounded value: the same double strtod returns.
 * Returns 1 with *out set, 0 when the text is not a number, and -1 when it
 * may be one that the fast path does not handle (exponents, more digits). */
static int fast_decimal(const char *s, size_t len, char decimal, double *out)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	size_t i = 0;
	int neg = 0, frac = 0, sig = 0, ndigits = 0, point = 0;
	uint64_t m = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			ndigits++;
			frac += point;
			if (m == 0 && c == '0')
				continue;  /* leading zeros are not significant */
			if (++sig > 15)
				return -1;
			m = m * 10 + (uint64_t)(c - '0');
		} else if (c == decimal && !point) {
			point = 1;
		} else if (c == 'e' || c == 'E') {
			return -1;
		} else {
			return 0;
		}
	}
	if (ndigits == 0)
		return 0;
	if (frac > 22)
		return -1;
	double v = (double)m / pow10[frac];
	*out = neg ? -v : v;
	return 1;
}

int num_parse(const char *s, size_t len, char decimal, double *out)
{
	char buf[64];
	size_t i = 0, n = 0;
	int ndigits = 0;

	while (len > 0 && blank(s[len - 1]))
		len--;
	while (i < len && blank(s[i]))
		i++;
	if (i == len)
		return 0;
	int fast = fast_decimal(s + i, len - i, decimal, out);
	if (fast >= 0)
		return fast;
	if (len - i >= sizeof buf)
		return 0;
	if (s[i] == '+' || s[i] == '-')
		buf[n++] = s[i++];
	while (i < len && isdigit((unsigned char)s[i])) {
		buf[n++] = s[i++];
		ndigits++;
	}
	if (i < len && s[i] == decimal) {
		buf[n++] = '.';
		i++;
		while (i < len && isdigit((unsigned char)s[i])) {
			buf[n++] = s[i++];
			ndigits++;
		}
	}
	if (ndigits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		int edigits = 0;
		buf[n++] = s[i++];
		if (i < len && (s[i] == '+' || s[i] == '-'))
			buf[n++] = s[i++];
		while (i < len && isdigit((unsigned char)s[i])) {
			buf[n++] = s[i++];
			edigits++;
		}
		if (edigits == 0)
			return 0;
	}
	if (i != len)
		return 0;
	buf[n] = '\0';
	errno = 0;
	double v = strtod(buf, NULL);
	if (errno == ERANGE && isinf(v))
		return 0;
	*out = v;
	return 1;
}

int flag_parse(const char *s, size_t len, int *out)
{
	static const char *const yes[] = {"1", "true", "yes", "y"};
	static const char *const no[] = {"0", "false", "no", "n"};

	while (len > 0 && blank(s[len - 1]))
		len--;
	while (len > 0 && blank(*s)) {
		s++;
		len--;
	}
	for (size_t k = 0; k < 4; k++) {
		if (strlen(yes[k]) == len && strncasecmp(s, yes[k], len) == 0) {
			*out = 1;
			return 1;
		}
		if (strlen(no[k]) == len && strncasecmp(s, no[k], len) == 0) {
			*out = 0;
			return 1;
		}
	}
	return 0;
}

char *num_format_shortest(double x, char buf[static 32])
{
	if (x == 0)
		x = 0.0;  /* -0.0 prints as 0 */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}

double num_print_zero(double x, int decimals)
{
	return fabs(x) < 0.5 * pow(10, -decimals) ? 0.0 : x;
}
