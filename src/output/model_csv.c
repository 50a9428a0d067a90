/* model_csv.c - the model's tables as CSV files for spreadsheets
 * (--tables DIR); see include/churnkit/model_json.h. */
#include "churnkit/model_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churnkit/sheet.h"
#include "churnkit/outfile.h"

/* A number cell (empty when not finite), then the separator. */
static void num(FILE *f, double x, int sep)
{
	sheet_num(f, x);
	fputc(sep, f);
}

/* One row per coefficient; `method` (NULL for none) is written as a last
 * column on every row. */
static void coef_rows(FILE *f, const design *d, size_t p, const int *aliased, const double *b,
                      const double *se, const double *z, const double *pv, const double *er,
                      const double *lo, const double *hi, const char *method)
{
	for (size_t j = 0; j < p; j++) {
		sheet_text(f, d->cols[j].name);
		fputc(',', f);
		num(f, b[j], ',');
		num(f, se[j], ',');
		num(f, z[j], ',');
		num(f, pv[j], ',');
		num(f, er[j], ',');
		num(f, lo[j], ',');
		num(f, hi[j], ',');
		fputs(aliased[j] ? "true" : "false", f);
		if (method != NULL)
			fprintf(f, ",%s", method);
		fputc('\n', f);
	}
}

typedef struct {
	const design *dl, *dc;
	const logit_result *lr;
	const validate_summary *q;
	const cox_result *cr;
} tables;

typedef void (*table_writer)(FILE *f, const tables *t);

static void write_logit_coef(FILE *f, const tables *t)
{
	const logit_result *r = t->lr;
	/* method: glm (maximum likelihood) or firth (penalised; automatic under
	 * separation or --firth), so that a spreadsheet shows which estimates
	 * these are. */
	fputs("term,estimate,se,z,p,odds_ratio,or_lower,or_upper,aliased,method\n", f);
	coef_rows(f, t->dl, r->p, r->aliased, r->coef, r->se, r->z, r->pval, r->odds_ratio,
	          r->or_lower, r->or_upper, r->firth ? "firth" : "glm");
}

static void write_cox_coef(FILE *f, const tables *t)
{
	const cox_result *r = t->cr;
	fputs("term,estimate,se,z,p,hazard_ratio,hr_lower,hr_upper,aliased\n", f);
	coef_rows(f, t->dc, r->p, r->aliased, r->coef, r->se, r->z, r->pval, r->hazard_ratio,
	          r->hr_lower, r->hr_upper, NULL);
}

static void calib_rows(FILE *f, const validate_calib_bin *bins)
{
	fputs("decile,n,mean_predicted,observed_rate,min_predicted,max_predicted\n", f);
	for (int g = 0; g < VALIDATE_BINS; g++) {
		const validate_calib_bin *b = &bins[g];
		fprintf(f, "%d,", g + 1);
		num(f, b->n, ',');
		num(f, b->mean_pred, ',');
		num(f, b->obs_rate, ',');
		num(f, b->min_pred, ',');
		num(f, b->max_pred, '\n');
	}
}

static void write_calibration(FILE *f, const tables *t)
{
	calib_rows(f, t->q->calib);
}

static void write_cv_calibration(FILE *f, const tables *t)
{
	calib_rows(f, t->q->cv_calib);
}

static void write_lift(FILE *f, const tables *t)
{
	fputs("decile,n,events,rate,lift,cum_gain,cum_lift\n", f);
	for (int g = 0; g < VALIDATE_BINS; g++) {
		const validate_lift_bin *b = &t->q->lift[g];
		fprintf(f, "%d,", g + 1);
		num(f, b->n, ',');
		num(f, b->events, ',');
		num(f, b->rate, ',');
		num(f, b->lift, ',');
		num(f, b->cum_gain, ',');
		num(f, b->cum_lift, '\n');
	}
}

static churn_status write_one(const char *dir, const char *name, table_writer w,
                              const tables *t, outset *outs, churn_err *err)
{
	char path[4096];
	outfile *o = NULL;
	churn_status st;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return churn_err_set(err, CHURN_EIO, "%s/%s: path too long", dir, name);
	if ((st = outfile_open(outs, path, &o, err)) != CHURN_OK)
		return st;
	w(outfile_stream(o), t);
	if (ferror(outfile_stream(o))) {
		outfile_abort(o);
		return churn_err_at(err, CHURN_EIO, path, 0, 0, "write error");
	}
	return outfile_commit(o, err);
}

churn_status model_write_tables(const char *dir, const design *dl, const logit_result *lr,
                                const validate_summary *q, const design *dc,
                                const cox_result *cr, outset *outs, churn_err *err)
{
	tables t = {dl, dc, lr, q, cr};
	churn_status st = CHURN_OK;

	if (dir == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "model tables: no directory");
	if (lr != NULL && dl != NULL)
		st = write_one(dir, "coefficients.csv", write_logit_coef, &t, outs, err);
	if (st == CHURN_OK && q != NULL)
		st = write_one(dir, "calibration.csv", write_calibration, &t, outs, err);
	if (st == CHURN_OK && q != NULL && q->have_cv_calib)
		st = write_one(dir, "cv_calibration.csv", write_cv_calibration, &t, outs, err);
	if (st == CHURN_OK && q != NULL)
		st = write_one(dir, "lift.csv", write_lift, &t, outs, err);
	if (st == CHURN_OK && cr != NULL && dc != NULL)
		st = write_one(dir, "cox_coefficients.csv", write_cox_coef, &t, outs, err);
	return st;
}
