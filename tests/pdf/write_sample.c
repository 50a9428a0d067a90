/*
 * write_sample.c - writes the sample document (sample.h) to the file named
 * by its argument, for tests/pdf/sample.sh.  Paper: argv[2] ("a4" unless
 * given).  Exit 0 on success, 1 with a message on stderr otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "report/pdf/pdf.h"
#include "sample.h"

int main(int argc, char **argv)
{
	churn_err err;
	pdf_doc *d = NULL;
	pdf_paper paper = PDF_PAPER_A4;
	unsigned char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc = 1;

	churn_err_clear(&err);
	if (argc < 2 || argc > 3 || (argc == 3 && pdf_paper_parse(argv[2], &paper) != 0)) {
		fprintf(stderr, "usage: write_sample FILE.pdf [a4|letter]\n");
		return 2;
	}
	if (pdf_doc_new(paper, NULL, &d, &err) != CHURN_OK)
		goto done;
	pdf_doc_info(d, "Rapport Zürich 台北", "churnkit tests", "São Paulo");
	sample_draw(d);
	if (pdf_save(d, &buf, &len, &err) != CHURN_OK)
		goto done;
	f = fopen(argv[1], "wb");
	if (f == NULL || fwrite(buf, 1, len, f) != len) {
		if (f)
			fclose(f);
		fprintf(stderr, "write_sample: cannot write %s\n", argv[1]);
		goto done;
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "write_sample: cannot write %s\n", argv[1]);
		goto done;
	}
	rc = 0;
done:
	if (err.code != CHURN_OK)
		fprintf(stderr, "write_sample: %s\n", err.msg);
	free(buf);
	pdf_doc_free(d);
	return rc;
}
