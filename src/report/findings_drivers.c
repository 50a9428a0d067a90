/*
 * findings_drivers.c - the findings from the model's terms (FINDING_DRIVER
 * in include/churnkit/findings.h): per unit of a numeric term, per doubling
 * of a log term, a dummy against its reference level, a missing-value
 * indicator against the customers with a value; the group counts and the
 * strength (|b|, or |b| x 2 SD for numeric terms) that rank them.
 */
#include "report/findings_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ratios and odds ratios print with at most this many decimals. */
#define MAX_RATIO_DECIMALS 6

/* The decimals an odds or hazard ratio needs: 2, or more until it no longer
 * reads "1.00" (a per-unit ratio of a variable on a large scale). */
static int ratio_decimals(double x)
{
	int d = 2;
	if (fabs(x) >= 100)
		return 0;
	if (fabs(x) >= 10)
		return 1;
	while (d < MAX_RATIO_DECIMALS && fabs(x - 1) < 0.5 * pow(10, -d))
		d++;
	return d;
}

/* Picks the full sentence when it fits text_soft_max, else the short one.
 * Takes ownership of both (either may be NULL: out of memory). */
static char *pick_text(char *full, char *brief, size_t soft_max, int *oom)
{
	if (full == NULL || brief == NULL) {
		free(full);
		free(brief);
		*oom = 1;
		return NULL;
	}
	if (findings_chars(full) <= soft_max) {
		free(brief);
		return full;
	}
	free(full);
	return brief;
}

/* One model's numbers, logistic or Cox, seen alike. */
typedef struct {
	int cox;
	const design *d;
	const double *w;
	const double *coef, *pval, *ratio, *lower, *upper;
	double conf_level;
	int firth;
	const int *aliased, *skip1, *skip2;
} model_view;

/* Weighted count of the design rows where column j is 1, and the total. */
static double col_count(const model_view *m, size_t j)
{
	double n = 0;
	for (size_t i = 0; i < m->d->nrows; i++) {
		double w = m->w ? m->w[i] : 1;
		if (w > 0 && gsl_matrix_get(m->d->X, i, j) == 1)
			n += w;
	}
	return n;
}

static double total_weight(const model_view *m)
{
	double n = 0;
	for (size_t i = 0; i < m->d->nrows; i++) {
		double w = m->w ? m->w[i] : 1;
		if (w > 0)
			n += w;
	}
	return n;
}

/* Weighted standard deviation of column j (frequency weights, n - 1). */
static double col_sd(const model_view *m, size_t j)
{
	double sw = 0, mean = 0, ss = 0;
	for (size_t i = 0; i < m->d->nrows; i++) {
		double w = m->w ? m->w[i] : 1;
		if (!(w > 0))
			continue;
		double x = gsl_matrix_get(m->d->X, i, j), dlt = x - mean;
		sw += w;
		mean += w * dlt / sw;
		ss += w * dlt * (x - mean);
	}
	return sw > 1 ? sqrt(ss / (sw - 1)) : NAN;
}

/* The ratio with as many decimals as it needs, and its interval alike. */
static void ratio_cells(double x, double lo, double hi, double power, char *bx, char *blo,
                        char *bhi, size_t n)
{
	x = pow(x, power);
	lo = pow(lo, power);
	hi = pow(hi, power);
	int d = ratio_decimals(x);
	snprintf(bx, n, "%.*f", d, x);
	snprintf(blo, n, "%.*f", d, lo);
	snprintf(bhi, n, "%.*f", d, hi);
}

typedef struct {
	size_t col;
	double strength;
} driver_pick;

