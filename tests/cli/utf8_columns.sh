#!/bin/sh
# utf8_columns.sh - the model's terminal coefficient table lines up with
# non-ASCII level names (TAP).  The names column is padded to display
# columns (include/churnkit/textpad.h), as the log-rank table is: "台北 Plan"
# is 9 columns in 11 bytes (two East Asian wide characters), "Zürich" 6 in 7.
# Padding by bytes pushed those rows' numbers left of their columns.
#
# The check, in the C locale: each multi-byte character is replaced by as
# many "W" as the columns it takes, and then every coefficient row must end
# its Estimate where the header's "Estimate" ends.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir utf8_columns
t=$ck_tmp
data=$top_srcdir/tests/data/model/utf8_levels.csv
# Estimate's last character in each row (after the display-width stand-ins)
# against the header's: prints the rows that do not line up.
misaligned() {
	sed -n "/^$1/,/^Reference/p" "$2" | sed 's/台/WW/g; s/北/WW/g; s/ü/W/g' |
		awk 'NR == 2 { e = index($0, "Estimate") + 7; next }
		     NR > 2 && !/^Reference/ && (substr($0, e, 1) !~ /[0-9]/ ||
		                                 substr($0, e + 1, 1) != " ") { print }'
}
ck_run "$t" model --id id --outcome e --features plan,x "$data"
tap_is "$(cat "$t/exit")" 0 "model (logistic): exit 0"
tap_is "$(grep -c 'plan=台北 Plan\|plan=Zürich' "$t/stdout")" 2 \
	"the two non-ASCII levels have their rows"
tap_is "$(misaligned Coefficients "$t/stdout")" "" \
	"logistic: every row's Estimate ends under the header's, 台北 Plan and Zürich included"
mkdir -p "$t/cox"
ck_run "$t/cox" model --id id --duration t --event e --cox --features plan,x "$data"
tap_is "$(cat "$t/cox/exit")" 0 "model (Cox): exit 0"
tap_is "$(misaligned Coefficients "$t/cox/stdout")" "" \
	"Cox: every row's Estimate ends under the header's"
tap_done
