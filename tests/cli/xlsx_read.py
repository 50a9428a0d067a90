#!/usr/bin/env python3
"""xlsx_read.py - reads a workbook back for tests/cli/xlsx.sh (stdlib only).

    xlsx_read.py compare BOOK DIR   every DIR/*.csv is a sheet of BOOK (found by
                                    the Contents sheet) with the same header and
                                    cells: text equal (less the CSV's formula
                                    apostrophe), numbers within 1e-12 relative,
                                    numbers stored as numbers, dates as dates
    xlsx_read.py contents BOOK      the first sheet is Contents and lists every
                                    other sheet, each name a link to its sheet
                                    (A1); every sheet has a frozen pane
                                    and a bold header
    xlsx_read.py cell BOOK SHEET REF  prints the cell's type, value and format
                                    ("n 0.25 0.0%")
    xlsx_read.py sheets BOOK        prints the sheet names, one a line
    xlsx_read.py notes BOOK         prints the Contents sheet's run lines
                                    (key<TAB>value)
Exit 0 when the check holds; otherwise what differs is printed, exit 1.
"""
import csv
import datetime
import glob
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
BUILTIN = {0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%", 14: "mm-dd-yy"}


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1, int(ref[len(letters):]) - 1


class Book:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        wb = ET.fromstring(self.z.read("xl/workbook.xml"))
        rels = ET.fromstring(self.z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels.findall("p:Relationship", NS)}
        self.sheets = []
        for s in wb.find("m:sheets", NS).findall("m:sheet", NS):
            rid = s.get("{%s}id" % NS["r"])
            self.sheets.append((s.get("name"), "xl/" + target[rid]))
        self.strings = []
        if "xl/sharedStrings.xml" in self.z.namelist():
            sst = ET.fromstring(self.z.read("xl/sharedStrings.xml"))
            for si in sst.findall("m:si", NS):
                self.strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        st = ET.fromstring(self.z.read("xl/styles.xml"))
        fmts = dict(BUILTIN)
        nf = st.find("m:numFmts", NS)
        if nf is not None:
            for f in nf.findall("m:numFmt", NS):
                fmts[int(f.get("numFmtId"))] = f.get("formatCode")
        fonts = [f.find("m:b", NS) is not None for f in st.find("m:fonts", NS)]
        self.xf = []
        for x in st.find("m:cellXfs", NS).findall("m:xf", NS):
            self.xf.append((fmts.get(int(x.get("numFmtId", 0)), "?"),
                            fonts[int(x.get("fontId", 0))]))

    def sheet_xml(self, name):
        for n, p in self.sheets:
            if n == name:
                return ET.fromstring(self.z.read(p))
        raise KeyError(name)

    def cells(self, name):
        """{(row, col): (type, value, format, bold)}"""
        out = {}
        for c in self.sheet_xml(name).iter("{%s}c" % NS["m"]):
            col, row = col_index(c.get("r"))
            t = c.get("t", "n")
            v = c.find("m:v", NS)
            fmt, bold = self.xf[int(c.get("s", 0))]
            if v is None:
                continue
            val = self.strings[int(v.text)] if t == "s" else v.text
            out[(row, col)] = (t, val, fmt, bold)
        return out

    def contents(self):
        """[(sheet, table)] from the Contents sheet, and the run's lines."""
        cells = self.cells("Contents")
        rows = max(r for r, _ in cells) + 1 if cells else 0
        listed, notes, part = [], [], 0
        for r in range(1, rows):
            a = cells.get((r, 0))
            b = cells.get((r, 1))
            if a is None:
                part = 1
                continue
            if part == 0:
                listed.append((a[1], b[1] if b else ""))
            elif a[1] != "run":
                notes.append((a[1], b[1] if b else ""))
        return listed, notes


def excel_date(serial):
    return (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(serial))).isoformat()