/* Writes one driver's sentence and adds it. */
static void driver_add(const findings_input *in, const findings_opts *o, const model_view *m,
                       size_t j, double strength, flist *l)
{
	const design_col *c = &m->d->cols[j];
	const design_term *t = &m->d->terms[c->term];
	const char *outcome = in->outcome ? in->outcome : "churn";
	const char *rname = m->cox ? "HR" : "OR";
	double power = (c->kind == DESIGN_COL_NUM && t->log) ? log(2) : 1;
	double x = pow(m->ratio[j], power);
	char bx[48], blo[48], bhi[48], pb[32], rb[32], pc[32], tb[256], tshort[128];

	ratio_cells(m->ratio[j], m->lower[j], m->upper[j], power, bx, blo, bhi, sizeof bx);
	findings_format_p(m->pval[j], o->alpha, pb, sizeof pb);
	snprintf(tb, sizeof tb, "%s %s%s, %g%% CI %s-%s, %s%s%s", rname, bx,
	         power != 1 ? " per doubling" : "", 100 * m->conf_level, blo, bhi,
	         m->cox ? "Cox " : "", pb, m->firth ? "; Firth-penalised fit" : "");
	snprintf(tshort, sizeof tshort, "%s %s, %s%s%s", rname, bx, m->cox ? "Cox " : "", pb,
	         m->firth ? "; Firth fit" : "");

	sbuf head = {0};
	if (c->kind == DESIGN_COL_NUM) {
		const char *what = m->cox ? "the churn hazard" : "the odds of ";
		findings_sb_printf(&head, "Each %s %s %s%s%s by ",
		                   power != 1 ? "doubling of" : "additional unit of", t->column,
		                   x > 1 ? (x >= 2 ? "multiplies " : "raises ") : "lowers ", what,
		                   m->cox ? "" : outcome);
		if (x >= 2)
			findings_sb_printf(&head, "%s", findings_format_ratio(x, rb, sizeof rb));
		else
			findings_sb_printf(&head, "%s", findings_pct(pc, sizeof pc, fabs(x - 1)));
	} else {
		const char *ref = NULL;
		if (c->kind == DESIGN_COL_MISSING)
			findings_sb_printf(&head, "Customers with no %s value", t->column);
		else if (t->missing_level && c->level + 1 == t->nlevels)
			findings_sb_printf(&head, "Customers with no %s value", t->column);
		else
			findings_sb_printf(&head, "Customers with %s = %s", t->column,
			                   t->levels[c->level]);
		if (c->kind == DESIGN_COL_DUMMY)
			ref = design_reference(m->d, c->term);
		if (x >= 1)
			findings_sb_printf(&head, " have %sx the %s%s",
			                   findings_format_ratio(x, rb, sizeof rb),
			                   m->cox ? "churn hazard" : "odds of ",
			                   m->cox ? "" : outcome);
		else
			findings_sb_printf(&head, " have %s lower %s%s",
			                   findings_pct(pc, sizeof pc, 1 - x),
			                   m->cox ? "churn hazard" : "odds of ",
			                   m->cox ? "" : outcome);
		if (ref != NULL)
			findings_sb_printf(&head, " %s %s = %s (reference)", x >= 1 ? "vs" : "than",
			                   t->column, ref);
		else
			findings_sb_printf(&head, " %s those with one", x >= 1 ? "vs" : "than");
	}
	sbuf full = {0}, brief = {0};
	const char *h = head.s ? head.s : "";
	findings_sb_printf(&full, "%s (%s)", h, tb);
	findings_sb_printf(&brief, "%s (%s)", h, tshort);
	int oom = head.oom || full.oom || brief.oom;
	findings_sb_reset(&head);
	char *text = pick_text(findings_sb_take(&full), findings_sb_take(&brief), o->text_soft_max,
	                       &oom);
	if (oom) {
		free(text);
		l->oom = 1;
		return;
	}
	findings_list_add(l, FINDING_DRIVER, 1, text, x, findings_strdup(tb), m->pval[j], strength,
	                  t->column);
}

static int has_segment(const flist *l, const char *column)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->item[i].kind == FINDING_SEGMENT && l->item[i].subject != NULL &&
		    strcmp(l->item[i].subject, column) == 0)
			return 1;
	return 0;
}

