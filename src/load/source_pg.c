/* source_pg.c - a PostgreSQL table or query read as CSV through COPY; see
 * include/churnkit/source_pg.h. */
#include "churnkit/source_pg.h"
#include "pg_session.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
	PGconn *conn;
	char *row;          /* the row PQgetCopyData returned last (PQfreemem) */
	size_t len, pos;    /* its bytes, and the next to hand out */
	int ended;          /* 1 once the COPY has ended well */
} pg_reader;

char *source_pg_name(const char *table, char *buf, size_t n)
{
	snprintf(buf, n, "postgresql:%s", table ? table : "query");
	return buf;
}

/* libpq's message `m` on one line, without the severity libpq puts
 * first ("ERROR:  "), into buf. */
static const char *one_line(const char *m, char *buf, size_t n)
{
	size_t k;
	if (m == NULL || *m == '\0')
		m = "no message from the server";
	if (strncmp(m, "ERROR:  ", 8) == 0 || strncmp(m, "FATAL:  ", 8) == 0)
		m += 8;
	k = strcspn(m, "\r\n");
	while (k > 0 && (m[k - 1] == ' ' || m[k - 1] == '\t'))
		k--;
	snprintf(buf, n, "%.*s", (int)k, m);
	return buf;
}

/* A failed statement's message: its primary text when the server sent
 * one, else the connection's. */
static const char *result_message(const PGresult *res, PGconn *conn, char *buf, size_t n)
{
	const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	return one_line(m ? m : PQerrorMessage(conn), buf, n);
}

/* libpq's notices (a NOTICE from the query) would go to stderr: the
 * library prints nothing. */
static void quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* 1 when s holds "pass" in any case. */
static int says_pass(const char *s)
{
	for (; *s; s++)
		if (strncasecmp(s, "pass", 4) == 0)
			return 1;
	return 0;
}

churn_status source_pg_check_conninfo(const char *conninfo, const char *name,
                                      churn_err *err)
{
	char *msg = NULL, line[200];
	PQconninfoOption *opts = PQconninfoParse(conninfo, &msg);
	int has_password = 0;

	if (opts == NULL) {
		/* libpq's message may quote a piece of the string: only when it
		 * could hold no password. */
		int may_quote = strchr(conninfo, '@') == NULL && !says_pass(conninfo);
		churn_status st = churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
		                               "--db: not a libpq connection string or URI%s%s",
		                               msg && may_quote ? ": " : "",
		                               msg && may_quote ? one_line(msg, line, sizeof line) : "");
		PQfreemem(msg);
		return st;
	}
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL && o->val[0] != '\0')
			has_password = 1;
	PQconninfoFree(opts);
	if (has_password)
		return churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
		                    "--db holds a password: give it in PGPASSWORD or ~/.pgpass "
		                    "instead, never on the command line or in a report definition");
	return CHURN_OK;
}

static void reader_close(void *ctx)
{
	pg_reader *r = ctx;
	if (r == NULL)
		return;
	PQfreemem(r->row);
	PQfinish(r->conn);  /* a COPY still under way is abandoned */
	free(r);
}

/* After PQgetCopyData's end: the statement's own result says whether it
 * ran to its end (an error in a query shows here). */
