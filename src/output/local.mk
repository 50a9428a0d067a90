## src/output: JSON helpers and the plain-text and JSON renderings.
libchurnkit_a_SOURCES += src/output/jsonout.c include/churnkit/jsonout.h \
	src/output/profile_out.c
libchurnkit_a_SOURCES += src/output/sheet.c include/churnkit/sheet.h

libchurnkit_a_SOURCES += src/output/textpad.c include/churnkit/textpad.h

libchurnkit_a_SOURCES += src/output/tablename.c include/churnkit/tablename.h
