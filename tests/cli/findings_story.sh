#!/bin/sh
# findings_story.sh - issue 13's findings on the README's revenue recipe
# (docs/findings.md, "What a finding concerns, and the ranking"): the
# findings are chosen by the MRR they concern, drivers included (the
# onboarding driver, the second largest, is kept), at most five; a count
# column's lower group at its least value 0 reads "with no ...", never
# "at 0 or less"; page 2's gross revenue churn and GRR add up to 100%
# (docs/outputs.md).  TAP.
. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir findings_story
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
cust="$top_srcdir/samples/customers.csv"

ck_run "$t" report --config "$top_srcdir/reports/executive.ini" \
	--revenue "$top_srcdir/samples/revenue.csv" -o r.pdf --json r.json "$cust"
tap_is "$(cat exit)" 0 "revenue recipe: report runs"
j() { "$JSONGET" r.json "$1" 2>/dev/null; }
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d
		a = w < 0 ? -w : w; exit !(g != "" && w != "" && d <= t * a) }'
}

# The active customers (no churn date) who did not complete onboarding,
# and their MRR, worked out here from the CSV.
set -- $(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["churn_date"] == "" && $c["onboarding_completed"] == "no" { n++; s += $c["mrr"] }
	END { printf "%d %.6f\n", n, s }' "$cust")
tap_is "$(j findings.subject=onboarding_completed.customers)" "$1" \
	"the onboarding driver is kept: $1 active customers not onboarded"
near "$(j findings.subject=onboarding_completed.mrr)" "$2" 1e-9
tap_ok $? "the onboarding driver concerns their MRR ($2)"

n=$(j 'findings.#')
tap_ok "$([ "$n" -ge 3 ] && [ "$n" -le 5 ]; echo $?)" "three to five findings ($n)"
i=0 bad=0 prev= drivers=0
while [ "$i" -lt "$n" ]; do
	mrr=$(j "findings.$i.mrr")
	[ -n "$(j "findings.$i.subject")" ] && drivers=$((drivers + 1))
	if [ -n "$prev" ] && awk -v a="$prev" -v b="$mrr" 'BEGIN { exit !(b > a) }'; then
		bad=1
		tap_diag "finding $i concerns $mrr MRR, more than the one before ($prev)"
	fi
	prev=$mrr
	i=$((i + 1))
done
tap_is "$bad" 0 "ranked by the MRR they concern, largest first"
tap_ok "$([ "$drivers" -ge 3 ]; echo $?)" \
	"the MRR decides how many drivers are kept, not a cap of two ($drivers)"

# Support tickets: a count whose least value is 0.
low=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "support_tickets_90d") k = i; next }
	m == "" || $k + 0 < m { m = $k + 0 } END { print m }' "$cust")
tap_is "$low" 0 "support_tickets_90d: its least value is 0"
text=$(j findings.subject=support_tickets_90d.text)
case $text in
*"of customers with no Support tickets in 90 days"*) tap_ok 0 "the lower group at 0 reads 'with no'" ;;
*) tap_ok 1 "the lower group at 0 reads 'with no': $text" ;;
esac
all=$(i=0; while [ "$i" -lt "$n" ]; do j "findings.$i.text"; j "findings.$i.detail"; i=$((i + 1)); done
	i=0; while [ "$i" -lt "$(j 'actions.#')" ]; do j "actions.$i.text"; i=$((i + 1)); done)
case $all in
*" 0 or less"*) tap_ok 1 "no sentence says 'at 0 or less'" ;;
*) tap_ok 0 "no sentence says 'at 0 or less'" ;;
esac
# Page 2 says it too (pdftotext in reading order, white space folded).
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -f 2 -l 2 r.pdf p2.txt
	p2=$(tr -s ' \n' '  ' <p2.txt)
	case $p2 in
	*"with no Support tickets in 90 days"*) tap_ok 0 "page 2: 'with no Support tickets in 90 days' (the column's label)" ;;
	*) tap_ok 1 "page 2: 'with no Support tickets in 90 days' (the column's label)" ;;
	esac
	case $p2 in
	*"Onboarding completed = no"*) tap_ok 0 "page 2: the onboarding finding" ;;
	*) tap_ok 1 "page 2: the onboarding finding" ;;
	esac
	# Gross revenue churn is on start MRR, as GRR: the tile reads
	# 100% - GRR, and it and the trend's GRR add up to 100% (with a
	# revenue history: contraction in both).
	gc=$(pdftotext -f 2 -l 2 -layout r.pdf - | awk '
		want && NF { v = substr($0, col, 12); sub(/^ +/, "", v); sub(/ .*/, "", v); print v; exit }
		{ i = index($0, "Gross revenue churn"); if (i) { col = i; want = 1 } }')
	grr=$(j 'report.trend.#')
	grr=$(j "report.trend.$((grr - 1)).grr")
	want=$(awk -v g="$grr" 'BEGIN { printf "%.1f%%", 100 * (1 - g) }')
	tap_is "$gc" "$want" "page 2: gross revenue churn is 100% - GRR ($grr)"
	gp=$(awk -v g="$grr" 'BEGIN { printf "%.1f%%", 100 * g }')
	case $p2 in
	*" $gp "*) tap_ok 0 "page 2: GRR $gp beside it" ;;
	*) tap_ok 1 "page 2: GRR $gp beside it" ;;
	esac
	tap_ok "$(awk -v a="$gc" -v b="$gp" 'BEGIN { d = a + b - 100; exit !(d < 0.11 && d > -0.11) }'
		echo $?)" "page 2: $gc + $gp add up to 100%"
	pdftotext -layout r.pdf - | tr -s ' \n' '  ' >all.txt
	grep -q 'Gross revenue churn = 100% - GRR' all.txt
	tap_ok $? "appendix: gross revenue churn defined as 100% - GRR"
