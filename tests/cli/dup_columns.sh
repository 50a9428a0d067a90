#!/bin/sh
# dup_columns.sh - a repeated column name (docs/inputs.md): renamed as R's
# read.csv does (note, note.1) when no option names it, so an export with
# two "note" columns loads; an error naming the option when one does.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir dup_columns
t=$ck_tmp
printf 'id,signup,churn,note,plan,note,note.1,note\n' >"$t/d.csv"
printf '%s\n' a,2024-01-01,,x,basic,y,z,w b,2024-02-01,2024-05-01,x,pro,y,z,w >>"$t/d.csv"
map="--id id --start signup --end churn --as-of 2024-06-30"

ck_run "$t" check $map --json "$t/c.json" "$t/d.csv"
tap_is "$(cat "$t/exit")" 0 "unmapped repeated names: the run goes on"
tap_is "$("$JSONGET" "$t/c.json" data.columns.3.name data.columns.5.name data.columns.6.name data.columns.7.name | tr '\n' ' ')" \
	"note note.2 note.1 note.3 " "renamed note.2 and note.3 (note.1 is taken by the header)"

ck_run "$t" survival $map --by plan "$t/d.csv"
tap_is "$(cat "$t/exit")" 0 "a --by on another column: the run goes on"

ck_run "$t" check $map --by note "$t/d.csv"
tap_is "$(cat "$t/exit")" 1 "--by names a repeated column: exit 1"
tap_is "$(cat "$t/stderr")" \
	"churnkit: $t/d.csv:1:6: column name 'note' appears twice (fields 4 and 6) and --by names it: rename one of them" \
	"the error names both fields and the option"
ck_run "$t" check $map --where 'note!=q' "$t/d.csv"
tap_is "$(cat "$t/exit")" 1 "--where names a repeated column: exit 1"

tap_done
