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
 * the words "No data" instead of failing.
 *
 * Errors are the document's (pdf.h): these functions return nothing, except
 * where noted.
 */
#ifndef CHURNKIT_CHART_H
#define CHURNKIT_CHART_H

#include <stddef.h>

#include "pdf.h"

typedef struct {
	double x, y, w, h;       /* top-left corner, width, height */
} chart_box;

/* The look of series i (i >= 0; it cycles after the palette's length). */
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

/* "Nice" axis ticks (1, 2, 2.5, 5 x 10^k) covering [lo, hi] with about
 * `target` intervals: first tick <= lo, last >= hi. */
typedef struct {
	double first, step;
	size_t n;                /* number of ticks */
} chart_ticks;
void chart_nice_ticks(double lo, double hi, size_t target, chart_ticks *out);

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
} chart_km_series;
typedef struct {
	const char *title;       /* NULL: none */
	const char *xlabel;      /* "Months since signup" */
	double xmax;             /* <= 0: the largest time */
	const double *risk_times;/* times of the at-risk table (x unit) */
	size_t nrisk;            /* 0: no table */
	int bands;               /* draw confidence bands */
	const char *ylabel;      /* y axis title ("Customers retained") or NULL */
	int median_legend;       /* append "(median 11.2 mo)" to legend labels */
} chart_km_opts;
void chart_km(pdf_doc *d, chart_box b, const chart_km_series *s, size_t ns,
              const chart_km_opts *o);

/* ---- Bars (hazard by tenure month) ---- */
typedef struct {
	const char *title, *xlabel, *ylabel;
	size_t highlight;        /* the first `highlight` bars in the accent colour
	                            (the first 90 days), the rest muted */
	const char *highlight_label; /* legend for them, or NULL */
	int percent;             /* values are fractions shown as percentages */
	size_t label_every;      /* x labels every k bars (0: chosen to fit) */
} chart_bars_opts;
/* values[i] for bar i, labelled labels[i] (NULL: 1, 2, ...); NaN = gap. */
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
} chart_heat_opts;
/* values: nrows x ncols row-major fractions in [0, 1]; NaN = no cell. */
void chart_heatmap(pdf_doc *d, chart_box b, const double *values, size_t nrows,
                   size_t ncols, const char *const *row_labels, const chart_heat_opts *o);

/* ---- Forest plot (odds or hazard ratios with intervals, log scale) ---- */
typedef struct {
	const char *title;
	const char *xlabel;      /* "Odds ratio (log scale)" */
	const char *value_header;/* header of the printed column ("OR (95% CI)") */
} chart_forest_opts;
/* est/lo/hi: ratios (> 0; non-finite values are drawn as an arrow at the
 * axis edge and printed as "inf"/"0"). */
void chart_forest(pdf_doc *d, chart_box b, const char *const *labels, const double *est,
                  const double *lo, const double *hi, size_t n, const chart_forest_opts *o);

/* ---- Calibration (predicted vs observed by decile) ---- */
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
 * with "…" to fit its column.  Draws the header and as many rows as fit in
 * b.h; returns the number of rows drawn. */
size_t chart_table(pdf_doc *d, chart_box b, const chart_col *cols, size_t ncols,
                   const char *const *cells, size_t nrows, const chart_table_opts *o);

#endif
