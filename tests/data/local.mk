## tests/data (included by tests/local.mk): input tables of the command-line
## and unit tests.

## tests/data/cohorts: the --revenue file and the cohorts command.
data_cohorts = \
	tests/data/cohorts/customers.csv \
	tests/data/cohorts/revenue_after_churn.csv \
	tests/data/cohorts/revenue_bad.csv \
	tests/data/cohorts/revenue_bad.rejects \
	tests/data/cohorts/revenue_bad.stderr \
	tests/data/cohorts/revenue_good.csv \
	tests/data/cohorts/revenue_churn_zero.csv \
	tests/data/cohorts/revenue_wide.csv \
	tests/data/cohorts/revenue_wide_long.csv \
	tests/data/cohorts/revenue_wide_bad.csv \
	tests/data/cohorts/revenue_named.csv \
	tests/data/cohorts/revenue_position.csv \
	tests/data/cohorts/revenue_two_columns.csv \
	tests/data/cohorts/revenue_unknown.csv \
	tests/data/cohorts/revenue_unknown.stderr \
	tests/data/cohorts/weighted.csv
dist_noinst_DATA += $(data_cohorts)

## tests/data/model: the model commands' input tables.
data_model = \
	tests/data/model/churn.csv \
	tests/data/model/coxsep.csv \
	tests/data/model/endometrial.csv \
	tests/data/model/impute_weights.csv \
	tests/data/model/entry_at_exit.R \
	tests/data/model/entry_at_exit.csv \
	tests/data/model/ipcw_sep.csv \
	tests/data/model/rare8.csv \
	tests/data/model/telco_ph.csv \
	tests/data/model/two2.csv \
	tests/data/model/utf8_levels.csv \
	tests/data/model/weights.csv
dist_noinst_DATA += $(data_model)

## tests/data/survival: the survival command's input tables.
data_survival = \
	tests/data/survival/bh_untested.csv \
	tests/data/survival/cities.csv \
	tests/data/survival/dates.csv \
	tests/data/survival/durations.csv \
	tests/data/survival/telco.csv
dist_noinst_DATA += $(data_survival)

## tests/data/fixture: small files written by hand for tests/unit/test_fixture
## (which also asks for a missing.csv that must not exist).
data_fixture = tests/data/fixture/header.csv tests/data/fixture/words.txt \
	tests/data/fixture/ragged.csv tests/data/fixture/notnum.csv
dist_noinst_DATA += $(data_fixture)

