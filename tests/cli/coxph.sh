#!/bin/sh
# coxph.sh - proportional hazards on IBM's Telco table (TAP): `churnkit
# model --cox` reports R's cox.zph per term and global (Contract,
# MonthlyCharges and TechSupport fail, global p < 2e-16), stratifies by the
# strongest categorical failure (Contract; TechSupport within it would
# leave groups of fewer than 30 churners), warns about the others; `churnkit
# score --horizon 12` gives every active customer R's probability from the
# stratified model, or marks them beyond the data exactly where R does (the
# last tenure with 30 customers of their stratum at risk), so that no
# probability rests on fewer than 30 customers.  Reference numbers:
# tests/fixtures/cox/make_fixtures.R (telco.stats.csv, telco_scores.csv);
# data: tests/data/model/telco_ph.csv (columns of IBM's Telco sample).

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/model_lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
fixdir="$top_srcdir/tests/fixtures/cox"
ck_tmpdir coxph
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$datadir/telco_ph.csv"
telco="--id customerID --duration tenure --event Churn=Yes --features Contract,MonthlyCharges,TechSupport"

# shellcheck disable=SC2086
ck_run "$t" model --cox $telco --json model.json "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "model --cox: exit 0, nothing on stderr"
k=0
for term in Contract MonthlyCharges TechSupport; do
	tap_is "$("$JSONGET" model.json "cox.ph_test.terms.$k.term")" "$term" \
		"model --cox: ph_test term $k is $term (a categorical column is one term)"
	check_stat model.json "cox.ph_test.terms.$k.chisq" telco "chisq_$term" 1e-6 "cox.zph $term"
	check_stat model.json "cox.ph_test.terms.$k.df" telco "df_$term" 0 "cox.zph $term"
	check_stat model.json "cox.ph_test.terms.$k.p" telco "p_$term" 1e-6 "cox.zph $term"
	k=$((k + 1))
done
check_stat model.json cox.ph_test.global.chisq telco chisq_global 1e-6 "cox.zph global"
check_stat model.json cox.ph_test.global.df telco df_global 0 "cox.zph global"
check_stat model.json cox.ph_test.global.p telco p_global 1e-6 "cox.zph global"
tap_is "$("$JSONGET" model.json cox.ph_test.fails.# cox.strata.terms.# cox.strata.terms.0 cox.ph_test.not_stratified_small.0 | tr '\n' ' ')" \
	"3 1 Contract TechSupport " "model --cox: all three terms fail; Contract, the strongest, is the stratum; TechSupport within it would leave groups of fewer than 30 churners"
check_stat model.json cox.strata.coefficients.0.estimate telco strat_MonthlyCharges 1e-6 \
	"stratified Cox (strata(Contract))"
check_stat model.json cox.strata.coefficients.2.estimate telco strat_TechSupport_yes 1e-6 \
	"stratified Cox"
check_stat model.json cox.strata.coefficients.0.se telco strat_se_MonthlyCharges 1e-6 \
	"stratified Cox"
check_stat model.json cox.strata.loglik telco strat_loglik 1e-8 "stratified Cox"

# shellcheck disable=SC2086
ck_run "$t" model --cox $telco "$data"
grep -q "^GLOBAL .* <2e-16$" stdout
tap_ok $? "model --cox text: the global test prints p <2e-16, as R"
grep -q "^MonthlyCharges fails proportional hazards (p < 0.05): its effect changes with tenure; a number is not stratified" stdout
tap_ok $? "model --cox text: the numeric term that fails is named, not stratified"
grep -q "^Stratified by Contract (proportional hazards fails, p < 0.05)" stdout
tap_ok $? "model --cox text: says which term the model is stratified by"
grep -q "^TechSupport fails proportional hazards (p < 0.05) but is not stratified: some of its groups within the strata would have fewer than 30 churners" stdout
tap_ok $? "model --cox text: says why TechSupport is not a stratum"

