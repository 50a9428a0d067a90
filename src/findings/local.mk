## src/findings/local.mk (included by Makefile.am).
## The executive summary's findings: ranked sentences from the computed
## results (owner: the findings part).  Fixtures: tests/fixtures/findings/,
## written by make_findings.R with R's survival package.
libchurnkit_a_SOURCES += src/findings/findings.c src/findings/findings_kinds.h \
	src/findings/findings_common.c src/findings/findings_common.h \
	src/findings/findings_segments.c src/findings/findings_descriptive.c \
	src/findings/findings_drivers.c src/findings/findings_compare.c \
	src/findings/findings_compare.h include/churnkit/findings.h \
	src/findings/findings_run.c include/churnkit/findings_run.h

check_PROGRAMS += tests/unit/test_findings
TESTS += tests/unit/test_findings
tests_unit_test_findings_SOURCES = tests/unit/test_findings.c $(MODEL_FIXTURE_SRC)
tests_unit_test_findings_LDADD = $(TEST_LIBS)

dist_noinst_DATA += \
	tests/fixtures/findings/make_findings.R \
	tests/fixtures/findings/surv.csv \
	tests/fixtures/findings/surv.expect \
	tests/fixtures/findings/make_simpson.R \
	tests/fixtures/findings/simpson.csv \
	tests/fixtures/findings/simpson.expect \
	tests/fixtures/findings/make_telco.R \
	tests/fixtures/findings/telco.csv \
	tests/fixtures/findings/telco.expect \
	tests/fixtures/findings/make_telco_ipcw.R \
	tests/fixtures/findings/telco_ipcw.expect

## The driver findings end to end on a subset of IBM's Telco table
## (tests/cli/findings.sh; needs tests/jsonget).
TESTS += tests/cli/findings.sh
EXTRA_DIST += tests/cli/findings.sh docs/findings.md
