/*
 * surv_groups.c - per-level tables of distinct times (include/churnkit/surv.h,
 * layout in surv_tab.h).
 *
 * Count, then allocate, then fill: one pass checks the level codes, one
 * pass over the time-sorted rows counts each level's distinct times (and
 * one over the entry-sorted rows its distinct entries), one block holds
 * every level's arrays, and one pass over the time-sorted rows appends each
 * row to its level, adding it to the last entry when the time repeats.  The
 * block is sized by the distinct times, not by the rows: with times in
 * whole days a level of ten million rows has a few thousand of them, and a
 * block of five doubles per row (400 MB there) would be cleared and paged
 * in for nothing.  The rows' level codes are read once in time order into
 * a scratch array, so that the counting and the filling passes read them
 * in order.  The number at risk is then summed backwards, as survfitkm.c
 * does: weight of the rows with time >= t, less the weight of the rows
 * with entry >= t.
 */
#include "churnkit/surv.h"
#include "surv_tab.h"

#include <stdlib.h>
#include <string.h>

double surv_tab_risk_at(const surv_tab *tab, double t, size_t *i, size_t *j)
{
	while (*i < tab->m && tab->time[*i] < t)
		(*i)++;
	double r = tab->exits_ge[*i];
	if (tab->me > 0) {
		while (*j < tab->me && tab->etime[*j] < t)
			(*j)++;
		r -= tab->enter_ge[*j];
	}
	return r;
}

/* Suffix sums and the number at risk at each stop time. */
static void finish_tab(surv_tab *tab)
{
	size_t m = tab->m;
	tab->exits_ge[m] = 0;
	for (size_t i = m; i-- > 0;)
		tab->exits_ge[i] = tab->exits_ge[i + 1] + tab->nevent[i] + tab->ncensor[i];
	if (tab->me > 0) {
		/* enter_ge was filled with the weight entering at each etime */
		double s = 0;
		for (size_t j = tab->me; j-- > 0;) {
			s += tab->enter_ge[j];
			tab->enter_ge[j] = s;
		}
		tab->enter_ge[tab->me] = 0;
	}
	size_t j = tab->me;
	for (size_t i = m; i-- > 0;) {
		double r = tab->exits_ge[i];
		if (tab->me > 0) {
			while (j > 0 && tab->etime[j - 1] >= tab->time[i])
				j--;
			r -= tab->enter_ge[j];
		}
		tab->nrisk[i] = r;
	}
}

/* The level of each row of `order`, in that order, into code[] (every
 * row's level is 0 without a group column), and the number of distinct
 * values of v[] (sorted within each level, as order sorts them) per level
 * into count[] (cleared first); last[] is scratch of nlevels. */
static void count_distinct(const uint32_t *group, const uint32_t *order, const double *v,
                           size_t n, uint32_t nlevels, uint32_t *code, size_t *count,
                           double *last)
{
	memset(count, 0, nlevels * sizeof *count);
	for (size_t i = 0; i < n; i++) {
		uint32_t c = group ? group[order[i]] : 0;
		code[i] = c;
		if (c == SURV_GROUP_NA)
			continue;
		if (count[c] == 0 || last[c] != v[i]) {
			last[c] = v[i];
			count[c]++;
		}
	}
}

