## tests/fuzz: libFuzzer harnesses, built only by `./configure --enable-fuzz`
## (CC=clang; see tests/fuzz/run.sh).  The sources are distributed either way.
## A new harness: add tests/fuzz/fuzz_NAME.c below (FUZZ_PROGS, _SOURCES,
## _LDADD, _LDFLAGS) and its seed folders in run.sh's seeds().
FUZZ_PROGS = tests/fuzz/fuzz_load tests/fuzz/fuzz_revenue tests/fuzz/fuzz_config \
	tests/fuzz/fuzz_csvscan
FUZZ_LINK = $(AM_LDFLAGS) -fsanitize=fuzzer
if ENABLE_FUZZ
noinst_PROGRAMS += $(FUZZ_PROGS)
endif
tests_fuzz_fuzz_load_SOURCES = tests/fuzz/fuzz_load.c
tests_fuzz_fuzz_load_LDADD = $(CHURN_LIBS)
tests_fuzz_fuzz_load_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_revenue_SOURCES = tests/fuzz/fuzz_revenue.c
tests_fuzz_fuzz_revenue_LDADD = $(CHURN_LIBS)
tests_fuzz_fuzz_revenue_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz_config.c
tests_fuzz_fuzz_config_LDADD = $(CHURN_LIBS)
tests_fuzz_fuzz_config_LDFLAGS = $(FUZZ_LINK)
## the tokenizer against libcsv, as tests/unit/test_csvscan does
tests_fuzz_fuzz_csvscan_SOURCES = tests/fuzz/fuzz_csvscan.c tests/csvdiff.c tests/csvdiff.h
tests_fuzz_fuzz_csvscan_LDADD = $(CHURN_LIBS)
tests_fuzz_fuzz_csvscan_LDFLAGS = $(FUZZ_LINK)
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/README tests/fuzz/csv.dict
## `make fuzz-harnesses` builds only the harnesses (and the library), in a
## build configured with --enable-fuzz; .ci/run uses it.
fuzz-harnesses: $(FUZZ_PROGS)
.PHONY: fuzz-harnesses
EXTRA_DIST += tests/fuzz/regress/fuzz_load/empty tests/fuzz/regress/fuzz_revenue/empty \
	tests/fuzz/regress/fuzz_csvscan/empty
