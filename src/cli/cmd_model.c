/* cmd_model.c - `churnkit model`: the logistic churn model and, with --cox,
 * the Cox model, as text, --json and --tables (see model_run.h). */
#include "config.h"

#include "churnkit/run_text.h"
#include "cmd.h"
#include "cmd_pushdown.h"
#include "progress.h"
#include "stage_opts.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char synopsis[] = "churnkit model [options] DATA.csv";
static const char summary[] =
	"Fits a logistic regression of churn on the --features terms, as R's\n"
	"glm(family = binomial): the outcome is a churn flag (--outcome COL[=VALUE])\n"
	"or churn within a horizon (--horizon N: months for dates, the duration's unit\n"
	"otherwise): dates keep only the customers who could have been followed for N,\n"
	"whatever happened to them; durations leave out those censored before N and\n"
	"weight the rest by the inverse probability of censoring (quasi-binomial fit,\n"
	"robust standard errors).  Prints the coefficients with odds ratios,\n"
	"deviance, AIC, AUC, cross-validated AUC, Brier score and calibration\n"
	"(in-sample and cross-validated), lift by decile, and every separation or\n"
	"Firth note.\n"
	"With --db and --push-down, the database computes the fit's sums and the rows\n"
	"stay there (no cross-validation, calibration or lift; docs/scaling.md).\n"
	"With --cox, also a Cox proportional-hazards model of time to churn, as\n"
	"survival's coxph.";

static churn_status add_json(const void *stage, void *root, churn_err *err)
{
	return model_run_json(stage, root, err);
}

int cmd_model(int argc, char **argv, outset *outs, churn_err *err)
{
	cli_opts o;
	cmd_data d = {0};
	stagetime tm = {0};
	cli_progress pg;
	cli_model_opts mo = {0};
	model_run m = {0};
	model_run_input mi;
	table_dest td = {0};
	int done;
	const char *json;
	churn_status st = cmd_parse(&o, CMD_MODEL, argc, argv, synopsis, summary, &done, err);

	if (st != CHURN_OK || done)
		goto out;
	if ((st = cli_model_opts_read(&mo, &o, CLI_MODEL_CV_DEFAULT, err)) != CHURN_OK)
		goto out;
	if ((st = cli_progress_start(&pg, &tm, &o, err)) != CHURN_OK ||
	    (st = cmd_load(&o, outs, &tm, &d, err)) != CHURN_OK)
		goto out;
	mi = cli_model_input(&d);
	mo.mo.timer = &tm;
	if (opt_isset(&o, OPT_PUSH_DOWN))
		st = cmd_pushdown_model(&m, &mo, &o, &d, err);
	else
		st = model_run_fit(&m, &mi, &mo.mo, err);
	if (st != CHURN_OK)
		goto out;
	stagetime_clear(&tm);

	json = opt_str(&o, OPT_JSON);
	if (json != NULL && (st = cmd_json_stage(&d, add_json, &m, json, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_tables_open(&o, &d, NULL, outs, &td, err)) != CHURN_OK)
		goto out;
	if ((td.dir || td.book) && (st = model_run_write_tables(&m, &td, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_tables_close(&td, err)) != CHURN_OK)
		goto out;
	if (json == NULL || strcmp(json, "-") != 0) {
		run_text_model_header(stdout, d.lopts.display_name, d.res, d.map.weight);
		if ((st = model_run_print(&m, &mi, stdout, err)) != CHURN_OK)
			goto out;
		if (fflush(stdout) != 0)
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
out:
	cmd_tables_free(&td);
	stagetime_clear(&tm);
	model_run_free(&m);
	cli_model_opts_free(&mo);
	cmd_data_free(&d);
	cli_opts_free(&o);
	return st;
}
