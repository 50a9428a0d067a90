/* cmd_pushdown.c - --push-down on the command line; see cmd_pushdown.h. */
#include "config.h"

#include "churnkit/pushdown.h"
#include "cmd_pushdown.h"

#include <stdlib.h>
#include <string.h>

/* The options --push-down refuses, and why in a few words: each reads or
 * checks something of the rows that the SQL does not compute. */
static const struct {
	opt_id id;
	const char *why;
} refused[] = {
	{OPT_DATE_FORMAT, "the SQL reads yyyy-mm-dd dates only"},
	{OPT_ENCODING, "the database sends UTF-8"},
	{OPT_WHERE, "filter in --query instead"},
	{OPT_ROLLUP, "merging rows by id needs the rows"},
	{OPT_REASON, "churn reasons are not counted by the database yet"},
	{OPT_INVOLUNTARY, "churn reasons are not counted by the database yet"},
	{OPT_INTERVAL, "its values are not checked by the database yet"},
	{OPT_INTERVAL_COUNT, "its values are not checked by the database yet"},
	{OPT_WEIGHT, "the counts are the weights"},
	{OPT_ENTRY, "delayed entry is not counted by the database yet"},
	{OPT_DURATION, "the database counts from dates (--start, --end)"},
	{OPT_EVENT, "the database counts from dates (--start, --end)"},
	{OPT_REJECTS, "the bad rows stay in the database: run without --push-down"},
	{OPT_REVENUE, "a revenue history is matched to the rows"},
	{OPT_REVENUE_TABLE, "a revenue history is matched to the rows"},
	{OPT_REVENUE_QUERY, "a revenue history is matched to the rows"},
	{OPT_REVENUE_REJECTS, "a revenue history is matched to the rows"},
	{OPT_REVENUE_LAYOUT, "a revenue history is matched to the rows"},
};

/* The options of numbers refused by command (a mask of PD_IN_*): the SQL
 * reads a --value as a plain number (pushdown_sql.h), and only the
 * cohorts' statement reads one. */
enum { PD_IN_SURVIVAL = 1, PD_IN_MODEL = 2, PD_IN_COHORTS_VALUE = 4 };
static const struct {
	opt_id id;
	int in;
	const char *why;
} refused_value[] = {
	{OPT_VALUE, PD_IN_SURVIVAL | PD_IN_MODEL, "only cohorts --push-down reads a value"},
	{OPT_VALUE_SCALE, PD_IN_COHORTS_VALUE, "the SQL sums the values as written"},
	{OPT_DECIMAL, PD_IN_MODEL | PD_IN_COHORTS_VALUE, "the SQL reads plain numbers only"},
	{OPT_THOUSANDS, PD_IN_MODEL | PD_IN_COHORTS_VALUE, "the SQL reads plain numbers only"},
};

/* What `model --push-down` refuses as well: each needs the rows or a
 * number per customer. */
static const struct {
	opt_id id;
	const char *why;
} refused_model[] = {
	{OPT_COX, "the Cox model's risk-set sums are not computed by the database yet"},
	{OPT_FIRTH, "Firth's penalty needs each customer's leverage"},
	{OPT_IMPUTE, "the medians are not computed by the database yet"},
};

static churn_status refuse(const cli_opts *o, churn_err *err)
{
	for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++)
		if (opt_isset(o, refused[k].id))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--push-down does not support --%s (%s); run without "
			                     "--push-down to read the rows",
			                     opt_specs()[refused[k].id].name, refused[k].why);
	int in = o->cmd == CMD_SURVIVAL ? PD_IN_SURVIVAL : o->cmd == CMD_MODEL ? PD_IN_MODEL
	         : opt_isset(o, OPT_VALUE) ? PD_IN_COHORTS_VALUE : 0;
	for (size_t k = 0; k < sizeof refused_value / sizeof *refused_value; k++)
		if ((refused_value[k].in & in) != 0 && opt_isset(o, refused_value[k].id))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--push-down does not support --%s (%s); run without "
			                     "--push-down to read the rows",
			                     opt_specs()[refused_value[k].id].name,
			                     refused_value[k].why);
	for (size_t k = 0; o->cmd == CMD_MODEL && k < sizeof refused_model / sizeof *refused_model;
	     k++)
		if (opt_isset(o, refused_model[k].id))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--push-down does not support --%s (%s); run without "
			                     "--push-down to read the rows",
			                     opt_specs()[refused_model[k].id].name,
			                     refused_model[k].why);
	return CHURN_OK;
}

