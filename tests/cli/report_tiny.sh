#!/bin/sh
# report_tiny.sh - the report's sentences where the data are too few for
# what a sentence usually says (session 9's review, F5 and F8), through
# pdftotext (TAP).  Five customers, two still active and both beyond the
# data at --horizon 3: no MRR at risk, no cross-validation, no customer
# scored, no month with --min-n customers at risk, an offer that cannot pay
# for itself over 3 months, a separated level whose odds ratio's bound is
# below 0.01.  Then IBM's Telco sample by durations, where the tile of MRR
# at risk names the customers not scored.  Each sentence must say what
# happened, not what would be true with more data, and nothing is cut
# ("…").

. "$top_srcdir/tests/lib.sh"

ck_tmpdir report_tiny
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
if ! command -v pdftotext >/dev/null 2>&1; then
	tap_ok 0 "# SKIP pdftotext is not installed"
	tap_done
	exit 0
fi

printf 'id,s,e,mrr,plan,x\n1,2025-01-10,2025-03-01,10,a,1\n2,2025-02-10,,20,b,2\n3,2025-03-10,2025-08-01,30,a,3\n4,2025-04-15,,40,b,1\n5,2025-05-01,2026-01-02,50,a,5\n' >d5.csv
ck_run "$t" report --id id --start s --end e --value mrr --as-of 2026-03-31 --by plan \
	--features plan,x --horizon 3 -o r.pdf d5.csv
tap_is "$(cat exit)" 0 "five customers: the report is written"
pdftotext r.pdf r.txt
pdftotext -layout r.pdf rl.txt
# The text as one line, so that a sentence wrapped over lines is found.
tr '\n' ' ' <r.txt | tr -s ' ' >flat.txt
has() {
	grep -q -F -- "$1" flat.txt
	tap_ok $? "$2"
}
hasnt() {
	! grep -q -F -- "$1" flat.txt
	tap_ok $? "$2"
}

has "Median customer lifetime is as of 31 Mar 2026" \
	"summary: 'lifetime is as of' without the MRR-at-risk tile"
hasnt "are as of" "summary: no 'lifetime are as of'"
has "Cross-validated AUC: not computed: 5 folds need at least 5 churners and 5 others (have 1 and 4)." \
	"drivers: the cross-validated AUC was not computed, and why"
hasnt "(0-fold)" "drivers: no 'Cross-validated AUC (0-fold) -'"
has "No active customer has a churn probability (2 beyond the data), so none is known to be at medium or high risk." \
	"top actions: no customer was scored, both beyond the data"
has "No active customer has a churn probability (2 beyond the data), so none can be ranked by risk." \
	"at-risk accounts: the same, not 'no active customer is at medium or high risk'"
hasnt "is at medium or high risk" "no sentence says a customer is not at risk when none was scored"
tap_is "$(grep -o -F 'No probability: their tenure plus the horizon is beyond what the data follow; review them by hand.' flat.txt | wc -l | tr -d ' ')" 3 \
	"segments: the three not-scored cells (the empty one too) give the real reason, beyond the data"
hasnt "missing or unseen" "segments: no cell blames a missing or unseen value"
has "Over 3 months no offer pays for itself, even for a customer certain to churn, so none is recommended." \
	"segments: an offer that cannot pay for itself over the horizon, said so"
hasnt "133.3%" "segments: no churn probability above 100%"
has "No tenure month had at least 30 customers at risk, so the hazard by month is not charted" \
	"hazard: no month with --min-n at risk: no chart, and why"
hasnt "first 0 months" "hazard: no 'the chart shows the first 0 months'"
tap_ok "$(grep -q '^plan = b .*0\.12 (<0\.01-19\.4)$' rl.txt; echo $?)" \
	"drivers: the forest plot's label whole and its interval as the table writes it (<0.01)"
tap_is "$(grep -c -F '…' r.txt)" 0 "five customers: no text is cut"

# A sixth, active customer without x: not scored for another reason.
{ cat d5.csv; printf '6,2025-06-01,,45,a,\n'; } >d6.csv
ck_run "$t" report --id id --start s --end e --value mrr --as-of 2026-03-31 --by plan \
	--features plan,x --horizon 3 -o r6.pdf d6.csv
pdftotext r6.pdf - | tr '\n' ' ' | tr -s ' ' >flat.txt
has "No active customer has a churn probability (2 beyond the data, 1 with a missing or unseen value), so none is known to be at medium or high risk." \
	"top actions: both reasons counted when customers are unscored for both"
tap_is "$(grep -o -F 'No probability: their tenure plus' flat.txt | wc -l | tr -d ' ') $(grep -o -F 'could not score these customers (a missing or unseen value)' flat.txt | wc -l | tr -d ' ')" \
	"2 1" "segments: each not-scored cell gives its own customers' reason"

# Durations: the executive summary's tiles without period metrics.
ck_run "$t" report --id customerID --duration tenure --time-unit months --event Churn=Yes \
	--value MonthlyCharges --features Contract,MonthlyCharges,TechSupport --horizon 12 \
	-o telco.pdf "$top_srcdir/tests/data/model/telco_ph.csv"
tap_is "$(cat exit)" 0 "Telco by durations: the report is written"
pdftotext -f 2 -l 2 telco.pdf p2.txt
tr '\n' ' ' <p2.txt | tr -s ' ' >flat.txt
has "MRR at risk (scored customers) 28.4k of 211.7k MRR, 3,771 scored; 1,403 not scored" \
	"Telco: the MRR-at-risk tile names the scored and the not-scored customers in full"
tap_is "$(grep -c -F '…' p2.txt)" 0 "Telco: nothing on the executive summary is cut"

tap_done
