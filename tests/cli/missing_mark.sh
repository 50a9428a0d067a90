#!/bin/sh
# missing_mark.sh - one mark for a missing value in the terminal's text
# (docs/outputs.md, "Missing values"; include/churnkit/cell.h): survival,
# model and cohorts all print "NA", as R does.  The model's calibration
# table once printed "-" for an empty decile and the cohorts' tables "-" for
# an undefined rate, while survival printed "NA".

. "$top_srcdir/tests/lib.sh"

ck_tmpdir missing_mark
t=$ck_tmp

# Eight customers, half of them churned: the median's upper confidence
# limit is not reached (NA); eight rows leave deciles 5 and 10 empty.
printf 'id,signup,churn,churned,logins\n' >"$t/small.csv"
printf '%s\n' a,2024-01-01,2024-02-01,Yes,1 b,2024-01-01,,No,5 \
	c,2024-01-01,2024-03-15,Yes,2 d,2024-01-01,,No,7 e,2024-01-01,2024-02-20,Yes,3 \
	f,2024-01-01,,No,6 g,2024-01-01,,No,4 h,2024-01-01,2024-05-01,Yes,8 >>"$t/small.csv"

ck_run "$t" survival --id id --start signup --end churn --as-of 2024-06-30 "$t/small.csv"
tap_is "$(cat "$t/exit")" 0 "survival: exit 0"
tap_is "$(grep '^  median' "$t/stdout" | sed 's/;.*//')" "  median 121 days (95% CI 31 to NA)" \
	"survival: an upper limit not reached prints NA"
cp "$t/stdout" "$t/survival.txt"

ck_run "$t" model --id id --outcome churned=Yes --features logins "$t/small.csv"
tap_is "$(cat "$t/exit")" 0 "model: exit 0"
cp "$t/stdout" "$t/model.txt"
# The calibration table (the first table after its title): decile 5 empty.
calib=$(sed -n '/^Calibration by decile/,/^$/p' "$t/model.txt")
tap_is "$(printf '%s\n' "$calib" | awk '$1 == 5 || $1 == 10' | tr -s ' ')" \
	" 5 0 NA NA
 10 0 NA NA" "model: an empty calibration decile prints NA, not -"
lift=$(sed -n '/^Lift and cumulative gains/,/^$/p' "$t/model.txt")
tap_is "$(printf '%s\n' "$lift" | awk '$1 == 5 { print $4, $5 }')" "NA NA" \
	"model: an empty lift decile's rate and lift print NA"

# The same mark everywhere, and no other: no "nan", no lone "-" cell.
for f in survival model; do
	tap_is "$(grep -c -i -w 'nan' "$t/$f.txt")" 0 "$f: no nan in the text"
	tap_is "$(grep -c -E '(^| )-( |$)' "$t/$f.txt")" 0 "$f: no '-' cell"
done

# Cohorts: a rate with no customers at the start of the previous period.
printf 'id,signup,churn,mrr\na,2024-01-01,2024-02-10,10\nb,2024-01-20,,20\nc,2024-01-03,,5\n' \
	>"$t/cohorts.csv"
ck_run "$t" cohorts --id id --start signup --end churn --value mrr --as-of 2024-03-31 \
	--period 2024-02 "$t/cohorts.csv"
tap_is "$(cat "$t/exit")" 0 "cohorts: exit 0"
tap_is "$(grep -E '^  churn rate ' "$t/stdout" | tr -s ' ' | cut -d' ' -f5-)" "NA NA" \
	"cohorts: the undefined previous rate and its change print NA"
tap_is "$(sed '/^Notes:/,$d' "$t/stdout" | grep -c -E '(^| )-( |$)')" 0 \
	"cohorts: no '-' cell in the tables"
tap_is "$(grep -c 'NA = not defined' "$t/stdout")" 1 "cohorts: the legend names the mark"

tap_done