churn_status surv_groups_new(const surv_prep *p, const uint32_t *group,
                             uint32_t nlevels, surv_groups **out, churn_err *err)
{
	surv_groups *g = NULL;
	size_t *count = NULL, *ecount = NULL, total = 0;
	uint32_t *code = NULL;
	double *last = NULL;
	size_t n;

	if (out == NULL || p == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "surv_groups_new: missing argument");
	*out = NULL;
	n = p->n;
	if (group == NULL) {
		if (nlevels > 1)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "surv_groups_new: %u levels without a group column",
			                     nlevels);
		nlevels = 1;
	} else if (nlevels == 0) {
		return churn_err_set(err, CHURN_EUSAGE, "surv_groups_new: no levels");
	}
	for (size_t r = 0; group != NULL && r < n; r++)
		if (group[r] != SURV_GROUP_NA && group[r] >= nlevels)
			return churn_err_set(err, CHURN_EDATA,
			                     "survival: record %zu: level code %lu is not below %lu",
			                     r + 1, (unsigned long)group[r], (unsigned long)nlevels);

	g = calloc(1, sizeof *g);
	count = calloc(nlevels, sizeof *count);
	ecount = calloc(nlevels, sizeof *ecount);
	last = malloc(nlevels * sizeof *last);
	code = malloc((n ? n : 1) * sizeof *code);
	if (g == NULL || count == NULL || ecount == NULL || last == NULL || code == NULL)
		goto nomem;
	g->nlevels = nlevels;
	g->has_entry = p->has_entry;
	g->tab = calloc(nlevels, sizeof *g->tab);
	if (g->tab == NULL)
		goto nomem;

	/* per level: time, nevent, ncensor, nrisk [m], exits_ge [m + 1]; with
	 * entry also etime [me], enter_ge [me + 1] */
	if (p->has_entry)
		count_distinct(group, p->eorder, p->entry, n, nlevels, code, ecount, last);
	count_distinct(group, p->order, p->time, n, nlevels, code, count, last);
	for (uint32_t l = 0; l < nlevels; l++)
		total += 5 * count[l] + 1 + (p->has_entry ? 2 * ecount[l] + 1 : 0);
	g->block = calloc(total + 1, sizeof *g->block);
	if (g->block == NULL)
		goto nomem;
	double *b = g->block;
	for (uint32_t l = 0; l < nlevels; l++) {
		surv_tab *t = &g->tab[l];
		size_t c = count[l];
		t->time = b; b += c;
		t->nevent = b; b += c;
		t->ncensor = b; b += c;
		t->nrisk = b; b += c;
		t->exits_ge = b; b += c + 1;
		if (p->has_entry) {
			t->etime = b; b += ecount[l];
			t->enter_ge = b; b += ecount[l] + 1;
		}
	}

	for (size_t i = 0; i < n; i++) {
		uint32_t c = code[i];
		if (c == SURV_GROUP_NA)
			continue;
		surv_tab *t = &g->tab[c];
		double ti = p->time[i];
		double w = p->has_weight ? p->weight[i] : 1.0;
		if (t->m == 0 || t->time[t->m - 1] != ti) {
			t->time[t->m] = ti;
			t->m++;
		}
		if (p->event[i]) {
			t->nevent[t->m - 1] += w;
			t->events += w;
		} else {
			t->ncensor[t->m - 1] += w;
		}
		t->rows++;
		t->weight += w;
	}
	if (p->has_entry) {
		for (size_t i = 0; i < n; i++) {
			uint32_t c = group ? group[p->eorder[i]] : 0;
			if (c == SURV_GROUP_NA)
				continue;
			surv_tab *t = &g->tab[c];
			double e = p->entry[i];
			double w = p->has_weight ? p->eweight[i] : 1.0;
			if (t->me == 0 || t->etime[t->me - 1] != e) {
				t->etime[t->me] = e;
				t->me++;
			}
			t->enter_ge[t->me - 1] += w;
		}
	}
	for (uint32_t l = 0; l < nlevels; l++)
		finish_tab(&g->tab[l]);
	free(count);
	free(ecount);
	free(last);
	free(code);
	*out = g;
	return CHURN_OK;
nomem:
	free(count);
	free(ecount);
	free(last);
	free(code);
	surv_groups_free(g);
	return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
}

void surv_groups_free(surv_groups *g)
{
	if (g == NULL)
		return;
	free(g->tab);
	free(g->block);
	free(g);
}

uint32_t surv_groups_nlevels(const surv_groups *g) { return g->nlevels; }
int surv_groups_has_entry(const surv_groups *g) { return g->has_entry; }

size_t surv_groups_rows(const surv_groups *g, uint32_t level)
{
	return level < g->nlevels ? g->tab[level].rows : 0;
}

double surv_groups_weight(const surv_groups *g, uint32_t level)
{
	return level < g->nlevels ? g->tab[level].weight : 0.0;
}

double surv_groups_events(const surv_groups *g, uint32_t level)
{
	return level < g->nlevels ? g->tab[level].events : 0.0;
}
