/*
 * chart_stacked.h - stacked cumulative incidence by churn reason (issue 14;
 * chart.h's conventions: drawn inside the box, grayscale-safe, nothing
 * owned after return).
 *
 * One band per reason, stacked in the order given from the x axis up, so
 * that the top of the stack at time t is the sum of the reasons'
 * cumulative incidence, the share of customers who had churned by t
 * (1 - S(t), Aalen-Johansen).  Each band is a step function that starts at
 * 0 and holds its value from one time to the next (est[i] just after
 * time[i]); a NaN estimate holds the previous value.  The curves stop at
 * the last time; the x axis runs from 0 to a nice tick at or after it
 * (month ticks when months is set), the y axis from 0 to a nice
 * percentage at or above the highest total.
 *
 * Grey print: the bands run from the darkest (the bottom band) to the
 * lightest in one hue, their lightness at least 0.09 apart for up to eight
 * bands, with a white rule along each band's top and a dark line along the
 * total.  The legend lists the bands from the top of the stack down, each
 * with its swatch and its share at the last time ("Price 12.3%"); it goes
 * right of the plot when the box is at least 260 points wide, else in rows
 * above it.  No band with a finite estimate: "No data".
 */
#ifndef CHURNKIT_CHART_STACKED_H
#define CHURNKIT_CHART_STACKED_H

#include <stddef.h>

#include "report/chart/chart_axis.h"

typedef struct {
	const char *label;        /* legend */
	const double *est;        /* [m] cumulative incidence after time[i] */
} chart_stacked_series;

typedef struct {
	const char *title;        /* NULL: none */
	const char *xlabel;       /* "Months since signup" */
	const char *ylabel;       /* "Churned (cumulative)" or NULL */
	int months;               /* x ticks in months (chart_month_ticks) */
} chart_stacked_opts;

/* The fill of band i of n (bottom band 0 darkest). */
pdf_rgb chart_stacked_fill(size_t i, size_t n);

/* time[m] increasing (>= 0), s[ns]; o may be NULL. */
void chart_stacked(pdf_doc *d, chart_box b, const double *time, size_t m,
                   const chart_stacked_series *s, size_t ns, const chart_stacked_opts *o);
void chart_stacked_pen(chart_pen *p, chart_box b, const double *time, size_t m,
                       const chart_stacked_series *s, size_t ns, const chart_stacked_opts *o);

#endif
