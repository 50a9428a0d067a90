/*
 * km.c - the Kaplan-Meier fit with Greenwood errors, Nelson-Aalen hazard and
 * pointwise confidence intervals (include/churnkit/km.h).
 *
 * The loop is survfitkm.c's (survival 3.5-3, type 1, no clustering): at each
 * distinct time, when the weighted events d > 0,
 *     km *= (n - d) / n;      v1 += d / (n (n - d));
 *     na += d / n;            v2 += d / n^2;
 * and the intervals are survfit_confint(logse = TRUE).
 */
#include "churnkit/km.h"
#include "surv_tab.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void km_opts_default(km_opts *o)
{
	o->conf_type = KM_CONF_LOGLOG;
	o->conf_level = 0.95;
}

static const char *const conf_names[] = {
	[KM_CONF_LOGLOG] = "log-log", [KM_CONF_LOG] = "log", [KM_CONF_PLAIN] = "plain",
};

const char *km_conf_name(km_conf_type t)
{
	if ((unsigned)t >= sizeof conf_names / sizeof conf_names[0])
		return NULL;
	return conf_names[t];
}

int km_conf_parse(const char *s, km_conf_type *t)
{
	for (unsigned i = 0; i < sizeof conf_names / sizeof conf_names[0]; i++) {
		if (s != NULL && strcmp(s, conf_names[i]) == 0) {
			*t = (km_conf_type)i;
			return 0;
		}
	}
	return -1;
}

/* One pointwise interval, survfit_confint with logse = TRUE. */
static void conf_interval(km_conf_type type, double z, double p, double se_log,
                          double *lo, double *hi)
{
	switch (type) {
	case KM_CONF_PLAIN: {
		double se2 = se_log * p * z;
		double l = p - se2, u = p + se2;
		/* R's pmax/pmin keep NaN */
		*lo = isnan(l) ? l : fmax(l, 0.0);
		*hi = isnan(u) ? u : fmin(u, 1.0);
		break;
	}
	case KM_CONF_LOG: {
		if (p == 0) {
			*lo = *hi = NAN;
			break;
		}
		double se2 = z * se_log;
		double u = exp(log(p) + se2);
		*lo = exp(log(p) - se2);
		*hi = isnan(u) ? u : fmin(u, 1.0);
		break;
	}
	default: { /* log-log */
		if (p == 0 || p == 1) {
			*lo = *hi = NAN;
			break;
		}
		double se2 = z * se_log / log(p);
		double ll = log(-log(p));
		*lo = exp(-exp(ll - se2));
		*hi = exp(-exp(ll + se2));
		break;
	}
	}
}

static km_curve *curve_alloc(size_t m)
{
	km_curve *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	double *b = malloc((m ? m : 1) * 11 * sizeof *b);
	if (b == NULL) {
		free(c);
		return NULL;
	}
	c->m = m;
	c->time = b;
	c->n_risk = b + m;
	c->n_event = b + 2 * m;
	c->n_censor = b + 3 * m;
	c->surv = b + 4 * m;
	c->std_err = b + 5 * m;
	c->se = b + 6 * m;
	c->lower = b + 7 * m;
	c->upper = b + 8 * m;
	c->cumhaz = b + 9 * m;
	c->std_chaz = b + 10 * m;
	return c;
}

void km_curve_free(km_curve *c)
{
	if (c == NULL)
		return;
	free(c->time); /* the block behind every array */
	free(c);
}

churn_status km_fit(const surv_groups *g, uint32_t level, const km_opts *opts,
                    int reverse, km_curve **out, churn_err *err)
{
	km_opts o;

	if (out == NULL || g == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "km_fit: missing argument");
	*out = NULL;
	if (opts == NULL)
		km_opts_default(&o);
	else
		o = *opts;
	if (!(o.conf_level > 0 && o.conf_level < 1))
		return churn_err_set(err, CHURN_EUSAGE,
		                     "survival: confidence level %g is not in (0, 1)",
		                     o.conf_level);
	if (km_conf_name(o.conf_type) == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "survival: unknown interval type");
	if (level >= g->nlevels)
		return churn_err_set(err, CHURN_EUSAGE, "km_fit: level %lu out of range",
		                     (unsigned long)level);
	const surv_tab *t = &g->tab[level];
	if (t->rows == 0)
		return churn_err_set(err, CHURN_EDATA, "survival: level %lu has no customers",
		                     (unsigned long)level);

	km_curve *c = curve_alloc(t->m);
	if (c == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
	c->rows = t->rows;
	c->n = t->weight;
	c->opts = o;

	double z = gsl_cdf_ugaussian_Pinv(1 - (1 - o.conf_level) / 2);
	double km = 1, na = 0, v1 = 0, v2 = 0, events = 0;
	for (size_t i = 0; i < t->m; i++) {
		double n = t->nrisk[i];
		double d = reverse ? t->ncensor[i] : t->nevent[i];
		c->time[i] = t->time[i];
		c->n_risk[i] = n;
		c->n_event[i] = d;
		c->n_censor[i] = reverse ? t->nevent[i] : t->ncensor[i];
		if (d > 0) {
			na += d / n;
			v2 += d / (n * n);
			km *= (n - d) / n;
			v1 += d / (n * (n - d));
			events += d;
		}
		c->surv[i] = km;
		c->std_err[i] = sqrt(v1);
		c->se[i] = km * c->std_err[i];
		c->cumhaz[i] = na;
		c->std_chaz[i] = sqrt(v2);
		if (d > 0 || i == 0) {
			conf_interval(o.conf_type, z, km, c->std_err[i], &c->lower[i],
			              &c->upper[i]);
		} else { /* S and its error unchanged: the same interval */
			c->lower[i] = c->lower[i - 1];
			c->upper[i] = c->upper[i - 1];
		}
	}
	c->events = events;
	*out = c;
	return CHURN_OK;
}

double km_surv_at(const km_curve *c, double t)
{
	size_t lo = 0, hi = c->m;   /* the first index with time > t */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->time[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? 1.0 : c->surv[lo - 1];
}
