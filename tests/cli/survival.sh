#!/bin/sh
# survival.sh - `churnkit survival` end to end (TAP).
#
# Every number is checked against R (survival 3.5-3): make_fixtures.R in
# tests/fixtures/survival/ read the same CSV files (tests/data/survival/)
# and wrote cli_NAME.expect, one "path,value" line per JSON value; this test
# runs the command with --json and compares each path at 1e-9 relative
# (1e-9 absolute where R says 0; null where R says NA).
#
#   dates.csv       dates (time in days, censored at as-of), --by plan
#                   (4 levels: pairwise) and --by region (with blanks);
#                   --times in months converted to days; --conf-type log
#                   and plain; --conf-level; --rmst-tau; --rho 1; --entry
#                   with rows whose entry is on as-of (no time at risk)
#   durations.csv   --duration/--event=VALUE, --weight (some 0), --entry,
#                   rows of tenure 0 that have no time at risk
#   telco.csv       IBM's Telco sample: tenure in months, Churn = Yes, by
#                   Contract (the p-value underflows: log p)
#   cities.csv      300 made-up customers (a seeded generator, once): tenure
#                   in months, by city (Bogotá, Kraków, 台北, ...) and by
#                   payment (long names); one city and two payments blank.
#                   Only the text layout and the blank counts are checked.
# Then the text, --tables (files, numbers, formula escaping), --json -,
# a report definition, the layout of the text (display columns, decimals,
# plurals), tests that cannot be made (everyone censored, everyone churned
# on day 0), and the usage and data errors with their exit codes.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir survival
t=$ck_tmp
data=$top_srcdir/tests/data/survival
fix=$top_srcdir/tests/fixtures/survival
cd "$data" || tap_bail "cannot enter $data"

dates="--id id --start signup --end churn --as-of 2024-12-31"
durs="--id id --duration tenure --event status=churned --weight wt --entry entry"
telco="--id customerID --duration tenure --event Churn=Yes"

# agree NAME JSON: every path of cli_NAME.expect read back from JSON and
# compared with R's value; one TAP line.
agree() {
	name=$1
	json=$2
	awk 'f; /^path,value$/ { f = 1 }' "$fix/cli_$name.expect" >"$t/$name.expected"
	cut -d, -f1 "$t/$name.expected" >"$t/$name.paths"
	n=$(wc -l <"$t/$name.paths")
	xargs "$JSONGET" "$json" <"$t/$name.paths" >"$t/$name.got" 2>"$t/$name.err"
	status=$?
	if [ "$status" -ne 0 ] || [ "$(wc -l <"$t/$name.got")" -ne "$n" ]; then
		tap_ok 1 "$name: all $n paths of the R fixture exist in the JSON"
		head -n 5 "$t/$name.err" | sed 's/^/# /'
		return
	fi
	paste -d, "$t/$name.expected" "$t/$name.got" | awk -F, -v min="$3" '
	function isnum(s) { return s ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ }
	{
		want = $2; got = $3; okay = 0
		if (isnum(want) && isnum(got)) {
			d = got - want; if (d < 0) d = -d
			s = want < 0 ? -want : want
			okay = (s == 0) ? d <= 1e-9 : d <= 1e-9 * s
		} else
			okay = want == got
		if (!okay) { bad++; if (bad <= 5) printf "# %s: got %s, R %s\n", $1, got, want }
		n++
	}
	END { printf "# %d values compared\n", n; exit bad > 0 || n < min }'
	tap_ok $? "$4"
}

# want NAME PATH: R's value of PATH in cli_NAME.expect.
want() {
	awk -F, -v p="$2" '$1 == p { print $2 }' "$fix/cli_$1.expect"
}

# near GOT WANT DESCRIPTION: comma-separated numbers equal at 1e-9 relative.
near() {
	awk -v got="$1" -v want="$2" 'BEGIN {
		n = split(got, g, ","); m = split(want, w, ",")
		if (n != m) exit 1
		for (k = 1; k <= n; k++) {
			d = g[k] - w[k]; if (d < 0) d = -d
			s = w[k] < 0 ? -w[k] : w[k]
			if (g[k] == "" || (s == 0 ? d > 1e-9 : d > 1e-9 * s)) exit 1
		}
	}'
	status=$?
	tap_ok $status "$3"
	[ $status -eq 0 ] || tap_diag "got '$1', R '$2'"
}

