/* cell.c - numbers as terminal table cells; see include/churnkit/cell.h. */
#include "churnkit/cell.h"

#include <math.h>
#include <stdio.h>

/* The cell of a value that is not a finite number; 0 when x is finite. */
static int not_finite(double x, char *buf, size_t n)
{
	if (isnan(x))
		snprintf(buf, n, "%s", CELL_NA);
	else if (isinf(x))
		snprintf(buf, n, x > 0 ? "Inf" : "-Inf");
	else
		return 0;
	return 1;
}

const char *cell_num(double x, int digits, char *buf, size_t n)
{
	if (not_finite(x, buf, n))
		return buf;
	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(buf, n, "%.0f", x);
	else
		snprintf(buf, n, "%.*g", digits, x);
	return buf;
}

const char *cell_sig(double x, int digits, char *buf, size_t n)
{
	if (!not_finite(x, buf, n))
		snprintf(buf, n, "%.*g", digits, x);
	return buf;
}

const char *cell_fix(double x, int decimals, char *buf, size_t n)
{
	if (!not_finite(x, buf, n))
		snprintf(buf, n, "%.*f", decimals, x);
	return buf;
}

const char *cell_count(double x, char *buf, size_t n)
{
	if (!not_finite(x, buf, n))
		snprintf(buf, n, x == floor(x) ? "%.15g" : "%.1f", x);
	return buf;
}
