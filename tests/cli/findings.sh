#!/bin/sh
# findings.sh - `churnkit report`'s driver findings on a subset of IBM's
# Telco table (TAP; the rule is docs/findings.md): no driver finding states
# a direction that the plain churn rates contradict without saying so; the
# plain rates and the predicted churn of the groups compared are R's
# (tests/fixtures/findings/make_telco.R -> telco.expect); numbers compare
# customers at their quartiles, 0/1 and yes/no columns read as attributes,
# nothing is "per unit".

. "$top_srcdir/tests/lib.sh"

# The statistical sentence is "detail"; "text" is the plain one (rates first).
[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir findings
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
fx="$top_srcdir/tests/fixtures/findings"
data="$fx/telco.csv"
common="--id customerID --duration tenure --event Churn=Yes"

expect() { awk -v k="$1" -v i="$2" '$1 == k { print $(i + 2) }' "$fx/telco.expect"; }
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d
		a = w < 0 ? -w : w; exit !(g != "" && w != "" && d <= t * a) }'
}
# fget FILE SUBJECT FIELD: a field of the driver finding about SUBJECT.
fget() { "$JSONGET" "$1" "findings.subject=$2.$3" 2>/dev/null; }

# Checks every driver finding of report FILE: a finding whose plain rates
# and model point opposite ways is flagged and says both; any other has
# rates and predictions that point the same way.  Never per unit.
check_drivers() {
	n=$("$JSONGET" "$1" 'findings.#')
	i=0
	bad=0
	drivers=0
	while [ "$i" -lt "$n" ]; do
		subj=$("$JSONGET" "$1" "findings.$i.subject" 2>/dev/null)
		text=$("$JSONGET" "$1" "findings.$i.text")
		case $text in
		*"unit of"* | *doubling*) bad=1; echo "per unit: $text" >>drivers.diag ;;
		esac
		if [ -n "$subj" ]; then
			drivers=$((drivers + 1))
			set -- "$1" "$("$JSONGET" "$1" "findings.$i.reversed")" \
				"$("$JSONGET" "$1" "findings.$i.rates.0")" \
				"$("$JSONGET" "$1" "findings.$i.rates.1")" \
				"$("$JSONGET" "$1" "findings.$i.predicted.0")" \
				"$("$JSONGET" "$1" "findings.$i.predicted.1")"
			dir=$(awk -v r0="$3" -v r1="$4" -v p0="$5" -v p1="$6" 'BEGIN {
				r = r0 - r1; p = p0 - p1
				print (r * p < 0) ? "opposite" : "same" }')
			case $2:$dir:$text in
			true:opposite:*", but among "* | false:same:*) ;;
			*) bad=1; echo "finding $i ($subj, reversed $2, $dir): $text" >>drivers.diag ;;
			esac
			set -- "$1"
		fi
		i=$((i + 1))
	done
	echo "$drivers $bad"
}
show_diag() {
	if [ -s drivers.diag ]; then
		while IFS= read -r l; do tap_diag "$l"; done <drivers.diag
	fi
	rm -f drivers.diag
}

# 1. The flag outcome (the model's sample is every customer): R's numbers.
# shellcheck disable=SC2086
ck_run "$t" report $common --outcome Churn=Yes \
	--features MonthlyCharges,InternetService,SeniorCitizen,Partner \
	-o flag.pdf --json flag.json "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "flag outcome: report runs"
set -- $(check_drivers flag.json)
show_diag
# Ranked by the customers they concern, every term's driver is a candidate:
# all four terms are significant, and none contradicts its plain rates unsaid
# (the reversed MonthlyCharges among them, checked below).
tap_is "$1:$2" "4:0" "flag outcome: four drivers, none contradicts the plain rates unsaid"
tap_is "$(fget flag.json MonthlyCharges reversed)" true \
	"MonthlyCharges: customers paying more churn more, the model says less: flagged"
text=$(fget flag.json MonthlyCharges text)
case $text in
"Customers with MonthlyCharges in the upper quartile (90.45 or more) churn more than those in the lower quartile (40.19 or less) (38% vs 15%), but among otherwise alike customers, predicted churn is lower at 90.45 than at 40.19 (22% vs 47%) ("*)
	tap_ok 0 "MonthlyCharges: both directions in plain words, R's quartiles and rates" ;;
*) tap_ok 1 "MonthlyCharges: both directions in plain words: $text" ;;
esac
for g in 0 1; do
	near "$(fget flag.json MonthlyCharges "rates.$g")" "$(expect MonthlyCharges.rates $g)" 1e-9
	tap_ok $? "MonthlyCharges: plain churn rate of quartile group $g as R"
	near "$(fget flag.json MonthlyCharges "predicted.$g")" "$(expect MonthlyCharges.pred $g)" 1e-6
	tap_ok $? "MonthlyCharges: predicted churn at quartile $g as R"
	near "$(fget flag.json InternetService "rates.$g")" \
		"$(expect InternetService.Fiber_optic.rates $g)" 1e-9
	tap_ok $? "InternetService: plain churn rate (fiber, DSL) $g as R"
	near "$(fget flag.json InternetService "predicted.$g")" \
		"$(expect InternetService.Fiber_optic.pred $g)" 1e-6
	tap_ok $? "InternetService: predicted churn (fiber, DSL) $g as R"
done
tap_is "$(fget flag.json InternetService reversed)" false \
	"InternetService: fiber churns more both plainly and adjusted: a driver"

# 2. A 0/1 column and a yes/no pair of levels read as attributes.
# shellcheck disable=SC2086
ck_run "$t" report $common --outcome Churn=Yes --features SeniorCitizen,Partner \
	-o yesno.pdf --json yesno.json "$data"
