/* install_dirs.c - the installed report definitions and man page
 * (install_dirs.h). */
#include "config.h"

#include "install_dirs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CHURNKIT_REPORTS_DIR
#error "CHURNKIT_REPORTS_DIR is set by src/cli/local.mk"
#endif
#ifndef CHURNKIT_MAN_PAGE
#error "CHURNKIT_MAN_PAGE is set by src/cli/local.mk"
#endif

const char *install_reports_dir(void)
{
	const char *env = getenv("CHURNKIT_REPORTS_DIR");
	return env != NULL && env[0] != '\0' ? env : CHURNKIT_REPORTS_DIR;
}

const char *install_man_page(void)
{
	return CHURNKIT_MAN_PAGE;
}

const char *install_config_path(const char *name, char *buf, size_t n)
{
	size_t len = strlen(name);
	int has_ini = len > 4 && strcmp(name + len - 4, ".ini") == 0;
	int k;

	if (len == 0 || strchr(name, '/') != NULL || strcmp(name, "-") == 0 ||
	    access(name, F_OK) == 0)
		return name;
	k = snprintf(buf, n, "%s/%s%s", install_reports_dir(), name, has_ini ? "" : ".ini");
	if (k < 0 || (size_t)k >= n || access(buf, R_OK) != 0)
		return name;
	return buf;
}
