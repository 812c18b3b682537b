/* sums.c - see sums.h. */
#include "outputs/sums.h"

#include "sat.h"

/* Process state, not an option: whether a sum of this run stopped at its limit (one run
 * renders on one thread). */
static int held;

uint64_t sum_u64(uint64_t a, uint64_t b)
{
	uint64_t r = gs_sat_addu(a, b);

	if (r == UINT64_MAX && b != 0)
		held = 1;
	return r;
}

int64_t sum_i64(int64_t a, int64_t b)
{
	int64_t r = gs_sat_add(a, b);

	if ((r == INT64_MAX && b > 0) || (r == INT64_MIN && b < 0))
		held = 1;
	return r;
}

int64_t sum_sub(int64_t a, int64_t b)
{
	int64_t r = gs_sat_sub(a, b);

	if ((r == INT64_MAX && b < 0) || (r == INT64_MIN && b > 0))
		held = 1;
	return r;
}

int64_t sum_signed(uint64_t v)
{
	if (v > (uint64_t)INT64_MAX)
		held = 1;
	return gs_sat_signed(v);
}

void sums_held(void)
{
	held = 1;
}

int sums_were_held(void)
{
	return held;
}
