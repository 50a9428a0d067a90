/* test_cumhaz_days.c - the whole-unit table of H0 (src/model/cumhaz_days.h)
 * answers as a linear scan for the last event time <= t written here, for
 * whole and fractional times, before, between, on and after the times,
 * NaN and infinities, an empty stratum and one too wide for a table. */
#include "model/cumhaz_days.h"
#include "tap.h"

#include <math.h>
#include <string.h>

/* The reference: H0 at the last time <= t of stratum k, 0 when none. */
static double scan(const cox_baseline *b, size_t k, double t)
{
	double h = 0.0;
	for (size_t r = b->first[k]; r < b->first[k + 1]; r++)
		if (b->time[r] <= t)
			h = b->cumhaz[r];
	return h;
}

static int same(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

int main(void)
{
	/* Strata: whole days with a repeat; fractions; empty; a span of 1e7
	 * for two times (no table); negative times. */
	double time[] = {3, 7, 7, 8, 20, 0.5, 0.75, 2.25, 2.5, 10.125, 1, 1e7, -3.5, -1, 0};
	double cumhaz[sizeof time / sizeof *time];
	size_t first[] = {0, 5, 10, 10, 12, 15};
	for (size_t r = 0; r < sizeof time / sizeof *time; r++)
		cumhaz[r] = 0.01 * (double)(r + 1);
	cox_baseline b = {.n = 15, .time = time, .cumhaz = cumhaz, .nstrata = 5, .first = first};
	cumhaz_days x;

	ok(cumhaz_days_build(&b, &x) == 0, "builds");
	ok(x.nb[0] == 18 && x.nb[1] == 11 && x.nb[2] == 0 && x.nb[3] == 0 && x.nb[4] == 5,
	   "tables for the whole days (18 units), fractions (11) and negatives (5: -4 to 0); none for "
	   "the empty stratum or the span of 1e7");
	int good = 1, n = 0;
	for (size_t k = 0; k < 5; k++) {
		double probe[] = {-INFINITY, INFINITY, NAN, -1e300, 1e300, 1e7, 1e7 + 0.5};
		for (size_t q = 0; q < sizeof probe / sizeof *probe; q++, n++)
			good &= same(cumhaz_days_at(&x, k, probe[q]), scan(&b, k, probe[q]));
		for (double t = -12; t <= 32; t += 0.125, n++)
			good &= same(cumhaz_days_at(&x, k, t), scan(&b, k, t));
		for (size_t r = 0; r < sizeof time / sizeof *time; r++) {
			double at[] = {time[r], nextafter(time[r], -INFINITY),
			               nextafter(time[r], INFINITY), floor(time[r]), ceil(time[r])};
			for (size_t q = 0; q < 5; q++, n++)
				good &= same(cumhaz_days_at(&x, k, at[q]), scan(&b, k, at[q]));
		}
	}
	ok(good, "%d lookups in 5 strata: the scan's H0, bit for bit", n);
	good = 1;
	for (size_t k = 0; k < 5; k++)
		for (double t = -12; t <= 32; t += 0.25)
			good &= same(cumhaz_days_at(&x, k, t), cox_baseline_cumhaz_in(&b, k, t));
	ok(good, "and cox_baseline_cumhaz_in's");
	is_double_abs(cumhaz_days_at(&x, 0, 7.5), 0.03, 0, "on day 7.5: the second of the two 7s");
	is_double_abs(cumhaz_days_at(&x, 1, 2.4), 0.08, 0, "at 2.4: 2.25's H0");
	is_double_abs(cumhaz_days_at(&x, 0, 2.99), 0, 0, "before the first time: 0");
	cumhaz_days_clear(&x);
	ok(x.nb == NULL && x.start == NULL, "clear empties the table");
	return done_testing();
}
