/*
 * findings_reasons.h - why customers leave (issue 14): which churn reasons
 * grew this period, and the action for involuntary churn (docs/findings.md,
 * "Churn reasons"; docs/domain.md, "Actions from the findings").
 *
 * The test.  For each reason, its churned customers x1 of the n1 customers
 * active at the start of the reporting period against x2 of n2 at the
 * start of the previous one: the two-proportion chi-squared test without
 * continuity correction, R's prop.test(c(x1, x2), c(n1, n2), correct =
 * FALSE):
 *     p = (x1 + x2) / (n1 + n2),  E = n p and n (1 - p) per period,
 *     X^2 = sum over the four cells (O - E)^2 / E,  p = P(chi2_1 > X^2).
 * Undefined (NaN, untested) when a period has no customer, or when nobody
 * or everybody left for the reason in both (R: NaN).  The p-values are
 * then adjusted over the reasons tested, p.adjust(p, "BH") (logrank.h),
 * as the findings adjust their pairwise tests.
 *
 * The noise rule (docs/outputs.md, the tiles' rule of issue 13): a change
 * of a reason's share of customers at start is significant when its
 * adjusted p < alpha and it is at least 0.1 percentage point; a reason
 * that grew significantly gets a sentence:
 *   "Churn for "Payment failed" grew: 1.9% of customers at the start of
 *    2026 Q3 left for this reason, against 1.1% in 2026 Q2 (two-proportion
 *    test, BH-adjusted p = 0.004)".
 *
 * The action.  When some reason is said to be involuntary (a failed
 * payment) and involuntary churn in the reporting period is not zero:
 * "Recover failed payments: dunning emails, card updater, payment
 * reminders before renewal", owned by Finance.  Customers with
 * late payments are not known here, so its targets are the involuntary
 * churners of the reporting period and their MRR, and the MRR it would
 * save is that MRR times the offer effect (the share of such churn the
 * action prevents).
 *
 * Ownership: findings_reasons_build returns a new result owning its
 * strings; free it with findings_reasons_free (NULL is fine).  The input
 * is borrowed for the call only.
 */
#ifndef CHURNKIT_FINDINGS_REASONS_H
#define CHURNKIT_FINDINGS_REASONS_H

#include <stddef.h>

#include "churnkit/err.h"
#include "churnkit/labels.h"
#include "churnkit/reasons.h"

/* The smallest change of a share that is stated (0.1 percentage point). */
#define FINDINGS_REASONS_MIN_CHANGE 0.001

/* Involuntary churn is a notable share of the reporting period's churn, and
 * its action goes into the executive summary's actions (findings.h), when
 * it is at least this share of the period's churned customers or of its
 * churned MRR (docs/findings.md, "Churn reasons"). */
#define FINDINGS_REASONS_NOTABLE 0.10

/* The involuntary-churn action (docs/domain.md's playbook). */
#define FINDINGS_REASONS_ACTION \
	"Recover failed payments: dunning emails, card updater, payment reminders before renewal"

/* One churn reason's counts; index 0 is the reporting period, 1 the
 * previous one.  Counts are customers (whole numbers, >= 0); MRR NaN when
 * there is no value column. */
typedef struct {
	const char *label;        /* "Payment failed"; "" or NULL: unknown */
	int involuntary;          /* 1 involuntary, 0 voluntary, -1 not said */
	double churned[2];
	double mrr[2];
	/* With has_left, left[p] counts the churned customers of period p who
	 * were active at its start (of at_start[p]): the test's numerators and
	 * the "left / at start" shares; without it churned[p] is used. */
	int has_left;
	double left[2];
	const char *name;         /* the raw level ("payment failed"); NULL: unknown
	                             (or not given) */
} reason_count;

/* The numerator of reason r's share of customers at the start of period p. */
#define REASON_LEFT(r, p) ((r)->has_left ? (r)->left[p] : (r)->churned[p])

/* The breakdown of churn by reason over two periods (borrowed). */
typedef struct {
	const reason_count *reason;
	size_t nreasons;
	double at_start[2];       /* customers active at each period's start */
	const char *period[2];    /* "2026 Q3", "2026 Q2" */
} reasons_breakdown;

/* The test of one reason and the shares the page prints. */
typedef struct {
	double share[2];          /* churned / at_start of each period */
	double change;            /* share[0] - share[1] */
	double chisq, p;          /* prop.test; NaN when untested */
	double p_adj;             /* BH over the reasons tested */
	int significant;          /* the noise rule above */
	char *text;               /* its finding when it grew significantly,
	                             else NULL */
} reason_test;

typedef struct {
	size_t n;                 /* = nreasons */
	reason_test *test;        /* [n] */
	/* Involuntary against voluntary churn in the reporting period; NaN
	 * when no reason says which it is. */
	double invol_customers, invol_mrr;       /* counts and MRR */
	double invol_share, invol_mrr_share;     /* of churned customers, MRR */
	double unclassified_share;               /* reasons not said */
	/* The action (has_action 0: none). */
	int has_action;
	char *action_text;        /* "Recover failed payments: ..." */
	const char *team;         /* "Finance" (static) */
	double action_customers;  /* involuntary churners of the period */
	double action_mrr;        /* their MRR (NaN without values) */
	double mrr_saved;         /* action_mrr x offer_effect */
	double offer_effect;
} reasons_findings;

/* R's prop.test(c(x1, x2), c(n1, n2), correct = FALSE): sets *chisq and *p
 * and returns 1, or sets both NaN and returns 0 when undefined (n1 or n2
 * not positive, a count outside [0, n], the pooled share 0 or 1). */
int findings_reasons_prop_test(double x1, double n1, double x2, double n2, double *chisq,
                               double *p);

/* The tests, sentences and action of breakdown b at level alpha, the
 * action's saving at offer_effect (NaN: none computed).  CHURN_EUSAGE for
 * an alpha outside (0, 1) or a reason list NULL with reasons; CHURN_ENOMEM. */
churn_status findings_reasons_build(const reasons_breakdown *b, double alpha,
                                    double offer_effect, reasons_findings **out,
                                    churn_err *err);
void findings_reasons_free(reasons_findings *f);

/* The breakdown of rr's reporting period against the one before
 * (reasons.h): each level's churned customers and MRR, and those of them
 * active at the period's start (from_start) over at_start, the reasons
 * named through `labels` (NULL: raw) and "unknown" as the unknown level.
 * Sets *b (borrowing rr, labels and the new array *counts, free() it) and
 * returns CHURN_OK; b->nreasons is 0 (no breakdown, *counts NULL) when rr
 * is NULL, has no two periods or no level.  CHURN_ENOMEM. */
churn_status findings_reasons_from(const reasons_result *rr, const labelmap *labels,
                                   reasons_breakdown *b, reason_count **counts,
                                   churn_err *err);

#endif
