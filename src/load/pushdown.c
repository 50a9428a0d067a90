/* pushdown.c - the survival and cohort counts from PostgreSQL; see
 * include/churnkit/pushdown.h (the SQL text is pushdown_sql.c's). */
#include "churnkit/pushdown.h"

#include "churnkit/strbuf.h"
#include "pg_session.h"
#include "pushdown_sql.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pushdown_survival_free(pushdown_surv *p)
{
	if (p == NULL)
		return;
	table_free(p->t);
	memset(p, 0, sizeof *p);
}

void pd_names_free(pd_names *n)
{
	free(n->from);
	PQfreemem(n->id);
	PQfreemem(n->start);
	PQfreemem(n->end);
	PQfreemem(n->value);
	for (size_t k = 0; n->by != NULL && k < n->nby; k++)
		PQfreemem(n->by[k]);
	free(n->by);
}

static char *quote(PGconn *conn, const char *name)
{
	return name ? PQescapeIdentifier(conn, name, strlen(name)) : NULL;
}

/* Quotes the mapped columns and makes the FROM of the rows: the table's
 * SELECT, or the query without the semicolon psql users end it with. */
static churn_status quote_names(PGconn *conn, const pushdown_src *src, const load_map *m,
                                pd_names *n, churn_err *err)
{
	char line[200];

	memset(n, 0, sizeof *n);
	if (src->table != NULL) {
		char *q = pg_session_quote_table(conn, src->table);
		strbuf b = STRBUF_INIT;
		if (q == NULL)
			return churn_err_at(err, CHURN_EUSAGE, src->name, 0, 0,
			                    "--table: not a table name: %s",
			                    pg_session_message(NULL, conn, line, sizeof line));
		strbuf_printf(&b, "SELECT * FROM %s", q);
		free(q);
		n->from = b.oom ? NULL : strbuf_take(&b);
	} else {
		strbuf b = STRBUF_INIT;
		size_t len = strlen(src->query);
		while (len > 0 && strchr(" \t\r\n;", src->query[len - 1]) != NULL)
			len--;
		/* On a line of its own: a query ending in a -- comment would
		 * otherwise comment out what follows it. */
		strbuf_printf(&b, "%.*s\n", (int)len, src->query);
		n->from = b.oom ? NULL : strbuf_take(&b);
	}
	if (n->from == NULL || (n->by = calloc(m->nby + 1, sizeof *n->by)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	n->id = quote(conn, m->id);
	n->start = quote(conn, m->start);
	n->end = quote(conn, m->end);
	for (; n->nby < m->nby; n->nby++)
		if ((n->by[n->nby] = quote(conn, m->by[n->nby])) == NULL)
			break;
	if ((m->id && !n->id) || !n->start || (m->end && !n->end) || n->nby < m->nby)
		return churn_err_at(err, CHURN_EUSAGE, src->name, 0, 0, "a column name: %s",
		                    pg_session_message(NULL, conn, line, sizeof line));
	return CHURN_OK;
}

churn_status pd_run(PGconn *conn, const char *sql, ExecStatusType want, PGresult **res,
                        const char *name, churn_err *err)
{
	char line[200];

	*res = NULL;
	if (sql == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	/* The extended protocol runs one statement: a --query that holds
	 * "COMMIT; SET ... read_only = off; ..." is refused, not run. */
	PGresult *r = PQexecParams(conn, sql, 0, NULL, NULL, NULL, NULL, 0);
	if (PQresultStatus(r) != want) {
		churn_status st = churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
		                               "the database query failed: %s",
		                               pg_session_message(r, conn, line, sizeof line));
		PQclear(r);
		return st;
	}
	*res = r;
	return CHURN_OK;
}

static long cell_long(const PGresult *r, int row, int col)
{
	return strtol(PQgetvalue(r, row, col), NULL, 10);
}

/* The rows the push-down cannot judge (pushdown_sql.h's PD_FORM_*):
 * CHURN_EUSAGE naming the column, or CHURN_OK when there are none. */
static churn_status check_forms(const long *form, const load_map *m, const char *name,
                                churn_err *err)
{
	const char *col[3] = {m->start, m->end, m->value};

	for (int k = 0; k < 2; k++)
		if (form[k] > 0)
			return churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
			                    "--push-down reads a text column's dates as yyyy-mm-dd only, "
			                    "and %ld values of column '%s' are dates in another form "
			                    "(a time, an offset, day/month/year, epoch seconds: the "
			                    "loader reads them, docs/inputs.md); store the column as a "
			                    "date, cast it in --query (%s::date), or run without "
			                    "--push-down", form[k], col[k], col[k]);
	if (form[2] > 0)
		return churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
		                    "--push-down reads plain numbers only, and %ld values of "
		                    "--value %s are numbers written with a currency or separators; "
		                    "run without --push-down", form[2], col[2]);
	return CHURN_OK;
}