# --- dates: the defaults ---------------------------------------------------
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by plan --by region --json "$t/dates.json" \
	--tables "$t/tables" dates.csv
tap_is "$(cat "$t/exit")" 0 "dates: exit 0"
tap_is "$(cat "$t/stderr")" "" "dates: nothing on stderr"
agree dates "$t/dates.json" 10000 \
	"dates: every step of every curve (all, 4 plans, 3 regions), medians, quartiles, RMST, survival at 3,6,12,24 months, log-rank with pairwise BH, hazard by month, early share, follow-up: as R"
tap_is "$("$JSONGET" "$t/dates.json" survival.time_unit survival.times_unit \
	survival.times_given survival.curves.0.at_times.0.time survival.conf_type \
	survival.hazard.month_length | tr '\n' ' ')" \
	"days months [3,6,12,24] 91.3125 log-log 30.4375 " \
	"dates: time in days; --times (default 3,6,12,24) in months of 30.4375 days"

out=$t/stdout
missing=
for s in "customers used of 400 rows read (0 rejected), as of 2024-12-31" \
	"Time: days from signup to churn, or to 2024-12-31" \
	"in months of 365.25/12 = 30.4375 days" "Kaplan-Meier, log-log 95% intervals" \
	"Median follow-up (reverse Kaplan-Meier):" "All customers: 400 customers" \
	"plan = -legacy: " "region = south: " "Log-rank test by plan: chi-square" \
	"Log-rank test by region: chi-square" \
	"pairwise, p adjusted by Benjamini-Hochberg over the 6 pairs:" "-legacy vs basic" \
	"Findings (p below 0.05" "Churn hazard by tenure month" \
	"Share of churn at tenure <= 90 days: "; do
	grep -F -q -e "$s" "$out" || missing="$missing [$s]"
done
tap_is "$missing" "" "dates: the text has every section (curves, tests, pairwise, findings, hazard)"
# The table at --times: months, days, then n at risk and S as R (rounded).
row=$(awk '/^All customers/ { f = 1 } f && $1 == 12 { print $1, $2, $3, $4, $5; exit }' "$out")
wantrow=$(printf '12 365.2 %s %s %.4f' "$(want dates survival.curves.0.at_times.2.n_risk)" \
	"$(want dates survival.curves.0.at_times.2.n_event)" \
	"$(want dates survival.curves.0.at_times.2.surv)")
tap_is "$row" "$wantrow" "dates text: the row at 12 months (365.2 days): at risk, churned, S as R"
median=$(want dates survival.curves.0.median)
grep -q -F "  median $median days (95% CI $(want dates survival.curves.0.median_lower) to $(want dates survival.curves.0.median_upper))" "$out"
tap_ok $? "dates text: the median ($median days) and its interval as R"

# Findings: pairs with adjusted p < --alpha and both groups >= --min-n, the
# faster one first with the ratio of the pair's O/E (R's pairwise survdiff).
ratio=$(awk -v oa="$(want dates survival.logrank.0.pairwise.2.observed_a)" \
	-v ea="$(want dates survival.logrank.0.pairwise.2.expected_a)" \
	-v ob="$(want dates survival.logrank.0.pairwise.2.observed_b)" \
	-v eb="$(want dates survival.logrank.0.pairwise.2.expected_b)" \
	-v pa="$(want dates survival.logrank.0.pairwise.2.p_adjusted)" \
	'BEGIN { printf "%.1fx as fast as team (O/E %.2f vs %.2f; adjusted p ", (oa / ea) / (ob / eb), oa / ea, ob / eb
		# p-values in the text: format.pval of R, 3 digits, <2e-16 (fmtnum.h)
		if (pa + 0 < 2.220446e-16) printf "< 2e-16"; else printf "= %.3g", pa }')