static churn_status copy_end(pg_reader *r, const char *name, churn_err *err)
{
	PGresult *res;
	churn_status st = CHURN_OK;
	char line[200];

	while ((res = PQgetResult(r->conn)) != NULL) {
		if (st == CHURN_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
			st = churn_err_at(err, CHURN_EUSAGE, name, 0, 0, "the database query failed: %s",
			                  result_message(res, r->conn, line, sizeof line));
		PQclear(res);
	}
	r->ended = st == CHURN_OK;
	return st;
}

static churn_status reader_read(void *ctx, unsigned char *buf, size_t n, size_t *got,
                                const char *name, churn_err *err)
{
	pg_reader *r = ctx;
	size_t done = 0;
	char line[200];
	churn_status st;

	*got = 0;
	while (done < n) {
		if (r->pos < r->len) {
			size_t k = r->len - r->pos < n - done ? r->len - r->pos : n - done;
			memcpy(buf + done, r->row + r->pos, k);
			r->pos += k;
			done += k;
			continue;
		}
		if (r->ended)
			break;
		PQfreemem(r->row);
		r->row = NULL;
		r->len = r->pos = 0;
		int k = PQgetCopyData(r->conn, &r->row, 0);
		if (k > 0) {
			r->len = (size_t)k;
		} else if (k == -1) {
			if ((st = copy_end(r, name, err)) != CHURN_OK)
				return st;
		} else {
			return churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
			                    "reading from the database failed: %s",
			                    one_line(PQerrorMessage(r->conn), line, sizeof line));
		}
	}
	*got = done;
	return CHURN_OK;
}

static const source_reader pg_ops = { reader_read, reader_close };

/* "schema.table" (split at the first dot) with each part quoted as an
 * identifier.  A new string (free), or NULL. */
static char *quote_split(PGconn *conn, const char *table)
{
	const char *dot = strchr(table, '.');
	size_t n1 = dot ? (size_t)(dot - table) : strlen(table);
	char *a = PQescapeIdentifier(conn, table, n1), *b = NULL, *out = NULL;

	if (a == NULL)
		return NULL;
	if (dot != NULL && (b = PQescapeIdentifier(conn, dot + 1, strlen(dot + 1))) == NULL) {
		PQfreemem(a);
		return NULL;
	}
	size_t len = strlen(a) + (b ? strlen(b) + 1 : 0) + 1;
	if ((out = malloc(len)) != NULL)
		snprintf(out, len, "%s%s%s", a, b ? "." : "", b ? b : "");
	PQfreemem(a);
	PQfreemem(b);
	return out;
}

/* Whether the SQL name q (quoted) names a relation the session sees. */
static int relation_exists(PGconn *conn, const char *q)
{
	const char *params[1] = {q};
	PGresult *res = PQexecParams(conn, "SELECT to_regclass($1) IS NOT NULL", 1, NULL, params,
	                             NULL, NULL, 0);
	int yes = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
	          strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	return yes;
}

/* The table name as SQL: each part of "schema.table" (split at the first
 * dot) quoted as an identifier; when no such table exists but one named
 * by the whole text does ("v1.2 export"), that one.  A new string (free),
 * or NULL. */
static char *quote_table(PGconn *conn, const char *table)
{
	const char *dot = strchr(table, '.');
	char *split = quote_split(conn, table), *whole;

	if (split == NULL || dot == NULL || relation_exists(conn, split))
		return split;
	if ((whole = PQescapeIdentifier(conn, table, strlen(table))) == NULL)
		return split;
	if (relation_exists(conn, whole)) {
		free(split);
		split = strdup(whole);
	}
	PQfreemem(whole);
	return split;
}

/* The COPY statement for a table or a query.  A new string, or NULL. */
static char *copy_sql(PGconn *conn, const char *table, const char *query)
{
	static const char head[] = "COPY (", tail[] = ") TO STDOUT WITH (FORMAT csv, HEADER)";
	static const char select[] = "SELECT * FROM ";
	char *quoted = NULL, *sql;
	size_t qlen;

	if (table != NULL) {
		if ((quoted = quote_table(conn, table)) == NULL)
			return NULL;
		query = quoted;
	}
	qlen = strlen(query);
	/* A query ending in a semicolon (as typed in psql) is one statement. */
	while (table == NULL && qlen > 0 && strchr(" \t\r\n;", query[qlen - 1]) != NULL)
		qlen--;
	/* A query's end on a line of its own: a query ending in a -- comment
	 * would otherwise comment out the tail. */
	size_t len = sizeof head + (table ? sizeof select : 1) + qlen + sizeof tail;
	if ((sql = malloc(len)) != NULL)
		snprintf(sql, len, "%s%s%.*s%s%s", head, table ? select : "", (int)qlen, query,
		         table ? "" : "\n", tail);
	free(quoted);
	return sql;
}

