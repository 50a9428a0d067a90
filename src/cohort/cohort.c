/* cohort.c - monthly signup cohorts and retention triangles; see
 * include/churnkit/cohort.h for the definitions.
 *
 * One pass over the customers: a customer of cohort row r whose churn month
 * is d months after the signup month is lost from cell k = d on, so each
 * triangle first collects lost[r][d] (and the lost value) in its own cell
 * storage, then turns each row into retained[k] = size - sum_{j<=k} lost[j].
 * Cost: O(n + groups * rows^2). */
#include "churnkit/cohort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/date.h"
#include "churnkit/table.h"

int32_t cohort_last_ended_month(int32_t as_of)
{
	return date_month_index(as_of + 1) - 1;
}

churn_status cohort_span_check(int32_t first_month, int32_t last_month, churn_err *err)
{
	char a[8], b[8];
	if (last_month < first_month || (int64_t)last_month - first_month < COHORT_MAX_MONTHS)
		return CHURN_OK;
	return churn_err_set(err, CHURN_EDATA,
	                     "cohort: the data span %lld months (%s to %s), more than %d "
	                     "(300 years): check the dates, --as-of and --date-range",
	                     (long long)last_month - first_month + 1,
	                     date_format_month(first_month, a), date_format_month(last_month, b),
	                     COHORT_MAX_MONTHS);
}

