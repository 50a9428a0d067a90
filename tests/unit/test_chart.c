/* test_chart.c - ticks, styles, layouts, and every chart kept inside its
 * box, measured with the recorder (chart_axis.h): first with estimated text
 * widths (no document), then with a real document when the fonts load. */
#include "report/chart/chart.h"
#include "report/chart/chart_axis.h"
#include "report/chart/chart_exec.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void test_ticks(void)
{
	chart_ticks t;
	char buf[32];

	chart_nice_ticks(0, 1, 5, &t);
	is_double_abs(t.first, 0, 1e-12, "ticks: 0..1 by 5 starts at 0");
	is_double_rel(t.step, 0.2, 1e-12, "ticks: 0..1 by 5 steps by 0.2");
	is_int((long long)t.n, 6, "ticks: 0..1 by 5 has 6 ticks");
	is_str(chart_fmt_tick(chart_tick_at(&t, 3), t.step, 1, buf, sizeof buf), "60%",
	       "ticks: the 4th tick of 0..1 prints as 60%%");
	is_str(chart_fmt_tick(chart_tick_at(&t, 5), t.step, 1, buf, sizeof buf), "100%",
	       "ticks: the last tick of 0..1 prints as 100%%");

	chart_nice_ticks(0, 37, 5, &t);
	is_double_rel(t.step, 10, 1e-12, "ticks: 0..37 months by 5 steps by 10");
	is_double_rel(chart_tick_at(&t, t.n - 1), 40, 1e-12, "ticks: 0..37 ends at 40");
	chart_month_ticks(0, 37, 3, &t);
	is_double_rel(t.step, 12, 1e-12, "month ticks: 0..37 in about 3 steps by 12 months");
	chart_month_ticks(0, 37, 6, &t);
	is_double_rel(t.step, 6, 1e-12, "month ticks: 0..37 in about 6 steps by 6 months");
	is_double_rel(chart_tick_at(&t, t.n - 1), 42, 1e-12, "month ticks: 0..37 by 6 ends at 42");
	double kt[16];
	size_t nk = chart_km_ticks(37, 515, kt, 16);
	ok(nk == 7 && kt[0] == 0 && kt[1] == 6 && kt[6] == 36,
	   "km ticks: 37 months in 515 points are 0, 6, ..., 36 (%zu ticks)", nk);
	is_int((long long)chart_km_ticks(37, 515, kt, 3), 3, "km ticks: at most max are written");
	chart_month_ticks(0, 5, 6, &t);
	is_double_rel(t.step, 1, 1e-12, "month ticks: 0..5 steps by 1 month");

	chart_nice_ticks(5, 5, 5, &t);
	ok(t.step > 0 && t.n >= 2 && t.first <= 5 && chart_tick_at(&t, t.n - 1) >= 5,
	   "ticks: lo == hi == 5 gives at least two ticks around 5");
	chart_nice_ticks(0, 0, 5, &t);
	ok(t.step > 0 && t.first == 0 && chart_tick_at(&t, t.n - 1) >= 1,
	   "ticks: all zero gives 0..1");
	chart_nice_ticks(-3, 7, 5, &t);
	ok(t.first <= -3 && chart_tick_at(&t, t.n - 1) >= 7, "ticks: -3..7 covers the range");
	is_double_rel(t.step, 2, 1e-12, "ticks: -3..7 by 5 steps by 2");
	is_str(chart_fmt_tick(chart_tick_at(&t, 2), t.step, 0, buf, sizeof buf), "0",
	       "ticks: the tick at zero prints as 0, not -0");
	chart_nice_ticks(7, -3, 5, &t);
	ok(t.first <= -3 && chart_tick_at(&t, t.n - 1) >= 7, "ticks: reversed bounds are swapped");
	chart_nice_ticks(NAN, INFINITY, 5, &t);
	ok(isfinite(t.first) && t.step > 0 && t.n >= 2, "ticks: non-finite bounds give finite ticks");
	chart_nice_ticks(0, 0.037, 4, &t);
	is_double_rel(t.step, 0.01, 1e-12, "ticks: 0..3.7%% by 4 steps by 1%%");
	chart_nice_ticks(0, 0.11, 5, &t);
	is_double_rel(t.step, 0.025, 1e-12, "ticks: 0..11%% by 5 steps by 2.5%%");
	is_str(chart_fmt_tick(chart_tick_at(&t, 1), t.step, 1, buf, sizeof buf), "2.5%",
	       "ticks: a 2.5%% step prints one decimal");
	is_str(chart_fmt_tick(chart_tick_at(&t, 2), t.step, 1, buf, sizeof buf), "5.0%",
	       "ticks: every tick of a 2.5%% step has the same decimals");

	double lo = 0.4, hi = 2.3, v[16];
	size_t n = chart_log_ticks(&lo, &hi, v, 16);
	is_int((long long)n, 5, "log ticks: 0.4..2.3 has 5 powers of two");
	is_double_rel(v[0], 0.25, 1e-12, "log ticks: 0.4..2.3 starts at 0.25");
	is_double_rel(v[4], 4, 1e-12, "log ticks: 0.4..2.3 ends at 4");
	lo = 0.01;
	hi = 50;
	n = chart_log_ticks(&lo, &hi, v, 16);
	is_double_rel(v[1], 0.1, 1e-12, "log ticks: a wide range uses powers of 10");
	is_double_rel(hi, 100, 1e-12, "log ticks: 0.01..50 is widened to 100");
}

