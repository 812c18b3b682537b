/* stall.h - the low-speed rule of a transfer, kept by us instead of libcurl.
 *
 * libcurl's CURLOPT_LOW_SPEED_LIMIT/TIME count from the start of the transfer: a process
 * with 200k goroutines stops the world and may send nothing for more than 15 s before the
 * first byte of its debug=2 dump, and libcurl would call that a stall whatever --timeout
 * says. Here the clock starts at the first body byte: before it only --timeout bounds the
 * wait; after it, a transfer under `limit` bytes per second for `time_ms` is stalled.
 * Speed is measured over steps of a second, as libcurl does, so a burst followed by
 * silence is not averaged away. Pure: times and byte counts in, a verdict out
 * (tests/cli/test_fetch.c).
 */
#ifndef GS_STALL_H
#define GS_STALL_H

#include <stdint.h>

#define STALL_STEP_MS 1000

struct stall {
	long limit;              /* bytes per second; 0: never stalled */
	long time_ms;            /* under the limit for this long is a stall */
	int started;             /* the first body byte came */
	long long step_ms;       /* the current step began ... */
	uint64_t step_bytes;     /* ... with this many bytes */
	long long slow_since_ms; /* the first slow step began, -1 while fast */
};

void stall_init(struct stall *s, long limit, long time_ms);
/* The transfer at now_ms (monotonic) has received bytes body bytes: 1 when it is stalled. */
int stall_check(struct stall *s, long long now_ms, uint64_t bytes);

#endif
