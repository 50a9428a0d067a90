## src/cli: the churnkit command (the only place that prints errors or exits).
bin_PROGRAMS += churnkit
churnkit_SOURCES = src/cli/main.c src/cli/cmd.h src/cli/cmd_common.c \
	src/cli/cmd_parse.c src/cli/cmd_load.c src/cli/cmd_files.c src/cli/cmd_files.h \
	src/cli/cmd_tables.c src/cli/cmd_check.c \
	src/cli/options.c src/cli/options.h
churnkit_LDADD = $(CHURN_LIBS)
dist_man_MANS += src/cli/churnkit.1
churnkit_SOURCES += src/cli/cmd_cohorts.c
## churnkit model and churnkit score (issue 5); the model stage they and the
## report share is the library's (src/model/model_run.c).
churnkit_SOURCES += src/cli/cmd_model.c src/cli/cmd_score.c
## churnkit survival (issue 3).
churnkit_SOURCES += src/cli/cmd_survival.c
## churnkit report: the whole pipeline as a PDF; stage_opts turns the options
## into the stages' option structs (what it and churnkit score share).
churnkit_SOURCES += src/cli/cmd_report.c src/cli/stage_opts.c src/cli/stage_opts.h
## words (issue 13 item 6): --label / [labels] and --currency for the report.
churnkit_SOURCES += src/cli/report_words.c src/cli/report_words.h
## progress (issue 16 item 5): the progress line of a long run on stderr.
churnkit_SOURCES += src/cli/progress.c src/cli/progress.h
## install (issue 16 item 6): the report definitions go to $(reportsdir);
## the binary knows that folder (--config NAME, --help) and the man page's
## place from the configured prefix.
reportsdir = $(pkgdatadir)/reports
dist_reports_DATA = reports/quarterly.ini reports/executive.ini
churnkit_CPPFLAGS = $(AM_CPPFLAGS) -DCHURNKIT_REPORTS_DIR='"$(reportsdir)"' \
	-DCHURNKIT_MAN_PAGE='"$(mandir)/man1/churnkit.1"'
churnkit_SOURCES += src/cli/install_dirs.c src/cli/install_dirs.h
## pg (issue 16 item 1): --db reads through src/load/source_pg.c.
churnkit_LDADD += $(PQ_LIBS)
## pushdown (issue 16 item 2): --push-down, the counts from the database.
churnkit_SOURCES += src/cli/cmd_pushdown.c src/cli/cmd_pushdown.h