static void test_format(void)
{
	char buf[64];
	is_str(chart_fmt_count(12345, buf, sizeof buf), "12,345", "count: thousands separated");
	is_str(chart_fmt_count(999, buf, sizeof buf), "999", "count: 999 has no separator");
	is_str(chart_fmt_count(1000000, buf, sizeof buf), "1,000,000", "count: a million");
	is_str(chart_fmt_count(NAN, buf, sizeof buf), "", "count: NaN prints nothing");
	is_str(chart_fmt_ratio_ci(1.85, 1.52, 2.25, buf, sizeof buf), "1.85 (1.52-2.25)",
	       "ratio: estimate and interval with two decimals");
	is_str(chart_fmt_ratio_ci(12.345, 0, INFINITY, buf, sizeof buf), "12.3 (0-inf)",
	       "ratio: zero and infinite bounds print as 0 and inf");
	is_str(chart_fmt_ratio_ci(0.12, 0.001, 19.4, buf, sizeof buf), "0.12 (<0.01-19.4)",
	       "ratio: a bound below 0.005 is '<0.01', as the coefficient table writes it");
}

static void test_styles(void)
{
	chart_style s[6];
	for (size_t i = 0; i < 6; i++)
		chart_style_of(i, &s[i]);
	double worst = 1;
	for (size_t i = 0; i < 4; i++)
		for (size_t j = i + 1; j < 4; j++)
			worst = fmin(worst, fabs(chart_lightness(s[i].color)
			                         - chart_lightness(s[j].color)));
	ok(worst >= 0.12, "styles: the first 4 series differ in grayscale lightness by >= 0.12 "
	   "(worst pair %.3f)", worst);
	int dashes = 1, marks = 1;
	for (size_t i = 0; i < 4; i++)
		for (size_t j = i + 1; j < 4; j++) {
			if (s[i].ndash == s[j].ndash
			    && memcmp(s[i].dash, s[j].dash, sizeof s[i].dash) == 0)
				dashes = 0;
			if (s[i].mark == s[j].mark)
				marks = 0;
		}
	ok(dashes, "styles: the first 4 series have different dash patterns");
	ok(marks, "styles: the first 4 series have different markers");
	int lighter = 1;
	for (size_t i = 0; i < 6; i++)
		lighter &= chart_lightness(s[i].band) > chart_lightness(s[i].color) + 0.15
		           && chart_lightness(s[i].band) > 0.8;
	ok(lighter, "styles: bands are light tints of their line colour");
	chart_style a, b;
	chart_style_of(1, &a);
	chart_style_of(7, &b);
	ok(memcmp(&a, &b, sizeof a) == 0, "styles: the palette cycles");
	ok(chart_lightness(chart_heat_color(0)) > 0.9 && chart_lightness(chart_heat_color(1)) < 0.25,
	   "heat ramp: light at 0%%, dark at 100%%");
	int mono = 1;
	for (int k = 1; k <= 20; k++)
		mono &= chart_lightness(chart_heat_color(k / 20.0))
		        < chart_lightness(chart_heat_color((k - 1) / 20.0));
	ok(mono, "heat ramp: lightness falls steadily (readable in grayscale)");
}

