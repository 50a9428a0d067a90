/* scores.c - the per-customer scores list and its CSV file; see
 * include/churnkit/scores.h. */
#include "churnkit/scores.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/sheet.h"

score_band score_band_of(double p)
{
	if (isnan(p))
		return SCORE_BAND_NONE;
	/* Banded as the file prints it (six decimals), so that a row never
	 * reads 0.500000 next to "medium". */
	p = round(p * 1e6) / 1e6;
	if (p >= SCORE_HIGH_FROM)
		return SCORE_BAND_HIGH;
	return p >= SCORE_MEDIUM_FROM ? SCORE_BAND_MEDIUM : SCORE_BAND_LOW;
}

const char *score_band_name(score_band b)
{
	switch (b) {
	case SCORE_BAND_LOW:
		return "low";
	case SCORE_BAND_MEDIUM:
		return "medium";
	case SCORE_BAND_HIGH:
		return "high";
	default:
		return "not scored";
	}
}

/* Why a row was not scored, in the driver's place. */
static const char *unscored_reason(design_row_status st)
{
	switch (st) {
	case DESIGN_ROW_MISSING:
		return "not scored: a model term is missing (--impute scores it)";
	case DESIGN_ROW_UNSEEN:
		return "not scored: a level the model was not fitted on";
	case DESIGN_ROW_NONPOS:
		return "not scored: log of a value <= 0";
	default:
		return "";
	}
}

/* Riskiest first; equal or unscored rows in table order. */
static int by_risk(const void *a, const void *b)
{
	const score_entry *x = a, *y = b;
	int xn = isnan(x->s.prob), yn = isnan(y->s.prob);
	if (xn != yn)
		return xn - yn;
	if (!xn && x->s.prob != y->s.prob)
		return x->s.prob > y->s.prob ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

void scores_free(scores *s)
{
	if (s == NULL)
		return;
	free(s->rows);
	free(s);
}

/* Builds the list from every row's score `all` (cox: Cox scores). */
static churn_status build(const table *t, const unsigned char *active,
                          const model_score_row *all, int cox, scores **out, churn_err *err)
{
	size_t m = t->nrows ? t->nrows : 1;
	scores *s = calloc(1, sizeof *s);

	*out = NULL;
	if (s == NULL || (s->rows = malloc(m * sizeof *s->rows)) == NULL) {
		scores_free(s);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory scoring %zu customers",
		                     t->nrows);
	}
	s->cox = cox;
	for (size_t i = 0; i < t->nrows; i++) {
		if (active != NULL && !active[i])
			continue;
		score_entry *e = &s->rows[s->n++];
		e->row = i;
		e->s = all[i];
		e->band = score_band_of(all[i].prob);
		s->nband[e->band]++;
		if (all[i].beyond)
			s->nbeyond++;
		else if (e->band == SCORE_BAND_NONE)
			s->nunscored[all[i].status]++;
	}
	qsort(s->rows, s->n, sizeof *s->rows, by_risk);
	*out = s;
	return CHURN_OK;
}

churn_status scores_build(const design *d, const logit_result *r, const table *t,
                          const unsigned char *active, scores **out, churn_err *err)
{
	churn_status st;
	model_score_row *all = malloc((t->nrows ? t->nrows : 1) * sizeof *all);

	*out = NULL;
	if (all == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory scoring %zu customers",
		                     t->nrows);
	if ((st = model_score_table(d, r, t, all, err)) == CHURN_OK)
		st = build(t, active, all, 0, out, err);
	free(all);
	return st;
}

churn_status scores_build_cox(const design *d, const cox_result *r, const cox_baseline *b,
                              const table *t, const double *tenure, const size_t *stratum,
                              double h, const unsigned char *active, scores **out,
                              churn_err *err)
{
	churn_status st;
	model_score_row *all = malloc((t->nrows ? t->nrows : 1) * sizeof *all);

	*out = NULL;
	if (all == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory scoring %zu customers",
		                     t->nrows);
	if ((st = model_score_cox_table(d, r, b, t, tenure, stratum, h, all, err)) == CHURN_OK)
		st = build(t, active, all, 1, out, err);
	free(all);
	return st;
}

char *scores_beyond_reason(const model_score_row *s, char *buf, size_t n)
{
	if (s->limit > 0)
		snprintf(buf, n, "beyond the data: tenure + horizon passes %.15g, after which fewer "
		         "than the --min-n customers of this stratum were still at risk", s->limit);
	else
		snprintf(buf, n, "beyond the data: this stratum never had --min-n customers at risk");
	return buf;
}

/* One cell of text (RFC 4180 quoting, formula-escaped; see
 * cohort_output.h) followed by `sep`. */
static void text_cell(FILE *f, const char *s, int sep)
{
	sheet_text(f, s);
	fputc(sep, f);
}

churn_status scores_write_csv(FILE *f, const scores *s, const design *d, const table *t,
                              const char *id_col, const char *value_col,
                              const char *const *segments, const char *const *actions,
                              churn_err *err)
{
	const table_col *id = id_col ? table_find(t, id_col) : NULL;
	const table_col *val = value_col ? table_find(t, value_col) : NULL;
	char buf[512];

	if (id == NULL || id->kind == TABLE_DATE)
		return churn_err_set(err, CHURN_EUSAGE, "scores: no id column '%s'",
		                     id_col ? id_col : "(none)");
	if (value_col != NULL && (val == NULL || val->kind != TABLE_NUM))
		return churn_err_set(err, CHURN_EUSAGE, "scores: no numeric value column '%s'",
		                     value_col);
	fputs("id,value,churn_probability,risk_band,segment,main_driver,recommended_action\n", f);
	for (size_t k = 0; k < s->n; k++) {
		const score_entry *e = &s->rows[k];
		size_t i = e->row;
		if (id->kind == TABLE_CAT) {
			text_cell(f, id->codes[i] == TABLE_CODE_NA ? "" : id->levels[id->codes[i]], ',');
		} else {
			snprintf(buf, sizeof buf, "%.15g", id->num[i]);
			text_cell(f, isnan(id->num[i]) ? "" : buf, ',');
		}
		if (val != NULL && !isnan(val->num[i]))
			fprintf(f, "%.15g", val->num[i]);
		fputc(',', f);
		if (e->band != SCORE_BAND_NONE)
			fprintf(f, "%.6f", e->s.prob);
		fputc(',', f);
		text_cell(f, e->s.beyond ? "beyond the data" : score_band_name(e->band), ',');
		text_cell(f, segments && segments[k] ? segments[k] : "", ',');
		if (e->s.beyond)
			text_cell(f, scores_beyond_reason(&e->s, buf, sizeof buf), ',');
		else if (e->band == SCORE_BAND_NONE)
			text_cell(f, unscored_reason(e->s.status), ',');
		else
			text_cell(f, model_score_driver_label(d, t, i, &e->s, buf, sizeof buf), ',');
		text_cell(f, actions && actions[k] ? actions[k] : "", '\n');
	}
	if (ferror(f))
		return churn_err_set(err, CHURN_EIO, "scores: write error");
	return CHURN_OK;
}
