/*
 * findings_drivers.c - the findings from the model's terms (FINDING_DRIVER
 * in include/churnkit/findings.h; the rule in docs/findings.md): which
 * column of each term is stated, and its sentence.  The numbers compared
 * (groups, plain rates, typical customers) come from findings_compare.c.
 */
#include "churnkit/fmtnum.h"
#include "churnkit/termtest.h"
#include "churnkit/utf8.h"
#include "findings/findings_common.h"
#include "findings/findings_compare.h"
#include "findings/findings_kinds.h"

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
	if (utf8_chars(full) <= soft_max) {
		free(brief);
		return full;
	}
	free(full);
	return brief;
}

/* The ratio exp(lr) with as many decimals as it needs, and its interval
 * exp(lo), exp(hi) alike. */
static void ratio_cells(double lr, double lo, double hi, char *bx, char *blo, char *bhi,
                        size_t n)
{
	double x = exp(lr);
	int d = ratio_decimals(x);
	snprintf(bx, n, "%.*f", d, x);
	snprintf(blo, n, "%.*f", d, exp(lo));
	snprintf(bhi, n, "%.*f", d, exp(hi));
}

typedef struct {
	size_t col;
	double strength;
	driver_compare c;
} driver_pick;

/* "Customers with plan = pro", "Customers with no nps value", "Customers
 * with onboarded": group a of a comparison that is not a number. */
static void group_a(strbuf *b, const labelmap *lm, const char *column,
                    const driver_compare *c)
{
	const char *col = findings_col_name(lm, column);
	if (c->kind == COMPARE_MISSING)
		strbuf_printf(b, "Customers with no %s value", col);
	else if (c->kind == COMPARE_YESNO)
		strbuf_printf(b, "Customers with %s", col);
	else
		strbuf_printf(b, "Customers with %s = %s", col,
		              findings_level_name(lm, column, c->level_a));
}

/* Group b after "vs" or "than": "those without", "those with one",
 * "those with plan = basic", or, for a level of a term of three or more
 * levels in a plain driver sentence, "plan = basic (reference)". */
static void group_b(strbuf *b, const labelmap *lm, const char *column,
                    const driver_compare *c, int plain_ref)
{
	const char *col = findings_col_name(lm, column);
	const char *lev = findings_level_name(lm, column, c->level_b);
	if (c->kind == COMPARE_YESNO)
		strbuf_printf(b, "those without");
	else if (c->level_b == NULL)
		strbuf_printf(b, "those with one");
	else if (plain_ref && !c->two_levels)
		strbuf_printf(b, "%s = %s (reference)", col, lev);
	else
		strbuf_printf(b, "those with %s = %s", col, lev);
}

/* " have 2.4x the odds of churn" / " have 62% lower churn hazard". */
static void ratio_clause(strbuf *b, const model_view *m, const char *outcome, double lr)
{
	char rb[32];
	double x = exp(lr);
	if (x >= 1)
		strbuf_printf(b, " have %sx the %s%s", findings_format_ratio(x, rb, sizeof rb),
		                   m->cox ? "churn hazard" : "odds of ", m->cox ? "" : outcome);
	else
		strbuf_printf(b, " have %s lower %s%s", fmtnum_pct_says(1 - x, rb, sizeof rb),
		                   m->cox ? "churn hazard" : "odds of ", m->cox ? "" : outcome);
}

/* "among customers alike in A, B and C" (brief: "among otherwise alike
 * customers"): the model's other terms, named up to three. */
static void alike(strbuf *b, const labelmap *lm, const design *d, size_t term, int brief)
{
	size_t nother = 0, said = 0;
	for (size_t k = 0; k < d->nterms; k++)
		nother += k != term && d->terms[k].ncols > 0;
	if (nother == 0) {
		strbuf_printf(b, "as the model fits it");
		return;
	}
	if (brief) {
		strbuf_printf(b, "among otherwise alike customers");
		return;
	}
	strbuf_printf(b, "among customers alike in ");
	for (size_t k = 0; k < d->nterms; k++) {
		if (k == term || d->terms[k].ncols == 0)
			continue;
		if (nother > 3 && said == 2) {
			strbuf_printf(b, " and %zu other factors", nother - 2);
			return;
		}
		strbuf_printf(b, "%s%s", said == 0 ? "" : said + 1 == nother ? " and " : ", ",
		                   findings_col_name(lm, d->terms[k].column));
		said++;
	}
}

