/* cmd_report.c - `churnkit report`: the whole pipeline (survival, cohorts
 * and KPIs, the churn model, scores and segments, findings) written as a
 * PDF report, with --scores, --json and --tables as the other commands
 * write them. */
#include "config.h"

#include "churnkit/findings_run.h"
#include "churnkit/reasons.h"
#include "churnkit/reasons_out.h"
#include "churnkit/surv_reasons_out.h"
#include "churnkit/report_reasons_in.h"
#include "churnkit/outfile.h"
#include "churnkit/report.h"
#include "churnkit/report_input.h"
#include "churnkit/report_out.h"
#include "churnkit/stagetime.h"
#include "cmd.h"
#include "progress.h"
#include "report_words.h"
#include "stage_opts.h"

#include <errno.h>
#include <pthread.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#define REPORT_ACCOUNTS 200  /* top accounts by expected loss the page picks from */

static const char synopsis[] = "churnkit report [options] CUSTOMERS.csv -o report.pdf";
static const char summary[] =
	"Runs the whole pipeline and writes a PDF report for a quarterly business\n"
	"review: cover, executive summary (KPI tiles against the previous period,\n"
	"findings backed by their tests, top actions), cohort retention heatmap,\n"
	"survival curves per --by column with the number at risk and log-rank tests,\n"
	"churn hazard by tenure month, churn drivers (odds ratios, model quality,\n"
	"calibration), value x risk segments with their playbook, the at-risk\n"
	"accounts, and an appendix (method, definitions, data quality, the input's\n"
	"SHA-256, the options, the version).  The model pages need --features and\n"
	"--horizon or --outcome; the segments and accounts need --id as well.\n"
	"The PDF is written atomically; the same input and options give the same\n"
	"bytes.  A generation time is printed only when SOURCE_DATE_EPOCH is set.\n"
	"--scores FILE also writes the scores CSV of `churnkit score`.";

typedef struct {
	cli_opts o;
	cmd_data d;
	cli_surv_opts svo;
	surv_run sv;
	cli_cohort_opts coo;
	cohort_run co;
	cli_model_opts mo;
	model_run m;
	model_run_input mi;
	cli_segment_opts go;
	segment_run g;
	int have_co, have_m, have_g;
	scores *sc;
	findings *fd;
	reasons_result *rr;        /* --reason: the breakdown, or NULL */
	reasons_breakdown rb;      /* its periods for the findings (rb_count) */
	reason_count *rb_count;
	report_reasons_hold *rh;   /* --reason: the page's input, or NULL */
	report_option *opts;
	char **opt_text;
	size_t nopts;
	const char *no_co_why;     /* the option that keeps cohorts out, or NULL */
	char no_model_why[CHURN_ERR_MSG]; /* why the model could not be fitted, or "" */
	size_t npages;
	labelmap *labels;          /* --label and [labels] */
	char currency[8];          /* --currency, upper case */
	const char *currency_code; /* currency, or NULL */
	stagetime tm;              /* the progress line and, with CHURNKIT_TIMING=1,
	                              the stages' times (to stderr at the end) */
	cli_progress pg;
} run;

/* The survival and cohort stages, on a thread of their own beside the
 * model fits (--threads 2): they read the loaded table as the models do
 * and write only r->sv and r->co.  d is a copy of r->d with its own timer
 * (no progress display; stagetime.h, "Work on two threads"). */
typedef struct {
	run *r;
	cmd_data d;
	stagetime tm;
	churn_err err;
	churn_status st;
} side_job;

static churn_status surv_and_cohorts(run *r, const cmd_data *d, stagetime *tm, churn_err *err)
{
	churn_status st;

	if ((st = cli_surv_run(&r->sv, &r->svo, d, err)) != CHURN_OK)
		return st;
	stagetime_mark(tm, "survival");
	if (r->have_co && (st = cli_cohort_run(&r->co, &r->coo, d, err)) != CHURN_OK)
		return st;
	stagetime_mark(tm, "cohorts and KPIs");
	return CHURN_OK;
}

