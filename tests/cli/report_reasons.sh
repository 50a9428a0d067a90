#!/bin/sh
# report_reasons.sh - the report's page "Why customers leave" on the sample
# with its report definition (reason = churn_reason, involuntary = payment
# failed): its numbers are those `cohorts --reason` and `survival --reason`
# give (docs/outputs.md), and the page is left out without a reason column.

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir report_reasons
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$top_srcdir/samples/customers.csv"
ini="$top_srcdir/reports/quarterly.ini"
if ! command -v pdftotext >/dev/null 2>&1; then
	tap_ok 0 "# SKIP pdftotext is not installed"
	tap_done
	exit 0
fi

ck_run "$t" report --config "$ini" -o r.pdf --json r.json "$data"
tap_is "$(cat exit)" 0 "report with the sample's definition: exit 0"
# The sample's reasons keep their shares: no reason finding in the story.
tap_is "$("$JSONGET" r.json findings | grep -c '"kind": *"reason"')" 0 \
	"the sample (reasons constant) has no reason finding"
ck_run "$t" cohorts --config "$ini" --json c.json "$data"
ck_run "$t" survival --config "$ini" --json s.json "$data"
# The report's JSON carries the reasons as the two commands give them.
"$JSONGET" r.json survival.reasons >rs.json
"$JSONGET" s.json survival.reasons >ss.json
tap_ok "$([ -s rs.json ] && grep -q gray_test rs.json && cmp -s rs.json ss.json; echo $?)" \
	"report --json: survival.reasons (split, cumulative incidence, Gray) is survival --json's"
"$JSONGET" r.json cohorts.reasons >rc.json
"$JSONGET" c.json cohorts.reasons >cc.json
tap_ok "$([ -s rc.json ] && grep -q '"period"' rc.json && cmp -s rc.json cc.json; echo $?)" \
	"report --json: cohorts.reasons (the reporting period's) is cohorts --json's"
# And its --tables: the reasons' files of the two commands, the same bytes.
ck_run "$t" report --config "$ini" -o r2.pdf --tables rt "$data"
ck_run "$t" survival --config "$ini" --tables st "$data"
ck_run "$t" cohorts --config "$ini" --tables ct "$data"
for f in st/survival_reasons.csv st/survival_reasons_by.csv st/survival_cuminc.csv \
	st/survival_cuminc_at.csv st/survival_gray.csv ct/cohorts_reasons.csv; do
	tap_ok "$([ -s "$f" ] && cmp -s "$f" "rt/${f#*/}"; echo $?)" \
		"report --tables: ${f#*/} is the command's"
done
pdftotext -layout r.pdf r.txt
sed -n '/^[^A-Za-z]*Why customers leave$/,/Page [0-9]* of [0-9]*/p' r.txt >page.txt
tap_ok "$([ -s page.txt ]; echo $?)" "the page 'Why customers leave' is in the report"
tap_is "$(grep -c 'Why customers leave' r.txt)" 2 "and in the cover's contents"

# The involuntary share: cohorts.reasons.period.involuntary.share, rounded.
inv=$("$JSONGET" c.json cohorts.reasons.period.involuntary.share)
invmrr=$("$JSONGET" c.json cohorts.reasons.period.involuntary.mrr_share)
want=$(awk -v a="$inv" -v b="$invmrr" 'BEGIN { printf "%.0f%% of churned customers, %.0f%% of churned MRR", 100 * a, 100 * b }')
tap_is "$(tr -s ' \n' ' ' <page.txt | grep -o 'Involuntary churn (failed payments): [0-9]*% of churned customers, [0-9]*% of churned MRR' | sed 's/^Involuntary churn (failed payments): //')" \
	"$want" "the involuntary shares are cohorts.reasons' ($want)"

# Each reason's churned customers in the period, as cohorts.reasons counts.
for r in competitor 'payment failed' price; do
	n=$("$JSONGET" c.json "cohorts.reasons.period.levels.name=$r.churned")
	got=$(awk -v r="$r" '{ line = $0; sub(/^ +/, "", line) }
		index(line, r " ") == 1 && $0 ~ /pp *$/ { s = substr(line, length(r) + 1); split(s, f, " "); print f[1]; exit }' page.txt)
	tap_is "$got" "$n" "table: $r churned $n in the period"
done

# Gray's test between the contracts: the survival JSON's p, as printed.
p=$("$JSONGET" s.json "survival.reasons.gray_test.reason=payment failed.p")
pt=$(awk -v p="$p" 'BEGIN { printf "%.2g", p }')
tap_is "$(tr -s ' \n' ' ' <page.txt | grep -o 'payment failed p = [0-9.]*' | sed 's/.*= //')" \
	"$(awk -v p="$pt" 'BEGIN { printf "%.3f", p }')" "Gray's test p for payment failed as survival.reasons.gray_test"

# Without a reason column the page is left out.
grep -v -e '^reason = ' -e '^involuntary = ' "$ini" >plain.ini
ck_run "$t" report --config plain.ini -o p.pdf "$data"
pdftotext -layout p.pdf p.txt
tap_is "$(grep -c 'Why customers leave' p.txt)" 0 "without --reason: no page"
tap_is "$(( $(pdfinfo r.pdf | awk '/^Pages:/ { print $2 }') - $(pdfinfo p.pdf | awk '/^Pages:/ { print $2 }') ))" 1 \
	"without --reason: one page fewer"

tap_done
