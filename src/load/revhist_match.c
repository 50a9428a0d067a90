/* revhist_match.c - the revenue rows against the customers: ids matched
 * once per distinct text, months parsed once per distinct text, the rules
 * of revhist.h for each row, and duplicates per customer-month after a
 * stable counting sort. */
#include "revhist_rows.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "churnkit/date.h"
#include "churnkit/datetime.h"
#include "util/intern.h"

int32_t revhist_parse_month(const char *s)
{
	size_t len = strlen(s);
	int32_t d;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 7 && s[4] == '-') {
		int y = 0, m = 0;
		for (int k = 0; k < 7; k++) {
			if (k == 4)
				continue;
			if (s[k] < '0' || s[k] > '9')
				return MONTH_BAD;
			if (k < 4)
				y = y * 10 + (s[k] - '0');
			else
				m = m * 10 + (s[k] - '0');
		}
		if (y < 1 || m < 1 || m > 12)
			return MONTH_BAD;
		return (int32_t)(y * 12 + m - 1);
	}
	if (len == 10 && date_parse(s, len, NULL, &d))
		return date_month_index(d);
	/* A datetime (a timestamp column's): the month of its day in UTC, as
	 * the loader reads every date (datetime.h), so that the same text is
	 * the same day in the customers and in the revenue whatever time zone
	 * the database session writes it in: 2025-11-30 19:00:00-05 is
	 * December's. */
	if (len > 10 && (s[10] == 'T' || s[10] == ' ') && dt_parse(s, len, DT_ISO, NULL, &d))
		return date_month_index(d);
	return MONTH_BAD;
}

