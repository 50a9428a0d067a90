/*
 * pages.h - the report's pages, in report order (private to src/report/pages).
 *
 * Each page module (page_*.c) has one entry point that draws its page or
 * pages from the input with the helpers of page.h; report.c calls them in
 * order, then writes the footers ("Page 3 of 12") once the number of pages
 * is known.
 */
#ifndef CHURNKIT_REPORT_PAGES_H
#define CHURNKIT_REPORT_PAGES_H

#include <stddef.h>

#include "churnkit/report.h"
#include "report/pages/page.h"

/* The pages, in report order. */
void page_cover(report_page_ctx *c, const char *const *contents, const size_t *pages,
                size_t ncontents);
void page_summary(report_page_ctx *c);
void page_cohorts(report_page_ctx *c);
void page_survival(report_page_ctx *c);  /* one page per --by column (or all customers) */
void page_hazard(report_page_ctx *c);
void page_reasons(report_page_ctx *c);  /* why customers leave (issue 14) */
void page_drivers(report_page_ctx *c);
void page_segments(report_page_ctx *c);
void page_accounts(report_page_ctx *c);
void page_appendix(report_page_ctx *c);

/* How many pages each will draw (for the cover's contents); 0 = left out. */
size_t page_survival_count(const report_input *in);

#endif
