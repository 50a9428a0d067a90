/*
 * summary_exec.h - the executive summary's trend row, MRR bridge and findings
 * (private to src/report/pages; page_summary.c lays them out).
 */
#ifndef CHURNKIT_SUMMARY_EXEC_H
#define CHURNKIT_SUMMARY_EXEC_H

#include <stddef.h>

#include "report/pages/page.h"

typedef enum { CHANGE_COUNT, CHANGE_PP, CHANGE_MONEY } change_kind;

/* "▲ +391 vs 2026Q2": the change d = now - before against the period named
 * `against`, with its direction arrow only when the change is larger than
 * the noise (fmt_change_real: p, the change's test p-value or NaN, below
 * alpha, else the 0.1 pp or one-unit floor), "no change vs ..." for zero,
 * "" when d is not finite.  A change of rates (CHANGE_PP) is the
 * difference of the two rates as the tile prints them (fmt_pp_shown), and
 * has no arrow when that is 0.0.  *real is set to 1 when the change is
 * above the noise.  Money with the currency's symbol (NULL: none).
 * Returns buf. */
char *summary_change_text(char *buf, size_t n, double now, double before, change_kind kind,
                          const char *against, double p, double alpha, const char *currency,
                          int *real);

/* The trend (in->trend): customers and MRR at end, logo churn rate, GRR and
 * NRR, one small multiple each (the MRR ones only when some period has MRR),
 * across the content width at y, h high.  Returns the y below it, or y when
 * there is no trend. */
double summary_trend(report_page_ctx *c, double y, double h);

/* 1 when the reporting period has MRR movements for the bridge. */
int summary_has_bridge(const report_input *in);
/* The MRR bridge of the reporting period in b: heading, waterfall, and
 * under it MRR / ARR, quick ratio, ARPA and LTV (and, without a revenue
 * history, the line that says only new and churned are known). */
void summary_bridge(report_page_ctx *c, chart_box b);

/* The action answering finding i of f (the first in its list: largest MRR
 * saved first, findings_actions.h), or NULL. */
const finding_action *summary_action_of(const findings *f, size_t i);
/* Findings first..last-1 of c->in->fd (most MRR first) at y under the
 * heading `head`, each with the action that answers it (page 2 closes with
 * the failed-payment action answering no finding and, when `note`, the
 * assumption behind the MRR saved); with draw 0 only measures.  Returns the
 * y below them. */
double summary_findings(report_page_ctx *c, double y, size_t first, size_t last,
                        const char *head, int note, int draw);
/* The playbook of the segment cells with the largest expected loss, when
 * none of the first `shown` findings has an action. */
void summary_actions(report_page_ctx *c, double y, size_t shown);

#endif
