/* tap.c - see tap.h. */
#include "tap.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	int planned;
	int run;
	int failed;
} tap_state;  /* the test process's own counters; tests are single-threaded */

static void vreport(int pass, const char *fmt, va_list ap)
{
	tap_state.run++;
	if (!pass)
		tap_state.failed++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_state.run);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
}

void plan(int n)
{
	tap_state.planned = n;
	printf("1..%d\n", n);
}

int ok(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(cond != 0, fmt, ap);
	va_end(ap);
	return cond != 0;
}

int is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;
	va_start(ap, fmt);
	vreport(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("     got: %lld\n#    want: %lld", got, want);
	return pass;
}

int is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int pass = (got == NULL && want == NULL) ||
	           (got != NULL && want != NULL && strcmp(got, want) == 0);
	va_start(ap, fmt);
	vreport(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("     got: '%s'\n#    want: '%s'", got ? got : "(null)",
		     want ? want : "(null)");
	return pass;
}

static int same_special(double got, double want, int *decided)
{
	*decided = 1;
	if (isnan(want) || isnan(got))
		return isnan(want) && isnan(got);
	if (isinf(want) || isinf(got))
		return got == want;
	*decided = 0;
	return 0;
}

int is_double_rel(double got, double want, double rtol, const char *fmt, ...)
{
	va_list ap;
	int decided;
	int pass = same_special(got, want, &decided);
	if (!decided)
		pass = fabs(got - want) <= rtol * fabs(want) ||
		       (want == 0.0 && got == 0.0);
	va_start(ap, fmt);
	vreport(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("     got: %.17g\n#    want: %.17g (rel tol %g, rel err %g)", got,
		     want, rtol, want != 0 ? fabs(got - want) / fabs(want) : fabs(got));
	return pass;
}

int is_double_abs(double got, double want, double atol, const char *fmt, ...)
{
	va_list ap;
	int decided;
	int pass = same_special(got, want, &decided);
	if (!decided)
		pass = fabs(got - want) <= atol;
	va_start(ap, fmt);
	vreport(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("     got: %.17g\n#    want: %.17g (abs tol %g)", got, want, atol);
	return pass;
}

void diag(const char *fmt, ...)
{
	va_list ap;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void skip(int n, const char *fmt, ...)
{
	char why[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	for (int i = 0; i < n; i++) {
		tap_state.run++;
		printf("ok %d # SKIP %s\n", tap_state.run, why);
	}
}

int done_testing(void)
{
	if (tap_state.planned == 0)
		printf("1..%d\n", tap_state.run);
	else if (tap_state.planned != tap_state.run) {
		diag("planned %d tests but ran %d", tap_state.planned, tap_state.run);
		return 1;
	}
	fflush(stdout);
	return tap_state.failed == 0 && tap_state.run > 0 ? 0 : 1;
}

const char *tap_srcpath(char *buf, size_t n, const char *rel)
{
	const char *top = getenv("top_srcdir");
	snprintf(buf, n, "%s/%s", top && *top ? top : ".", rel);
	return buf;
}
