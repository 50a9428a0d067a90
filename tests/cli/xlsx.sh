#!/bin/sh
# xlsx.sh - --xlsx FILE writes every table of a command into one workbook
# (TAP; docs/outputs.md, "Workbook").  Read back with unzip and
# tests/cli/xlsx_read.py (python3's zipfile and xml.etree): for every
# command, each CSV that --tables writes is a sheet with the same header
# and cells (numbers within 1e-12 relative, stored as numbers, dates as
# dates); the first sheet, Contents, lists every sheet and the run; every
# sheet has a bold header and a frozen pane; percents, money (with
# --currency's symbol) and dates carry their formats; UTF-8 levels come
# back whole; --xlsx alone gives the same sheets; a workbook that cannot be
# written fails the run with nothing written.  Skipped, visibly, without
# python3 or unzip.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir xlsx
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
read_py="$top_srcdir/tests/cli/xlsx_read.py"
cust="$top_srcdir/samples/customers.csv"
rev="$top_srcdir/samples/revenue.csv"
cities="$top_srcdir/tests/data/survival/cities.csv"
common="--id customer_id --start signup_date --end churn_date --value mrr --by contract"
feat="--features contract,log(mrr),logins_30d,support_tickets_90d --horizon 12"

if ! command -v python3 >/dev/null 2>&1 || ! command -v unzip >/dev/null 2>&1; then
	tap_ok 0 "# SKIP python3 or unzip is not installed: the workbook is not read back"
	tap_done
fi
rd() { python3 "$read_py" "$@"; }

# One command with --tables and --xlsx: exit 0, a zip with the parts
# Excel needs, every CSV a sheet with the same cells, Contents complete.
both() {
	name=$1
	shift
	mkdir "$name"
	ck_run "$t/$name" "$@" --tables "$name/t" --xlsx "$name/book.xlsx"
	tap_is "$(cat "$name/exit")" 0 "$name: exit 0 with --tables and --xlsx"
	unzip -p "$name/book.xlsx" xl/workbook.xml >"$name/workbook.xml" 2>/dev/null
	grep -q '<sheet name="Contents" sheetId="1"' "$name/workbook.xml"
	tap_ok $? "$name: unzip reads xl/workbook.xml; Contents is sheet 1"
	rd compare "$name/book.xlsx" "$name/t" >"$name/compare.txt" 2>&1
	tap_ok $? "$name: every CSV of --tables is a sheet with the same header and cells"
	[ -s "$name/compare.txt" ] && tap_diag "$(head -5 "$name/compare.txt")"
	rd contents "$name/book.xlsx" >"$name/contents.txt" 2>&1
	tap_ok $? "$name: Contents lists every sheet, each a link to it; bold header, frozen pane, widths on each"
	[ -s "$name/contents.txt" ] && tap_diag "$(head -5 "$name/contents.txt")"
	ls "$name" | grep -q 'tmp' && tap_ok 1 "$name: a temporary is left" ||
		tap_ok 0 "$name: no temporary left beside the workbook"
}

# shellcheck disable=SC2086
both survival survival $common --reason churn_reason "$cust"
# shellcheck disable=SC2086
both cohorts cohorts $common --reason churn_reason --revenue "$rev" "$cust"
# shellcheck disable=SC2086
both model model $common $feat --cox "$cust"
# shellcheck disable=SC2086
both score score $common $feat -o score/scores.csv "$cust"
both report report --config "$top_srcdir/reports/quarterly.ini" --currency EUR \
	-o report/r.pdf "$cust"

# Numbers carry their formats: counts whole, rates as percents, money with
# the report's currency symbol, dates as dates (Excel's serial day).
tap_is "$(rd cell report/book.xlsx kpis E2)" "n 0 0" "kpis start: a whole number"
tap_is "$(rd cell report/book.xlsx kpis C2 | cut -d' ' -f1,3)" "n yyyy-mm-dd" \
	"kpis first_day: a number with the date format"
first=$(sed -n 2p report/t/kpis.csv | cut -d, -f3)
serial=$(rd cell report/book.xlsx kpis C2 | cut -d' ' -f2)
tap_is "$(python3 -c "import datetime as d; print(d.date(1899,12,30)+d.timedelta(days=$serial))")" \
	"$first" "kpis first_day: Excel's serial day of the CSV's date"
tap_is "$(rd cell report/book.xlsx cohorts_retention E2 | cut -d' ' -f1,3)" "n 0.0%" \
	"retention at month 0: a fraction shown as a percent"
tap_is "$(rd cell report/book.xlsx cohorts_retention C2 | cut -d' ' -f1,3)" 'n "€"#,##0.00' \
	"a cohort's value: money with --currency EUR's symbol"
tap_is "$(rd cell cohorts/book.xlsx cohorts_retention C2 | cut -d' ' -f1,3)" 'n #,##0.00' \
	"without --currency: money without a symbol"
tap_is "$(rd cell survival/book.xlsx survival_curves D1)" "s rows General" \
	"a header cell is text"
