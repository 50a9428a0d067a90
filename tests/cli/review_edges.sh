#!/bin/sh
# review_edges.sh - the executive summary on edge inputs found in review
# (TAP): data with complete months but no complete quarter before as-of
# say so on page 2, not that signup dates are missing.
# say so on page 2, not that signup dates are missing; page 2's findings
# and actions name columns and levels by the [labels]; the retention rate
# tile follows the churn test.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir review_edges
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"

# First signup 2026-01-05: 2026Q1 does not lie wholly in the data, and
# as-of 2026-04-30 leaves no later quarter; months 2026-02..04 are complete.
printf 'id,start,end,mrr\na,2026-01-05,,100\nb,2026-01-10,2026-03-15,50\nc,2026-02-01,,80\nd,2026-02-03,2026-02-20,20\ne,2026-04-02,,30\n' >young.csv
ck_run "$t" report --id id --start start --end end --value mrr --as-of 2026-04-30 \
	young.csv -o young.pdf
tap_is "$(cat "$t/exit")" 0 "no complete quarter: the report is written"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -f 2 -l 2 young.pdf p2.txt
	tr '\n' ' ' <p2.txt | grep -q 'need signup dates'
	tap_is $? 1 "no complete quarter: page 2 does not claim the signup dates are missing"
	tr '\n' ' ' <p2.txt | grep -q 'no complete quarter before the as-of date; a month such as 2026-04'
	tap_is $? 0 "no complete quarter: page 2 says so and names the last complete month"
	# Without a period, the tiles are those the survival data fill: no "-"
	# tile, and no survival at a time past the data (4 months here).
	tap_is "$(grep -cx -- '-' p2.txt)" 0 "no complete quarter: no tile prints -"
	grep -q 'Churn share (all customers)' p2.txt && grep -q 'Survival at 3 months' p2.txt
	tap_is $? 0 "no complete quarter: churn share and survival at 3 months"
	grep -q 'Survival at 24 months' p2.txt
	tap_is $? 1 "no complete quarter: no survival at 24 months, past the data"
else
	tap_diag "no pdftotext: page 2 is not read"
fi

# The findings and actions on page 2 name columns and levels by the report
# definition's [labels], as every other page does (reports/quarterly.ini:
# contract:monthly = Month-to-month, onboarding_completed = Onboarding
# completed); the JSON keeps the raw names.
ck_run "$t" report --config "$top_srcdir/reports/quarterly.ini" \
	"$top_srcdir/samples/customers_small.csv" -o small.pdf --json small.json
tap_is "$(cat "$t/exit")" 0 "labels: the small sample's report is written"
if command -v pdftotext >/dev/null 2>&1; then
	# (Page 2 and the findings it continues on the page after it.)
	pdftotext -f 2 -l 3 small.pdf - | tr '\n' ' ' | tr -s ' ' >s2.txt
	grep -q 'with Contract = Month-to-month have left, against 27.1% with Contract = Annual' s2.txt
	tap_is $? 0 "labels: a segment finding names the column and both levels by their labels"
	grep -q 'Offer annual terms to customers with Contract = Month-to-month past month 3. Owner' s2.txt
	tap_is $? 0 "labels: an action names its target group by the labels"
	grep -q 'contract = \|onboarding_completed\|late_payments_12m' s2.txt
	tap_is $? 1 "labels: no raw column name is left on page 2"
fi
# The retention rate tile follows the churn rate's test, as the churn tiles
# do: the small sample's churn rate moved from 8.7% to 9.2% with p = 0.88,
# so neither tile may show an arrow (the retention rate read "▼ -0.6 pp vs
# 2026Q2").  The changes print as the difference of the printed rates
# (docs/outputs.md): +0.5 and -0.5 pp (9.2% - 8.7%; the exact change is 0.59 pp).
if command -v pdftotext >/dev/null 2>&1; then
	grep -q 'p = 0.88' s2.txt
	tap_is $? 0 "tiles: the small sample's churn test has p = 0.88"
	grep -q ' -0.5 pp vs 2026Q2' s2.txt && ! grep -q '▼ -0.5 pp vs 2026Q2' s2.txt
	tap_is $? 0 "tiles: the retention rate's -0.5 pp has no arrow, like the churn rate's +0.5 pp"
fi
# (the sentences are as printed, labelled; the name fields stay raw)
tap_is "$("$JSONGET" small.json findings.0.subject):$("$JSONGET" small.json findings.2.column)" \
	"onboarding_completed:contract" "labels: the JSON's name fields keep the raw names"
tap_done
