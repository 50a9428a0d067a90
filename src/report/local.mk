## src/report: the PDF report (included by Makefile.am), in three parts, each
## with its sources in its own fragment (the tests: tests/local.mk):
##   pdf/    the libharu boundary (the only files that call HPDF_*)
##   chart/  the charts and printed tables, drawn on pdf/pdf.h
##   pages/  the report's pages, its page plan and its number formats
## The findings the summary page prints are a stage of their own (src/findings).
include src/report/pdf/local.mk
include src/report/chart/local.mk
include src/report/pages/local.mk
## The report's input assembled from the stage runs (issue 11, arch1): the
## one file of the report above its pages (tests/structure/includes.sh).
libchurnkit_a_SOURCES += include/churnkit/report_input.h src/report/report_input.c
libchurnkit_a_SOURCES += include/churnkit/report_reasons_in.h src/report/report_reasons_in.c
