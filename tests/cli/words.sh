#!/bin/sh
# words.sh - the report's words and money (issue 13 item 6; docs/outputs.md),
# through pdftotext on the sample report of reports/quarterly.ini (TAP):
# its [labels] name every labelled column and level on every page but the
# appendix (the raw names stay in the JSON); --label and --currency refuse
# what names nothing; money has one format with the currency's symbol;
# the body names no command-line option.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir words
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$top_srcdir/samples/customers.csv"
ini="$top_srcdir/reports/quarterly.ini"

# Usage errors: exit 2 and a message naming what is wrong.
usage() {
	want=$1
	shift
	ck_run "$t" report --config "$ini" -o bad.pdf "$@" "$data"
	tap_is "$(cat exit)" 2 "usage: $* exits 2"
	grep -q -- "$want" stderr
	tap_ok $? "usage: $* says '$want'"
	tap_ok "$([ ! -e bad.pdf ]; echo $?)" "usage: $* writes no PDF"
}
usage "no column 'payment_method'" --label 'payment_method=Payment method'
usage "column 'contract' has no level 'weekly'" --label 'contract:weekly=Weekly'
usage "write COL=Text" --label 'contract'
usage "the text is empty" --label 'contract='
usage "expected an ISO 4217 code" --currency 'E1'
usage "expected an ISO 4217 code" --currency 'EURO'
printf '[labels]\npayment_method = Payment method\n' >bad.ini
ck_run "$t" report --config "$ini" --config bad.ini -o bad.pdf "$data"
tap_is "$(cat exit)" 2 "usage: a [labels] key naming no column exits 2"
grep -q "bad.ini:2.*no column 'payment_method'" stderr
tap_ok $? "usage: ... naming the file, the line and the column"

if ! command -v pdftotext >/dev/null 2>&1; then
	tap_diag "no pdftotext: the PDF's text is not checked"
	tap_done
fi

# The sample report in euros; a later --label wins over the definition's.
SOURCE_DATE_EPOCH=0 ck_run "$t" report --config "$ini" --currency eur \
	--label 'channel:referral=Referral' --label 'channel:referral=Referred by a customer' \
	-o r.pdf --json r.json "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "sample: exit 0, nothing on stderr"
pages=$(pdfinfo r.pdf | awk '/^Pages:/ { print $2 }')
: >body.txt
i=1
while [ "$i" -le "$pages" ]; do
	pdftotext -layout -f "$i" -l "$i" r.pdf p.txt
	head -n 1 p.txt | grep -q '^Appendix' || cat p.txt >>body.txt
	i=$((i + 1))
done
pdftotext -layout r.pdf all.txt

for raw in customer_id mrr logins_30d support_tickets_90d late_payments_12m \
	onboarding_completed two-year; do
	n=$(grep -c -w -- "$raw" body.txt)
	tap_is "$n" 0 "labels: no raw '$raw' outside the appendix"
	[ "$n" = 0 ] || grep -n -w -- "$raw" body.txt | head -n 3 | sed 's/^/# /'
done
# contract and channel are English words too: looked for as names.
for raw in contract channel; do
	n=$(grep -c -e "by $raw" -e "^ *$raw = " -e "[:,] $raw = " -e "with $raw" body.txt)
	tap_is "$n" 0 "labels: no raw '$raw' as a name outside the appendix"
	[ "$n" = 0 ] || grep -n -e "by $raw" -e "^ *$raw = " -e "[:,] $raw = " -e "with $raw" \
		body.txt | head -n 3 | sed 's/^/# /'
done
# The findings name columns and levels by their labels too
# (findings_col_name, findings_level_name): a segment finding, a driver on
# a number (page 2's findings block, each finding with its action, joined
# into one line); and the actions, in the summary the command prints.
awk '/^Findings( and actions)?$/ { f = 1 } /^MRR saved assumes/ { f = 0 } f' body.txt |
	tr -s ' \n' '  ' >find.txt
# (Ranked by MRR concerned, page 2 prints the drivers on support tickets,
# onboarding and late payments; a count at its least value 0 reads "with
# no".)
for label in 'customers with Support tickets in 90 days at 2 or more' \
	'customers with no Support tickets in 90 days' 'Late payments in 12 months at 1 or more'; do
	grep -q -F -- "$label" find.txt
	tap_ok $? "labels: the findings say '$label'"
