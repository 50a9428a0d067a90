/*
 * load.c - reading the input through libcsv: chunks, BOM, delimiter
 * detection, physical line numbers, and the bad-row limit.  What a record
 * means is loadrow.c's business.
 *
 * Line numbers: libcsv reports where records end but not where they are in
 * the file, so the loader counts them itself.  With CSV_REPALL_NL every
 * unquoted CR or LF is reported: a record ending on CR followed by an empty
 * "record" ending on LF is one CRLF line end; newlines inside quoted fields
 * are counted from the field bytes.
 */
#include "churnkit/load.h"
#include "loader.h"
#include "churnkit/source.h"
#include "churnkit/utf8.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1 << 20)
#define LIBCSV_FIELD_BEGUN 2  /* libcsv.c's parser state inside a field */

const char *load_reason_name(load_reason r)
{
	static const char *const names[LOAD_NREASONS] = {
		[LOAD_BAD_FIELDS] = "wrong field count",
		[LOAD_BAD_ENCODING] = "bad encoding",
		[LOAD_BAD_QUOTE] = "unclosed quote",
		[LOAD_BAD_MISSING] = "missing required value",
		[LOAD_BAD_DATE] = "unparseable date",
		[LOAD_BAD_NUMBER] = "not a number",
		[LOAD_BAD_FLAG] = "not a yes/no value",
		[LOAD_BAD_NEGATIVE] = "negative value",
		[LOAD_BAD_ORDER] = "dates out of order",
		[LOAD_BAD_FUTURE] = "date after as-of",
		[LOAD_BAD_DUPLICATE] = "duplicate id",
	};
	return (unsigned)r < LOAD_NREASONS ? names[r] : "unknown";
}

void load_opts_init(load_opts *o)
{
	memset(o, 0, sizeof *o);
	o->decimal = '.';
	o->max_bad = 0.01;
	o->max_bad_is_fraction = 1;
}

void load_result_free(load_result *r)
{
	if (r == NULL)
		return;
	table_free(r->t);
	free(r);
}

/* 1 when some byte of s[0..len) is below 0x0B (so may be NUL or LF).  Eight
 * bytes at a time: (x - 0x0B..0B) & ~x & 0x80..80 is nonzero exactly when a
 * byte of x is below 0x0B (the classic "has a byte less than n" test). */
static int has_low_byte(const void *s, size_t len)
{
	const unsigned char *p = s;
	size_t k = 0;
	for (; k + 8 <= len; k += 8) {
		uint64_t x;
		memcpy(&x, p + k, 8);
		if ((x - 0x0B0B0B0B0B0B0B0BULL) & ~x & 0x8080808080808080ULL)
			return 1;
	}
	for (; k < len; k++)
		if (p[k] < 0x0B)
			return 1;
	return 0;
}

/* libcsv field callback: appends the field to the record buffer. */
static void on_field(void *s, size_t len, void *data)
{
	loader *ld = data;
	if (ld->st != CHURN_OK || (ld->header_only && ld->have_header))
		return;
	if (ld->nf == ld->fcap) {
		size_t cap = ld->fcap ? ld->fcap * 2 : 32;
		size_t *off = realloc(ld->off, cap * sizeof *off);
		size_t *len2 = off ? realloc(ld->len, cap * sizeof *len2) : NULL;
		if (off)
			ld->off = off;
		if (len2 == NULL) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return;
		}
		ld->len = len2;
		ld->fcap = cap;
	}
	if (ld->buflen + len + 1 > ld->bufcap) {
		size_t cap = ld->bufcap ? ld->bufcap : 4096;
		while (ld->buflen + len + 1 > cap)
			cap *= 2;
		char *b = realloc(ld->buf, cap);
		if (b == NULL) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return;
		}
		ld->buf = b;
		ld->bufcap = cap;
	}
	if (len > 0)
		memcpy(ld->buf + ld->buflen, s, len);
	ld->buf[ld->buflen + len] = '\0';
	ld->off[ld->nf] = ld->buflen;
	ld->len[ld->nf] = len;
	ld->buflen += len + 1;
	ld->nf++;
	if (ld->bad_utf8_field == 0 && !utf8_valid(s, len))
		ld->bad_utf8_field = (long)ld->nf;
	if (has_low_byte(s, len)) {
		const unsigned char *u = s;
		for (size_t k = 0; k < len; k++) {
			if (u[k] == '\n')
				ld->newlines++;
			else if (u[k] == '\0' && ld->nul_field == 0)
				ld->nul_field = (long)ld->nf;
		}
	}
}

