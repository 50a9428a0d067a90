/* findings_json.c - the findings in the report's JSON; see
 * include/churnkit/findings_json.h. */
#include "churnkit/findings_json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "churnkit/jsonout.h"

/* A segment's observed rates of its two levels (the faster first), as
 * "rates", and the column as "column" ("subject" marks drivers). */
static void findings_json_rates(json_object *o, const finding *x)
{
	json_object *rates = json_object_new_array();
	for (int g = 0; g < 2; g++)
		json_object_array_add(rates, json_num(x->rate[g]));
	json_object_object_add(o, "column", json_object_new_string(x->subject));
	json_object_object_add(o, "rates", rates);
}

/* A driver's "subject", "reversed", "rates" and "predicted" (docs/findings.md). */
static void findings_json_driver(json_object *o, const finding *x)
{
	json_object *rates = json_object_new_array(), *pred = json_object_new_array();
	for (int g = 0; g < 2; g++) {
		json_object_array_add(rates, json_num(x->rate[g]));
		json_object_array_add(pred, json_num(x->predicted[g]));
	}
	json_object_object_add(o, "subject", json_object_new_string(x->subject));
	json_object_object_add(o, "reversed", json_object_new_boolean(x->reversed));
	json_object_object_add(o, "rates", rates);
	json_object_object_add(o, "predicted", pred);
}

/* The finding's "kind" (docs/findings.md, "Outputs"). */
static const char *kind_name(finding_kind k)
{
	switch (k) {
	case FINDING_SEGMENT: return "segment";
	case FINDING_DRIVER: return "driver";
	case FINDING_PERIOD: return "period";
	case FINDING_EARLY: return "early";
	case FINDING_REVENUE: return "revenue";
	case FINDING_REASON: return "reason";
	}
	return "other";
}

/* A churn reason's "reason" (its raw name; null for unknown), "shares"
 * (of the customers at the start of the reporting period, then of the
 * previous one) and "involuntary". */
static void findings_json_reason(json_object *o, const finding *x)
{
	json_object *shares = json_object_new_array();
	for (int g = 0; g < 2; g++)
		json_object_array_add(shares, json_num(x->rate[g]));
	json_object_object_add(o, "reason", x->level ? json_object_new_string(x->level) : NULL);
	json_object_object_add(o, "shares", shares);
	json_object_object_add(o, "involuntary", json_object_new_boolean(x->involuntary));
}

json_object *findings_json(const findings *f)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; f && i < f->n; i++) {
		json_object *o = json_object_new_object();
		const finding *x = &f->item[i];
		json_object_object_add(o, "kind", json_object_new_string(kind_name(x->kind)));
		json_object_object_add(o, "text", json_object_new_string(x->plain ? x->plain
		                                                                   : x->text));
		json_object_object_add(o, "footnote",
		                       json_object_new_string(x->footnote ? x->footnote : ""));
		json_object_object_add(o, "detail", json_object_new_string(x->text));
		json_object_object_add(o, "customers", isfinite(x->customers)
		                                               ? json_num(x->customers) : NULL);
		json_object_object_add(o, "mrr", isfinite(x->mrr) ? json_num(x->mrr) : NULL);
		json_object_object_add(o, "test", json_object_new_string(f->item[i].test_text));
		json_object_object_add(o, "p", isfinite(f->item[i].p)
		                                       ? json_num(f->item[i].p) : NULL);
		json_object_object_add(o, "significant",
		                       json_object_new_boolean(f->item[i].significant));
		if (x->kind == FINDING_DRIVER)
			findings_json_driver(o, x);
		else if (x->kind == FINDING_SEGMENT)
			findings_json_rates(o, x);
		else if (x->kind == FINDING_REASON)
			findings_json_reason(o, x);
		json_object_array_add(a, o);
	}
	return a;
}

