/* cohort_csv.c - cohort triangles and the KPI table as CSV files for
 * spreadsheets (--tables DIR); see include/churnkit/cohort_output.h. */
#include "churnkit/cohort_output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/date.h"
#include "churnkit/tablecsv.h"
#include "churnkit/tablename.h"

/* A triangle's cell: retention as a percent, value retained as money,
 * customers retained as a number. */
static void tri_cell(table_csv *c, double x, int value, int rate)
{
	if (rate)
		table_csv_pct(c, x);
	else if (value)
		table_csv_money(c, x);
	else
		table_csv_num(c, x);
}

static churn_status triangle_rows(table_csv *tc, const cohort_triangle *t,
                                  cohort_csv_kind kind, churn_err *err)
{
	int value = kind == COHORT_CSV_VALUE_RETAINED || kind == COHORT_CSV_VALUE_RETENTION;
	int rate = kind == COHORT_CSV_RETENTION || kind == COHORT_CSV_VALUE_RETENTION;
	char m[8];

	if (value && t->value_mean_simple == NULL && t->nrows > 0)
		return churn_err_set(err, CHURN_EUSAGE, "cohort csv: the triangle has no values");
	table_csv c = *tc;
	char col[32];
	table_csv_word(&c, "cohort,size,value,thin");
	for (size_t k = 0; k < t->kmax; k++) {
		snprintf(col, sizeof col, "m%zu", k);
		table_csv_word(&c, col);
	}
	table_csv_end_row(&c);
	for (size_t r = 0; r < t->nrows; r++) {
		const cohort_row *row = &t->rows[r];
		double base = value ? row->value : (double)row->size;
		table_csv_text(&c, date_format_month(row->cohort, m));
		table_csv_count(&c, row->size);
		table_csv_money(&c, row->value);
		table_csv_int(&c, row->thin);
		for (size_t k = 0; k < t->kmax; k++) {
			if (k >= row->nk) {
				table_csv_empty(&c);
				continue;
			}
			double num = value ? row->value_retained[k] : (double)row->retained[k];
			tri_cell(&c, rate ? (base > 0.0 ? num / base : NAN) : num, value, rate);
		}
		table_csv_end_row(&c);
	}
	if (rate) {
		const double *ms = value ? t->value_mean_simple : t->mean_simple;
		const double *mw = value ? t->value_mean_weighted : t->mean_weighted;
		for (int w = 0; w < 2; w++) {
			table_csv_text(&c, w ? "mean (size-weighted)" : "mean (simple)");
			for (int e = 0; e < 3; e++)
				table_csv_empty(&c);  /* size, value, thin */
			for (size_t k = 0; k < t->kmax; k++)
				table_csv_pct(&c, (w ? mw : ms)[k]);
			table_csv_end_row(&c);
		}
	}
	if (table_csv_failed(&c))
		return churn_err_set(err, CHURN_EIO, "cohort csv: write error");
	return CHURN_OK;
}

churn_status cohort_write_triangle_csv(FILE *f, const cohort_triangle *t,
                                       cohort_csv_kind kind, churn_err *err)
{
	if (f == NULL || t == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohort csv: no stream or no triangle");
	table_csv c = table_csv_on(f);
	return triangle_rows(&c, t, kind, err);
}

static void kpi_csv_rows(table_csv *c, const kpi_row *rows, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		const kpi_row *p = &rows[j];
		const revenue_period *m = &p->mrr;
		const double rates[] = {p->churn_rate, p->retention_rate};
		const double mrr[] = {m->mrr_start, m->mrr_new, m->mrr_expansion,
		                      m->mrr_contraction, m->mrr_churned, m->mrr_reactivation,
		                      m->mrr_end};
		const double shares[] = {m->grr, m->nrr, m->gross_mrr_churn, m->net_mrr_churn};
		const size_t counts[] = {p->n_start, p->n_new, p->n_churned, p->n_end,
		                         p->n_churned_start, p->n_same_period};
		table_csv_word(c, p->label);
		table_csv_word(c, p->period.kind == KPI_QUARTER ? "quarter" : "month");
		table_csv_date(c, p->first_day);
		table_csv_date(c, p->last_day);
		for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
			table_csv_count(c, counts[i]);
		for (size_t i = 0; i < 2; i++)
			table_csv_pct(c, rates[i]);
		for (size_t i = 0; i < sizeof mrr / sizeof mrr[0]; i++)
			table_csv_money(c, mrr[i]);
		for (size_t i = 0; i < sizeof shares / sizeof shares[0]; i++)
			table_csv_pct(c, shares[i]);
		table_csv_num(c, m->quick_ratio);
		table_csv_money(c, m->arpa);
		table_csv_money(c, m->ltv);
		table_csv_end_row(c);
	}
}

