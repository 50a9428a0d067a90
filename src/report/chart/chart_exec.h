/*
 * chart_exec.h - the executive summary's charts (chart.h's conventions:
 * drawn inside the box, grayscale-safe, nothing owned after return):
 *
 * chart_trend: one small multiple of the trend, a tile with its title, the
 *   latest value in large type, a small line (or bar) chart of the periods,
 *   oldest first, the last (the reporting period) marked in the accent
 *   colour and labelled, the first labelled, and up to two change lines
 *   (against the previous period, against a year before), a bad change in
 *   bold alert colour.  NaN points leave a gap; no finite point: "No data".
 *
 * chart_waterfall: the MRR bridge, start and end as full bars from 0, each
 *   movement a floating bar from the running total (gains in the accent
 *   colour, losses in the alert colour, totals light gray: three distinct
 *   lightnesses), its signed amount printed over it and its label under
 *   it (alternating on two lines when the labels would touch); thin
 *   connector lines join the bars.
 *
 * Each is a wrapper around its _pen variant (chart_axis.h's pen), which
 * the tests draw into a recorder to check that nothing leaves the box.
 */
#ifndef CHURNKIT_CHART_EXEC_H
#define CHURNKIT_CHART_EXEC_H

#include <stddef.h>

#include "report/chart/chart_axis.h"

typedef struct {
	const char *title;        /* "Customers at end" */
	const char *value;        /* the latest value as printed */
	const char *change[2];    /* "▲ +391 vs 2026Q2", "▲ +812 vs 2025Q3"; NULL or "" none */
	int bad[2];               /* the change goes the wrong way */
	const double *y;          /* [n] oldest first, the last the reporting period */
	size_t n;
	const char *first, *last; /* x labels of the first and last point */
	int bars;                 /* bars from 0 instead of a line */
} chart_trend_tile;
void chart_trend(pdf_doc *d, chart_box b, const chart_trend_tile *t);
void chart_trend_pen(chart_pen *p, chart_box b, const chart_trend_tile *t);

typedef struct {
	const char *label;        /* "New", "Churned" */
	double value;             /* signed: + adds to MRR, - takes away */
	const char *text;         /* the amount as printed ("+12.3k") */
} chart_step;
/* start and end bars labelled start_label / end_label with their amounts
 * start_text / end_text. */
typedef struct {
	const char *start_label, *start_text;
	double start;
	const chart_step *step;
	size_t nstep;
	const char *end_label, *end_text;
	double end;
} chart_waterfall_data;
void chart_waterfall(pdf_doc *d, chart_box b, const chart_waterfall_data *w);
void chart_waterfall_pen(chart_pen *p, chart_box b, const chart_waterfall_data *w);

#endif
