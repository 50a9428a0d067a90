/* progress.c - the progress line on standard error (progress.h). */
#include "config.h"

#include "progress.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROGRESS_DELAY 1.0  /* seconds a run lasts before the line shows */

int cli_timing_wanted(void)
{
	const char *s = getenv("CHURNKIT_TIMING");
	return s != NULL && strcmp(s, "1") == 0;
}

churn_status cli_progress_start(cli_progress *p, stagetime *t, const cli_opts *o,
                                churn_err *err)
{
	const char *s = getenv("CHURNKIT_PROGRESS_DELAY");
	double delay = PROGRESS_DELAY;

	stagetime_start(t, cli_timing_wanted());
	p->f = stderr;
	p->width = 0;
	if (opt_isset(o, OPT_NO_PROGRESS) || opt_isset(o, OPT_QUIET))
		return CHURN_OK;
	if (!opt_isset(o, OPT_PROGRESS) && !isatty(fileno(stderr)))
		return CHURN_OK;
	if (s != NULL && *s != '\0') {
		char *end;
		errno = 0;
		delay = strtod(s, &end);
		if (errno || *end || !(delay >= 0 && delay <= 3600))
			return churn_err_set(err, CHURN_EUSAGE,
			                     "CHURNKIT_PROGRESS_DELAY '%s': give seconds, 0 to 3600", s);
	}
	stagetime_show(t, cli_progress_show, p, delay);
	return CHURN_OK;
}

/* "12.3 s" under a minute, "4:05" (minutes:seconds) above. */
static void format_elapsed(double s, char *buf, size_t n)
{
	if (s < 60)
		snprintf(buf, n, "%.1f s", s);
	else
		snprintf(buf, n, "%ld:%02ld", (long)s / 60, (long)s % 60);
}

/* "45.2 of 92.1 MB (49%)", "120000 rows", "3 of 5 folds (60%)". */
static void format_count(const stagetime_view *v, char *buf, size_t n)
{
	int bytes = strcmp(v->unit, "bytes") == 0;
	double scale = bytes ? 1e-6 : 1;
	const char *unit = bytes ? "MB" : v->unit;
	int prec = bytes ? 1 : 0;

	if (v->total > 0)
		snprintf(buf, n, "%.*f of %.*f %s (%.0f%%)", prec, v->done * scale, prec,
		         v->total * scale, unit, 100 * (v->done < v->total ? v->done / v->total : 1));
	else
		snprintf(buf, n, "%.*f %s", prec, v->done * scale, unit);
}

void cli_progress_show(void *ctx, const stagetime_view *v)
{
	cli_progress *p = ctx;
	char line[160], count[80], elapsed[32];
	int len;

	if (v->clear) {
		fprintf(p->f, "\r%*s\r", (int)p->width, "");
		p->width = 0;
		fflush(p->f);
		return;
	}
	format_elapsed(v->elapsed, elapsed, sizeof elapsed);
	count[0] = '\0';
	if (v->unit != NULL)
		format_count(v, count, sizeof count);
	len = snprintf(line, sizeof line, "churnkit: %s%s%s, %s", v->stage, count[0] ? ": " : "",
	               count, elapsed);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof line)
		len = (int)sizeof line - 1;
	/* Spaces over what the longer line before left behind. */
	fprintf(p->f, "\r%s%*s", line, p->width > (size_t)len ? (int)(p->width - (size_t)len) : 0,
	        "");
	fflush(p->f);
	p->width = (size_t)len;
}
