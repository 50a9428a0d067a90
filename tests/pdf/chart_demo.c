/*
 * chart_demo.c - draws every chart of chart.h on sample-like data, and on
 * the edge cases, into a PDF: `chart_demo FILE.pdf`.
 *
 * tests/pdf/chart_text.sh reads the text back with pdftotext; people look
 * at the pages (pdftoppm -png -r 60).  Each chart is also drawn through
 * the recorder (chart_axis.h) with the real fonts, and the program fails
 * (exit 1, naming the chart) when anything lands outside its box.  The
 * boxes are outlined in a faint colour so that one can see it on the page.
 */
#include "report/chart/chart.h"
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	pdf_doc *d;
	int bad;
} demo;

static const pdf_rgb faint = { 0.85, 0.90, 0.97 };

/* Outlines the box, draws through a recording pen, reports overflow. */
#define DRAW(dm, name, b, call)                                                     \
	do {                                                                        \
		chart_rec rec_;                                                     \
		chart_rec_init(&rec_, (b));                                         \
		chart_pen pen_ = chart_pen_of((dm)->d, &rec_);                      \
		chart_pen *p = &pen_;                                               \
		pdf_stroke_color((dm)->d, faint);                                   \
		pdf_line_width((dm)->d, 0.3);                                       \
		pdf_dash((dm)->d, NULL, 0);                                         \
		pdf_rect_stroke((dm)->d, (b).x - 1, (b).y - 1, (b).w + 2, (b).h + 2); \
		call;                                                               \
		if (rec_.outside > 0) {                                             \
			fprintf(stderr, "chart_demo: %s: %zu items outside the box, first: %s\n", \
			        (name), rec_.outside, rec_.first_outside);           \
			(dm)->bad = 1;                                              \
		}                                                                   \
	} while (0)

/* A Kaplan-Meier-like curve with monthly hazard h0 for 3 months, then h1. */
static void make_curve(double h0, double h1, size_t m, double n0, double *t, double *s,
                       double *lo, double *hi, double *median)
{
	double v = 1;
	*median = NAN;
	for (size_t i = 0; i < m; i++) {
		t[i] = (double)(i + 1);
		v *= 1 - (i < 3 ? h0 : h1);
		s[i] = v;
		double n = n0 * v;
		double se = sqrt(v * (1 - v) / n);
		lo[i] = fmax(0, v - 1.96 * se);
		hi[i] = fmin(1, v + 1.96 * se);
		if (isnan(*median) && v <= 0.5)
			*median = t[i];
	}
}

static void page_km(demo *dm, double W)
{
	enum { M = 37, NS = 3 };
	static double t[NS][M], s[NS][M], lo[NS][M], hi[NS][M], ar[NS][7];
	static const double risk_t[7] = { 0, 6, 12, 18, 24, 30, 36 };
	const double h[NS][2] = { { 0.09, 0.035 }, { 0.03, 0.012 }, { 0.05, 0.02 } };
	const double n0[NS] = { 1840, 962, 310 };
	const char *names[NS] = { "Monthly", "Annual", "Two-year (Zürich pilot)" };
	chart_km_series se[NS];
	for (int k = 0; k < NS; k++) {
		double med;
		make_curve(h[k][0], h[k][1], M, n0[k], t[k], s[k], lo[k], hi[k], &med);
		for (int j = 0; j < 7; j++)
			ar[k][j] = round(n0[k] * (j == 0 ? 1 : s[k][(int)risk_t[j] - 1]) * (1 - j * 0.09));
		se[k] = (chart_km_series){ names[k], M, t[k], s[k], lo[k], hi[k], ar[k], med, 0 };
	}
	chart_km_opts o = { "Customer survival by contract type", "Months since signup", 0,
	                    risk_t, 7, 1, "Customers retained", 1, NULL };
	pdf_page_add(dm->d);
	chart_box b1 = { 40, 40, W - 80, 380 };
	DRAW(dm, "km 3 series", b1, chart_km_pen(p, b1, se, NS, &o));
	chart_box b2 = { 40, 450, (W - 100) / 2, 230 };
	chart_km_opts o2 = o;
	o2.title = "Two series, no bands";
	o2.bands = 0;
	o2.median_legend = 0;
	DRAW(dm, "km 2 series", b2, chart_km_pen(p, b2, se, 2, &o2));
	chart_box b3 = { 60 + (W - 100) / 2, 450, (W - 100) / 2, 230 };
	DRAW(dm, "km no data", b3, chart_km_pen(p, b3, se, 0, &o2));
	chart_box b4 = { 40, 710, (W - 100) / 2, 100 };
	chart_km_opts o4 = o2;
	o4.title = "Small box";
	o4.ylabel = NULL;
	DRAW(dm, "km small", b4, chart_km_pen(p, b4, se, 1, &o4));
	chart_box b5 = { 60 + (W - 100) / 2, 710, (W - 100) / 2, 100 };
	double zt[1] = { 0 }, zs[1] = { 1 };
	chart_km_series z = { "All at time 0", 1, zt, zs, NULL, NULL, NULL, NAN, 0 };
	chart_km_opts o5 = o4;
	o5.title = "Degenerate: one point at 0";
	DRAW(dm, "km degenerate", b5, chart_km_pen(p, b5, &z, 1, &o5));
}

