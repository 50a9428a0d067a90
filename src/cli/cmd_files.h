/*
 * cmd_files.h - paths compared by the files they name rather than by their
 * spelling, for the command line's checks of its inputs and outputs
 * (cmd_parse.c, cmd_tables.c; docs/outputs.md).
 */
#ifndef CHURNKIT_CLI_CMD_FILES_H
#define CHURNKIT_CLI_CMD_FILES_H

/* Splits path into a new directory string ("." when none, "/" for the
 * root; NULL when out of memory) and points *base at its last component
 * inside path.  Free the result. */
char *cmd_dir_of(const char *path, const char **base);

/* 1 when a and b are the same file (or would be, once created): an
 * existing file by device and inode, a file not yet there by the real path
 * of its directory and its name.  Two existing files that are not regular
 * files (a directory, /dev/null) are only the same when `any` is 1:
 * writing twice to a device overwrites nothing. */
int cmd_same_file(const char *a, const char *b, int any);

#endif
