/* reasons.c - see include/churnkit/reasons.h (docs/contract.md, "Churn
 * reasons"). */
#include "churnkit/reasons.h"
#include "churnkit/fieldread.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns the breakdown reads; NULL when not mapped. */
typedef struct {
	const table_col *reason, *start, *end, *event, *value, *weight;
	int date_mode;
	int32_t as_of;
} cols;

/* Per customer: its level (or SIZE_MAX when it has not churned), weight
 * and MRR. */
typedef struct {
	size_t *level;
	double *w, *mrr;
} per_row;

static const table_col *find(const table *t, const char *name)
{
	return name != NULL ? table_find(t, name) : NULL;
}

churn_status reasons_check_involuntary(const table *t, const char *reason_col,
                                       const char *const *names, size_t n,
                                       churn_err *err)
{
	const table_col *c;

	if (n == 0)
		return CHURN_OK;
	if (reason_col == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--involuntary names churn reasons: give --reason COL too");
	c = table_find(t, reason_col);
	if (c == NULL || c->kind != TABLE_CAT)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--reason %s: not a text column", reason_col);
	for (size_t k = 0; k < n; k++) {
		int found = 0;
		const char *alike = NULL;
		for (size_t l = 0; l < c->nlevels && !found; l++) {
			found = load_reason_same(c->levels[l], names[k]);
			if (fieldread_same_word(c->levels[l], strlen(c->levels[l]), names[k]))
				alike = c->levels[l];
		}
		if (found)
			continue;
		/* Reasons are told apart by case, as --by levels: say which one
		 * differs only in case rather than match it silently. */
		if (alike != NULL)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--involuntary '%s': no row has this reason in column "
			                     "'%s'; it has '%s' (reasons are compared with their "
			                     "case, as --by levels)", names[k], reason_col, alike);
		/* The levels with their counts, as --where lists them. */
		char list[400] = "";
		size_t used = 0;
		for (size_t l = 0; l < c->nlevels && used + 16 < sizeof list; l++) {
			size_t cnt = 0;
			for (size_t i = 0; i < t->nrows; i++)
				cnt += c->codes[i] == l;
			int w = snprintf(list + used, sizeof list - used, "%s'%s' (%zu)",
			                 l ? ", " : "", c->levels[l], cnt);
			if (w < 0 || (size_t)w >= sizeof list - used) {
				strcpy(list + used, ", ...");
				break;
			}
			used += (size_t)w;
		}
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--involuntary '%s': no row has this reason in column "
		                     "'%s' (reasons: %s)", names[k], reason_col,
		                     c->nlevels ? list : "none");
	}
	return CHURN_OK;
}

static int is_churned(const cols *c, size_t i)
{
	if (c->date_mode)
		return c->end != NULL && c->end->date[i] != TABLE_DATE_NA;
	return c->event != NULL && c->event->num[i] == 1;
}

static churn_status bind(const load_result *res, const load_map *map, cols *c,
                         churn_err *err)
{
	const table *t = res->t;

	memset(c, 0, sizeof *c);
	c->reason = find(t, map->reason);
	c->start = find(t, map->start);
	c->end = find(t, map->end);
	c->event = find(t, map->event);
	c->value = find(t, map->value);
	c->weight = find(t, map->weight);
	c->date_mode = res->date_mode;
	c->as_of = res->as_of;
	if (c->reason == NULL || c->reason->kind != TABLE_CAT)
		return churn_err_set(err, CHURN_EUSAGE, "--reason %s: not a text column",
		                     map->reason ? map->reason : "(none)");
	if ((c->start && c->start->kind != TABLE_DATE) || (c->end && c->end->kind != TABLE_DATE) ||
	    (c->event && c->event->kind != TABLE_NUM) || (c->value && c->value->kind != TABLE_NUM) ||
	    (c->weight && c->weight->kind != TABLE_NUM))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "churn reasons: a mapped column did not load as its kind");
	return CHURN_OK;
}

static int split_alloc(reasons_split *s, size_t n)
{
	memset(s, 0, sizeof *s);
	s->cell = calloc(n ? n : 1, sizeof *s->cell);
	return s->cell != NULL;
}

