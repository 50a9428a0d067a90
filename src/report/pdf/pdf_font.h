/*
 * pdf_font.h - the fonts of the libharu layer (private to src/report/pdf;
 * defined in pdf_font.c): loading a TrueType font with a valid ToUnicode
 * map, cleaning text to valid UTF-8 of a length libharu takes, and setting
 * text run by run (CJK in WenQuanYi, the rest in DejaVu).
 *
 * Every function records its error in d (pdf_internal.h).
 */
#ifndef CHURNKIT_REPORT_PDF_FONT_H
#define CHURNKIT_REPORT_PDF_FONT_H

#include <stddef.h>

#include <hpdf.h>

#include "report/pdf/pdf.h"

/* The longest text pdf/ hands libharu, in bytes.  libharu refuses a
 * string over 65535 bytes ("string too long", HPDF_LIMIT_MAX_STRING_LEN),
 * and a level name or a title from the data can be longer: such a text is
 * cut to this length at a whole character and ends with "…" (no text of
 * the report comes near it otherwise). */
#define PDF_TEXT_MAX_BYTES 16384

/* A valid UTF-8 copy of s[0..n) (ptext_clean), cut to PDF_TEXT_MAX_BYTES;
 * NULL and the error recorded when out of memory.  Free with free(). */
char *pdf_clean_utf8(pdf_doc *d, const char *s, size_t n);

/* Loads the TrueType font at path (index in a collection; pkg names the
 * Debian package for the error message) and gives it a valid ToUnicode
 * map; NULL and the error recorded on failure. */
HPDF_Font pdf_font_load(pdf_doc *d, const char *path, int index, const char *pkg);

/* Calls fn(d, font, run, len, arg) for each run of s[0..n) (valid UTF-8)
 * that is all CJK or all not.  Stops early when fn returns non-zero or an
 * error is recorded; returns fn's last value. */
typedef int (*pdf_run_fn)(pdf_doc *d, HPDF_Font f, const char *run, size_t len, void *arg);
int pdf_for_each_run(pdf_doc *d, const char *s, size_t n, pdf_weight w, pdf_run_fn fn,
                     void *arg);

/* Width of s[0..n) (valid UTF-8) in weight w at size (points); 0 after an
 * error. */
double pdf_width_n(pdf_doc *d, const char *s, size_t n, pdf_weight w, double size);

#endif
