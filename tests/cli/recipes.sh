#!/bin/sh
# recipes.sh - the README's "Recipes for real exports", run as written (TAP).
# Each recipe's commands are taken from README.md (the indented lines that
# start with `churnkit` under the recipe's ### heading) and run in a scratch
# copy of the recipe's files, tests/data/recipes/NAME/; the numbers checked
# are worked out by hand in the comments.  One function per recipe.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir recipes
t=$ck_tmp
readme=$top_srcdir/README.md
recipes=$top_srcdir/tests/data/recipes

# commands HEADING: the README's commands under "### HEADING", one a line.
commands() {
	awk -v h="### $1" '$0 == h { on = 1; next } on && /^##/ { on = 0 }
		on && /^    churnkit / { sub(/^    churnkit /, ""); print }' "$readme"
}

# recipe_run NAME LIST N: runs the N-th command of LIST (in $t/NAME/,
# a copy of tests/data/recipes/NAME); its exit status in $t/NAME/exitN.
recipe_run() {
	k=$3
	cmd=$(sed -n "${k}p" "$2")
	[ -n "$cmd" ] || { echo 99 >"$t/$1/exit$k"; return; }
	(cd "$t/$1" && set -f && set -- $cmd &&
		"$CHURNKIT" "$@" >"out$k" 2>"err$k"; echo $? >"exit$k")
}

# ---- A revenue history -------------------------------------------------
# Customers a (Jan 5), b (Jan 10, churned Mar 20), c (Feb 1, churned Apr 10),
# d (Jan 15); MRR Jan..May: a 100 100 120 120 90, b 50 50 then 0,
# c - 80 80 80 (empty in May), d 30 0 30 40 40.  Movements:
#   Feb: start 180 (a+b+d), d churned 30, c new 80: end 230
#   Mar: b churned at its churn date with its last paying MRR 50 (its March
#        row is 0), a expands 20, d comes back 30: end 230
#   Apr: c churned 80 (its April row), d expands 10: end 160
#   May: a contracts 30; c's empty May and b's 0s are the churn: end 130
revenue_history() {
	n=revenue
	mkdir -p "$t/$n"
	cp "$recipes/$n"/*.csv "$t/$n/"
	commands "A revenue history" >"$t/$n.cmds"
	tap_is "$(wc -l <"$t/$n.cmds" | tr -d ' ')" 2 "revenue: the README gives two commands"
	recipe_run "$n" "$t/$n.cmds" 1
	recipe_run "$n" "$t/$n.cmds" 2
	tap_is "$(cat "$t/$n/exit1")" 0 "revenue, long export with zero rows: exit 0"
	tap_is "$(cat "$t/$n/err1")" "" "revenue, long export: no bad row (the zeros are the churn)"
	tap_is "$(cat "$t/$n/exit2")" 0 "revenue, pivoted (--revenue-layout wide): exit 0"
	for f in long wide; do
		tap_is "$("$JSONGET" "$t/$n/$f.json" kpis.periods.0.mrr_churned \
			kpis.periods.1.mrr_churned kpis.periods.2.mrr_churned \
			kpis.periods.3.mrr_churned | tr '\n' ' ')" "30 50 80 0 " \
			"revenue, $f: MRR churned Feb..May 30 50 80 0"
		tap_is "$("$JSONGET" "$t/$n/$f.json" kpis.periods.1.mrr_expansion \
			kpis.periods.1.mrr_reactivation kpis.periods.3.mrr_contraction \
			kpis.periods.3.mrr_end | tr '\n' ' ')" "20 30 30 130 " \
			"revenue, $f: March expansion 20, reactivation 30; May contraction 30, end 130"
	done
	awk '/^  "data": \{$/ { s = 1; next } s && /^  \},?$/ { s = 0; next } !s' \
		"$t/$n/long.json" >"$t/$n/long.cmp"
	awk '/^  "data": \{$/ { s = 1; next } s && /^  \},?$/ { s = 0; next } !s' \
		"$t/$n/wide.json" >"$t/$n/wide.cmp"
	cmp -s "$t/$n/long.cmp" "$t/$n/wide.cmp"
	tap_ok $? "revenue: the pivoted file's JSON is the long export's (but for data)"
}

revenue_history
tap_done
