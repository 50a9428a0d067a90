#!/bin/sh
# --push-down for the logistic model (issue 16 item 2): `churnkit model --db
# ... --push-down` has PostgreSQL compute, per IRLS iteration, X'WX, X'Wz
# and the deviance at the coefficients churnkit sends (docs/scaling.md), and
# fits with the row path's IRLS (logit_fit_remote).  Its numbers equal the
# row path's (the same command without --push-down) within 1e-9 relative:
# every coefficient's estimate, standard error, z, p and odds-ratio
# interval, the deviance, null deviance, AIC, log-likelihood, AUC and Brier
# score; the counts, the iterations, the reference levels, the aliased and
# separated terms are equal.  Cases: --horizon and --outcome (a yes/no flag
# and COL=VALUE), factors with --reference, a numeric column made
# categorical, log(), a feature with missing values (rows left out and
# counted), typed columns (boolean, integer, numeric), a separated level;
# the comparison itself catches a coefficient off by 1e-7 relative; a bad
# outcome value stops the run (exit 1); the options that need the rows are
# refused (exit 2).  The server is the suite's or the test's own
# (tests/pg/pgtest.sh), else SKIP.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg/pgtest.sh"
. "$top_srcdir/tests/pg/pushdown_lib.sh"
pd_setup pushdown_model

# The values compared: the scalars, then each coefficient's fields.
scalars="n events rows rows_missing rows_too_recent converged iterations deviance
null_deviance aic loglik rank auc brier separation separation_terms reference_levels
aliased constant_terms firth"
coef_fields="term estimate se z p odds_ratio or_lower or_upper aliased"

# values FILE: one line per compared value, "path value".
values() {
	for k in $scalars; do
		printf 'model.%s %s\n' "$k" "$("$JSONGET" "$1" "model.$k")"
	done
	nc=$("$JSONGET" "$1" "model.coefficients.#")
	i=0
	while [ "$i" -lt "${nc:-0}" ]; do
		for f in $coef_fields; do
			printf 'model.coefficients.%s.%s %s\n' "$i" "$f" \
				"$("$JSONGET" "$1" "model.coefficients.$i.$f")"
		done
		i=$((i + 1))
	done
}

# agree A B: 0 when the values of JSON files A and B are equal, numbers
# within 1e-9 relative (1e-300 absolute near 0); the differences on stdout.
agree() {
	values "$1" >"$1.v"
	values "$2" >"$2.v"
	paste -d ' ' "$1.v" "$2.v" | awk '
	function num(s) { return s ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ }
	{
		n = NF / 2
		a = ""; b = ""
		for (i = 2; i <= n; i++) a = a " " $i
		for (i = n + 2; i <= NF; i++) b = b " " $i
		if ($1 != $(n + 1)) { print "paths differ: " $1 " " $(n + 1); bad = 1; next }
		if (n == 2 && num($2) && num($4)) {
			d = $2 - $4; d = d < 0 ? -d : d
			m = ($2 < 0 ? -$2 : $2); m2 = ($4 < 0 ? -$4 : $4); if (m2 > m) m = m2
			if (d > 1e-9 * m + 1e-300) { print $1 ": " $2 " vs " $4; bad = 1 }
		} else if (a != b) { print $1 ":" a " vs" b; bad = 1 }
	}
	END { exit bad }'
}

# close NAME ARGS...: model ARGS from the rows (--db, the view) and with
# --push-down; both succeed and agree.
close() {
	name=$1
	shift
	rm -rf r p && mkdir r p
	ck_run r model "$@" --db "$db" --table "$table" --json r/out.json
	ck_run p model "$@" --db "$db" --table "$table" --json p/out.json --push-down
	tap_is "$(cat r/exit) $(cat p/exit)" "0 0" "$name: both runs succeed"
	[ "$(cat p/exit)" = 0 ] || tap_diag "$(cat p/stderr)"
	agree r/out.json p/out.json >diffs
	tap_ok $? "$name: the fit from the database's sums equals the rows' (1e-9)"
	[ -s diffs ] && tap_diag "$(head -5 diffs)"
	cp p/out.json "last.json"
	cp r/out.json "last_rows.json"
}

table=customers
feat="contract,channel,plan,log(mrr),logins_30d,support_tickets_90d,late_payments_12m,onboarding_completed"
# 1. The issue's model: --horizon 12 (months), factors, log(mrr), numbers.
# shellcheck disable=SC2086
close "--horizon 12" $map --features "$feat" --horizon 12
tap_is "$("$JSONGET" last.json model.rows_too_recent model.n | tr '\n' ' ')" "2288 2712 " \
	"--horizon 12: 2288 too recent, 2712 customers used (as the rows' run)"
tap_is "$("$JSONGET" last.json model.calibration model.lift model.cv_auc | tr '\n' ' ')" \
	"null null null " "--push-down: calibration, lift and cross-validated AUC are null"
grep -q "left out with --push-down" p/stdout
tap_ok $? "--push-down: the text says cross-validation is left out"
grep -q "Calibration and lift by decile: not computed with --push-down" p/stdout
tap_ok $? "--push-down: the text says calibration and lift are not computed"

