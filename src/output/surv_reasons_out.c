/* surv_reasons_out.c - the cumulative incidence of churn reasons and Gray's
 * tests of a fitted surv_run (include/churnkit/surv_reasons_out.h): text,
 * the "cuminc" and "gray_test" members of survival.reasons, and the
 * --tables files survival_cuminc.csv, survival_cuminc_at.csv and
 * survival_gray.csv (docs/contract.md, "Churn reasons"). */
#include "config.h"

#include "churnkit/surv_reasons_out.h"

#include "churnkit/cell.h"
#include "churnkit/fmtnum.h"
#include "churnkit/jsonout.h"
#include "churnkit/tablecsv.h"
#include "churnkit/textpad.h"

#include <json-c/json.h>
#include <math.h>
#include <string.h>

/* One curve and where it belongs: the --by column and level, or NULLs for
 * every customer; `at` the curve at the chosen times (may be NULL). */
typedef struct {
	const char *by, *level;
	const cuminc_curve *c, *at;
} curve_ref;

/* Calls fn on every curve of r: all customers first, then each --by level. */
static int each_curve(const surv_run *s, int (*fn)(const curve_ref *, void *), void *arg)
{
	const surv_reasons *r = s->reasons;
	curve_ref ref = {NULL, NULL, r->all->curve[0], r->all_at};

	if (!fn(&ref, arg))
		return 0;
	for (size_t j = 0; j < r->nby; j++) {
		if (r->by[j] == NULL)
			continue;
		for (uint32_t l = 0; l < r->by[j]->nlevels; l++) {
			ref = (curve_ref){s->by[j].name, s->by[j].levels[l], r->by[j]->curve[l],
			                  r->by_at[j] ? r->by_at[j][l] : NULL};
			if (!fn(&ref, arg))
				return 0;
		}
	}
	return 1;
}

/* ---- JSON ----------------------------------------------------------- */

static json_object *json_rows(const cuminc_curve *c, uint32_t k, int counts)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; c != NULL && i < c->m; i++) {
		json_object *o = json_object_new_object();
		size_t x = CUMINC_AT(c, i, k);
		json_object_object_add(o, "time", json_num(c->time[i]));
		json_object_object_add(o, "n_risk", json_num(c->n_risk[i]));
		if (counts)
			json_object_object_add(o, "n_event", json_num(c->n_event[x]));
		json_object_object_add(o, "estimate", json_num(c->estimate[x]));
		json_object_object_add(o, "se", json_num(c->se[x]));
		json_object_object_add(o, "lower", json_num(c->lower[x]));
		json_object_object_add(o, "upper", json_num(c->upper[x]));
		json_object_array_add(a, o);
	}
	return a;
}

typedef struct {
	const surv_reasons *r;
	json_object *arr;
} json_arg;

static int json_curve(const curve_ref *ref, void *arg_)
{
	json_arg *arg = arg_;
	for (uint32_t k = 1; k <= arg->r->ncause; k++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "by", json_str(ref->by));
		json_object_object_add(o, "level", json_str(ref->level));
		json_object_object_add(o, "reason", json_str(arg->r->names[k - 1]));
		json_object_object_add(o, "n", json_num(ref->c->n));
		json_object_object_add(o, "at_times", json_rows(ref->at, k, 0));
		json_object_object_add(o, "steps", json_rows(ref->c, k, 1));
		json_object_array_add(arg->arr, o);
	}
	return 1;
}