static void page_bars(demo *dm, double W)
{
	enum { N = 36 };
	double v[N];
	for (int i = 0; i < N; i++)
		v[i] = 0.085 * exp(-i / 2.5) + 0.014 + 0.004 * sin(i);
	chart_bars_opts o = { "When churn happens: monthly hazard by tenure",
	                      "Tenure (months)", "Hazard", 3, "First 90 days (38% of churn)", 1, 0 };
	pdf_page_add(dm->d);
	chart_box b1 = { 40, 40, W - 80, 260 };
	DRAW(dm, "bars 36", b1, chart_bars_pen(p, b1, v, NULL, N, &o));
	chart_box b2 = { 40, 330, (W - 100) / 2, 200 };
	const char *labs[8] = { "0-1", "1-2", "2-3", "3-6", "6-12", "12-24", "24-36", "36+" };
	double w[8] = { 0.12, 0.09, 0.07, 0.05, 0.035, 0.021, 0.012, 0.008 };
	chart_bars_opts o2 = o;
	o2.title = "Eight tenure bands";
	DRAW(dm, "bars 8", b2, chart_bars_pen(p, b2, w, labs, 8, &o2));
	chart_box b3 = { 60 + (W - 100) / 2, 330, (W - 100) / 2, 200 };
	double zeros[6] = { 0, 0, 0, 0, 0, 0 };
	o2.title = "All zero";
	DRAW(dm, "bars zero", b3, chart_bars_pen(p, b3, zeros, NULL, 6, &o2));
	chart_box b4 = { 40, 560, (W - 100) / 2, 150 };
	double nans[3] = { NAN, NAN, NAN };
	o2.title = "All NaN";
	DRAW(dm, "bars nan", b4, chart_bars_pen(p, b4, nans, NULL, 3, &o2));
	chart_box b5 = { 60 + (W - 100) / 2, 560, (W - 100) / 2, 150 };
	double many[120];
	for (int i = 0; i < 120; i++)
		many[i] = 0.03 * exp(-i / 30.0);
	o2.title = "120 months";
	o2.highlight = 3;
	DRAW(dm, "bars 120", b5, chart_bars_pen(p, b5, many, NULL, 120, &o2));
}

