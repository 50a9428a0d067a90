#!/bin/sh
# model.sh - `churnkit model` agrees with R through its --json (TAP).
#
# The data (tests/data/model/churn.csv: 3,000 customers with signup and
# churn dates, plans, contracts, channels with gaps, MRR, usage, NPS with
# gaps, a Yes/No churn flag, durations with delayed entry and weights) and
# R's numbers (tests/fixtures/model/cli_*.csv) come from
# tests/fixtures/model/make_fixtures.R, which reads the CSV back and
# computes every outcome from it (the --horizon ones: make_horizon.R).
# Tolerances: 1e-6 relative on coefficients and standard errors (and z, p),
# as docs/method.md sets for iterative fits, and 1e-8 on deviances and
# log-likelihoods.  The text output is checked for what it
# must say: the reference levels, aliased terms, the Firth fallback, the
# length of a month, the rows left out.

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/model_lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir model
t=$ck_tmp
data="$datadir/churn.csv"
dates="--id customer_id --start signup_date --end churn_date --as-of 2026-06-30"

# fit NAME ARGS...: runs `churnkit model ARGS --json NAME.json`, keeps the
# text in NAME.txt and checks that it succeeded quietly.
fit() {
	name=$1
	shift
	ck_run "$t" model "$@" --json "$t/$name.json"
	cp "$t/stdout" "$t/$name.txt"
	tap_is "$(cat "$t/exit"):$(cat "$t/stderr")" "0:" "$name: exit 0, nothing on stderr"
}

# says NAME TEXT DESC: the text output of NAME contains TEXT (fixed string).
says() {
	grep -qF -e "$2" "$t/$1.txt"
	tap_ok $? "$1: the text says $3"
}

# logit_stats NAME FIX: the logistic model's counts and fit statistics.
logit_stats() {
	for k in n rows events rank rows_missing; do
		check_stat "$t/$1.json" model.$k "$2" $k 0 "$1"
	done
	for k in deviance null_deviance aic; do
		check_stat "$t/$1.json" model.$k "$2" $k 1e-8 "$1"
	done
	check_stat "$t/$1.json" model.auc "$2" auc 1e-12 "$1"
	check_stat "$t/$1.json" model.brier "$2" brier 1e-8 "$1"
}

# cox_stats NAME FIX
cox_stats() {
	for k in n events; do
		check_stat "$t/$1.json" cox.$k "$2" $k 0 "$1"
	done
	for k in loglik loglik_null; do
		check_stat "$t/$1.json" cox.$k "$2" $k 1e-8 "$1"
	done
	for k in lr_test wald_test score_test; do
		check_stat "$t/$1.json" cox.$k "$2" $k 1e-6 "$1"
	done
	check_stat "$t/$1.json" cox.concordance "$2" concordance 1e-8 "$1"
}

# A given churn flag (--outcome COL=VALUE), a categorical term with its
# reference chosen, log(mrr), and rows with missing values left out.
feat="plan,contract,channel,log(mrr),logins_30d,tickets,nps"
fit outcome --outcome churned=Yes --reference plan=pro --features "$feat" "$data"
check_coefs "$t/outcome.json" model cli_outcome 1e-6 outcome
logit_stats outcome cli_outcome
tap_is "$("$JSONGET" "$t/outcome.json" model.reference_levels.term=plan.level \
	model.reference_levels.term=contract.level model.reference_levels.term=channel.level \
	model.firth model.separation model.converged | tr '\n' ' ')" \
	"pro annual partner false none true " \
	"outcome: reference levels pro (given), annual and partner (first in sort order); no Firth"
says outcome "Reference levels: plan=pro, contract=annual, channel=partner" "the reference levels"
says outcome "$(fixture_value cli_outcome rows_missing) rows left out for missing values" \
	"how many rows a missing value left out"
cv=$("$JSONGET" "$t/outcome.json" model.cv_auc)
awk -v a="$cv" 'BEGIN { exit !(a > 0.6 && a < 0.8) }'
tap_ok $? "outcome: a 5-fold cross-validated AUC near the apparent one ($cv)"
tap_is "$("$JSONGET" "$t/outcome.json" model.folds model.fold_auc.# model.calibration.# \
	model.lift.# model.lift.9.cum_gain | tr '\n' ' ')" "5 5 10 10 1 " \
	"outcome: 5 folds, calibration and lift by decile, gains reaching 1"
ck_run "$t" model --outcome churned=Yes --reference plan=pro --features "$feat" --json - "$data"
tap_is "$("$JSONGET" "$t/stdout" model.cv_auc)" "$cv" "outcome: the same seed, the same CV AUC"
ck_run "$t" model --outcome churned=Yes --reference plan=pro --features "$feat" --seed 7 \
	--json - "$data"
