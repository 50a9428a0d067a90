/* cmd_cohorts.c - `churnkit cohorts`: cohort triangles by signup month (one
 * set per --by column), period KPIs, revenue movements and the cost of
 * churn, as text, --json and --tables. */
#include "config.h"

#include "churnkit/cohort.h"
#include "churnkit/cohort_output.h"
#include "churnkit/date.h"
#include "churnkit/kpi.h"
#include "churnkit/outfile.h"
#include "churnkit/revhist.h"
#include "cmd.h"

#include <errno.h>
#include <float.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SHOW_REJECTS 10
#define DEFAULT_MIN_N 30

static const char synopsis[] = "churnkit cohorts [options] CUSTOMERS.csv";
static const char summary[] =
	"Cohort retention triangles by signup month (customers, and revenue with\n"
	"--value; one set per --by column), period KPIs for every complete month\n"
	"and quarter (start, new, churned, end, churn and retention rates), the\n"
	"reporting period (--period, default the last complete quarter) against the\n"
	"one before with a two-proportion test of the churn rate, MRR movements\n"
	"(from --revenue FILE, or --value held constant), GRR, NRR, quick ratio,\n"
	"ARPA, LTV and the cost of churn.  Needs --start (the signup date); --end is\n"
	"the churn date.\n\n"
	"Cost of churn (needs --value or --revenue for the MRR churned): 12 x MRR\n"
	"churned + --expansion-rate x that (a fraction, 0.20 for 20%; default 0.20)\n"
	"+ --cac x customers lost.\n\n"
	"--revenue FILE: one row per customer and month; columns customer_id (or the\n"
	"--id column's name, or id), month (yyyy-mm) and mrr, found by name in any\n"
	"order; a header without these names is read by position (id, month, MRR).\n"
	"Its bad rows (unknown customer, bad month, negative MRR, duplicate\n"
	"customer-month, month before signup or after as-of, month after the\n"
	"customer's churn month) are reported by line\n"
	"and count against --max-bad-rows like the customers file's.";

/* Everything the command builds; released by run_free. */
typedef struct {
	cli_opts o;
	cmd_data d;
	int32_t *end_na;          /* all-NA end dates when --end is not given */
	uint32_t **codes;         /* per --by column: codes in sorted level order */
	const char ***levels;     /* per --by column: sorted level names */
	size_t nby;
	revhist *rev;
	cohort_result **coh;
	size_t ncoh;
	kpi_result *kpi;
} run;

static void run_free(run *r)
{
	for (size_t j = 0; j < r->nby; j++) {
		free(r->codes ? r->codes[j] : NULL);
		free(r->levels ? (void *)r->levels[j] : NULL);
	}
	free(r->codes);
	free(r->levels);
	for (size_t j = 0; j < r->ncoh; j++)
		cohort_result_free(r->coh[j]);
	free(r->coh);
	kpi_result_free(r->kpi);
	revhist_free(r->rev);
	free(r->end_na);
	cmd_data_free(&r->d);
	cli_opts_free(&r->o);
}

