#!/bin/sh
# grr_move_churn.sh - GRR and NRR of a period in which a customer active at
# its start changes MRR and then churns (docs/outputs.md, "How numbers are
# printed": start against end for GRR and NRR, the movements as they happen
# for the MRR bridge), `cohorts --json` and `report --json` (TAP).
#
# tests/data/cohorts/move_churn_*.csv, as of 2026-04-30, period 2026Q1
# (start MRR = December 2025's):
#   expand: A pays 100 in December, 1000 from January, churns 2026-03-15;
#     B pays 100 throughout.  Bridge: start 200, expansion 900, churned 1000
#     (the MRR A left with), end 100.  GRR = NRR = 100/200 (B's end MRR over
#     the start; A loses the 100 it brought in), not (200 - 1000) / 200 = -4.
#   contract: A pays 100, then 50 in January, churns 2026-02-15; B as above.
#     Bridge: start 200, contraction 50, churned 50, end 100.  GRR = NRR =
#     100/200, not (200 - 50) / 200; gross MRR churn (50 + 50) / 200 = 1 - GRR.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir grr_move_churn
t=$ck_tmp
data=$top_srcdir/tests/data/cohorts
cd "$data" || tap_bail "cannot enter $data"
get() {  # get JSON PATH...: the values on one line, blank-separated
	f=$1
	shift
	"$JSONGET" "$f" "$@" | tr '\n' ' ' | sed 's/ $//'
}
q=kpis.periods.period=2026Q1

for c in expand contract; do
	mkdir -p "$t/$c"
	ck_run "$t/$c" cohorts --id id --start signup --end churn --value mrr \
		--as-of 2026-04-30 --revenue move_churn_${c}_revenue.csv --period 2026Q1 \
		--json "$t/$c.json" move_churn_$c.csv
	tap_is "$(cat "$t/$c/exit")" 0 "$c: cohorts exit 0"
done
j=$t/expand.json
tap_is "$(get "$j" "$q.mrr_start" "$q.mrr_expansion" "$q.mrr_churned" "$q.mrr_end")" \
	"200 900 1000 100" "expand then churn: the bridge counts the expansion and the churn at 1000"
tap_is "$(get "$j" "$q.grr" "$q.nrr")" "0.5 0.5" \
	"expand then churn: GRR = NRR = 100/200 (A loses the 100 it brought in), not -4"
j=$t/contract.json
tap_is "$(get "$j" "$q.mrr_start" "$q.mrr_contraction" "$q.mrr_churned" "$q.mrr_end")" \
	"200 50 50 100" "contract then churn: contraction 50, churned 50"
tap_is "$(get "$j" "$q.grr" "$q.nrr" "$q.gross_mrr_churn")" "0.5 0.5 0.5" \
	"contract then churn: GRR = NRR = 100/200, not 0.75; gross MRR churn = 1 - GRR"

# The report's trend, tiles and bridge: the same numbers.
mkdir -p "$t/report"
ck_run "$t/report" report --id id --start signup --end churn --value mrr \
	--as-of 2026-04-30 --revenue move_churn_expand_revenue.csv \
	--json "$t/report.json" -o "$t/report.pdf" move_churn_expand.csv
tap_is "$(cat "$t/report/exit")" 0 "expand: report exit 0"
n=$(get "$t/report.json" 'report.trend.#')
last=report.trend.$((n - 1))
tap_is "$(get "$t/report.json" $last.period $last.grr $last.nrr report.bridge.start \
	report.bridge.expansion report.bridge.churned report.bridge.end)" \
	"2026Q1 0.5 0.5 200 900 1000 100" "expand: report trend GRR and NRR 0.5, the bridge as cohorts'"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$t/report.pdf" "$t/report.txt"
	grep -A2 'Gross revenue retention' "$t/report.txt" | grep -q '50\.0%  *50\.0%$'
	tap_ok $? "expand: page 2's GRR and NRR tiles read 50.0%"
	! grep -q -- '-400' "$t/report.txt"
	tap_ok $? "expand: the report prints no -400%"
fi
tap_done
