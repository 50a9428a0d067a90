#!/bin/sh
# cohorts.sh - `churnkit cohorts` end to end (TAP).
#
# 1. A six-customer table (tests/data/cohorts/customers.csv) with a small
#    revenue history, every number worked out by hand in the comments below:
#    triangles (a churn on a leap day, on the first of a month, on a month's
#    last day), the period counts, MRR movements with a reactivation, LTV and
#    the cost of churn.
# 2. The committed sample (samples/customers.csv and samples/revenue.csv):
#    the text sections, and every number of tests/fixtures/cohort/
#    sample_expected.csv (made by make_fixtures.R in R, independently of the
#    C code) read back from --json, at 1e-9 relative.
# 3. --tables, --exclude-same-period, --json -, and the failures: bad
#    --period, no --start, bad revenue rows with their lines, an unknown
#    customer, a missing revenue file, an unwritable --json, exit codes.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir cohorts
t=$ck_tmp
data=$top_srcdir/tests/data/cohorts
samples=$top_srcdir/samples
fixture=$top_srcdir/tests/fixtures/cohort/sample_expected.csv
cd "$data" || tap_bail "cannot enter $data"

small="--id id --start signup --end churn --value mrr --as-of 2024-06-30"
get() {  # get JSON PATH...: the values on one line, blank-separated
	f=$1
	shift
	"$JSONGET" "$f" "$@" | tr '\n' ' ' | sed 's/ $//'
}

# --- 1. the small table, by hand ------------------------------------------
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --by plan --min-n 2 --revenue revenue_good.csv --cac 100 \
	--json "$t/small.json" customers.csv
tap_is "$(cat "$t/exit")" 0 "small table: exit 0"
tap_is "$(cat "$t/stderr")" "" "small table: nothing on stderr"
j=$t/small.json
# Cohort 2024-01 = c1 (active), c2 (churned 2024-03-01, so still there at
# the end of February 2024-02-29): 2 2 1 1 1 1.  2024-02 = c3 (churned on
# its leap day 2024-02-29: gone by the end of k0), c4: 1 1 1 1 1.  2024-03 =
# c5 (signed up on the 31st, churned 2024-05-31: gone by the end of May):
# 1 1 0 0.  2024-04 = c6: 1 1 1.  May and June have no signups: size 0.
tap_is "$(get "$j" cohorts.rows.0.retained cohorts.rows.1.retained \
	cohorts.rows.2.retained cohorts.rows.3.retained cohorts.rows.4.size \
	'cohorts.rows.#')" "[2,2,1,1,1,1] [1,1,1,1,1] [1,1,0,0] [1,1,1] 0 6" \
	"small: triangle rows (leap day, 1st and 31st of the month), empty cohorts kept"
# Revenue: 2024-01 = 100 + 50; after c2 leaves, 100.
tap_is "$(get "$j" cohorts.rows.0.value cohorts.rows.0.value_retained)" \
	"150 [150,150,100,100,100,100]" "small: cohort value and value retained"
# k0 means over the four non-empty cohorts: simple (1 + 1/2 + 1 + 1)/4,
# weighted 5/6; min-n 2 makes the two-customer cohorts not thin.
tap_is "$(get "$j" cohorts.mean.simple.0 cohorts.mean.weighted.0 cohorts.rows.0.thin \
	cohorts.rows.2.thin)" "0.875 0.83333333333333337 false true" \
	"small: simple and size-weighted means, thin flags with --min-n 2"
# --by plan: levels sorted (basic, pro); basic = c1, c3, c5; pro = c2, c4, c6.
tap_is "$(get "$j" cohorts.groups.0.level cohorts.groups.0.rows.0.retained \
	cohorts.groups.0.rows.1.retained cohorts.groups.1.level cohorts.groups.1.rows.0.retained \
	cohorts.by.0.column)" \
	"basic [1,1,1,1,1,1] [0,0,0,0,0] pro [1,1,0,0,0,0] plan" "small: triangles per plan level"
