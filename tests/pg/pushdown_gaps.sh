#!/bin/sh
# --push-down where it disagreed with the row path (issue 16 item 2): each
# case runs the command from the rows (--db --table, no --push-down) and
# with --push-down, and checks that they agree or that the push-down
# refuses clearly (exit 2), never other numbers.
#  1. a model term's value beyond 1e15: both stop (exit 1), as design.c;
#  2. --outcome COL=VALUE that no row holds: both exit 2 with the listing;
#  3. a text --start holding dates in another form than yyyy-mm-dd (a time,
#     day/month/year): the row path reads them, the push-down refuses;
#  4. data.rows_used: the rows loaded, on both (the stage's own counts
#     say what it used);
#  5. cohorts --value: the MRR sums from SQL equal the row path's within
#     1e-9 relative, number by number (json_close); the value's checks
#     (not a number, negative, beyond 1e15: bad rows; a currency: refused).
# The server is the suite's or the test's own (tests/pg/pgtest.sh), else SKIP.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg/pgtest.sh"
. "$top_srcdir/tests/pg/pushdown_lib.sh"
pd_setup pushdown_gaps

# twice NAME ARGS...: ARGS from the rows into r_NAME, with --push-down
# into p_NAME (both --db).
twice() {
	name=$1
	shift
	rm -rf "r_$name" "p_$name" && mkdir "r_$name" "p_$name"
	ck_run "r_$name" "$@" --json "r_$name/out.json" --db "$db" --table "$table"
	ck_run "p_$name" "$@" --json "p_$name/out.json" --db "$db" --table "$table" --push-down
}

# edited TABLE COL LINE VALUE: the table TABLE, the sample with the value
# of column COL on data line LINE (from 1) replaced by VALUE.
edited() {
	awk -F, -v OFS=, -v col="$2" -v line="$3" -v val="$4" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i }
		NR == line + 1 && c > 0 { $c = val } { print }' "$csv" >"ed_$1.csv"
	pg_load_csv "$1" "$ck_tmp/ed_$1.csv" || tap_bail "cannot load $1"
}

# 1. mrr 2e15 on line 5 (a customer in the model's rows).
edited big mrr 5 2e15
table=big
# shellcheck disable=SC2086
twice big model $map --horizon 6 --features contract,mrr --folds 0
tap_is "$(cat r_big/exit) $(cat p_big/exit)" "1 1" "a term beyond 1e15: both stop (exit 1)"
grep -q 'column "mrr" holds 1 value beyond +-1e15' p_big/stderr
tap_ok $? "a term beyond 1e15: the push-down names the column"
tap_is "$(ls p_big | tr '\n' ' ')" "exit stderr stdout " "a term beyond 1e15: no JSON written"
# 1e400 is no number to num.h: the column is categorical on both paths
edited huge mrr 5 1e400
table=huge
# shellcheck disable=SC2086
twice huge model $map --horizon 6 --features 'contract,log(mrr)' --folds 0
tap_is "$(cat r_huge/exit) $(cat p_huge/exit)" "2 2" \
	"1e400: no number to either path: log(mrr) of a categorical column (exit 2)"
grep -q "log(mrr): column 'mrr' is categorical" p_huge/stderr
tap_ok $? "1e400: the push-down says mrr is categorical"
[ $? -eq 0 ] || tap_diag "$(cat p_huge/stderr)"

# 2. --outcome COL=VALUE that no row holds.
table=customers
# shellcheck disable=SC2086
twice unseen model $map --outcome onboarding_completed=maybe --features contract,mrr --folds 0
tap_is "$(cat r_unseen/exit) $(cat p_unseen/exit)" "2 2" "--outcome VALUE unseen: both exit 2"
grep -q "no row of postgresql:customers holds 'maybe' (case and blanks around are ignored); column 'onboarding_completed' holds 'yes' (3364), 'no' (1636)" p_unseen/stderr
tap_ok $? "--outcome VALUE unseen: the push-down lists what the column holds"
[ $? -eq 0 ] || tap_diag "$(cat p_unseen/stderr)"

# 3. Text dates in other forms: the loader reads them, the push-down
# refuses (exit 2, nothing written); yyyy-mm-dd text and an impossible
# yyyy-mm-dd date are read alike (tests/pg/pushdown.sh).
cat >forms.csv <<'CSV'
id,start,end,contract
a1,2024-01-05 08:00,,annual
a2,2024-02-05T10:00:00Z,2024-06-01 12:00,monthly
a3,2024-03-01,,annual
a4,2024-03-02,2024-05-01,monthly
CSV
cat >dmy.csv <<'CSV'
id,start,end,contract
a1,05/01/2024,,annual
a2,13/02/2024,01/06/2024,monthly
a3,01/03/2024,,annual
CSV
pg_load_csv forms "$ck_tmp/forms.csv" || tap_bail "cannot load forms"
pg_load_csv dmy "$ck_tmp/dmy.csv" || tap_bail "cannot load dmy"
for table in forms dmy; do
	twice "$table" survival --id id --start start --end end --by contract
	tap_is "$(cat "r_$table/exit") $(cat "p_$table/exit")" "0 2" \
		"$table: the rows' path reads the dates, the push-down refuses (exit 2)"
	grep -q "reads a text column's dates as yyyy-mm-dd only, and [0-9]* values of column 'start' are dates in another form" "p_$table/stderr"
	tap_ok $? "$table: the refusal names the column"
	tap_is "$(ls "p_$table" | tr '\n' ' ')" "exit stderr stdout " "$table: nothing written"
