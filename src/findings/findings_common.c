/*
 * findings_common.c - what every kind of finding uses (findings_common.h):
 * the wording of ratios and percentages and the candidate list.
 */
#include "churnkit/findings.h"
#include "findings/findings_common.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Number formatting ------------------------------------------------ */

char *findings_format_ratio(double x, char *buf, size_t n)
{
	if (isnan(x))
		snprintf(buf, n, "NA");
	else if (isinf(x))
		snprintf(buf, n, x > 0 ? "Inf" : "-Inf");
	else if (fabs(x) >= 100)
		snprintf(buf, n, "%.0f", x);
	else if (fabs(x) >= 1.05)
		snprintf(buf, n, "%.1f", x);
	else
		snprintf(buf, n, "%.2f", x);
	return buf;
}

/* ---- The candidate list (findings_common.h) ------------------------------ */

char *findings_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

void findings_item_clear(finding *f)
{
	free(f->text);
	free(f->test_text);
	free(f->subject);
}

void findings_list_add(flist *l, finding_kind kind, int significant, char *text,
                       double number, char *test, double p, double strength,
                       const char *subject)
{
	finding f = {.kind = kind, .significant = significant, .text = text,
	             .number = number, .test_text = test, .p = p, .strength = strength,
	             .rate = {NAN, NAN}, .predicted = {NAN, NAN}};

	if (subject != NULL)
		f.subject = findings_strdup(subject);
	if (l->oom || text == NULL || test == NULL || (subject != NULL && f.subject == NULL)) {
		l->oom = 1;
		findings_item_clear(&f);
		return;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		finding *it = realloc(l->item, cap * sizeof *it);
		if (it == NULL) {
			l->oom = 1;
			findings_item_clear(&f);
			return;
		}
		l->item = it;
		l->cap = cap;
	}
	l->item[l->n++] = f;
}