static void test_layout(void)
{
	chart_scale s = { 3, 3, 100, 200, 0 };
	is_double_abs(chart_scale_at(&s, 3), 150, 1e-12, "scale: lo == hi maps to the middle");
	chart_scale l = { 0.25, 4, 0, 100, 1 };
	is_double_abs(chart_scale_at(&l, 1), 50, 1e-9, "scale: log 0.25..4 puts 1 in the middle");
	is_double_abs(chart_scale_at(&l, 0), 50, 1e-9, "scale: log of 0 maps to the middle");

	chart_box b = { 40, 60, 300, 200 };
	chart_xy_layout L;
	ok(chart_xy_layout_of(b, 1, 11, 20, 14, 1, 1, 30, &L), "xy layout: 300x200 fits");
	ok(L.plot.x > b.x && L.plot.y > b.y && L.plot.x + L.plot.w <= b.x + b.w
	   && L.plot.y + L.plot.h <= b.y + b.h - 30, "xy layout: the plot is inside the box, "
	   "above the space kept below");
	ok(L.title_base <= L.legend_top && L.legend_top < L.plot.y
	   && L.xtick_base > L.plot.y + L.plot.h && L.xlabel_base > L.xtick_base
	   && L.xlabel_base <= L.below_top, "xy layout: title, legend, plot, ticks, label in order");
	chart_box tiny = { 0, 0, 50, 40 };
	ok(!chart_xy_layout_of(tiny, 1, 11, 20, 14, 1, 1, 0, &L), "xy layout: 50x40 does not fit");

	chart_pen p = chart_pen_of(NULL, NULL);
	chart_heat_opts o = { 0 };
	o.title = "Retention";
	o.corner = "Cohort";
	o.xlabel = "Months since signup";
	o.nsummary = 2;
	o.show_values = 1;
	chart_box hb = { 40, 60, 515, 330 };
	chart_heat_layout H;
	ok(chart_heat_layout_of(&p, hb, 42, 37, NULL, &o, &H), "heat layout: 40 cohorts + 2 fit");
	ok(H.grid.y + H.grid.h <= hb.y + hb.h && H.grid.x + H.grid.w <= hb.x + hb.w + 1e-9,
	   "heat layout: 42 rows x 37 columns stay inside the box");
	ok(H.row_h < 8 && H.label_size <= H.row_h / 0.72 + 1e-9,
	   "heat layout: rows and labels shrink for 42 rows (row %.1f pt)", H.row_h);
	ok(!H.show_text || H.size >= 4.5, "heat layout: cell text is never smaller than 4.5 pt");
	ok(chart_heat_layout_of(&p, hb, 12, 13, NULL, &o, &H) && H.show_text && H.show_pct,
	   "heat layout: 12 cohorts x 13 months print percentages");
	ok(H.row_h <= 14 && H.col_w <= 40, "heat layout: few rows do not make giant cells");
	chart_box flat = { 0, 0, 300, 20 };
	ok(!chart_heat_layout_of(&p, flat, 40, 12, NULL, &o, &H),
	   "heat layout: 40 rows do not fit in 20 points");

	is_int((long long)chart_bars_label_every(20, 10), 1, "bars: wide bars label every bar");
	is_int((long long)chart_bars_label_every(4, 10), 4, "bars: 4-pt bars label every 4th");
	is_int((long long)chart_bars_label_every(2.5, 10), 6, "bars: 2.5-pt bars label every 6th");
	is_int((long long)chart_bars_label_every(0, 10), 1, "bars: no pitch, no division by zero");
}

/* ---- Every chart inside its box ---- */

typedef void (*draw_fn)(chart_pen *p, chart_box b, int variant);

static const double km_t1[] = { 1, 2, 3, 5, 8, 12, 18, 24, 30, 36 };
static const double km_s1[] = { .95, .90, .86, .80, .74, .66, .58, .52, .47, .44 };
static const double km_l1[] = { .93, .87, .83, .76, .70, .61, .53, .46, .41, .37 };
static const double km_u1[] = { .97, .93, .89, .84, .78, .71, .63, .58, .53, .51 };
static const double km_t2[] = { 1, 3, 6, 9, 12, 24 };
static const double km_s2[] = { .97, .95, .93, .90, .88, .83 };
static const double km_l2[] = { .95, NAN, .90, .87, .84, .78 };
static const double km_u2[] = { .99, NAN, .96, .93, .92, .88 };
static const double risk_t[] = { 0, 6, 12, 18, 24, 30, 36 };
static const double risk1[] = { 12000, 9400, 7200, 5100, 3300, 1800, 420 };
static const double risk2[] = { 850, 800, 760, 700, 640, 0, 0 };

