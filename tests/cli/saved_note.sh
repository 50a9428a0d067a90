#!/bin/sh
# saved_note.sh - page 2's note on the MRR saved names what the churn
# probabilities are of (docs/findings.md): on durations in weeks with
# --horizon 26, "the probability of churning within 26 weeks"; with
# --outcome, a modelled probability with no time horizon; never the
# "within 12 months" the revenue figures assume when the scores have no
# horizon in months (found by the reviewer).  Telco extract (durations).

. "$top_srcdir/tests/lib.sh"

command -v pdftotext >/dev/null 2>&1 || { tap_ok 0 "# SKIP pdftotext is not installed"; tap_done; exit 0; }
ck_tmpdir saved_note
t=$ck_tmp
tel="$top_srcdir/tests/data/exports/telco_extract.csv"

note() { pdftotext -f 2 -l 3 "$1" - | tr '\n' ' ' | tr -s ' ' | grep -o 'MRR saved assumes[^)]*)'; }

ck_run "$t" report --id customerID --duration tenure --time-unit week --event Churn \
	--value MonthlyCharges --by Contract --features Contract,MonthlyCharges --horizon 26 \
	-o "$t/w.pdf" "$tel"
tap_is "$(cat "$t/exit")" 0 "durations in weeks, --horizon 26: exit 0"
n=$(note "$t/w.pdf")
case $n in
*"the probability of churning within 26 weeks, times MRR)"*) tap_ok 0 "the note: within 26 weeks" ;;
*) tap_ok 1 "the note: within 26 weeks: '$n'" ;;
esac
case $n in *"12 months"* | *"no time horizon"*) tap_ok 1 "the note: no 12 months, no 'no horizon'" ;;
*) tap_ok 0 "the note: no 12 months, no 'no horizon'" ;; esac

ck_run "$t" report --id customerID --duration tenure --time-unit month --event Churn \
	--value MonthlyCharges --by Contract --outcome Churn \
	--features Contract,MonthlyCharges,InternetService,TechSupport,SeniorCitizen -o "$t/o.pdf" "$tel"
tap_is "$(cat "$t/exit")" 0 "--outcome: exit 0"
n=$(note "$t/o.pdf")
case $n in
*"their modelled probability of Churn, which has no time horizon, times MRR)"*)
	tap_ok 0 "the note: an outcome's probability, no horizon" ;;
*) tap_ok 1 "the note: an outcome's probability, no horizon: '$n'" ;;
esac
case $n in *"12 months"*) tap_ok 1 "the note: no 12 months" ;; *) tap_ok 0 "the note: no 12 months" ;; esac

tap_done
