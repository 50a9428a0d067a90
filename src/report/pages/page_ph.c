/* page_ph.c - the plain-words account of the proportional-hazards test and
 * of the scores beyond the data, for the drivers, segments and at-risk
 * pages (docs/proportional-hazards.md). */
#include "churnkit/fmtnum.h"
#include "report/pages/fmt.h"
#include "report/pages/names.h"
#include "report/pages/page.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Appends printf-formatted text to buf (length *len, capacity n); text
 * that does not fit is cut. */
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
	va_list ap;
	if (*len + 1 >= n)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(buf + *len, n - *len, fmt, ap);
	va_end(ap);
	if (k > 0)
		*len += (size_t)k < n - *len ? (size_t)k : n - *len - 1;
}

double page_ph_note(report_page_ctx *c, double y)
{
	const report_input *in = c->in;
	const cox_zph_result *z = in->zph;
	char buf[1600], p[32], list[500], strat[300], rest[300];
	size_t len = 0, ll = 0, ls = 0, lr = 0, nfail = 0, nstrat = 0, nrest = 0;

	if (z == NULL || in->dc == NULL)
		return y;
	list[0] = strat[0] = rest[0] = '\0';
	for (size_t k = 0; k < z->nterms; k++) {
		if (z->df[k] == 0 || !(z->p[k] < in->ph_alpha))
			continue;
		char tn[200];
		const char *name = name_term(in, &in->dc->terms[k], tn, sizeof tn);
		nfail++;
		add(list, sizeof list, &ll, "%s%s", ll ? ", " : "", name);
		add(list, sizeof list, &ll, " (%s)", fmtnum_p_says(z->p[k], in->ph_alpha, p, sizeof p));
		if (in->ph_strat != NULL && in->ph_strat[k]) {
			nstrat++;
			add(strat, sizeof strat, &ls, "%s%s", ls ? " and " : "", name);
		} else {
			nrest++;
			add(rest, sizeof rest, &lr, "%s%s", lr ? ", " : "", name);
		}
	}
	if (nfail == 0) {
		snprintf(buf, sizeof buf, "Proportional hazards (the Cox model behind the churn "
		         "scores; R's cox.zph): no term's effect changes with tenure (global %s), "
		         "so its hazard ratios hold at every tenure.",
		         fmtnum_p_says(z->global_p, in->ph_alpha, p, sizeof p));
		return page_note(c, y, buf);
	}
	add(buf, sizeof buf, &len, "Proportional hazards (the Cox model behind the churn scores; "
	    "R's cox.zph, global %s): %s", fmtnum_p_says(z->global_p, in->ph_alpha, p, sizeof p),
	    nfail > 1 ? "these terms' effects change with tenure, so one hazard ratio does not "
	                "describe them: " : "this term's effect changes with tenure, so one hazard "
	                "ratio does not describe it: ");
	add(buf, sizeof buf, &len, "%s.", list);
	if (nstrat)
		add(buf, sizeof buf, &len, " The scores are computed separately for each group of %s, "
		    "each with its own baseline risk by tenure, so they do not assume %s constant.",
		    strat, nstrat > 1 ? "those effects are" : "its effect is");
	if (nrest)
		add(buf, sizeof buf, &len, " %s cannot be split that way (a number, or groups with "
		    "too few churners): the scores of customers far from the average on %s rest on "
		    "an assumption the data reject.", rest, nrest > 1 ? "them" : "it");
	return page_note(c, y, buf);
}

size_t page_unscored(const report_input *in, size_t cell, size_t *beyond)
{
	const segment_result *s = in->seg;
	size_t none = 0;

	*beyond = 0;
	for (size_t k = 0; s != NULL && in->sc != NULL && k < s->n && k < in->sc->n; k++) {
		if (!isnan(s->customers[k].p) || (cell != SIZE_MAX && s->customers[k].cell != cell))
			continue;
		none++;
		if (in->sc->rows[k].s.beyond)
			(*beyond)++;
	}
	return none;
}

char *page_unscored_why(size_t none, size_t beyond, char *buf, size_t n)
{
	char a[32], b[32];

	fmt_count((double)beyond, a, sizeof a);
	fmt_count((double)(none - beyond), b, sizeof b);
	if (beyond == none)
		snprintf(buf, n, "%s beyond the data", a);
	else if (beyond == 0)
		snprintf(buf, n, "%s with a missing or unseen value", b);
	else
		snprintf(buf, n, "%s beyond the data, %s with a missing or unseen value", a, b);
	return buf;
}

int page_none_scored(const report_input *in, char *buf, size_t n)
{
	char why[120];
	size_t beyond;

	if (in->seg == NULL || in->seg->n == 0)
		return 0;
	size_t none = page_unscored(in, SIZE_MAX, &beyond);
	if (none < in->seg->n)
		return 0;
	snprintf(buf, n, "No active customer has a churn probability (%s)",
	         page_unscored_why(none, beyond, why, sizeof why));
	return 1;
}

double page_beyond_note(report_page_ctx *c, double y)
{
	const report_input *in = c->in;
	char buf[600], a[32];

	if (in->sc == NULL || in->sc->nbeyond == 0)
		return y;
	snprintf(buf, sizeof buf, "%s customer%s beyond the data: their tenure plus the horizon "
	         "passes the last tenure at which at least %zu customers of their group were "
	         "still observed, so no probability is given. They are not ranked and not "
	         "counted in the expected loss.", fmt_count((double)in->sc->nbeyond, a, sizeof a),
	         in->sc->nbeyond == 1 ? " is" : "s are", in->min_n);
	return page_note(c, y, buf);
}
