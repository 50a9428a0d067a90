/*
 * jsonout.h - small helpers over json-c for churnkit's JSON output.
 *
 * Numbers are written with full round-trip precision; a NaN or infinite
 * value becomes JSON null (R's NA).  json_out_write serialises an object to
 * a stream, pretty-printed, with a final newline.  Objects follow json-c's
 * reference counting: the caller owns what a json_* constructor returns.
 */
#ifndef CHURNKIT_JSONOUT_H
#define CHURNKIT_JSONOUT_H

#include <json-c/json.h>
#include <stdio.h>

#include "churnkit/err.h"

/* A number, or NULL (JSON null) when x is not finite. */
json_object *json_num(double x);
/* A string, or NULL (JSON null) when s is NULL. */
json_object *json_str(const char *s);
/* The "tool" object: {"name": "churnkit", "version": version}. */
json_object *json_tool(const char *version);
/* Writes `obj` to `f`; CHURN_EIO on a write error. */
churn_status json_out_write(json_object *obj, FILE *f, churn_err *err);

#endif