static void draw_km(chart_pen *p, chart_box b, int variant)
{
	chart_km_series s[2] = {
		{ "Monthly contract", 10, km_t1, km_s1, km_l1, km_u1, risk1, 30.0, 0 },
		{ "Annual contract with a very long name indeed", 6, km_t2, km_s2, km_l2, km_u2,
		  risk2, NAN, 0 },
	};
	chart_km_opts o = { "Retention by contract", "Months since signup", 0, risk_t, 7, 1,
	                    "Customers retained", 1, NULL };
	double zero_t[1] = { 0 }, zero_s[1] = { 1 };
	double nan_s[3] = { NAN, NAN, NAN };
	switch (variant) {
	case 0:
		chart_km_pen(p, b, s, 2, &o);
		break;
	case 1:   /* no series */
		chart_km_pen(p, b, s, 0, &o);
		break;
	case 2: { /* everything at time 0 */
		chart_km_series z = { "Only", 1, zero_t, zero_s, NULL, NULL, NULL, NAN, 0 };
		chart_km_pen(p, b, &z, 1, &o);
		break;
	}
	case 3: { /* all NaN */
		chart_km_series z = { "NaN", 3, km_t1, nan_s, NULL, NULL, NULL, NAN, 0 };
		chart_km_pen(p, b, &z, 1, NULL);
		break;
	}
	default:
		o.xmax = 12;   /* cut the curves at 12 months */
		chart_km_pen(p, b, s, 2, &o);
		break;
	}
}

static void draw_bars(chart_pen *p, chart_box b, int variant)
{
	double v[36];
	for (int i = 0; i < 36; i++)
		v[i] = 0.06 * exp(-i / 6.0) + 0.01;
	v[20] = NAN;
	chart_bars_opts o = { "Hazard by tenure month", "Tenure (months)", "Monthly hazard", 3,
	                      "First 90 days", 1, 0 };
	double zeros[5] = { 0, 0, 0, 0, 0 };
	double nans[2] = { NAN, NAN };
	switch (variant) {
	case 0:
		chart_bars_pen(p, b, v, NULL, 36, &o);
		break;
	case 1:
		chart_bars_pen(p, b, v, NULL, 0, &o);
		break;
	case 2:
		chart_bars_pen(p, b, zeros, NULL, 5, &o);
		break;
	case 3:
		chart_bars_pen(p, b, nans, NULL, 2, NULL);
		break;
	default:
		chart_bars_pen(p, b, v, NULL, 6, &o);
		break;
	}
}

static void draw_heat(chart_pen *p, chart_box b, int variant)
{
	enum { R = 40, C = 37 };
	static double v[R * C];
	static char labs[R][16], notes[R][16];
	const char *lp[R], *np[R];
	unsigned char thin[R];
	for (int i = 0; i < R; i++) {
		snprintf(labs[i], sizeof labs[i], "%d-%02d", 2022 + i / 12, i % 12 + 1);
		snprintf(notes[i], sizeof notes[i], "n=%d", 40 + 7 * i);
		lp[i] = labs[i];
		np[i] = notes[i];
		thin[i] = i % 9 == 4;
		for (int j = 0; j < C; j++)
			v[i * C + j] = j <= R - 1 - i ? 0.9 * exp(-j / 20.0) + 0.05 : NAN;
	}
	lp[R - 2] = "Mean";
	lp[R - 1] = "Kaplan-Meier";
	chart_heat_opts o = { "Logo retention by cohort", "Cohort", "Months since signup", NULL,
	                      np, thin, "fewer than 30 customers", 2, 1, 0 };
	switch (variant) {
	case 0:
		chart_heatmap_pen(p, b, v, R, C, lp, &o);
		break;
	case 1:
		chart_heatmap_pen(p, b, v, 0, C, lp, &o);
		break;
	case 2: {
		double nan1[4] = { NAN, NAN, NAN, NAN };
		chart_heatmap_pen(p, b, nan1, 2, 2, lp, NULL);
		break;
	}
	default:
		chart_heatmap_pen(p, b, v + (R - 12) * C, 12, 13, lp + R - 12, &o);
		break;
	}
}

