/*
 * loadrow.c - what a record means: the header and its column roles, the
 * validation of each data row, and the typed columns the good rows fill.
 * A row is validated whole before anything of it is stored, so a bad row
 * leaves no trace (no interned id, no category level) in the table.
 */
#include "churnkit/date.h"
#include "churnkit/num.h"
#include "loader.h"

#include <csv.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *field(const loader *ld, size_t k) { return ld->buf + ld->off[k]; }

void loader_reject(loader *ld, long col, load_reason reason, const char *fmt, ...)
{
	load_result *r = ld->res;
	char msg[sizeof r->rejects[0].msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Field text quoted in a message stays on one line. */
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : '?';
	r->rows_rejected++;
	r->by_reason[reason]++;
	if (r->nrejects_kept < LOAD_KEEP_REJECTS) {
		load_reject *j = &r->rejects[r->nrejects_kept++];
		j->line = ld->line_no;
		j->col = col;
		j->reason = reason;
		memcpy(j->msg, msg, sizeof msg);
	}
	FILE *out = ld->opts->rejects;
	if (out != NULL) {
		fprintf(out, "%ld,%ld,", ld->line_no, col);
		csv_fwrite(out, load_reason_name(reason), strlen(load_reason_name(reason)));
		fputc(',', out);
		csv_fwrite(out, msg, strlen(msg));
		for (size_t k = 0; k < ld->nf; k++) {
			fputc(',', out);
			csv_fwrite(out, field(ld, k), ld->len[k]);
		}
		fputc('\n', out);
	}
}

static void write_rejects_header(loader *ld)
{
	FILE *out = ld->opts->rejects;
	if (out == NULL)
		return;
	fputs("line,column,reason,message", out);
	for (size_t j = 0; j < ld->nfields; j++) {
		fputc(',', out);
		csv_fwrite(out, ld->cols[j].name, strlen(ld->cols[j].name));
	}
	fputc('\n', out);
}

/* The option that gives a role, for messages. */
static const char *role_option(load_role r)
{
	static const char *const opts[] = {
		[ROLE_AUTO] = "no option", [ROLE_ID] = "--id", [ROLE_START] = "--start",
		[ROLE_END] = "--end", [ROLE_ENTRY] = "--entry", [ROLE_DURATION] = "--duration",
		[ROLE_EVENT] = "--event", [ROLE_OUTCOME] = "--outcome", [ROLE_VALUE] = "--value",
		[ROLE_WEIGHT] = "--weight", [ROLE_CAT] = "--by/--categorical",
	};
	return opts[r];
}

/* 1 when --event and --outcome read their flag the same way. */
static int same_flag_rule(const load_map *m)
{
	if (m->event_value == NULL || m->outcome_value == NULL)
		return m->event_value == m->outcome_value;
	return strcmp(m->event_value, m->outcome_value) == 0;
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
			strcpy(list + sizeof list - 4, "...");
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
		return TABLE_NUM;
	case ROLE_AUTO:
		return TABLE_NUM;  /* until a value that is not a number shows up */
	default:
		return TABLE_CAT;
	}
}

