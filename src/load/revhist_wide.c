/* revhist_wide.c - a wide revenue history (--revenue-layout wide: the
 * customer id and one column per month): its columns chosen from the
 * header, and its loaded cells turned into the rows the long layout has
 * (revhist_rows.h), one per non-zero cell, so that every rule of
 * revhist.h applies to them; see include/churnkit/revhist.h. */
#include "revhist_wide.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "churnkit/fieldread.h"

void revhist_wide_free(revhist_wide *w)
{
	free(w->cols);
	free(w->mcol);
	free(w->mlevels);
	free(w->id_codes);
	free(w->mon_codes);
	free(w->mrr);
	free(w->line);
	free(w->src_row);
	free(w->field);
	free(w->bad);
	memset(w, 0, sizeof *w);
}

static long find_name(char **names, size_t n, const char *want)
{
	if (want != NULL)
		for (size_t k = 0; k < n; k++)
			if (strcasecmp(names[k], want) == 0)
				return (long)k;
	return -1;
}

churn_status revhist_wide_columns(char **names, size_t n, const char *id_name,
                                  const char *file, long *id_out, churn_err *err)
{
	long id = find_name(names, n, id_name);
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	if (id < 0)
		id = find_name(names, n, "customer_id");
	if (id < 0)
		id = find_name(names, n, "id");
	if (id < 0)
		id = 0;
	if (n < 2)
		return churn_err_at(err, CHURN_EUSAGE, file, 1, 0,
		                    "a wide revenue history needs the customer id and at least "
		                    "one month column; the header has %zu", n);
	for (size_t k = 0; k < n; k++) {
		int32_t m;
		if ((long)k == id)
			continue;
		if ((m = revhist_header_month(names[k])) == MONTH_BAD)
			return churn_err_at(err, CHURN_EUSAGE, file, 1, (long)k + 1,
			                    "column '%s' is not a month: a wide revenue history has "
			                    "the customer id and one column per month, named yyyy-mm, "
			                    "yyyy-mm-dd, yyyy/mm, mm/yyyy or like 'Jan 2017' "
			                    "(docs/inputs.md)", names[k]);
		for (size_t q = 0; q < k; q++)
			if ((long)q != id && revhist_header_month(names[q]) == m)
				return churn_err_at(err, CHURN_EUSAGE, file, 1, (long)k + 1,
				                    "columns '%s' and '%s' are the same month",
				                    names[q], names[k]);
		lo = m < lo ? m : lo;
		hi = m > hi ? m : hi;
	}
	if ((size_t)(hi - lo) + 1 != n - 1)
		return churn_err_at(err, CHURN_EUSAGE, file, 1, 0,
		                    "the month columns skip a month (%zu columns for the %ld months "
		                    "from the first to the last): give every month a column, "
		                    "empty cells for no MRR", n - 1, (long)(hi - lo) + 1);
	*id_out = id;
	return CHURN_OK;
}

/* The value of a non-empty cell: its reason + 1 when bad (v then NaN, or
 * the value beyond the magnitude limit), 0 when good. */
static uint8_t read_cell(const char *s, const load_opts *o, double *v)
{
	char dec = o->decimal ? o->decimal : '.';
	double scale = o->value_scale > 0 ? o->value_scale : 1, k = floor(1 / scale + 0.5);
	*v = NAN;
	if (!fieldread_number(s, strlen(s), dec, o->thousands, v)) {
		*v = NAN;
		return REVHIST_BAD_NUMBER + 1;
	}
	/* The loader's scale rule (load.c): 1/k divides by k. */
	if (scale < 1 && k >= 2 && fabs(1 / scale - k) <= 1e-9 * k)
		*v /= k;
	else
		*v *= scale;
	if (*v < 0)
		return REVHIST_BAD_NEGATIVE + 1;
	if (fabs(*v) > LOAD_MAX_MAGNITUDE)
		return REVHIST_BAD_NUMBER + 1;
	return 0;
}

