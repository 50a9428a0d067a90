## src/report/chart/local.mk (included by src/report/local.mk): the charts and
## printed tables drawn on pdf.h (their tests: tests/unit/local.mk,
## tests/pdf/local.mk).
libchurnkit_a_SOURCES += src/report/chart/chart.h src/report/chart/chart_axis.h \
	src/report/chart/chart_style.c src/report/chart/chart_axis.c src/report/chart/chart_pen.c \
	src/report/chart/chart_layout.c \
	src/report/chart/chart_km.c src/report/chart/chart_bars.c src/report/chart/chart_heat.c \
	src/report/chart/chart_forest.c src/report/chart/chart_calib.c src/report/chart/chart_table.c
# The executive summary's trend tiles and MRR bridge (issue 13).
libchurnkit_a_SOURCES += src/report/chart/chart_exec.h src/report/chart/chart_trend.c \
	src/report/chart/chart_waterfall.c
# rpage (issue 14): stacked cumulative incidence by churn reason.
libchurnkit_a_SOURCES += src/report/chart/chart_stacked.h src/report/chart/chart_stacked.c
