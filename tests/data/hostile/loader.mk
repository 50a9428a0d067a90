## The hostile-input corpus: cases added by the loader work (tests/cli/hostile.sh
## checks that every case file is listed in one of these fragments).
EXTRA_DIST +=
