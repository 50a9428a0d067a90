/* labels.c - the names a report gives columns and levels; see
 * include/churnkit/labels.h. */
#include "churnkit/labels.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *col, *level;   /* level NULL: the column's own label */
	char *text, *origin, *spec;
} label;

struct labelmap {
	label *v;
	size_t n, cap;
};

labelmap *labels_new(void)
{
	return calloc(1, sizeof(labelmap));
}

static void label_clear(label *l)
{
	free(l->col);
	free(l->level);
	free(l->text);
	free(l->origin);
	free(l->spec);
}

void labels_free(labelmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		label_clear(&m->v[i]);
	free(m->v);
	free(m);
}

/* A copy of s[0..len) with the blanks around it stripped. */
static char *strip_dup(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return strndup(s, len);
}

static label *find(const labelmap *m, const char *col, const char *level)
{
	if (m == NULL || col == NULL)
		return NULL;
	for (size_t i = m->n; i-- > 0;) {
		label *l = &m->v[i];
		if (strcmp(l->col, col) != 0)
			continue;
		if (level == NULL ? l->level == NULL : l->level && strcmp(l->level, level) == 0)
			return l;
	}
	return NULL;
}

churn_status labels_add(labelmap *m, const char *spec, const char *origin, churn_err *err)
{
	const char *eq = strchr(spec, '=');
	label l = { 0 };

	if (eq == NULL)
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--label '%s' (%s): write COL=Text or COL:LEVEL=Text", spec,
		                     origin);
	const char *colon = memchr(spec, ':', (size_t)(eq - spec));
	l.col = strip_dup(spec, (size_t)((colon ? colon : eq) - spec));
	l.level = colon ? strip_dup(colon + 1, (size_t)(eq - colon - 1)) : NULL;
	l.text = strip_dup(eq + 1, strlen(eq + 1));
	l.origin = strdup(origin);
	l.spec = strdup(spec);
	if (!l.col || (colon && !l.level) || !l.text || !l.origin || !l.spec) {
		label_clear(&l);
		return churn_err_set(err, CHURN_ENOMEM, "out of memory");
	}
	const char *empty = !*l.col ? "column" : l.level && !*l.level ? "level"
	                    : !*l.text ? "text" : NULL;
	if (empty) {
		label_clear(&l);
		return churn_err_set(err, CHURN_EUSAGE,
		                     "--label '%s' (%s): the %s is empty (write COL=Text or "
		                     "COL:LEVEL=Text)", spec, origin, empty);
	}
	label *old = find(m, l.col, l.level);
	if (old) {           /* the later wins */
		label_clear(old);
		*old = l;
		return CHURN_OK;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 8;
		label *v = realloc(m->v, cap * sizeof *v);
		if (v == NULL) {
			label_clear(&l);
			return churn_err_set(err, CHURN_ENOMEM, "out of memory");
		}
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n++] = l;
	return CHURN_OK;
}

/* 1 when a row of numeric column c holds the number written `level` (as
 * the model writes a number used as a category: table_num_text). */
static int num_level(const table_col *c, size_t nrows, const char *level)
{
	char num[64];
	for (size_t i = 0; i < nrows; i++) {
		if (!isnan(c->num[i]) && strcmp(table_num_text(c->num[i], num, sizeof num), level) == 0)
			return 1;
	}
	return 0;
}

churn_status labels_check(const labelmap *m, const table *t, churn_err *err)
{
	for (size_t i = 0; m && i < m->n; i++) {
		const label *l = &m->v[i];
		const table_col *c = table_find(t, l->col);
		if (c == NULL)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--label '%s' (%s): the input has no column '%s'", l->spec,
			                     l->origin, l->col);
		if (l->level == NULL)
			continue;
		if (c->kind == TABLE_DATE)
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--label '%s' (%s): column '%s' holds dates, so it has no "
			                     "level '%s'", l->spec, l->origin, l->col, l->level);
		if (c->kind == TABLE_CAT ? table_level_index(c, l->level) == TABLE_CODE_NA
		                         : !num_level(c, t->nrows, l->level))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "--label '%s' (%s): column '%s' has no level '%s'", l->spec,
			                     l->origin, l->col, l->level);
	}
	return CHURN_OK;
}

size_t labels_count(const labelmap *m)
{
	return m ? m->n : 0;
}

const char *labels_col(const labelmap *m, const char *col)
{
	const label *l = find(m, col, NULL);
	return l ? l->text : col;
}

const char *labels_level(const labelmap *m, const char *col, const char *level)
{
	const label *l = level ? find(m, col, level) : NULL;
	return l ? l->text : level;
}

char *labels_term(const labelmap *m, const char *term, const char *col, int log_term,
                  char *buf, size_t n)
{
	const char *text = labels_col(m, col);

	if (text == col)               /* no label: the term as given */
		snprintf(buf, n, "%s", term);
	else if (log_term)
		snprintf(buf, n, "log(%s)", text);
	else
		snprintf(buf, n, "%s", text);
	return buf;
}
