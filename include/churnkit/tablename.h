/*
 * tablename.h - the part of a --tables file name that comes from the data
 * (a --by column's name, a level), made safe and short.
 *
 * Bytes other than ASCII letters, digits, '.', '-' and '_' become '_' (so
 * the result is always ASCII, whole characters).  A name whose safe form is
 * longer than TABLE_NAME_PART_MAX bytes is cut to TABLE_NAME_PART_MAX - 9
 * bytes and given a stable suffix, '-' and 8 hex digits of the 32-bit
 * FNV-1a hash of the whole original name: two long names that share their
 * first bytes still give two names, and the same name always gives the
 * same file (docs/outputs.md).  With the fixed parts of the names the
 * writers add, a file name stays well under the 255 bytes of a file name
 * on Linux file systems.
 */
#ifndef CHURNKIT_TABLENAME_H
#define CHURNKIT_TABLENAME_H

#include <stddef.h>

#define TABLE_NAME_PART_MAX 64

/* Appends the safe, short form of s (NULL reads as "NA") to the string in
 * buf (size n, NUL-terminated); what does not fit in buf is left out. */
void table_name_append(char *buf, size_t n, const char *s);

#endif
