/*
 * findings_common.c - what every kind of finding uses (findings_common.h):
 * the wording of ratios and percentages and the candidate list.
 */
#include "churnkit/findings.h"
#include "churnkit/fmtnum.h"
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
	free(f->plain);
	free(f->footnote);
	free(f->level);
	free(f->level_b);
}

/* ---- Names in sentences (findings.h) ------------------------------------- */

const char *findings_col_name(const labelmap *m, const char *col)
{
	return labels_col(m, col);
}

const char *findings_level_name(const labelmap *m, const char *col, const char *lvl)
{
	return labels_level(m, col, lvl);
}

/* findings_common.h */
int findings_target_side(const finding *x)
{
	/* A segment finding is about the level that churns faster, named
	 * first, even where its observed share is the lower one (newer
	 * customers, less time observed: its sentence says so). */
	if (x->kind == FINDING_SEGMENT)
		return 0;
	return x->rate[1] > x->rate[0] && x->group_b != FINDING_GROUP_NONE;
}

/* findings_common.h */
void findings_plain_pct(double a, double b, char *ba, char *bb, size_t n)
{
	fmtnum_pct(a, 1, ba, n);
	fmtnum_pct(b, 1, bb, n);
	for (int dec = 2; dec <= 3 && a != b && strcmp(ba, bb) == 0; dec++) {
		fmtnum_pct(a, dec, ba, n);
		fmtnum_pct(b, dec, bb, n);
	}
}

/* The sentence without its closing " (test)": the plain default. */
static char *strip_test(const char *text, const char *test)
{
	size_t n = strlen(text), k = strlen(test);
	if (k > 0 && n >= k + 3 && text[n - 1] == ')' && text[n - k - 3] == ' ' &&
	    text[n - k - 2] == '(' && memcmp(text + n - k - 1, test, k) == 0)
		n -= k + 3;
	char *d = malloc(n + 1);
	if (d != NULL) {
		memcpy(d, text, n);
		d[n] = '\0';
	}
	return d;
}

void findings_set_plain(flist *l, char *plain, char *footnote)
{
	finding *f = l->n > 0 ? &l->item[l->n - 1] : NULL;
	if (f == NULL || plain == NULL || footnote == NULL) {
		free(plain);
		free(footnote);
		if (f != NULL)
			l->oom = 1;
		return;
	}
	free(f->plain);
	free(f->footnote);
	f->plain = plain;
	f->footnote = footnote;
}

void findings_list_add(flist *l, finding_kind kind, int significant, char *text,
                       double number, char *test, double p, double strength,
                       const char *subject)
{
	finding f = {.kind = kind, .significant = significant, .text = text,
	             .number = number, .test_text = test, .p = p, .strength = strength,
	             .rate = {NAN, NAN}, .predicted = {NAN, NAN},
	             .customers = NAN, .mrr = NAN, .cut = NAN, .cut_b = NAN,
	             .lowest = NAN};

	if (subject != NULL)
		f.subject = findings_strdup(subject);
	/* Plain words by default: the sentence without its test, which goes to
	 * the footnote; the passes replace both (findings_set_plain). */
	if (text != NULL && test != NULL) {
		f.plain = strip_test(text, test);
		f.footnote = findings_strdup(test);
	}
	if (l->oom || text == NULL || test == NULL || (subject != NULL && f.subject == NULL) ||
	    f.plain == NULL || f.footnote == NULL) {
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
