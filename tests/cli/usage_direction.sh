#!/bin/sh
# usage_direction.sh - an action picked from a column's kind must agree with
# the data (docs/domain.md, "Actions from the findings"): where more logins
# go with more churn (tests/fixtures/usage_direction, made by R), the finding
# about many logins gets no "usage alerts" playbook and no customer whose
# driver is a high login count is told to "raise use"; on the sample, where
# few logins go with churn, the usage playbook stays (the reviewer's case).

. "$top_srcdir/tests/lib.sh"

ck_tmpdir usage_direction
t=$ck_tmp
data="$top_srcdir/tests/fixtures/usage_direction/usage_churn.csv"
ck_run "$t" report --id customer_id --start signup_date --end churn_date --as-of 2026-09-30 \
	--value mrr --by contract --features 'contract,plan,logins_30d,log(mrr)' --horizon 12 \
	--scores "$t/s.csv" -o "$t/r.pdf" "$data"
tap_is "$(cat "$t/exit")" 0 "the report of churn rising with logins: exit 0"
tap_ok "$(grep -qE '^[0-9]+\. .* customers with logins_30d at [0-9]+ or more churned' "$t/stdout"; echo $?)" \
	"a finding says that many logins go with churn"
tap_is "$(grep -E '^[0-9]+\. .*customers with logins_30d at [0-9]+ or more \(owner' "$t/stdout" | grep -c 'Usage alerts')" 0 \
	"its action is not the low-usage playbook"
tap_ok "$(grep -qE '^[0-9]+\. Find out why they leave, and act on it: customers with logins_30d at [0-9]+ or more \(owner: Customer success\)' "$t/stdout"; echo $?)" \
	"its action is the general one"
# Customers whose main driver is their login count: theirs is a high count
# (its coefficient is positive), and none is told to raise use.
tap_ok "$([ "$(awk -F, '$6 == "logins_30d"' "$t/s.csv" | wc -l)" -gt 20 ]; echo $?)" \
	"more than 20 scored customers have logins_30d as main driver"
tap_is "$(grep -c 'raise use\|tutorials' "$t/s.csv")" 0 "no customer is told to raise use"

# The sample: few logins go with churn, and keep the usage playbook.
mkdir -p "$t/s"
ck_run "$t/s" report --config "$top_srcdir/reports/quarterly.ini" -o "$t/s.pdf" \
	--scores "$t/ss.csv" "$top_srcdir/samples/customers.csv"
tap_ok "$(grep -qE '^[0-9]+\. Usage alerts and in-product guidance for customers with Logins in the last 30 days at [0-9]+ or less' "$t/s/stdout"; echo $?)" \
	"the sample: few logins get the usage playbook"
tap_ok "$([ "$(grep -c 'raise use\|tutorials' "$t/ss.csv")" -gt 0 ]; echo $?)" \
	"the sample: customers with few logins are told to raise use"
tap_done
