## src/survival: Kaplan-Meier, log-rank, hazard by tenure (owner: the
## survival stage; its JSON, text and CSV renderings are in src/output/).  Fixtures: tests/fixtures/survival/
## written by make_fixtures.R with R's survival package.
libchurnkit_a_SOURCES += include/churnkit/surv.h src/survival/surv_tab.h \
	src/survival/surv_sort.c src/survival/surv_prep.c src/survival/surv_groups.c \
	include/churnkit/km.h src/survival/km.c src/survival/km_summary.c \
	include/churnkit/logrank.h src/survival/logrank.c \
	include/churnkit/hazard.h src/survival/hazard.c \
	include/churnkit/surv_analysis.h src/survival/surv_analysis.c \
	include/churnkit/surv_run.h src/survival/surv_run.c
## The survival inputs (time, event, entry, weights, groups) built from a
## loaded table.
libchurnkit_a_SOURCES += src/survival/survdata.c include/churnkit/survdata.h

## A benchmark, not a test: 1M customers, two columns of 3 and 6 levels.
noinst_PROGRAMS += bench/bench_survival
bench_bench_survival_SOURCES = bench/bench_survival.c
bench_bench_survival_LDADD = $(CHURN_LIBS)

## Gray's test between groups for each churn reason (cmprsk::cuminc's
## Tests; piece "gray").  Fixtures: tests/fixtures/gray/ (make_gray.R).
libchurnkit_a_SOURCES += include/churnkit/gray.h src/survival/gray.c
## cuminc (issue 14 item 3): cumulative incidence of competing churn reasons
## (Aalen-Johansen with survfit's IJ standard error).  Fixtures:
## tests/fixtures/cuminc/ written by make_cuminc.R.
libchurnkit_a_SOURCES += include/churnkit/cuminc.h src/survival/cuminc_curve.h \
	src/survival/cuminc.c src/survival/cuminc_times.c
## The survival stage's competing risks (--reason): cumulative incidence
## and Gray's test per --by column (include/churnkit/surv_reasons.h).
libchurnkit_a_SOURCES += include/churnkit/surv_reasons.h src/survival/surv_reasons.c