cv7=$("$JSONGET" "$t/stdout" model.cv_auc)
[ "$cv7" != "$cv" ]
tap_ok $? "outcome: another --seed deals other folds ($cv7)"

# --impute: medians and missing indicators, "(missing)" as a channel level.
fit impute --outcome churned=Yes --impute --features "$feat" "$data"
check_coefs "$t/impute.json" model cli_impute 1e-6 impute
logit_stats impute cli_impute
says impute "numbers imputed with the median" "how the missing values were filled in"

# Collinear and constant columns: aliased, as R's NA, and said so.
fit alias --outcome churned=Yes --features tickets,calls,total_contacts,const_one,contract "$data"
check_coefs "$t/alias.json" model cli_alias 1e-6 alias
logit_stats alias cli_alias
tap_is "$("$JSONGET" "$t/alias.json" model.aliased)" '["total_contacts","const_one"]' \
	"alias: the JSON lists the aliased terms"
says alias "Not estimable (constant or collinear, as R's NA): total_contacts, const_one" \
	"which terms are not estimable"

# --horizon 12 on dates (docs/horizon.md): only the customers whose as-of
# is at least 365.25 days after signup, whatever happened to them; the
# outcome is churn within 365.25 days.  R (make_horizon.R) computed the
# sample and the outcome from the dates.
fit horizon $dates --horizon 12 --features "plan,contract,log(mrr),tickets,nps" "$data"
check_coefs "$t/horizon.json" model cli_hdates 1e-6 horizon
logit_stats horizon cli_hdates
check_stat "$t/horizon.json" model.rows_too_recent cli_hdates rows_too_recent 0 horizon
tap_is "$("$JSONGET" "$t/horizon.json" model.horizon model.horizon_unit model.horizon_days \
	model.outcome model.weighting model.se_type model.rows_censored | tr '\n' ' ')" \
	"12 months 365.25 churn within 12 months none model 0 " \
	"horizon: 12 months = 365.25 days, no weighting, model-based SEs in the JSON"
says horizon "a month is 365.25/12 = 30.4375 days" "how long a month is"
says horizon "Left out: $(fixture_value cli_hdates rows_too_recent) customers too recent to have been followed for the horizon" \
	"how many customers were too recent to have been followed"
says horizon "whatever happened to" "that the sample does not look at the outcome"
# On plan and contract (never missing) the model's churn rate is the rate
# among every followable customer.
fit horizon_all $dates --horizon 12 --features plan,contract "$data"
tap_is "$("$JSONGET" "$t/horizon_all.json" model.n model.events | tr '\n' ' ')" \
	"$(fixture_value cli_hdates followable) $(fixture_value cli_hdates followable_churned) " \
	"horizon: n and events are R's followable customers and their churners"

# Durations with frequency weights: inverse probability of censoring
# weights, quasi-binomial, HC0 sandwich SEs as R's vcovHC on the table with
# each row repeated `weight` times.
dur="--id customer_id --duration duration --event event --weight weight"
fit durhorizon $dur --horizon 364 --features plan,contract,tickets "$data"
check_coefs "$t/durhorizon.json" model cli_hipcw 1e-6 durhorizon
ipcw_stats() {
	for k in rows rows_censored rank; do
		check_stat "$t/$1.json" model.$k "$2" $k 0 "$1"
	done
	for k in n events deviance null_deviance; do
		check_stat "$t/$1.json" model.$k "$2" $k 1e-8 "$1"
	done
	check_stat "$t/$1.json" model.censoring_survival_at_horizon "$2" g_horizon 1e-9 "$1"
	check_stat "$t/$1.json" model.auc "$2" auc 1e-9 "$1"
	check_stat "$t/$1.json" model.brier "$2" brier 1e-8 "$1"
	tap_is "$("$JSONGET" "$t/$1.json" model.weighting model.se_type model.family model.aic \
		model.loglik model.rows_too_recent | tr '\n' ' ')" \
		"ipcw robust quasibinomial null null 0 " \
		"$1: IPCW weighting, robust SEs, quasi-binomial: AIC and loglik null as R's NA"
	# The weighted churn rate of the sample estimates churn by the horizon:
	# near the Kaplan-Meier 1 - S(N) (equal but for churn and censoring
	# tied at one time, which the reverse Kaplan-Meier counts as both at
	# risk), where the same sample unweighted is far off.
	rate=$(awk -v e="$("$JSONGET" "$t/$1.json" model.events)" \
		-v n="$("$JSONGET" "$t/$1.json" model.n)" 'BEGIN { printf "%.17g", e / n }')
	km=$(fixture_value "$2" km_churn)
	naive=$(fixture_value "$2" naive_rate)
	awk -v r="$rate" -v k="$km" -v u="$naive" 'BEGIN {
		d = r - k; if (d < 0) d = -d; e = u - k; if (e < 0) e = -e
		exit !(d < 0.002 && d < e / 10) }'
	tap_ok $? "$1: weighted churn rate $rate is within 0.002 of R's Kaplan-Meier $km (unweighted: $naive)"
}
ipcw_stats durhorizon cli_hipcw
says durhorizon "Weighting: inverse probability of censoring" "how the customers are weighted"
says durhorizon "multiplied by the frequency weights" "that the weights multiply --weight's"
says durhorizon "AIC: NA" "that a quasi-binomial fit has no AIC"
# The weighted counts read with one decimal, as R's rounded sums.
says durhorizon "n = $(awk -v x="$(fixture_value cli_hipcw n)" 'BEGIN { printf "%.1f", x }') weighted customers in $(fixture_value cli_hipcw rows) rows, $(awk -v x="$(fixture_value cli_hipcw events)" 'BEGIN { printf "%.1f", x }') weighted events" \
	"the weighted customers and events with one decimal"
