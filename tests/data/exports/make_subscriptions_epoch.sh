#!/bin/sh
# make_subscriptions_epoch.sh - made subscriptions_epoch.csv once from
# subscriptions.csv: the same rows with `created` and `canceled_at` as Unix
# seconds (UTC), as a billing API exports them.  Needs GNU date.
set -e
cd "$(dirname "$0")"
while IFS=, read -r id cust status plan amount cur interval created canceled; do
	if [ "$id" = id ]; then
		echo "$id,$cust,$status,$plan,$amount,$cur,$interval,$created,$canceled"
		continue
	fi
	c=$(date -u -d "$created" +%s)
	e=
	[ -z "$canceled" ] || e=$(date -u -d "$canceled" +%s)
	echo "$id,$cust,$status,$plan,$amount,$cur,$interval,$c,$e"
done <subscriptions.csv >subscriptions_epoch.csv
