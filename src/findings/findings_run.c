/* findings_run.c - the findings stage on the stages' results
 * (findings_run.h). */
#include "churnkit/findings_run.h"

#include "churnkit/date.h"
#include "churnkit/findings_actions.h"

#include <stdlib.h>
#include <string.h>

churn_status findings_run(const surv_run *sv, const cohort_run *co, const model_run *m,
                          const model_run_input *mi, const labelmap *lm,
                          const reasons_breakdown *rb, findings **out, churn_err *err)
{
	findings_input fi;
	findings_opts fo;
	double *y = NULL, *w = NULL;
	churn_status st;

	memset(&fi, 0, sizeof fi);
	findings_opts_init(&fo);
	fo.alpha = sv->alpha;
	fo.min_n = (double)sv->min_n;
	fi.surv = sv->a;
	fi.time_in_days = sv->date_mode;
	fi.time_unit = sv->map ? sv->map->time_unit : NULL;
	fi.kpi = co ? co->kpi : NULL;
	fi.labels = lm;
	fi.reasons = rb;
	if (m != NULL) {
		fi.logit = m->lr;
		fi.logit_design = m->dl;
		/* "the odds of churn within 12 months"; a given flag reads "churn". */
		fi.outcome = m->outcome_col ? "churn" : m->outcome;
		fi.cox = m->cr;
		fi.cox_design = m->dc;
		/* The drivers check the plain churn rates on the fit's own sample. */
		if (m->lr != NULL && (st = model_run_logit_sample(m, mi, &y, &w, err)) != CHURN_OK)
			return st;
		fi.logit_y = y;
		fi.logit_weights = w;
	}
	/* What each finding concerns: the active customers (as scored:
	 * model_run.h) and their value (docs/findings.md). */
	const table *t = mi != NULL && mi->res != NULL ? mi->res->t : NULL;
	unsigned char *active = NULL;
	double *value = NULL;
	if (t != NULL && m != NULL && (m->sd != NULL || m->has_y != NULL)) {
		const table_col *vc = mi->map->value ? table_find(t, mi->map->value) : NULL;
		active = malloc(t->nrows ? t->nrows : 1);
		value = vc && vc->kind == TABLE_NUM ? malloc((t->nrows ? t->nrows : 1) * sizeof *value)
		                                    : NULL;
		if (active == NULL || (vc && vc->kind == TABLE_NUM && value == NULL)) {
			free(active);
			free(value);
			free(y);
			free(w);
			return churn_err_set(err, CHURN_ENOMEM, "findings: out of memory");
		}
		for (size_t i = 0; i < t->nrows; i++) {
			active[i] = m->sd != NULL ? m->sd->event[i] == 0 : m->has_y[i] && m->y[i] == 0;
			if (value != NULL)
				value[i] = vc->num[i];
		}
		fi.table = t;
		fi.active = active;
		fi.value = value;
		if (mi->map->weight != NULL)  /* a row counts as its weight's customers */
			fi.weight = table_find(t, mi->map->weight)->num;
	}
	st = findings_build(&fi, &fo, out, err);
	free(active);
	free(value);
	free(y);
	free(w);
	return st;
}

churn_status findings_run_actions(findings *fd, const table *t, const model_run *m,
                                  const segment_run *g, const segment_driver_map *map,
                                  size_t nmap, const labelmap *lm, churn_err *err)
{
	findings_actions_input ai = {.t = t, .seg = g ? g->r : NULL, .map = map, .nmap = nmap,
	                             .labels = lm};
	double *ten = NULL;
	churn_status st;

	/* On dated data, the active customers' tenure in months: a contract
	 * action targets those past the early-churn window (docs/domain.md). */
	if (m != NULL && m->sd != NULL && m->sd->date_mode) {
		if ((ten = malloc((t->nrows ? t->nrows : 1) * sizeof *ten)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "findings: out of memory");
		for (size_t i = 0; i < t->nrows; i++)
			ten[i] = m->sd->time[i] / DATE_MONTH_DAYS;
		ai.tenure_months = ten;
	}
	st = findings_actions(fd, &ai, err);
	free(ten);
	return st;
}
