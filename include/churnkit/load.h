/*
 * load.h - the streaming CSV loader (libcsv) and its column mapping.
 *
 * load_csv reads one customer table into a column table (table.h).  The
 * first record is the header.  The input may be UTF-8 with or without a
 * byte-order mark, with CRLF or LF line ends, comma, semicolon or tab
 * delimited (detected from the header line unless given), with quoted
 * fields holding delimiters, doubled quotes and newlines.  Unquoted fields
 * are trimmed of blanks; empty and whitespace-only fields are missing.
 *
 * Mapped columns (load_map) are typed and validated row by row:
 *   id                 text, must be present and unique
 *   start, end, entry  dates in date mode (each column's reading detected
 *                      from its values, or opts->date_format: datetime.h,
 *                      docs/inputs.md "Dates"); numbers in duration mode
 *                      (entry only)
 *   duration           number >= 0 (duration mode)
 *   event, outcome     yes/no flag (fieldread_flag's words), or equality with
 *                      a given value ignoring case and blanks around; a
 *                      value that no row holds is CHURN_EUSAGE listing the
 *                      values seen with their counts
 *   value              number >= 0, may be missing; times value_scale, and
 *                      with an interval column turned into a monthly
 *                      amount: value * mul / (div * count), fieldread_interval
 *   interval           billing interval (month, quarter, year, week, day, ...),
 *                      kept as text; required where value is present
 *   interval_count     whole number > 0 of intervals per billing
 *   weight             whole number >= 0 (as R's frequency weights)
 *   by, categorical    kept as text levels even when they look numeric
 *   reason             the churn reason: text levels as by; present only
 *                      on a churned row (an end date, or event 1)
 * Numbers are read by fieldread_number (thousands separator, currency signs
 * and codes).  Every other column is numeric when all its non-missing
 * values are numbers, and categorical otherwise.  The input is read as
 * opts->encoding (source_set_encoding) when one is given.
 *
 * A row that breaks a rule (wrong field count, NUL byte, a quote never
 * closed or closed and followed by anything but a delimiter or a line end,
 * a line break inside a mapped value, unparseable date or number, a date
 * outside [date_min, date_max], a number beyond LOAD_MAX_MAGNITUDE, end
 * before start, entry before start or after the end, a date after as_of,
 * negative duration or value, duplicate id, bad flag, a churn reason on
 * a row that has not churned) is not loaded: it is
 * counted by reason, written to opts->rejects when given (cells made
 * spreadsheet-safe by sheet.h), and the first LOAD_KEEP_REJECTS are kept in
 * the result with line, column and reason.  A bad row that spans several
 * physical lines (a quoted field holding line breaks) counts all of them in
 * lines_rejected.  An end date equal to opts->open_end reads as still active.
 * With map->where, a row whose fields could be read (field count,
 * encoding, quotes) is first tested against every filter; a row that fails
 * one is left out and counted in rows_filtered, before any value of it is
 * checked.  A filter naming no column of the header is CHURN_EUSAGE naming
 * it, and so is a filter value that no row holds (listing the values seen
 * with their counts).  With map->rollup, repeated ids are no bad rows: the
 * good rows are merged by id after the load (rollup.h, docs/inputs.md).
 * load_csv succeeds when the whole input could be read, however many rows
 * were bad; load_check then fails with CHURN_EDATA when more physical lines
 * are in bad rows than max_bad_rows allows, or when no row is usable, so
 * that the caller can report the bad rows either way.  A mapped column
 * absent from the header is CHURN_EUSAGE naming it; a date column whose
 * values two forms read differently (01/02/2024) is CHURN_EDATA naming the
 * column, a line and both --date-format options, and an unknown
 * date_format CHURN_EUSAGE.  docs/inputs.md states
 * these input rules for users.
 *
 * Ownership: load_csv returns a new load_result; free it with
 * load_result_free.  The options and the mapping are borrowed for the call.
 */
#ifndef CHURNKIT_LOAD_H
#define CHURNKIT_LOAD_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/err.h"
#include "churnkit/source.h"
#include "churnkit/stagetime.h"
#include "churnkit/table.h"

#define LOAD_KEEP_REJECTS 50

/* The largest magnitude a number of a mapped column (value, duration,
 * weight, entry time) may have: money and durations beyond it are typing
 * errors or sentinels, and their sums and products would lose every digit
 * or overflow downstream. */
#define LOAD_MAX_MAGNITUDE 1e15  /* messages say 1e15: keep in step */

/* The default plausible dates, 1900-01-01 .. 2199-12-31 (day numbers). */
#define LOAD_DATE_MIN_DEFAULT (-25567)
#define LOAD_DATE_MAX_DEFAULT 84005

