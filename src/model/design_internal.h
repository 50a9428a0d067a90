/*
 * design_internal.h - the terms of a design, as design.c builds the matrix
 * from them (private to src/model; defined in design_terms.c).
 *
 * A term is a column of the table, or "log(col)"; it is categorical when
 * its column is, or when the spec names it so (then a numeric column's
 * distinct values are its levels).  Every function borrows its arguments;
 * the strings set into a design_term are owned by the design (design_free).
 */
#ifndef CHURNKIT_MODEL_DESIGN_INTERNAL_H
#define CHURNKIT_MODEL_DESIGN_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "churnkit/design.h"
#include "churnkit/err.h"
#include "churnkit/table.h"

/* A term's source column and how to read it, resolved once. */
typedef struct {
	const table_col *col;
	long col_index;
	size_t *level_of_code; /* NULL, or for a text categorical term: col->nlevels
	                        * entries, design_term_level_of of each table code */
} term_src;

/* A malloc'd copy of s; NULL when out of memory. */
char *design_strdup(const char *s);

/* Resolves spec's terms against t into d->terms (names, columns, log,
 * categorical or numeric levels) and src (one per term); checks the
 * references (column=level, of a model term).  CHURN_EUSAGE for a term
 * without a column, a date column, a term given twice or log() of a
 * categorical column; CHURN_ENOMEM. */
churn_status design_terms_resolve(const table *t, const design_spec *spec, design *d,
                                  term_src *src, churn_err *err);

/* The reference level spec gives for term ("term=level"); NULL if none. */
const char *design_term_reference(const design_spec *spec, const char *term);

/* Sets the levels of categorical term tm from the rows flagged in used
 * (nrows of them): sorted (numbers by value, text by strcmp), the
 * reference ref moved first when given, and DESIGN_MISSING_LEVEL last when
 * add_missing.  CHURN_EUSAGE
 * when ref is not a level; CHURN_ENOMEM. */
churn_status design_term_levels(design_term *tm, const table_col *c, const unsigned char *used,
                                size_t nrows, const char *ref, int add_missing,
                                churn_err *err);

/* The level of row i of categorical term tm; (size_t)-1 when it has none. */
size_t design_term_level_of(const design_term *tm, const table_col *c, size_t i);

/* The level of text categorical term tm named s (not the missing level);
 * (size_t)-1 when none. */
size_t design_term_text_level(const design_term *tm, const char *s);

/* The value of numeric term tm in table row i (log applied), NaN if missing. */
double design_term_value(const design_term *tm, const table_col *c, size_t i);

/* 1 when row i has no value for term tm (inline: pass 1 of design_build
 * asks it of every row and term). */
static inline int design_term_missing(const design_term *tm, const table_col *c, size_t i)
{
	if (tm->categorical && !tm->numeric_levels)
		return c->codes[i] == TABLE_CODE_NA;
	return isnan(c->num[i]);
}

/* The level index of categorical term k (0: the reference, as
 * design_col.level) in every row of d: out[r] for table row d->row[r] of t,
 * the table d was built from; the level the row's dummies in X stand for,
 * read without X.  CHURN_EUSAGE when term k is not categorical or t lacks
 * its column. */
churn_status design_row_levels(const design *d, const table *t, size_t k, uint32_t *out,
                               churn_err *err);

/* R's median of v[0..n) (sorts v). */
double design_median(double *v, size_t n);

/* The median of the values v[0..n) each counted w[k] times (whole numbers
 * >= 0, not all 0): R's median of rep(v, w), the mean of the two middle
 * values when the total is even.  Sorts v and w together. */
double design_median_weighted(double *v, double *w, size_t n);

#endif
