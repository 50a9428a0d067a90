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

SURV_FIXTURE_SRC = tests/unit/test_surv_fixture.c tests/unit/test_surv_fixture.h

check_PROGRAMS += tests/unit/test_km
TESTS += tests/unit/test_km
tests_unit_test_km_SOURCES = tests/unit/test_km.c $(SURV_FIXTURE_SRC)
tests_unit_test_km_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/unit/test_logrank
TESTS += tests/unit/test_logrank
tests_unit_test_logrank_SOURCES = tests/unit/test_logrank.c $(SURV_FIXTURE_SRC)
tests_unit_test_logrank_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/unit/test_hazard
TESTS += tests/unit/test_hazard
tests_unit_test_hazard_SOURCES = tests/unit/test_hazard.c $(SURV_FIXTURE_SRC)
tests_unit_test_hazard_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/unit/test_surv_analysis
TESTS += tests/unit/test_surv_analysis
tests_unit_test_surv_analysis_SOURCES = tests/unit/test_surv_analysis.c \
	$(SURV_FIXTURE_SRC)
tests_unit_test_surv_analysis_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/unit/test_surv_prep
TESTS += tests/unit/test_surv_prep
tests_unit_test_surv_prep_SOURCES = tests/unit/test_surv_prep.c
tests_unit_test_surv_prep_LDADD = $(TEST_LIBS)

## A benchmark, not a test: 1M customers, two columns of 3 and 6 levels.
noinst_PROGRAMS += bench/bench_survival
bench_bench_survival_SOURCES = bench/bench_survival.c
bench_bench_survival_LDADD = $(CHURN_LIBS)

## The R fixtures the survival tests read (make_fixtures.R wrote them).
dist_noinst_DATA += \
	tests/fixtures/survival/aml.data \
	tests/fixtures/survival/aml.expect \
	tests/fixtures/survival/bigchisq.data \
	tests/fixtures/survival/bigchisq.expect \
	tests/fixtures/survival/colon.data \
	tests/fixtures/survival/colon.expect \
	tests/fixtures/survival/edge.data \
	tests/fixtures/survival/edge.expect \
	tests/fixtures/survival/edge_log.expect \
	tests/fixtures/survival/edge_plain.expect \
	tests/fixtures/survival/entry.data \
	tests/fixtures/survival/entry.expect \
	tests/fixtures/survival/entry_w.data \
	tests/fixtures/survival/entry_w.expect \
	tests/fixtures/survival/heart.data \
	tests/fixtures/survival/heart.expect \
	tests/fixtures/survival/lung.data \
	tests/fixtures/survival/lung.expect \
	tests/fixtures/survival/lung_log90.expect \
	tests/fixtures/survival/lung_plain.expect \
	tests/fixtures/survival/make_fixtures.R \
	tests/fixtures/survival/ovarian.data \
	tests/fixtures/survival/ovarian.expect \
	tests/fixtures/survival/timefix.data \
	tests/fixtures/survival/timefix.expect \
	tests/fixtures/survival/veteran.data \
	tests/fixtures/survival/veteran.expect \
	tests/fixtures/survival/wts.data \
	tests/fixtures/survival/wts.expect

## churnkit survival end to end (tests/cli/survival.sh; needs tests/jsonget),
## its data and the R values it compares with (make_fixtures.R wrote them;
## telco.csv is an extract of IBM's public Telco customer churn sample).
TESTS += tests/cli/survival.sh
EXTRA_DIST += tests/cli/survival.sh
dist_noinst_DATA += \
	tests/data/survival/dates.csv \
	tests/data/survival/durations.csv \
	tests/data/survival/telco.csv \
	tests/data/survival/cities.csv \
	tests/fixtures/survival/cli_dates.expect \
	tests/fixtures/survival/cli_dates_entry.expect \
	tests/fixtures/survival/cli_dates_log.expect \
	tests/fixtures/survival/cli_dates_plain_rho1.expect \
	tests/fixtures/survival/cli_durations.expect \
	tests/fixtures/survival/cli_telco.expect

## The stage's runner from C (tests/unit/test_surv_run.c).
check_PROGRAMS += tests/unit/test_surv_run
TESTS += tests/unit/test_surv_run
tests_unit_test_surv_run_SOURCES = tests/unit/test_surv_run.c
tests_unit_test_surv_run_LDADD = $(TEST_LIBS)
