/* test_km_overall.c - the overall (all customers) curve drawn with the
 * segment curves by chart_km: its style (near-black, long-dashed, no
 * marker, unlike every palette style) and its legend entry with its median. */
#include "report/chart/chart.h"
#include "report/chart/chart_axis.h"
#include "tap.h"

#include <math.h>
#include <string.h>

int main(void)
{
	static const double t[] = { 0, 6, 12, 24 }, seg[] = { 1, 0.8, 0.6, 0.4 },
	                    all[] = { 1, 0.85, 0.7, 0.45 };
	chart_km_series s[2];
	chart_style st, pal;

	memset(s, 0, sizeof s);
	s[0] = (chart_km_series){ .label = "monthly", .m = 4, .time = t, .surv = seg,
	                          .median = 15.0 };
	s[1] = (chart_km_series){ .label = "All customers", .m = 4, .time = t, .surv = all,
	                          .median = 20.0, .overall = 1 };
	chart_km_style_of(s, 0, &st);
	chart_style_of(0, &pal);
	ok(memcmp(&st, &pal, sizeof st) == 0, "a segment keeps its palette style");
	chart_km_style_of(s, 1, &st);
	ok(st.mark == CHART_MARK_NONE, "overall: no marker");
	ok(st.ndash == 2 && st.dash[0] > st.dash[1], "overall: a long dash");
	ok(chart_lightness(st.color) < 0.2, "overall: dark (lightness %.2f)",
	   chart_lightness(st.color));
	int differs = 1;
	for (size_t i = 0; i < 6; i++) {
		chart_style_of(i, &pal);
		if (pal.ndash == st.ndash && memcmp(pal.dash, st.dash, sizeof st.dash) == 0)
			differs = 0;
	}
	ok(differs, "overall: a dash no palette style has");

	chart_box b = { 40, 60, 515, 330 };
	chart_rec r;
	chart_rec_init(&r, b);
	chart_pen p = chart_pen_of(NULL, &r);
	chart_km_opts o = { .xlabel = "Months since signup", .median_legend = 1 };
	chart_km_pen(&p, b, s, 2, &o);
	ok(chart_rec_has_text(&r, "All customers (median 20.0 mo)"),
	   "the legend lists all customers with their median");
	ok(chart_rec_has_text(&r, "monthly (median 15.0 mo)"), "and the segment");
	return done_testing();
}
