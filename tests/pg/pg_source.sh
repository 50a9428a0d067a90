#!/bin/sh
# --db with --table, --query and --revenue-table (issue 16 items 1 and 3):
# every command gives the same JSON (and scores CSV, --tables files) from
# the database as from the CSV with the same rows, byte for byte once the
# keys that name the input are left out: data.sha256 (the hash of the bytes
# read: COPY's CSV, not the file's) and data.revenue.file (the revenue
# input's name).  Bad rows, SQL and connection errors, a password in the
# connection string and a table name that needs quoting.  The server is the
# suite's (.ci/run) or one started here (tests/pg/pgtest.sh), else SKIP.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg/pgtest.sh"
pg_need
ck_tmpdir pg_source
cd "$ck_tmp" || tap_bail "cannot enter $ck_tmp"

cfg="--config $top_srcdir/reports/quarterly.ini"
csv=$top_srcdir/samples/customers.csv
rev=$top_srcdir/samples/revenue.csv
db="dbname=$PGDATABASE"

# The JSON without the keys that name the input.
strip() {
	grep -v -e '^    "sha256": "[0-9a-f]*",$' -e '^      "file": "' "$1"
}

# same NAME FILE_A FILE_B: the two JSON documents agree without those keys.
same_json() {
	if [ -s "$2" ] && [ -s "$3" ] && strip "$2" >"$2.s" && strip "$3" >"$3.s" &&
		cmp -s "$2.s" "$3.s"; then
		tap_ok 0 "$1: the JSON from --db equals the CSV's"
	else
		tap_ok 1 "$1: the JSON from --db equals the CSV's"
		diff "$2.s" "$3.s" 2>&1 | head -20 | sed 's/^/# /'
	fi
}

# both NAME ARGS...: runs the command on the CSV (into f/) and on the table
# (into d/), --json into each.
both() {
	name=$1
	shift
	mkdir -p "f_$name" "d_$name"
	# shellcheck disable=SC2086
	ck_run "f_$name" "$@" --json "f_$name/out.json" "$csv"
	# shellcheck disable=SC2086
	ck_run "d_$name" "$@" --json "d_$name/out.json" --db "$db" --table customers
	tap_is "$(cat "f_$name/exit") $(cat "d_$name/exit")" "0 0" "$name: both runs succeed"
	same_json "$name" "f_$name/out.json" "d_$name/out.json"
}

# shellcheck disable=SC2086
both check check $cfg
# shellcheck disable=SC2086
both survival survival $cfg
# shellcheck disable=SC2086
both model model $cfg
# score: its JSON and its scores CSV (each run in its own directory, as
# the JSON names the scores file).
mkdir -p f_score d_score
# shellcheck disable=SC2086
(cd f_score && ck_run . score $cfg -o scores.csv --json out.json "$csv")
# shellcheck disable=SC2086
(cd d_score && ck_run . score $cfg -o scores.csv --json out.json --db "$db" --table customers)
tap_is "$(cat f_score/exit) $(cat d_score/exit)" "0 0" "score: both runs succeed"
same_json score f_score/out.json d_score/out.json
cmp -s f_score/scores.csv d_score/scores.csv
tap_ok $? "score: the scores CSV from --db equals the CSV's"

# cohorts with the revenue history: a file and a file, a table and a table.
mkdir -p f_rev d_rev
# shellcheck disable=SC2086
ck_run f_rev cohorts $cfg --revenue "$rev" --json f_rev/out.json --tables f_rev/t "$csv"
# shellcheck disable=SC2086
ck_run d_rev cohorts $cfg --db "$db" --table customers --revenue-table revenue \
	--json d_rev/out.json --tables d_rev/t
tap_is "$(cat f_rev/exit) $(cat d_rev/exit)" "0 0" "cohorts --revenue-table: both runs succeed"
same_json "cohorts --revenue-table" f_rev/out.json d_rev/out.json
diff -r f_rev/t d_rev/t >/dev/null 2>&1
tap_ok $? "cohorts: the --tables files from --db equal the CSV's"
tap_is "$(grep -c '"file": "postgresql:revenue"' d_rev/out.json)" 1 \
	"cohorts: data.revenue.file names the revenue table"
