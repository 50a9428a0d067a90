/*
 * chart_axis.h - what the chart modules share (private to src/report/chart):
 * the pen and recorder (chart_pen.c), colours (chart_style.c), ticks,
 * scales and axes (chart_axis.c), the x-y layout, legends, titles and
 * markers (chart_layout.c), and each chart's _pen variant (chart_km.c,
 * chart_bars.c, ...).
 *
 * A chart draws through a pen: the document (pdf.h), a recorder, or both.
 * The recorder keeps the union of the ink every call would put on the page,
 * counts the items that reach outside a bound (the chart's box), and keeps
 * the texts drawn, so that the tests can check "nothing outside the box"
 * and "the words are there" without a PDF.  With no document, text widths
 * are estimated from DejaVu Sans' average advances (chart_pen_text_width),
 * which is close enough for layout tests; with a document, they are exact.
 *
 * Each public chart (chart.h) is a one-line wrapper around its _pen
 * variant here.  No state outside the pen and the recorder, both owned by
 * the caller.
 */
#ifndef CHURNKIT_CHART_AXIS_H
#define CHURNKIT_CHART_AXIS_H

#include <stddef.h>

#include "report/chart/chart.h"

/* Type sizes (points) and spacing shared by the charts. */
#define CHART_TITLE_SIZE 10.0
#define CHART_LABEL_SIZE 7.5     /* axis titles, legend */
#define CHART_TICK_SIZE 7.0      /* tick labels */
#define CHART_PAD 4.0

/* Ink above and below the baseline, in em (DejaVu Sans: caps 0.73,
 * descenders 0.24; a little more for accents). */
#define CHART_ASCENT 0.78
#define CHART_DESCENT 0.24

/* Ink rectangle of one drawn item is tested against the bound with this
 * slack (points), for rounding. */
#define CHART_REC_SLACK 0.01

typedef struct {
	chart_box bound;          /* items reaching outside it are counted */
	double x0, y0, x1, y1;    /* union of the ink drawn (x0 > x1: nothing) */
	size_t items;             /* items drawn */
	size_t outside;           /* items reaching outside bound */
	char first_outside[128];  /* what the first of them was */
	char text[8192];          /* texts drawn, one per line (truncated) */
	size_t text_len;
} chart_rec;

/* Starts a record with the given bound. */
void chart_rec_init(chart_rec *r, chart_box bound);
/* 1 when s was drawn as one text item (a whole line of r->text). */
int chart_rec_has_text(const chart_rec *r, const char *s);
/* 1 when some text drawn contains s. */
int chart_rec_contains(const chart_rec *r, const char *s);

typedef struct {
	pdf_doc *d;               /* NULL: measure only */
	chart_rec *rec;           /* NULL: no record */
	double lw;                /* current line width, for the record */
} chart_pen;

chart_pen chart_pen_of(pdf_doc *d, chart_rec *rec);

void chart_pen_fill(chart_pen *p, pdf_rgb c);
void chart_pen_stroke(chart_pen *p, pdf_rgb c);
void chart_pen_width(chart_pen *p, double w);
void chart_pen_dash(chart_pen *p, const double *pattern, size_t n);
void chart_pen_line(chart_pen *p, double x1, double y1, double x2, double y2);
void chart_pen_polyline(chart_pen *p, const double *x, const double *y, size_t n);
void chart_pen_polygon(chart_pen *p, const double *x, const double *y, size_t n);
void chart_pen_rect_fill(chart_pen *p, double x, double y, double w, double h);
void chart_pen_rect_stroke(chart_pen *p, double x, double y, double w, double h);
void chart_pen_circle(chart_pen *p, double cx, double cy, double r, int fill);
double chart_pen_text_width(chart_pen *p, const char *s, pdf_weight w, double size);
void chart_pen_text(chart_pen *p, double x, double y, const char *s, pdf_weight w,
                    double size, pdf_align align, pdf_rgb c);
