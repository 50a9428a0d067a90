/*
 * test_gen_samples.c - the sample generator (samples/gen.c): determinism, the
 * shape of every row, dates inside the window, missing NPS share, the
 * revenue history, and that the documented churn process shows in the data.
 * (That the committed samples equal the documented command's output is
 * checked by tests/samples/gen_cli.sh.)
 */
#include "gen.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "churnkit/date.h"

#define N_FIELDS 17

static const char header[] =
	"customer_id,signup_date,churn_date,plan,contract,channel,industry,region,city,"
	"mrr,logins_30d,support_tickets_90d,nps,late_payments_12m,days_since_contact,"
	"onboarding_completed,churn_reason";

/* Generated output held in memory; both buffers owned by the struct. */
typedef struct {
	churn_status st;
	char *cust;
	size_t cust_len;
	char *rev;  /* NULL when no revenue was asked for */
	size_t rev_len;
} output;

static output generate(long rows, unsigned long seed, int32_t as_of, int months,
                       int with_revenue)
{
	output o = {CHURN_OK, NULL, 0, NULL, 0};
	gen_opts opts;
	churn_err err;
	FILE *c = open_memstream(&o.cust, &o.cust_len);
	FILE *r = with_revenue ? open_memstream(&o.rev, &o.rev_len) : NULL;

	gen_opts_default(&opts);
	opts.rows = rows;
	opts.seed = seed;
	opts.as_of = as_of;
	opts.months = months;
	if (c == NULL || (with_revenue && r == NULL)) {
		o.st = CHURN_ENOMEM;
	} else {
		o.st = gen_samples_write(&opts, c, r, &err);
	}
	if (c != NULL)
		fclose(c);
	if (r != NULL)
		fclose(r);
	return o;
}

static void output_free(output *o)
{
	free(o->cust);
	free(o->rev);
}

/* Splits `line` (modified in place) at commas; returns the field count. */
static int split(char *line, char **field, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *comma = strchr(p, ',');
		if (n < max)
			field[n] = p;
		n++;
		if (comma == NULL)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	return n;
}

/* 1 when s is a whole number >= 0 written without sign or leading zeros. */
static int whole(const char *s, long *v)
{
	char *end;
	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] != '\0'))
		return 0;
	*v = strtol(s, &end, 10);
	return *end == '\0';
}

/* 1 when s is valid UTF-8 (no overlong forms, no surrogates, <= U+10FFFF). */
static int utf8_valid(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s, n, cp, min;
		if (c < 0x80) {
			s++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		for (unsigned i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += n + 1;
	}
	return 1;
}

static int one_of(const char *s, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strcmp(s, *set) == 0)
			return 1;
	return 0;
}

/* One parsed customer, what the later checks need. */
typedef struct {
	int32_t signup, end;  /* end: churn date, or as-of when active */
	int churned;
	int contract;         /* 0 monthly, 1 annual, 2 two-year */
	int onboarded;
	long late;            /* late_payments_12m */
	long contact;         /* days_since_contact */
	long long mrr_cents;
} row;

/* What a pass over the customer table found. */
typedef struct {
	long rows;
	row *r;               /* rows entries, owned */
	int header_ok;
	long bad_fields, bad_id, bad_dates, bad_order, bad_cat, bad_num, bad_utf8;
	long nps_missing, non_ascii_cities;
} table;

