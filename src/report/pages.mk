## src/report/pages.mk (included by src/report/local.mk).