def same_cell(want, got):
    """want: the CSV's text; got: (type, value, format, bold) or None."""
    if want.startswith("'") and len(want) > 1 and want[1] in "=+-@\t\r":
        want = want[1:]
    if got is None:
        return want == "", "missing"
    t, v, fmt, _ = got
    if t == "n":
        if fmt == "yyyy-mm-dd":
            return excel_date(float(v)) == want, "date %s" % excel_date(float(v))
        try:
            w = float(want)
        except ValueError:
            return False, "number %s for text" % v
        g = float(v)
        return abs(g - w) <= 1e-12 * max(abs(w), 1e-300) or g == w, "number %s" % v
    if re.fullmatch(r"-?[0-9.]+(e[-+]?[0-9]+)?", want, re.I) and want not in ("", "."):
        return False, "text %r for a number" % v
    return v == want, "text %r" % v


def compare(book, folder):
    b = Book(book)
    listed, _ = b.contents()
    by_table = {t: s for s, t in listed}
    bad = 0
    files = sorted(glob.glob(os.path.join(folder, "*.csv")))
    if not files:
        print("no CSV in", folder)
        return 1
    for path in files:
        table = os.path.basename(path)
        if table not in by_table:
            print("%s: no sheet" % table)
            bad += 1
            continue
        sheet = by_table[table]
        cells = b.cells(sheet)
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        nrows = max((r for r, _ in cells), default=-1) + 1
        width = {}
        for r, c in cells:
            width[r] = max(width.get(r, 0), c + 1)
        if nrows != len(rows):
            print("%s: %d rows in the sheet, %d in the CSV" % (table, nrows, len(rows)))
            bad += 1
        for r, row in enumerate(rows):
            for c, want in enumerate(row):
                ok, what = same_cell(want, cells.get((r, c)))
                if not ok:
                    print("%s row %d col %d: CSV %r, sheet %s" % (table, r + 1, c + 1, want, what))
                    bad += 1
                    if bad > 20:
                        return 1
            if width.get(r, 0) > len(row):
                print("%s row %d: %d cells, %d in the CSV" % (table, r + 1, width[r], len(row)))
                bad += 1
    return 1 if bad else 0


def check_contents(book):
    b = Book(book)
    bad = 0
    names = [n for n, _ in b.sheets]
    if not names or names[0] != "Contents":
        print("first sheet:", names[:1])
        return 1
    listed, _ = b.contents()
    if sorted(s for s, _ in listed) != sorted(names[1:]):
        print("Contents lists", sorted(s for s, _ in listed), "sheets", sorted(names[1:]))
        bad += 1
    links = {}
    for h in b.sheet_xml("Contents").iter("{%s}hyperlink" % NS["m"]):
        links[h.get("ref")] = h.get("location") or ""
    for i, (s, _) in enumerate(listed):
        loc = links.get("A%d" % (i + 2), "")
        m = re.fullmatch(r"'((?:[^']|'')*)'!A1", loc)
        if m is None or m.group(1).replace("''", "'") != s:
            print("Contents: %s is not a link to its sheet (%r)" % (s, loc))
            bad += 1
    for n in names:
        x = b.sheet_xml(n)
        pane = x.find("m:sheetViews/m:sheetView/m:pane", NS)
        if pane is None or pane.get("state") != "frozen" or pane.get("topLeftCell") != "A2":
            print("%s: no frozen pane under the header" % n)
            bad += 1
        head = [v for (r, _), v in b.cells(n).items() if r == 0]
        if not head or not all(v[3] for v in head):
            print("%s: the header is not bold" % n)
            bad += 1
        if x.find("m:cols", NS) is None:
            print("%s: no column widths" % n)
            bad += 1
    return 1 if bad else 0


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    what, book = argv[1], argv[2]
    if what == "compare":
        return compare(book, argv[3])
    if what == "contents":
        return check_contents(book)
    b = Book(book)
    if what == "sheets":
        for n, _ in b.sheets:
            print(n)
        return 0
    if what == "notes":
        for k, v in b.contents()[1]:
            print("%s\t%s" % (k, v))
        return 0
    if what == "cell":
        col, row = col_index(argv[4])
        got = b.cells(argv[3]).get((row, col))
        if got is None:
            print("none")
        else:
            print("%s %s %s" % (got[0], got[1], got[2]))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
