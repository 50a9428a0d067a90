#!/bin/sh
# make_telco_extract.sh - telco_extract.csv, a small extract of IBM's Telco
# customer churn table for the README's Telco recipe (tests/cli/recipes.sh),
# made ONCE from the full table:
#     sh make_telco_extract.sh /path/to/telco-customer-churn.csv
# Its first 240 customers and every customer of tenure 0 (the 11 whose
# TotalCharges is a single space), rows and bytes as they are (CRLF kept).
awk -F, 'NR <= 241 || $6 == 0' "$1" >telco_extract.csv
