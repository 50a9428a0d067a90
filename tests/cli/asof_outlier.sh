#!/bin/sh
# asof_outlier.sh - a lone latest date far after every other one becomes
# the default as-of; the load warns naming its line and column
# (docs/inputs.md, "the default as-of"), since one mistyped year would
# move every active customer's censoring years later in silence.

. "$top_srcdir/tests/lib.sh"

ck_tmpdir asof_outlier
t=$ck_tmp

# 40 customers in 2024, one signup mistyped as 2031.
{
	printf 'id,signup,churn\n'
	i=1
	while [ $i -le 40 ]; do
		d=$(printf '2024-%02d-%02d' $(( (i % 12) + 1 )) $(( (i % 27) + 1 )))
		if [ $((i % 3)) -eq 0 ]; then
			printf 'c%d,%s,2024-12-%02d\n' $i "$d" $(( (i % 20) + 1 ))
		else
			printf 'c%d,%s,\n' $i "$d"
		fi
		i=$((i + 1))
	done
	printf 'typo,2031-01-01,\n'
} >"$t/c.csv"
map="--id id --start signup --end churn"

ck_run "$t" survival $map --json "$t/s.json" "$t/c.csv"
tap_is "$(cat "$t/exit")" 0 "the run goes on: exit 0"
tap_is "$("$JSONGET" "$t/s.json" data.as_of)" "2031-01-01" "the as-of is still the latest date"
tap_is "$(grep -c "c.csv:42: column 'signup' holds 2031-01-01, the latest date and so the as-of, [0-9]* days after every other date (the next is 2024-12-[0-9]*): if it is a mistake, fix it or give --as-of" "$t/stderr")" 1 \
	"the warning names the line, the column, the gap and the next date"

ck_run "$t" survival $map --quiet "$t/c.csv"
tap_is "$(cat "$t/stderr")" "" "--quiet silences it"

ck_run "$t" survival $map --as-of 2024-12-31 --where 'id!=typo' "$t/c.csv"
tap_is "$(grep -c 'latest date' "$t/stderr")" 0 "no warning once the row is left out"

# Two rows on the latest date, or a gap of at most a quarter: no warning.
sed 's/^typo,2031-01-01,$/typo,2025-03-01,/' "$t/c.csv" >"$t/near.csv"
ck_run "$t" survival $map "$t/near.csv"
tap_is "$(grep -c 'latest date' "$t/stderr")" 0 "a latest date within 92 days of the next: no warning"
printf 'typo2,2031-01-01,\n' >>"$t/c.csv"
ck_run "$t" survival $map "$t/c.csv"
tap_is "$(grep -c 'latest date' "$t/stderr")" 0 "two rows holding the latest date: no lone typo, no warning"

tap_done
