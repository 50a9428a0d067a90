/*
 * loadrow.c - what a record means: the header and its column roles, and
 * each data row checked whole (field count, encoding, line breaks, the
 * mapped values by rowcheck.c's rules, a unique id) before colbuild.c
 * stores it; bad rows go to reject.c.
 * A row is validated whole before anything of it is stored, so a bad row
 * leaves no trace (no interned id, no category level) in the table.
 */
#include "churnkit/fieldread.h"
#include "churnkit/num.h"
#include "churnkit/utf8.h"
#include "loader.h"

#include <stdlib.h>
#include <string.h>

/* The option that gives a role, for messages. */
static const char *role_option(load_role r)
{
	static const char *const opts[] = {
		[ROLE_AUTO] = "no option", [ROLE_ID] = "--id", [ROLE_START] = "--start",
		[ROLE_END] = "--end", [ROLE_ENTRY] = "--entry", [ROLE_DURATION] = "--duration",
		[ROLE_EVENT] = "--event", [ROLE_OUTCOME] = "--outcome", [ROLE_VALUE] = "--value",
		[ROLE_WEIGHT] = "--weight", [ROLE_INTERVAL] = "--interval",
		[ROLE_INTERVAL_COUNT] = "--interval-count", [ROLE_CAT] = "--by/--categorical",
	};
	return opts[r];
}

/* 1 when --event and --outcome read their flag the same way. */
static int same_flag_rule(const load_map *m)
{
	if (m->event_value == NULL || m->outcome_value == NULL)
		return m->event_value == m->outcome_value;
	return fieldread_same_word(m->event_value, strlen(m->event_value),
	                           m->outcome_value);
}

/* Gives column `name` the role `role`; usage error when absent or taken. */
static int assign(loader *ld, const char *name, load_role role, const char *opt)
{
	if (name == NULL)
		return 1;
	for (size_t j = 0; j < ld->nfields; j++) {
		if (strcmp(ld->cols[j].name, name) != 0)
			continue;
		load_role had = ld->cols[j].role;
		if (had == ROLE_EVENT && role == ROLE_OUTCOME && same_flag_rule(ld->map)) {
			/* One churn flag serves as the survival event and as the
			 * model's outcome (Telco's Churn=Yes for both). */
			ld->role_col[role] = (long)j;
			return 1;
		}
		if (had != ROLE_AUTO && !(had == ROLE_CAT && role == ROLE_CAT)) {
			ld->st = churn_err_set(ld->err, CHURN_EUSAGE,
			                       "column '%s' is given to %s and to %s%s", name,
			                       role_option(had), opt,
			                       had == ROLE_EVENT && role == ROLE_OUTCOME
			                           ? " with different values" : "");
			return 0;
		}
		ld->cols[j].role = role;
		ld->role_col[role] = (long)j;
		if (role == ROLE_ID)
			ld->id_col = (long)j;
		return 1;
	}
	char list[160] = "";
	size_t used = 0;
	for (size_t j = 0; j < ld->nfields && used + 4 < sizeof list; j++) {
		int n = snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "",
		                 ld->cols[j].name);
		if (n < 0 || (size_t)n >= sizeof list - used) {
			/* Cut short at a whole UTF-8 character. */
			strcpy(list + utf8_whole(list, sizeof list - 4), "...");
			break;
		}
		used += (size_t)n;
	}
	ld->st = churn_err_set(ld->err, CHURN_EUSAGE,
	                       "%s %s: no column '%s' in %s (columns: %s)", opt, name,
	                       name, ld->name, list);
	return 0;
}

static table_kind kind_of(const loader *ld, load_role role)
{
	int dur = ld->map->duration != NULL;
	switch (role) {
	case ROLE_START:
	case ROLE_END:
		return TABLE_DATE;
	case ROLE_ENTRY:
		return dur ? TABLE_NUM : TABLE_DATE;
	case ROLE_DURATION:
	case ROLE_EVENT:
	case ROLE_OUTCOME:
	case ROLE_VALUE:
	case ROLE_WEIGHT:
	case ROLE_INTERVAL_COUNT:
		return TABLE_NUM;
	case ROLE_AUTO:
		return TABLE_NUM;  /* until a value that is not a number shows up */
	default:
		return TABLE_CAT;
	}
}

