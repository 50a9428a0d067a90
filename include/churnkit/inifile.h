/*
 * inifile.h - the report definition's INI syntax, read whole lines at a
 * time, with every line of any length.
 *
 * The syntax is inih's as Debian builds it (libinih-dev 55: comments start
 * with ';' or '#', an inline comment is a ';' after whitespace, a byte-order
 * mark is skipped, "[section]" groups keys, "name = value" or
 * "name : value" with the blanks around both stripped; in a section named
 * [labels] only '=' ends the name, which may hold ':' as "COL:LEVEL").  It is parsed here
 * rather than by inih, because that build reads lines into a 200-byte
 * buffer (INI_MAX_LINE 200, INI_ALLOW_REALLOC 0): a longer line is split
 * and its tail read as a line of its own.  What inih would do in silence
 * is refused here with the line named: a continuation line (an indented
 * line after a key, which inih's INI_ALLOW_MULTILINE hands to the handler
 * as a second value of that key, silently replacing a scalar), a NUL byte,
 * a section without its ']'.
 * docs/outputs.md lists the rules.
 *
 * Errors are CHURN_EUSAGE records "FILE:LINE: message"; a file that cannot
 * be read is CHURN_EIO; a directory is CHURN_EUSAGE.  The parser allocates
 * nothing but the caller's callback may; it never prints.
 */
#ifndef CHURNKIT_INIFILE_H
#define CHURNKIT_INIFILE_H

#include <stddef.h>

#include "churnkit/err.h"

/* The most bytes a report definition may have. */
#define INIFILE_MAX_BYTES (1L << 20)

/* Called once per "name = value" in file order: section (may be ""), name
 * and value are NUL-terminated and valid during the call only; line is the
 * 1-based physical line.  A status other than CHURN_OK (with err filled)
 * stops the parse and is returned as it is. */
typedef churn_status (*inifile_fn)(void *user, const char *section, const char *name,
                                   const char *value, long line, churn_err *err);

/* Parses buf[0..len) (need not be NUL-terminated; `path` names it in
 * messages) and calls fn for each value.  Returns CHURN_OK, the first
 * syntax error (CHURN_EUSAGE naming path and line), or fn's first failure;
 * CHURN_ENOMEM when a line cannot be copied. */
churn_status inifile_parse(const char *buf, size_t len, const char *path, inifile_fn fn,
                           void *user, churn_err *err);

/* Reads the file at path whole (a regular file, a FIFO or a pipe, read
 * once) and parses it as inifile_parse does.  CHURN_EIO when it cannot be
 * opened or read; CHURN_EUSAGE when it is a directory or larger than
 * INIFILE_MAX_BYTES. */
churn_status inifile_read(const char *path, inifile_fn fn, void *user, churn_err *err);

#endif
