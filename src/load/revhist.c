/* revhist.c - the --revenue file: choosing its columns, loading it with the
 * customers' loader, checking each row against the customers and keeping
 * the bad ones in line order; see include/churnkit/revhist.h.
 *
 * Steps: (1) the header is read with libcsv as the loader will read it
 * (BOM skipped, same delimiter rule) to pick the three columns by name or by
 * position, from bytes the source keeps, so the file is read once (a pipe or
 * a FIFO works); (2) load_csv_source reads the file with the id and month as text and
 * the MRR as a value (the loader rejects non-numbers and negatives); (3)
 * each good row's id and month are looked up once per distinct text (the
 * loader interns them); (4) duplicates are found per customer after a
 * stable counting sort; (5) the loader's kept rejects and ours are merged
 * by line. */
#include "churnkit/revhist.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>

#include "churnkit/date.h"
#include "churnkit/sheet.h"
#include "churnkit/utf8.h"
#include "util/intern.h"

#define MONTH_BAD INT32_MIN

const char *revhist_reason_name(revhist_reason r)
{
	static const char *const names[REVHIST_NREASONS] = {
		[REVHIST_BAD_FIELDS] = "wrong field count",
		[REVHIST_BAD_ENCODING] = "NUL byte",
		[REVHIST_BAD_QUOTE] = "bad quote",
		[REVHIST_BAD_MISSING] = "missing required value",
		[REVHIST_BAD_NUMBER] = "not a number",
		[REVHIST_BAD_NEGATIVE] = "negative value",
		[REVHIST_BAD_MONTH] = "not a month",
		[REVHIST_BAD_UNKNOWN] = "unknown customer",
		[REVHIST_BAD_DUPLICATE] = "duplicate customer-month",
		[REVHIST_BAD_EARLY] = "month before signup",
		[REVHIST_BAD_FUTURE] = "month after as-of",
		[REVHIST_BAD_AFTER_CHURN] = "month after churn",
	};
	return (unsigned)r < REVHIST_NREASONS ? names[r] : "unknown";
}

/* The loader's reasons as ours (those a revenue file can produce). */
static revhist_reason from_load(load_reason r)
{
	switch (r) {
	case LOAD_BAD_FIELDS: return REVHIST_BAD_FIELDS;
	case LOAD_BAD_ENCODING: return REVHIST_BAD_ENCODING;
	case LOAD_BAD_QUOTE: return REVHIST_BAD_QUOTE;
	case LOAD_BAD_NUMBER: return REVHIST_BAD_NUMBER;
	case LOAD_BAD_MAGNITUDE: return REVHIST_BAD_NUMBER;
	case LOAD_BAD_NEGATIVE: return REVHIST_BAD_NEGATIVE;
	case LOAD_BAD_DUPLICATE: return REVHIST_BAD_DUPLICATE;
	default: return REVHIST_BAD_MISSING;
	}
}

void revhist_free(revhist *r)
{
	if (r == NULL)
		return;
	free(r->customer);
	free(r->month);
	free(r->mrr);
	free(r->id_col);
	free(r->month_col);
	free(r->mrr_col);
	free(r);
}

/* ---- (1) the header ---- */

typedef struct {
	char **names;
	size_t n, cap;
	int done;      /* the header was read */
} header;

static void header_free(header *h)
{
	for (size_t k = 0; k < h->n; k++)
		free(h->names[k]);
	free(h->names);
	memset(h, 0, sizeof *h);
}

/* Reads the header's column names into *h, by the loader's rules; the
 * source is left where it stood (load.h), so the file is read once. */
static churn_status read_header(source *src, const load_opts *opts, header *h,
                                churn_err *err)
{
	memset(h, 0, sizeof *h);
	churn_status st = load_read_header_source(src, opts, &h->names, &h->n, err);
	h->cap = h->n;
	h->done = st == CHURN_OK;
	return st;
}

static long find_name(const header *h, const char *want)
{
	if (want == NULL)
		return -1;
	for (size_t k = 0; k < h->n; k++)
		if (strcasecmp(h->names[k], want) == 0)
			return (long)k;
	return -1;
}

/* ---- (3) ids and months ---- */

/* Parses yyyy-mm (or a date yyyy-mm-dd, taken as its month); MONTH_BAD
 * otherwise. */