static void *side_thread(void *arg)
{
	side_job *j = arg;
	stagetime_thread_clock(&j->tm, 1);
	j->st = surv_and_cohorts(j->r, &j->d, &j->tm, &j->err);
	return NULL;
}

/* The scores file, written on a thread of its own beside the findings and
 * the PDF (--threads 2): it reads the scores, the segments and the table,
 * which nothing changes any more, and the findings and the PDF read them
 * too.  The file is opened before, by the main thread, with either thread
 * count, so that the set holds its outputs in one order (docs/outputs.md). */
typedef struct {
	run *r;
	cmd_data d;        /* r->d with the thread's own timer, as side_job's */
	outfile *of;
	const char *path;
	stagetime tm;
	churn_err err;
	churn_status st;
} scores_job;

static churn_status write_scores(scores_job *j, churn_err *err)
{
	const run *r = j->r;
	churn_status st = cli_model_write_scores_to(j->of, &r->m, &j->d, j->path, r->sc,
	                                            r->g.labels, r->g.actions, err);
	stagetime_mark(j->d.clock, "write scores CSV");
	return st;
}

static void *scores_thread(void *arg)
{
	scores_job *j = arg;
	stagetime_thread_clock(&j->tm, 1);
	j->st = write_scores(j, &j->err);
	return NULL;
}

/* Waits for the scores thread; its error comes first, as when the file is
 * written before the findings (--threads 1). */
static churn_status scores_join(run *r, scores_job *j, pthread_t th, churn_status st,
                                churn_err *err)
{
	stagetime_begin(&r->tm, "writing scores", 0, NULL);  /* what the line waits for */
	pthread_join(th, NULL);
	stagetime_thread_clock(&r->tm, 0);
	stagetime_mark(&r->tm, "report: wait for the scores CSV");
	stagetime_merge(&r->tm, &j->tm);
	if (j->st != CHURN_OK) {
		*err = j->err;
		return j->st;
	}
	return st;
}

static void run_free(run *r)
{
	for (size_t i = 0; i < 2 * r->nopts; i++)
		free(r->opt_text[i]);
	free(r->opt_text);
	free(r->opts);
	labels_free(r->labels);
	report_reasons_hold_free(r->rh);
	free(r->rb_count);
	reasons_result_free(r->rr);
	findings_free(r->fd);
	segment_run_free(&r->g);
	cli_segment_opts_free(&r->go);
	scores_free(r->sc);
	model_run_free(&r->m);
	cli_model_opts_free(&r->mo);
	cohort_run_free(&r->co);
	surv_run_free(&r->sv);
	cli_surv_opts_free(&r->svo);
	cmd_data_free(&r->d);
	cli_opts_free(&r->o);
}

/* With --reason: the breakdown of the reporting period against the one
 * before, and its counts for the findings (findings_reasons_from). */
static churn_status reasons_run(run *r, churn_err *err)
{
	reasons_opts ro = {.involuntary = (const char *const *)r->d.involuntary,
	                   .ninvoluntary = r->d.ninvoluntary};
	churn_status st;

	if (r->have_co)
		reasons_opts_period(&ro, &r->co.kpi->change, r->co.ko.exclude_same_period);
	if ((st = reasons_build(r->d.res, &r->d.map, &ro, &r->rr, err)) != CHURN_OK)
		return st;
	return findings_reasons_from(r->rr, r->labels, &r->rb, &r->rb_count, err);
}

/* SOURCE_DATE_EPOCH as "2026-11-23 10:15 UTC", or "" when not set. */
static churn_status generated_time(char *buf, size_t n, int ymdhms[6], churn_err *err)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	struct tm tm;
	time_t t;

	buf[0] = '\0';
	if (s == NULL || *s == '\0')
		return CHURN_OK;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0 || v > 253402300799LL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "SOURCE_DATE_EPOCH '%s' is not a whole number of seconds since "
		                     "1970-01-01", s);
	t = (time_t)v;
	if (gmtime_r(&t, &tm) == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "SOURCE_DATE_EPOCH '%s' is out of range", s);
	strftime(buf, n, "%Y-%m-%d %H:%M UTC", &tm);
	ymdhms[0] = tm.tm_year + 1900;
	ymdhms[1] = tm.tm_mon + 1;
	ymdhms[2] = tm.tm_mday;
	ymdhms[3] = tm.tm_hour;
	ymdhms[4] = tm.tm_min;
	ymdhms[5] = tm.tm_sec;
	return CHURN_OK;
}