/* The sentence's head (without the test): see FINDING_DRIVER in findings.h. */
static void driver_head(strbuf *b, const findings_input *in, const model_view *m,
                        const driver_compare *c, int brief)
{
	const char *column = m->d->terms[c->term].column;
	const char *col = findings_col_name(in->labels, column);
	const char *outcome = in->outcome ? in->outcome : "churn";
	char pa[32], pb[32], va[48], vb[48];
	int adj_up = c->log_ratio > 0;
	int least = c->value[1] <= c->lowest; /* the lower quartile is the least value */

	findings_value(va, sizeof va, c->value[0]);
	findings_value(vb, sizeof vb, c->value[1]);
	if (!c->reversed) {
		if (c->kind != COMPARE_NUMBER) {
			group_a(b, in->labels, column, c);
			ratio_clause(b, m, outcome, c->log_ratio);
			strbuf_printf(b, " %s ", c->log_ratio >= 0 ? "vs" : "than");
			group_b(b, in->labels, column, c, 1);
		} else if (m->cox) {
			strbuf_printf(b, "Customers with %s at %s (upper quartile)", col, va);
			ratio_clause(b, m, outcome, c->log_ratio);
			strbuf_printf(b, " %s those at %s (lower quartile)",
			                   c->log_ratio >= 0 ? "of" : "than", vb);
		} else {
			fmtnum_pct_pair_says(c->pred[0], c->pred[1], pa, pb, sizeof pa);
			strbuf_printf(b, "Predicted %s is %s for customers with %s at %s (upper "
			                   "quartile), against %s at %s (lower quartile)",
			                   outcome, pa, col, va, pb, vb);
		}
		return;
	}
	/* Plain and adjusted disagree: both, plain first. */
	fmtnum_pct_pair_says(c->rate[0], c->rate[1], pa, pb, sizeof pa);
	if (c->kind == COMPARE_NUMBER)
		strbuf_printf(b, "Customers with %s in the upper quartile (%s or more) churn "
		                   "%s than those in the lower quartile (%s%s%s)",
		                   col, va, adj_up ? "less" : "more", least ? "at " : "", vb,
		                   least ? "" : " or less");
	else {
		group_a(b, in->labels, column, c);
		strbuf_printf(b, " churn %s than ", adj_up ? "less" : "more");
		group_b(b, in->labels, column, c, 0);
	}
	strbuf_printf(b, " (%s vs %s%s%s), but ", pa, pb, brief ? "" : " ",
	                   brief ? "" : m->cox ? "churned" : outcome);
	alike(b, in->labels, m->d, c->term, brief);
	if (m->cox) {
		if (c->kind == COMPARE_NUMBER) {
			strbuf_printf(b, ", those at %s", va);
			ratio_clause(b, m, outcome, c->log_ratio);
			strbuf_printf(b, " %s those at %s", c->log_ratio >= 0 ? "of" : "than", vb);
		} else {
			strbuf_printf(b, ", they");
			ratio_clause(b, m, outcome, c->log_ratio);
		}
		return;
	}
	fmtnum_pct_pair_says(c->pred[0], c->pred[1], pa, pb, sizeof pa);
	if (c->kind == COMPARE_NUMBER)
		strbuf_printf(b, ", predicted churn is %s at %s than at %s (%s vs %s)",
		                   adj_up ? "higher" : "lower", va, vb, pa, pb);
	else
		strbuf_printf(b, ", their predicted churn is %s (%s vs %s)",
		                   adj_up ? "higher" : "lower", pa, pb);
}

/* "churned within 12 months" from the outcome "churn within 12 months";
 * "had <outcome>" otherwise; Cox: "churned while observed". */
