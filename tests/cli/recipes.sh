#!/bin/sh
# recipes.sh - the README's "Recipes for real exports" run as written: each
# recipe's command is read from README.md (the first indented block after
# its heading, continuation lines joined), run on the committed file that
# looks like the real export, and its numbers checked against those worked
# out by hand, so that the README and the program cannot drift apart.  TAP.
. "$top_srcdir/tests/lib.sh"

ck_tmpdir recipes
t=$ck_tmp

# recipe HEADING: prints the command of the README's recipe under
# "### HEADING", joined into one line.
recipe() {
	awk -v h="### $1" '
		$0 == h { inside = 1; next }
		inside && /^#/ { exit }
		inside && /^    churnkit / { code = 1 }
		inside && code {
			if ($0 !~ /^    /) exit
			line = $0
			sub(/^ +/, "", line)
			more = sub(/ *\\$/, " ", line)
			printf "%s", line
			if (!more) exit
		}' "$top_srcdir/README.md"
}

# run_recipe DIR HEADING: runs the recipe in DIR (the export copied there),
# with churnkit the built program.
run_recipe() {
	cmd=$(recipe "$2")
	tap_ok "$([ -n "$cmd" ]; echo $?)" "$2: README.md holds the recipe's command"
	case $cmd in churnkit\ *) ;; *) cmd="false" ;; esac
	# The command is the README's own text, run as a user would type it.
	(cd "$1" && eval "\"\$CHURNKIT\" ${cmd#churnkit }") >"$1/stdout" 2>"$1/stderr"
	echo $? >"$1/exit"
	tap_is "$(cat "$1/exit")" 0 "$2: the command runs"
	[ "$(cat "$1/exit")" = 0 ] || sed 's/^/# stderr: /' "$1/stderr" | head -5
}

# --- A billing-system export ------------------------------------------------
# subscriptions.csv by hand (tests/cli/billing.sh says how): 13 rows, 2
# trials left out, 8 customers, cus_A back after a gap; signup months
# January (cus_G, cus_A: 290/12 + 490/12 = 65 MRR) to May; as-of the latest
# date, cus_E's cancellation on 2024-09-25.
b="$t/billing"
mkdir -p "$b" || tap_bail "cannot make $b"
cp "$top_srcdir/tests/data/exports/subscriptions.csv" "$b/" || tap_bail "no export"
run_recipe "$b" "A billing-system export"
j() { "$JSONGET" "$b/cohorts.json" "$1"; }
tap_is "$(j data.rows_read):$(j data.rows_filtered):$(j data.customers)" "13:2:8" \
	"billing: 13 rows read, 2 trials filtered, 8 customers formed"
tap_is "$(j data.reactivations)" 1 "billing: one return after a gap"
tap_is "$(j data.as_of)" 2024-09-25 "billing: as of the latest date"
tap_is "$(j cohorts.rows.0.cohort):$(j cohorts.rows.0.size):$(j cohorts.rows.0.value)" \
	"2024-01:2:65" "billing: January's cohort holds 2 customers, 65 MRR"

tap_done
