/* sheet.c - see include/churnkit/sheet.h. */
#include "churnkit/sheet.h"
#include "churnkit/num.h"

#include <math.h>
#include <string.h>

int sheet_text(FILE *f, const char *s)
{
	if (s == NULL)
		return !ferror(f);
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	              s[0] == '\t' || s[0] == '\r';
	int quote = strpbrk(s, ",\"\r\n") != NULL;
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

void sheet_num(FILE *f, double x)
{
	char buf[32];
	if (isfinite(x))
		fputs(num_format_shortest(x, buf), f);
}
