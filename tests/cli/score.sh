#!/bin/sh
# score.sh - `churnkit score` writes the right rows (TAP): one per active
# customer (no churn date), riskiest first, each probability and main
# driver as R computes them from the same model (make_fixtures.R:
# cli_scores.csv): with --horizon 12 on dates, the Cox model's probability
# of churning in the next 365.25 days after the customer's current tenure t,
# 1 - S(t + H)/S(t) from survfit(coxph, newdata); with --outcome, the
# logistic model's.  Bands by the fixed cut points, ids that a spreadsheet
# would run as formulas escaped, UTF-8 and quoted ids kept, -o - on stdout.

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/model_lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir score
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$datadir/churn.csv"
args="--id customer_id --start signup_date --end churn_date --as-of 2026-06-30 --value mrr
	--horizon 12 --features plan,contract,log(mrr),tickets,nps"

# shellcheck disable=SC2086
ck_run "$t" score $args -o scores.csv --json scores.json "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "score: exit 0, nothing on stderr"
active=$(fixture_value cli_scores active)
scored=$(fixture_value cli_scores scored)
unscored=$(fixture_value cli_scores unscored)
tap_is "$(head -n 1 scores.csv)" \
	"id,value,churn_probability,risk_band,segment,main_driver,recommended_action" \
	"score: the header names the columns"
tap_is "$(($(wc -l <scores.csv) - 1))" "$active" "score: one row per active customer ($active)"
tap_is "$("$JSONGET" scores.json scores.customers scores.bands.not_scored | tr '\n' ' ')" \
	"$active $unscored " "score: the JSON counts the customers and those not scored"
grep -q '^C00001,' scores.csv
tap_ok $((!$?)) "score: a customer who churned (C00001) is not in the file"
tap_is "$(head -n 1 stdout)" "churnkit score: $active active customers written to scores.csv, riskiest first" \
	"score: the summary says how many customers were written"
beyond=$(fixture_value cli_scores beyond)
scored_cox=$(fixture_value cli_scores scored_cox)
grep -q "from the Cox model on the same features (Efron ties" stdout
tap_ok $? "score --horizon: the summary says the probabilities come from the Cox model"
grep -q "1 - S(t + 365.25 | x) / S(t | x)" stdout
tap_ok $? "score --horizon: the summary gives the conditional definition, H = 365.25 days"
grep -q "^Beyond the data: $beyond customers are not given a probability: tenure + 365.25 days passes the last tenure at which at least 30 customers of their stratum" stdout
tap_ok $? "score --horizon: the summary counts the $beyond customers beyond the data, as R"
grep -q "^Stratified (proportional hazards fails for a categorical term): 2 strata" stdout
tap_ok $? "score --horizon: the summary says the model is stratified (contract fails cox.zph)"
tap_is "$("$JSONGET" scores.json scores.model scores.beyond_the_data scores.bands.not_scored | tr '\n' ' ')" \
	"cox $beyond $unscored " "score --horizon: the JSON names the Cox model, the customers beyond the data and those not scored"