static void split_add(reasons_split *s, size_t k, double w, double mrr)
{
	s->cell[k].churned += w;
	s->cell[k].churned_mrr += w * mrr;
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

/* Totals and shares of a filled split; MRR figures NaN without --value. */
static void split_finish(reasons_split *s, const reasons_result *r)
{
	reasons_cell *t = &s->total, *v = &s->voluntary, *iv = &s->involuntary;
	for (size_t k = 0; k < r->nlevels; k++) {
		const reasons_cell *c = &s->cell[k];
		t->churned += c->churned;
		t->churned_mrr += c->churned_mrr;
		if (!r->has_split || (r->has_unknown && k + 1 == r->nlevels))
			continue;
		reasons_cell *to = r->involuntary[k] ? iv : v;
		to->churned += c->churned;
		to->churned_mrr += c->churned_mrr;
	}
	reasons_cell *all[3] = {t, v, iv};
	for (size_t k = 0; k < r->nlevels + 3; k++) {
		reasons_cell *c = k < r->nlevels ? &s->cell[k] : all[k - r->nlevels];
		if (!r->has_mrr)
			c->churned_mrr = NAN;
		c->share = ratio(c->churned, t->churned);
		c->mrr_share = ratio(c->churned_mrr, t->churned_mrr);
	}
}

/* Level names in byte order, "unknown" last when a churned customer has
 * none; each customer's level, weight and MRR. */
static churn_status levels_and_rows(const table *t, const cols *c, const reasons_opts *o,
                                    reasons_result *r, per_row *p, churn_err *err)
{
	uint32_t *codes = NULL;
	const char **sorted = NULL;
	size_t n = t->nrows, nl = c->reason->nlevels;
	churn_status st = table_sort_levels(c->reason->codes, n,
	                                    (const char *const *)c->reason->levels, nl,
	                                    &codes, &sorted, err);
	if (st != CHURN_OK)
		return st;
	for (size_t i = 0; i < n; i++)
		if (is_churned(c, i) && codes[i] == TABLE_CODE_NA)
			r->has_unknown = 1;
	r->nlevels = nl + (size_t)r->has_unknown;
	r->names = malloc((r->nlevels ? r->nlevels : 1) * sizeof *r->names);
	p->level = malloc((n ? n : 1) * sizeof *p->level);
	p->w = malloc((n ? n : 1) * sizeof *p->w);
	p->mrr = malloc((n ? n : 1) * sizeof *p->mrr);
	if (o->ninvoluntary > 0)
		r->involuntary = calloc(r->nlevels ? r->nlevels : 1, sizeof *r->involuntary);
	if (r->names == NULL || p->level == NULL || p->w == NULL || p->mrr == NULL ||
	    (o->ninvoluntary > 0 && r->involuntary == NULL)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t l = 0; l < nl; l++)
		r->names[l] = sorted[l];
	if (r->has_unknown)
		r->names[nl] = load_reason_unknown_name(sorted, nl);
	r->has_split = o->ninvoluntary > 0;
	for (size_t l = 0; l < nl && r->has_split; l++)
		for (size_t k = 0; k < o->ninvoluntary; k++)
			if (load_reason_same(sorted[l], o->involuntary[k]))
				r->involuntary[l] = 1;
	for (size_t i = 0; i < n; i++) {
		double v = c->value ? c->value->num[i] : 0;
		p->level[i] = !is_churned(c, i) ? SIZE_MAX
		              : codes[i] == TABLE_CODE_NA ? nl : (size_t)codes[i];
		p->w[i] = c->weight ? c->weight->num[i] : 1;
		p->mrr[i] = isnan(v) ? 0 : v;
	}
done:
	free(codes);
	free(sorted);
	return st;
}

static int period_alloc(reasons_period *q, size_t n)
{
	q->from_start = calloc(n ? n : 1, sizeof *q->from_start);
	q->share_of_start = calloc(n ? n : 1, sizeof *q->share_of_start);
	return split_alloc(&q->s, n) && q->from_start != NULL && q->share_of_start != NULL;
}

/* The breakdown of the period [a, b] (kpi.h's counts). */
static void period_fill(reasons_period *q, const cols *c, const per_row *p, size_t n,
                        int exclude_same, const reasons_result *r)
{
	int32_t a = q->first_day, b = q->last_day;
	for (size_t i = 0; i < n; i++) {
		int32_t s = c->start->date[i];
		int32_t e = c->end ? c->end->date[i] : TABLE_DATE_NA;
		if (s > c->as_of)
			continue;
		int in_start = s < a && (e == TABLE_DATE_NA || e >= a);
		if (in_start)
			q->at_start += p->w[i];
		if (p->level[i] == SIZE_MAX || e < a || e > b)
			continue;
		if (exclude_same && s >= a)
			continue;
		split_add(&q->s, p->level[i], p->w[i], p->mrr[i]);
		if (in_start)
			q->from_start[p->level[i]] += p->w[i];
	}
	split_finish(&q->s, r);
	for (size_t k = 0; k < r->nlevels; k++) {
		q->from_start_total += q->from_start[k];
		q->share_of_start[k] = ratio(q->from_start[k], q->at_start);
		if (r->has_split && !(r->has_unknown && k + 1 == r->nlevels)) {
			if (r->involuntary[k])
				q->from_start_involuntary += q->from_start[k];
			else
				q->from_start_voluntary += q->from_start[k];
		}
	}
	q->share_of_start_total = ratio(q->from_start_total, q->at_start);
}

static churn_status by_fill(reasons_by *b, const table_col *col, const per_row *p,
                            size_t n, const reasons_result *r, churn_err *err)
{
	uint32_t *codes = NULL;
	churn_status st;

	b->column = col->name;
	if (col->kind != TABLE_CAT)
		return churn_err_set(err, CHURN_EUSAGE, "--by %s: not a text column", col->name);
	st = table_sort_levels(col->codes, n, (const char *const *)col->levels, col->nlevels,
	                       &codes, &b->levels, err);
	if (st != CHURN_OK)
		return st;
	b->nlev = col->nlevels;
	b->s = calloc(b->nlev ? b->nlev : 1, sizeof *b->s);
	for (size_t l = 0; b->s != NULL && l < b->nlev; l++)
		if (!split_alloc(&b->s[l], r->nlevels)) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			goto done;
		}
	if (b->s == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (p->level[i] != SIZE_MAX && codes[i] != TABLE_CODE_NA)
			split_add(&b->s[codes[i]], p->level[i], p->w[i], p->mrr[i]);
	for (size_t l = 0; l < b->nlev; l++)
		split_finish(&b->s[l], r);
done:
	free(codes);
	return st;
}

static void period_label(reasons_period *q, const char *label, int32_t a, int32_t b)
{
	snprintf(q->label, sizeof q->label, "%s", label);
	q->first_day = a;
	q->last_day = b;
}

churn_status reasons_build(const load_result *res, const load_map *map,
                           const reasons_opts *o, reasons_result **out, churn_err *err)
{
	const table *t = res->t;
	reasons_result *r = calloc(1, sizeof *r);
	per_row p = {0};
	cols c;
	churn_status st;

	*out = NULL;
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if ((st = bind(res, map, &c, err)) != CHURN_OK ||
	    (st = reasons_check_involuntary(t, map->reason, o->involuntary, o->ninvoluntary,
	                                    err)) != CHURN_OK ||
	    (st = levels_and_rows(t, &c, o, r, &p, err)) != CHURN_OK)
		goto done;
	r->column = c.reason->name;
	r->has_mrr = c.value != NULL;
	r->weighted = c.weight != NULL;
	if (!split_alloc(&r->overall, r->nlevels)) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < t->nrows; i++)
		if (p.level[i] != SIZE_MAX)
			split_add(&r->overall, p.level[i], p.w[i], p.mrr[i]);
	split_finish(&r->overall, r);

	r->has_period = o->has_period && c.date_mode && c.start != NULL;
	r->has_previous = r->has_period && o->has_previous;
	if (r->has_period) {
		if (!period_alloc(&r->current, r->nlevels) ||
		    (r->has_previous && !period_alloc(&r->previous, r->nlevels))) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			goto done;
		}
		period_label(&r->current, o->label, o->first_day, o->last_day);
		period_fill(&r->current, &c, &p, t->nrows, o->exclude_same_period, r);
		if (r->has_previous) {
			period_label(&r->previous, o->prev_label, o->prev_first_day, o->prev_last_day);
			period_fill(&r->previous, &c, &p, t->nrows, o->exclude_same_period, r);
		}
	}

	if (map->nby > 0 && (r->by = calloc(map->nby, sizeof *r->by)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t j = 0; j < map->nby && st == CHURN_OK; j++) {
		const table_col *bc = table_find(t, map->by[j]);
		if (bc == NULL) {
			st = churn_err_set(err, CHURN_EUSAGE, "--by %s: no such column", map->by[j]);
			break;
		}
		r->nby = j + 1;
		st = by_fill(&r->by[j], bc, &p, t->nrows, r, err);
	}
done:
	free(p.level);
	free(p.w);
	free(p.mrr);
	if (st != CHURN_OK) {
		reasons_result_free(r);
		return st;
	}
	*out = r;
	return CHURN_OK;
}

