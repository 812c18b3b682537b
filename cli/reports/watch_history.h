/* watch_history.h - what `watch` keeps of its samples: each one only as its groups, never
 * its goroutines, and a bounded number of them.
 *
 * A group is known across samples by its identity: the text of its key's cells (state,
 * where, ... as --by says), escaped, joined by \x1f and interned once; a sample is then a
 * sorted array of (identity, count, longest wait, youngest wait, proven leaked) and a few
 * totals. At most WATCH_MAX_SAMPLES are kept: past that every other sample but the first
 * and the last is dropped, so a watch left running for a week keeps the shape of its
 * series (first and last points exact, the middle at half the resolution, times kept for
 * the rates) in a few megabytes. Identities are capped too (WATCH_MAX_ID_BYTES of text):
 * past it new groups are counted, not tracked.
 */
#ifndef GS_WATCH_HISTORY_H
#define GS_WATCH_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "group.h"
#include "intern.h"
#include "model.h"

#define WATCH_MAX_SAMPLES 512
#define WATCH_MAX_ID_BYTES ((size_t)64 << 20)

/* One group in one sample. */
struct watch_group {
	uint32_t id;             /* its identity (watch_history.ids) */
	uint64_t count;          /* goroutines */
	uint32_t wait_max;       /* minutes: the longest printed wait, 0 when none */
	int has_wait;            /* some member printed a wait */
	uint32_t young;          /* minutes: the youngest member's wait, 0 when any printed
	                            none (trend.h's stuck rule) */
	uint64_t leaked;         /* members the runtime proved leaked */
};

struct watch_sample {
	double time;             /* seconds since the epoch */
	uint64_t number;         /* among all samples taken, from 1 */
	uint64_t total;          /* goroutines */
	uint64_t leaked;
	struct watch_group *g;   /* sorted by id */
	size_t n;
};

struct watch_history {
	struct gs_intern *ids;
	char **titles;           /* the key columns' titles, from the first sample */
	size_t ntitles;
	struct watch_sample *s;  /* oldest first */
	size_t n;
	uint64_t taken;          /* samples added in all */
	uint64_t untracked;      /* groups past the identity cap, in the last sample */
};

void watch_history_init(struct watch_history *h);
void watch_history_free(struct watch_history *h);
/* Adds a sample taken at time (seconds since the epoch): the groups of gr, grouped from m
 * with go's keys. */
void watch_history_add(struct watch_history *h, const struct gs_model *m,
                       const struct grouping *gr, const struct group_opts *go, double time);
/* The group of identity id in a sample, NULL when it had none. */
const struct watch_group *watch_sample_find(const struct watch_sample *s, uint32_t id);
/* The i-th key cell of an identity (escaped text, not NUL-terminated). */
void watch_history_cell(const struct watch_history *h, uint32_t id, size_t i, const char **s,
                        size_t *len);

#endif
