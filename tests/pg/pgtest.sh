# pgtest.sh - a private PostgreSQL cluster for the tests of --db (sourced,
# POSIX sh; issue 16 item 3).
#
# .ci/run starts ONE cluster for the whole suite (pg_cluster_start) and
# exports PGHOST, PGPORT, PGUSER and PGDATABASE; the tests in tests/pg use
# it (pg_need).  Run without it (`make check` on a workstation), a test
# starts a cluster of its own when Debian's PostgreSQL server is installed
# (PG_BIN, default /usr/lib/postgresql/15/bin), and otherwise skips with a
# visible "ok 1 # SKIP no PostgreSQL server (why)".
#
# The cluster: initdb into a temporary directory (as the user postgres when
# run as root: the server refuses root), trust authentication, no TCP
# (listen_addresses ''), its Unix socket in that directory; UTF-8, locale C.
# Loaded into it (pg_load_fixtures): the samples (customers, revenue), the
# small sample under a name that needs quoting ("Customers 2024"), and bad
# inputs from tests/data/bad (bad_date), every column text, so that COPY
# gives back the CSV's own values.
#
# Functions:
#   pg_cluster_start DIR   initdb into DIR/data, start, export PG* (0 = up)
#   pg_cluster_stop DIR    stop the server started in DIR
#   pg_load_fixtures       create and fill the tables (needs PG* exported)
#   pg_need                for a test: use the suite's cluster, or start one
#                          (stopped when the test exits), or skip the test

: "${PG_BIN:=/usr/lib/postgresql/15/bin}"

# Runs a PostgreSQL program as the cluster's owner.
pg_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

pg_cluster_start() {
	pg_dir=$1
	[ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] || return 1
	mkdir -p "$pg_dir" || return 1
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || return 1
		chown postgres "$pg_dir" || return 1
	fi
	pg_as_owner "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 \
		--locale=C >"$pg_dir/initdb.log" 2>&1 || return 1
	pg_as_owner "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
		-o "-c listen_addresses= -c unix_socket_directories=$pg_dir -p 5432 -c fsync=off" \
		start >/dev/null 2>&1 || return 1
	PGHOST=$pg_dir
	PGPORT=5432
	PGUSER=postgres
	PGDATABASE=postgres
	export PGHOST PGPORT PGUSER PGDATABASE
	unset PGPASSWORD PGSERVICE
	"$PG_BIN/psql" -q -X -c 'SELECT 1' >/dev/null 2>&1
}

pg_cluster_stop() {
	[ -d "$1/data" ] || return 0
	pg_as_owner "$PG_BIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1
}

# pg_load_csv NAME FILE: FILE's rows, every column text, in the table
# "NAME rows" with their line order in a column _line, and the view "NAME"
# of the CSV's own columns in that order.  (A table has no order: COPY
# FROM may put a later row on an earlier page, and a different order of
# rows changes the last digits of sums and the cross-validation folds.)
pg_load_csv() {
	cols=$(head -n 1 "$2" | tr -d '\r' | awk -F, '{
		for (i = 1; i <= NF; i++) {
			gsub(/"/, "\"\"", $i)
			printf "%s\"%s\"", (i > 1 ? ", " : ""), $i
		}
	}')
	types=$(echo "$cols" | sed 's/", "/" text, "/g; s/$/ text/')
	"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<EOF
SET client_min_messages = warning;
DROP VIEW IF EXISTS "$1" CASCADE;
DROP TABLE IF EXISTS "$1 rows";
CREATE TABLE "$1 rows" (_line serial, $types);
\\copy "$1 rows" ($cols) FROM '$2' WITH (FORMAT csv, HEADER)
CREATE VIEW "$1" AS SELECT $cols FROM "$1 rows" ORDER BY _line;
EOF
}

pg_load_fixtures() {
	pg_load_csv customers "$top_srcdir/samples/customers.csv" &&
	pg_load_csv revenue "$top_srcdir/samples/revenue.csv" &&
	pg_load_csv 'Customers 2024' "$top_srcdir/samples/customers_small.csv" &&
	pg_load_csv bad_date "$top_srcdir/tests/data/bad/bad_date.csv" &&
	"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<EOF
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS sales;
CREATE OR REPLACE VIEW sales.customers AS SELECT * FROM customers;
EOF
}

# 0 when the server at PG* answers and holds the fixtures.
pg_ready() {
	[ -n "${PGHOST:-}" ] && [ -x "$PG_BIN/psql" ] &&
		"$PG_BIN/psql" -q -X -At -c 'SELECT count(*) FROM bad_date' >/dev/null 2>&1
}

# Skips the whole test, visibly (automake counts it as SKIP).
pg_skip() {
	echo "ok 1 # SKIP no PostgreSQL server ($1)"
	echo "1..1"
	exit 0
}

pg_need() {
	if [ -n "${PGHOST:-}" ]; then
		pg_ready && return 0
		pg_skip "PGHOST=$PGHOST does not answer, or has no fixtures"
	fi
	pg_own=$(mktemp -d /tmp/churnkit-pg.XXXXXX) || tap_bail "mktemp failed"
	trap 'pg_cluster_stop "$pg_own"; rm -rf "$pg_own"; ck_cleanup' EXIT
	if ! pg_cluster_start "$pg_own" || ! pg_load_fixtures; then
		pg_skip "none could be started from $PG_BIN"
	fi
}
