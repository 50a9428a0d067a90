#!/bin/sh
# impute_weights.sh - --impute with --weight (review G5): the median that
# fills a missing number is the customers' (a row of weight w counts w
# times), so the weighted table fits as the same table written out one row
# per customer.  The reference is that expansion (awk below); R gives
# median(rep(x, w)) = 6 on this table where the rows' median is 5.
. "$top_srcdir/tests/lib.sh"

ck_tmpdir impute_weights
t=$ck_tmp
cd "$t" || tap_bail "cannot enter $t"
data="$top_srcdir/tests/data/model/impute_weights.csv"
awk -F, -v OFS=, 'NR == 1 { print; next }
	{ n = $4; id = $1; for (k = 1; k <= n; k++) { $1 = id "_" k; $4 = 1; print } }' \
	"$data" >expanded.csv
coefs() { awk '/^Coefficients:/ { on = 1 } on { print } /^Reference levels/ { exit }' "$1"; }

for cmd in "model --outcome churned" "model --outcome churned --firth"; do
	ck_run "$t" $cmd --id id --features x,g --impute --weight w "$data"
	tap_is "$(cat exit):$(cat stderr)" "0:" "$cmd --impute --weight: exit 0"
	coefs stdout >w.txt
	ck_run "$t" $cmd --id id --features x,g --impute expanded.csv
	tap_is "$(cat exit):$(cat stderr)" "0:" "$cmd --impute on the expanded rows: exit 0"
	coefs stdout >e.txt
	tap_ok $(( $(wc -l <w.txt) < 6 )) "$cmd: a coefficient table with x_missing"
	cmp -s w.txt e.txt
	tap_ok $? "$cmd --impute --weight: the coefficients (x_missing too) are the expanded rows'"
	[ $? = 0 ] || diff w.txt e.txt | sed 's/^/# /'
done
tap_done
