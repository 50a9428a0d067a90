/* report_words.c - --label and --currency for the report; see
 * report_words.h. */
#include "config.h"

#include "report_words.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "churnkit/fmtnum.h"

churn_status cli_labels_read(const cli_opts *o, const table *t, labelmap **out,
                             churn_err *err)
{
	const opt_value *v = &o->v[OPT_LABEL];
	churn_status st = CHURN_OK;
	labelmap *m = labels_new();

	*out = NULL;
	if (m == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	for (size_t i = 0; i < v->n && st == CHURN_OK; i++)
		st = labels_add(m, v->values[i], v->origins[i], err);
	if (st == CHURN_OK)
		st = labels_check(m, t, err);
	if (st != CHURN_OK) {
		labels_free(m);
		return st;
	}
	*out = m;
	return CHURN_OK;
}

churn_status cli_currency_read(const cli_opts *o, char *buf, size_t n, const char **code,
                               churn_err *err)
{
	const char *s = opt_str(o, OPT_CURRENCY);
	char where[300];
	size_t i;

	*code = NULL;
	if (s == NULL)
		return CHURN_OK;
	for (i = 0; s[i] && i + 1 < n; i++)
		buf[i] = (char)toupper((unsigned char)s[i]);
	buf[i] = '\0';
	if (s[i] != '\0' || !fmtnum_currency_ok(buf))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--currency '%s'%s: expected an ISO 4217 code of three "
		                     "letters, such as EUR, USD or GBP", s,
		                     opt_origin(o, OPT_CURRENCY, where, sizeof where));
	*code = buf;
	return CHURN_OK;
}
