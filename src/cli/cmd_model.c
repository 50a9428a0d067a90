/* cmd_model.c - `churnkit model`: the logistic churn model and, with --cox,
 * the Cox model, as text, --json and --tables (see modelrun.h). */
#include "config.h"

#include "churnkit/date.h"
#include "cmd.h"
#include "modelrun.h"

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
	"With --cox, also a Cox proportional-hazards model of time to churn, as\n"
	"survival's coxph.";

static churn_status add_json(const void *stage, void *root, churn_err *err)
{
	return modelrun_json(stage, root, err);
}

int cmd_model(int argc, char **argv, outset *outs, churn_err *err)
{
	cli_opts o;
	cmd_data d = {0};
	modelrun m = {0};
	int done;
	const char *json, *tables;
	char a[11];
	churn_status st = cmd_parse(&o, CMD_MODEL, argc, argv, synopsis, summary, &done, err);

	if (st != CHURN_OK || done)
		goto out;
	if ((st = modelrun_options(&m, &o, MODELRUN_CV_DEFAULT, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_load(&o, outs, &d, err)) != CHURN_OK)
		goto out;
	if ((st = modelrun_fit(&m, &d, err)) != CHURN_OK)
		goto out;

	json = opt_str(&o, OPT_JSON);
	tables = opt_str(&o, OPT_TABLES);
	if (json != NULL && (st = cmd_json_stage(&d, add_json, &m, json, err)) != CHURN_OK)
		goto out;
	if (tables != NULL && (st = modelrun_write_tables(&m, tables, outs, err)) != CHURN_OK)
		goto out;
	if (json == NULL || strcmp(json, "-") != 0) {
		const load_result *lr = d.res;
		printf("churnkit model: %s, %zu customers used of %ld rows read (%ld rejected)",
		       d.lopts.display_name, lr->t->nrows, lr->rows_read, lr->rows_rejected);
		if (lr->as_of != TABLE_DATE_NA)
			printf(", as of %s", date_format(lr->as_of, a));
		fputs("\n\n", stdout);
		if ((st = modelrun_print(&m, &d, stdout, err)) != CHURN_OK)
			goto out;
		if (fflush(stdout) != 0)
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
out:
	modelrun_free(&m);
	cmd_data_free(&d);
	cli_opts_free(&o);
	return st;
}
