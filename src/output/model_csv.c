/* model_csv.c - the model's tables as CSV files for spreadsheets
 * (--tables DIR); see include/churnkit/model_json.h. */
#include "churnkit/model_json.h"

#include "churnkit/coeftab.h"
#include "churnkit/tablecsv.h"

#include <stdio.h>

/* The coefficient table (coeftab.h), header and one row per coefficient;
 * `method` (NULL for none) is written as a last column on every row. */
static void coef_rows(table_csv *t, const design *d, const coeftab *c, const char *method)
{
	char head[160];
	snprintf(head, sizeof head, "term,estimate,se,z,p,%s,%s,%s,aliased%s", c->ratio_key,
	         c->lower_key, c->upper_key, method != NULL ? ",method" : "");
	table_csv_header(t, head);
	for (size_t j = 0; j < c->p; j++) {
		table_csv_text(t, d->cols[j].name);
		table_csv_num(t, c->coef[j]);
		table_csv_num(t, c->se[j]);
		table_csv_num(t, c->z[j]);
		table_csv_num(t, c->pval[j]);
		table_csv_num(t, c->ratio[j]);
		table_csv_num(t, c->lower[j]);
		table_csv_num(t, c->upper[j]);
		table_csv_word(t, c->aliased[j] ? "true" : "false");
		if (method != NULL)
			table_csv_word(t, method);
		table_csv_end_row(t);
	}
}

typedef struct {
	const design *dl, *dc;
	const logit_result *lr;
	const validate_summary *q;
	const cox_result *cr;
} tables;

typedef void (*table_writer)(table_csv *f, const tables *t);

static void write_logit_coef(table_csv *f, const tables *t)
{
	const logit_result *r = t->lr;
	/* method: glm (maximum likelihood) or firth (penalised; automatic under
	 * separation or --firth), so that a spreadsheet shows which estimates
	 * these are. */
	coef_rows(f, t->dl, &r->coefs, r->firth ? "firth" : "glm");
}

static void write_cox_coef(table_csv *f, const tables *t)
{
	coef_rows(f, t->dc, &t->cr->coefs, NULL);
}

static void calib_rows(table_csv *f, const validate_calib_bin *bins)
{
	table_csv_header(f, "decile,n,mean_predicted,observed_rate,min_predicted,max_predicted");
	for (int g = 0; g < VALIDATE_BINS; g++) {
		const validate_calib_bin *b = &bins[g];
		table_csv_int(f, g + 1);
		table_csv_num(f, b->n);
		table_csv_pct(f, b->mean_pred);
		table_csv_pct(f, b->obs_rate);
		table_csv_pct(f, b->min_pred);
		table_csv_pct(f, b->max_pred);
		table_csv_end_row(f);
	}
}

static void write_calibration(table_csv *f, const tables *t)
{
	calib_rows(f, t->q->calib);
}

static void write_cv_calibration(table_csv *f, const tables *t)
{
	calib_rows(f, t->q->cv_calib);
}

static void write_lift(table_csv *f, const tables *t)
{
	table_csv_header(f, "decile,n,events,rate,lift,cum_gain,cum_lift");
	for (int g = 0; g < VALIDATE_BINS; g++) {
		const validate_lift_bin *b = &t->q->lift[g];
		table_csv_int(f, g + 1);
		table_csv_num(f, b->n);
		table_csv_num(f, b->events);
		table_csv_pct(f, b->rate);
		table_csv_num(f, b->lift);
		table_csv_pct(f, b->cum_gain);
		table_csv_num(f, b->cum_lift);
		table_csv_end_row(f);
	}
}

static churn_status write_one(const table_dest *d, const char *name, table_writer w,
                              const tables *t, churn_err *err)
{
	table_csv f;
	churn_status st = table_csv_open(&f, d, name, err);
	if (st != CHURN_OK)
		return st;
	w(&f, t);
	return table_csv_close(&f, err);
}

churn_status model_write_tables(const table_dest *d, const design *dl,
                                const logit_result *lr, const validate_summary *q,
                                const design *dc, const cox_result *cr, churn_err *err)
{
	tables t = {dl, dc, lr, q, cr};
	churn_status st = CHURN_OK;

	if (d == NULL)
		return churn_err_set(err, CHURN_EUSAGE, "model tables: no destination");
	if (lr != NULL && dl != NULL)
		st = write_one(d, "coefficients.csv", write_logit_coef, &t, err);
	if (st == CHURN_OK && q != NULL && !q->deciles_left_out)
		st = write_one(d, "calibration.csv", write_calibration, &t, err);
	if (st == CHURN_OK && q != NULL && q->have_cv_calib)
		st = write_one(d, "cv_calibration.csv", write_cv_calibration, &t, err);
	if (st == CHURN_OK && q != NULL && !q->deciles_left_out)
		st = write_one(d, "lift.csv", write_lift, &t, err);
	if (st == CHURN_OK && cr != NULL && dc != NULL)
		st = write_one(d, "cox_coefficients.csv", write_cox_coef, &t, err);
	return st;
}
