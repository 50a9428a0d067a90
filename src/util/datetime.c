/* datetime.c - see include/churnkit/datetime.h. */
#include "churnkit/datetime.h"

#include "churnkit/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SECS_PER_DAY 86400L

static const char *const names[DT_NKNOWN] = {
	[DT_ISO] = "iso",           [DT_EPOCH] = "epoch",
	[DT_EPOCH_MS] = "epoch-ms", [DT_DMY_DOT] = "%d.%m.%Y",
	[DT_DMY_SLASH] = "%d/%m/%Y", [DT_MDY_SLASH] = "%m/%d/%Y",
	[DT_YMD_SLASH] = "%Y/%m/%d", [DT_DMY_DASH] = "%d-%m-%Y",
};

const char *dt_reading_name(dt_reading r)
{
	if (r < DT_NKNOWN)
		return names[r];
	return r == DT_STRPTIME ? "strptime" : "auto";
}

/* 1 when strptime format `f` holds a %s conversion (after any flags,
 * width or E/O modifier), which glibc reads in the local time zone. */
static int has_epoch_conversion(const char *f)
{
	for (; *f; f++) {
		if (*f != '%')
			continue;
		f++;
		while (*f && strchr("_-0^#EO123456789", *f))
			f++;
		if (*f == 's')
			return 1;
		if (*f == '\0')
			return 0;
	}
	return 0;
}

int dt_spec_read(const char *text, dt_spec *spec, char *why, size_t n)
{
	spec->strp = NULL;
	if (text == NULL || strcmp(text, "auto") == 0) {
		spec->reading = DT_AUTO;
		return 1;
	}
	for (int r = 0; r < DT_NKNOWN; r++)
		if (strcmp(text, names[r]) == 0) {
			spec->reading = (dt_reading)r;
			return 1;
		}
	if (strchr(text, '%') == NULL) {
		snprintf(why, n, "unknown --date-format '%s': say auto, iso, epoch, epoch-ms or a "
		         "strptime format such as '%%d.%%m.%%Y'", text);
		return 0;
	}
	if (has_epoch_conversion(text)) {
		snprintf(why, n, "--date-format '%s' holds %%s, which strptime reads in the local "
		         "time zone: say --date-format epoch (Unix seconds, read in UTC)", text);
		return 0;
	}
	spec->reading = DT_STRPTIME;
	spec->strp = text;
	return 1;
}

