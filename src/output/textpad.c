/* textpad.c - see include/churnkit/textpad.h. */
#include "churnkit/textpad.h"

#include <stdint.h>

/* Decodes one code point at *s, advancing it; invalid bytes decode as
 * themselves, one byte each. */
static uint32_t next_cp(const unsigned char **s)
{
	const unsigned char *p = *s;
	int n = p[0] >= 0xF0 && p[0] < 0xF8 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
	uint32_t cp = n == 1 ? p[0] : p[0] & (0x7F >> n);
	for (int k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80) {  /* truncated or invalid: one byte */
			*s = p + 1;
			return p[0];
		}
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	*s = p + n;
	return cp;
}

static int cp_width(uint32_t c)
{
	if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF)
		return 0;  /* combining marks, zero-width spaces */
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	    (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
		return 2;
	return 1;
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;
	while (*p)
		w += cp_width(next_cp(&p));
	return w;
}

int text_pad(FILE *f, const char *s, int width, int left)
{
	int w = text_width(s);
	int pad = width > w ? width - w : 0;
	if (!left)
		fprintf(f, "%*s", pad, "");
	fputs(s, f);
	if (left)
		fprintf(f, "%*s", pad, "");
	return w + pad;
}