static void read_header(loader *ld)
{
	const load_map *m = ld->map;

	ld->nfields = ld->nf;
	for (size_t r = 0; r <= ROLE_CAT; r++)
		ld->role_col[r] = -1;
	ld->cols = calloc(ld->nf, sizeof *ld->cols);
	if (ld->cols == NULL) {
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return;
	}
	for (size_t j = 0; j < ld->nf; j++) {
		char vname[32];
		const char *nm = field(ld, j);
		if (ld->len[j] == 0 || num_is_blank(nm, ld->len[j])) {
			snprintf(vname, sizeof vname, "V%zu", j + 1);
			nm = vname;
		}
		for (size_t i = 0; i < j; i++)
			if (strcmp(ld->cols[i].name, nm) == 0) {
				ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, ld->line_no,
				                      (long)j + 1,
				                      "column name '%s' appears twice (fields %zu and %zu)",
				                      nm, i + 1, j + 1);
				return;
			}
		ld->cols[j].name = strdup(nm);
		if (ld->cols[j].name == NULL) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return;
		}
	}
	if (!assign(ld, m->id, ROLE_ID, "--id") ||
	    !assign(ld, m->start, ROLE_START, "--start") ||
	    !assign(ld, m->end, ROLE_END, "--end") ||
	    !assign(ld, m->entry, ROLE_ENTRY, "--entry") ||
	    !assign(ld, m->duration, ROLE_DURATION, "--duration") ||
	    !assign(ld, m->event, ROLE_EVENT, "--event") ||
	    !assign(ld, m->outcome, ROLE_OUTCOME, "--outcome") ||
	    !assign(ld, m->value, ROLE_VALUE, "--value") ||
	    !assign(ld, m->weight, ROLE_WEIGHT, "--weight"))
		return;
	for (size_t k = 0; k < m->nby; k++)
		if (!assign(ld, m->by[k], ROLE_CAT, "--by"))
			return;
	for (size_t k = 0; k < m->ncategorical; k++)
		if (!assign(ld, m->categorical[k], ROLE_CAT, "--categorical"))
			return;
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		c->kind = kind_of(ld, c->role);
		if (c->kind == TABLE_CAT && (c->in = intern_new()) == NULL) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return;
		}
	}
	ld->res->date_mode = m->start != NULL;
	ld->res->duration_mode = m->duration != NULL;
	ld->have_header = 1;
	write_rejects_header(ld);
}

static int grow(loader *ld)
{
	size_t cap = ld->cap ? ld->cap * 2 : 1024;
	long *line = realloc(ld->line, cap * sizeof *line);
	if (line == NULL)
		return 0;
	ld->line = line;
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		if (c->kind == TABLE_NUM) {
			double *v = realloc(c->num, cap * sizeof *v);
			if (v == NULL)
				return 0;
			c->num = v;
		} else if (c->kind == TABLE_DATE) {
			int32_t *v = realloc(c->date, cap * sizeof *v);
			if (v == NULL)
				return 0;
			c->date = v;
		} else {
			uint32_t *v = realloc(c->codes, cap * sizeof *v);
			if (v == NULL)
				return 0;
			c->codes = v;
		}
	}
	ld->cap = cap;
	return 1;
}

/* Parses the mapped field j of the current row into tmp_num/tmp_date.
 * Returns 0 (after rejecting the row) when it breaks a rule. */
static int parse_mapped(loader *ld, size_t j)
{
	load_colbuild *c = &ld->cols[j];
	const char *s = field(ld, j);
	size_t len = ld->len[j];
	long col = (long)j + 1;
	int blank = num_is_blank(s, len);
	const load_map *m = ld->map;
	const char *fmt = ld->opts->date_format;
	double v;
	int flag;

	switch (c->role) {
	case ROLE_ID:
		if (blank) {
			loader_reject(ld, col, LOAD_BAD_MISSING, "missing id in column '%s'", c->name);
			return 0;
		}
		return 1;
	case ROLE_START:
	case ROLE_END:
	case ROLE_ENTRY:
		if (c->kind == TABLE_DATE) {
			c->tmp_date = TABLE_DATE_NA;
			if (blank) {
				if (c->role == ROLE_START) {
					loader_reject(ld, col, LOAD_BAD_MISSING,
					              "missing start date in column '%s'", c->name);
					return 0;
				}
				return 1;
			}
			if (!date_parse(s, len, fmt, &c->tmp_date)) {
				loader_reject(ld, col, LOAD_BAD_DATE,
				              "'%.60s' in column '%s' is not a date (expected %s)", s,
				              c->name, fmt ? fmt : "yyyy-mm-dd");
				return 0;
			}
			if (ld->opts->has_as_of && c->tmp_date > ld->opts->as_of) {
				char b1[11], b2[11];
				loader_reject(ld, col, LOAD_BAD_FUTURE,
				              "%s in column '%s' is after --as-of %s",
				              date_format(c->tmp_date, b1), c->name,
				              date_format(ld->opts->as_of, b2));
				return 0;
			}
			return 1;
		}
		/* A numeric entry time (duration mode): missing = 0. */
		c->tmp_num = 0;
		if (blank)
			return 1;
		/* fall through */
	case ROLE_DURATION:
	case ROLE_VALUE:
	case ROLE_WEIGHT:
		if (blank) {
			if (c->role == ROLE_VALUE) {
				c->tmp_num = NAN;
				return 1;
			}
			loader_reject(ld, col, LOAD_BAD_MISSING, "missing value in column '%s'",
			              c->name);
			return 0;
		}
		if (!num_parse(s, len, ld->decimal, &v)) {
			loader_reject(ld, col, LOAD_BAD_NUMBER,
			              "'%.60s' in column '%s' is not a number", s, c->name);
			return 0;
		}
		if (v < 0) {
			loader_reject(ld, col, LOAD_BAD_NEGATIVE,
			              "negative value %g in column '%s'", v, c->name);
			return 0;
		}
		if (c->role == ROLE_WEIGHT && (v != floor(v) || v > 1e15)) {
			loader_reject(ld, col, LOAD_BAD_NUMBER,
			              "weight %g in column '%s' is not a whole number", v,
			              c->name);
			return 0;
		}
		c->tmp_num = v;
		return 1;
	case ROLE_EVENT:
	case ROLE_OUTCOME: {
		const char *want = c->role == ROLE_EVENT ? m->event_value : m->outcome_value;
		if (blank) {
			loader_reject(ld, col, LOAD_BAD_MISSING, "missing value in column '%s'",
			              c->name);
			return 0;
		}
		if (want != NULL) {
			size_t a = 0, b = len;
			while (a < b && (s[a] == ' ' || s[a] == '\t'))
				a++;
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			c->tmp_num = strlen(want) == b - a && memcmp(s + a, want, b - a) == 0;
			return 1;
		}
		if (!flag_parse(s, len, &flag)) {
			loader_reject(ld, col, LOAD_BAD_FLAG,
			              "'%.60s' in column '%s' is not a yes/no value "
			              "(say which value means churn: %s %s=VALUE)",
			              s, c->name, c->role == ROLE_EVENT ? "--event" : "--outcome",
			              c->name);
			return 0;
		}
		c->tmp_num = flag;
		return 1;
	}
	default:
		return 1;
	}
}

