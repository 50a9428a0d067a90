/*
 * rowcheck.c - the rules each mapped value of a data row must meet: dates
 * (parsed, inside the plausible range, the open-end marker read as still
 * active, not after as-of), numbers (parsed, not negative, not beyond
 * LOAD_MAX_MAGNITUDE, whole weights), flags, and the order of a row's dates.
 * docs/inputs.md states these rules for users.  A rule broken rejects the
 * row through loader_reject, naming the column.
 */
#include "churnkit/date.h"
#include "churnkit/fieldread.h"
#include "churnkit/num.h"
#include "churnkit/utf8.h"
#include "datecol.h"
#include "loader.h"

#include <math.h>
#include <string.h>

/* Rejects a date outside [date_min, date_max].  An end date far in the
 * future is most often a "still active" marker such as 9999-12-31: the
 * message says how to read it as one. */
static int date_in_range(loader *ld, const load_colbuild *c, long col, const char *s,
                         size_t len)
{
	const load_opts *o = ld->opts;
	char lo[11], hi[11];
	int q = loader_quote_len(s, len);

	if (c->tmp_date >= o->date_min && c->tmp_date <= o->date_max)
		return 1;
	date_format(o->date_min, lo);
	date_format(o->date_max, hi);
	if (c->role == ROLE_END && c->tmp_date > o->date_max)
		loader_reject(ld, col, LOAD_BAD_RANGE,
		              "'%.*s' in column '%s' is after %s (--date-range); if it means "
		              "\"still active\", say --open-end %.*s", q, s, c->name, hi, q, s);
	else
		loader_reject(ld, col, LOAD_BAD_RANGE,
		              "'%.*s' in column '%s' is outside the plausible dates %s..%s "
		              "(--date-range)", q, s, c->name, lo, hi);
	return 0;
}

/* 1 when s[0..len) is a number in accounting parentheses, "(1,234.00)":
 * a negative amount, which no mapped column may hold. */
static int paren_negative(const loader *ld, const char *s, size_t len)
{
	double v;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len > 2 && s[0] == '(' && s[len - 1] == ')' &&
	       fieldread_number(s + 1, len - 2, ld->decimal, ld->thousands, &v);
}

int loader_parse_mapped(loader *ld, size_t j)
{
	load_colbuild *c = &ld->cols[j];
	const char *s = ld->rec.buf.s + ld->rec.off[j];
	size_t len = ld->rec.len[j];
	long col = (long)j + 1;
	int blank = num_is_blank(s, len);
	const load_map *m = ld->map;
	double v;
	int flag;

	if (ld->dates != NULL && ld->dates->detecting)
		return datecol_detect_row(ld);  /* datecol.h: no row is loaded */
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
			if (!datecol_parse(ld, j, s, len, &c->tmp_date)) {
				if (ld->st == CHURN_OK)
					loader_reject(ld, col, LOAD_BAD_DATE,
					              "'%.*s' in column '%s' is not a date (expected %s)",
					              loader_quote_len(s, len), s, c->name,
					              datecol_expected(ld->dates, j));
				return 0;
			}
			if (c->role == ROLE_END && ld->opts->open_end != TABLE_DATE_NA &&
			    c->tmp_date == ld->opts->open_end) {
				c->tmp_date = TABLE_DATE_NA;  /* --open-end: still active */
				return 1;
			}
			if (!date_in_range(ld, c, col, s, len))
				return 0;
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
	case ROLE_INTERVAL_COUNT:
		if (blank) {
			if (c->role == ROLE_VALUE || c->role == ROLE_INTERVAL_COUNT) {
				c->tmp_num = NAN;
				return 1;
			}
			loader_reject(ld, col, LOAD_BAD_MISSING, "missing value in column '%s'",
			              c->name);
			return 0;
		}
		if (!fieldread_number(s, len, ld->decimal, ld->thousands, &v) &&
		    paren_negative(ld, s, len)) {
			loader_reject(ld, col, LOAD_BAD_NEGATIVE,
			              "'%.*s' in column '%s' is a negative amount in accounting "
			              "parentheses; values may not be negative",
			              loader_quote_len(s, len), s, c->name);
			return 0;
		}
		if (!fieldread_number(s, len, ld->decimal, ld->thousands, &v)) {
			loader_reject(ld, col, LOAD_BAD_NUMBER,
			              "'%.*s' in column '%s' is not a number",
			              loader_quote_len(s, len), s, c->name);
			return 0;
		}
		if (fabs(v) > LOAD_MAX_MAGNITUDE) {
			loader_reject(ld, col, LOAD_BAD_MAGNITUDE,
			              "'%.*s' in column '%s' is larger in magnitude than 1e15 (a typing "
			              "error or a placeholder?)", loader_quote_len(s, len), s,
			              c->name);
			return 0;
		}
		if (v < 0) {
			loader_reject(ld, col, LOAD_BAD_NEGATIVE,
			              "negative value %.*s in column '%s'",
			              loader_quote_len(s, len), s, c->name);
			return 0;
		}
		if (c->role == ROLE_INTERVAL_COUNT && v == 0) {
			loader_reject(ld, col, LOAD_BAD_NUMBER,
			              "interval count 0 in column '%s' (--interval-count) is "
			              "not a positive number", c->name);
			return 0;
		}
		/* A billing covers whole intervals: 1.5 is another column taken
		 * for the count, or a typing error. */
		if (c->role == ROLE_INTERVAL_COUNT && v != floor(v)) {
			loader_reject(ld, col, LOAD_BAD_NUMBER,
			              "interval count %.*s in column '%s' (--interval-count) is not "
			              "a whole number", loader_quote_len(s, len), s, c->name);
			return 0;
		}
		/* The value as written: %g would round 1.0000000001 to "1", a
		 * whole number. */
		if (c->role == ROLE_WEIGHT && v != floor(v)) {
			loader_reject(ld, col, LOAD_BAD_NUMBER,
			              "weight %.*s in column '%s' is not a whole number",
			              loader_quote_len(s, len), s, c->name);
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
			c->tmp_num = fieldread_same_word(s + a, b - a, want);
			return loader_seen_add(ld, c->role == ROLE_OUTCOME, s + a, b - a,
			                       c->tmp_num != 0);
		}
		if (!fieldread_flag(s, len, &flag)) {
			loader_reject(ld, col, LOAD_BAD_FLAG,
			              "'%.*s' in column '%s' is not a yes/no value "
			              "(say which value means churn: %s %s=VALUE)",
			              loader_quote_len(s, len), s, c->name,
			              c->role == ROLE_EVENT ? "--event" : "--outcome", c->name);
			return 0;
		}
		c->tmp_num = flag;
		return 1;
	}
	case ROLE_INTERVAL:
		c->tmp_num = NAN;  /* missing: checked with the value */
		if (blank)
			return 1;
		if (!fieldread_interval(s, len, &c->tmp_num, &c->tmp_div)) {
			loader_reject(ld, col, LOAD_BAD_INTERVAL,
			              "'%.*s' in column '%s' is not a billing interval (month, "
			              "quarter, year, week or day; another period as one of them "
			              "with --interval-count)", loader_quote_len(s, len), s,
			              c->name);
			return 0;
		}
		return 1;
	default:
		return 1;
	}
}

