## tests/pdf (included by tests/local.mk): the PDF layer's documents and
## their checks with poppler (each skips without poppler-utils).

# write_sample FILE.pdf: the sample document for the poppler checks.
check_PROGRAMS += tests/pdf/write_sample
tests_pdf_write_sample_SOURCES = tests/pdf/write_sample.c tests/pdf/sample.c \
	tests/pdf/sample.h
tests_pdf_write_sample_LDADD = $(TEST_LIBS)

# chart_demo FILE.pdf: every chart on sample-like data and on the edge
# cases, for tests/pdf/chart_text.sh and for looking at.
check_PROGRAMS += tests/pdf/chart_demo
tests_pdf_chart_demo_SOURCES = tests/pdf/chart_demo.c
tests_pdf_chart_demo_LDADD = $(TEST_LIBS)

# sample.sh: the poppler checks of the sample document; chart_text.sh: of the
# charts; hpdf_boundary.sh: libharu stays behind src/report/pdf (no HPDF_
# and no hpdf.h elsewhere).
pdf_tests = tests/pdf/sample.sh tests/pdf/chart_text.sh tests/pdf/hpdf_boundary.sh
TESTS += $(pdf_tests)
EXTRA_DIST += $(pdf_tests) tests/pdf/local.mk

# layout: the report's layout (revenue heatmap, overall survival curve, page fill).
TESTS += tests/pdf/layout.sh
EXTRA_DIST += tests/pdf/layout.sh

# rpage (issue 14): the page "Why customers leave" from a hand-built input
# (reasons_demo), read back by reasons.sh.
check_PROGRAMS += tests/pdf/reasons_demo
tests_pdf_reasons_demo_SOURCES = tests/pdf/reasons_demo.c
tests_pdf_reasons_demo_LDADD = $(TEST_LIBS)
TESTS += tests/pdf/reasons.sh
EXTRA_DIST += tests/pdf/reasons.sh
