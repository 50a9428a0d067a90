#!/bin/sh
# ok_inputs.sh - awkward but valid inputs, tests/data/ok (TAP).
#
# Each file is loaded with `churnkit check --json -` and the numbers of the
# data-quality JSON are compared with values worked out by hand from the
# file (the comments show the sums).  Values are read with tests/jsonget;
# a column is addressed by name (data.columns.name=mrr.missing).

. "$top_srcdir/tests/lib.sh"

[ -x "$JSONGET" ] || tap_bail "$JSONGET is not built"
ck_tmpdir ok_inputs
t=$ck_tmp
ok="$top_srcdir/tests/data/ok"
cd "$ok" || tap_bail "cannot enter $ok"

# load NAME ARGS...: runs `churnkit check ARGS --json - NAME.csv`, keeps the
# JSON in $t/NAME.json and checks that the run succeeded quietly.
load() {
	name=$1
	shift
	ck_run "$t" check "$@" --json - "$name.csv"
	cp "$t/stdout" "$t/$name.json"
	tap_is "$(cat "$t/exit"):$(cat "$t/stderr")" "0:" "$name: exit 0, nothing on stderr"
}

# is PATH WANT: the value at PATH in the last loaded JSON.
is() {
	tap_is "$("$JSONGET" "$t/$name.json" "$1" 2>&1)" "$2" \
		"$name: $1 = $(printf '%s' "$2" | tr '\n' '/')"
}

# rows READ USED REJECTED AS_OF EVENTS
rows() {
	tap_is "$("$JSONGET" "$t/$name.json" data.rows_read data.rows_used \
		data.rows_rejected data.as_of data.events 2>&1 | tr '\n' ' ')" "$1 $2 $3 $4 $5 " \
		"$name: rows read $1, used $2, rejected $3; as_of $4; events $5"
}

# num COL MISSING MIN MEDIAN MEAN MAX: a numeric column's summary.
num() {
	c="data.columns.name=$1"
	tap_is "$("$JSONGET" "$t/$name.json" "$c.type" "$c.missing" "$c.min" "$c.median" \
		"$c.mean" "$c.max" 2>&1 | tr '\n' ' ')" "number $2 $3 $4 $5 $6 " \
		"$name: $1 is a number, missing $2, min $3, median $4, mean $5, max $6"
}

# levels COL WANT: a categorical column's levels as "level:count|..."
# (by count, descending, then by byte order).
levels() {
	c="data.columns.name=$1"
	n=$("$JSONGET" "$t/$name.json" "$c.levels.#" 2>/dev/null) || n=0
	got=
	k=0
	while [ "$k" -lt "$n" ]; do
		got="$got${got:+|}$("$JSONGET" "$t/$name.json" "$c.levels.$k.level"):$("$JSONGET" \
			"$t/$name.json" "$c.levels.$k.count")"
		k=$((k + 1))
	done
	tap_is "$got" "$2" "$name: levels of $1 are $2"
}

std="--id id --start start --end end --value mrr"

# bom_crlf.csv: UTF-8 byte-order mark, CRLF line ends.
#   mrr 10, 30.5 and one missing: mean = median = 40.5 / 2 = 20.25.
#   as_of = the latest date, a2's end 2024-05-10; one end date -> 1 event.
# shellcheck disable=SC2086
load bom_crlf $std --by plan
rows 3 3 0 2024-05-10 1
is data.columns.0.name id        # the BOM is not part of the first name
is data.columns.4.name mrr       # nor is the CR part of the last
is data.columns.name=id.role id
is data.delimiter comma
num mrr 1 10 20.25 20.25 30.5
levels plan "basic:2|pro:1"
is data.columns.name=plan.role by
is data.columns.name=start.min 2024-01-15
is data.columns.name=start.max 2024-03-20
is data.columns.name=end.missing 2

# semicolon_decimal.csv: ';' delimiter (detected), decimal commas.
#   mrr 12,5  1,25 (quoted)  0,75  7: sum 21.5, mean 5.375,
#       median (1.25 + 7) / 2 = 4.125.
#   score (unmapped, numeric with decimal commas) 1,5  2,5  (missing)  5:
#       sum 9, mean 3, median 2.5.
# shellcheck disable=SC2086
load semicolon_decimal $std --decimal ,
rows 4 4 0 2024-03-01 1
is data.delimiter semicolon
num mrr 0 0.75 4.125 5.375 12.5
num score 1 1.5 2.5 3 5
levels plan "basic:2|pro:2"

# excel_sep.csv: Excel's first line "sep=|" after a byte-order mark, CRLF:
#   the delimiter is |, which no detection would pick, the header is line 2,
#   and a level holds ';'.  mrr 10,5 (decimal comma) 30 and one missing.
# shellcheck disable=SC2086
load excel_sep $std --decimal ,
rows 3 3 0 2024-05-10 1
is data.columns.0.name id
is data.columns.4.name mrr
num mrr 1 10.5 20.25 20.25 30
levels plan "basic:2|pro;plus:1"