static void reset_record(loader *ld)
{
	ld->nf = 0;
	ld->buflen = 0;
	ld->nul_field = 0;
	ld->bad_utf8_field = 0;
	ld->newlines = 0;
}

/* libcsv record callback: c is the CR or LF that ended it, or -1 at EOF. */
static void on_record(int c, void *data)
{
	loader *ld = data;
	if (ld->st != CHURN_OK || (ld->header_only && ld->have_header))
		return;
	if (ld->nf == 0) {
		/* An empty line, or the LF of a CRLF. */
		if (c == '\n' && ld->cr_pending) {
			ld->cr_pending = 0;
		} else {
			if (c != -1)
				ld->line_no++;
			ld->cr_pending = c == '\r';
		}
		return;
	}
	loader_record(ld);
	ld->line_no += 1 + ld->newlines;
	ld->cr_pending = c == '\r';
	reset_record(ld);
}

/* Picks the delimiter from the header line: the most frequent of , ; tab
 * outside quotes; a comma when none occurs. */
static char detect_delimiter(const char *s, size_t n)
{
	size_t counts[3] = {0, 0, 0};
	int quoted = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted && s[i] == ',')
			counts[0]++;
		else if (!quoted && s[i] == ';')
			counts[1]++;
		else if (!quoted && s[i] == '\t')
			counts[2]++;
	}
	if (counts[1] > counts[0] && counts[1] >= counts[2])
		return ';';
	if (counts[2] > counts[0] && counts[2] > counts[1])
		return '\t';
	return ',';
}

/* The blanks libcsv trims around unquoted fields when tab delimits them. */
static int is_space_tab(unsigned char c) { return c == ' '; }

churn_status load_check(const load_result *r, const load_opts *o, churn_err *err)
{
	const char *name = o->display_name ? o->display_name : "input";
	/* A fraction of the rows read allows that many rows, rounded down; the
	 * small margin keeps e.g. 29% of 100 rows (0.29 * 100 is
	 * 28.999999999999996 in binary) from allowing only 28. */
	double limit = o->max_bad_is_fraction
	               ? floor(o->max_bad * (double)r->rows_read * (1 + 1e-12))
	               : o->max_bad;
	if (r->rows_read == 0)
		return churn_err_at(err, CHURN_EDATA, name, 0, 0,
		                    "no data rows after the header");
	if (r->rows_rejected > 0 && (double)r->rows_rejected > limit) {
		char lim[64];
		if (o->max_bad_is_fraction)
			snprintf(lim, sizeof lim, "%g%%", o->max_bad * 100);
		else
			snprintf(lim, sizeof lim, "%g", o->max_bad);
		return churn_err_at(err, CHURN_EDATA, name, 0, 0,
		                    "%ld of %ld rows are bad, more than --max-bad-rows %s allows",
		                    r->rows_rejected, r->rows_read, lim);
	}
	if (r->t == NULL || r->t->nrows == 0)
		return churn_err_at(err, CHURN_EDATA, name, 0, 0,
		                    "no usable rows: all %ld rows are bad", r->rows_read);
	return CHURN_OK;
}

/* Reads `src` through libcsv from where it stands (its start): the first
 * chunk gives the encoding and the delimiter; every record goes to
 * loadrow.c.  The input is read once: nothing here rewinds it. */
