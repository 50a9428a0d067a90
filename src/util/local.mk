## src/util: errors, dates, numbers, string buffers.
libchurnkit_a_SOURCES += src/util/err.c include/churnkit/err.h

libchurnkit_a_SOURCES += src/util/date.c include/churnkit/date.h \
	src/util/datetime.c src/util/datedetect.c include/churnkit/datetime.h

libchurnkit_a_SOURCES += src/util/num.c include/churnkit/num.h
## p-values and percentages, one rule per medium (here, below findings and
## output, which both write them).
libchurnkit_a_SOURCES += src/util/fmtnum.c include/churnkit/fmtnum.h
libchurnkit_a_SOURCES += src/util/strbuf.c include/churnkit/strbuf.h

libchurnkit_a_SOURCES += src/util/outfile.c src/util/outguard.c src/util/outset_private.h \
	include/churnkit/outfile.h

libchurnkit_a_SOURCES += src/util/utf8.c include/churnkit/utf8.h

## CSV cells safe in a spreadsheet (sheet.h): the loader's rejects file and
## the output layer's CSVs both write them.
libchurnkit_a_SOURCES += src/util/sheet.c include/churnkit/sheet.h

libchurnkit_a_SOURCES += src/util/inifile.c include/churnkit/inifile.h

## The cap on a --by column's levels, shared by the survival and cohort
## stages and the command line (bylevels.h); tested through the stages.
libchurnkit_a_SOURCES += src/util/bylevels.c include/churnkit/bylevels.h

## perf (issue 15): opt-in per-stage timers (CHURNKIT_TIMING=1), owned by a
## command and passed down to the stages it runs.
libchurnkit_a_SOURCES += src/util/stagetime.c include/churnkit/stagetime.h
# xlsx (issue 16 item 4): where a run's tables go (--tables, --xlsx).
libchurnkit_a_SOURCES += include/churnkit/tabledest.h src/util/tabledest.c
## perf (issue 15): the radix sort and order-statistic selection that rank
## rows by a double as a stable qsort would (order.h).
libchurnkit_a_SOURCES += src/util/order.c include/churnkit/order.h
## perf (issue 15): "%.6f" and "%.15g" without printf for the scores file.
libchurnkit_a_SOURCES += src/util/numfast.c include/churnkit/numfast.h

## Huge-page hints for the large working arrays (memhint.h; issue 15: the
## page faults of first writes were most of the system time at 10M).
libchurnkit_a_SOURCES += src/util/memhint.c include/churnkit/memhint.h