/* The options that need no data, checked before loading. */
static churn_status read_options(const cli_opts *o, size_t *min_n, kpi_opts *ko,
                                 churn_err *err)
{
	churn_status st;
	long n = DEFAULT_MIN_N;
	double alpha = 0.05;
	const char *s;
	char at[600];

	if (opt_str(o, OPT_DURATION) != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cohorts: cohorts are signup months and need dates: give "
		                     "--start COL (and --end COL) instead of --duration");
	if (opt_str(o, OPT_ENTRY) != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cohorts: --entry is not supported here: cohorts and period "
		                     "KPIs count every customer from their signup date (delayed "
		                     "entry applies to survival)");
	if (opt_str(o, OPT_WEIGHT) != NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cohorts: --weight is not supported here: cohort counts and "
		                     "KPIs take one row per customer");
	if (opt_str(o, OPT_START) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "cohorts: --start COL is needed: the signup date column that "
		                     "makes the monthly cohorts (and --end COL for the churn date; "
		                     "usage: %s)", synopsis);
	if ((st = opt_long(o, OPT_MIN_N, 1, 1000000000L, &n, err)) != CHURN_OK)
		return st;
	*min_n = (size_t)n;
	/* --alpha is not used by cohorts, but a config shared with survival
	 * passes it: the same values are refused here as there. */
	if ((st = opt_double(o, OPT_ALPHA, 0, 1, &alpha, err)) != CHURN_OK)
		return st;
	if (!(alpha > 0 && alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--alpha '%s'%s: give a level above 0 and below 1, such as 0.05",
		                     opt_str(o, OPT_ALPHA), opt_origin(o, OPT_ALPHA, at, sizeof at));
	kpi_opts_init(ko);
	ko->exclude_same_period = opt_isset(o, OPT_EXCLUDE_SAME_PERIOD);
	if ((s = opt_str(o, OPT_PERIOD)) != NULL) {
		if (kpi_period_parse(s, &ko->period, err) != CHURN_OK)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--period '%s': expected a quarter (2026Q3) or a month "
			                     "(2026-09)", s);
		ko->has_period = 1;
	}
	if ((st = opt_double(o, OPT_EXPANSION_RATE, -DBL_MAX, DBL_MAX, &ko->cost.expansion_rate,
	                     err)) != CHURN_OK)
		return st;
	if (!(ko->cost.expansion_rate >= 0 && ko->cost.expansion_rate <= 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--expansion-rate '%s'%s: give a fraction between 0 and 1, "
		                     "0.20 for 20%%", opt_str(o, OPT_EXPANSION_RATE),
		                     opt_origin(o, OPT_EXPANSION_RATE, at, sizeof at));
	if ((st = opt_double(o, OPT_CAC, 0, DBL_MAX, &ko->cost.cac, err)) != CHURN_OK)
		return st;
	if (opt_str(o, OPT_REVENUE_REJECTS) != NULL && opt_str(o, OPT_REVENUE) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--revenue-rejects goes with --revenue FILE");
	if (opt_str(o, OPT_REVENUE) != NULL && opt_str(o, OPT_ID) == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--revenue needs --id COL: the revenue rows are matched to "
		                     "the customers by id");
	return CHURN_OK;
}

/* Prints the revenue file's bad rows as cmd_load does for the customers:
 * the first ones and, when the run goes on (`fails` is 0), how many rows
 * were left out; a failing run's own error says the rest. */
static void warn_revenue(const revhist *r, const load_opts *lo, int fails)
{
	const char *name = lo->display_name;
	char lim[32];
	for (size_t k = 0; k < r->nrejects_kept && k < SHOW_REJECTS; k++) {
		const revhist_reject *j = &r->rejects[k];
		if (j->col > 0)
			cmd_warn("%s:%ld:%ld: %s", name, j->line, j->col, j->msg);
		else
			cmd_warn("%s:%ld: %s", name, j->line, j->msg);
	}
	if (r->rows_rejected > SHOW_REJECTS)
		cmd_warn("%s: %ld more bad rows not shown", name, r->rows_rejected - SHOW_REJECTS);
	if (fails)
		return;
	if (lo->max_bad_is_fraction)
		snprintf(lim, sizeof lim, "%g%%", lo->max_bad * 100);
	else
		snprintf(lim, sizeof lim, "%g", lo->max_bad);
	cmd_warn("%s: %ld of %ld rows rejected and left out (--max-bad-rows %s)", name,
	         r->rows_rejected, r->rows_read, lim);
}

static churn_status load_revenue(run *r, const char *path, const cohort_customers *cc,
                                 churn_err *err)
{
	const table *t = r->d.res->t;
	revhist_customers rc;
	load_opts lo = r->d.lopts;
	churn_status st;

	memset(&rc, 0, sizeof rc);
	rc.id = table_find(t, r->d.map.id);
	rc.id_name = r->d.map.id;
	rc.start = cc->start;
	rc.end = cc->end;
	rc.n = cc->n;
	rc.as_of = cc->as_of;
	lo.display_name = path;
	lo.rejects = NULL;
	const char *rej_path = opt_str(&r->o, OPT_REVENUE_REJECTS);
	outfile *rej = NULL;
	if (rej_path != NULL) {
		if ((st = outfile_open(rej_path, &rej, err)) != CHURN_OK)
			return st;
		lo.rejects = outfile_stream(rej);
	}
	st = revhist_load(path, &rc, &lo, &r->rev, err);
	lo.rejects = NULL;
	if (st != CHURN_OK) {
		outfile_abort(rej);
		return st;
	}
	if (rej != NULL && (st = outfile_commit(rej, err)) != CHURN_OK)
		return st;
	st = revhist_check(r->rev, &lo, err);
	if (r->rev->rows_rejected > 0 && !opt_isset(&r->o, OPT_QUIET))
		warn_revenue(r->rev, &lo, st != CHURN_OK);
	return st;
}

/* Maps the loaded table into the customers of cohort.h (group unset). */
static churn_status map_customers(run *r, cohort_customers *cc, churn_err *err)
{
	const table *t = r->d.res->t;
	const table_col *start = table_find(t, r->d.map.start);
	const table_col *end = r->d.map.end ? table_find(t, r->d.map.end) : NULL;
	const table_col *value = r->d.map.value ? table_find(t, r->d.map.value) : NULL;

	if (start == NULL || start->kind != TABLE_DATE || (end && end->kind != TABLE_DATE) ||
	    (value && value->kind != TABLE_NUM))
		return churn_err_set(err, CHURN_EUSAGE, "cohorts: the mapped columns did not load "
		                     "as dates and numbers");
	memset(cc, 0, sizeof *cc);
	cc->n = t->nrows;
	cc->start = start->date;
	if (end != NULL) {
		cc->end = end->date;
	} else {
		r->end_na = malloc((t->nrows + 1) * sizeof *r->end_na);
		if (r->end_na == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t i = 0; i < t->nrows; i++)
			r->end_na[i] = TABLE_DATE_NA;
		cc->end = r->end_na;
	}
	cc->value = value ? value->num : NULL;
	cc->as_of = r->d.res->as_of;
	return CHURN_OK;
}

static churn_status build_cohorts(run *r, const cohort_customers *base, size_t min_n,
                                  churn_err *err)
{
	const table *t = r->d.res->t;
	size_t nby = r->d.map.nby;
	churn_status st;

	r->ncoh = 0;
	r->coh = calloc(nby > 0 ? nby : 1, sizeof *r->coh);
	r->codes = calloc(nby + 1, sizeof *r->codes);
	r->levels = calloc(nby + 1, sizeof *r->levels);
	if (r->coh == NULL || r->codes == NULL || r->levels == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	r->nby = nby;
	if (nby == 0) {
		st = cohort_build(base, min_n, &r->coh[0], err);
		r->ncoh = st == CHURN_OK;
		return st;
	}
	for (size_t j = 0; j < nby; j++) {
		const table_col *g = table_find(t, r->d.map.by[j]);
		cohort_customers c = *base;
		if (g == NULL || g->kind != TABLE_CAT)
			return churn_err_set(err, CHURN_EUSAGE, "--by %s: not a categorical column",
			                     r->d.map.by[j]);
		st = table_sort_levels(g->codes, t->nrows, (const char *const *)g->levels, g->nlevels,
		                       &r->codes[j], &r->levels[j], err);
		if (st != CHURN_OK)
			return st;
		c.group = r->codes[j];
		c.group_name = g->name;
		c.group_levels = r->levels[j];
		c.ngroup_levels = g->nlevels;
		st = cohort_build(&c, min_n, &r->coh[j], err);
		if (st != CHURN_OK)
			return st;
		r->ncoh++;
	}
	return CHURN_OK;
}

static json_object *revenue_json(const revhist *v, const char *path)
{
	json_object *o = json_object_new_object(), *cols = json_object_new_object(),
	            *reasons = json_object_new_object();
	char m[8];
	json_object_object_add(o, "file", json_object_new_string(path));
	json_object_object_add(o, "rows_read", json_object_new_int64(v->rows_read));
	json_object_object_add(o, "rows_used", json_object_new_int64((int64_t)v->n));
	json_object_object_add(o, "rows_rejected", json_object_new_int64(v->rows_rejected));
	for (int k = 0; k < REVHIST_NREASONS; k++)
		if (v->by_reason[k] > 0)
			json_object_object_add(reasons, revhist_reason_name((revhist_reason)k),
			                       json_object_new_int64(v->by_reason[k]));
	json_object_object_add(o, "rejected_by_reason", reasons);
	json_object_object_add(cols, "id", json_object_new_string(v->id_col));
	json_object_object_add(cols, "month", json_object_new_string(v->month_col));
	json_object_object_add(cols, "mrr", json_object_new_string(v->mrr_col));
	json_object_object_add(cols, "by_position", json_object_new_boolean(v->by_position));
	json_object_object_add(o, "columns", cols);
	json_object_object_add(o, "first_month", v->n > 0 ? json_object_new_string(
	                                                        date_format_month(v->first_month, m))
	                                                  : NULL);
	json_object_object_add(o, "last_month", v->n > 0 ? json_object_new_string(
	                                                       date_format_month(v->last_month, m))
	                                                 : NULL);
	return o;
}

static churn_status write_json(run *r, const char *path, churn_err *err)
{
	json_object *root = cmd_json_root(&r->d), *data = NULL, *coh = NULL, *kpi = NULL;
	churn_status st;

	if (root == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	st = cohort_to_json_multi((const cohort_result *const *)r->coh, r->ncoh, &coh, err);
	if (st == CHURN_OK)
		st = kpi_to_json(r->kpi, &kpi, err);
	if (st != CHURN_OK) {
		json_object_put(coh);
		json_object_put(root);
		return st;
	}
	if (r->rev != NULL && json_object_object_get_ex(root, "data", &data))
		json_object_object_add(data, "revenue",
		                       revenue_json(r->rev, opt_str(&r->o, OPT_REVENUE)));
	json_object_object_add(root, "cohorts", coh);
	json_object_object_add(root, "kpis", kpi);
	return cmd_json_write(root, path, err);
}

static churn_status write_tables(const run *r, const char *dir, churn_err *err)
{
	struct stat sb;
	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT || mkdir(dir, 0777) != 0)
			return churn_err_at(err, CHURN_EIO, dir, 0, 0, "cannot create the tables "
			                    "directory: %s", strerror(errno));
	} else if (!S_ISDIR(sb.st_mode)) {
		return churn_err_at(err, CHURN_EIO, dir, 0, 0, "--tables: not a directory");
	}
	return cohort_write_tables_multi(dir, (const cohort_result *const *)r->coh, r->ncoh,
	                                 r->kpi, err);
}

static void print_header(FILE *f, const run *r)
{
	const load_result *lr = r->d.res;
	char a[11];
	fprintf(f, "churnkit cohorts: %s, %zu customers used of %ld rows read (%ld rejected), "
	           "as of %s\n", r->d.lopts.display_name, lr->t->nrows, lr->rows_read,
	        lr->rows_rejected, date_format(lr->as_of, a));
	if (r->rev != NULL)
		fprintf(f, "Revenue history: %s, %zu rows used of %ld read (%ld rejected); columns "
		           "%s (id), %s (month), %s (MRR)%s\n", opt_str(&r->o, OPT_REVENUE), r->rev->n,
		        r->rev->rows_read, r->rev->rows_rejected, r->rev->id_col, r->rev->month_col,
		        r->rev->mrr_col, r->rev->by_position ? ", taken by position" : "");
	fputc('\n', f);
}

int cmd_cohorts(int argc, char **argv, churn_err *err)
{
	run r;
	cohort_customers cc;
	kpi_opts ko;
	size_t min_n = DEFAULT_MIN_N;
	int done;
	const char *json, *tables, *revenue;
	churn_status st;

	memset(&r, 0, sizeof r);
	st = cmd_parse(&r.o, CMD_COHORTS, argc, argv, synopsis, summary, &done, err);
	if (st != CHURN_OK || done)
		goto out;
	if ((st = read_options(&r.o, &min_n, &ko, err)) != CHURN_OK)
		goto out;
	if ((st = cmd_load(&r.o, &r.d, err)) != CHURN_OK)
		goto out;
	if ((st = map_customers(&r, &cc, err)) != CHURN_OK)
		goto out;
	if ((revenue = opt_str(&r.o, OPT_REVENUE)) != NULL) {
		if ((st = load_revenue(&r, revenue, &cc, err)) != CHURN_OK)
			goto out;
		ko.revenue = &r.rev->h;
	}
	if ((st = build_cohorts(&r, &cc, min_n, err)) != CHURN_OK)
		goto out;
	if ((st = kpi_compute(&cc, &ko, &r.kpi, err)) != CHURN_OK)
		goto out;

	json = opt_str(&r.o, OPT_JSON);
	tables = opt_str(&r.o, OPT_TABLES);
	if (json != NULL && (st = write_json(&r, json, err)) != CHURN_OK)
		goto out;
	if (tables != NULL && (st = write_tables(&r, tables, err)) != CHURN_OK)
		goto out;
	if (json == NULL || strcmp(json, "-") != 0) {
		print_header(stdout, &r);
		st = cohort_print_text_multi(stdout, (const cohort_result *const *)r.coh, r.ncoh,
		                             r.kpi, err);
		if (st == CHURN_OK && fflush(stdout) != 0)
			st = churn_err_set(err, CHURN_EIO, "standard output: %s", strerror(errno));
	}
out:
	run_free(&r);
	return st;
}
