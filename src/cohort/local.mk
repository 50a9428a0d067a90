## src/cohort: monthly cohorts and retention triangles (cohort.c), period
## KPIs (kpi.c, kpi_period.c), MRR movements and cost of churn (revenue.c),
## (their JSON, plain-text and CSV renderings are in src/output/).  Fixtures: tests/fixtures/cohort/ (make_fixtures.R).
libchurnkit_a_SOURCES += \
	include/churnkit/cohort.h include/churnkit/kpi.h include/churnkit/revenue.h \
	src/cohort/cohort.c src/cohort/kpi.c src/cohort/kpi_period.c \
	src/cohort/kpi_private.h src/cohort/revenue.c \
	include/churnkit/cohort_run.h src/cohort/cohort_run.c

check_PROGRAMS += tests/unit/test_cohort tests/unit/test_kpi tests/unit/test_revenue
TESTS += tests/unit/test_cohort tests/unit/test_kpi tests/unit/test_revenue
tests_unit_test_cohort_SOURCES = tests/unit/test_cohort.c
tests_unit_test_cohort_LDADD = $(TEST_LIBS)
tests_unit_test_kpi_SOURCES = tests/unit/test_kpi.c
tests_unit_test_kpi_LDADD = $(TEST_LIBS)
tests_unit_test_revenue_SOURCES = tests/unit/test_revenue.c
tests_unit_test_revenue_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/unit/test_cohort_r tests/unit/test_cohort_output
TESTS += tests/unit/test_cohort_r tests/unit/test_cohort_output
tests_unit_test_cohort_r_SOURCES = tests/unit/test_cohort_r.c
tests_unit_test_cohort_r_LDADD = $(TEST_LIBS)
tests_unit_test_cohort_output_SOURCES = tests/unit/test_cohort_output.c
tests_unit_test_cohort_output_LDADD = $(TEST_LIBS)
dist_noinst_DATA += tests/fixtures/cohort/customers.csv \
	tests/fixtures/cohort/expected_triangles.csv tests/fixtures/cohort/expected_means.csv \
	tests/fixtures/cohort/expected_kpis.csv tests/fixtures/cohort/expected_change.csv \
	tests/fixtures/cohort/revenue.csv tests/fixtures/cohort/expected_revenue.csv \
	tests/fixtures/cohort/expected_cost.csv
EXTRA_DIST += tests/fixtures/cohort/make_fixtures.R

## Benchmark (not a test): bench/bench_cohort [N].
noinst_PROGRAMS += bench/bench_cohort
bench_bench_cohort_SOURCES = bench/bench_cohort.c
bench_bench_cohort_LDADD = $(CHURN_LIBS)

## churnkit cohorts end to end (tests/cli/cohorts.sh; needs tests/jsonget).
TESTS += tests/cli/cohorts.sh
EXTRA_DIST += tests/cli/cohorts.sh
dist_noinst_DATA += tests/fixtures/cohort/sample_expected.csv \
	tests/data/cohorts/revenue_good.csv tests/data/cohorts/revenue_bad.stderr \
	tests/data/cohorts/revenue_bad.rejects \
	tests/data/cohorts/revenue_unknown.stderr \
	tests/data/cohorts/revenue_after_churn.csv

## The stage's runner from C (tests/unit/test_cohort_run.c).
check_PROGRAMS += tests/unit/test_cohort_run
TESTS += tests/unit/test_cohort_run
tests_unit_test_cohort_run_SOURCES = tests/unit/test_cohort_run.c
tests_unit_test_cohort_run_LDADD = $(TEST_LIBS)
