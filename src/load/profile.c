/* profile.c - see include/churnkit/profile.h. */
#include "churnkit/profile.h"
#include "churnkit/date.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void profile_free(profile *p)
{
	if (p == NULL)
		return;
	for (size_t j = 0; j < p->ncols; j++) {
		free(p->cols[j].name);
		for (size_t k = 0; k < p->cols[j].nlevels; k++)
			free(p->cols[j].levels[k].level);
		free(p->cols[j].levels);
	}
	free(p->cols);
	free(p);
}

static const char *role_of(const load_map *m, const char *name)
{
	struct { const char *col, *role; } roles[] = {
		{m->id, "id"}, {m->start, "start"}, {m->end, "end"}, {m->entry, "entry"},
		{m->duration, "duration"}, {m->event, "event"}, {m->outcome, "outcome"},
		{m->value, "value"}, {m->weight, "weight"},
	};
	for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++)
		if (roles[k].col && strcmp(roles[k].col, name) == 0)
			return roles[k].role;
	for (size_t k = 0; k < m->nby; k++)
		if (strcmp(m->by[k], name) == 0)
			return "by";
	if (m->reason != NULL && strcmp(m->reason, name) == 0)
		return "reason";
	return NULL;
}

static int by_count_desc(const void *a, const void *b)
{
	const profile_level *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->level, y->level);
}

static churn_status profile_num(const table_col *c, size_t n, profile_col *pc,
                                churn_err *err)
{
	size_t m = 0;
	double *v = malloc((n ? n : 1) * sizeof *v);
	if (v == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		if (!isnan(c->num[i]))
			v[m++] = c->num[i];
	pc->min = pc->max = pc->mean = pc->median = NAN;
	if (m > 0) {
		gsl_stats_minmax(&pc->min, &pc->max, v, 1, m);
		pc->mean = gsl_stats_mean(v, 1, m);
		pc->median = gsl_stats_median(v, 1, m);  /* quickselect; reorders v */
	}
	free(v);
	return CHURN_OK;
}

static churn_status profile_cat(const table_col *c, size_t n, int is_id,
                                profile_col *pc, churn_err *err)
{
	size_t keep = is_id ? 0 : c->nlevels;
	size_t *counts = calloc(c->nlevels ? c->nlevels : 1, sizeof *counts);
	pc->levels = calloc(keep ? keep : 1, sizeof *pc->levels);
	if (counts == NULL || pc->levels == NULL) {
		free(counts);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		if (c->codes[i] != TABLE_CODE_NA)
			counts[c->codes[i]]++;
	pc->ndistinct = c->nlevels;
	pc->nlevels = 0;
	for (size_t k = 0; k < keep; k++) {
		pc->levels[k].level = strdup(c->levels[k]);
		pc->levels[k].count = counts[k];
		if (pc->levels[k].level == NULL) {
			free(counts);
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		}
		pc->nlevels = k + 1;
	}
	free(counts);
	if (!is_id)
		qsort(pc->levels, pc->nlevels, sizeof *pc->levels, by_count_desc);
	return CHURN_OK;
}

/* 1 when every level of a categorical column is an ISO date; sets the
 * range.  (Mapped date columns are typed by the loader; this only helps the
 * data-quality summary describe the others.) */
static int iso_dates(const table_col *c, int32_t *dmin, int32_t *dmax)
{
	int32_t lo = TABLE_DATE_NA, hi = TABLE_DATE_NA, d;
	if (c->nlevels == 0)
		return 0;
	for (size_t k = 0; k < c->nlevels; k++) {
		if (!date_parse(c->levels[k], strlen(c->levels[k]), NULL, &d))
			return 0;
		if (lo == TABLE_DATE_NA || d < lo)
			lo = d;
		if (hi == TABLE_DATE_NA || d > hi)
			hi = d;
	}
	*dmin = lo;
	*dmax = hi;
	return 1;
}

churn_status profile_build(const load_result *r, const load_map *map,
                           const char *path, profile **out, churn_err *err)
{
	const table *t = r->t;
	churn_status st = CHURN_OK;
	profile *p = calloc(1, sizeof *p);

	*out = NULL;
	if (p == NULL || (p->cols = calloc(t->ncols ? t->ncols : 1, sizeof *p->cols)) == NULL) {
		free(p);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	p->path = path;
	p->rows_read = r->rows_read;
	p->rows_used = (long)t->nrows;
	p->rows_rejected = r->rows_rejected;
	p->lines_rejected = r->lines_rejected;
	p->rows_filtered = map->nwhere > 0 ? r->rows_filtered : -1;
	p->customers = r->rolled_up ? r->customers : -1;
	p->reactivations = r->rolled_up ? r->reactivations : -1;
	p->customers_reactivated = r->rolled_up ? r->customers_reactivated : -1;
	memcpy(p->by_reason, r->by_reason, sizeof p->by_reason);
	p->delimiter = r->delimiter;
	memcpy(p->sha256, r->sha256, sizeof p->sha256);
	p->bom = r->bom;
	p->as_of = r->as_of;
	p->min_date = r->min_date;
	p->max_date = r->max_date;
	p->events = -1;
	p->reason_col = -1;
	p->reason_unknown = -1;
	for (size_t j = 0; j < t->ncols && st == CHURN_OK; j++) {
		const table_col *c = &t->cols[j];
		profile_col *pc = &p->cols[p->ncols++];
		pc->name = strdup(c->name);
		if (pc->name == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			break;
		}
		pc->kind = c->kind;
		pc->role = role_of(map, c->name);
		pc->missing = c->nmissing;
		pc->dmin = pc->dmax = TABLE_DATE_NA;
		if (c->kind == TABLE_NUM)
			st = profile_num(c, t->nrows, pc, err);
		else if (c->kind == TABLE_DATE) {
			for (size_t i = 0; i < t->nrows; i++) {
				int32_t d = c->date[i];
				if (d == TABLE_DATE_NA)
					continue;
				if (pc->dmin == TABLE_DATE_NA || d < pc->dmin)
					pc->dmin = d;
				if (pc->dmax == TABLE_DATE_NA || d > pc->dmax)
					pc->dmax = d;
			}
		} else if (pc->role == NULL && iso_dates(c, &pc->dmin, &pc->dmax)) {
			/* An unmapped column of ISO dates: shown as dates, not as
			 * hundreds of text levels. */
			pc->kind = TABLE_DATE;
		} else
			st = profile_cat(c, t->nrows, pc->role && strcmp(pc->role, "id") == 0, pc,
			                 err);
		if (pc->role && strcmp(pc->role, "end") == 0 && map->duration == NULL)
			p->events = (long)(t->nrows - c->nmissing);
		if (map->reason != NULL && strcmp(map->reason, c->name) == 0) {
			p->reason_col = (long)j;
			p->reason_unknown = (long)c->nmissing;
		}
		if (pc->role && strcmp(pc->role, "event") == 0) {
			p->events = 0;
			for (size_t i = 0; i < t->nrows; i++)
				p->events += c->num[i] != 0;
		}
	}
	/* Every reason is on a churned customer (the loader's rule), so the
	 * churned customers without one are the churned less those with one. */
	if (p->reason_col >= 0 && p->events >= 0)
		p->reason_unknown = p->events - (long)(t->nrows - (size_t)p->reason_unknown);
	else
		p->reason_unknown = -1;
	if (st != CHURN_OK) {
		profile_free(p);
		return st;
	}
	*out = p;
	return CHURN_OK;
}
