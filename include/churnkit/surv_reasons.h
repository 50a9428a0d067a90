/*
 * surv_reasons.h - the survival stage's competing-risks part (--reason COL,
 * docs/method.md "Cumulative incidence of churn reasons" and "Gray's
 * test"): the cumulative incidence of each churn reason, for all customers
 * and per level of each --by column, at the chosen times and as curves, and
 * Gray's test between the levels of each --by column per reason.
 *
 * Reasons.  Each churned customer's reason is a level of the --reason
 * column, in byte order, with "unknown" (LOAD_REASON_UNKNOWN) last for churned
 * customers without one: the order and names of reasons.h, so that reason
 * k of this module is level k - 1 of the reason breakdown.  Customers still
 * active are censored (cause 0).
 *
 * Rows are the survival stage's (surv_run.h): the rows without time at risk
 * are left out as for the Kaplan-Meier curves, times merge the same way,
 * weights count as replicated customers.  Intervals use the stage's
 * --conf-type and --conf-level.  Gray's test has no weights and no delayed
 * entry (R's cmprsk::cuminc has neither): with either, no test is made and
 * `gray_note` says why, in words the outputs print; the incidence itself is
 * computed in both cases.
 *
 * Ownership: surv_reasons_codes returns new arrays (free with free());
 * surv_reasons_fit returns a new surv_reasons, freed by surv_reasons_free
 * (NULL is fine).  Names are borrowed from the loaded table.
 */
#ifndef CHURNKIT_SURV_REASONS_H
#define CHURNKIT_SURV_REASONS_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/cuminc.h"
#include "churnkit/err.h"
#include "churnkit/gray.h"
#include "churnkit/load.h"
#include "churnkit/surv_analysis.h"

typedef struct {
	uint32_t ncause;           /* reasons, "unknown" last when present */
	const char **names;        /* [ncause] reason k + 1 is names[k] */
	cuminc_result *all;        /* one curve: every customer */
	cuminc_curve *all_at;      /* that curve at the chosen times */
	size_t nby;
	cuminc_result **by;        /* [nby] one curve per level of --by j */
	cuminc_curve ***by_at;     /* [nby][levels] at the chosen times */
	gray_result **gray;        /* [nby], all NULL when gray_note is set */
	const char *gray_note;     /* NULL, or why Gray's test was not made */
} surv_reasons;

/* The cause of each of the n rows of the loaded table `r` (mapping `map`,
 * whose map->reason is set): 0 when event[i] is 0 (still active), else the
 * reason's rank + 1 in the order above.  *cause and *names are new arrays
 * (n and *ncause entries).  Errors: CHURN_EUSAGE when the reason column is
 * missing or not text levels, or n differs from the table's rows;
 * CHURN_ENOMEM. */
churn_status surv_reasons_codes(const load_result *r, const load_map *map, const int *event,
                                size_t n, uint32_t **cause, const char ***names,
                                uint32_t *ncause, churn_err *err);

/* Fits the incidence and the tests on the n rows (time, cause, weight,
 * entry as surv.h; weight and entry may be NULL) with the --by columns
 * `by` (codes per row) and the options `so` (intervals, chosen times,
 * timefix).  `names` (ncause entries) is kept, borrowed.
 * Errors: those of cuminc_fit and gray_test, except that gray_test's
 * refusal of weights or delayed entry is gray_note; CHURN_ENOMEM. */
churn_status surv_reasons_fit(size_t n, const double *time, const uint32_t *cause,
                              uint32_t ncause, const char **names, const double *weight,
                              const double *entry, const surv_by *by, size_t nby,
                              const surv_opts *so, surv_reasons **out, churn_err *err);
void surv_reasons_free(surv_reasons *r);

#endif
