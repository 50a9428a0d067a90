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
## Their command-line tests (TAP) against R's numbers; the data and R's
## fixtures are made by tests/fixtures/model/make_fixtures.R (fixtures
## listed in src/model/local.mk).
model_cli_tests = tests/cli/model.sh tests/cli/model_errors.sh tests/cli/score.sh \
	tests/cli/horizon.sh tests/cli/coxph.sh
TESTS += $(model_cli_tests)
EXTRA_DIST += $(model_cli_tests) tests/cli/model_lib.sh
dist_noinst_DATA += tests/data/model/churn.csv tests/data/model/endometrial.csv \
	tests/data/model/entry_at_exit.csv tests/data/model/entry_at_exit.R \
	tests/data/model/ipcw_sep.csv tests/data/model/telco_ph.csv
## churnkit survival (issue 3).
churnkit_SOURCES += src/cli/cmd_survival.c
## churnkit report: the whole pipeline as a PDF; stage_opts turns the options
## into the stages' option structs (what it and churnkit score share).
churnkit_SOURCES += src/cli/cmd_report.c src/cli/stage_opts.c src/cli/stage_opts.h
## Its end-to-end test; R's reference numbers come from
## tests/fixtures/report/make_fixtures.R.
TESTS += tests/cli/report.sh
EXTRA_DIST += tests/cli/report.sh
dist_noinst_DATA += tests/fixtures/report/make_fixtures.R tests/fixtures/report/churn.stats.csv
