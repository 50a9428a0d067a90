/* cmd_score.c - `churnkit score`: churn probability, risk band and main
 * driver per active customer, written as a CSV for a CRM (see scores.h and
 * model_run.h). */
#include "config.h"

#include "churnkit/jsonout.h"
#include "churnkit/model_json.h"
#include "cmd.h"
#include "stage_opts.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

static const char synopsis[] = "churnkit score [options] DATA.csv -o scores.csv";
static const char summary[] =
	"Fits the churn model on --features and writes one row per active customer\n"
	"(no end date, or event 0): id, value, churn probability, risk band (low\n"
	"< 0.2 <= medium < 0.5 <= high), value x risk segment, main driver and\n"
	"recommended action (the playbook of the segment and the driver; a retention\n"
	"offer only where it pays: see --offer-effect, --incentive-months, --driver).\n"
	"With --horizon N on dates or durations the probability is that of churning\n"
	"in the next N months (N duration units) after the customer's current\n"
	"tenure t, 1 - S(t+N)/S(t), from a Cox model on the same features (--ties);\n"
	"with --outcome COL[=VALUE] it is the logistic model's, as `churnkit model`.\n"
	"Riskiest first; safe to open in a spreadsheet.  -o - writes to stdout.";

static json_object *scores_json(const model_run *m, const scores *s, const char *path)
{
	char def[300];
	json_object *o = json_object_new_object(), *b = json_object_new_object();
	json_object *cut = json_object_new_object();
	json_object_object_add(o, "file", json_object_new_string(path));
	json_object_object_add(o, "customers", json_object_new_int64((int64_t)s->n));
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

static void print_summary(FILE *f, const model_run *m, const scores *s, const char *path)
{
	char def[300];

	fprintf(f, "churnkit score: %zu active customer%s written to %s, riskiest first\n", s->n,
	        s->n == 1 ? "" : "s", path);
	model_run_score_definition(m, def, sizeof def);
	if (m->score_cox) {
		fprintf(f, "Churn probability: %s,\n  from the Cox model on the same features (%s "
		           "ties, n = %zu, %zu events, concordance %.3f);\n  main driver from its "
		           "linear predictor.\n", def, m->cr->ties == COX_EFRON ? "Efron" : "Breslow",
		        m->cr->n, m->cr->events, m->cr->concordance);
		const cox_result *cs = model_run_score_cox(m);
		if (m->crs != NULL)
			fprintf(f, "Stratified (proportional hazards fails for a categorical term): %zu "
			           "strata, each with its own baseline; n = %zu, concordance %.3f.\n",
			        cs->nstrata, cs->n, cs->concordance);
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

int cmd_score(int argc, char **argv, outset *outs, churn_err *err)
{
	cli_opts o;
	cmd_data d = {0};
	cli_model_opts mo = {0};
	model_run m = {0};
	model_run_input mi;
	cli_segment_opts go = {0};
	segment_run g = {0};
	scores *s = NULL;
	int done;
	const char *out, *json, *tables;
	churn_status st = cmd_parse(&o, CMD_SCORE, argc, argv, synopsis, summary, &done, err);

	if (st != CHURN_OK || done)
		goto end;
	out = opt_str(&o, OPT_OUTPUT);
	json = opt_str(&o, OPT_JSON);
	tables = opt_str(&o, OPT_TABLES);
	if (out == NULL) {
		st = churn_err_set(err, CHURN_EUSAGE,
		                   "score needs -o FILE for the scores (- for standard output)");
		goto end;
	}
	if (opt_str(&o, OPT_ID) == NULL) {
		st = churn_err_set(err, CHURN_EUSAGE,
		                   "score needs --id COL: the scores file names each customer by it");
		goto end;
	}
	if ((st = cli_model_opts_read(&mo, &o, CLI_MODEL_NEED_LOGIT | CLI_MODEL_HORIZON_COX, err)) != CHURN_OK)
		goto end;
	if ((st = cli_segment_opts_read(&go, &o, err)) != CHURN_OK)
		goto end;
	if ((st = cmd_load(&o, outs, &d, err)) != CHURN_OK)
		goto end;
	mi = cli_model_input(&d);
	if ((st = model_run_fit(&m, &mi, &mo.mo, err)) != CHURN_OK)
		goto end;
	if ((st = model_run_scores(&m, &mi, &s, err)) != CHURN_OK)
		goto end;
	if ((st = cli_segment_run(&g, &go, &m, &d, s, err)) != CHURN_OK)
		goto end;
	if ((st = cli_model_write_scores(&m, &d, out, s, g.labels, g.actions, outs, err)) != CHURN_OK)
		goto end;
	if (json != NULL) {
		json_object *root = cmd_json_root(&d);
		if (root == NULL) {
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
			goto end;
		}
		if ((st = model_run_json(&m, root, err)) != CHURN_OK) {
			json_object_put(root);
			goto end;
		}
		json_object_object_add(root, "scores", scores_json(&m, s, out));
		segment_run_json(&g, d.res->t, d.map.id, root);
		if ((st = cmd_json_write(root, json, outs, err)) != CHURN_OK)
			goto end;
	}
	if (tables != NULL && (st = model_run_write_tables(&m, tables, outs, err)) != CHURN_OK)
		goto end;
	if (tables != NULL && (st = segment_run_write_tables(&g, tables, outs, err)) != CHURN_OK)
		goto end;
	if (strcmp(out, "-") != 0 && (json == NULL || strcmp(json, "-") != 0)) {
		print_summary(stdout, &m, s, out);
		if (g.horizon_assumed && g.r && g.r->has_value)
			fputs("Segments: the scores have no horizon in months, so expected revenue loss "
			      "and retention offers assume 12 months.\n", stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
end:
	segment_run_free(&g);
	cli_segment_opts_free(&go);
	scores_free(s);
	model_run_free(&m);
	cli_model_opts_free(&mo);
	cmd_data_free(&d);
	cli_opts_free(&o);
	return st;
}
