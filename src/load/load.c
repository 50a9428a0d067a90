/*
 * load.c - reading the input through the tokenizer (csvscan.h): chunks,
 * BOM, bad quotes and physical line numbers.  What the first bytes say
 * (encoding, delimiter) is sniff.c's business, what a record means
 * loadrow.c's, the bad-row limit loadcheck.c's.
 *
 * Line numbers: the tokenizer reports where records end but not where they
 * are in the file, so the loader counts them itself.  Every unquoted CR or
 * LF ends a record: a record ending on CR followed by an empty "record"
 * ending on LF is one CRLF line end; newlines inside quoted fields are
 * counted from the field bytes (scanrec.newlines).
 */
#include "churnkit/date.h"
#include "churnkit/fieldread.h"
#include "churnkit/load.h"
#include "churnkit/rollup.h"
#include "datecol.h"
#include "loader.h"
#include "churnkit/source.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1 << 20)

static churn_status no_memory(loader *ld)
{
	return ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
}

/* Once the header is read, a header-only read has nothing more to do. */
static int header_done(const loader *ld)
{
	return ld->header_only && ld->have_header;
}

/* The tokenizer's record callback: c is the CR or LF that ended it, or -1
 * at the end of the input.  Returns 1 to stop reading. */
static int on_record(void *data, int c)
{
	loader *ld = data;
	if (ld->st != CHURN_OK || header_done(ld))
		return 1;
	if (ld->rec.nf == 0) {
		/* An empty line, or the LF of a CRLF. */
		if (c == '\n' && ld->cr_pending) {
			ld->cr_pending = 0;
		} else {
			if (c != -1)
				ld->line_no++;
			ld->cr_pending = c == '\r';
		}
		return 0;
	}
	loader_record(ld);
	ld->line_no += 1 + ld->rec.newlines;
	ld->cr_pending = c == '\r';
	scanrec_clear(&ld->rec);
	return ld->st != CHURN_OK || header_done(ld);
}

/* A quoted field was closed and followed by byte c, which is neither a
 * blank, a delimiter nor a line end: the record is bad from here to the end
 * of the line.  The field's text so far becomes its last field. */
static void begin_bad_quote(loader *ld, scanner *sc, unsigned char c)
{
	ld->quote_line = ld->line_no + ld->rec.newlines;
	ld->quote_col = (long)ld->rec.nf + 1;
	if (!ld->have_header) {
		ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, ld->quote_line,
		                      ld->quote_col, "a quote in the header is closed and "
		                      "followed by text, not by a delimiter or a line end");
		return;
	}
	if (!scanner_take_partial(sc, &ld->rec)) {
		no_memory(ld);
		return;
	}
	ld->close_line = ld->line_no + ld->rec.newlines;
	ld->after = c;
	ld->skipping = 1;
}

/* The line of a bad quote has ended on c (CR, LF, or -1 at the end of the
 * input): the record is counted and rejected, and reading goes on with the
 * next line. */
static void end_bad_quote(loader *ld, int c)
{
	char what[16] = "text";
	if (ld->after > 0x20 && ld->after < 0x7F)
		snprintf(what, sizeof what, "'%c'", ld->after);
	ld->skipping = 0;
	if (ld->close_line == ld->quote_line)
		loader_bad_record(ld, ld->quote_line, ld->quote_col,
		                  "a quote opened here is closed and followed by %s, "
		                  "not by a delimiter or a line end", what);
	else
		loader_bad_record(ld, ld->quote_line, ld->quote_col,
		                  "a quote opened here is closed on line %ld and followed "
		                  "by %s, not by a delimiter or a line end (a stray "
		                  "quote?): lines %ld-%ld are left out", ld->close_line,
		                  what, ld->line_no, ld->close_line);
	ld->line_no += 1 + ld->rec.newlines;
	ld->cr_pending = c == '\r';
	scanrec_clear(&ld->rec);
}

/* Parses n bytes.  Where the tokenizer stops on a quoted field closed and
 * followed by text, the record is a bad row up to the end of that line
 * (begin_bad_quote); the bytes up to the line end are kept in its last
 * field for the rejects file. */
