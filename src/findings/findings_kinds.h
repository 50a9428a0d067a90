/*
 * findings_kinds.h - the passes, one per kind of finding (private to
 * src/findings).  findings_build (findings.c) runs them into one candidate
 * list (segments, drivers, period, early churn, revenue), then ranks it; the rules of each kind are in
 * include/churnkit/findings.h.  Each pass sets l->oom when out of memory.
 */
#ifndef CHURNKIT_FINDINGS_KINDS_H
#define CHURNKIT_FINDINGS_KINDS_H

#include "churnkit/findings.h"
#include "findings/findings_common.h"

/* The segment pass (findings_segments.c): the --by columns whose survival
 * test is significant. */
void findings_segments(const findings_input *in, const findings_opts *o, flist *l);

/* The descriptive passes (findings_descriptive.c): the period's change of
 * churn rate, churn early in the customer's life, revenue retention. */
void findings_period(const findings_input *in, const findings_opts *o, flist *l);
void findings_early(const findings_input *in, const findings_opts *o, flist *l);
void findings_revenue(const findings_input *in, const findings_opts *o, flist *l);

/* The driver pass: one finding per term (at most o->max_drivers without
 * in->table, the strongest) from the logistic model
 * of `in` (else its Cox model) into l, skipping columns that already have a
 * segment finding in l, so it runs after the segment pass.  Sets l->oom
 * when out of memory. */
void findings_drivers(const findings_input *in, const findings_opts *o, flist *l);

/* The involuntary-churn action the reason pass found (has 0: none). */
typedef struct {
	int has;
	double customers, mrr, share; /* the period's involuntary churn */
	char period[16];              /* its label */
} findings_reason_action;

/* The churn-reason pass (findings_reason_story.c): a FINDING_REASON per
 * reason of in->reasons that grew significantly at o->alpha (findings_
 * reasons.h), what it concerns the reason's churned customers and MRR in
 * the reporting period; and in *act the involuntary-churn action when
 * involuntary churn is a notable share (FINDINGS_REASONS_NOTABLE). */
void findings_reason_pass(const findings_input *in, const findings_opts *o, flist *l,
                          findings_reason_action *act);

/* What each finding concerns (findings_concern.c): the active customers of
 * its group and their MRR, from in->table, in->value and in->active; the
 * period's churned customers for the period and revenue findings. */
void findings_concern(const findings_input *in, flist *l);

/* 1 when row i of column c is in group g (level, cut as in finding). */
int findings_in_group(finding_group g, const char *level, double cut, const table_col *c,
                      size_t i);

/* findings_in_group over many rows with the level read once: a level of a
 * text column as its code (when one code alone has that text), of a
 * numeric column as its number.  Set by findings_group_test_init; valid
 * while c and level are. */
typedef struct {
	finding_group g;
	const char *level;
	double cut;
	const table_col *c;
	int by_code;   /* a text column's level: compare codes with `code` */
	uint32_t code; /* TABLE_CODE_NA when no code has the level's text */
	int by_num;    /* a numeric column's level: `num` (NaN: not a number) */
	double num;
} finding_group_test;

void findings_group_test_init(finding_group_test *t, finding_group g, const char *level,
                              double cut, const table_col *c);

/* findings_in_group(t->g, t->level, t->cut, t->c, i). */
int findings_group_test_has(const finding_group_test *t, size_t i);

/* Sets the bits `bit` of flags[i] for the rows i < n in t's group
 * (findings_group_test_has), leaving their other bits; a loop of its own
 * for each kind of test rather than a call per row. */
void findings_group_test_rows(const finding_group_test *t, size_t n, uint8_t bit,
                              uint8_t *flags);

/* Orders two findings by what they concern, largest first: their MRR
 * (by_mrr) or customers; unknown (NaN) last; 0 when alike. */
int findings_concern_cmp(const finding *a, const finding *b, int by_mrr);

#endif