static const load_colbuild *role_col(const loader *ld, load_role role, size_t *j)
{
	long k = ld->role_col[role];
	if (k < 0)
		return NULL;
	*j = (size_t)k;
	return &ld->cols[k];
}

/* Checks the order of a row's dates (or of entry and duration). */
static int check_order(loader *ld)
{
	size_t js = 0, je = 0, jn = 0, jd = 0;
	const load_colbuild *s = role_col(ld, ROLE_START, &js);
	const load_colbuild *e = role_col(ld, ROLE_END, &je);
	const load_colbuild *n = role_col(ld, ROLE_ENTRY, &jn);
	const load_colbuild *d = role_col(ld, ROLE_DURATION, &jd);
	char b1[11], b2[11];

	if (s && e && e->tmp_date != TABLE_DATE_NA && e->tmp_date < s->tmp_date) {
		loader_reject(ld, (long)je + 1, LOAD_BAD_ORDER,
		              "end date %s in column '%s' is before start date %s",
		              date_format(e->tmp_date, b1), e->name, date_format(s->tmp_date, b2));
		return 0;
	}
	if (n && n->kind == TABLE_DATE && n->tmp_date != TABLE_DATE_NA) {
		if (s && n->tmp_date < s->tmp_date) {
			loader_reject(ld, (long)jn + 1, LOAD_BAD_ORDER,
			              "entry date %s in column '%s' is before start date %s",
			              date_format(n->tmp_date, b1), n->name,
			              date_format(s->tmp_date, b2));
			return 0;
		}
		/* Entry on the end date is a row with no time at risk, which the
		 * analyses leave out and count (as R's Surv makes it NA); entry after
		 * the end is inconsistent data. */
		if (e && e->tmp_date != TABLE_DATE_NA && n->tmp_date > e->tmp_date) {
			loader_reject(ld, (long)jn + 1, LOAD_BAD_ORDER,
			              "entry date %s in column '%s' is after end date %s",
			              date_format(n->tmp_date, b1), n->name,
			              date_format(e->tmp_date, b2));
			return 0;
		}
	}
	if (n && d && n->kind == TABLE_NUM && n->tmp_num > d->tmp_num) {
		loader_reject(ld, (long)jn + 1, LOAD_BAD_ORDER,
		              "entry time %g in column '%s' is after duration %g",
		              n->tmp_num, n->name, d->tmp_num);
		return 0;
	}
	return 1;
}

