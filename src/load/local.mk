## src/load: the CSV loader, the column table, column mapping and validation.
libchurnkit_a_SOURCES += src/load/table.c include/churnkit/table.h \
	src/util/intern.c src/util/intern.h

libchurnkit_a_SOURCES += src/load/load.c src/load/sniff.c src/load/loadcheck.c \
	src/load/csvscan.c src/load/csvscan.h \
	src/load/loadrow.c src/load/asof.c src/load/rowcheck.c src/load/colbuild.c src/load/reject.c \
	src/load/hint.c src/load/datecol.c src/load/datecol.h src/load/flagseen.c src/load/loader.h \
	src/load/fieldread.c include/churnkit/fieldread.h \
	src/load/decode.c src/load/decode.h \
	src/load/source.c include/churnkit/source.h \
	include/churnkit/load.h
## --where and --rollup (issue 12): filters, and one customer from several rows.
libchurnkit_a_SOURCES += src/load/where.c src/load/rollup.c include/churnkit/rollup.h
libchurnkit_a_SOURCES += src/load/profile.c include/churnkit/profile.h

## The --revenue file (revhist.c), owned with issue 4 (cohorts and KPIs).
libchurnkit_a_SOURCES += src/load/revhist.c src/load/revhist_match.c \
	src/load/revhist_rejects.c src/load/revhist_wide.c src/load/revhist_wide.h \
	src/load/revhist_rows.h include/churnkit/revhist.h

## words (issue 13 item 6): the report's names of columns and levels.
libchurnkit_a_SOURCES += src/load/labels.c include/churnkit/labels.h
# reasons2 (issue 14): churn-reason level names, "unknown" against "(not given)".
libchurnkit_a_SOURCES += src/load/reason_names.c

## pg (issue 16 item 1): a PostgreSQL table or query as a source (libpq:
## linked by the churnkit binary only, $(PQ_LIBS) in src/cli/local.mk).
libchurnkit_a_SOURCES += src/load/source_pg.c include/churnkit/source_pg.h
## pushdown (issue 16 item 2): the survival counts computed by PostgreSQL.
libchurnkit_a_SOURCES += src/load/pushdown.c src/load/pushdown_sql.c \
	src/load/pushdown_sql.h src/load/pg_session.h include/churnkit/pushdown.h
## pushdown_model (issue 16 item 2): the logistic model's sums computed by PostgreSQL.
libchurnkit_a_SOURCES += src/load/pushdown_model.c src/load/pushdown_model_sums.c \
	src/load/pushdown_model_int.h include/churnkit/pushdown_model.h
