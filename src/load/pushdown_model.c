/* pushdown_model.c - the logistic model's sums from PostgreSQL; see
 * include/churnkit/pushdown_model.h (the rows' CTEs are pushdown_sql.c's). */
#include "churnkit/pushdown_model.h"

#include "churnkit/load.h"
#include "churnkit/strbuf.h"
#include "pg_session.h"
#include "pushdown_model_int.h"
#include "pushdown_sql.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Values listed when --outcome's VALUE matches no row (flagseen.c's). */
#define PDM_SEEN_LIST 10

/* The flags fieldread_flag reads (fieldread.h), folded to lower case. */
static const char yes_words[] = "'1','true','t','yes','y','ja','oui','s\xC3\xAD','si','da',"
                                "'igen','\xE6\x98\xAF'";
static const char no_words[] = "'0','false','f','no','n','nein','non','nu','nem',"
                               "'\xE5\x90\xA6'";

void pushdown_model_free(pushdown_model *pm)
{
	if (pm == NULL)
		return;
	PQfinish(pm->conn);  /* the read-only transaction ends with it */
	pd_names_free(&pm->nm);
	for (size_t k = 0; pm->quoted != NULL && k <= pm->ncol; k++)
		PQfreemem(pm->quoted[k]);
	for (size_t j = 0; pm->x != NULL && j < pm->info.p; j++)
		free(pm->x[j]);
	free(pm->quoted);
	free(pm->numeric);
	free(pm->base);
	free(pm->x);
	free(pm->sumx);
	free(pm->sumyx);
	free(pm->nonbin);
	free(pm->shift);
	free(pm->M);
	free(pm->cell);
	free(pm->numidx);
	free(pm->scratch);
	free(pm);
}

const pushdown_model_info *pushdown_model_get(const pushdown_model *pm)
{
	return &pm->info;
}

int pushdown_model_numeric(const pushdown_model *pm, size_t k)
{
	return pm->numeric[k];
}

