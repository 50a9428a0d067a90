/*
 * pdf_text.h - the text layout of the libharu layer that needs no libharu
 * (private to src/report/pdf; only pdf/ includes it).
 *
 * UTF-8 decoding and cleaning, splitting a string into runs that are all
 * CJK or all not (pdf_font.c sets each run in its own font), greedy word
 * wrapping for pdf_paragraph and shortening with "…" for pdf_fit_text.
 * What pdf.h promises about these (the CJK ranges, U+FFFD for bad bytes and
 * for characters above U+FFFF, where lines break) is done here.
 *
 * Text is measured through ptext_measure, which pdf_show.c fills in with its
 * fonts, so this file neither calls HPDF_* nor includes hpdf.h.  The
 * prefix is ptext_, since pdf_text* names pdf.h's drawing functions.
 *
 * Ownership: ptext_clean returns a new string (free with free()); every
 * other function borrows its arguments and allocates nothing.
 */
#ifndef CHURNKIT_REPORT_PDF_TEXT_H
#define CHURNKIT_REPORT_PDF_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* A valid UTF-8 copy of s[0..n), NUL-terminated: bad bytes become U+FFFD,
 * and so do characters above U+FFFF (libharu 2.3's UTF-8 fonts have 16-bit
 * codes).  NULL when out of memory. */
char *ptext_clean(const char *s, size_t n);

/* The end of the run that starts at s[i] (i < n; s valid UTF-8): the
 * characters from i on that are all CJK (pdf.h's ranges) or all not, at
 * least one.  *cjk says which. */
size_t ptext_run_end(const char *s, size_t n, size_t i, int *cjk);

/* How pdf_show.c measures text for the layout below, in one font weight and
 * size.  width: the width in points of s[0..n) (valid UTF-8), 0 once
 * measuring has failed.  failed: non-zero once measuring has failed (the
 * measurer has recorded why); the layout then stops early. */
typedef struct {
	double (*width)(void *ctx, const char *s, size_t n);
	int (*failed)(void *ctx);
	void *ctx;
} ptext_measure;

/* The next line of a greedy word wrap of t[0..n) (valid UTF-8, *pos < n)
 * into lines no wider than width, as pdf.h describes for pdf_paragraph:
 * spaces at the line start are dropped; breaks at spaces and between CJK
 * characters; a word wider than the line is broken between characters, at
 * least one character a line; "\n" ends a line.  The line is
 * t[*start..*end) (may be empty); *pos moves past it, its trailing spaces
 * and one newline.  Returns 0, or -1 when measuring failed (the outputs
 * are then not set). */
int ptext_wrap_line(const char *t, size_t n, size_t *pos, double width,
                    const ptext_measure *m, size_t *start, size_t *end);

/* t[0..len) (valid UTF-8, NUL-terminated) into buf (n > 0 bytes) as
 * pdf_fit_text promises: unchanged when it fits both width and buf, else
 * the longest prefix ending at a character boundary, without trailing
 * spaces, followed by "…" that does; "" when not even "…" fits.  Widths
 * within PDF_FIT_SLACK (pdf.h) of width fit. */
void ptext_fit(const char *t, size_t len, double width, const ptext_measure *m, char *buf,
               size_t n);

#endif
