/*
 * report_reasons.h - what the report's page "Why customers leave" reads
 * (issue 14; docs/outputs.md): churn by reason in the reporting period
 * against the previous one, the tests and the action of
 * findings_reasons.h, and the cumulative incidence of each reason
 * (Aalen-Johansen, R's survfit(Surv(time, factor(status)) ~ 1)) with,
 * optionally, Gray's test between the levels of one --by column.
 *
 * The page computes nothing: the caller fills this from the stages.
 * Everything is borrowed for the duration of report_render.
 */
#ifndef CHURNKIT_REPORT_REASONS_H
#define CHURNKIT_REPORT_REASONS_H

#include <stddef.h>

#include "churnkit/findings_reasons.h"

/* Gray's test of one reason between the levels of a --by column
 * (cmprsk::cuminc's test). */
typedef struct {
	double stat, df, p;       /* NaN: not tested */
} report_gray;

typedef struct {
	/* The reasons (label, involuntary 1/0/-1), their churned customers and
	 * MRR in the reporting period [0] and the previous one [1], the
	 * customers active at each start, the period names ("2026 Q3"). */
	reasons_breakdown breakdown;
	/* Their tests, findings and the involuntary-churn action
	 * (findings_reasons_build on breakdown); NULL: no test, no finding. */
	const reasons_findings *found;

	/* Cumulative incidence as step functions: time[ntime] increasing, in
	 * time_unit ("months"; dates are given in months of 30.4375 days);
	 * cuminc[k][i] the incidence of reason k (breakdown's order) just after
	 * time[i]; lower/upper its interval, or NULL.  ntime 0: no chart. */
	const double *time;
	size_t ntime;
	const double *const *cuminc;
	const double *const *lower;
	const double *const *upper;
	const char *time_unit;

	/* Gray's test per reason (breakdown's order) for the --by column
	 * labelled gray_by; NULL: none. */
	const char *gray_by;
	const report_gray *gray;

	/* Why the periods are not compared (duration data: no calendar), or
	 * NULL.  Then breakdown counts every churned customer of the data in
	 * churned[0] and mrr[0] (the rest NaN), found is NULL, and the page
	 * shows that breakdown, the chart and this line. */
	const char *no_period;
} report_reasons;

#endif