/* The option that names column `nm` (for a message), or NULL when none
 * does: a repeated name no option names is only renamed (read_header). */
static const char *mapped_as(const load_map *m, const char *nm)
{
	const struct {
		const char *col, *opt;
	} one[] = {
		{ m->id, "--id" },         { m->start, "--start" },       { m->end, "--end" },
		{ m->entry, "--entry" },   { m->duration, "--duration" }, { m->event, "--event" },
		{ m->outcome, "--outcome" }, { m->value, "--value" },     { m->weight, "--weight" },
		{ m->interval, "--interval" }, { m->interval_count, "--interval-count" },
		{ m->reason, "--reason" },
	};
	size_t len = strlen(nm);
	for (size_t i = 0; i < sizeof one / sizeof *one; i++)
		if (one[i].col != NULL && strcmp(one[i].col, nm) == 0)
			return one[i].opt;
	for (size_t k = 0; k < m->nby; k++)
		if (strcmp(m->by[k], nm) == 0)
			return "--by";
	for (size_t k = 0; k < m->ncategorical; k++)
		if (strcmp(m->categorical[k], nm) == 0)
			return "--categorical";
	for (size_t k = 0; k < m->nwhere; k++)
		if (strncmp(m->where[k], nm, len) == 0 &&
		    (m->where[k][len] == '=' || (m->where[k][len] == '!' && m->where[k][len + 1] == '=')))
			return "--where";
	return NULL;
}

/* A repeated column name made unique as R's read.csv does: "note" again is
 * "note.1", then "note.2", the first free one (docs/inputs.md).  *next is
 * the name's last suffix tried, so that many repeats of one name cost
 * linear time.  A new string, added to `seen`; NULL when out of memory. */
static char *unique_name(intern *seen, const char *nm, unsigned long *next)
{
	size_t len = strlen(nm) + 24;
	char *s = malloc(len);
	while (s != NULL) {
		unsigned long n = ++*next;
		int added = 0;
		snprintf(s, len, "%s.%lu", nm, n);
		if (intern_add(seen, s, strlen(s), &added) == UINT32_MAX) {
			free(s);
			return NULL;
		}
		if (added)
			return s;
	}
	return NULL;
}

/* Field j's name: its text, or "V" and its number when blank. */
static const char *field_name(const loader *ld, size_t j, char *vname, size_t n)
{
	const char *nm = loader_field(ld, j);
	if (ld->rec.len[j] == 0 || num_is_blank(nm, ld->rec.len[j])) {
		snprintf(vname, n, "V%zu", j + 1);
		nm = vname;
	}
	return nm;
}

/* Names ld->cols from the header (docs/inputs.md): a name's first field
 * keeps it; a repeat that no option names becomes name.1, name.2, ...,
 * avoiding every name of the header, as R's make.unique (read.csv); one
 * that an option names is an error.  A hash set keeps it linear in the
 * header.  Returns 0 with ld->st set on failure. */
