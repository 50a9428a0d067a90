/* test_chart_stacked.c - the stacked cumulative incidence chart of the
 * reasons page (chart_stacked.h): kept inside boxes from 515 x 330 down to
 * 60 x 45, measured with the recorder (chart_axis.h), first with estimated
 * text widths, then with a real document; its legend, axes and "No data";
 * the bands' fills told apart in grey. */
#include "report/chart/chart_stacked.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Three reasons over 0..40 months, as a cumulative incidence would run. */
static const double times[] = { 1, 3, 6, 12, 18, 24, 30, 36, 40 };
static const double price[] = { 0.01, 0.03, 0.05, 0.09, 0.12, 0.15, 0.17, 0.19, 0.20 };
static const double pay[] = { 0.02, 0.04, 0.05, 0.06, 0.07, 0.08, 0.085, 0.09, 0.09 };
static const double comp[] = { 0, 0.01, NAN, 0.03, 0.05, 0.06, 0.07, 0.08, 0.08 };
static const double nans[] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
#define M (sizeof times / sizeof times[0])

static void draw(chart_pen *p, chart_box b, int variant)
{
	chart_stacked_series s[3] = { { "Price", price }, { "Payment failed", pay },
	                              { "Moved to a competitor", comp } };
	chart_stacked_opts o = { "Churned by reason", "Tenure (months)",
	                         "Customers who have left", 1 };
	switch (variant) {
	case 0: chart_stacked_pen(p, b, times, M, s, 3, &o); break;
	case 1: chart_stacked_pen(p, b, times, M, s, 0, &o); break;    /* no reason */
	case 2: s[0].est = s[1].est = s[2].est = nans;                  /* all NaN */
		chart_stacked_pen(p, b, times, M, s, 3, NULL); break;
	case 3: chart_stacked_pen(p, b, times, 1, s, 1, &o); break;    /* one step */
	default: {
		/* Many reasons with long labels. */
		chart_stacked_series many[9];
		for (size_t k = 0; k < 9; k++)
			many[k] = (chart_stacked_series){ "A rather long reason label given by CRM",
			                                  k % 2 ? pay : comp };
		chart_stacked_pen(p, b, times, M, many, 9, &o);
	}
	}
}

static void check_inside(pdf_doc *d, const char *how)
{
	static const chart_box boxes[] = {
		{ 40, 60, 515, 330 }, { 40, 60, 250, 180 }, { 10, 10, 160, 110 }, { 0, 0, 60, 45 },
	};
	for (size_t k = 0; k < sizeof boxes / sizeof boxes[0]; k++)
		for (int v = 0; v < 5; v++) {
			chart_rec r;
			chart_rec_init(&r, boxes[k]);
			chart_pen p = chart_pen_of(d, &r);
			draw(&p, boxes[k], v);
			if (!ok(r.outside == 0, "%s stacked: variant %d stays inside %.0fx%.0f", how, v,
			        boxes[k].w, boxes[k].h))
				diag("%zu of %zu items outside, first: %s", r.outside, r.items,
				     r.first_outside);
		}
}

static chart_rec rec_of(int variant, chart_box b)
{
	chart_rec r;
	chart_rec_init(&r, b);
	chart_pen p = chart_pen_of(NULL, &r);
	draw(&p, b, variant);
	return r;
}

static void test_texts(void)
{
	chart_box b = { 40, 60, 515, 330 };
	chart_rec r = rec_of(0, b);
	/* The legend gives each reason's share at the last time: 20%, 9%, 8%. */
	ok(chart_rec_has_text(&r, "Price 20.0%"), "stacked: the legend gives Price at 20.0%%");
	ok(chart_rec_has_text(&r, "Payment failed 9.0%"), "stacked: Payment failed at 9.0%%");
	ok(chart_rec_has_text(&r, "Moved to a competitor 8.0%"),
	   "stacked: a reason with a NaN step still ends at 8.0%%");
	/* The total is 37%: the y axis reaches a nice 40%. */
	ok(chart_rec_has_text(&r, "40%") && !chart_rec_has_text(&r, "50%"),
	   "stacked: the y axis runs to 40%% over a 37%% total");
	ok(chart_rec_has_text(&r, "36") && chart_rec_has_text(&r, "42"),
	   "stacked: month ticks 0, 6, ..., 42 over 40 months");
	ok(chart_rec_has_text(&r, "Tenure (months)"), "stacked: the x axis is in the time unit");
	ok(chart_rec_has_text(&r, "Customers who have left"), "stacked: the y axis title");
	/* The top of the ink: the title, then the plot starts at the 40% line. */
	r = rec_of(1, b);
	ok(chart_rec_has_text(&r, "No data"), "stacked: no reason draws No data");
	r = rec_of(2, b);
	ok(chart_rec_has_text(&r, "No data"), "stacked: all-NaN estimates draw No data");
	r = rec_of(3, b);
	ok(!chart_rec_has_text(&r, "No data") && chart_rec_has_text(&r, "Price 1.0%"),
	   "stacked: one step is drawn");
	/* A narrow box puts the legend above the plot, still complete. */
	chart_box nb = { 0, 0, 250, 180 };
	r = rec_of(0, nb);
	ok(chart_rec_contains(&r, "Price") && chart_rec_contains(&r, "Payment"),
	   "stacked: a narrow box keeps the legend");
}

static void test_fills(void)
{
	/* Bands told apart in grey print: adjacent lightness at least 0.09 apart
	 * for up to eight bands, darkest at the bottom. */
	for (size_t n = 2; n <= 8; n++) {
		double worst = 1;
		for (size_t i = 0; i + 1 < n; i++)
			worst = fmin(worst, chart_lightness(chart_stacked_fill(i + 1, n))
			                    - chart_lightness(chart_stacked_fill(i, n)));
		ok(worst >= 0.09, "stacked fills: %zu bands, lightness rises by >= 0.09 (%.3f)", n,
		   worst);
	}
}

int main(void)
{
	test_texts();
	test_fills();
	check_inside(NULL, "estimated widths:");
	pdf_doc *d = NULL;
	churn_err err;
	memset(&err, 0, sizeof err);
	if (pdf_doc_new(PDF_PAPER_A4, NULL, &d, &err) == CHURN_OK) {
		pdf_page_add(d);
		check_inside(d, "real widths:");
		ok(pdf_doc_status(d, &err) == CHURN_OK, "the chart drew without a PDF error (%s)",
		   err.msg);
	} else {
		skip(1, "no document: %s", err.msg);
	}
	pdf_doc_free(d);
	return done_testing();
}