static void draw_forest(chart_pen *p, chart_box b, int variant)
{
	const char *lab[] = { "Contract: monthly (vs annual)", "Plan: basic", "Seats (log)",
	                      "Region: Zürich", "Support tickets per month" };
	double est[] = { 1.85, 0.62, 1.02, 3.4, INFINITY };
	double lo[] = { 1.52, 0.41, 0.99, 0.0, 2.0 };
	double hi[] = { 2.25, 0.94, 1.05, INFINITY, INFINITY };
	chart_forest_opts o = { "Churn drivers", "Odds ratio (log scale)", "OR (95% CI)" };
	if (variant == 1)
		chart_forest_pen(p, b, lab, est, lo, hi, 0, &o);
	else if (variant == 2) {
		double nan1[1] = { NAN };
		chart_forest_pen(p, b, lab, nan1, nan1, nan1, 1, NULL);
	} else if (variant == 3) {
		/* A separated level: the whole interval far below the axis (Telco's
		 * two-year contract, OR 1.6e-8), and one far above it. */
		double e2[] = { 1.6e-8, 0.62, 4e7 }, l2[] = { 1e-9, 0.41, 1e6 },
		       h2[] = { 2e-7, 0.94, 1e9 };
		chart_forest_pen(p, b, lab, e2, l2, h2, 3, &o);
	} else
		chart_forest_pen(p, b, lab, est, lo, hi, 5, &o);
}

static void draw_calib(chart_pen *p, chart_box b, int variant)
{
	double pr[10], ob[10];
	for (int i = 0; i < 10; i++) {
		pr[i] = 0.01 + 0.03 * i;
		ob[i] = pr[i] * (0.9 + 0.02 * i);
	}
	double zero[3] = { 0, 0, 0 };
	if (variant == 1)
		chart_calibration_pen(p, b, pr, ob, 0, "Calibration");
	else if (variant == 2)
		chart_calibration_pen(p, b, zero, zero, 3, NULL);
	else
		chart_calibration_pen(p, b, pr, ob, 10, "Calibration");
}

static void draw_table(chart_pen *p, chart_box b, int variant)
{
	chart_col cols[3] = { { "Segment", 0, PDF_LEFT }, { "Customers", 60, PDF_RIGHT },
	                      { "Churn rate", 60, PDF_RIGHT } };
	const char *cells[] = { "Monthly contract in Zürich with a long name", "1,234", "3.1%",
	                        "Annual", "842", "1.2%", "台北 enterprise", "12", "0.0%" };
	chart_table_opts o = { 8, 0, 1, NULL };
	chart_table_pen(p, b, cols, 3, cells, variant == 1 ? 0 : 3, &o);
}

static const struct {
	const char *name;
	draw_fn fn;
	int variants;
} charts[] = {
	{ "km", draw_km, 5 },       { "bars", draw_bars, 5 },   { "heatmap", draw_heat, 4 },
	{ "forest", draw_forest, 4 }, { "calibration", draw_calib, 3 },
	{ "table", draw_table, 2 },
};

static void check_inside(pdf_doc *d, const char *how)
{
	static const chart_box boxes[] = {
		{ 40, 60, 515, 330 }, { 40, 60, 250, 180 }, { 10, 10, 160, 110 }, { 0, 0, 60, 45 },
	};
	for (size_t c = 0; c < sizeof charts / sizeof charts[0]; c++)
		for (size_t k = 0; k < sizeof boxes / sizeof boxes[0]; k++)
			for (int v = 0; v < charts[c].variants; v++) {
				chart_rec r;
				chart_rec_init(&r, boxes[k]);
				chart_pen p = chart_pen_of(d, &r);
				charts[c].fn(&p, boxes[k], v);
				if (!ok(r.outside == 0, "%s %s: variant %d stays inside %.0fx%.0f",
				        how, charts[c].name, v, boxes[k].w, boxes[k].h))
					diag("%zu of %zu items outside, first: %s", r.outside, r.items,
					     r.first_outside);
			}
}

static int draws(draw_fn fn, int variant, chart_box b, const char *text, int whole)
{
	chart_rec r;
	chart_rec_init(&r, b);
	chart_pen p = chart_pen_of(NULL, &r);
	fn(&p, b, variant);
	return whole ? chart_rec_has_text(&r, text) : chart_rec_contains(&r, text);
}

