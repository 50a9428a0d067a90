/*
 * datetime.h - the readings of a date column: ISO 8601 dates and datetimes,
 * Unix epoch seconds and milliseconds, common spreadsheet forms and
 * strptime(3) formats, each turned into a UTC day number (date.h).
 *
 * Every reading works in UTC whatever the TZ environment variable says:
 * nothing here calls mktime, localtime or timegm; days are computed from the
 * civil fields (date_from_civil).  A datetime with an offset (Z, +hh:mm,
 * +hhmm, +hh, and the same with -) is moved to UTC and its UTC date is the
 * day; a datetime without an offset is taken as UTC.  docs/inputs.md states
 * the forms for users.
 *
 *   DT_ISO       yyyy-mm-dd, or yyyy-mm-dd then T or a blank then hh:mm,
 *                optional :ss (00-60; 60 is a leap second, read as :59),
 *                an optional fraction (.ddd or ,ddd) and an optional offset.
 *                24:00 (and 24:00:00, with a zero fraction) is the end of
 *                the day, the instant that starts the next one, as ISO 8601
 *                allows: its date is the next day.
 *   DT_EPOCH     Unix seconds: [-]digits[.digits]; the day is the floor of
 *                seconds / 86400 (-1 second is 1969-12-31).
 *   DT_EPOCH_MS  Unix milliseconds, the same with 86 400 000.
 *   DT_DMY_DOT   d.m.yyyy       DT_DMY_SLASH  d/m/yyyy
 *   DT_MDY_SLASH m/d/yyyy       DT_YMD_SLASH  yyyy/m/d
 *   DT_DMY_DASH  d-m-yyyy
 *                Day and month take one or two digits, the year four; each
 *                may be followed by a blank and a time h:mm, optional :ss and
 *                fraction (no offset).  These are the readings the loader
 *                detects (datecol.c), named by the strptime format a user
 *                would give (dt_reading_name).
 *   DT_STRPTIME  a strptime(3) format that must consume the whole text;
 *                %z applies its offset as above; %s is refused, since glibc
 *                reads it in the local time zone (--date-format epoch reads
 *                seconds in UTC).
 * Every time (ISO and the spreadsheet forms) may end with a 12-hour clock
 * mark, one optional blank then AM or PM in any case, with the
 * hour 1-12 ("1/5/2024 3:15 PM", as US spreadsheets and CRM exports write).
 * Every field is validated: month 1-12, day within its month (leap years
 * as Gregorian), hour 0-23 (24 only as 24:00), minute 0-59, second 0-60,
 * offset hour 0-23 and minute 0-59, year 1-9999 before and after the move
 * to UTC.  Surrounding blanks are allowed.  Nothing here allocates or keeps
 * state.
 */
#ifndef CHURNKIT_DATETIME_H
#define CHURNKIT_DATETIME_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	DT_ISO,
	DT_EPOCH,
	DT_EPOCH_MS,
	DT_DMY_DOT,
	DT_DMY_SLASH,
	DT_MDY_SLASH,
	DT_YMD_SLASH,
	DT_DMY_DASH,
	DT_NKNOWN,               /* the readings above are the known ones */
	DT_STRPTIME = DT_NKNOWN,
	DT_AUTO                  /* detect from the column's values */
} dt_reading;

/* A --date-format value read: the reading and, for DT_STRPTIME, the
 * format (borrowed from the text given). */
typedef struct {
	dt_reading reading;
	const char *strp;
} dt_spec;

/* Reads a --date-format value into *spec: NULL or "auto" = DT_AUTO; "iso",
 * "epoch", "epoch-ms"; a known reading's name ("%d.%m.%Y", ...) = that
 * reading (so it also takes a time part); any other text holding a % = a
 * strptime format.  Returns 1, or 0 with a reason in why[0..n) (a word
 * that is no keyword, a format holding %s). */
int dt_spec_read(const char *text, dt_spec *spec, char *why, size_t n);

/* Parses `s` (exactly `len` bytes, not necessarily NUL-terminated) by
 * reading `r` (`strp` is the format for DT_STRPTIME, else unused; DT_AUTO
 * reads as DT_ISO).  Returns 1 and sets *days to the UTC day number, or 0
 * when the text is not of that form or a field is impossible. */
int dt_parse(const char *s, size_t len, dt_reading r, const char *strp, int32_t *days);

/* The known readings that read `s` (len bytes), as a bit mask (bit r for
 * reading r), with each one's day in days[r].  The epoch readings count
 * only for a day within [lo, hi], with 9 to 11 digits before any fraction
 * for seconds and 12 to 14 for milliseconds, the sizes of dates near ours,
 * so that another number (a yyyymmdd 20240925, a count) is no date. */
unsigned dt_fits(const char *s, size_t len, int32_t lo, int32_t hi,
                 int32_t days[DT_NKNOWN]);

/* A reading's name for messages and options: "iso", "epoch", "epoch-ms",
 * "%d.%m.%Y", ... */
const char *dt_reading_name(dt_reading r);

/*
 * Detection: which known reading a column's values are in.  Each non-blank
 * value is fed in order.  The live set starts with every known reading;
 * the first value that some reading reads sets it to those readings, and
 * every later one narrows it to the readings that read it too.  A value no
 * known reading reads, or none of the live ones, leaves the set as it is
 * (the loader makes it a bad row).  The column's reading is the one live
 * reading left; several live readings that read some value differently
 * (01/02/2024 by %d/%m/%Y and %m/%d/%Y) are ambiguous and never guessed;
 * several that read every value alike (05/05/2024) are one reading.
 */
typedef struct {
	unsigned live;       /* readings that read every value so far */
	long nvalues;        /* values that some reading read */
	long amb_line;       /* first value the live readings read differently */
	char amb_text[32];   /* (its line and text, cut); 0 = none */
	int32_t lo, hi;      /* the plausible days (epoch readings need them) */
} dt_detect;

/* Starts a detection for days in [lo, hi]. */
void dt_detect_init(dt_detect *d, int32_t lo, int32_t hi);

/* Feeds value `s` (len bytes) of line `line`.  Returns the mask of the
 * known readings that read it (dt_fits), 0 when none does. */
unsigned dt_detect_feed(dt_detect *d, const char *s, size_t len, long line);

/* 1 when exactly one reading is live after at least one value. */
int dt_detect_settled(const dt_detect *d);

/* The column's reading in *r: 1 when one reading (or several that agree on
 * every value) is live, or when no value was read (then DT_ISO).  0 when
 * the live readings disagree on a value: `why` (n bytes) then lists the
 * candidates as --date-format options, "--date-format '%d/%m/%Y' or
 * --date-format '%m/%d/%Y'". */
int dt_detect_choose(const dt_detect *d, dt_reading *r, char *why, size_t n);

#endif