static table parse_customers(const output *o, int32_t as_of, int months)
{
	static const char *const plans[] = {"Starter", "Growth", "Pro", "Enterprise", NULL};
	static const char *const contracts[] = {"monthly", "annual", "two-year", NULL};
	static const char *const channels[] = {"organic", "referral", "partner",
	                                       "paid search", "discount promo",
	                                       "free trial", NULL};
	table t;
	char *text = malloc(o->cust_len + 1), *line, *next;
	int32_t first = date_month_start(date_month_index(as_of) - (months - 1));
	int32_t prev = first;
	long cap = 1024;

	memset(&t, 0, sizeof t);
	t.r = malloc((size_t)cap * sizeof *t.r);
	if (text == NULL || t.r == NULL)
		goto done;
	memcpy(text, o->cust, o->cust_len);
	text[o->cust_len] = '\0';
	next = strchr(text, '\n');
	if (next == NULL)
		goto done;
	*next++ = '\0';
	t.header_ok = strcmp(text, header) == 0;
	for (line = next; *line != '\0'; line = next) {
		char *f[N_FIELDS], want_id[32];
		int32_t signup, churn = 0;
		long v = 0, cents;
		row *r;

		next = strchr(line, '\n');
		if (next == NULL) {  /* every line ends with a newline */
			t.bad_fields++;
			break;
		}
		*next++ = '\0';
		if (t.rows == cap) {
			row *grown = realloc(t.r, (size_t)(cap *= 2) * sizeof *t.r);
			if (grown == NULL)
				break;
			t.r = grown;
		}
		r = &t.r[t.rows++];
		memset(r, 0, sizeof *r);
		if (!utf8_valid((const unsigned char *)line) || strchr(line, '"') != NULL)
			t.bad_utf8++;
		if (split(line, f, N_FIELDS) != N_FIELDS) {
			t.bad_fields++;
			continue;
		}
		snprintf(want_id, sizeof want_id, "C%06ld", t.rows);
		if (strcmp(f[0], want_id) != 0)
			t.bad_id++;

		/* Dates: signup in the window and in order; churn in (signup, as-of]. */
		if (!date_parse(f[1], strlen(f[1]), NULL, &signup) || signup < first ||
		    signup > as_of ||
		    (f[2][0] != '\0' &&
		     (!date_parse(f[2], strlen(f[2]), NULL, &churn) || churn < signup ||
		      churn > as_of))) {
			t.bad_dates++;
			continue;
		}
		if (signup < prev)
			t.bad_order++;
		prev = signup;
		r->signup = signup;
		r->churned = f[2][0] != '\0';
		r->end = r->churned ? churn : as_of;

		/* Categories. */
		if (!one_of(f[3], plans) || !one_of(f[4], contracts) ||
		    !one_of(f[5], channels) || f[6][0] == '\0' || f[7][0] == '\0' ||
		    f[8][0] == '\0' || !one_of(f[15], (const char *const[]){"yes", "no", NULL}))
			t.bad_cat++;
		r->contract = strcmp(f[4], "monthly") == 0 ? 0 : strcmp(f[4], "annual") == 0 ? 1 : 2;
		r->onboarded = strcmp(f[15], "yes") == 0;
		for (const char *p = f[8]; *p; p++)
			if ((unsigned char)*p >= 0x80) {
				t.non_ascii_cities++;
				break;
			}

		/* Numbers: mrr with exactly two decimals and positive; counts whole. */
		{
			char *dot = strchr(f[9], '.');
			if (dot == NULL || strlen(dot) != 3 || dot[1] < '0' || dot[1] > '9' ||
			    dot[2] < '0' || dot[2] > '9') {
				t.bad_num++;
			} else {
				*dot = '\0';
				if (!whole(f[9], &v))
					t.bad_num++;
				cents = (dot[1] - '0') * 10 + (dot[2] - '0');
				r->mrr_cents = (long long)v * 100 + cents;
				if (r->mrr_cents <= 0)
					t.bad_num++;
			}
		}
		if (!whole(f[10], &v) || !whole(f[11], &v))
			t.bad_num++;
		if (f[12][0] == '\0')
			t.nps_missing++;
		else if (!whole(f[12], &v) || v > 10)
			t.bad_num++;
		/* One invoice at signup and one per 30.4375 days, at most 12 counted. */
		if (!whole(f[13], &v) || v > 12 || v > (long)((r->end - r->signup) / 30.4375) + 1)
			t.bad_num++;
		r->late = v;
		if (!whole(f[14], &v))
			t.bad_num++;
		r->contact = v;
	}
done:
	free(text);
	return t;
}