static int name_columns(loader *ld, const load_map *m)
{
	intern *seen = intern_new();
	size_t nf = ld->rec.nf;
	/* Per field: the name's intern index, and whether it is its first
	 * field; per index: its first field and the last suffix a repeat took
	 * (renamed names are interned too: at most twice the fields). */
	uint32_t *idx = malloc((nf ? nf : 1) * sizeof *idx);
	unsigned char *first = malloc(nf ? nf : 1);
	size_t *first_field = malloc((2 * nf + 1) * sizeof *first_field);
	unsigned long *suffix = calloc(2 * nf + 1, sizeof *suffix);
	int ok = seen && idx && first && first_field && suffix;
	char vname[32];

	for (size_t j = 0; ok && j < nf; j++) {
		const char *nm = field_name(ld, j, vname, sizeof vname);
		int added = 0;
		idx[j] = intern_add(seen, nm, strlen(nm), &added);
		if (idx[j] == UINT32_MAX) {
			ok = 0;
			break;
		}
		first[j] = (unsigned char)added;
		if (added) {
			first_field[idx[j]] = j;
			continue;
		}
		const char *opt = mapped_as(m, nm);
		if (opt != NULL) {
			size_t q = utf8_cut(nm, strlen(nm), LOADER_QUOTE_MAX);
			ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, ld->line_no, (long)j + 1,
			                      "column name '%.*s' appears twice (fields %zu and %zu) "
			                      "and %s names it: rename one of them", (int)q, nm,
			                      first_field[idx[j]] + 1, j + 1, opt);
			goto done;
		}
	}
	for (size_t j = 0; ok && j < nf; j++) {
		const char *nm = field_name(ld, j, vname, sizeof vname);
		ld->cols[j].name = first[j] ? strdup(nm) : unique_name(seen, nm, &suffix[idx[j]]);
		ok = ld->cols[j].name != NULL;
	}
	if (!ok)
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
done:
	free(idx);
	free(first);
	free(first_field);
	free(suffix);
	intern_free(seen);
	return ld->st == CHURN_OK;
}

static void read_header(loader *ld)
{
	const load_map *m = ld->map;

	ld->nfields = ld->rec.nf;
	for (size_t r = 0; r <= ROLE_CAT; r++)
		ld->role_col[r] = -1;
	ld->reason_col = -1;
	ld->cols = calloc(ld->rec.nf, sizeof *ld->cols);
	if (ld->cols == NULL) {
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return;
	}
	if (!name_columns(ld, m))
		return;
	if (!assign(ld, m->id, ROLE_ID, "--id") ||
	    !assign(ld, m->start, ROLE_START, "--start") ||
	    !assign(ld, m->end, ROLE_END, "--end") ||
	    !assign(ld, m->entry, ROLE_ENTRY, "--entry") ||
	    !assign(ld, m->duration, ROLE_DURATION, "--duration") ||
	    !assign(ld, m->event, ROLE_EVENT, "--event") ||
	    !assign(ld, m->outcome, ROLE_OUTCOME, "--outcome") ||
	    !assign(ld, m->value, ROLE_VALUE, "--value") ||
	    !assign(ld, m->weight, ROLE_WEIGHT, "--weight") ||
	    !assign(ld, m->interval, ROLE_INTERVAL, "--interval") ||
	    !assign(ld, m->interval_count, ROLE_INTERVAL_COUNT, "--interval-count"))
		return;
	for (size_t k = 0; k < m->nby; k++)
		if (!assign(ld, m->by[k], ROLE_CAT, "--by"))
			return;
	for (size_t k = 0; k < m->ncategorical; k++)
		if (!assign(ld, m->categorical[k], ROLE_CAT, "--categorical"))
			return;
	if (m->reason != NULL) {
		/* Read as a --by column is (text levels); assign records it. */
		if (!assign(ld, m->reason, ROLE_CAT, "--reason"))
			return;
		ld->reason_col = ld->role_col[ROLE_CAT];
	}
	loader_where_bind(ld);
	if (ld->st != CHURN_OK)
		return;
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		c->kind = kind_of(ld, c->role);
		if (c->kind == TABLE_CAT && (c->in = intern_new()) == NULL) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return;
		}
	}
	/* One id a row: the id table sized once for the rows expected (a
	 * hint: when the room cannot be had, the table grows as it goes). */
	if (ld->id_col >= 0 && ld->rows_hint > 0)
		(void)intern_reserve(ld->cols[ld->id_col].in, ld->rows_hint);
	ld->res->date_mode = m->start != NULL;
	ld->res->duration_mode = m->duration != NULL;
	ld->have_header = 1;
	loader_write_rejects_header(ld);
}