static int32_t parse_month(const char *s)
{
	size_t len = strlen(s);
	int32_t d;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 7 && s[4] == '-') {
		int y = 0, m = 0;
		for (int k = 0; k < 7; k++) {
			if (k == 4)
				continue;
			if (s[k] < '0' || s[k] > '9')
				return MONTH_BAD;
			if (k < 4)
				y = y * 10 + (s[k] - '0');
			else
				m = m * 10 + (s[k] - '0');
		}
		if (y < 1 || m < 1 || m > 12)
			return MONTH_BAD;
		return (int32_t)(y * 12 + m - 1);
	}
	if (len == 10 && date_parse(s, len, NULL, &d))
		return date_month_index(d);
	return MONTH_BAD;
}

/* Per distinct id text of the revenue file: the customer row, or SIZE_MAX. */
static churn_status match_ids(const table_col *rid, const revhist_customers *c,
                              size_t **out, churn_err *err)
{
	intern *in = intern_new();
	size_t *row_of_code = malloc((c->id->nlevels + 1) * sizeof *row_of_code);
	size_t *res = malloc((rid->nlevels + 1) * sizeof *res);
	churn_status st = CHURN_OK;

	*out = NULL;
	if (in == NULL || row_of_code == NULL || res == NULL)
		goto nomem;
	for (size_t k = 0; k < c->id->nlevels; k++) {
		if (intern_add(in, c->id->levels[k], strlen(c->id->levels[k]), NULL) != k)
			goto nomem; /* the levels are distinct: index k */
		row_of_code[k] = SIZE_MAX;
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->id->codes[i] < c->id->nlevels)
			row_of_code[c->id->codes[i]] = i;
	for (size_t k = 0; k < rid->nlevels; k++) {
		const char *s = rid->levels[k];
		size_t len = strlen(s);
		uint32_t code;
		while (len > 0 && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		code = intern_find(in, s, len);
		res[k] = code == UINT32_MAX ? SIZE_MAX : row_of_code[code];
	}
	*out = res;
	res = NULL;
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
done:
	intern_free(in);
	free(row_of_code);
	free(res);
	return st;
}

/* ---- (5) bad rows, in line order ---- */

typedef struct {
	const table *t;
	const table_col *id, *mon, *mrr;
	long id_field, mon_field, mrr_field;   /* 1-based */
	const size_t *cust_of;                 /* per id level */
	const int32_t *month_of;               /* per month level */
	const revhist_customers *c;
	uint8_t *bad;                          /* per row: reason + 1, 0 = good */
	long *first_line;                      /* per row: a duplicate's first line */
} check;

/* Fills a reject record for bad row i. */
static void describe(const check *k, size_t i, revhist_reject *j)
{
	revhist_reason why = (revhist_reason)(k->bad[i] - 1);
	const char *id = k->id->codes[i] != TABLE_CODE_NA ? k->id->levels[k->id->codes[i]] : "";
	const char *mon = k->mon->codes[i] != TABLE_CODE_NA ? k->mon->levels[k->mon->codes[i]] : "";
	char a[11], b[8];
	/* Quoted text is cut at a whole UTF-8 character (60 bytes at most). */
	int qi = (int)utf8_cut(id, strlen(id), 60), qm = (int)utf8_cut(mon, strlen(mon), 20);

	j->line = k->t->line != NULL ? k->t->line[i] : 0;
	j->reason = why;
	j->col = k->mon_field;
	switch (why) {
	case REVHIST_BAD_MISSING:
		if (*id == '\0') {
			j->col = k->id_field;
			snprintf(j->msg, sizeof j->msg, "missing customer id in column '%s'", k->id->name);
		} else if (*mon == '\0') {
			snprintf(j->msg, sizeof j->msg, "missing month in column '%s'", k->mon->name);
		} else {
			j->col = k->mrr_field;
			snprintf(j->msg, sizeof j->msg, "missing MRR in column '%s'", k->mrr->name);
		}
		break;
	case REVHIST_BAD_MONTH:
		snprintf(j->msg, sizeof j->msg,
		         "'%.*s' in column '%s' is not a month (expected yyyy-mm)", qm, mon,
		         k->mon->name);
		break;
	case REVHIST_BAD_UNKNOWN:
		j->col = k->id_field;
		snprintf(j->msg, sizeof j->msg,
		         "customer id '%.*s' is not among the customers (unknown, or its "
		         "customers row was rejected)", qi, id);
		break;
	case REVHIST_BAD_EARLY: {
		size_t r = k->cust_of[k->id->codes[i]];
		snprintf(j->msg, sizeof j->msg,
		         "month %.*s is before customer '%.*s' signed up (%s)", qm, mon, qi, id,
		         date_format(k->c->start[r], a));
		break;
	}
	case REVHIST_BAD_FUTURE:
		snprintf(j->msg, sizeof j->msg, "month %.*s is after as-of %s (month %s)", qm, mon,
		         date_format(k->c->as_of, a),
		         date_format_month(date_month_index(k->c->as_of), b));
		break;
	case REVHIST_BAD_AFTER_CHURN: {
		size_t r = k->cust_of[k->id->codes[i]];
		snprintf(j->msg, sizeof j->msg,
		         "month %.*s is after customer '%.*s' churned (%s): the revenue and "
		         "customers files disagree", qm, mon, qi, id, date_format(k->c->end[r], a));
		break;
	}
	case REVHIST_BAD_DUPLICATE:
		snprintf(j->msg, sizeof j->msg,
		         "second row for customer '%.*s' and month %.*s (first on line %ld)", qi,
		         id, qm, mon, k->first_line[i]);
		break;
	default:
		snprintf(j->msg, sizeof j->msg, "bad row");
		break;
	}
	/* A message cut short ends on a whole character; field text quoted in
	 * it stays on one line (as loadrow.c). */
	j->msg[utf8_whole(j->msg, strlen(j->msg))] = '\0';
	for (char *p = j->msg; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : '?';
}

/* Merges the loader's kept rejects (line order) with ours (row order = line
 * order) into r->rejects.  When the loader kept fewer than it found, only
 * lines up to its last kept one are known to be complete. */
/* Writes a row the history refuses to the rejects file, in the loader's
 * layout (line, column, reason, message, then the row's fields as loaded). */
static void write_reject(FILE *f, const table *t, size_t i, const revhist_reject *j)
{
	fprintf(f, "%ld,%ld,", j->line, j->col);
	sheet_text(f, revhist_reason_name(j->reason));
	fputc(',', f);
	sheet_text(f, j->msg);
	for (size_t c = 0; c < t->ncols; c++) {
		const table_col *col = &t->cols[c];
		char buf[11];
		fputc(',', f);
		if (table_is_missing(col, i))
			continue;
		if (col->kind == TABLE_CAT)
			sheet_text(f, col->levels[col->codes[i]]);
		else if (col->kind == TABLE_NUM)
			sheet_num(f, col->num[i]);
		else
			sheet_text(f, date_format(col->date[i], buf));
	}
	fputc('\n', f);
}

/* Writes the rejects file: the loader's part (its header, then the rows it
 * refused, in line order) was written to `tmp`; the rows refused here are
 * merged in by line so that `out` lists every bad row in line order.  A
 * record ends at a newline outside quotes (fields may hold newlines). */
static churn_status write_rejects_sorted(FILE *tmp, FILE *out, const check *k,
                                         churn_err *err)
{
	size_t nrows = k->t->nrows, i = 0, cap = 4096, len = 0, n;
	char *buf = malloc(cap), *rec, *end;
	int first = 1;

	if (buf == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	rewind(tmp);
	while ((n = fread(buf + len, 1, cap - len, tmp)) > 0) {
		len += n;
		if (len == cap) {
			char *b = realloc(buf, cap * 2);
			if (b == NULL) {
				free(buf);
				return churn_err_set(err, CHURN_ENOMEM, "out of memory");
			}
			buf = b;
			cap *= 2;
		}
	}
	if (ferror(tmp)) {
		free(buf);
		return churn_err_set(err, CHURN_EIO, "rejects: cannot read the temporary file");
	}
	for (rec = buf; rec < buf + len; rec = end) {
		int inq = 0;
		long line;
		for (end = rec; end < buf + len; end++) {
			if (*end == '"')
				inq = !inq;
			else if (*end == '\n' && !inq) {
				end++;
				break;
			}
		}
		if (!first) {
			line = strtol(rec, NULL, 10);
			for (; i < nrows; i++) {
				revhist_reject j;
				if (!k->bad[i])
					continue;
				if (k->t->line != NULL && k->t->line[i] > line)
					break;
				describe(k, i, &j);
				write_reject(out, k->t, i, &j);
			}
		}
		first = 0;
		fwrite(rec, 1, (size_t)(end - rec), out);
	}
	for (; i < nrows; i++) {
		revhist_reject j;
		if (!k->bad[i])
			continue;
		describe(k, i, &j);
		write_reject(out, k->t, i, &j);
	}
	free(buf);
	return CHURN_OK;
}

static void merge_rejects(revhist *r, const load_result *lr, const check *k)
{
	size_t a = 0, i = 0, nrows = k->t->nrows;
	long limit = LONG_MAX;
	if (lr->rows_rejected > (long)lr->nrejects_kept && lr->nrejects_kept > 0)
		limit = lr->rejects[lr->nrejects_kept - 1].line;
	while (r->nrejects_kept < REVHIST_KEEP_REJECTS) {
		while (i < nrows && !k->bad[i])
			i++;
		long la = a < lr->nrejects_kept ? lr->rejects[a].line : LONG_MAX;
		long li = i < nrows && k->t->line != NULL ? k->t->line[i] : LONG_MAX;
		revhist_reject *j = &r->rejects[r->nrejects_kept];
		if (la == LONG_MAX && li == LONG_MAX)
			break;
		if (la <= li) {
			const load_reject *x = &lr->rejects[a++];
			j->line = x->line;
			j->col = x->col;
			j->reason = from_load(x->reason);
			memcpy(j->msg, x->msg, sizeof j->msg < sizeof x->msg ? sizeof j->msg
			                                                    : sizeof x->msg);
			j->msg[sizeof j->msg - 1] = '\0';
		} else {
			if (li > limit)
				break;
			describe(k, i++, j);
		}
		r->nrejects_kept++;
	}
}

/* ---- (4) duplicates ---- */

/* Marks the second and later rows of a customer-month among good rows. */
static churn_status mark_duplicates(check *k, size_t ncust, int32_t m0, int32_t m1,
                                    churn_err *err)
{
	size_t nrows = k->t->nrows, nm = (size_t)(m1 - m0) + 1;
	size_t *count = calloc(ncust + 1, sizeof *count);
	size_t *order = malloc((nrows ? nrows : 1) * sizeof *order);
	size_t *stamp = calloc(nm, sizeof *stamp);   /* customer + 1 last seen */
	size_t *firstrow = malloc(nm * sizeof *firstrow);
	churn_status st = CHURN_OK;

	if (count == NULL || order == NULL || stamp == NULL || firstrow == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nrows; i++)
		if (!k->bad[i])
			count[k->cust_of[k->id->codes[i]] + 1]++;
	for (size_t c = 0; c < ncust; c++)
		count[c + 1] += count[c];
	for (size_t i = 0; i < nrows; i++)
		if (!k->bad[i])
			order[count[k->cust_of[k->id->codes[i]]]++] = i;
	/* count[c] is now the end of customer c's rows; rows keep line order. */
	for (size_t c = 0, lo = 0; c < ncust; lo = count[c], c++)
		for (size_t q = lo; q < count[c]; q++) {
			size_t i = order[q];
			size_t m = (size_t)(k->month_of[k->mon->codes[i]] - m0);
			if (stamp[m] == c + 1) {
				k->bad[i] = REVHIST_BAD_DUPLICATE + 1;
				k->first_line[i] = k->t->line != NULL ? k->t->line[firstrow[m]] : 0;
			} else {
				stamp[m] = c + 1;
				firstrow[m] = i;
			}
		}
done:
	free(count);
	free(order);
	free(stamp);
	free(firstrow);
	return st;
}

/* ---- the whole ---- */

static churn_status choose_columns(const header *h, const revhist_customers *c,
                                   const char *name, revhist *r, churn_err *err)
{
	long id = find_name(h, c->id_name), mon = find_name(h, "month"),
	     mrr = find_name(h, "mrr");
	if (id < 0)
		id = find_name(h, "customer_id");
	if (id < 0)
		id = find_name(h, "id");
	if (id < 0 || mon < 0 || mrr < 0 || id == mon || id == mrr) {
		if (h->n < 3)
			return churn_err_at(err, CHURN_EUSAGE, name, 1, 0,
			                    "a revenue history needs three columns (customer id, "
			                    "month yyyy-mm, MRR); the header has %zu",
			                    h->n);
		id = 0, mon = 1, mrr = 2;
		r->by_position = 1;
	}
	r->id_col = strdup(h->names[id]);
	r->month_col = strdup(h->names[mon]);
	r->mrr_col = strdup(h->names[mrr]);
	if (r->id_col == NULL || r->month_col == NULL || r->mrr_col == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	return CHURN_OK;
}

churn_status revhist_load(const char *path, const revhist_customers *c,
                          const load_opts *opts, revhist **out, churn_err *err)
{
	source *src = NULL;
	churn_status st;

	*out = NULL;
	if (c == NULL || c->id == NULL || c->id->kind != TABLE_CAT)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "a revenue history needs the customers' id column (--id COL)");
	st = source_open(path, opts->display_name, &src, err);
	if (st == CHURN_OK)
		st = revhist_load_source(src, c, opts, out, err);
	source_free(src);
	return st;
}

churn_status revhist_load_source(source *src, const revhist_customers *c,
                                 const load_opts *opts, revhist **out, churn_err *err)
{
	const char *name = opts->display_name ? opts->display_name : source_name(src);
	revhist *r = NULL;
	header h;
	load_result *lr = NULL;
	load_opts lo = *opts;
	load_map map;
	const char *cats[2];
	check k;
	size_t *cust_of = NULL;
	int32_t *month_of = NULL, m0 = INT32_MAX, m1 = INT32_MIN;
	int32_t as_of_month;
	FILE *tmp = NULL;
	churn_status st;

	*out = NULL;
	memset(&k, 0, sizeof k);
	memset(&h, 0, sizeof h);
	if (c == NULL || c->id == NULL || c->id->kind != TABLE_CAT)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "a revenue history needs the customers' id column (--id COL)");
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	lo.display_name = name;
	st = read_header(src, &lo, &h, err);
	if (st != CHURN_OK)
		goto done;
	if (h.done) {
		st = choose_columns(&h, c, name, r, err);
		if (st != CHURN_OK)
			goto done;
	} else if ((r->id_col = strdup("customer_id")) == NULL ||
	           (r->month_col = strdup("month")) == NULL || (r->mrr_col = strdup("mrr")) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}

	memset(&map, 0, sizeof map);
	cats[0] = r->id_col;
	cats[1] = r->month_col;
	map.categorical = cats;
	map.ncategorical = 2;
	map.value = r->mrr_col;
	/* The loader writes the rows it refuses (in line order) to a temporary
	 * file; ours are merged in by line at the end. */
	if (opts->rejects != NULL && (tmp = tmpfile()) == NULL) {
		st = churn_err_set(err, CHURN_EIO, "rejects: cannot create a temporary file: %s",
		                   strerror(errno));
		goto done;
	}
	lo.rejects = tmp;
	lo.has_as_of = 0;
	lo.date_format = NULL;
	lo.display_name = name;
	st = load_csv_source(src, &map, &lo, &lr, err);
	if (st != CHURN_OK)
		goto done;

	r->rows_read = lr->rows_read;
	r->rows_rejected = lr->rows_rejected;
	r->lines_rejected = lr->lines_rejected;
	for (int q = 0; q < LOAD_NREASONS; q++)
		r->by_reason[from_load((load_reason)q)] += lr->by_reason[q];

	k.t = lr->t;
	k.c = c;
	k.id_field = table_find_index(lr->t, r->id_col) + 1;
	k.mon_field = table_find_index(lr->t, r->month_col) + 1;
	k.mrr_field = table_find_index(lr->t, r->mrr_col) + 1;
	k.id = &lr->t->cols[k.id_field - 1];
	k.mon = &lr->t->cols[k.mon_field - 1];
	k.mrr = &lr->t->cols[k.mrr_field - 1];
	st = match_ids(k.id, c, &cust_of, err);
	if (st != CHURN_OK)
		goto done;
	k.cust_of = cust_of;
	month_of = malloc((k.mon->nlevels + 1) * sizeof *month_of);
	k.bad = calloc(lr->t->nrows + 1, 1);
	k.first_line = calloc(lr->t->nrows + 1, sizeof *k.first_line);
	if (month_of == NULL || k.bad == NULL || k.first_line == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t q = 0; q < k.mon->nlevels; q++)
		month_of[q] = parse_month(k.mon->levels[q]);
	k.month_of = month_of;

	/* Row by row: missing values, months, ids, signup and as-of. */
	as_of_month = date_month_index(c->as_of);
	for (size_t i = 0; i < lr->t->nrows; i++) {
		uint32_t ic = k.id->codes[i], mc = k.mon->codes[i];
		revhist_reason why = REVHIST_NREASONS;
		int32_t m;
		size_t row;
		if (ic == TABLE_CODE_NA || mc == TABLE_CODE_NA || isnan(k.mrr->num[i]))
			why = REVHIST_BAD_MISSING;
		else if ((m = month_of[mc]) == MONTH_BAD)
			why = REVHIST_BAD_MONTH;
		else if ((row = cust_of[ic]) == SIZE_MAX)
			why = REVHIST_BAD_UNKNOWN;
		else if (c->start != NULL && m < date_month_index(c->start[row]))
			why = REVHIST_BAD_EARLY;
		else if (m > as_of_month)
			why = REVHIST_BAD_FUTURE;
		else if (c->end != NULL && c->end[row] != TABLE_DATE_NA &&
		         m > date_month_index(c->end[row]))
			why = REVHIST_BAD_AFTER_CHURN;
		else {
			if (m < m0)
				m0 = m;
			if (m > m1)
				m1 = m;
			continue;
		}
		k.bad[i] = (uint8_t)(why + 1);
	}
	if (m0 <= m1) {
		st = mark_duplicates(&k, c->n, m0, m1, err);
		if (st != CHURN_OK)
			goto done;
	}
	for (size_t i = 0; i < lr->t->nrows; i++) {
		if (k.bad[i]) {
			r->rows_rejected++;
			r->lines_rejected++;
			r->by_reason[k.bad[i] - 1]++;
		} else {
			r->n++;
		}
	}
	merge_rejects(r, lr, &k);
	if (tmp != NULL && (st = write_rejects_sorted(tmp, opts->rejects, &k, err)) != CHURN_OK)
		goto done;

	r->customer = malloc((r->n ? r->n : 1) * sizeof *r->customer);
	r->month = malloc((r->n ? r->n : 1) * sizeof *r->month);
	r->mrr = malloc((r->n ? r->n : 1) * sizeof *r->mrr);
	if (r->customer == NULL || r->month == NULL || r->mrr == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	r->first_month = r->last_month = 0;
	for (size_t i = 0, j = 0; i < lr->t->nrows; i++) {
		if (k.bad[i])
			continue;
		r->customer[j] = cust_of[k.id->codes[i]];
		r->month[j] = month_of[k.mon->codes[i]];
		r->mrr[j] = k.mrr->num[i];
		j++;
	}
	if (r->n > 0) {
		r->first_month = m0;
		r->last_month = m1;
	}
	r->h.n = r->n;
	r->h.customer = r->customer;
	r->h.month = r->month;
	r->h.mrr = r->mrr;
	r->h.ncustomers = c->n;
	st = CHURN_OK;
done:
	if (tmp != NULL)
		fclose(tmp);
	header_free(&h);
	load_result_free(lr);
	free(cust_of);
	free(month_of);
	free(k.bad);
	free(k.first_line);
	if (st == CHURN_OK)
		*out = r;
	else
		revhist_free(r);
	return st;
}

churn_status revhist_check(const revhist *r, const load_opts *opts, churn_err *err)
{
	/* load_check's rule and wording, on the revenue file's own counts. */
	load_result tmp;
	table t;
	memset(&tmp, 0, sizeof tmp);
	memset(&t, 0, sizeof t);
	t.nrows = r->n;
	tmp.t = &t;
	tmp.rows_read = r->rows_read;
	tmp.rows_rejected = r->rows_rejected;
	tmp.lines_rejected = r->lines_rejected;
	return load_check(&tmp, opts, err);
}
