## src/report/pages/local.mk (included by src/report/local.mk): the report's pages,
## its number formats (their tests: tests/unit/local.mk).
libchurnkit_a_SOURCES += src/report/pages/report.c include/churnkit/report.h \
	src/report/pages/page.h src/report/pages/pages.h src/report/pages/page_common.c \
	src/report/pages/page_cover.c src/report/pages/page_summary.c \
	src/report/pages/page_cohorts.c src/report/pages/page_survival.c src/report/pages/page_hazard.c \
	src/report/pages/page_drivers.c src/report/pages/page_segments.c src/report/pages/page_appendix.c \
	src/report/pages/page_ph.c \
	src/report/pages/fmt.c src/report/pages/fmt.h
## words (issue 13 item 6): columns, levels and terms by their labels.
libchurnkit_a_SOURCES += src/report/pages/names.c src/report/pages/names.h
# The executive summary's trend row and MRR bridge (issue 13).
libchurnkit_a_SOURCES += src/report/pages/summary_exec.h src/report/pages/summary_exec.c \
	src/report/pages/summary_findings.c
# rpage (issue 14): why customers leave.
libchurnkit_a_SOURCES += src/report/pages/page_reasons.c include/churnkit/report_reasons.h
