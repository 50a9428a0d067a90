/* cohort_csv.c - cohort triangles and the KPI table as CSV files for
 * spreadsheets (--tables DIR); see include/churnkit/cohort_output.h. */
#include "churnkit/cohort_output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/date.h"
#include "churnkit/outfile.h"
#include "churnkit/tablename.h"
#include "churnkit/sheet.h"

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
	fputs("cohort,size,value,thin", f);
	for (size_t k = 0; k < t->kmax; k++)
		fprintf(f, ",m%zu", k);
	fputc('\n', f);
	for (size_t r = 0; r < t->nrows; r++) {
		const cohort_row *row = &t->rows[r];
		double base = value ? row->value : (double)row->size;
		sheet_text(f, date_format_month(row->cohort, m));
		fprintf(f, ",%zu,", row->size);
		sheet_num(f, row->value);
		fprintf(f, ",%d", row->thin);
		for (size_t k = 0; k < t->kmax; k++) {
			fputc(',', f);
			if (k >= row->nk)
				continue;
			double num = value ? row->value_retained[k] : (double)row->retained[k];
			sheet_num(f, rate ? (base > 0.0 ? num / base : NAN) : num);
		}
		fputc('\n', f);
	}
	if (rate) {
		const double *ms = value ? t->value_mean_simple : t->mean_simple;
		const double *mw = value ? t->value_mean_weighted : t->mean_weighted;
		fputs("mean (simple),,,", f);
		for (size_t k = 0; k < t->kmax; k++)
			fputc(',', f), sheet_num(f, ms[k]);
		fputs("\nmean (size-weighted),,,", f);
		for (size_t k = 0; k < t->kmax; k++)
			fputc(',', f), sheet_num(f, mw[k]);
		fputc('\n', f);
	}
	if (ferror(f))
		return churn_err_set(err, CHURN_EIO, "cohort csv: write error");
	return CHURN_OK;
}

static void kpi_csv_rows(FILE *f, const kpi_row *rows, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		const kpi_row *p = &rows[j];
		const revenue_period *m = &p->mrr;
		const double x[] = {p->churn_rate, p->retention_rate, m->mrr_start, m->mrr_new,
		                    m->mrr_expansion, m->mrr_contraction, m->mrr_churned,
		                    m->mrr_reactivation, m->mrr_end, m->grr, m->nrr,
		                    m->gross_mrr_churn, m->net_mrr_churn, m->quick_ratio, m->arpa,
		                    m->ltv};
		char a[11], b[11];
		fprintf(f, "%s,%s,%s,%s,%zu,%zu,%zu,%zu,%zu,%zu", p->label,
		        p->period.kind == KPI_QUARTER ? "quarter" : "month",
		        date_format(p->first_day, a), date_format(p->last_day, b), p->n_start,
		        p->n_new, p->n_churned, p->n_end, p->n_churned_start, p->n_same_period);
		for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
			fputc(',', f), sheet_num(f, x[i]);
		fputc('\n', f);
	}
}

churn_status kpi_write_csv(FILE *f, const kpi_result *r, churn_err *err)
{
	if (f == NULL || r == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "kpi csv: no stream or no result");
	fputs("period,kind,first_day,last_day,start,new,churned,end,churned_from_start,"
	      "same_period,churn_rate,retention_rate,mrr_start,mrr_new,mrr_expansion,"
	      "mrr_contraction,mrr_churned,mrr_reactivation,mrr_end,grr,nrr,gross_mrr_churn,"
	      "net_mrr_churn,quick_ratio,arpa,ltv\n", f);
	kpi_csv_rows(f, r->months, r->nmonths);
	kpi_csv_rows(f, r->quarters, r->nquarters);
	if (ferror(f))
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
	char path[4096];
	outfile *o = NULL;
	churn_status st;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return churn_err_set(err, CHURN_EIO, "%s/%s: path too long", dir, name);
	st = outfile_open(outs, path, &o, err);
	if (st != CHURN_OK)
		return st;
	st = w(outfile_stream(o), obj, kind, err);
	if (st != CHURN_OK) {
		outfile_abort(o);
		if (st == CHURN_EIO)  /* the writer knows no file name */
			st = churn_err_at(err, CHURN_EIO, path, 0, 0, "write error");
		return st;
	}
	return outfile_commit(o, err);
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
