## src/load: the CSV loader, the column table, column mapping and validation.
libchurnkit_a_SOURCES += src/load/table.c include/churnkit/table.h \
	src/util/intern.c src/util/intern.h

libchurnkit_a_SOURCES += src/load/load.c src/load/loadrow.c src/load/rowcheck.c src/load/loader.h \
	src/load/source.c include/churnkit/source.h \
	include/churnkit/load.h
libchurnkit_a_SOURCES += src/load/profile.c include/churnkit/profile.h

libchurnkit_a_SOURCES += src/load/survdata.c include/churnkit/survdata.h
## The --revenue file (revhist.c), owned with issue 4 (cohorts and KPIs).
libchurnkit_a_SOURCES += src/load/revhist.c include/churnkit/revhist.h
