## tests/pg (issue 16 item 3): --db against a real PostgreSQL, the suite's
## (.ci/run starts one and exports PGHOST) or one of the test's own.
TESTS += tests/pg/pg_source.sh
EXTRA_DIST += tests/pg/pg_source.sh tests/pg/pgtest.sh tests/pg/local.mk
## pushdown (issue 16 item 2): survival --push-down against the row path.
TESTS += tests/pg/pushdown.sh
EXTRA_DIST += tests/pg/pushdown.sh tests/pg/pushdown_lib.sh
## and cohorts --push-down against the row path.
TESTS += tests/pg/pushdown_cohorts.sh
TESTS += tests/pg/pushdown_gaps.sh
EXTRA_DIST += tests/pg/pushdown_gaps.sh
EXTRA_DIST += tests/pg/pushdown_cohorts.sh
## and the logistic model --push-down against the row path.
TESTS += tests/pg/pushdown_model.sh
EXTRA_DIST += tests/pg/pushdown_model.sh
