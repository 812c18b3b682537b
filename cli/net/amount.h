/* amount.h - the amounts people write on the command line and in the environment:
 * durations (--timeout, --low-speed-time, fetch --every) and sizes (--max-size,
 * GOSTACKS_MAX_MEMORY). Pure, no state; net/ and input/ both read them, so they live in
 * the lower room (tests/test_fetch.c).
 */
#ifndef GS_AMOUNT_H
#define GS_AMOUNT_H

#include <stdint.h>

/* "500ms", "30s", "5m", "1h", "1m30s", "1.5s"; a bare number is seconds. 0 or -1. */
int amount_parse_duration(const char *s, long *ms);
/* "1048576", "64k", "10M", "1G", "1GiB", "512KB" (powers of 1024). 0 or -1. */
int amount_parse_size(const char *s, uint64_t *bytes);

#endif
