## src/segment: sources and tests of this stage (included by Makefile.am).
## Value x risk segments with expected loss, the playbook per cell,
## incentives where they pay, and an action per scored customer
## (segment.h, recommend.h).  Reference numbers: tests/fixtures/segment/
## (make_fixtures.R).
libchurnkit_a_SOURCES += \
	include/churnkit/segment.h src/segment/segment.c \
	include/churnkit/recommend.h src/segment/recommend.c \
	include/churnkit/segment_run.h src/segment/segment_run.c

check_PROGRAMS += tests/unit/test_segment tests/unit/test_recommend \
	tests/unit/test_segment_run
TESTS += tests/unit/test_segment tests/unit/test_recommend tests/unit/test_segment_run
tests_unit_test_segment_run_SOURCES = tests/unit/test_segment_run.c
tests_unit_test_segment_run_LDADD = $(TEST_LIBS)
tests_unit_test_segment_SOURCES = tests/unit/test_segment.c
tests_unit_test_segment_LDADD = $(TEST_LIBS)
tests_unit_test_recommend_SOURCES = tests/unit/test_recommend.c
tests_unit_test_recommend_LDADD = $(TEST_LIBS)
dist_noinst_DATA += tests/fixtures/segment/customers.csv \
	tests/fixtures/segment/quantile_sets.csv tests/fixtures/segment/expected_quantiles.csv \
	tests/fixtures/segment/expected_customers.csv tests/fixtures/segment/expected_cells.csv \
	tests/fixtures/segment/expected_top.csv
EXTRA_DIST += tests/fixtures/segment/make_fixtures.R

## Rules the stages hold for every caller (the --by cap, revenue at risk,
## the previous period's cost of churn, "at risk"), from C.
check_PROGRAMS += tests/unit/test_stage_rules
TESTS += tests/unit/test_stage_rules
tests_unit_test_stage_rules_SOURCES = tests/unit/test_stage_rules.c
tests_unit_test_stage_rules_LDADD = $(TEST_LIBS)
