## src/report/findings.mk (included by src/report/local.mk).
