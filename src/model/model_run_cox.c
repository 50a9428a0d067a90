/* model_run_cox.c - the proportional-hazards test of the Cox model, the
 * stratified model when a categorical term fails it, and the scoring
 * baselines; see model_run.h and docs/proportional-hazards.md. */
#include "config.h"

#include "churnkit/model_run.h"
#include "model/design_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void model_run_cox_free(model_run *m)
{
	cox_zph_free(m->zph);
	free(m->ph_strat);
	free(m->ph_small);
	design_free(m->dcs);
	cox_result_free(m->crs);
	free(m->strata_code);
	for (size_t k = 0; k < m->nstrata_label; k++)
		free(m->strata_label[k]);
	free(m->strata_label);
}

const cox_result *model_run_score_cox(const model_run *m)
{
	return m->crs ? m->crs : m->cr;
}

/* The level index of categorical term k in design row x (0: reference). */
static size_t level_of(const design *d, size_t k, const double *x)
{
	const design_term *tm = &d->terms[k];
	for (size_t j = tm->first_col; j < tm->first_col + tm->ncols; j++)
		if (d->cols[j].kind == DESIGN_COL_DUMMY && x[j] == 1)
			return d->cols[j].level;
	return 0;
}

/* The stratum code of design row x: the stratified terms' level indices
 * in mixed radix, in term order. */
static size_t code_of(const model_run *m, const double *x)
{
	size_t code = 0;
	for (size_t k = 0; k < m->dc->nterms; k++)
		if (m->ph_strat[k])
			code = code * m->dc->terms[k].nlevels + level_of(m->dc, k, x);
	return code;
}

/* The level index of each categorical term that may become a stratum,
 * for every row of the Cox design: lv[k] (dc->nrows) for the candidate
 * terms, NULL for the others; read once from the table's codes (not from
 * the n x p design), so that trying the candidates and coding the strata
 * do not read it again. */
typedef struct {
	size_t nterms;
	uint32_t **lv;
} term_levels;

static void term_levels_free(term_levels *tl)
{
	for (size_t k = 0; tl->lv != NULL && k < tl->nterms; k++)
		free(tl->lv[k]);
	free(tl->lv);
	tl->lv = NULL;
}

/* Fills tl with the levels of the ncand terms cand[] of dc, built from
 * table t (design_row_levels). */
