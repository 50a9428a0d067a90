/* test_reasons.c - the churn-reason breakdown (reasons.h) and the loader's
 * reason rule (load.h, LOAD_BAD_REASON), on small tables whose numbers are
 * worked out by hand in the comments. */
#include "churnkit/kpi.h"
#include "churnkit/load.h"
#include "churnkit/reasons.h"
#include "churnkit/source.h"
#include "../tap.h"

#include <math.h>
#include <string.h>

#define RTOL 1e-12

/* Loads csv (NUL-terminated) with map m; NULL on failure. */
static load_result *load_text(const char *csv, const load_map *m)
{
	source *s = NULL;
	load_result *r = NULL;
	load_opts o;
	churn_err e;

	load_opts_init(&o);
	o.max_bad = 100;
	if (source_open_mem(csv, strlen(csv), "t.csv", &s, &e) != CHURN_OK)
		return NULL;
	if (load_csv_source(s, m, &o, &r, &e) != CHURN_OK) {
		diag("load: %s", e.msg);
		r = NULL;
	}
	source_free(s);
	return r;
}

/* Levels sorted: competitor, price, service, then unknown.
 *   a  price       w1 mrr10  ends 2025-05-10 (Q2), in Q2's start
 *   b  service     w2 mrr20  ends 2025-05-10 (Q2), tie with a
 *   c  competitor  w1 mrr30  ends 2025-02-20 (Q1 only: the previous period)
 *   d  (unknown)   w3 mrr40  ends 2025-06-30 (Q2)
 *   e  price       w1 mrr50  starts 2025-04-10, ends 2025-06-01 (Q2, same period)
 *   f  active      w1 mrr60  seg z (a --by level without churn)
 *   g  active      w2 no mrr
 *   h  price       w1 mrr70  ends 2025-07-05 (Q3, after the period) */
static const char table_a[] =
	"id,start,end,mrr,w,seg,reason\n"
	"a,2025-01-01,2025-05-10,10,1,x,price\n"
	"b,2025-01-15,2025-05-10,20,2,x,service\n"
	"c,2025-02-01,2025-02-20,30,1,y,competitor\n"
	"d,2025-02-01,2025-06-30,40,3,y,\n"
	"e,2025-04-10,2025-06-01,50,1,x,price\n"
	"f,2025-01-01,,60,1,z,\n"
	"g,2025-03-01,,,2,x,\n"
	"h,2025-01-01,2025-07-05,70,1,y,price\n";

static void set_quarters(reasons_opts *o)
{
	kpi_period q2 = {KPI_QUARTER, 0}, q1;
	churn_err e;
	kpi_period_parse("2025Q2", &q2, &e);
	q1 = q2;
	q1.index--;
	o->has_period = o->has_previous = 1;
	o->first_day = kpi_period_first_day(q2);
	o->last_day = kpi_period_last_day(q2);
	kpi_period_format(q2, o->label);
	o->prev_first_day = kpi_period_first_day(q1);
	o->prev_last_day = kpi_period_last_day(q1);
	kpi_period_format(q1, o->prev_label);
}