# Periods: months Feb..Jun (January began before the first signup on the
# 15th), quarter 2024Q2.  Feb: start c1 c2, new c3 c4, churned c3 (same
# month), end 3.  Mar: start c1 c2 c4 (c2 churns on the 1st: active on the
# first day and churned), new c5, end 3.  Q2: start c1 c4 c5, new c6,
# churned c5.
tap_is "$(get "$j" kpis.periods.0.period kpis.periods.period=2024-02.start \
	kpis.periods.period=2024-02.new kpis.periods.period=2024-02.churned \
	kpis.periods.period=2024-02.end kpis.periods.period=2024-02.same_period \
	kpis.periods.period=2024-03.start kpis.periods.period=2024-03.churned \
	kpis.periods.period=2024Q2.start kpis.periods.period=2024Q2.new \
	kpis.periods.period=2024Q2.churned kpis.periods.period=2024Q2.churn_rate)" \
	"2024-02 2 2 1 3 1 3 1 3 1 1 0.33333333333333331" "small: period counts and churn rate"
# MRR by month (revenue_good.csv), churn counted at the churn date: a
# customer's row in the month of their churn date is churned MRR, not
# retained (revenue.h).  Jan 150, Feb 230, Mar 180, Apr 320, May 290, Jun
# 290.  Feb: c3 joins and leaves (new 200 + c4 80, churned 200), quick
# 280/200.  Mar: expansion c1 +50, churned c2 50 (its churn month, billed
# 50) + c4 80 (paying 0), new c5 30; GRR (230-50-80)/230, NRR 150/230,
# quick (30+50)/130.  Apr: c4 comes back (reactivation 80), c6 new 60.
tap_is "$(get "$j" kpis.periods.period=2024-03.mrr_expansion \
	kpis.periods.period=2024-03.mrr_churned kpis.periods.period=2024-03.mrr_new \
	kpis.periods.period=2024-03.mrr_end kpis.periods.period=2024-03.grr \
	kpis.periods.period=2024-03.nrr kpis.periods.period=2024-03.quick_ratio \
	kpis.periods.period=2024-04.mrr_reactivation kpis.periods.period=2024-04.mrr_new \
	kpis.periods.period=2024-02.quick_ratio)" \
	"50 130 30 180 0.43478260869565216 0.65217391304347827 0.61538461538461542 80 60 1.3999999999999999" \
	"small: MRR movements, GRR, NRR and quick ratio from the history"
# Q2: start = March MRR 180 (c1 150, c5 30); c5 churns in May (its churn
# month) with its May row 30, c1 pays 120 at the end of June (contraction
# 30): GRR = NRR = (180 - 30 - 30)/180, MRR churned 30.  LTV of Q2 = ARPA
# 290/3 / mean monthly churn rate of Jun, May, Apr, Mar, Feb (January is
# not a computed month): (0 + 1/4 + 0 + 2/3 + 1/2)/5 = 17/60, i.e. 17400/51.
tap_is "$(get "$j" kpis.periods.period=2024Q2.grr kpis.periods.period=2024Q2.mrr_churned \
	kpis.periods.period=2024Q2.arpa kpis.periods.period=2024Q2.ltv_months)" \
	"0.66666666666666663 30 96.666666666666671 5" "small: quarter GRR, churned MRR, ARPA"
awk -v got="$("$JSONGET" "$j" kpis.periods.period=2024Q2.ltv)" 'BEGIN {
	want = 17400 / 51; d = got - want; if (d < 0) d = -d; exit !(d <= 1e-9 * want) }'
tap_ok $? "small: LTV = ARPA / trailing mean churn rate = 17400/51"
# Cost of churn for 2024Q2 (default: last complete quarter): 12 x 30 = 360,
# + 20% = 72, + CAC 100 x 1 customer lost (c5) = 532: the MRR and the
# customers lost are the same customers.
tap_is "$(get "$j" kpis.reporting.period kpis.reporting.previous \
	kpis.cost_of_churn.annual_value kpis.cost_of_churn.lost_expansion \
	kpis.cost_of_churn.sunk_cac kpis.cost_of_churn.total)" \
	"2024Q2 null 360 72 100 532" "small: reporting period and cost of churn"