static void test_texts(void)
{
	chart_box b = { 40, 60, 515, 330 };
	ok(draws(draw_km, 1, b, "No data", 1), "km: no series draws No data");
	ok(draws(draw_km, 3, b, "No data", 1), "km: all-NaN survival draws No data");
	ok(draws(draw_km, 0, b, "Number at risk", 1), "km: the at-risk table has its title");
	ok(draws(draw_km, 0, b, "12,000", 1), "km: at-risk counts are printed with separators");
	ok(draws(draw_km, 0, b, "Monthly contract (median 30.0 mo)", 1),
	   "km: the legend gives the median");
	ok(draws(draw_km, 0, b, "(median not reached)", 0), "km: an unreached median is said so");
	ok(draws(draw_km, 0, b, "100%", 1) && draws(draw_km, 0, b, "40%", 1),
	   "km: the y axis is in percent");
	ok(!draws(draw_km, 2, b, "No data", 1), "km: a curve at time 0 only is still drawn");
	ok(draws(draw_bars, 1, b, "No data", 1), "bars: no bars draws No data");
	ok(draws(draw_bars, 3, b, "No data", 1), "bars: all-NaN bars draw No data");
	ok(draws(draw_bars, 0, b, "First 90 days", 1), "bars: the highlight has a legend");
	ok(draws(draw_bars, 4, b, "7.0%", 1), "bars: values are printed over wide bars");
	ok(draws(draw_bars, 2, b, "0.0%", 1), "bars: all-zero bars print 0.0%% over them");
	ok(draws(draw_heat, 1, b, "No data", 1), "heatmap: no rows draws No data");
	ok(draws(draw_heat, 2, b, "No data", 1), "heatmap: all-NaN cells draw No data");
	ok(draws(draw_heat, 3, b, "95%", 1), "heatmap: cells print percentages");
	ok(draws(draw_heat, 3, b, "2024-09\xe2\x80\xa0", 0), "heatmap: thin rows get a dagger");
	ok(draws(draw_heat, 3, b, "\xe2\x80\xa0 fewer than 30 customers", 1),
	   "heatmap: the dagger is explained");
	ok(draws(draw_heat, 0, b, "Kaplan-Meier", 1), "heatmap: the summary rows are labelled");
	ok(draws(draw_forest, 0, b, "1.85 (1.52-2.25)", 1), "forest: estimate and interval printed");
	ok(draws(draw_forest, 0, b, "3.40 (0-inf)", 1), "forest: open bounds print 0 and inf");
	ok(draws(draw_forest, 0, b, "OR (95% CI)", 1), "forest: the value column has its header");
	ok(draws(draw_forest, 0, b, "0.5", 1) && draws(draw_forest, 0, b, "1", 1),
	   "forest: log axis ticks 0.5 and 1");
	ok(draws(draw_forest, 1, b, "No data", 1), "forest: no terms draws No data");
	ok(draws(draw_forest, 2, b, "No data", 1), "forest: a NaN estimate only draws No data");
	ok(draws(draw_calib, 1, b, "No data", 1), "calibration: no deciles draws No data");
	ok(draws(draw_calib, 0, b, "Perfect calibration", 1), "calibration: the diagonal has a legend");
	ok(!draws(draw_calib, 2, b, "No data", 1), "calibration: all-zero rates still draw");
	ok(draws(draw_table, 1, b, "No data", 1), "table: no rows says No data");

	chart_pen p = chart_pen_of(NULL, NULL);
	chart_col cols[2] = { { "Name", 0, PDF_LEFT }, { "N", 40, PDF_RIGHT } };
	const char *cells[40];
	for (int i = 0; i < 40; i++)
		cells[i] = i % 2 ? "12" : "Zürich";
	chart_table_opts o = { 8, 0, 1, NULL };
	chart_box tb = { 0, 0, 200, 100 };
	size_t fit = (size_t)((100 - (8 * 1.6 + 1.5) - 0.6) / (8 * 1.6));
	is_int((long long)chart_table_pen(&p, tb, cols, 2, cells, 20, &o), (long long)fit,
	       "table: as many rows as fit are drawn and counted");
	is_int((long long)chart_table_pen(&p, tb, cols, 2, cells, 3, &o), 3,
	       "table: short tables draw every row");
	chart_box low = { 0, 0, 200, 10 };
	is_int((long long)chart_table_pen(&p, low, cols, 2, cells, 3, &o), 0,
	       "table: a box lower than two rows draws nothing");
	char buf[64];
	chart_pen_fit(&p, "Monthly contract in Zürich", PDF_REGULAR, 8, 50, buf, sizeof buf);
	ok(strstr(buf, "\xe2\x80\xa6") != NULL && chart_pen_text_width(&p, buf, PDF_REGULAR, 8) <= 50,
	   "fit: long text is shortened with an ellipsis to the width (%s)", buf);
}

/* ---- The executive summary's charts (chart_exec.h) ---- */

