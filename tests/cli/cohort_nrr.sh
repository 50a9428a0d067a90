#!/bin/sh
# cohort_nrr.sh - net revenue retention by cohort from a revenue history
# (`cohorts --revenue --json`, cohorts.revenue_retention, and --tables
# cohorts_mrr_retention.csv), against a hand computation (TAP).
#
# tests/data/cohorts/nrr_customers.csv and nrr_revenue.csv, as of 2024-04-30:
#   e signed up 2023-12, before the history's first month (2024-01): its
#     cohort's cells are not known (null);
#   cohort 2024-01 = a (100, then 150 from February: expansion) and b (50,
#     churned 2024-03-15: its March row is the churn month's and does not
#     count): MRR 150, 200, 150, 150 -> retention 1, 4/3, 1, 1;
#   cohort 2024-02 = c (80, then 60: contraction) and d (20, nothing in
#     March, 20 in April: reactivation): MRR 100, 60, 80 -> 1, 0.6, 0.8;
#   2024-03 and 2024-04: no signups (MRR 0, retention null).
#   Weighted mean: 250/250, 260/250, 230/250, 150/150.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir cohort_nrr
t=$ck_tmp
data=$top_srcdir/tests/data/cohorts
cd "$data" || tap_bail "cannot enter $data"
get() {  # get JSON PATH...: the values on one line, blank-separated
	f=$1
	shift
	"$JSONGET" "$f" "$@" | tr '\n' ' ' | sed 's/ $//'
}
# near GOT WANT: equal within 1e-12 relative, as awk reads them.
near() {
	awk -v g="$1" -v w="$2" 'BEGIN { d = g - w; if (d < 0) d = -d;
		m = w < 0 ? -w : w; exit !(d <= 1e-12 * (m > 1 ? m : 1)) }'
}

ck_run "$t" cohorts --id id --start signup --end churn --as-of 2024-04-30 \
	--revenue nrr_revenue.csv --json "$t/nrr.json" --tables "$t/tab" nrr_customers.csv
tap_is "$(cat "$t/exit")" 0 "exit 0"
j=$t/nrr.json
r=cohorts.revenue_retention
tap_is "$(get "$j" $r.mrr $r.history_first_month $r.history_last_month "$r.rows.#")" \
	"revenue history 2024-01 2024-04 5" "the history's months, five cohorts"
tap_is "$(get "$j" $r.rows.0.cohort $r.rows.0.size $r.rows.0.mrr $r.rows.0.retention)" \
	"2023-12 1 [null,null,null,null,null] [null,null,null,null,null]" \
	"a cohort older than the history is not known"
tap_is "$(get "$j" $r.rows.1.cohort $r.rows.1.size $r.rows.1.mrr)" "2024-01 2 [150,200,150,150]" \
	"2024-01: expansion, then the churn month's row left out"
tap_is "$(get "$j" $r.rows.2.mrr)" "[100,60,80]" "2024-02: contraction, then reactivation"
tap_is "$(get "$j" $r.rows.3.mrr $r.rows.3.retention)" "[0,0] [null,null]" \
	"2024-03: no signups"
want="1 1.3333333333333333 1 1 1 0.6 0.8 1 1.04 0.92 1"
got="$(get "$j" $r.rows.1.retention.0 $r.rows.1.retention.1 $r.rows.1.retention.2 \
	$r.rows.1.retention.3 $r.rows.2.retention.0 $r.rows.2.retention.1 $r.rows.2.retention.2 \
	$r.mean.weighted.0 $r.mean.weighted.1 $r.mean.weighted.2 $r.mean.weighted.3)"
set -- $got
fail=0
for w in $want; do
	near "${1:-x}" "$w" || { tap_diag "got $1, want $w"; fail=1; }
	shift
done
tap_ok $fail "retention and the MRR-weighted mean equal the hand computation"
tap_is "$(get "$j" $r.mean.n_cohorts)" "[2,2,2,1,0]" "cohorts in each mean"
csv=$t/tab/cohorts_mrr_retention.csv
tap_is "$(sed -n 1p "$csv")" "cohort,size,mrr0,m0,m1,m2,m3,m4" "CSV header"
tap_is "$(sed -n 4p "$csv")" "2024-02,2,100,1,0.6,0.8,," "CSV row of the 2024-02 cohort"
tap_is "$(sed -n 7p "$csv" | cut -d, -f1,4,6)" "mean (MRR-weighted),1,0.92" "CSV mean row"
mkdir -p "$t/nohist"
ck_run "$t/nohist" cohorts --id id --start signup --end churn --as-of 2024-04-30 \
	--json "$t/nohist.json" nrr_customers.csv 2>/dev/null
tap_is "$(get "$t/nohist.json" $r 2>/dev/null)" "" "no --revenue: no revenue_retention"
tap_done
