## src/report/chart.mk (included by src/report/local.mk).