static const chart_step wf_cut[] = { { "New", 280000, "+280k" },
	                             { "Churned", -95000, "-95k" } };
static const chart_step wf_neg[] = { { "New", 20000, "+20k" },
	                             { "Churned", -150000, "-150k" },
	                             { "Contraction", -10000, "-10k" } };
static const chart_step wf_zero[] = { { "New", 0, "+0" },          { "Expansion", 0, "+0" },
	                              { "Contraction", 0, "-0" },  { "Churned", 0, "-0" },
	                              { "Reactivation", 0, "+0" } };
static const chart_step wf_one[] = { { "Churned", -95000, "-95k" } };
static const chart_step wf_long[] = {
	{ "New customers this quarter", 120000, "+$120,000.00" },
	{ "Expansion of existing accounts", 45000, "+$45,000.00" },
	{ "Contraction of existing accounts", -30000, "-$30,000.00" },
	{ "Churned customers (cancelled)", -80000, "-$80,000.00" },
	{ "Reactivated customers", NAN, "n/a" },
	{ "Other movements not classified", 5000, "+$5,000.00" },
};

/* Variant 0 is the bridge whose axis is cut above 0 (the zero line once
 * fell below the box there: it must sit at the cut axis' foot). */
static void draw_waterfall(chart_pen *p, chart_box b, int variant)
{
	chart_waterfall_data w = { "Start MRR", "$1.80M", 1800000, wf_cut, 2,
		                   "End MRR", "$2.00M", 2000000 };
	switch (variant) {
	case 1: /* a negative end */
		w = (chart_waterfall_data){ "Start MRR", "$100k", 100000, wf_neg, 3,
			                    "End MRR", "-$40k", -40000 };
		break;
	case 2: /* no movement */
		w = (chart_waterfall_data){ "Start MRR", "$50k", 50000, wf_zero, 5,
			                    "End MRR", "$50k", 50000 };
		break;
	case 3: /* one step */
		w.step = wf_one;
		w.nstep = 1;
		w.end = 1705000;
		break;
	case 4: /* long labels and amounts that stagger */
		w = (chart_waterfall_data){ "Monthly recurring revenue at start", "$1,234,567.89",
			                    1234567.89, wf_long, 6,
			                    "Monthly recurring revenue at end", "$1,294,567.89",
			                    1294567.89 };
		break;
	case 5: /* everything at 0 */
		w = (chart_waterfall_data){ "Start MRR", "$0", 0, wf_zero, 5, "End MRR", "$0", 0 };
		break;
	case 6: /* no start */
		w.start = NAN;
		break;
	default:
		break;
	}
	chart_waterfall_pen(p, b, &w);
}

static const double tr_12[] = { 812, 840, 901, 955, 990, 1010, 1100, 1180, 1201, 1250, 1301,
	                        1392 };
static const double tr_nan[] = { 0.031, NAN, 0.028, 0.035, NAN, NAN, 0.022, 0.041, NAN };
static const double tr_flat[] = { 500, 500, 500, 500, 500, 500 };
static const double tr_neg[] = { -120, 40, -300, 0, 250, -80, 0, 410 };
static const double tr_all_nan[] = { NAN, NAN, NAN };

static void draw_trend(chart_pen *p, chart_box b, int variant)
{
	chart_trend_tile t = { "Customers at end", "1,392", { "\xe2\x96\xb2 +91 vs 2026Q2",
		                                          "\xe2\x96\xb2 +580 vs 2025Q3" },
		               { 0, 0 }, tr_12, 12, "2025Q4", "2026Q3", variant % 2 };
	switch (variant / 2) {
	case 1: /* one point */
		t.y = tr_12 + 11;
		t.n = 1;
		t.change[0] = t.change[1] = NULL;
		break;
	case 2: /* NaN points: gaps, the last one NaN */
		t.y = tr_nan;
		t.n = 9;
		t.value = "n/a";
		t.bad[0] = 1;
		break;
	case 3: /* all equal */
		t.y = tr_flat;
		t.n = 6;
		break;
	case 4: /* signs mixed, zeros */
		t.y = tr_neg;
		t.n = 8;
		t.change[1] = "";
		break;
	case 5: /* long texts */
		t.title = "Monthly recurring revenue from customers on annual contracts";
		t.value = "$1,234,567,890.12";
		t.change[0] = "\xe2\x96\xbc -$123,456.78 (-9.1%) vs 2026Q2, significant at 5%";
		t.change[1] = "\xe2\x96\xbc -$234,567.89 (-16.0%) vs 2025Q3, a year before";
		t.bad[0] = t.bad[1] = 1;
		t.first = "2025-10 (October, first month)";
		t.last = "2026-09 (September, reporting month)";
		break;
	case 6: /* no finite point */
		t.y = tr_all_nan;
		t.n = 3;
		break;
	case 7: /* more points than drawn, no labels */
		t.n = 12;
		t.first = t.last = NULL;
		t.title = NULL;
		t.value = NULL;
		break;
	default:
		break;
	}
	chart_trend_pen(p, b, &t);
}

