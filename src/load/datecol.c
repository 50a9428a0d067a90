/* datecol.c - see datecol.h. */
#include "datecol.h"

#include "churnkit/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

churn_status datecols_init(datecols *dc, const load_opts *opts, churn_err *err)
{
	char why[200];
	memset(dc, 0, sizeof *dc);
	if (!dt_spec_read(opts->date_format, &dc->spec, why, sizeof why))
		return churn_err_set(err, CHURN_EUSAGE, "%s", why);
	return CHURN_OK;
}

void datecols_free(datecols *dc)
{
	free(dc->det);
	free(dc->reading);
	free(dc->nvalues);
	free(dc->nfail);
	free(dc->failfit);
	dc->n = 0;
}

int datecols_auto(const datecols *dc)
{
	return dc->spec.reading == DT_AUTO;
}

/* Makes the per-column state for the loader's fields; 0 (with ld->st set)
 * when out of memory. */
static int ensure(datecols *dc, loader *ld)
{
	size_t n = ld->nfields;
	if (dc->n != 0)
		return 1;
	dc->det = calloc(n, sizeof *dc->det);
	dc->reading = calloc(n, sizeof *dc->reading);
	dc->nvalues = calloc(n, sizeof *dc->nvalues);
	dc->nfail = calloc(n, sizeof *dc->nfail);
	dc->failfit = calloc(n, sizeof *dc->failfit);
	if (!dc->det || !dc->reading || !dc->nvalues || !dc->nfail || !dc->failfit) {
		ld->st = churn_err_set(ld->err, CHURN_ENOMEM, "out of memory");
		return 0;
	}
	for (size_t j = 0; j < n; j++) {
		dt_detect_init(&dc->det[j], ld->opts->date_min, ld->opts->date_max);
		dc->reading[j] = datecols_auto(dc) ? DT_ISO : dc->spec.reading;
	}
	dc->n = n;
	return 1;
}

/* The field of the date column with role `role`, or -1. */
static long date_field(const loader *ld, load_role role)
{
	long k = ld->role_col[role];
	return k >= 0 && ld->cols[k].kind == TABLE_DATE ? k : -1;
}

static const load_role date_roles[] = {ROLE_START, ROLE_END, ROLE_ENTRY};
#define NDATE_ROLES (sizeof date_roles / sizeof date_roles[0])

int datecol_detect_row(loader *ld)
{
	datecols *dc = ld->dates;
	int settled = 1;
	if (!ensure(dc, ld))
		return 0;
	for (size_t i = 0; i < NDATE_ROLES; i++) {
		long k = date_field(ld, date_roles[i]);
		if (k < 0)
			continue;
		const char *s = ld->rec.buf.s + ld->rec.off[k];
		size_t len = ld->rec.len[k];
		if (!num_is_blank(s, len))
			dt_detect_feed(&dc->det[k], s, len, ld->line_no);
		settled &= dt_detect_settled(&dc->det[k]);
	}
	/* Every date column has its reading: the rest of the input can only
	 * confirm it or hold bad values, which the load proper finds. */
	if (settled)
		ld->header_only = 1;
	return 0;
}

/* The readings the file's date columns other than `self` settled on from
 * their own values (one live reading each), as a mask. */
static unsigned settled_elsewhere(const datecols *dc, const loader *ld, long self)
{
	unsigned mask = 0;
	for (size_t i = 0; i < NDATE_ROLES; i++) {
		long k = date_field(ld, date_roles[i]);
		if (k >= 0 && k != self && dt_detect_settled(&dc->det[k]))
			mask |= dc->det[k].live;
	}
	return mask;
}

churn_status datecols_choose(datecols *dc, const loader *ld, churn_err *err)
{
	for (size_t i = 0; i < NDATE_ROLES && dc->n > 0; i++) {
		long k = date_field(ld, date_roles[i]);
		char why[160];
		unsigned both;
		if (k < 0)
			continue;
		if (dt_detect_choose(&dc->det[k], &dc->reading[k], why, sizeof why))
			continue;
		/* A column whose values fit several forms (few churn dates, all
		 * with a day <= 12) takes the form another date column of the
		 * same file settled on, when exactly one of its forms is that
		 * (docs/inputs.md, "Dates"): one export writes one date form. */
		both = dc->det[k].live & settled_elsewhere(dc, ld, k);
		if (both != 0 && (both & (both - 1)) == 0) {
			int r = 0;
			while (!(both & (1u << r)))
				r++;
			dc->reading[k] = (dt_reading)r;
			continue;
		}
		return churn_err_at(err, CHURN_EDATA, ld->name, dc->det[k].amb_line, k + 1,
		                    "the dates in column '%s' fit more than one form, which "
		                    "read '%s' differently: say %s", ld->cols[k].name,
		                    dc->det[k].amb_text, why);
	}
	return CHURN_OK;
}

/* What a reading expects, for messages. */
static const char *expected(const datecols *dc, dt_reading r)
{
	switch (r) {
	case DT_ISO:
	case DT_AUTO:
		return "yyyy-mm-dd";
	case DT_EPOCH:
		return "Unix seconds";
	case DT_EPOCH_MS:
		return "Unix milliseconds";
	case DT_STRPTIME:
		return dc->spec.strp;
	default:
		return dt_reading_name(r);
	}
}

int datecol_parse(loader *ld, size_t j, const char *s, size_t len, int32_t *day)
{
	datecols *dc = ld->dates;
	int32_t days[DT_NKNOWN];
	if (!ensure(dc, ld))
		return 0;
	dt_reading r = dc->reading[j];
	dc->nvalues[j]++;
	if (dt_parse(s, len, r, dc->spec.strp, day))
		return 1;
	dc->nfail[j]++;
	unsigned fit = dt_fits(s, len, ld->opts->date_min, ld->opts->date_max, days);
	for (int k = 0; k < DT_NKNOWN; k++)
		if (fit & (1u << k))
			dc->failfit[j][k]++;
	return 0;
}

const char *datecol_expected(const datecols *dc, size_t j)
{
	return expected(dc, dc->n > j ? dc->reading[j] : dc->spec.reading);
}

void datecols_hint(const datecols *dc, loader *ld)
{
	if (ld->res->hint[0] != '\0')
		return;  /* a number's or the encoding's hint came first */
	for (size_t i = 0; i < NDATE_ROLES && dc->n > 0; i++) {
		long k = date_field(ld, date_roles[i]);
		int best = -1;
		if (k < 0 || dc->nfail[k] * 2 <= dc->nvalues[k])
			continue;
		for (int r = 0; r < DT_NKNOWN; r++)
			if (r != (int)dc->reading[k] &&
			    (best < 0 || dc->failfit[k][r] > dc->failfit[k][best]))
				best = r;
		if (best >= 0 && dc->failfit[k][best] * 2 > dc->nfail[k]) {
			snprintf(ld->res->hint, sizeof ld->res->hint,
			         "most dates in column '%s' read with --date-format '%s'",
			         ld->cols[k].name, dt_reading_name((dt_reading)best));
			return;
		}
	}
}