# tab.csv: tab-delimited; fields hold commas, semicolons, spaces and
# doubled quotes; t2's start date has blanks around it.
#   mrr 5 15 25: mean = median = 15.
# shellcheck disable=SC2086
load tab $std
rows 3 3 0 2024-01-31 1
is data.delimiter tab
num mrr 0 5 15 15 25
levels plan "basic plus:2|pro:1"
levels company 'Acme, Inc:1|Globex "GX":1|Initech;Ltd:1'
is data.columns.name=start.min 2024-01-01
is data.columns.name=start.max 2024-01-03

# quoted.csv: quoted fields with a newline, doubled quotes and commas; a
# quoted id and a quoted number.
#   mrr 10 20 30 "40": sum 100, mean 25, median 25.
# shellcheck disable=SC2086
load quoted $std
rows 4 4 0 2024-02-01 1
num mrr 0 10 25 25 40
is data.columns.name=id.distinct 4
is data.columns.name=note.levels.# 4
# all four notes occur once, so they come in byte order
is data.columns.name=note.levels.0.level "a,b,c"
is data.columns.name=note.levels.1.level "line one
line two"
is data.columns.name=note.levels.2.level plain
is data.columns.name=note.levels.3.level 'say "hi", then go'

# reordered.csv: the mapped columns in another order, under other names.
#   mrr 10 20 30: mean = median = 20.  Dates 2024-01-01 .. 2024-03-01.
load reordered --value mrr --end end --start signup --id customer
rows 3 3 0 2024-03-01 1
is data.columns.0.name mrr
is data.columns.0.role value
is data.columns.3.name customer
is data.columns.3.role id
is data.columns.5.role start
num mrr 0 10 20 20 30
levels region "north:2|south:1"
is data.date_min 2024-01-01
is data.date_max 2024-03-01

# no_final_newline.csv: the last row ends at the end of the file.
#   mrr 10 20: the last value is read in full; mean = median = 15.
# shellcheck disable=SC2086
load no_final_newline $std
rows 2 2 0 2024-01-20 1
num mrr 0 10 15 15 20
levels plan "basic:1|pro:1"

# blank_lines.csv: empty lines before, between and after the rows, and a
# line of blanks: none of them is a row.
#   mrr 10 20 30: mean = median = 20.
# shellcheck disable=SC2086
load blank_lines $std
rows 3 3 0 2024-02-01 1
num mrr 0 10 20 20 30

# whitespace_missing.csv: blank fields, quoted or not, are missing values.
#   end:   "  " (w1), "" (w2), "" (w4) missing; w3 churned -> 1 event.
#   plan:  "  " quoted (w2), " " (w3) missing; basic, pro once each.
#   mrr:   "   " (w1), a quoted tab (w3) missing; 12 and 8: mean 10.
#   seats: "  " quoted (w2), "" (w4) missing; 3 and 5: mean 4.
# shellcheck disable=SC2086
load whitespace_missing $std
rows 4 4 0 2024-02-01 1
is data.columns.name=end.missing 3
is data.columns.name=plan.missing 2
levels plan "basic:1|pro:1"
num mrr 2 8 10 10 12
num seats 2 3 4 4 5

# utf8.csv: UTF-8 levels kept byte for byte.
#   city: Zürich twice; Kraków, São Paulo, 台北 once each, in byte order
#   (K 0x4B < S 0x53 < 0xE5).  mrr 10..50: mean = median = 30.
# shellcheck disable=SC2086
load utf8 $std --by city
rows 5 5 0 2024-02-01 1
levels city "Zürich:2|Kraków:1|São Paulo:1|台北:1"
num mrr 0 10 30 30 50

# date_format.csv: dd/mm/yyyy dates with --date-format %d/%m/%Y,
# including the leap day 29/02/2024.
load date_format --id id --start start --end end --date-format %d/%m/%Y
rows 3 3 0 2024-03-15 1
is data.columns.name=start.min 2024-01-05
is data.columns.name=start.max 2024-02-29
is data.columns.name=end.min 2024-03-15
is data.date_min 2024-01-05
is data.date_max 2024-03-15
# --as-of in the same format
load date_format --id id --start start --end end --date-format %d/%m/%Y --as-of 31/03/2024
rows 3 3 0 2024-03-31 1

# duration.csv: durations with --event COL=VALUE and frequency weights.
#   tenure 12 3.5 0 24: sum 39.5, mean 9.875, median (3.5 + 12) / 2 = 7.75.
#   status = churned on e1 and e3 -> 2 events (rows, not weights).
#   n 1 2 3 1: sum 7, mean 1.75, median 1.5.  No dates -> as_of null.
load duration --id id --duration tenure --event status=churned --weight n
rows 4 4 0 null 2
num tenure 0 0 7.75 9.875 24
num n 0 1 1.5 1.75 3
is data.columns.name=status.role event
is data.columns.name=n.role weight