static void outcome_verb(strbuf *b, const findings_input *in, const model_view *m)
{
	const char *o = in->outcome ? in->outcome : "churn";
	if (m->cox)
		strbuf_printf(b, "churned while observed");
	else if (strncmp(o, "churn", 5) == 0 && (o[5] == '\0' || o[5] == ' '))
		strbuf_printf(b, "churned%s", o + 5);
	else
		strbuf_printf(b, "had %s", o);
}

/* The plain words of the driver finding last added (docs/findings.md): the
 * observed churn of the two groups first, then the model's adjusted ratio
 * (a reversed driver keeps its sentence, which says both); the test and
 * the model for the footnote; the group concerned. */
static void driver_plain(flist *l, const findings_input *in, const model_view *m,
                         const driver_compare *c, const char *column, const char *tb,
                         const char *tb_flip)
{
	finding *x = &l->item[l->n - 1];
	char ra[32], rb[32];
	strbuf b = {0}, fn = {0};

	switch (c->kind) {
	case COMPARE_MISSING:
		x->group = FINDING_GROUP_MISSING;
		x->group_b = c->level_b != NULL ? FINDING_GROUP_LEVEL : FINDING_GROUP_PRESENT;
		if (c->level_b != NULL && (x->level_b = findings_strdup(c->level_b)) == NULL)
			l->oom = 1;
		break;
	case COMPARE_NUMBER:
		x->group = FINDING_GROUP_ATLEAST;
		x->cut = c->value[0];
		x->group_b = FINDING_GROUP_ATMOST;
		x->cut_b = c->value[1];
		x->lowest = c->lowest;
		break;
	default:
		x->group = c->level_a != NULL ? FINDING_GROUP_LEVEL : FINDING_GROUP_FLAG;
		x->group_b = c->level_b != NULL ? FINDING_GROUP_LEVEL : FINDING_GROUP_NOFLAG;
		if ((c->level_a != NULL && (x->level = findings_strdup(c->level_a)) == NULL) ||
		    (c->level_b != NULL && (x->level_b = findings_strdup(c->level_b)) == NULL))
			l->oom = 1;
	}
	/* The group that churns more leads; its ratio against the other. */
	int side = findings_target_side(x);
	/* The footnote's ratio in the sentence's direction: the group that
	 * leads against the other (tb_flip when the second group leads). */
	strbuf_printf(&fn, "%s, adjusted for the model's other factors: %s",
	                   m->cox ? "Cox model" : "logistic model",
	                   side && !c->reversed ? tb_flip : tb);
	if (c->reversed) {
		findings_set_plain(l, findings_strdup(x->plain), strbuf_take(&fn));
		return;
	}
	findings_plain_pct(c->rate[side], c->rate[1 - side], ra, rb, sizeof ra);
	strbuf_printf(&b, "%s of ", ra);
	findings_group_words(&b, in->labels, column, side ? x->group_b : x->group,
	                     side ? x->level_b : x->level, side ? x->cut_b : x->cut, x->lowest);
	strbuf_printf(&b, " ");
	outcome_verb(&b, in, m);
	strbuf_printf(&b, ", against %s of ", rb);
	findings_group_words(&b, in->labels, column, side ? x->group : x->group_b,
	                     side ? x->level : x->level_b, side ? x->cut : x->cut_b, x->lowest);
	strbuf_printf(&b, "; with the other factors alike, they");
	ratio_clause(&b, m, in->outcome ? in->outcome : "churn",
	             side ? -c->log_ratio : c->log_ratio);
	findings_set_plain(l, strbuf_take(&b), strbuf_take(&fn));
}