static void feed(loader *ld, scanner *sc, const char *s, size_t n)
{
	size_t done = 0;
	while (done < n && ld->st == CHURN_OK && !header_done(ld)) {
		if (ld->skipping) {
			size_t k = done;
			while (k < n && s[k] != '\n' && s[k] != '\r')
				k++;
			if (!scanrec_append_last(&ld->rec, s + done, k - done)) {
				no_memory(ld);
				return;
			}
			if (k == n)
				return;
			end_bad_quote(ld, (unsigned char)s[k]);
			done = k + 1;
			continue;
		}
		done += scanner_feed(sc, &ld->rec, s + done, n - done, on_record, ld);
		if (sc->stop == SCAN_NOMEM)
			no_memory(ld);
		if (sc->stop != SCAN_BAD_QUOTE)
			return;
		begin_bad_quote(ld, sc, (unsigned char)s[done]);
	}
}

/* The end of the input: a bad line being skipped ends here; a quoted field
 * still open is a bad row holding the rest of the file; anything else is
 * ended as the last record. */
static void finish_input(loader *ld, scanner *sc)
{
	if (ld->skipping) {
		end_bad_quote(ld, -1);
		return;
	}
	if (!scanner_open_quote(sc)) {
		if (!scanner_finish(sc, &ld->rec, on_record, ld))
			no_memory(ld);
		return;
	}
	long open = ld->line_no + ld->rec.newlines, col = (long)ld->rec.nf + 1;
	if (!ld->have_header) {
		ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, open, col,
		                      "unclosed quote in the header");
		return;
	}
	if (!scanner_take_partial(sc, &ld->rec)) {
		no_memory(ld);
		return;
	}
	/* A line end at the very end of the input ends the last line. */
	size_t last = ld->rec.len[ld->rec.nf - 1];
	const char *f = loader_field(ld, ld->rec.nf - 1);
	if (last > 0 && (f[last - 1] == '\n' || f[last - 1] == '\r') && ld->rec.newlines > 0)
		ld->rec.newlines--;
	loader_bad_record(ld, open, col,
	                  "a quote opened here is never closed; the rest of the "
	                  "file (%ld lines) is in this field",
	                  ld->line_no + ld->rec.newlines - open + 1);
}

/* The rows a file of known size holds if its lines are as long as those of
 * its first n bytes s[0..n); 0 when the size is unknown (a pipe).  At most
 * ROWS_HINT_MAX: a hint sizes the id table and the first room of the
 * columns, and a first chunk of short lines must not make them huge.  The
 * bound is above ten million rows: below it the id table grew twice while
 * a ten-million-row file loaded, rehashing every id into a table far
 * larger than the cache each time (the id table of the bound is 256 MiB). */
#define ROWS_HINT_MAX ((size_t)1 << 24)
static size_t rows_expected(const source *src, const char *s, size_t n)
{
	uint64_t size = source_size(src);
	size_t lines = 0;
	for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		lines++;
	if (size == 0 || lines == 0)
		return 0;
	double rows = (double)size / ((double)n / (double)lines);
	return rows < (double)ROWS_HINT_MAX ? (size_t)rows : ROWS_HINT_MAX;
}

/* Reads `src` from where it stands (its start): the first chunk gives the
 * encoding and the delimiter; every record goes to loadrow.c.  The input
 * is read once, in chunks: nothing here rewinds it. */
static churn_status parse_file(loader *ld, source *src, char *chunk, size_t size)
{
	scanner sc;
	int first = 1;
	churn_status st = CHURN_OK;
	churn_err *err = ld->err;

	scanner_init(&sc, ',');
	ld->line_no = 1;
	ld->cr_pending = 0;
	ld->skipping = 0;
	scanrec_clear(&ld->rec);
	for (;;) {
		size_t n;
		const char *s = chunk;
		if ((st = source_read(src, chunk, size, &n, err)) != CHURN_OK)
			return st;
		if (n == 0)
			break;
		if (first) {
			first = 0;
			if ((st = loader_sniff_encoding(ld->name, s, n, err)) != CHURN_OK)
				return st;
			if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
				ld->res->bom = 1;
				s += 3;
				n -= 3;
			}
			/* Excel's "sep=;" line names the delimiter; the header is the
			 * line after it.  --delimiter, when given, still decides. */
			char sep = 0;
			size_t skip = loader_sep_line(s, n, &sep);
			if (skip > 0) {
				s += skip;
				n -= skip;
				ld->line_no = 2;
			}
			ld->res->delimiter = ld->opts->delimiter ? ld->opts->delimiter
			                     : sep != 0          ? sep
			                                         : loader_detect_delimiter(s, n);
			scanner_init(&sc, (unsigned char)ld->res->delimiter);
			ld->rows_hint = rows_expected(src, s, n);
			if (ld->res->delimiter == ',' && ld->decimal == ',')
				return churn_err_set(err, CHURN_EUSAGE,
				                     "--decimal , needs a ; or tab delimiter, "
				                     "but %s is comma-delimited", ld->name);
		}
		feed(ld, &sc, s, n);
		stagetime_tick(ld->opts->progress, source_size(src) ? (double)source_bytes(src)
		                                                    : (double)ld->res->rows_read);
		if (ld->st != CHURN_OK)
			return ld->st;
		if (header_done(ld))
			return CHURN_OK;
	}
	if (first)
		return churn_err_at(err, CHURN_EDATA, ld->name, 0, 0, "the file is empty");
	finish_input(ld, &sc);
	st = ld->st;
	if (st == CHURN_OK && !ld->have_header)
		st = churn_err_at(err, CHURN_EDATA, ld->name, 0, 0, "the file is empty");
	return st;
}

