/* test_numfast.c - numfast_f6 and numfast_g15 give snprintf's bytes:
 * probabilities, amounts in cents, exact halves (round to even), values
 * near the fast paths' edges and values of every magnitude. */
#include "churnkit/numfast.h"
#include "tap.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Whether both formatters match snprintf on x; the first mismatch is
 * shown. */
static int matches(double x)
{
	char want[512], got[512];
	int nw = snprintf(want, sizeof want, "%.6f", x), ng = numfast_f6(x, got, sizeof got);
	if (nw != ng || strcmp(want, got) != 0) {
		diag("%%.6f of %a: want %s, got %s", x, want, got);
		return 0;
	}
	nw = snprintf(want, sizeof want, "%.15g", x);
	ng = numfast_g15(x, got, sizeof got);
	if (nw != ng || strcmp(want, got) != 0) {
		diag("%%.15g of %a: want %s, got %s", x, want, got);
		return 0;
	}
	return 1;
}

int main(void)
{
	char buf[64];
	is_int(numfast_f6(0.5, buf, sizeof buf), 8, "f6: the length");
	is_str(buf, "0.500000", "f6: 0.5");
	numfast_f6(1.0 / 128, buf, sizeof buf);
	is_str(buf, "0.007812", "f6: an exact half (1/128 = 0.0078125) rounds to even");
	numfast_f6(3.0 / 128, buf, sizeof buf);
	is_str(buf, "0.023438", "f6: 3/128 = 0.0234375 rounds to even, up");
	numfast_g15(439.01, buf, sizeof buf);
	is_str(buf, "439.01", "g15: an amount in cents");
	numfast_g15(-12, buf, sizeof buf);
	is_str(buf, "-12", "g15: a negative whole number, no point");
	numfast_g15(0.1 + 0.2, buf, sizeof buf);
	is_str(buf, "0.3", "g15: 0.1 + 0.2 to 15 digits");

	const double edge[] = {0, -0.0, 1, 1e-3, 9.99e-4, 1e-7, 5e-7, 4.999999e-7, 0.9999995,
	                       0.99999949999, 999.9999995, 1000, 1e14, 99999999999999.9, 1e15,
	                       123456789012345.0, 1234567.8901234, 0.1234567, 1.0 / 3, 2.0 / 3,
	                       M_PI, 1e300, -1e-300, 5e-324, INFINITY, -INFINITY, NAN, 0.0078125,
	                       0.0000005, 0.0000015, 0.0000025, 4503599627370496.5};
	int good = 1;
	for (size_t k = 0; k < sizeof edge / sizeof *edge; k++)
		good &= matches(edge[k]);
	ok(good, "the edge values: the same bytes as snprintf");

	uint64_t s = 88172645463325252u;
	good = 1;
	for (int k = 0; good && k < 200000; k++) {
		uint64_t r = next(&s);
		good &= matches((double)(r % 100000000) / 100);       /* cents */
		good &= matches((double)(r >> 11) / 9007199254740992.0); /* [0, 1) */
		good &= matches((double)(r % 4096) / 4096);          /* halves at the 6th decimal */
		good &= matches((double)(r % 2000001) / 2e6);          /* near ties */
		double any;
		uint64_t bits = next(&s);
		memcpy(&any, &bits, sizeof any);
		good &= matches(any);
		good &= matches(ldexp((double)(r >> 11), (int)(r % 80) - 90));
	}
	ok(good, "1.2 million random values: the same bytes as snprintf");
	return done_testing();
}
