/* textpad.c - see include/churnkit/textpad.h. */
#include "churnkit/textpad.h"

#include <stdint.h>
#include <string.h>

#include "churnkit/utf8.h"

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
	int w = 0;
	while (*s) {
		uint32_t cp;
		s += utf8_decode(s, strnlen(s, 4), &cp);
		w += cp_width(cp);
	}
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
