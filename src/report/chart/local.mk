## src/report/chart/local.mk (included by src/report/local.mk): the charts and
## printed tables drawn on pdf.h, their unit test, and the demo document
## the poppler check reads.
libchurnkit_a_SOURCES += src/report/chart/chart.h src/report/chart/chart_axis.h \
	src/report/chart/chart_style.c src/report/chart/chart_axis.c src/report/chart/chart_pen.c \
	src/report/chart/chart_layout.c \
	src/report/chart/chart_km.c src/report/chart/chart_bars.c src/report/chart/chart_heat.c \
	src/report/chart/chart_forest.c src/report/chart/chart_calib.c src/report/chart/chart_table.c

check_PROGRAMS += tests/unit/test_chart
TESTS += tests/unit/test_chart
tests_unit_test_chart_SOURCES = tests/unit/test_chart.c
tests_unit_test_chart_LDADD = $(TEST_LIBS)

# chart_demo FILE.pdf: every chart on sample-like data and on the edge
# cases, for tests/pdf/chart_text.sh and for looking at.
check_PROGRAMS += tests/pdf/chart_demo
tests_pdf_chart_demo_SOURCES = tests/pdf/chart_demo.c
tests_pdf_chart_demo_LDADD = $(TEST_LIBS)
TESTS += tests/pdf/chart_text.sh
EXTRA_DIST += tests/pdf/chart_text.sh