churn_status cohort_customers_check(const cohort_customers *c, churn_err *err)
{
	if (c == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohort: no customers given");
	if (c->n > 0 && (c->start == NULL || c->end == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "cohort: start and end days are required");
	if (c->group != NULL && c->ngroup_levels > 0 && c->group_levels == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohort: group codes without level names");
	if (c->as_of == TABLE_DATE_NA)
		return churn_err_set(err, CHURN_EUSAGE, "cohort: no as-of date");
	for (size_t i = 0; i < c->n; i++) {
		if (c->start[i] == TABLE_DATE_NA)
			return churn_err_set(err, CHURN_EDATA, "cohort: customer %zu has no start date", i);
		if (c->end[i] != TABLE_DATE_NA && c->end[i] < c->start[i])
			return churn_err_set(err, CHURN_EDATA,
			                     "cohort: customer %zu churns before it starts", i);
		if (c->group != NULL && c->group[i] != TABLE_CODE_NA &&
		    c->group[i] >= c->ngroup_levels)
			return churn_err_set(err, CHURN_EDATA,
			                     "cohort: customer %zu has group code %u of %zu levels", i,
			                     (unsigned)c->group[i], c->ngroup_levels);
	}
	return CHURN_OK;
}

static void triangle_free(cohort_triangle *t)
{
	free(t->level);
	free(t->rows);
	free(t->n_cohorts);
	free(t->mean_simple);
	free(t->mean_weighted);
	free(t->value_mean_simple);
	free(t->value_mean_weighted);
	free(t->cells);
	free(t->value_cells);
	memset(t, 0, sizeof *t);
}

void cohort_result_free(cohort_result *r)
{
	if (r == NULL)
		return;
	triangle_free(&r->all);
	for (size_t g = 0; g < r->ngroups; g++)
		triangle_free(&r->groups[g]);
	free(r->groups);
	free(r->group_name);
	free(r);
}

static char *copy_str(const char *s)
{
	size_t len;
	char *p;
	if (s == NULL)
		return NULL;
	len = strlen(s) + 1;
	p = malloc(len);
	if (p != NULL)
		memcpy(p, s, len);
	return p;
}

/* Allocates a triangle of `nrows` rows starting at month `first`, cells
 * zeroed, rows wired to their cells.  Returns 0 when out of memory. */
static int triangle_alloc(cohort_triangle *t, int32_t first, size_t nrows, int values)
{
	size_t ncells = nrows * (nrows + 1) / 2, off = 0;
	size_t kmax = nrows;

	memset(t, 0, sizeof *t);
	t->nrows = nrows;
	t->kmax = kmax;
	if (nrows == 0)
		return 1;
	t->rows = calloc(nrows, sizeof *t->rows);
	t->cells = calloc(ncells, sizeof *t->cells);
	t->n_cohorts = calloc(kmax, sizeof *t->n_cohorts);
	t->mean_simple = calloc(kmax, sizeof *t->mean_simple);
	t->mean_weighted = calloc(kmax, sizeof *t->mean_weighted);
	if (t->rows == NULL || t->cells == NULL || t->n_cohorts == NULL ||
	    t->mean_simple == NULL || t->mean_weighted == NULL)
		return 0;
	if (values) {
		t->value_cells = calloc(ncells, sizeof *t->value_cells);
		t->value_mean_simple = calloc(kmax, sizeof *t->value_mean_simple);
		t->value_mean_weighted = calloc(kmax, sizeof *t->value_mean_weighted);
		if (t->value_cells == NULL || t->value_mean_simple == NULL ||
		    t->value_mean_weighted == NULL)
			return 0;
	}
	for (size_t r = 0; r < nrows; r++) {
		cohort_row *row = &t->rows[r];
		row->cohort = first + (int32_t)r;
		row->nk = nrows - r;
		row->retained = t->cells + off;
		row->value_retained = values ? t->value_cells + off : NULL;
		row->value = values ? 0.0 : NAN;
		off += row->nk;
	}
	return 1;
}

/* Adds w customers of row r, lost from cell d on (d >= nk: never lost),
 * each of value v, or (s not NULL) of the values s sums. */
static void triangle_add(cohort_triangle *t, size_t r, size_t d, double v, size_t w,
                         const cohort_value_sums *s)
{
	cohort_row *row = &t->rows[r];
	row->size += w;
	t->ncustomers += w;
	if (d < row->nk)
		row->retained[d] += w;
	if (row->value_retained != NULL && s != NULL) {
		row->nvalue += s->nvalue;
		row->value += s->sum;
		if (d < row->nk)
			row->value_retained[d] += s->sum;
	} else if (row->value_retained != NULL && !isnan(v)) {
		double vw = w == 1 ? v : v * (double)w;
		row->nvalue += w;
		row->value += vw;
		if (d < row->nk)
			row->value_retained[d] += vw;
	}
}

/* Turns lost counts into retained counts, flags thin rows, computes means. */
static void triangle_finish(cohort_triangle *t, size_t min_n)
{
	for (size_t r = 0; r < t->nrows; r++) {
		cohort_row *row = &t->rows[r];
		size_t lost = 0;
		double vlost = 0.0;
		row->thin = row->size < min_n;
		for (size_t k = 0; k < row->nk; k++) {
			lost += row->retained[k];
			row->retained[k] = row->size - lost;
			if (row->value_retained != NULL) {
				vlost += row->value_retained[k];
				row->value_retained[k] = row->value - vlost;
			}
		}
	}
	for (size_t k = 0; k < t->kmax; k++) {
		double sum = 0.0, vsum = 0.0, vnum = 0.0, vden = 0.0;
		size_t num = 0, den = 0, n = 0, nv = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			const cohort_row *row = &t->rows[r];
			if (row->nk <= k)
				break; /* later rows are shorter still */
			if (row->size > 0) {
				n++;
				sum += (double)row->retained[k] / (double)row->size;
				num += row->retained[k];
				den += row->size;
			}
			if (row->value_retained != NULL && row->value > 0.0) {
				nv++;
				vsum += row->value_retained[k] / row->value;
				vnum += row->value_retained[k];
				vden += row->value;
			}
		}
		t->n_cohorts[k] = n;
		t->mean_simple[k] = n > 0 ? sum / (double)n : NAN;
		t->mean_weighted[k] = den > 0 ? (double)num / (double)den : NAN;
		if (t->value_mean_simple != NULL) {
			t->value_mean_simple[k] = nv > 0 ? vsum / (double)nv : NAN;
			t->value_mean_weighted[k] = vden > 0.0 ? vnum / vden : NAN;
		}
	}
}

churn_status cohort_build(const cohort_customers *c, size_t min_n, cohort_result **out,
                          churn_err *err)
{
	cohort_result *res = NULL;
	churn_status st;
	int32_t first = INT32_MAX, last;
	size_t nrows = 0;
	int values;

	if (out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohort: no result pointer");
	*out = NULL;
	st = cohort_customers_check(c, err);
	if (st != CHURN_OK)
		return st;
	values = c->value != NULL;
	last = cohort_last_ended_month(c->as_of);

	res = calloc(1, sizeof *res);
	if (res == NULL)
		goto nomem;
	res->as_of = c->as_of;
	res->last_month = last;
	res->min_n = min_n;
	res->has_value = values;

	for (size_t i = 0; i < c->n; i++) {
		if (c->start[i] > c->as_of) {
			res->n_future += c->weight ? c->weight[i] : 1;
			continue;
		}
		int32_t m = date_month_index(c->start[i]);
		if (m < first)
			first = m;
	}
	if (first <= last) {
		/* Bounded before anything is allocated: the triangles grow with
		 * the square of the span. */
		if ((st = cohort_span_check(first, last, err)) != CHURN_OK)
			goto fail;
		nrows = (size_t)(last - first) + 1;
		size_t ntri = 1 + (c->group != NULL ? c->ngroup_levels : 0);
		if (nrows * (nrows + 1) / 2 > COHORT_MAX_CELLS / ntri) {
			st = churn_err_set(err, CHURN_EDATA,
			                   "cohort: %zu monthly cohorts in %zu triangles (overall "
			                   "and per level of %s) make more than %zu cells: narrow "
			                   "the dates (--date-range, --as-of) or the segments",
			                   nrows, ntri, c->group_name ? c->group_name : "the segment",
			                   COHORT_MAX_CELLS);
			goto fail;
		}
	} else
		first = last + 1;
	res->first_month = first;

	if (!triangle_alloc(&res->all, first, nrows, values))
		goto nomem;
	if (c->group != NULL) {
		res->group_name = copy_str(c->group_name);
		if (c->group_name != NULL && res->group_name == NULL)
			goto nomem;
		if (c->ngroup_levels > 0) {
			res->groups = calloc(c->ngroup_levels, sizeof *res->groups);
			if (res->groups == NULL)
				goto nomem;
		}
		res->ngroups = c->ngroup_levels;
		for (size_t g = 0; g < res->ngroups; g++) {
			if (!triangle_alloc(&res->groups[g], first, nrows, values))
				goto nomem;
			res->groups[g].level = copy_str(c->group_levels[g]);
			if (res->groups[g].level == NULL)
				goto nomem;
		}
	}

	for (size_t i = 0; i < c->n; i++) {
		int32_t s = c->start[i], e = c->end[i];
		int32_t m;
		size_t r, d;
		double v;
		const cohort_value_sums *sums;
		size_t w = c->weight ? c->weight[i] : 1;

		if (s > c->as_of)
			continue;
		m = date_month_index(s);
		if (m > last) {
			res->n_partial += w;
			continue;
		}
		r = (size_t)(m - first);
		/* Churn month index minus the signup month; an end after the
		 * last ended month never reaches a cell. */
		d = nrows; /* "never lost" */
		if (e != TABLE_DATE_NA) {
			int32_t em = e > c->as_of ? last + 1 : date_month_index(e);
			if (em <= last)
				d = (size_t)(em - m);
		}
		v = values ? c->value[i] : NAN;
		sums = values && c->sums != NULL ? &c->sums[i] : NULL;
		triangle_add(&res->all, r, d, v, w, sums);
		if (c->group != NULL) {
			if (c->group[i] == TABLE_CODE_NA)
				res->n_group_missing += w;
			else
				triangle_add(&res->groups[c->group[i]], r, d, v, w, sums);
		}
	}

	triangle_finish(&res->all, min_n);
	for (size_t g = 0; g < res->ngroups; g++)
		triangle_finish(&res->groups[g], min_n);
	*out = res;
	return CHURN_OK;

nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "cohort: out of memory");
fail:
	cohort_result_free(res);
	return st;
}
