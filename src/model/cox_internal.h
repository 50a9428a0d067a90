/*
 * cox_internal.h - the sorted, scaled working copy of a Cox fit's data,
 * shared by cox.c (the iterations) and cox_stats.c (set-up, statistics,
 * concordance).  cox_work owns its arrays and borrows the cox_data.
 */
#ifndef CHURNKIT_MODEL_COX_INTERNAL_H
#define CHURNKIT_MODEL_COX_INTERNAL_H

#include "churnkit/cox.h"
#include "model/colscan.h"

typedef struct {
	size_t n, p, q;      /* rows used, columns of X, kept columns */
	size_t *keep;        /* q kept column indices */
	size_t *src;         /* n: data row of each sorted row */
	double *z;           /* n x q: (x - mean) * scale, rows by ascending time */
	double *time, *status, *w, *entry;   /* n each, sorted; entry NULL without */
	size_t *eorder;      /* n: sorted-row indices by descending entry */
	double *mean, *scale;                /* q */
	double *a, *a2, *cmat, *cmat2;       /* iteration scratch */
	colscan cs;
	size_t events;
	double wevents;
} cox_work;

/* Validates and copies the data (rows of weight 0 are left out), sorted by
 * time; centres and scales the kept columns as coxfit6.  Clear with
 * cox_work_clear. */
churn_status cox_work_init(const cox_data *d, cox_work *cw, churn_err *err);
void cox_work_clear(cox_work *cw);

cox_result *cox_result_new(const cox_work *cw, const cox_opts *o);

/* Fills coefficients, covariance, tests and concordance from the scaled
 * estimate beta and the factored information matrix I at beta. */
churn_status cox_finish(const cox_work *cw, const cox_data *d, const double *beta,
                        const gsl_matrix *I, cox_result *r, churn_err *err);

#endif