static int pick_cmp(const void *pa, const void *pb)
{
	const driver_pick *a = pa, *b = pb;
	if (a->strength != b->strength)
		return a->strength > b->strength ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

void findings_drivers(const findings_input *in, const findings_opts *o, flist *l)
{
	model_view m = {0};
	const design *d;

	if (in->logit != NULL) {
		const logit_result *r = in->logit;
		if (!r->converged || (r->separation != LOGIT_SEP_NONE && !r->firth))
			return;
		m = (model_view){.cox = 0, .d = in->logit_design, .w = in->logit_weights,
		                 .coef = r->coef, .pval = r->pval, .ratio = r->odds_ratio,
		                 .lower = r->or_lower, .upper = r->or_upper,
		                 .conf_level = r->conf_level, .firth = r->firth,
		                 /* A column along the separating direction has no
		                  * meaningful size, even under Firth's penalty (it
		                  * only reflects the penalty): never a finding. */
		                 .aliased = r->aliased, .skip1 = r->diverging};
	} else if (in->cox != NULL) {
		const cox_result *r = in->cox;
		if (!r->converged || r->any_infinite)
			return;
		m = (model_view){.cox = 1, .d = in->cox_design, .w = in->cox_weights,
		                 .coef = r->coef, .pval = r->pval, .ratio = r->hazard_ratio,
		                 .lower = r->hr_lower, .upper = r->hr_upper,
		                 .conf_level = r->conf_level, .aliased = r->aliased,
		                 .skip1 = r->infinite};
	} else {
		return;
	}
	d = m.d;
	if (d->X == NULL || o->max_drivers == 0)
		return;
	double ntot = total_weight(&m);
	driver_pick *pick = calloc(d->nterms ? d->nterms : 1, sizeof *pick);
	double *count = calloc(d->ncols ? d->ncols : 1, sizeof *count);
	size_t npick = 0;
	if (pick == NULL || count == NULL) {
		free(pick);
		free(count);
		l->oom = 1;
		return;
	}
	for (size_t j = 0; j < d->ncols; j++)
		if (d->cols[j].kind == DESIGN_COL_DUMMY || d->cols[j].kind == DESIGN_COL_MISSING)
			count[j] = col_count(&m, j);
	for (size_t k = 0; k < d->nterms; k++) {
		const design_term *t = &d->terms[k];
		double ref_n = ntot, best_s = -1;
		size_t best = (size_t)-1;
		if (t->ncols == 0 || has_segment(l, t->column))
			continue;
		for (size_t j = t->first_col; j < t->first_col + t->ncols; j++)
			if (d->cols[j].kind == DESIGN_COL_DUMMY)
				ref_n -= count[j];
		for (size_t j = t->first_col; j < t->first_col + t->ncols; j++) {
			const design_col *c = &d->cols[j];
			double s;
			if (c->kind == DESIGN_COL_INTERCEPT || (m.aliased && m.aliased[j]) ||
			    (m.skip1 && m.skip1[j]) || !isfinite(m.coef[j]) ||
			    !(m.pval[j] < o->alpha) || !(m.ratio[j] > 0) || !isfinite(m.ratio[j]))
				continue;
			if (c->kind == DESIGN_COL_NUM) {
				if (!(ntot >= o->min_n))
					continue;
				s = fabs(m.coef[j]) * 2 * col_sd(&m, j);
			} else if (c->kind == DESIGN_COL_DUMMY) {
				if (!(count[j] >= o->min_n) || !(ref_n >= o->min_n) ||
				    design_reference(d, k) == NULL)
					continue;
				s = fabs(m.coef[j]);
			} else { /* missing indicator: without a value against with one */
				if (!(count[j] >= o->min_n) || !(ntot - count[j] >= o->min_n))
					continue;
				s = fabs(m.coef[j]);
			}
			if (!isfinite(s))
				continue;
			if (s > best_s) {
				best_s = s;
				best = j;
			}
		}
		if (best != (size_t)-1)
			pick[npick++] = (driver_pick){.col = best, .strength = best_s};
	}
	qsort(pick, npick, sizeof *pick, pick_cmp);
	for (size_t i = 0; i < npick && i < o->max_drivers; i++)
		driver_add(in, o, &m, pick[i].col, pick[i].strength, l);
	free(pick);
	free(count);
}