/* Connects; the session reads UTF-8, writes ISO dates and is read-only,
 * so that a --query cannot change the database (COPY (DELETE ...
 * RETURNING *) fails). */
static churn_status connect_db(pg_reader *r, const char *conninfo, const char *name,
                               churn_err *err)
{
	static const char *const keys[] = { "dbname", "fallback_application_name", NULL };
	const char *vals[] = { conninfo, "churnkit", NULL };
	char line[200];
	PGresult *res;

	r->conn = PQconnectdbParams(keys, vals, 1);
	if (r->conn == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if (PQstatus(r->conn) != CONNECTION_OK)
		return churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
		                    "cannot connect to the database: %s",
		                    one_line(PQerrorMessage(r->conn), line, sizeof line));
	PQsetNoticeProcessor(r->conn, quiet_notice, NULL);
	if (PQsetClientEncoding(r->conn, "UTF8") != 0)
		return churn_err_at(err, CHURN_EUSAGE, name, 0, 0,
		                    "the database cannot send UTF-8: %s",
		                    one_line(PQerrorMessage(r->conn), line, sizeof line));
	res = PQexec(r->conn, "SET DateStyle = ISO; SET default_transaction_read_only = on");
	churn_status st = CHURN_OK;
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		st = churn_err_at(err, CHURN_EUSAGE, name, 0, 0, "the database session failed: %s",
		                  result_message(res, r->conn, line, sizeof line));
	PQclear(res);
	return st;
}

churn_status source_open_pg(const char *conninfo, const char *table, const char *query,
                            const char *name, source **out, churn_err *err)
{
	char namebuf[256], line[200];
	pg_reader *r;
	churn_status st;
	char *sql;

	*out = NULL;
	if (name == NULL)
		name = source_pg_name(table, namebuf, sizeof namebuf);
	if ((st = source_pg_check_conninfo(conninfo, name, err)) != CHURN_OK)
		return st;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if ((st = connect_db(r, conninfo, name, err)) != CHURN_OK) {
		reader_close(r);
		return st;
	}
	if ((sql = copy_sql(r->conn, table, query)) == NULL) {
		st = churn_err_at(err, CHURN_EUSAGE, name, 0, 0, "--table: not a table name: %s",
		                  one_line(PQerrorMessage(r->conn), line, sizeof line));
		reader_close(r);
		return st;
	}
	/* The extended protocol runs one statement: a --query that holds
	 * "...) TO STDOUT; COMMIT; SET ... read_only = off; ..." is refused,
	 * not run (and never two COPYs). */
	PGresult *res = PQexecParams(r->conn, sql, 0, NULL, NULL, NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(res) != PGRES_COPY_OUT) {
		st = churn_err_at(err, CHURN_EUSAGE, name, 0, 0, "the database query failed: %s",
		                  result_message(res, r->conn, line, sizeof line));
		PQclear(res);
		reader_close(r);
		return st;
	}
	PQclear(res);
	return source_open_reader(&pg_ops, r, name, out, err);
}

/* The session of source_pg.c for the push-down (pg_session.h). */
churn_status pg_session_open(const char *conninfo, const char *name, PGconn **out,
                             churn_err *err)
{
	pg_reader r = {0};
	churn_status st = source_pg_check_conninfo(conninfo, name, err);

	if (st == CHURN_OK && (st = connect_db(&r, conninfo, name, err)) != CHURN_OK) {
		PQfinish(r.conn);
		r.conn = NULL;
	}
	*out = r.conn;
	return st;
}

const char *pg_session_message(const PGresult *res, PGconn *conn, char *buf, size_t n)
{
	return result_message(res, conn, buf, n);
}

char *pg_session_quote_table(PGconn *conn, const char *table)
{
	return quote_table(conn, table);
}