/* Writes one driver's sentence and adds it. */
static void driver_add(const findings_input *in, const findings_opts *o, const model_view *m,
                       driver_pick *pk, flist *l)
{
	const driver_compare *c = &pk->c;
	const design_term *t = &m->d->terms[c->term];
	const char *rname = m->cox ? "HR" : "OR";
	char bx[48], blo[48], bhi[48], pb[32], tb[256], tb_flip[256], tshort[128];

	fmtnum_p_says(m->pval[pk->col], o->alpha, pb, sizeof pb);
	/* The same ratio the other way round, for a sentence led by the
	 * second group: exp(-b), CI exp(-hi) to exp(-lo). */
	ratio_cells(-c->log_ratio, -c->log_hi, -c->log_lo, bx, blo, bhi, sizeof bx);
	snprintf(tb_flip, sizeof tb_flip, "%s %s, %g%% CI %s-%s, %s%s%s", rname, bx,
	         100 * m->conf_level, blo, bhi, m->cox ? "Cox " : "", pb,
	         m->firth ? "; Firth-penalised fit" : "");
	ratio_cells(c->log_ratio, c->log_lo, c->log_hi, bx, blo, bhi, sizeof bx);
	snprintf(tb, sizeof tb, "%s %s, %g%% CI %s-%s, %s%s%s", rname, bx, 100 * m->conf_level,
	         blo, bhi, m->cox ? "Cox " : "", pb, m->firth ? "; Firth-penalised fit" : "");
	snprintf(tshort, sizeof tshort, "%s %s, %s%s%s", rname, bx, m->cox ? "Cox " : "", pb,
	         m->firth ? "; Firth fit" : "");

	strbuf hfull = {0}, hbrief = {0}, full = {0}, brief = {0};
	driver_head(&hfull, in, m, c, 0);
	driver_head(&hbrief, in, m, c, 1);
	strbuf_printf(&full, "%s (%s)", hfull.s ? hfull.s : "", tb);
	strbuf_printf(&brief, "%s (%s)", hbrief.s ? hbrief.s : "", tshort);
	int oom = hfull.oom || hbrief.oom || full.oom || brief.oom;
	strbuf_reset(&hfull);
	strbuf_reset(&hbrief);
	char *text = pick_text(strbuf_take(&full), strbuf_take(&brief), o->text_soft_max,
	                       &oom);
	if (oom) {
		free(text);
		l->oom = 1;
		return;
	}
	size_t before = l->n;
	findings_list_add(l, FINDING_DRIVER, 1, text, exp(c->log_ratio), findings_strdup(tb),
	                  m->pval[pk->col], pk->strength, t->column);
	if (l->n > before) {
		finding *f = &l->item[l->n - 1];
		f->reversed = c->reversed;
		for (int g = 0; g < 2; g++) {
			f->rate[g] = c->rate[g];
			f->predicted[g] = c->pred[g];
		}
		driver_plain(l, in, m, c, t->column, tb, tb_flip);
	}
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
	const coeftab *tab;  /* the fit's table and covariance, for the terms' tests */
	const double *cov;

	if (in->logit != NULL) {
		const logit_result *r = in->logit;
		if (!r->converged || (r->separation != LOGIT_SEP_NONE && !r->firth))
			return;
		m = (model_view){.cox = 0, .d = in->logit_design, .w = in->logit_weights,
		                 .y = in->logit_y, .coef = r->coefs.coef, .pval = r->coefs.pval,
		                 .ratio = r->coefs.ratio, .lower = r->coefs.lower,
		                 .upper = r->coefs.upper, .conf_level = r->coefs.conf_level,
		                 .firth = r->firth,
		                 /* A column along the separating direction has no
		                  * meaningful size, even under Firth's penalty (it
		                  * only reflects the penalty): never a finding. */
		                 .aliased = r->coefs.aliased, .skip1 = r->diverging};
		tab = &r->coefs;
		cov = r->cov;
	} else if (in->cox != NULL) {
		const cox_result *r = in->cox;
		if (!r->converged || r->any_infinite)
			return;
		m = (model_view){.cox = 1, .d = in->cox_design, .w = in->cox_weights,
		                 .y = in->cox_event, .coef = r->coefs.coef, .pval = r->coefs.pval,
		                 .ratio = r->coefs.ratio, .lower = r->coefs.lower,
		                 .upper = r->coefs.upper, .conf_level = r->coefs.conf_level,
		                 .aliased = r->coefs.aliased, .skip1 = r->infinite};
		tab = &r->coefs;
		cov = r->cov;
	} else {
		return;
	}
	d = m.d;
	/* Without the model's outcome the plain rates cannot be checked: no
	 * driver is stated. */
	if (d->X == NULL || m.y == NULL || o->max_drivers == 0)
		return;
	driver_pick *pick = calloc(d->nterms ? d->nterms : 1, sizeof *pick);
	double *lp = m.cox ? NULL : malloc((d->nrows ? d->nrows : 1) * sizeof *lp);
	size_t npick = 0;
	if (pick == NULL || (!m.cox && lp == NULL)) {
		free(pick);
		free(lp);
		l->oom = 1;
		return;
	}
	/* The linear predictor once, for the predictions of every candidate. */
	for (size_t i = 0; lp != NULL && i < d->nrows; i++) {
		lp[i] = 0;
		for (size_t k = 0; k < d->ncols; k++)
			if (!(m.aliased && m.aliased[k]) && isfinite(m.coef[k]))
				lp[i] += m.coef[k] * gsl_matrix_get(d->X, i, k);
	}
	m.lp = lp;
	for (size_t k = 0; k < d->nterms; k++) {
		const design_term *t = &d->terms[k];
		driver_pick best = {.col = (size_t)-1, .strength = -1};
		if (t->ncols == 0 || has_segment(l, t->column))
			continue;
		/* A level of a categorical term of several columns is a driver
		 * only when the term as a whole is significant (its Wald test,
		 * termtest.h): the smallest of several levels' p is no test. */
		if (t->categorical && term_test_joint(d, k)) {
			term_test tt;
			if (term_test_wald(d, k, tab, cov, &tt, &(churn_err){0}) != CHURN_OK) {
				free(pick);
				free(lp);
				l->oom = 1;
				return;
			}
			if (!(tt.p < o->alpha))
				continue;
		}
		for (size_t j = t->first_col; j < t->first_col + t->ncols; j++) {
			const design_col *c = &d->cols[j];
			driver_compare cmp;
			if (c->kind == DESIGN_COL_INTERCEPT || (m.aliased && m.aliased[j]) ||
			    (m.skip1 && m.skip1[j]) || !isfinite(m.coef[j]) ||
			    !(m.pval[j] < o->alpha) || !(m.ratio[j] > 0) || !isfinite(m.ratio[j]))
				continue;
			if (c->kind == DESIGN_COL_DUMMY && design_reference(d, k) == NULL)
				continue;
			int r = findings_compare(&m, j, &cmp);
			if (r < 0) {
				free(pick);
				free(lp);
				l->oom = 1;
				return;
			}
			/* Each group compared needs min_n customers. */
			if (r != 0 || !(cmp.n[0] >= o->min_n) || !(cmp.n[1] >= o->min_n))
				continue;
			double s = fabs(cmp.log_ratio);
			if (isfinite(s) && s > best.strength)
				best = (driver_pick){.col = j, .strength = s, .c = cmp};
		}
		if (best.col != (size_t)-1)
			pick[npick++] = best;
	}
	qsort(pick, npick, sizeof *pick, pick_cmp);
	/* Ranked by what they concern (a table: docs/findings.md), every
	 * term's driver is a candidate and the ranking chooses among them;
	 * ranked by strength, the strongest max_drivers. */
	size_t cap = in->table != NULL ? npick : o->max_drivers;
	size_t nadd = npick < cap ? npick : cap, *col = malloc((nadd ? nadd : 1) * sizeof *col);
	driver_compare **cmp = malloc((nadd ? nadd : 1) * sizeof *cmp);
	if (col == NULL || cmp == NULL) {
		free(col);
		free(cmp);
		free(pick);
		free(lp);
		l->oom = 1;
		return;
	}
	for (size_t i = 0; i < nadd; i++) {
		col[i] = pick[i].col;
		cmp[i] = &pick[i].c;
	}
	findings_predict(&m, col, cmp, nadd);
	free(col);
	free(cmp);
	for (size_t i = 0; i < nadd; i++)
		driver_add(in, o, &m, &pick[i], l);
	free(pick);
	free(lp);
}
