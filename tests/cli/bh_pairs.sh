#!/bin/sh
# bh_pairs.sh - the pairwise log-rank tests' Benjamini-Hochberg adjustment
# counts the pairs tested (TAP).
#
# tests/data/survival/bh_untested.csv: five groups A-E, D and E without
# churn, so the pair D vs E cannot be tested.  R's p.adjust(method = "BH")
# leaves its NA out and adjusts over the 9 other pairs
# (tests/fixtures/survival/bh_untested.R): A vs D 5.18e-05 x 9 = 0.000466.
# The text said "over the 10 pairs"; it names the 9 tested (of 10), and every
# adjusted p stays R's.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir bh_pairs
t=$ck_tmp
data=$top_srcdir/tests/data/survival/bh_untested.csv
expect=$top_srcdir/tests/fixtures/survival/bh_untested.expect
ck_run "$t" survival --id id --duration t --event e --by g "$data" --json "$t/s.json"
tap_is "$(cat "$t/exit")" 0 "survival: exit 0"
tap_is "$(grep -c 'pairwise, p adjusted by Benjamini-Hochberg over the 9 pairs tested (of 10):' \
	"$t/stdout")" 1 "the text counts the 9 pairs the adjustment used, of 10"
tap_is "$(grep -c 'over the 10 pairs' "$t/stdout")" 0 "no 'over the 10 pairs'"
# Each pair's p and adjusted p against R's, 1e-9 relative; D vs E null.
fail=0
q=0
grep -v '^#' "$expect" | while read -r a b chisq p padj; do
	got=$("$JSONGET" "$t/s.json" survival.logrank.0.pairwise.$q.a \
		survival.logrank.0.pairwise.$q.b survival.logrank.0.pairwise.$q.p \
		survival.logrank.0.pairwise.$q.p_adjusted | tr '\n' ' ')
	set -- $got
	if [ "$1 $2" != "$a $b" ]; then
		echo "pair $q: got $1 vs $2, want $a vs $b"
	elif [ "$padj" = nan ]; then
		[ "$3 $4" = "null null" ] || echo "pair $q ($a vs $b): got p $3, adjusted $4, want null"
	else
		awk -v g="$3" -v w="$p" -v ga="$4" -v wa="$padj" 'BEGIN {
			d = g - w; if (d < 0) d = -d; e = ga - wa; if (e < 0) e = -e;
			exit !(d <= 1e-9 * w && e <= 1e-9 * wa) }' ||
			echo "pair $q ($a vs $b): got p $3, adjusted $4; R: $p, $padj"
	fi
	q=$((q + 1))
done >"$t/diffs"
[ -s "$t/diffs" ] && { tap_diag "$(cat "$t/diffs")"; fail=1; }
tap_ok $fail "every pair's p and BH-adjusted p equal R's p.adjust over the 9 pairs tested"
tap_is "$(grep -v '^#' "$expect" | wc -l | tr -d ' ')" 10 "R's fixture lists the 10 pairs"
# With every pair tested the sentence keeps its plain form.
ck_run "$t" survival --id id --duration t --event e --by g --where 'g != E' "$data"
tap_is "$(grep -c 'over the 6 pairs:' "$t/stdout")" 1 "four groups, all pairs tested: 'over the 6 pairs'"
tap_done
