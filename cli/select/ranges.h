/* ranges.h - goroutine id lists both ways: "--id 1-5,9" read into ranges, and a group's
 * member ids written compressed ("1-5, 9, 12-40") so thousands of ids stay one line. */
#ifndef GS_RANGES_H
#define GS_RANGES_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct id_range {
	uint64_t lo, hi; /* inclusive */
};

/* Appends the ranges of "N[,M-K...]" to *r (n entries, realloc'd), then sorts and merges
 * them. 0, or -1 with the reason in err. */
int ranges_parse(const char *s, struct id_range **r, size_t *n, char *err, size_t errlen);
/* Whether id is in the sorted, merged ranges. */
int ranges_contain(const struct id_range *r, size_t n, uint64_t id);
/* Sorts ids in place and appends them as "1-5, 9, 12-40" (duplicates once); "-" for none. */
void ranges_format(struct gs_buf *out, uint64_t *ids, size_t n);

#endif
