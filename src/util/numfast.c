/* numfast.c - "%.6f" and "%.15g" without printf where the digits are
 * certain; see include/churnkit/numfast.h. */
#include "churnkit/numfast.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

/* Writes the decimal digits of u at p; returns the count. */
static int put_uint(uint64_t u, char *p)
{
	char t[24];
	int k = 0, m = 0;
	do {
		t[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	while (k > 0)
		p[m++] = t[--k];
	return m;
}

/* Writes c / 10^d, d digits after the point less the trailing zeros (and
 * the point when none is left), after a '-' when neg; returns the length. */
static int put_decimal(int neg, uint64_t c, int d, uint64_t p10, char *buf)
{
	int m = 0;
	if (neg)
		buf[m++] = '-';
	m += put_uint(c / p10, buf + m);
	uint64_t frac = c % p10;
	if (d > 0 && frac > 0) {
		buf[m++] = '.';
		for (int k = d - 1; k >= 0; k--) {
			buf[m + k] = (char)('0' + frac % 10);
			frac /= 10;
		}
		m += d;
		while (buf[m - 1] == '0')
			m--;
	}
	buf[m] = '\0';
	return m;
}

int numfast_f6(double x, char *buf, size_t n)
{
	/* x * 1e6 below 1e9 is within 2^-23 of the exact product; the rounding
	 * to an integer is certain unless the product's fraction is within
	 * 1e-6 of one half (an exact half rounds to even in printf). */
	if (n >= 32 && x >= 0 && x < 1000 && !signbit(x)) {
		double s = x * 1e6, fl = floor(s), fr = s - fl;
		if (fabs(fr - 0.5) > 1e-6) {
			uint64_t r = (uint64_t)fl + (fr > 0.5);
			int m = put_uint(r / 1000000, buf);
			uint64_t frac = r % 1000000;
			buf[m++] = '.';
			for (int k = 5; k >= 0; k--) {
				buf[m + k] = (char)('0' + frac % 10);
				frac /= 10;
			}
			m += 6;
			buf[m] = '\0';
			return m;
		}
	}
	return snprintf(buf, n, "%.6f", x);
}

int numfast_g15(double x, char *buf, size_t n)
{
	/* When the decimal D = c / 10^d (c < 10^15, d <= 6) reads back as x,
	 * x is within half an ulp of D, less than half a unit of the 15th
	 * significant digit: "%.15g" rounds x to D and prints it in fixed
	 * notation (1e-3 <= |x| < 1e14), trailing zeros dropped. */
	static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
	double a = fabs(x);
	if (n >= 32 && a >= 1e-3 && a < 1e14) {
		uint64_t pi = 1;
		for (int d = 0; d <= 6; d++, pi *= 10) {
			double c = nearbyint(a * p10[d]);
			if (c >= 1e15)
				break;
			if (c / p10[d] == a)
				return put_decimal(signbit(x) != 0, (uint64_t)c, d, pi, buf);
		}
	}
	return snprintf(buf, n, "%.15g", x);
}
