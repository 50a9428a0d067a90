## The hostile-input corpus: cases added by the outputs work (tests/cli/hostile.sh
## checks that every case file is listed in one of these fragments).
EXTRA_DIST +=
