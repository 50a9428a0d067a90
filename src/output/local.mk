## src/output: every renderer.  The JSON number encoder and helpers, CSV
## cells, and each stage's JSON, plain-text and CSV renderings (the stage
## folders compute; the renderers read their results).
libchurnkit_a_SOURCES += \
	include/churnkit/surv_json.h src/output/surv_json.c \
	include/churnkit/surv_print.h src/output/surv_print.c \
	include/churnkit/surv_csv.h src/output/surv_csv.c \
	include/churnkit/cohort_output.h src/output/cohort_json.c \
	src/output/cohort_text.c src/output/cohort_csv.c \
	include/churnkit/model_json.h src/output/model_json.c src/output/model_print.c \
	src/output/model_csv.c \
	include/churnkit/tablecsv.h src/output/tablecsv.c \
	src/output/model_run_out.c src/output/surv_run_out.c src/output/cohort_run_out.c \
	src/output/segment_run_out.c
libchurnkit_a_SOURCES += src/output/jsonout.c include/churnkit/jsonout.h \
	src/output/profile_out.c
libchurnkit_a_SOURCES += src/output/sheet.c include/churnkit/sheet.h
check_PROGRAMS += tests/unit/test_sheet
TESTS += tests/unit/test_sheet
tests_unit_test_sheet_SOURCES = tests/unit/test_sheet.c
tests_unit_test_sheet_LDADD = $(TEST_LIBS)

libchurnkit_a_SOURCES += src/output/textpad.c include/churnkit/textpad.h
check_PROGRAMS += tests/unit/test_textpad
TESTS += tests/unit/test_textpad
tests_unit_test_textpad_SOURCES = tests/unit/test_textpad.c
tests_unit_test_textpad_LDADD = $(TEST_LIBS)

libchurnkit_a_SOURCES += src/output/tablename.c include/churnkit/tablename.h
check_PROGRAMS += tests/unit/test_tablename
TESTS += tests/unit/test_tablename
tests_unit_test_tablename_SOURCES = tests/unit/test_tablename.c
tests_unit_test_tablename_LDADD = $(TEST_LIBS)

## The output layer's rules as the commands show them.
TESTS += tests/cli/output.sh
EXTRA_DIST += tests/cli/output.sh
