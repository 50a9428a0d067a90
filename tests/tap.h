/*
 * tap.h - a small Test Anything Protocol producer for churnkit's unit tests.
 *
 * Each test program calls the assertions below, then returns done_testing()
 * from main.  Output goes to stdout as TAP ("ok 1 - description"), read by
 * automake's tap-driver.  Descriptions are sentences saying the behaviour.
 *
 * Floating-point checks mirror GSL's gsl_test_rel: is_double_rel passes when
 * |got - want| <= rtol * |want| (or both are NaN, or both are the same
 * infinity); is_double_abs compares with an absolute tolerance.  A NaN is
 * never equal to a number.  The harness keeps its counters in a struct
 * owned by tap.c for the life of the test process.
 */
#ifndef CHURNKIT_TAP_H
#define CHURNKIT_TAP_H

#include <stddef.h>

/* Announces the number of planned tests; optional (done_testing prints the
 * plan when none was given). */
void plan(int n);

/* Passes when `cond` is true.  Returns `cond` != 0. */
int ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int is_int(long long got, long long want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int is_str(const char *got, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int is_double_rel(double got, double want, double rtol, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int is_double_abs(double got, double want, double atol, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Prints a "# " diagnostic line. */
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Skips `n` tests with a reason. */
void skip(int n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints the plan if none was given; returns 0 when every test passed and
 * the plan (if given) was met, 1 otherwise, for use as main's return. */
int done_testing(void);

/* Path helper: joins the environment variable `top_srcdir` (or ".") with
 * `rel` into `buf`; returns buf. */
const char *tap_srcpath(char *buf, size_t n, const char *rel);

#endif