static void heat_data(size_t R, size_t C, double *v, char (*labs)[24], char (*notes)[24],
                      unsigned char *thin)
{
	for (size_t i = 0; i < R; i++) {
		size_t m = 2023 * 12 + i;
		snprintf(labs[i], 24, "%zu-%02zu", m / 12, m % 12 + 1);
		size_t n = 40 + (i * 37) % 230;
		if (i % 11 == 5)
			n = 18 + i % 10;
		snprintf(notes[i], 24, "n=%zu", n);
		thin[i] = n < 30;
		for (size_t j = 0; j < C; j++)
			v[i * C + j] = j + i < R ? (j == 0 ? 1.0 : 0.93 * exp(-(double)j / (14.0 + i % 5)) + 0.04)
			                         : NAN;
	}
	snprintf(labs[R - 2], 24, "Mean (size-weighted)");
	snprintf(labs[R - 1], 24, "Kaplan-Meier");
	notes[R - 2][0] = notes[R - 1][0] = '\0';
	thin[R - 2] = thin[R - 1] = 0;
	for (size_t j = 0; j < C; j++) {
		v[(R - 2) * C + j] = 0.92 * exp(-(double)j / 16.0) + 0.05;
		v[(R - 1) * C + j] = 0.90 * exp(-(double)j / 15.0) + 0.06;
	}
}

static void page_heat(demo *dm, double W, double H)
{
	enum { R = 42, C = 40 };
	static double v[R * C];
	static char labs[R][24], notes[R][24];
	static unsigned char thin[R];
	const char *lp[R], *np[R];
	heat_data(R, C, v, labs, notes, thin);
	for (int i = 0; i < R; i++) {
		lp[i] = labs[i];
		np[i] = notes[i];
	}
	chart_heat_opts o = { "Logo retention by signup cohort (40 cohorts)", "Cohort",
	                      "Months since signup", NULL, np, thin, "fewer than 30 customers", 2,
	                      1, 0.4 };
	pdf_page_add(dm->d);
	chart_box b1 = { 40, 40, W - 80, H - 80 };
	DRAW(dm, "heatmap 40", b1, chart_heatmap_pen(p, b1, v, R, C, lp, &o));

	pdf_page_add(dm->d);
	enum { R2 = 14, C2 = 13 };
	static double v2[R2 * C2];
	static char l2[R2][24], n2[R2][24];
	static unsigned char t2[R2];
	const char *lp2[R2], *np2[R2];
	heat_data(R2, C2, v2, l2, n2, t2);
	for (int i = 0; i < R2; i++) {
		lp2[i] = l2[i];
		np2[i] = n2[i];
	}
	chart_heat_opts o2 = o;
	o2.title = "Logo retention by signup cohort (12 cohorts)";
	o2.row_notes = np2;
	o2.thin = t2;
	chart_box b2 = { 40, 40, W - 80, 300 };
	DRAW(dm, "heatmap 12", b2, chart_heatmap_pen(p, b2, v2, R2, C2, lp2, &o2));
	chart_box b3 = { 40, 370, (W - 100) / 2, 180 };
	o2 = o;
	o2.title = "Small box, 40 cohorts";
	DRAW(dm, "heatmap small", b3, chart_heatmap_pen(p, b3, v, R, C, lp, &o2));
	chart_box b4 = { 60 + (W - 100) / 2, 370, (W - 100) / 2, 180 };
	o2.title = "Heatmap with no data";
	DRAW(dm, "heatmap empty", b4, chart_heatmap_pen(p, b4, v, 0, C, lp, &o2));
}

