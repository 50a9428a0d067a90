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

churn_status cohort_write_triangle_csv(FILE *f, const cohort_triangle *t,
                                       cohort_csv_kind kind, churn_err *err)
{
	int value = kind == COHORT_CSV_VALUE_RETAINED || kind == COHORT_CSV_VALUE_RETENTION;
	int rate = kind == COHORT_CSV_RETENTION || kind == COHORT_CSV_VALUE_RETENTION;
	char m[8];

	if (f == NULL || t == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "cohort csv: no stream or no triangle");
	if (value && t->value_mean_simple == NULL && t->nrows > 0)
		return churn_err_set(err, CHURN_EUSAGE, "cohort csv: the triangle has no values");
	table_csv c = table_csv_on(f);
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
		table_csv_num(&c, row->value);
		table_csv_int(&c, row->thin);
		for (size_t k = 0; k < t->kmax; k++) {
			if (k >= row->nk) {
				table_csv_empty(&c);
				continue;
			}
			double num = value ? row->value_retained[k] : (double)row->retained[k];
			table_csv_num(&c, rate ? (base > 0.0 ? num / base : NAN) : num);
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
				table_csv_num(&c, (w ? mw : ms)[k]);
			table_csv_end_row(&c);
		}
	}
	if (table_csv_failed(&c))
		return churn_err_set(err, CHURN_EIO, "cohort csv: write error");
	return CHURN_OK;
}

static void kpi_csv_rows(table_csv *c, const kpi_row *rows, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		const kpi_row *p = &rows[j];
		const revenue_period *m = &p->mrr;
		const double x[] = {p->churn_rate, p->retention_rate, m->mrr_start, m->mrr_new,
		                    m->mrr_expansion, m->mrr_contraction, m->mrr_churned,
		                    m->mrr_reactivation, m->mrr_end, m->grr, m->nrr,
		                    m->gross_mrr_churn, m->net_mrr_churn, m->quick_ratio, m->arpa,
		                    m->ltv};
		const size_t counts[] = {p->n_start, p->n_new, p->n_churned, p->n_end,
		                         p->n_churned_start, p->n_same_period};
		char a[11], b[11];
		table_csv_word(c, p->label);
		table_csv_word(c, p->period.kind == KPI_QUARTER ? "quarter" : "month");
		table_csv_word(c, date_format(p->first_day, a));
		table_csv_word(c, date_format(p->last_day, b));
		for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
			table_csv_count(c, counts[i]);
		for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
			table_csv_num(c, x[i]);
		table_csv_end_row(c);
	}
}

churn_status kpi_write_csv(FILE *f, const kpi_result *r, churn_err *err)
{
	if (f == NULL || r == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "kpi csv: no stream or no result");
	table_csv c = table_csv_on(f);
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

typedef churn_status (*writer)(FILE *, const void *, int, churn_err *);

static churn_status write_tri(FILE *f, const void *t, int kind, churn_err *err)
{
	return cohort_write_triangle_csv(f, t, (cohort_csv_kind)kind, err);
}

static churn_status write_kpi(FILE *f, const void *k, int kind, churn_err *err)
{
	(void)kind;
	return kpi_write_csv(f, k, err);
}

static churn_status write_file(const char *dir, const char *name, writer w, const void *obj,
                               int kind, outset *outs, churn_err *err)
{
	table_csv c;
	churn_status st = table_csv_open(&c, outs, dir, name, err);

	if (st != CHURN_OK)
		return st;
	st = w(c.f, obj, kind, err);
	if (st == CHURN_EIO)  /* the writer knows no file name: the commit names it */
		return table_csv_close(&c, err);
	if (st != CHURN_OK) {
		table_csv_abort(&c);
		return st;
	}
	return table_csv_close(&c, err);
}

static churn_status write_triangle_files(const char *dir, const char *prefix,
                                         const cohort_triangle *t, int values,
                                         outset *outs, churn_err *err)
{
	static const char *const suffix[] = {"retained", "retention", "value_retained",
	                                     "value_retention"};
	char name[1024];
	for (int kind = 0; kind < (values ? 4 : 2); kind++) {
		churn_status st;
		snprintf(name, sizeof name, "%s_%s.csv", prefix, suffix[kind]);
		st = write_file(dir, name, write_tri, t, kind, outs, err);
		if (st != CHURN_OK)
			return st;
	}
	return CHURN_OK;
}

churn_status cohort_write_tables_multi(const char *dir, const cohort_result *const *cs,
                                       size_t nc, const kpi_result *k, outset *outs,
                                       churn_err *err)
{
	churn_status st;
	char prefix[512];

	if (dir == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "tables: no directory");
	if (nc > 0 && (cs == NULL || cs[0] == NULL))
		return churn_err_set(err, CHURN_EUSAGE, "tables: no cohort result");
	if (nc > 0) {
		st = write_triangle_files(dir, "cohorts", &cs[0]->all, cs[0]->has_value, outs,
		                          err);
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
			st = write_triangle_files(dir, prefix, &c->groups[g], c->has_value, outs, err);
			if (st != CHURN_OK)
				return st;
		}
	}
	if (k != NULL) {
		st = write_file(dir, "kpis.csv", write_kpi, k, 0, outs, err);
		if (st != CHURN_OK)
			return st;
	}
	return CHURN_OK;
}

churn_status cohort_write_tables(const char *dir, const cohort_result *c,
                                 const kpi_result *k, outset *outs, churn_err *err)
{
	return cohort_write_tables_multi(dir, &c, c != NULL, k, outs, err);
}
