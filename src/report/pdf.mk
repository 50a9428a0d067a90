## src/report/pdf.mk (included by src/report/local.mk).
