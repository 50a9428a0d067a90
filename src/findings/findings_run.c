/* findings_run.c - the findings stage on the stages' results
 * (findings_run.h). */
#include "churnkit/findings_run.h"

#include <stdlib.h>
#include <string.h>

churn_status findings_run(const surv_run *sv, const cohort_run *co, const model_run *m,
                          const model_run_input *mi, findings **out, churn_err *err)
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
	st = findings_build(&fi, &fo, out, err);
	free(y);
	free(w);
	return st;
}