grep -q -F "  plan: -legacy churns $ratio)" "$out"
tap_ok $? "dates findings: -legacy churns $ratio) as R's pairwise test"
tap_is "$(grep -c '^  plan: ' "$out") $(grep -c '^  region: ' "$out")" "6 0" \
	"dates findings: all 6 plan pairs differ (adjusted p < 0.05), no region pair does"
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by plan --by region --min-n 50 dates.csv
tap_is "$(grep -c '^  plan: ' "$t/stdout") $(grep -c -e '-legacy churns' "$t/stdout")" "3 0" \
	"findings: --min-n 50 leaves out the pairs with the 42-customer -legacy plan"
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by plan --alpha 0.01 dates.csv
tap_is "$(grep -c '^  plan: ' "$t/stdout") $(grep -c -e 'as fast as basic' "$t/stdout")" "5 0" \
	"findings: --alpha 0.01 leaves out -legacy vs basic (adjusted p 0.047)"
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by region --alpha 0.5 --min-n 1 dates.csv
grep -q -F "  none: no two groups differ at that level." "$t/stdout"
tap_ok $? "findings: none for region even at --alpha 0.5 (adjusted p 0.80)"
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by region --min-n 0 dates.csv
tap_is "$(cat "$t/exit")" 2 "--min-n 0: exit 2 (a group needs at least one customer)"

# --tables
tab=$t/tables
missing=
for f in survival_curves.csv survival_steps.csv survival_plan_01_-legacy_steps.csv \
	survival_plan_02_basic_steps.csv survival_region_03_south_steps.csv \
	survival_at_risk.csv survival_hazard.csv survival_logrank.csv survival_pairwise.csv; do
	[ -s "$tab/$f" ] || missing="$missing $f"
done
tap_is "$missing" "" "--tables: curves, steps per curve, at-risk table, hazard, log-rank, pairwise"
near "$(($(wc -l <"$tab/survival_steps.csv") - 1)),$(sed -n 2p "$tab/survival_steps.csv" | cut -d, -f1-5)" \
	"$(want dates 'survival.curves.0.steps.#'),$(want dates survival.curves.0.steps.0.time),$(want dates survival.curves.0.steps.0.n_risk),$(want dates survival.curves.0.steps.0.n_event),$(want dates survival.curves.0.steps.0.n_censor),$(want dates survival.curves.0.steps.0.surv)" \
	"--tables: survival_steps.csv has R's steps"
tap_is "$(grep -c "^plan,'-legacy," "$tab/survival_curves.csv"),$(grep -c '^plan,-legacy' "$tab/survival_curves.csv")" \
	"1,0" "--tables: a level beginning with - is escaped (a leading ') in the cells"
got=$(awk -F, '$1 == "plan" && $7 == "basic" { print $4 "," $10; exit }' "$tab/survival_logrank.csv")
near "$got" "$(want dates survival.logrank.0.chisq),$(want dates survival.logrank.0.groups.1.expected)" \
	"--tables: survival_logrank.csv chi-square and expected as R"
got=$(awk -F, 'NR > 1 && $1 == "" && $3 == 3 { print $4 "," $5; exit }' "$tab/survival_at_risk.csv")
tap_is "$got" "$(want dates survival.curves.0.at_times.0.time),$(want dates survival.curves.0.at_times.0.n_risk)" \
	"--tables: survival_at_risk.csv at 3 months = 91.3125 days with R's n at risk"
tap_is "$(sed -n 2p "$tab/survival_hazard.csv" | cut -d, -f1-5)" \
	"0,0,30.4375,$(want dates survival.hazard.months.0.n_risk),$(want dates survival.hazard.months.0.n_event)" \
	"--tables: survival_hazard.csv month 0 as R"

# --- dates: interval types, level, tau, times, Peto-Peto -----------------------
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by plan --conf-type log --conf-level 0.9 \
	--times 1,2.5,6,12,18,36 --rmst-tau 18 --json "$t/log.json" dates.csv
tap_is "$(cat "$t/exit")" 0 "--conf-type log: exit 0"
agree dates_log "$t/log.json" 3000 \
	"--conf-type log --conf-level 0.9 --times 1,2.5,6,12,18,36 --rmst-tau 18 (months -> days): as R"
