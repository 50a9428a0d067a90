## src/model: design matrices, logistic (IRLS, Firth) and Cox fits, model
## validation, scoring helpers (the models' JSON, text and CSV renderings
## are in src/output/).
libchurnkit_a_SOURCES += \
	include/churnkit/model_run.h src/model/model_run.c src/model/model_run_outcome.h \
	src/model/model_run_outcome.c src/model/model_run_cox.c \
	include/churnkit/design.h src/model/design.c src/model/design_terms.c \
	src/model/design_internal.h \
	src/model/colscan.h src/model/colscan.c \
	include/churnkit/logit.h src/model/logit.c \
	src/model/logit_internal.h src/model/logit_stats.c src/model/wald.c src/model/wald.h \
	include/churnkit/firth.h src/model/firth.c \
	include/churnkit/cox.h src/model/cox.c \
	src/model/cox_internal.h src/model/cox_stats.c src/model/cox_baseline.c \
	src/model/cox_zph.c \
	include/churnkit/validate.h src/model/validate.c src/model/cv.c \
	include/churnkit/horizon.h src/model/horizon.c \
	include/churnkit/model_score.h src/model/model_score.c \
	include/churnkit/scores.h src/model/scores.c \
	include/churnkit/coeftab.h src/model/coeftab.c

## Unit tests read R's reference numbers from tests/fixtures/model through
## a small CSV reader of their own.
MODEL_FIXTURE_SRC = tests/fixtures/model/fixture.c tests/fixtures/model/fixture.h

check_PROGRAMS += tests/unit/test_design tests/unit/test_logit tests/unit/test_firth \
	tests/unit/test_cox tests/unit/test_validate tests/unit/test_horizon tests/unit/test_coxph
TESTS += tests/unit/test_design tests/unit/test_logit tests/unit/test_firth \
	tests/unit/test_cox tests/unit/test_validate tests/unit/test_horizon tests/unit/test_coxph
tests_unit_test_design_SOURCES = tests/unit/test_design.c $(MODEL_FIXTURE_SRC)
tests_unit_test_design_LDADD = $(TEST_LIBS)
tests_unit_test_firth_SOURCES = tests/unit/test_firth.c $(MODEL_FIXTURE_SRC)
tests_unit_test_firth_LDADD = $(TEST_LIBS)
tests_unit_test_logit_SOURCES = tests/unit/test_logit.c $(MODEL_FIXTURE_SRC)
tests_unit_test_logit_LDADD = $(TEST_LIBS)
tests_unit_test_cox_SOURCES = tests/unit/test_cox.c $(MODEL_FIXTURE_SRC)
tests_unit_test_cox_LDADD = $(TEST_LIBS)
tests_unit_test_coxph_SOURCES = tests/unit/test_coxph.c $(MODEL_FIXTURE_SRC)
tests_unit_test_coxph_LDADD = $(TEST_LIBS)
tests_unit_test_validate_SOURCES = tests/unit/test_validate.c $(MODEL_FIXTURE_SRC)
tests_unit_test_validate_LDADD = $(TEST_LIBS)
tests_unit_test_horizon_SOURCES = tests/unit/test_horizon.c $(MODEL_FIXTURE_SRC)
tests_unit_test_horizon_LDADD = $(TEST_LIBS)

