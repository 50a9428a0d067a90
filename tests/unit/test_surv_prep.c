/*
 * test_surv_prep.c - input validation, the shared radix sort, R's merging of
 * near-equal times, and the per-level tables (surv.h).
 */
#include "churnkit/surv.h"
#include "tap.h"
#include "survival/surv_tab.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static churn_status prep(size_t n, const double *t, const int *e, const double *w,
                         const double *en, churn_err *err)
{
	surv_prep *p = NULL;
	surv_data d = {.n = n, .time = t, .event = e, .weight = w, .entry = en};
	churn_status st = surv_prep_new(&d, 1, &p, err);
	surv_prep_free(p);
	return st;
}

static void validation(void)
{
	churn_err err;
	double t[3] = {1, 2, 3}, w[3] = {1, 2, 3}, en[3] = {0, 1, 2};
	int e[3] = {1, 0, 1};

	is_int(prep(3, t, e, w, en, &err), CHURN_OK, "prep: good input is accepted");
	is_int(prep(0, t, e, NULL, NULL, &err), CHURN_EDATA, "prep: no customers is refused");
	t[1] = -1;
	is_int(prep(3, t, e, NULL, NULL, &err), CHURN_EDATA, "prep: a negative time is refused");
	ok(strstr(err.msg, "record 2") != NULL, "prep: the message names the record");
	t[1] = NAN;
	is_int(prep(3, t, e, NULL, NULL, &err), CHURN_EDATA, "prep: a NaN time is refused");
	t[1] = INFINITY;
	is_int(prep(3, t, e, NULL, NULL, &err), CHURN_EDATA,
	       "prep: an infinite time is refused");
	t[1] = 2;
	e[2] = 2;
	is_int(prep(3, t, e, NULL, NULL, &err), CHURN_EDATA, "prep: an event flag 2 is refused");
	e[2] = 1;
	w[0] = 1.5;
	is_int(prep(3, t, e, w, NULL, &err), CHURN_EDATA,
	       "prep: a fractional weight is refused (R would switch to robust errors)");
	w[0] = -1;
	is_int(prep(3, t, e, w, NULL, &err), CHURN_EDATA, "prep: a negative weight is refused");
	w[0] = 0;
	is_int(prep(3, t, e, w, NULL, &err), CHURN_OK, "prep: a zero weight is accepted");
	en[2] = 3;
	is_int(prep(3, t, e, NULL, en, &err), CHURN_EDATA,
	       "prep: an entry not before its time is refused");
	en[2] = -0.5;
	is_int(prep(3, t, e, NULL, en, &err), CHURN_EDATA, "prep: a negative entry is refused");
	/* entry 3 - 1e-12 < time 3, but equal within R's tolerance */
	en[2] = 3 - 1e-12;
	is_int(prep(3, t, e, NULL, en, &err), CHURN_EDATA,
	       "prep: an entry merged onto its time is refused, as aeqSurv does");
	surv_prep *p = NULL;
	is_int(surv_prep_new(NULL, 1, &p, &err), CHURN_EUSAGE, "prep: no data is a usage error");
	surv_prep_free(NULL);
	surv_groups_free(NULL);
	ok(1, "prep: the _free functions accept NULL");
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void sorting(void)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 42);
	size_t n = 20000;
	double *t = malloc(n * sizeof *t), *ref = malloc(n * sizeof *ref);
	int *e = calloc(n, sizeof *e);
	for (size_t i = 0; i < n; i++) {
		/* whole days, fractions, wide magnitudes and zeros */
		switch (i % 4) {
		case 0: t[i] = floor(gsl_rng_uniform(r) * 4000); break;
		case 1: t[i] = gsl_rng_uniform(r) * 10; break;
		case 2: t[i] = exp(gsl_rng_uniform(r) * 60 - 30); break;
		default: t[i] = i % 8 == 3 ? 0.0 : -0.0; break;
		}
		ref[i] = t[i] + 0.0;
	}
	qsort(ref, n, sizeof *ref, cmp_dbl);
	surv_prep *p = NULL;
	churn_err err;
	surv_data d = {.n = n, .time = t, .event = e};
	is_int(surv_prep_new(&d, 0, &p, &err), CHURN_OK, "sort: 20000 mixed times");
	int same = 1, stable = 1;
	for (size_t i = 0; i < n; i++) {
		same = same && surv_prep_time(p, i) == ref[i] && !signbit(surv_prep_time(p, i));
		if (i > 0 && surv_prep_time(p, i) == surv_prep_time(p, i - 1))
			stable = stable && surv_prep_row(p, i) > surv_prep_row(p, i - 1);
		same = same && t[surv_prep_row(p, i)] + 0.0 == surv_prep_time(p, i);
	}
	ok(same, "sort: the radix sort orders times as qsort does (-0 as 0)");
	ok(stable, "sort: equal times keep their row order");
	surv_prep_free(p);
	free(t);
	free(ref);
	free(e);
	gsl_rng_free(r);
}

