/*
 * textpad.h - padding UTF-8 text to a column width in plain-text tables.
 *
 * printf's %-20s counts bytes, so a level like "Kraków" (7 bytes, 6
 * characters) or "台北" (6 bytes, 4 columns on a terminal) misaligns every
 * column after it.  text_width counts display columns: one per code point,
 * two for the East Asian wide and fullwidth ranges (CJK, Hangul, fullwidth
 * forms), none for combining marks; invalid bytes count one each.  Nothing
 * here allocates or keeps state.
 */
#ifndef CHURNKIT_TEXTPAD_H
#define CHURNKIT_TEXTPAD_H

#include <stdio.h>

/* Display columns of the NUL-terminated UTF-8 text `s`. */
int text_width(const char *s);

/* Writes `s` and pads it with blanks to `width` columns: left-aligned when
 * `left` is 1, right-aligned when 0.  Text wider than `width` is written
 * whole.  Returns the columns written. */
int text_pad(FILE *f, const char *s, int width, int left);

#endif