# --exclude-same-period: c3 (joined and left in February) leaves both.
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --exclude-same-period --json "$t/ex.json" customers.csv
tap_is "$(cat "$t/exit") $(get "$t/ex.json" kpis.periods.period=2024-02.new \
	kpis.periods.period=2024-02.churned kpis.periods.period=2024-02.end \
	kpis.exclude_same_period)" "0 1 0 3 true" \
	"--exclude-same-period: February new 1, churned 0, end 3"

# --json - writes only JSON to stdout.
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --json - customers.csv
tap_is "$(cat "$t/exit") $(get "$t/stdout" tool.name cohorts.rows.0.size)" "0 churnkit 2" \
	"--json -: stdout is the JSON document alone"

# --- 2. the committed sample ----------------------------------------------
map="--id customer_id --start signup_date --end churn_date --value mrr"
# shellcheck disable=SC2086
ck_run "$t" cohorts $map --by contract "$samples/customers.csv"
tap_is "$(cat "$t/exit")" 0 "sample: exit 0"
missing=
for s in "Customers (logo retention, %)" "Revenue (value retention" \
	"contract = monthly: customers" "contract = two-year: revenue" "weighted " \
	"Period KPIs: customers" "Revenue movements (MRR; each customer's value held constant" \
	"Reporting period 2026Q3 against 2026Q2" "Churn rate change: z = " \
	"Cost of churn, 2026Q3: an estimate" "Assumptions:" "Notes:" \
	"counted as new and as churned" "LTV = ARPA"; do
	grep -F -q -e "$s" "$t/stdout" || missing="$missing [$s]"
done
tap_is "$missing" "" "sample: the text has every section (triangles, means, KPIs, revenue, test, cost, notes)"
# The test's p as every p of the text output (fmtnum_p_text_says: three
# significant digits; 2 * pnorm(-0.922) = 0.3565 in R).
grep -F -q "Churn rate change: z = -0.922, p = 0.357 (two-proportion" "$t/stdout"
tap_ok $? "sample: the churn-rate test's p as the text output prints every p"

# shellcheck disable=SC2086
ck_run "$t" cohorts $map --by contract --revenue "$samples/revenue.csv" --as-of 2026-10-31 \
	--cac 500 --expansion-rate 0.25 --json "$t/sample.json" --tables "$t/tables" \
	"$samples/customers.csv"
tap_is "$(cat "$t/exit")" 0 "sample with --revenue: exit 0"
tap_is "$(cat "$t/stderr")" "" "sample with --revenue: no bad rows"
grep -q -F "Revenue movements (MRR; from the revenue history" "$t/stdout"
tap_ok $? "sample with --revenue: the text says the MRR comes from the history"

# Every path of the R fixture, read back from the JSON and compared: numbers
# at 1e-9 relative (absolute 1e-9 when R says 0), the rest as text.
awk 'f; /^path,value$/ { f = 1 }' "$fixture" >"$t/expected"
cut -d, -f1 "$t/expected" >"$t/paths"
n=$(wc -l <"$t/paths")
xargs "$JSONGET" "$t/sample.json" <"$t/paths" >"$t/got" 2>"$t/jsonget.err"
tap_is "$?:$(wc -l <"$t/got")" "0:$n" "sample JSON: all $n paths of the R fixture exist"
paste -d, "$t/expected" "$t/got" | awk -F, '
function isnum(s) { return s ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ }
{
	want = $2; got = $3; okay = 0
	if (isnum(want) && isnum(got)) {
		d = got - want; if (d < 0) d = -d
		s = want < 0 ? -want : want
		okay = (s == 0) ? d <= 1e-9 : d <= 1e-9 * s
	} else
		okay = want == got
	if (!okay) { bad++; if (bad <= 5) printf "# %s: got %s, R %s\n", $1, got, want }
	n++
}
END { printf "# %d values compared\n", n; exit bad > 0 || n < 7000 }'
tap_ok $? "sample JSON: triangles, means, every period's counts, rates, MRR movements, GRR, NRR, LTV, the test and the cost of churn match R"