churn_status surv_reasons_json(const surv_run *s, void *root_, churn_err *err)
{
	json_object *root = root_, *surv, *reasons, *gray;
	const surv_reasons *r = s->reasons;

	if (s->map == NULL || s->map->reason == NULL)
		return CHURN_OK;
	if (!json_object_object_get_ex(root, "survival", &surv))
		return churn_err_set(err, CHURN_EUSAGE, "survival JSON: no survival object");
	if (!json_object_object_get_ex(surv, "reasons", &reasons)) {
		reasons = json_object_new_object();
		json_object_object_add(surv, "reasons", reasons);
	}
	if (r == NULL) {
		/* Nobody churned: no curve and no test, but the keys are there
		 * (docs/contract.md). */
		json_object_object_add(reasons, "cuminc_conf_type",
		                       json_str(km_conf_name(s->so.km.conf_type)));
		json_object_object_add(reasons, "cuminc", json_object_new_array());
		json_object_object_add(reasons, "gray_test", json_object_new_array());
		json_object_object_add(reasons, "gray_note", json_str("no churn: nothing to test"));
		return CHURN_OK;
	}
	json_arg a = {r, json_object_new_array()};
	each_curve(s, json_curve, &a);
	json_object_object_add(reasons, "cuminc_conf_type",
	                       json_str(km_conf_name(r->all->curve[0]->opts.conf_type)));
	json_object_object_add(reasons, "cuminc", a.arr);
	gray = json_object_new_array();
	for (size_t j = 0; j < r->nby; j++) {
		const gray_result *g = r->gray[j];
		for (uint32_t k = 0; g != NULL && k < g->ncause; k++) {
			const gray_cause *c = &g->cause[k];
			json_object *o = json_object_new_object();
			json_object_object_add(o, "by", json_str(s->by[j].name));
			json_object_object_add(o, "reason", json_str(r->names[k]));
			json_object_object_add(o, "events", json_object_new_int64((int64_t)c->events));
			json_object_object_add(o, "statistic", json_num(c->stat));
			json_object_object_add(o, "df", json_object_new_int(c->df));
			json_object_object_add(o, "p", json_num(c->p));
			json_object_object_add(o, "note", json_str(c->note));
			json_object_array_add(gray, o);
		}
	}
	json_object_object_add(reasons, "gray_test", gray);
	json_object_object_add(reasons, "gray_note", json_str(r->gray_note));
	return CHURN_OK;
}

/* ---- Text ----------------------------------------------------------- */

typedef struct {
	const surv_reasons *r;
	FILE *f;
	int w;             /* width of the reason column */
	const char *unit;  /* the unit the times are printed in, or NULL */
	double scale;      /* time units per printed unit */
} text_arg;

static int text_curve(const curve_ref *ref, void *arg_)
{
	text_arg *a = arg_;
	char b1[32], b2[32], b3[32], b4[32], b5[32];
	const cuminc_curve *c = ref->at;

	if (ref->by == NULL)
		fprintf(a->f, "All customers:\n");
	else
		fprintf(a->f, "%s = %s:\n", ref->by, ref->level);
	if (c == NULL || c->m == 0) {
		fprintf(a->f, "  no chosen times\n");
		return 1;
	}
	fprintf(a->f, "  %10s %9s  %-*s %9s %8s %8s %8s\n", "time", "at risk", a->w, "reason",
	        "incidence", "std.err", "lower", "upper");
	for (size_t i = 0; i < c->m; i++)
		for (uint32_t k = 1; k <= a->r->ncause; k++) {
			size_t x = CUMINC_AT(c, i, k);
			fprintf(a->f, "  %10s %9s  ",
			        k == 1 ? cell_num(c->time[i] / a->scale, 6, b1, sizeof b1) : "",
			        k == 1 ? cell_num(c->n_risk[i], 6, b2, sizeof b2) : "");
			text_pad(a->f, a->r->names[k - 1], a->w, 1);
			fprintf(a->f, " %9s %8s %8s %8s\n", cell_fix(c->estimate[x], 4, b3, sizeof b3),
			        cell_fix(c->se[x], 4, b4, sizeof b4),
			        cell_fix(c->lower[x], 4, b5, sizeof b5),
			        cell_fix(c->upper[x], 4, b1, sizeof b1));
		}
	return 1;
}

