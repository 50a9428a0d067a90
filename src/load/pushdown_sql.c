/* pushdown_sql.c - the push-down's SQL text; see pushdown_sql.h. */
#include "pushdown_sql.h"

#include "churnkit/load.h"
#include "churnkit/strbuf.h"
#include "churnkit/table.h"

#include <stdio.h>
#include <string.h>

/* A column as trimmed text, NULL when empty:
 * "NULLIF(btrim(format('%s', Q), ' \t'), '')".  format's %s is the type's
 * output function, the text COPY sends the rows' path ('t' for a boolean,
 * 10.0.0.1 for an inet), where a cast to text differs ('true',
 * 10.0.0.1/32). */
static void text_of(strbuf *b, const char *q, const char *as)
{
	strbuf_printf(b, "NULLIF(btrim(format('%%s', %s), E' \\t'), '') AS %s", q, as);
}

/* The day number of the text `v` when it is a yyyy-mm-dd date of the
 * calendar, else NULL.  The pattern checks the month and the day up to
 * 31, the CASE the days of the month (a leap year's February) before the
 * cast, so that no value can make the statement fail. */
static void day_of_text(strbuf *b, const char *v)
{
	strbuf_printf(b,
	              "CASE WHEN %1$s !~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'"
	              " OR substr(%1$s, 1, 4) = '0000' THEN NULL"
	              " WHEN substr(%1$s, 9, 2)::int <= 28 OR substr(%1$s, 9, 2)::int <="
	              " CASE substr(%1$s, 6, 2)::int WHEN 2 THEN 28 + (substr(%1$s, 1, 4)::int %% 4 = 0"
	              " AND (substr(%1$s, 1, 4)::int %% 100 <> 0 OR substr(%1$s, 1, 4)::int %% 400 = 0))::int"
	              " ELSE 30 + (substr(%1$s, 6, 2)::int + substr(%1$s, 6, 2)::int / 8) %% 2 END"
	              " THEN %1$s::date - DATE '1970-01-01' END", v);
}

/* The day number of a date column: parsed from its text `v`, or from
 * the value `raw` of a date type (NULL for infinity, which the loader
 * cannot read either). */
static void day_of(strbuf *b, pd_kind kind, const char *v, const char *raw)
{
	static const char *const as_date[] = {
		[PD_DATE] = "%s", [PD_TIMESTAMP] = "%s::date",
		[PD_TIMESTAMPTZ] = "(%s AT TIME ZONE 'UTC')::date",
	};
	if (kind == PD_TEXT) {
		day_of_text(b, v);
		return;
	}
	strbuf_printf(b, "CASE WHEN isfinite(%s) THEN ", raw);
	strbuf_printf(b, as_date[kind], raw);
	strbuf_printf(b, " - DATE '1970-01-01' END");
}

/* "WITH r AS (SELECT ... FROM (from) AS src)": the rows as text (and a
 * date column of a date type as it is: s0, e0). */
static void text_cte(strbuf *b, const pd_cols *c)
{
	char as[32];

	strbuf_printf(b, "WITH r AS (SELECT ");
	if (c->id)
		text_of(b, c->id, "id");
	else
		strbuf_printf(b, "NULL::text AS id");
	strbuf_printf(b, ", ");
	text_of(b, c->start, "s");
	strbuf_printf(b, ", ");
	if (c->end)
		text_of(b, c->end, "e");
	else
		strbuf_printf(b, "NULL::text AS e");
	for (size_t k = 0; k < c->nby; k++) {
		snprintf(as, sizeof as, "b%zu", k);
		strbuf_printf(b, ", ");
		text_of(b, c->by[k], as);
	}
	if (c->value) {
		strbuf_printf(b, ", ");
		text_of(b, c->value, "val");
	}
	if (c->start_kind != PD_TEXT)
		strbuf_printf(b, ", %s AS s0", c->start);
	if (c->end && c->end_kind != PD_TEXT)
		strbuf_printf(b, ", %s AS e0", c->end);
	for (size_t k = 0; k < c->nextra; k++)
		strbuf_printf(b, ", format('%%s', %s) AS x%zu", c->extra[k], k);
	strbuf_printf(b, " FROM (%s) AS src)", c->from);
}

void pd_sql_finite(strbuf *b, const char *x)
{
	strbuf_printf(b, "CASE WHEN %1$s ~ '[eE][-+]?[0-9]{5,}$' THEN false"
	              " ELSE abs(%1$s::numeric) < " PDM_OVERFLOW " END", x);
}

/* The --value's number (numeric) of the trimmed text val when it is a
 * plain number that strtod reads finite (pd_sql_finite), else NULL. */