# The file parsed as CSV (quotes, doubled quotes, commas inside quotes);
# every scored customer compared with R: the id (the leading ' of an
# escaped formula taken off), probability within 1e-6 (written with six
# decimals), main driver; the bands by the cut points, riskiest first.
# parse(LINE, F): splits one CSV line (RFC 4180 quotes) into F[1..n].
cat >csv.awk <<'EOF'
function parse(line, F,    i, c, f, q, n) {
	n = 0; f = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"") { f = f c; i++ } else q = 0
			} else f = f c
		} else if (c == "\"") q = 1
		else if (c == ",") { F[++n] = f; f = "" }
		else f = f c
	}
	F[++n] = f
	return n
}
EOF
cat >check.awk <<'EOF'
FNR == 1 { next }
/^#/ || /^id,prob,driver,/ { next }
FILENAME == ours {
	if (parse($0, F) != 7) { print "fields: " $0; bad++; next }
	id = F[1]
	if (id ~ /^'[=+@-]/) id = substr(id, 2)
	else if (id ~ /^[=+@-]/) { print "not escaped: " F[1]; bad++ }
	prob[id] = F[3]; band[id] = F[4]; drv[id] = F[6]
	if (F[3] == "" && F[4] == "beyond the data") {
		if (F[6] !~ /^beyond the data: tenure \+ horizon passes /) { print "reason: " $0; bad++ }
		nbey++; next
	}
	if (F[3] == "") { if (F[4] != "not scored") { print "band: " $0; bad++ }; nun++; next }
	want = F[3] >= 0.5 ? "high" : F[3] >= 0.2 ? "medium" : "low"
	if (F[4] != want) { print "band: " $0; bad++ }
	if (seen && F[3] + 0 > last + 0) { print "order: " $0; bad++ }
	last = F[3]; seen = 1
	# The segment names the customer's own risk band; every row has an action.
	rt = F[4] == "high" ? "High risk" : F[4] == "medium" ? "Medium risk" : "Low risk"
	if (index(F[5], rt) == 0 || F[7] == "") { print "segment/action: " $0; bad++ }
	next
}
{
	parse($0, F)
	n++
	p = F[2 + 2 * outcome]; r = F[3 + 2 * outcome]
	if (p == "") {  # beyond the data in R: no probability
		n--; rbey++
		if (band[F[1]] != "beyond the data") { print "not beyond: " F[1] " " prob[F[1]]; bad++ }
		next
	}
	d = prob[F[1]] - p; if (d < 0) d = -d
	if (!(F[1] in prob) || prob[F[1]] == "" || d > 5.000001e-7 || drv[F[1]] != r) {
		print "R: " F[1] "," p "," r " ours: " prob[F[1]] " " drv[F[1]]; bad++
	}
}
END { if (nbey != rbey) { print "beyond: ours " nbey ", R " rbey; bad++ }
	printf "%d %d %d %d\n", n, nun, nbey, bad }
EOF
res=$(awk -v ours=scores.csv -v outcome=0 -f csv.awk -f check.awk scores.csv "$fixdir/cli_scores.csv")
tap_is "$(echo "$res" | tail -n 1)" "$scored_cox $unscored $beyond 0" \
	"score --horizon: $scored_cox Cox probabilities (stratified by contract) and drivers as R's survfit has them, the same $beyond beyond the data as R, $unscored not scored, bands and order right"
[ "$(echo "$res" | wc -l)" -gt 1 ] && tap_diag "$(echo "$res" | head -n 20)"

# --outcome (a flag without times): the logistic model's probabilities.
ck_run "$t" score --id customer_id --start signup_date --end churn_date --as-of 2026-06-30 \
	--value mrr --outcome churned=Yes --features 'plan,contract,log(mrr),tickets,nps' \
	-o outcome.csv --json outcome.json "$data"
tap_is "$(cat exit):$(cat stderr)" "0:" "score --outcome: exit 0, nothing on stderr"
res=$(awk -v ours=outcome.csv -v outcome=1 -f csv.awk -f check.awk outcome.csv "$fixdir/cli_scores.csv")
tap_is "$(echo "$res" | tail -n 1)" "$scored $unscored 0 0" \
	"score --outcome: $scored logistic probabilities and drivers as R's glm has them"
[ "$(echo "$res" | wc -l)" -gt 1 ] && tap_diag "$(echo "$res" | head -n 20)"
tap_is "$("$JSONGET" outcome.json segment_rules.horizon_assumed)" "true" \
	"score --outcome: the segments say their 12-month horizon is assumed"
grep -q "^Segments: the scores have no horizon in months, so expected revenue loss and retention offers assume 12 months.$" stdout
tap_ok $? "score --outcome: and the summary says so too"
grep -q "^Churn probability: churned = Yes, from the logistic model" stdout
tap_ok $? "score --outcome: the summary says the probabilities come from the logistic model"

# Awkward ids, exactly as written.
for line in "\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",146.59," "'-42,423.71," \
	"'@SUM(A1),135.01," "'+31 Kraków 台北,368.85," "\"Acme, \"\"Inc\"\"\",153.62,"; do
	grep -qF -e "$line" scores.csv
	tap_ok $? "score: the id cell is written as $line"
done
grep -q '^C00009,33.42,,not scored,Low value / Not scored,not scored: a model term is missing (--impute scores it),Review by hand (not scored)$' scores.csv
tap_ok $? "score: a customer missing a value says why it was not scored and is left for review by hand"

# -o - writes the same file to stdout, and nothing else.
# shellcheck disable=SC2086
ck_run "$t" score $args -o - "$data"
cmp -s stdout scores.csv
tap_ok $? "score -o -: the same CSV on stdout, nothing else"

# --impute scores every active customer.
# shellcheck disable=SC2086
ck_run "$t" score $args --impute -o imputed.csv "$data"
tap_is "$(cat exit):$(grep -c ',not scored,' imputed.csv)" "0:0" "score --impute: every active customer scored"

# Durations: the active customers are those with event 0.
ck_run "$t" score --id customer_id --duration duration --event event --horizon 364 \
	--features plan,contract,tickets -o dur.csv "$data"
tap_is "$(cat exit):$(($(wc -l <dur.csv) - 1))" "0:$(grep -c ',0,[0-9]*,[0-9]*,$' "$data")" \
	"score on durations: one row per customer with event 0"


# Segments, recomputed here from the scores file: value tiers by R's type-7
# quantiles of the customers' values (high >= the 80th percentile, low < the
# median), the risk part from the band; the offer only above p = 1/3 (1 month
# / (0.25 x 12)) and never for low value.
cat >seg.awk <<'EOF'
function q7(p,    h, j) { h = (nv - 1) * p + 1; j = int(h)
	return j >= nv ? v[nv] : v[j] + (h - j) * (v[j + 1] - v[j]) }
NR == FNR { if (FNR > 1) { parse($0, F); if (F[2] != "") v[++nv] = F[2] + 0 }; next }
FNR == 1 {
	for (i = 2; i <= nv; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
	lo = q7(0.5); hi = q7(0.8); next
}
{
	parse($0, F)
	tier = F[2] == "" ? "Value unknown" : F[2] + 0 >= hi ? "High value" : F[2] + 0 < lo ? "Low value" : "Medium value"
	risk = F[4] == "high" ? "High risk" : F[4] == "medium" ? "Medium risk" : F[4] == "low" ? "Low risk" : "Not scored"
	if (F[5] != tier " / " risk) { print "segment: " $0 " want " tier " / " risk; bad++ }
	offer = F[3] != "" && F[3] + 0 > 1 / 3 && F[2] + 0 > 0 && tier != "Low value" && tier != "Value unknown"
	if (offer != (index(F[7], "retention offer") > 0)) { print "offer: " $0; bad++ }
	n++
}
END { printf "%.17g %.17g\n%d %d\n", lo, hi, n, bad + 0 }
EOF
res=$(awk -f csv.awk -f seg.awk scores.csv scores.csv)
q=$(echo "$res" | tail -n 2 | head -n 1)
near "$("$JSONGET" scores.json segment_rules.q50)" "${q% *}" 1e-12 &&
	near "$("$JSONGET" scores.json segment_rules.q80)" "${q#* }" 1e-12
tap_ok $? "score: the JSON's value cut points are the type-7 quantiles ($q)"
tap_is "$("$JSONGET" scores.json segment_rules.horizon_months segment_rules.horizon_assumed | tr '\n' ' ')" \
	"12 false " "score --horizon 12 on dates: the segments' horizon is 12 months, not assumed"
tap_is "$(echo "$res" | tail -n 1)" "$active 0" \
	"score: every customer's segment by the type-7 value quantiles and band, offers only where they pay"
[ "$(echo "$res" | wc -l)" -gt 1 ] && tap_diag "$(echo "$res" | head -n 10)"


# A value column with no value at all: one value tier, accounts by probability.
awk -F, -v OFS=, 'NR > 1 && $0 !~ /"/ { $7 = "" } $0 !~ /"/ { print }' "$data" >novalue.csv
ck_run "$t" score --id customer_id --start signup_date --end churn_date --as-of 2026-06-30 \
	--value mrr --horizon 12 --features 'plan,contract,tickets,nps' -o novalue_scores.csv \
	--json novalue.json novalue.csv
tap_is "$(cat exit)" "0" "score with every value missing: exit 0"
tap_is "$(cut -d, -f5 novalue_scores.csv | sed 1d | sort -u | tr '\n' '|')" \
	"High risk|Low risk|Medium risk|Not scored|" \
	"score with every value missing: one value tier, segments by risk alone"
tap_ok $(( $("$JSONGET" novalue.json at_risk_accounts.#) == 0 )) \
	"score with every value missing: at-risk accounts ranked by probability"

tap_done