# shellcheck disable=SC2086
ck_run "$t" score $telco --horizon 12 -o scores.csv --json scores.json "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "score --horizon 12: exit 0, nothing on stderr"
active=$(fixture_value telco active)
beyond=$(fixture_value telco beyond)
scored=$(fixture_value telco scored)
tap_is "$("$JSONGET" scores.json scores.customers scores.beyond_the_data | tr '\n' ' ')" \
	"$active $beyond " "score: $active active customers, $beyond beyond the data, as R"
# Every active customer: R's probability within 5e-7 (six decimals) or
# beyond the data where R says so; none above R's largest probability.
res=$(awk -F, '
	/^#/ || /^id,/ { next }
	FILENAME == ARGV[1] { prob[$1] = $3; band[$1] = $4; next }
	{
		n++
		if ($2 == "") {
			if (band[$1] != "beyond the data" || prob[$1] != "") { print "not beyond: " $0; bad++ }
			nb++; next
		}
		d = prob[$1] - $2; if (d < 0) d = -d
		if (prob[$1] == "" || d > 5.000001e-7) { print "R: " $0 " ours: " prob[$1]; bad++ }
		ns++
	}
	END { printf "%d %d %d\n", ns, nb, bad }' scores.csv "$fixdir/telco_scores.csv")
tap_is "$(echo "$res" | tail -n 1)" "$scored $beyond 0" \
	"score: $scored probabilities as R's stratified survfit, $beyond beyond the data where R says"
[ "$(echo "$res" | wc -l)" -gt 1 ] && tap_diag "$(echo "$res" | head -n 10)"
top=$(awk -F, 'NR == 2 { print $3 }' scores.csv)
near "$top" "$(fixture_value telco max_prob)" 2e-6  # six decimals
tap_ok $? "score: the riskiest customer's probability is R's largest ($top), no 100% for long tenure"
grep -q "^Beyond the data: $beyond customers are not given a probability" stdout
tap_ok $? "score: the summary counts the customers beyond the data"

# --min-n moves the rule: with 1 the data reach every stratum's last tenure.
# shellcheck disable=SC2086
ck_run "$t" score $telco --horizon 12 --min-n 1 -o scores1.csv --json scores1.json "$data"
b1=$("$JSONGET" scores1.json scores.beyond_the_data)
[ "$b1" -lt "$beyond" ]
tap_ok $? "score --min-n 1: fewer customers beyond the data ($b1 < $beyond)"

# The report says it in plain words: the drivers page names the terms that
# fail and how the scores deal with them; the segment and at-risk pages
# count the customers beyond the data, and no at-risk account is one.
# shellcheck disable=SC2086
ck_run "$t" report $telco --value MonthlyCharges --horizon 12 -o telco.pdf --scores rs.csv "$data"
tap_is "$(cat exit)" 0 "report --horizon 12: exit 0"
[ "$(cut -d, -f1,3,4 rs.csv)" = "$(cut -d, -f1,3,4 scores.csv)" ]
tap_ok $? "report --scores: the same probabilities and marks as churnkit score"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext telco.pdf - | tr '\n' ' ' | tr -s ' ' >telco.txt
	grep -q "these terms' effects change with tenure, so one hazard ratio does not describe them: Contract (p < 0.001), MonthlyCharges (p < 0.001), TechSupport (p < 0.001)" telco.txt
	tap_ok $? "report: the drivers page names the three terms that fail proportional hazards"
	grep -q "The scores are computed separately for each group of Contract, each with its own baseline risk by tenure" telco.txt &&
		grep -q "MonthlyCharges, TechSupport cannot be split that way (a number, or groups with too few churners)" telco.txt
	tap_ok $? "report: it says how the scores deal with the categorical and the numeric failures"
	bfmt=$(echo "$beyond" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta')
	tap_is "$(grep -o "$bfmt customers are beyond the data" telco.txt | wc -l | tr -d ' ')" 2 \
		"report: the segment and at-risk pages count the $beyond customers beyond the data"
else
	tap_ok 0 "# SKIP pdftotext is not installed"
	tap_ok 0 "# SKIP pdftotext is not installed"
	tap_ok 0 "# SKIP pdftotext is not installed"
fi

tap_done
