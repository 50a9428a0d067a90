## The hostile-input corpus: cases added by the dates work (docs/inputs.md, "Dates").
EXTRA_DIST += \
	tests/data/hostile/dates_ambiguous/args \
	tests/data/hostile/dates_ambiguous/data.csv \
	tests/data/hostile/dates_ambiguous/exit \
	tests/data/hostile/dates_ambiguous/files \
	tests/data/hostile/dates_ambiguous/stderr \
	tests/data/hostile/dates_hint/args \
	tests/data/hostile/dates_hint/data.csv \
	tests/data/hostile/dates_hint/exit \
	tests/data/hostile/dates_hint/files \
	tests/data/hostile/dates_hint/stderr \
	tests/data/hostile/dates_mixed_forms/args \
	tests/data/hostile/dates_mixed_forms/data.csv \
	tests/data/hostile/dates_mixed_forms/exit \
	tests/data/hostile/dates_mixed_forms/files \
	tests/data/hostile/dates_mixed_forms/stderr \
	tests/data/hostile/dates_strptime_epoch/args \
	tests/data/hostile/dates_strptime_epoch/data.csv \
	tests/data/hostile/dates_strptime_epoch/exit \
	tests/data/hostile/dates_strptime_epoch/files \
	tests/data/hostile/dates_strptime_epoch/stderr \
	tests/data/hostile/dates_unknown_keyword/args \
	tests/data/hostile/dates_unknown_keyword/data.csv \
	tests/data/hostile/dates_unknown_keyword/exit \
	tests/data/hostile/dates_unknown_keyword/files \
	tests/data/hostile/dates_unknown_keyword/stderr
