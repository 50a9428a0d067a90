/* report_input.c - the report's input from the stage runs; see
 * include/churnkit/report_input.h. */
#include "churnkit/report_input.h"

#include <math.h>
#include <string.h>

void report_input_from_runs(const report_settings *set, const report_runs *runs,
                            report_input *in)
{
	const load_result *load = runs->load;
	const surv_run *sv = runs->sv;
	const cohort_run *co = runs->co;
	const model_run *m = runs->m;
	const segment_run *g = runs->g;

	memset(in, 0, sizeof *in);
	in->title = set->title ? set->title : REPORT_TITLE_DEFAULT;
	in->company = set->company;
	in->letter = set->letter;
	in->generated = set->generated;
	memcpy(in->generated_ymdhms, set->generated_ymdhms, sizeof set->generated_ymdhms);
	in->version = set->version;
	in->options = set->options;
	in->noptions = set->noptions;
	in->input_name = set->input_name;
	in->labels = set->labels;
	in->currency = set->currency;
	/* The hash of the bytes the loader parsed (it hashes while reading, so a
	 * pipe or a FIFO is hashed too, and the input is never opened again). */
	in->sha256 = load->sha256;
	in->load = load;
	in->weight_name = runs->map->weight;
	in->customers = load_customer_count(load, runs->map->weight, &in->rows_weight_zero);
	in->as_of = load->as_of;
	in->time_in_days = sv->date_mode;
	in->value_name = runs->map->value;
	in->id_name = runs->map->id;
	if (co) {
		in->kpi = co->kpi;
		in->cohorts = co->ncoh > 0 ? co->coh[0] : NULL;
		in->revenue_history = co->rev != NULL;
		in->cohort_revenue = co->revcoh;
	}
	in->cost_previous = co ? co->kpi->cost_previous : NAN;
	in->revenue_at_risk = sv->revenue_at_risk;
	in->revenue_at_risk_unscored = sv->revenue_at_risk_unscored;
	in->revenue_at_risk_unscored_mrr = sv->revenue_at_risk_unscored_mrr;
	in->revenue_at_risk_note = SURV_RUN_REVENUE_AT_RISK_NOTE;
	in->surv = sv->a;
	in->alpha = sv->alpha;
	in->min_n = (size_t)sv->min_n;
	in->times = sv->times;
	in->ntimes = sv->ntimes;
	if (m) {
		in->dl = m->dl;
		in->lr = m->lr;
		in->q = m->have_q ? &m->q : NULL;
		in->cv_note = m->cv_note[0] ? m->cv_note : NULL;
		in->outcome = m->outcome;
		in->model_sample = m->sample_note[0] ? m->sample_note : NULL;
		in->dc = m->dc;
		in->cr = m->cr;
		in->zph = m->zph;
		in->ph_strat = m->ph_strat;
		in->ph_alpha = m->ph_alpha;
	}
	in->t = load->t;
	if (g) {
		in->sc = runs->sc;
		in->dscore = model_run_score_design(m);
		in->seg = g->r;
		in->horizon_months = g->r->horizon_months;
		in->horizon_assumed = g->horizon_assumed;
		in->risk_definition = g->risk_definition;
		in->risk_horizon = g->risk_horizon;
	}
	in->fd = runs->fd;
	in->model_note = runs->model_note;
	in->model_dropped = runs->m && runs->m->dropped_note[0] ? runs->m->dropped_note : NULL;
	in->time_unit = runs->map->time_unit;
	/* The executive summary's trend and MRR bridge (issue 13). */
	in->ntrend = kpi_trend(in->kpi, &in->trend);
}
