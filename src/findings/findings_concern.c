/*
 * findings_concern.c - what each finding concerns (findings.h, "Ranking
 * with a table"; docs/findings.md): the active customers of its group and
 * their MRR, and the ranking by it.
 */
#include "churnkit/findings.h"
#include "findings/findings_common.h"
#include "findings/findings_kinds.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* findings_kinds.h */
int findings_in_group(finding_group g, const char *level, double cut, const table_col *c,
                      size_t i)
{
	switch (g) {
	case FINDING_GROUP_MISSING:
		return table_is_missing(c, i);
	case FINDING_GROUP_PRESENT:
		return !table_is_missing(c, i);
	case FINDING_GROUP_LEVEL:
		if (level == NULL)
			return 0;
		if (c->kind == TABLE_CAT)
			return c->codes[i] < c->nlevels && strcmp(c->levels[c->codes[i]], level) == 0;
		if (c->kind == TABLE_NUM) {
			char *e;
			double v = strtod(level, &e);
			return *e == '\0' && c->num[i] == v;
		}
		return 0;
	case FINDING_GROUP_FLAG:
		return c->kind == TABLE_NUM && c->num[i] == 1;
	case FINDING_GROUP_NOFLAG:
		return c->kind == TABLE_NUM && c->num[i] == 0;
	case FINDING_GROUP_ATLEAST:
		return c->kind == TABLE_NUM && !isnan(c->num[i]) && c->num[i] >= cut;
	case FINDING_GROUP_ATMOST:
		return c->kind == TABLE_NUM && !isnan(c->num[i]) && c->num[i] <= cut;
	default:
		return 0;
	}
}

void findings_group_test_init(finding_group_test *t, finding_group g, const char *level,
                              double cut, const table_col *c)
{
	*t = (finding_group_test){g, level, cut, c, 0, TABLE_CODE_NA, 0, NAN};
	if (g != FINDING_GROUP_LEVEL || level == NULL)
		return;
	if (c->kind == TABLE_CAT) {
		size_t found = 0;
		for (size_t l = 0; l < c->nlevels && l < TABLE_CODE_NA; l++)
			if (strcmp(c->levels[l], level) == 0 && found++ == 0)
				t->code = (uint32_t)l;
		t->by_code = found <= 1;
	} else if (c->kind == TABLE_NUM) {
		char *e;
		double v = strtod(level, &e);
		t->by_num = 1;
		t->num = *e == '\0' ? v : NAN; /* NaN equals no value: as no match */
	}
}

int findings_group_test_has(const finding_group_test *t, size_t i)
{
	if (t->by_code)
		return t->code != TABLE_CODE_NA && t->c->codes[i] == t->code;
	if (t->by_num)
		return t->c->num[i] == t->num;
	return findings_in_group(t->g, t->level, t->cut, t->c, i);
}

void findings_group_test_rows(const finding_group_test *t, size_t n, uint8_t bit,
                              uint8_t *flags)
{
	const table_col *c = t->c;
	const double *x = c->kind == TABLE_NUM ? c->num : NULL;
	if (t->by_code) {
		for (size_t i = 0; t->code != TABLE_CODE_NA && i < n; i++)
			flags[i] |= c->codes[i] == t->code ? bit : 0;
	} else if (t->by_num) {
		for (size_t i = 0; i < n; i++)
			flags[i] |= x[i] == t->num ? bit : 0;
	} else if (x != NULL && (t->g == FINDING_GROUP_FLAG || t->g == FINDING_GROUP_NOFLAG)) {
		double v = t->g == FINDING_GROUP_FLAG;
		for (size_t i = 0; i < n; i++)
			flags[i] |= x[i] == v ? bit : 0;
	} else if (x != NULL && t->g == FINDING_GROUP_ATLEAST) {
		for (size_t i = 0; i < n; i++)  /* NaN: never >= */
			flags[i] |= x[i] >= t->cut ? bit : 0;
	} else if (x != NULL && t->g == FINDING_GROUP_ATMOST) {
		for (size_t i = 0; i < n; i++)
			flags[i] |= x[i] <= t->cut ? bit : 0;
	} else {
		for (size_t i = 0; i < n; i++)
			flags[i] |= findings_group_test_has(t, i) ? bit : 0;
	}
}

