/*
 * num.h - strict parsing of numbers and yes/no flags from CSV fields.
 *
 * A number is optional blanks, an optional sign, digits with at most one
 * decimal mark ('.' or, with decimal ',', a comma), an optional exponent,
 * optional blanks: "12", "-0.5", "1e3", " 3.25 ".  Everything strtod would
 * also take but a spreadsheet user would not mean (hex, "inf", "nan",
 * thousands separators, "1.2.3") is refused.  Parsing is locale-independent.
 * Nothing here allocates or keeps state.
 */
#ifndef CHURNKIT_NUM_H
#define CHURNKIT_NUM_H

#include <stddef.h>

/* Parses `len` bytes of `s` with decimal mark `decimal` ('.' or ',').
 * Returns 1 and sets *out on success, 0 when the text is not a number
 * (including an empty or blank field, and values that overflow a double). */
int num_parse(const char *s, size_t len, char decimal, double *out);

/* x, or +0.0 when x prints as zero with `decimals` digits after the point
 * (|x| below half a unit of the last digit, -0.0 included), so that a
 * difference of cancelling terms never prints as "-0.00". */
double num_print_zero(double x, int decimals);

/* Formats `x` (finite) with the fewest significant digits, 15 to 17, that
 * read back to the same double (-0.0 as "0"); returns buf. */
char *num_format_shortest(double x, char buf[static 32]);

/* 1 when `len` bytes of `s` are empty or only blanks (space, tab, CR, LF). */
int num_is_blank(const char *s, size_t len);

/* Parses a yes/no flag: 1/true/yes/y -> 1, 0/false/no/n -> 0 (any case,
 * blanks around allowed).  Returns 1 on success, 0 otherwise. */
int flag_parse(const char *s, size_t len, int *out);

#endif