done
twice forms_c cohorts --id id --start start --end end --as-of 2024-12-31
tap_is "$(cat p_forms_c/exit)" 2 "cohorts: a time in a text date is refused too"
table=dmy
twice dmy_m model --id id --start start --end end --horizon 1 --features contract --folds 0
tap_is "$(cat p_dmy_m/exit)" 2 "model: day/month/year text dates are refused too"

# 4. data.rows_used: the loaded rows on both; the model's n is its own.
table=customers
# shellcheck disable=SC2086
twice used model $map --horizon 12 --features contract,mrr --folds 0
tap_is "$("$JSONGET" p_used/out.json data.rows_read data.rows_used model.n | tr '\n' ' ')" \
	"$("$JSONGET" r_used/out.json data.rows_read data.rows_used model.n | tr '\n' ' ')" \
	"data.rows_read, data.rows_used and model.n agree"

# 5. cohorts --value: the sums from SQL, number by number; the text.
# close NAME ARGS...: both succeed, the JSON within 1e-9, the text equal.
close() {
	name=$1
	shift
	twice "$name" "$@"
	tap_is "$(cat "r_$name/exit") $(cat "p_$name/exit")" "0 0" "$name: both runs succeed"
	[ "$(cat "p_$name/exit")" = 0 ] || tap_diag "$(cat "p_$name/stderr")"
	json_close "r_$name/out.json" "p_$name/out.json" >"$name.diffs"
	tap_ok $? "$name: the JSON from the sums equals the rows' (numbers within 1e-9)"
	[ -s "$name.diffs" ] && tap_diag "$(head -5 "$name.diffs")"
	sed 1d "r_$name/stdout" >"r_$name/text"
	sed 1d "p_$name/stdout" >"p_$name/text"
	cmp -s "r_$name/text" "p_$name/text"
	tap_ok $? "$name: the text from the sums equals the rows'"
}
# shellcheck disable=SC2086
close value cohorts $map --value mrr --by contract --by channel
grep -q '"mrr_start"' p_value/out.json
tap_ok $? "--value: the KPIs hold the MRR"
tap_is "$(printf '%.2f' "$("$JSONGET" p_value/out.json cohorts.rows.0.value)")" \
	"$(awk -F, 'NR > 1 && $2 ~ /^2023-11/ { s += $10 } END { printf "%.2f", s }' "$csv")" \
	"--value: the first cohort's MRR is the sample's sum (55131.41)"
# shellcheck disable=SC2086
close value_period cohorts $map --value mrr --by plan --as-of 2026-12-31 --period 2026Q2 \
	--exclude-same-period --min-n 50 --expansion-rate 0.3 --cac 400
# the comparison catches a number 1e-7 off (relative)
awk '/"value": [0-9]/ && ++k == 2 { v = $2; sub(/,$/, "", v)
	sub(/"value": .*/, sprintf("\"value\": %.17g,", v * (1 + 1e-7))) } { print }' \
	p_value/out.json >bent.json
json_close r_value/out.json bent.json >/dev/null
tap_is $? 1 "a value 1e-7 off is caught by the comparison"

# blanks are missing values on both paths
edited blankv mrr 7 ''
table=blankv
# shellcheck disable=SC2086
close blank cohorts $map --value mrr --by contract

# the value's rules: bad rows stop the push-down (exit 1, by rule); the
# rows' path leaves them out (exit 0)
for bad in "abc:not a number" "-5:negative value" "2e15:number too large"; do
	edited badv mrr 3 "${bad%%:*}"
	table=badv
	# shellcheck disable=SC2086
	twice badv cohorts $map --value mrr
	tap_is "$(cat r_badv/exit) $(cat p_badv/exit)" "0 1" "mrr ${bad%%:*}: a bad row (exit 1)"
	grep -q "1 of 5000 rows would be bad rows (1 ${bad#*:})" p_badv/stderr
	tap_ok $? "mrr ${bad%%:*}: counted as '${bad#*:}'"
	[ $? -eq 0 ] || tap_diag "$(cat p_badv/stderr)"
done
edited cur mrr 3 '$59.00'
table=cur
# shellcheck disable=SC2086
twice cur cohorts $map --value mrr
tap_is "$(cat r_cur/exit) $(cat p_cur/exit)" "0 2" "mrr \$59.00: read by the rows' path, refused by the push-down"
grep -q "reads plain numbers only, and 1 values of --value mrr" p_cur/stderr
tap_ok $? "mrr \$59.00: the refusal says why"

tap_done
