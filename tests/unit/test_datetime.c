/* test_datetime.c - the date readings (ISO 8601, epoch, spreadsheet forms,
 * strptime) against R's (tests/fixtures/dates/make_dates.R, committed with
 * its output expected.tsv; R is not needed here), under several TZ values,
 * and the detection of a column's reading. */
#include "churnkit/date.h"
#include "churnkit/datetime.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int parse_as(const char *reading, const char *s, int32_t *d)
{
	dt_spec spec;
	char why[200];
	if (strncmp(reading, "strptime:", 9) == 0) {
		spec.reading = DT_STRPTIME;
		spec.strp = reading + 9;
	} else if (!dt_spec_read(reading, &spec, why, sizeof why)) {
		return -1;
	}
	return dt_parse(s, strlen(s), spec.reading, spec.strp, d);
}

/* Every case of the R fixture; returns the number of disagreements. */
static int check_fixture(const char *tz, int verbose)
{
	char path[1024], line[512];
	int bad = 0, n = 0;
	FILE *f = fopen(tap_srcpath(path, sizeof path, "tests/fixtures/dates/expected.tsv"), "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		char *reading = line, *input, *want, buf[11];
		int32_t d;
		if (line[0] == '#' || strncmp(line, "reading\t", 8) == 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if ((input = strchr(reading, '\t')) == NULL || (want = strchr(input + 1, '\t')) == NULL)
			continue;
		*input++ = '\0';
		*want++ = '\0';
		int got = parse_as(reading, input, &d);
		const char *g = got == 1 ? date_format(d, buf) : "NA";
		n++;
		if (strcmp(g, want) != 0) {
			bad++;
			if (verbose)
				diag("TZ=%s %s '%s': got %s, R says %s", tz, reading, input, g, want);
		}
	}
	fclose(f);
	return n < 70 ? -1 : bad;
}

/* The loader's default plausible dates, 1900-01-01 .. 2199-12-31. */
#define LOAD_MIN (-25567)
#define LOAD_MAX 84005

static int32_t ymd(int y, int m, int d)
{
	return date_from_civil(y, m, d);
}

static int reads(const char *s, dt_reading r, int32_t want)
{
	int32_t d;
	return dt_parse(s, strlen(s), r, NULL, &d) && d == want;
}

static int refused(const char *s, dt_reading r)
{
	int32_t d;
	return !dt_parse(s, strlen(s), r, NULL, &d);
}

/* Feeds a column's values to a detection and returns its choice: the
 * reading, or -1 when ambiguous (why holds the candidates). */
static int detect(const char *const *v, size_t n, char *why, size_t nwhy)
{
	dt_detect d;
	dt_reading r;
	dt_detect_init(&d, LOAD_MIN, LOAD_MAX);
	for (size_t i = 0; i < n; i++)
		dt_detect_feed(&d, v[i], strlen(v[i]), (long)i + 2);
	return dt_detect_choose(&d, &r, why, nwhy) ? (int)r : -1;
}

#define N(a) (sizeof(a) / sizeof(a)[0])

int main(void)
{
	static const char *const zones[] = {"UTC", "America/Los_Angeles", "Pacific/Kiritimati",
	                                    "Asia/Kolkata"};
	char why[200];
	dt_spec spec;
	int32_t d;

	/* The R fixture, in four time zones: TZ must change nothing. */
	for (size_t z = 0; z < N(zones); z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		is_int(check_fixture(zones[z], 1), 0,
		       "datetime: every case agrees with R's reading under TZ=%s", zones[z]);
	}

	/* Fields and forms R's fixture does not reach. */
	ok(reads("2016-12-31T23:59:60Z", DT_ISO, ymd(2016, 12, 31)),
	   "iso: a leap second stays in its day");
	ok(reads("2016-12-31T23:59:60-01:00", DT_ISO, ymd(2017, 1, 1)),
	   "iso: a leap second's UTC date follows its offset");
	ok(refused("2024-09-25T24:00:01", DT_ISO), "iso: 24:00:01 is refused");
	ok(refused("2024-09-25T24:01", DT_ISO), "iso: 24:01 is refused");
	ok(refused("2024-09-25T24:00:00.5", DT_ISO), "iso: 24:00:00.5 is refused");
	ok(reads("2024-09-25T24:00:00.000", DT_ISO, ymd(2024, 9, 26)),
	   "iso: 24:00:00.000 is the next day's start");
	ok(refused("2024-09-25T16:21+24:00", DT_ISO), "iso: offset hour 24 is refused");
	ok(refused("2024-09-25T16:21+05:60", DT_ISO), "iso: offset minute 60 is refused");
	ok(refused("2024-09-25T16:21+5", DT_ISO), "iso: a one-digit offset is refused");
	ok(refused("2024-09-25T16:21+05:3", DT_ISO), "iso: a one-digit offset minute is refused");
	/* PostgreSQL's timestamptz text for a zone in local mean time. */
	ok(reads("1890-01-01 23:50:00+00:19:32", DT_ISO, ymd(1890, 1, 1)),
	   "iso: an offset with seconds (LMT) is read");
	ok(reads("1890-01-01 00:10:00+00:19:32", DT_ISO, ymd(1889, 12, 31)),
	   "iso: an offset's seconds move the UTC date back");
	ok(reads("1890-01-01 23:55:00-00:09:21", DT_ISO, ymd(1890, 1, 2)),
	   "iso: a negative offset with seconds moves the UTC date on");
	ok(refused("1890-01-01 23:50:00+00:19:60", DT_ISO), "iso: offset second 60 is refused");
	ok(refused("1890-01-01 23:50:00+00:19:3", DT_ISO), "iso: a one-digit offset second is refused");
	ok(refused("1890-01-01 23:50:00+00:19:", DT_ISO), "iso: an offset's colon needs seconds");
	ok(refused("2024-09-25T16", DT_ISO), "iso: an hour without minutes is refused");
	ok(refused("2024-09-25T6:21", DT_ISO), "iso: a one-digit hour is refused");
	ok(refused("2024-09-25T16:21:5", DT_ISO), "iso: a one-digit second is refused");
	ok(refused("2024-09-25T16:21:05.", DT_ISO), "iso: a fraction needs a digit");
	ok(reads("2024-09-25T16:21:05,5+02", DT_ISO, ymd(2024, 9, 25)),
	   "iso: a comma fraction is read");
	ok(refused("2024-09-25Z", DT_ISO), "iso: an offset needs a time");
	ok(refused("2024-09-25T", DT_ISO), "iso: T needs a time");
	ok(refused("2024-09-25X16:21", DT_ISO), "iso: only T or a blank before the time");
	ok(refused("2024-09-25T16:21Zjunk", DT_ISO), "iso: trailing text is refused");
	ok(reads(" 2024-09-25T16:21Z\t", DT_ISO, ymd(2024, 9, 25)),
	   "iso: surrounding blanks are allowed");
	ok(reads("0001-01-01", DT_ISO, ymd(1, 1, 1)), "iso: 0001-01-01 is read");
	ok(refused("0001-01-01T00:00+01:00", DT_ISO), "iso: a UTC date before year 1 is refused");
	ok(refused("9999-12-31T23:00-01:00", DT_ISO), "iso: a UTC date after 9999 is refused");
	ok(refused("0000-12-31", DT_ISO), "iso: year 0 is refused");

	ok(reads("253402300799", DT_EPOCH, ymd(9999, 12, 31)), "epoch: the last second of 9999");
	ok(refused("253402300800", DT_EPOCH), "epoch: a second after 9999 is refused");
	ok(reads("-62135596800", DT_EPOCH, ymd(1, 1, 1)), "epoch: the first second of year 1");
	ok(refused("-62135596801", DT_EPOCH), "epoch: a second before year 1 is refused");
	ok(refused("99999999999999999999", DT_EPOCH), "epoch: 20 digits are refused, not wrapped");
	ok(refused("1.2.3", DT_EPOCH), "epoch: 1.2.3 is refused");
	ok(refused("-", DT_EPOCH), "epoch: a lone sign is refused");
	ok(refused("1e9", DT_EPOCH), "epoch: exponents are refused");
	ok(reads("-86400.000", DT_EPOCH, ymd(1969, 12, 31)),
	   "epoch: a zero fraction does not move a negative second");
	ok(reads("-0.001", DT_EPOCH_MS, ymd(1969, 12, 31)), "epoch-ms: -0.001 ms is 1969-12-31");
	ok(reads("86399999.9", DT_EPOCH_MS, ymd(1970, 1, 1)), "epoch-ms: a fraction of a ms");

	ok(refused("25.09.2024 16:21+02:00", DT_DMY_DOT), "sheet: no offset after a sheet time");
	ok(refused("25.09.24", DT_DMY_DOT), "sheet: a two-digit year is refused");
	ok(refused("125.09.2024", DT_DMY_DOT), "sheet: a three-digit day is refused");
	ok(refused("25.09.2024 25:00", DT_DMY_DOT), "sheet: hour 25 is refused");
	ok(refused("25.09.2024 16:21:61", DT_DMY_DOT), "sheet: second 61 is refused");
	ok(refused("25/09/2024", DT_DMY_DOT), "sheet: the separator is the reading's");

	/* Options. */
	ok(dt_spec_read(NULL, &spec, why, sizeof why) && spec.reading == DT_AUTO,
	   "spec: no --date-format is auto");
	ok(dt_spec_read("epoch-ms", &spec, why, sizeof why) && spec.reading == DT_EPOCH_MS,
	   "spec: epoch-ms");
	ok(dt_spec_read("%d.%m.%Y", &spec, why, sizeof why) && spec.reading == DT_DMY_DOT,
	   "spec: a known form's strptime name is that reading");
	ok(dt_spec_read("%d %b %Y", &spec, why, sizeof why) && spec.reading == DT_STRPTIME &&
	   strcmp(spec.strp, "%d %b %Y") == 0, "spec: another format is strptime");
	ok(!dt_spec_read("epochs", &spec, why, sizeof why) && strstr(why, "unknown") != NULL,
	   "spec: an unknown keyword is refused: %s", why);
	ok(!dt_spec_read("%s", &spec, why, sizeof why) && strstr(why, "--date-format epoch"),
	   "spec: %%s is refused, pointing to epoch: %s", why);
	ok(!dt_spec_read("%Y %-s", &spec, why, sizeof why), "spec: %%-s is refused too");
	ok(dt_spec_read("%%s%Y", &spec, why, sizeof why), "spec: a literal %%%%s is no %%s");
	ok(!date_parse("1727281260", 10, "%s", &d), "date_parse: %%s reads nothing");
	ok(date_parse("1727281260", 10, "epoch", &d) && d == ymd(2024, 9, 25),
	   "date_parse: the epoch keyword");

	/* Detection. */
	{
		static const char *const dmy[] = {"01/02/2024", "05/05/2024", "13/02/2024", "02/03/2024"};
		static const char *const mdy[] = {"01/02/2024", "12/31/2024"};
		static const char *const amb[] = {"01/02/2024", "03/04/2024", "05/05/2024"};
		static const char *const same[] = {"05/05/2024", "07/07/2024"};
		static const char *const iso[] = {"2024-09-25 16:21:00", "2024-09-26", "junk",
		                                  "25.09.2024"};
		static const char *const ep[] = {"1727281260", "-86400", "1727281260.5"};
		static const char *const ms[] = {"1727281260123", "1709251200000"};
		static const char *const small[] = {"20240925", "20240926"};
		static const char *const dot[] = {"25.09.2024", "1.1.2024 08:00"};
		static const char *const ymdsl[] = {"2024/09/25"};
		static const char *const dash[] = {"25-09-2024 16:21"};
		is_int(detect(dmy, N(dmy), why, sizeof why), DT_DMY_SLASH,
		       "detect: one day past 12 makes a column %%d/%%m/%%Y");
		is_int(detect(mdy, N(mdy), why, sizeof why), DT_MDY_SLASH,
		       "detect: 12/31 makes it %%m/%%d/%%Y");
		is_int(detect(amb, N(amb), why, sizeof why), -1,
		       "detect: only 01/02-like values are ambiguous");
		ok(strstr(why, "--date-format '%d/%m/%Y'") && strstr(why, "--date-format '%m/%d/%Y'"),
		   "detect: the ambiguity names both formats: %s", why);
		ok(detect(same, N(same), why, sizeof why) >= 0,
		   "detect: values both readings read alike are no ambiguity");
		is_int(detect(iso, N(iso), why, sizeof why), DT_ISO,
		       "detect: ISO, a stray form and junk leave ISO");
		is_int(detect(ep, N(ep), why, sizeof why), DT_EPOCH, "detect: epoch seconds");
		is_int(detect(ms, N(ms), why, sizeof why), DT_EPOCH_MS, "detect: epoch milliseconds");
		is_int(detect(small, N(small), why, sizeof why), DT_ISO,
		       "detect: an 8-digit number is no epoch (nothing read: the ISO default)");
		is_int(detect(dot, N(dot), why, sizeof why), DT_DMY_DOT, "detect: dd.mm.yyyy");
		is_int(detect(ymdsl, N(ymdsl), why, sizeof why), DT_YMD_SLASH, "detect: yyyy/mm/dd");
		is_int(detect(dash, N(dash), why, sizeof why), DT_DMY_DASH, "detect: dd-mm-yyyy");
		is_int(detect(NULL, 0, why, sizeof why), DT_ISO, "detect: no value: ISO");
	}
	{
		/* 9999999999 seconds is 2286: outside the plausible dates. */
		int32_t days[DT_NKNOWN];
		is_int((long long)dt_fits("9999999999", 10, LOAD_MIN, LOAD_MAX, days), 0,
		       "detect: an epoch outside the plausible dates is no date");
	}
	return done_testing();
}
