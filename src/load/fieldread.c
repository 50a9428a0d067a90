/* fieldread.c - numbers with thousands separators and currencies, yes/no
 * words and billing intervals; see include/churnkit/fieldread.h. */
#include "churnkit/fieldread.h"
#include "churnkit/date.h"
#include "churnkit/num.h"

#include <string.h>
#include <strings.h>

/* The longest number text rebuilt without separators and currency. */
#define CLEAN_MAX 128

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static void trim(const char **s, size_t *len)
{
	while (*len > 0 && is_blank(**s))
		(*s)++, (*len)--;
	while (*len > 0 && is_blank((*s)[*len - 1]))
		(*len)--;
}

/* The length of the no-break space (U+00A0, U+202F) at s, or 0. */
static size_t nbsp_len(const char *s, size_t len)
{
	if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	if (len >= 3 && memcmp(s, "\xE2\x80\xAF", 3) == 0)
		return 3;
	return 0;
}

/* trim, and the no-break spaces too: what stands between a currency and
 * its number ("1 234,50 €" in a French export, with U+202F or U+00A0). */
static void trim_nbsp(const char **s, size_t *len)
{
	size_t k;
	trim(s, len);
	for (;;) {
		if ((k = nbsp_len(*s, *len)) > 0)
			*s += k, *len -= k;
		else if (*len >= 2 && nbsp_len(*s + *len - 2, 2) == 2)
			*len -= 2;
		else if (*len >= 3 && nbsp_len(*s + *len - 3, 3) == 3)
			*len -= 3;
		else
			break;
		trim(s, len);
	}
}

/* Currency signs (UTF-8) and the common ISO 4217 codes. */
static const char *const signs[] = {
	"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "\xE2\x82\xB9", "\xE2\x82\xBD",
	"\xE2\x82\xA9", "\xE2\x82\xBA", "\xE2\x82\xAA",
};
static const char *const codes[] = {
	"EUR", "USD", "GBP", "JPY", "CHF", "CNY", "CAD", "AUD", "NZD", "SEK", "NOK",
	"DKK", "ISK", "PLN", "CZK", "HUF", "RON", "BGN", "RUB", "UAH", "TRY", "INR",
	"BRL", "MXN", "ARS", "CLP", "COP", "PEN", "ZAR", "KRW", "SGD", "HKD", "TWD",
	"THB", "IDR", "MYR", "PHP", "ILS", "AED", "SAR",
};

/* The length of a currency sign or code at the start (at_end 0) or the end
 * (at_end 1) of s[0..len), or 0. */
