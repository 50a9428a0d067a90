/*
 * fieldread.h - how the loader reads one field's text as a number, a yes/no
 * flag or a billing interval, and which option would read a number it
 * cannot (docs/inputs.md, "Numbers" and "Flags").
 *
 * A number is num_parse's (num.h) with the decimal mark `decimal`, and also:
 *   - with a thousands separator `thousands` ('.', ',', '\'' or ' '; 0 =
 *     none), digit groups before the decimal mark: 1 to 3 digits, then
 *     groups of exactly 3 each after a separator ("1.234.567,50" with '.'
 *     and ','); a space separator also matches U+00A0 and U+202F (no-break
 *     spaces, as French and Swiss spreadsheets write them);
 *   - one currency sign or ISO 4217 code before or after the number, blanks
 *     between allowed (and the no-break spaces U+00A0 and U+202F): "€
 *     1.234,50", "1234.50 EUR", "$1,234", "CHF 12", "-$5", "$-5", a French
 *     "1 234,50 €" with U+202F.  The signs are $ € £ ¥ ₹ ₽ ₩ ₺ ₪; the codes a fixed list
 *     of the common ones (three capitals that are not a currency, "SKU 12",
 *     stay text).
 * A text with a separator in a wrong place ("1.23.4", "12,34" with ','
 * as thousands) is not a number, nor one whose first group begins with 0
 * ("0,001" with ',' as thousands: a decimal, never 1).
 *
 * Nothing here allocates or keeps state; parsing is locale-independent.
 */
#ifndef CHURNKIT_FIELDREAD_H
#define CHURNKIT_FIELDREAD_H

#include <stddef.h>

/* Parses `len` bytes of `s` as a number by the rules above.  Returns 1 and
 * sets *out on success, 0 otherwise (a blank field included). */
int fieldread_number(const char *s, size_t len, char decimal, char thousands,
                     double *out);

/* 1 when c may be given to --thousands: '.', ',', '\'' or ' '. */
int fieldread_thousands_ok(char c);

/* For a text that is not a number with (decimal, thousands): the options
 * that would read it ("--decimal ,", "--thousands .", "--decimal ,
 * --thousands .", ...), as a static string; NULL when no other mark reads
 * it either. */
const char *fieldread_number_hint(const char *s, size_t len, char decimal,
                                  char thousands);

/* Reads a yes/no flag, blanks around allowed, any case: 1, true, yes, y,
 * ja, oui, sí, si, da, igen, 是 -> 1; 0, false, no, n, nein, non, nu, nem,
 * 否 -> 0.  Returns 1 on success, 0 otherwise. */
int fieldread_flag(const char *s, size_t len, int *out);

/* 1 when the `len` bytes of `s` and the NUL-terminated `want` are equal
 * ignoring blanks around `s` and `want` and ASCII case: how --event
 * COL=VALUE matches. */
int fieldread_same_word(const char *s, size_t len, const char *want);

/* Reads a billing interval, blanks around allowed, any case: month, months,
 * monthly; quarter, quarters, quarterly; year, years, yearly, annual,
 * annually; week, weeks, weekly; day, days, daily.  One interval's amount
 * is amount * *mul / *div a month: month 1/1, quarter 1/3, year 1/12,
 * week 52/12, day 365.25/12 (multiplied, then
 * divided, so that 1200 a year is exactly 100 a month).  Returns 1 on
 * success, 0 for anything else. */
int fieldread_interval(const char *s, size_t len, double *mul, double *div);

#endif
