/*
 * surv_csv.c - the survival tables as CSV files (include/churnkit/
 * surv_csv.h).  Each file goes through outfile.h: written beside its target
 * and renamed into place, or removed when anything fails.
 */
#include "churnkit/surv_csv.h"
#include "churnkit/outfile.h"
#include "churnkit/sheet.h"
#include "churnkit/tablename.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* A number with the fewest digits that read back to it; nothing when not
 * finite.  Then the separator (',' or '\n'). */
static void num(FILE *f, double x, int sep)
{
	sheet_num(f, x);
	fputc(sep, f);
}

static void text(FILE *f, const char *s, int sep)
{
	sheet_text(f, s);
	fputc(sep, f);
}

typedef struct {
	const char *dir;
	outfile *out;
	outset *outs;
	churn_err *err;
} sink;

static churn_status open_file(sink *s, const char *name, FILE **f)
{
	size_t n = strlen(s->dir) + strlen(name) + 2;
	char *path = malloc(n);
	churn_status st;
	if (path == NULL)
		return churn_err_set(s->err, CHURN_ENOMEM, "survival tables: out of memory");
	snprintf(path, n, "%s/%s", s->dir, name);
	st = outfile_open(s->outs, path, &s->out, s->err);
	free(path);
	if (st == CHURN_OK)
		*f = outfile_stream(s->out);
	return st;
}

static churn_status close_file(sink *s)
{
	outfile *o = s->out;
	s->out = NULL;
	return outfile_commit(o, s->err);
}

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

static void write_steps(FILE *f, const km_curve *k)
{
	fputs("time,n_risk,n_event,n_censor,surv,se,lower,upper,cumhaz,cumhaz_se\n", f);
	for (size_t i = 0; i < k->m; i++) {
		num(f, k->time[i], ',');
		num(f, k->n_risk[i], ',');
		num(f, k->n_event[i], ',');
		num(f, k->n_censor[i], ',');
		num(f, k->surv[i], ',');
		num(f, k->se[i], ',');
		num(f, k->lower[i], ',');
		num(f, k->upper[i], ',');
		num(f, k->cumhaz[i], ',');
		num(f, k->std_chaz[i], '\n');
	}
}

static void write_curves(FILE *f, const surv_analysis *a)
{
	fputs("by,level,n,rows,events,median,median_lower,median_upper,q25,q75,rmst,rmst_se,"
	      "rmst_tau\n", f);
	for (size_t i = 0; i < a->ncurves; i++) {
		const surv_curve *c = &a->curve[i];
		text(f, c->by, ',');
		text(f, c->level, ',');
		num(f, c->km->n, ',');
		num(f, (double)c->km->rows, ',');
		num(f, c->km->events, ',');
		num(f, c->stats.median, ',');
		num(f, c->stats.median_lower, ',');
		num(f, c->stats.median_upper, ',');
		num(f, c->quart[0], ',');
		num(f, c->quart[2], ',');
		num(f, c->stats.rmst, ',');
		num(f, c->stats.rmst_se, ',');
		num(f, c->stats.rmst_tau, '\n');
	}
}

static void write_at(FILE *f, const surv_analysis *a, const char *times_unit, double scale)
{
	fputs("by,level,", f);
	if (times_unit != NULL) {
		sheet_text(f, times_unit);
		fputc(',', f);
	}
	fputs("time,n_risk,n_event,n_censor,surv,se,lower,upper\n", f);
	for (size_t i = 0; i < a->ncurves; i++) {
		const surv_curve *c = &a->curve[i];
		for (size_t j = 0; j < c->nat; j++) {
			const km_at *r = &c->at[j];
			text(f, c->by, ',');
			text(f, c->level, ',');
			if (times_unit != NULL)
				num(f, r->time / scale, ',');
			num(f, r->time, ',');
			num(f, r->n_risk, ',');
			num(f, r->n_event, ',');
			num(f, r->n_censor, ',');
			num(f, r->surv, ',');
			num(f, r->se, ',');
			num(f, r->lower, ',');
			num(f, r->upper, '\n');
		}
	}
}

static void write_hazard(FILE *f, const hazard_table *h)
{
	fputs("month,tenure_from,tenure_to,n_risk,n_event,rate\n", f);
	for (size_t k = 0; k < h->nmonths; k++) {
		num(f, (double)k, ',');
		num(f, (double)k * h->month_len, ',');
		num(f, (double)(k + 1) * h->month_len, ',');
		num(f, h->n_risk[k], ',');
		num(f, h->n_event[k], ',');
		num(f, h->rate[k], '\n');
	}
}

static const char *level_name(const surv_test *t, uint32_t code)
{
	return code < t->nlevels ? t->levels[code] : NULL;
}

static void write_logrank(FILE *f, const surv_analysis *a)
{
	fputs("by,test,rho,chisq,df,p,level,n,observed,expected,note\n", f);
	for (size_t i = 0; i < a->ntests; i++) {
		const surv_test *t = &a->test[i];
		const logrank_result *r = t->test;
		if (r == NULL)
			continue;
		for (uint32_t g = 0; g < r->k; g++) {
			text(f, t->by, ',');
			text(f, r->rho == 0 ? "log-rank" : (r->rho == 1 ? "Peto-Peto" : "weighted"),
			     ',');
			num(f, r->rho, ',');
			num(f, r->chisq, ',');
			num(f, (double)r->df, ',');
			num(f, r->p, ',');
			text(f, level_name(t, r->level[g]), ',');
			num(f, r->n[g], ',');
			num(f, r->observed[g], ',');
			num(f, r->expected[g], ',');
			text(f, r->note, '\n');
		}
	}
}

static void write_pairwise(FILE *f, const surv_analysis *a)
{
	fputs("by,level_a,level_b,chisq,df,p,p_adjusted,observed_a,expected_a,observed_b,"
	      "expected_b,note\n", f);
	for (size_t i = 0; i < a->ntests; i++) {
		const surv_test *t = &a->test[i];
		if (t->pairs == NULL)
			continue;
		for (size_t q = 0; q < t->pairs->npairs; q++) {
			const logrank_pair *x = &t->pairs->pair[q];
			text(f, t->by, ',');
			text(f, level_name(t, x->a), ',');
			text(f, level_name(t, x->b), ',');
			num(f, x->chisq, ',');
			num(f, (double)x->df, ',');
			num(f, x->p, ',');
			num(f, x->p_adjusted, ',');
			num(f, x->observed[0], ',');
			num(f, x->expected[0], ',');
			num(f, x->observed[1], ',');
			num(f, x->expected[1], ',');
			text(f, x->note, '\n');
		}
	}
}

churn_status surv_write_tables(const char *dir, const surv_analysis *a,
                               const char *times_unit, double times_scale,
                               outset *outs, churn_err *err)
{
	sink s = {dir, NULL, outs, err};
	FILE *f = NULL;
	char name[2 * TABLE_NAME_PART_MAX + 64];
	churn_status st;

	if (dir == NULL || a == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "surv_write_tables: missing argument");
	if (times_unit != NULL && !(times_scale > 0))
		times_unit = NULL;

#define WRITE(fname, body)                                  \
	do {                                                    \
		if ((st = open_file(&s, (fname), &f)) != CHURN_OK) \
			return st;                                      \
		body;                                               \
		if ((st = close_file(&s)) != CHURN_OK)              \
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