churn_status revhist_wide_rows(const table *t, long id, const load_opts *opts,
                               revhist_wide *w, revhist_rows *k, churn_err *err)
{
	const table_col *ic = &t->cols[id];
	size_t n = 0, j = 0, nm = 0;

	memset(w, 0, sizeof *w);
	/* Pass 1: how many rows (non-empty cells, and a line without an id). */
	for (size_t r = 0; r < t->nrows; r++) {
		if (ic->codes[r] == TABLE_CODE_NA) {
			n++;
			continue;
		}
		for (size_t c = 0; c < t->ncols; c++)
			if ((long)c != id && t->cols[c].codes[r] != TABLE_CODE_NA)
				n++;
	}
	w->cols = calloc(3, sizeof *w->cols);
	w->mcol = malloc(t->ncols * sizeof *w->mcol);
	w->mlevels = malloc(t->ncols * sizeof *w->mlevels);
	w->id_codes = malloc((n + 1) * sizeof *w->id_codes);
	w->mon_codes = malloc((n + 1) * sizeof *w->mon_codes);
	w->mrr = malloc((n + 1) * sizeof *w->mrr);
	w->line = malloc((n + 1) * sizeof *w->line);
	w->src_row = malloc((n + 1) * sizeof *w->src_row);
	w->field = malloc((n + 1) * sizeof *w->field);
	w->bad = calloc(n + 1, 1);
	if (w->cols == NULL || w->mcol == NULL || w->mlevels == NULL || w->id_codes == NULL ||
	    w->mon_codes == NULL || w->mrr == NULL || w->line == NULL || w->src_row == NULL ||
	    w->field == NULL || w->bad == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t c = 0; c < t->ncols; c++)
		if ((long)c != id) {
			w->mcol[c] = (uint32_t)nm;
			w->mlevels[nm++] = t->cols[c].name;
		}
	/* Pass 2: the rows, in line order and column order. */
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const table_col *cc = &t->cols[c];
			double v = NAN;
			uint8_t bad = 0;
			if (ic->codes[r] == TABLE_CODE_NA ? c != 0 : ((long)c == id ||
			                                              cc->codes[r] == TABLE_CODE_NA))
				continue;
			if (ic->codes[r] != TABLE_CODE_NA &&
			    (bad = read_cell(cc->levels[cc->codes[r]], opts, &v)) == 0 && v == 0.0)
				continue; /* 0 = no MRR, as an empty cell */
			w->id_codes[j] = ic->codes[r];
			w->mon_codes[j] = ic->codes[r] == TABLE_CODE_NA ? 0 : w->mcol[c];
			w->mrr[j] = v;
			w->line[j] = t->line != NULL ? t->line[r] : 0;
			w->src_row[j] = r;
			w->field[j] = ic->codes[r] == TABLE_CODE_NA ? id + 1 : (long)c + 1;
			w->bad[j] = bad;
			j++;
		}
	}
	w->t.nrows = j;
	w->t.ncols = 3;
	w->t.cols = w->cols;
	w->t.line = w->line;
	w->cols[0] = *ic;
	w->cols[0].codes = w->id_codes;
	w->cols[1].name = ic->name;
	w->cols[1].kind = TABLE_CAT;
	w->cols[1].codes = w->mon_codes;
	w->cols[1].levels = w->mlevels;
	w->cols[1].nlevels = nm;
	w->cols[2].name = ic->name;
	w->cols[2].kind = TABLE_NUM;
	w->cols[2].num = w->mrr;
	k->t = &w->t;
	k->id = &w->cols[0];
	k->mon = &w->cols[1];
	k->mrr = &w->cols[2];
	k->id_field = id + 1;
	k->mon_field = k->mrr_field = 0;
	k->src = t;
	k->src_row = w->src_row;
	k->field = w->field;
	k->bad = w->bad;
	return CHURN_OK;
}

void revhist_wide_settle(revhist_rows *k)
{
	/* A line with a bad cell is refused whole: its first bad cell speaks
	 * for it, its other cells are left out. */
	size_t a = 0, n = k->t->nrows;
	while (a < n) {
		size_t b = a, first = SIZE_MAX;
		while (b < n && k->src_row[b] == k->src_row[a]) {
			if (first == SIZE_MAX && REVHIST_REPORTED(k->bad[b]))
				first = b;
			b++;
		}
		if (first != SIZE_MAX)
			for (size_t i = a; i < b; i++)
				if (i != first)
					k->bad[i] = REVHIST_DROP_LINE;
		a = b;
	}
}