static churn_status kpi_rows(table_csv *tc, const kpi_result *r, churn_err *err)
{
	table_csv c = *tc;
	table_csv_header(&c, "period,kind,first_day,last_day,start,new,churned,end,"
	                     "churned_from_start,same_period,churn_rate,retention_rate,mrr_start,"
	                     "mrr_new,mrr_expansion,mrr_contraction,mrr_churned,mrr_reactivation,"
	                     "mrr_end,grr,nrr,gross_mrr_churn,net_mrr_churn,quick_ratio,arpa,ltv");
	kpi_csv_rows(&c, r->months, r->nmonths);
	kpi_csv_rows(&c, r->quarters, r->nquarters);
	if (table_csv_failed(&c))
		return churn_err_set(err, CHURN_EIO, "kpi csv: write error");
	return CHURN_OK;
}

churn_status kpi_write_csv(FILE *f, const kpi_result *r, churn_err *err)
{
	if (f == NULL || r == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "kpi csv: no stream or no result");
	table_csv c = table_csv_on(f);
	return kpi_rows(&c, r, err);
}

typedef churn_status (*writer)(table_csv *, const void *, int, churn_err *);

static churn_status write_tri(table_csv *c, const void *t, int kind, churn_err *err)
{
	return triangle_rows(c, t, (cohort_csv_kind)kind, err);
}

static churn_status write_kpi(table_csv *c, const void *k, int kind, churn_err *err)
{
	(void)kind;
	return kpi_rows(c, k, err);
}

static churn_status write_file(const table_dest *d, const char *name, writer w,
                               const void *obj, int kind, churn_err *err)
{
	table_csv c;
	churn_status st = table_csv_open(&c, d, name, err);

	if (st != CHURN_OK)
		return st;
	st = w(&c, obj, kind, err);
	if (st == CHURN_EIO)  /* the writer knows no file name: the commit names it */
		return table_csv_close(&c, err);
	if (st != CHURN_OK) {
		table_csv_abort(&c);
		return st;
	}
	return table_csv_close(&c, err);
}

static churn_status write_triangle_files(const table_dest *d, const char *prefix,
                                         const cohort_triangle *t, int values,
                                         churn_err *err)
{
	static const char *const suffix[] = {"retained", "retention", "value_retained",
	                                     "value_retention"};
	char name[1024];
	for (int kind = 0; kind < (values ? 4 : 2); kind++) {
		churn_status st;
		snprintf(name, sizeof name, "%s_%s.csv", prefix, suffix[kind]);
		st = write_file(d, name, write_tri, t, kind, err);
		if (st != CHURN_OK)
			return st;
	}
	return CHURN_OK;
}

churn_status cohort_write_tables_multi(const table_dest *d, const cohort_result *const *cs,
                                       size_t nc, const kpi_result *k, churn_err *err)
{
	churn_status st;
	char prefix[512];

	if (d == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "tables: no destination");
	if (nc > 0 && (cs == NULL || cs[0] == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "tables: no cohort result");
	if (nc > 0) {
		st = write_triangle_files(d, "cohorts", &cs[0]->all, cs[0]->has_value, err);
		if (st != CHURN_OK)
			return st;
	}
	for (size_t j = 0; j < nc; j++) {
		const cohort_result *c = cs[j];
		for (size_t g = 0; g < c->ngroups; g++) {
			snprintf(prefix, sizeof prefix, "cohorts_");
			table_name_append(prefix, sizeof prefix,
			                  c->group_name != NULL ? c->group_name : "group");
			snprintf(prefix + strlen(prefix), sizeof prefix - strlen(prefix), "_%02zu_",
			         g + 1);
			table_name_append(prefix, sizeof prefix, c->groups[g].level);
			st = write_triangle_files(d, prefix, &c->groups[g], c->has_value, err);
			if (st != CHURN_OK)
				return st;
		}
	}
	if (k != NULL) {
		st = write_file(d, "kpis.csv", write_kpi, k, 0, err);
		if (st != CHURN_OK)
			return st;
	}
	return CHURN_OK;
}

churn_status cohort_write_tables(const table_dest *d, const cohort_result *c,
                                 const kpi_result *k, churn_err *err)
{
	return cohort_write_tables_multi(d, &c, c != NULL, k, err);
}