/* Reads exactly n digits at *p into *out and moves *p past them. */
static int fixed_digits(const char **p, const char *end, int n, int *out)
{
	int v = 0;
	if (end - *p < n)
		return 0;
	for (int i = 0; i < n; i++) {
		unsigned char c = (unsigned char)(*p)[i];
		if (!isdigit(c))
			return 0;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return 1;
}

/* Reads one or two digits. */
static int short_digits(const char **p, const char *end, int *out)
{
	if (*p < end && isdigit((unsigned char)**p)) {
		if (*p + 1 < end && isdigit((unsigned char)(*p)[1]))
			return fixed_digits(p, end, 2, out);
		return fixed_digits(p, end, 1, out);
	}
	return 0;
}

/* Skips a fraction: a '.' (or ',' when comma is set) and one or more
 * digits; *zero says whether every digit was 0. */
static int fraction(const char **p, const char *end, int comma, int *zero)
{
	const char *q = *p;
	*zero = 1;
	if (q >= end || !(*q == '.' || (comma && *q == ',')))
		return 1;
	q++;
	if (q >= end || !isdigit((unsigned char)*q))
		return 0;
	while (q < end && isdigit((unsigned char)*q)) {
		if (*q != '0')
			*zero = 0;
		q++;
	}
	*p = q;
	return 1;
}

/* Reads an optional 12-hour clock mark after a time: at most one blank
 * then AM or PM in any case (as strptime's "%I:%M %p").  Returns 'A' or 'P'
 * and moves *p past it, or 0 and leaves *p alone. */
static int meridiem(const char **p, const char *end)
{
	const char *q = *p;
	int c;
	if (q < end && *q == ' ')
		q++;
	if (end - q < 2)
		return 0;
	c = toupper((unsigned char)q[0]);
	if ((c != 'A' && c != 'P') || toupper((unsigned char)q[1]) != 'M')
		return 0;
	*p = q + 2;
	return c;
}

/* Reads a time hh:mm[:ss][fraction] (hour one or two digits when `loose`),
 * optionally followed by AM or PM (hour 1-12), into *secs, seconds since
 * the day's start (86400 for 24:00; a leap second counts as :59, the last
 * second of its day). */
static int time_part(const char **p, const char *end, int loose, int comma, long *secs)
{
	int h, m, s = 0, zero, ampm;
	if (!(loose ? short_digits(p, end, &h) : fixed_digits(p, end, 2, &h)))
		return 0;
	if (*p >= end || **p != ':')
		return 0;
	(*p)++;
	if (!fixed_digits(p, end, 2, &m))
		return 0;
	if (*p < end && **p == ':') {
		(*p)++;
		if (!fixed_digits(p, end, 2, &s) || !fraction(p, end, comma, &zero))
			return 0;
	} else {
		zero = 1;
	}
	ampm = meridiem(p, end);
	if (ampm != 0) {
		/* 12-hour clock: 12:xx AM is 00:xx, 12:xx PM is 12:xx, 1-11 PM add 12 */
		if (h < 1 || h > 12)
			return 0;
		h = h % 12 + (ampm == 'P' ? 12 : 0);
	}
	if (h == 24 && m == 0 && s == 0 && zero) {
		*secs = SECS_PER_DAY;
		return 1;
	}
	if (h > 23 || m > 59 || s > 60)
		return 0;
	*secs = h * 3600L + m * 60L + (s == 60 ? 59 : s);
	return 1;
}

/* Reads an ISO offset: Z, or a sign then hh, hh:mm, hh:mm:ss or hhmm, into
 * seconds east of UTC.  hh:mm:ss is how PostgreSQL writes a timestamptz whose
 * zone kept local mean time (before 1911 Paris was +00:09:21), as COPY gives
 * it to --db (docs/inputs.md). */
static int offset_part(const char **p, const char *end, long *off)
{
	int h, m = 0, s = 0, sign;
	if (*p < end && (**p == 'Z' || **p == 'z')) {
		(*p)++;
		*off = 0;
		return 1;
	}
	if (*p >= end || (**p != '+' && **p != '-'))
		return 0;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (!fixed_digits(p, end, 2, &h))
		return 0;
	if (*p < end && **p == ':') {
		(*p)++;
		if (!fixed_digits(p, end, 2, &m))
			return 0;
		if (*p < end && **p == ':') {
			(*p)++;
			if (!fixed_digits(p, end, 2, &s))
				return 0;
		}
	} else if (*p < end) {
		if (!fixed_digits(p, end, 2, &m))
			return 0;
	}
	if (h > 23 || m > 59 || s > 59)
		return 0;
	*off = sign * (h * 3600L + m * 60L + s);
	return 1;
}

static long floordiv_l(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The UTC day of civil date y-m-d at `secs` seconds after its local start,
 * with the local time `off` seconds east of UTC; 0 when out of range. */
static int utc_day(int y, int m, int d, long secs, long off, int32_t *days)
{
	static const int32_t first = -719162, last = 2932896;  /* 0001-01-01, 9999-12-31 */
	long k;
	if (!date_valid(y, m, d))
		return 0;
	k = (long)date_from_civil(y, m, d) + floordiv_l(secs - off, SECS_PER_DAY);
	if (k < first || k > last)
		return 0;
	*days = (int32_t)k;
	return 1;
}

static int parse_iso(const char *p, const char *end, int32_t *days)
{
	int y, m, d;
	long secs = 0, off = 0;
	if (!fixed_digits(&p, end, 4, &y) || p >= end || *p++ != '-' ||
	    !fixed_digits(&p, end, 2, &m) || p >= end || *p++ != '-' ||
	    !fixed_digits(&p, end, 2, &d))
		return 0;
	if (p < end) {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return 0;
		p++;
		if (!time_part(&p, end, 0, 1, &secs))
			return 0;
		if (p < end && !offset_part(&p, end, &off))
			return 0;
	}
	return p == end && utc_day(y, m, d, secs, off, days);
}

/* Epoch seconds (unit 1) or milliseconds (unit 1000): [-+]digits[.digits].
 * *ndigits is the count of digits before any fraction. */
static int parse_epoch(const char *p, const char *end, long unit, int *ndigits,
                       int32_t *days)
{
	/* 0001-01-01 and 9999-12-31 in seconds; no more digits than 15 of them
	 * plus 3 for milliseconds fit a long long without overflow. */
	static const long long lo = -62135596800LL, hi = 253402300799LL;
	long long v = 0;
	int neg = 0, n = 0, zero;
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	while (p < end && isdigit((unsigned char)*p)) {
		if (++n > 18)
			return 0;
		v = v * 10 + (*p++ - '0');
	}
	if (n == 0 || !fraction(&p, end, 0, &zero) || p != end)
		return 0;
	*ndigits = n;
	/* The floor of a negative value with a fraction is one unit lower. */
	if (neg)
		v = -v - (zero ? 0 : 1);
	long long per_day = SECS_PER_DAY * (long long)unit;
	if (v < lo * unit || v > hi * unit)
		return 0;
	long long k = v >= 0 ? v / per_day : -((-v + per_day - 1) / per_day);
	*days = (int32_t)k;
	return 1;
}

/* The spreadsheet forms: three numbers split by `sep`, the year first
 * (ymd) or last with the day first (dmy) or the month first; then an
 * optional blank and a time. */
static int parse_sheet(const char *p, const char *end, char sep, int order, int32_t *days)
{
	int a, b, c, y, m, d;
	long secs = 0;
	if (order == 'y') {
		if (!fixed_digits(&p, end, 4, &a) || p >= end || *p++ != sep ||
		    !short_digits(&p, end, &b) || p >= end || *p++ != sep ||
		    !short_digits(&p, end, &c))
			return 0;
		y = a, m = b, d = c;
	} else {
		if (!short_digits(&p, end, &a) || p >= end || *p++ != sep ||
		    !short_digits(&p, end, &b) || p >= end || *p++ != sep ||
		    !fixed_digits(&p, end, 4, &c))
			return 0;
		y = c;
		d = order == 'd' ? a : b;
		m = order == 'd' ? b : a;
	}
	if (p < end) {
		if (*p != ' ' && *p != 'T')
			return 0;
		while (p < end && *p == ' ')
			p++;
		if (p < end && *p == 'T')
			p++;
		if (!time_part(&p, end, 1, 0, &secs) || p != end)
			return 0;
	}
	return utc_day(y, m, d, secs, 0, days);
}

static int parse_strptime(const char *s, size_t len, const char *fmt, int32_t *days)
{
	char buf[128];
	struct tm tm;
	const char *end;
	long secs;

	if (len >= sizeof buf || fmt == NULL || has_epoch_conversion(fmt))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	memset(&tm, 0, sizeof tm);
	tm.tm_mday = 1;
	end = strptime(buf, fmt, &tm);
	if (end == NULL || *end != '\0')
		return 0;
	/* %Y reads "24" as the year 24: a two-digit year in the data, which %y
	 * would read as 2024.  No customer record is that old. */
	if (tm.tm_year + 1900 < 1000)
		return 0;
	if (tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 ||
	    tm.tm_sec < 0 || tm.tm_sec > 60)
		return 0;
	secs = tm.tm_hour * 3600L + tm.tm_min * 60L + (tm.tm_sec == 60 ? 59 : tm.tm_sec);
	/* strptime sets tm_gmtoff only for %z; the memset made it 0 otherwise. */
	return utc_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, secs,
	               (long)tm.tm_gmtoff, days);
}

int dt_parse(const char *s, size_t len, dt_reading r, const char *strp, int32_t *days)
{
	int n;
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return 0;
	const char *end = s + len;
	switch (r) {
	case DT_ISO:
	case DT_AUTO:
		return parse_iso(s, end, days);
	case DT_EPOCH:
		return parse_epoch(s, end, 1, &n, days);
	case DT_EPOCH_MS:
		return parse_epoch(s, end, 1000, &n, days);
	case DT_DMY_DOT:
		return parse_sheet(s, end, '.', 'd', days);
	case DT_DMY_SLASH:
		return parse_sheet(s, end, '/', 'd', days);
	case DT_MDY_SLASH:
		return parse_sheet(s, end, '/', 'm', days);
	case DT_YMD_SLASH:
		return parse_sheet(s, end, '/', 'y', days);
	case DT_DMY_DASH:
		return parse_sheet(s, end, '-', 'd', days);
	case DT_STRPTIME:
		return parse_strptime(s, len, strp, days);
	}
	return 0;
}

unsigned dt_fits(const char *s, size_t len, int32_t lo, int32_t hi,
                 int32_t days[DT_NKNOWN])
{
	unsigned mask = 0;
	int32_t d;
	for (int r = 0; r < DT_NKNOWN; r++) {
		if (!dt_parse(s, len, (dt_reading)r, NULL, &d))
			continue;
		if (r == DT_EPOCH || r == DT_EPOCH_MS) {
			if (d < lo || d > hi)
				continue;
			const char *p = s, *end = s + len;
			int n = 0;
			int32_t dd;
			while (p < end && isspace((unsigned char)*p))
				p++;
			while (end > p && isspace((unsigned char)end[-1]))
				end--;
			parse_epoch(p, end, r == DT_EPOCH ? 1 : 1000, &n, &dd);
			if (r == DT_EPOCH ? (n < 9 || n > 11) : (n < 12 || n > 14))
				continue;
		}
		mask |= 1u << r;
		days[r] = d;
	}
	return mask;
}

int date_parse(const char *s, size_t len, const char *fmt, int32_t *days)
{
	dt_spec spec;
	char why[160];
	if (!dt_spec_read(fmt, &spec, why, sizeof why))
		return 0;
	return dt_parse(s, len, spec.reading, spec.strp, days);
}