tap_is "$(cat exit)" 0 "yes/no: report runs"
case $(fget yesno.json SeniorCitizen detail) in
"Customers with SeniorCitizen have "*"x the odds of churn vs those without ("*)
	tap_ok 0 "yes/no: the 0/1 column SeniorCitizen against those without" ;;
*) tap_ok 1 "yes/no: $(fget yesno.json SeniorCitizen detail)" ;;
esac
case $(fget yesno.json Partner detail) in
"Customers with Partner have "*" lower odds of churn than those without ("*)
	tap_ok 0 "yes/no: levels Yes/No read as having a Partner or not" ;;
*) tap_ok 1 "yes/no: $(fget yesno.json Partner detail)" ;;
esac
set -- $(check_drivers yesno.json)
show_diag
tap_is "$1:$2" "2:0" "yes/no: two drivers, none contradicts the plain rates unsaid"

# 3. The horizon outcome, the issue's terms: whatever the sample, no driver
# contradicts its plain rates without saying so.
# shellcheck disable=SC2086
ck_run "$t" report $common --horizon 12 \
	--features Contract,MonthlyCharges,InternetService,TechSupport,SeniorCitizen,Partner \
	-o horizon.pdf --json horizon.json "$data"
tap_is "$(cat exit)" 0 "horizon: report runs"
set -- $(check_drivers horizon.json)
show_diag
tap_is "$1:$2:$("$JSONGET" horizon.json model.separation)" "0:0:quasi-complete" \
	"horizon: Contract = Two year separates under IPCW (no Firth there), so no driver is stated"
# Without Contract the fit is not separated: the drivers are stated, and
# none contradicts its plain rates unsaid.
# shellcheck disable=SC2086
ck_run "$t" report $common --horizon 12 \
	--features MonthlyCharges,InternetService,TechSupport,SeniorCitizen,Partner \
	-o horizon2.pdf --json horizon2.json "$data"
tap_is "$(cat exit)" 0 "horizon without Contract: report runs"
set -- $(check_drivers horizon2.json)
show_diag
tap_is "$1:$2" "4:0" "horizon without Contract: four drivers, none contradicts the plain rates unsaid"
# Their plain rates and predictions are R's, weighted by the inverse
# probability of censoring (make_telco_ipcw.R -> telco_ipcw.expect).
iexpect() { awk -v k="$1" -v i="$2" '$1 == k { print $(i + 2) }' "$fx/telco_ipcw.expect"; }
case $(fget horizon2.json InternetService detail) in
*"InternetService = No "*) lev=No ;;
*) lev=Fiber_optic ;;
esac
for g in 0 1; do
	near "$(fget horizon2.json MonthlyCharges "rates.$g")" "$(iexpect MonthlyCharges.rates $g)" 1e-9
	tap_ok $? "horizon: MonthlyCharges' weighted plain churn rate of quartile group $g as R"
	near "$(fget horizon2.json MonthlyCharges "predicted.$g")" "$(iexpect MonthlyCharges.pred $g)" 1e-6
	tap_ok $? "horizon: MonthlyCharges' weighted predicted churn at quartile $g as R"
	near "$(fget horizon2.json InternetService "rates.$g")" \
		"$(iexpect "InternetService.$lev.rates" $g)" 1e-9
	tap_ok $? "horizon: InternetService ($lev, DSL) weighted plain churn rate $g as R"
	near "$(fget horizon2.json InternetService "predicted.$g")" \
		"$(iexpect "InternetService.$lev.pred" $g)" 1e-6
	tap_ok $? "horizon: InternetService ($lev, DSL) weighted predicted churn $g as R"
done

# 4. --impute: the "(missing)" level of a categorical term is compared with
# the term's reference level, and says so; its plain rates are those of the
# two groups (worked out here with awk from the generated table).
awk 'BEGIN {
	print "id,tenure,churned,seg,x"
	for (i = 1; i <= 600; i++) {
		m = i % 10 < 2; seg = m ? "" : substr("abc", i % 3 + 1, 1)
		c = m ? i % 7 < 5 : seg == "a" ? i % 7 < 1 : i % 7 < 2
		x = (i * 37) % 101 / 10; if (i % 17 == 0) x = ""
		printf "c%d,%d,%s,%s,%s\n", i, i % 40 + 1, c ? "Yes" : "No", seg, x
	}
}' >miss.csv
ck_run "$t" report --id id --duration tenure --event churned=Yes --outcome churned=Yes \
	--features seg,x --impute -o miss.pdf --json miss.json miss.csv
tap_is "$(cat exit):$(cat stderr)" "0:" "missing level: report runs"
case $(fget miss.json seg detail) in
"Customers with no seg value have "*"x the odds of churn vs seg = a (reference) ("*)
	tap_ok 0 "missing level: customers without a seg value against the reference level" ;;
*) tap_ok 1 "missing level: $(fget miss.json seg detail)" ;;
esac
set -- $(awk -F, 'NR > 1 && $4 == "" { n0++; c0 += $3 == "Yes" }
	NR > 1 && $4 == "a" { n1++; c1 += $3 == "Yes" }
	END { printf "%.12f %.12f\n", c0 / n0, c1 / n1 }' miss.csv)
near "$(fget miss.json seg rates.0)" "$1" 1e-9
tap_ok $? "missing level: plain churn rate of the customers without a value ($1)"
near "$(fget miss.json seg rates.1)" "$2" 1e-9
tap_ok $? "missing level: plain churn rate of the reference level a ($2), not of everyone with a value"
tap_done
