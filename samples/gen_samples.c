/*
 * gen_samples.c - command line for the sample customer generator (gen.h).
 *
 *     gen_samples [--rows N] [--seed S] [--as-of yyyy-mm-dd] [--months M]
 *                 [--revenue FILE] [-o FILE]
 *
 * Writes the customer table to stdout or FILE.  Exit status: 0 success,
 * 2 usage error, 3 I/O error or out of memory.  Errors go to stderr as
 * "gen_samples: message".  The churn process is described in gen.c and in
 * samples/README.md.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_errno.h>

#include "churnkit/date.h"
#include "gen.h"

static const char usage_text[] =
	"Usage: gen_samples [OPTION]...\n"
	"Write a simulated customer table (CSV, UTF-8) with a known churn process.\n"
	"\n"
	"  --rows N           customers to write (default 5000)\n"
	"  --seed S           mt19937 seed, a whole number (default 42)\n"
	"  --as-of DATE       snapshot date yyyy-mm-dd; churn after it is censored\n"
	"                     (default 2026-10-31)\n"
	"  --months M         months of signup history ending with the as-of month\n"
	"                     (default 36)\n"
	"  --revenue FILE     also write the monthly revenue history\n"
	"                     (customer_id,month,mrr; one row per active month)\n"
	"  -o, --output FILE  write the customers to FILE instead of stdout\n"
	"  -h, --help         show this help and exit\n"
	"\n"
	"The same options and seed give the same bytes on every machine.\n"
	"nps is a 0-10 score, empty for about 15% of customers; churn_reason\n"
	"(last column) is empty for active customers.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("gen_samples: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'gen_samples --help'.\n", stderr);
	return 2;
}

/* Parses a whole decimal number in [0, hi] (no sign, no blanks); 1 on success. */
static int parse_whole(const char *s, unsigned long long hi, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > hi)
		return 0;
	*out = v;
	return 1;
}

/* Removes `path` when it is a regular file (never a device such as
 * /dev/full, nor what a symbolic link points to). */
static void remove_regular(const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		remove(path);
}

int main(int argc, char **argv)
{
	enum { OPT_ROWS = 256, OPT_SEED, OPT_AS_OF, OPT_MONTHS, OPT_REVENUE };
	static const struct option longopts[] = {
		{"rows", required_argument, NULL, OPT_ROWS},
		{"seed", required_argument, NULL, OPT_SEED},
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"months", required_argument, NULL, OPT_MONTHS},
		{"revenue", required_argument, NULL, OPT_REVENUE},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	gen_opts opts;
	const char *out_path = NULL, *rev_path = NULL;
	FILE *out = stdout, *rev = NULL;
	churn_err err;
	churn_status st;
	unsigned long long v;
	int c, status = 0, rev_opened = 0;

	gsl_set_error_handler_off();
	gen_opts_default(&opts);
	churn_err_clear(&err);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROWS:
			if (!parse_whole(optarg, GEN_MAX_ROWS, &v))
				return usage_error("--rows wants a whole number up to 100000000, "
				                   "not '%s'", optarg);
			opts.rows = (long)v;
			break;
		case OPT_SEED:
			if (!parse_whole(optarg, ULONG_MAX, &v))
				return usage_error("--seed wants a whole number, not '%s'", optarg);
			opts.seed = (unsigned long)v;
			break;
		case OPT_AS_OF:
			if (!date_parse(optarg, strlen(optarg), NULL, &opts.as_of))
				return usage_error("--as-of wants a date yyyy-mm-dd, not '%s'",
				                   optarg);
			break;
		case OPT_MONTHS:
			if (!parse_whole(optarg, GEN_MAX_MONTHS, &v) || v == 0)
				return usage_error("--months wants a whole number from 1 to 1200, "
				                   "not '%s'", optarg);
			opts.months = (int)v;
			break;
		case OPT_REVENUE:
			rev_path = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return fflush(stdout) == 0 ? 0 : 3;
		case ':':
			return usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);

	if (out_path != NULL && (out = fopen(out_path, "w")) == NULL) {
		fprintf(stderr, "gen_samples: %s: %s\n", out_path, strerror(errno));
		return 3;
	}
	if (rev_path != NULL && (rev = fopen(rev_path, "w")) == NULL) {
		fprintf(stderr, "gen_samples: %s: %s\n", rev_path, strerror(errno));
		status = 3;
		goto done;
	}
	rev_opened = rev != NULL;

	st = gen_samples_write(&opts, out, rev, &err);
	if (st == CHURN_EIO) {  /* name the stream that failed */
		int rev_failed = rev != NULL && ferror(rev);
		fprintf(stderr, "gen_samples: %s: write error\n",
		        rev_failed ? rev_path : out_path != NULL ? out_path : "stdout");
		status = 3;
	} else if (st != CHURN_OK) {
		char msg[1024];
		fprintf(stderr, "gen_samples: %s\n", churn_err_format(&err, msg, sizeof msg));
		status = st == CHURN_EUSAGE ? 2 : 3;
	}

done:
	if (rev != NULL && fclose(rev) != 0 && status == 0) {
		fprintf(stderr, "gen_samples: %s: %s\n", rev_path, strerror(errno));
		status = 3;
	}
	if (out_path != NULL) {
		if (fclose(out) != 0 && status == 0) {
			fprintf(stderr, "gen_samples: %s: %s\n", out_path, strerror(errno));
			status = 3;
		}
	} else if (fflush(stdout) != 0 && status == 0) {
		fprintf(stderr, "gen_samples: stdout: %s\n", strerror(errno));
		status = 3;
	}
	if (status != 0) {  /* leave no half-written files behind */
		if (out_path != NULL)
			remove_regular(out_path);
		if (rev_opened)
			remove_regular(rev_path);
	}
	return status;
}
