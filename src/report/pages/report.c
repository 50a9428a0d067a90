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

/* The sections of the report in order, each drawn when the input has it. */
enum { SEC_SUMMARY, SEC_COHORTS, SEC_SURVIVAL, SEC_HAZARD, SEC_REASONS, SEC_DRIVERS, SEC_SEGMENTS,
       SEC_ACCOUNTS, SEC_APPENDIX, NSEC };
static const char *const sec_name[NSEC] = {
	"Executive summary", "Cohort retention", "Survival by segment", "When churn happens",
	"Why customers leave",
	"Churn drivers", "Value x risk segments", "At-risk accounts",
	"Appendix: method, definitions, data quality"
};

static int sec_drawn(const report_input *in, int k)
{
	switch (k) {
	case SEC_COHORTS: return in->cohorts != NULL;
	case SEC_SURVIVAL: return page_survival_count(in) > 0;
	case SEC_HAZARD: return in->surv && in->surv->hazard;
	case SEC_REASONS: return in->reasons != NULL;
	case SEC_DRIVERS: return in->lr != NULL;
	case SEC_SEGMENTS: case SEC_ACCOUNTS: return in->seg != NULL;
	default: return 1;
	}
}

#define REPORT_MAX_BEGUN 64  /* pages begun whose fill is adjusted (page.h) */

/* Draws the whole report into a new document *out, the cover's contents
 * numbered from start[k] (the first page of section k); start_drawn[k] gets
 * the page where section k really began.  A page may run onto a
 * continuation page (page_note), so the two can differ. */
static churn_status draw(const report_input *in, const size_t *start, size_t *start_drawn,
                         const double *squeeze, double *spill, size_t nsqueeze,
                         pdf_doc **out, churn_err *err)
{
	report_page_ctx c;
	pdf_doc *d = NULL;
	const char *contents[NSEC];
	size_t pages[NSEC], nc = 0;

	churn_status st = pdf_doc_new(in->letter ? PDF_PAPER_LETTER : PDF_PAPER_A4, NULL, &d, err);
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
	c.bottom = c.page_bottom = c.h - PAGE_MARGIN - 10;
	c.squeeze = squeeze;
	c.spill = spill;
	c.nsqueeze = nsqueeze;
	period_label(&c);
	pdf_doc_info(d, in->title, in->company, "Customer retention report");
	if (in->generated) {
		const int *g = in->generated_ymdhms;
		pdf_doc_created(d, g[0], g[1], g[2], g[3], g[4], g[5]);
	}
	for (int k = 0; k < NSEC; k++)
		if (sec_drawn(in, k)) {
			contents[nc] = sec_name[k];
			pages[nc++] = start[k];
		}
	page_cover(&c, contents, pages, nc);
	for (int k = 0; k < NSEC; k++) {
		if (!sec_drawn(in, k))
			continue;
		start_drawn[k] = pdf_page_count(d) + 1;
		switch (k) {
		case SEC_SUMMARY: page_summary(&c); break;
		case SEC_COHORTS: page_cohorts(&c); break;
		case SEC_SURVIVAL: page_survival(&c); break;
		case SEC_HAZARD: page_hazard(&c); break;
		case SEC_REASONS: page_reasons(&c); break;
		case SEC_DRIVERS: page_drivers(&c); break;
		case SEC_SEGMENTS: page_segments(&c); break;
		case SEC_ACCOUNTS: page_accounts(&c); break;
		default: page_appendix(&c); break;
		}
	}
	footers(&c);
	*out = d;
	return CHURN_OK;
}

churn_status report_render(const report_input *in, unsigned char **out, size_t *len,
                           size_t *npages, churn_err *err)
{
	pdf_doc *d = NULL;
	size_t plan[NSEC] = { 0 }, drawn[NSEC] = { 0 }, page = 2;

	*out = NULL;
	*len = 0;
	/* The plan: every section but the survival pages and the appendix is one
	 * page.  When a page ran on (a note that did not fit), the report is
	 * drawn again with the contents numbered as it came out. */
	for (int k = 0; k < NSEC; k++)
		if (sec_drawn(in, k)) {
			plan[k] = page;
			page += k == SEC_SURVIVAL ? page_survival_count(in) : 1;
		}
	/* Page fill: a page whose closing notes ran onto a continuation page
	 * (under a third of a page) is drawn again with its content's bottom
	 * raised by twice what ran on, up to four times, so that its charts
	 * shrink and the notes stay on it (page.h); the last drawing is kept. */
	double squeeze[REPORT_MAX_BEGUN] = { 0 }, spill[REPORT_MAX_BEGUN];
	double cap = 0;
	churn_status st = CHURN_OK;
	for (int pass = 0; pass < 8; pass++) {
		int again = 0;
		memset(spill, 0, sizeof spill);
		st = draw(in, plan, drawn, squeeze, spill, REPORT_MAX_BEGUN, &d, err);
		if (st != CHURN_OK)
			break;
		cap = (pdf_height(d) - 2 * PAGE_MARGIN - 10) / 3;
		for (size_t p = 0; pass < 4 && p < REPORT_MAX_BEGUN; p++)
			if (isfinite(spill[p]) && spill[p] > 0 && squeeze[p] + 2 * spill[p] <= cap) {
				squeeze[p] += 2 * spill[p];
				again = 1;
			}
		if (memcmp(plan, drawn, sizeof plan) != 0) {
			memcpy(plan, drawn, sizeof plan);
			again = 1;
		}
		if (!again || pass == 7)
			break;
		pdf_doc_free(d);
		d = NULL;
	}
	if (st != CHURN_OK)
		return st;
	if (npages)
		*npages = pdf_page_count(d);
	st = pdf_save(d, out, len, err);
	pdf_doc_free(d);
	return st;
}