/* The bad rows of the counts (their groups: `bad` not NULL), counted by
 * rule with the repeated ids: CHURN_EDATA naming them when there is any,
 * or when no row is good; CHURN_EUSAGE for a row the SQL cannot judge
 * (check_forms).  Else sets p->rows_read and *latest.  The customers are
 * column `ncount`, the latest date the next. */
static churn_status check_rows(const PGresult *r, int ncount, long dup, const load_map *m,
                               const char *name, pushdown_surv *p, int32_t *latest,
                               churn_err *err)
{
	long bad[LOAD_NREASONS] = {0}, form[3] = {0}, nbad = dup, good = 0;
	int rows = PQntuples(r), last = ncount + 1;
	strbuf b = STRBUF_INIT;
	churn_status st = CHURN_OK;

	bad[LOAD_BAD_DUPLICATE] = dup;
	for (int i = 0; i < rows; i++) {
		long n = cell_long(r, i, ncount);
		p->rows_read += n;
		if (PQgetisnull(r, i, 0)) {
			int32_t d = (int32_t)cell_long(r, i, last);
			*latest = good == 0 || d > *latest ? d : *latest;
			good += n;
			continue;
		}
		long k = cell_long(r, i, 0);
		if (k >= 0 && k < LOAD_NREASONS)
			bad[k] += n;
		else if (k >= PD_FORM_START && k <= PD_FORM_VALUE)
			form[k - PD_FORM_START] += n;
		nbad += n;
	}
	if ((st = check_forms(form, m, name, err)) != CHURN_OK)
		return st;
	for (int k = 0; k < LOAD_NREASONS; k++)
		if (bad[k] > 0)
			strbuf_printf(&b, "%s%ld %s%s", b.len ? ", " : "", bad[k],
			              load_reason_name((load_reason)k),
			              /* the loader reads more forms (2023-11-01 08:00) */
			              k == LOAD_BAD_DATE ? " (text dates: yyyy-mm-dd only)" : "");
	if (nbad > 0)
		st = churn_err_at(err, CHURN_EDATA, name, 0, 0,
		                  "%ld of %ld rows would be bad rows (%s): --push-down needs every "
		                  "row good; run without --push-down to see them (--rejects FILE "
		                  "lists them all)", nbad, p->rows_read, b.s ? b.s : "");
	else if (good == 0)
		st = churn_err_at(err, CHURN_EDATA, name, 0, 0, "no rows to analyse");
	strbuf_reset(&b);
	return st;
}

/* The counts' rows (all good) as the table of pushdown.h: the survival's
 * (ev, k) or, with `cohorts`, the cohorts' (first signup and churn days). */
