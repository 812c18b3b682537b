/* match.h - the groups of several dumps joined by key: the core of `gostacks diff` (two
 * points) and `gostacks trend` (a series of points), as integer work.
 *
 * How keys match across files: every point is read into ONE model, so the files share one
 * string table, one frame table (frames are hash-consed on (func, file, line)) and one
 * stack table. A group key is a handful of those ids (group.h: state, wait bucket, where
 * frame, func, canonical stack, creator frame, labels), so "the same key in file A and in
 * file B" is "the same integers" and the join is a hash on the key fields. Nothing that
 * differs between two dumps of one program enters a key: goroutine ids, argument words, PC
 * offsets and addresses are not part of a frame, and a canonical stack drops leading
 * runtime frames, so debug=1 and debug=2 stacks of one site are one stack. Fields that one
 * form cannot carry (state and wait in debug=1) are the caller's to drop from the key
 * (gs_match_comparable_keys) before grouping.
 *
 * A point is added either as a grouping (gs_group over one dump's goroutines) or as a range
 * of heap/allocs/mutex/block samples keyed here with the same --by fields. Rows are created
 * on first sight; per point each row has a count, the summed values (profile kinds) and the
 * youngest member's wait (for `stuck`).
 */
#ifndef GS_MATCH_H
#define GS_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "group.h"
#include "model.h"

#define MATCH_NVAL 4 /* a sample's values: see gs_sample in model.h */

struct match_row {
	struct gs_key key;    /* the key's values (key.h) */
	size_t rep;           /* first member seen: goroutine index, or sample index (samples) */
	uint32_t rep_stack;   /* its full stack id */
	size_t first_point;   /* the point where the key was first seen */
};

struct gs_match {
	size_t npoints;
	int samples;          /* points are sample ranges: `value` is kept */
	struct match_row *rows;
	size_t nrows, rows_cap;
	/* per row and point, index row * npoints + point */
	uint64_t *count;      /* goroutines (sample points: records) */
	uint64_t *leaked;     /* of them, those the runtime proved leaked (group.h) */
	int64_t *value;       /* [(row * npoints + point) * MATCH_NVAL + i], samples only */
	uint32_t *wait_young; /* minutes of the youngest member: 0 when any member printed none */
	unsigned char *seen;  /* the key occurred at that point */
	size_t *table;        /* open addressing: row + 1, 0 = empty */
	size_t table_cap;     /* power of two */
};

/* 0, or -1 on allocation failure. */
int gs_match_init(struct gs_match *x, size_t npoints, int samples);
void gs_match_free(struct gs_match *x);

/* Adds the groups of one point (a gs_group of one dump). */
int gs_match_add_groups(struct gs_match *x, size_t point, const struct gs_model *m,
                        const struct grouping *g);

/* Keys samples [first_s, first_s + ns) by o->keys (where, func, stack, labels, label:KEY;
 * samples carry no state, wait or creator) and adds their values at `point`: the estimates
 * `go tool pprof` shows (scale.h), or the numbers as printed when raw. keep, indexed by
 * sample, drops those with keep[i] == 0 (NULL keeps all). */
int gs_match_add_samples(struct gs_match *x, size_t point, const struct gs_model *m,
                         const struct group_opts *o, size_t first_s, size_t ns,
                         const unsigned char *keep, int raw);

static inline uint64_t gs_match_count(const struct gs_match *x, size_t row, size_t point)
{
	return x->count[row * x->npoints + point];
}
static inline uint64_t gs_match_leaked(const struct gs_match *x, size_t row, size_t point)
{
	return x->leaked[row * x->npoints + point];
}
static inline int64_t gs_match_value(const struct gs_match *x, size_t row, size_t point,
                                     int i)
{
	return x->value[(row * x->npoints + point) * MATCH_NVAL + (size_t)i];
}

/* The key fields both forms can carry. A goroutine-debug1 or threadcreate point (`nostate`)
 * has no state, wait or creator; a sample point has none of these either. labels are kept
 * unless `labels_one_sided` (one side prints labels, the other cannot: Go before 1.26 prints
 * none in debug=2). Returns the bits of `keys` dropped; *out gets the rest. */
unsigned gs_match_comparable_keys(unsigned keys, int nostate, int labels_one_sided,
                                  unsigned *out);

#endif
