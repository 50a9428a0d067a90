/* report_out.c - the report command's JSON blocks and plain-text summary;
 * see include/churnkit/report_out.h. */
#include "churnkit/report_out.h"

#include <stdint.h>

#include "churnkit/findings_json.h"
#include "churnkit/reasons_out.h"
#include "churnkit/surv_reasons_out.h"
#include "churnkit/jsonout.h"
#include "churnkit/report_exec_json.h"

json_object *report_out_json(const report_outcome *o)
{
	json_object *rep = json_object_new_object();
	json_object_object_add(rep, "pages", json_object_new_int64((int64_t)o->pages));
	json_object_object_add(rep, "input_sha256", json_object_new_string(o->sha256));
	json_object_object_add(rep, "revenue_at_risk_next_quarter", json_num(o->sv->revenue_at_risk));
	/* The active customers it leaves out: past where the data reach. */
	json_object_object_add(rep, "revenue_at_risk_unscored",
	                       json_object_new_int64((int64_t)o->sv->revenue_at_risk_unscored));
	json_object_object_add(rep, "revenue_at_risk_unscored_mrr",
	                       json_num(o->sv->revenue_at_risk_unscored_mrr));
	/* The executive summary's trend and MRR bridge (docs/contract.md). */
	if (!report_exec_json_add(rep, o->co ? o->co->kpi : NULL)) {
		json_object_put(rep);
		return NULL;
	}
	return rep;
}

churn_status report_out_json_add(const report_outcome *o, json_object *root, churn_err *err)
{
	churn_status st = surv_run_json(o->sv, root, err);

	/* The churn reasons as `survival --json` and `cohorts --json` give
	 * them: survival.reasons (the split, the cumulative incidence and
	 * Gray's tests) and cohorts.reasons (the reporting period's). */
	if (st == CHURN_OK && o->rr)
		st = reasons_json_survival(o->rr, root, err);
	if (st == CHURN_OK)
		st = surv_reasons_json(o->sv, root, err);
	if (st == CHURN_OK && o->co)
		st = cohort_run_json(o->co, root, err);
	if (st == CHURN_OK && o->co && o->rr)
		st = reasons_json_cohorts(o->rr, root, err);
	if (st == CHURN_OK && o->m)
		st = model_run_json(o->m, root, err);
	if (st == CHURN_OK && o->g)
		segment_run_json(o->g, o->t, o->id_col, root);
	if (st != CHURN_OK)
		return st;
	json_object_object_add(root, "findings", findings_json(o->fd));
	json_object_object_add(root, "actions", findings_actions_json(o->fd));
	json_object *rep = report_out_json(o);
	if (rep == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	json_object_object_add(root, "report", rep);
	return CHURN_OK;
}

void report_out_summary(FILE *f, const report_outcome *o)
{
	fprintf(f, "churnkit report: %s written (%zu pages, %zu bytes)\n", o->path, o->pages,
	        o->bytes);
	if (o->fd && o->fd->n > 0) {
		fputs("\nFindings:\n", f);
		findings_text(f, o->fd, 5);
	}
	if (o->fd && o->fd->nactions > 0) {
		fputs("\nTop actions:\n", f);
		findings_actions_text(f, o->fd, o->fd->nactions); /* every one (docs/findings.md) */
	}
	if (o->m && o->m->dropped_note[0])
		fprintf(f, "\nLeft out: %s; the report shows the other model, which gives the "
		        "churn probabilities.\n", o->m->dropped_note);
	if (o->no_cohorts_why)
		fprintf(f, "\nNo cohort or KPI pages: cohorts count whole customers from signup, "
		        "which %s does not fit.\n", o->no_cohorts_why);
	if (o->no_model_why)
		fprintf(f, "\nNo drivers, segments or at-risk pages: the churn model could not be "
		        "fitted (%s).\n", o->no_model_why);
	else if (!o->m)
		fputs("\nNo churn model: give --features and --horizon (or --outcome) for the "
		      "drivers, segments and at-risk pages.\n", f);
	else if (!o->g)
		fputs("\nNo segments: give --id for the segments and at-risk pages.\n", f);
}
