/*
 * loader.h - private state shared by the loader's files, each calling only
 * those below it: load.c (reading, csvscan.c, lines) -> sniff.c (encoding and
 * delimiter from the first bytes), loadrow.c (the header, a data row
 * checked whole) -> rowcheck.c (the rules each mapped value must meet) ->
 * colbuild.c (the typed columns) and reject.c (bad rows, quoting, line
 * breaks).
 */
#ifndef CHURNKIT_LOADER_H
#define CHURNKIT_LOADER_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/load.h"
#include "churnkit/strbuf.h"
#include "csvscan.h"
#include "util/intern.h"

typedef enum {
	ROLE_AUTO = 0, ROLE_ID, ROLE_START, ROLE_END, ROLE_ENTRY, ROLE_DURATION,
	ROLE_EVENT, ROLE_OUTCOME, ROLE_VALUE, ROLE_WEIGHT, ROLE_INTERVAL,
	ROLE_INTERVAL_COUNT, ROLE_CAT
} load_role;

/* How many of a column's bad values one option would read (hint.c). */
#define LOADER_HINT_SLOTS 3
typedef struct {
	const char *opt;   /* a static string: "--decimal ,"; NULL = free */
	long count;
} loader_hint;

/* The values of a --event/--outcome COL=VALUE column, with their counts,
 * for the error when VALUE matches no row (flagseen.c). */
typedef struct {
	intern *in;
	long *count;       /* per level */
	size_t cap;
	long matched;      /* rows equal to VALUE */
} loader_seen;

/* One --where filter (where.c): the column, its values, and what the
 * column holds, for the error when a value matches no row. */
typedef struct {
	const char *clause;  /* as given (borrowed from the map) */
	long col;            /* its column */
	int negate;          /* COL!=V: the row is kept when no value matches */
	char *text;          /* owned: the values, each NUL-terminated */
	const char **values; /* into text */
	size_t nvalues;
	long *matched;       /* rows holding each value */
	loader_seen seen;    /* the column's values with their counts */
} loader_where;

typedef struct {
	char *name;
	load_role role;
	table_kind kind;
	double *num;
	int32_t *date;
	uint32_t *codes;
	intern *in;
	size_t nmissing;
	char *raw;         /* an automatic column while numeric: each good row's
	                      field text, length-prefixed, so that the column
	                      can turn categorical without reading the input
	                      again */
	size_t rawlen, rawcap;
	size_t raw_rows;   /* entries in raw: one per good row, or one more
	                      when the last row was refused after its entry */
	size_t raw_last;   /* where the last entry starts */
	double tmp_num;    /* the current row's parsed value (an interval's mul) */
	double tmp_div;    /* an interval's div (fieldread_interval) */
	int32_t tmp_date;
	loader_hint hints[LOADER_HINT_SLOTS]; /* what would read its bad values */
} load_colbuild;

typedef struct datecols datecols;  /* datecol.h */

typedef struct {
	const char *name;        /* for messages */
	const load_map *map;
	const load_opts *opts;
	char decimal;
	char thousands;          /* 0 = none */
	double scale_mul, scale_div;  /* --value-scale as value * mul / div */
	loader_seen seen[2];     /* --event, --outcome COL=VALUE */
	loader_where *where;     /* --where filters (map->nwhere) */
	load_result *res;

	/* the header */
	int have_header;
	size_t nfields;
	load_colbuild *cols;
	long id_col;             /* -1 when no id */
	long role_col[ROLE_CAT + 1];  /* column of each single role; -1 = none */
	long reason_col;         /* the --reason column (a ROLE_CAT); -1 = none */

	/* the rows loaded so far */
	size_t nrows, cap;
	long *line;

	/* the record being read */
	scanrec rec;             /* csvscan.h: its fields */
	long line_no;            /* physical line where the record starts */
	int cr_pending;          /* the last record ended on CR */
	int skipping;            /* 1: a quoted field was closed and followed by
	                            text; the rest of its line is being skipped
	                            (kept in the record's last field) */
	long quote_line;         /* where that quote opened ... */
	long quote_col;          /* ... in which field ... */
	long close_line;         /* ... the line where it was closed ... */
	int after;               /* ... and the byte that followed it */
	int header_only;         /* 1: stop after the header (load_read_header) */
	size_t rows_hint;        /* the data rows to expect (the file's size over
	                            the first chunk's bytes per line); 0 = unknown */

	datecols *dates;         /* datecol.h: the date columns' readings; borrowed */

	churn_status st;         /* a fatal error inside a callback */
	churn_err *err;
} loader;

/* Field k of the record being read (NUL-terminated; ld->len[k] bytes). */
static inline const char *loader_field(const loader *ld, size_t k)
{
	return ld->rec.buf.s + ld->rec.off[k];
}

/* sniff.c: CHURN_EDATA naming `name` when the first n bytes of the input
 * are UTF-32 or UTF-16 (by a byte-order mark or by their zero bytes). */
churn_status loader_sniff_encoding(const char *name, const char *s, size_t n,
                                   churn_err *err);
/* sniff.c: the most frequent of , ; tab outside quotes on the header line
 * of s[0..n); a comma when none occurs. */
char loader_detect_delimiter(const char *s, size_t n);

