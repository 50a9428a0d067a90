/* model_run_cox.c - the proportional-hazards test of the Cox model, the
 * stratified model when a categorical term fails it, and the scoring
 * baselines; see model_run.h and docs/proportional-hazards.md. */
#include "config.h"

#include "churnkit/model_run.h"

#include "churnkit/jsonout.h"
#include "churnkit/model_json.h"

#include <json-c/json.h>
#include <math.h>
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
 * rows as the plain fit, strata from the stratified terms' levels. */
static churn_status fit_strata(model_run *m, const model_run_input *d, const cox_data *cd,
                               churn_err *err)
{
	const design *dc = m->dc;
	size_t nt = d->res->t->nrows;
	const char **terms = malloc((m->nfeatures ? m->nfeatures : 1) * sizeof *terms);
	unsigned char *mask = calloc(nt ? nt : 1, 1);
	churn_status st = CHURN_OK;
	size_t k2 = 0;

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
	if ((st = design_build(d->res->t, &spec, &m->dcs, err)) != CHURN_OK)
		goto done;
	if (m->dcs->nrows != dc->nrows) {
		st = churn_err_set(err, CHURN_EMODEL, "the stratified Cox model does not have the "
		                   "rows of the Cox model (%zu, %zu)", m->dcs->nrows, dc->nrows);
		goto done;
	}
	if ((m->strata_code = malloc(dc->nrows * sizeof *m->strata_code)) == NULL) {
		st = churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
		goto done;
	}
	for (size_t i = 0; i < dc->nrows; i++)
		m->strata_code[i] = code_of(m, gsl_matrix_const_ptr(dc->X, i, 0));
	if ((st = make_labels(m, err)) != CHURN_OK)
		goto done;
	cox_data sd = *cd;
	sd.X = m->dcs->X;
	sd.strata = m->strata_code;
	sd.aliased = NULL;
	st = cox_fit(&sd, &m->copts, &m->crs, err);
	if (st == CHURN_OK)
		st = cox_baseline_fit_n(&sd, m->crs, (double)m->min_n, &m->cb, err);
done:
	free(terms);
	free(mask);
	return st;
}

/* The smallest weighted number of events among the strata that the terms
 * flagged in m->ph_strat make (only strata that have rows count); -1 when
 * they would make more than MAX_STRATA codes, -2 when out of memory. */