/* Usage errors in the options that shape reading: the thousands separator
 * (fieldread.h) and the value scale; the encoding is set on `src`. */
static churn_status check_opts(source *src, const load_opts *o, churn_err *err)
{
	char dec = o->decimal ? o->decimal : '.';
	if (o->thousands != 0 && !fieldread_thousands_ok(o->thousands))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--thousands %c: use . , ' or a space", o->thousands);
	if (o->thousands == dec)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--thousands %c is the decimal mark too: say --decimal "
		                     "%c", o->thousands, dec == '.' ? ',' : '.');
	if (!(o->value_scale > 0 && isfinite(o->value_scale)))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--value-scale %g: the scale must be a number above 0",
		                     o->value_scale);
	if (o->encoding != NULL)
		return source_set_encoding(src, o->encoding, err);
	return CHURN_OK;
}

/* Sets up a loader for `src` with its result record.  Returns 0 when out of
 * memory (loader_release frees what was made). */
static int loader_init(loader *ld, source *src, const load_map *map,
                       const load_opts *opts, churn_err *err)
{
	memset(ld, 0, sizeof *ld);
	ld->name = opts->display_name ? opts->display_name : source_name(src);
	ld->map = map;
	ld->opts = opts;
	ld->decimal = opts->decimal ? opts->decimal : '.';
	ld->thousands = opts->thousands;
	/* A scale 1/k (0.01 = 1/100) divides by k, as a hand conversion
	 * would, rather than multiplying by the inexact 0.01. */
	double scale = opts->value_scale > 0 ? opts->value_scale : 1, k = floor(1 / scale + 0.5);
	ld->scale_mul = scale;
	ld->scale_div = 1;
	if (scale < 1 && k >= 2 && fabs(1 / scale - k) <= 1e-9 * k) {
		ld->scale_mul = 1;
		ld->scale_div = k;
	}
	ld->err = err;
	ld->id_col = -1;
	ld->res = calloc(1, sizeof *ld->res);
	return ld->res != NULL;
}

/* Frees the loader's buffers and builders (not its result). */
static void loader_release(loader *ld)
{
	scanrec_free(&ld->rec);
	free(ld->line);
	loader_where_free(ld);
	loader_free_cols(ld);
	loader_seen_free(ld);
}

/* datecol.h: the detection pass over the start of `src`, which is kept
 * (source_mark) and rewound for the load proper; rows are read only for
 * their date values, and nothing is written. */
static churn_status detect_dates(datecols *dc, source *src, const load_map *map,
                                 const load_opts *opts, char *chunk, size_t size,
                                 churn_err *err)
{
	loader ld;
	load_opts quiet = *opts;
	churn_status st;

	quiet.rejects = NULL;
	quiet.progress = NULL;  /* the load proper shows its progress */
	source_mark(src);
	if (!loader_init(&ld, src, map, &quiet, err)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	} else {
		ld.dates = dc;
		dc->detecting = 1;
		st = parse_file(&ld, src, chunk, size);
		dc->detecting = 0;
		if (st == CHURN_OK)
			st = datecols_choose(dc, &ld, err);
	}
	loader_release(&ld);
	load_result_free(ld.res);
	source_rewind(src);
	return st;
}