/* Excel's first line "sep=X" (X one byte, then LF, CRLF or CR): its length
 * with the line end, and X in *delim; 0 when s does not begin with one
 * (docs/inputs.md). */
size_t loader_sep_line(const char *s, size_t n, char *delim);

/* loadrow.c: handles one complete record (the header first). */
void loader_record(loader *ld);

/* rowcheck.c: parses the mapped field j of the current row into
 * tmp_num/tmp_date.  Returns 0 (after rejecting the row) when it breaks a
 * rule. */
int loader_parse_mapped(loader *ld, size_t j);
/* rowcheck.c: checks the order of a row's dates (or of entry and duration);
 * returns 0 after rejecting the row. */
int loader_check_order(loader *ld);

/* rowcheck.c: rejects the row (returning 0) when the --reason column
 * holds a value on a row that has not churned: no end date (date mode) or
 * an event that is not churn (duration mode).  After loader_parse_mapped. */
int loader_check_reason(loader *ld);

/* rowcheck.c: the value of the row times --value-scale and, with
 * --interval, turned into a monthly amount; returns 0 after rejecting the
 * row (a value without its interval or count). */
int loader_scale_value(loader *ld);

/* hint.c: counts what option would read field `col` (1-based) of the
 * current row, bad for `reason` (reject.c calls it for every bad row). */
void loader_hint_count(loader *ld, long col, load_reason reason);
/* hint.c: sets res->hint from the counts, when an option would read more
 * than half of a column's values. */
void loader_hint_result(loader *ld);
/* hint.c: 1 when s[0..len) holds only Windows-1252 characters. */
int loader_cp1252_text(const char *s, size_t len);

/* flagseen.c: counts the value s[0..len) of the --event (which 0) or
 * --outcome (1) COL=VALUE column, and whether it matched.  Returns 0 when
 * out of memory (ld->st set). */
int loader_seen_add(loader *ld, int which, const char *s, size_t len, int matched);
/* flagseen.c: counts the value s[0..len) (blanks around trimmed) in `v`.
 * Returns 0 when out of memory. */
int loader_seen_count(loader_seen *v, const char *s, size_t len, int matched);
/* flagseen.c: "'a' (3), 'b' (1) and 4 more" into buf: the values of `v` in
 * first-seen order with their counts. */
void loader_seen_list(const loader_seen *v, char *buf, size_t size);
/* flagseen.c: CHURN_EUSAGE when a COL=VALUE matched no row of those seen,
 * listing the values with their counts. */
churn_status loader_seen_check(loader *ld);
/* flagseen.c: frees the values seen. */
void loader_seen_free(loader *ld);

/* where.c: reads map->where against the header (after the roles are
 * given): CHURN_EUSAGE in ld->st when a filter is malformed or names no
 * column. */
void loader_where_bind(loader *ld);
/* where.c: 1 when the current row passes every --where filter; 0 when it
 * is left out (counted in rows_filtered) or out of memory (ld->st set). */
int loader_where_keep(loader *ld);
/* where.c: CHURN_EUSAGE when a filter value matched no row, listing the
 * column's values with their counts. */
churn_status loader_where_check(loader *ld);
/* where.c: frees the filters. */
void loader_where_free(loader *ld);

/* colbuild.c: doubles the room of every column (and of the line numbers).
 * Returns 0 when out of memory. */
int loader_grow(loader *ld);
/* colbuild.c: stores the current row, checked whole, as good row
 * ld->nrows (room for it made by loader_grow); sets ld->st when out of
 * memory. */
void loader_store_row(loader *ld);
/* colbuild.c: moves the built columns into res->t; frees the builders. */
churn_status loader_finish_table(loader *ld);
/* colbuild.c: frees whatever builders remain. */
void loader_free_cols(loader *ld);

/* reject.c: records a bad row (counted, kept, written to rejects) at the
 * record's first line, or at `line` (where a bad quote opened).  The row
 * spans 1 + ld->newlines physical lines, all counted as rejected. */
void loader_reject(loader *ld, long col, load_reason reason, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void loader_reject_at(loader *ld, long line, long col, load_reason reason,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* reject.c: counts a data record that could not be read whole (a bad
 * quote) and rejects it at `line`, field `col`. */
void loader_bad_record(loader *ld, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* reject.c: writes the rejects file's header line (when there is one). */
void loader_write_rejects_header(loader *ld);
/* reject.c: the field text `s` (len bytes) cut for a message: at most
 * LOADER_QUOTE_MAX bytes, at a whole UTF-8 character; returns the length. */
int loader_quote_len(const char *s, size_t len);
#define LOADER_QUOTE_MAX 60
/* reject.c: the line breaks in s[0..len): LF, CRLF and a lone CR each
 * count once (a file may end its lines with CR alone, and the loader
 * counts its physical lines that way). */
long loader_line_breaks(const char *s, size_t len);
/* reject.c: the first line break in [s, end), or NULL; *next is set to
 * the byte after it (after both bytes of a CRLF). */
const char *loader_next_break(const char *s, const char *end, const char **next);

/* When the as-of is the data's latest date (r->as_of == r->max_date, not
 * given): fills r->as_of_note when that date is held by one row alone and
 * stands more than a quarter after every other start, end or entry date
 * (docs/inputs.md); leaves it "" otherwise (asof.c). */
void loader_as_of_outlier(load_result *r, const load_map *map);

#endif
