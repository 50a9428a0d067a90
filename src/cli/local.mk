## src/cli: the churnkit command (the only place that prints errors or exits).
bin_PROGRAMS += churnkit
churnkit_SOURCES = src/cli/main.c src/cli/cmd.h src/cli/cmd_common.c \
	src/cli/cmd_check.c src/cli/cmd_pending.c \
	src/cli/options.c src/cli/options.h
churnkit_LDADD = $(CHURN_LIBS)
dist_man_MANS += src/cli/churnkit.1
churnkit_SOURCES += src/cli/cmd_cohorts.c