static void value_of(strbuf *b)
{
	/* nested CASEs: the order of an AND's terms is not the evaluation's */
	strbuf_printf(b, "CASE WHEN btrim(val, " PDM_BLANKS ") ~ " PDM_NUMBER " THEN CASE WHEN ");
	pd_sql_finite(b, "btrim(val, " PDM_BLANKS ")");
	strbuf_printf(b, " THEN btrim(val, " PDM_BLANKS ")::numeric END END");
}

/* "WHEN <text date col> reads as another form to the loader THEN code":
 * a value whose day did not read in the shape of a form the loader reads
 * (docs/inputs.md): an ISO datetime, a spreadsheet form (day, month and
 * year with . / or -, or year/month/day), epoch seconds or milliseconds.
 * 2024-04-31 and 2024-3-1 are bad dates, as to the loader. */
static void other_form(strbuf *b, pd_kind kind, const char *v, const char *d, int code)
{
	if (kind != PD_TEXT)
		return;
	strbuf_printf(b, " WHEN %1$s IS NULL AND (%2$s ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]'"
	              " OR %2$s ~ '^[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4}( |$)'"
	              " OR %2$s ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}( |$)'"
	              " OR %2$s ~ '^-?[0-9]{9,14}([.][0-9]*)?$') THEN %3$d", d, v, code);
}

/* text_cte, then ", q AS (...), p AS (...) ": the dates and each row's
 * first broken rule (pushdown_sql.h). */
void pd_sql_rows(strbuf *b, const pd_cols *c)
{
	char de[40];

	text_cte(b, c);
	/* Each value is computed once: unnest in a LATERAL join is a function
	 * scan, which the planner does not fold into the expressions that use
	 * its columns (a plain subquery would be, repeating the CASE). */
	strbuf_printf(b, ", q AS (SELECT r.*, v.* FROM r CROSS JOIN LATERAL unnest(ARRAY[");
	day_of(b, c->start_kind, "s", "s0");
	strbuf_printf(b, "], ARRAY[");
	day_of(b, c->end ? c->end_kind : PD_TEXT, "e", "e0");
	if (c->value) {
		strbuf_printf(b, "], ARRAY[");
		value_of(b);
	}
	strbuf_printf(b, "]) AS v(ds, de0%s)), p AS", c->value ? ", vn" : "");
	strbuf_printf(b, " (SELECT q.*, w.de, w.bad FROM q CROSS JOIN "
	              "LATERAL unnest(ARRAY[");
	/* de: the end date, none when it is --open-end's */
	if (c->open_end != TABLE_DATE_NA)
		snprintf(de, sizeof de, "NULLIF(de0, %ld)", (long)c->open_end);
	else
		snprintf(de, sizeof de, "de0");
	strbuf_printf(b, "%s], ARRAY[CASE WHEN %s s IS NULL THEN %d", de,
	              c->id ? "id IS NULL OR" : "", LOAD_BAD_MISSING);
	other_form(b, c->start_kind, "s", "ds", PD_FORM_START);
	if (c->end)
		other_form(b, c->end_kind, "e", "de0", PD_FORM_END);
	strbuf_printf(b, " WHEN ds IS NULL OR (e IS NOT NULL AND de0 IS NULL) THEN %d",
	              LOAD_BAD_DATE);
	strbuf_printf(b, " WHEN ds NOT BETWEEN %ld AND %ld OR %s NOT BETWEEN %ld AND %ld"
	              " THEN %d", (long)c->date_min, (long)c->date_max, de, (long)c->date_min,
	              (long)c->date_max, LOAD_BAD_RANGE);
	strbuf_printf(b, " WHEN %s < ds THEN %d", de, LOAD_BAD_ORDER);
	if (c->has_as_of)
		strbuf_printf(b, " WHEN ds > %ld OR %s > %ld THEN %d", (long)c->as_of, de,
		              (long)c->as_of, LOAD_BAD_FUTURE);
	/* --value as rowcheck.c checks it: a number, within the bound, not
	 * negative (blank: missing); one with a currency or separators is
	 * not judged here (PD_FORM_VALUE). */
	if (c->value)
		strbuf_printf(b, " WHEN val IS NOT NULL AND vn IS NULL AND val ~ " PDM_NUMBERISH
		              " THEN %d WHEN val IS NOT NULL AND vn IS NULL THEN %d"
		              " WHEN abs(vn) > %.0f THEN %d WHEN vn < 0 THEN %d", PD_FORM_VALUE,
		              LOAD_BAD_NUMBER, LOAD_MAX_MAGNITUDE, LOAD_BAD_MAGNITUDE,
		              LOAD_BAD_NEGATIVE);
	/* A line break in the id or a date, not in a --by level (a segment's
	 * text may span lines: loadrow.c, no_line_break). */
	strbuf_printf(b, " WHEN concat_ws(' ', id, s, e");
	strbuf_printf(b, ") ~ '[\\r\\n]' THEN %d ELSE NULL END]) AS w(de, bad)) ",
	              LOAD_BAD_QUOTE);
}