# --tables: the CSV files, with numbers from the same R fixture.
tab=$t/tables
missing=
for f in cohorts_retained.csv cohorts_retention.csv cohorts_value_retained.csv \
	cohorts_value_retention.csv cohorts_contract_01_annual_retained.csv \
	cohorts_contract_02_monthly_retention.csv cohorts_contract_03_two-year_value_retention.csv \
	kpis.csv; do
	[ -s "$tab/$f" ] || missing="$missing $f"
done
tap_is "$missing" "" "--tables: one CSV per triangle and the KPI table"
want=$(awk -F, '$1 == "cohorts.rows.cohort=2023-11.size" { s = $2 }
	$1 == "cohorts.rows.cohort=2023-11.retained.2" { r = $2 } END { print s "," r }' \
	"$t/expected")
got=$(awk -F, '$1 == "2023-11" { print $2 "," $7 }' "$tab/cohorts_retained.csv")
tap_is "$got" "$want" "--tables: cohorts_retained.csv row 2023-11 (size, m2) as R"
want=$(awk -F, '$1 ~ /period=2026Q3\.(start|new|churned|end)$/ { printf "%s,", $2 }' \
	"$t/expected")
got=$(awk -F, '$1 == "2026Q3" { printf "%s,%s,%s,%s,", $5, $6, $7, $8 }' "$tab/kpis.csv")
tap_is "$got" "$want" "--tables: kpis.csv row 2026Q3 (start, new, churned, end) as R"
tap_is "$(head -n 1 "$tab/kpis.csv" | cut -d, -f1-8)" \
	"period,kind,first_day,last_day,start,new,churned,end" "--tables: kpis.csv header"

# A report definition: reports/quarterly.ini maps the columns and gives two
# --by columns (contract, channel): one set of triangles per column.
ck_run "$t" cohorts --config "$top_srcdir/reports/quarterly.ini" --json "$t/ini.json" \
	--tables "$t/initables" "$samples/customers.csv"
tap_is "$(cat "$t/exit") $(get "$t/ini.json" 'cohorts.groups.#' cohorts.by.0.column \
	cohorts.by.1.column cohorts.by.1.levels cohorts.groups.3.by)" \
	"0 9 contract channel 6 channel" \
	"--config reports/quarterly.ini: triangles for each of its two --by columns"
[ -s "$t/initables/cohorts_channel_06_referral_retention.csv" ]
tap_ok $? "--config: --tables writes the channel triangles too"
want=$(awk -F, '$1 == "cohorts.groups.level=monthly.rows.cohort=2024-06.retained.4" { print $2 }' \
	"$t/expected")
tap_is "$(get "$t/ini.json" cohorts.groups.level=monthly.rows.cohort=2024-06.retained.4)" \
	"$want" "--config: contract triangles as with --by contract alone (R)"

# --- 3. failures -------------------------------------------------------------
ck_run "$t" cohorts --id id customers.csv
tap_is "$(cat "$t/exit")" 2 "no --start: exit 2"
grep -q -F -e "--start COL is needed" "$t/stderr"
tap_ok $? "no --start: says that --start COL is needed"

# shellcheck disable=SC2086
ck_run "$t" cohorts $small --period 2026Q5 customers.csv
tap_is "$(cat "$t/exit"):$(cat "$t/stderr")" \
	"2:churnkit: --period '2026Q5': expected a quarter (2026Q3) or a month (2026-09)" \
	"--period 2026Q5: exit 2 with what a period looks like"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --period 2024Q1 customers.csv
tap_is "$(cat "$t/exit")" 2 "--period 2024Q1 (begins before the first signup): exit 2"
grep -q -F "period 2024Q1 is not a complete period of the data" "$t/stderr"
tap_ok $? "--period 2024Q1: says it is not a complete period"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --period 2024-05 --json "$t/p.json" customers.csv
tap_is "$(cat "$t/exit") $(get "$t/p.json" kpis.reporting.period kpis.reporting.previous)" \
	"0 2024-05 2024-04" "--period 2024-05: a month against the month before"

# Bad revenue rows: each with its line and column, then the count.
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue revenue_bad.csv --max-bad-rows 100% customers.csv
tap_is "$(cat "$t/exit")" 0 "bad revenue rows, --max-bad-rows 100%: exit 0"
tap_is "$(cat "$t/stderr")" "$(cat revenue_bad.stderr)" \
	"bad revenue rows: FILE:LINE:COLUMN and the reason for each (revenue_bad.stderr)"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue revenue_bad.csv --json "$t/bad.json" customers.csv
tap_is "$(cat "$t/exit")" 1 "bad revenue rows, default 1%: exit 1"
tap_is "$(tail -n 1 "$t/stderr")" \
	"churnkit: revenue_bad.csv: 11 of 14 rows are bad, more than --max-bad-rows 1% allows" \
	"bad revenue rows, default 1%: says why the run fails"
[ ! -e "$t/bad.json" ]
tap_ok $? "bad revenue rows: no JSON written on failure"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue revenue_bad.csv --revenue-rejects "$t/rev.rejects" \
	customers.csv
tap_is "$(cat "$t/exit")" 1 "--revenue-rejects: the run still fails at 1%"
# The file lists every bad row (line, column, reason) in line order, the
# loader's (lines 5, 9, 10) and the history's merged.
tap_is "$(sed 1d "$t/rev.rejects" | cut -d, -f1-3 | tr -d '"')" \
	"$(sed 1d revenue_bad.rejects)" \
	"--revenue-rejects lists all 11 bad revenue rows with line, column and reason"
tap_is "$(head -n 1 "$t/rev.rejects")" 'line,column,reason,message,customer_id,month,mrr' \
	"--revenue-rejects: header names the revenue columns"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue-rejects "$t/x.rejects" customers.csv
tap_is "$(cat "$t/exit")" 2 "--revenue-rejects without --revenue: exit 2"

# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue revenue_unknown.csv customers.csv
tap_is "$(cat "$t/exit")" 1 "unknown customer in --revenue: exit 1"
tap_is "$(cat "$t/stderr")" "$(cat revenue_unknown.stderr)" \
	"unknown customers in --revenue: lines 3 and 5 (a newline inside quotes), column 1, then the limit (revenue_unknown.stderr)"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue revenue_unknown.csv --max-bad-rows 2 \
	--json "$t/unk.json" customers.csv
tap_is "$(cat "$t/exit") $(get "$t/unk.json" data.revenue.rows_rejected \
	'data.revenue.rejected_by_reason.unknown customer' data.revenue.rows_used)" "0 2 2 3" \
	"unknown customers allowed by --max-bad-rows 2: counted in the JSON"

ck_run "$t" cohorts --start signup --revenue revenue_good.csv customers.csv
tap_is "$(cat "$t/exit")" 2 "--revenue without --id: exit 2"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue no_such_revenue.csv customers.csv
tap_is "$(cat "$t/exit"):$(cat "$t/stderr")" \
	"3:churnkit: no_such_revenue.csv: cannot open: No such file or directory" \
	"missing --revenue file: exit 3"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue revenue_two_columns.csv customers.csv
tap_is "$(cat "$t/exit")" 2 "a revenue file with two columns: exit 2"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --json "$t/no/such/dir/out.json" customers.csv
tap_is "$(cat "$t/exit")" 3 "--json into a missing directory: exit 3"
ck_run "$t" cohorts --start signup --duration signup customers.csv
tap_is "$(cat "$t/exit")" 2 "--duration instead of dates: exit 2"


# Undefined rates print NA (as every terminal table: docs/outputs.md), never
# nan: --period 2023-12 on the sample has
# no customers at the start of 2023-11 (the previous period).
# shellcheck disable=SC2086
ck_run "$t" cohorts $map --period 2023-12 "$samples/customers.csv"
tap_is "$(cat "$t/exit") $(grep -c -i 'nan' "$t/stdout")" "0 0" "--period 2023-12: no nan in the text"
tap_is "$(grep -E '^  (churn rate|GRR) ' "$t/stdout" | tr -s ' ')" \
	" churn rate 8.00% NA NA
 GRR 98.15% NA NA" "--period 2023-12: undefined rates and changes print NA"
# Every customer churned: no one at the start of the reporting period.
printf 'id,signup,churn,mrr\na,2024-01-05,2024-02-10,10\nb,2024-01-20,2024-03-03,20\n' \
	>"$t/allchurned.csv"
ck_run "$t" cohorts $small "$t/allchurned.csv"
tap_is "$(cat "$t/exit") $(grep -c -i 'nan' "$t/stdout")" "0 0" "all churned: no nan in the text"

# Cost of churn without MRR: the text says why it is missing.
ck_run "$t" cohorts --id id --start signup --end churn --as-of 2024-06-30 --cac 100 \
	customers.csv
tap_is "$(grep '^Cost of churn' "$t/stdout")" \
	"Cost of churn, 2024Q2: not computed: it needs the MRR churned, from --value COL (each customer's MRR) or --revenue FILE." \
	"--cac without --value or --revenue: the cost of churn says why it is not computed"

# Options cohorts cannot honour or that are out of range: usage errors.
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --entry signup customers.csv
tap_is "$(cat "$t/exit")" 2 "--entry: exit 2 (not supported by cohorts)"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --alpha 5 customers.csv
tap_is "$(cat "$t/exit")" 2 "--alpha 5: exit 2, as survival"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --alpha 0 customers.csv
tap_is "$(cat "$t/exit") $(cat "$t/stderr")" \
	"2 churnkit: --alpha '0': give a level above 0 and below 1, such as 0.05" "--alpha 0: exit 2"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --min-n 0 customers.csv
tap_is "$(cat "$t/exit")" 2 "--min-n 0: exit 2"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --expansion-rate 20 customers.csv
tap_is "$(cat "$t/exit") $(cat "$t/stderr")" \
	"2 churnkit: --expansion-rate '20': give a fraction between 0 and 1, 0.20 for 20%" \
	"--expansion-rate 20: exit 2, the rate is a fraction"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --expansion-rate 1 --json "$t/er.json" customers.csv
tap_is "$(cat "$t/exit") $(get "$t/er.json" kpis.cost_of_churn.lost_expansion)" "0 360" \
	"--expansion-rate 1 (100%) is accepted: lost expansion = annual value 360"
ck_run "$t" cohorts --help
tap_is "$(grep -c 'a fraction, 0.20 for 20%' "$t/stdout")" 1 "--help: the expansion rate is a fraction"


# A revenue row after the customer's churn month is a bad row (the files
# disagree), reported by FILE:LINE:COLUMN and counted against --max-bad-rows.
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue revenue_after_churn.csv \
	--revenue-rejects "$t/after.rejects" customers.csv
tap_is "$(cat "$t/exit") $(grep -c 'is after customer' "$t/stderr")" "1 2" \
	"revenue row after the churn month: bad rows, the run fails at 1%"
tap_is "$(grep -F 'revenue_after_churn.csv:4:2:' "$t/stderr")" \
	"churnkit: revenue_after_churn.csv:4:2: month 2024-04 is after customer 'c2' churned (2024-03-01): the revenue and customers files disagree" \
	"revenue row after the churn month: FILE:LINE:COLUMN and why"
tap_is "$(cut -d, -f1,3 "$t/after.rejects" | tr '\n' ' ')" \
	'line,reason 4,month after churn 6,month after churn ' \
	"revenue row after the churn month: in --revenue-rejects"
# shellcheck disable=SC2086
ck_run "$t" cohorts $small --revenue revenue_after_churn.csv --max-bad-rows 100% \
	--json "$t/after.json" customers.csv
tap_is "$(cat "$t/exit") $(get "$t/after.json" kpis.periods.period=2024-04.mrr_reactivation \
	data.revenue.rejected_by_reason.month\ after\ churn)" "0 0 2" \
	"revenue row after the churn month: left out, not a reactivation"

tap_done