# Months as a timestamptz (midnight UTC of the first day), read by a session
# in New York: COPY writes 2023-10-31 20:00:00-04, which is November in UTC
# as the loader reads every date (review H1: the months moved back by one).
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'EOF2' || tap_bail "cannot make revenue_tz"
SET client_min_messages = warning;
DROP TABLE IF EXISTS revenue_tz;
CREATE TABLE revenue_tz AS SELECT customer_id,
  (month || '-01 00:00:00+00')::timestamptz AS month, mrr FROM revenue;
EOF2
mkdir -p d_rtz
# shellcheck disable=SC2086
(PGTZ=America/New_York && export PGTZ && ck_run d_rtz cohorts $cfg --db "$db" \
	--table customers --revenue-table revenue_tz --json d_rtz/out.json)
tap_is "$(cat d_rtz/exit):$(cat d_rtz/stderr)" "0:" "cohorts --revenue-table with timestamptz months in New York: read"
sed 's/postgresql:revenue_tz/postgresql:revenue/' d_rtz/out.json >d_rtz/same.json
same_json "timestamptz months in a New York session" d_rev/out.json d_rtz/same.json

# report --json (the PDF names its input; the JSON is compared).
mkdir -p f_rep d_rep
# shellcheck disable=SC2086
ck_run f_rep report $cfg --revenue "$rev" -o f_rep/r.pdf --json f_rep/out.json "$csv"
# shellcheck disable=SC2086
ck_run d_rep report $cfg --db "$db" --table customers --revenue-query \
	'SELECT * FROM revenue' -o d_rep/r.pdf --json d_rep/out.json
tap_is "$(cat f_rep/exit) $(cat d_rep/exit)" "0 0" "report: both runs succeed"
same_json "report --revenue-query" f_rep/out.json d_rep/out.json

# --query with a WHERE against --where on the file; schema.table.
mkdir -p f_q d_q d_s
# shellcheck disable=SC2086
ck_run f_q survival $cfg --where plan=Pro --json f_q/out.json "$csv"
# shellcheck disable=SC2086
ck_run d_q survival $cfg --db "$db" --json d_q/out.json \
	--query "SELECT * FROM customers WHERE plan = 'Pro';"
tap_is "$(cat f_q/exit) $(cat d_q/exit)" "0 0" "--query with WHERE: both runs succeed"
strip f_q/out.json | grep -v '"rows_read"\|"rows_filtered"\|"where"' >f_q/s
strip d_q/out.json | grep -v '"rows_read"\|"rows_filtered"\|"where"' >d_q/s
tap_is "$("$JSONGET" d_q/out.json data.rows_used)" "$("$JSONGET" f_q/out.json data.rows_used)" \
	"--query WHERE plan = 'Pro' keeps the rows --where plan=Pro keeps"
cmp -s f_q/s d_q/s
tap_ok $? "--query WHERE: the JSON equals --where's (without the counts of rows read and filtered)"
# shellcheck disable=SC2086
ck_run d_s check $cfg --db "$db" --table sales.customers --json d_s/out.json
tap_is "$(cat d_s/exit) $(strip d_s/out.json | cmp -s - f_check/out.json.s; echo $?)" "0 0" \
	"--table sales.customers reads the table in that schema"

# A table name that needs quoting.
mkdir -p f_sm d_sm
# shellcheck disable=SC2086
ck_run f_sm check $cfg --json f_sm/out.json "$top_srcdir/samples/customers_small.csv"
# shellcheck disable=SC2086
ck_run d_sm check $cfg --json d_sm/out.json --db "$db" --table 'Customers 2024'
tap_is "$(cat d_sm/exit)" 0 "--table 'Customers 2024' is quoted as one identifier"
same_json "--table 'Customers 2024'" f_sm/out.json d_sm/out.json

