#!/bin/sh
# model_partial.sh - report and score keep the model that gives the scores
# when the other cannot be fitted (include/churnkit/model_run.h,
# keep_scoring; the reviewer's cases):
#   late.csv: nobody churns within 3 units, so the logistic model of churn
#   within 3 has no outcome, while the Cox model that scores --horizon fits;
#   coxfail.csv: the Cox model's one churner has no x, while the logistic
#   model of --outcome flag=1 fits.
# The model left out is named with its reason (stdout, JSON, PDF), and the
# two threads give the same bytes.  `model` still fails: it was asked for both.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir model_partial
t=$ck_tmp
d="$top_srcdir/tests/data/model_partial"
late="--id id --duration tenure --event churned=yes --value mrr --horizon 3 --features grp,x"

mkdir -p "$t/s" "$t/r" "$t/r1" "$t/m" "$t/f"
# shellcheck disable=SC2086
ck_run "$t/s" score $late -o "$t/s.csv" "$d/late.csv"
tap_is "$(cat "$t/s/exit")" 0 "score --horizon: exit 0 without the logistic model"
tap_is "$(sed 1d "$t/s.csv" | wc -l | tr -d ' ')" 103 "score: the 103 active customers are written"
tap_ok "$(grep -q '^Note: the logistic model cannot be fitted: none of the 200 customers' "$t/s/stdout"; echo $?)" \
	"score: says why the logistic model is left out"
tap_ok "$(grep -q 'from the Cox model on the same features' "$t/s/stdout"; echo $?)" \
	"score: the probabilities are the Cox model's"

# shellcheck disable=SC2086
ck_run "$t/r" report $late -o "$t/r.pdf" --json "$t/r.json" "$d/late.csv"
tap_is "$(cat "$t/r/exit")" 0 "report: exit 0"
tap_is "$("$JSONGET" "$t/r.json" cox.n) $("$JSONGET" "$t/r.json" model 2>/dev/null)" "200 " \
	"report --json: the Cox model, no logistic one"
tap_ok "$("$JSONGET" "$t/r.json" model_left_out | grep -q 'logistic model cannot be fitted'; echo $?)" \
	"report --json: model_left_out says why"
tap_is "$(grep -c 'No drivers, segments or at-risk pages' "$t/r/stdout")" 0 \
	"report: the segments and at-risk pages stay"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$t/r.pdf" "$t/r.txt"
	tap_ok "$(tr '\n' ' ' <"$t/r.txt" | grep -q 'Left out of this report: the logistic model cannot be fitted'; echo $?)" \
		"report PDF: the appendix names the model left out"
	tap_ok "$(grep -q 'At-risk accounts' "$t/r.txt"; echo $?)" "report PDF: the at-risk page is in"
fi
# shellcheck disable=SC2086
ck_run "$t/r1" report $late --threads 1 -o "$t/r1.pdf" --json "$t/r1.json" "$d/late.csv"
tap_ok "$(cmp -s "$t/r.json" "$t/r1.json"; echo $?)" "report --threads 1: the same JSON"

# shellcheck disable=SC2086
ck_run "$t/m" model $late "$d/late.csv"
tap_is "$(cat "$t/m/exit")" 1 "model: still fails (the logistic model was asked for)"

ck_run "$t/f" report --id id --duration tenure --event churned=yes --outcome flag=1 \
	--features grp,x --cox -o "$t/f.pdf" --json "$t/f.json" "$d/coxfail.csv"
tap_is "$(cat "$t/f/exit")" 0 "report --outcome --cox: exit 0 when the Cox model fails"
tap_ok "$([ -n "$("$JSONGET" "$t/f.json" model.n)" ] && ! "$JSONGET" "$t/f.json" cox >/dev/null 2>&1; echo $?)" \
	"report --json: the logistic model, no Cox one"
tap_ok "$("$JSONGET" "$t/f.json" model_left_out | grep -q 'Cox model cannot be fitted'; echo $?)" \
	"report --json: model_left_out names the Cox model"
tap_is "$(grep -c 'No drivers, segments or at-risk pages' "$t/f/stdout")" 0 \
	"report: the logistic model's pages stay"
tap_done