MODEL_FIXTURES = \
	tests/fixtures/model/churn.data.csv \
	tests/fixtures/model/churn_alias.coef.csv \
	tests/fixtures/model/churn_alias.stats.csv \
	tests/fixtures/model/churn_cox_breslow.coef.csv \
	tests/fixtures/model/churn_cox_breslow.stats.csv \
	tests/fixtures/model/churn_cox_efron.coef.csv \
	tests/fixtures/model/churn_cox_efron.stats.csv \
	tests/fixtures/model/churn_coxentry_breslow.coef.csv \
	tests/fixtures/model/churn_coxentry_breslow.stats.csv \
	tests/fixtures/model/churn_coxentry_efron.coef.csv \
	tests/fixtures/model/churn_coxentry_efron.stats.csv \
	tests/fixtures/model/churn_coxw_breslow.coef.csv \
	tests/fixtures/model/churn_coxw_breslow.stats.csv \
	tests/fixtures/model/churn_coxw_efron.coef.csv \
	tests/fixtures/model/churn_coxw_efron.stats.csv \
	tests/fixtures/model/churn_cv.stats.csv \
	tests/fixtures/model/churn_impute.coef.csv \
	tests/fixtures/model/churn_impute.stats.csv \
	tests/fixtures/model/churn_logit.calib.csv \
	tests/fixtures/model/churn_logit.coef.csv \
	tests/fixtures/model/churn_logit.lift.csv \
	tests/fixtures/model/churn_logit.pred.csv \
	tests/fixtures/model/churn_logit.stats.csv \
	tests/fixtures/model/churn_ref.coef.csv \
	tests/fixtures/model/churn_ref.stats.csv \
	tests/fixtures/model/churn_weighted.coef.csv \
	tests/fixtures/model/churn_weighted.stats.csv \
	tests/fixtures/model/cli_alias.coef.csv \
	tests/fixtures/model/cli_alias.stats.csv \
	tests/fixtures/model/cli_cox_breslow.coef.csv \
	tests/fixtures/model/cli_cox_breslow.stats.csv \
	tests/fixtures/model/cli_cox_efron.coef.csv \
	tests/fixtures/model/cli_cox_efron.stats.csv \
	tests/fixtures/model/cli_coxdur_breslow.coef.csv \
	tests/fixtures/model/cli_coxdur_breslow.stats.csv \
	tests/fixtures/model/cli_coxdur_efron.coef.csv \
	tests/fixtures/model/cli_coxdur_efron.stats.csv \
	tests/fixtures/model/cli_hdates.coef.csv \
	tests/fixtures/model/cli_hdates.stats.csv \
	tests/fixtures/model/cli_hipcw.coef.csv \
	tests/fixtures/model/cli_hipcw.stats.csv \
	tests/fixtures/model/cli_hipcwe.coef.csv \
	tests/fixtures/model/cli_hipcwe.stats.csv \
	tests/fixtures/model/horizon.data.csv \
	tests/fixtures/model/churn_cvq.stats.csv \
	tests/fixtures/model/churn_cvq.calib.csv \
	tests/fixtures/model/churn_cvqw.calib.csv \
	tests/fixtures/model/cli_impute.coef.csv \
	tests/fixtures/model/cli_impute.stats.csv \
	tests/fixtures/model/cli_outcome.coef.csv \
	tests/fixtures/model/cli_outcome.stats.csv \
	tests/fixtures/model/cli_scores.csv \
	tests/fixtures/model/cli_scores.stats.csv \
	tests/fixtures/model/colon.data.csv \
	tests/fixtures/model/coxinf.data.csv \
	tests/fixtures/model/coxinf.infinite.csv \
	tests/fixtures/model/coxinf_efron.coef.csv \
	tests/fixtures/model/coxinf_efron.stats.csv \
	tests/fixtures/model/colon_cox_breslow.coef.csv \
	tests/fixtures/model/colon_cox_breslow.stats.csv \
	tests/fixtures/model/colon_cox_efron.coef.csv \
	tests/fixtures/model/colon_cox_efron.stats.csv \
	tests/fixtures/model/colon_logit.coef.csv \
	tests/fixtures/model/colon_logit.stats.csv \
	tests/fixtures/model/endometrial.data.csv \
	tests/fixtures/model/endometrial_firth.coef.csv \
	tests/fixtures/model/endometrial_firth.stats.csv \
	tests/fixtures/model/endometrial_glm.coef.csv \
	tests/fixtures/model/endometrial_glm.stats.csv \
	tests/fixtures/model/lung.data.csv \
	tests/fixtures/model/rare8_firth.coef.csv \
	tests/fixtures/model/rare8_firth.stats.csv \
	tests/fixtures/model/lung_cox_breslow.coef.csv \
	tests/fixtures/model/lung_cox_breslow.stats.csv \
	tests/fixtures/model/lung_cox_efron.coef.csv \
	tests/fixtures/model/lung_cox_efron.stats.csv \
	tests/fixtures/model/lung_logit.coef.csv \
	tests/fixtures/model/lung_logit.stats.csv \
	tests/fixtures/model/sepcomplete.data.csv \
	tests/fixtures/model/sepcomplete_firth.coef.csv \
	tests/fixtures/model/sepcomplete_firthw.coef.csv \
	tests/fixtures/model/two2_firth.coef.csv \
	tests/fixtures/model/veteran.data.csv \
	tests/fixtures/model/veteran_cox_breslow.coef.csv \
	tests/fixtures/model/veteran_cox_breslow.stats.csv \
	tests/fixtures/model/veteran_cox_efron.coef.csv \
	tests/fixtures/model/veteran_cox_efron.stats.csv \
	tests/fixtures/model/veteran_month_breslow.coef.csv \
	tests/fixtures/model/veteran_month_breslow.stats.csv \
	tests/fixtures/model/veteran_month_efron.coef.csv \
	tests/fixtures/model/veteran_month_efron.stats.csv \
	tests/data/model/coxsep.csv \
	tests/data/model/rare8.csv \
	tests/data/model/two2.csv