static void check_exec_inside(pdf_doc *d, const char *how)
{
	static const chart_box boxes[] = {
		{ 40, 60, 515, 200 }, { 40, 60, 250, 130 }, { 10, 10, 125, 95 }, { 10, 10, 90, 70 },
		{ 0, 0, 60, 45 },     { 0, 0, 30, 20 },     { 5, 5, 300, 60 },
	};
	static const struct {
		const char *name;
		draw_fn fn;
		int variants;
	} exec[] = { { "waterfall", draw_waterfall, 7 }, { "trend", draw_trend, 16 } };
	for (size_t c = 0; c < sizeof exec / sizeof exec[0]; c++)
		for (size_t k = 0; k < sizeof boxes / sizeof boxes[0]; k++)
			for (int v = 0; v < exec[c].variants; v++) {
				chart_rec r;
				chart_rec_init(&r, boxes[k]);
				chart_pen p = chart_pen_of(d, &r);
				exec[c].fn(&p, boxes[k], v);
				if (!ok(r.outside == 0, "%s %s: variant %d stays inside %.0fx%.0f",
				        how, exec[c].name, v, boxes[k].w, boxes[k].h))
					diag("%zu of %zu items outside, first: %s", r.outside, r.items,
					     r.first_outside);
			}
}

static void test_exec_texts(void)
{
	chart_box b = { 40, 60, 250, 130 }, tile = { 10, 10, 125, 95 };
	ok(draws(draw_waterfall, 0, b, "Churned", 1) && draws(draw_waterfall, 0, b, "-95k", 1),
	   "waterfall: each movement has its label and amount");
	ok(draws(draw_waterfall, 6, b, "No data", 1), "waterfall: no start draws No data");
	ok(draws(draw_waterfall, 1, b, "-$40k", 1), "waterfall: a negative end is printed");
	ok(draws(draw_waterfall, 4, b, "\xe2\x80\xa6", 0),
	   "waterfall: labels too long for two slots are shortened");
	ok(draws(draw_trend, 0, tile, "2025Q4", 1) && draws(draw_trend, 0, tile, "2026Q3", 1),
	   "trend: the first and last periods are labelled");
	ok(!draws(draw_trend, 2, tile, "2025Q4", 1) && draws(draw_trend, 2, tile, "2026Q3", 1),
	   "trend: one point has the last label only");
	ok(draws(draw_trend, 12, tile, "No data", 1), "trend: no finite point draws No data");
	ok(!draws(draw_trend, 10, tile, "2025-10 (October, first month)", 1),
	   "trend: a first label that would run into the last is left out");

	/* The cut bridge: its zero line is the foot of the axis, inside. */
	chart_rec r;
	chart_rec_init(&r, b);
	chart_pen p = chart_pen_of(NULL, &r);
	draw_waterfall(&p, b, 0);
	ok(r.y1 <= b.y + b.h, "waterfall: the cut bridge ends inside its box (%.1f <= %.1f)",
	   r.y1, b.y + b.h);
}

int main(void)
{
	test_ticks();
	test_format();
	test_styles();
	test_layout();
	test_texts();
	test_exec_texts();
	check_inside(NULL, "estimated widths:");
	check_exec_inside(NULL, "estimated widths:");
	pdf_doc *d = NULL;
	churn_err err;
	memset(&err, 0, sizeof err);
	if (pdf_doc_new(PDF_PAPER_A4, NULL, &d, &err) == CHURN_OK) {
		pdf_page_add(d);
		check_inside(d, "real widths:");
		check_exec_inside(d, "real widths:");
		ok(pdf_doc_status(d, &err) == CHURN_OK, "every chart drew without a PDF error (%s)",
		   err.msg);
	} else {
		skip(1, "no document: %s", err.msg);
	}
	pdf_doc_free(d);
	return done_testing();
}
