/*
 * coeftab.h - the coefficient table of a fitted model, one type for the
 * logistic and the Cox results.
 *
 * Both fits (logit.h, cox.h) estimate one coefficient per design column
 * and report the same columns: estimate, standard error, Wald z, p, the
 * exponentiated estimate (odds ratio or hazard ratio) with its interval at
 * conf_level, and the aliased flags (NaN numbers on aliased rows).  A
 * coeftab is a read-only view of those arrays with the names the outputs
 * give the ratio columns, so that each medium renders a coefficient table
 * with one function (output/model_json.c, model_print.c, model_csv.c).
 *
 * Ownership: a coeftab borrows the result's arrays; it is valid while the
 * result lives and needs no freeing.
 */
#ifndef CHURNKIT_COEFTAB_H
#define CHURNKIT_COEFTAB_H

#include <stddef.h>

#include "churnkit/cox.h"
#include "churnkit/logit.h"

typedef struct {
	size_t p;                                /* rows, one per design column */
	const double *coef, *se, *z, *pval;      /* p each; NaN where aliased */
	const double *ratio, *lower, *upper;     /* exp(coef) and its interval */
	const int *aliased;                      /* p flags */
	double conf_level;                       /* of the interval */
	const char *ratio_key;                   /* "odds_ratio" | "hazard_ratio" */
	const char *lower_key, *upper_key;       /* "or_lower", "or_upper" | "hr_..." */
	const char *ratio_title;                 /* "Odds ratio" | "Hazard ratio" */
} coeftab;

/* The table of a logistic fit: odds ratios. */
coeftab coeftab_logit(const logit_result *r);

/* The table of a Cox fit: hazard ratios. */
coeftab coeftab_cox(const cox_result *r);

#endif
