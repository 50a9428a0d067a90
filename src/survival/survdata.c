/* survdata.c - see include/churnkit/survdata.h. */
#include "churnkit/survdata.h"

#include <stdlib.h>

void survdata_free(survdata *s)
{
	if (s == NULL)
		return;
	free(s->time);
	free(s->event);
	free(s->weight);
	free(s->entry);
	free(s->by);
	free(s);
}

churn_status survdata_build(const load_result *r, const load_map *map,
                            survdata **out, churn_err *err)
{
	const table *t = r->t;
	size_t n = t->nrows, m = n ? n : 1;
	survdata *s;

	*out = NULL;
	if (map->start == NULL && map->duration == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "say how long each customer stayed: --start and --end "
		                     "(dates), or --duration and --event");
	s = calloc(1, sizeof *s);
	if (s == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	s->n = n;
	s->time = malloc(m * sizeof *s->time);
	s->event = malloc(m * sizeof *s->event);
	s->by = calloc(map->nby ? map->nby : 1, sizeof *s->by);
	if (s->time == NULL || s->event == NULL || s->by == NULL)
		goto nomem;
	if (map->weight) {
		const table_col *w = table_find(t, map->weight);
		if ((s->weight = malloc(m * sizeof *s->weight)) == NULL)
			goto nomem;
		for (size_t i = 0; i < n; i++)
			s->weight[i] = w->num[i];
	}
	if (map->start) {
		const table_col *st = table_find(t, map->start);
		const table_col *en = map->end ? table_find(t, map->end) : NULL;
		const table_col *in = map->entry ? table_find(t, map->entry) : NULL;
		s->date_mode = 1;
		if (in && (s->entry = malloc(m * sizeof *s->entry)) == NULL)
			goto nomem;
		for (size_t i = 0; i < n; i++) {
			int32_t end = en ? en->date[i] : TABLE_DATE_NA;
			s->event[i] = end != TABLE_DATE_NA;
			s->time[i] = (double)((end != TABLE_DATE_NA ? end : r->as_of) - st->date[i]);
			if (in)
				s->entry[i] = in->date[i] == TABLE_DATE_NA
				                  ? 0 : (double)(in->date[i] - st->date[i]);
		}
	} else {
		const table_col *du = table_find(t, map->duration);
		const table_col *ev = table_find(t, map->event);
		const table_col *in = map->entry ? table_find(t, map->entry) : NULL;
		if (in && (s->entry = malloc(m * sizeof *s->entry)) == NULL)
			goto nomem;
		for (size_t i = 0; i < n; i++) {
			s->time[i] = du->num[i];
			s->event[i] = ev->num[i] != 0;
			if (in)
				s->entry[i] = in->num[i];
		}
	}
	for (size_t k = 0; k < map->nby; k++) {
		const table_col *c = table_find(t, map->by[k]);
		s->by[k].name = c->name;
		s->by[k].codes = c->codes;
		s->by[k].levels = (const char *const *)c->levels;
		s->by[k].nlevels = c->nlevels;
	}
	s->nby = map->nby;
	*out = s;
	return CHURN_OK;
nomem:
	survdata_free(s);
	return churn_err_set(err, CHURN_ENOMEM, "out of memory");
}
