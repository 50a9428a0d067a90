/* tablename.c - see include/churnkit/tablename.h. */
#include "churnkit/tablename.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int safe_byte(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
}

void table_name_append(char *buf, size_t n, const char *s)
{
	char part[TABLE_NAME_PART_MAX + 1];
	size_t len = strlen(buf), k, slen;

	if (s == NULL)
		s = "NA";
	slen = strlen(s);
	if (slen <= TABLE_NAME_PART_MAX) {
		for (k = 0; k < slen; k++)
			part[k] = safe_byte(s[k]) ? s[k] : '_';
		part[k] = '\0';
	} else {
		uint32_t h = 2166136261u;  /* FNV-1a, 32 bits */
		for (k = 0; k < slen; k++) {
			h ^= (unsigned char)s[k];
			h *= 16777619u;
		}
		for (k = 0; k < TABLE_NAME_PART_MAX - 9; k++)
			part[k] = safe_byte(s[k]) ? s[k] : '_';
		snprintf(part + k, sizeof part - k, "-%08x", (unsigned)h);
	}
	if (len < n)
		snprintf(buf + len, n - len, "%s", part);
}
