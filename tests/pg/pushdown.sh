#!/bin/sh
# --push-down (issue 16 item 2): `churnkit survival --db ... --push-down`
# has PostgreSQL count the customers per --by levels, day and status, and
# fits the same curves and tests on those counts as frequency weights.  The
# JSON, the text and the --tables files equal the row path's (the same
# command without --push-down) byte for byte, once the keys that name the
# input are left out (data.sha256: no bytes are read; the first line names
# the source).  The SQL applies the loader's rules to the mapped columns:
# blanks trimmed, empty = missing, case-sensitive levels, a leap day; a row
# the loader would reject makes the run refuse with the count by rule;
# options the SQL does not apply are refused (exit 2).  The server is the
# suite's or one of the test's own (tests/pg/pgtest.sh), else SKIP.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg/pgtest.sh"
. "$top_srcdir/tests/pg/pushdown_lib.sh"
pd_setup pushdown

# 1. The sample, two --by columns, default and chosen options.
table=customers
# shellcheck disable=SC2086
both "survival --by contract --by channel" "$csv" survival $map --by contract --by channel
# shellcheck disable=SC2086
both "--as-of, --times, --rho 1, --by plan" "$csv" survival $map --by plan \
	--as-of 2026-12-31 --times 1,2,3 --rho 1 --conf-type plain --rmst-tau 12
# shellcheck disable=SC2086
both "--open-end, --date-range" "$csv" survival $map --by region \
	--open-end 2026-03-01 --date-range 2020,2030
tap_is "$("$JSONGET" "p_survival --by contract --by channel/out.json" data.rows_used)" 5000 \
	"the counts stand for the 5000 customers (data.rows_used)"
tap_is "$("$JSONGET" "p_survival --by contract --by channel/out.json" survival.rows)" 5000 \
	"survival.rows counts customers, not groups"

# 1b. Names that need quoting: a table name with a blank and a capital
# (one identifier), schema.table (two).
table='Customers 2024'
# shellcheck disable=SC2086
both "--table 'Customers 2024'" "$top_srcdir/samples/customers_small.csv" survival $map \
	--by contract
table=sales.customers
# shellcheck disable=SC2086
both "--table sales.customers" "$csv" survival $map --by channel

# 2. The loader's rules on values: blanks around a level or a date, an
# empty or blank level (missing), levels that differ in case only, a leap
# day, a blank end (active), an end on the start day.  By hand: 8
# customers, 4 churned; contract levels 'Annual', 'annual', 'monthly' (2,
# 2 and 2 customers) and 2 without one.
cat >rules.csv <<'EOF'
id,start,end,contract
a1,2024-01-01,2024-03-01,Annual
a2, 2024-01-15 ,,Annual
a3,2024-02-29,2024-06-30, annual
a4,2024-03-01,  ,annual
a5,2024-03-10,2024-03-10,monthly
a6,2024-04-01,,monthly 
a7,2024-04-02,2024-09-01,
a8,2024-05-05,, 
EOF
pg_load_csv pd_rules "$ck_tmp/rules.csv" || tap_bail "cannot load rules.csv"
table=pd_rules
both "blanks, case, leap day, missing levels" "$ck_tmp/rules.csv" survival \
	--id id --start start --end end --by contract --as-of 2024-12-31
j="p_blanks, case, leap day, missing levels/out.json"
tap_is "$("$JSONGET" "$j" survival.n) $("$JSONGET" "$j" survival.events)" "8 4" \
	"rules: 8 customers, 4 churned (by hand)"
tap_is "$("$JSONGET" "$j" survival.by_missing.contract)" 2 \
	"rules: two customers have no contract (an empty and a blank value)"
tap_is "$(grep -c '"level": " annual"' "$j") $(grep -c '"level": "annual"' "$j") $(grep -c '"level": "Annual"' "$j")" \
	"0 2 2" "rules: 'Annual' and 'annual' are two levels (a curve and a test row each), ' annual' is 'annual'"

# 3. --query: the rows of a query, ending in a semicolon as typed in psql,
# or in a line comment (which must not swallow the SQL around it).
# query_both NAME QUERY DESC: the query's rows and their counts agree.
query_both() {
	mkdir -p "r_$1" "p_$1"
	# shellcheck disable=SC2086
	ck_run "r_$1" survival $map --by contract --json "r_$1/out.json" --tables "r_$1/t" \
		--db "$db" --query "$2"
	# shellcheck disable=SC2086
	ck_run "p_$1" survival $map --by contract --json "p_$1/out.json" --tables "p_$1/t" \
		--db "$db" --query "$2" --push-down
	same "$3" "r_$1" "p_$1"
}
query_both q "SELECT * FROM customers WHERE plan = 'Pro';" "--query with WHERE"
query_both qc "SELECT * FROM customers WHERE plan = 'Pro' -- the Pro plan" \
	"--query ending in a -- comment"
