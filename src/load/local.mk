## src/load: the CSV loader, the column table, column mapping and validation.
libchurnkit_a_SOURCES += src/load/table.c include/churnkit/table.h \
	src/util/intern.c src/util/intern.h

check_PROGRAMS += tests/unit/test_table
TESTS += tests/unit/test_table
tests_unit_test_table_SOURCES = tests/unit/test_table.c
tests_unit_test_table_LDADD = $(TEST_LIBS)

libchurnkit_a_SOURCES += src/load/load.c src/load/loadrow.c src/load/rowcheck.c src/load/datecol.c src/load/datecol.h src/load/loader.h \
	src/load/source.c include/churnkit/source.h \
	include/churnkit/load.h
libchurnkit_a_SOURCES += src/load/profile.c include/churnkit/profile.h

check_PROGRAMS += tests/unit/test_load
TESTS += tests/unit/test_load
tests_unit_test_load_SOURCES = tests/unit/test_load.c
tests_unit_test_load_LDADD = $(TEST_LIBS)
libchurnkit_a_SOURCES += src/load/survdata.c include/churnkit/survdata.h
check_PROGRAMS += tests/unit/test_survdata
TESTS += tests/unit/test_survdata
tests_unit_test_survdata_SOURCES = tests/unit/test_survdata.c
tests_unit_test_survdata_LDADD = $(TEST_LIBS)
## The --revenue file (revhist.c), owned with issue 4 (cohorts and KPIs).
libchurnkit_a_SOURCES += src/load/revhist.c include/churnkit/revhist.h
check_PROGRAMS += tests/unit/test_revhist
TESTS += tests/unit/test_revhist
tests_unit_test_revhist_SOURCES = tests/unit/test_revhist.c
tests_unit_test_revhist_LDADD = $(TEST_LIBS)
dist_noinst_DATA += tests/data/cohorts/customers.csv tests/data/cohorts/revenue_bad.csv \
	tests/data/cohorts/revenue_unknown.csv tests/data/cohorts/revenue_named.csv \
	tests/data/cohorts/revenue_position.csv tests/data/cohorts/revenue_two_columns.csv
## The read-once input (source.c).
check_PROGRAMS += tests/unit/test_source
TESTS += tests/unit/test_source
tests_unit_test_source_SOURCES = tests/unit/test_source.c
tests_unit_test_source_LDADD = $(TEST_LIBS)
