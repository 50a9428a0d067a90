/* kpi_period.c - period labels and bounds, the default reporting period, the
 * two-proportion z test and the reporting-period change; see
 * include/churnkit/kpi.h. */
#include "churnkit/kpi.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "churnkit/date.h"
#include "cohort/kpi_private.h"

churn_status kpi_period_parse(const char *s, kpi_period *p, churn_err *err)
{
	int y = 0, n = 0;
	size_t len = s != NULL ? strlen(s) : 0;

	if (len == 6 || len == 7) {
		for (int i = 0; i < 4; i++) {
			if (!isdigit((unsigned char)s[i]))
				goto bad;
			y = y * 10 + (s[i] - '0');
		}
		if (y < 1)
			goto bad;
		if (len == 6 && (s[4] == 'Q' || s[4] == 'q') && s[5] >= '1' && s[5] <= '4') {
			p->kind = KPI_QUARTER;
			p->index = (int32_t)(y * 4 + (s[5] - '1'));
			return CHURN_OK;
		}
		if (len == 7 && s[4] == '-' && isdigit((unsigned char)s[5]) &&
		    isdigit((unsigned char)s[6])) {
			n = (s[5] - '0') * 10 + (s[6] - '0');
			if (n >= 1 && n <= 12) {
				p->kind = KPI_MONTH;
				p->index = (int32_t)(y * 12 + n - 1);
				return CHURN_OK;
			}
		}
	}
bad:
	return churn_err_set(err, CHURN_EUSAGE,
	                     "period '%s': expected a quarter (2026Q3) or a month (2026-09)",
	                     s != NULL ? s : "");
}

char *kpi_period_format(kpi_period p, char buf[static 8])
{
	if (p.kind == KPI_QUARTER)
		return date_format_quarter(p.index, buf);
	return date_format_month(p.index, buf);
}

int32_t kpi_period_first_month(kpi_period p)
{
	return p.kind == KPI_QUARTER ? p.index * 3 : p.index;
}

int32_t kpi_period_last_month(kpi_period p)
{
	return p.kind == KPI_QUARTER ? p.index * 3 + 2 : p.index;
}

int32_t kpi_period_first_day(kpi_period p)
{
	return date_month_start(kpi_period_first_month(p));
}

int32_t kpi_period_last_day(kpi_period p)
{
	return date_month_start(kpi_period_last_month(p) + 1) - 1;
}

kpi_period kpi_default_period(int32_t as_of)
{
	kpi_period p;
	p.kind = KPI_QUARTER;
	p.index = date_quarter_index(as_of + 1) - 1;
	return p;
}

int kpi_prop_test(size_t c1, size_t s1, size_t c2, size_t s2, double *z, double *p)
{
	double p1, p2, pool, se;

	*z = NAN;
	*p = NAN;
	if (s1 == 0 || s2 == 0 || c1 > s1 || c2 > s2)
		return 0;
	p1 = (double)c1 / (double)s1;
	p2 = (double)c2 / (double)s2;
	pool = (double)(c1 + c2) / (double)(s1 + s2);
	if (pool <= 0.0 || pool >= 1.0)
		return 0;
	se = sqrt(pool * (1.0 - pool) * (1.0 / (double)s1 + 1.0 / (double)s2));
	*z = (p1 - p2) / se;
	*p = 2.0 * gsl_cdf_ugaussian_Q(fabs(*z));
	return 1;
}

const kpi_row *kpi_find(const kpi_result *r, kpi_period p)
{
	const kpi_row *rows = p.kind == KPI_QUARTER ? r->quarters : r->months;
	size_t n = p.kind == KPI_QUARTER ? r->nquarters : r->nmonths;
	if (n == 0 || p.index < rows[0].period.index)
		return NULL;
	if ((size_t)(p.index - rows[0].period.index) >= n)
		return NULL;
	return &rows[p.index - rows[0].period.index];
}

static double dsz(size_t a, size_t b)
{
	return (double)a - (double)b;
}

void kpi_change_fill(kpi_change *ch, const kpi_row *cur, const kpi_row *prev)
{
	memset(ch, 0, sizeof *ch);
	ch->d_start = ch->d_new = ch->d_churned = ch->d_end = NAN;
	ch->d_churn_rate = ch->d_retention_rate = NAN;
	ch->d_mrr_churned = ch->d_grr = ch->d_nrr = NAN;
	ch->z = ch->p_value = NAN;
	ch->test_note = "no reporting period";
	if (cur == NULL)
		return;
	ch->has_current = 1;
	ch->current = *cur;
	ch->test_note = "no previous period";
	if (prev == NULL)
		return;
	ch->has_previous = 1;
	ch->previous = *prev;
	ch->d_start = dsz(cur->n_start, prev->n_start);
	ch->d_new = dsz(cur->n_new, prev->n_new);
	ch->d_churned = dsz(cur->n_churned, prev->n_churned);
	ch->d_end = dsz(cur->n_end, prev->n_end);
	ch->d_churn_rate = cur->churn_rate - prev->churn_rate;
	ch->d_retention_rate = cur->retention_rate - prev->retention_rate;
	ch->d_mrr_churned = cur->mrr.mrr_churned - prev->mrr.mrr_churned;
	ch->d_grr = cur->mrr.grr - prev->mrr.grr;
	ch->d_nrr = cur->mrr.nrr - prev->mrr.nrr;
	ch->test_ok = kpi_prop_test(cur->n_churned, cur->n_start, prev->n_churned,
	                            prev->n_start, &ch->z, &ch->p_value);
	if (ch->test_ok)
		ch->test_note = "";
	else if (cur->n_start == 0 || prev->n_start == 0)
		ch->test_note = "no customers at the start of a period";
	else if (cur->n_churned > cur->n_start || prev->n_churned > prev->n_start)
		ch->test_note = "more churned than at start (same-period churn)";
	else
		ch->test_note = "churn rate 0 or 1 in both periods";
}

size_t kpi_trend(const kpi_result *r, const kpi_row **first)
{
	*first = NULL;
	if (r == NULL || !r->change.has_current)
		return 0;
	const kpi_row *cur = kpi_find(r, r->change.current.period);
	if (cur == NULL)
		return 0;
	int quarter = cur->period.kind == KPI_QUARTER;
	const kpi_row *rows = quarter ? r->quarters : r->months;
	size_t want = quarter ? KPI_TREND_QUARTERS : KPI_TREND_MONTHS;
	size_t have = (size_t)(cur - rows) + 1;
	size_t n = have < want ? have : want;
	*first = cur - (n - 1);
	return n;
}

const kpi_row *kpi_year_before(const kpi_result *r, const kpi_row *row)
{
	kpi_period p = row->period;
	p.index -= p.kind == KPI_QUARTER ? 4 : 12;
	return kpi_find(r, p);
}
