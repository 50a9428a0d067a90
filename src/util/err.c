/* err.c - the error record of include/churnkit/err.h. */
#include "churnkit/err.h"
#include "churnkit/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void churn_err_clear(churn_err *err)
{
	if (err == NULL)
		return;
	err->code = CHURN_OK;
	err->file[0] = '\0';
	err->line = 0;
	err->col = 0;
	err->msg[0] = '\0';
}

static void set_msg(churn_err *err, const char *fmt, va_list ap)
{
	int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	/* A message cut short ends on a whole UTF-8 character, then "...". */
	if (n >= (int)sizeof err->msg)
		memcpy(err->msg + utf8_whole(err->msg, sizeof err->msg - 4), "...", 4);
}

churn_status churn_err_at(churn_err *err, churn_status code, const char *file,
                          long line, long col, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->file[utf8_whole(err->file, strlen(err->file))] = '\0';
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
	return code;
}

churn_status churn_err_set(churn_err *err, churn_status code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	err->file[0] = '\0';
	err->line = 0;
	err->col = 0;
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
	return code;
}

char *churn_err_format(const churn_err *err, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (err->file[0] == '\0')
		snprintf(buf, n, "%s", err->msg);
	else if (err->line <= 0)
		snprintf(buf, n, "%s: %s", err->file, err->msg);
	else if (err->col <= 0)
		snprintf(buf, n, "%s:%ld: %s", err->file, err->line, err->msg);
	else
		snprintf(buf, n, "%s:%ld:%ld: %s", err->file, err->line, err->col,
		         err->msg);
	return buf;
}

int churn_status_exit_code(churn_status code)
{
	static const int exits[] = {
		[CHURN_OK] = 0,     [CHURN_EDATA] = 1,  [CHURN_EUSAGE] = 2,
		[CHURN_EIO] = 3,    [CHURN_ENOMEM] = 4, [CHURN_EMODEL] = 1,
	};
	if ((unsigned)code >= sizeof exits / sizeof exits[0])
		return 1;
	return exits[code];
}

const char *churn_status_name(churn_status code)
{
	static const char *const names[] = {
		[CHURN_OK] = "ok",            [CHURN_EDATA] = "data error",
		[CHURN_EUSAGE] = "usage error", [CHURN_EIO] = "I/O error",
		[CHURN_ENOMEM] = "out of memory", [CHURN_EMODEL] = "model error",
	};
	if ((unsigned)code >= sizeof names / sizeof names[0])
		return "unknown error";
	return names[code];
}
