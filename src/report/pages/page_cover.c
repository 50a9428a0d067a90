/* page_cover.c - page 1: title, company, reporting period, data as of, and
 * the contents (page.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report/chart/chart.h"
#include "churnkit/table.h"
#include "report/pages/fmt.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"

void page_cover(report_page_ctx *c, const char *const *contents, const size_t *pages,
                size_t ncontents)
{
	const report_input *in = c->in;
	pdf_doc *d = c->d;
	double y = c->h * 0.22, x = c->left;
	char buf[512], a[32], b[32];

	pdf_page_add(d);
	pdf_outline_add(d, -1, in->title);
	pdf_fill_color(d, chart_accent);
	pdf_rect_fill(d, 0, 0, c->w, 10);
	pdf_rect_fill(d, x, y - 40, 60, 5);

	if (in->company && *in->company) {
		pdf_text(d, x, y - 10, in->company, PDF_BOLD, 13, PDF_LEFT, chart_text2);
		y += 8;
	}
	/* The title in at most three lines: smaller type for a long one, and
	 * shortened with "…" if even that is not enough. */
	double ts = 28;
	while (ts > 14 && pdf_paragraph(d, x, y, c->right - x, in->title, PDF_BOLD, ts, ts * 1.2,
	                                chart_ink, 0) > 3 * ts * 1.2 + 0.5)
		ts -= 2;
	char title[1024];
	snprintf(title, sizeof title, "%s", in->title);
	while (pdf_paragraph(d, x, y, c->right - x, title, PDF_BOLD, ts, ts * 1.2, chart_ink, 0) >
	       3 * ts * 1.2 + 0.5) {
		/* Drop the last word (at least one character) and add "…". */
		size_t n = strlen(title);
		char *cut = n > 4 ? strrchr(title, ' ') : NULL;
		if (cut == NULL || cut == title)
			break;
		snprintf(cut, (size_t)(title + sizeof title - cut), "\xE2\x80\xA6");
	}
	y += pdf_paragraph(d, x, y, c->right - x, title, PDF_BOLD, ts, ts * 1.2, chart_ink, 1);
	y += 18;

	if (c->period[0]) {
		snprintf(buf, sizeof buf, "Reporting period: %s", c->period);
		pdf_text(d, x, y + 13, buf, PDF_REGULAR, 13, PDF_LEFT, chart_ink);
		y += 22;
	}
	if (in->as_of != TABLE_DATE_NA) {
		snprintf(buf, sizeof buf, "Data as of %s", fmt_day(in->as_of, a, sizeof a));
		pdf_text(d, x, y + 13, buf, PDF_REGULAR, 13, PDF_LEFT, chart_ink);
		y += 22;
	}
	if (in->load) {
		if (in->weight_name) {  /* customers by the weights, and the rows they are in */
			char r[32];
			snprintf(buf, sizeof buf, "%s customers (%s rows, weighted) from %s",
			         fmt_count(in->customers, a, sizeof a),
			         fmt_count((double)in->load->t->nrows, r, sizeof r), in->input_name);
		} else
			snprintf(buf, sizeof buf, "%s customers from %s",
			         fmt_count((double)in->load->t->nrows, a, sizeof a),
			         in->input_name);
		char fit[512];
		pdf_fit_text(d, buf, PDF_REGULAR, 10, c->right - x, fit, sizeof fit);
		pdf_text(d, x, y + 10, fit, PDF_REGULAR, 10, PDF_LEFT, chart_text2);
		y += 16;
	}
	if (in->generated) {
		snprintf(buf, sizeof buf, "Generated %s", in->generated);
		pdf_text(d, x, y + 10, buf, PDF_REGULAR, 10, PDF_LEFT, chart_text2);
		y += 16;
	}

	/* Contents with dotted leaders, below whatever the title took. */
	y = y + 40 > c->h * 0.55 ? y + 40 : c->h * 0.55;
	pdf_text(d, x, y, "Contents", PDF_BOLD, PAGE_H2, PDF_LEFT, chart_ink);
	y += 22;
	for (size_t i = 0; i < ncontents; i++) {
		double tw = pdf_text_width(d, contents[i], PDF_REGULAR, 11);
		snprintf(b, sizeof b, "%zu", pages[i]);
		double pw = pdf_text_width(d, b, PDF_REGULAR, 11);
		pdf_text(d, x, y, contents[i], PDF_REGULAR, 11, PDF_LEFT, chart_ink);
		pdf_text(d, c->right, y, b, PDF_REGULAR, 11, PDF_RIGHT, chart_ink);
		pdf_stroke_color(d, chart_grid);
		pdf_line_width(d, 0.8);
		double dots[2] = { 1, 3 };
		pdf_dash(d, dots, 2);
		pdf_line(d, x + tw + 6, y, c->right - pw - 6, y);
		pdf_dash(d, NULL, 0);
		y += 20;
	}
}