/* Rejects the row when a mapped column other than a segment holds a line
 * break: no id, date, number or flag spans lines, so the break is a stray
 * quote swallowing the lines after it. */
static int no_line_break(loader *ld)
{
	for (size_t j = 0; j < ld->nfields; j++) {
		const load_colbuild *c = &ld->cols[j];
		long line = ld->line_no;
		if (c->role == ROLE_AUTO || c->role == ROLE_CAT ||
		    loader_line_breaks(loader_field(ld, j), ld->rec.len[j]) == 0)
			continue;
		for (size_t k = 0; k < j; k++)
			line += loader_line_breaks(loader_field(ld, k), ld->rec.len[k]);
		loader_reject_at(ld, line, (long)j + 1, LOAD_BAD_QUOTE,
		                 "the quoted value in column '%s' holds a line break: a quote "
		                 "opened here swallows the next %ld line(s)", c->name,
		                 ld->rec.newlines);
		return 0;
	}
	return 1;
}

/* Rejects the row when a quoted free-text value spans lines and one of the
 * lines it swallowed looks like a whole row of its own: a later line of the
 * value (not the record's first) holding, inside the quotes, at least one
 * delimiter, and with the fields after the value on its last line, at
 * least nfields - 1 delimiters (at least one).  A multi-line note rarely holds a
 * row's worth of delimiters on one line; a stray quote that another stray
 * quote closes does, and without this rule the rows between would be
 * merged into one field in silence (docs/inputs.md). */
static int no_swallowed_row(loader *ld)
{
	char delim = ld->res->delimiter;
	size_t need = ld->nfields > 2 ? ld->nfields - 1 : 1;
	long line = ld->line_no;
	for (size_t j = 0; j < ld->nfields; j++) {
		const char *s = loader_field(ld, j), *end = s + ld->rec.len[j], *seg;
		if (loader_next_break(s, end, &seg) == NULL)
			continue;
		long open = line;
		size_t after = ld->nfields - 1 - j; /* delimiters after the value */
		line++;
		while (seg <= end) {
			const char *next;
			const char *e = loader_next_break(seg, end, &next);
			const char *stop = e ? e : end;
			size_t inside = 0;
			for (const char *c = seg; c < stop; c++)
				inside += *c == delim;
			if (inside > 0 && inside + (e ? 0 : after) >= need) {
				loader_reject_at(ld, open, (long)j + 1, LOAD_BAD_QUOTE,
				                 "the quoted value in column '%s' opened here runs on "
				                 "to line %ld, which holds %zu delimiters like a row "
				                 "of its own (a stray quote?): lines %ld-%ld are left "
				                 "out", ld->cols[j].name, line, inside + (e ? 0 : after),
				                 ld->line_no, ld->line_no + ld->rec.newlines);
				return 0;
			}
			if (e == NULL)
				break;
			seg = next;
			line++;
		}
	}
	return 1;
}

/* The current row's id, blanks around trimmed. */
static void id_text(const loader *ld, const char **s, size_t *len)
{
	size_t j = (size_t)ld->id_col;
	const char *p = loader_field(ld, j);
	size_t n = ld->rec.len[j];
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*s = p;
	*len = n;
}