churn_status revhist_match_ids(const table_col *rid, const revhist_customers *c,
                               size_t **out, churn_err *err)
{
	intern *in = intern_new();
	size_t *row_of_code = malloc((c->id->nlevels + 1) * sizeof *row_of_code);
	size_t *res = malloc((rid->nlevels + 1) * sizeof *res);
	churn_status st = CHURN_OK;

	*out = NULL;
	if (in == NULL || row_of_code == NULL || res == NULL)
		goto nomem;
	for (size_t k = 0; k < c->id->nlevels; k++) {
		if (intern_add(in, c->id->levels[k], strlen(c->id->levels[k]), NULL) != k)
			goto nomem; /* the levels are distinct: index k */
		row_of_code[k] = SIZE_MAX;
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->id->codes[i] < c->id->nlevels)
			row_of_code[c->id->codes[i]] = i;
	for (size_t k = 0; k < rid->nlevels; k++) {
		const char *s = rid->levels[k];
		size_t len = strlen(s);
		uint32_t code;
		while (len > 0 && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		code = intern_find(in, s, len);
		res[k] = code == UINT32_MAX ? SIZE_MAX : row_of_code[code];
	}
	*out = res;
	res = NULL;
	goto done;
nomem:
	st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
done:
	intern_free(in);
	free(row_of_code);
	free(res);
	return st;
}

/* Marks the second and later rows of a customer-month among good rows. */
static churn_status mark_duplicates(revhist_rows *k, size_t ncust, int32_t m0, int32_t m1,
                                    churn_err *err)
{
	size_t nrows = k->t->nrows, nm = (size_t)(m1 - m0) + 1;
	size_t *count = calloc(ncust + 1, sizeof *count);
	size_t *order = malloc((nrows ? nrows : 1) * sizeof *order);
	size_t *stamp = calloc(nm, sizeof *stamp);   /* customer + 1 last seen */
	size_t *firstrow = malloc(nm * sizeof *firstrow);
	churn_status st = CHURN_OK;

	if (count == NULL || order == NULL || stamp == NULL || firstrow == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nrows; i++)
		if (!k->bad[i])
			count[k->cust_of[k->id->codes[i]] + 1]++;
	for (size_t c = 0; c < ncust; c++)
		count[c + 1] += count[c];
	for (size_t i = 0; i < nrows; i++)
		if (!k->bad[i])
			order[count[k->cust_of[k->id->codes[i]]]++] = i;
	/* count[c] is now the end of customer c's rows; rows keep line order. */
	for (size_t c = 0, lo = 0; c < ncust; lo = count[c], c++)
		for (size_t q = lo; q < count[c]; q++) {
			size_t i = order[q];
			size_t m = (size_t)(k->month_of[k->mon->codes[i]] - m0);
			if (stamp[m] == c + 1) {
				k->bad[i] = REVHIST_BAD_DUPLICATE + 1;
				k->first_line[i] = k->t->line != NULL ? k->t->line[firstrow[m]] : 0;
			} else {
				stamp[m] = c + 1;
				firstrow[m] = i;
			}
		}
done:
	free(count);
	free(order);
	free(stamp);
	free(firstrow);
	return st;
}

/* 1 when row i (id and month present) holds a 0 or empty MRR for a month
 * in or after its known customer's churn month (revhist.h). */
static int churn_zero(const revhist_rows *k, size_t i)
{
	uint32_t ic = k->id->codes[i], mc = k->mon->codes[i];
	double v = k->mrr->num[i];
	size_t row;
	int32_t m;
	if (k->c->end == NULL || ic == TABLE_CODE_NA || mc == TABLE_CODE_NA ||
	    !(isnan(v) || v == 0.0))
		return 0;
	if ((m = k->month_of[mc]) == MONTH_BAD || (row = k->cust_of[ic]) == SIZE_MAX ||
	    k->c->end[row] == TABLE_DATE_NA)
		return 0;
	return m >= date_month_index(k->c->end[row]);
}

churn_status revhist_mark_rows(revhist_rows *k, int32_t *m0, int32_t *m1,
                               churn_err *err)
{
	const revhist_customers *c = k->c;
	int32_t as_of_month = date_month_index(c->as_of);

	*m0 = INT32_MAX;
	*m1 = INT32_MIN;
	for (size_t i = 0; i < k->t->nrows; i++) {
		uint32_t ic = k->id->codes[i], mc = k->mon->codes[i];
		revhist_reason why = REVHIST_NREASONS;
		int32_t m;
		size_t row;
		double v = k->mrr->num[i];
		if (k->bad[i])
			continue; /* refused already (a wide history's cell) */
		if (ic == TABLE_CODE_NA || mc == TABLE_CODE_NA)
			why = REVHIST_BAD_MISSING;
		else if (isnan(v) && !churn_zero(k, i))
			why = REVHIST_BAD_MISSING;
		else if ((m = k->month_of[mc]) == MONTH_BAD)
			why = REVHIST_BAD_MONTH;
		else if ((row = k->cust_of[ic]) == SIZE_MAX)
			why = REVHIST_BAD_UNKNOWN;
		else if (c->start != NULL && m < date_month_index(c->start[row]))
			why = REVHIST_BAD_EARLY;
		else if (m > as_of_month)
			why = REVHIST_BAD_FUTURE;
		else if (churn_zero(k, i) && (isnan(v) || m > date_month_index(c->end[row]))) {
			/* A 0 or empty MRR in or after the churn month is the churn
			 * itself, as MRR exports write it: no MRR, not a reject. */
			k->bad[i] = REVHIST_DROP_CHURN;
			continue;
		} else if (c->end != NULL && c->end[row] != TABLE_DATE_NA &&
		         m > date_month_index(c->end[row]))
			why = REVHIST_BAD_AFTER_CHURN;
		else {
			if (m < *m0)
				*m0 = m;
			if (m > *m1)
				*m1 = m;
			continue;
		}
		k->bad[i] = (uint8_t)(why + 1);
	}
	if (*m0 <= *m1)
		return mark_duplicates(k, c->n, *m0, *m1, err);
	return CHURN_OK;
}

/* English month names, matched by their first three letters or in full. */
static int month_name(const char *s, size_t len)
{
	static const char *const names[12] = {"january", "february", "march", "april",
	                                      "may", "june", "july", "august",
	                                      "september", "october", "november",
	                                      "december"};
	for (int m = 0; m < 12; m++) {
		size_t n = strlen(names[m]);
		if ((len == 3 || len == n) && len <= n && strncasecmp(s, names[m], len) == 0)
			return m + 1;
	}
	return 0;
}

/* Reads exactly `len` digits; -1 when one is not a digit. */
static int digits(const char *s, size_t len)
{
	int v = 0;
	for (size_t k = 0; k < len; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

int32_t revhist_header_month(const char *s)
{
	size_t len = strlen(s);
	int y = -1, m = 0;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 7 && s[4] == '/')                                   /* 2017/01 */
		y = digits(s, 4), m = digits(s + 5, 2);
	else if (len == 7 && s[2] == '/')                              /* 01/2017 */
		m = digits(s, 2), y = digits(s + 3, 4);
	else if (len >= 8 && (s[4] == '-' || s[4] == ' ') && digits(s, 4) >= 0 &&
	         (m = month_name(s + 5, len - 5)) > 0)                 /* 2017-Jan */
		y = digits(s, 4);
	else if (len >= 8 && (s[len - 5] == '-' || s[len - 5] == ' ') &&
	         (m = month_name(s, len - 5)) > 0)                     /* Jan 2017 */
		y = digits(s + len - 4, 4);
	else {
		char buf[48];
		if (len >= sizeof buf)
			return MONTH_BAD;
		memcpy(buf, s, len);
		buf[len] = '\0';
		return revhist_parse_month(buf);                       /* 2017-01, 2017-01-01 */
	}
	if (y < 1 || m < 1 || m > 12)
		return MONTH_BAD;
	return (int32_t)(y * 12 + m - 1);
}
