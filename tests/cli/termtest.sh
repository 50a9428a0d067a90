#!/bin/sh
# termtest.sh - the Wald test of a model term as a whole (termtest.h) in
# `churnkit model` and `churnkit report`, against R
# (tests/fixtures/model/make_termtests.R -> termtests.csv), and the driver
# rule that rests on it (docs/findings.md): a level of a categorical term
# is stated as a driver only when the term as a whole is significant.
# tests/data/findings/g8.csv is the review's case G8: `segment` (9 levels)
# is assigned at random, and one of its 8 dummies has p = 0.004 against the
# reference, while the term's test has p = 0.11; `plan` has a real effect.

. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cli/model_lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir termtest
t=$ck_tmp
tt="$fixdir/termtests.csv"
data="$datadir/churn.csv"
dates="--id customer_id --start signup_date --end churn_date --as-of 2026-06-30"

# check_terms JSON OBJ FIT: OBJ.term_tests of JSON against R's rows of FIT
# (term, chisq, df, p) in order, chisq and p within 1e-6, and their count.
check_terms() {
	rows=$(awk -F, -v f="$3" '$1 == f' "$tt")
	n=$(printf '%s\n' "$rows" | grep -c .)
	tap_is "$("$JSONGET" "$1" "$2.term_tests.#" 2>&1)" "$n" "$3: $n term tests, as R has"
	k=0
	while IFS=, read -r fit term chisq df p; do
		set -- "$1" "$2" $("$JSONGET" "$1" "$2.term_tests.$k.term" "$2.term_tests.$k.chisq" \
			"$2.term_tests.$k.df" "$2.term_tests.$k.p" 2>/dev/null)
		if [ "$3" = "$term" ] && [ "$5" = "$df" ] && near "$4" "$chisq" 1e-6 &&
			near "$6" "$p" 1e-6; then
			tap_ok 0 "$fit: the test of $term is R's (chisq $chisq on $df df) within 1e-6"
		else
			tap_ok 1 "$fit: the test of $term is R's (chisq $chisq on $df df) within 1e-6"
			tap_diag "got $3 $4 $5 $6"
		fi
		k=$((k + 1))
	done <<EOT
$rows
EOT
}

# Model-based covariance (glm), the HC0 sandwich (IPCW), Cox's; Firth's below.
ck_run "$t" model $dates --horizon 12 --features "plan,contract,log(mrr),tickets,nps" \
	--json "$t/hdates.json" "$data"
tap_is "$(cat "$t/exit")" 0 "hdates: exit 0"
check_terms "$t/hdates.json" model hdates
grep -q '^Wald tests of terms' "$t/stdout" && grep -q '^plan  *50\.578  *2 ' "$t/stdout"
tap_ok $? "hdates: the text prints the Wald tests of terms under the coefficients"
ck_run "$t" model --id customer_id --duration duration --event event --weight weight \
	--horizon 364 --features plan,contract,tickets --json "$t/hipcw.json" "$data"
check_terms "$t/hipcw.json" model hipcw
ck_run "$t" model $dates --cox --ties efron --features "plan,contract,log(mrr),tickets" \
	--json "$t/cox.json" "$data"
check_terms "$t/cox.json" cox cox
# A separated level: the fit falls back to Firth's, whose covariance it is.
ck_run "$t" model --id id --outcome churned --features x,z,plan --json "$t/rare8.json" \
	"$datadir/rare8.csv"
tap_is "$("$JSONGET" "$t/rare8.json" model.firth)" true "rare8: Firth's fit"
check_terms "$t/rare8.json" model rare8

# The report on G8: the model's tests are R's; segment's p is above 0.05,
# so no level of segment is a driver; plan's is below, and plan stays one.
g8="$top_srcdir/tests/data/findings/g8.csv"
ck_run "$t" report --id id --start signup --end churn --as-of 2026-06-30 --by segment \
	--value mrr --features 'segment,plan,log(mrr),tickets' --horizon 12 \
	-o "$t/g8.pdf" --json "$t/g8.json" "$g8"
tap_is "$(cat "$t/exit")" 0 "g8 report: exit 0"
check_terms "$t/g8.json" model g8
n=$("$JSONGET" "$t/g8.json" 'findings.#')
i=0 subjects=
while [ "$i" -lt "${n:-0}" ]; do
	if [ "$("$JSONGET" "$t/g8.json" "findings.$i.kind")" = driver ]; then
		subjects="$subjects$("$JSONGET" "$t/g8.json" "findings.$i.subject") "
	fi
	i=$((i + 1))
done
tap_is "$subjects" "plan " \
	"g8: plan (term p = 0.006) is a driver, segment (term p = 0.11, one level's p 0.004) is not"
case $(tr '\n' ' ' <"$t/stdout") in
*"segment = Agencies"*) tap_ok 1 "g8: no finding or action names segment = Agencies" ;;
*) tap_ok 0 "g8: no finding or action names segment = Agencies" ;;
esac
# The drivers page says each category's test beside the reference levels.
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$t/g8.pdf" - | tr '\n' ' ' | grep -q 'as a whole (Wald test): segment p = 0.11, plan p = 0.006'
	tap_ok $? "g8: the drivers page gives segment's and plan's tests as a whole"
fi
tap_done