says durhorizon "Standard errors: robust (HC0 sandwich" "which standard errors"
says durhorizon "Left out: $(fixture_value cli_hipcw rows_censored) customers censored before the horizon" \
	"how many customers were censored before the horizon"
# Delayed entry: the horizon counted from entry, the censoring curve on
# the clock from entry.
fit durentry --id customer_id --duration duration --event event --entry entry --horizon 364 \
	--features plan,contract,tickets "$data"
check_coefs "$t/durentry.json" model cli_hipcwe 1e-6 durentry
ipcw_stats durentry cli_hipcwe
check_stat "$t/durentry.json" model.rows_no_time_at_risk cli_hipcwe rows_no_time_at_risk 0 durentry
# --firth cannot give robust standard errors: refused, said why.
ck_run "$t" model $dur --horizon 364 --features plan,contract,tickets --firth "$data"
tap_is "$(cat "$t/exit")" 2 "durhorizon --firth: a usage error"
grep -qF "churnkit: --firth cannot be used with --horizon on durations" "$t/stderr"
tap_ok $? "durhorizon --firth: the message says why"

# Separation under IPCW: no Firth (it has no robust SEs here); the glm fit
# is reported, flagged, and the text says why Firth was not used.
fit ipcw_sep --id id --duration d --event e --horizon 10 --features x,z "$datadir/ipcw_sep.csv"
tap_is "$("$JSONGET" "$t/ipcw_sep.json" model.separation model.firth model.weighting | tr '\n' ' ')" \
	"quasi-complete false ipcw " "ipcw_sep: separation found on x, no Firth under IPCW"
says ipcw_sep "Firth's penalised likelihood is not used under these weights" "why there is no Firth"
says ipcw_sep "The estimates above are not usable as they stand." "that the estimates are not usable"

# Cross-validated Brier score and calibration beside the in-sample ones.
tap_is "$("$JSONGET" "$t/horizon.json" model.cv_calibration.# model.calibration.#| tr '\n' ' ')" \
	"10 10 " "horizon: in-sample and cross-validated calibration deciles in the JSON"
cvb=$("$JSONGET" "$t/horizon.json" model.cv_brier)
awk -v b="$cvb" -v a="$("$JSONGET" "$t/horizon.json" model.brier)" 'BEGIN { exit !(b > a && b < a + 0.05) }'
tap_ok $? "horizon: the cross-validated Brier score ($cvb) is a little above the in-sample one"
says horizon "cross-validated Brier score: " "the cross-validated Brier score"
says horizon "Cross-validated calibration by decile" "the cross-validated calibration"

# Cox on dates (days from signup to churn or as-of, heavy weekly ties),
# Efron and Breslow; and on durations with delayed entry and weights.
for ties in efron breslow; do
	fit cox_$ties $dates --cox --ties $ties --features "plan,contract,log(mrr),tickets" "$data"
	check_coefs "$t/cox_$ties.json" cox cli_cox_$ties 1e-6 cox_$ties
	cox_stats cox_$ties cli_cox_$ties
	tap_is "$("$JSONGET" "$t/cox_$ties.json" cox.ties cox.time_unit | tr '\n' ' ')" \
		"$ties days " "cox_$ties: $ties ties, time in days"
	! "$JSONGET" "$t/cox_$ties.json" model >/dev/null 2>&1
	tap_ok $? "cox_$ties: no logistic model without an outcome"
	fit coxdur_$ties $dur --entry entry --cox --ties $ties --features plan,contract,tickets \
		"$data"
	check_coefs "$t/coxdur_$ties.json" cox cli_coxdur_$ties 1e-6 coxdur_$ties
	cox_stats coxdur_$ties cli_coxdur_$ties