static void test_overall_and_by(void)
{
	const char *by[] = {"seg"};
	const char *inv[] = {" service "};
	load_map m = {.id = "id", .start = "start", .end = "end", .value = "mrr",
	              .weight = "w", .by = by, .nby = 1, .reason = "reason"};
	reasons_opts o = {.involuntary = inv, .ninvoluntary = 1};
	reasons_result *r = NULL;
	churn_err e;
	load_result *lr = load_text(table_a, &m);

	ok(lr != NULL, "reasons: the table loads");
	if (lr == NULL)
		return;
	set_quarters(&o);
	is_int(reasons_build(lr, &m, &o, &r, &e), CHURN_OK, "reasons: built");
	if (r == NULL) {
		load_result_free(lr);
		return;
	}
	is_int((long long)r->nlevels, 4, "reasons: three levels and unknown");
	is_str(r->names[0], "competitor", "reasons: levels in byte order (1)");
	is_str(r->names[2], "service", "reasons: levels in byte order (3)");
	is_str(r->names[3], REASONS_UNKNOWN, "reasons: unknown is last");
	ok(r->has_unknown && r->has_split && r->has_mrr && r->weighted, "reasons: flags");
	ok(r->involuntary[2] == 1 && r->involuntary[0] == 0 && r->involuntary[1] == 0,
	   "reasons: --involuntary matches ' service ' with blanks around trimmed");

	const reasons_split *s = &r->overall;
	is_double_rel(s->cell[1].churned, 3, RTOL, "overall: price 3 (a, e, h)");
	is_double_rel(s->cell[1].churned_mrr, 130, RTOL, "overall: price MRR 10+50+70");
	is_double_rel(s->cell[2].churned, 2, RTOL, "overall: service counts b's weight 2");
	is_double_rel(s->cell[2].churned_mrr, 40, RTOL, "overall: service MRR 2 x 20");
	is_double_rel(s->cell[3].churned, 3, RTOL, "overall: unknown is d's weight 3");
	is_double_rel(s->cell[3].churned_mrr, 120, RTOL, "overall: unknown MRR 3 x 40");
	is_double_rel(s->total.churned, 9, RTOL, "overall: 9 churned");
	is_double_rel(s->total.churned_mrr, 320, RTOL, "overall: MRR 320");
	is_double_rel(s->cell[0].share, 1.0 / 9, RTOL, "overall: competitor share 1/9");
	is_double_rel(s->cell[1].mrr_share, 130.0 / 320, RTOL, "overall: price MRR share");
	is_double_rel(s->involuntary.churned, 2, RTOL, "overall: involuntary = service");
	is_double_rel(s->voluntary.churned, 4, RTOL, "overall: voluntary leaves unknown out");
	is_double_rel(s->voluntary.churned_mrr, 160, RTOL, "overall: voluntary MRR 30+130");
	is_double_rel(s->voluntary.share, 4.0 / 9, RTOL, "overall: voluntary share 4/9");

	const reasons_period *q = &r->current;
	ok(r->has_period && r->has_previous, "period: both computed");
	is_str(q->label, "2025Q2", "period: label");
	is_double_rel(q->at_start, 10, RTOL, "period: 10 at start (a1 b2 d3 f1 g2 h1)");
	is_double_rel(q->s.cell[1].churned, 2, RTOL, "period: price a and e");
	is_double_rel(q->s.cell[1].churned_mrr, 60, RTOL, "period: price MRR 10+50");
	is_double_rel(q->s.cell[2].churned, 2, RTOL, "period: service, tied with price");
	is_double_rel(q->s.total.churned, 7, RTOL, "period: 7 churned");
	is_double_rel(q->s.total.churned_mrr, 220, RTOL, "period: MRR 220");
	is_double_rel(q->s.cell[0].churned, 0, RTOL, "period: competitor none this period");
	is_double_rel(q->from_start[1], 1, RTOL, "period: price from start leaves e out");
	is_double_rel(q->share_of_start[1], 0.1, RTOL, "period: price share of start 1/10");
	is_double_rel(q->share_of_start[3], 0.3, RTOL, "period: unknown share of start 3/10");
	is_double_rel(q->from_start_total, 6, RTOL, "period: 6 from start");
	is_double_rel(q->from_start_involuntary, 2, RTOL, "period: 2 involuntary from start");
	is_double_rel(q->from_start_voluntary, 1, RTOL, "period: 1 voluntary from start");

	const reasons_period *p = &r->previous;
	is_str(p->label, "2025Q1", "previous: label");
	is_double_rel(p->at_start, 0, RTOL, "previous: nobody before the data");
	is_double_rel(p->s.cell[0].churned, 1, RTOL, "previous: the competitor only there");
	is_double_rel(p->s.cell[0].share, 1, RTOL, "previous: competitor is all of it");
	ok(isnan(p->share_of_start[0]), "previous: share of start NaN with 0 at start");

	is_int((long long)r->nby, 1, "by: one column");
	is_str(r->by[0].levels[2], "z", "by: levels sorted");
	is_double_rel(r->by[0].s[0].total.churned, 4, RTOL, "by x: 4 churned (a, b x2, e)");
	is_double_rel(r->by[0].s[0].cell[1].share, 0.5, RTOL, "by x: price half");
	is_double_rel(r->by[0].s[1].total.churned_mrr, 220, RTOL, "by y: MRR 30+120+70");
	is_double_rel(r->by[0].s[2].total.churned, 0, RTOL, "by z: no churn");
	ok(isnan(r->by[0].s[2].cell[1].share) && isnan(r->by[0].s[2].total.mrr_share),
	   "by z: shares NaN without churn");
	reasons_result_free(r);

	o.exclude_same_period = 1;
	o.involuntary = NULL;
	o.ninvoluntary = 0;
	is_int(reasons_build(lr, &m, &o, &r, &e), CHURN_OK, "exclude same period: built");
	if (r != NULL) {
		is_double_rel(r->current.s.cell[1].churned, 1, RTOL,
		              "exclude same period: e left out of price");
		ok(!r->has_split && r->involuntary == NULL,
		   "no --involuntary: no split claimed");
		is_double_rel(r->overall.voluntary.churned, 0, RTOL, "no --involuntary: zero totals");
	}
	reasons_result_free(r);

	const char *bad[] = {"payment"};
	o.involuntary = bad;
	o.ninvoluntary = 1;
	r = (reasons_result *)&o;  /* must be reset to NULL on failure */
	is_int(reasons_build(lr, &m, &o, &r, &e), CHURN_EUSAGE,
	       "unknown --involuntary value: usage error");
	ok(r == NULL && strstr(e.msg, "'payment'") && strstr(e.msg, "'price' (3)"),
	   "unknown --involuntary value: named, levels listed (%s)", e.msg);
	load_result_free(lr);
}

