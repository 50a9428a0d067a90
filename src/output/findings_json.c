/* findings_json.c - the findings in the report's JSON; see
 * include/churnkit/findings_json.h. */
#include "churnkit/findings_json.h"

#include <math.h>

#include "churnkit/jsonout.h"

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

json_object *findings_json(const findings *f)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; f && i < f->n; i++) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "text", json_object_new_string(f->item[i].text));
		json_object_object_add(o, "test", json_object_new_string(f->item[i].test_text));
		json_object_object_add(o, "p", isfinite(f->item[i].p)
		                                       ? json_num(f->item[i].p) : NULL);
		json_object_object_add(o, "significant",
		                       json_object_new_boolean(f->item[i].significant));
		if (f->item[i].kind == FINDING_DRIVER)
			findings_json_driver(o, &f->item[i]);
		json_object_array_add(a, o);
	}
	return a;
}