static churn_status build_table(const PGresult *r, const load_map *m, int cohorts,
                                pushdown_surv *p, churn_err *err)
{
	size_t n = (size_t)PQntuples(r), nby = m->nby;
	const char **lv = malloc((n ? n : 1) * sizeof *lv);
	int32_t *start = malloc((n ? n : 1) * sizeof *start);
	int32_t *end = malloc((n ? n : 1) * sizeof *end);
	double *w = malloc((n ? n : 1) * sizeof *w);
	double *sums = m->value != NULL && cohorts ? malloc((n ? n : 1) * 5 * sizeof *sums) : NULL;
	static const char *const sum_names[4] = PUSHDOWN_VALUE_SUMS;
	churn_status st = CHURN_OK;

	p->customers = 0;
	if (lv == NULL || start == NULL || end == NULL || w == NULL ||
	    (m->value != NULL && cohorts && sums == NULL) || (p->t = table_new(n)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto out;
	}
	/* columns: bad, the levels, ev and k (or the two days), the rows, the
	 * latest date */
	for (size_t j = 0; j < nby && st == CHURN_OK; j++) {
		for (size_t i = 0; i < n; i++)
			lv[i] = PQgetisnull(r, (int)i, (int)j + 1) ? NULL
			                                            : PQgetvalue(r, (int)i, (int)j + 1);
		if (table_add_cat(p->t, m->by[j], lv) == NULL)
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		int32_t a = (int32_t)cell_long(r, (int)i, (int)nby + 1);
		int32_t k = (int32_t)cell_long(r, (int)i, (int)nby + 2);
		if (cohorts) {  /* a: the first signup day, k: the first churn day */
			start[i] = a;
			end[i] = PQgetisnull(r, (int)i, (int)nby + 2) ? TABLE_DATE_NA : k;
		} else {        /* a: churned, k: the days (active: the start day) */
			start[i] = a ? 0 : k;  /* active: the time is as_of - start */
			end[i] = a ? k : TABLE_DATE_NA;
		}
		w[i] = (double)cell_long(r, (int)i, (int)nby + 3);
		p->customers += (long)w[i];
		/* the value sums (columns nby + 5 on), and the mean as the value */
		for (size_t s = 0; sums != NULL && s < 4; s++)
			sums[s * n + i] = strtod(PQgetvalue(r, (int)i, (int)(nby + 5 + s)), NULL);
		if (sums != NULL)
			sums[4 * n + i] = sums[i] > 0 ? sums[2 * n + i] / sums[i] : NAN;
	}
	for (int k = 0; sums != NULL && st == CHURN_OK && k < 5; k++)
		if (table_add_num(p->t, k < 4 ? sum_names[k] : m->value, sums + (size_t)k * n) == NULL)
			st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if (st == CHURN_OK &&
	    (table_add_date(p->t, m->start, start) == NULL ||
	     (m->end != NULL && table_add_date(p->t, m->end, end) == NULL) ||
	     table_add_num(p->t, PUSHDOWN_WEIGHT, w) == NULL))
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
out:
	free(lv);
	free(start);
	free(end);
	free(w);
	free(sums);
	return st;
}

/* The kind of a column of the types statement (pg_type's OIDs: date
 * 1082, timestamp 1114, timestamptz 1184). */
static pd_kind kind_of(const PGresult *r, int col)
{
	switch (PQftype(r, col)) {
	case 1082: return PD_DATE;
	case 1114: return PD_TIMESTAMP;
	case 1184: return PD_TIMESTAMPTZ;
	default: return PD_TEXT;
	}
}

/* The roles the loader refuses to share (loadrow.c, assign): a --by that is
 * also the id or a date is refused with its message; a --by given twice
 * is refused by the command line already (cmd_load.c), and here again for
 * a caller of the library (the counts' table holds a column once). */
static churn_status check_roles(const load_map *m, const char *name, churn_err *err)
{
	const char *roles[3][2] = {{m->id, "--id"}, {m->start, "--start"}, {m->end, "--end"}};

	for (size_t j = 0; j < m->nby; j++) {
		for (int r = 0; r < 3; r++)
			if (roles[r][0] != NULL && strcmp(roles[r][0], m->by[j]) == 0)
				return churn_err_set(err, CHURN_EUSAGE,
				                     "column '%s' is given to %s and to --by",
				                     m->by[j], roles[r][1]);
		for (size_t k = 0; k < j; k++)
			if (strcmp(m->by[k], m->by[j]) == 0)
				return churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
				                    "--push-down: --by %s is given twice; give it once",
				                    m->by[j]);
	}
	return CHURN_OK;
}

/* The statements up to the counts (the third, survival's or the
 * cohorts'), in one read-only snapshot: *counts the result, the rows
 * checked (check_rows), p->as_of set; nm and c filled (nm owns c's
 * names, pd_names_free also after a failure). */