churn_status load_csv_source(source *src, const load_map *map, const load_opts *opts,
                             load_result **out, churn_err *err)
{
	loader ld;
	datecols dc;
	size_t chunksize = source_buffer_size(src, CHUNK);
	char *chunk = NULL;
	churn_status st = CHURN_OK;

	*out = NULL;
	if ((st = datecols_init(&dc, opts, err)) != CHURN_OK)
		return st;
	int made = loader_init(&ld, src, map, opts, err);
	chunk = malloc(chunksize);
	if (!made || chunk == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	stagetime_begin(opts->progress, "loading", (double)source_size(src),
	                source_size(src) ? "bytes" : "rows");
	/* The options first: the encoding decodes the detection pass too. */
	if ((st = check_opts(src, opts, err)) != CHURN_OK ||
	    (map->rollup && (st = rollup_check_map(map, err)) != CHURN_OK))
		goto done;
	if (datecols_auto(&dc) &&
	    (st = detect_dates(&dc, src, map, opts, chunk, chunksize, err)) != CHURN_OK)
		goto done;
	ld.dates = &dc;
	ld.res->as_of = opts->has_as_of ? opts->as_of : TABLE_DATE_NA;
	ld.res->min_date = ld.res->max_date = TABLE_DATE_NA;
	st = parse_file(&ld, src, chunk, chunksize);
	if (st == CHURN_OK)
		st = loader_seen_check(&ld);
	if (st == CHURN_OK)
		st = loader_where_check(&ld);
	if (st == CHURN_OK) {
		loader_hint_result(&ld);
		datecols_hint(&dc, &ld);
		st = loader_finish_table(&ld);
	}
	if (st == CHURN_OK && map->rollup) {
		rollup_counts rc;
		if ((st = rollup_table(ld.res->t, map, &rc, err)) == CHURN_OK) {
			ld.res->rolled_up = 1;
			ld.res->customers = rc.customers;
			ld.res->reactivations = rc.reactivations;
			ld.res->customers_reactivated = rc.customers_reactivated;
		}
	}
	if (st == CHURN_OK && ld.res->as_of == TABLE_DATE_NA) {
		ld.res->as_of = ld.res->max_date;
		loader_as_of_outlier(ld.res, map);
	}
	if (st == CHURN_OK) {
		/* parse_file read to the end: the hash covers every byte parsed. */
		source_sha256_hex(src, ld.res->sha256);
		ld.res->bytes = source_bytes(src);
	}
done:
	free(chunk);
	loader_release(&ld);
	datecols_free(&dc);
	if (st == CHURN_OK)
		*out = ld.res;
	else
		load_result_free(ld.res);
	return st;
}

churn_status load_csv(const char *path, const load_map *map,
                      const load_opts *opts, load_result **out, churn_err *err)
{
	source *src = NULL;
	churn_status st = source_open(path, opts->display_name, &src, err);

	*out = NULL;
	if (st == CHURN_OK)
		st = load_csv_source(src, map, opts, out, err);
	source_free(src);
	return st;
}

churn_status load_read_header_source(source *src, const load_opts *opts,
                                     char ***names, size_t *n, churn_err *err)
{
	static const load_map none;
	loader ld;
	size_t chunksize = source_buffer_size(src, CHUNK);
	char *chunk = malloc(chunksize);
	churn_status st = CHURN_OK;

	*names = NULL;
	*n = 0;
	load_opts o = *opts;
	o.rejects = NULL;  /* the header is not a row */
	o.progress = NULL;
	int made = loader_init(&ld, src, &none, &o, err);
	ld.header_only = 1;
	if (!made || chunk == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	if ((st = check_opts(src, opts, err)) != CHURN_OK)
		goto done;
	/* The bytes read for the header are kept and read again by the load. */
	source_mark(src);
	st = parse_file(&ld, src, chunk, chunksize);
	source_rewind(src);
	if (st != CHURN_OK)
		goto done;
	if ((*names = calloc(ld.nfields ? ld.nfields : 1, sizeof **names)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t j = 0; j < ld.nfields; j++) {
		(*names)[j] = ld.cols[j].name;  /* taken over from the builder */
		ld.cols[j].name = NULL;
	}
	*n = ld.nfields;
done:
	free(chunk);
	loader_release(&ld);
	load_result_free(ld.res);
	return st;
}

churn_status load_read_header(const char *path, const load_opts *opts,
                              char ***names, size_t *n, churn_err *err)
{
	source *src = NULL;
	churn_status st = source_open(path, opts->display_name, &src, err);

	*names = NULL;
	*n = 0;
	if (st == CHURN_OK)
		st = load_read_header_source(src, opts, names, n, err);
	source_free(src);
	return st;
}
