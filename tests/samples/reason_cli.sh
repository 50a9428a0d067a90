#!/bin/sh
# reason_cli.sh - the churn_reason column of samples/gen_samples (TAP).
#
# 1. The column was added without changing anything else: it comes from a
#    random stream of its own, so the committed samples with the last column
#    cut off are byte for byte the files committed before the column existed
#    (their SHA-256 below, taken from those files), and revenue.csv did not
#    change at all.
# 2. It is empty exactly for active customers and otherwise one of the six
#    documented reasons.
# 3. It follows the process documented in samples/README.md ("Churn
#    reason"), on five seeds of 5,000 rows.  Each check compares a reason's
#    share among churned customers in two groups; the thresholds sit 3 or
#    more standard errors below the differences the process gives (measured
#    on ten seeds, noted at each check), and a process without the effect
#    gives a difference near 0, which fails.
# make check exports top_srcdir, top_builddir and CHURNKIT_WRAP (tests/lib.sh).

# shellcheck source=tests/lib.sh
. "${top_srcdir:-.}/tests/lib.sh"
gen="$top_builddir/samples/gen_samples"
run() { $CHURNKIT_WRAP "$gen" "$@"; }
sha() { sha256sum | cut -d' ' -f1; }

[ -x "$gen" ] || tap_bail "$gen is not built"
ck_tmpdir reason_cli
tmp=$ck_tmp
seeds="42 1 2 3 4"

# 1. Nothing but the new column changed.  The hashes are those of the files
# as committed before churn_reason existed (16 columns, commit 4218534).
old_customers=77a011489970f0d781445b33ac73542040e92d35d11ae323c8029267db725582
old_small=819b0d703c7d7762aa909d97a89ec5f2360a065e17a0456631a9ab6fe594547c
old_revenue=ef1abbd7f92cef5683963dde6e61dbfb3a1a9944269956c92fbdde1bcfd32c71
run --rows 5000 --seed 42 --as-of 2026-10-31 --months 36 \
	--revenue "$tmp/revenue.csv" -o "$tmp/customers.csv" &&
	run --rows 200 --seed 42 --as-of 2026-10-31 --months 36 -o "$tmp/small.csv"
tap_ok $? "gen_samples: the documented commands succeed"
tap_is "$(head -n 1 "$tmp/customers.csv" | cut -d, -f17-)" churn_reason \
	"churn_reason is the 17th and last column"
tap_is "$(cut -d, -f1-16 "$tmp/customers.csv" | sha)" "$old_customers" \
	"customers.csv without churn_reason is byte for byte the file before the column"
tap_is "$(cut -d, -f1-16 "$tmp/small.csv" | sha)" "$old_small" \
	"customers_small.csv without churn_reason is byte for byte the file before the column"
tap_is "$(sha <"$tmp/revenue.csv")" "$old_revenue" \
	"revenue.csv is byte for byte the file before the column"
awk -F, 'NR > 1 && ($3 == "") != ($17 == "") { bad++ } END { exit bad > 0 }' \
	"$tmp/small.csv"
tap_ok $? "customers_small.csv: churn_reason is empty exactly for active customers"

# 2 and 3, per seed.  shares prints, for the churned customers of a table:
# the rows breaking the shape, then pairs "share-in-group share-in-other"
# for payment failed (late_payments_12m >= 2 against 0), price (discount
# promo against the other channels), poor service (support tickets >= 3
# against 0), missing features (logins_30d <= 5 against >= 20), business
# closed (Starter against Pro and Enterprise).
shares() {
	awk -F, '
	function share(k, m) { return m > 0 ? k / m : -1 }
	NR == 1 { next }
	{
		if (NF != 17 || ($3 == "") != ($17 == "")) { bad++; next }
		if ($3 == "") next
		if ($17 !~ /^(price|missing features|poor service|competitor|payment failed|business closed)$/) bad++
		if ($14 >= 2) { n1++; k1 += $17 == "payment failed" }
		if ($14 == 0) { m1++; j1 += $17 == "payment failed" }
		if ($6 == "discount promo") { n2++; k2 += $17 == "price" }
		else { m2++; j2 += $17 == "price" }
		if ($12 >= 3) { n3++; k3 += $17 == "poor service" }
		if ($12 == 0) { m3++; j3 += $17 == "poor service" }
		if ($11 <= 5) { n4++; k4 += $17 == "missing features" }
		if ($11 >= 20) { m4++; j4 += $17 == "missing features" }
		if ($4 == "Starter") { n5++; k5 += $17 == "business closed" }
		if ($4 == "Pro" || $4 == "Enterprise") { m5++; j5 += $17 == "business closed" }
	}
	END {
		printf "%d %.4f %.4f %.4f %.4f %.4f %.4f %.4f %.4f %.4f %.4f\n", bad,
		       share(k1, n1), share(j1, m1), share(k2, n2), share(j2, m2),
		       share(k3, n3), share(j3, m3), share(k4, n4), share(j4, m4),
		       share(k5, n5), share(j5, m5)
	}' "$1"
}
# above A B MIN: exit 0 when A - B > MIN (both shares defined).
above() { awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { exit !(a >= 0 && b >= 0 && a - b > d) }'; }

for s in $seeds; do
	if [ "$s" = 42 ]; then
		cp "$tmp/customers.csv" "$tmp/s.csv"
	else
		rm -f "$tmp/s.csv"
		run --rows 5000 --seed "$s" -o "$tmp/s.csv" || tap_diag "seed $s: gen_samples failed"
	fi
	# shellcheck disable=SC2046
	set -- $(shares "$tmp/s.csv")
	[ "$#" -eq 11 ] && [ "$1" -eq 0 ]
	tap_ok $? "seed $s: 17 fields; churn_reason empty for active customers, else a documented reason"
	# payment failed: about 0.44 (se 0.028) against 0.02; a difference of 0.25.
	above "$2" "$3" 0.25
	tap_ok $? "seed $s: payment failed is far more common with 2+ late payments ($2 vs $3)"
	# price: about 0.44 (se 0.031) against 0.20; 0.10.
	above "$4" "$5" 0.10
	tap_ok $? "seed $s: price is more common in the discount promo channel ($4 vs $5)"
	# poor service: about 0.26 (se 0.024) against 0.06; 0.10.
	above "$6" "$7" 0.10
	tap_ok $? "seed $s: poor service is more common with 3+ support tickets ($6 vs $7)"
	# missing features: about 0.33 (se 0.026) against 0.11; 0.10.
	above "$8" "$9" 0.10
	tap_ok $? "seed $s: missing features is more common with 5 logins or fewer (${8} vs ${9})"
	# business closed: about 0.11 against 0.037 (se of the difference 0.015); 0.02.
	above "${10}" "${11}" 0.02
	tap_ok $? "seed $s: business closed is more common on Starter than on Pro and Enterprise (${10} vs ${11})"
done

tap_done