done
# Page 2 holds the findings its room allows, each with its action (the
# lowest-ranked give way to the next page first): the contract segment,
# fourth, and the logins driver, fifth, are in the summary the command
# prints.
sed -n '/^Findings:$/,/^Top actions:$/p' stdout | tr -s ' \n' '  ' >find_out.txt
for label in 'customers with Contract = Month-to-month have left' 'with Contract = Two-year' \
	'Logins in the last 30 days at 8 or less'; do
	grep -q -F -- "$label" find_out.txt
	tap_ok $? "labels: the printed findings say '$label'"
done
nshown=$(grep -o ' [1-5] [0-9.]*% of customers' find.txt | wc -l | tr -d ' ')
nact=$(grep -o 'Action: ' find.txt | wc -l | tr -d ' ')
nown=$(grep -Eo 'Owner: (Customer success|Marketing|Finance|Product)\.' find.txt | wc -l | tr -d ' ')
# (and the failed-payment action, answering no finding, after them).
tap_ok $([ "$nshown" -ge 3 ] && [ "$nact" = "$nshown" ] && [ "$nown" -ge "$nact" ] &&
	[ "$nown" -le $((nshown + 1)) ]; echo $?) \
	"page 2: each finding ($nshown) with its action and owner under it ($nact)"
sed -n '/^Top actions:$/,$p' stdout >actions.txt
for label in 'Offer annual terms to customers with Contract = Month-to-month past month 3' \
	'Fast service recovery for customers with Support tickets in 90 days at 2 or more'; do
	grep -q -F -- "$label" actions.txt
	tap_ok $? "labels: the actions say '$label'"
done
n=$(grep -c -e 'contract =' -e 'logins_30d' -e 'onboarding_completed' -e 'channel =' actions.txt)
tap_is "$n" 0 "labels: no raw name in the actions"
for label in 'Survival by Contract' 'Survival by Acquisition channel' 'Month-to-month' \
	'Contract = Two-year' 'log(Monthly revenue)' 'Logins in the last 30 days' \
	'reference levels: Contract = Annual' 'Referred by a customer'; do
	grep -q -F -- "$label" body.txt
	tap_ok $? "labels: the report shows '$label'"
done
grep -q -F 'contract=Contract' all.txt
tap_ok $? "labels: the appendix's options list keeps the raw names"
# The JSON keeps the raw names in its name fields; its findings' and
# actions' text fields are the sentences as printed, labels applied.
grep -q '"two-year"' r.json && ! grep -v -e '"text":' -e '"detail":' r.json | grep -q 'Two-year'
tap_ok $? "labels: the JSON keeps the raw level names outside the sentences"
tap_is "$("$JSONGET" r.json findings.column=contract.column)" contract \
	"labels: a finding's JSON column is the raw name"
"$JSONGET" r.json findings.column=contract.text | grep -q -F 'Contract = Month-to-month'
tap_ok $? "labels: ... and its text the sentence as printed"

# Money: the euro sign in tiles and sentences, cents in the accounts table,
# no amount without it.
grep -q '€[0-9.]*k' body.txt
tap_ok $? "money: compact amounts with the euro sign"
grep -q '€[0-9],[0-9][0-9][0-9]\.[0-9][0-9]\|€[0-9]*\.[0-9][0-9] ' body.txt
tap_ok $? "money: exact amounts in the accounts table"
n=$(grep -c '[ (][0-9][0-9.]*[kM]\b' body.txt)
tap_is "$n" 0 "money: no compact amount without the symbol"
[ "$n" = 0 ] || grep -n '[ (][0-9][0-9.]*[kM]\b' body.txt | head -n 3 | sed 's/^/# /'

