#!/bin/sh
# to_iso.sh - the hand conversion of kunden_de.csv into kunden_iso.csv (run
# ONCE, without churnkit): Windows-1252 -> UTF-8, CRLF -> LF, ';' -> ',',
# dd.mm.yyyy -> yyyy-mm-dd, 1.234,50 -> 1234.50, ja/nein -> yes/no.
iconv -f WINDOWS-1252 -t UTF-8 kunden_de.csv | tr -d '\r' | awk -F';' -v OFS=',' '
function iso(d) { return d == "" ? "" : substr(d, 7, 4) "-" substr(d, 4, 2) "-" substr(d, 1, 2) }
NR == 1 { $1 = $1; print; next }
{
	$4 = iso($4); $5 = iso($5)
	gsub(/\./, "", $6); sub(/,/, ".", $6)
	$7 = ($7 == "ja") ? "yes" : "no"
	print
}' >kunden_iso.csv
