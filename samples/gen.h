/*
 * gen.h - the sample customer generator behind samples/gen_samples.
 *
 * gen_samples_write simulates a customer table with a known churn process
 * (described in gen.c and in samples/README.md) and writes it as CSV, one
 * row per customer in signup order, with an optional monthly revenue
 * history.  It draws every random number from one GSL mt19937 generator
 * seeded with `seed`, except the churn reasons, which come from a second
 * mt19937 seeded from `seed` (so the reason column leaves every other byte
 * as it was before the column existed).  It formats numbers with fixed
 * formats and never looks at the clock or the locale, so a seed gives the
 * same bytes on every machine.  The customers written do not depend on
 * whether a revenue stream is given.
 * Nothing is printed; the caller owns both streams and the error record.
 */
#ifndef CHURNKIT_SAMPLES_GEN_H
#define CHURNKIT_SAMPLES_GEN_H

#include <stdint.h>
#include <stdio.h>

#include "churnkit/err.h"

/* Largest --rows accepted (the signup counts are drawn as unsigned ints). */
#define GEN_MAX_ROWS 100000000L
/* Largest --months accepted (100 years of signups). */
#define GEN_MAX_MONTHS 1200

typedef struct {
	long rows;           /* customers to write, 0..GEN_MAX_ROWS */
	unsigned long seed;  /* mt19937 seed; GSL maps seed 0 to its default 4357 */
	int32_t as_of;       /* snapshot day number (days since 1970-01-01) */
	int months;          /* calendar months of signups, ending with as_of's month */
} gen_opts;

/* Fills `o` with the defaults: 5000 rows, seed 42, as-of 2026-10-31, 36 months. */
void gen_opts_default(gen_opts *o);

/* The CSV header line of the customer table (without the newline), and of
 * the revenue history. */
extern const char gen_customers_header[];
extern const char gen_revenue_header[];

/* Writes the header and `o->rows` customers to `customers`, and when
 * `revenue` is not NULL one row per customer and active month to it
 * (customer_id,month,mrr).  Returns CHURN_OK; CHURN_EUSAGE for options out
 * of range (nothing written); CHURN_ENOMEM; CHURN_EIO when a stream reports
 * a write error (the streams are flushed but not closed). */
churn_status gen_samples_write(const gen_opts *o, FILE *customers, FILE *revenue,
                               churn_err *err);

#endif