grep -q -F "Kaplan-Meier, log 90% intervals" "$t/stdout" && grep -q -F "RMST to 547.9 days" "$t/stdout"
tap_ok $? "--conf-type log: the text names the interval type and RMST to 18 months = 547.9 days"
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by plan --conf-type plain --rho 1 --json "$t/plain.json" dates.csv
tap_is "$(cat "$t/exit")" 0 "--conf-type plain --rho 1: exit 0"
agree dates_plain_rho1 "$t/plain.json" 3000 \
	"--conf-type plain (clipped to [0, 1]) and --rho 1 (Peto-Peto, pairwise BH): as R"
grep -q -F "Peto-Peto test by plan" "$t/stdout"
tap_ok $? "--rho 1: the text says Peto-Peto"

# --- dates with delayed entry ----------------------------------------------------
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by plan --entry observed_from --json "$t/entry.json" dates.csv
tap_is "$(cat "$t/exit")" 0 "--entry: exit 0 although some rows have no time at risk"
agree dates_entry "$t/entry.json" 3000 "--entry: risk sets from entry, curves and log-rank as R"
nx=$(want dates_entry survival.rows_excluded.entry_not_before_exit)
tap_is "$nx" 9 "--entry: R leaves out 9 rows (entry on as-of, or churn on the signup day)"
grep -q -F "$nx rows left out: entry not before the exit time, so no time at risk." "$t/stdout"
tap_ok $? "--entry: the text says how many rows were left out and why"
grep -q -i "record" "$t/stdout" "$t/stderr"
tap_ok $((!$?)) "--entry: no record index anywhere"

# --- durations: weights, entry, an event value -----------------------------------
# shellcheck disable=SC2086
ck_run "$t" survival $durs --by segment --times 1,3,6,12 --json "$t/dur.json" \
	--tables "$t/durtab" durations.csv
tap_is "$(cat "$t/exit")" 0 "durations: exit 0"
agree durations "$t/dur.json" 2000 \
	"durations with --weight, --entry, --event status=churned, --by segment: as R"
tap_is "$("$JSONGET" "$t/dur.json" survival.time_unit survival.times_unit \
	survival.rows_excluded.entry_not_before_exit survival.curves.0.at_times.1.time | tr '\n' ' ')" \
	"as given as given 5 3 " "durations: time unit as given, --times not converted, 5 rows left out"
grep -q -F "5 rows left out: entry not before the exit time" "$t/stdout"
tap_ok $? "durations: the text says 5 rows were left out"
grep -q "^segment,'@partner," "$t/durtab/survival_curves.csv" &&
	[ -s "$t/durtab/survival_segment_01__partner_steps.csv" ]
tap_ok $? "durations --tables: @ escaped in cells, not in the file name (_partner)"

# --- Telco ---------------------------------------------------------------------
# shellcheck disable=SC2086
ck_run "$t" survival $telco --by Contract --times 1,6,12,24,48,72 --json "$t/telco.json" telco.csv
tap_is "$(cat "$t/exit")" 0 "telco: exit 0"
agree telco "$t/telco.json" 1200 \
	"telco: overall curve (every step), curves by Contract, log-rank with log p, pairwise, hazard by month: as R"
grep -q -F "Log-rank test by Contract: chi-square 2353 on 2 df, p < 2e-16 (log p = -1176.4)" "$t/stdout"
tap_ok $? "telco text: the log-rank line with log p when p underflows"

# --- --json -, a report definition ------------------------------------------------
# shellcheck disable=SC2086
ck_run "$t" survival $telco --json - telco.csv
tap_is "$(cat "$t/exit") $("$JSONGET" "$t/stdout" tool.name survival.n | tr '\n' ' ')" \
	"0 churnkit 7043 " "--json -: stdout is the JSON document alone"
ck_run "$t" survival --config "$top_srcdir/reports/quarterly.ini" --json "$t/ini.json" \
	"$top_srcdir/samples/customers.csv"
