/* stage_opts.c - the command line's options as the stages' option structs
 * (stage_opts.h). */
#include "config.h"

#include "stage_opts.h"

#include <stdlib.h>
#include <string.h>

churn_status cli_segment_opts_read(cli_segment_opts *g, const cli_opts *o, churn_err *err)
{
	churn_status st;

	memset(g, 0, sizeof *g);
	segment_opts_init(&g->so);
	g->so.top_n = SEGMENT_RUN_TOP_N;
	if ((st = opt_double(o, OPT_OFFER_EFFECT, 0, 1, &g->so.offer_effect, err)) != CHURN_OK)
		return st;
	if ((st = opt_double(o, OPT_INCENTIVE_MONTHS, 0, 1200, &g->so.incentive_months, err)) !=
	    CHURN_OK)
		return st;
	if ((st = opt_list(o, OPT_DRIVER, &g->driver_opts, &g->ndrivers, err)) != CHURN_OK)
		return st;
	if (g->ndrivers == 0)
		return CHURN_OK;
	g->map = calloc(g->ndrivers, sizeof *g->map);
	if (g->map == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t i = 0; i < g->ndrivers; i++) {
		char *eq = strrchr(g->driver_opts[i], '=');
		char where[300];
		if (eq == NULL || eq == g->driver_opts[i])
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--driver '%s'%s: expected COL=KIND", g->driver_opts[i],
			                     opt_origin(o, OPT_DRIVER, where, sizeof where));
		*eq = '\0';
		g->map[i].column = g->driver_opts[i];
		if ((st = segment_driver_parse(eq + 1, &g->map[i].kind, err)) != CHURN_OK) {
			churn_err e2;
			churn_err_set(&e2, CHURN_EUSAGE, "--driver %s=%s%s: %s", g->driver_opts[i],
			              eq + 1, opt_origin(o, OPT_DRIVER, where, sizeof where), err->msg);
			*err = e2;
			return CHURN_EUSAGE;
		}
	}
	for (size_t i = 0; i < g->ndrivers; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(g->map[i].column, g->map[j].column) == 0)
				return churn_err_set(err, CHURN_EUSAGE,
				                     "--driver names column '%s' twice", g->map[i].column);
	g->so.drivers = g->map;
	g->so.ndrivers = g->ndrivers;
	return CHURN_OK;
}

void cli_segment_opts_free(cli_segment_opts *g)
{
	if (g == NULL)
		return;
	opt_list_free(g->driver_opts);
	free(g->map);
	memset(g, 0, sizeof *g);
}

churn_status cli_segment_run(segment_run *g, const cli_segment_opts *go, const modelrun *m,
                             const cmd_data *d, const scores *s, churn_err *err)
{
	segment_run_input in;

	memset(&in, 0, sizeof in);
	in.t = d->res->t;
	in.value_col = d->map.value;
	in.s = s;
	in.score_design = modelrun_score_design(m);
	/* The scores' horizon in months: --horizon on dated data.  A given
	 * churn flag, or durations of unknown unit, have none. */
	in.horizon_known = m->horizon_given && m->sd && d->res->date_mode;
	in.horizon_months = m->horizon;
	return segment_run_build(g, &in, &go->so, err);
}
