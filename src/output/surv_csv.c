/*
 * surv_csv.c - the survival tables as CSV files (include/churnkit/
 * surv_csv.h).  Each file goes through outfile.h: written beside its target
 * and renamed into place, or removed when anything fails.
 */
#include "churnkit/surv_csv.h"
#include "churnkit/tablecsv.h"
#include "churnkit/tablename.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* survival_<by>_<NN>_<level>_steps.csv, the names made safe and short
 * (tablename.h). */
static void steps_name(char *buf, size_t n, const surv_curve *c)
{
	snprintf(buf, n, "survival_");
	table_name_append(buf, n, c->by);
	snprintf(buf + strlen(buf), n - strlen(buf), "_%02lu_", (unsigned long)c->code + 1);
	table_name_append(buf, n, c->level ? c->level : "NA");
	snprintf(buf + strlen(buf), n - strlen(buf), "_steps.csv");
}

static void write_steps(table_csv *f, const km_curve *k)
{
	table_csv_header(f, "time,n_risk,n_event,n_censor,surv,se,lower,upper,cumhaz,cumhaz_se");
	for (size_t i = 0; i < k->m; i++) {
		table_csv_num(f, k->time[i]);
		table_csv_num(f, k->n_risk[i]);
		table_csv_num(f, k->n_event[i]);
		table_csv_num(f, k->n_censor[i]);
		table_csv_pct(f, k->surv[i]);
		table_csv_num(f, k->se[i]);
		table_csv_pct(f, k->lower[i]);
		table_csv_pct(f, k->upper[i]);
		table_csv_num(f, k->cumhaz[i]);
		table_csv_num(f, k->std_chaz[i]);
		table_csv_end_row(f);
	}
}

static void write_curves(table_csv *f, const surv_analysis *a)
{
	table_csv_header(f, "by,level,n,rows,events,median,median_lower,median_upper,q25,q75,"
	                    "rmst,rmst_se,rmst_tau");
	for (size_t i = 0; i < a->ncurves; i++) {
		const surv_curve *c = &a->curve[i];
		table_csv_text(f, c->by);
		table_csv_text(f, c->level);
		table_csv_num(f, c->km->n);
		table_csv_num(f, (double)c->km->rows);
		table_csv_num(f, c->km->events);
		table_csv_num(f, c->stats.median);
		table_csv_num(f, c->stats.median_lower);
		table_csv_num(f, c->stats.median_upper);
		table_csv_num(f, c->quart[0]);
		table_csv_num(f, c->quart[2]);
		table_csv_num(f, c->stats.rmst);
		table_csv_num(f, c->stats.rmst_se);
		table_csv_num(f, c->stats.rmst_tau);
		table_csv_end_row(f);
	}
}

static void write_at(table_csv *f, const surv_analysis *a, const char *times_unit, double scale)
{
	table_csv_word(f, "by");
	table_csv_word(f, "level");
	if (times_unit != NULL)
		table_csv_text(f, times_unit);
	table_csv_word(f, "time,n_risk,n_event,n_censor,surv,se,lower,upper");
	table_csv_end_row(f);
	for (size_t i = 0; i < a->ncurves; i++) {
		const surv_curve *c = &a->curve[i];
		for (size_t j = 0; j < c->nat; j++) {
			const km_at *r = &c->at[j];
			table_csv_text(f, c->by);
			table_csv_text(f, c->level);
			if (times_unit != NULL)
				table_csv_num(f, r->time / scale);
			table_csv_num(f, r->time);
			table_csv_num(f, r->n_risk);
			table_csv_num(f, r->n_event);
			table_csv_num(f, r->n_censor);
			table_csv_pct(f, r->surv);
			table_csv_num(f, r->se);
			table_csv_pct(f, r->lower);
			table_csv_pct(f, r->upper);
			table_csv_end_row(f);
		}
	}
}

static void write_hazard(table_csv *f, const hazard_table *h)
{
	table_csv_header(f, "month,tenure_from,tenure_to,n_risk,n_event,rate");
	for (size_t k = 0; k < h->nmonths; k++) {
		table_csv_num(f, (double)k);
		table_csv_num(f, (double)k * h->month_len);
		table_csv_num(f, (double)(k + 1) * h->month_len);
		table_csv_num(f, h->n_risk[k]);
		table_csv_num(f, h->n_event[k]);
		table_csv_pct(f, h->rate[k]);
		table_csv_end_row(f);
	}
}

