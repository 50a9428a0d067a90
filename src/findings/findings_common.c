/*
 * findings_common.c - what every kind of finding uses (findings_common.h):
 * the wording of p-values, ratios and percentages, the growing string the
 * sentences are written into, and the candidate list.
 */
#include "churnkit/findings.h"
#include "findings/findings_common.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Number formatting ------------------------------------------------ */

char *findings_format_p(double p, double alpha, char *buf, size_t n)
{
	char num[32];
	int guard = alpha > 0 && alpha < 1;

	if (isnan(p)) {
		snprintf(buf, n, "p = NA");
		return buf;
	}
	if (p < 0.001) {
		snprintf(buf, n, "p < 0.001");
		return buf;
	}
	if (p >= 0.995) {
		snprintf(buf, n, "p > 0.99");
		return buf;
	}
	if (p < 0.01)
		snprintf(num, sizeof num, "%.3f", p);
	else
		snprintf(num, sizeof num, "%.2g", p);
	/* Rounding must not turn a p below alpha into one that reads as alpha
	 * or above ("p = 0.05" for 0.0496 at alpha 0.05). */
	if (guard && p < alpha && strtod(num, NULL) >= alpha)
		snprintf(buf, n, "p < %g", alpha);
	else
		snprintf(buf, n, "p = %s", num);
	return buf;
}

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

/* findings_common.h */
const char *findings_pct(char *buf, size_t n, double x)
{
	double v = 100 * x;
	if (fabs(v) < 1 && v != 0)
		snprintf(buf, n, "%.2g%%", v);
	else if (fabs(v) < 9.95)
		snprintf(buf, n, "%.1f%%", v);
	else
		snprintf(buf, n, "%.0f%%", v);
	return buf;
}

/* A retention percentage, one decimal always ("99.6%"). */
/* ---- Growing strings and the candidate list (findings_common.h) -------- */

void findings_sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (b->oom)
		return;
	va_start(ap, fmt);
	k = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = 1;
		return;
	}
	if (b->s == NULL || b->len + (size_t)k + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;
		while (cap < b->len + (size_t)k + 1)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (s == NULL) {
			b->oom = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)k;
}

char *findings_sb_take(sbuf *b)
{
	char *s = b->oom ? NULL : b->s;
	if (b->oom)
		free(b->s);
	if (s == NULL && !b->oom)
		s = calloc(1, 1);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
	return s;
}

void findings_sb_reset(sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

size_t findings_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

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
