## src/report/pages.mk (included by src/report/local.mk): the report's pages,
## its number formats and their tests.
libchurnkit_a_SOURCES += src/report/report.c include/churnkit/report.h \
	src/report/page.h src/report/page_cover.c src/report/page_summary.c \
	src/report/page_cohorts.c src/report/page_survival.c src/report/page_hazard.c \
	src/report/page_drivers.c src/report/page_segments.c src/report/page_appendix.c \
	src/report/page_ph.c \
	src/report/fmt.c src/report/fmt.h

check_PROGRAMS += tests/unit/test_fmt
TESTS += tests/unit/test_fmt
tests_unit_test_fmt_SOURCES = tests/unit/test_fmt.c
tests_unit_test_fmt_LDADD = $(TEST_LIBS)