/* Checks the revenue history against the parsed customers: rows grouped by
 * customer in id order, one per month from the signup month to the end
 * month, the last equal to the table's mrr.  Returns the number of
 * customers whose history is wrong; counts expansions and contractions. */
static long check_revenue(const output *o, const table *t, long *expansions,
                          long *contractions, int *header_ok)
{
	char *text = malloc(o->rev_len + 1), *line, *next;
	long bad = 0, cust = 0;
	int32_t want_month = 0;
	long long prev_cents = 0;
	int in_customer = 0;

	*expansions = *contractions = 0;
	*header_ok = 0;
	if (text == NULL)
		return t->rows + 1;
	memcpy(text, o->rev, o->rev_len);
	text[o->rev_len] = '\0';
	next = strchr(text, '\n');
	if (next == NULL) {
		free(text);
		return t->rows + 1;
	}
	*next++ = '\0';
	*header_ok = strcmp(text, "customer_id,month,mrr") == 0;
	for (line = next; *line != '\0'; line = next) {
		char *f[3], id[32], month[8];
		long long cents;
		char *dot;

		next = strchr(line, '\n');
		if (next == NULL)
			break;
		*next++ = '\0';
		if (split(line, f, 3) != 3 || (dot = strchr(f[2], '.')) == NULL) {
			bad++;
			continue;
		}
		cents = atoll(f[2]) * 100 + atoll(dot + 1);
		if (in_customer) {
			snprintf(id, sizeof id, "C%06ld", cust);
			if (strcmp(f[0], id) == 0) {  /* the same customer's next month */
				want_month++;
				if (cents > prev_cents)
					(*expansions)++;
				else if (cents < prev_cents)
					(*contractions)++;
			} else {  /* a new customer: the previous one must have ended */
				if (cust > t->rows || want_month != date_month_index(t->r[cust - 1].end) ||
				    prev_cents != t->r[cust - 1].mrr_cents)
					bad++;
				in_customer = 0;
			}
		}
		if (!in_customer) {
			cust++;
			in_customer = 1;
			snprintf(id, sizeof id, "C%06ld", cust);
			if (cust > t->rows || strcmp(f[0], id) != 0) {
				bad++;
				break;
			}
			want_month = date_month_index(t->r[cust - 1].signup);
		}
		if (strcmp(f[1], date_format_month(want_month, month)) != 0 || cents < 900)
			bad++;
		prev_cents = cents;
	}
	if (in_customer &&
	    (want_month != date_month_index(t->r[cust - 1].end) ||
	     prev_cents != t->r[cust - 1].mrr_cents))
		bad++;
	if (cust != t->rows)
		bad++;
	free(text);
	return bad;
}

static void shape_checks(const char *what, const output *o, int32_t as_of, int months,
                         long rows)
{
	table t = parse_customers(o, as_of, months);
	ok(t.header_ok, "%s: the header names the 17 columns in order", what);
	is_int(t.rows, rows, "%s: one line per customer", what);
	is_int(t.bad_fields, 0, "%s: every row has 17 fields and ends with a newline", what);
	is_int(t.bad_id, 0, "%s: ids run C000001, C000002, ... in row order", what);
	is_int(t.bad_dates, 0,
	       "%s: signup in the window and <= as-of; churn_date empty or in [signup, as-of]",
	       what);
	is_int(t.bad_order, 0, "%s: rows are in signup order", what);
	is_int(t.bad_cat, 0, "%s: plan, contract, channel, onboarding take documented values",
	       what);
	is_int(t.bad_num, 0,
	       "%s: mrr > 0 with two decimals; counts whole; nps 0-10; "
	       "late payments <= invoices issued (<= 12)",
	       what);
	is_int(t.bad_utf8, 0, "%s: every row is valid UTF-8 without quotes", what);
	free(t.r);
}

