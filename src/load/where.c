/*
 * where.c - the --where filters (docs/inputs.md, "Filters"): COL=V1,V2
 * keeps a row whose COL holds one of the values, COL!=V1,V2 one that holds
 * none (a comma inside a value is written \,), each value matched as
 * COL=VALUE flags are (ignoring ASCII case and blanks around).  A row is
 * tested once its fields could be read, before any value of it is checked,
 * and a row left out is counted, never a bad row.  A value no row holds is
 * an error listing what the column holds (flagseen.c), so a typo never
 * filters nothing in silence.
 */
#include "churnkit/fieldread.h"
#include "loader.h"

#include <stdlib.h>
#include <string.h>

/* Splits filter f's clause into its column (returned, new) and values;
 * NULL with ld->st set when malformed or out of memory. */
static char *parse(loader *ld, loader_where *f)
{
	const char *s = f->clause, *eq = strchr(s, '=');
	size_t clen;

	if (eq == NULL || eq == s || (eq == s + 1 && s[0] == '!')) {
		ld->st = churn_err_set(ld->err, CHURN_EUSAGE,
		                       "--where '%s': give COL=V1,V2 (keep rows holding one "
		                       "of the values) or COL!=V1,V2 (leave them out)", s);
		return NULL;
	}
	f->negate = eq[-1] == '!';
	clen = (size_t)(eq - s) - (size_t)f->negate;
	while (clen > 0 && (s[clen - 1] == ' ' || s[clen - 1] == '\t'))
		clen--;
	while (clen > 0 && (*s == ' ' || *s == '\t'))
		s++, clen--;
	size_t n = 1;
	for (const char *p = eq + 1; *p; p++)
		n += *p == ',';
	char *col = strndup(s, clen);
	f->text = strdup(eq + 1);
	f->values = calloc(n, sizeof *f->values);
	f->matched = calloc(n, sizeof *f->matched);
	if (col == NULL || f->text == NULL || f->values == NULL || f->matched == NULL) {
		free(col);
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return NULL;
	}
	/* Split at the commas not escaped; "\," is a comma in a value and
	 * "\\" a backslash (docs/inputs.md, "Filters"), unescaped in place. */
	char *out = f->text;
	f->values[f->nvalues++] = out;
	for (const char *p = f->text; *p; p++) {
		if (*p == '\\' && (p[1] == ',' || p[1] == '\\'))
			*out++ = *++p;
		else if (*p == ',') {
			*out++ = '\0';
			f->values[f->nvalues++] = out;
		} else
			*out++ = *p;
	}
	*out = '\0';
	return col;
}

void loader_where_bind(loader *ld)
{
	const load_map *m = ld->map;
	if (m->nwhere == 0)
		return;
	if ((ld->where = calloc(m->nwhere, sizeof *ld->where)) == NULL) {
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return;
	}
	for (size_t w = 0; w < m->nwhere; w++) {
		loader_where *f = &ld->where[w];
		f->clause = m->where[w];
		f->col = -1;
		char *col = parse(ld, f);
		if (col == NULL)
			return;
		for (size_t j = 0; j < ld->nfields && f->col < 0; j++)
			if (strcmp(ld->cols[j].name, col) == 0)
				f->col = (long)j;
		if (f->col < 0)
			ld->st = churn_err_set(ld->err, CHURN_EUSAGE,
			                       "--where '%s': no column '%s' in %s", f->clause,
			                       col, ld->name);
		free(col);
		if (f->col < 0)
			return;
	}
}

int loader_where_keep(loader *ld)
{
	int keep = 1;
	for (size_t w = 0; w < ld->map->nwhere; w++) {
		loader_where *f = &ld->where[w];
		const char *s = loader_field(ld, (size_t)f->col);
		size_t len = ld->rec.len[f->col];
		int any = 0;
		for (size_t k = 0; k < f->nvalues; k++)
			if (fieldread_same_word(s, len, f->values[k])) {
				f->matched[k]++;
				any = 1;
			}
		if (!loader_seen_count(&f->seen, s, len, any)) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return 0;
		}
		if (any == f->negate)
			keep = 0;
	}
	if (!keep)
		ld->res->rows_filtered++;
	return keep;
}

churn_status loader_where_check(loader *ld)
{
	for (size_t w = 0; w < ld->map->nwhere; w++) {
		const loader_where *f = &ld->where[w];
		for (size_t k = 0; k < f->nvalues; k++) {
			if (f->matched[k] > 0)
				continue;
			char list[400];
			loader_seen_list(&f->seen, list, sizeof list);
			return churn_err_set(ld->err, CHURN_EUSAGE,
			                     "--where '%s': no row of %s holds '%s' in column '%s' "
			                     "(case and blanks around are ignored); it holds %s",
			                     f->clause, ld->name, f->values[k],
			                     ld->cols[f->col].name, list[0] ? list : "no value");
		}
	}
	return CHURN_OK;
}

void loader_where_free(loader *ld)
{
	if (ld->where == NULL)
		return;
	for (size_t w = 0; w < ld->map->nwhere; w++) {
		loader_where *f = &ld->where[w];
		free(f->text);
		free(f->values);
		free(f->matched);
		intern_free(f->seen.in);
		free(f->seen.count);
	}
	free(ld->where);
	ld->where = NULL;
}
