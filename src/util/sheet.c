/* sheet.c - see include/churnkit/sheet.h. */
#include "churnkit/sheet.h"
#include "churnkit/num.h"

#include <math.h>
#include <string.h>

/* Whether the cell `s` starts like a formula, and whether it is quoted. */
static int is_formula(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	       s[0] == '\r';
}

static int is_quoted(const char *s)
{
	return strpbrk(s, ",\"\r\n") != NULL;
}

int sheet_text(FILE *f, const char *s)
{
	if (s == NULL)
		return !ferror(f);
	int formula = is_formula(s);
	int quote = is_quoted(s);
	if (quote)
		fputc('"', f);
	if (formula)
		fputc('\'', f);  /* shown as text, never run as a formula */
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote)
		fputc('"', f);
	return !ferror(f);
}

void sheet_text_append(strbuf *b, const char *s)
{
	if (s == NULL)
		return;
	/* The common cell, short and plain: one pass finds no character to
	 * quote (nor a quote to double) and it is copied as it is. */
	const char *e = s;
	while (*e != '\0' && *e != ',' && *e != '"' && *e != '\r' && *e != '\n')
		e++;
	if (*e == '\0' && !is_formula(s)) {
		strbuf_append(b, s, (size_t)(e - s));
		return;
	}
	int quote = is_quoted(s);
	if (quote)
		strbuf_append(b, "\"", 1);
	if (is_formula(s))
		strbuf_append(b, "'", 1);
	for (const char *p = s;;) {
		size_t k = strcspn(p, "\"");  /* a run without quotes, then a doubled quote */
		strbuf_append(b, p, k);
		if (p[k] == '\0')
			break;
		strbuf_append(b, "\"\"", 2);
		p += k + 1;
	}
	if (quote)
		strbuf_append(b, "\"", 1);
}

void sheet_num(FILE *f, double x)
{
	char buf[32];
	if (isfinite(x))
		fputs(num_format_shortest(x, buf), f);
}
