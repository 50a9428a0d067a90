## The hostile-input corpus: cases added by the lead (tests/cli/hostile.sh
## checks that every case file is listed in one of these fragments).
EXTRA_DIST += \
	tests/data/hostile/outputs_json_is_input/args \
	tests/data/hostile/outputs_json_is_input/data.csv \
	tests/data/hostile/outputs_json_is_input/exit \
	tests/data/hostile/outputs_json_is_input/files \
	tests/data/hostile/outputs_json_is_input/stderr \
	tests/data/hostile/quote_two_strays/args \
	tests/data/hostile/quote_two_strays/data.csv \
	tests/data/hostile/quote_two_strays/exit \
	tests/data/hostile/quote_two_strays/json \
	tests/data/hostile/quote_two_strays/stderr \
	tests/data/hostile/quote_multiline_note_kept/args \
	tests/data/hostile/quote_multiline_note_kept/data.csv \
	tests/data/hostile/quote_multiline_note_kept/exit \
	tests/data/hostile/quote_multiline_note_kept/json \
	tests/data/hostile/quote_multiline_note_kept/stderr
