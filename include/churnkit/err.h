/*
 * err.h - one status type and one error record for every stage of churnkit.
 *
 * Every stage function returns a churn_status and takes a last argument
 * `churn_err *err`.  On failure it fills the record (code, file, line,
 * column, message) and returns the same code, so that failing is one
 * statement:
 *
 *     return churn_err_at(err, CHURN_EDATA, path, line, col, "bad date '%s'", s);
 *
 * The record holds fixed-size buffers only: filling it never allocates, so an
 * out-of-memory condition can still be reported.  The library never prints;
 * only src/cli/main.c turns a record into a line on stderr
 * ("churnkit: FILE:LINE:COLUMN: message") and an exit status.
 * The caller owns the record; `err` may be NULL, in which case nothing is
 * recorded and only the code is returned.
 */
#ifndef CHURNKIT_ERR_H
#define CHURNKIT_ERR_H

#include <stddef.h>

typedef enum {
	CHURN_OK = 0,
	CHURN_EDATA,   /* the data cannot be analysed (exit 1) */
	CHURN_EUSAGE,  /* usage or configuration error (exit 2) */
	CHURN_EIO,     /* a file could not be read or written (exit 3) */
	CHURN_ENOMEM,  /* out of memory (exit 4) */
	CHURN_EMODEL   /* a model could not be fitted (exit 1) */
} churn_status;

/* The longest message: room for a count per bad-row rule (pushdown.c). */
#define CHURN_ERR_MSG 512

typedef struct {
	churn_status code;
	char file[512];  /* path the problem is in; "" when none */
	long line;       /* 1-based physical line; 0 = unknown */
	long col;        /* 1-based column (field number); 0 = unknown */
	char msg[CHURN_ERR_MSG];
} churn_err;

/* Resets `err` to CHURN_OK with no position and no message. */
void churn_err_clear(churn_err *err);

/* Records an error with a position and returns `code`.  `file` may be NULL.
 * A message longer than the buffer is truncated with "...". */
churn_status churn_err_at(churn_err *err, churn_status code, const char *file,
                          long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Records an error without a position and returns `code`. */
churn_status churn_err_set(churn_err *err, churn_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Formats the record as "FILE:LINE:COLUMN: message" (parts that are unknown
 * are left out) into `buf` of size `n`; returns `buf`. */
char *churn_err_format(const churn_err *err, char *buf, size_t n);

/* The exit status for a code: 0, 1 (data, model), 2 (usage,
 * configuration), 3 (I/O) or 4 (out of memory; docs/outputs.md). */
int churn_status_exit_code(churn_status code);

/* A short English name for a code ("data error", ...). */
const char *churn_status_name(churn_status code);

#endif