void surv_reasons_print(const surv_run *s, FILE *f)
{
	const surv_reasons *r = s->reasons;
	char b1[32], b2[32];
	/* Times as --times gives them: months for dates (docs/contract.md). */
	text_arg a = {r, f, 6, s->date_mode ? "months" : s->map->time_unit,
	              s->date_mode ? s->month_len : 1};

	if (r == NULL)
		return;
	for (uint32_t k = 0; k < r->ncause; k++) {
		int len = (int)strlen(r->names[k]);
		if (len > a.w)
			a.w = len < 24 ? len : 24;
	}
	fprintf(f, "\nCumulative incidence by churn reason (Aalen-Johansen, %s %g%% intervals; "
	           "time in %s)\n", km_conf_name(r->all->curve[0]->opts.conf_type),
	        100 * r->all->curve[0]->opts.conf_level, a.unit ? a.unit : "the duration's unit");
	each_curve(s, text_curve, &a);
	for (size_t j = 0; j < r->nby; j++) {
		const gray_result *g = r->gray[j];
		fprintf(f, "\nGray's test between the %s levels, per reason", s->by[j].name);
		if (g == NULL) {
			fprintf(f, ": not made (%s)\n", r->gray_note ? r->gray_note : "no levels");
			continue;
		}
		fprintf(f, "\n  %-*s %10s %4s %10s\n", a.w, "reason", "chisq", "df", "p");
		for (uint32_t k = 0; k < g->ncause; k++) {
			const gray_cause *c = &g->cause[k];
			fputs("  ", f);
			text_pad(f, r->names[k], a.w, 1);
			if (c->note != NULL) {
				fprintf(f, " not tested: %s\n", c->note);
				continue;
			}
			fprintf(f, " %10s %4d %10s\n", cell_num(c->stat, 4, b1, sizeof b1), c->df,
			        fmtnum_p_text(c->p, c->log_p, b2, sizeof b2));
		}
	}
}

/* ---- Tables --------------------------------------------------------- */

typedef struct {
	const surv_reasons *r;
	table_csv *t;
	int at;            /* 1: the chosen times; 0: the steps */
} csv_arg;

static int csv_curve(const curve_ref *ref, void *arg_)
{
	csv_arg *a = arg_;
	const cuminc_curve *c = a->at ? ref->at : ref->c;
	for (size_t i = 0; c != NULL && i < c->m; i++)
		for (uint32_t k = 1; k <= a->r->ncause; k++) {
			size_t x = CUMINC_AT(c, i, k);
			table_csv_text(a->t, ref->by);
			table_csv_text(a->t, ref->level);
			table_csv_text(a->t, a->r->names[k - 1]);
			table_csv_num(a->t, c->time[i]);
			table_csv_num(a->t, c->n_risk[i]);
			table_csv_num(a->t, c->n_event[x]);
			table_csv_pct(a->t, c->estimate[x]);
			table_csv_num(a->t, c->se[x]);
			table_csv_pct(a->t, c->lower[x]);
			table_csv_pct(a->t, c->upper[x]);
			table_csv_end_row(a->t);
		}
	return 1;
}

churn_status surv_reasons_write_tables(const surv_run *s, const table_dest *d,
                                       churn_err *err)
{
	static const char *const names[2] = {"survival_cuminc.csv", "survival_cuminc_at.csv"};
	const surv_reasons *r = s->reasons;
	table_csv t;
	churn_status st;

	if (r == NULL)
		return CHURN_OK;
	for (int at = 0; at < 2; at++) {
		if ((st = table_csv_open(&t, d, names[at], err)) != CHURN_OK)
			return st;
		table_csv_header(&t, "by,level,reason,time,n_risk,n_event,estimate,se,lower,upper");
		csv_arg a = {r, &t, at};
		each_curve(s, csv_curve, &a);
		if ((st = table_csv_close(&t, err)) != CHURN_OK)
			return st;
	}
	if ((st = table_csv_open(&t, d, "survival_gray.csv", err)) != CHURN_OK)
		return st;
	table_csv_header(&t, "by,reason,events,statistic,df,p,note");
	for (size_t j = 0; j < r->nby; j++)
		for (uint32_t k = 0; r->gray[j] != NULL && k < r->gray[j]->ncause; k++) {
			const gray_cause *c = &r->gray[j]->cause[k];
			table_csv_text(&t, s->by[j].name);
			table_csv_text(&t, r->names[k]);
			table_csv_count(&t, c->events);
			table_csv_num(&t, c->stat);
			table_csv_int(&t, c->df);
			table_csv_num(&t, c->p);
			table_csv_text(&t, c->note);
			table_csv_end_row(&t);
		}
	return table_csv_close(&t, err);
}
