/* cumhaz_days.h - cox_baseline_cumhaz_in by a table of whole time units
 * (days, for dates): scoring a million customers looks up H0 twice each,
 * and a binary search over thousands of event times per lookup was a
 * visible part of the scores stage.
 *
 * For each stratum k, bucket j holds the event times in [t0 + j,
 * t0 + j + 1), t0 the floor of the stratum's first time; a lookup of t goes
 * to bucket floor(t) - t0 and searches only its times, usually one.  The
 * answer is cox_baseline_cumhaz_in's, bit for bit, for any t (times need
 * not be whole).  A stratum whose times span too many units for its count
 * (a table much larger than its times) keeps the binary search. */
#ifndef CHURNKIT_CUMHAZ_DAYS_H
#define CHURNKIT_CUMHAZ_DAYS_H

#include <stddef.h>

#include "churnkit/cox.h"

typedef struct {
	const cox_baseline *b; /* borrowed: must outlive the table */
	double *t0;            /* nstrata: floor of the stratum's first time */
	size_t *nb;            /* nstrata: buckets; 0: no table, binary search */
	size_t **start;        /* nstrata: nb + 1 indexes into b->time */
} cumhaz_days;

/* Builds the table of b into *out; 0, or -1 when out of memory (then *out
 * holds no table and cumhaz_days_at still answers, by binary search). */
int cumhaz_days_build(const cox_baseline *b, cumhaz_days *out);

/* cox_baseline_cumhaz_in(x->b, k, t). */
double cumhaz_days_at(const cumhaz_days *x, size_t k, double t);

/* Frees the table (not the baseline). */
void cumhaz_days_clear(cumhaz_days *x);

#endif
