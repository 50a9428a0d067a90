## src/output: JSON helpers and the plain-text and JSON renderings.
libchurnkit_a_SOURCES += src/output/jsonout.c include/churnkit/jsonout.h \
	src/output/profile_out.c
