## src/report/pdf/local.mk (included by src/report/local.mk): the drawing layer over
## libharu (its tests: tests/unit/local.mk, tests/pdf/local.mk).
libchurnkit_a_SOURCES += src/report/pdf/pdf.h src/report/pdf/pdf_internal.h \
	src/report/pdf/pdf_doc.c src/report/pdf/pdf_error.c \
	src/report/pdf/pdf_font.c src/report/pdf/pdf_font.h \
	src/report/pdf/pdf_draw.c src/report/pdf/pdf_show.c \
	src/report/pdf/pdf_text.c src/report/pdf/pdf_text.h