int loader_scale_value(loader *ld)
{
	long kv = ld->role_col[ROLE_VALUE], ki = ld->role_col[ROLE_INTERVAL],
	     kc = ld->role_col[ROLE_INTERVAL_COUNT];
	if (kv < 0)
		return 1;
	load_colbuild *v = &ld->cols[kv];
	if (isnan(v->tmp_num))
		return 1;
	/* Multiplied, then divided: 1234 cents at --value-scale 0.01 is
	 * 1234 / 100, exactly as a hand conversion makes it. */
	double x = v->tmp_num * ld->scale_mul / ld->scale_div;
	if (ki >= 0) {
		const load_colbuild *in = &ld->cols[ki];
		double count = 1;
		if (isnan(in->tmp_num)) {
			loader_reject(ld, ki + 1, LOAD_BAD_MISSING,
			              "missing interval in column '%s' for the value in column "
			              "'%s'", in->name, v->name);
			return 0;
		}
		if (kc >= 0) {
			count = ld->cols[kc].tmp_num;
			if (isnan(count)) {
				loader_reject(ld, kc + 1, LOAD_BAD_MISSING,
				              "missing interval count in column '%s' for the value "
				              "in column '%s'", ld->cols[kc].name, v->name);
				return 0;
			}
		}
		x = x * in->tmp_num / (in->tmp_div * count);
	}
	v->tmp_num = x;
	return 1;
}

static const load_colbuild *role_col(const loader *ld, load_role role, size_t *j)
{
	long k = ld->role_col[role];
	if (k < 0)
		return NULL;
	*j = (size_t)k;
	return &ld->cols[k];
}

int loader_check_order(loader *ld)
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

int loader_check_reason(loader *ld)
{
	size_t je = 0, jv = 0;
	const load_colbuild *e = role_col(ld, ROLE_END, &je);
	const load_colbuild *v = role_col(ld, ROLE_EVENT, &jv);
	size_t j;
	const char *s;
	size_t len;

	if (ld->reason_col < 0)
		return 1;
	j = (size_t)ld->reason_col;
	s = loader_field(ld, j);
	len = ld->rec.len[j];
	if (num_is_blank(s, len))
		return 1;
	if ((e != NULL && e->tmp_date != TABLE_DATE_NA) || (v != NULL && v->tmp_num == 1))
		return 1;
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	loader_reject(ld, (long)j + 1, LOAD_BAD_REASON,
	              "churn reason '%.*s' in column '%s' on a customer who has not "
	              "churned (%s): a reason goes with a churn only",
	              loader_quote_len(s, len), s, ld->cols[j].name,
	              v != NULL ? "the event is not churn" : "no end date");
	return 0;
}