unzip -p report/book.xlsx xl/worksheets/sheet2.xml | grep -q '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
tap_ok $? "unzip: the first table's sheet has its pane frozen under the header"
unzip -p report/book.xlsx xl/sharedStrings.xml | grep -q '<t>survival_curves</t>'
tap_ok $? "unzip: the shared strings hold the table names of Contents"

# The run on the Contents sheet.
rd notes report/book.xlsx >report/notes.txt
grep -qx 'command	churnkit report' report/notes.txt &&
	grep -q "^input	.*customers.csv\$" report/notes.txt &&
	grep -qx 'as of	2026-10-31' report/notes.txt &&
	grep -q '^churnkit version	[0-9]' report/notes.txt &&
	grep -qx -- '--currency	EUR' report/notes.txt &&
	grep -q -- '^--by	contract (.*quarterly.ini:[0-9]*)$' report/notes.txt
tap_ok $? "Contents: the command, input, as-of date, version and options with their origin"

# Long names: cut to 31 characters, unique; each names its table.
rd sheets report/book.xlsx >report/sheets.txt
long=$(awk 'length($0) > 31' report/sheets.txt | wc -l)
dups=$(tr 'A-Z' 'a-z' <report/sheets.txt | sort | uniq -d | wc -l)
tap_is "$long:$dups" "0:0" "sheet names: at most 31 characters, none twice"
grep -qx 'cohorts_contract_01_annual_va~2' report/sheets.txt
tap_ok $? "a name that clashes once cut gets ~2"

# UTF-8 levels come back whole (the survival curves of cities).
mkdir utf8
ck_run "$t/utf8" survival --duration months --event churned=yes --by city \
	--tables utf8/t --xlsx utf8/book.xlsx "$cities"
tap_is "$(cat utf8/exit)" 0 "cities: exit 0"
rd compare utf8/book.xlsx utf8/t >utf8/compare.txt 2>&1
tap_ok $? "cities: the sheets equal the CSVs"
unzip -p utf8/book.xlsx xl/sharedStrings.xml | grep -q '<t>Zürich</t>' &&
	unzip -p utf8/book.xlsx xl/sharedStrings.xml | grep -q '<t>台北</t>'
tap_ok $? "cities: Zürich and 台北 stored as UTF-8"

# --xlsx without --tables: the same sheets.
mkdir alone
# shellcheck disable=SC2086
ck_run "$t/alone" survival $common --reason churn_reason --xlsx alone/book.xlsx "$cust"
tap_is "$(cat alone/exit)" 0 "--xlsx alone: exit 0"
rd sheets alone/book.xlsx >alone/sheets.txt
rd sheets survival/book.xlsx >survival/sheets.txt
cmp -s alone/sheets.txt survival/sheets.txt
tap_ok $? "--xlsx alone: the same sheets as with --tables"
rd compare alone/book.xlsx survival/t >alone/compare.txt 2>&1
tap_ok $? "--xlsx alone: the same cells as the --tables CSVs"

# A workbook that cannot be written: the run fails, nothing is written.
mkdir fail
# shellcheck disable=SC2086
ck_run "$t/fail" survival $common --json fail/s.json --tables fail/t \
	--xlsx "$t/no/such/dir/book.xlsx" "$cust"
tap_is "$(cat fail/exit)" 3 "--xlsx in a missing directory: exit 3 (I/O)"
grep -q 'book.xlsx' fail/stderr
tap_ok $? "the message names the workbook"
tap_is "$(ls fail | grep -v -e '^stdout$' -e '^stderr$' -e '^exit$' | wc -l)" 0 \
	"nothing else written: no JSON, no tables folder"
if [ -w /dev/full ]; then
	# Written late: the JSON and the tables are in the set when the
	# workbook fails (a full device), and are removed with it.
	# shellcheck disable=SC2086
	ck_run "$t/fail" survival $common --json fail/s.json --tables fail/t --xlsx /dev/full "$cust"
	tap_is "$(cat fail/exit)" 3 "--xlsx /dev/full: exit 3 when the workbook is written"
	tap_is "$(ls fail | grep -v -e '^stdout$' -e '^stderr$' -e '^exit$' | wc -l)" 0 \
		"--xlsx /dev/full: the JSON and tables already made are removed"
else
	tap_ok 0 "# SKIP /dev/full is not writable"
	tap_ok 0 "# SKIP (same)"
fi
ck_run "$t/fail" survival $common --xlsx - "$cust"
tap_is "$(cat fail/exit)" 2 "--xlsx -: a usage error (a workbook is not a stream)"
mkdir ro
chmod a-w ro
if [ -w ro ]; then
	tap_ok 0 "# SKIP running as a user who can write into a read-only directory"
	tap_ok 0 "# SKIP (same)"
else
	# shellcheck disable=SC2086
	ck_run "$t/fail" survival $common --json fail/s2.json --xlsx ro/book.xlsx "$cust"
	tap_is "$(cat fail/exit)" 3 "--xlsx in a read-only directory: exit 3"
	tap_is "$(ls ro fail | grep -c -e 'book' -e 's2.json')" 0 "nothing written there or beside"
fi
chmod u+w ro
tap_done