static churn_status parse_file(loader *ld, source *src, char *chunk, size_t size)
{
	struct csv_parser p;
	int first = 1;
	churn_status st = CHURN_OK;
	churn_err *err = ld->err;

	if (csv_init(&p, CSV_REPALL_NL | CSV_APPEND_NULL) != 0)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	ld->line_no = 1;
	ld->cr_pending = 0;
	reset_record(ld);
	for (;;) {
		size_t n;
		const char *s = chunk;
		if ((st = source_read(src, chunk, size, &n, err)) != CHURN_OK)
			goto done;
		if (n == 0)
			break;
		if (first) {
			first = 0;
			if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
			               ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))) {
				st = churn_err_at(err, CHURN_EDATA, ld->name, 1, 1,
				                  "the file is UTF-16; save it as UTF-8");
				goto done;
			}
			/* UTF-16 without a byte-order mark: text with every other byte
			 * zero (ASCII letters in UTF-16BE or LE). */
			if (n >= 4 && ((s[0] == 0 && s[2] == 0 && s[1] != 0 && s[3] != 0) ||
			               (s[1] == 0 && s[3] == 0 && s[0] != 0 && s[2] != 0))) {
				st = churn_err_at(err, CHURN_EDATA, ld->name, 1, 1,
				                  "the file looks like UTF-16 (every other byte is "
				                  "zero); save it as UTF-8");
				goto done;
			}
			if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
				ld->res->bom = 1;
				s += 3;
				n -= 3;
			}
			ld->res->delimiter = ld->opts->delimiter ? ld->opts->delimiter
			                                         : detect_delimiter(s, n);
			csv_set_delim(&p, (unsigned char)ld->res->delimiter);
			/* libcsv trims blanks (space, tab) around unquoted fields, and
			 * tests for a blank before the delimiter: a tab delimiter needs
			 * a blank test without the tab. */
			if (ld->res->delimiter == '\t')
				csv_set_space_func(&p, is_space_tab);
			if (ld->res->delimiter == ',' && ld->decimal == ',') {
				st = churn_err_set(err, CHURN_EUSAGE,
				                   "--decimal , needs a ; or tab delimiter, "
				                   "but %s is comma-delimited", ld->name);
				goto done;
			}
		}
		if (csv_parse(&p, s, n, on_field, on_record, ld) != n && ld->st == CHURN_OK)
			ld->st = churn_err_at(err, CHURN_ENOMEM, ld->name, ld->line_no, 0,
			                      "%s", csv_strerror(csv_error(&p)));
		if (ld->st != CHURN_OK) {
			st = ld->st;
			goto done;
		}
		if (ld->header_only && ld->have_header)
			goto done;
	}
	if (first) {
		st = churn_err_at(err, CHURN_EDATA, ld->name, 0, 0, "the file is empty");
		goto done;
	}
	/* csv_fini reports an unclosed quote only in strict mode, which would also
	 * refuse stray quotes inside unquoted fields; ask the parser's state
	 * instead (libcsv's FIELD_BEGUN, stable since libcsv 1.0). */
	if (p.quoted && p.pstate == LIBCSV_FIELD_BEGUN) {
		if (!ld->have_header) {
			st = churn_err_at(err, CHURN_EDATA, ld->name, ld->line_no,
			                  (long)ld->nf + 1, "unclosed quote in the header");
			goto done;
		}
		ld->res->rows_read++;
		loader_reject(ld, (long)ld->nf + 1, LOAD_BAD_QUOTE,
		              "a quote opened here is never closed; the rest of the "
		              "file is in this field");
	} else
		csv_fini(&p, on_field, on_record, ld);
	st = ld->st;
	if (st == CHURN_OK && !ld->have_header)
		st = churn_err_at(err, CHURN_EDATA, ld->name, 0, 0, "the file is empty");
done:
	csv_free(&p);
	return st;
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
	ld->err = err;
	ld->id_col = -1;
	ld->res = calloc(1, sizeof *ld->res);
	return ld->res != NULL;
}

/* Frees the loader's buffers and builders (not its result). */
static void loader_release(loader *ld)
{
	free(ld->buf);
	free(ld->off);
	free(ld->len);
	free(ld->line);
	loader_free_cols(ld);
}

churn_status load_csv_source(source *src, const load_map *map, const load_opts *opts,
                             load_result **out, churn_err *err)
{
	loader ld;
	size_t chunksize = source_buffer_size(src, CHUNK);
	char *chunk = NULL;
	churn_status st = CHURN_OK;

	*out = NULL;
	int made = loader_init(&ld, src, map, opts, err);
	chunk = malloc(chunksize);
	if (!made || chunk == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	ld.res->as_of = opts->has_as_of ? opts->as_of : TABLE_DATE_NA;
	ld.res->min_date = ld.res->max_date = TABLE_DATE_NA;
	st = parse_file(&ld, src, chunk, chunksize);
	if (st == CHURN_OK)
		st = loader_finish_table(&ld);
	if (st == CHURN_OK && ld.res->as_of == TABLE_DATE_NA)
		ld.res->as_of = ld.res->max_date;
	if (st == CHURN_OK) {
		/* parse_file read to the end: the hash covers every byte parsed. */
		source_sha256_hex(src, ld.res->sha256);
		ld.res->bytes = source_bytes(src);
	}
done:
	free(chunk);
	loader_release(&ld);
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
	int made = loader_init(&ld, src, &none, &o, err);
	ld.header_only = 1;
	if (!made || chunk == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
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
