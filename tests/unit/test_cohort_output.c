/* test_cohort_output.c - JSON, plain text and CSV of cohorts and KPIs, on
 * the hand fixture of test_cohort.c (numbers as computed there). */
#include "churnkit/cohort_output.h"
#include "churnkit/date.h"
#include "churnkit/sheet.h"
#include "churnkit/table.h"
#include "cohort_fixture.h"
#include "tap.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NA TABLE_DATE_NA
#define D(y, m, d) date_from_civil(y, m, d)

static int32_t start[9], end_[9];
static const double value[9] = {10, 20, 30, NAN, 40, 50, 60, 80, 70};
static const uint32_t plans[9] = {0, 0, 0, 1, 0, 1, TABLE_CODE_NA, 0, 1};
static const char *const levels[2] = {"A", "=B,\"x\""};

static void fixture(cohort_customers *c)
{
	cohort_fixture_dates(start, end_);
	memset(c, 0, sizeof *c);
	c->n = 9;
	c->start = start;
	c->end = end_;
	c->value = value;
	c->group = plans;
	c->group_name = "plan";
	c->group_levels = levels;
	c->ngroup_levels = 2;
	c->as_of = D(2024, 3, 31);
}

/* Reads a whole stream into a new string. */
static char *slurp(FILE *f)
{
	long n;
	char *s;
	fflush(f);
	n = ftell(f);
	s = calloc((size_t)n + 1, 1);
	rewind(f);
	if (s != NULL && fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	return s;
}

static void test_json(const cohort_result *c, const kpi_result *k)
{
	json_object *o = NULL, *rows, *row, *v, *p;
	churn_err err;
	const char *s;

	ok(cohort_to_json(c, &o, &err) == CHURN_OK, "json: cohorts object builds");
	rows = json_object_object_get(o, "rows");
	is_int(json_object_array_length(rows), 3, "json: three cohort rows");
	row = json_object_array_get_idx(rows, 0);
	is_str(json_object_get_string(json_object_object_get(row, "cohort")), "2024-01",
	       "json: cohort label yyyy-mm");
	is_int(json_object_get_int(json_object_object_get(row, "size")), 4, "json: size");
	v = json_object_object_get(row, "retained");
	ok(json_object_array_length(v) == 3 &&
	   json_object_get_int(json_object_array_get_idx(v, 1)) == 1, "json: retained [3,1,1]");
	is_double_rel(json_object_get_double(json_object_object_get(row, "value")), 60, 0,
	              "json: value 60");
	v = json_object_object_get(json_object_object_get(o, "mean"), "simple");
	s = json_object_to_json_string_ext(json_object_array_get_idx(v, 0), JSON_C_TO_STRING_PLAIN);
	is_str(s, "0.9166666666666666", "json: 11/12 in the shortest digits that round-trip");
	is_double_rel(strtod(s, NULL), 11.0 / 12, 0, "json: the digits read back exactly");
	v = json_object_object_get(json_object_object_get(o, "mean"), "weighted");
	s = json_object_to_json_string_ext(json_object_array_get_idx(v, 0), JSON_C_TO_STRING_PLAIN);
	is_str(s, "0.875", "json: 7/8 written as 0.875");
	v = json_object_array_get_idx(json_object_object_get(o, "groups"), 1);
	is_str(json_object_get_string(json_object_object_get(v, "level")), "=B,\"x\"",
	       "json: group level kept verbatim");
	json_object_put(o);

	o = NULL;
	ok(kpi_to_json(k, &o, &err) == CHURN_OK, "json: kpis object builds");
	rows = json_object_object_get(o, "periods");
	is_int(json_object_array_length(rows), 4, "json: three months and a quarter");
	p = json_object_array_get_idx(rows, 0);
	is_str(json_object_get_string(json_object_object_get(p, "period")), "2024-01",
	       "json: month period label");
	ok(json_object_object_get_ex(p, "churn_rate", &v) && v == NULL,
	   "json: an undefined rate (start 0) is null");
	s = json_object_to_json_string_ext(p, JSON_C_TO_STRING_PLAIN);
	ok(strstr(s, "\"churn_rate\":null") != NULL, "json: null is written as null");
	ok(strstr(s, "nan") == NULL && strstr(s, "NaN") == NULL, "json: no NaN in the text");
	p = json_object_array_get_idx(rows, 3);
	is_str(json_object_get_string(json_object_object_get(p, "period")), "2024Q1",
	       "json: quarter period label");
	is_int(json_object_get_int(json_object_object_get(p, "new")), 8, "json: Q1 new 8");
	is_double_rel(json_object_get_double(json_object_object_get(p, "mrr_churned")), 90, 0,
	              "json: Q1 mrr_churned 90");
	v = json_object_object_get(o, "cost_of_churn");
	is_double_rel(json_object_get_double(json_object_object_get(v, "total")), 3296, 0,
	              "json: cost of churn total");
	v = json_object_object_get(json_object_object_get(o, "reporting"), "churn_rate_test");
	ok(json_object_object_get_ex(v, "p", &p) && p == NULL, "json: untestable p is null");
	json_object_put(o);
}

static void test_text(const cohort_result *c, const kpi_result *k)
{
	FILE *f = tmpfile();
	churn_err err;
	char *s;

	if (!ok(f != NULL, "text: temporary file"))
		return;
	ok(cohort_print_text(f, c, k, &err) == CHURN_OK, "text: prints");
	s = slurp(f);
	ok(s != NULL && strstr(s, "2024-01         4    75.0   25.0   25.0") != NULL,
	   "text: Jan row as percentages");
	ok(s != NULL && strstr(s, "2024-02         2*") != NULL, "text: thin row marked *");
	ok(s != NULL && strstr(s, "weighted             87.5   33.3   25.0") != NULL,
	   "text: size-weighted mean row");
	ok(s != NULL && strstr(s, "counted as new and as churned") != NULL,
	   "text: notes state the same-period convention");
	ok(s != NULL && strstr(s, "total") != NULL && strstr(s, "3296.00") != NULL,
	   "text: cost of churn total");
	free(s);
	fclose(f);
}

static void test_csv(const cohort_result *c, const kpi_result *k)
{
	FILE *f = tmpfile();
	churn_err err;
	char *s, dir[] = "/tmp/cohort_csv_XXXXXX", path[256];
	struct stat st;

	if (!ok(f != NULL, "csv: temporary file"))
		return;
	sheet_text(f, "=SUM(A1)");
	fputc('|', f);
	sheet_text(f, "@x,y");
	fputc('|', f);
	sheet_text(f, "plain");
	fputc('|', f);
	sheet_text(f, "-1+2");
	s = slurp(f);
	is_str(s, "'=SUM(A1)|\"'@x,y\"|plain|'-1+2", "csv: formulas escaped, commas quoted");
	free(s);
	fclose(f);

	f = tmpfile();
	ok(cohort_write_triangle_csv(f, &c->all, COHORT_CSV_RETAINED, &err) == CHURN_OK,
	   "csv: retained triangle");
	s = slurp(f);
	is_str(s, "cohort,size,value,thin,m0,m1,m2\n2024-01,4,60,0,3,1,1\n2024-02,2,90,1,2,1,\n"
	          "2024-03,2,130,1,2,,\n", "csv: retained counts, unended months empty");
	free(s);
	fclose(f);
	f = tmpfile();
	ok(cohort_write_triangle_csv(f, &c->all, COHORT_CSV_RETENTION, &err) == CHURN_OK,
	   "csv: retention triangle");
	s = slurp(f);
	ok(strstr(s, "\nmean (size-weighted),,,,0.875,0.3333333333333333,0.25\n") != NULL,
	   "csv: weighted mean row in full precision");
	free(s);
	fclose(f);

	if (!ok(mkdtemp(dir) != NULL, "csv: temporary directory"))
		return;
	table_dest td = {NULL, dir, NULL};
	ok(cohort_write_tables(&td, c, k, &err) == CHURN_OK, "csv: tables written");
	snprintf(path, sizeof path, "%s/cohorts_plan_02__B__x__value_retention.csv", dir);
	ok(stat(path, &st) == 0, "csv: group file name made safe");
	snprintf(path, sizeof path, "%s/kpis.csv", dir);
	f = fopen(path, "r");
	ok(f != NULL, "csv: kpis.csv exists");
	if (f != NULL) {
		fseek(f, 0, SEEK_END);
		s = slurp(f);
		ok(strstr(s, "\n2024Q1,quarter,2024-01-01,2024-03-31,0,8,4,4,0,4,,,0,280,0,0,90,0,190,")
		   != NULL, "csv: Q1 line, undefined rates empty");
		free(s);
		fclose(f);
	}
	/* Clean up the directory: the names we wrote. */
	{
		static const char *const t[] = {"retained", "retention", "value_retained",
		                                "value_retention"};
		static const char *const pre[] = {"cohorts", "cohorts_plan_01_A",
		                                  "cohorts_plan_02__B__x_"};
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 4; j++) {
				snprintf(path, sizeof path, "%s/%s_%s.csv", dir, pre[i], t[j]);
				unlink(path);
			}
		snprintf(path, sizeof path, "%s/kpis.csv", dir);
		unlink(path);
		ok(rmdir(dir) == 0, "csv: only the expected files were written");
	}
}

int main(void)
{
	cohort_customers c = {0};
	cohort_result *cr = NULL;
	kpi_result *kr = NULL;
	kpi_opts o;
	churn_err err;

	gsl_set_error_handler_off();
	fixture(&c);
	kpi_opts_init(&o);
	o.cost.cac = 500;
	if (!ok(cohort_build(&c, 3, &cr, &err) == CHURN_OK &&
	        kpi_compute(&c, &o, &kr, &err) == CHURN_OK, "output: fixture computes"))
		return done_testing();
	test_json(cr, kr);
	test_text(cr, kr);
	test_csv(cr, kr);
	cohort_result_free(cr);
	kpi_result_free(kr);
	return done_testing();
}