static churn_status term_levels_read(const design *dc, const table *t, const size_t *cand,
                                     size_t ncand, term_levels *tl, churn_err *err)
{
	tl->nterms = dc->nterms;
	if ((tl->lv = calloc(dc->nterms ? dc->nterms : 1, sizeof *tl->lv)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
	for (size_t a = 0; a < ncand; a++) {
		churn_status st;
		if ((tl->lv[cand[a]] = malloc((dc->nrows ? dc->nrows : 1) * sizeof **tl->lv)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
		if ((st = design_row_levels(dc, t, cand[a], tl->lv[cand[a]], err)) != CHURN_OK)
			return st;
	}
	return CHURN_OK;
}

/* code_of for row i of the Cox design, from its terms' levels tl. */
static size_t code_of_row(const model_run *m, const term_levels *tl, size_t i)
{
	size_t code = 0;
	for (size_t k = 0; k < m->dc->nterms; k++)
		if (m->ph_strat[k])
			code = code * m->dc->terms[k].nlevels + tl->lv[k][i];
	return code;
}

/* *out: a new array of the stratum code of every row of the Cox design
 * (code_of_row); the caller frees it. */
static churn_status strata_codes(const model_run *m, const term_levels *tl, size_t **out,
                                 churn_err *err)
{
	size_t n = m->dc->nrows;
	if ((*out = malloc((n ? n : 1) * sizeof **out)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
	for (size_t i = 0; i < n; i++)
		(*out)[i] = code_of_row(m, tl, i);
	return CHURN_OK;
}

/* Labels of every code: "Contract=Two year, TechSupport=No". */
static churn_status make_labels(model_run *m, churn_err *err)
{
	size_t n = 1;
	for (size_t k = 0; k < m->dc->nterms; k++)
		if (m->ph_strat[k])
			n *= m->dc->terms[k].nlevels;
	if ((m->strata_label = calloc(n, sizeof *m->strata_label)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
	m->nstrata_label = n;
	for (size_t code = 0; code < n; code++) {
		char buf[512];
		size_t len = 0, rest = code;
		buf[0] = '\0';
		/* The last stratified term is the lowest digit: read from the end. */
		for (size_t k = m->dc->nterms; k-- > 0;) {
			if (!m->ph_strat[k])
				continue;
			const design_term *tm = &m->dc->terms[k];
			size_t lv = rest % tm->nlevels;
			rest /= tm->nlevels;
			char part[256];
			snprintf(part, sizeof part, "%s=%s", tm->column, tm->levels[lv]);
			char tmp[512];
			snprintf(tmp, sizeof tmp, "%s%s%s", part, len ? ", " : "", buf);
			snprintf(buf, sizeof buf, "%s", tmp);
			len = strlen(buf);
		}
		if ((m->strata_label[code] = strdup(buf)) == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
	}
	return CHURN_OK;
}

/* The stratified fit: the features less the stratified terms, on the same
 * rows as the plain fit, strata from the stratified terms' levels: codes
 * (strata_codes), which m takes. */
static churn_status fit_strata(model_run *m, const model_run_input *d, const cox_data *cd,
                               size_t *codes, churn_err *err)
{
	const design *dc = m->dc;
	size_t nt = d->res->t->nrows;
	const char **terms = malloc((m->nfeatures ? m->nfeatures : 1) * sizeof *terms);
	unsigned char *mask = calloc(nt ? nt : 1, 1);
	churn_status st = CHURN_OK;
	cox_prep *sp = NULL;
	size_t k2 = 0;

	m->strata_code = codes;

	if (terms == NULL || mask == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the stratified Cox model");
		goto done;
	}
	for (size_t k = 0; k < dc->nterms; k++)
		if (!m->ph_strat[k])
			terms[k2++] = dc->terms[k].name;
	if (k2 == 0) {
		snprintf(m->ph_note, sizeof m->ph_note,
		         "every term fails proportional hazards and would be a stratum: the model "
		         "is not stratified");
		memset(m->ph_strat, 0, dc->nterms);
		m->nph_strat = 0;
		free(m->strata_code);
		m->strata_code = NULL;
		goto done;
	}
	for (size_t i = 0; i < dc->nrows; i++)
		mask[dc->row[i]] = 1;
	design_spec spec;
	memset(&spec, 0, sizeof spec);
	spec.terms = terms;
	spec.nterms = k2;
	spec.categorical = d->map->categorical;
	spec.ncategorical = d->map->ncategorical;
	spec.references = (const char *const *)m->references;
	spec.nreferences = m->nreferences;
	spec.impute = m->impute;
	spec.row_mask = mask;
	if (d->map->weight != NULL) {
		const table_col *w = table_find(d->res->t, d->map->weight);
		spec.freq = w != NULL ? w->num : NULL;
	}
	spec.share = dc;  /* the kept terms' columns of dc when they are a run of them */
	if ((st = design_build(d->res->t, &spec, &m->dcs, err)) != CHURN_OK)
		goto done;
	if (m->dcs->nrows != dc->nrows) {
		st = churn_err_set(err, CHURN_EMODEL, "the stratified Cox model does not have the "
		                   "rows of the Cox model (%zu, %zu)", m->dcs->nrows, dc->nrows);
		goto done;
	}
	if ((st = make_labels(m, err)) != CHURN_OK)
		goto done;
	cox_data sd = *cd;
	sd.X = m->dcs->X;
	sd.strata = m->strata_code;
	sd.aliased = NULL;
	stagetime_begin(m->timer, "stratified cox model", 0, NULL);
	if ((st = cox_prep_new(&sd, &sp, err)) == CHURN_OK)
		st = cox_fit_prep(sp, &m->copts, &m->crs, err);
	stagetime_mark(m->timer, "cox: stratified fit");
	stagetime_begin(m->timer, "cox baseline", 0, NULL);
	if (st == CHURN_OK)
		st = cox_baseline_fit_prep(sp, m->crs, (double)m->min_n, &m->cb, err);
	stagetime_mark(m->timer, "cox: baseline");
done:
	cox_prep_free(sp);
	free(terms);
	free(mask);
	return st;
}

/* The smallest weighted number of events among the strata that the terms
 * flagged in m->ph_strat make (only strata that have rows count); -1 when
 * they would make more than MAX_STRATA codes, -2 when out of memory. */
#define MAX_STRATA 100000
static double min_stratum_events(const model_run *m, const cox_data *cd, const term_levels *tl)
{
	size_t ncode = 1;
	for (size_t k = 0; k < m->dc->nterms; k++)
		if (m->ph_strat[k] && (ncode *= m->dc->terms[k].nlevels) > MAX_STRATA)
			return -1;
	double *ev = calloc(ncode, sizeof *ev);
	unsigned char *has = calloc(ncode, 1);
	if (ev == NULL || has == NULL) {
		free(ev);
		free(has);
		return -2;
	}
	for (size_t i = 0; i < m->dc->nrows; i++) {
		size_t c = code_of_row(m, tl, i);
		has[c] = 1;
		ev[c] += cd->status[i] * (cd->w ? cd->w[i] : 1.0);
	}
	double least = INFINITY;
	for (size_t c = 0; c < ncode; c++)
		if (has[c] && ev[c] < least)
			least = ev[c];
	free(ev);
	free(has);
	return least;
}

/* Which failing categorical terms become strata (docs/proportional-
 * hazards.md): strongest failure first (smallest p, then largest chisq per
 * df), each kept only when every stratum then still has at least min_n
 * events; the others are flagged in ph_small. */
static churn_status choose_strata(model_run *m, const table *t, const cox_data *cd,
                                  term_levels *tl, churn_err *err)
{
	const design *dc = m->dc;
	const cox_zph_result *z = m->zph;
	size_t n = 0, *cand = malloc((dc->nterms ? dc->nterms : 1) * sizeof *cand);
	if (cand == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
	for (size_t k = 0; k < dc->nterms; k++)
		if (dc->terms[k].categorical && z->df[k] > 0 && z->p[k] < m->ph_alpha)
			cand[n++] = k;
	/* Insertion sort by strength (a handful of terms). */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0; b--) {
			size_t x = cand[b - 1], y = cand[b];
			double rx = z->chisq[x] / (double)z->df[x], ry = z->chisq[y] / (double)z->df[y];
			if (z->p[y] < z->p[x] || (z->p[y] == z->p[x] && ry > rx)) {
				cand[b - 1] = y;
				cand[b] = x;
			} else {
				break;
			}
		}
	churn_status st = term_levels_read(dc, t, cand, n, tl, err);
	if (st != CHURN_OK) {
		free(cand);
		return st;
	}
	for (size_t a = 0; a < n; a++) {
		m->ph_strat[cand[a]] = 1;
		double least = min_stratum_events(m, cd, tl);
		if (least == -2) {
			free(cand);
			return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
		}
		if (least >= (double)m->min_n) {
			m->nph_strat++;
		} else {
			m->ph_strat[cand[a]] = 0;
			m->ph_small[cand[a]] = 1;
		}
	}
	free(cand);
	return CHURN_OK;
}

churn_status model_run_cox_after_fit(model_run *m, const model_run_input *d, const cox_data *cd,
                                    cox_prep **cp, churn_err *err)
{
	const design *dc = m->dc;
	churn_status st;
	size_t *col_term = malloc((dc->ncols ? dc->ncols : 1) * sizeof *col_term);

	if (col_term == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the proportional-hazards test");
	for (size_t j = 0; j < dc->ncols; j++)
		col_term[j] = dc->cols[j].term;
	stagetime_begin(m->timer, "proportional-hazards test", 0, NULL);
	st = cox_zph_prep(*cp, m->cr, col_term, dc->nterms, &m->zph, err);
	free(col_term);
	if (st == CHURN_EMODEL) {
		static const char what[] = "the proportional-hazards test could not be computed: ";
		size_t k = sizeof what - 1, len = strlen(err->msg);
		if (len > sizeof m->ph_note - k - 1)
			len = sizeof m->ph_note - k - 1;
		memcpy(m->ph_note, what, k);
		memcpy(m->ph_note + k, err->msg, len);
		m->ph_note[k + len] = '\0';
		churn_err_clear(err);
		st = CHURN_OK;
	}
	if (st != CHURN_OK)
		return st;
	if ((m->ph_strat = calloc(dc->nterms ? dc->nterms : 1, 1)) == NULL ||
	    (m->ph_small = calloc(dc->nterms ? dc->nterms : 1, 1)) == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
	stagetime_mark(m->timer, "cox: zph");
	term_levels tl = {0, NULL};
	size_t *codes = NULL;
	if (m->zph != NULL)
		st = choose_strata(m, d->res->t, cd, &tl, err);
	if (st == CHURN_OK && m->nph_strat > 0)
		st = strata_codes(m, &tl, &codes, err);
	term_levels_free(&tl);
	if (st != CHURN_OK) {
		free(codes);
		return st;
	}
	if (m->nph_strat > 0) {
		/* The stratified fit has its own rows' order: the plain fit's
		 * prepared rows go before it makes its own (peak memory). */
		cox_prep_free(*cp);
		*cp = NULL;
		if ((st = fit_strata(m, d, cd, codes, err)) != CHURN_OK)
			return st;
	}
	if (m->cb == NULL) {
		stagetime_begin(m->timer, "cox baseline", 0, NULL);
		st = *cp ? cox_baseline_fit_prep(*cp, m->cr, (double)m->min_n, &m->cb, err)
		         : cox_baseline_fit_n(cd, m->cr, (double)m->min_n, &m->cb, err);
		stagetime_mark(m->timer, "cox: baseline");
	}
	return st;
}

/* design_apply_each's step for model_run_cox_strata_of: row i's code. */
typedef struct {
	const model_run *m;
	size_t *code;
} strata_pass;

static void stratum_of_row(void *ctx, size_t i, const double *x, design_row_status rs)
{
	strata_pass *p = ctx;
	p->code[i] = rs == DESIGN_ROW_OK ? code_of(p->m, x) : (size_t)-1;
}

churn_status model_run_cox_strata_of(const model_run *m, const table *t, size_t **out,
                                    churn_err *err)
{
	churn_status st;

	*out = NULL;
	if (m->crs == NULL)
		return CHURN_OK;
	*out = malloc((t->nrows ? t->nrows : 1) * sizeof **out);
	if (*out == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
	strata_pass p = {m, *out};
	if ((st = design_apply_each(m->dc, t, stratum_of_row, &p, err)) != CHURN_OK) {
		free(*out);
		*out = NULL;
	}
	return st;
}

/* The scores' definition (model_run.h). */
void model_run_score_definition(const model_run *m, char *buf, size_t n)
{
	if (m->score_cox && m->sd->date_mode)
		snprintf(buf, n, "churn in the next %g month%s (%g days) after the current tenure t "
		         "(days from signup to as-of): 1 - S(t + %g | x) / S(t | x)", m->horizon,
		         m->horizon == 1 ? "" : "s", m->horizon_time, m->horizon_time);
	else if (m->score_cox)
		snprintf(buf, n, "churn in the next %g duration units after the current duration t: "
		         "1 - S(t + %g | x) / S(t | x)", m->horizon, m->horizon);
	else
		snprintf(buf, n, "%s", m->outcome);
}
