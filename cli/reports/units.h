/* units.h - numbers for people: bytes, durations and counts as `go tool pprof` prints them.
 *
 * Bytes use binary steps with pprof's names (B, kB, MB, GB, TB: 1 kB = 1024 B), durations
 * step from ns through us and ms to s, and both print two decimals with a trailing ".00"
 * dropped, as pprof's ScaledLabel does ("1.52MB", "512kB", "62.50kB", "0").
 */
#ifndef GS_UNITS_H
#define GS_UNITS_H

#include <stdint.h>

#include "buf.h"
#include "kind.h"

void units_bytes(struct gs_buf *out, int64_t v);
void units_ns(struct gs_buf *out, int64_t v);
void units_format(struct gs_buf *out, enum gs_unit u, int64_t v);
/* "12.34%" of v in total; "-" when total is 0. */
void units_percent(struct gs_buf *out, int64_t v, int64_t total);
/* v / total * 100 rounded to two decimals, 0 when total is 0. */
double units_percent_value(int64_t v, int64_t total);

#endif