typedef enum {
	LOAD_BAD_FIELDS,     /* wrong number of fields */
	LOAD_BAD_ENCODING,   /* NUL byte, or not UTF-8 */
	LOAD_BAD_QUOTE,      /* a quote never closed, or closed badly */
	LOAD_BAD_MISSING,    /* a required value is missing */
	LOAD_BAD_DATE,       /* not a date */
	LOAD_BAD_NUMBER,     /* not a number */
	LOAD_BAD_FLAG,       /* not a yes/no value */
	LOAD_BAD_NEGATIVE,   /* negative duration, value or weight */
	LOAD_BAD_ORDER,      /* end before start, entry after end */
	LOAD_BAD_FUTURE,     /* a date after as-of */
	LOAD_BAD_DUPLICATE,  /* the id was seen on an earlier row */
	LOAD_BAD_RANGE,      /* a date outside the plausible range */
	LOAD_BAD_MAGNITUDE,  /* a number beyond LOAD_MAX_MAGNITUDE */
	LOAD_BAD_INTERVAL,   /* not a billing interval (--interval) */
	LOAD_BAD_REASON,     /* a churn reason on an active customer (--reason) */
	LOAD_NREASONS
} load_reason;

/* The churn reason (--reason) of a churned customer whose field is empty:
 * its own level, listed last (reasons.h, surv_reasons.h). */
#define LOAD_REASON_UNKNOWN "unknown"
/* ... named so unless a reason of the column itself reads "unknown" (any
 * case, blanks around): then it is LOAD_REASON_NOT_GIVEN, so that the two
 * are never merged or shown alike (src/load/reason_names.c). */
#define LOAD_REASON_NOT_GIVEN "(not given)"

/* 1 when the level reads "unknown" ignoring case and blanks around. */
int load_reason_word_unknown(const char *level);

/* The name of the churned customers' level without a reason, given the
 * column's levels[n]: LOAD_REASON_UNKNOWN or LOAD_REASON_NOT_GIVEN. */
const char *load_reason_unknown_name(const char *const *levels, size_t n);

/* 1 when an --involuntary name is the (trimmed) level: byte for byte after
 * the blanks around the name, case-sensitive, as --by levels are told
 * apart ("Price" and "price" are two levels). */
int load_reason_same(const char *level, const char *name);

/* A short English name for a reason ("wrong field count", ...). */
const char *load_reason_name(load_reason r);

/* Column roles; NULL = not mapped.  Strings and arrays are borrowed. */
typedef struct {
	const char *id;
	const char *start;
	const char *end;
	const char *entry;
	const char *duration;
	const char *event;          /* flag column */
	const char *event_value;    /* NULL = yes/no flag, else equality */
	const char *outcome;
	const char *outcome_value;
	const char *value;
	const char *weight;
	const char *const *by;      /* segment columns */
	size_t nby;
	const char *const *categorical;  /* forced categorical columns */
	size_t ncategorical;
	const char *interval;       /* billing interval of value (--interval) */
	const char *interval_count; /* intervals per billing (--interval-count) */
	const char *const *where;   /* row filters "COL=V1,V2" or "COL!=V1,V2"
	                               (--where, where.c); a row is kept when
	                               every filter holds */
	size_t nwhere;
	int rollup;                 /* 1: rows sharing an id are one customer
	                               (--rollup, rollup.h); 0: a repeated id
	                               is a bad row */
	const char *reason;         /* churn reason column (--reason): read as a
	                               --by column (text levels); a value on a
	                               customer who has not churned (no end
	                               date, event 0) is a bad row
	                               (LOAD_BAD_REASON); NULL = none; a
	                               churned customer without one has the
	                               reason LOAD_REASON_UNKNOWN */
	const char *time_unit;      /* the duration's unit (--time-unit), plural:
	                               "days", "weeks", "months" or "years"; NULL
	                               when not named (texts say "time units") */
} load_map;

typedef struct {
	char delimiter;          /* ',', ';', '\t', other; 0 = detect */
	char decimal;            /* '.' (default when 0) or ',' */
	char thousands;          /* '.', ',', '\'' or ' '; 0 = none (fieldread.h) */
	const char *encoding;    /* the input's encoding (source.h); NULL = UTF-8 */
	double value_scale;      /* the value column (and a revenue file's MRR) is
	                            multiplied by it: 0.01 for cents; 1 = none */
	const char *date_format; /* --date-format (datetime.h, dt_spec_read);
	                            NULL = auto, detected per column */
	int has_as_of;           /* 1 when as_of was given */
	int32_t as_of;           /* day number */
	double max_bad;          /* limit on bad rows ... */
	int max_bad_is_fraction; /* ... as a fraction of rows read (1) or a count (0) */
	FILE *rejects;           /* borrowed; NULL = do not write rejects */
	const char *display_name;/* name used in messages; NULL = the path */
	int32_t date_min;        /* plausible dates: earlier or later ones are */
	int32_t date_max;        /* bad rows (LOAD_BAD_RANGE) */
	int32_t open_end;        /* an end date meaning "still active";
	                            TABLE_DATE_NA = none */
	stagetime *progress;     /* borrowed; NULL = none: the read shows as the
	                            stage "loading", bytes of a file's size, or
	                            rows when the size is not known (stagetime.h) */
} load_opts;

/* Sets the documented defaults: detect delimiter, decimal point, no
 * thousands separator, UTF-8, value scale 1, ISO dates, max_bad = 1% of
 * rows, dates 1900-01-01 .. 2199-12-31, no open end. */