static void timefix(void)
{
	/* R: aeqSurv(Surv(c(1 + 1e-10, 1, 2, 1e9 + 2, 1e9 + 1, 1e9, 1e9 + 200),
	 * rep(1, 7)))[, 1] is 1 1 1 1e9 1e9 1e9 1000000200: a difference of 1 is
	 * tiny next to a mean of 5.7e8, so 2 merges onto 1 as well */
	double t[7] = {1 + 1e-10, 1, 2, 1e9 + 2, 1e9 + 1, 1e9, 1e9 + 200};
	int e[7] = {1, 1, 1, 1, 1, 1, 1};
	double want[7] = {1, 1, 1, 1e9, 1e9, 1e9, 1e9 + 200};
	surv_data d = {.n = 7, .time = t, .event = e};
	surv_prep *p = NULL;
	churn_err err;
	surv_prep_new(&d, 1, &p, &err);
	int good = 1;
	for (size_t i = 0; i < 7; i++)
		good = good && surv_prep_time(p, i) == want[i];
	ok(good, "timefix: near-equal times merge onto the first of their run");
	surv_prep_free(p);
	surv_prep_new(&d, 0, &p, &err);
	ok(surv_prep_time(p, 1) == 1 + 1e-10, "timefix: off keeps every time as given");
	surv_prep_free(p);
}

static void tables(void)
{
	/* level 0: times 1 (event, w 2), 2 (censor), 2 (event), entry 0,0,1.5;
	 * level 1: one row; one row missing */
	double t[5] = {2, 1, 2, 5, 3};
	int e[5] = {0, 1, 1, 1, 0};
	double w[5] = {1, 2, 1, 1, 1};
	double en[5] = {0, 0, 1.5, 0, 0};
	uint32_t g[5] = {0, 0, 0, 1, SURV_GROUP_NA};
	surv_data d = {.n = 5, .time = t, .event = e, .weight = w, .entry = en};
	surv_prep *p = NULL;
	surv_groups *gr = NULL;
	churn_err err;
	surv_prep_new(&d, 1, &p, &err);
	is_int(surv_groups_new(p, g, 2, &gr, &err), CHURN_OK, "groups: split by level");
	const surv_tab *t0 = &gr->tab[0];
	ok(t0->m == 2 && t0->time[0] == 1 && t0->time[1] == 2 && t0->nevent[0] == 2 &&
	           t0->nevent[1] == 1 && t0->ncensor[1] == 1,
	   "groups: distinct times with weighted events and censorings");
	/* at 1: rows with entry < 1 <= time: (0,2] w 1 and (0,1] w 2 = 3;
	 * at 2: (0,2] w 1 and (1.5,2] w 1 = 2 */
	ok(t0->nrisk[0] == 3 && t0->nrisk[1] == 2,
	   "groups: at risk counts entry < t <= time, weighted");
	ok(surv_groups_rows(gr, 0) == 3 && surv_groups_weight(gr, 0) == 4 &&
	           surv_groups_events(gr, 0) == 3 && surv_groups_rows(gr, 1) == 1,
	   "groups: rows, weight and events per level; missing codes left out");
	surv_groups_free(gr);
	g[4] = 7;
	is_int(surv_groups_new(p, g, 2, &gr, &err), CHURN_EDATA,
	       "groups: a code beyond the levels is refused");
	is_int(surv_groups_new(p, g, 0, &gr, &err), CHURN_EUSAGE,
	       "groups: a column needs levels");
	is_int(surv_groups_new(p, NULL, 3, &gr, &err), CHURN_EUSAGE,
	       "groups: no column means one level");
	surv_prep_free(p);
}

