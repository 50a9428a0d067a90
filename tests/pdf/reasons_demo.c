/* reasons_demo.c - the report with only its page "Why customers leave"
 * (report_reasons.h), from a hand-built input: six reasons, payment
 * failures grown from 1.1% to 1.9% of the customers at start, and their
 * cumulative incidence over 36 months.  tests/pdf/reasons.sh reads it back
 * with pdftotext.
 *
 * Usage: reasons_demo FILE.pdf [none]   ("none": reasons NULL, no page) */
#include "churnkit/findings_reasons.h"
#include "churnkit/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NT 36
#define NR 6

int main(int argc, char **argv)
{
	static const reason_count reasons[NR] = {
		{ "Price", 0, { 62, 58 }, { 5580, 5100  }, 0, { 0, 0 }, NULL },
		{ "Product gaps", 0, { 31, 30 }, { 4650, 4400  }, 0, { 0, 0 }, NULL },
		{ "Service", 0, { 18, 21 }, { 1620, 2000  }, 0, { 0, 0 }, NULL },
		{ "Moved to a competitor", 0, { 25, 22 }, { 3000, 2500  }, 0, { 0, 0 }, NULL },
		{ "Payment failed", 1, { 76, 44 }, { 3800, 2100  }, 0, { 0, 0 }, NULL },
		{ "Business closed", 0, { 12, 15 }, { 720, 900  }, 0, { 0, 0 }, NULL },
	};
	static const double total[NR] = { 0.14, 0.07, 0.05, 0.06, 0.09, 0.03 };
	static const double tau[NR] = { 10, 14, 6, 18, 4, 20 };
	static const report_gray gray[NR] = {
		{ 12.1, 2, 0.0024 }, { 3.2, 2, 0.20 }, { 1.1, 2, 0.58 },
		{ 0.4, 2, 0.82 }, { 25.3, 2, 3.2e-6 }, { 2.0, 2, 0.37 },
	};
	double time[NT], est[NR][NT];
	const double *cuminc[NR];
	reasons_findings *f = NULL;
	unsigned char *pdf = NULL;
	size_t len = 0;
	churn_err err;

	if (argc < 2) {
		fprintf(stderr, "usage: reasons_demo FILE.pdf [none]\n");
		return 2;
	}
	memset(&err, 0, sizeof err);
	for (size_t i = 0; i < NT; i++)
		time[i] = (double)(i + 1);
	for (size_t k = 0; k < NR; k++) {
		for (size_t i = 0; i < NT; i++)
			est[k][i] = total[k] * (1 - exp(-time[i] / tau[k]));
		cuminc[k] = est[k];
	}
	report_reasons rr;
	memset(&rr, 0, sizeof rr);
	rr.breakdown = (reasons_breakdown){ reasons, NR, { 4000, 4000 }, { "2026 Q3", "2026 Q2" } };
	if (findings_reasons_build(&rr.breakdown, 0.05, 0.25, &f, &err) != CHURN_OK) {
		fprintf(stderr, "reasons_demo: %s\n", err.msg);
		return 1;
	}
	rr.found = f;
	rr.time = time;
	rr.ntime = NT;
	rr.cuminc = cuminc;
	rr.time_unit = "months";
	rr.gray_by = "Contract";
	rr.gray = gray;

	report_input in;
	memset(&in, 0, sizeof in);
	in.title = "Quarterly retention review";
	in.company = "Demo Ltd";
	in.version = "test";
	in.input_name = "demo.csv";
	in.sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
	in.max_bad_fraction = NAN;
	in.alpha = 0.05;
	in.min_n = 30;
	in.revenue_at_risk = in.cost_previous = NAN;
	in.horizon_months = 12;
	in.ph_alpha = 0.05;
	in.currency = "EUR";
	in.time_unit = "months";
	in.reasons = argc > 2 && strcmp(argv[2], "none") == 0 ? NULL : &rr;
	churn_status st = report_render(&in, &pdf, &len, NULL, &err);
	findings_reasons_free(f);
	if (st != CHURN_OK) {
		fprintf(stderr, "reasons_demo: %s\n", err.msg);
		return 1;
	}
	FILE *fp = fopen(argv[1], "wb");
	int bad = fp == NULL || fwrite(pdf, 1, len, fp) != len;
	if (fp != NULL && fclose(fp) != 0)
		bad = 1;
	free(pdf);
	if (bad) {
		fprintf(stderr, "reasons_demo: cannot write %s\n", argv[1]);
		return 3;
	}
	return 0;
}