/* The options as given, for the appendix: "name", "a, b", "command line". */
static churn_status collect_options(run *r, churn_err *err)
{
	const opt_spec *spec = opt_specs();

	r->opts = calloc(OPT_COUNT, sizeof *r->opts);
	r->opt_text = calloc(2 * OPT_COUNT, sizeof *r->opt_text);
	if (!r->opts || !r->opt_text)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (int i = 0; i < OPT_COUNT; i++) {
		const opt_value *v = &r->o.v[i];
		size_t len = 0;
		/* Where the outputs go, and how many threads compute them, say
		 * nothing about the analysis (and would make the same analysis
		 * print differently). */
		if (v->n == 0 || i == OPT_HELP || i == OPT_VERSION || i == OPT_OUTPUT ||
		    i == OPT_CONFIG ||
		    i == OPT_SCORES || i == OPT_JSON || i == OPT_TABLES || i == OPT_REJECTS ||
		    i == OPT_REVENUE_REJECTS || i == OPT_QUIET || i == OPT_PROGRESS ||
		    i == OPT_NO_PROGRESS || i == OPT_THREADS)
			continue;
		for (size_t k = 0; k < v->n; k++)
			len += strlen(v->values[k] ? v->values[k] : "yes") + 2;
		char *val = malloc(len + 1), *name = malloc(strlen(spec[i].name) + 3);
		if (!val || !name) {
			free(val);
			free(name);
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		}
		val[0] = '\0';
		for (size_t k = 0; k < v->n; k++) {
			if (k)
				strcat(val, ", ");
			strcat(val, v->values[k] ? v->values[k] : "yes");
		}
		sprintf(name, "--%s", spec[i].name);
		r->opt_text[2 * r->nopts] = name;
		r->opt_text[2 * r->nopts + 1] = val;
		r->opts[r->nopts].name = name;
		r->opts[r->nopts].value = spec[i].has_arg ? val : "yes";
		r->opts[r->nopts].origin = v->origins && v->origins[v->n - 1] ? v->origins[v->n - 1]
		                                                              : NULL;
		r->nopts++;
	}
	return CHURN_OK;
}

static churn_status write_pdf(const char *path, const unsigned char *pdf, size_t len,
                              outset *outs, churn_err *err)
{
	outfile *of = NULL;
	churn_status st = outfile_open(outs, path, &of, err);

	if (st != CHURN_OK)
		return st;
	if (fwrite(pdf, 1, len, outfile_stream(of)) != len) {
		int e = errno;
		outfile_abort(of);
		return churn_err_at(err, CHURN_EIO, path, 0, 0, "write error: %s", strerror(e));
	}
	return outfile_commit(of, err);
}

/* What the run produced, for the JSON document and the summary. */
static report_outcome outcome(const run *r, const char *out, size_t len)
{
	report_outcome o = {
		.path = out, .pages = r->npages, .bytes = len, .sha256 = r->d.res->sha256,
		.sv = &r->sv, .co = r->have_co ? &r->co : NULL, .m = r->have_m ? &r->m : NULL,
		.g = r->have_g ? &r->g : NULL, .t = r->d.res->t, .id_col = r->d.map.id,
		.fd = r->fd, .rr = r->rr, .no_cohorts_why = r->no_co_why,
		.no_model_why = r->no_model_why[0] ? r->no_model_why : NULL,
	};
	return o;
}