/* Rows with no time at risk: what surv_entry_usable marks, and that what it
 * keeps is accepted by surv_prep_new. */
static void entry_usable(void)
{
	churn_err err;
	unsigned char keep[7];
	size_t nd = 99;
	/* 0: fine; 1: entry = time; 2: entry > time; 3: time 0, entry 0;
	 * 4: 1e-10 apart (merged: tied within 1.5e-8 absolute); 5: fine;
	 * 6: a negative time, kept for surv_prep_new to report */
	double t[7] = {5, 3, 2, 0, 1 + 1e-10, 7, -1};
	double en[7] = {0, 3, 4, 0, 1, 6.5, 0};
	int e[7] = {1, 0, 1, 1, 1, 0, 0};
	surv_data d = {.n = 7, .time = t, .event = e, .entry = en};

	is_int(surv_entry_usable(&d, 1, keep, &nd, &err), CHURN_OK, "entry usable: runs");
	is_int((long long)nd, 4, "entry usable: four rows have no time at risk");
	ok(keep[0] && !keep[1] && !keep[2] && !keep[3] && !keep[4] && keep[5] && keep[6],
	   "entry usable: entry = time, entry > time, 0 = 0 and an entry merged onto its "
	   "time are marked; a bad row is left to surv_prep_new");
	is_int(surv_entry_usable(&d, 0, keep, &nd, &err), CHURN_OK, "entry usable: no timefix");
	is_int((long long)nd, 3, "entry usable: without timefix only the rows as given count");
	ok(keep[4], "entry usable: without timefix near-equal times stay apart");

	/* relative tolerance: 1e9 and 1e9 + 1 differ by 1.1e-9 of the mean time */
	double tr[3] = {1e9 + 1, 2e9, 5e8}, er[3] = {1e9, 0, 0};
	surv_data dr = {.n = 3, .time = tr, .event = e, .entry = er};
	is_int(surv_entry_usable(&dr, 1, keep, &nd, &err), CHURN_OK, "entry usable: large times");
	ok(nd == 1 && !keep[0] && keep[1] && keep[2],
	   "entry usable: an entry tied to its time relative to the mean time is marked");

	/* what is kept (less the bad row) passes surv_prep_new */
	double t2[7], en2[7];
	int e2[7];
	size_t m = 0;
	surv_entry_usable(&d, 1, keep, &nd, &err);
	for (size_t i = 0; i < 6; i++)
		if (keep[i]) {
			t2[m] = t[i];
			en2[m] = en[i];
			e2[m] = e[i];
			m++;
		}
	is_int(prep(m, t2, e2, NULL, en2, &err), CHURN_OK,
	       "entry usable: the rows kept are accepted by surv_prep_new");
	is_int(prep(2, t + 4, e + 4, NULL, en + 4, &err), CHURN_EDATA,
	       "entry usable: surv_prep_new itself refuses an entry merged onto its time");

	d.entry = NULL;
	is_int(surv_entry_usable(&d, 1, keep, &nd, &err), CHURN_OK, "entry usable: no entry");
	ok(nd == 0 && keep[3] && keep[4], "entry usable: without entry every row is kept");
	is_int(surv_entry_usable(NULL, 1, keep, &nd, &err), CHURN_EUSAGE,
	       "entry usable: NULL data is a usage error");
}

/* The brute-force table of one level: its distinct times (and entries,
 * when en is not NULL) counted and summed row by row; 1 when tab agrees
 * with it. */