done
says cox_breslow "Cox proportional hazards (Breslow ties)" "which tie rule"
says coxdur_efron "Delayed entry: at risk only after entry" "that entry is delayed"

# Both models in one run: the same numbers as apart.
fit both $dates --horizon 12 --cox --features "plan,contract,log(mrr),tickets,nps" "$data"
tap_is "$("$JSONGET" "$t/both.json" model.deviance)" "$("$JSONGET" "$t/horizon.json" model.deviance)" \
	"both: the logistic model as fitted alone"
tap_is "$("$JSONGET" "$t/both.json" cox.ties cox.time_unit | tr '\n' ' ')" "efron days " \
	"both: and the Cox model beside it"

# A separated design (the endometrial data of Heinze and Schemper 2002: NV
# separates quasi-completely): the glm fit is replaced by Firth's, said so
# in the text and the JSON; R's reference is brglm2's AS_mean fit.
fit firth --outcome HG --features NV,PI,EH "$datadir/endometrial.csv"
check_coefs "$t/firth.json" model endometrial_firth 1e-6 firth
tap_is "$("$JSONGET" "$t/firth.json" model.firth model.firth_reason model.separation \
	model.separation_terms | tr '\n' ' ')" 'true separation quasi-complete ["NV"] ' \
	"firth: separation found on NV, Firth's fit used as the fallback (JSON)"
says firth "quasi-complete separation on NV" "that NV separates the outcome"
says firth "Firth's penalised likelihood was used instead (automatic fallback)" \
	"that Firth's fit replaced the glm one"
fit firth_asked --outcome HG --features NV,PI,EH --firth "$datadir/endometrial.csv"
tap_is "$("$JSONGET" "$t/firth_asked.json" model.firth model.firth_reason | tr '\n' ' ')" \
	"true requested " "firth_asked: --firth says it was requested"

# --tables DIR: the coefficients, calibration and lift as CSV.
ck_run "$t" model $dates --outcome churned=Yes --reference plan=pro --features "$feat" --cox \
	--tables "$t/tables" "$data"
tap_is "$(cat "$t/exit"):$(ls "$t/tables" | tr '\n' ' ')" \
	"0:calibration.csv coefficients.csv cox_coefficients.csv cv_calibration.csv lift.csv " \
	"tables: five CSV files"
tap_is "$(head -n 1 "$t/tables/cv_calibration.csv"):$(wc -l <"$t/tables/cv_calibration.csv" | tr -d ' ')" \
	"decile,n,mean_predicted,observed_rate,min_predicted,max_predicted:11" \
	"tables: the cross-validated calibration as calibration.csv, ten deciles"
tap_is "$(head -n 1 "$t/tables/coefficients.csv")" \
	"term,estimate,se,z,p,odds_ratio,or_lower,or_upper,aliased,method" \
	"tables: the coefficients' header, with the method column"
want=$(grep -v '^#' "$fixdir/cli_outcome.coef.csv" | awk -F, 'NR == 3 { print $1, $2 }')
got=$(awk -F, 'NR == 3 { print $1, $2 }' "$t/tables/coefficients.csv")
near "${got#* }" "${want#* }" 1e-6 && [ "${got%% *}" = "${want%% *}" ]
tap_ok $? "tables: a coefficient row as R has it ($got)"
tap_is "$(wc -l <"$t/tables/lift.csv" | tr -d ' '):$(tail -n 1 "$t/tables/lift.csv" | cut -d, -f1,6)" \
	"11:10,1" "tables: ten lift rows, gains reaching 1"

# Term names that a spreadsheet would run are escaped in the tables.
printf 'id,=risk,churned\na,1,0\nb,2,1\nc,3,0\nd,4,1\ne,5,1\nf,0,0\ng,7,1\n' >"$t/formula.csv"
ck_run "$t" model --outcome churned --features =risk --folds 0 --tables "$t/ftab" "$t/formula.csv"
tap_is "$(cat "$t/exit"):$(cut -d, -f1 "$t/ftab/coefficients.csv" | tail -n 1)" "0:'=risk" \
	"tables: a term named =risk is written as '=risk"