# Noise: the churn rate's change (-0.7 pp, two-proportion test p = 0.36),
# the churned customers' (+13) and the retention rate's mirror +0.7 pp (the
# same test) get no arrow.
grep -q 'two-proportion z-test, z = -0.92, p = 0.36' body.txt
tap_ok $? "noise: the sample's period test is not significant"
grep -q -e '-0.7 pp vs 2026Q2' body.txt && ! grep -q -e '▼ -0.7 pp' body.txt
tap_ok $? "noise: no arrow on the churn rate's change"
grep -q -e '+13 vs 2026Q2' body.txt && ! grep -q -e '▲ +13 vs' body.txt
tap_ok $? "noise: no arrow on the churned customers' change"
grep -q -e '+0.7 pp vs 2026Q2' body.txt && ! grep -q -e '▲ +0.7 pp vs 2026Q2' body.txt
tap_ok $? "noise: no arrow on the retention rate's change, which the churn test covers"

# A period just like the one before: every tile change is exactly zero.
{
	echo "id,signup,churn,mrr"
	i=1
	while [ "$i" -le 40 ]; do echo "c$i,2024-01-15,,100"; i=$((i + 1)); done
	echo "c41,2024-01-15,2024-03-10,100"
} >flat.csv
ck_run "$t" report --id id --start signup --end churn --value mrr --as-of 2026-10-31 \
	--currency CHF -o flat.pdf flat.csv
tap_is "$(cat exit)" 0 "noise: a flat period's report is written"
pdftotext -layout -f 2 -l 2 flat.pdf flat.txt
# Every change on page 2 (the trend's five and the tiles' six) is zero and
# reads "no change", with no arrow.
tap_is "$(grep -o 'no change vs 2026Q2' flat.txt | wc -l | tr -d ' ')" 11 \
	"noise: the eleven changes of zero say 'no change'"
tap_is "$(grep -o '[^ ]* vs 2026Q2' flat.txt | grep -vc '^change')" 0 \
	"noise: no change of zero is printed otherwise"
# Nothing was lost in that period: the bridge's line says there is no quick
# ratio and leaves out a lifetime value it cannot compute, printing no "-".
pdftotext -f 2 -l 2 flat.pdf - | tr '\n' ' ' | tr -s ' ' >flat_raw.txt
grep -q 'No quick ratio (no MRR lost in the period)' flat_raw.txt
tap_ok $? "bridge: no quick ratio when no MRR was lost, said in words"
grep -q -e 'ratio - ' -e '(LTV) -' flat_raw.txt
tap_is $? 1 "bridge: no '-' for a figure that is not defined"
! grep -q '[▲▼]' flat.txt
tap_ok $? "noise: ... and carry no arrow"
grep -q 'CHF 0' flat.txt
tap_ok $? "money: a symbol of letters is spaced from the amount"

# Words: no abbreviation left unexplained, no option outside the appendix.
for abbr in pp mo OR HR CI AUC MRR BH Firth; do
	grep -q "Abbreviations:.*[ (;]$abbr[ )]" all.txt || grep -A8 '^Abbreviations:' all.txt |
		tr '\n' ' ' | grep -q "[ (;]$abbr[ )-]"
	tap_ok $? "words: the appendix explains '$abbr'"
done
grep -q 'Odds ratio (95% CI)' body.txt && ! grep -q -w 'OR (95% CI)' body.txt
tap_ok $? "words: the forest plot's header says odds ratio"

# Words: no command-line option outside the appendix.
n=$(grep -c -- '--[a-z]' body.txt)
tap_is "$n" 0 "words: no option name outside the appendix"
[ "$n" = 0 ] || grep -n -- '--[a-z]' body.txt | head -n 5 | sed 's/^/# /'
# A very long label (1 KB) is shortened with "…" in page titles and tables:
# no word of any page runs past the right margin (50 points on A4).
long=$(awk 'BEGIN { for (i = 0; i < 90; i++) printf "Vertragsart "; }')
ck_run "$t" report --config "$ini" --label "contract=$long" -o long.pdf "$data"
tap_is "$(cat exit)" 0 "a 1 KB label: the report is written"
pdftotext -bbox long.pdf - | awk -F'"' '/<page / { w = $2 } /<word / && $6 + 0 > w - 48 { n++ }
	END { exit n > 0 }'
tap_ok $? "a 1 KB label: no word runs past the right margin (titles are shortened)"
pdftotext -layout long.pdf - | grep -q 'Survival by Vertragsart Vertragsart.*…'
tap_ok $? "a 1 KB label: the survival page's title ends with …"
tap_done