# 2. The comparison catches a coefficient 1e-7 off (relative): the test
# would fail if a sum were wrong in its last digits but six.
awk '/"estimate": / && ++k == 4 {
	v = $2; sub(/,$/, "", v); sub(/"estimate": .*/, sprintf("\"estimate\": %.17g,", v * (1 + 1e-7)))
} { print }' last.json >bent.json
cmp -s last.json bent.json
tap_is $? 1 "the bent copy differs from the JSON"
agree last_rows.json bent.json >/dev/null
tap_is $? 1 "a coefficient 1e-7 off is caught by the comparison"

# 3. Other reference levels, a numeric column as factor (--categorical:
# its levels are texts, nps=10 before nps=2, as the loader keeps them) with
# missing values (nps: 766 blanks, rows left out), a chosen as-of.
# shellcheck disable=SC2086
close "--reference, --categorical, missing nps" $map --as-of 2026-12-31 \
	--features "contract,plan,nps,support_tickets_90d,log(mrr)" --horizon 6 \
	--reference contract=monthly --reference plan=Pro --categorical nps --reference nps=5
tap_ok "$([ "$("$JSONGET" last.json model.rows_missing)" -gt 0 ] && echo 0 || echo 1)" \
	"missing nps: rows left out and counted"

# 4. --outcome: a yes/no flag, and COL=VALUE.
# shellcheck disable=SC2086
close "--outcome flag" $map --outcome onboarding_completed \
	--features "contract,channel,log(mrr),logins_30d" --folds 0
# shellcheck disable=SC2086
close "--outcome COL=VALUE" $map --outcome contract=monthly \
	--features "channel,plan,log(mrr),support_tickets_90d,nps"

# 5. Typed columns: a boolean, an integer and a numeric column, as COPY
# sends them to the rows' path ('t'/'f', 12, 59.14).
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || tap_bail "cannot make typed"
DROP TABLE IF EXISTS typed;
CREATE TABLE typed AS SELECT customer_id, signup_date::date AS signup_date,
	NULLIF(churn_date, '')::date AS churn_date, contract,
	onboarding_completed = 'yes' AS onboarded, logins_30d::int AS logins_30d,
	mrr::numeric(12, 2) AS mrr FROM customers;
SQL
table=typed
# shellcheck disable=SC2086
close "boolean, integer, numeric and date columns" $map \
	--features "contract,onboarded,logins_30d,log(mrr)" --horizon 12
table=customers

# 6. A separated level: every 'delivery' customer churned within the
# horizon.  The checks find the same separation on the same term; the rows'
# run refits by Firth, the database's cannot (it needs each row's
# leverage) and says so: the separation fields are compared.
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || tap_bail "cannot make sep"
DROP VIEW IF EXISTS sep;
CREATE VIEW sep AS SELECT customer_id, signup_date, CASE WHEN industry = 'delivery'
	THEN (signup_date::date + 30)::text ELSE churn_date END AS churn_date, industry,
	logins_30d FROM customers WHERE signup_date < '2025-06-01';
SQL
rm -rf r p && mkdir r p
# shellcheck disable=SC2086
ck_run r model $map --features industry,logins_30d --horizon 12 --db "$db" --table sep \
	--json r/out.json
# shellcheck disable=SC2086
ck_run p model $map --features industry,logins_30d --horizon 12 --db "$db" --table sep \
	--json p/out.json --push-down
tap_is "$(cat r/exit) $(cat p/exit)" "0 0" "separated level: both runs succeed"
tap_is "$("$JSONGET" p/out.json model.separation model.separation_terms model.firth | tr '\n' ' ')" \
	"$("$JSONGET" r/out.json model.separation model.separation_terms | tr '\n' ' ')false " \
	"separated level: the same separation on the same term; no Firth refit"
grep -q "Firth's refit is left out" p/stdout
tap_ok $? "separated level: the text says Firth's refit is left out"

# 7. A bad outcome value stops the run with the count (exit 1).
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || tap_bail "cannot make badflag"
DROP VIEW IF EXISTS badflag;
CREATE VIEW badflag AS SELECT customer_id, signup_date, churn_date, contract,
	CASE WHEN customer_id = 'C000002' THEN 'maybe' ELSE onboarding_completed END AS flag
	FROM customers;
SQL
rm -rf out && mkdir out
# shellcheck disable=SC2086
ck_run out model $map --features contract --outcome flag --db "$db" --table badflag \
	--push-down
tap_is "$(cat out/exit)" 1 "a value that is not yes/no in --outcome: exit 1"
grep -q "1 of 5000 rows would be bad rows (0 missing value, 1 not a yes/no value" out/stderr
tap_ok $? "a value that is not yes/no: counted"

# 8. What needs the rows is refused (exit 2), naming the option.
for o in --cox --firth --impute "--folds 5" "--decimal ," "--weight mrr"; do
	# shellcheck disable=SC2086
	refuses "$o" "does not support ${o%% *}" model $map --features contract --horizon 12 \
		$o --db "$db" --table customers --push-down
done

# 9. A column of numbers with a currency sign, which the loader reads as
# numbers and plain SQL would take for text, is refused.
"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || tap_bail "cannot make cur"
DROP VIEW IF EXISTS cur;
CREATE VIEW cur AS SELECT customer_id, signup_date, churn_date, contract,
	'$' || mrr AS price FROM customers;
SQL
# shellcheck disable=SC2086
refuses "a currency column" "reads plain numbers only, and 5000 values of column \"price\"" \
	model $map --features contract,price --horizon 12 --db "$db" --table cur --push-down

tap_done