static void data_row(loader *ld)
{
	ld->res->rows_read++;
	ld->res->lines_read += 1 + ld->rec.newlines;
	if (ld->rec.nf != ld->nfields) {
		loader_reject(ld, (long)(ld->rec.nf < ld->nfields ? ld->rec.nf : ld->nfields) + 1,
		              LOAD_BAD_FIELDS, "expected %zu fields, found %zu", ld->nfields,
		              ld->rec.nf);
		return;
	}
	if (ld->rec.nul_field) {
		loader_reject(ld, ld->rec.nul_field, LOAD_BAD_ENCODING,
		              "NUL byte in the field (is this a text file?)");
		return;
	}
	if (ld->rec.bad_utf8_field) {
		size_t j = (size_t)ld->rec.bad_utf8_field - 1;
		if (ld->opts->encoding == NULL &&
		    loader_cp1252_text(loader_field(ld, j), ld->rec.len[j]))
			loader_reject(ld, ld->rec.bad_utf8_field, LOAD_BAD_ENCODING,
			              "the field is not UTF-8 (a Windows-1252 file? say "
			              "--encoding windows-1252, or save it as UTF-8)");
		else
			loader_reject(ld, ld->rec.bad_utf8_field, LOAD_BAD_ENCODING,
			              "the field is not UTF-8 (a Latin-1 or Windows-1252 file? "
			              "save it as UTF-8)");
		return;
	}
	if (ld->rec.newlines > 0 && (!no_line_break(ld) || !no_swallowed_row(ld)))
		return;
	const char *s = NULL;
	size_t len = 0;
	if (ld->id_col >= 0) {
		/* The id's slot loads while the other fields are read. */
		id_text(ld, &s, &len);
		intern_prefetch(ld->cols[ld->id_col].in, s, len);
	}
	/* --where before any value is checked (docs/inputs.md, "Filters"). */
	if (ld->where != NULL && !loader_where_keep(ld))
		return;
	for (size_t j = 0; j < ld->nfields; j++)
		if (ld->cols[j].role != ROLE_AUTO && ld->cols[j].role != ROLE_CAT &&
		    !loader_parse_mapped(ld, j))
			return;
	if (!loader_check_order(ld) || !loader_check_reason(ld) || !loader_scale_value(ld))
		return;
	if (ld->nrows == ld->cap && !loader_grow(ld)) {
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return;
	}
	if (ld->id_col >= 0) {
		load_colbuild *c = &ld->cols[ld->id_col];
		size_t j = (size_t)ld->id_col;
		int added = 0;
		uint32_t k = intern_add(c->in, s, len, &added);
		if (k == UINT32_MAX) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return;
		}
		if (!added && !ld->map->rollup) {
			/* Ids are unique among good rows, so code k is row k. */
			loader_reject(ld, (long)j + 1, LOAD_BAD_DUPLICATE,
			              "duplicate id '%.*s' (first on line %ld; --rollup makes "
			              "rows that share an id one customer)",
			              loader_quote_len(s, len), s, ld->line[k]);
			return;
		}
		c->codes[ld->nrows] = k;
	}
	loader_store_row(ld);
}

void loader_record(loader *ld)
{
	if (!ld->have_header) {
		if (ld->rec.nul_field) {
			ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, ld->line_no,
			                      ld->rec.nul_field, "NUL byte in the header (is this a text file?)");
			return;
		}
		if (ld->rec.bad_utf8_field) {
			size_t j = (size_t)ld->rec.bad_utf8_field - 1;
			int cp = ld->opts->encoding == NULL &&
			         loader_cp1252_text(loader_field(ld, j), ld->rec.len[j]);
			ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, ld->line_no,
			                      ld->rec.bad_utf8_field,
			                      cp ? "the header is not UTF-8 (a Windows-1252 file? "
			                           "say --encoding windows-1252, or save it as UTF-8)"
			                         : "the header is not UTF-8 (a Latin-1 or "
			                           "Windows-1252 file? save it as UTF-8)");
			return;
		}
		if (ld->rec.newlines > 0) {
			/* No column name spans lines: a quote opened in the header
			 * and closed lines later has swallowed data rows into a
			 * name (docs/inputs.md, "Quotes"). */
			long j = 0;
			while (loader_line_breaks(loader_field(ld, (size_t)j), ld->rec.len[j]) == 0)
				j++;
			ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, ld->line_no, j + 1,
			                      "a quoted column name in the header holds %ld line "
			                      "break(s): a stray quote opened here swallows the "
			                      "lines after it", ld->rec.newlines);
			return;
		}
		read_header(ld);
		return;
	}
	data_row(ld);
}