tap_is "$(cat "$t/exit") $("$JSONGET" "$t/ini.json" 'survival.logrank.#' \
	survival.logrank.0.by survival.logrank.1.by 'survival.logrank.0.pairwise.#' \
	'survival.logrank.1.pairwise.#' 'survival.curves.#' survival.times_given | tr '\n' ' ')" \
	"0 2 contract channel 3 15 10 [3,6,12,24] " \
	"--config reports/quarterly.ini: tests by contract (3 levels) and channel (6), times from the file"

# --- text layout: display columns, fixed decimals, plurals -------------------------
# cols: the text with every character replaced by as many ASCII characters as
# it takes display columns (2-byte UTF-8 -> w, CJK -> WW), so that byte
# offsets below are screen columns.  LC_ALL=C: sed works on bytes.
w1=$(printf '[\302-\337][\200-\277]')
w2=$(printf '[\344-\351][\200-\277][\200-\277]')
cols() {
	sed -e "s/$w2/WW/g" -e "s/$w1/w/g" "$1"
}
# aligned FILE COLUMN: the level table (header and rows) of the test by
# COLUMN: 1 line length; and its pairwise rows: 1 position each of
# "chi-square", "adjusted p" (numbers are right-aligned, so a column that
# lines up ends at the same screen column on every row).
aligned() {
	cols "$1" | awk -v by="$2" '
	/test by / { f = index($0, "test by " by ":") > 0; p = 0; next }
	f && /^  pairwise/ { p = 1; next }
	f && /^$/ { f = 0 }
	f && !p && /^  [^ ]/ && !/ customers? ha/ { len[length($0)] = 1 }
	f && p { c[index($0, "chi-square")] = 1; a[index($0, "adjusted p")] = 1 }
	END { printf "%d %d %d", n(len), n(c), n(a) }
	function n(x,   k, m) { m = 0; for (k in x) m++; return m }'
}
cities="--id id --duration months --event churned=yes"
# shellcheck disable=SC2086
ck_run "$t" survival $cities --by city --by payment --json "$t/cities.json" cities.csv
tap_is "$(cat "$t/exit") $(aligned "$t/stdout" city) $(aligned "$t/stdout" payment)" \
	"0 1 1 1 1 1 1" \
	"UTF-8 levels (Bogotá, Kraków, 台北: CJK two columns) and long ones (Bank transfer (automatic)): test and pairwise tables aligned"
grep -q -F "  1 customer has no city value: in the overall curve only" "$t/stdout" &&
	grep -q -F "  2 customers have no payment value: in the overall curve only" "$t/stdout"
tap_ok $? "blank --by values: the text counts them (singular and plural)"
tap_is "$("$JSONGET" "$t/cities.json" survival.by_missing.city survival.by_missing.payment \
	survival.logrank.0.missing survival.logrank.1.missing | tr '\n' ' ')" \
	"$(awk -F, 'NR > 1 { c += $4 == ""; p += $5 == "" } END { print c, p, c, p }' cities.csv) " \
	"blank --by values: by_missing and each test's missing count the blank cells of the CSV"
# shellcheck disable=SC2086
ck_run "$t" survival $telco --by Contract telco.csv
tap_is "$(aligned "$t/stdout" Contract)" "1 1 1" \
	"telco: the pairwise adjusted p lines up after 'p < 2e-16 (log p = -779.2)'"

# dates: 20 customers have no region; the expected column has two decimals
# (R's expected, rounded); pairwise findings say where their O/E come from.
# shellcheck disable=SC2086
ck_run "$t" survival $dates --by plan --by region dates.csv
out=$t/dates.txt
cp "$t/stdout" "$out"
nreg=$(awk -F, 'NR > 1 && $5 == "" { n++ } END { print n + 0 }' dates.csv)
grep -q -F "  $nreg customers have no region value: in the overall curve only" "$out"
tap_ok $? "dates: the text says the $nreg customers without a region are in the overall curve only"
tap_is "$("$JSONGET" "$t/dates.json" survival.by_missing.plan survival.by_missing.region \
	survival.logrank.0.missing survival.logrank.1.missing | tr '\n' ' ')" "0 $nreg 0 $nreg " \
	"dates --json: by_missing and the tests' missing: plan 0, region $nreg"
