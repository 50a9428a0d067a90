## src/cli: the churnkit command (the only place that prints errors or exits).
bin_PROGRAMS += churnkit
churnkit_SOURCES = src/cli/main.c
churnkit_LDADD = $(CHURN_LIBS)
