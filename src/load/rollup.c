/*
 * rollup.c - rows that share an id merged into one customer (rollup.h;
 * the rule is docs/inputs.md's "One customer from several rows").
 */
#include "churnkit/rollup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A row of one customer, sorted by start then line for the gap count. */
typedef struct {
	int32_t start;
	size_t row;
} row_key;

static int by_start(const void *a, const void *b)
{
	const row_key *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* The columns the rule treats apart; NULL when not mapped. */
typedef struct {
	const table_col *id, *start, *end, *entry, *value, *outcome;
} roles;

/* What the merge decides for each customer: the source row of every other
 * column and the merged values. */
typedef struct {
	size_t *cur;        /* the current row */
	size_t *first;      /* the first row (its line) */
	int32_t *start, *end, *entry;
	double *value, *outcome;
} merged;

static const table_col *find(const table *t, const char *name)
{
	return name != NULL ? table_find(t, name) : NULL;
}

static void merged_free(merged *m)
{
	free(m->cur);
	free(m->first);
	free(m->start);
	free(m->end);
	free(m->entry);
	free(m->value);
	free(m->outcome);
}

/* The end of row r as a day, INT32_MAX while active. */
static int32_t end_of(const roles *ro, size_t r)
{
	if (ro->end == NULL || ro->end->date[r] == TABLE_DATE_NA)
		return INT32_MAX;
	return ro->end->date[r];
}

/* Merges customer g from its rows k[0..n) (in line order; sorted here). */
static void merge_one(const roles *ro, row_key *k, size_t n, size_t g, merged *m,
                      rollup_counts *c)
{
	int32_t cover;
	long gaps = 0;

	m->first[g] = k[0].row;
	for (size_t i = 0; i < n; i++)
		k[i].start = ro->start->date[k[i].row];
	qsort(k, n, sizeof *k, by_start);
	cover = end_of(ro, k[0].row);
	for (size_t i = 1; i < n; i++) {
		if (cover != INT32_MAX && k[i].start > cover)
			gaps++;
		int32_t e = end_of(ro, k[i].row);
		if (e > cover)
			cover = e;
	}
	c->reactivations += gaps;
	c->customers_reactivated += gaps > 0;
	m->start[g] = k[0].start;
	m->end[g] = cover == INT32_MAX ? TABLE_DATE_NA : cover;

	/* The deciding rows: active ones, or those that ended last.  Sorted by
	 * start then line, so the last deciding row is the current one. */
	double sum = 0;
	int any = 0;
	m->cur[g] = k[0].row;
	for (size_t i = 0; i < n; i++) {
		size_t r = k[i].row;
		if (end_of(ro, r) != cover)
			continue;
		m->cur[g] = r;
		if (ro->value != NULL && !isnan(ro->value->num[r])) {
			sum += ro->value->num[r];
			any = 1;
		}
	}
	m->value[g] = any ? sum : NAN;

	double all = 1;
	int32_t entry = TABLE_DATE_NA;
	int has_entry = 0;
	for (size_t i = 0; i < n; i++) {
		size_t r = k[i].row;
		if (ro->outcome != NULL && !(ro->outcome->num[r] == 1))
			all = 0;
		if (ro->entry != NULL) {
			int32_t e = ro->entry->date[r];
			has_entry |= e != TABLE_DATE_NA;
			if (e == TABLE_DATE_NA)
				e = k[i].start;
			if (entry == TABLE_DATE_NA || e < entry)
				entry = e;
		}
	}
	m->outcome[g] = all;
	m->entry[g] = has_entry ? entry : TABLE_DATE_NA;
}

/* Fills `m` for every customer: rows grouped by id code (counting sort, so
 * each group stays in line order), then merge_one.  Returns 0 when out of
 * memory. */
static int merge_all(const table *t, const roles *ro, size_t ng, merged *m,
                     rollup_counts *c)
{
	size_t n = t->nrows, maxg = 0;
	size_t *at = calloc(ng + 1, sizeof *at), *order = malloc((n ? n : 1) * sizeof *order);
	row_key *k = NULL;
	int ok = 0;

	m->cur = malloc((ng ? ng : 1) * sizeof *m->cur);
	m->first = malloc((ng ? ng : 1) * sizeof *m->first);
	m->start = malloc((ng ? ng : 1) * sizeof *m->start);
	m->end = malloc((ng ? ng : 1) * sizeof *m->end);
	m->entry = malloc((ng ? ng : 1) * sizeof *m->entry);
	m->value = malloc((ng ? ng : 1) * sizeof *m->value);
	m->outcome = malloc((ng ? ng : 1) * sizeof *m->outcome);
	if (at == NULL || order == NULL || m->cur == NULL || m->first == NULL ||
	    m->start == NULL || m->end == NULL || m->entry == NULL || m->value == NULL ||
	    m->outcome == NULL)
		goto done;
	for (size_t i = 0; i < n; i++)
		at[ro->id->codes[i] + 1]++;
	for (size_t g = 0; g < ng; g++) {
		if (at[g + 1] > maxg)
			maxg = at[g + 1];
		at[g + 1] += at[g];
	}
	if ((k = malloc((maxg ? maxg : 1) * sizeof *k)) == NULL)
		goto done;
	for (size_t i = 0; i < n; i++)
		order[at[ro->id->codes[i]]++] = i;
	/* at[g] is now the end of group g, the start of g + 1. */
	for (size_t g = 0, from = 0; g < ng; from = at[g], g++) {
		size_t len = at[g] - from;
		for (size_t i = 0; i < len; i++)
			k[i].row = order[from + i];
		merge_one(ro, k, len, g, m, c);
	}
	ok = 1;
done:
	free(at);
	free(order);
	free(k);
	return ok;
}

/* The new array of column `tc` for the merged customers; NULL when out of
 * memory.  Levels of a categorical column are renumbered to those used. */
static void *merged_column(table_col *tc, const roles *ro, const merged *m, size_t ng)
{
	size_t sz = ng ? ng : 1;
	if (tc == ro->id) {
		uint32_t *v = malloc(sz * sizeof *v);
		for (size_t g = 0; v != NULL && g < ng; g++)
			v[g] = (uint32_t)g;
		return v;
	}
	if (tc->kind == TABLE_DATE) {
		int32_t *v = malloc(sz * sizeof *v);
		const int32_t *src = tc == ro->start ? m->start : tc == ro->end ? m->end
		                     : tc == ro->entry ? m->entry : NULL;
		for (size_t g = 0; v != NULL && g < ng; g++)
			v[g] = src ? src[g] : tc->date[m->cur[g]];
		return v;
	}
	if (tc->kind == TABLE_NUM) {
		double *v = malloc(sz * sizeof *v);
		const double *src = tc == ro->value ? m->value : tc == ro->outcome ? m->outcome
		                    : NULL;
		for (size_t g = 0; v != NULL && g < ng; g++)
			v[g] = src ? src[g] : tc->num[m->cur[g]];
		return v;
	}
	uint32_t *v = malloc(sz * sizeof *v);
	uint32_t *remap = malloc((tc->nlevels ? tc->nlevels : 1) * sizeof *remap);
	char **levels = malloc((tc->nlevels ? tc->nlevels : 1) * sizeof *levels);
	uint32_t next = 0;
	if (v == NULL || remap == NULL || levels == NULL) {
		free(v);
		free(remap);
		free(levels);
		return NULL;
	}
	for (size_t l = 0; l < tc->nlevels; l++)
		remap[l] = TABLE_CODE_NA;
	for (size_t g = 0; g < ng; g++) {
		uint32_t old = tc->codes[m->cur[g]];
		if (old != TABLE_CODE_NA && remap[old] == TABLE_CODE_NA) {
			levels[next] = tc->levels[old];
			remap[old] = next++;
		}
		v[g] = old == TABLE_CODE_NA ? TABLE_CODE_NA : remap[old];
	}
	for (size_t l = 0; l < tc->nlevels && tc->level_text == NULL; l++)
		if (remap[l] == TABLE_CODE_NA)
			free(tc->levels[l]);
	free(tc->levels);
	tc->levels = levels;
	tc->nlevels = next;
	free(remap);
	return v;
}

static size_t count_missing(const table_col *tc, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += table_is_missing(tc, i) != 0;
	return k;
}

churn_status rollup_check_map(const load_map *map, churn_err *err)
{
	if (map->duration != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--rollup merges rows by their dates and cannot go with "
		                     "--duration: give --start and --end, or one row per "
		                     "customer");
	if (map->id == NULL || map->start == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--rollup needs --id (the customer) and --start (with "
		                     "--end): rows sharing an id are merged by their dates");
	if (map->weight != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--rollup cannot go with --weight: a weighted row stands "
		                     "for several customers, not for one subscription");
	return CHURN_OK;
}

churn_status rollup_table(table *t, const load_map *map, rollup_counts *c,
                          churn_err *err)
{
	roles ro;
	merged m;
	void **arr = NULL;
	long *line = NULL;
	churn_status st = CHURN_OK;

	memset(c, 0, sizeof *c);
	memset(&m, 0, sizeof m);
	if ((st = rollup_check_map(map, err)) != CHURN_OK)
		return st;
	ro.id = find(t, map->id);
	ro.start = find(t, map->start);
	ro.end = find(t, map->end);
	ro.entry = find(t, map->entry);
	ro.value = find(t, map->value);
	ro.outcome = find(t, map->outcome);
	if (ro.id == NULL || ro.id->kind != TABLE_CAT || ro.start == NULL ||
	    ro.start->kind != TABLE_DATE || (ro.entry != NULL && ro.entry->kind != TABLE_DATE))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--rollup: the id must be text and the start and entry dates");

	size_t ng = ro.id->nlevels;
	if (!merge_all(t, &ro, ng, &m, c) ||
	    (arr = calloc(t->ncols ? t->ncols : 1, sizeof *arr)) == NULL ||
	    (line = malloc((ng ? ng : 1) * sizeof *line)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	/* A categorical column's levels are renumbered as its array is made;
	 * when memory runs out half-way the table can only be freed. */
	for (size_t j = 0; j < t->ncols; j++)
		if ((arr[j] = merged_column(&t->cols[j], &ro, &m, ng)) == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			goto done;
		}
	for (size_t g = 0; g < ng; g++)
		line[g] = t->line ? t->line[m.first[g]] : 0;
	for (size_t j = 0; j < t->ncols; j++) {
		table_col *tc = &t->cols[j];
		if (arr[j] == NULL)
			continue;
		if (tc->kind == TABLE_NUM) {
			free(tc->num);
			tc->num = arr[j];
		} else if (tc->kind == TABLE_DATE) {
			free(tc->date);
			tc->date = arr[j];
		} else {
			free(tc->codes);
			tc->codes = arr[j];
		}
		arr[j] = NULL;
	}
	free(t->line);
	t->line = line;
	line = NULL;
	t->nrows = ng;
	for (size_t j = 0; j < t->ncols; j++)
		t->cols[j].nmissing = count_missing(&t->cols[j], ng);
	c->customers = (long)ng;
done:
	if (arr != NULL)
		for (size_t j = 0; j < t->ncols; j++)
			free(arr[j]);
	free(arr);
	free(line);
	merged_free(&m);
	return st;
}
