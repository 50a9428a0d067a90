/* wald.c - see wald.h. */
#include "wald.h"
#include "churnkit/logit.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

double model_conf_quantile(double conf)
{
	return gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
}

int wald_vectors_new(double **const *vecs, size_t n, size_t p)
{
	for (size_t a = 0; a < n; a++) {
		if ((*vecs[a] = malloc((p ? p : 1) * sizeof(double))) == NULL)
			return 0;
		for (size_t j = 0; j < p; j++)
			(*vecs[a])[j] = NAN;
	}
	return 1;
}

void wald_row(double b, double se, double qn, double *z, double *p, double *ratio,
              double *lower, double *upper)
{
	*z = b / se;
	*p = 2 * gsl_cdf_ugaussian_P(-fabs(b / se));
	*ratio = exp(b);
	*lower = exp(b - qn * se);
	*upper = exp(b + qn * se);
}