void chart_pen_text_up(chart_pen *p, double x, double y, const char *s, pdf_weight w,
                       double size, pdf_rgb c);
/* s shortened with "…" to fit width, into buf[n]; returns buf. */
char *chart_pen_fit(chart_pen *p, const char *s, pdf_weight w, double size, double width,
                    char *buf, size_t n);

/* Relative luminance as a grayscale conversion sees it (Rec. 601 weights:
 * 0.299 R + 0.587 G + 0.114 B), 0 = black, 1 = white. */
double chart_lightness(pdf_rgb c);
/* a + t (b - a), per channel. */
pdf_rgb chart_mix(pdf_rgb a, pdf_rgb b, double t);
/* Secondary text (axis and tick labels): a dark gray. */
extern const pdf_rgb chart_text2;

/* Tick k of t (first + k step, with -0 and rounding noise near 0 removed). */
double chart_tick_at(const chart_ticks *t, size_t k);
/* Formats v with as many decimals as `step` needs (at most 3); as a
 * percentage ("20%", "2.5%") when percent.  Returns buf. */
char *chart_fmt_tick(double v, double step, int percent, char *buf, size_t n);
/* Formats a count with thousands separators ("12,345"); NaN gives "". */
char *chart_fmt_count(double v, char *buf, size_t n);

/* A linear map from [lo, hi] to page positions [p0, p1].  A degenerate
 * range (lo == hi, or not finite) maps everything to the middle. */
typedef struct {
	double lo, hi, p0, p1;
	int log;                  /* map log(v) (lo, hi > 0) */
} chart_scale;
double chart_scale_at(const chart_scale *s, double v);

/* Layout of an x-y chart inside box b: the title on top, then the legend
 * rows, the plot, the x tick labels, the x axis title and `below` points
 * left at the bottom (the at-risk table).  ytick_w is the width of the
 * widest y tick label, xtick_w the widest x tick label (half of it is kept
 * free right of the plot).  Returns 0 when the plot would be smaller than
 * CHART_MIN_PLOT in either direction (the chart then draws nothing but its
 * title and "No data"-style frame). */
#define CHART_MIN_PLOT 24.0
typedef struct {
	chart_box plot;
	double title_base;        /* baseline of the title */
	double legend_top;        /* top of the legend rows */
	double xtick_base;        /* baseline of the x tick labels */
	double xlabel_base;       /* baseline of the x axis title */
	double ylabel_x;          /* x of the (rotated) y axis title's baseline */
	double below_top;         /* top of the space below */
} chart_xy_layout;
int chart_xy_layout_of(chart_box b, int has_title, double legend_h, double ytick_w,
                       double xtick_w, int has_xlabel, int has_ylabel, double below,
                       chart_xy_layout *out);

/* Legends: items laid out in rows left to right, wrapping at width w. */
typedef enum { CHART_LEG_LINE = 0, CHART_LEG_SWATCH, CHART_LEG_MARK } chart_leg_kind;
typedef struct {
	const char *label;
	chart_leg_kind kind;
	chart_style style;        /* LINE and MARK: line, dash and marker */
	pdf_rgb swatch;           /* SWATCH: fill */
} chart_leg_item;
#define CHART_LEG_ROW 11.0
/* Height the legend takes at width w (0 when n == 0); draws it with its
 * top at y when draw. */
double chart_legend(chart_pen *p, double x, double y, double w, const chart_leg_item *it,
                    size_t n, int draw);

/* Title baseline inside b (bold CHART_TITLE_SIZE), fitted to b.w; returns
 * the height used (0 when title is NULL or empty). */
