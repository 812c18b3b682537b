/* sat.h - sums that stop at the largest number instead of wrapping. Counts and values come
 * from the input: three records of INT64_MAX must neither make the arithmetic undefined
 * nor print a small or negative total. The overflow tests are the compiler's (one flag
 * test): these run for every value of every record. */
#ifndef GS_SAT_H
#define GS_SAT_H

#include <stdint.h>

/* a + b, saturating at INT64_MAX / INT64_MIN */
static inline int64_t gs_sat_add(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

/* a - b, saturating the same way */
static inline int64_t gs_sat_sub(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_sub_overflow(a, b, &r))
		return b < 0 ? INT64_MAX : INT64_MIN;
	return r;
}

/* a + b, saturating at UINT64_MAX */
static inline uint64_t gs_sat_addu(uint64_t a, uint64_t b)
{
	uint64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return UINT64_MAX;
	return r;
}

/* A count as a signed value (diff's deltas are signed): INT64_MAX past it. */
static inline int64_t gs_sat_signed(uint64_t v)
{
	return v > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v;
}

#endif
