/*
 * sniff.c - what the first bytes of the input say: an encoding the loader
 * refuses (UTF-16, UTF-32), Excel's "sep=X" line and the delimiter of the
 * header line.
 */
#include "loader.h"

#include <string.h>

/* Refuses UTF-32 and UTF-16 input by its byte-order mark, or without one
 * by its zero bytes (ASCII letters in UTF-32 have three zero bytes each, in
 * UTF-16 one); UTF-32 is tested first, since its little-endian mark begins
 * with UTF-16's. */
churn_status loader_sniff_encoding(const char *name, const char *s, size_t n,
                                   churn_err *err)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 4 && ((u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) ||
	               (u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)))
		return churn_err_at(err, CHURN_EDATA, name, 1, 1,
		                    "the file is UTF-32; save it as UTF-8");
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return churn_err_at(err, CHURN_EDATA, name, 1, 1,
		                    "the file is UTF-16; say --encoding utf-16 (or save it "
		                    "as UTF-8)");
	if (n >= 4 && ((u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] != 0) ||
	               (u[0] != 0 && u[1] == 0 && u[2] == 0 && u[3] == 0)))
		return churn_err_at(err, CHURN_EDATA, name, 1, 1,
		                    "the file looks like UTF-32 (three zero bytes to each "
		                    "letter); save it as UTF-8");
	if (n >= 4 && ((u[0] == 0 && u[2] == 0 && u[1] != 0 && u[3] != 0) ||
	               (u[1] == 0 && u[3] == 0 && u[0] != 0 && u[2] != 0)))
		return churn_err_at(err, CHURN_EDATA, name, 1, 1,
		                    "the file looks like UTF-16 (every other byte is "
		                    "zero); say --encoding %s (or save it as UTF-8)",
		                    u[0] == 0 ? "utf-16be" : "utf-16le");
	return CHURN_OK;
}

/* Picks the delimiter from the header line: the most frequent of , ; tab
 * outside quotes; a comma when none occurs. */
char loader_detect_delimiter(const char *s, size_t n)
{
	size_t counts[3] = {0, 0, 0};
	int quoted = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted && s[i] == ',')
			counts[0]++;
		else if (!quoted && s[i] == ';')
			counts[1]++;
		else if (!quoted && s[i] == '\t')
			counts[2]++;
	}
	if (counts[1] > counts[0] && counts[1] >= counts[2])
		return ';';
	if (counts[2] > counts[0] && counts[2] > counts[1])
		return '\t';
	return ',';
}

size_t loader_sep_line(const char *s, size_t n, char *delim)
{
	if (n < 6 || memcmp(s, "sep=", 4) != 0 || s[4] == '\r' || s[4] == '\n' || s[4] == '"' ||
	    (s[5] != '\n' && s[5] != '\r'))
		return 0;
	*delim = s[4];
	return s[5] == '\r' && n > 6 && s[6] == '\n' ? 7 : 6;
}