double chart_title(chart_pen *p, chart_box b, const char *title);
/* The empty chart: title, a light frame and "No data" in its middle. */
void chart_no_data(chart_pen *p, chart_box b, const char *title);
/* Marker of a style centred at (cx, cy), radius r, in colour c. */
void chart_marker(chart_pen *p, chart_mark m, double cx, double cy, double r, pdf_rgb c);
/* Horizontal grid lines and right-aligned labels left of the plot. */
void chart_ygrid(chart_pen *p, chart_box plot, const chart_scale *sy, const chart_ticks *t,
                 int percent);
/* Bottom axis line, tick marks and centred labels (baseline at base). */
void chart_xaxis(chart_pen *p, chart_box plot, const chart_scale *sx, const chart_ticks *t,
                 int percent, double base);
/* The axis titles, each shortened to fit: xlabel centred under the plot
 * with its baseline at xbase, ylabel reading upwards centred at x = yx.
 * Either may be NULL. */
void chart_axis_titles(chart_pen *p, chart_box plot, const char *xlabel, double xbase,
                       const char *ylabel, double yx);
/* Widest tick label of t. */
double chart_ticks_width(chart_pen *p, const chart_ticks *t, int percent, double size);

/* Bars: label every k-th bar so that labels label_w wide, pitch apart,
 * keep 4 points between them (k from 1, 2, 3, 4, 5, 6, 10, 12, 20, ...). */
size_t chart_bars_label_every(double pitch, double label_w);

/* Forest plot: log-axis ticks, powers of 2 when hi/lo <= 128, else powers
 * of 10; [*lo, *hi] (> 0) is widened to the outer ticks.  Writes at most
 * max ticks to v and returns their count. */
size_t chart_log_ticks(double *lo, double *hi, double *v, size_t max);
/* "1.85 (1.52-2.25)", each number by fmtnum_ratio, as the coefficient
 * table beside the plot writes it ("0.12 (<0.01-19.4)"). */
char *chart_fmt_ratio_ci(double est, double lo, double hi, char *buf, size_t n);

/* The charts, drawing through a pen (chart.h has the contracts). */
void chart_km_pen(chart_pen *p, chart_box b, const chart_km_series *s, size_t ns,
                  const chart_km_opts *o);
void chart_bars_pen(chart_pen *p, chart_box b, const double *values,
                    const char *const *labels, size_t n, const chart_bars_opts *o);
void chart_heatmap_pen(chart_pen *p, chart_box b, const double *values, size_t nrows,
                       size_t ncols, const char *const *row_labels, const chart_heat_opts *o);
void chart_forest_pen(chart_pen *p, chart_box b, const char *const *labels, const double *est,
                      const double *lo, const double *hi, size_t n, const chart_forest_opts *o);
void chart_calibration_pen(chart_pen *p, chart_box b, const double *pred, const double *obs,
                           size_t n, const char *title);
size_t chart_table_pen(chart_pen *p, chart_box b, const chart_col *cols, size_t ncols,
                       const char *const *cells, size_t nrows, const chart_table_opts *o);

/* Heatmap geometry, exposed for the tests: rows row_h high, columns col_w
 * wide, row labels in a column label_w wide left of the cells, cell text
 * at `size` when show_text (with the "%" sign when show_pct). */
typedef struct {
	double row_h, col_w, size, label_size, label_w;
	double sum_h;             /* height of a summary row (>= row_h) */
	int show_text, show_pct;
	size_t label_every;       /* row labels on every k-th row */
	size_t col_label_every;   /* column labels on every k-th column */
	chart_box grid;           /* the cells, summary rows and gap included */
	double gap;               /* space before the summary rows */
	double xlabel_base, collabel_base, key_base;
} chart_heat_layout;
/* 0 when the box cannot hold even one row per cohort (nothing is drawn
 * then but the title). */
int chart_heat_layout_of(chart_pen *p, chart_box b, size_t nrows, size_t ncols,
                         const char *const *row_labels, const chart_heat_opts *o,
                         chart_heat_layout *L);
/* The sequential ramp: t in [0, 1] from light to dark (one hue). */
pdf_rgb chart_heat_color(double t);

#endif
