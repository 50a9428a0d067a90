#!/bin/sh
# sample.sh - the sample document (tests/pdf/sample.h) read back with
# poppler (TAP): the text comes out as drawn (Zürich, Kraków, São Paulo,
# 台北), 3 A4 pages, the information dictionary in UTF-8, every font
# embedded, two runs byte-identical.  Skips when poppler-utils is missing.

# lib.sh wants a program to run: here it is the sample writer.
CHURNKIT=${top_builddir:-.}/tests/pdf/write_sample
. "$top_srcdir/tests/lib.sh"

for p in pdftotext pdfinfo pdffonts; do
	command -v $p >/dev/null 2>&1 || {
		echo "1..0 # SKIP $p not found (apt-get install poppler-utils)"
		exit 0
	}
done

ck_tmpdir pdf_sample
t=$ck_tmp

ck_run "$t" "$t/a.pdf"
tap_is "$(cat "$t/exit"):$(cat "$t/stderr")" "0:" "write_sample: exit 0, nothing on stderr"
ck_run "$t" "$t/b.pdf"
cmp -s "$t/a.pdf" "$t/b.pdf"
tap_ok $? "two runs write byte-identical files"

# Text, page by page (pdftotext -layout keeps each drawn string on its line).
pdftotext -layout -f 1 -l 1 "$t/a.pdf" "$t/p1.txt" 2>"$t/p1.err"
tap_ok $? "pdftotext page 1"
pdftotext -layout -f 2 -l 2 "$t/a.pdf" "$t/p2.txt" 2>"$t/p2.err"
pdftotext -layout -f 3 -l 3 "$t/a.pdf" "$t/p3.txt" 2>"$t/p3.err"
line() { sed -e 's/^ *//' -e 's/ *$//' "$1" | grep -x -F -e "$2"; }
for s in "Retention report" "Zürich, Kraków, São Paulo" "page 1 of 3"; do
	line "$t/p1.txt" "$s" >/dev/null
	tap_ok $? "page 1 has the line '$s'"
done
for s in "Zürich" "台北" "Office 台北 opened" "page 2 of 3"; do
	line "$t/p2.txt" "$s" >/dev/null
	tap_ok $? "page 2 has the line '$s'"
done
# The paragraph breaks after "stayed" (test_pdf checks the widths).
for s in "Customers who joined in the first quarter stayed" \
	"longer than those who joined later in the year." "centred" "page 3 of 3"; do
	line "$t/p3.txt" "$s" >/dev/null
	tap_ok $? "page 3 has the line '$s'"
done
cat "$t/p1.err" "$t/p2.err" "$t/p3.err" >"$t/pdftotext.err"
tap_is "$(cat "$t/pdftotext.err")" "" "pdftotext gives no warnings (valid ToUnicode maps)"

pdfinfo "$t/a.pdf" >"$t/info" 2>"$t/info.err"
tap_ok $? "pdfinfo reads the file"
tap_is "$(grep '^Pages:' "$t/info" | tr -s ' ')" "Pages: 3" "pdfinfo: 3 pages"
tap_is "$(grep '^Page size:' "$t/info" | tr -s ' ')" "Page size: 595.28 x 841.89 pts (A4)" \
	"pdfinfo: A4"
tap_is "$(grep '^Title:' "$t/info" | tr -s ' ')" "Title: Rapport Zürich 台北" \
	"pdfinfo: the title in UTF-8"
tap_is "$(grep '^Subject:' "$t/info" | tr -s ' ')" "Subject: São Paulo" \
	"pdfinfo: the subject in UTF-8"
tap_is "$(grep -c 'Date:' "$t/info")" "0" "pdfinfo: no creation or modification date"

ck_run "$t" "$t/letter.pdf" letter
pdfinfo "$t/letter.pdf" >"$t/info" 2>&1
tap_is "$(grep '^Page size:' "$t/info" | tr -s ' ')" "Page size: 612 x 792 pts (letter)" \
	"pdfinfo: Letter"

# pdffonts: two header lines, then one line per font; column 'emb' is the
# third from the end of the fixed columns ("... emb sub uni object ID").
pdffonts "$t/a.pdf" >"$t/fonts" 2>"$t/fonts.err"
tap_ok $? "pdffonts reads the file"
tail -n +3 "$t/fonts" | awk '{ print $1 }' | sed 's/^[A-Z]*+//' | sort >"$t/names"
tap_is "$(tr '\n' ' ' <"$t/names")" "DejaVuSans,Book DejaVuSans-Bold,Bold WenQuanYiZenHei " \
	"pdffonts: DejaVu Sans, its bold and WenQuanYi Zen Hei, nothing else"
tap_is "$(tail -n +3 "$t/fonts" | awk '{ print $(NF-4) }' | sort -u)" "yes" \
	"pdffonts: every font is embedded (emb yes)"

tap_done
