/*
 * flagseen.c - the values of a --event or --outcome COL=VALUE column, so
 * that a VALUE matching no row is an error that lists what the column
 * holds (a churn flag written "Yes" asked for as "churned" would otherwise
 * count nobody as churned, in silence).
 */
#include "churnkit/fieldread.h"
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Values listed in the error at most. */
#define SEEN_LIST 10

int loader_seen_add(loader *ld, int which, const char *s, size_t len, int matched)
{
	if (loader_seen_count(&ld->seen[which], s, len, matched))
		return 1;
	ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
	return 0;
}

int loader_seen_count(loader_seen *v, const char *s, size_t len, int matched)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (v->in == NULL && (v->in = intern_new()) == NULL)
		return 0;
	uint32_t k = intern_add(v->in, s, len, NULL);
	if (k == UINT32_MAX)
		return 0;
	if (k >= v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		long *c = realloc(v->count, cap * sizeof *c);
		if (c == NULL)
			return 0;
		memset(c + v->cap, 0, (cap - v->cap) * sizeof *c);
		v->count = c;
		v->cap = cap;
	}
	v->count[k]++;
	v->matched += matched != 0;
	return 1;
}

void loader_seen_list(const loader_seen *v, char *list, size_t size)
{
	size_t used = 0, n = v->in != NULL ? intern_count(v->in) : 0;
	list[0] = '\0';
	for (size_t k = 0; k < n && k < SEEN_LIST; k++) {
		const char *s = intern_string(v->in, (uint32_t)k);
		size_t len = strlen(s);
		int r = snprintf(list + used, size - used, "%s'%.*s' (%ld)",
		                 k ? ", " : "", loader_quote_len(s, len), s, v->count[k]);
		if (r < 0 || (size_t)r >= size - used)
			break;
		used += (size_t)r;
	}
	if (n > SEEN_LIST && used + 32 < size)
		snprintf(list + used, size - used, " and %zu more", n - SEEN_LIST);
}

churn_status loader_seen_check(loader *ld)
{
	static const char *const opt[2] = {"--event", "--outcome"};
	const load_map *m = ld->map;
	const char *col[2] = {m->event, m->outcome};
	const char *want[2] = {m->event_value, m->outcome_value};

	for (int w = 0; w < 2; w++) {
		const loader_seen *v = &ld->seen[w];
		if (v->in == NULL || v->matched > 0)
			continue;
		char list[400];
		loader_seen_list(v, list, sizeof list);
		return churn_err_set(ld->err, CHURN_EUSAGE,
		                     "%s %s=%s: no row of %s holds '%s' (case and blanks "
		                     "around are ignored); column '%s' holds %s", opt[w],
		                     col[w], want[w], ld->name, want[w], col[w], list);
	}
	return CHURN_OK;
}

void loader_seen_free(loader *ld)
{
	for (int w = 0; w < 2; w++) {
		intern_free(ld->seen[w].in);
		free(ld->seen[w].count);
		memset(&ld->seen[w], 0, sizeof ld->seen[w]);
	}
}