json_object *findings_actions_json(const findings *f)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; f && i < f->nactions; i++) {
		const finding_action *x = &f->action[i];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "text", json_object_new_string(x->text));
		json_object_object_add(o, "team", json_object_new_string(x->team));
		json_object_object_add(o, "finding", x->finding == FINDINGS_NO_FINDING ? NULL
		                       : json_object_new_int64((int64_t)x->finding));
		json_object_object_add(o, "customers", isfinite(x->customers)
		                                               ? json_num(x->customers) : NULL);
		json_object_object_add(o, "mrr", isfinite(x->mrr) ? json_num(x->mrr) : NULL);
		json_object_object_add(o, "expected_mrr_loss", isfinite(x->expected_loss)
		                                                       ? json_num(x->expected_loss)
		                                                       : NULL);
		json_object_object_add(o, "mrr_saved", isfinite(x->mrr_saved)
		                                               ? json_num(x->mrr_saved) : NULL);
		json_object_object_add(o, "unscored", isfinite(x->unscored)
		                                              ? json_num(x->unscored) : NULL);
		json_object_object_add(o, "offer_effect", isfinite(f->offer_effect)
		                                                  ? json_num(f->offer_effect) : NULL);
		/* The involuntary-churn action: its targets left in the period. */
		if (x->involuntary) {
			json_object_object_add(o, "involuntary", json_object_new_boolean(1));
			json_object_object_add(o, "period", json_object_new_string(f->reason_period));
			json_object_object_add(o, "churn_share", json_num(x->churn_share));
		}
		json_object_array_add(a, o);
	}
	return a;
}

void findings_text(FILE *out, const findings *f, size_t max)
{
	for (size_t i = 0; f && i < f->n && i < max; i++) {
		const finding *x = &f->item[i];
		fprintf(out, "%zu. %s.", i + 1, x->plain ? x->plain : x->text);
		if ((x->kind == FINDING_SEGMENT || x->kind == FINDING_DRIVER) &&
		    isfinite(x->customers)) {
			fprintf(out, " Concerns %.0f active customers", x->customers);
			if (isfinite(x->mrr))
				fprintf(out, " with %.0f MRR", x->mrr);
			fputc('.', out);
		} else if (x->kind == FINDING_REASON && isfinite(x->customers)) {
			fprintf(out, " Concerns the %.0f customers who left for it in the period",
			        x->customers);
			if (isfinite(x->mrr))
				fprintf(out, ", with %.0f MRR", x->mrr);
			fputc('.', out);
		}
		if (x->footnote && x->footnote[0])
			fprintf(out, " [%s]", x->footnote);
		fputc('\n', out);
	}
}

void findings_actions_text(FILE *out, const findings *f, size_t max)
{
	for (size_t i = 0; f && i < f->nactions && i < max; i++) {
		const finding_action *a = &f->action[i];
		fprintf(out, "%zu. %s (owner: %s)", i + 1, a->text, a->team);
		if (a->involuntary) {
			fprintf(out, ": aims at the next period's failed payments; %.0f customers",
			        a->customers);
			if (isfinite(a->mrr))
				fprintf(out, " with %.0f MRR", a->mrr);
			fprintf(out, " left that way in %s (%.0f%% of its churn)", f->reason_period,
			        100 * a->churn_share);
			if (isfinite(a->mrr_saved))
				fprintf(out, "; keeps %.0f MRR a period at an offer effect of %g",
				        a->mrr_saved, f->offer_effect);
			fputs(".\n", out);
			continue;
		}
		if (isfinite(a->customers))
			fprintf(out, ": %.0f active customers", a->customers);
		if (isfinite(a->mrr))
			fprintf(out, " with %.0f MRR", a->mrr);
		if (isfinite(a->mrr_saved))
			fprintf(out, "; saves %.0f MRR at an offer effect of %g", a->mrr_saved,
			        f->offer_effect);
		if (isfinite(a->mrr_saved) && a->unscored > 0)
			fprintf(out, " (%.0f of the customers are beyond the data, not scored: no "
			        "saving counted for them)", a->unscored);
		fputs(".\n", out);
	}
}
