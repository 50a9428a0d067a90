/*
 * chart_style.c - the charts' colours (chart.h): the ink and accent
 * colours, the series palette with its dashes and markers, and colour
 * arithmetic (lightness, mixing).
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const pdf_rgb chart_ink = { 0.13, 0.13, 0.13 };
const pdf_rgb chart_text2 = { 0.33, 0.33, 0.33 };
const pdf_rgb chart_muted = { 0.70, 0.70, 0.70 };
const pdf_rgb chart_grid = { 0.87, 0.87, 0.87 };
const pdf_rgb chart_accent = { 0.08, 0.27, 0.55 };
const pdf_rgb chart_alert = { 0.78, 0.22, 0.12 };

static const pdf_rgb white = { 1, 1, 1 };

/*
 * The series palette.  Read in grayscale the first four differ in
 * lightness by at least 0.12 (0.15, 0.51, 0.37, 0.66), besides the dash and
 * the marker; the first two, the most common pair, by 0.36.
 */
static const struct {
	pdf_rgb color;
	double dash[4];
	size_t ndash;
	chart_mark mark;
} palette[] = {
	{ { 0.05, 0.16, 0.40 }, { 0, 0, 0, 0 }, 0, CHART_MARK_CIRCLE },
	{ { 0.85, 0.42, 0.05 }, { 5.0, 2.5, 0, 0 }, 2, CHART_MARK_SQUARE },
	{ { 0.10, 0.50, 0.40 }, { 1.5, 1.5, 0, 0 }, 2, CHART_MARK_TRIANGLE },
	{ { 0.45, 0.72, 0.90 }, { 6.0, 2.0, 1.5, 2.0 }, 4, CHART_MARK_DIAMOND },
	{ { 0.70, 0.12, 0.15 }, { 3.0, 1.5, 0, 0 }, 2, CHART_MARK_SQUARE },
	{ { 0.45, 0.45, 0.45 }, { 6.0, 2.0, 0, 0 }, 2, CHART_MARK_TRIANGLE },
};
#define NPALETTE (sizeof palette / sizeof palette[0])

void chart_style_of(size_t i, chart_style *out)
{
	size_t k = i % NPALETTE;
	memset(out, 0, sizeof *out);
	out->color = palette[k].color;
	out->band = chart_mix(palette[k].color, white, 0.82);
	memcpy(out->dash, palette[k].dash, sizeof out->dash);
	out->ndash = palette[k].ndash;
	out->mark = palette[k].mark;
}

double chart_lightness(pdf_rgb c)
{
	return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
}

pdf_rgb chart_mix(pdf_rgb a, pdf_rgb b, double t)
{
	pdf_rgb m = { a.r + t * (b.r - a.r), a.g + t * (b.g - a.g), a.b + t * (b.b - a.b) };
	return m;
}
