/* revhist.c - the --revenue file: choosing its columns, loading it with the
 * customers' loader, checking each row against the customers and keeping
 * the bad ones in line order; see include/churnkit/revhist.h.
 *
 * Steps: (1) the header is read as the loader will read it
 * (BOM skipped, same delimiter rule) to pick the three columns by name or by
 * position, from bytes the source keeps, so the file is read once (a pipe or
 * a FIFO works); (2) load_csv_source reads the file with the id and month as text and
 * the MRR as a value (the loader rejects non-numbers and negatives); (3)
 * each good row's id and month are looked up once per distinct text (the
 * loader interns them) and each row checked (revhist_match.c); (4)
 * duplicates are found per customer after a stable counting sort (there
 * too); (5) the loader's kept rejects and ours are merged by line
 * (revhist_rejects.c). */
#include "revhist_wide.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* A wide history's month columns, described: "2017-01..2017-12" (the
 * first and last month columns' names); new, NULL when out of memory. */
static char *wide_names(const header *h, long id)
{
	const char *a = h->names[id == 0 ? 1 : 0], *b = h->names[id == (long)h->n - 1 ? h->n - 2
	                                                                            : h->n - 1];
	size_t len = strlen(a) + strlen(b) + 3;
	char *s = malloc(len);
	if (s != NULL)
		snprintf(s, len, "%s..%s", a, b);
	return s;
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
		/* A header of months is a wide history read as long. */
		size_t nm = 0;
		for (size_t k = 0; k < h->n; k++)
			nm += revhist_header_month(h->names[k]) != MONTH_BAD;
		if (nm >= 2)
			return churn_err_at(err, CHURN_EUSAGE, name, 1, 0,
			                    "the header has %zu columns named as months ('%s', ...): "
			                    "a wide revenue history (one column per month); read it "
			                    "with --revenue-layout wide", nm,
			                    h->names[h->n > 1 ? 1 : 0]);
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
	revhist_rows k;
	size_t *cust_of = NULL;
	int32_t *month_of = NULL, m0 = INT32_MAX, m1 = INT32_MIN;
	FILE *tmp = NULL;
	revhist_wide w;
	uint8_t *bad = NULL;
	long wide_id = 0;
	churn_status st;

	*out = NULL;
	memset(&w, 0, sizeof w);
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
	if (h.done && c->wide) {
		st = revhist_wide_columns(h.names, h.n, c->id_name, name, &wide_id, err);
		if (st != CHURN_OK)
			goto done;
		if ((r->id_col = strdup(h.names[wide_id])) == NULL ||
		    (r->month_col = wide_names(&h, wide_id)) == NULL ||
		    (r->mrr_col = strdup(r->month_col)) == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			goto done;
		}
	} else if (h.done) {
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
	if (c->wide && h.done) {
		/* Every column as text: the cells are read by revhist_wide.c. */
		map.categorical = (const char *const *)h.names;
		map.ncategorical = h.n;
		map.value = NULL;
	}
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
	memcpy(r->hint, lr->hint, sizeof r->hint);
	for (int q = 0; q < LOAD_NREASONS; q++)
		r->by_reason[revhist_from_load((load_reason)q)] += lr->by_reason[q];

	k.c = c;
	if (c->wide && h.done) {
		st = revhist_wide_rows(lr->t, table_find_index(lr->t, r->id_col), &lo, &w, &k, err);
		if (st != CHURN_OK)
			goto done;
	} else {
		k.t = lr->t;
		k.id_field = table_find_index(lr->t, r->id_col) + 1;
		k.mon_field = table_find_index(lr->t, r->month_col) + 1;
		k.mrr_field = table_find_index(lr->t, r->mrr_col) + 1;
		k.id = &lr->t->cols[k.id_field - 1];
		k.mon = &lr->t->cols[k.mon_field - 1];
		k.mrr = &lr->t->cols[k.mrr_field - 1];
		k.bad = bad = calloc(lr->t->nrows + 1, 1);
	}
	st = revhist_match_ids(k.id, c, &cust_of, err);
	if (st != CHURN_OK)
		goto done;
	k.cust_of = cust_of;
	month_of = malloc((k.mon->nlevels + 1) * sizeof *month_of);
	k.first_line = calloc(k.t->nrows + 1, sizeof *k.first_line);
	if (month_of == NULL || k.bad == NULL || k.first_line == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t q = 0; q < k.mon->nlevels; q++)
		month_of[q] = k.field != NULL ? revhist_header_month(k.mon->levels[q])
		                              : revhist_parse_month(k.mon->levels[q]);
	k.month_of = month_of;

	/* Row by row: missing values, months, ids, signup, as-of, churn and
	 * duplicates; a wide line with a bad cell is refused whole. */
	st = revhist_mark_rows(&k, &m0, &m1, err);
	if (st != CHURN_OK)
		goto done;
	if (k.field != NULL)
		revhist_wide_settle(&k);
	for (size_t i = 0; i < k.t->nrows; i++) {
		if (REVHIST_REPORTED(k.bad[i])) {
			r->rows_rejected++;
			r->lines_rejected++;
			r->by_reason[k.bad[i] - 1]++;
		} else if (k.bad[i] == REVHIST_DROP_CHURN) {
			r->rows_churn_zero++;
		} else if (k.bad[i] == 0) {
			r->n++;
		}
	}
	revhist_merge_rejects(r, lr, &k);
	if (tmp != NULL && (st = revhist_write_rejects(tmp, opts->rejects, &k, err)) != CHURN_OK)
		goto done;

	r->customer = malloc((r->n ? r->n : 1) * sizeof *r->customer);
	r->month = malloc((r->n ? r->n : 1) * sizeof *r->month);
	r->mrr = malloc((r->n ? r->n : 1) * sizeof *r->mrr);
	if (r->customer == NULL || r->month == NULL || r->mrr == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	r->first_month = r->last_month = 0;
	for (size_t i = 0, j = 0; i < k.t->nrows; i++) {
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
	st = CHURN_OK;
done:
	if (tmp != NULL)
		fclose(tmp);
	header_free(&h);
	load_result_free(lr);
	free(cust_of);
	free(month_of);
	free(bad);
	free(k.first_line);
	revhist_wide_free(&w);
	if (st == CHURN_OK)
		*out = r;
	else
		revhist_free(r);
	return st;
}

churn_status revhist_check(const revhist *r, const load_opts *opts, churn_err *err)
{
	/* load_check's rule and wording, on the revenue file's own counts. */
	load_counts n;
	n.rows_read = r->rows_read;
	n.rows_rejected = r->rows_rejected;
	n.lines_rejected = r->lines_rejected;
	n.rows_good = r->n;
	n.hint = r->hint;
	return load_check_counts(&n, opts, err);
}
