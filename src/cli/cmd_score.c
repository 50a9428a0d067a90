/* cmd_score.c - `churnkit score`: churn probability, risk band and main
 * driver per active customer, written as a CSV for a CRM (see scores.h and
 * model_run.h). */
#include "config.h"

#include "churnkit/run_json.h"
#include "churnkit/run_text.h"
#include "churnkit/scores_out.h"
#include "cmd.h"
#include "progress.h"
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

int cmd_score(int argc, char **argv, outset *outs, churn_err *err)
{
	cli_opts o;
	cmd_data d = {0};
	stagetime tm = {0};
	cli_progress pg;
	cli_model_opts mo = {0};
	model_run m = {0};
	model_run_input mi;
	cli_segment_opts go = {0};
	segment_run g = {0};
	scores *s = NULL;
	table_dest td = {0};
	int done;
	const char *out, *json;
	churn_status st = cmd_parse(&o, CMD_SCORE, argc, argv, synopsis, summary, &done, err);

	if (st != CHURN_OK || done)
		goto end;
	out = opt_str(&o, OPT_OUTPUT);
	json = opt_str(&o, OPT_JSON);
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
	if ((st = cli_progress_start(&pg, &tm, &o, err)) != CHURN_OK ||
	    (st = cmd_load(&o, outs, &tm, &d, err)) != CHURN_OK)
		goto end;
	mi = cli_model_input(&d);
	mo.mo.timer = &tm;
	mo.mo.keep_scoring = 1;
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
		st = run_json_add_score(&m, s, out, &g, d.res->t, d.map.id, root, err);
		if (st != CHURN_OK) {
			json_object_put(root);
			goto end;
		}
		if ((st = cmd_json_write(root, json, outs, err)) != CHURN_OK)
			goto end;
	}
	if ((st = cmd_tables_open(&o, &d, NULL, outs, &td, err)) != CHURN_OK)
		goto end;
	if ((td.dir || td.book) && (st = model_run_write_tables(&m, &td, err)) != CHURN_OK)
		goto end;
	if ((td.dir || td.book) && (st = segment_run_write_tables(&g, &td, err)) != CHURN_OK)
		goto end;
	if ((st = cmd_tables_close(&td, err)) != CHURN_OK)
		goto end;
	stagetime_clear(&tm);
	if (strcmp(out, "-") != 0 && (json == NULL || strcmp(json, "-") != 0)) {
		scores_out_summary(stdout, &m, s, out);
		run_text_segments_note(stdout, &g);
		if (fflush(stdout) != 0 || ferror(stdout))
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
end:
	cmd_tables_free(&td);
	stagetime_clear(&tm);
	segment_run_free(&g);
	cli_segment_opts_free(&go);
	scores_free(s);
	model_run_free(&m);
	cli_model_opts_free(&mo);
	cmd_data_free(&d);
	cli_opts_free(&o);
	return st;
}
