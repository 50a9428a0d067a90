## --where and --rollup (issue 12 item 6, helper rollup): each refusal, and
## the [input] rollup key; tests/cli/hostile.sh runs each case.
EXTRA_DIST += \
	tests/data/hostile/rollup_config_key/args \
	tests/data/hostile/rollup_config_key/data.csv \
	tests/data/hostile/rollup_config_key/exit \
	tests/data/hostile/rollup_config_key/json \
	tests/data/hostile/rollup_config_key/report.ini \
	tests/data/hostile/rollup_config_key/stderr \
	tests/data/hostile/rollup_duplicate_hint/args \
	tests/data/hostile/rollup_duplicate_hint/data.csv \
	tests/data/hostile/rollup_duplicate_hint/exit \
	tests/data/hostile/rollup_duplicate_hint/stderr \
	tests/data/hostile/rollup_duration/args \
	tests/data/hostile/rollup_duration/data.csv \
	tests/data/hostile/rollup_duration/exit \
	tests/data/hostile/rollup_duration/stderr \
	tests/data/hostile/rollup_no_id/args \
	tests/data/hostile/rollup_no_id/data.csv \
	tests/data/hostile/rollup_no_id/exit \
	tests/data/hostile/rollup_no_id/stderr \
	tests/data/hostile/rollup_weight/args \
	tests/data/hostile/rollup_weight/data.csv \
	tests/data/hostile/rollup_weight/exit \
	tests/data/hostile/rollup_weight/stderr \
	tests/data/hostile/rollup_where_all_filtered/args \
	tests/data/hostile/rollup_where_all_filtered/data.csv \
	tests/data/hostile/rollup_where_all_filtered/exit \
	tests/data/hostile/rollup_where_all_filtered/stderr \
	tests/data/hostile/rollup_where_malformed/args \
	tests/data/hostile/rollup_where_malformed/data.csv \
	tests/data/hostile/rollup_where_malformed/exit \
	tests/data/hostile/rollup_where_malformed/stderr \
	tests/data/hostile/rollup_where_no_match/args \
	tests/data/hostile/rollup_where_no_match/data.csv \
	tests/data/hostile/rollup_where_no_match/exit \
	tests/data/hostile/rollup_where_no_match/files \
	tests/data/hostile/rollup_where_no_match/stderr \
	tests/data/hostile/rollup_where_unknown_column/args \
	tests/data/hostile/rollup_where_unknown_column/data.csv \
	tests/data/hostile/rollup_where_unknown_column/exit \
	tests/data/hostile/rollup_where_unknown_column/files \
	tests/data/hostile/rollup_where_unknown_column/stderr