dist_noinst_DATA += $(MODEL_FIXTURES)
EXTRA_DIST += tests/fixtures/model/make_fixtures.R tests/fixtures/model/make_horizon.R

## Timing of the logistic fit and cross-validation on 1M rows (not a test).
noinst_PROGRAMS += bench/bench_model
bench_bench_model_SOURCES = bench/bench_model.c
bench_bench_model_LDADD = $(CHURN_LIBS)

## The proportional-hazards and stratified-Cox fixtures (tests/unit/test_coxph).
COX_FIXTURES = \
	tests/fixtures/cox/strat_breslow.coef.csv \
	tests/fixtures/cox/strat_breslow.stats.csv \
	tests/fixtures/cox/strat_breslow.zph.csv \
	tests/fixtures/cox/strat_efron.coef.csv \
	tests/fixtures/cox/strat_efron.stats.csv \
	tests/fixtures/cox/strat_efron.zph.csv \
	tests/fixtures/cox/stratentry_breslow.coef.csv \
	tests/fixtures/cox/stratentry_breslow.stats.csv \
	tests/fixtures/cox/stratentry_breslow.zph.csv \
	tests/fixtures/cox/stratentry_efron.coef.csv \
	tests/fixtures/cox/stratentry_efron.stats.csv \
	tests/fixtures/cox/stratentry_efron.zph.csv \
	tests/fixtures/cox/stratw_breslow.coef.csv \
	tests/fixtures/cox/stratw_breslow.stats.csv \
	tests/fixtures/cox/stratw_breslow.zph.csv \
	tests/fixtures/cox/stratw_efron.coef.csv \
	tests/fixtures/cox/stratw_efron.stats.csv \
	tests/fixtures/cox/stratw_efron.zph.csv \
	tests/fixtures/cox/zph_breslow.zph.csv \
	tests/fixtures/cox/zph_efron.zph.csv \
	tests/fixtures/cox/zphentry_breslow.zph.csv \
	tests/fixtures/cox/zphentry_efron.zph.csv \
	tests/fixtures/cox/zphw_breslow.zph.csv \
	tests/fixtures/cox/zphw_efron.zph.csv \
	tests/fixtures/cox/telco.stats.csv \
	tests/fixtures/cox/beyond.data.csv \
	tests/fixtures/cox/telco_scores.csv
dist_noinst_DATA += $(COX_FIXTURES)
EXTRA_DIST += tests/fixtures/cox/make_fixtures.R
EXTRA_DIST += docs/proportional-hazards.md

## The stage's runner from C (tests/unit/test_model_run.c).
check_PROGRAMS += tests/unit/test_model_run
TESTS += tests/unit/test_model_run
tests_unit_test_model_run_SOURCES = tests/unit/test_model_run.c
tests_unit_test_model_run_LDADD = $(TEST_LIBS)