fi

# The Telco recipe (README): each at-risk customer's main driver is the term
# that raises that customer's log odds most above the average customer's,
# sum over the term's columns of b_j (x_ij - mean_j) (include/churnkit/
# model_score.h), recomputed here from the JSON's coefficients and the CSV.
tel="$top_srcdir/tests/data/exports/telco_extract.csv"
ck_run "$t" report --id customerID --duration tenure --time-unit month --event Churn \
	--value MonthlyCharges --by Contract --outcome Churn \
	--features Contract,MonthlyCharges,InternetService,TechSupport,SeniorCitizen \
	-o telco.pdf --json telco.json --scores tscores.csv "$tel"
tap_is "$(cat exit)" 0 "telco recipe: report runs"
tj() { "$JSONGET" telco.json "$1" 2>/dev/null; }
tap_is "$(tj model.n)" "$(($(wc -l <"$tel") - 1))" "telco: the model's sample is every customer"
nc=$(tj 'model.coefficients.#')
i=0
: >coef.txt
while [ "$i" -lt "$nc" ]; do
	printf '%s\t%s\n' "$(tj "model.coefficients.$i.term")" "$(tj "model.coefficients.$i.estimate")" >>coef.txt
	i=$((i + 1))
done
na=$(tj 'at_risk_accounts.#')
i=0
: >atrisk.txt
while [ "$i" -lt "$na" ] && [ "$i" -lt 20 ]; do
	printf '%s\t%s\n' "$(tj "at_risk_accounts.$i.id")" "$(tj "at_risk_accounts.$i.recommended_action")" >>atrisk.txt
	i=$((i + 1))
done
tap_is "$(wc -l <atrisk.txt | tr -d ' ')" 20 "telco: twenty at-risk accounts or more"
# check_drivers IDS: of the customers listed in IDS (first field), prints
# those checked, those whose named main driver (the scores' main_driver) is
# not their largest contribution, and the distinct drivers named.
check_drivers() {
	awk -F'\t' -v ids="$1" '
	FILENAME == "coef.txt" { if ($1 != "(Intercept)" && $2 != "null") { nb++; term[nb] = $1; b[nb] = $2 } next }
	FILENAME == ids { top[$1] = 1; next }
	FNR == 1 { FS = ","; $0 = $0; for (k = 1; k <= NF; k++) col[$k] = k; next }
	FILENAME ~ /tscores/ { if ($1 in top) drv[$1] = $(col["main_driver"]); next }
	{
		nr++
		for (k = 1; k <= nb; k++) {
			split(term[k], p, "=")
			v = $(col[p[1]])
			x[nr, k] = (2 in p) ? (v == p[2]) : v + 0
			sum[k] += x[nr, k]
		}
		id[nr] = $(col["customerID"])
	}
	END {
		for (r = 1; r <= nr; r++) {
			if (!(id[r] in drv)) continue
			checked++
			delete c
			for (k = 1; k <= nb; k++) { split(term[k], p, "="); c[p[1]] += b[k] * (x[r, k] - sum[k] / nr) }
			best = ""; bv = 0
			for (t in c) if (c[t] > bv) { bv = c[t]; best = t }
			split(drv[id[r]], q, "=")
			if (q[1] != best) wrong++
			seen[q[1]] = 1
		}
		for (t in seen) nd++
		print checked + 0, wrong + 0, nd + 0
	}' coef.txt "$1" tscores.csv FS=, "$tel"
}
set -- $(check_drivers atrisk.txt)
tap_is "$1:$2" "20:0" "telco: each of the top 20 at-risk accounts' main driver is its own largest contribution"
# The top 20 share one profile (month-to-month, fiber optic, no tech
# support; only SeniorCitizen differs, 0.39 against Contract's 1.60): one
# main driver, Contract, and actions that differ by the customer's value.
tap_is "$3" 1 "telco: the top 20's one main driver (their data do not differ where the model weighs)"
# Where the data differ, the drivers do: every scored customer.
awk -F, 'NR > 1 && $6 != "" { print $1 }' tscores.csv >scored.txt
set -- $(check_drivers scored.txt)
tap_is "$1:$2" "$(wc -l <scored.txt | tr -d ' '):0" \
	"telco: every scored customer's main driver is its own largest contribution"
tap_ok "$([ "$3" -ge 3 ]; echo $?)" "telco: $3 distinct main drivers among the scored customers"
tap_ok "$([ "$(cut -f2 atrisk.txt | sort -u | wc -l)" -ge 2 ]; echo $?)" \
	"telco: the top 20's actions differ by the customer's value"
tap_done
