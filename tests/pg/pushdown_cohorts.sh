#!/bin/sh
# --push-down for cohorts (issue 16 item 2): `churnkit cohorts --db ...
# --push-down` has PostgreSQL count the customers per --by levels, signup
# month and churn month (with each group's first signup and churn day), and
# builds the same triangles and period KPIs from those counts as frequency
# weights.  The JSON, the text and the --tables files equal the row path's
# (the same command without --push-down) byte for byte, once the keys that
# name the input are left out (pushdown_lib.sh).  The loader's rules are the
# survival push-down's (tests/pg/pushdown.sh); here: a first signup in the
# middle of a month (the first KPI month is the next one), a signup after
# the last complete month, a churn on as-of, month ends and a leap day; a
# row the loader would reject makes the run refuse with the count by rule;
# options the SQL does not apply are refused (exit 2); --value:
# tests/pg/pushdown_gaps.sh.  The server is the
# suite's or one of the test's own (tests/pg/pgtest.sh), else SKIP.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg/pgtest.sh"
. "$top_srcdir/tests/pg/pushdown_lib.sh"
pd_setup pushdown_cohorts

# 1. The sample: two --by columns and defaults (as-of the latest date);
# a chosen as-of, period, --exclude-same-period and --min-n; --open-end and
# --date-range; no --end (everyone active).
table=customers
# shellcheck disable=SC2086
both "cohorts --by contract --by channel" "$csv" cohorts $map --by contract --by channel
# shellcheck disable=SC2086
both "--as-of, --period, --exclude-same-period, --min-n" "$csv" cohorts $map --by plan \
	--as-of 2026-12-31 --period 2026Q2 --exclude-same-period --min-n 50 \
	--expansion-rate 0.3 --cac 400
# shellcheck disable=SC2086
both "--open-end, --date-range" "$csv" cohorts $map --by region \
	--open-end 2026-03-01 --date-range 2020,2030
both "no --end" "$csv" cohorts --start signup_date --by contract
j="p_cohorts --by contract --by channel/out.json"
tap_is "$("$JSONGET" "$j" data.rows_used)" 5000 \
	"the counts stand for the 5000 customers (data.rows_used)"
tap_is "$("$JSONGET" "$j" cohorts.customers)" \
	"$("$JSONGET" "r_cohorts --by contract --by channel/out.json" cohorts.customers)" \
	"cohorts.customers counts customers, not groups"

# 2. Edge cases, by hand: as-of 2024-09-15, so August is the last complete
# month and a11 (signed up in September) is in no cohort; a10 churns on
# as-of, in a month not yet ended (retained).  The first signup is a2's
# 2024-01-15 (the group of a1, signed up on the 20th, starts later): the
# first complete KPI month is February, which starts with a1, a2 and a9,
# gains a3 (the leap day) and loses a9 (churned on February 1st).  Levels:
# 'Annual' (a1, a2, a10), 'annual' (a3, a4; ' annual' trimmed), 'monthly'
# (a5, a6, a9) and two without one (a7 empty, a8 blank).
cat >edge.csv <<'EOF2'
id,start,end,contract
a1,2024-01-20,2024-03-01,Annual
a2, 2024-01-15 ,,Annual
a3,2024-02-29,2024-06-30, annual
a4,2024-03-01,  ,annual
a5,2024-03-10,2024-03-10,monthly
a6,2024-04-01,,monthly 
a7,2024-04-02,2024-09-01,
a8,2024-05-05,, 
a9,2024-01-31,2024-02-01,monthly
a10,2024-08-31,2024-09-15,Annual
a11,2024-09-10,,annual
EOF2
pg_load_csv pdc_edge "$ck_tmp/edge.csv" || tap_bail "cannot load edge.csv"
table=pdc_edge
both "edge cases" "$ck_tmp/edge.csv" cohorts --id id --start start --end end --by contract \
	--as-of 2024-09-15
j="p_edge cases/out.json"
tap_is "$("$JSONGET" "$j" cohorts.customers) $("$JSONGET" "$j" cohorts.n_partial) $("$JSONGET" "$j" cohorts.n_group_missing)" \
	"10 1 2" "edge: 10 customers in cohorts, 1 in September's, 2 without a contract"
tap_is "$("$JSONGET" "$j" cohorts.groups.0.customers) $("$JSONGET" "$j" cohorts.groups.1.customers) $("$JSONGET" "$j" cohorts.groups.2.customers)" \
	"3 2 3" "edge: Annual 3, annual 2, monthly 3"
tap_is "$("$JSONGET" "$j" kpis.periods.0.period) $("$JSONGET" "$j" kpis.periods.0.start) $("$JSONGET" "$j" kpis.periods.0.new) $("$JSONGET" "$j" kpis.periods.0.churned)" \
	"2024-02 3 1 1" "edge: the first KPI month is February: start 3, new 1, churned 1"

# 3. Rows the loader would reject: the run refuses, with the count by rule.
# pushdown_lib.sh's pd_badrows: 5 of its 7 rows are bad, one per rule.
pd_badrows pdc_badrows
mkdir -p p_bad r_bad
ck_run r_bad cohorts --id id --start start --end end --as-of 2024-12-31 \
	--rejects r_bad/rej.csv --db "$db" --table pdc_badrows
ck_run p_bad cohorts --id id --start start --end end --as-of 2024-12-31 \
	--db "$db" --table pdc_badrows --push-down --json p_bad/out.json
tap_is "$(cat p_bad/exit) $(cat r_bad/exit)" "1 1" "bad rows: exit status 1, as the row path's"
grep -q "postgresql:pdc_badrows: 5 of 7 rows would be bad rows (1 missing required value, 1 unparseable date (text dates: yyyy-mm-dd only), 1 dates out of order, 1 date after as-of, 1 duplicate id): --push-down needs every row good" p_bad/stderr
tap_ok $? "bad rows: counted by rule, with the advice to run without --push-down"
[ $? -eq 0 ] || tap_diag "$(cat p_bad/stderr)"
tap_is "$(ls p_bad | tr '\n' ' ')" "exit stderr stdout " "bad rows: no JSON written"

# 4. Refusals: exit 2, nothing written, the option named.
# shellcheck disable=SC2086
refuses "--value with --value-scale" "--push-down does not support --value-scale" \
	cohorts $map --value mrr --value-scale 0.01 --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "--value with --decimal" "--push-down does not support --decimal" \
	cohorts $map --value mrr --decimal , --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "--revenue" "--push-down does not support --revenue (a revenue history" \
	cohorts $map --revenue "$top_srcdir/samples/revenue.csv" --db "$db" --table customers \
	--push-down
# shellcheck disable=SC2086
refuses "--revenue-table" "--push-down does not support --revenue-table" \
	cohorts $map --revenue-table revenue --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "--reason" "--push-down does not support --reason" \
	cohorts $map --reason churn_reason --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "--weight" "--push-down does not support --weight (the counts are the weights)" \
	cohorts $map --weight mrr --db "$db" --table customers --push-down
# shellcheck disable=SC2086
refuses "not for score" "score: option --push-down does not apply to this command" \
	score $map --features plan --horizon 12 --db "$db" --table customers --push-down

tap_done
