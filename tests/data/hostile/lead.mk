## The hostile-input corpus: cases added by the lead work (tests/cli/hostile.sh
## checks that every case file is listed in one of these fragments).
EXTRA_DIST += \
	tests/data/hostile/outputs_json_is_input/args \
	tests/data/hostile/outputs_json_is_input/data.csv \
	tests/data/hostile/outputs_json_is_input/exit \
	tests/data/hostile/outputs_json_is_input/files \
	tests/data/hostile/outputs_json_is_input/stderr
