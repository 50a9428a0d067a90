/* datedetect.c - which known reading a column's dates are in; see
 * include/churnkit/datetime.h. */
#include "churnkit/datetime.h"

#include <stdio.h>
#include <string.h>

#define ALL_KNOWN ((1u << DT_NKNOWN) - 1u)

void dt_detect_init(dt_detect *d, int32_t lo, int32_t hi)
{
	memset(d, 0, sizeof *d);
	d->live = ALL_KNOWN;
	d->lo = lo;
	d->hi = hi;
}

unsigned dt_detect_feed(dt_detect *d, const char *s, size_t len, long line)
{
	int32_t days[DT_NKNOWN];
	unsigned fit = dt_fits(s, len, d->lo, d->hi, days);
	unsigned live = d->live & fit;
	int first = -1;

	if (live == 0)
		return fit;
	d->live = live;
	d->nvalues++;
	for (int r = 0; r < DT_NKNOWN; r++) {
		if (!(live & (1u << r)))
			continue;
		if (first < 0)
			first = r;
		else if (days[r] != days[first] && d->amb_line == 0) {
			d->amb_line = line;
			snprintf(d->amb_text, sizeof d->amb_text, "%.*s",
			         (int)(len < sizeof d->amb_text ? len : sizeof d->amb_text - 1), s);
		}
	}
	return fit;
}

int dt_detect_settled(const dt_detect *d)
{
	return d->nvalues > 0 && (d->live & (d->live - 1)) == 0;
}

int dt_detect_choose(const dt_detect *d, dt_reading *r, char *why, size_t n)
{
	int first = -1;
	size_t used = 0;

	if (d->nvalues == 0) {
		*r = DT_ISO;
		return 1;
	}
	for (int k = 0; k < DT_NKNOWN; k++)
		if (d->live & (1u << k)) {
			if (first < 0)
				first = k;
			if (d->amb_line != 0 && used < n) {
				int w = snprintf(why + used, n - used, "%s--date-format '%s'",
				                 used ? " or " : "", dt_reading_name((dt_reading)k));
				used += w > 0 ? (size_t)w : 0;
			}
		}
	*r = (dt_reading)first;
	return d->amb_line == 0 || (d->live & (d->live - 1)) == 0;
}
