/*
 * pg_session.h - the PostgreSQL session of source_pg.c, shared with the
 * push-down (pushdown.h): libpq's types, so src/load only.
 *
 * pg_session_open checks the connection string (no password: see
 * source_pg.h), connects and sets the session as the COPY source does
 * (UTF-8, ISO dates, read-only).  On success *out is the connection
 * (PQfinish it); on failure *out is NULL and err names `name`.
 * pg_session_message: a failed statement's message on one line, into buf.
 * pg_session_quote_table: "schema.table" (split at the first dot) quoted
 * as identifiers; a new string (free), or NULL.
 */
#ifndef CHURNKIT_PG_SESSION_H
#define CHURNKIT_PG_SESSION_H

#include <libpq-fe.h>
#include <stddef.h>

#include "churnkit/err.h"

churn_status pg_session_open(const char *conninfo, const char *name, PGconn **out,
                             churn_err *err);
const char *pg_session_message(const PGresult *res, PGconn *conn, char *buf, size_t n);
char *pg_session_quote_table(PGconn *conn, const char *table);

#endif