static int tab_agrees(const surv_tab *tab, uint32_t level, const uint32_t *g,
                      const double *t, const int *e, const double *en, size_t n)
{
	size_t m = 0, me = 0, rows = 0;
	for (size_t r = 0; r < n; r++) {
		if (g[r] != level)
			continue;
		rows++;
		int new_t = 1, new_e = 1;
		for (size_t q = 0; q < r; q++) {
			new_t = new_t && !(g[q] == level && t[q] == t[r]);
			new_e = new_e && en != NULL && !(g[q] == level && en[q] == en[r]);
		}
		m += (size_t)new_t;
		me += (size_t)(new_e && en != NULL);
	}
	int good = tab->m == m && tab->me == me && tab->rows == rows;
	for (size_t i = 0; good && i < tab->m; i++) {
		double ev = 0, ce = 0;
		for (size_t r = 0; r < n; r++)
			if (g[r] == level && t[r] == tab->time[i]) {
				ev += e[r];
				ce += 1 - e[r];
			}
		good = (i == 0 || tab->time[i] > tab->time[i - 1]) && tab->nevent[i] == ev &&
		       tab->ncensor[i] == ce && ev + ce > 0;
	}
	for (size_t j = 0; good && j < tab->me; j++)
		good = j == 0 || tab->etime[j] > tab->etime[j - 1];
	return good;
}

/* Levels interleaved in time order, each time repeated within and across
 * levels, some codes missing: each level's table holds its distinct times,
 * and the arrays are sized by them (packed one level after the other), not
 * by the level's rows. */
static void tables_packed(void)
{
	enum { N = 60 };
	double t[N], en[N];
	int e[N];
	uint32_t g[N];
	for (size_t r = 0; r < N; r++) {
		t[r] = (double)(1 + (r * 7) % 5);
		en[r] = (double)((r * 3) % 4) * 0.25;
		e[r] = (int)(r % 3 == 0);
		g[r] = r % 11 == 10 ? SURV_GROUP_NA : (uint32_t)(r % 3);
	}
	surv_data d = {.n = N, .time = t, .event = e};
	surv_prep *p = NULL;
	surv_groups *gr = NULL;
	churn_err err;
	surv_prep_new(&d, 1, &p, &err);
	is_int(surv_groups_new(p, g, 3, &gr, &err), CHURN_OK, "groups: interleaved levels split");
	int good = 1;
	for (uint32_t l = 0; l < 3; l++)
		good = good && gr->tab[l].m == 5 && tab_agrees(&gr->tab[l], l, g, t, e, NULL, N);
	ok(good, "groups: each level's distinct times (5) and counts are the rows' own");
	ok(gr->tab[1].time == gr->tab[0].time + 5 * gr->tab[0].m + 1 &&
	           gr->tab[2].time == gr->tab[1].time + 5 * gr->tab[1].m + 1,
	   "groups: each level's arrays take its distinct times, not its rows");
	surv_groups_free(gr);
	surv_prep_free(p);

	d.entry = en;
	surv_prep_new(&d, 1, &p, &err);
	is_int(surv_groups_new(p, g, 3, &gr, &err), CHURN_OK,
	       "groups: interleaved levels with entry split");
	good = 1;
	for (uint32_t l = 0; l < 3; l++)
		good = good && tab_agrees(&gr->tab[l], l, g, t, e, en, N);
	ok(good, "groups: with entry, each level's distinct times, entries and counts are the "
	         "rows' own");
	const surv_tab *t0 = &gr->tab[0], *t1 = &gr->tab[1];
	ok(t1->time == t0->time + 5 * t0->m + 1 + 2 * t0->me + 1,
	   "groups: with entry, a level's arrays take its distinct times and entries");
	surv_groups_free(gr);
	surv_prep_free(p);
}

int main(void)
{
	gsl_set_error_handler_off();
	validation();
	sorting();
	timefix();
	tables();
	tables_packed();
	entry_usable();
	return done_testing();
}
