/* report.c - the report's page plan and footers (report.h): it calls the
 * pages (pages.h) in order, then writes "Page 3 of 12" on each. */
#include "config.h"

#include "churnkit/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "churnkit/date.h"
#include "report/chart/chart.h"
#include "report/pages/fmt.h"
#include "report/pages/page.h"
#include "report/pages/pages.h"
#include "report/pdf/pdf.h"

/* "Page 3 of 12" and the report's name on every page but the cover. */
static void footers(report_page_ctx *c)
{
	size_t np = pdf_page_count(c->d);
	char left[400], right[64];

	snprintf(left, sizeof left, "%s%s%s%s%s", c->in->company ? c->in->company : "",
	         c->in->company ? " \xC2\xB7 " : "", c->in->title,
	         c->period[0] ? " \xC2\xB7 " : "", c->period[0] ? c->period : "");
	for (size_t i = 1; i < np; i++) {
		double y = c->h - PAGE_MARGIN + 22;
		char fit[400];
		pdf_page_select(c->d, i);
		pdf_stroke_color(c->d, chart_grid);
		pdf_line_width(c->d, 0.5);
		pdf_line(c->d, c->left, y - 10, c->right, y - 10);
		snprintf(right, sizeof right, "Page %zu of %zu", i + 1, np);
		pdf_fit_text(c->d, left, PDF_REGULAR, PAGE_SMALL,
		             c->right - c->left - pdf_text_width(c->d, right, PDF_REGULAR,
		                                                 PAGE_SMALL) - 20,
		             fit, sizeof fit);
		pdf_text(c->d, c->left, y, fit, PDF_REGULAR, PAGE_SMALL, PDF_LEFT, chart_text2);
		pdf_text(c->d, c->right, y, right, PDF_REGULAR, PAGE_SMALL, PDF_RIGHT, chart_text2);
	}
}

static void period_label(report_page_ctx *c)
{
	const kpi_result *k = c->in->kpi;
	char a[32], b[32];

	c->period[0] = '\0';
	if (!k || !k->change.has_current)
		return;
	snprintf(c->period, sizeof c->period, "%s (%s - %s)", k->change.current.label,
	         fmt_day(k->change.current.first_day, a, sizeof a),
	         fmt_day(k->change.current.last_day, b, sizeof b));
}

churn_status report_render(const report_input *in, unsigned char **out, size_t *len,
                           size_t *npages, churn_err *err)
{
	report_page_ctx c;
	pdf_doc *d = NULL;
	churn_status st;
	const char *contents[16];
	size_t pages[16], nc = 0, page = 2;

	*out = NULL;
	*len = 0;
	st = pdf_doc_new(in->letter ? PDF_PAPER_LETTER : PDF_PAPER_A4, NULL, &d, err);
	if (st != CHURN_OK)
		return st;
	memset(&c, 0, sizeof c);
	c.d = d;
	c.in = in;
	c.w = pdf_width(d);
	c.h = pdf_height(d);
	c.left = PAGE_MARGIN;
	c.right = c.w - PAGE_MARGIN;
	c.top = PAGE_MARGIN;
	c.bottom = c.h - PAGE_MARGIN - 10;
	period_label(&c);
	pdf_doc_info(d, in->title, in->company, "Customer retention report");
	if (in->generated) {
		const int *g = in->generated_ymdhms;
		pdf_doc_created(d, g[0], g[1], g[2], g[3], g[4], g[5]);
	}

	/* The page plan: every page but the survival pages and the appendix is
	 * one page, so the contents can be numbered before drawing. */
#define PLAN(name, n) do { if ((n) > 0) { contents[nc] = (name); pages[nc++] = page; \
	page += (n); } } while (0)
	PLAN("Executive summary", 1);
	PLAN("Cohort retention", in->cohorts ? 1 : 0);
	PLAN("Survival by segment", page_survival_count(in));
	PLAN("When churn happens", in->surv && in->surv->hazard ? 1 : 0);
	PLAN("Churn drivers", in->lr ? 1 : 0);
	PLAN("Value x risk segments", in->seg ? 1 : 0);
	PLAN("At-risk accounts", in->seg ? 1 : 0);
	PLAN("Appendix: method, definitions, data quality", 1);
#undef PLAN

	page_cover(&c, contents, pages, nc);
	page_summary(&c);
	if (in->cohorts)
		page_cohorts(&c);
	page_survival(&c);
	if (in->surv && in->surv->hazard)
		page_hazard(&c);
	if (in->lr)
		page_drivers(&c);
	if (in->seg) {
		page_segments(&c);
		page_accounts(&c);
	}
	page_appendix(&c);
	footers(&c);
	if (npages)
		*npages = pdf_page_count(d);

	st = pdf_save(d, out, len, err);
	pdf_doc_free(d);
	return st;
}