static void period_free(reasons_period *q)
{
	free(q->s.cell);
	free(q->from_start);
	free(q->share_of_start);
}

void reasons_result_free(reasons_result *r)
{
	if (r == NULL)
		return;
	free(r->names);
	free(r->involuntary);
	free(r->overall.cell);
	period_free(&r->current);
	period_free(&r->previous);
	for (size_t j = 0; j < r->nby; j++) {
		for (size_t l = 0; r->by[j].s != NULL && l < r->by[j].nlev; l++)
			free(r->by[j].s[l].cell);
		free(r->by[j].s);
		free(r->by[j].levels);
	}
	free(r->by);
	free(r);
}

void reasons_opts_period(reasons_opts *o, const kpi_change *ch, int exclude_same_period)
{
	o->exclude_same_period = exclude_same_period;
	if (ch->has_current) {
		o->has_period = 1;
		o->first_day = ch->current.first_day;
		o->last_day = ch->current.last_day;
		memcpy(o->label, ch->current.label, sizeof o->label);
	}
	if (ch->has_current && ch->has_previous) {
		o->has_previous = 1;
		o->prev_first_day = ch->previous.first_day;
		o->prev_last_day = ch->previous.last_day;
		memcpy(o->prev_label, ch->previous.label, sizeof o->prev_label);
	}
}
