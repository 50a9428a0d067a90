/* test_run_out.c - the renderers issue 11 moved out of src/cli: the "data"
 * block and root of every command's JSON document (run_json.h), the check
 * command's root, the report command's "report" block and summary
 * (report_out.h), and the commands' header lines (run_text.h).  Keys and
 * values are read back with json-c from a small loaded table (one bad row)
 * and small constructed results. */
#include "churnkit/date.h"
#include "churnkit/load.h"
#include "churnkit/profile.h"
#include "churnkit/report_out.h"
#include "churnkit/run_json.h"
#include "churnkit/run_text.h"
#include "tablebuild.h"
#include "tap.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Five rows, one with an end before its start (rejected). */
static const char customers[] = "id,start,end\n"
                                "a,2023-01-05,2023-05-10\n"
                                "b,2023-01-20,\n"
                                "c,2023-02-25,2023-01-01\n"
                                "d,2023-03-03,2023-09-15\n"
                                "e,2023-04-10,\n";

static json_object *key(json_object *o, const char *k)
{
	json_object *v = NULL;
	return o && json_object_object_get_ex(o, k, &v) ? v : NULL;
}

static long long ival(json_object *o, const char *k)
{
	return json_object_get_int64(key(o, k));
}

/* What f's bytes read as, as a new string (free it). */
static char *text_of(FILE *f)
{
	long n = ftell(f);
	char *s = calloc((size_t)n + 1, 1);
	rewind(f);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

static void data_block(const load_result *r, const load_map *m)
{
	json_object *root = run_json_root(r, m, "9.9");
	json_object *tool = key(root, "tool"), *d = key(root, "data");
	json_object *why = key(d, "rejected_by_reason");

	is_str(json_object_get_string(key(tool, "name")), "churnkit", "tool.name");
	is_str(json_object_get_string(key(tool, "version")), "9.9", "tool.version");
	is_str(json_object_get_string(key(d, "sha256")), r->sha256, "data.sha256 is the loader's");
	is_int(ival(d, "rows_read"), 5, "data.rows_read: 5");
	is_int(ival(d, "rows_used"), 4, "data.rows_used: 4");
	is_int(ival(d, "rows_rejected"), 1, "data.rows_rejected: 1");
	is_int(ival(d, "lines_rejected"), 1, "data.lines_rejected: 1");
	ok(key(d, "rows_filtered") == NULL && key(d, "customers") == NULL,
	   "no --where, no --rollup: neither rows_filtered nor customers");
	is_int(json_object_object_length(why), 1, "one reason");
	is_int(ival(why, load_reason_name(LOAD_BAD_ORDER)), 1, "the end before the start, once");
	is_str(json_object_get_string(key(d, "as_of")), "2024-01-01", "data.as_of");
	json_object_put(root);

	load_map mw = *m;
	mw.nwhere = 1;
	json_object *dw = run_json_data(r, &mw);
	ok(key(dw, "rows_filtered") != NULL, "with --where: rows_filtered is there");
	is_int(ival(dw, "rows_filtered"), r->rows_filtered, "and is the loader's count");
	json_object_put(dw);
}

static void check_root(const load_result *r, const load_map *m)
{
	profile *p = NULL;
	churn_err e;

	is_int(profile_build(r, m, "in.csv", &p, &e), CHURN_OK, "check: the profile");
	if (p == NULL)
		return;
	json_object *root = run_json_check_root(p, "9.9");
	is_str(json_object_get_string(key(key(root, "tool"), "version")), "9.9",
	       "check: tool.version");
	is_int(ival(key(root, "data"), "rows_used"), 4, "check: data is the profile's");
	is_int(json_object_object_length(root), 2, "check: tool and data only");
	json_object_put(root);
	profile_free(p);
}

static void report_block(void)
{
	surv_run s;
	char sha[65];
	finding items[6];
	char texts[6][32];
	findings fd = {.n = 6, .item = items};
	report_outcome o = {.path = "r.pdf", .pages = 7, .bytes = 1234, .sha256 = sha, .sv = &s};

	memset(&s, 0, sizeof s);
	memset(items, 0, sizeof items);
	memset(sha, 'a', 64);
	sha[64] = '\0';
	s.revenue_at_risk = 25.5;
	json_object *rep = report_out_json(&o);
	is_int(ival(rep, "pages"), 7, "report.pages");
	is_str(json_object_get_string(key(rep, "input_sha256")), sha, "report.input_sha256");
	is_double_rel(json_object_get_double(key(rep, "revenue_at_risk_next_quarter")), 25.5, 1e-15,
	              "report.revenue_at_risk_next_quarter");
	json_object_put(rep);
	s.revenue_at_risk = NAN;
	rep = report_out_json(&o);
	ok(json_object_object_get_ex(rep, "revenue_at_risk_next_quarter", NULL) &&
	   key(rep, "revenue_at_risk_next_quarter") == NULL,
	   "revenue at risk unknown: null, not left out");
	json_object_put(rep);

	/* The summary: five findings of six, and why pages are missing. */
	for (int k = 0; k < 6; k++) {
		snprintf(texts[k], sizeof texts[k], "Finding %d", k + 1);
		items[k].text = texts[k];
		items[k].customers = items[k].mrr = NAN; /* not known: no "Concerns" */
	}
	o.fd = &fd;
	o.no_cohorts_why = "--weight";
	FILE *f = tmpfile();
	report_out_summary(f, &o);
	char *t = text_of(f);
	is_str(t, "churnkit report: r.pdf written (7 pages, 1234 bytes)\n\nFindings:\n"
	          "1. Finding 1.\n2. Finding 2.\n3. Finding 3.\n4. Finding 4.\n5. Finding 5.\n\n"
	          "No cohort or KPI pages: cohorts count whole customers from signup, which "
	          "--weight does not fit.\n\nNo churn model: give --features and --horizon (or "
	          "--outcome) for the drivers, segments and at-risk pages.\n",
	       "summary: the first five findings, no cohorts, no model");
	free(t);

	model_run m;
	memset(&m, 0, sizeof m);
	o.fd = NULL;
	o.no_cohorts_why = NULL;
	o.m = &m;
	f = tmpfile();
	report_out_summary(f, &o);
	t = text_of(f);
	is_str(t, "churnkit report: r.pdf written (7 pages, 1234 bytes)\n\nNo segments: give --id "
	          "for the segments and at-risk pages.\n", "summary: a model without segments");
	free(t);
	o.m = NULL;
	o.no_model_why = "no churner";
	f = tmpfile();
	report_out_summary(f, &o);
	t = text_of(f);
	ok(strstr(t, "\nNo drivers, segments or at-risk pages: the churn model could not be fitted "
	             "(no churner).\n") != NULL && strstr(t, "No churn model") == NULL,
	   "summary: why the model could not be fitted, instead of how to ask for one");
	free(t);
}

static void headers(const load_result *r)
{
	FILE *f = tmpfile();
	char *t;

	run_text_survival_header(f, "in.csv", r, 1, NULL);
	t = text_of(f);
	is_str(t, "churnkit survival: in.csv, 4 customers used of 5 rows read (1 rejected), "
	          "as of 2024-01-01\n", "survival header, dates");
	free(t);
	f = tmpfile();
	run_text_survival_header(f, "in.csv", r, 0, NULL);
	t = text_of(f);
	is_str(t, "churnkit survival: in.csv, 4 customers used of 5 rows read (1 rejected)\n",
	       "survival header, durations: no as-of");
	free(t);
	f = tmpfile();
	run_text_cohorts_header(f, "in.csv", r, NULL);
	t = text_of(f);
	is_str(t, "churnkit cohorts: in.csv, 4 customers used of 5 rows read (1 rejected), "
	          "as of 2024-01-01\n", "cohorts header");
	free(t);
	f = tmpfile();
	run_text_model_header(f, "in.csv", r, NULL);
	t = text_of(f);
	is_str(t, "churnkit model: in.csv, 4 customers used of 5 rows read (1 rejected), "
	          "as of 2024-01-01\n\n", "model header, then a blank line");
	free(t);

	segment_run g;
	segment_result sr;
	memset(&g, 0, sizeof g);
	memset(&sr, 0, sizeof sr);
	g.r = &sr;
	g.horizon_assumed = 1;
	sr.has_value = 1;
	f = tmpfile();
	run_text_segments_note(f, &g);
	t = text_of(f);
	ok(strstr(t, "assume 12 months.\n") != NULL, "segments note when 12 months are assumed");
	free(t);
	sr.has_value = 0;
	f = tmpfile();
	run_text_segments_note(f, &g);
	t = text_of(f);
	is_str(t, "", "no note without a value column");
	free(t);
}

int main(void)
{
	load_map m = {.id = "id", .start = "start", .end = "end"};
	load_opts lo;

	load_opts_init(&lo);
	lo.has_as_of = 1;
	lo.as_of = date_from_civil(2024, 1, 1);
	load_result *r = tb_load(customers, &m, &lo);
	ok(r != NULL, "the table loads");
	if (r != NULL) {
		data_block(r, &m);
		check_root(r, &m);
		headers(r);
		load_result_free(r);
	}
	report_block();
	return done_testing();
}