# Statements after the query's own are refused, not run (the extended
# protocol runs one statement): the reviewer's turned the read-only
# session off and created a table.
# shellcheck disable=SC2086
refuses "--push-down, a query of several statements" "cannot insert multiple commands" \
	survival $map --db "$db" --push-down --query 'SELECT * FROM customers) AS src; COMMIT; SET default_transaction_read_only = off; COMMIT; CREATE TABLE pwned_pd AS SELECT 1 AS x; COMMIT; SELECT * FROM (SELECT * FROM customers'
tap_is "$("$PG_BIN/psql" -X -At -c "SELECT count(*) FROM pg_class WHERE relname = 'pwned_pd'")" 0 \
	"--push-down, a query of several statements: nothing created"

# 3b. Date types: a date, a timestamp (its date) and a timestamptz (its
# date in UTC, as the loader reads the offset COPY writes: signups at
# 00:30+03 fall on the day before, churns at 23:30-02 on the day after),
# whatever the session's time zone; the row path reads the same tables.
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'EOF2' || tap_bail "cannot make the typed tables"
SET client_min_messages = warning;
DROP TABLE IF EXISTS pd_typed, pd_tstz, pd_bool, pd_nl;
CREATE TABLE pd_typed AS SELECT customer_id, signup_date::date AS signup_date,
  NULLIF(churn_date, '')::timestamp + interval '13 hours' AS churn_date, contract
  FROM "customers rows" ORDER BY _line;
CREATE TABLE pd_tstz AS SELECT customer_id,
  (signup_date || ' 00:30:00+03')::timestamptz AS signup_date,
  (NULLIF(churn_date, '') || ' 23:30:00-02')::timestamptz AS churn_date, contract
  FROM "customers rows" ORDER BY _line;
CREATE TABLE pd_bool AS SELECT customer_id, signup_date, churn_date,
  contract = 'monthly' AS monthly,
  (CASE WHEN contract = 'monthly' THEN '10.0.0.1' ELSE '10.0.0.0/8' END)::inet AS ip
  FROM "customers rows" ORDER BY _line;
CREATE TABLE pd_nl AS SELECT customer_id, signup_date, churn_date,
  CASE WHEN _line % 50 = 0 THEN 'two' || chr(10) || 'lines' ELSE contract END AS contract
  FROM "customers rows" ORDER BY _line;
EOF2
# A --by level that spans lines is a level, as the loader reads it (only
# the id and the dates may not hold a line break).
mkdir -p r_nl p_nl
# shellcheck disable=SC2086
ck_run r_nl survival $map --by contract --json r_nl/out.json --tables r_nl/t --db "$db" --table pd_nl
# shellcheck disable=SC2086
ck_run p_nl survival $map --by contract --json p_nl/out.json --tables p_nl/t --db "$db" \
	--table pd_nl --push-down
same "a --by level with a line break" r_nl p_nl
# A boolean and an inet --by: their levels as COPY writes them (t and f,
# 10.0.0.1), not as a cast to text (true, 10.0.0.1/32; the reviewer's).
for by in monthly ip; do
	mkdir -p "r_$by" "p_$by"
	# shellcheck disable=SC2086
	ck_run "r_$by" survival $map --by $by --json "r_$by/out.json" --tables "r_$by/t" \
		--db "$db" --table pd_bool
	# shellcheck disable=SC2086
	ck_run "p_$by" survival $map --by $by --json "p_$by/out.json" --tables "p_$by/t" \
		--db "$db" --table pd_bool --push-down
	same "a $by --by (boolean, inet)" "r_$by" "p_$by"
done
tap_is "$(grep -c '"level": "t"' p_monthly/out.json)" 2 "a boolean --by: the level t (a curve and a test row)"
for t in pd_typed pd_tstz; do
	mkdir -p "r_$t" "p_$t"
	# shellcheck disable=SC2086
	ck_run "r_$t" survival $map --by contract --json "r_$t/out.json" --tables "r_$t/t" \
		--db "$db" --table $t
	# shellcheck disable=SC2086
	PGTZ=Asia/Tokyo ck_run "p_$t" survival $map --by contract --json "p_$t/out.json" \
		--tables "p_$t/t" --db "$db" --table $t --push-down
	same "$t (date types)" "r_$t" "p_$t"
done
tap_is "$("$JSONGET" r_pd_tstz/out.json survival.curves.0.rmst | cut -c1-6) $("$JSONGET" r_survival\ --by\ contract\ --by\ channel/out.json survival.curves.0.rmst | cut -c1-6)" \
	"669.77 667.77" "timestamptz: every time is 2 days longer, the RMST to 36 months 2 days more"

