/* sites.h - records of any kind grouped by a key with their values summed, flat and
 * cumulative: the numbers behind `summary` of a heap/allocs/mutex/block profile and
 * behind `top`.
 *
 * A record is a debug=1 heap/allocs/mutex/block sample, a debug=1 goroutine/threadcreate
 * record or a debug=2 goroutine. Its value columns depend on the family of its dump:
 *
 *   family      raw columns (the file's numbers)                       scaled (pprof's)
 *   heap        inuse_objects inuse_space alloc_objects alloc_space   the same, unsampled
 *   contention  cycles count                                           delay_ns contentions
 *   count       count                                                  count
 *
 * A site's flat values are the sums over the records whose key it is. With `cum`, sites
 * keyed by where (a frame) or func also get the sums over every record whose canonical
 * stack holds that frame or function, each record counted once per site, as
 * `go tool pprof -top` computes cum; sites that only hold such values (no record of their
 * own) are added with flat 0. Sums saturate at INT64_MAX / INT64_MIN instead of wrapping.
 */
#ifndef GS_SITES_H
#define GS_SITES_H

#include <stddef.h>
#include <stdint.h>

#include "group.h"
#include "kind.h"
#include "model.h"
#include "sat.h"

#define GS_SITE_MIXED UINT32_MAX /* records of a site differ in a field outside the key */

/* One record, whatever its kind. */
struct gs_rec_values {
	uint32_t dump;
	uint32_t stack;        /* full stack id */
	uint32_t labels;
	uint64_t line;         /* line of its header in the source */
	int64_t raw[GS_NVALUES];
	int64_t scaled[GS_NVALUES];
};

size_t gs_dump_nrecords(const struct gs_model *m, uint32_t dump);
/* Record i (< gs_dump_nrecords) of a dump. */
void gs_dump_record_values(const struct gs_model *m, uint32_t dump, size_t i, struct gs_rec_values *r);

struct gs_site {
	struct gs_key key;       /* the key (key.h): where, func, stack, labels, label:KEY;
	                            fields not in it are 0 */
	/* outside the key: the common value of the site's records, GS_SITE_MIXED when they
	 * differ (the key's value when in the key) */
	uint32_t common_where;
	uint32_t common_labels;
	uint64_t records;        /* records whose flat values are here */
	int64_t flat[GS_NVALUES], flat_scaled[GS_NVALUES];
	int64_t cum[GS_NVALUES], cum_scaled[GS_NVALUES]; /* = flat without opts.cum */
	uint32_t rep_dump;       /* the first of those records, UINT32_MAX for cum-only sites */
	size_t rep_index;
	uint64_t stamp;          /* internal: the last record counted into cum */
};

struct gs_sites_opts {
	unsigned kinds;          /* dumps of these kinds are read: bits 1u << GS_KIND_... */
	unsigned keys;           /* GK_ bits of keys samples carry (key.h: not GS_KF_STATE) */
	uint32_t label_key;      /* for GK_LABEL */
	gs_where_fn where;       /* NULL = gs_stack_where */
	void *where_ctx;
	int cum;
	/* filters: 0 = the record is left out; NULL keeps all */
	const unsigned char *keep_goroutines; /* per m->goroutines index */
	const unsigned char *keep_samples;    /* per m->samples index */
};

struct gs_sites {
	enum gs_family family;   /* of the dumps read (the first one's when they differ) */
	struct gs_site *sites;
	size_t nsites;
	size_t cap;
	uint32_t *index;         /* internal: open addressing, site index + 1 */
	size_t index_cap;
	uint64_t records;        /* records read */
	uint64_t filtered;       /* records left out by the keep arrays */
	uint32_t dumps;          /* dumps read */
	int64_t total[GS_NVALUES], total_scaled[GS_NVALUES];
};

/* 0, or -1 on allocation failure (out is freed). Sites come out unsorted. */
int gs_sites_build(const struct gs_model *m, const struct gs_sites_opts *o, struct gs_sites *out);
/* By flat value of column col (scaled or raw), descending, then cum descending, then the
 * key as text, so the order is the same on every run and machine. */
void gs_sites_sort(const struct gs_model *m, struct gs_sites *s, int col, int scaled);
/* The same order for the first `top` sites only (0: all of them); the others follow in no
 * set order. Cheaper when only the first rows are shown. */
void gs_sites_sort_top(const struct gs_model *m, struct gs_sites *s, int col, int scaled,
                       size_t top);
/* Removes the sites whose flat and cum are both 0 in column col (scaled or raw), keeping
 * the order of the others, as pprof's graph drops such nodes (records of value 0 there,
 * callers that only such records pass through). Returns how many were removed. */
size_t gs_sites_drop_zero(struct gs_sites *s, int col, int scaled);
void gs_sites_free(struct gs_sites *s);

#endif
