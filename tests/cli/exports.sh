#!/bin/sh
# exports.sh - a German Excel export loads with options alone (issue 12):
# tests/data/exports/kunden_de.csv (; delimited, CRLF, dd.mm.yyyy dates,
# decimal commas with '.' thousands separators, a ja/nein churn flag,
# Windows-1252 names) gives the same counts and numbers as kunden_iso.csv,
# its hand conversion to UTF-8, ISO dates and plain numbers (to_iso.sh,
# made once with iconv and awk).  TAP.
. "$top_srcdir/tests/lib.sh"

d="$top_srcdir/tests/data/exports"
ck_tmpdir exports
t=$ck_tmp
mkdir -p "$t/de" "$t/iso" "$t/survival_de" "$t/survival_iso" "$t/model_de" \
	"$t/model_iso" "$t/plain" || tap_bail "cannot make $t"

german="--date-format %d.%m.%Y --decimal , --thousands . --encoding windows-1252"
cols="--id Kundennr --start Beginn --end Ende --value Umsatz --by Vertrag"

# check: the data counts and every column's summary.
# shellcheck disable=SC2086
ck_run "$t/de" check $cols $german --json "$t/check_de.json" "$d/kunden_de.csv"
tap_is "$(cat "$t/de/exit")" 0 "check: the German export loads with options alone"
# shellcheck disable=SC2086
ck_run "$t/iso" check $cols --json "$t/check_iso.json" "$d/kunden_iso.csv"
tap_is "$(cat "$t/iso/exit")" 0 "check: its hand conversion loads"
for p in data.rows_read data.rows_used data.rows_rejected data.events data.as_of \
	data.date_min data.date_max; do
	tap_is "$("$JSONGET" "$t/check_de.json" $p)" "$("$JSONGET" "$t/check_iso.json" $p)" \
		"check: $p is the same for both files"
done
tap_is "$("$JSONGET" "$t/check_de.json" data.rows_used)" 80 "check: all 80 rows are used"
# The whole summary but the delimiter and the flag's own words (ja/nein
# against yes/no) is the same.
sed -e '/"delimiter"/d' -e '/"sha256"/d' -e 's/"ja"/"yes"/; s/"nein"/"no"/' "$t/check_de.json" >"$t/a.json"
sed -e '/"delimiter"/d' -e '/"sha256"/d' "$t/check_iso.json" >"$t/b.json"
cmp -s "$t/a.json" "$t/b.json"
tap_ok $? "check: every column summary (numbers of Umsatz, dates, levels) is the same"

# same_run NAME DESCRIPTION ARGS...: runs churnkit ARGS on both files (the
# German one with the options) and checks that both succeed and that their
# JSON is the same but for the input's hash.
same_run() {
	name=$1 what=$2
	shift 2
	# shellcheck disable=SC2086
	ck_run "$t/${name}_de" "$@" $german --json "$t/${name}_de.json" "$d/kunden_de.csv"
	ck_run "$t/${name}_iso" "$@" --json "$t/${name}_iso.json" "$d/kunden_iso.csv"
	tap_is "$(cat "$t/${name}_de/exit"):$(cat "$t/${name}_iso/exit")" "0:0" \
		"$name: both files run"
	sed '/"sha256"/d' "$t/${name}_de.json" >"$t/a.json"
	sed '/"sha256"/d' "$t/${name}_iso.json" >"$t/b.json"
	cmp -s "$t/a.json" "$t/b.json"
	tap_ok $? "$name: $what"
}

# survival: every number the same; the hash is that of the file's bytes.
# shellcheck disable=SC2086
same_run survival "every number of the German export equals the conversion's" \
	survival $cols
if command -v sha256sum >/dev/null 2>&1; then
	tap_is "$("$JSONGET" "$t/survival_de.json" data.sha256)" \
		"$(sha256sum "$d/kunden_de.csv" | cut -d' ' -f1)" \
		"survival: data.sha256 is the hash of the Windows-1252 bytes as read"
fi

# model: the ja/nein flag as the outcome gives the conversion's yes/no fit.
same_run model "the ja/nein outcome fits as the yes/no one, number for number" \
	model --id Kundennr --start Beginn --end Ende --outcome Gekündigt \
	--features Umsatz,Logins,Vertrag

# Without the options the export is refused, and the error says what reads it.
ck_run "$t/plain" check $cols --date-format %d.%m.%Y "$d/kunden_de.csv"
tap_is "$(cat "$t/plain/exit")" 1 "plain: refused without the options"
grep -q "say --encoding windows-1252" "$t/plain/stderr"
tap_ok $? "plain: the error suggests --encoding windows-1252"

tap_done