static const char *level_name(const surv_test *t, uint32_t code)
{
	return code < t->nlevels ? t->levels[code] : NULL;
}

static const char *test_name(double rho)
{
	return rho == 0 ? "log-rank" : rho == 1 ? "Peto-Peto" : "weighted";
}

/* One row per level compared; a column with no test (fewer than two
 * levels with customers) has one row, numbers empty, df 0 and the note. */
static void write_logrank(table_csv *f, const surv_analysis *a)
{
	table_csv_header(f, "by,test,rho,chisq,df,p,level,n,observed,expected,note");
	for (size_t i = 0; i < a->ntests; i++) {
		const surv_test *t = &a->test[i];
		const logrank_result *r = t->test;
		if (r == NULL) {
			table_csv_text(f, t->by);
			table_csv_text(f, test_name(a->opts.rho));
			table_csv_num(f, a->opts.rho);
			table_csv_num(f, NAN);
			table_csv_num(f, 0);
			table_csv_num(f, NAN);
			table_csv_text(f, NULL);
			for (int k = 0; k < 3; k++)
				table_csv_num(f, NAN);
			table_csv_text(f, SURV_TEST_FEW_GROUPS);
			table_csv_end_row(f);
			continue;
		}
		for (uint32_t g = 0; g < r->k; g++) {
			table_csv_text(f, t->by);
			table_csv_text(f, test_name(r->rho));
			table_csv_num(f, r->rho);
			table_csv_num(f, r->chisq);
			table_csv_num(f, (double)r->df);
			table_csv_num(f, r->p);
			table_csv_text(f, level_name(t, r->level[g]));
			table_csv_num(f, r->n[g]);
			table_csv_num(f, r->observed[g]);
			table_csv_num(f, r->expected[g]);
			table_csv_text(f, r->note);
			table_csv_end_row(f);
		}
	}
}

static void write_pairwise(table_csv *f, const surv_analysis *a)
{
	table_csv_header(f, "by,level_a,level_b,chisq,df,p,p_adjusted,observed_a,expected_a,"
	                    "observed_b,expected_b,note");
	for (size_t i = 0; i < a->ntests; i++) {
		const surv_test *t = &a->test[i];
		if (t->pairs == NULL)
			continue;
		for (size_t q = 0; q < t->pairs->npairs; q++) {
			const logrank_pair *x = &t->pairs->pair[q];
			table_csv_text(f, t->by);
			table_csv_text(f, level_name(t, x->a));
			table_csv_text(f, level_name(t, x->b));
			table_csv_num(f, x->chisq);
			table_csv_num(f, (double)x->df);
			table_csv_num(f, x->p);
			table_csv_num(f, x->p_adjusted);
			table_csv_num(f, x->observed[0]);
			table_csv_num(f, x->expected[0]);
			table_csv_num(f, x->observed[1]);
			table_csv_num(f, x->expected[1]);
			table_csv_text(f, x->note);
			table_csv_end_row(f);
		}
	}
}

churn_status surv_write_tables(const table_dest *d, const surv_analysis *a,
                               const char *times_unit, double times_scale, churn_err *err)
{
	table_csv t, *f = &t;
	char name[2 * TABLE_NAME_PART_MAX + 64];
	churn_status st;

	if (d == NULL || a == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "surv_write_tables: missing argument");
	if (times_unit != NULL && !(times_scale > 0))
		times_unit = NULL;

#define WRITE(fname, body)                                  \
	do {                                                    \
		st = table_csv_open(f, d, (fname), err);            \
		if (st != CHURN_OK)                                 \
			return st;                                      \
		body;                                               \
		if ((st = table_csv_close(f, err)) != CHURN_OK)     \
			return st;                                      \
	} while (0)

	WRITE("survival_curves.csv", write_curves(f, a));
	for (size_t i = 0; i < a->ncurves; i++) {
		const surv_curve *c = &a->curve[i];
		if (c->by == NULL)
			snprintf(name, sizeof name, "survival_steps.csv");
		else
			steps_name(name, sizeof name, c);
		WRITE(name, write_steps(f, c->km));
	}
	WRITE("survival_at_risk.csv", write_at(f, a, times_unit, times_scale));
	if (a->hazard != NULL)
		WRITE("survival_hazard.csv", write_hazard(f, a->hazard));
	WRITE("survival_logrank.csv", write_logrank(f, a));
	WRITE("survival_pairwise.csv", write_pairwise(f, a));
#undef WRITE
	return CHURN_OK;
}