void load_opts_init(load_opts *o);

typedef struct {
	long line;
	long col;            /* 0 = the whole row */
	load_reason reason;
	char msg[200];       /* UTF-8: quoted values are cut at whole characters */
} load_reject;

typedef struct {
	table *t;                  /* the good rows; owned */
	long rows_read;            /* data records (header and blank lines excluded) */
	long rows_rejected;
	long rows_filtered;        /* rows --where left out (never bad rows) */
	int rolled_up;             /* 1 when --rollup merged rows by id: t then
	                              holds one row per customer */
	long customers;            /* with rolled_up: the customers formed */
	long reactivations;        /* with rolled_up: gaps, rows starting after
	                              every earlier row of their id ended */
	long customers_reactivated;/* with rolled_up: customers with a gap */
	long lines_read;           /* physical lines of the data records */
	long lines_rejected;       /* physical lines of the bad records */
	long by_reason[LOAD_NREASONS];
	load_reject rejects[LOAD_KEEP_REJECTS];  /* the first ones */
	size_t nrejects_kept;
	char delimiter;            /* the one used */
	int bom;                   /* 1 when a UTF-8 BOM was skipped */
	int32_t as_of;             /* given, or the latest date seen */
	int32_t min_date, max_date;/* over mapped date columns; TABLE_DATE_NA when none */
	int date_mode;             /* 1 when start/end dates were mapped */
	int duration_mode;         /* 1 when a duration column was mapped */
	char as_of_note[240];      /* "" or, when the as-of came from the data
	                              and its latest date stands more than a
	                              quarter after every other date (a typo
	                              such as 2031 for 2021 would move every
	                              customer's censoring), a warning: the
	                              line, then ": ", the column and the gap
	                              (load.c), for "FILE:" before it */
	char sha256[65];           /* SHA-256 of the bytes parsed, 64 hex digits */
	uint64_t bytes;            /* how many bytes were parsed */
	char hint[200];            /* "" or, when more than half of a column's
	                              values failed the same way, what would
	                              read them: "most values of column 'x'
	                              would read with --decimal ," or "most
	                              dates in column 'x' read with
	                              --date-format '%d.%m.%Y'" (datecol.h) */
} load_result;

/* Loads `path` ("-" = standard input), reading it once (source.h), so that
 * a pipe, a FIFO or /dev/stdin loads like a file.  On success *out is a new
 * result, whose sha256 is the hash of the bytes parsed.  On failure *out is
 * NULL and err says why (with file, line and column when a position is
 * known). */
churn_status load_csv(const char *path, const load_map *map,
                      const load_opts *opts, load_result **out, churn_err *err);

/* As load_csv, from `src` (borrowed) read from where it stands to its end;
 * messages name opts->display_name, else the source's name. */
churn_status load_csv_source(source *src, const load_map *map, const load_opts *opts,
                             load_result **out, churn_err *err);

void load_result_free(load_result *r);

/* The customers of the loaded rows: with frequency weights (weight_col,
 * --weight; whole numbers >= 0) the sum of the column over r's rows, else
 * the rows.  *nzero (NULL: not wanted) gets the rows of weight 0, which
 * stand for no customer (0 without weights). */
double load_customer_count(const load_result *r, const char *weight_col, size_t *nzero);

/* Reads only the header of `path` ("-" = standard input), by load_csv's
 * rules (BOM, UTF-16 and UTF-32 refused, delimiter detected unless
 * opts->delimiter is set, blank names become V<k>).  On success *names is a
 * new array of *n new strings (free each and the array).  Errors as
 * load_csv's for an unreadable, empty or UTF-16 file. */
churn_status load_read_header(const char *path, const load_opts *opts,
                              char ***names, size_t *n, churn_err *err);

/* As load_read_header, from `src`, which is left where it stood: the bytes
 * read for the header are kept (source_mark/source_rewind) and a following
 * load_csv_source reads the whole input, so that a caller can choose
 * columns before loading without reading the input twice. */
churn_status load_read_header_source(source *src, const load_opts *opts,
                                     char ***names, size_t *n, churn_err *err);

/* CHURN_EDATA when the input had no data rows, no good row, or more bad rows
 * than opts->max_bad allows (a count, or a fraction of the rows read; the
 * message ends with r->hint when there is one), where
 * every physical line a bad row swallowed beyond its first (a quoted field
 * holding line breaks) counts as one more bad row and one more row read;
 * CHURN_OK otherwise.  The message names opts->display_name. */
churn_status load_check(const load_result *r, const load_opts *opts,
                        churn_err *err);

/* The counts load_check judges, for a file loaded through the loader and
 * then checked further (the revenue history, revhist.h): rows_good is the
 * rows left after every check. */
typedef struct {
	long rows_read;
	long rows_rejected;
	long lines_rejected;
	size_t rows_good;
	const char *hint;          /* load_result.hint, or NULL */
} load_counts;

/* load_check's rule and wording on counts `c`. */
churn_status load_check_counts(const load_counts *c, const load_opts *opts,
                               churn_err *err);

#endif
