/* tablebook_name.c - a table's sheet name; the rule is table_sheet_name's
 * in include/churnkit/tablebook.h. */
#include "churnkit/tablebook.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The byte length of the first `chars` UTF-8 characters of s (all of s
 * when it has fewer). */
static size_t utf8_prefix(const char *s, size_t chars)
{
	size_t i = 0;
	for (size_t c = 0; s[i] != '\0'; c++) {
		if (c == chars)
			break;
		i++;
		while ((s[i] & 0xC0) == 0x80)  /* continuation bytes */
			i++;
	}
	return i;
}

static int taken_name(const char *name, const char *const *taken, size_t ntaken)
{
	if (strcasecmp(name, "History") == 0)
		return 1;
	for (size_t i = 0; i < ntaken; i++)
		if (taken[i] != NULL && strcasecmp(name, taken[i]) == 0)
			return 1;
	return 0;
}

/* base cut to `chars` characters, then `suffix`, into out (size n). */
static void cut_name(const char *base, size_t chars, const char *suffix, char *out, size_t n)
{
	size_t len = utf8_prefix(base, chars);
	snprintf(out, n, "%.*s%s", (int)len, base, suffix);
	len = strlen(out);
	if (len > 0 && out[0] == '\'')
		out[0] = '_';
	if (len > 0 && out[len - 1] == '\'')
		out[len - 1] = '_';
}

void table_sheet_name(const char *table, const char *const *taken, size_t ntaken, char *buf,
                      size_t n)
{
	char base[4 * TABLE_SHEET_NAME_MAX + 1], suffix[16];
	size_t len = strlen(table);

	if (n == 0)
		return;
	if (len >= 4 && strcmp(table + len - 4, ".csv") == 0)
		len -= 4;
	len = utf8_prefix(table, TABLE_SHEET_NAME_MAX) < len
	      ? utf8_prefix(table, TABLE_SHEET_NAME_MAX) : len;
	snprintf(base, sizeof base, "%.*s", (int)len, table);
	for (char *p = base; *p != '\0'; p++)
		if (strchr("[]:*?/\\", *p) != NULL)
			*p = '_';
	if (base[0] == '\0')
		snprintf(base, sizeof base, "Sheet");
	cut_name(base, TABLE_SHEET_NAME_MAX, "", buf, n);
	for (unsigned k = 2; taken_name(buf, taken, ntaken); k++) {
		snprintf(suffix, sizeof suffix, "~%u", k);
		cut_name(base, TABLE_SHEET_NAME_MAX - strlen(suffix), suffix, buf, n);
	}
}

void table_sheet_link(const char *name, char *buf, size_t n)
{
	size_t k;

	if (n == 0)
		return;
	k = (size_t)snprintf(buf, n, "internal:'");
	for (const char *c = name; *c != '\0' && k + 6 < n; c++) {
		if (*c == '\'')
			buf[k++] = '\'';
		buf[k++] = *c;
	}
	if (k < n)
		snprintf(buf + k, n - k, "'!A1");
}