# The bad-input corpus (tests/cli/bad_inputs.sh checks that every file of
# tests/data/bad is listed here).
EXTRA_DIST += \
	tests/data/bad/after_as_of.args \
	tests/data/bad/after_as_of.csv \
	tests/data/bad/after_as_of.exit \
	tests/data/bad/after_as_of.rejects \
	tests/data/bad/after_as_of.stderr \
	tests/data/bad/all_bad.csv \
	tests/data/bad/all_bad.exit \
	tests/data/bad/all_bad.rejects \
	tests/data/bad/all_bad.stderr \
	tests/data/bad/all_bad_allowed.args \
	tests/data/bad/all_bad_allowed.csv \
	tests/data/bad/all_bad_allowed.exit \
	tests/data/bad/all_bad_allowed.rejects \
	tests/data/bad/all_bad_allowed.stderr \
	tests/data/bad/as_of_garbage.args \
	tests/data/bad/as_of_garbage.csv \
	tests/data/bad/as_of_garbage.exit \
	tests/data/bad/as_of_garbage.stderr \
	tests/data/bad/bad_date.csv \
	tests/data/bad/bad_date.exit \
	tests/data/bad/bad_date.rejects \
	tests/data/bad/bad_date.stderr \
	tests/data/bad/bad_event_flag.args \
	tests/data/bad/bad_event_flag.csv \
	tests/data/bad/bad_event_flag.exit \
	tests/data/bad/bad_event_flag.rejects \
	tests/data/bad/bad_event_flag.stderr \
	tests/data/bad/blank_lines_only.csv \
	tests/data/bad/blank_lines_only.exit \
	tests/data/bad/blank_lines_only.stderr \
	tests/data/bad/config_bad_switch.args \
	tests/data/bad/config_bad_switch.csv \
	tests/data/bad/config_bad_switch.exit \
	tests/data/bad/config_bad_switch.ini \
	tests/data/bad/config_bad_switch.stderr \
	tests/data/bad/config_bad_value.args \
	tests/data/bad/config_bad_value.csv \
	tests/data/bad/config_bad_value.exit \
	tests/data/bad/config_bad_value.ini \
	tests/data/bad/config_bad_value.stderr \
	tests/data/bad/config_malformed.args \
	tests/data/bad/config_malformed.csv \
	tests/data/bad/config_malformed.exit \
	tests/data/bad/config_malformed.ini \
	tests/data/bad/config_malformed.stderr \
	tests/data/bad/config_malformed_then_unknown.args \
	tests/data/bad/config_malformed_then_unknown.csv \
	tests/data/bad/config_malformed_then_unknown.exit \
	tests/data/bad/config_malformed_then_unknown.ini \
	tests/data/bad/config_malformed_then_unknown.stderr \
	tests/data/bad/config_missing.args \
	tests/data/bad/config_missing.csv \
	tests/data/bad/config_missing.exit \
	tests/data/bad/config_missing.stderr \
	tests/data/bad/config_two_unknown_keys.args \
	tests/data/bad/config_two_unknown_keys.csv \
	tests/data/bad/config_two_unknown_keys.exit \
	tests/data/bad/config_two_unknown_keys.ini \
	tests/data/bad/config_two_unknown_keys.stderr \
	tests/data/bad/config_unknown_key.args \
	tests/data/bad/config_unknown_key.csv \
	tests/data/bad/config_unknown_key.exit \
	tests/data/bad/config_unknown_key.ini \
	tests/data/bad/config_unknown_key.stderr \
	tests/data/bad/date_format_mismatch.args \
	tests/data/bad/date_format_mismatch.csv \
	tests/data/bad/date_format_mismatch.exit \
	tests/data/bad/date_format_mismatch.rejects \
	tests/data/bad/date_format_mismatch.stderr \
	tests/data/bad/decimal_comma_delimiter.args \
	tests/data/bad/decimal_comma_delimiter.csv \
	tests/data/bad/decimal_comma_delimiter.exit \
	tests/data/bad/decimal_comma_delimiter.stderr \
	tests/data/bad/decimal_comma_file.args \
	tests/data/bad/decimal_comma_file.csv \
	tests/data/bad/decimal_comma_file.exit \
	tests/data/bad/decimal_comma_file.stderr \
	tests/data/bad/duplicate_columns.args \
	tests/data/bad/duplicate_columns.csv \
	tests/data/bad/duplicate_columns.exit \
	tests/data/bad/duplicate_columns.stderr \
	tests/data/bad/duplicate_id.csv \
	tests/data/bad/duplicate_id.exit \
	tests/data/bad/duplicate_id.rejects \
	tests/data/bad/duplicate_id.stderr \
	tests/data/bad/duplicate_id_blanks.csv \
	tests/data/bad/duplicate_id_blanks.exit \
	tests/data/bad/duplicate_id_blanks.rejects \
	tests/data/bad/duplicate_id_blanks.stderr \
	tests/data/bad/duration_not_a_number.args \
	tests/data/bad/duration_not_a_number.csv \
	tests/data/bad/duration_not_a_number.exit \
	tests/data/bad/duration_not_a_number.rejects \
	tests/data/bad/duration_not_a_number.stderr \
	tests/data/bad/duration_with_start.args \
	tests/data/bad/duration_with_start.csv \
	tests/data/bad/duration_with_start.exit \
	tests/data/bad/duration_with_start.stderr \
	tests/data/bad/empty.csv \
	tests/data/bad/empty.exit \
	tests/data/bad/empty.stderr \
	tests/data/bad/end_before_start.csv \
	tests/data/bad/end_before_start.exit \
	tests/data/bad/end_before_start.rejects \
	tests/data/bad/end_before_start.stderr \
	tests/data/bad/entry_after_duration.args \
	tests/data/bad/entry_after_duration.csv \
	tests/data/bad/entry_after_duration.exit \
	tests/data/bad/entry_after_duration.rejects \
	tests/data/bad/entry_after_duration.stderr \
	tests/data/bad/entry_out_of_order.args \
	tests/data/bad/entry_out_of_order.csv \
	tests/data/bad/entry_out_of_order.exit \
	tests/data/bad/entry_out_of_order.rejects \
	tests/data/bad/entry_out_of_order.stderr \
	tests/data/bad/header_only.csv \
	tests/data/bad/header_only.exit \
	tests/data/bad/header_only.rejects \
	tests/data/bad/header_only.stderr \
	tests/data/bad/header_only_no_newline.csv \
	tests/data/bad/header_only_no_newline.exit \
	tests/data/bad/header_only_no_newline.rejects \
	tests/data/bad/header_only_no_newline.stderr \
	tests/data/bad/interval_near_whole.args \
	tests/data/bad/interval_near_whole.csv \
	tests/data/bad/interval_near_whole.exit \
	tests/data/bad/interval_near_whole.rejects \
	tests/data/bad/interval_near_whole.stderr \
	tests/data/bad/max_bad_rows_garbage.args \
	tests/data/bad/max_bad_rows_garbage.csv \
	tests/data/bad/max_bad_rows_garbage.exit \
	tests/data/bad/max_bad_rows_garbage.stderr \
	tests/data/bad/max_bad_rows_negative.args \
	tests/data/bad/max_bad_rows_negative.csv \
	tests/data/bad/max_bad_rows_negative.exit \
	tests/data/bad/max_bad_rows_negative.stderr \
	tests/data/bad/missing_duration_event.args \
	tests/data/bad/missing_duration_event.csv \
	tests/data/bad/missing_duration_event.exit \
	tests/data/bad/missing_duration_event.rejects \
	tests/data/bad/missing_duration_event.stderr \
	tests/data/bad/missing_file.exit \
	tests/data/bad/missing_file.stderr \
	tests/data/bad/missing_id_start.csv \
	tests/data/bad/missing_id_start.exit \
	tests/data/bad/missing_id_start.rejects \
	tests/data/bad/missing_id_start.stderr \
	tests/data/bad/negative_duration.args \
	tests/data/bad/negative_duration.csv \
	tests/data/bad/negative_duration.exit \
	tests/data/bad/negative_duration.rejects \
	tests/data/bad/negative_duration.stderr \
	tests/data/bad/negative_text.args \
	tests/data/bad/negative_text.csv \
	tests/data/bad/negative_text.exit \
	tests/data/bad/negative_text.rejects \
	tests/data/bad/negative_text.stderr \
	tests/data/bad/negative_value.csv \
	tests/data/bad/negative_value.exit \
	tests/data/bad/negative_value.rejects \
	tests/data/bad/negative_value.stderr \
	tests/data/bad/newline_in_quotes.csv \
	tests/data/bad/newline_in_quotes.exit \
	tests/data/bad/newline_in_quotes.rejects \
	tests/data/bad/newline_in_quotes.stderr \
	tests/data/bad/newline_in_quotes_crlf.csv \
	tests/data/bad/newline_in_quotes_crlf.exit \
	tests/data/bad/newline_in_quotes_crlf.rejects \
	tests/data/bad/newline_in_quotes_crlf.stderr \
	tests/data/bad/nul_byte.csv \
	tests/data/bad/nul_byte.exit \
	tests/data/bad/nul_byte.rejects \
	tests/data/bad/nul_byte.stderr \
	tests/data/bad/option_not_for_command.args \
	tests/data/bad/option_not_for_command.csv \
	tests/data/bad/option_not_for_command.exit \
	tests/data/bad/option_not_for_command.stderr \
	tests/data/bad/reason_on_active.args \
	tests/data/bad/reason_on_active.csv \
	tests/data/bad/reason_on_active.exit \
	tests/data/bad/reason_on_active.rejects \
	tests/data/bad/reason_on_active.stderr \
	tests/data/bad/too_few_fields.csv \
	tests/data/bad/too_few_fields.exit \
	tests/data/bad/too_few_fields.rejects \
	tests/data/bad/too_few_fields.stderr \
	tests/data/bad/too_many_fields.csv \
	tests/data/bad/too_many_fields.exit \
	tests/data/bad/too_many_fields.rejects \
	tests/data/bad/too_many_fields.stderr \
	tests/data/bad/unclosed_quote.csv \
	tests/data/bad/unclosed_quote.exit \
	tests/data/bad/unclosed_quote.rejects \
	tests/data/bad/unclosed_quote.stderr \
	tests/data/bad/unclosed_quote_header.csv \
	tests/data/bad/unclosed_quote_header.exit \
	tests/data/bad/unclosed_quote_header.stderr \
	tests/data/bad/unknown_column.args \
	tests/data/bad/unknown_column.csv \
	tests/data/bad/unknown_column.exit \
	tests/data/bad/unknown_column.stderr \
	tests/data/bad/unknown_command.args \
	tests/data/bad/unknown_command.csv \
	tests/data/bad/unknown_command.exit \
	tests/data/bad/unknown_command.stderr \
	tests/data/bad/unknown_option.args \
	tests/data/bad/unknown_option.csv \
	tests/data/bad/unknown_option.exit \
	tests/data/bad/unknown_option.stderr \
	tests/data/bad/utf16.csv \
	tests/data/bad/utf16.exit \
	tests/data/bad/utf16.stderr \
	tests/data/bad/utf16_no_bom.csv \
	tests/data/bad/utf16_no_bom.exit \
	tests/data/bad/utf16_no_bom.stderr \
	tests/data/bad/value_not_a_number.csv \
	tests/data/bad/value_not_a_number.exit \
	tests/data/bad/value_not_a_number.rejects \
	tests/data/bad/value_not_a_number.stderr \
	tests/data/bad/weight_not_a_number.args \
	tests/data/bad/weight_not_a_number.csv \
	tests/data/bad/weight_not_a_number.exit \
	tests/data/bad/weight_not_a_number.rejects \
	tests/data/bad/weight_not_a_number.stderr \
	tests/data/bad/weight_near_whole.args \
	tests/data/bad/weight_near_whole.csv \
	tests/data/bad/weight_near_whole.exit \
	tests/data/bad/weight_near_whole.rejects \
	tests/data/bad/weight_near_whole.stderr \
	tests/data/bad/weight_not_whole.args \
	tests/data/bad/weight_not_whole.csv \
	tests/data/bad/weight_not_whole.exit \
	tests/data/bad/weight_not_whole.rejects \
	tests/data/bad/weight_not_whole.stderr

# Awkward but valid inputs (tests/cli/ok_inputs.sh checks that every file of
# tests/data/ok is listed here).
EXTRA_DIST += \
	tests/data/ok/blank_lines.csv \
	tests/data/ok/bom_crlf.csv \
	tests/data/ok/excel_sep.csv \
	tests/data/ok/config.csv \
	tests/data/ok/config.ini \
	tests/data/ok/date_format.csv \
	tests/data/ok/duration.csv \
	tests/data/ok/no_final_newline.csv \
	tests/data/ok/quoted.csv \
	tests/data/ok/reordered.csv \
	tests/data/ok/unmapped_dates.csv \
	tests/data/ok/semicolon_decimal.csv \
	tests/data/ok/tab.csv \
	tests/data/ok/utf8.csv \
	tests/data/ok/whitespace_missing.csv
EXTRA_DIST += tests/data/local.mk
