## src/cohort: monthly cohorts and retention triangles (cohort.c), period
## KPIs (kpi.c, kpi_period.c), MRR movements and cost of churn (revenue.c),
## (their JSON, plain-text and CSV renderings are in src/output/).  Fixtures: tests/fixtures/cohort/ (make_fixtures.R).
libchurnkit_a_SOURCES += \
	include/churnkit/cohort.h include/churnkit/kpi.h include/churnkit/revenue.h \
	src/cohort/cohort.c src/cohort/kpi.c src/cohort/kpi_period.c \
	src/cohort/kpi_private.h src/cohort/revenue.c \
	include/churnkit/cohort_run.h src/cohort/cohort_run.c
# layout: net revenue retention by cohort from the revenue history
libchurnkit_a_SOURCES += include/churnkit/cohort_revenue.h src/cohort/cohort_revenue.c

## Benchmark (not a test): bench/bench_cohort [N].
noinst_PROGRAMS += bench/bench_cohort
bench_bench_cohort_SOURCES = bench/bench_cohort.c
bench_bench_cohort_LDADD = $(CHURN_LIBS)
# reasons (issue 14 items 1-2): churned customers and MRR per churn reason
libchurnkit_a_SOURCES += include/churnkit/reasons.h src/cohort/reasons.c