# 3c. Local mean time: before 1911 Paris kept +00:09:21, and COPY writes
# such a timestamptz with the offset's seconds (00:04:21+00:09:21); the
# row path reads it as the push-down does (the reviewer's: it was "not a
# date").  The sample moved back 48,000 days (to the 1890s), at 23:55 UTC.
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'EOF2' || tap_bail "cannot make the LMT table"
SET client_min_messages = warning;
DROP TABLE IF EXISTS pd_lmt;
CREATE TABLE pd_lmt AS SELECT customer_id,
  ((signup_date::date - 48000) || ' 23:55:00+00')::timestamptz AS signup_date,
  ((NULLIF(churn_date, '')::date - 48000) || ' 23:55:00+00')::timestamptz AS churn_date, contract
  FROM "customers rows" ORDER BY _line;
EOF2
tap_is "$(PGTZ=Europe/Paris "$PG_BIN/psql" -X -At -c 'SELECT signup_date FROM pd_lmt LIMIT 1' | cut -c11-)" \
	" 00:04:21+00:09:21" "LMT: COPY writes the offset with seconds in Europe/Paris"
mkdir -p r_lmt p_lmt
# shellcheck disable=SC2086
PGTZ=Europe/Paris ck_run r_lmt survival $map --by contract --date-range 1850,2199 --json r_lmt/out.json \
	--tables r_lmt/t --db "$db" --table pd_lmt
# shellcheck disable=SC2086
ck_run p_lmt survival $map --by contract --date-range 1850,2199 --json p_lmt/out.json \
	--tables p_lmt/t --db "$db" --table pd_lmt --push-down
same "timestamptz in local mean time (offset with seconds)" r_lmt p_lmt
tap_is "$("$JSONGET" r_lmt/out.json data.rows_rejected)" 0 "LMT: no row is rejected in the row path"

# 4. Rows the loader would reject: the run refuses, with the count by rule.
# pushdown_lib.sh's pd_badrows: 5 of its 7 rows are bad, one per rule.
pd_badrows pd_badrows
mkdir -p p_bad r_bad
ck_run r_bad survival --id id --start start --end end --as-of 2024-12-31 --rejects r_bad/rej.csv \
	--db "$db" --table pd_badrows
ck_run p_bad survival --id id --start start --end end --as-of 2024-12-31 \
	--db "$db" --table pd_badrows --push-down --json p_bad/out.json
tap_is "$(cat p_bad/exit)" "$(cat r_bad/exit)" "bad rows: the exit status of the row path's (1)"
tap_is "$(cat p_bad/exit)" 1 "bad rows: exit status 1"
tap_is "$(sed 1d r_bad/rej.csv | wc -l | tr -d ' ')" 5 "bad rows: the row path rejects 5 rows"
grep -q "postgresql:pd_badrows: 5 of 7 rows would be bad rows (1 missing required value, 1 unparseable date (text dates: yyyy-mm-dd only), 1 dates out of order, 1 date after as-of, 1 duplicate id): --push-down needs every row good; run without --push-down to see them (--rejects FILE lists them all)$" p_bad/stderr
tap_ok $? "bad rows: counted by rule, with the advice to run without --push-down"
[ $? -eq 0 ] || tap_diag "$(cat p_bad/stderr)"
tap_is "$(ls p_bad | tr '\n' ' ')" "exit stderr stdout " "bad rows: no JSON written"
mkdir -p p_bd
ck_run p_bd survival --id id --start start --end end --db "$db" --table bad_date --push-down
grep -q "3 of 5 rows would be bad rows (3 unparseable date (text dates: yyyy-mm-dd only))" p_bd/stderr
tap_ok $? "bad_date (tests/data/bad): 2024-02-30, 2024-3-1 and 'March 9' are 3 bad dates"

# 5. Refusals: exit 2, nothing written, the option named.
# shellcheck disable=SC2086
refuses "--value" "--push-down does not support --value" \
	survival $map --value mrr --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "--date-format" "--push-down does not support --date-format (the SQL reads yyyy-mm-dd" \
	survival $map --date-format '%d.%m.%Y' --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "--where" "--push-down does not support --where (filter in --query instead)" \
	survival $map --where plan=Pro --db "$db" --table customers --push-down
# A --by that is a date column: the rows' path's message, not "out of memory".
# shellcheck disable=SC2086
refuses "--by the --start column" "column 'signup_date' is given to --start and to --by" \
	survival $map --by signup_date --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "--by given twice" "--by contract is given twice" \
	survival $map --by contract --by contract --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "--rejects" "--push-down does not support --rejects" \
	survival $map --rejects out/r.csv --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "no --db" "--push-down has the database count the customers: give --db" \
	survival $map --push-down "$csv"
# shellcheck disable=SC2086
refuses "a missing column" 'column "nosuch" does not exist' \
	survival $map --by nosuch --db "$db" --table customers --push-down

tap_done
