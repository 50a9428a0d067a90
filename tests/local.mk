## tests (included by Makefile.am): what the tests share, and one fragment
## per folder of tests.

# jsonget FILE PATH...: prints values from churnkit's JSON for the shell tests.
check_PROGRAMS += tests/jsonget
tests_jsonget_SOURCES = tests/jsonget.c
tests_jsonget_LDADD = $(JSONC_LIBS)

# tests/lib.sh: what the shell tests share.
EXTRA_DIST += tests/lib.sh

include tests/unit/local.mk
include tests/cli/local.mk
include tests/pdf/local.mk
include tests/samples/local.mk
include tests/fixtures/local.mk
include tests/data/local.mk

# The hostile-input corpus (tests/data/hostile/CASE/, run by
# tests/cli/hostile.sh): one fragment per piece of work, to keep merges apart.
include tests/data/hostile/lead.mk
include tests/data/hostile/loader.mk
include tests/data/hostile/pipes.mk
include tests/data/hostile/outputs.mk
include tests/data/hostile/exports.mk
include tests/data/hostile/dates.mk
include tests/data/hostile/revhist.mk
include tests/data/hostile/review.mk
include tests/data/hostile/rollup.mk
EXTRA_DIST += tests/data/hostile/lead.mk tests/data/hostile/loader.mk \
	tests/data/hostile/pipes.mk tests/data/hostile/outputs.mk \
	tests/data/hostile/exports.mk tests/data/hostile/dates.mk \
	tests/data/hostile/revhist.mk tests/data/hostile/review.mk \
	tests/data/hostile/rollup.mk
# pg (issue 16 item 3): the tests of --db against a real PostgreSQL.
include tests/pg/local.mk
