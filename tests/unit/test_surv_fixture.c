/* test_surv_fixture.c - the survival fixtures of test_surv_fixture.h, read
 * through fixture.h. */
#include "test_surv_fixture.h"
#include "tap.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tests/fixtures/survival/NAME.EXT, read by fixture.h as a word file. */
static fx_csv *read_words(const char *name, const char *ext)
{
	char rel[256];
	snprintf(rel, sizeof rel, "tests/fixtures/survival/%s.%s", name, ext);
	return fx_words_read(rel);
}

int fx_data_read(const char *name, fx_data *d)
{
	fx_csv *c = read_words(name, "data");
	size_t n = c->nrows, na = n ? n : 1;

	memset(d, 0, sizeof *d);
	d->time = malloc(na * sizeof *d->time);
	d->weight = malloc(na * sizeof *d->weight);
	d->entry = malloc(na * sizeof *d->entry);
	d->event = malloc(na * sizeof *d->event);
	d->g1 = malloc(na * sizeof *d->g1);
	d->g2 = malloc(na * sizeof *d->g2);
	for (size_t r = 0; r < n; r++) {
		if (c->width[r] != 6) {
			diag("%s line %zu: %zu fields, not 6 (time event weight entry g1 g2)",
			     c->path, c->line[r], c->width[r]);
			fx_csv_free(c);
			fx_data_free(d);
			return -1;
		}
		double g1 = fx_wnum(c, r, 4), g2 = fx_wnum(c, r, 5);
		d->time[r] = fx_wnum(c, r, 0);
		d->event[r] = (int)fx_wnum(c, r, 1);
		d->weight[r] = fx_wnum(c, r, 2);
		d->entry[r] = fx_wnum(c, r, 3);
		d->g1[r] = g1 < 0 ? SURV_GROUP_NA : (uint32_t)g1;
		d->g2[r] = g2 < 0 ? SURV_GROUP_NA : (uint32_t)g2;
	}
	d->n = n;
	fx_csv_free(c);
	return 0;
}

void fx_data_free(fx_data *d)
{
	free(d->time);
	free(d->weight);
	free(d->entry);
	free(d->event);
	free(d->g1);
	free(d->g2);
	memset(d, 0, sizeof *d);
}

int fx_expect_read(const char *name, fx_expect *e)
{
	fx_csv *c = read_words(name, "expect");

	memset(e, 0, sizeof *e);
	e->file = c;
	e->line = calloc(c->nrows ? c->nrows : 1, sizeof *e->line);
	for (size_t r = 0; r < c->nrows; r++) {
		fx_line *l = &e->line[r];
		l->tag = c->cells[r][0];
		l->nf = c->width[r] - 1;
		l->field = c->cells[r] + 1;
		l->v = malloc((l->nf ? l->nf : 1) * sizeof *l->v);
		for (size_t k = 0; k < l->nf; k++)
			l->v[k] = fx_wnum(c, r, k + 1);
	}
	e->nlines = c->nrows;
	return 0;
}

void fx_expect_free(fx_expect *e)
{
	for (size_t i = 0; i < e->nlines; i++)
		free(e->line[i].v);
	free(e->line);
	fx_csv_free(e->file);
	memset(e, 0, sizeof *e);
}

int fx_case_read(const fx_expect *e, fx_case *c)
{
	const fx_line *l = fx_find(e, "case", 0, NULL);
	memset(c, 0, sizeof *c);
	if (l == NULL || l->nf < 11) {
		diag("fixture has no case line");
		return -1;
	}
	snprintf(c->name, sizeof c->name, "%s", l->field[0]);
	snprintf(c->data, sizeof c->data, "%s", l->field[1]);
	c->use_weight = (int)l->v[2];
	c->use_entry = (int)l->v[3];
	if (km_conf_parse(l->field[4], &c->km.conf_type) != 0) {
		diag("unknown conf type %s", l->field[4]);
		return -1;
	}
	c->km.conf_level = l->v[5];
	c->nlev[0] = 1;
	c->nlev[1] = (uint32_t)l->v[6];
	c->nlev[2] = (uint32_t)l->v[7];
	c->tau = l->v[8];
	c->month = l->v[9];
	c->thr = l->v[10];
	l = fx_find(e, "times", 0, NULL);
	if (l != NULL)
		for (size_t k = 0; k < l->nf && k < 32; k++)
			c->times[c->ntimes++] = l->v[k];
	return 0;
}

const fx_line *fx_find(const fx_expect *e, const char *tag, size_t nkeys,
                       const double *keys)
{
	for (size_t i = 0; i < e->nlines; i++) {
		const fx_line *l = &e->line[i];
		if (strcmp(l->tag, tag) != 0 || l->nf < nkeys)
			continue;
		size_t k = 0;
		while (k < nkeys && l->v[k] == keys[k])
			k++;
		if (k == nkeys)
			return l;
	}
	return NULL;
}

int fx_setup_case(const fx_case *c, fx_setup *s)
{
	churn_err err;
	memset(s, 0, sizeof *s);
	if (fx_data_read(c->data, &s->data) != 0)
		return -1;
	surv_data d = {
		.n = s->data.n, .time = s->data.time, .event = s->data.event,
		.weight = c->use_weight ? s->data.weight : NULL,
		.entry = c->use_entry ? s->data.entry : NULL,
	};
	if (surv_prep_new(&d, 1, &s->prep, &err) != CHURN_OK) {
		diag("surv_prep_new: %s", err.msg);
		return -1;
	}
	const uint32_t *codes[3] = {NULL, s->data.g1, s->data.g2};
	for (int g = 0; g < 3; g++) {
		if (surv_groups_new(s->prep, codes[g], g == 0 ? 0 : c->nlev[g], &s->g[g],
		                    &err) != CHURN_OK) {
			diag("surv_groups_new: %s", err.msg);
			return -1;
		}
	}
	return 0;
}

void fx_setup_free(fx_setup *s)
{
	for (int g = 0; g < 3; g++)
		surv_groups_free(s->g[g]);
	surv_prep_free(s->prep);
	fx_data_free(&s->data);
}

int fx_close(double got, double want)
{
	if (isnan(want) || isnan(got))
		return isnan(want) && isnan(got);
	if (isinf(want) || isinf(got))
		return got == want;
	if (want == 0)
		return fabs(got) <= FX_ATOL0;
	return fabs(got - want) <= FX_RTOL * fabs(want);
}

int fx_check(const double *got, const double *want, const char *const *names,
             size_t n, const char *fmt, ...)
{
	char desc[512];
	va_list ap;
	int pass = 1;
	va_start(ap, fmt);
	vsnprintf(desc, sizeof desc, fmt, ap);
	va_end(ap);
	for (size_t k = 0; k < n; k++)
		if (!fx_close(got[k], want[k]))
			pass = 0;
	ok(pass, "%s", desc);
	if (!pass)
		for (size_t k = 0; k < n; k++)
			if (!fx_close(got[k], want[k]))
				diag("    %s: got %.17g, R %.17g", names[k], got[k], want[k]);
	return pass;
}