# A bad row from the database names the row as the CSV's line number.
mkdir -p f_bad d_bad
bad_args="check --id id --start start --end end --value mrr"
# shellcheck disable=SC2086
ck_run f_bad $bad_args --rejects f_bad/rej.csv "$top_srcdir/tests/data/bad/bad_date.csv"
# shellcheck disable=SC2086
ck_run d_bad $bad_args --rejects d_bad/rej.csv --db "$db" --table bad_date
tap_is "$(cat d_bad/exit)" "$(cat f_bad/exit)" "a bad row: the same exit status"
sed "s|$top_srcdir/tests/data/bad/bad_date.csv|postgresql:bad_date|" f_bad/stderr >f_bad/want
cmp -s f_bad/want d_bad/stderr
tap_ok $? "a bad row: the same messages, naming postgresql:bad_date and the line"
tap_diag "$(head -1 d_bad/stderr)"
grep -q '^churnkit: postgresql:bad_date:3:2: ' d_bad/stderr
tap_ok $? "a bad row: row 2 of the result is line 3 (the header is line 1)"

# Failures: exit 2, nothing written.
fails() {
	desc=$1
	want=$2
	shift 2
	rm -rf out && mkdir out
	ck_run out "$@" --json out/x.json --tables out/t
	tap_is "$(cat out/exit)" 2 "$desc: exit status 2"
	tap_is "$(ls out | tr '\n' ' ')" "exit stderr stdout " "$desc: nothing written"
	grep -q -e "$want" out/stderr
	tap_ok $? "$desc: says '$want'"
	[ $? -eq 0 ] || tap_diag "$(cat out/stderr)"
}
# shellcheck disable=SC2086
fails "a missing table" 'postgresql:nosuch: the database query failed: relation "nosuch" does not exist' \
	survival $cfg --db "$db" --table nosuch
# shellcheck disable=SC2086
fails "an SQL error" 'postgresql:query: the database query failed: ' \
	survival $cfg --db "$db" --query 'SELECT * FROM customers WHERE 1/0 = 1'
# shellcheck disable=SC2086
fails "a revenue table that is missing" 'postgresql:nosuch: the database query failed' \
	cohorts $cfg --db "$db" --table customers --revenue-table nosuch
# shellcheck disable=SC2086
fails "a query that writes" 'read-only transaction' \
	survival $cfg --db "$db" --query 'DELETE FROM "bad_date rows" RETURNING *'
tap_is "$("$PG_BIN/psql" -X -At -c 'SELECT count(*) FROM bad_date')" 5 \
	"a query that writes: the session is read-only, the rows are still there"
# Statements after the query's own (the reviewer's: they turned the
# read-only session off and created a table) are refused, not run: the
# query goes by the extended protocol, which runs one statement.
evil='SELECT * FROM customers) TO STDOUT; COMMIT; SET default_transaction_read_only = off; COMMIT; CREATE TABLE pwned AS SELECT 1 AS x; COMMIT; COPY (SELECT * FROM customers'
# shellcheck disable=SC2086
fails "a query of several statements" 'cannot insert multiple commands' \
	survival $cfg --db "$db" --query "$evil"
tap_is "$("$PG_BIN/psql" -X -At -c "SELECT count(*) FROM pg_class WHERE relname = 'pwned'")" 0 \
	"a query of several statements: nothing created"
# A query ending in a line comment: the comment does not swallow the COPY's tail.
mkdir -p d_c
# shellcheck disable=SC2086
ck_run d_c check $cfg --db "$db" --json d_c/out.json --query 'SELECT * FROM customers -- all of them'
tap_is "$(cat d_c/exit) $(strip d_c/out.json | cmp -s - f_check/out.json.s; echo $?)" "0 0" \
	"a --query ending in a -- comment reads the table"
# shellcheck disable=SC2086
fails "no server" 'postgresql:customers: cannot connect to the database: ' \
	survival $cfg --db "host=$ck_tmp/none port=1 dbname=x" --table customers
# shellcheck disable=SC2086
fails "a password in the connection string" 'holds a password: give it in PGPASSWORD' \
	survival $cfg --db "dbname=x password=s3cret" --table customers
grep -q s3cret out/stderr
tap_ok $((1 - $?)) "the password is not printed"
# shellcheck disable=SC2086
fails "a password in a URI" 'holds a password' \
	survival $cfg --db "postgresql://me:s3cret@localhost/x" --table customers
grep -q s3cret out/stderr
tap_ok $((1 - $?)) "the URI's password is not printed"
printf '[source]\ndb = host=db.internal password=s3cret\ntable = customers\n' >pw.ini
# shellcheck disable=SC2086
fails "a password in a report definition" 'holds a password' \
	survival $cfg --config pw.ini