churn_status pdm_query(pushdown_model *pm, strbuf *b, int nrows, int ncols, PGresult **res,
                          churn_err *err)
{
	churn_status st;
	if (b->oom) {
		strbuf_reset(b);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	st = pd_run(pm->conn, b->s, PGRES_TUPLES_OK, res, pm->name, err);
	strbuf_reset(b);
	if (st == CHURN_OK && ((nrows >= 0 && PQntuples(*res) != nrows) ||
	                       PQnfields(*res) != ncols)) {
		PQclear(*res);
		*res = NULL;
		st = churn_err_at(err, CHURN_EUSAGE, pm->name, 0, 0,
		                  "the database sent an unexpected result");
	}
	return st;
}

double pdm_cell(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtod(PQgetvalue(r, row, col), NULL);
}

/* "(btrim(x, blanks) = '')": the raw text x is blank (num_is_blank). */
static void blank(strbuf *b, const char *x)
{
	strbuf_printf(b, "(btrim(%s, " PDM_BLANKS ") = '')", x);
}

/* The literal of --outcome's VALUE trimmed of blanks (PQfreemem), or NULL
 * when out of memory. */
static char *outcome_literal(PGconn *conn, const char *v)
{
	size_t len = strlen(v);
	while (*v == ' ' || *v == '\t')
		v++, len--;
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	return PQescapeLiteral(conn, v, len);
}

/* --outcome COL=VALUE that no row holds: the row path's usage error
 * (flagseen.c), listing what the column holds, the most frequent first
 * (a table has no row order to list them in). */
static churn_status outcome_unseen(pushdown_model *pm, const pushdown_model_spec *s,
                                   churn_err *err)
{
	strbuf b = STRBUF_INIT, list = STRBUF_INIT;
	PGresult *r = NULL;
	churn_status st;

	pd_sql_rows_good(&b, &pm->c);
	strbuf_printf(&b, "SELECT btrim(x%zu, E' \\t') AS v, count(*) FROM p GROUP BY 1 "
	              "ORDER BY 2 DESC, 1", pm->ncol);
	if ((st = pdm_query(pm, &b, -1, 2, &r, err)) != CHURN_OK)
		return st;
	int n = PQntuples(r);
	for (int i = 0; i < n && i < PDM_SEEN_LIST; i++)
		strbuf_printf(&list, "%s'%s' (%s)", i ? ", " : "", PQgetvalue(r, i, 0),
		              PQgetvalue(r, i, 1));
	if (n > PDM_SEEN_LIST)
		strbuf_printf(&list, " and %d more", n - PDM_SEEN_LIST);
	PQclear(r);
	st = churn_err_set(err, CHURN_EUSAGE, "--outcome %s=%s: no row of %s holds '%s' (case and "
	                   "blanks around are ignored); column '%s' holds %s", s->outcome,
	                   s->outcome_value, pm->name, s->outcome_value, s->outcome,
	                   list.s ? list.s : "nothing");
	strbuf_reset(&list);
	return st;
}

/* --outcome's bad rows: missing, or not a yes/no value without VALUE;
 * with VALUE, a VALUE that no row holds (outcome_unseen). */
static churn_status check_outcome(pushdown_model *pm, const pushdown_model_spec *s,
                                  churn_err *err)
{
	strbuf b = STRBUF_INIT;
	PGresult *r = NULL;
	char o[32], *lit = NULL;
	churn_status st;

	snprintf(o, sizeof o, "x%zu", pm->ncol);
	if (s->outcome_value != NULL &&
	    (lit = outcome_literal(pm->conn, s->outcome_value)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	pd_sql_rows_good(&b, &pm->c);
	strbuf_printf(&b, "SELECT count(*) FILTER (WHERE ");
	blank(&b, o);
	strbuf_printf(&b, "), count(*) FILTER (WHERE NOT ");
	blank(&b, o);
	if (s->outcome_value != NULL)
		strbuf_printf(&b, " AND false), count(*) FILTER (WHERE lower(btrim(%s, E' \\t')) = "
		              "lower(%s))", o, lit);
	else
		strbuf_printf(&b, " AND lower(btrim(%s, E' \\t')) NOT IN (%s, %s)), 1", o, yes_words,
		              no_words);
	strbuf_printf(&b, " FROM p");
	PQfreemem(lit);
	if ((st = pdm_query(pm, &b, 1, 3, &r, err)) != CHURN_OK)
		return st;
	long miss = (long)pdm_cell(r, 0, 0), notflag = (long)pdm_cell(r, 0, 1);
	long matched = (long)pdm_cell(r, 0, 2);
	PQclear(r);
	if (miss + notflag > 0)
		return churn_err_at(err, CHURN_EDATA, pm->name, 0, 0,
		                    "%ld of %ld rows would be bad rows (%ld missing value, %ld not a "
		                    "yes/no value in --outcome %s): --push-down needs every row good; "
		                    "run without --push-down to see them", miss + notflag,
		                    pm->info.rows_read, miss, notflag, s->outcome);
	if (matched == 0)
		return outcome_unseen(pm, s, err);
	return CHURN_OK;
}

/* Which feature columns read as numbers, over every row.  A column whose
 * values all look like numbers but some are not plain ones ("$1,234",
 * "12 EUR": the loader reads them, fieldread.h) is refused: the SQL would
 * take it for a categorical one. */
static churn_status read_kinds(pushdown_model *pm, churn_err *err)
{
	strbuf b = STRBUF_INIT;
	PGresult *r = NULL;
	char x[32], t[64];
	churn_status st = CHURN_OK;

	if (pm->ncol == 0)
		return CHURN_OK;
	pd_sql_rows_good(&b, &pm->c);
	strbuf_printf(&b, "SELECT ");
	for (size_t k = 0; k < pm->ncol; k++) {
		snprintf(x, sizeof x, "x%zu", k);
		snprintf(t, sizeof t, "btrim(%s, " PDM_BLANKS ")", x);
		strbuf_printf(&b, "%scount(*) FILTER (WHERE NOT ", k ? ", " : "");
		blank(&b, x);
		/* not plain, or plain but infinite to strtod (1e400: no number) */
		strbuf_printf(&b, " AND CASE WHEN %s !~ " PDM_NUMBER " THEN true ELSE NOT (", t);
		pd_sql_finite(&b, t);
		strbuf_printf(&b, ") END), ");
		strbuf_printf(&b, "count(*) FILTER (WHERE NOT ");
		blank(&b, x);
		strbuf_printf(&b, " AND %s !~ " PDM_NUMBERISH ")", x);
	}
	strbuf_printf(&b, " FROM p");
	if ((st = pdm_query(pm, &b, 1, 2 * (int)pm->ncol, &r, err)) != CHURN_OK)
		return st;
	for (size_t k = 0; k < pm->ncol && st == CHURN_OK; k++) {
		double notplain = pdm_cell(r, 0, 2 * (int)k), notnum = pdm_cell(r, 0, 2 * (int)k + 1);
		pm->numeric[k] = notplain == 0;
		if (notplain > 0 && notnum == 0)
			st = churn_err_at(err, CHURN_EUSAGE, pm->name, 0, 0,
			                  "--push-down reads plain numbers only, and %.0f values of "
			                  "column %s are numbers written with a currency or separators; "
			                  "run without --push-down", notplain, pm->quoted[k]);
	}
	PQclear(r);
	return st;
}

/* pm->base: the rows, then u: y, ins (in the sample), complete (no feature
 * missing), the raw texts x<k> and the numbers v<k> of numeric columns. */
static churn_status make_base(pushdown_model *pm, const pushdown_model_spec *s, churn_err *err)
{
	strbuf b = STRBUF_INIT;
	char x[32];

	pd_sql_rows_good(&b, &pm->c);
	strbuf_printf(&b, ", u AS (SELECT ");
	if (s->outcome != NULL && s->outcome_value != NULL) {
		char *lit = outcome_literal(pm->conn, s->outcome_value);
		if (lit == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		strbuf_printf(&b, "(lower(btrim(x%zu, E' \\t')) = lower(%s))::int AS y, true AS ins",
		              pm->ncol, lit);
		PQfreemem(lit);
	} else if (s->outcome != NULL) {
		strbuf_printf(&b, "(lower(btrim(x%zu, E' \\t')) IN (%s))::int AS y, true AS ins",
		              pm->ncol, yes_words);
	} else {
		strbuf_printf(&b, "(de IS NOT NULL AND de - ds <= %.17g)::int AS y, "
		              "%ld - ds >= %.17g AS ins", s->horizon_days, (long)pm->info.as_of,
		              s->horizon_days);
	}
	strbuf_printf(&b, ", true");
	for (size_t k = 0; k < pm->ncol; k++) {
		snprintf(x, sizeof x, "x%zu", k);
		strbuf_printf(&b, " AND NOT ");
		blank(&b, x);
	}
	strbuf_printf(&b, " AS complete");
	for (size_t k = 0; k < pm->ncol; k++) {
		strbuf_printf(&b, ", x%zu", k);
		if (pm->numeric[k]) {
			snprintf(x, sizeof x, "x%zu", k);
			strbuf_printf(&b, ", CASE WHEN NOT ");
			blank(&b, x);
			strbuf_printf(&b, " THEN btrim(x%zu, " PDM_BLANKS ")::float8 END AS v%zu", k, k);
		}
	}
	strbuf_printf(&b, " FROM p) ");
	if (b.oom) {
		strbuf_reset(&b);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	pm->base = strbuf_take(&b);
	return CHURN_OK;
}

/* The sample's counts: too recent, missing a value, used, events; and per
 * numeric column, its values beyond the loader's bound among the rows used
 * (design.c refuses a model term's value beyond +-LOAD_MAX_MAGNITUDE: exit
 * 1).  The bound is checked as numeric, which reads 1e400 too (a float8
 * cast would fail the statement). */
static churn_status read_counts(pushdown_model *pm, churn_err *err)
{
	strbuf b = STRBUF_INIT;
	PGresult *r = NULL;
	churn_status st = CHURN_OK;

	strbuf_printf(&b, "%sSELECT count(*) FILTER (WHERE NOT ins), count(*) FILTER (WHERE ins "
	              "AND NOT complete), count(*) FILTER (WHERE ins AND complete), sum(y) FILTER (WHERE "
	              "ins AND complete)", pm->base);
	for (size_t k = 0; k < pm->ncol; k++)
		if (pm->numeric[k])
			strbuf_printf(&b, ", count(*) FILTER (WHERE ins AND complete AND abs(btrim(x%zu, "
			              PDM_BLANKS ")::numeric) > %.0f)", k, LOAD_MAX_MAGNITUDE);
		else
			strbuf_printf(&b, ", 0");
	strbuf_printf(&b, " FROM u");
	if ((st = pdm_query(pm, &b, 1, 4 + (int)pm->ncol, &r, err)) != CHURN_OK)
		return st;
	pm->info.too_recent = (long)pdm_cell(r, 0, 0);
	pm->info.rows_missing = (long)pdm_cell(r, 0, 1);
	pm->info.used = (long)pdm_cell(r, 0, 2);
	pm->info.events = pdm_cell(r, 0, 3);
	for (size_t k = 0; k < pm->ncol && st == CHURN_OK; k++)
		if (pdm_cell(r, 0, 4 + (int)k) > 0)
			st = churn_err_at(err, CHURN_EDATA, pm->name, 0, 0,
			                  "column %s holds %.0f value%s beyond +-1e15 among the model's "
			                  "rows; a model term's values must be within +-1e15",
			                  pm->quoted[k], pdm_cell(r, 0, 4 + (int)k),
			                  pdm_cell(r, 0, 4 + (int)k) == 1 ? "" : "s");
	PQclear(r);
	return st;
}

churn_status pushdown_model_open(const pushdown_src *src, const load_map *map,
                                 const load_opts *lo, const pushdown_model_spec *spec,
                                 pushdown_model **out, churn_err *err)
{
	pushdown_model *pm = calloc(1, sizeof *pm);
	pushdown_surv p;
	churn_status st;
	char line[200];

	*out = NULL;
	if (pm == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	pm->name = src->name;
	pm->ncol = spec->ncolumns;
	pm->quoted = calloc(pm->ncol + 1, sizeof *pm->quoted);
	pm->numeric = calloc(pm->ncol + 1, sizeof *pm->numeric);
	if (pm->quoted == NULL || pm->numeric == NULL) {
		pushdown_model_free(pm);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	st = pd_open_checked(src, map, lo, NULL, 0, &pm->conn, &pm->nm, &pm->c, &p, err);
	pm->info.rows_read = p.rows_read;
	pm->info.as_of = p.as_of;
	pushdown_survival_free(&p);
	for (size_t k = 0; st == CHURN_OK && k <= pm->ncol; k++) {
		const char *n = k < pm->ncol ? spec->columns[k] : spec->outcome;
		if (n == NULL)
			continue;
		if ((pm->quoted[k] = PQescapeIdentifier(pm->conn, n, strlen(n))) == NULL)
			st = churn_err_at(err, CHURN_EUSAGE, src->name, 0, 0, "a column name: %s",
			                  pg_session_message(NULL, pm->conn, line, sizeof line));
	}
	pm->c.extra = (const char *const *)pm->quoted;
	pm->c.nextra = pm->ncol + (spec->outcome != NULL);
	if (st == CHURN_OK && spec->outcome != NULL)
		st = check_outcome(pm, spec, err);
	if (st == CHURN_OK)
		st = read_kinds(pm, err);
	if (st == CHURN_OK)
		st = make_base(pm, spec, err);
	if (st == CHURN_OK)
		st = read_counts(pm, err);
	if (st != CHURN_OK) {
		pushdown_model_free(pm);
		return st;
	}
	*out = pm;
	return CHURN_OK;
}

churn_status pushdown_model_levels(pushdown_model *pm, const int *want, char ****levels,
                                   size_t **nlevels, churn_err *err)
{
	strbuf b = STRBUF_INIT;
	PGresult *r = NULL;
	churn_status st;
	size_t n = pm->ncol, any = 0;

	*levels = calloc(n + 1, sizeof **levels);
	*nlevels = calloc(n + 1, sizeof **nlevels);
	if (*levels == NULL || *nlevels == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t k = 0; k < n; k++)
		any += want[k] != 0;
	if (any == 0)
		return CHURN_OK;
	any = 0;
	strbuf_printf(&b, "%sSELECT l.k, l.v FROM u CROSS JOIN LATERAL (VALUES ", pm->base);
	for (size_t k = 0; k < n; k++)
		if (want[k])
			strbuf_printf(&b, "%s(%zu, x%zu)", any++ ? ", " : "", k, k);
	strbuf_printf(&b, ") AS l(k, v) WHERE ins AND complete GROUP BY 1, 2");
	if ((st = pdm_query(pm, &b, -1, 2, &r, err)) != CHURN_OK)
		return st;
	int rows = PQntuples(r);
	for (int i = 0; i < rows; i++)
		(*nlevels)[(size_t)pdm_cell(r, i, 0)]++;
	for (size_t k = 0; k < n; k++)
		if ((*nlevels)[k] > 0 &&
		    ((*levels)[k] = calloc((*nlevels)[k], sizeof ***levels)) == NULL)
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	size_t *at = calloc(n + 1, sizeof *at);
	if (at == NULL)
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (int i = 0; st == CHURN_OK && i < rows; i++) {
		size_t k = (size_t)pdm_cell(r, i, 0);
		if (((*levels)[k][at[k]++] = strdup(PQgetvalue(r, i, 1))) == NULL)
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	free(at);
	PQclear(r);
	return st;
}
