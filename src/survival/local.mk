## src/survival: Kaplan-Meier, log-rank, hazard by tenure, and their JSON and
## text output (owner: the survival stage).  Fixtures: tests/fixtures/survival/
## written by make_fixtures.R with R's survival package.
libchurnkit_a_SOURCES += include/churnkit/surv.h src/survival/surv_tab.h \
	src/survival/surv_sort.c src/survival/surv_prep.c src/survival/surv_groups.c \
	include/churnkit/km.h src/survival/km.c src/survival/km_summary.c \
	include/churnkit/logrank.h src/survival/logrank.c \
	include/churnkit/hazard.h src/survival/hazard.c

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
