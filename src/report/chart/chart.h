/*
 * chart.h - the report's charts and printed tables, drawn on pdf.h.
 *
 * Every chart draws inside a box given in page coordinates (points, origin
 * top-left, y down, as pdf.h) and never outside it: its title (when given),
 * axes, tick labels, legend and any table under the plot all fit in the box.
 * Charts own nothing after they return; inputs are borrowed.
 *
 * Grayscale.  The report is read printed, often in black and white, so a
 * series is never told apart by hue alone: chart_style gives each series
 * index a colour of distinct lightness, a dash pattern and a marker shape,
 * and legends show all three.  Sequential fills (heatmap) run from a light
 * to a dark shade of one hue, and cell text switches to white on dark
 * cells.
 *
 * Numbers printed on charts use the conventions of the text output:
 * percentages for rates and survival ("84%", "3.1%"), months for times.
 * A chart given no data (n = 0, or all values NaN) draws its frame and
 * the words "No data" instead of failing.  A box too small for the plot
 * (its plot area would be under 24 x 24 points, e.g. a 60 x 45 box with a
 * title and axis titles) gets only its title.  Degenerate ranges (lo ==
 * hi, all values 0) are widened; nothing divides by zero.
 *
 * Type: titles 10 pt bold, axis titles and legends 7.5 pt, tick labels
 * 7 pt (DejaVu Sans, pdf.h).  The tests (tests/unit/test_chart.c) record
 * the ink of every call through the private pen of chart_axis.h and check
 * that each chart stays inside boxes from 515 x 330 down to 60 x 45.
 *
 * Errors are the document's (pdf.h): these functions return nothing, except
 * where noted.
 */
#ifndef CHURNKIT_CHART_H
#define CHURNKIT_CHART_H

#include <stddef.h>

#include "report/pdf/pdf.h"

typedef struct {
	double x, y, w, h;       /* top-left corner, width, height */
} chart_box;

/* The look of series i (i >= 0; it cycles after the palette's six
 * entries).  The first four differ in grayscale lightness by at least 0.12
 * (0.299 R + 0.587 G + 0.114 B) and all have different dashes and markers.
 * CHART_MARK_NONE is for callers' own legend entries; the palette never
 * gives it. */
typedef enum { CHART_MARK_CIRCLE = 0, CHART_MARK_SQUARE, CHART_MARK_TRIANGLE,
	       CHART_MARK_DIAMOND, CHART_MARK_NONE } chart_mark;
typedef struct {
	pdf_rgb color;
	pdf_rgb band;            /* light tint for confidence bands */
	double dash[4];
	size_t ndash;            /* 0 = solid */
	chart_mark mark;
} chart_style;
void chart_style_of(size_t i, chart_style *out);
/* Fixed colours of the report (text, rules, grid, accent, highlight). */
extern const pdf_rgb chart_ink, chart_muted, chart_grid, chart_accent, chart_alert;
/* Secondary text (notes, labels): dark enough to read printed at 7.5 pt. */
extern const pdf_rgb chart_text2;

/* "Nice" axis ticks (1, 2, 2.5, 5 x 10^k) covering [lo, hi] with about
 * `target` intervals: first tick <= lo, last >= hi. */
typedef struct {
	double first, step;
	size_t n;                /* number of ticks */
} chart_ticks;
void chart_nice_ticks(double lo, double hi, size_t target, chart_ticks *out);
/* Ticks for a time axis in months: the smallest step of 1, 2, 3, 6, 12,
 * 24, 36, 60, ... months giving at most 1.3 x `target` intervals, from lo
 * (floored to a step) to hi (ceiled).  chart_km's x axis uses these. */
void chart_month_ticks(double lo, double hi, size_t target, chart_ticks *out);

/* ---- Kaplan-Meier curves with bands and a number-at-risk table ---- */
typedef struct {
	const char *label;       /* legend and at-risk row label */
	size_t m;                /* steps */
	const double *time;      /* [m] increasing, in the x unit (months) */
	const double *surv;      /* [m] S just after time[i]; S = 1 before time[0] */
	const double *lower;     /* [m] or NULL; NaN entries leave a gap */
	const double *upper;     /* [m] or NULL */
	const double *at_risk;   /* [nrisk] counts at the table's times, or NULL */
	double median;           /* NaN when not reached: marked on the curve */
	int overall;             /* the pooled curve of all customers drawn with
	                            the segments': a near-black long-dashed line,
	                            no band, no markers (chart_km_style_of) */
} chart_km_series;
typedef struct {
	const char *title;       /* NULL: none */
	const char *xlabel;      /* "Months since signup" */
	double xmax;             /* <= 0: the largest time */
	const double *risk_times;/* times of the at-risk table (x unit) */
	size_t nrisk;            /* 0: no table */
	int bands;               /* draw confidence bands (light step polygons,
	                            all drawn before any line) */
	const char *ylabel;      /* y axis title ("Customers retained") or NULL */
	int median_legend;       /* append "(median 11.2 mo)" to legend labels */
	const char *median_unit; /* the unit there: NULL = "mo", "" = none */
} chart_km_opts;
/* The x axis runs from 0 to the month tick (steps of 1, 2, 3, 6, 12, ...
 * months) at or after xmax; curves stop at their last time.  A dashed line
 * marks 50%; each finite median gets a dot on it and a dotted drop line to
 * the axis.  The at-risk table (when nrisk > 0 and some series has
 * at_risk) puts one row per series under the plot, its label after a
 * sample of the line, each count centred under its time; counts that would
 * touch are thinned to every k-th time, and the table is dropped when the
 * box is too low for it.  o may be NULL (defaults: no titles, no table). */