/* The period's churned customers and their MRR (period, revenue). */
static void concern_period(const findings_input *in, finding *f)
{
	const kpi_row *cur;
	if (in->kpi == NULL || !in->kpi->change.has_current)
		return;
	cur = &in->kpi->change.current;
	f->customers = (double)cur->n_churned;
	f->mrr = cur->mrr.covered ? cur->mrr.mrr_churned : NAN;
}

/* Findings whose groups one pass over the rows counts together: a bit
 * each in a byte per row. */
#define CONCERN_BATCH 8

/* Counts the active customers of the groups gt[0..nb-1] and their MRR
 * into f[]->customers and ->mrr: the groups' flags first (flags: a byte
 * per row, or NULL when out of memory: each row tested in the pass), then
 * one pass over the rows for them all, each group's sums taken in row
 * order as a pass of its own would. */
static void concern_batch(const findings_input *in, const finding_group_test *gt,
                          finding *const *f, size_t nb, uint8_t *flags)
{
	double n[CONCERN_BATCH] = {0}, mrr[CONCERN_BATCH] = {0};
	size_t nrows = in->table->nrows;
	if (flags != NULL) {
		memset(flags, 0, nrows);
		for (size_t b = 0; b < nb; b++)
			findings_group_test_rows(&gt[b], nrows, (uint8_t)(1u << b), flags);
	}
	for (size_t i = 0; i < nrows; i++) {
		if (!in->active[i] || (flags != NULL && flags[i] == 0))
			continue;
		double w = in->weight != NULL ? in->weight[i] : 1;
		int has_value = in->value != NULL && isfinite(in->value[i]);
		for (size_t b = 0; b < nb; b++) {
			if (flags != NULL ? !(flags[i] >> b & 1) : !findings_group_test_has(&gt[b], i))
				continue;
			n[b] += w;
			if (has_value)
				mrr[b] += w * in->value[i];
		}
	}
	for (size_t b = 0; b < nb; b++) {
		f[b]->customers = n[b];
		f[b]->mrr = in->value != NULL ? mrr[b] : NAN;
	}
}

void findings_concern(const findings_input *in, flist *l)
{
	finding_group_test gt[CONCERN_BATCH];
	finding *of[CONCERN_BATCH];
	size_t nb = 0;
	uint8_t *flags = NULL;  /* allocated with the first group */

	for (size_t k = 0; k < l->n; k++) {
		finding *f = &l->item[k];
		if (f->kind == FINDING_PERIOD || f->kind == FINDING_REVENUE) {
			concern_period(in, f);
			continue;
		}
		const table_col *c = f->subject && in->table ? table_find(in->table, f->subject)
		                                             : NULL;
		if (c == NULL || f->group == FINDING_GROUP_NONE || in->active == NULL)
			continue;
		/* The group that churns more. */
		int side = findings_target_side(f);
		finding_group g = side ? f->group_b : f->group;
		const char *level = side ? f->level_b : f->level;
		double cut = side ? f->cut_b : f->cut;
		findings_group_test_init(&gt[nb], g, level, cut, c);
		of[nb++] = f;
		if (flags == NULL)
			flags = malloc(in->table->nrows ? in->table->nrows : 1);
		if (nb == CONCERN_BATCH) {
			concern_batch(in, gt, of, nb, flags);
			nb = 0;
		}
	}
	if (nb > 0)
		concern_batch(in, gt, of, nb, flags);
	free(flags);
}

/* The ranking key: MRR with a value column, else customers; NaN last. */
static double key(const finding *f, int by_mrr)
{
	return by_mrr ? f->mrr : f->customers;
}

int findings_concern_cmp(const finding *a, const finding *b, int by_mrr)
{
	double x = key(a, by_mrr), y = key(b, by_mrr);
	if (isnan(x) || isnan(y))
		return isnan(x) == isnan(y) ? 0 : isnan(x) ? 1 : -1;
	return x > y ? -1 : x < y;
}