static void track_date(load_result *r, int32_t d)
{
	if (d == TABLE_DATE_NA)
		return;
	if (r->min_date == TABLE_DATE_NA || d < r->min_date)
		r->min_date = d;
	if (r->max_date == TABLE_DATE_NA || d > r->max_date)
		r->max_date = d;
}

/* Keeps field j's text for an automatic column that is numeric so far, as
 * the entry of good row ld->nrows: a length (7 bits a byte, high bit =
 * more) then the bytes; a blank field as length 0.  An entry left by a row
 * refused after it was written is replaced.  Returns 0 when out of memory. */
static int keep_raw(loader *ld, load_colbuild *c, size_t j)
{
	size_t len = num_is_blank(field(ld, j), ld->len[j]) ? 0 : ld->len[j];
	if (c->raw_rows > ld->nrows) {
		c->rawlen = c->raw_last;
		c->raw_rows--;
	}
	c->raw_last = c->rawlen;
	c->raw_rows++;
	if (c->rawlen + len + 10 > c->rawcap) {
		size_t cap = c->rawcap ? c->rawcap : 4096;
		while (cap < c->rawlen + len + 10)
			cap *= 2;
		char *p = realloc(c->raw, cap);
		if (p == NULL) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return 0;
		}
		c->raw = p;
		c->rawcap = cap;
	}
	for (size_t k = len; ; k >>= 7) {
		c->raw[c->rawlen++] = (char)((k & 0x7F) | (k >= 0x80 ? 0x80 : 0));
		if (k < 0x80)
			break;
	}
	memcpy(c->raw + c->rawlen, field(ld, j), len);
	c->rawlen += len;
	return 1;
}

/* Field j of an automatic column that has been numeric so far, in row i, is
 * not a number: the column turns categorical, and rows 0..i-1 get their
 * levels from the kept text (in row order, so levels stay in first-seen
 * order).  Returns 0 when out of memory. */
static int turn_categorical(loader *ld, load_colbuild *c)
{
	size_t i = ld->nrows, at = 0;
	c->codes = malloc(ld->cap * sizeof *c->codes);
	c->in = intern_new();
	if (c->codes == NULL || c->in == NULL) {
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return 0;
	}
	for (size_t r = 0; r < i; r++) {
		size_t len = 0;
		for (int shift = 0; ; shift += 7) {
			unsigned char b = (unsigned char)c->raw[at++];
			len |= (size_t)(b & 0x7F) << shift;
			if (!(b & 0x80))
				break;
		}
		if (len == 0) {
			c->codes[r] = TABLE_CODE_NA;
			continue;
		}
		c->codes[r] = intern_add(c->in, c->raw + at, len, NULL);
		at += len;
		if (c->codes[r] == UINT32_MAX) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return 0;
		}
	}
	free(c->raw);
	c->raw = NULL;
	c->rawlen = c->rawcap = 0;
	free(c->num);
	c->num = NULL;
	c->kind = TABLE_CAT;
	return 1;
}

