/*
 * sheet.h - CSV cells that are safe to open in a spreadsheet.
 *
 * Text is quoted as RFC 4180 asks when it holds a comma, a quote or a line
 * break (quotes doubled), and text that a spreadsheet would run as a formula
 * (beginning with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, so it shows as text.  Numbers are ours, never formula text:
 * they are written with the fewest significant digits that read back to the
 * same double, and left empty when not finite.  Nothing here keeps state;
 * the caller owns the stream, or the strbuf that sheet_text_append grows.
 */
#ifndef CHURNKIT_SHEET_H
#define CHURNKIT_SHEET_H

#include <stdio.h>

#include "churnkit/strbuf.h"

/* Writes `s` as one cell (nothing for NULL).  Returns 1, or 0 when the
 * stream has an error. */
int sheet_text(FILE *f, const char *s);

/* Appends `s` as one cell to b (nothing for NULL): the bytes sheet_text
 * writes, for a writer that builds its lines in memory. */
void sheet_text_append(strbuf *b, const char *s);

/* Writes `x` as one cell: shortest round-trip digits, empty when not finite. */
void sheet_num(FILE *f, double x);

#endif
