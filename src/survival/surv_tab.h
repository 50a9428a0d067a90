/*
 * surv_tab.h - private layout of surv_prep and surv_groups (include/churnkit/
 * surv.h), shared by the estimators in src/survival/.  Not a public header.
 *
 * A surv_tab is one level's data, compressed to its distinct times:
 *   time[i], nevent[i], ncensor[i]   distinct stop times, increasing, with the
 *                                    weighted events and censorings there;
 *   exits_ge[i]                      weight of the rows whose time >= time[i]
 *                                    (exits_ge[m] = 0);
 *   etime[j], enter_ge[j]            distinct entry times, increasing, and the
 *                                    weight of rows whose entry >= etime[j]
 *                                    (enter_ge[me] = 0); me = 0 without entry;
 *   nrisk[i]                         weight at risk at time[i]:
 *                                    exits_ge[i] - weight with entry >= time[i],
 *                                    i.e. the rows with entry < time[i] <= time.
 * The arrays point into blocks owned by the surv_groups.
 */
#ifndef CHURNKIT_SURV_TAB_H
#define CHURNKIT_SURV_TAB_H

#include <stddef.h>
#include <stdint.h>

#include "churnkit/surv.h"

typedef struct {
	size_t m;
	double *time;
	double *nevent;
	double *ncensor;
	double *nrisk;
	double *exits_ge;   /* [m + 1] */
	size_t me;
	double *etime;
	double *enter_ge;   /* [me + 1], NULL without entry */
	size_t rows;
	double weight;
	double events;
} surv_tab;

struct surv_prep {
	size_t n;
	int has_weight;
	int has_entry;
	uint32_t *order;       /* [n] rows by increasing time (stable) */
	double *time;          /* [n] times in that order, merged if timefix */
	unsigned char *event;  /* [n] in that order */
	double *weight;        /* [n] in that order, NULL without weights */
	uint32_t *eorder;      /* [n] rows by increasing entry, NULL without */
	double *entry;         /* [n] entries in eorder order */
	double *eweight;       /* [n] weights in eorder order, NULL without */
};

struct surv_groups {
	uint32_t nlevels;
	int has_entry;
	surv_tab *tab;         /* [nlevels] */
	double *block;         /* storage behind every tab's arrays */
};

/* Weight at risk at time t for one level: rows with entry < t <= time.
 * `*i` and `*j` are cursors into the stop and entry tables that the caller
 * starts at 0 and that only move forward, so a sweep over increasing t
 * costs O(m + me) in all.  On return time[*i] >= t (or *i == m). */
double surv_tab_risk_at(const surv_tab *tab, double t, size_t *i, size_t *j);

/* Index sort used by surv_prep: writes to idx[0..n) the rows ordered by
 * increasing key (stable).  Keys are doubles >= 0 (not -0.0, not NaN).
 * Returns 0, or -1 when out of memory.  An LSD radix sort on the IEEE bits,
 * 11 bits a pass, passes whose digit is the same for every key skipped. */
int surv_sort_index(const double *key, size_t n, uint32_t *idx);

#endif
