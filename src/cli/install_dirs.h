/*
 * install_dirs.h - where `make install` put churnkit's files (README.md,
 * "Install"): the report definitions ($(pkgdatadir)/reports) and the man
 * page, as configured (--prefix), and the --config NAME lookup there.
 */
#ifndef CHURNKIT_INSTALL_DIRS_H
#define CHURNKIT_INSTALL_DIRS_H

#include <stddef.h>

/* The folder of the installed report definitions: CHURNKIT_REPORTS_DIR in
 * the environment when set and not empty (a relocated install), else the
 * configured $(pkgdatadir)/reports. */
const char *install_reports_dir(void);

/* The installed man page, as configured: $(mandir)/man1/churnkit.1. */
const char *install_man_page(void);

/* The file --config NAME reads: NAME itself when it names a path (holds a
 * '/'), is "-", or exists; else the report definition NAME (NAME.ini
 * when NAME has no .ini ending) in install_reports_dir() when that file
 * exists; else NAME (whose open then fails naming it).  The result is
 * `name` or buf (n bytes). */
const char *install_config_path(const char *name, char *buf, size_t n);

#endif