static churn_status run_checks(PGconn *conn, const pushdown_src *src, const load_map *m,
                               const load_opts *lo, int cohorts, pd_names *nm, pd_cols *c,
                               pushdown_surv *p, PGresult **counts, churn_err *err)
{
	PGresult *res = NULL;
	int32_t latest = 0;
	long dup = 0;
	char *sql = NULL;
	churn_status st = check_roles(m, src->name, err);

	*counts = NULL;
	memset(nm, 0, sizeof *nm);
	if (st != CHURN_OK)
		return st;
	st = quote_names(conn, src, m, nm, err);
	if (st == CHURN_OK && cohorts && m->value != NULL &&
	    (nm->value = quote(conn, m->value)) == NULL)
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
	*c = (pd_cols){.from = nm->from, .id = nm->id, .start = nm->start, .end = nm->end,
	               .value = nm->value,
	               .by = (const char *const *)nm->by, .nby = nm->nby,
	               .date_min = lo->date_min, .date_max = lo->date_max,
	               .open_end = lo->open_end, .has_as_of = lo->has_as_of, .as_of = lo->as_of};
	if (st == CHURN_OK)
		st = pd_run(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", PGRES_COMMAND_OK,
		            &res, src->name, err);
	PQclear(res);
	res = NULL;
	if (st == CHURN_OK)
		st = pd_run(conn, sql = pd_sql_types(c), PGRES_TUPLES_OK, &res, src->name, err);
	if (st == CHURN_OK && PQnfields(res) == 2) {
		c->start_kind = kind_of(res, 0);
		c->end_kind = kind_of(res, 1);
	}
	PQclear(res);
	res = NULL;
	free(sql);
	sql = NULL;
	if (st == CHURN_OK)
		st = pd_run(conn, sql = pd_sql_repeats(c), PGRES_TUPLES_OK, &res, src->name, err);
	if (st == CHURN_OK && PQntuples(res) == 1 && PQnfields(res) == 1)
		dup = cell_long(res, 0, 0);
	PQclear(res);
	res = NULL;
	free(sql);
	sql = NULL;
	if (st == CHURN_OK)
		st = pd_run(conn, sql = (cohorts ? pd_sql_cohorts : pd_sql_survival)(c),
		            PGRES_TUPLES_OK, &res, src->name, err);
	free(sql);
	if (st == CHURN_OK && PQnfields(res) != (int)m->nby + 5 + (c->value != NULL ? 4 : 0))
		st = churn_err_at(err, CHURN_EUSAGE, src->name, 0, 0,
		                  "the database sent an unexpected result");
	if (st == CHURN_OK)
		st = check_rows(res, (int)m->nby + 3, dup, m, src->name, p, &latest, err);
	p->as_of = lo->has_as_of ? lo->as_of : latest;
	if (st != CHURN_OK) {
		PQclear(res);
		return st;
	}
	*counts = res;
	return CHURN_OK;
}

/* The statements, in one read-only snapshot. */
static churn_status run_all(PGconn *conn, const pushdown_src *src, const load_map *m,
                            const load_opts *lo, int cohorts, pushdown_surv *p,
                            churn_err *err)
{
	pd_names nm;
	pd_cols c;
	PGresult *res = NULL;
	churn_status st = run_checks(conn, src, m, lo, cohorts, &nm, &c, p, &res, err);

	if (st == CHURN_OK)
		st = build_table(res, m, cohorts, p, err);
	PQclear(res);
	pd_names_free(&nm);
	return st;
}

churn_status pd_open_checked(const pushdown_src *src, const load_map *m, const load_opts *lo,
                             const char *const *extra, size_t nextra, PGconn **conn,
                             pd_names *nm, pd_cols *c, pushdown_surv *p, churn_err *err)
{
	load_map nob = *m;
	PGresult *res = NULL;
	churn_status st;

	memset(p, 0, sizeof *p);
	memset(nm, 0, sizeof *nm);
	nob.nby = 0;  /* the model's statements group by nothing */
	*conn = NULL;
	if (m->start == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--push-down checks the rows from their dates: give --start COL");
	if ((st = pg_session_open(src->conninfo, src->name, conn, err)) != CHURN_OK)
		return st;
	st = run_checks(*conn, src, &nob, lo, 0, nm, c, p, &res, err);
	PQclear(res);
	c->extra = extra;
	c->nextra = nextra;
	return st;
}

static churn_status push_down(const pushdown_src *src, const load_map *map,
                              const load_opts *lo, int cohorts, pushdown_surv *out,
                              churn_err *err)
{
	PGconn *conn = NULL;
	churn_status st;

	memset(out, 0, sizeof *out);
	if (map->start == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--push-down counts customers from dates: give --start COL");
	if ((st = pg_session_open(src->conninfo, src->name, &conn, err)) == CHURN_OK)
		st = run_all(conn, src, map, lo, cohorts, out, err);
	PQfinish(conn);  /* the transaction, read-only, ends with the session */
	return st;
}

churn_status pushdown_survival(const pushdown_src *src, const load_map *map,
                               const load_opts *lo, pushdown_surv *out, churn_err *err)
{
	return push_down(src, map, lo, 0, out, err);
}

churn_status pushdown_cohorts(const pushdown_src *src, const load_map *map,
                              const load_opts *lo, pushdown_surv *out, churn_err *err)
{
	return push_down(src, map, lo, 1, out, err);
}
