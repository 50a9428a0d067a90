#!/bin/sh
# hpdf_boundary.sh - libharu stays behind src/report/pdf/: no source or
# header of churnkit outside that folder (src/, include/, tests/, samples/,
# bench/) names an HPDF_ identifier or includes hpdf.h; and within it,
# pdf_text.c, the layout that needs no libharu, calls none and pdf_text.h
# does not include hpdf.h.  TAP.
: "${top_srcdir:=.}"
LC_ALL=C
export LC_ALL

n=0
failed=0
tap_ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

cd "$top_srcdir" || { echo "Bail out! cannot enter $top_srcdir"; exit 99; }
[ -f src/report/pdf/pdf.h ] || { echo "Bail out! no src/report/pdf/pdf.h in $top_srcdir"; exit 99; }

inside=$(find src/report/pdf -name '*.[ch]' | sort)
outside=$(find src include tests samples bench -name '*.[ch]' ! -path 'src/report/pdf/*' \
	2>/dev/null | sort)

hits=""
for f in $outside; do
	if grep -q -E 'HPDF_|hpdf\.h' "$f"; then hits="$hits $f"; fi
done
[ -z "$hits" ]
tap_ok $? "no HPDF_ and no hpdf.h outside src/report/pdf/"
for f in $hits; do grep -n -E 'HPDF_|hpdf\.h' "$f" | sed "s|^|# $f:|"; done

! grep -q 'HPDF_' src/report/pdf/pdf_text.c
tap_ok $? "pdf_text.c, the layout without libharu, calls no HPDF_"
! grep -q -E '#[[:space:]]*include[[:space:]]*[<"]hpdf\.h' src/report/pdf/pdf_text.c \
	src/report/pdf/pdf_text.h
tap_ok $? "pdf_text.[ch] do not include hpdf.h"

# The check itself can fail: pdf/ does call libharu.
found=0
for f in $inside; do grep -q 'HPDF_' "$f" && found=$((found + 1)); done
[ "$found" -gt 0 ]
tap_ok $? "the check sees libharu calls inside src/report/pdf/ ($found files)"

echo "1..$n"
[ "$failed" -eq 0 ]