tap_is "$(grep -c 'cross-validated' "$t/stdout")" "0" "--folds 0: no cross-validated AUC"
tap_is "$(ls "$t/ftab" | tr '\n' ' ')" "calibration.csv coefficients.csv lift.csv " \
	"--folds 0: no cross-validated calibration table"

# Cox with delayed entry: rows entering at their exit time have no time at
# risk; R's Surv(en, t, e) makes them NA and coxph leaves them out (see
# tests/data/model/entry_at_exit.R: coef -0.357206724536235 on n = 6).
fit entry_at_exit --id id --duration t --event e --entry en --cox --features x \
	"$datadir/entry_at_exit.csv"
got=$("$JSONGET" "$t/entry_at_exit.json" cox.n cox.rows_no_time_at_risk | tr '\n' ' ')
tap_is "$got" "6 2 " "entry_at_exit: 6 rows fitted, 2 left out for no time at risk"
near "$("$JSONGET" "$t/entry_at_exit.json" cox.coefficients.0.estimate)" \
	-0.357206724536235 1e-6
tap_ok $? "entry_at_exit: the coefficient is R's"
says entry_at_exit "Left out: 2 rows whose entry is not before the exit time" \
	"how many rows had no time at risk"


# A level in which every customer churned (rare8.csv: plan d, 8 of 200):
# quasi-complete separation on plan=d, found by the exact check on 0/1
# columns, Firth as the fallback with brglm2's estimates, said in the JSON,
# the text and the tables' method column.
fit rare8 --id id --outcome churned --features x,z,plan --tables "$t/r8tab" \
	"$datadir/rare8.csv"
tap_is "$("$JSONGET" "$t/rare8.json" model.separation model.separation_terms.0 model.firth \
	model.firth_reason | tr '\n' ' ')" "quasi-complete plan=d true separation " \
	"rare8: quasi-complete separation on plan=d, Firth because of it"
check_coefs "$t/rare8.json" model rare8_firth 1e-6 "rare8 (Firth)"
says rare8 "Note: quasi-complete separation on plan=d" "which term separates"
says rare8 "Firth's penalised likelihood was used instead (automatic fallback)" \
	"that Firth was used"
tap_is "$(head -n 1 "$t/r8tab/coefficients.csv" | cut -d, -f10):$(cut -d, -f10 \
	"$t/r8tab/coefficients.csv" | tail -n +2 | sort -u | tr '\n' ' ')" "method:firth " \
	"rare8: coefficients.csv says firth on every row"
fit r8glm --id id --outcome churned --features x,z --tables "$t/r8glm" "$datadir/rare8.csv"
tap_is "$(cut -d, -f10 "$t/r8glm/coefficients.csv" | tail -n +2 | sort -u)" "glm" \
	"no separation: coefficients.csv says glm"

# Cox with a level in which everyone churned early (coxsep.csv, plan d):
# coxph's test (|U I^-1| at the estimate) flags plan=d as possibly infinite.
fit coxsep --id id --duration t --event churned --cox --features x,z,plan "$datadir/coxsep.csv"
tap_is "$("$JSONGET" "$t/coxsep.json" cox.infinite.# cox.infinite.0 cox.any_infinite \
	| tr '\n' ' ')" "1 plan=d true " "coxsep: plan=d, and only it, may be infinite"
says coxsep "Warning: coefficient may be infinite: plan=d" "that plan=d may be infinite"
fit coxok --id id --duration t --event churned --cox --features x,z "$datadir/coxsep.csv"
tap_is "$("$JSONGET" "$t/coxok.json" cox.infinite.# cox.any_infinite | tr '\n' ' ')" \
	"0 false " "coxsep without plan: nothing flagged"

# Two rows (two2.csv): Firth's fit is saturated and converges, as brglm2's.
fit two2 --id id --outcome churned --features x "$datadir/two2.csv"
tap_is "$("$JSONGET" "$t/two2.json" model.converged model.firth | tr '\n' ' ')" "true true " \
	"two2: Firth's fit converges"
check_coefs "$t/two2.json" model two2_firth 1e-6 "two2 (Firth)"
grep -q "did not converge" "$t/two2.txt"
tap_ok $((!$?)) "two2: no convergence warning"

# A categorical term with a single level: not estimable, listed as such.
fit oneterm --id id --outcome churned --features x,one "$datadir/rare8.csv"
tap_is "$("$JSONGET" "$t/oneterm.json" model.constant_terms.0 model.reference_levels.# \
	| tr '\n' ' ')" "one 0 " "one-level term: in constant_terms, no reference level"
says oneterm "Not estimable (constant or collinear, as R's NA): one (one level: only)" \
	"that the one-level term is not estimable"

tap_done
