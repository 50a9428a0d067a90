/*
 * intern.h - a string interning table: each distinct byte string gets a
 * dense index 0, 1, 2, ... in first-seen order.
 *
 * Open addressing with linear probing on a word-at-a-time hash; the table
 * doubles when it is half full.  The intern table owns copies of the
 * strings, all in one block of text (no allocation per string); the caller
 * can take them over with intern_take_text.  Lookups are by
 * (pointer, length), so fields need not be NUL-terminated.
 */
#ifndef CHURNKIT_INTERN_H
#define CHURNKIT_INTERN_H

#include <stddef.h>
#include <stdint.h>

typedef struct intern intern;

/* Returns a new empty table, or NULL when out of memory. */
intern *intern_new(void);
/* Frees the table and the strings it still owns.  Accepts NULL. */
void intern_free(intern *in);

/* The index of `s` (len bytes), adding it when new; sets *added to 1 when it
 * was new (added may be NULL).  Returns UINT32_MAX when out of memory. */
uint32_t intern_add(intern *in, const char *s, size_t len, int *added);

/* Sizes the table for n strings, so that adding them never resizes it.
 * Returns 0 when out of memory (the table is left as it was). */
int intern_reserve(intern *in, size_t n);
/* Starts loading the slot where `s` would be probed for, so that an
 * intern_add of it a little later (after other work) finds it in cache:
 * with a million ids the slot array is far larger than the cache. */
void intern_prefetch(const intern *in, const char *s, size_t len);
/* The index of `s`, or UINT32_MAX when absent. */
uint32_t intern_find(const intern *in, const char *s, size_t len);

/* Number of distinct strings, and string k (NUL-terminated, owned by the
 * table until taken). */
size_t intern_count(const intern *in);
const char *intern_string(const intern *in, uint32_t k);

/* Hands the strings to the caller: an array of intern_count pointers into
 * one block of text, returned in *text; the caller frees the array and the
 * text (each once).  The table keeps none.  NULL when out of memory. */
char **intern_take_text(intern *in, char **text);

#endif
