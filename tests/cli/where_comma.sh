#!/bin/sh
# where_comma.sh - a --where value holding a comma (docs/inputs.md,
# "Filters"): written \, it matches the field "Acme, Inc." instead of being
# split into two values "Acme" and "Inc.".

. "$top_srcdir/tests/lib.sh"

ck_tmpdir where_comma
t=$ck_tmp

printf 'id,signup,churn,company\n' >"$t/c.csv"
printf '%s\n' 'a,2024-01-01,,"Acme, Inc."' 'b,2024-01-02,2024-03-01,Acme' \
	'c,2024-01-03,,"Acme, Inc."' 'd,2024-01-04,,Inc.' 'e,2024-01-05,,"a\,b"' >>"$t/c.csv"
map="--id id --start signup --end churn --as-of 2024-06-30"

ck_run "$t" check $map --where 'company=Acme\, Inc.' --json "$t/k.json" "$t/c.csv"
tap_is "$(cat "$t/exit")" 0 "an escaped comma: exit 0"
tap_is "$("$JSONGET" "$t/k.json" data.rows_used):$("$JSONGET" "$t/k.json" data.rows_filtered)" \
	"2:3" "company=Acme\\, Inc. keeps the two 'Acme, Inc.' rows only"

ck_run "$t" check $map --where 'company!=Acme\, Inc.,Inc.' --json "$t/n.json" "$t/c.csv"
tap_is "$("$JSONGET" "$t/n.json" data.rows_used)" "2" \
	"company!=Acme\\, Inc.,Inc. leaves out three rows: two values, one with a comma"

ck_run "$t" check $map --where 'company=a\\\,b' --json "$t/b.json" "$t/c.csv"
tap_is "$("$JSONGET" "$t/b.json" data.rows_used)" "1" \
	"a\\\\\\, is a backslash then a comma: matches the field a\\,b"

# Unescaped, the comma still splits: "Acme" and " Inc." (blanks ignored).
ck_run "$t" check $map --where 'company=Acme, Inc.' --json "$t/s.json" "$t/c.csv"
tap_is "$("$JSONGET" "$t/s.json" data.rows_used)" "2" "an unescaped comma splits the values"

tap_done