void pd_sql_rows_good(strbuf *b, const pd_cols *c)
{
	text_cte(b, c);
	/* Every row passed pd_sql_rows' checks in this snapshot: a text date is
	 * a yyyy-mm-dd date of the calendar, cast as it is. */
	strbuf_printf(b, ", p AS (SELECT r.*, ");
	if (c->start_kind == PD_TEXT)
		strbuf_printf(b, "s::date - DATE '1970-01-01'");
	else
		day_of(b, c->start_kind, "s", "s0");
	strbuf_printf(b, " AS ds, ");
	if (c->open_end != TABLE_DATE_NA)
		strbuf_printf(b, "NULLIF(");
	if (c->end == NULL)
		strbuf_printf(b, "NULL::int");
	else if (c->end_kind == PD_TEXT)
		strbuf_printf(b, "e::date - DATE '1970-01-01'");
	else
		day_of(b, c->end_kind, "e", "e0");
	if (c->open_end != TABLE_DATE_NA)
		strbuf_printf(b, ", %ld)", (long)c->open_end);
	strbuf_printf(b, " AS de FROM r) ");
}

char *pd_sql_types(const pd_cols *c)
{
	strbuf b = STRBUF_INIT;

	strbuf_printf(&b, "SELECT %s, %s FROM (%s) AS src LIMIT 0", c->start,
	              c->end ? c->end : c->start, c->from);
	if (b.oom) {
		strbuf_reset(&b);
		return NULL;
	}
	return strbuf_take(&b);
}

char *pd_sql_repeats(const pd_cols *c)
{
	strbuf b = STRBUF_INIT;

	if (c->id == NULL)
		return strdup("SELECT 0");
	text_cte(&b, c);
	strbuf_printf(&b, " SELECT COALESCE(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM r "
	              "WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1) AS d");
	if (b.oom) {
		strbuf_reset(&b);
		return NULL;
	}
	return strbuf_take(&b);
}

/* "CASE WHEN bad IS NULL THEN x END": a key of the good rows only, so
 * that the bad rows make one group per rule. */
static void good_only(strbuf *b, const char *x, const char *as)
{
	strbuf_printf(b, ", CASE WHEN bad IS NULL THEN %s END AS %s", x, as);
}

/* "SELECT bad, g0, ..." : the bad rule and the --by levels of the good
 * rows (the first keys of both GROUP BYs). */
static void select_levels(strbuf *b, const pd_cols *c)
{
	char v[32], as[32];

	strbuf_printf(b, "SELECT bad");
	for (size_t k = 0; k < c->nby; k++) {
		snprintf(v, sizeof v, "b%zu", k);
		snprintf(as, sizeof as, "g%zu", k);
		good_only(b, v, as);
	}
}

/* " FROM p GROUP BY 1, ..., n[, extra] ORDER BY the same" and the text,
 * or NULL when out of memory. */
static char *group_by(strbuf *b, size_t nkeys, const char *extra)
{
	for (int pass = 0; pass < 2; pass++) {
		strbuf_printf(b, pass == 0 ? " FROM p GROUP BY " : " ORDER BY ");
		for (size_t k = 1; k <= nkeys; k++)
			strbuf_printf(b, "%s%zu", k > 1 ? ", " : "", k);
		if (extra != NULL)
			strbuf_printf(b, ", %s", extra);
	}
	if (b->oom) {
		strbuf_reset(b);
		return NULL;
	}
	return strbuf_take(b);
}

char *pd_sql_survival(const pd_cols *c)
{
	strbuf b = STRBUF_INIT;

	pd_sql_rows(&b, c);
	select_levels(&b, c);
	good_only(&b, "(de IS NOT NULL)::int", "ev");
	good_only(&b, "CASE WHEN de IS NULL THEN ds ELSE de - ds END", "k");
	strbuf_printf(&b, ", count(*), max(greatest(ds, de))");
	return group_by(&b, c->nby + 3, NULL);
}

/* The month (year * 12 + month - 1) of day number `d`, of the good rows. */
#define PD_MONTH(d) "CASE WHEN bad IS NULL THEN extract(year FROM DATE '1970-01-01' + " d \
	") * 12 + extract(month FROM DATE '1970-01-01' + " d ") END"

char *pd_sql_cohorts(const pd_cols *c)
{
	strbuf b = STRBUF_INIT;

	pd_sql_rows(&b, c);
	select_levels(&b, c);
	strbuf_printf(&b, ", min(ds), min(de), count(*), max(greatest(ds, de))");
	/* the value sums (pushdown.h), exact, rounded once */
	if (c->value)
		strbuf_printf(&b, ", count(vn), count(*) FILTER (WHERE vn > 0), sum(vn)::float8, "
		              "sum(vn * vn)::float8");
	return group_by(&b, c->nby + 1, PD_MONTH("ds") ", " PD_MONTH("de"));
}
