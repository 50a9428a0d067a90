## Review of issue 12's readers (helper rev1): cases each made to fail
## before its fix; tests/cli/hostile.sh runs each case.
EXTRA_DIST += \
	tests/data/hostile/review_interval_count_fraction/args \
	tests/data/hostile/review_interval_count_fraction/data.csv \
	tests/data/hostile/review_interval_count_fraction/exit \
	tests/data/hostile/review_interval_count_fraction/json \
	tests/data/hostile/review_interval_count_fraction/stderr
EXTRA_DIST += \
	tests/data/hostile/review_accounting_negative/args \
	tests/data/hostile/review_accounting_negative/data.csv \
	tests/data/hostile/review_accounting_negative/exit \
	tests/data/hostile/review_accounting_negative/files \
	tests/data/hostile/review_accounting_negative/stderr
