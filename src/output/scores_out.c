/* scores_out.c - the score command's JSON block and plain-text summary;
 * see include/churnkit/scores_out.h. */
#include "churnkit/scores_out.h"

#include <stdint.h>
#include <stdio.h>

#include "churnkit/jsonout.h"
#include "churnkit/model_json.h"

json_object *scores_out_json(const model_run *m, const scores *s, const char *path)
{
	char def[300];
	json_object *o = json_object_new_object(), *b = json_object_new_object();
	json_object *cut = json_object_new_object();
	json_object_object_add(o, "file", json_object_new_string(path));
	json_object_object_add(o, "customers", json_object_new_int64((int64_t)scores_customers(s)));
	if (s->weight != NULL) {  /* --weight: rows and customers differ */
		json_object_object_add(o, "rows", json_object_new_int64((int64_t)s->n));
		json_object_object_add(o, "rows_weight_zero", json_object_new_int64((int64_t)s->nzero));
	}
	for (int k = SCORE_BAND_LOW; k < SCORE_NBANDS; k++)
		json_object_object_add(b, score_band_name((score_band)k),
		                       json_object_new_int64((int64_t)s->nband[k]));
	json_object_object_add(b, "not_scored",
	                       json_object_new_int64((int64_t)(s->nband[SCORE_BAND_NONE] -
	                                                       s->nbeyond)));
	json_object_object_add(o, "bands", b);
	json_object_object_add(cut, "medium", json_num(SCORE_MEDIUM_FROM));
	json_object_object_add(cut, "high", json_num(SCORE_HIGH_FROM));
	json_object_object_add(o, "band_cut_points", cut);
	json_object_object_add(o, "model", json_object_new_string(m->score_cox ? "cox"
	                                                                       : "logistic"));
	model_run_score_definition(m, def, sizeof def);
	json_object_object_add(o, "probability", json_object_new_string(def));
	json_object_object_add(o, "beyond_the_data",
	                       m->score_cox ? json_object_new_int64((int64_t)s->nbeyond) : NULL);
	json_object_object_add(o, "min_n", m->score_cox ? json_object_new_int64((int64_t)m->min_n)
	                                                : NULL);
	json_object_object_add(o, "last_time", m->score_cox ? json_num(m->cb->last_time)
	                                                    : NULL);
	return o;
}

void scores_out_summary(FILE *f, const model_run *m, const scores *s, const char *path)
{
	char def[300];

	if (s->weight != NULL)
		fprintf(f, "churnkit score: %zu row%s (%zu active customer%s, by the weights) written "
		           "to %s, riskiest first; %zu active row%s of weight 0 (no customer) left "
		           "out\n", s->n, s->n == 1 ? "" : "s", s->customers,
		        s->customers == 1 ? "" : "s", path, s->nzero, s->nzero == 1 ? "" : "s");
	else
		fprintf(f, "churnkit score: %zu active customer%s written to %s, riskiest first\n",
		        s->n, s->n == 1 ? "" : "s", path);
	model_run_score_definition(m, def, sizeof def);
	if (m->score_cox) {
		if (m->cr->wevents != (double)m->cr->events)  /* weights: rows, then customers */
			fprintf(f, "Churn probability: %s,\n  from the Cox model on the same features "
			           "(%s ties, n = %zu rows of weight > 0, %zu of them with an event (%.15g "
			           "churned customers by the weights), concordance %.3f);\n  main driver "
			           "from its linear predictor.\n", def,
			        m->cr->ties == COX_EFRON ? "Efron" : "Breslow", m->cr->n, m->cr->events,
			        m->cr->wevents, m->cr->concordance);
		else
			fprintf(f, "Churn probability: %s,\n  from the Cox model on the same features (%s "
			           "ties, n = %zu, %zu events, concordance %.3f);\n  main driver from its "
			           "linear predictor.\n", def, m->cr->ties == COX_EFRON ? "Efron" : "Breslow",
			        m->cr->n, m->cr->events, m->cr->concordance);
		const cox_result *cs = model_run_score_cox(m);
		if (m->crs != NULL)
			fprintf(f, "Stratified (proportional hazards fails for a categorical term): %zu "
			           "strata, each with its own baseline; n = %zu%s, concordance %.3f.\n",
			        cs->nstrata, cs->n,
			        cs->wevents != (double)cs->events ? " rows of weight > 0" : "",
			        cs->concordance);
		if (s->nbeyond > 0)
			fprintf(f, "Beyond the data: %zu customer%s not given a probability: tenure + "
			           "%g%s passes the last tenure at which at least %ld customers of their "
			           "stratum were still at risk.\n  They are marked \"beyond the data\" "
			           "and left out of the bands and the ranking.\n",
			        s->nbeyond, s->nbeyond == 1 ? " is" : "s are", m->horizon_time,
			        m->sd->date_mode ? " days" : "", m->min_n);
		if (!m->cr->converged)
			fprintf(f, "Warning: the Cox model did not converge in %d iterations.\n",
			        m->cr->iterations);
		else if (m->cr->ninfinite > 0 || m->cr->any_infinite)
			fputs("Warning: a Cox coefficient may be infinite; the probabilities are not "
			      "reliable.\n", f);
	} else {
		fprintf(f, "Churn probability: %s, from the logistic model (n = %.15g, %.15g events",
		        def, m->lr->n, m->lr->events);
		if (m->have_q)
			fprintf(f, ", AUC %.3f", m->q.auc);
		if (m->have_q && m->q.folds > 0)
			fprintf(f, ", cross-validated %.3f", m->q.cv_auc);
		fputs(")\n", f);
	}
	fprintf(f, "Risk bands: high (p >= %g) %zu, medium (%g <= p < %g) %zu, low (p < %g) %zu\n",
	        SCORE_HIGH_FROM, s->nband[SCORE_BAND_HIGH], SCORE_MEDIUM_FROM, SCORE_HIGH_FROM,
	        s->nband[SCORE_BAND_MEDIUM], SCORE_MEDIUM_FROM, s->nband[SCORE_BAND_LOW]);
	if (s->nband[SCORE_BAND_NONE] > s->nbeyond)
		fprintf(f, "Not scored: %zu (a missing value: %zu, --impute scores them; a level the "
		           "model was not fitted on: %zu; log of a value <= 0: %zu)\n",
		        s->nband[SCORE_BAND_NONE] - s->nbeyond, s->nunscored[DESIGN_ROW_MISSING],
		        s->nunscored[DESIGN_ROW_UNSEEN], s->nunscored[DESIGN_ROW_NONPOS]);
	if (m->dropped_note[0])
		fprintf(f, "Note: %s; the probabilities do not need it.\n", m->dropped_note);
	/* The logistic model's notes concern only its own scores. */
	if (!m->score_cox && m->lr->firth)
		fprintf(f, "Note: Firth's penalised likelihood was used (%s).\n",
		        m->lr->firth_auto ? "separation found" : "as requested");
	else if (!m->score_cox && m->lr->separation != LOGIT_SEP_NONE)
		fprintf(f, "Note: %s separation; the probabilities are not reliable.\n",
		        model_separation_name(m->lr->separation));
	if (!m->score_cox && !m->lr->converged)
		fprintf(f, "Warning: the model did not converge in %d iterations.\n",
		        m->lr->iterations);
}
