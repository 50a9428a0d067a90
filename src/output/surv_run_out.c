/* surv_run_out.c - the survival stage's renderings (include/churnkit/
 * surv_run.h): text summary, "survival" JSON object and --tables files of
 * a fitted surv_run (src/survival/surv_run.c computes, renders nothing). */
#include "config.h"

#include "churnkit/surv_run.h"

#include "churnkit/jsonout.h"
#include "churnkit/surv_csv.h"
#include "churnkit/surv_json.h"
#include "churnkit/surv_print.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The time's unit as the JSON names it: "days" from dates, the unit
 * --time-unit names for durations, else "as given" (docs/contract.md). */
static const char *surv_run_time_unit(const surv_run *s)
{
	if (s->date_mode)
		return "days";
	return s->map->time_unit != NULL ? s->map->time_unit : "as given";
}

churn_status surv_run_print(const surv_run *s, FILE *f, churn_err *err)
{
	const load_map *m = s->map;
	surv_print_opts po;
	char a[11];

	if (s->date_mode) {
		if (m->end != NULL)
			fprintf(f, "Time: days from %s to %s, or to %s for customers still active "
			           "(censored).\n", m->start, m->end, date_format(s->as_of, a));
		else
			fprintf(f, "Time: days from %s to %s; no --end column, so no one churned.\n",
			        m->start, date_format(s->as_of, a));
		fprintf(f, "--times and --rmst-tau in months of 365.25/12 = 30.4375 days.\n");
	} else {
		if (m->time_unit != NULL)
			fprintf(f, "Time: %s in %s (--times, --rmst-tau and the hazard periods "
			           "in %s); churned: %s%s%s.\n", m->duration, m->time_unit,
			        m->time_unit, m->event, m->event_value ? " = " : "",
			        m->event_value ? m->event_value : "");
		else
			fprintf(f, "Time: %s as given (--times, --rmst-tau and the hazard periods "
			           "in the same unit); churned: %s%s%s.\n", m->duration, m->event,
			        m->event_value ? " = " : "", m->event_value ? m->event_value : "");
	}
	if (m->entry != NULL)
		fprintf(f, "Delayed entry: at risk only after %s.\n", m->entry);
	if (m->weight != NULL)
		fprintf(f, "Frequency weights: %s (counts below are weighted).\n", m->weight);
	if (s->excluded > 0)
		fprintf(f, "%zu row%s left out: entry not before the exit time, so no time at "
		           "risk.\n", s->excluded, s->excluded == 1 ? "" : "s");
	fputc('\n', f);

	surv_print_opts_default(&po);
	po.time_unit = s->date_mode ? "days" : m->time_unit;
	po.times_unit = s->date_mode ? "months" : NULL;
	po.times_scale = s->month_len;
	/* The hazard's period (surv_run.c, set_unit): a tenure month, in the
	 * time's unit, for days, weeks and months; a year for years. */
	po.period_name = s->date_mode ? "month" : "period";
	if (!s->date_mode && m->time_unit != NULL)
		po.period_name = strcmp(m->time_unit, "years") == 0 ? "year" : "month";
	po.alpha = s->alpha;
	po.min_n = (double)s->min_n;
	return surv_print_with(f, s->a, &po, err);
}

churn_status surv_run_json(const surv_run *s, void *root_, churn_err *err)
{
	json_object *root = root_, *surv = NULL, *ex, *given;
	churn_status st;

	st = surv_json_build(s->a, surv_run_time_unit(s), 1, &surv, err);
	if (st != CHURN_OK)
		return st;
	ex = json_object_new_object();
	json_object_object_add(ex, "entry_not_before_exit",
	                       json_object_new_int64((int64_t)s->excluded));
	json_object_object_add(surv, "rows_excluded", ex);
	json_object_object_add(surv, "times_unit",
	                       json_object_new_string(s->date_mode ? "months"
	                                                              : surv_run_time_unit(s)));
	given = json_object_new_array();
	for (size_t k = 0; k < s->ntimes; k++)
		json_object_array_add(given, json_num(s->times[k]));
	json_object_object_add(surv, "times_given", given);
	json_object_object_add(surv, "alpha", json_num(s->alpha));
	json_object_object_add(surv, "min_n", json_object_new_int64(s->min_n));
	json_object_object_add(surv, "event",
	                       s->event ? json_object_new_string(s->event) : NULL);
	json_object_object_add(root, "survival", surv);
	return CHURN_OK;
}

churn_status surv_run_write_tables(const surv_run *s, const table_dest *d, churn_err *err)
{
	churn_status st = table_dest_mkdir(d, err);

	if (st != CHURN_OK)
		return st;
	return surv_write_tables(d, s->a, s->date_mode ? "months" : NULL, s->month_len, err);
}
