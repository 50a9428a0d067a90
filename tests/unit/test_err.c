/* test_err.c - the error record and the exit-code table. */
#include "churnkit/err.h"
#include "churnkit/utf8.h"
#include "tap.h"

#include <string.h>

int main(void)
{
	churn_err e;
	char buf[600];

	churn_err_clear(&e);
	is_int(e.code, CHURN_OK, "err: a cleared record says OK");

	is_int(churn_err_at(&e, CHURN_EDATA, "a.csv", 12, 3, "bad date '%s'", "x"),
	       CHURN_EDATA, "err: churn_err_at returns the code it records");
	is_str(churn_err_format(&e, buf, sizeof buf), "a.csv:12:3: bad date 'x'",
	       "err: FILE:LINE:COLUMN: message");
	churn_err_at(&e, CHURN_EIO, "b.csv", 0, 0, "cannot open");
	is_str(churn_err_format(&e, buf, sizeof buf), "b.csv: cannot open",
	       "err: unknown line and column are left out");
	churn_err_at(&e, CHURN_EDATA, "b.csv", 4, 0, "short row");
	is_str(churn_err_format(&e, buf, sizeof buf), "b.csv:4: short row",
	       "err: unknown column alone is left out");
	churn_err_set(&e, CHURN_EUSAGE, "no input");
	is_str(churn_err_format(&e, buf, sizeof buf), "no input",
	       "err: a record without a file is the message alone");

	char longmsg[CHURN_ERR_MSG + 100];
	memset(longmsg, 'x', sizeof longmsg - 1);
	longmsg[sizeof longmsg - 1] = '\0';
	churn_err_set(&e, CHURN_EDATA, "%s", longmsg);
	ok(strlen(e.msg) == sizeof e.msg - 1 &&
	   strcmp(e.msg + sizeof e.msg - 4, "...") == 0,
	   "err: an over-long message is cut and ends with ...");

	is_int(churn_err_set(NULL, CHURN_EMODEL, "x"), CHURN_EMODEL,
	       "err: a NULL record still returns the code");

	is_int(churn_status_exit_code(CHURN_OK), 0, "err: OK exits 0");
	is_int(churn_status_exit_code(CHURN_EDATA), 1, "err: data error exits 1");
	is_int(churn_status_exit_code(CHURN_EMODEL), 1, "err: model error exits 1");
	is_int(churn_status_exit_code(CHURN_EUSAGE), 2, "err: usage error exits 2");
	is_int(churn_status_exit_code(CHURN_EIO), 3, "err: I/O error exits 3");
	is_int(churn_status_exit_code(CHURN_ENOMEM), 4, "err: out of memory exits 4, not the I/O status");
	/* A message cut at its size ends on a whole UTF-8 character:
	 * CHURN_ERR_MSG copies of the two-byte é cannot fit, and "é" may not be
	 * split. */
	{
		char text[2 * CHURN_ERR_MSG + 1];
		for (int k = 0; k < CHURN_ERR_MSG; k++)
			memcpy(text + 2 * k, "\xc3\xa9", 2);
		text[2 * CHURN_ERR_MSG] = '\0';
		churn_err e2;
		churn_err_set(&e2, CHURN_EDATA, "x%s", text);
		size_t n = strlen(e2.msg);
		ok(utf8_valid(e2.msg, n) && n >= 4 && strcmp(e2.msg + n - 3, "...") == 0,
		   "err: a message cut short ends on a whole character, then ...");
	}
	return done_testing();
}
