## samples: the seeded sample-data generator and the committed sample tables.
## gen_samples links libchurnkit.a only for date.h and err.h.
noinst_PROGRAMS += samples/gen_samples
samples_gen_samples_SOURCES = samples/gen_samples.c samples/gen.c samples/gen.h
samples_gen_samples_LDADD = libchurnkit.a $(GSL_LIBS) $(LIBS)

dist_noinst_DATA += samples/README.md samples/customers.csv samples/revenue.csv \
	samples/customers_small.csv

check_PROGRAMS += tests/unit/test_gen_samples
TESTS += tests/unit/test_gen_samples
tests_unit_test_gen_samples_SOURCES = tests/unit/test_gen_samples.c samples/gen.c \
	samples/gen.h
tests_unit_test_gen_samples_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/samples
tests_unit_test_gen_samples_LDADD = $(TEST_LIBS)

TESTS += tests/samples/gen_cli.sh
EXTRA_DIST += tests/samples/gen_cli.sh
