/*
 * coeftab.h - the coefficient table of a fitted model, one type for the
 * logistic and the Cox results.
 *
 * Both fits (logit.h, cox.h) estimate one coefficient per design column
 * and report the same columns: estimate, standard error, Wald z, p, the
 * exponentiated estimate (odds ratio or hazard ratio) with its interval at
 * conf_level, and the aliased flags (NaN numbers on aliased rows).  The
 * table is where those numbers live: logit_result and cox_result each hold
 * one (their `coefs`), the fits fill it, and every reader (the outputs in
 * output/model_json.c, model_print.c and model_csv.c, the findings, the
 * report, scoring) reads the rows from it.  It also carries the names the
 * outputs give the ratio columns, so that each medium renders a coefficient
 * table of either model with one function.  The row names are the design's
 * column names (design.h: row j is column j of the design matrix).
 *
 * The Wald row of a coefficient b with standard error se, at the normal
 * quantile q of conf_level: z = b / se, p = 2 Phi(-|b / se|), ratio exp(b),
 * interval exp(b - q se), exp(b + q se).
 *
 * Ownership: the table owns its arrays; coeftab_init allocates them and
 * coeftab_clear frees them (the results' free functions call it).
 */
#ifndef CHURNKIT_COEFTAB_H
#define CHURNKIT_COEFTAB_H

#include <stddef.h>

/* Which ratio the exponentiated estimate is. */
typedef enum { COEFTAB_ODDS, COEFTAB_HAZARD } coeftab_kind;

typedef struct {
	size_t p;                          /* rows, one per design column */
	double *coef, *se, *z, *pval;      /* p each; NaN where aliased or not set */
	double *ratio, *lower, *upper;     /* exp(coef) and its interval */
	int *aliased;                      /* p flags: column left out of the fit */
	double conf_level;                 /* of the interval */
	coeftab_kind kind;
	const char *ratio_key;             /* "odds_ratio" | "hazard_ratio" */
	const char *lower_key, *upper_key; /* "or_lower", "or_upper" | "hr_..." */
	const char *ratio_title;           /* "Odds ratio" | "Hazard ratio" */
} coeftab;

/* Allocates a table of p rows (one entry of each array when p is 0), every
 * number NaN and no row aliased.  Returns 0 when out of memory; the table
 * is then to be cleared with coeftab_clear all the same. */
int coeftab_init(coeftab *t, size_t p, coeftab_kind kind, double conf_level);

/* Frees the arrays and zeroes the table (NULL or a zeroed table: no-op). */
void coeftab_clear(coeftab *t);

/* Sets row j to estimate b with standard error se and its Wald row above. */
void coeftab_set(coeftab *t, size_t j, double b, double se);

/* The normal quantile for a two-sided interval of level `conf` (0.95 ->
 * 1.959964). */
double model_conf_quantile(double conf);

#endif
