/* cohortrun.c - the cohort and KPI stage of the command line; see
 * cohortrun.h. */
#include "config.h"

#include "cohortrun.h"

#include "churnkit/cohort_output.h"
#include "churnkit/date.h"
#include "churnkit/outfile.h"

#include <errno.h>
#include <float.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cohortrun_free(cohortrun *c)
{
	if (c == NULL)
		return;
	for (size_t j = 0; j < c->nby; j++) {
		free(c->codes ? c->codes[j] : NULL);
		free(c->levels ? (void *)c->levels[j] : NULL);
	}
	free(c->codes);
	free(c->levels);
	for (size_t j = 0; j < c->ncoh; j++)
		cohort_result_free(c->coh[j]);
	free(c->coh);
	kpi_result_free(c->kpi);
	revhist_free(c->rev);
	free(c->end_na);
	memset(c, 0, sizeof *c);
}

churn_status cohortrun_options(cohortrun *c, const cli_opts *o, const char *synopsis,
                               churn_err *err)
{
	churn_status st;
	long n = COHORTRUN_MIN_N;
	double alpha = 0.05;
	const char *s;
	char at[600];

	memset(c, 0, sizeof *c);
	c->min_n = COHORTRUN_MIN_N;
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
	c->min_n = (size_t)n;
	/* --alpha is not used by cohorts, but a config shared with survival
	 * passes it: the same values are refused here as there. */
	if ((st = opt_double(o, OPT_ALPHA, 0, 1, &alpha, err)) != CHURN_OK)
		return st;
	if (!(alpha > 0 && alpha < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--alpha '%s'%s: give a level above 0 and below 1, such as 0.05",
		                     opt_str(o, OPT_ALPHA), opt_origin(o, OPT_ALPHA, at, sizeof at));
	kpi_opts_init(&c->ko);
	c->ko.exclude_same_period = opt_isset(o, OPT_EXCLUDE_SAME_PERIOD);
	if ((s = opt_str(o, OPT_PERIOD)) != NULL) {
		if (kpi_period_parse(s, &c->ko.period, err) != CHURN_OK)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--period '%s': expected a quarter (2026Q3) or a month "
			                     "(2026-09)", s);
		c->ko.has_period = 1;
	}
	if ((st = opt_double(o, OPT_EXPANSION_RATE, -DBL_MAX, DBL_MAX,
	                     &c->ko.cost.expansion_rate, err)) != CHURN_OK)
		return st;
	if (!(c->ko.cost.expansion_rate >= 0 && c->ko.cost.expansion_rate <= 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--expansion-rate '%s'%s: give a fraction between 0 and 1, "
		                     "0.20 for 20%%", opt_str(o, OPT_EXPANSION_RATE),
		                     opt_origin(o, OPT_EXPANSION_RATE, at, sizeof at));
	if ((st = opt_double(o, OPT_CAC, 0, DBL_MAX, &c->ko.cost.cac, err)) != CHURN_OK)
		return st;
	c->revenue_path = opt_str(o, OPT_REVENUE);
	c->revenue_rejects = opt_str(o, OPT_REVENUE_REJECTS);
	c->quiet = opt_isset(o, OPT_QUIET);
	if (c->revenue_rejects != NULL && c->revenue_path == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--revenue-rejects goes with --revenue FILE");
	if (c->revenue_path != NULL && opt_str(o, OPT_ID) == NULL)
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
	for (size_t k = 0; k < r->nrejects_kept && k < COHORTRUN_SHOW_REJECTS; k++) {
		const revhist_reject *j = &r->rejects[k];
		if (j->col > 0)
			cmd_warn("%s:%ld:%ld: %s", name, j->line, j->col, j->msg);
		else
			cmd_warn("%s:%ld: %s", name, j->line, j->msg);
	}
	if (r->rows_rejected > COHORTRUN_SHOW_REJECTS)
		cmd_warn("%s: %ld more bad rows not shown", name,
		         r->rows_rejected - COHORTRUN_SHOW_REJECTS);
	if (fails)
		return;
	if (lo->max_bad_is_fraction)
		snprintf(lim, sizeof lim, "%g%%", lo->max_bad * 100);
	else
		snprintf(lim, sizeof lim, "%g", lo->max_bad);
	cmd_warn("%s: %ld of %ld rows rejected and left out (--max-bad-rows %s)", name,
	         r->rows_rejected, r->rows_read, lim);
}

/* Reads --revenue into c->rev, matched to the customers c->cc, writing
 * --revenue-rejects and warning about bad rows. */
static churn_status load_revenue(cohortrun *c, const cmd_data *d, churn_err *err)
{
	const table *t = d->res->t;
	revhist_customers rc;
	load_opts lo = d->lopts;
	outfile *rej = NULL;
	churn_status st;

	memset(&rc, 0, sizeof rc);
	rc.id = table_find(t, d->map.id);
	rc.id_name = d->map.id;
	rc.start = c->cc.start;
	rc.end = c->cc.end;
	rc.n = c->cc.n;
	rc.as_of = c->cc.as_of;
	lo.display_name = strcmp(c->revenue_path, "-") == 0 ? "<stdin>" : c->revenue_path;
	lo.rejects = NULL;
	if (c->revenue_rejects != NULL) {
		if ((st = outfile_open(d->outs, c->revenue_rejects, &rej, err)) != CHURN_OK)
			return st;
		lo.rejects = outfile_stream(rej);
	}
	st = revhist_load(c->revenue_path, &rc, &lo, &c->rev, err);
	lo.rejects = NULL;
	if (st != CHURN_OK) {
		outfile_abort(rej);
		return st;
	}
	if (rej != NULL && (st = outfile_commit(rej, err)) != CHURN_OK)
		return st;
	st = revhist_check(c->rev, &lo, err);
	if (c->rev->rows_rejected > 0 && !c->quiet)
		warn_revenue(c->rev, &lo, st != CHURN_OK);
	if (st == CHURN_EDATA && rej != NULL) {
		/* Too many bad revenue rows: the reject files, the only outputs
		 * made so far, explain the failure and are kept (docs/outputs.md). */
		churn_err e2;
		churn_err_clear(&e2);
		if (outset_commit(d->outs, &e2) != CHURN_OK)
			*err = e2;
	}
	return st;
}

/* Maps the loaded table into the customers of cohort.h (group unset). */
static churn_status map_customers(cohortrun *c, const cmd_data *d, churn_err *err)
{
	const table *t = d->res->t;
	const table_col *start = table_find(t, d->map.start);
	const table_col *end = d->map.end ? table_find(t, d->map.end) : NULL;
	const table_col *value = d->map.value ? table_find(t, d->map.value) : NULL;
	cohort_customers *cc = &c->cc;

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
		c->end_na = malloc((t->nrows + 1) * sizeof *c->end_na);
		if (c->end_na == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		for (size_t i = 0; i < t->nrows; i++)
			c->end_na[i] = TABLE_DATE_NA;
		cc->end = c->end_na;
	}
	cc->value = value ? value->num : NULL;
	cc->as_of = d->res->as_of;
	return CHURN_OK;
}

/* One cohort_result per --by column (levels in sorted order), or one for
 * all customers. */
static churn_status build_cohorts(cohortrun *c, const cmd_data *d, churn_err *err)
{
	const table *t = d->res->t;
	size_t nby = d->map.nby;
	churn_status st;

	c->ncoh = 0;
	c->coh = calloc(nby > 0 ? nby : 1, sizeof *c->coh);
	c->codes = calloc(nby + 1, sizeof *c->codes);
	c->levels = calloc(nby + 1, sizeof *c->levels);
	if (c->coh == NULL || c->codes == NULL || c->levels == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	c->nby = nby;
	if (nby == 0) {
		st = cohort_build(&c->cc, c->min_n, &c->coh[0], err);
		c->ncoh = st == CHURN_OK;
		return st;
	}
	for (size_t j = 0; j < nby; j++) {
		const table_col *g = table_find(t, d->map.by[j]);
		cohort_customers cg = c->cc;
		if (g == NULL || g->kind != TABLE_CAT)
			return churn_err_set(err, CHURN_EUSAGE, "--by %s: not a categorical column",
			                     d->map.by[j]);
		st = table_sort_levels(g->codes, t->nrows, (const char *const *)g->levels, g->nlevels,
		                       &c->codes[j], &c->levels[j], err);
		if (st != CHURN_OK)
			return st;
		cg.group = c->codes[j];
		cg.group_name = g->name;
		cg.group_levels = c->levels[j];
		cg.ngroup_levels = g->nlevels;
		st = cohort_build(&cg, c->min_n, &c->coh[j], err);
		if (st != CHURN_OK)
			return st;
		c->ncoh++;
	}
	return CHURN_OK;
}

churn_status cohortrun_fit(cohortrun *c, const cmd_data *d, churn_err *err)
{
	churn_status st;

	if ((st = map_customers(c, d, err)) != CHURN_OK)
		return st;
	if (c->revenue_path != NULL) {
		if ((st = load_revenue(c, d, err)) != CHURN_OK)
			return st;
		c->ko.revenue = &c->rev->h;
	}
	if ((st = build_cohorts(c, d, err)) != CHURN_OK)
		return st;
	return kpi_compute(&c->cc, &c->ko, &c->kpi, err);
}

churn_status cohortrun_print(const cohortrun *c, FILE *f, churn_err *err)
{
	const revhist *r = c->rev;
	if (r != NULL)
		fprintf(f, "Revenue history: %s, %zu rows used of %ld read (%ld rejected); columns "
		           "%s (id), %s (month), %s (MRR)%s\n", c->revenue_path, r->n, r->rows_read,
		        r->rows_rejected, r->id_col, r->month_col, r->mrr_col,
		        r->by_position ? ", taken by position" : "");
	fputc('\n', f);
	return cohort_print_text_multi(f, (const cohort_result *const *)c->coh, c->ncoh, c->kpi,
	                               err);
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

churn_status cohortrun_json(const cohortrun *c, void *root_, churn_err *err)
{
	json_object *root = root_, *data = NULL, *coh = NULL, *kpi = NULL;
	churn_status st;

	st = cohort_to_json_multi((const cohort_result *const *)c->coh, c->ncoh, &coh, err);
	if (st == CHURN_OK)
		st = kpi_to_json(c->kpi, &kpi, err);
	if (st != CHURN_OK) {
		json_object_put(coh);
		return st;
	}
	if (c->rev != NULL && json_object_object_get_ex(root, "data", &data))
		json_object_object_add(data, "revenue", revenue_json(c->rev, c->revenue_path));
	json_object_object_add(root, "cohorts", coh);
	json_object_object_add(root, "kpis", kpi);
	return CHURN_OK;
}

churn_status cohortrun_write_tables(const cohortrun *c, const char *dir, outset *outs,
                                    churn_err *err)
{
	churn_status st = cmd_tables_dir(dir, outs, err);

	if (st != CHURN_OK)
		return st;
	return cohort_write_tables_multi(dir, (const cohort_result *const *)c->coh, c->ncoh,
	                                 c->kpi, outs, err);
}
