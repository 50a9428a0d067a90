#!/usr/bin/env python3
"""Writes kunden_de.csv ONCE: a small German Excel-style export (; delimited,
CRLF, dd.mm.yyyy dates, decimal commas with '.' thousands separators, a
ja/nein churn flag, Windows-1252 text).  kunden_iso.csv is its hand
conversion (to_iso.sh, iconv and awk, no churnkit)."""
import random
random.seed(12)
names = ["M\u00fcller", "Gro\u00df", "B\u00e4cker", "Jos\u00e9", "\u0152uvre", "Sch\u00f6n",
         "Fran\u00e7ois", "Kr\u00e4mer", "Weber", "Zo\u00eb"]
plans = ["Monat", "Jahr", "Zwei Jahre"]
rows = []
for i in range(1, 81):
    y, m, d = random.choice([2022, 2023, 2024]), random.randint(1, 12), random.randint(1, 28)
    churn = random.random() < (0.55 if i % 3 else 0.25)
    end = ""
    if churn:
        ey = y + random.choice([0, 1])
        em = random.randint(1, 12)
        if (ey, em) <= (y, m):
            ey, em = y + 1, m
        if ey > 2024:
            ey, em = 2024, 12
        end = "%02d.%02d.%d" % (random.randint(1, 28), em, ey)
    cents = random.choice([2105, 593655, 123450, 4999, 99900, 1500000, 25000])
    euros, c = divmod(cents, 100)
    ge = "{:,}".format(euros).replace(",", ".")
    amount = "%s,%02d" % (ge, c)
    rows.append(["K%03d" % i, names[i % len(names)], plans[i % 3],
                 "%02d.%02d.%d" % (d, m, y), end, amount, "ja" if churn else "nein",
                 str(random.randint(0, 40))])
head = ["Kundennr", "Name", "Vertrag", "Beginn", "Ende", "Umsatz", "Gek\u00fcndigt", "Logins"]
with open("kunden_de.csv", "wb") as f:
    for r in [head] + rows:
        f.write((";".join(r) + "\r\n").encode("cp1252"))
