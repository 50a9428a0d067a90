## src/report: the PDF report (included by Makefile.am).  Each part keeps its
## sources and tests in its own fragment.
include src/report/pdf.mk
include src/report/chart.mk
include src/report/findings.mk
include src/report/pages.mk
