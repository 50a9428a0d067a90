/*
 * wald.h - what the logistic and Cox results share: NaN-filled coefficient
 * vectors, and the Wald statistics of one coefficient (z, two-sided normal
 * p, exp(b) as an odds or hazard ratio, and its interval exp(b -+ q se)).
 * Private to src/model; nothing here keeps state.
 */
#ifndef CHURNKIT_MODEL_WALD_H
#define CHURNKIT_MODEL_WALD_H

#include <stddef.h>

/* Allocates *vecs[k] for each of the n addresses as p doubles set to NaN
 * (one double when p is 0).  Returns 0 when out of memory; what was
 * allocated stays in place for the caller's free. */
int wald_vectors_new(double **const *vecs, size_t n, size_t p);

/* The Wald row of coefficient b with standard error se at the normal
 * quantile qn (model_conf_quantile). */
void wald_row(double b, double se, double qn, double *z, double *p, double *ratio,
              double *lower, double *upper);

#endif