grep -q s3cret out/stderr
tap_ok $((1 - $?)) "the report definition's password is not printed"

# A report definition may name the table (with --db from the command line).
printf '[source]\ntable = customers\n' >table.ini
mkdir -p d_ini
# shellcheck disable=SC2086
ck_run d_ini check $cfg --config table.ini --db "$db" --json d_ini/out.json
tap_is "$(cat d_ini/exit) $(strip d_ini/out.json | cmp -s - f_check/out.json.s; echo $?)" "0 0" \
	"a report definition's table = customers reads the table"

# A boolean column as the --event and --outcome flag: COPY writes it t/f,
# which read as yes/no (docs/inputs.md); the CSV holds the same flags as
# true/false (PostgreSQL's cast to text).
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'EOF2' || tap_bail "cannot make the flags table"
SET client_min_messages = warning;
DROP TABLE IF EXISTS flags;
CREATE TABLE flags AS SELECT customer_id, contract,
  COALESCE(NULLIF(churn_date, '')::date, date '2026-11-30') - signup_date::date AS tenure,
  COALESCE(churn_date, '') <> '' AS churned
  FROM "customers rows" ORDER BY _line;
EOF2
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 \
	-c "\\copy (SELECT customer_id, contract, tenure, churned::text AS churned FROM flags) TO 'flags.csv' WITH (FORMAT csv, HEADER)" ||
	tap_bail "cannot write flags.csv"
tap_is "$(sed -n 2p flags.csv | awk -F, '{ print $4 }')" "$(sed -n 2p flags.csv | awk -F, '$4 == "true" || $4 == "false" { print $4 }')" \
	"flags.csv holds true/false"
for cmd in "survival --duration tenure --event churned --by contract" \
	"model --outcome churned --features contract,tenure"; do
	name=$(echo "$cmd" | cut -d' ' -f1)_flag
	mkdir -p "f_$name" "d_$name"
	# shellcheck disable=SC2086
	ck_run "f_$name" $cmd --id customer_id --json "f_$name/out.json" flags.csv
	# shellcheck disable=SC2086
	ck_run "d_$name" $cmd --id customer_id --json "d_$name/out.json" --db "$db" --table flags
	tap_is "$(cat "f_$name/exit"):$(cat "d_$name/exit"):$(cat "d_$name/stderr")" "0:0:" \
		"$name: a boolean column (t/f) reads as the flag, as true/false in the CSV"
	same_json "$name" "f_$name/out.json" "d_$name/out.json"
done

# A table whose name holds a dot (review G12): no schema "v1" has a table
# "2 export", so --table 'v1.2 export' is the table of that whole name;
# 'public.v1.2 export' names it with its schema.
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'EOF2' || tap_bail "cannot make the dotted table"
SET client_min_messages = warning;
DROP TABLE IF EXISTS "v1.2 export";
CREATE TABLE "v1.2 export" AS SELECT * FROM customers;
EOF2
for tb in 'v1.2 export' 'public.v1.2 export'; do
	mkdir -p d_dot
	# shellcheck disable=SC2086
	ck_run d_dot check $cfg --db "$db" --table "$tb" --json d_dot/out.json
	tap_is "$(cat d_dot/exit):$(cat d_dot/stderr)" "0:" "--table '$tb': read"
	same_json "--table '$tb'" f_check/out.json d_dot/out.json
	rm -rf d_dot
done

# Usage errors.
# shellcheck disable=SC2086
fails "a file and --table" 'the customers come from --table: give no input file' \
	survival $cfg --db "$db" --table customers "$csv"
# shellcheck disable=SC2086
fails "--table without --db" '--table reads from a database: give --db' \
	survival $cfg --table customers
# shellcheck disable=SC2086
fails "--table and --query" '--table and --query both name the customers' \
	survival $cfg --db "$db" --table customers --query 'SELECT 1'
# shellcheck disable=SC2086
fails "--revenue and --revenue-table" 'both name the revenue history' \
	cohorts $cfg --db "$db" --table customers --revenue "$rev" --revenue-table revenue

tap_done
