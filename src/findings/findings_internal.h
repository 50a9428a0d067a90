/*
 * findings_internal.h - what findings.c and findings_drivers.c share
 * (private to src/findings): the growing string the sentences are written
 * into, the candidate list, and the number wording both use.
 *
 * findings.c defines these and runs the passes (segments, period, early
 * churn, revenue), the ranking and findings_build; findings_drivers.c
 * defines findings_drivers, the pass over the model's terms.  The rules
 * each pass follows are in include/churnkit/findings.h.
 *
 * Ownership: an sbuf owns its string until findings_sb_take gives it up;
 * the flist owns its findings and their strings.
 */
#ifndef CHURNKIT_REPORT_FINDINGS_INTERNAL_H
#define CHURNKIT_REPORT_FINDINGS_INTERNAL_H

#include <stddef.h>

#include "churnkit/findings.h"

/* A growing string; {0} is empty.  After an allocation failure oom is set
 * and later writes do nothing. */
typedef struct {
	char *s;
	size_t len, cap;
	int oom;
} sbuf;

/* Appends printf-style text to b. */
void findings_sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Gives up the string ("" when nothing was written; NULL when out of
 * memory, the string then freed); the buffer is reset. */
char *findings_sb_take(sbuf *b);

/* Frees the string; the buffer is empty again. */
void findings_sb_reset(sbuf *b);

/* The candidate findings, in the order found; {0} is empty.  oom is set
 * when a finding could not be added (findings_build then fails). */
typedef struct {
	finding *item;
	size_t n, cap;
	int oom;
} flist;

/* Adds a finding; takes ownership of text and test (freed on failure, and
 * either NULL sets l->oom).  subject is copied (NULL: none). */
void findings_list_add(flist *l, finding_kind kind, int significant, char *text,
                       double number, char *test, double p, double strength,
                       const char *subject);

/* A malloc'd copy of s; NULL when out of memory. */
char *findings_strdup(const char *s);

/* Characters (UTF-8 code points) of s. */
size_t findings_chars(const char *s);

/* A fraction as a percentage: one decimal below 10%, none from 10% (two
 * significant digits below 1%, "0.012%").  Writes into buf; returns it. */
const char *findings_pct(char *buf, size_t n, double x);

/* Two percentages that must not read alike ("35% vs 18%"): as
 * findings_pct, with more decimals (up to three) while both would print the
 * same and differ.  Writes into ba and bb (n bytes each). */
void findings_pct_pair(double a, double b, char *ba, char *bb, size_t n);

/* A value of a user's column for a sentence ("89.51", "3", "1250"): at
 * most two decimals below 1000, trailing zeros dropped; whole numbers from
 * 1000; two significant digits below 1.  Writes into buf; returns it. */
const char *findings_value(char *buf, size_t n, double x);

/* ---- The driver pass (findings_compare.c, findings_drivers.c) ---------- */

/* One model's numbers, logistic or Cox, seen alike.  y is the outcome of
 * each design row (logistic) or its churn event (Cox), w the weights (NULL:
 * 1 each); rows of weight <= 0 take no part.  lp is the linear predictor
 * x'b of each design row (logistic; aliased columns count 0), NULL for
 * Cox. */
typedef struct {
	int cox;
	const design *d;
	const double *w, *y, *lp;
	const double *coef, *pval, *ratio, *lower, *upper;
	double conf_level;
	int firth;
	const int *aliased, *skip1;
} model_view;

/* How a driver's two groups are named (include/churnkit/findings.h). */
typedef enum {
	COMPARE_LEVEL,   /* a categorical level against the reference level */
	COMPARE_MISSING, /* no value (an indicator, or the "(missing)" level) */
	COMPARE_YESNO,   /* a 0/1 column, or two levels that read yes and no */
	COMPARE_NUMBER   /* the upper quartile of a number against its lower */
} compare_kind;

/* A driver's comparison of two groups of customers: a (the level, "yes",
 * the upper quartile) against b (the reference, "no", the lower quartile).
 * Every number is a's first. */
typedef struct {
	compare_kind kind;
	size_t term;         /* the design term */
	int two_levels;      /* COMPARE_LEVEL: the term has exactly two levels */
	int flipped;         /* COMPARE_YESNO of a dummy for the "no" level: a is
	                        the reference ("yes"), b the dummy's level */
	const char *level_a; /* COMPARE_LEVEL/MISSING: a's level name (NULL: missing) */
	const char *level_b; /* b's level: the reference (NULL: "with a value") */
	double n[2];         /* weighted customers in the fit's rows */
	double rate[2];      /* plain churn rates: weighted mean of y in each group */
	double pred[2];      /* predicted churn of each group (logistic; NaN for
	                        Cox and until findings_predict) */
	double value[2];     /* COMPARE_NUMBER: upper and lower quartile (type 7),
	                        on the column's own scale; NaN otherwise */
	double log_ratio;    /* adjusted log OR (HR) of a against b */
	double log_lo, log_hi; /* its confidence interval */
	int reversed;        /* rate and log_ratio point opposite ways */
} driver_compare;

/* Fills c for column j of the model (a dummy, a missing indicator or a
 * numeric column; see findings.h for the groups): everything but the
 * predictions (findings_predict).
 * Returns 0 when the comparison is defined, 1 when it is not (an empty
 * group, quartiles that coincide), -1 when out of memory. */
int findings_compare(const model_view *m, size_t j, driver_compare *c);

/* Fills c->pred for column j after findings_compare (NaN for Cox or
 * without m->lp): one pass over the rows, so it is run only for the
 * findings stated. */
void findings_predict(const model_view *m, size_t j, driver_compare *c);

/* The driver pass: at most o->max_drivers findings from the logistic model
 * of `in` (else its Cox model) into l, skipping columns that already have a
 * segment finding in l, so it runs after the segment pass.  Sets l->oom
 * when out of memory. */
void findings_drivers(const findings_input *in, const findings_opts *o, flist *l);

#endif