static void test_bad_rows(void)
{
	load_map m = {.id = "id", .start = "start", .end = "end", .reason = "why"};
	load_result *lr = load_text("id,start,end,why\n"
	                            "a,2025-01-01,2025-02-01,price\n"
	                            "b,2025-01-01,,price\n"
	                            "c,2025-01-01,, \n", &m);
	ok(lr != NULL, "bad rows: loads");
	if (lr == NULL)
		return;
	is_int(lr->rows_rejected, 1, "bad rows: a reason on an active customer is bad");
	is_int(lr->by_reason[LOAD_BAD_REASON], 1, "bad rows: counted by its reason");
	ok(lr->nrejects_kept == 1 && lr->rejects[0].line == 3 && lr->rejects[0].col == 4,
	   "bad rows: line 3, column 4");
	ok(strstr(lr->rejects[0].msg, "'price'") && strstr(lr->rejects[0].msg, "not churned"),
	   "bad rows: the message says why (%s)", lr->rejects[0].msg);
	load_result_free(lr);

	load_map d = {.id = "id", .duration = "t", .event = "churn", .reason = "why"};
	lr = load_text("id,t,churn,why\na,3,1,price\nb,4,0,service\n", &d);
	ok(lr != NULL && lr->rows_rejected == 1 && lr->rejects[0].line == 3,
	   "bad rows: with durations, a reason on event 0 is bad");
	load_result_free(lr);
}

/* --rollup: the customer's reason is that of its current row, the one that
 * ends last (ties: the later start).  r1's service row ends last; r2 is
 * active; r3's rows end on one day and service starts later (written
 * first). */
static void test_rollup(void)
{
	load_map m = {.id = "id", .start = "start", .end = "end", .reason = "why", .rollup = 1};
	reasons_opts o = {0};
	reasons_result *r = NULL;
	churn_err e;
	load_result *lr = load_text("id,start,end,why\n"
	                            "r1,2025-01-01,2025-03-01,price\n"
	                            "r1,2025-02-01,2025-06-01,service\n"
	                            "r2,2025-01-01,2025-04-01,price\n"
	                            "r2,2025-05-01,,\n"
	                            "r3,2025-03-01,2025-06-01,service\n"
	                            "r3,2025-01-01,2025-06-01,price\n", &m);
	ok(lr != NULL && lr->t->nrows == 3, "rollup: three customers");
	if (lr == NULL)
		return;
	is_int(reasons_build(lr, &m, &o, &r, &e), CHURN_OK, "rollup: built");
	if (r != NULL) {
		ok(r->nlevels == 1 && strcmp(r->names[0], "service") == 0 && !r->has_unknown,
		   "rollup: only the reason of the row that ends last remains");
		is_double_rel(r->overall.total.churned, 2, RTOL, "rollup: r1 and r3 churned");
		ok(!r->has_period && r->nby == 0 && !r->has_mrr && isnan(r->overall.total.churned_mrr),
		   "rollup: no period asked, no --by, no MRR");
	}
	reasons_result_free(r);
	load_result_free(lr);
}

int main(void)
{
	test_overall_and_by();
	test_bad_rows();
	test_rollup();
	return done_testing();
}
