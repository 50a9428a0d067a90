/*
 * loadcheck.c - the load's result record: the names of the bad-row
 * reasons, the documented default options, freeing a result, its
 * customers under --weight (load_customer_count), and the bad-row limit
 * (load_check, load_check_counts) that the customers' file and the
 * revenue file both meet.
 */
#include "churnkit/load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *load_reason_name(load_reason r)
{
	static const char *const names[LOAD_NREASONS] = {
		[LOAD_BAD_FIELDS] = "wrong field count",
		[LOAD_BAD_ENCODING] = "bad encoding",
		[LOAD_BAD_QUOTE] = "bad quote",
		[LOAD_BAD_MISSING] = "missing required value",
		[LOAD_BAD_DATE] = "unparseable date",
		[LOAD_BAD_NUMBER] = "not a number",
		[LOAD_BAD_FLAG] = "not a yes/no value",
		[LOAD_BAD_NEGATIVE] = "negative value",
		[LOAD_BAD_ORDER] = "dates out of order",
		[LOAD_BAD_FUTURE] = "date after as-of",
		[LOAD_BAD_DUPLICATE] = "duplicate id",
		[LOAD_BAD_RANGE] = "date out of range",
		[LOAD_BAD_MAGNITUDE] = "number too large",
		[LOAD_BAD_INTERVAL] = "unknown interval",
		[LOAD_BAD_REASON] = "reason on active customer",
	};
	return (unsigned)r < LOAD_NREASONS ? names[r] : "unknown";
}

void load_opts_init(load_opts *o)
{
	memset(o, 0, sizeof *o);
	o->decimal = '.';
	o->value_scale = 1;
	o->max_bad = 0.01;
	o->max_bad_is_fraction = 1;
	o->date_min = LOAD_DATE_MIN_DEFAULT;
	o->date_max = LOAD_DATE_MAX_DEFAULT;
	o->open_end = TABLE_DATE_NA;
}

void load_result_free(load_result *r)
{
	if (r == NULL)
		return;
	table_free(r->t);
	free(r);
}

churn_status load_check(const load_result *r, const load_opts *o, churn_err *err)
{
	load_counts c;
	const char *name = o->display_name ? o->display_name : "input";
	if (r->rows_filtered > 0 && r->rows_filtered == r->rows_read)
		return churn_err_at(err, CHURN_EDATA, name, 0, 0,
		                    "--where left out every row (%ld)", r->rows_read);
	/* The limit on bad rows counts the rows --where kept. */
	c.rows_read = r->rows_read - r->rows_filtered;
	c.rows_rejected = r->rows_rejected;
	c.lines_rejected = r->lines_rejected;
	c.rows_good = r->t != NULL ? r->t->nrows : 0;
	c.hint = r->hint;
	return load_check_counts(&c, o, err);
}

churn_status load_check_counts(const load_counts *r, const load_opts *o, churn_err *err)
{
	const char *name = o->display_name ? o->display_name : "input";
	/* A fraction of the rows read allows that many rows, rounded down; the
	 * small margin keeps e.g. 29% of 100 rows (0.29 * 100 is
	 * 28.999999999999996 in binary) from allowing only 28. */
	/* The limit counts physical lines: a bad row whose quoted field
	 * swallowed the lines after it counts each of them as a bad row (of the
	 * rows the file would have had), so that an unclosed quote cannot hide
	 * half a file behind one bad row.  Good rows count once, whatever their
	 * quoted fields hold. */
	long extra = r->lines_rejected > r->rows_rejected ? r->lines_rejected - r->rows_rejected : 0;
	long bad = r->rows_rejected + extra, rows = r->rows_read + extra;
	double limit = o->max_bad_is_fraction
	               ? floor(o->max_bad * (double)rows * (1 + 1e-12))
	               : o->max_bad;
	if (r->rows_read == 0)
		return churn_err_at(err, CHURN_EDATA, name, 0, 0,
		                    "no data rows after the header");
	if (bad > 0 && (double)bad > limit) {
		char lim[64];
		if (o->max_bad_is_fraction)
			snprintf(lim, sizeof lim, "%g%%", o->max_bad * 100);
		else
			snprintf(lim, sizeof lim, "%g", o->max_bad);
		/* What would read the file, when the bad rows say it. */
		const char *sep = r->hint != NULL && r->hint[0] ? "; " : "";
		const char *hint = *sep ? r->hint : "";
		if (extra == 0)
			return churn_err_at(err, CHURN_EDATA, name, 0, 0,
			                    "%ld of %ld rows are bad, more than --max-bad-rows %s "
			                    "allows%s%s", r->rows_rejected, r->rows_read, lim, sep,
			                    hint);
		return churn_err_at(err, CHURN_EDATA, name, 0, 0,
		                    "%ld of %ld rows are bad and hold %ld more line%s in quoted "
		                    "fields, counted as %ld bad rows of %ld: more than "
		                    "--max-bad-rows %s allows%s%s", r->rows_rejected, r->rows_read,
		                    extra, extra == 1 ? "" : "s", bad, rows, lim, sep, hint);
	}
	if (r->rows_good == 0)
		return churn_err_at(err, CHURN_EDATA, name, 0, 0,
		                    "no usable rows: all %ld rows are bad%s%s", r->rows_read,
		                    r->hint != NULL && r->hint[0] ? "; " : "",
		                    r->hint != NULL ? r->hint : "");
	return CHURN_OK;
}

double load_customer_count(const load_result *r, const char *weight_col, size_t *nzero)
{
	const table_col *w = weight_col ? table_find(r->t, weight_col) : NULL;
	size_t zero = 0;
	double c = 0;

	if (w == NULL || w->kind != TABLE_NUM)
		c = (double)r->t->nrows;
	else
		for (size_t i = 0; i < r->t->nrows; i++) {
			c += w->num[i];
			zero += w->num[i] == 0;
		}
	if (nzero != NULL)
		*nzero = zero;
	return c;
}
