/* sums.h - the command's sums of counts and values from the input, saturating (sat.h), and
 * the one warning that says a total was held at the largest number.
 *
 * A total that stopped at 18446744073709551615 is not a real count, and a reader must be
 * told: every sum the reports make goes through these, and main warns once at the end of
 * the run when any of them (or the library's group totals, reported with sums_held) stopped.
 */
#ifndef GS_SUMS_H
#define GS_SUMS_H

#include <stdint.h>

uint64_t sum_u64(uint64_t a, uint64_t b);
int64_t sum_i64(int64_t a, int64_t b);
int64_t sum_sub(int64_t a, int64_t b);
/* A count as a signed quantity (diff, trend): INT64_MAX past it, which counts as held. */
int64_t sum_signed(uint64_t v);
/* A sum made elsewhere stopped (the library's group totals at UINT64_MAX). */
void sums_held(void);
/* Whether any sum stopped since the start of the run. */
int sums_were_held(void);

#endif