churn_status cmd_pushdown_load(const cli_opts *o, cmd_data *d, churn_err *err)
{
	pushdown_src src = {opt_str(o, OPT_DB), opt_str(o, OPT_TABLE), opt_str(o, OPT_QUERY),
	                    d->lopts.display_name};
	pushdown_surv p;
	churn_status st = refuse(o, err);

	if (st != CHURN_OK)
		return st;
	if (o->cmd == CMD_MODEL) {
		/* The model's statements run with its options (cmd_pushdown_model):
		 * the rows read and the as-of date are set then. */
		if ((d->res = calloc(1, sizeof *d->res)) == NULL ||
		    (d->res->t = table_new(1)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		d->res->min_date = d->res->max_date = TABLE_DATE_NA;
		d->res->date_mode = 1;
		d->res->rows_read = 1;  /* for load_check; the statements count them */
		return CHURN_OK;
	}
	stagetime_begin(d->clock, "push-down", 0, NULL);
	st = (o->cmd == CMD_COHORTS ? pushdown_cohorts : pushdown_survival)(&src, &d->map,
	                                                                   &d->lopts, &p, err);
	if (st != CHURN_OK) {
		pushdown_survival_free(&p);
		return st;
	}
	if ((d->res = calloc(1, sizeof *d->res)) == NULL ||
	    (d->res->t = table_new((size_t)p.customers)) == NULL) {
		pushdown_survival_free(&p);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	d->res->rows_read = p.rows_read;
	d->res->lines_read = p.rows_read;
	d->res->as_of = p.as_of;
	d->res->min_date = d->res->max_date = TABLE_DATE_NA;
	d->res->date_mode = 1;
	d->pushed = p.t;  /* now d's */
	return CHURN_OK;
}

churn_status cmd_pushdown_surv(surv_run *s, const cli_surv_opts *so, const cmd_data *d,
                               churn_err *err)
{
	load_result r = *d->res;
	load_map m = d->map;
	surv_run_input in = {.res = &r, .map = &m, .display_name = d->lopts.display_name};
	churn_status st;

	r.t = d->pushed;
	m.weight = PUSHDOWN_WEIGHT;
	stagetime_begin(d->clock, "survival", 0, NULL);
	st = surv_run_fit(s, &in, &so->so, err);
	s->map = &d->map;  /* the texts name the user's columns: no --weight */
	if (st != CHURN_OK || s->a == NULL)
		return st;
	/* A row of the counts is n customers: the rows are the customers. */
	s->a->rows = (size_t)s->a->n;
	for (size_t k = 0; k < s->a->ncurves; k++)
		if (s->a->curve[k].km != NULL)
			s->a->curve[k].km->rows = (size_t)s->a->curve[k].km->n;
	for (size_t k = 0; k < s->a->ntests; k++)
		s->a->test[k].missing_rows = (size_t)s->a->test[k].missing;
	return CHURN_OK;
}

churn_status cmd_pushdown_cohorts(cohort_run *c, const cli_cohort_opts *co, const cmd_data *d,
                                  churn_err *err)
{
	load_result r = *d->res;
	static const char *const sums[4] = PUSHDOWN_VALUE_SUMS;
	cohort_run_input in = {.res = &r, .map = &d->map, .lopts = &d->lopts, .outs = d->outs,
	                       .weight_col = PUSHDOWN_WEIGHT, .value_sums = sums};

	r.t = d->pushed;
	stagetime_begin(d->clock, "cohorts", 0, NULL);
	return cohort_run_fit(c, &in, &co->co, err);
}

churn_status cmd_pushdown_model(model_run *m, cli_model_opts *mo, const cli_opts *o,
                                cmd_data *d, churn_err *err)
{
	pushdown_src src = {opt_str(o, OPT_DB), opt_str(o, OPT_TABLE), opt_str(o, OPT_QUERY),
	                    d->lopts.display_name};
	long rows = 0;
	int32_t as_of = 0;
	churn_status st;

	if (mo->mo.folds > 0 && opt_isset(o, OPT_FOLDS))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--push-down does not support --folds %d (the folds are drawn "
		                     "customer by customer in row order, which a table does not "
		                     "have); give --folds 0 or run without --push-down",
		                     mo->mo.folds);
	if (mo->mo.folds > 0) {
		mo->mo.folds = 0;
		st = model_run_fit_pushdown(m, &src, &d->map, &d->lopts, &mo->mo, &rows, &as_of, err);
		snprintf(m->cv_note, sizeof m->cv_note,
		         "left out with --push-down (the folds are drawn customer by customer in "
		         "row order, which a table does not have); run without --push-down for it");
	} else {
		st = model_run_fit_pushdown(m, &src, &d->map, &d->lopts, &mo->mo, &rows, &as_of, err);
	}
	d->res->rows_read = d->res->lines_read = rows;
	d->res->as_of = as_of;
	/* the header's and the JSON's rows used: every row is good */
	table_free(d->res->t);
	if ((d->res->t = table_new((size_t)rows)) == NULL && st == CHURN_OK)
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	return st;
}
