## src/model: design matrices, logistic (IRLS, Firth) and Cox fits, model
## validation, scoring helpers (the models' JSON, text and CSV renderings
## are in src/output/).
libchurnkit_a_SOURCES += \
	include/churnkit/model_run.h src/model/model_run.c src/model/model_run_outcome.h \
	src/model/model_run_outcome.c src/model/model_run_push.c src/model/model_run_cox.c \
	include/churnkit/design.h src/model/design.c src/model/design_terms.c \
	src/model/design_internal.h \
	src/model/colscan.h src/model/colscan.c src/model/cellmap.h src/model/cellmap.c \
	include/churnkit/logit.h src/model/logit.c \
	src/model/logit_internal.h src/model/logit_stats.c src/model/logit_cells.c \
	include/churnkit/firth.h src/model/firth.c \
	include/churnkit/cox.h src/model/cox.c \
	src/model/cox_internal.h src/model/cox_stats.c src/model/cox_baseline.c \
	src/model/cox_zph.c src/model/cox_cells.c src/model/cox_conc.c \
	include/churnkit/validate.h src/model/validate.c src/model/cv.c \
	include/churnkit/horizon.h src/model/horizon.c \
	include/churnkit/model_score.h src/model/model_score.c \
	include/churnkit/scores.h src/model/scores.c \
	include/churnkit/coeftab.h src/model/coeftab.c \
	include/churnkit/termtest.h src/model/termtest.c

## Timing of the logistic fit and cross-validation on 1M rows (not a test).
noinst_PROGRAMS += bench/bench_model
bench_bench_model_SOURCES = bench/bench_model.c
bench_bench_model_LDADD = $(CHURN_LIBS)

EXTRA_DIST += docs/proportional-hazards.md

## perf (issue 15): H0 for scoring by a table of whole days (cumhaz_days.h).
libchurnkit_a_SOURCES += src/model/cumhaz_days.h src/model/cumhaz_days.c