got=$(awk '/^Log-rank test by plan/ { f = 1; next } f && /^  level/ { next }
	f && /^  pairwise/ { exit } f { print $4 }' "$out" | tr '\n' ' ')
wantexp=
for g in 0 1 2 3; do
	wantexp="$wantexp$(printf '%.2f' "$(want dates "survival.logrank.0.groups.$g.expected")") "
done
tap_is "$got" "$wantexp" "dates text: expected per plan with two decimals, as R's rounded"
tap_is "$(grep -c '^  plan: .*; adjusted p [<=] [0-9.e-]*) in the two-group test$' "$out")" 6 \
	"dates findings: each pairwise finding says its O/E come from the two-group test"
printf 'id,d,e\na,3,1\n' >"$t/one.csv"
ck_run "$t" survival --duration d --event e "$t/one.csv"
grep -q -F "one.csv, 1 customer used of 1 row read (0 rejected)" "$t/stdout"
tap_ok $? "one row: '1 customer used of 1 row read'"

# --- tests that cannot be made ------------------------------------------------------
printf 'id,d,e,g\na,1,0,x\nb,2,0,y\nc,3,0,z\nd,4,0,x\ne,5,0,\n' >"$t/cens.csv"
ck_run "$t" survival --duration d --event e --by g --json "$t/cens.json" --tables "$t/censtab" \
	"$t/cens.csv"
tap_is "$(cat "$t/exit") $(grep -c -F 'Log-rank test by g: not tested: no churn in any group' "$t/stdout") $(grep -c -e '-1 df' -e 'Findings' "$t/stdout")" \
	"0 1 0" "all censored: the text says 'not tested: no churn in any group', no df -1, no findings"
tap_is "$("$JSONGET" "$t/cens.json" survival.logrank.0.chisq survival.logrank.0.p \
	survival.logrank.0.df survival.logrank.0.note survival.logrank.0.pairwise.0.df \
	survival.logrank.0.pairwise.0.p survival.logrank.0.pairwise.0.note | tr '\n' '|')" \
	"null|null|0|no churn in any group|0|null|no churn in any group|" \
	"all censored --json: chisq and p null, df 0, a note (also per pair)"
tap_is "$(grep -c '(not tested: no churn in any group)$' "$t/stdout") $(awk -F, 'NR == 2 { print $NF }' "$t/censtab/survival_logrank.csv")" \
	"3 no churn in any group" "all censored: every pair says not tested; --tables has the note"
printf 'id,d,e,g\na,0,1,x\nb,0,1,y\nc,0,1,y\n' >"$t/day0.csv"
ck_run "$t" survival --duration d --event e --by g --json "$t/day0.json" "$t/day0.csv"
tap_is "$(cat "$t/exit") $(grep -c -F 'Log-rank test by g: not tested: every customer at risk churned at each churn time (no variance)' "$t/stdout") $("$JSONGET" "$t/day0.json" survival.logrank.0.chisq survival.logrank.0.df | tr '\n' ' ')" \
	"0 1 null 0 " "all churned on day 0: not tested (no variance), chisq null and df 0, not 'chi-square NA on 1 df'"

printf 'id,d,e,g\na,1,1,x\nb,2,0,x\nc,3,1,x\nd,4,0,\n' >"$t/onelevel.csv"
ck_run "$t" survival --duration d --event e --by g --json "$t/onelevel.json" \
	--tables "$t/onetab" "$t/onelevel.csv"
tap_is "$(cat "$t/exit") $(grep -c -F 'No test by g: fewer than two groups with customers.' "$t/stdout")" \
	"0 1" "one level: the text says 'No test by g: fewer than two groups with customers.'"
tap_is "$("$JSONGET" "$t/onelevel.json" survival.logrank.0.by survival.logrank.0.chisq \
	survival.logrank.0.p survival.logrank.0.df survival.logrank.0.note \
	survival.logrank.0.missing | tr '\n' '|')" \
	"g|null|null|0|fewer than two groups with customers|1|" \
	"one level --json: a logrank entry for g with chisq and p null, df 0 and the text's note"
tap_is "$(awk -F, 'NR > 1 { print $1 "," $5 "," $NF }' "$t/onetab/survival_logrank.csv")" \
	"g,0,fewer than two groups with customers" "one level --tables: one logrank row with the note"

# --- usage errors and data errors ---------------------------------------------------
# err NAME EXIT MESSAGE ARGS...: exit status and the exact stderr line.
err() {
	name=$1
	code=$2
	msg=$3
	shift 3
	ck_run "$t" survival "$@"
	tap_is "$(cat "$t/exit"):$(cat "$t/stderr"):$(wc -c <"$t/stdout")" "$code:$msg:0" "$name"
}
err "no --start or --duration: exit 2" 2 \
	"churnkit: survival: say how long each customer stayed: --start COL (and --end COL) for dates, or --duration COL with --event COL[=VALUE] (usage: churnkit survival [options] DATA.csv)" \
	--id id dates.csv
err "--conf-type loglog: exit 2" 2 \
	"churnkit: --conf-type 'loglog': give log-log (the default), log or plain" \
	--start signup --conf-type loglog dates.csv
err "--rho 2: exit 2" 2 "churnkit: --rho '2': give 0 (log-rank) or 1 (Peto-Peto)" \
	--start signup --rho 2 dates.csv
err "--times with a word: exit 2" 2 \
	"churnkit: --times 'six': not a time >= 0 (give times such as 3,6,12,24, in months)" \
	--start signup --times 3,six dates.csv
err "--times negative (durations): exit 2" 2 \
	"churnkit: --times '-1': not a time >= 0 (give times such as 3,6,12,24, in the duration's unit)" \
	--duration tenure --event status=churned --times=3,-1 durations.csv
err "--rmst-tau 0: exit 2" 2 "churnkit: --rmst-tau '0': give a time above 0 in months" \
	--start signup --rmst-tau 0 dates.csv
err "--conf-level 1: exit 2" 2 \
	"churnkit: --conf-level '1': give a level above 0 and below 1, such as 0.95" \
	--start signup --conf-level 1 dates.csv
err "--times 1e308 with dates (overflows in days): exit 2" 2 \
	"churnkit: --times '1e308': too large: 1e308 months is more days than can be counted" \
	--start signup --times 3,1e308 dates.csv
err "--rmst-tau 1e308 with dates (overflows in days): exit 2" 2 \
	"churnkit: --rmst-tau '1e308': too large: 1e308 months is more days than can be counted" \
	--start signup --rmst-tau 1e308 dates.csv
# shellcheck disable=SC2086
ck_run "$t" survival $dates --times 1e300 --rmst-tau 1e300 dates.csv
tap_is "$(cat "$t/exit") $(grep -c 'Inf' "$t/stdout")" "0 0" \
	"--times and --rmst-tau 1e300 months: finite in days, allowed, no Inf printed"
ck_run "$t" survival --duration tenure --event status=churned --times 1e308 --rmst-tau 1e308 \
	durations.csv
tap_is "$(cat "$t/exit") $(grep -c 'Inf' "$t/stdout")" "0 0" \
	"durations: --times and --rmst-tau 1e308 are finite as given: allowed"
printf 'id,d,e,w\na,1,1,0\nb,2,0,0\n' >"$t/w0.csv"
err "every weight 0: exit 1" 1 \
	"churnkit: $t/w0.csv: no customer has a weight above 0 (--weight w)" \
	--duration d --event e --weight w "$t/w0.csv"
printf 'id,d,e,en\na,0,yes,\nb,0,no,0\n' >"$t/none.csv"
err "every row without time at risk: exit 1" 1 \
	"churnkit: $t/none.csv: no customer has time at risk: every row's entry is at or after its exit time" \
	--duration d --event e --entry en "$t/none.csv"
ck_run "$t" survival --duration d --event e "$t/none.csv"
tap_is "$(cat "$t/exit") $(grep -c 'All customers: 2 customers, 1 churned' "$t/stdout")" "0 1" \
	"the same rows without --entry: time 0 is a valid time (R's Surv(time, event))"
ck_run "$t" survival --help
grep -q -F "30.4375 days" "$t/stdout"
tap_is "$(cat "$t/exit")$?" "00" "--help: exit 0, says how months become days"

tap_done
