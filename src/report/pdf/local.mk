## src/report/pdf/local.mk (included by src/report/local.mk): the drawing layer over
## libharu, its unit test, and the poppler check of the PDF it writes.
libchurnkit_a_SOURCES += src/report/pdf/pdf.h src/report/pdf/pdf_internal.h \
	src/report/pdf/pdf_doc.c src/report/pdf/pdf_error.c \
	src/report/pdf/pdf_font.c src/report/pdf/pdf_font.h \
	src/report/pdf/pdf_draw.c src/report/pdf/pdf_show.c \
	src/report/pdf/pdf_text.c src/report/pdf/pdf_text.h

check_PROGRAMS += tests/unit/test_pdf
TESTS += tests/unit/test_pdf
tests_unit_test_pdf_SOURCES = tests/unit/test_pdf.c
tests_unit_test_pdf_LDADD = $(TEST_LIBS)
tests_unit_test_pdf_SOURCES += tests/pdf/sample.c tests/pdf/sample.h

# write_sample FILE.pdf: the sample document for the poppler checks.
check_PROGRAMS += tests/pdf/write_sample
tests_pdf_write_sample_SOURCES = tests/pdf/write_sample.c tests/pdf/sample.c \
	tests/pdf/sample.h
tests_pdf_write_sample_LDADD = $(TEST_LIBS)

# The poppler checks of the sample document (skip without poppler-utils).
TESTS += tests/pdf/sample.sh
EXTRA_DIST += tests/pdf/sample.sh

# libharu stays behind this folder: no HPDF_ and no hpdf.h elsewhere.
TESTS += tests/pdf/hpdf_boundary.sh
EXTRA_DIST += tests/pdf/hpdf_boundary.sh
