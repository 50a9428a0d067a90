/*
 * surv_json.c - a surv_analysis as docs/contract.md's "survival" JSON object
 * (include/churnkit/surv_json.h).
 *
 * json-c stores NULL as null, so json_num's NULL for NaN needs no special
 * case.  Allocation failures inside json-c show up as NULL containers; each
 * builder checks the containers it makes and the top level reports ENOMEM.
 */
#include "churnkit/surv_json.h"
#include "churnkit/jsonout.h"

#include <math.h>

#define PUT(o, k, v) json_object_object_add((o), (k), (v))

static json_object *curve_json(const surv_curve *c, int steps)
{
	const km_curve *k = c->km;
	json_object *o = json_object_new_object();
	json_object *q = json_object_new_array();
	json_object *at = json_object_new_array();
	if (o == NULL || q == NULL || at == NULL) {
		json_object_put(o);
		json_object_put(q);
		json_object_put(at);
		return NULL;
	}
	PUT(o, "by", json_str(c->by));
	PUT(o, "level", json_str(c->level));
	PUT(o, "n", json_num(k->n));
	PUT(o, "rows", json_num((double)k->rows));
	PUT(o, "events", json_num(k->events));
	PUT(o, "median", json_num(c->stats.median));
	PUT(o, "median_lower", json_num(c->stats.median_lower));
	PUT(o, "median_upper", json_num(c->stats.median_upper));
	PUT(o, "rmst", json_num(c->stats.rmst));
	PUT(o, "rmst_se", json_num(c->stats.rmst_se));
	PUT(o, "rmst_tau", json_num(c->stats.rmst_tau));
	for (int j = 0; j < 3; j++) {
		json_object *e = json_object_new_object();
		PUT(e, "p", json_num(surv_quartile_p[j]));
		PUT(e, "time", json_num(c->quart[j]));
		PUT(e, "lower", json_num(c->quart_lower[j]));
		PUT(e, "upper", json_num(c->quart_upper[j]));
		json_object_array_add(q, e);
	}
	PUT(o, "quantiles", q);
	for (size_t j = 0; j < c->nat; j++) {
		const km_at *a = &c->at[j];
		json_object *e = json_object_new_object();
		PUT(e, "time", json_num(a->time));
		PUT(e, "n_risk", json_num(a->n_risk));
		PUT(e, "n_event", json_num(a->n_event));
		PUT(e, "n_censor", json_num(a->n_censor));
		PUT(e, "surv", json_num(a->surv));
		PUT(e, "se", json_num(a->se));
		PUT(e, "lower", json_num(a->lower));
		PUT(e, "upper", json_num(a->upper));
		json_object_array_add(at, e);
	}
	PUT(o, "at_times", at);
	if (steps) {
		json_object *s = json_object_new_array_ext((int)k->m);
		if (s == NULL) {
			json_object_put(o);
			return NULL;
		}
		for (size_t i = 0; i < k->m; i++) {
			json_object *e = json_object_new_object();
			PUT(e, "time", json_num(k->time[i]));
			PUT(e, "n_risk", json_num(k->n_risk[i]));
			PUT(e, "n_event", json_num(k->n_event[i]));
			PUT(e, "n_censor", json_num(k->n_censor[i]));
			PUT(e, "surv", json_num(k->surv[i]));
			PUT(e, "se", json_num(k->se[i]));
			PUT(e, "lower", json_num(k->lower[i]));
			PUT(e, "upper", json_num(k->upper[i]));
			PUT(e, "cumhaz", json_num(k->cumhaz[i]));
			PUT(e, "cumhaz_se", json_num(k->std_chaz[i]));
			json_object_array_add(s, e);
		}
		PUT(o, "steps", s);
	}
	return o;
}

static const char *level_name(const surv_test *t, uint32_t code)
{
	return code < t->nlevels ? t->levels[code] : NULL;
}

/* A test entry's head, tested or not (a number that is not finite is null). */
static void test_head(json_object *o, const surv_test *t, double rho, double chisq, int df,
                      double p, double log_p, const char *note)
{
	PUT(o, "by", json_str(t->by));
	PUT(o, "rho", json_num(rho));
	PUT(o, "chisq", json_num(chisq));
	PUT(o, "df", json_object_new_int(df));
	PUT(o, "p", json_num(p));
	PUT(o, "log_p", json_num(log_p));
	PUT(o, "note", json_str(note));
	PUT(o, "missing", json_num(t->missing));
}

