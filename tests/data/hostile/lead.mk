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
	tests/data/hostile/quote_multiline_note_kept/stderr \
	tests/data/hostile/quote_cr_only_stray/args \
	tests/data/hostile/quote_cr_only_stray/data.csv \
	tests/data/hostile/quote_cr_only_stray/exit \
	tests/data/hostile/quote_cr_only_stray/files \
	tests/data/hostile/quote_cr_only_stray/json \
	tests/data/hostile/quote_cr_only_stray/stderr \
	tests/data/hostile/quote_header_swallows/args \
	tests/data/hostile/quote_header_swallows/data.csv \
	tests/data/hostile/quote_header_swallows/exit \
	tests/data/hostile/quote_header_swallows/files \
	tests/data/hostile/quote_header_swallows/stderr \
	tests/data/hostile/quote_two_columns/args \
	tests/data/hostile/quote_two_columns/data.csv \
	tests/data/hostile/quote_two_columns/exit \
	tests/data/hostile/quote_two_columns/files \
	tests/data/hostile/quote_two_columns/stderr \
	tests/data/hostile/outputs_tables_symlink_input/args \
	tests/data/hostile/outputs_tables_symlink_input/data.csv \
	tests/data/hostile/outputs_tables_symlink_input/exit \
	tests/data/hostile/outputs_tables_symlink_input/files \
	tests/data/hostile/outputs_tables_symlink_input/setup \
	tests/data/hostile/outputs_tables_symlink_input/stderr \
	tests/data/hostile/outputs_sigpipe_no_temporaries/args \
	tests/data/hostile/outputs_sigpipe_no_temporaries/data.csv \
	tests/data/hostile/outputs_sigpipe_no_temporaries/exit \
	tests/data/hostile/outputs_sigpipe_no_temporaries/files \
	tests/data/hostile/outputs_sigpipe_no_temporaries/report.ini \
	tests/data/hostile/outputs_sigpipe_no_temporaries/setup \
	tests/data/hostile/outputs_sigpipe_no_temporaries/stderr
