/* jsonout.c - see include/churnkit/jsonout.h. */
#include "churnkit/jsonout.h"
#include "churnkit/num.h"

#include <math.h>
#include <string.h>

json_object *json_num(double x)
{
	if (!isfinite(x))
		return NULL;
	/* Whole numbers print as integers; others with the fewest digits that
	 * read back to the same double (json-c's own %.17g prints 0.1 as
	 * 0.10000000000000001). */
	char buf[32];
	if (x == floor(x) && fabs(x) < 9007199254740992.0)
		return json_object_new_int64((int64_t)x);
	return json_object_new_double_s(x, num_format_shortest(x, buf));
}

json_object *json_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

json_object *json_tool(const char *version)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "name", json_object_new_string("churnkit"));
	json_object_object_add(o, "version", json_object_new_string(version));
	return o;
}

churn_status json_out_write(json_object *obj, FILE *f, churn_err *err)
{
	const char *s = json_object_to_json_string_ext(
		obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		     JSON_C_TO_STRING_NOSLASHESCAPE);
	if (s == NULL)
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	if (fputs(s, f) == EOF || fputc('\n', f) == EOF)
		return churn_err_set(err, CHURN_EIO, "cannot write the JSON output");
	return CHURN_OK;
}