#define MAX_STRATA 100000
static double min_stratum_events(const model_run *m, const cox_data *cd)
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
		size_t c = code_of(m, gsl_matrix_const_ptr(m->dc->X, i, 0));
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
static churn_status choose_strata(model_run *m, const cox_data *cd, churn_err *err)
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
	for (size_t a = 0; a < n; a++) {
		m->ph_strat[cand[a]] = 1;
		double least = min_stratum_events(m, cd);
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
                                    churn_err *err)
{
	const design *dc = m->dc;
	churn_status st;
	size_t *col_term = malloc((dc->ncols ? dc->ncols : 1) * sizeof *col_term);

	if (col_term == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the proportional-hazards test");
	for (size_t j = 0; j < dc->ncols; j++)
		col_term[j] = dc->cols[j].term;
	st = cox_zph(cd, m->cr, col_term, dc->nterms, &m->zph, err);
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
	if (m->zph != NULL && (st = choose_strata(m, cd, err)) != CHURN_OK)
		return st;
	if (m->nph_strat > 0 && (st = fit_strata(m, d, cd, err)) != CHURN_OK)
		return st;
	if (m->cb == NULL)
		st = cox_baseline_fit_n(cd, m->cr, (double)m->min_n, &m->cb, err);
	return st;
}

churn_status model_run_cox_strata_of(const model_run *m, const table *t, size_t **out,
                                    churn_err *err)
{
	gsl_matrix *X = NULL;
	design_row_status *rs;
	churn_status st;

	*out = NULL;
	if (m->crs == NULL)
		return CHURN_OK;
	rs = malloc((t->nrows ? t->nrows : 1) * sizeof *rs);
	*out = malloc((t->nrows ? t->nrows : 1) * sizeof **out);
	if (rs == NULL || *out == NULL) {
		free(rs);
		free(*out);
		*out = NULL;
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the strata");
	}
	if ((st = design_apply(m->dc, t, &X, rs, err)) == CHURN_OK)
		for (size_t i = 0; i < t->nrows; i++)
			(*out)[i] = rs[i] == DESIGN_ROW_OK ? code_of(m, gsl_matrix_const_ptr(X, i, 0))
			                                   : (size_t)-1;
	gsl_matrix_free(X);
	free(rs);
	if (st != CHURN_OK) {
		free(*out);
		*out = NULL;
	}
	return st;
}

int model_run_cox_print(const model_run *m, FILE *f)
{
	const design *dc = m->dc;
	int bad = 0;
	if (m->zph != NULL)
		bad |= model_print_cox_zph(f, dc, m->zph, m->ph_alpha);
	if (m->ph_note[0])
		fprintf(f, "Note: %s.\n", m->ph_note);
	for (size_t k = 0; m->zph != NULL && k < dc->nterms; k++) {
		if (!dc->terms[k].categorical && m->zph->df[k] > 0 && m->zph->p[k] < m->ph_alpha)
			fprintf(f, "%s fails proportional hazards (p < %g): its effect changes with "
			           "tenure; a number is not stratified, so the scores of customers far "
			           "from its average rest on an assumption the data reject.\n",
			        dc->terms[k].name, m->ph_alpha);
		if (m->ph_small && m->ph_small[k])
			fprintf(f, "%s fails proportional hazards (p < %g) but is not stratified: some "
			           "of its groups%s would have fewer than %ld churners; the scores of "
			           "those customers rest on an assumption the data reject.\n",
			        dc->terms[k].name, m->ph_alpha, m->nph_strat ? " within the strata" : "",
			        m->min_n);
	}
	if (m->crs != NULL) {
		fputs("\nStratified by ", f);
		for (size_t k = 0, first = 1; k < dc->nterms; k++)
			if (m->ph_strat[k]) {
				fprintf(f, "%s%s", first ? "" : " and ", dc->terms[k].name);
				first = 0;
			}
		fprintf(f, " (proportional hazards fails, p < %g): each stratum has its own "
		           "baseline hazard,\nas R's coxph(... + strata(...)); the scores come from "
		           "this model.\n\n", m->ph_alpha);
		bad |= model_print_cox(f, m->dcs, m->crs);
	}
	return bad || ferror(f) ? -1 : 0;
}

churn_status model_run_cox_json(const model_run *m, void *cox_, churn_err *err)
{
	json_object *cox = cox_;
	const design *dc = m->dc;
	if (m->zph != NULL) {
		json_object *z = model_json_cox_zph(dc, m->zph);
		if (z == NULL)
			return churn_err_set(err, CHURN_ENOMEM, "out of memory for the JSON");
		json_object_object_add(z, "alpha", json_num(m->ph_alpha));
		json_object *fails = json_object_new_array();
		for (size_t k = 0; k < dc->nterms; k++)
			if (m->zph->df[k] > 0 && m->zph->p[k] < m->ph_alpha)
				json_object_array_add(fails, json_object_new_string(dc->terms[k].name));
		json_object_object_add(z, "fails", fails);
		json_object *small = json_object_new_array();
		for (size_t k = 0; k < dc->nterms; k++)
			if (m->ph_small && m->ph_small[k])
				json_object_array_add(small, json_object_new_string(dc->terms[k].name));
		json_object_object_add(z, "not_stratified_small", small);
		json_object_object_add(cox, "ph_test", z);
	} else {
		json_object_object_add(cox, "ph_test", NULL);
	}
	json_object_object_add(cox, "ph_note", m->ph_note[0] ? json_object_new_string(m->ph_note)
	                                                     : NULL);
	json_object_object_add(cox, "min_n", json_object_new_int64((int64_t)m->min_n));
	json_object_object_add(cox, "data_reach", m->cb != NULL && m->crs == NULL
	                       ? json_num(m->cb->limit[0]) : NULL);
	if (m->crs == NULL) {
		json_object_object_add(cox, "strata", NULL);
		return CHURN_OK;
	}
	json_object *s = model_json_cox(m->dcs, m->crs), *terms = json_object_new_array();
	json_object *levels = json_object_new_array();
	if (s == NULL || terms == NULL || levels == NULL) {
		json_object_put(s);
		json_object_put(terms);
		json_object_put(levels);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory for the JSON");
	}
	for (size_t k = 0; k < dc->nterms; k++)
		if (m->ph_strat[k])
			json_object_array_add(terms, json_object_new_string(dc->terms[k].name));
	json_object_object_add(s, "terms", terms);
	if (m->cb != NULL) {
		for (size_t k = 0; k < m->cb->nstrata; k++) {
			json_object *l = json_object_new_object();
			size_t code = m->cb->strata[k];
			json_object_object_add(l, "level", json_object_new_string(
			                       code < m->nstrata_label ? m->strata_label[code] : ""));
			json_object_object_add(l, "last_time", json_num(m->cb->stratum_last[k]));
			json_object_object_add(l, "data_reach", json_num(m->cb->limit[k]));
			json_object_array_add(levels, l);
		}
	}
	json_object_object_add(s, "levels", levels);
	json_object_object_add(cox, "strata", s);
	return CHURN_OK;
}