static json_object *test_json(const surv_test *t)
{
	const logrank_result *r = t->test;
	json_object *o = json_object_new_object();
	json_object *g = json_object_new_array();
	if (o == NULL || g == NULL) {
		json_object_put(o);
		json_object_put(g);
		return NULL;
	}
	test_head(o, t, r->rho, r->chisq, r->df, r->p, r->log_p, r->note);
	for (uint32_t a = 0; a < r->k; a++) {
		json_object *e = json_object_new_object();
		PUT(e, "level", json_str(level_name(t, r->level[a])));
		PUT(e, "n", json_num(r->n[a]));
		PUT(e, "observed", json_num(r->observed[a]));
		PUT(e, "expected", json_num(r->expected[a]));
		json_object_array_add(g, e);
	}
	PUT(o, "groups", g);
	if (t->pairs != NULL) {
		json_object *pw = json_object_new_array();
		for (size_t q = 0; pw != NULL && q < t->pairs->npairs; q++) {
			const logrank_pair *x = &t->pairs->pair[q];
			json_object *e = json_object_new_object();
			PUT(e, "a", json_str(level_name(t, x->a)));
			PUT(e, "b", json_str(level_name(t, x->b)));
			PUT(e, "chisq", json_num(x->chisq));
			PUT(e, "df", json_object_new_int(x->df));
			PUT(e, "p", json_num(x->p));
			PUT(e, "log_p", json_num(x->log_p));
			PUT(e, "p_adjusted", json_num(x->p_adjusted));
			PUT(e, "note", json_str(x->note));
			PUT(e, "observed_a", json_num(x->observed[0]));
			PUT(e, "expected_a", json_num(x->expected[0]));
			PUT(e, "observed_b", json_num(x->observed[1]));
			PUT(e, "expected_b", json_num(x->expected[1]));
			json_object_array_add(pw, e);
		}
		PUT(o, "pairwise", pw);
	}
	return o;
}

/* The entry of a column with no test (fewer than two levels with
 * customers): numbers null, df 0 and the note, as logrank.h's untested
 * cases; no groups compared. */
static json_object *untested_json(const surv_test *t, double rho)
{
	json_object *o = json_object_new_object();
	json_object *g = json_object_new_array();
	if (o == NULL || g == NULL) {
		json_object_put(o);
		json_object_put(g);
		return NULL;
	}
	test_head(o, t, rho, NAN, 0, NAN, NAN, SURV_TEST_FEW_GROUPS);
	PUT(o, "groups", g);
	return o;
}

static json_object *hazard_json(const hazard_table *h)
{
	json_object *o = json_object_new_object();
	json_object *m = json_object_new_array();
	if (o == NULL || m == NULL) {
		json_object_put(o);
		json_object_put(m);
		return NULL;
	}
	PUT(o, "month_length", json_num(h->month_len));
	PUT(o, "early_threshold", json_num(h->early_threshold));
	PUT(o, "early_share", json_num(h->early_share));
	PUT(o, "early_events", json_num(h->early_events));
	PUT(o, "events", json_num(h->total_events));
	for (size_t k = 0; k < h->nmonths; k++) {
		json_object *e = json_object_new_object();
		PUT(e, "month", json_num((double)k));
		PUT(e, "n_risk", json_num(h->n_risk[k]));
		PUT(e, "n_event", json_num(h->n_event[k]));
		PUT(e, "rate", json_num(h->rate[k]));
		json_object_array_add(m, e);
	}
	PUT(o, "months", m);
	return o;
}

churn_status surv_json_build(const surv_analysis *a, const char *time_unit,
                             int steps, json_object **out, churn_err *err)
{
	if (a == NULL || out == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "surv_json_build: missing argument");
	*out = NULL;
	json_object *o = json_object_new_object();
	json_object *cv = json_object_new_array();
	json_object *lr = json_object_new_array();
	if (o == NULL || cv == NULL || lr == NULL)
		goto nomem;
	PUT(o, "time_unit", json_str(time_unit ? time_unit : "as given"));
	PUT(o, "conf_type", json_str(km_conf_name(a->opts.km.conf_type)));
	PUT(o, "conf_level", json_num(a->opts.km.conf_level));
	PUT(o, "rho", json_num(a->opts.rho));
	PUT(o, "n", json_num(a->n));
	PUT(o, "rows", json_num((double)a->rows));
	PUT(o, "events", json_num(a->events));
	PUT(o, "followup_median", json_num(a->followup.median));
	PUT(o, "followup_lower", json_num(a->followup.median_lower));
	PUT(o, "followup_upper", json_num(a->followup.median_upper));
	for (size_t i = 0; i < a->ncurves; i++) {
		json_object *c = curve_json(&a->curve[i], steps);
		if (c == NULL)
			goto nomem;
		json_object_array_add(cv, c);
	}
	PUT(o, "curves", cv);
	cv = NULL;
	for (size_t i = 0; i < a->ntests; i++) {
		json_object *t = a->test[i].test != NULL ? test_json(&a->test[i])
		                                         : untested_json(&a->test[i], a->opts.rho);
		if (t == NULL)
			goto nomem;
		json_object_array_add(lr, t);
	}
	PUT(o, "logrank", lr);
	lr = NULL;
	json_object *bm = json_object_new_object();
	if (bm == NULL)
		goto nomem;
	for (size_t i = 0; i < a->ntests; i++)
		PUT(bm, a->test[i].by, json_num(a->test[i].missing));
	PUT(o, "by_missing", bm);
	if (a->hazard != NULL) {
		json_object *h = hazard_json(a->hazard);
		if (h == NULL)
			goto nomem;
		PUT(o, "hazard", h);
	} else if (a->hazard_note[0] != '\0') {
		PUT(o, "hazard", NULL);
		PUT(o, "hazard_note", json_str(a->hazard_note));
	}
	*out = o;
	return CHURN_OK;
nomem:
	json_object_put(o);
	json_object_put(cv);
	json_object_put(lr);
	return churn_err_set(err, CHURN_ENOMEM, "survival: out of memory");
}