# config.csv with config.ini: the mapping comes from the report definition
# (value = mrr_old, by = plan, as-of = 2024-06-30); options of other
# commands in it (paper, company) are ignored by check.
#   mrr_old 9 19 29: mean = median = 19.
load config --config config.ini
rows 3 3 0 2024-06-30 1
is data.columns.name=cust.role id
is data.columns.name=signup.role start
is data.columns.name=cancelled.role end
is data.columns.name=mrr_old.role value
is data.columns.name=plan.role by
is data.columns.name=region.role null
num mrr_old 0 9 19 19 29
# The command line overrides it: --value, the whole --by list, --as-of.
load config --config config.ini --value mrr --by region --as-of 2024-12-31
rows 3 3 0 2024-12-31 1
is data.columns.name=mrr.role value
is data.columns.name=mrr_old.role null
is data.columns.name=region.role by
is data.columns.name=plan.role null
levels region "south:2|north:1"

# Standard input ("-"), read like a file.
# shellcheck disable=SC2086
ck_run "$t" check $std --json - - <bom_crlf.csv
cp "$t/stdout" "$t/stdin.json"
name=stdin
tap_is "$(cat "$t/exit")" 0 "stdin: exit 0"
rows 3 3 0 2024-05-10 1

# A generated input larger than the loader's 1 MiB read chunk (load.c's
# CHUNK), CRLF line ends, every row 31 bytes long: "c000001,2024-01-15,,"
# then a 6-byte note (xxxxxx, or a quoted CRLF "a<CR><LF>b" on rows
# 500, 1500, ...), ",10" and CRLF.  With a 33-byte header, row 33824 ends at
# byte 33 + 31 * 33824 = 1048577 (the header, id,start,end,note_and_a_pad,mrr
# and CRLF, is 33 bytes): its CR is the last byte of the first
# chunk and its LF the first byte of the second.  Rows 33825 and 35000 have
# a bad start date; their physical lines count the header and one extra
# line per quoted CRLF before them (34 and 35 of them):
#   row 33825 -> line 1 + 33825 + 34 = 33860; row 35000 -> 1 + 35000 + 35 = 35036.
# 2 bad rows of 36000 is within the default 1%.
awk 'BEGIN {
	printf "id,start,end,note_and_a_pad,mrr\r\n"
	for (i = 1; i <= 36000; i++) {
		note = i % 1000 == 500 ? "\"a\r\nb\"" : "xxxxxx"
		d = (i == 33825 || i == 35000) ? "2024-13-15" : "2024-01-15"
		printf "c%06d,%s,,%s,10\r\n", i, d, note
	}
}' >"$t/big.csv"
tap_is "$(wc -c <"$t/big.csv" | tr -d ' ')" $((33 + 31 * 36000)) "big: the generated file has the planned size"
name=big
(cd "$t" && $CHURNKIT_WRAP "$CHURNKIT" check --id id --start start --end end --value mrr \
	--json big.json big.csv >/dev/null 2>big.err)
tap_is "$(cat "$t/big.err")" "churnkit: big.csv:33860:2: '2024-13-15' in column 'start' is not a date (expected yyyy-mm-dd)
churnkit: big.csv:35036:2: '2024-13-15' in column 'start' is not a date (expected yyyy-mm-dd)
churnkit: big.csv: 2 of 36000 rows rejected and left out (--max-bad-rows 1%)" \
	"big: a CRLF split across the read chunks is one line end; bad rows after it are on their physical lines"
rows 36000 35998 2 2024-01-15 0
is data.columns.name=note_and_a_pad.levels.# 2
is data.columns.name=note_and_a_pad.levels.1.level "$(printf 'a\r\nb')"
is data.columns.name=note_and_a_pad.levels.1.count 36
num mrr 0 10 10 10 10
# The files here are distributed (listed in tests/data/local.mk).
unlisted=
for f in *; do
	grep -q "tests/data/ok/$f\( \|\$\)" "$top_srcdir/tests/data/local.mk" ||
		unlisted="$unlisted $f"
done
tap_is "$unlisted" "" "every file in tests/data/ok is listed in tests/data/local.mk"

# unmapped_dates.csv: no column mapped; check describes ISO date columns as
# dates with their range (not as text levels), and says when every value of
# a column is unique.
load unmapped_dates
is data.columns.name=joined.type date
is data.columns.name=joined.min 2023-12-15
is data.columns.name=joined.max 2024-03-01
is data.columns.name=left.type date
is data.columns.name=left.missing 1
is data.columns.name=left.max 2024-05-31
is data.columns.name=note.type category
ck_run "$t" check unmapped_dates.csv
grep -q -F "3 distinct, every value unique (an id?)" "$t/stdout"
tap_ok $? "unmapped_dates: the id column is described as all unique"

tap_done
