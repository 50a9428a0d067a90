/*
 * source_pg.h - a table or a query of a PostgreSQL database as a source
 * (source.h), read through libpq.
 *
 * The source connects with a libpq connection string or URI, runs
 *
 *     COPY (SELECT * FROM <table>) TO STDOUT WITH (FORMAT csv, HEADER)
 *     COPY (<query>) TO STDOUT WITH (FORMAT csv, HEADER)
 *
 * and hands out the CSV bytes the server sends, a row at a time as
 * PQgetCopyData returns them, so that the loader reads them as it reads a
 * file: every option, check and bad-row message is the loader's own.  Line
 * 1 is the header; line N of a message is row N-1 of the result (when no
 * value holds a line break).  The session asks for UTF-8 (client_encoding)
 * and ISO dates (DateStyle), whatever the server's or the role's defaults,
 * and is read-only (default_transaction_read_only): a query that would
 * change the database fails.
 *
 * The password is never taken from the connection string: one holding a
 * password (password=..., or user:password@ in a URI) is refused before
 * connecting, and libpq finds it in PGPASSWORD or ~/.pgpass.  No message
 * repeats the connection string.  A connection or SQL error is CHURN_EUSAGE
 * (exit 2) naming the source, with libpq's message on one line; one that
 * happens while the rows stream comes from source_read.
 *
 * Ownership: source_open_pg returns a new source holding the connection;
 * source_free closes it.
 */
#ifndef CHURNKIT_SOURCE_PG_H
#define CHURNKIT_SOURCE_PG_H

#include <stddef.h>

#include "churnkit/err.h"
#include "churnkit/source.h"

/* The name messages use for a table or a query: "postgresql:TABLE", or
 * "postgresql:query" when `table` is NULL; written into buf (truncated to
 * n bytes); returns buf. */
char *source_pg_name(const char *table, char *buf, size_t n);

/* CHURN_EUSAGE when `conninfo` is not a connection string or URI libpq can
 * read, or when it holds a password; CHURN_OK otherwise.  Connects to
 * nothing.  `name` names the input in the message. */
churn_status source_pg_check_conninfo(const char *conninfo, const char *name,
                                      churn_err *err);

/* Connects with `conninfo` and starts the COPY of `table` (a name, quoted
 * as an identifier: "schema.table" is the table in that schema, split at
 * its first dot) or, when `table` is NULL, of `query` (one SELECT or other
 * statement COPY accepts, without a trailing semicolon; one is dropped).
 * The source is named `name` (NULL = source_pg_name's).  CHURN_EUSAGE for
 * a refused connection string, a failed connection or a failed statement;
 * CHURN_ENOMEM. */
churn_status source_open_pg(const char *conninfo, const char *table, const char *query,
                            const char *name, source **out, churn_err *err);

#endif