static void data_row(loader *ld)
{
	ld->res->rows_read++;
	if (ld->nf != ld->nfields) {
		loader_reject(ld, (long)(ld->nf < ld->nfields ? ld->nf : ld->nfields) + 1,
		              LOAD_BAD_FIELDS, "expected %zu fields, found %zu", ld->nfields,
		              ld->nf);
		return;
	}
	if (ld->nul_field) {
		loader_reject(ld, ld->nul_field, LOAD_BAD_ENCODING,
		              "NUL byte in the field (is this a text file?)");
		return;
	}
	if (ld->bad_utf8_field) {
		loader_reject(ld, ld->bad_utf8_field, LOAD_BAD_ENCODING,
		              "the field is not UTF-8 (a Latin-1 or Windows-1252 file? "
		              "save it as UTF-8)");
		return;
	}
	for (size_t j = 0; j < ld->nfields; j++)
		if (ld->cols[j].role != ROLE_AUTO && ld->cols[j].role != ROLE_CAT &&
		    !parse_mapped(ld, j))
			return;
	if (!check_order(ld))
		return;
	if (ld->nrows == ld->cap && !grow(ld)) {
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return;
	}
	if (ld->id_col >= 0) {
		load_colbuild *c = &ld->cols[ld->id_col];
		size_t j = (size_t)ld->id_col;
		const char *s = field(ld, j);
		size_t len = ld->len[j];
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		int added = 0;
		uint32_t k = intern_add(c->in, s, len, &added);
		if (k == UINT32_MAX) {
			ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			return;
		}
		if (!added) {
			/* Ids are unique among good rows, so code k is row k. */
			loader_reject(ld, (long)j + 1, LOAD_BAD_DUPLICATE,
			              "duplicate id '%.*s' (first on line %ld)",
			              (int)(len < 60 ? len : 60), s, ld->line[k]);
			return;
		}
		c->codes[ld->nrows] = k;
	}
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		size_t i = ld->nrows;
		if ((long)j == ld->id_col)
			continue;
		if (c->kind == TABLE_NUM && c->role == ROLE_AUTO &&
		    num_parse(field(ld, j), ld->len[j], ld->decimal, &c->num[i])) {
			if (!keep_raw(ld, c, j))
				return;
			continue;  /* a number, the common case */
		} else if (c->kind == TABLE_NUM && c->role == ROLE_AUTO &&
		    num_is_blank(field(ld, j), ld->len[j])) {
			c->num[i] = NAN;
			c->nmissing++;
			if (!keep_raw(ld, c, j))
				return;
		} else if (c->kind == TABLE_NUM && c->role != ROLE_AUTO) {
			c->num[i] = c->tmp_num;
			c->nmissing += isnan(c->tmp_num) != 0;
		} else if (c->kind == TABLE_DATE) {
			c->date[i] = c->tmp_date;
			c->nmissing += c->tmp_date == TABLE_DATE_NA;
			track_date(ld->res, c->tmp_date);
		} else if (num_is_blank(field(ld, j), ld->len[j])) {
			c->codes[i] = TABLE_CODE_NA;
			c->nmissing++;
		} else {
			if (c->kind == TABLE_NUM && !turn_categorical(ld, c))
				return;
			c->codes[i] = intern_add(c->in, field(ld, j), ld->len[j], NULL);
			if (c->codes[i] == UINT32_MAX) {
				ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
				return;
			}
		}
	}
	ld->line[ld->nrows++] = ld->line_no;
}

void loader_record(loader *ld)
{
	if (!ld->have_header) {
		if (ld->nul_field) {
			ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, ld->line_no,
			                      ld->nul_field, "NUL byte in the header (is this a text file?)");
			return;
		}
		if (ld->bad_utf8_field) {
			ld->st = churn_err_at(ld->err, CHURN_EDATA, ld->name, ld->line_no,
			                      ld->bad_utf8_field,
			                      "the header is not UTF-8 (a Latin-1 or Windows-1252 "
			                      "file? save it as UTF-8)");
			return;
		}
		read_header(ld);
		return;
	}
	data_row(ld);
}

churn_status loader_finish_table(loader *ld)
{
	table *t = table_new(ld->nrows);
	if (t == NULL || (t->cols = calloc(ld->nfields ? ld->nfields : 1, sizeof *t->cols)) == NULL) {
		table_free(t);
		return churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
	}
	ld->res->t = t;
	t->line = ld->line;
	ld->line = NULL;
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		table_col *tc = &t->cols[t->ncols++];
		tc->name = c->name;
		c->name = NULL;
		tc->kind = c->kind;
		tc->nmissing = c->nmissing;
		if (c->kind == TABLE_NUM) {
			tc->num = c->num;
			c->num = NULL;
		} else if (c->kind == TABLE_DATE) {
			tc->date = c->date;
			c->date = NULL;
		} else {
			tc->codes = c->codes;
			c->codes = NULL;
			tc->nlevels = intern_count(c->in);
			tc->levels = intern_take_strings(c->in);
			if (tc->levels == NULL) {
				tc->nlevels = 0;
				return churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
			}
		}
	}
	return CHURN_OK;
}

void loader_free_cols(loader *ld)
{
	if (ld->cols == NULL)
		return;
	for (size_t j = 0; j < ld->nfields; j++) {
		load_colbuild *c = &ld->cols[j];
		free(c->name);
		free(c->num);
		free(c->date);
		free(c->codes);
		free(c->raw);
		intern_free(c->in);
	}
	free(ld->cols);
	ld->cols = NULL;
}