static void page_model(demo *dm, double W)
{
	const char *lab[] = { "Contract: monthly (vs annual)", "Plan: basic (vs pro)",
	                      "Seats (log)", "Region: Zürich", "Region: 台北",
	                      "Support tickets per month", "Discount at signup",
	                      "Payment: invoice (vs card)" };
	double est[] = { 1.85, 0.62, 0.97, 1.31, 2.4, 1.12, 0.81, INFINITY };
	double lo[] = { 1.52, 0.41, 0.91, 0.88, 0.0, 1.07, 0.66, 3.1 };
	double hi[] = { 2.25, 0.94, 1.04, 1.95, INFINITY, 1.18, 0.99, INFINITY };
	chart_forest_opts fo = { "Churn drivers: odds ratios", "Odds ratio (log scale)",
	                         "OR (95% CI)" };
	pdf_page_add(dm->d);
	chart_box b1 = { 40, 40, W - 80, 230 };
	DRAW(dm, "forest", b1, chart_forest_pen(p, b1, lab, est, lo, hi, 8, &fo));
	double pr[10], ob[10];
	for (int i = 0; i < 10; i++) {
		pr[i] = 0.012 + 0.021 * i + 0.002 * i * i;
		ob[i] = pr[i] * (0.85 + 0.03 * i);
	}
	chart_box b2 = { 40, 300, 250, 250 };
	DRAW(dm, "calibration", b2, chart_calibration_pen(p, b2, pr, ob, 10,
	                                                  "Calibration by decile"));
	chart_box b3 = { 320, 300, W - 360, 120 };
	fo.title = "Forest with no terms";
	DRAW(dm, "forest empty", b3, chart_forest_pen(p, b3, lab, est, lo, hi, 0, &fo));
	chart_box b4 = { 320, 440, W - 360, 110 };
	DRAW(dm, "calibration empty", b4, chart_calibration_pen(p, b4, pr, ob, 0,
	                                                        "Calibration, no deciles"));

	chart_col cols[5] = { { "Account", 0, PDF_LEFT }, { "Segment", 90, PDF_LEFT },
	                      { "MRR", 60, PDF_RIGHT }, { "Churn risk", 60, PDF_RIGHT },
	                      { "Expected loss", 80, PDF_RIGHT } };
	const char *cells[] = {
		"Müller Logistik GmbH, Zürich", "High value, high risk", "12,400", "41.2%", "5,109",
		"台北 Precision Instruments Co., Ltd. (Taipei)", "High value, high risk", "9,980",
		"37.5%", "3,743",
		"Kraków Software House", "Mid value", "3,120", "22.0%", "686",
		"São Paulo Retail", "Low value, high risk", "850", "55.1%", "468",
		"Acme", "Mid value", "2,200", "9.8%", "216",
		"Total", "", "28,550", "", "10,222",
	};
	unsigned char bold[6] = { 0, 0, 0, 0, 0, 1 };
	chart_table_opts to = { 8, 0, 1, bold };
	chart_box b5 = { 40, 580, W - 80, 120 };
	DRAW(dm, "table", b5, chart_table_pen(p, b5, cols, 5, cells, 6, &to));
	chart_box b6 = { 40, 720, W - 80, 60 };
	DRAW(dm, "table cut", b6, chart_table_pen(p, b6, cols, 5, cells, 6, &to));
	chart_box b7 = { 40, 790, W - 80, 40 };
	DRAW(dm, "table empty", b7, chart_table_pen(p, b7, cols, 5, cells, 0, &to));
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: chart_demo FILE.pdf\n");
		return 2;
	}
	churn_err err;
	memset(&err, 0, sizeof err);
	demo dm = { NULL, 0 };
	if (pdf_doc_new(PDF_PAPER_A4, NULL, &dm.d, &err) != CHURN_OK) {
		fprintf(stderr, "chart_demo: %s\n", err.msg);
		return 1;
	}
	double W = pdf_width(dm.d), H = pdf_height(dm.d);
	page_km(&dm, W);
	page_bars(&dm, W);
	page_heat(&dm, W, H);
	page_model(&dm, W);
	unsigned char *buf = NULL;
	size_t len = 0;
	int rc = 1;
	if (pdf_save(dm.d, &buf, &len, &err) != CHURN_OK) {
		fprintf(stderr, "chart_demo: %s\n", err.msg);
	} else {
		FILE *f = fopen(argv[1], "wb");
		if (f == NULL || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
			fprintf(stderr, "chart_demo: cannot write %s\n", argv[1]);
		else
			rc = dm.bad;
	}
	free(buf);
	pdf_doc_free(dm.d);
	return rc;
}
