/* surv_reasons.c - the cumulative incidence of churn reasons and Gray's
 * test in the survival stage; see include/churnkit/surv_reasons.h. */
#include "churnkit/surv_reasons.h"

#include "churnkit/table.h"

#include <stdlib.h>
#include <string.h>

churn_status surv_reasons_codes(const load_result *r, const load_map *map, const int *event,
                                size_t n, uint32_t **cause, const char ***names,
                                uint32_t *ncause, churn_err *err)
{
	const table_col *c = map->reason ? table_find(r->t, map->reason) : NULL;
	uint32_t *codes = NULL;
	const char **sorted = NULL;
	int unknown = 0;
	churn_status st;

	*cause = NULL;
	*names = NULL;
	*ncause = 0;
	if (c == NULL || c->kind != TABLE_CAT)
		return churn_err_set(err, CHURN_EUSAGE, "--reason %s: not a column of text levels",
		                     map->reason ? map->reason : "(none)");
	if (n != r->t->nrows)
		return churn_err_set(err, CHURN_EUSAGE, "--reason: %zu rows, the table has %zu", n,
		                     r->t->nrows);
	st = table_sort_levels(c->codes, n, (const char *const *)c->levels, c->nlevels, &codes,
	                       &sorted, err);
	if (st != CHURN_OK)
		return st;
	for (size_t i = 0; i < n; i++)
		if (event[i] && codes[i] == TABLE_CODE_NA)
			unknown = 1;
	*cause = malloc((n ? n : 1) * sizeof **cause);
	*names = malloc((c->nlevels + 1) * sizeof **names);
	if (*cause == NULL || *names == NULL) {
		free(*cause);
		free(*names);
		*cause = NULL;
		*names = NULL;
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	/* reasons.h's order: the levels in byte order, "unknown" last. */
	for (size_t l = 0; l < c->nlevels; l++)
		(*names)[l] = sorted[l];
	if (unknown)
		(*names)[c->nlevels] = load_reason_unknown_name(sorted, c->nlevels);
	for (size_t i = 0; i < n; i++)
		(*cause)[i] = !event[i] ? 0
		              : codes[i] == TABLE_CODE_NA ? (uint32_t)c->nlevels + 1
		                                          : codes[i] + 1;
	*ncause = (uint32_t)c->nlevels + (uint32_t)unknown;
done:
	free(codes);
	free(sorted);
	return st;
}

void surv_reasons_free(surv_reasons *r)
{
	if (r == NULL)
		return;
	cuminc_result_free(r->all);
	cuminc_curve_free(r->all_at);
	for (size_t j = 0; j < r->nby; j++) {
		if (r->by != NULL && r->by[j] != NULL && r->by_at != NULL && r->by_at[j] != NULL)
			for (uint32_t l = 0; l < r->by[j]->nlevels; l++)
				cuminc_curve_free(r->by_at[j][l]);
		free(r->by_at ? r->by_at[j] : NULL);
		cuminc_result_free(r->by ? r->by[j] : NULL);
		gray_result_free(r->gray ? r->gray[j] : NULL);
	}
	free(r->by);
	free(r->by_at);
	free(r->gray);
	free(r);
}

/* The curves of `res` at the chosen times, into at[level]. */
static churn_status at_times(const cuminc_result *res, const surv_opts *so, cuminc_curve **at,
                             churn_err *err)
{
	for (uint32_t l = 0; l < res->nlevels; l++) {
		churn_status st = cuminc_at_times(res->curve[l], so->times, so->ntimes, so->extend,
		                                  &at[l], err);
		if (st != CHURN_OK)
			return st;
	}
	return CHURN_OK;
}

churn_status surv_reasons_fit(size_t n, const double *time, const uint32_t *cause,
                              uint32_t ncause, const char **names, const double *weight,
                              const double *entry, const surv_by *by, size_t nby,
                              const surv_opts *so, surv_reasons **out, churn_err *err)
{
	surv_reasons *r = calloc(1, sizeof *r);
	cuminc_opts co;
	churn_status st;

	*out = NULL;
	if (r == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	r->ncause = ncause;
	r->names = names;
	r->nby = nby;
	r->by = calloc(nby ? nby : 1, sizeof *r->by);
	r->by_at = calloc(nby ? nby : 1, sizeof *r->by_at);
	r->gray = calloc(nby ? nby : 1, sizeof *r->gray);
	if (r->by == NULL || r->by_at == NULL || r->gray == NULL) {
		surv_reasons_free(r);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	cuminc_opts_default(&co);
	co.conf_type = so->km.conf_type;
	co.conf_level = so->km.conf_level;
	co.timefix = so->timefix;

	cuminc_data d = {.n = n, .time = time, .cause = cause, .ncause = ncause,
	                 .weight = weight, .entry = entry};
	st = cuminc_fit(&d, &co, &r->all, err);
	if (st == CHURN_OK)
		st = at_times(r->all, so, &r->all_at, err);
	if (weight != NULL || entry != NULL)
		r->gray_note = weight != NULL ? "Gray's test does not support weights"
		                              : "Gray's test does not support delayed entry";
	for (size_t j = 0; j < nby && st == CHURN_OK; j++) {
		if (by[j].nlevels == 0)
			continue;
		d.group = by[j].code;
		d.nlevels = by[j].nlevels;
		if ((st = cuminc_fit(&d, &co, &r->by[j], err)) != CHURN_OK)
			break;
		r->by_at[j] = calloc(by[j].nlevels, sizeof *r->by_at[j]);
		if (r->by_at[j] == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			break;
		}
		if ((st = at_times(r->by[j], so, r->by_at[j], err)) != CHURN_OK)
			break;
		if (r->gray_note == NULL) {
			gray_data g = {.n = n, .time = time, .cause = cause, .ncause = ncause,
			               .group = by[j].code, .ngroup = by[j].nlevels};
			gray_opts go;
			gray_opts_init(&go);
			go.timefix = so->timefix;
			st = gray_test(&g, &go, &r->gray[j], err);
		}
	}
	if (st != CHURN_OK) {
		surv_reasons_free(r);
		return st;
	}
	*out = r;
	return CHURN_OK;
}
