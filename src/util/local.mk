## src/util: errors, dates, numbers, string buffers.
libchurnkit_a_SOURCES += src/util/err.c include/churnkit/err.h

check_PROGRAMS += tests/unit/test_err
TESTS += tests/unit/test_err
tests_unit_test_err_SOURCES = tests/unit/test_err.c
tests_unit_test_err_LDADD = $(TEST_LIBS)

libchurnkit_a_SOURCES += src/util/date.c include/churnkit/date.h
check_PROGRAMS += tests/unit/test_date
TESTS += tests/unit/test_date
tests_unit_test_date_SOURCES = tests/unit/test_date.c
tests_unit_test_date_LDADD = $(TEST_LIBS)

libchurnkit_a_SOURCES += src/util/num.c include/churnkit/num.h
## p-values and percentages, one rule per medium (here, below findings and
## output, which both write them).
libchurnkit_a_SOURCES += src/util/fmtnum.c include/churnkit/fmtnum.h
libchurnkit_a_SOURCES += src/util/strbuf.c include/churnkit/strbuf.h
check_PROGRAMS += tests/unit/test_strbuf
TESTS += tests/unit/test_strbuf
tests_unit_test_strbuf_SOURCES = tests/unit/test_strbuf.c
tests_unit_test_strbuf_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/unit/test_fmtnum
TESTS += tests/unit/test_fmtnum
tests_unit_test_fmtnum_SOURCES = tests/unit/test_fmtnum.c
tests_unit_test_fmtnum_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/unit/test_num
TESTS += tests/unit/test_num
tests_unit_test_num_SOURCES = tests/unit/test_num.c
tests_unit_test_num_LDADD = $(TEST_LIBS)

libchurnkit_a_SOURCES += src/util/outfile.c src/util/outguard.c src/util/outset_private.h \
	include/churnkit/outfile.h
check_PROGRAMS += tests/unit/test_outfile
TESTS += tests/unit/test_outfile
tests_unit_test_outfile_SOURCES = tests/unit/test_outfile.c
tests_unit_test_outfile_LDADD = $(TEST_LIBS)

libchurnkit_a_SOURCES += src/util/utf8.c include/churnkit/utf8.h
check_PROGRAMS += tests/unit/test_utf8
TESTS += tests/unit/test_utf8
tests_unit_test_utf8_SOURCES = tests/unit/test_utf8.c
tests_unit_test_utf8_LDADD = $(TEST_LIBS)

libchurnkit_a_SOURCES += src/util/inifile.c include/churnkit/inifile.h
check_PROGRAMS += tests/unit/test_inifile
TESTS += tests/unit/test_inifile
tests_unit_test_inifile_SOURCES = tests/unit/test_inifile.c
tests_unit_test_inifile_LDADD = $(TEST_LIBS)
