#!/bin/sh
# recipes.sh - each of README.md's "Recipes for real exports" runs as the
# README writes it, on a small committed file that looks like the real one,
# and gives the counts of a careful hand conversion.  The command is read
# from README.md (the first indented `churnkit ...` line under the recipe's
# heading), so that the README and this test cannot drift apart; the file it
# names is the recipe's committed file copied under that name.  One section
# per recipe (the revenue history has two commands, run by recipe_run).  TAP.
. "$top_srcdir/tests/lib.sh"

d="$top_srcdir/tests/data/exports"
ck_tmpdir recipes
t=$ck_tmp

# The command under README heading $1 ("### ..."), without its leading
# blanks; empty when there is none.
recipe() {
	awk -v h="$1" '
		$0 == h { on = 1; next }
		on && /^#/ { exit }
		on && /^    churnkit / { sub(/^ +/, ""); print; exit }
	' "$top_srcdir/README.md"
}

# Runs recipe $1's command in folder $2 (made, holding the input), with
# --json recipe.json added.  The command holds no quotes: it splits on blanks.
run_recipe() {
	cmd=$(recipe "$1")
	tap_ok "$(test -n "$cmd" && echo 0 || echo 1)" "$1: README.md holds its command"
	case $cmd in
	*\"* | *\'* | *\\*) tap_ok 1 "$1: the command holds no quote or backslash" ;;
	esac
	(
		dir=$2
		cd "$dir" || exit 99
		set -f
		# shellcheck disable=SC2086
		set -- ${cmd#churnkit }
		ck_run "$dir" "$@" --json recipe.json
	)
}

# The JSON value at path $2 of folder $1's recipe.json.
jv() { "$JSONGET" "$1/recipe.json" "$2"; }

## A European spreadsheet: kunden_de.csv, with its hand conversion
## kunden_iso.csv (tests/data/exports/to_iso.sh: UTF-8, ISO dates, plain
## numbers) counted with awk.
de="$t/de"
mkdir -p "$de" && cp "$d/kunden_de.csv" "$de/" || tap_bail "cannot copy kunden_de.csv"
run_recipe "### A European spreadsheet" "$de"
tap_is "$(cat "$de/exit")" 0 "European: the report is written (exit 0)"
tap_ok "$(test -s "$de/kunden.pdf" && echo 0 || echo 1)" "European: kunden.pdf is there"
iso="$d/kunden_iso.csv"
tap_is "$(jv "$de" data.rows_used)" "$(awk 'END { print NR - 1 }' "$iso")" \
	"European: every row is used"
tap_is "$(jv "$de" data.rows_rejected)" 0 "European: no row is bad"
tap_is "$(jv "$de" survival.events)" "$(awk -F, 'NR > 1 && $5 != ""' "$iso" | wc -l | tr -d ' ')" \
	"European: the churned are the rows with an Ende date"
tap_is "$(jv "$de" data.as_of)" \
	"$(awk -F, 'NR > 1 { if ($4 > m) m = $4; if ($5 > m) m = $5 } END { print m }' "$iso")" \
	"European: as-of is the latest date, dd.mm.yyyy read as day first"
# The last full period, 2024Q3: customers started by its end and not
# churned by then, and their MRR.
tap_is "$(jv "$de" kpis.periods.43.period)" 2024Q3 "European: the last period is 2024Q3"
tap_is "$(jv "$de" kpis.periods.43.end)" \
	"$(awk -F, 'NR > 1 && $4 <= "2024-09-30" && ($5 == "" || $5 > "2024-09-30")' "$iso" |
		wc -l | tr -d ' ')" \
	"European: customers active at the end of 2024Q3"
tap_is "$(printf '%.2f' "$(jv "$de" kpis.periods.43.mrr_end)")" \
	"$(awk -F, 'NR > 1 && $4 <= "2024-09-30" && ($5 == "" || $5 > "2024-09-30") { m += $6 }
		END { printf "%.2f", m }' "$iso")" \
	"European: their MRR, amounts such as 5.936,55 read as 5936.55"

## IBM's Telco table: telco_extract.csv (make_telco_extract.sh), counted
## with awk on the file itself (CRLF dropped).
tc="$t/telco"
mkdir -p "$tc" && cp "$d/telco_extract.csv" "$tc/WA_Fn-UseC_-Telco-Customer-Churn.csv" ||
	tap_bail "cannot copy telco_extract.csv"
run_recipe "### IBM's Telco table" "$tc"
tap_is "$(cat "$tc/exit")" 0 "Telco: the report is written (exit 0)"
tap_ok "$(test -s "$tc/telco.pdf" && echo 0 || echo 1)" "Telco: telco.pdf is there"
tel="$t/telco.txt"
tr -d '\r' <"$d/telco_extract.csv" >"$tel"
tap_is "$(jv "$tc" data.rows_used)" "$(awk 'END { print NR - 1 }' "$tel")" \
	"Telco: every row is used, the blank TotalCharges ones too"
tap_is "$(awk -F, 'NR > 1 && $20 == " "' "$tel" | wc -l | tr -d ' ')" 11 \
	"Telco: the extract holds the 11 blank TotalCharges"
yes=$(awk -F, 'NR > 1 && $21 == "Yes"' "$tel" | wc -l | tr -d ' ')
tap_is "$(jv "$tc" survival.events)" "$yes" "Telco: the churned are the rows with Churn Yes"
tap_is "$(jv "$tc" model.events)" "$yes" "Telco: the model's outcome is the same flag"
tap_is "$(jv "$tc" model.rows_missing)" 0 "Telco: the model leaves no row out"
# The curves by Contract: level, customers and churned, as awk counts them.
got=$(for k in 1 2 3; do
	printf '%s %s %s\n' "$(jv "$tc" survival.curves.$k.level)" \
		"$(jv "$tc" survival.curves.$k.n)" "$(jv "$tc" survival.curves.$k.events)"
done)
want=$(awk -F, 'NR > 1 { n[$16]++; e[$16] += $21 == "Yes" }
	END { for (k in n) print k, n[k], e[k] }' "$tel" | sort)
tap_is "$got" "$want" "Telco: customers and churned by Contract"

## A revenue history: tests/data/recipes/revenue/, two commands (long and
## wide), their movements worked out by hand below.
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
## A billing-system export: its command may run over several README lines.
# billing_recipe HEADING: prints the command of the README's recipe under
# "### HEADING", joined into one line.
billing_recipe() {
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

# billing_run DIR HEADING: runs the recipe in DIR (the export copied there),
# with churnkit the built program.
billing_run() {
	cmd=$(billing_recipe "$2")
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
billing_run "$b" "A billing-system export"
j() { "$JSONGET" "$b/cohorts.json" "$1"; }
tap_is "$(j data.rows_read):$(j data.rows_filtered):$(j data.customers)" "13:2:8" \
	"billing: 13 rows read, 2 trials filtered, 8 customers formed"
tap_is "$(j data.reactivations)" 1 "billing: one return after a gap"
tap_is "$(j data.as_of)" 2024-09-25 "billing: as of the latest date"
tap_is "$(j cohorts.rows.0.cohort):$(j cohorts.rows.0.size):$(j cohorts.rows.0.value)" \
	"2024-01:2:65" "billing: January's cohort holds 2 customers, 65 MRR"


tap_done