/* Share of customers churned among those with `contract`. */
static double churned_share(const table *t, int contract, long *n)
{
	long k = 0, e = 0;
	for (long i = 0; i < t->rows; i++)
		if (t->r[i].contract == contract) {
			k++;
			e += t->r[i].churned;
		}
	*n = k;
	return k > 0 ? (double)e / (double)k : 0.0;
}

int main(void)
{
	const int32_t as_of = date_from_civil(2026, 10, 31);
	output a, b, c, d;
	table t;
	long n1, n2, exp_n, con_n;
	int rev_header;

	gsl_set_error_handler_off();

	/* Determinism. */
	a = generate(5000, 42, as_of, 36, 1);
	b = generate(5000, 42, as_of, 36, 1);
	c = generate(5000, 43, as_of, 36, 0);
	d = generate(5000, 42, as_of, 36, 0);
	ok(a.st == CHURN_OK && b.st == CHURN_OK && c.st == CHURN_OK && d.st == CHURN_OK,
	   "gen: 5000 rows generate without error");
	ok(a.cust_len == b.cust_len && memcmp(a.cust, b.cust, a.cust_len) == 0,
	   "gen: the same seed gives the same customer bytes");
	ok(a.rev_len == b.rev_len && memcmp(a.rev, b.rev, a.rev_len) == 0,
	   "gen: the same seed gives the same revenue bytes");
	ok(a.cust_len != c.cust_len || memcmp(a.cust, c.cust, a.cust_len) != 0,
	   "gen: seed 43 gives different customers from seed 42");
	ok(a.cust_len == d.cust_len && memcmp(a.cust, d.cust, a.cust_len) == 0,
	   "gen: asking for the revenue history does not change the customers");

	shape_checks("seed 42", &a, as_of, 36, 5000);
	shape_checks("seed 43", &c, as_of, 36, 5000);

	t = parse_customers(&a, as_of, 36);
	ok(t.nps_missing >= 600 && t.nps_missing <= 900,
	   "gen: nps is missing for 12-18%% of 5000 customers (%ld)", t.nps_missing);
	ok(t.non_ascii_cities >= 500, "gen: hundreds of cities have non-ASCII UTF-8 names (%ld)",
	   t.non_ascii_cities);
	ok(strstr(a.cust, u8"Zürich") && strstr(a.cust, u8"Kraków") &&
	   strstr(a.cust, u8"São Paulo") && strstr(a.cust, u8"台北"),
	   "gen: Zürich, Kraków, São Paulo and 台北 appear as UTF-8");

	/* Revenue history. */
	is_int(check_revenue(&a, &t, &exp_n, &con_n, &rev_header), 0,
	       "revenue: one row per active month per customer, last month = table mrr");
	ok(rev_header, "revenue: header customer_id,month,mrr");
	ok(exp_n > 100 && con_n > 50, "revenue: the history has expansions (%ld) and "
	   "contractions (%ld)", exp_n, con_n);

	/* The churn process.  Monthly contracts have 4x the two-year hazard: in
	 * these data about 40% against 12% churn (standard error of the
	 * difference about 0.016), so a margin of 0.15 cannot fail by chance. */
	{
		unsigned long seeds[] = {42, 43, 1};
		for (int s = 0; s < 3; s++) {
			output o = s == 0 ? a : s == 1 ? c : generate(5000, seeds[s], as_of, 36, 0);
			table ts = parse_customers(&o, as_of, 36);
			double m = churned_share(&ts, 0, &n1), two = churned_share(&ts, 2, &n2);
			ok(n1 > 1000 && n2 > 300 && m - two > 0.15,
			   "churn: seed %lu: monthly contracts churn more than two-year "
			   "(%.3f of %ld vs %.3f of %ld)", seeds[s], m, n1, two, n2);
			free(ts.r);
			if (s == 2)
				output_free(&o);
		}
	}
	/* Early-tenure bump: churns per customer-day in the first 90 days against
	 * after day 90 (3x by construction, more with selection; test 1.5x). */
	{
		double ev_early = 0, ev_late = 0, days_early = 0, days_late = 0;
		long on_e = 0, on_n = 0, off_e = 0, off_n = 0;
		for (long i = 0; i < t.rows; i++) {
			double ten = (double)(t.r[i].end - t.r[i].signup);
			days_early += ten < 90 ? ten : 90;
			days_late += ten > 90 ? ten - 90 : 0;
			if (t.r[i].churned) {
				if (ten <= 90)
					ev_early++;
				else
					ev_late++;
			}
			if (t.r[i].onboarded) {
				on_n++;
				on_e += t.r[i].churned;
			} else {
				off_n++;
				off_e += t.r[i].churned;
			}
		}
		double h_early = ev_early / days_early, h_late = ev_late / days_late;
		ok(h_early > 1.5 * h_late,
		   "churn: the hazard in the first 90 days (%.5f/day) is well above later "
		   "(%.5f/day)", h_early, h_late);
		/* Late payers: about 0.62 against 0.31 churned (se of the difference
		 * 0.022); long without contact: about 0.46 against 0.32 (se 0.017). */
		long late_n = 0, late_e = 0, few_n = 0, few_e = 0;
		long far_n = 0, far_e = 0, near_n = 0, near_e = 0;
		for (long i = 0; i < t.rows; i++) {
			if (t.r[i].late >= 2) {
				late_n++;
				late_e += t.r[i].churned;
			} else {
				few_n++;
				few_e += t.r[i].churned;
			}
			if (t.r[i].contact > 60) {
				far_n++;
				far_e += t.r[i].churned;
			} else {
				near_n++;
				near_e += t.r[i].churned;
			}
		}
		ok(late_n > 200 && (double)late_e / late_n - (double)few_e / few_n > 0.15,
		   "churn: customers with 2+ late payments churn more (%.3f of %ld vs %.3f)",
		   (double)late_e / late_n, late_n, (double)few_e / few_n);
		ok(far_n > 400 && (double)far_e / far_n - (double)near_e / near_n > 0.05,
		   "churn: customers not contacted for 60+ days churn more (%.3f of %ld vs %.3f)",
		   (double)far_e / far_n, far_n, (double)near_e / near_n);
		ok((double)off_e / (double)off_n - (double)on_e / (double)on_n > 0.10,
		   "churn: customers without onboarding churn more (%.3f vs %.3f)",
		   (double)off_e / (double)off_n, (double)on_e / (double)on_n);
	}
	free(t.r);
	output_free(&a);
	output_free(&b);
	output_free(&c);
	output_free(&d);

	/* Edge cases. */
	a = generate(0, 42, as_of, 36, 1);
	ok(a.st == CHURN_OK && a.cust_len == strlen(header) + 1 && a.rev_len == 22,
	   "gen: 0 rows -> the two header lines only");
	output_free(&a);
	a = generate(1, 42, as_of, 36, 1);
	shape_checks("one row", &a, as_of, 36, 1);
	output_free(&a);
	a = generate(300, 9, date_from_civil(2024, 2, 29), 1, 1);
	shape_checks("one month ending 2024-02-29", &a, date_from_civil(2024, 2, 29), 1, 300);
	t = parse_customers(&a, date_from_civil(2024, 2, 29), 1);
	is_int(check_revenue(&a, &t, &exp_n, &con_n, &rev_header), 0,
	       "revenue: one month of history is one row per customer");
	free(t.r);
	output_free(&a);

	a = generate(-1, 42, as_of, 36, 0);
	is_int(a.st, CHURN_EUSAGE, "gen: negative rows are a usage error");
	ok(a.cust_len == 0, "gen: nothing is written on a usage error");
	output_free(&a);
	a = generate(10, 42, as_of, 0, 0);
	is_int(a.st, CHURN_EUSAGE, "gen: zero months of history is a usage error");
	output_free(&a);
	a = generate(10, 42, date_from_civil(1, 3, 1), 4, 0);
	is_int(a.st, CHURN_EUSAGE, "gen: a window starting before year 1 is a usage error");
	output_free(&a);
	return done_testing();
}