static size_t currency_len(const char *s, size_t len, int at_end)
{
	for (size_t k = 0; k < sizeof signs / sizeof *signs; k++) {
		size_t n = strlen(signs[k]);
		if (n <= len && memcmp(at_end ? s + len - n : s, signs[k], n) == 0)
			return n;
	}
	if (len < 3)
		return 0;
	const char *c = at_end ? s + len - 3 : s;
	/* A code stands apart from letters: "EUR5" and "5 EUR" but not "XEUR". */
	if (len > 3) {
		char next = at_end ? c[-1] : c[3];
		if ((next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z'))
			return 0;
	}
	for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
		if (memcmp(c, codes[k], 3) == 0)
			return 3;
	return 0;
}

/* Strips one currency sign or code before or after the number, with the
 * blanks between; a sign before the currency ("-$5") moves to the number.
 * Writes the sign ('-', '+' or 0) to *sign.  Returns 0 when the text is
 * only a currency. */
static int strip_currency(const char **s, size_t *len, char *sign)
{
	const char *p = *s;
	size_t n = *len, c;

	*sign = 0;
	if (n > 0 && (*p == '-' || *p == '+') && (c = currency_len(p + 1, n - 1, 0)) > 0) {
		*sign = *p;
		p++, n--;
		p += c, n -= c;
	} else if ((c = currency_len(p, n, 0)) > 0) {
		p += c, n -= c;
	} else if ((c = currency_len(p, n, 1)) > 0) {
		n -= c;
	} else {
		return 1;
	}
	trim_nbsp(&p, &n);
	*s = p;
	*len = n;
	return n > 0;
}

/* Copies the number in s[0..len) to clean[], dropping thousands
 * separators after checking their groups.  Returns 0 when they are out of
 * place or the text is too long. */
static int drop_thousands(const char *s, size_t len, char decimal, char thousands,
                          char clean[CLEAN_MAX], size_t *outlen)
{
	size_t i = 0, n = 0, group = 0;
	int seps = 0, in_int = 1;

	if (len >= CLEAN_MAX)
		return 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		clean[n++] = s[i++];
	while (i < len) {
		char ch = s[i];
		size_t sl = ch == thousands ? 1 : 0;
		if (thousands == ' ' && sl == 0)
			sl = nbsp_len(s + i, len - i);
		if (in_int && sl > 0) {
			/* A separator follows 1-3 digits (the first) or exactly 3.
			 * A first group with a leading zero is no grouping: "0,001"
			 * is a decimal written with the other mark, not 1. */
			if (group == 0 || group > 3 || (seps > 0 && group != 3) ||
			    (seps == 0 && s[i - group] == '0'))
				return 0;
			seps++;
			group = 0;
			i += sl;
			continue;
		}
		if (in_int && (ch < '0' || ch > '9')) {
			if (seps > 0 && group != 3)
				return 0;
			in_int = 0;
		}
		if (!in_int && sl > 0)
			return 0;
		if (in_int)
			group++;
		clean[n++] = ch;
		i++;
	}
	if (in_int && seps > 0 && group != 3)
		return 0;
	(void)decimal;
	*outlen = n;
	return 1;
}

int fieldread_number(const char *s, size_t len, char decimal, char thousands,
                     double *out)
{
	char clean[CLEAN_MAX + 2];
	size_t n = 0;
	char sign;

	if (num_parse(s, len, decimal, out))
		return 1;  /* the common case */
	trim(&s, &len);
	if (len == 0 || !strip_currency(&s, &len, &sign))
		return 0;
	if (sign != 0) {
		if (s[0] == '-' || s[0] == '+')
			return 0;  /* "-$-5" */
		clean[n++] = sign;
	}
	if (thousands != 0) {
		size_t m;
		if (!drop_thousands(s, len, decimal, thousands, clean + n, &m))
			return 0;
		n += m;
	} else {
		if (len >= CLEAN_MAX)
			return 0;
		memcpy(clean + n, s, len);
		n += len;
	}
	return num_parse(clean, n, decimal, out);
}

int fieldread_thousands_ok(char c)
{
	return c == '.' || c == ',' || c == '\'' || c == ' ';
}

const char *fieldread_number_hint(const char *s, size_t len, char decimal,
                                  char thousands)
{
	/* Each other reading, in the order a hint is most likely right. */
	static const struct {
		char decimal, thousands;
		const char *opt;
	} alt[] = {
		{',', 0, "--decimal ,"},
		{',', '.', "--decimal , --thousands ."},
		{'.', ',', "--thousands ,"},
		{',', ' ', "--decimal , --thousands ' '"},
		{'.', ' ', "--thousands ' '"},
		{'.', '\'', "--thousands \"'\""},
		{'.', 0, "--decimal ."},
	};
	double v;
	for (size_t k = 0; k < sizeof alt / sizeof *alt; k++) {
		if (alt[k].decimal == decimal && alt[k].thousands == thousands)
			continue;
		if (fieldread_number(s, len, alt[k].decimal, alt[k].thousands, &v)) {
			/* With --decimal , given, "--thousands ." alone says it. */
			if (decimal == ',' && alt[k].decimal == ',' && alt[k].thousands == '.')
				return "--thousands .";
			if (decimal == ',' && alt[k].decimal == ',' && alt[k].thousands == ' ')
				return "--thousands ' '";
			return alt[k].opt;
		}
	}
	return NULL;
}

/* Folds the ASCII capitals and the Latin-1 capitals (U+00C0..U+00DE but
 * U+00D7) of s[0..len) into lower case in out[]; returns 0 when too long. */
static int fold(const char *s, size_t len, char *out, size_t cap)
{
	if (len >= cap)
		return 0;
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (k > 0 && (unsigned char)s[k - 1] == 0xC3 && c >= 0x80 && c <= 0x9E &&
		         c != 0x97)
			c = (unsigned char)(c + 32);
		out[k] = (char)c;
	}
	out[len] = '\0';
	return 1;
}

int fieldread_flag(const char *s, size_t len, int *out)
{
	/* t and f: PostgreSQL's text of a boolean (what COPY writes). */
	static const char *const yes[] = {"1", "true", "t", "yes", "y", "ja", "oui",
	                                  "s\xC3\xAD", "si", "da", "igen", "\xE6\x98\xAF"};
	static const char *const no[] = {"0", "false", "f", "no", "n", "nein", "non", "nu",
	                                 "nem", "\xE5\x90\xA6"};
	char w[16];

	trim(&s, &len);
	if (!fold(s, len, w, sizeof w))
		return 0;
	for (size_t k = 0; k < sizeof yes / sizeof *yes; k++)
		if (strcmp(w, yes[k]) == 0) {
			*out = 1;
			return 1;
		}
	for (size_t k = 0; k < sizeof no / sizeof *no; k++)
		if (strcmp(w, no[k]) == 0) {
			*out = 0;
			return 1;
		}
	return 0;
}

int fieldread_same_word(const char *s, size_t len, const char *want)
{
	size_t wlen = strlen(want);
	trim(&s, &len);
	trim(&want, &wlen);
	return len == wlen && strncasecmp(s, want, len) == 0;
}

int fieldread_interval(const char *s, size_t len, double *mul, double *div)
{
	static const struct {
		const char *word;
		double mul, div;
	} words[] = {
		{"month", 1, 1}, {"months", 1, 1}, {"monthly", 1, 1},
		{"quarter", 1, 3}, {"quarters", 1, 3}, {"quarterly", 1, 3},
		{"year", 1, 12}, {"years", 1, 12}, {"yearly", 1, 12},
		{"annual", 1, 12}, {"annually", 1, 12},
		{"week", 52, 12}, {"weeks", 52, 12}, {"weekly", 52, 12},
		/* a year of 12 months of DATE_MONTH_DAYS (365.25 days, exactly) */
		{"day", 12 * DATE_MONTH_DAYS, 12}, {"days", 12 * DATE_MONTH_DAYS, 12},
		{"daily", 12 * DATE_MONTH_DAYS, 12},
	};
	char w[16];

	trim(&s, &len);
	if (!fold(s, len, w, sizeof w))
		return 0;
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (strcmp(w, words[k].word) == 0) {
			*mul = words[k].mul;
			*div = words[k].div;
			return 1;
		}
	return 0;
}
