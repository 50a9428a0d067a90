/*
 * report_words.h - the report's names and money: --label (and the report
 * definition's [labels]) and --currency, read into what report_input
 * carries (include/churnkit/labels.h, include/churnkit/fmtnum.h).
 */
#ifndef CHURNKIT_CLI_REPORT_WORDS_H
#define CHURNKIT_CLI_REPORT_WORDS_H

#include "churnkit/labels.h"
#include "options.h"

/* Every --label in order (the report definition's first, so the command
 * line wins) into a new map in *out (free with labels_free), checked
 * against the loaded table t.  CHURN_EUSAGE naming a malformed label or
 * one for a column or level the input does not have. */
churn_status cli_labels_read(const cli_opts *o, const table *t, labelmap **out,
                             churn_err *err);

/* --currency as an upper-case ISO 4217 code in buf (n >= 4), *code pointing
 * at it, or NULL when not given.  CHURN_EUSAGE when it is not three
 * letters. */
churn_status cli_currency_read(const cli_opts *o, char *buf, size_t n, const char **code,
                               churn_err *err);

#endif
