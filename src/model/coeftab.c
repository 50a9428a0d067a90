/* coeftab.c - see include/churnkit/coeftab.h. */
#include "churnkit/coeftab.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double model_conf_quantile(double conf)
{
	return gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
}

int coeftab_init(coeftab *t, size_t p, coeftab_kind kind, double conf_level)
{
	size_t pa = p ? p : 1;
	double **const vecs[] = {&t->coef, &t->se, &t->z, &t->pval, &t->ratio, &t->lower,
	                         &t->upper};
	int hazard = kind == COEFTAB_HAZARD;

	memset(t, 0, sizeof *t);
	t->p = p;
	t->kind = kind;
	t->conf_level = conf_level;
	t->ratio_key = hazard ? "hazard_ratio" : "odds_ratio";
	t->lower_key = hazard ? "hr_lower" : "or_lower";
	t->upper_key = hazard ? "hr_upper" : "or_upper";
	t->ratio_title = hazard ? "Hazard ratio" : "Odds ratio";
	for (size_t a = 0; a < sizeof vecs / sizeof vecs[0]; a++) {
		if ((*vecs[a] = malloc(pa * sizeof(double))) == NULL)
			return 0;
		for (size_t j = 0; j < p; j++)
			(*vecs[a])[j] = NAN;
	}
	t->aliased = calloc(pa, sizeof *t->aliased);
	return t->aliased != NULL;
}

void coeftab_clear(coeftab *t)
{
	if (t == NULL)
		return;
	free(t->coef);
	free(t->se);
	free(t->z);
	free(t->pval);
	free(t->ratio);
	free(t->lower);
	free(t->upper);
	free(t->aliased);
	memset(t, 0, sizeof *t);
}

void coeftab_set(coeftab *t, size_t j, double b, double se)
{
	double qn = model_conf_quantile(t->conf_level);
	t->coef[j] = b;
	t->se[j] = se;
	t->z[j] = b / se;
	t->pval[j] = 2 * gsl_cdf_ugaussian_P(-fabs(b / se));
	t->ratio[j] = exp(b);
	t->lower[j] = exp(b - qn * se);
	t->upper[j] = exp(b + qn * se);
}