void chart_km(pdf_doc *d, chart_box b, const chart_km_series *s, size_t ns,
              const chart_km_opts *o);
/* The x tick times chart_km draws for curves up to xmax in a box b_w
 * points wide (those <= xmax, at most max of them, written to t): pass
 * them as risk_times so that the at-risk counts sit under the ticks.
 * Returns their count. */
size_t chart_km_ticks(double xmax, double b_w, double *t, size_t max);
/* The line style chart_km gives series i of s (legend, curve, at-risk
 * row): chart_style_of(i), or the overall style for an overall series. */
void chart_km_style_of(const chart_km_series *s, size_t i, chart_style *out);

/* ---- Bars (hazard by tenure month) ---- */
typedef struct {
	const char *title, *xlabel, *ylabel;
	size_t highlight;        /* the first `highlight` bars in the accent colour
	                            (the first 90 days), the rest muted */
	const char *highlight_label; /* legend for them, or NULL */
	int percent;             /* values are fractions shown as percentages */
	size_t label_every;      /* x labels every k bars (0: chosen to fit) */
} chart_bars_opts;
/* values[i] for bar i, labelled labels[i] (NULL: 1, 2, ...); NaN = gap.
 * Values are printed over the bars when every one fits its bar's width
 * (the y range then grows to make room).  o may be NULL. */
void chart_bars(pdf_doc *d, chart_box b, const double *values, const char *const *labels,
                size_t n, const chart_bars_opts *o);

/* ---- Heatmap (cohort retention triangle) ---- */
typedef struct {
	const char *title;
	const char *corner;      /* header of the row-label column ("Cohort") */
	const char *xlabel;      /* over the columns ("Months since signup") */
	const char *const *col_labels; /* [ncols] ("0", "1", ...) or NULL */
	const char *const *row_notes;  /* [nrows] text right of the label (size) or NULL */
	const unsigned char *thin;     /* [nrows] rows to mark as thin, or NULL */
	const char *thin_label;        /* legend text for the mark, or NULL */
	size_t nsummary;               /* the last nsummary rows are summary rows
	                                  (mean, Kaplan-Meier): set apart by a rule
	                                  and bold labels */
	int show_values;               /* print the percentage in cells that fit */
	double lo;                     /* the ramp runs from lo (lightest) to 1
	                                  (darkest); values below lo take the
	                                  lightest shade.  0 = the whole 0..1.
	                                  Retention rarely falls far, so a ramp
	                                  over the data's own range shows more. */
} chart_heat_opts;
/* values: nrows x ncols row-major fractions in [0, 1]; NaN = no cell.
 * Rows are at most 14 points high and columns 40 points wide; with many
 * rows, rows shrink (summary rows keep 5 points), cell text goes below
 * 4.5 points ("100" without the "%" when only that fits, the key then
 * says "cells in %"), and row labels are thinned below 4 points.  Thin
 * rows are hatched and their label gets "†"; a key under the cells shows
 * the ramp and "† thin_label".  row_labels may be NULL; o may be NULL. */
void chart_heatmap(pdf_doc *d, chart_box b, const double *values, size_t nrows,
                   size_t ncols, const char *const *row_labels, const chart_heat_opts *o);

/* ---- Forest plot (odds or hazard ratios with intervals, log scale) ---- */
typedef struct {
	const char *title;
	const char *xlabel;      /* "Odds ratio (log scale)" */
	const char *value_header;/* header of the printed column ("OR (95% CI)") */
} chart_forest_opts;
/* est/lo/hi: ratios (> 0; non-finite values are drawn as an arrow at the
 * axis edge and printed as "inf"/"0"; lo/hi may be NULL).  The log axis
 * covers every finite value and 1, at most 1/1000 to 1000 (beyond: an
 * arrow), with ticks at powers of 2 (0.25 0.5 1 2 4) when they span at
 * most 2^7, else at powers of 10.  Values print with 2 decimals below 10,
 * 1 below 100, none above: "1.85 (1.52-2.25)". */
void chart_forest(pdf_doc *d, chart_box b, const char *const *labels, const double *est,
                  const double *lo, const double *hi, size_t n, const chart_forest_opts *o);

/* ---- Calibration (predicted vs observed by decile) ----
 * pred/obs: n fractions (at most 64 points drawn); both axes from 0 to the
 * same nice maximum in %, titled "Predicted churn rate" and "Observed churn
 * rate", with the dashed diagonal of perfect calibration. */
void chart_calibration(pdf_doc *d, chart_box b, const double *pred, const double *obs,
                       size_t n, const char *title);

/* ---- Printed tables ---- */
typedef struct {
	const char *header;
	double width;            /* points; 0 = share the rest equally */
	pdf_align align;         /* numbers right-aligned */
} chart_col;
typedef struct {
	double size;             /* font size (8) */
	double row_h;            /* row height (size * 1.6 when 0) */
	int zebra;               /* shade every other row */
	const unsigned char *bold_rows; /* [nrows] or NULL */
} chart_table_opts;
/* cells: nrows x ncols row-major UTF-8 strings (NULL = empty), each shortened
 * with "…" to fit its column (4 points of padding each side).  Fixed column
 * widths wider than b.w together are scaled down.  Draws a rule over and
 * under the bold header, the rows (nrows = 0: "No data"), and a rule under
 * the last row drawn; as many rows as fit in b.h: header row_h + 1.5,
 * then row_h each.  Returns the number of rows drawn (0 when b.h is lower
 * than two rows).  o may be NULL (8 pt, no zebra). */
size_t chart_table(pdf_doc *d, chart_box b, const chart_col *cols, size_t ncols,
                   const char *const *cells, size_t nrows, const chart_table_opts *o);

#endif
