/* num.c - see include/churnkit/num.h. */
#include "churnkit/num.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int num_is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!blank(s[i]))
			return 0;
	return 1;
}

int num_parse(const char *s, size_t len, char decimal, double *out)
{
	char buf[64];
	size_t i = 0, n = 0;
	int ndigits = 0;

	while (len > 0 && blank(s[len - 1]))
		len--;
	while (i < len && blank(s[i]))
		i++;
	if (i == len || len - i >= sizeof buf)
		return 0;
	if (s[i] == '+' || s[i] == '-')
		buf[n++] = s[i++];
	while (i < len && isdigit((unsigned char)s[i])) {
		buf[n++] = s[i++];
		ndigits++;
	}
	if (i < len && s[i] == decimal) {
		buf[n++] = '.';
		i++;
		while (i < len && isdigit((unsigned char)s[i])) {
			buf[n++] = s[i++];
			ndigits++;
		}
	}
	if (ndigits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		int edigits = 0;
		buf[n++] = s[i++];
		if (i < len && (s[i] == '+' || s[i] == '-'))
			buf[n++] = s[i++];
		while (i < len && isdigit((unsigned char)s[i])) {
			buf[n++] = s[i++];
			edigits++;
		}
		if (edigits == 0)
			return 0;
	}
	if (i != len)
		return 0;
	buf[n] = '\0';
	errno = 0;
	double v = strtod(buf, NULL);
	if (errno == ERANGE && isinf(v))
		return 0;
	*out = v;
	return 1;
}

int flag_parse(const char *s, size_t len, int *out)
{
	static const char *const yes[] = {"1", "true", "yes", "y"};
	static const char *const no[] = {"0", "false", "no", "n"};

	while (len > 0 && blank(s[len - 1]))
		len--;
	while (len > 0 && blank(*s)) {
		s++;
		len--;
	}
	for (size_t k = 0; k < 4; k++) {
		if (strlen(yes[k]) == len && strncasecmp(s, yes[k], len) == 0) {
			*out = 1;
			return 1;
		}
		if (strlen(no[k]) == len && strncasecmp(s, no[k], len) == 0) {
			*out = 0;
			return 1;
		}
	}
	return 0;
}