static churn_status write_json(const report_outcome *oc, const cmd_data *d, const char *path,
                               churn_err *err)
{
	json_object *root = cmd_json_root(d);
	churn_status st;

	if (root == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if ((st = report_out_json_add(oc, root, err)) != CHURN_OK) {
		json_object_put(root);
		return st;
	}
	return cmd_json_write(root, path, d->outs, err);
}

/* The tables of --tables and --xlsx (the same tables; either may be
 * absent). */
static churn_status write_tables(run *r, churn_err *err)
{
	table_dest td;
	churn_status st = cmd_tables_open(&r->o, &r->d, r->currency_code, r->d.outs, &td, err);

	if (st == CHURN_OK && (td.dir || td.book))
		st = surv_run_write_tables(&r->sv, &td, err);
	/* The churn reasons' tables, as survival and cohorts write them. */
	if (st == CHURN_OK && (td.dir || td.book) && r->rr)
		st = reasons_write_survival_tables(r->rr, &td, err);
	if (st == CHURN_OK && (td.dir || td.book))
		st = surv_reasons_write_tables(&r->sv, &td, err);
	if (st == CHURN_OK && (td.dir || td.book) && r->have_co)
		st = cohort_run_write_tables(&r->co, &td, err);
	if (st == CHURN_OK && (td.dir || td.book) && r->have_co && r->rr)
		st = reasons_write_cohorts_tables(r->rr, &td, err);
	if (st == CHURN_OK && (td.dir || td.book) && r->have_m)
		st = model_run_write_tables(&r->m, &td, err);
	if (st == CHURN_OK && (td.dir || td.book) && r->have_g)
		st = segment_run_write_tables(&r->g, &td, err);
	if (st == CHURN_OK)
		st = cmd_tables_close(&td, err);
	cmd_tables_free(&td);
	return st;
}

int cmd_report(int argc, char **argv, outset *outs, churn_err *err)
{
	run r;
	int done;
	const char *out, *json, *scores_path, *paper;
	char gen[64];
	int gen_ymdhms[6] = { 0 };
	unsigned char *pdf = NULL;
	size_t len = 0;
	report_settings set = { 0 };
	report_runs runs = { 0 };
	report_input in;
	report_outcome oc;
	churn_status st;
	scores_job job;
	pthread_t scores_th;
	int scoring = 0;  /* the scores thread runs */

	memset(&r, 0, sizeof r);
	st = cmd_parse(&r.o, CMD_REPORT, argc, argv, synopsis, summary, &done, err);
	if (st != CHURN_OK || done)
		goto end;
	if ((st = cli_progress_start(&r.pg, &r.tm, &r.o, err)) != CHURN_OK)
		goto end;
	out = opt_str(&r.o, OPT_OUTPUT);
	json = opt_str(&r.o, OPT_JSON);
	scores_path = opt_str(&r.o, OPT_SCORES);
	paper = opt_str(&r.o, OPT_PAPER);
	if (out == NULL) {
		st = churn_err_set(err, CHURN_EUSAGE, "report needs -o FILE for the PDF");
		goto end;
	}
	if (paper && strcasecmp(paper, "a4") != 0 && strcasecmp(paper, "letter") != 0) {
		char where[300];
		st = churn_err_set(err, CHURN_EUSAGE, "--paper '%s'%s: expected A4 or Letter", paper,
		                   opt_origin(&r.o, OPT_PAPER, where, sizeof where));
		goto end;
	}
	if (scores_path && opt_str(&r.o, OPT_ID) == NULL) {
		st = churn_err_set(err, CHURN_EUSAGE,
		                   "--scores needs --id COL: the scores file names each customer by it");
		goto end;
	}
	if (scores_path && opt_str(&r.o, OPT_FEATURES) == NULL) {
		st = churn_err_set(err, CHURN_EUSAGE,
		                   "--scores needs a churn model: give --features and --horizon "
		                   "(or --outcome)");
		goto end;
	}
	if ((st = generated_time(gen, sizeof gen, gen_ymdhms, err)) != CHURN_OK)
		goto end;
	if ((st = cli_currency_read(&r.o, r.currency, sizeof r.currency, &r.currency_code,
	                            err)) != CHURN_OK)
		goto end;
	if ((st = cli_surv_opts_read(&r.svo, &r.o, synopsis, err)) != CHURN_OK)
		goto end;
	/* Cohorts and KPIs need dates; the cohort stage says whether they fit
	 * delayed entry (cohort_run_excluded_by); the summary says why they
	 * are left out. */
	r.no_co_why = !opt_str(&r.o, OPT_START) ? NULL
	              : cohort_run_excluded_by(opt_str(&r.o, OPT_ENTRY));
	if (opt_str(&r.o, OPT_START) && r.no_co_why == NULL) {
		if ((st = cli_cohort_opts_read(&r.coo, &r.o, synopsis, err)) != CHURN_OK)
			goto end;
		r.have_co = 1;
	}
	if (opt_str(&r.o, OPT_FEATURES)) {
		st = cli_model_opts_read(&r.mo, &r.o,
		                         CLI_MODEL_NEED_LOGIT | CLI_MODEL_CV_DEFAULT |
		                         CLI_MODEL_HORIZON_COX, err);
		if (st != CHURN_OK)
			goto end;
		r.mo.mo.timer = &r.tm;
		r.mo.mo.keep_scoring = 1;
		r.have_m = 1;
		if ((st = cli_segment_opts_read(&r.go, &r.o, err)) != CHURN_OK)
			goto end;
		r.go.so.top_n = REPORT_ACCOUNTS;
	}
	stagetime_mark(&r.tm, "options");
	if ((st = cmd_load(&r.o, outs, &r.tm, &r.d, err)) != CHURN_OK)
		goto end;
	stagetime_mark(&r.tm, "load");
	if ((st = cli_labels_read(&r.o, r.d.res->t, &r.labels, err)) != CHURN_OK)
		goto end;
	r.mi = cli_model_input(&r.d);
	/* With two threads the survival and cohort stages run beside the model
	 * fits; their errors come first, as when they run before them. */
	side_job side = {.r = &r, .d = r.d, .st = CHURN_OK};
	pthread_t side_th;
	int sided = r.have_m && r.mo.mo.threads > 1;
	if (sided) {
		churn_err_clear(&side.err);
		stagetime_start(&side.tm, r.tm.on);
		side.d.clock = &side.tm;
		sided = pthread_create(&side_th, NULL, side_thread, &side) == 0;
	}
	if (!sided && (st = surv_and_cohorts(&r, &r.d, &r.tm, err)) != CHURN_OK)
		goto end;
	if (r.have_m) {
		stagetime_thread_clock(&r.tm, sided);
		st = model_run_fit(&r.m, &r.mi, &r.mo.mo, err);
		if (sided) {
			pthread_join(side_th, NULL);
			stagetime_thread_clock(&r.tm, 0);
			stagetime_mark(&r.tm, "models: wait for survival");
			stagetime_merge(&r.tm, &side.tm);
			if (side.st != CHURN_OK) {
				*err = side.err;
				st = side.st;
				goto end;
			}
		}
		/* A model that cannot be fitted (no churner within the horizon, say)
		 * leaves its pages out rather than the whole report, unless the
		 * scores file was asked for. */
		if (st == CHURN_EMODEL && scores_path == NULL) {
			snprintf(r.no_model_why, sizeof r.no_model_why, "%s", err->msg);
			churn_err_clear(err);
			st = CHURN_OK;
			r.have_m = 0;
		}
		if (st != CHURN_OK)
			goto end;
	}
	if (r.have_m) {
		if (r.d.map.id) {
			if ((st = model_run_scores(&r.m, &r.mi, &r.sc, err)) != CHURN_OK)
				goto end;
			stagetime_mark(&r.tm, "scores");
			if ((st = cli_segment_run(&r.g, &r.go, &r.m, &r.d, r.sc, err)) != CHURN_OK)
				goto end;
			stagetime_mark(&r.tm, "segments");
			r.have_g = 1;
		}
	}
	if (scores_path) {
		job = (scores_job){.r = &r, .d = r.d, .path = scores_path, .st = CHURN_OK};
		if ((st = outfile_open(outs, scores_path, &job.of, err)) != CHURN_OK)
			goto end;
		if (r.mo.mo.threads > 1) {
			churn_err_clear(&job.err);
			stagetime_start(&job.tm, r.tm.on);
			job.d.clock = &job.tm;
			stagetime_thread_clock(&r.tm, 1);
			scoring = pthread_create(&scores_th, NULL, scores_thread, &job) == 0;
			if (!scoring) {
				stagetime_thread_clock(&r.tm, 0);
				job.d.clock = &r.tm;
			}
		}
		if (!scoring && (st = write_scores(&job, err)) != CHURN_OK)
			goto end;
	}
	if (r.d.map.reason != NULL && (st = reasons_run(&r, err)) != CHURN_OK)
		goto end;
	stagetime_begin(&r.tm, "findings", 0, NULL);
	if ((st = findings_run(&r.sv, r.have_co ? &r.co : NULL, r.have_m ? &r.m : NULL, &r.mi,
	                       r.labels, r.rb.nreasons ? &r.rb : NULL, &r.fd, err)) != CHURN_OK ||
	    (st = findings_run_actions(r.fd, r.d.res->t, r.have_m ? &r.m : NULL,
	                               r.have_g ? &r.g : NULL, r.go.map, r.go.ndrivers,
	                               r.labels, err)) != CHURN_OK)
		goto end;
	if (r.d.map.reason != NULL &&
	    (st = report_reasons_from_runs(r.rr, &r.sv, r.labels, r.sv.alpha,
	                                   r.go.so.offer_effect, &r.rh, err)) != CHURN_OK)
		goto end;
	stagetime_mark(&r.tm, "findings");
	if ((st = collect_options(&r, err)) != CHURN_OK)
		goto end;

	set.title = opt_str(&r.o, OPT_TITLE);
	set.company = opt_str(&r.o, OPT_COMPANY);
	set.letter = paper && strcasecmp(paper, "letter") == 0;
	set.generated = gen[0] ? gen : NULL;
	memcpy(set.generated_ymdhms, gen_ymdhms, sizeof gen_ymdhms);
	set.version = PACKAGE_VERSION;
	set.options = r.opts;
	set.noptions = r.nopts;
	set.input_name = r.d.path;
	runs.load = r.d.res;
	runs.map = &r.d.map;
	runs.sv = &r.sv;
	runs.co = r.have_co ? &r.co : NULL;
	runs.m = r.have_m ? &r.m : NULL;
	runs.model_note = r.no_model_why[0] ? r.no_model_why : NULL;
	runs.g = r.have_g ? &r.g : NULL;
	runs.sc = r.sc;
	runs.fd = r.fd;
	set.labels = r.labels;
	set.currency = r.currency_code;
	report_input_from_runs(&set, &runs, &in);
	stagetime_begin(&r.tm, "writing report", 0, NULL);
	in.reasons = report_reasons_of(r.rh);
	if ((st = report_render(&in, &pdf, &len, &r.npages, err)) != CHURN_OK)
		goto end;
	stagetime_mark(&r.tm, "render PDF");

	/* Every output goes into the set; none is in place until all are
	 * written (docs/outputs.md), so the order does not matter. */
	if ((st = write_pdf(out, pdf, len, outs, err)) != CHURN_OK)
		goto end;
	stagetime_mark(&r.tm, "write PDF");
	if (scoring) {
		scoring = 0;
		if ((st = scores_join(&r, &job, scores_th, st, err)) != CHURN_OK)
			goto end;
	}
	oc = outcome(&r, out, len);
	if (json && (st = write_json(&oc, &r.d, json, err)) != CHURN_OK)
		goto end;
	if ((st = write_tables(&r, err)) != CHURN_OK)
		goto end;
	stagetime_clear(&r.tm);
	/* In place before the summary says they are written. */
	if ((st = outset_commit(outs, err)) != CHURN_OK)
		goto end;
	stagetime_mark(&r.tm, "JSON, tables, commit");
	if (strcmp(out, "-") != 0 && !(json && strcmp(json, "-") == 0) &&
	    !(scores_path && strcmp(scores_path, "-") == 0)) {
		report_out_summary(stdout, &oc);
		if (fflush(stdout) != 0 || ferror(stdout))
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
end:
	if (scoring)
		st = scores_join(&r, &job, scores_th, st, err);
	stagetime_clear(&r.tm);
	free(pdf);
	run_free(&r);
	stagetime_mark(&r.tm, "summary, free");
	stagetime_print(&r.tm, stderr);
	return st;
}
