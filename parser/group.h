/* group.h - goroutines (or debug=1 records) grouped by a key, as integer work.
 *
 * A key is a set of fields chosen with --by: state, wait (buckets) or wait=exact, where,
 * func, stack (canonical), creator, labels, label:KEY. Goroutines with equal fields land in
 * one group. Groups are sorted by count (descending), then by the key's text so that the
 * order is deterministic across runs and machines.
 */
#ifndef GS_GROUP_H
#define GS_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "vm.h"

#define GK_STATE      0x001u
#define GK_WAIT       0x002u /* buckets */
#define GK_WAIT_EXACT 0x004u /* exact minutes */
#define GK_WHERE      0x008u
#define GK_FUNC       0x010u
#define GK_STACK      0x020u
#define GK_CREATOR    0x040u
#define GK_LABELS     0x080u
#define GK_LABEL      0x100u /* one label's value: label_key */

enum gs_wait_bucket { WB_NONE = 0, WB_LT1, WB_1_5, WB_5_15, WB_15_60, WB_1_4H, WB_GT4H };
enum gs_wait_bucket gs_wait_bucket(const struct gs_goroutine *g);
const char *gs_wait_bucket_name(enum gs_wait_bucket b); /* "<1m", "1-5m", ... */

/* Decides the "where" frame of a stack. NULL = gs_stack_where (first frame not in package
 * runtime). The CLI passes one that also steps over --skip REGEX and --where=user frames. */
typedef uint32_t (*gs_where_fn)(void *ctx, const struct gs_model *m, uint32_t stack);

struct group_opts {
	unsigned keys;           /* GK_* bits */
	uint32_t label_key;      /* interned key for GK_LABEL */
	gs_where_fn where;
	void *where_ctx;
	const unsigned char *keep; /* per goroutine index: 0 = filtered out; NULL keeps all */
	size_t first_g, ng;      /* the goroutines to group: a dump, or a range of dumps
	                            (taken literally: ng == 0 groups nothing) */
};

struct group {
	/* the key (fields not in the key are 0) */
	uint32_t state;
	uint32_t wait_bucket;
	uint32_t wait_exact;
	uint32_t where;          /* frame id */
	uint32_t func;           /* interned */
	uint32_t stack;          /* canonical stack id */
	uint32_t creator;        /* frame id */
	uint32_t labels;         /* interned */
	uint32_t label_value;    /* interned */
	/* what the group holds */
	uint64_t count;          /* goroutines (sum of gs_goroutine.count) */
	uint64_t records;        /* entries of model->goroutines */
	uint32_t wait_min, wait_max; /* minutes over members with a printed wait (0 when none) */
	uint64_t nwait;          /* members with a printed wait */
	size_t rep;              /* index of the first member in model->goroutines */
	size_t members;          /* offset into grouping->member of this group's members */
};

struct grouping {
	struct group *groups;
	size_t ngroups;
	size_t *member;          /* goroutine indexes, grouped, in input order within a group */
	size_t nmember;
	struct gs_vm member_vm;  /* where member lives (vm.h) */
	uint64_t total;          /* goroutines grouped (sum of counts) */
	uint64_t filtered;       /* goroutines dropped by opts.keep */
};

/* 0 on success, -1 on allocation failure. */
int gs_group(const struct gs_model *m, const struct group_opts *o, struct grouping *out);
void gs_grouping_free(struct grouping *g);
/* --by parser: "state,wait,where", "wait=exact", "label:tenant"; returns 0 or -1 with a
 * message in err (static text, valid until the next call; an unknown word is named in it).
 * label:KEY needs the model's string table for the key; one label:KEY per spec.
 * wait=exact wins over wait. */
int gs_group_parse_by(const char *spec, struct gs_model *m, struct group_opts *o,
                      const char **err);

/* The key of struct group (state .. label_value; the other members are not key), one way
 * for every table keyed by it: groups here, match.c's rows, sites.c's sites.
 * gs_group_where: the "where" frame of a full stack, where(ctx, ...) or gs_stack_where
 * when where is NULL. */
uint32_t gs_group_where(const struct gs_model *m, gs_where_fn where, void *ctx,
                        uint32_t stack);
/* Zeroes key and sets the fields a record's stack and labels give under keys (GK_*):
 * where (the caller's where frame of the stack, asked only for GK_WHERE or GK_FUNC), its
 * func, the canonical stack, labels and label:KEY's value (label_key, interned). */
void gs_group_key_set(const struct gs_model *m, unsigned keys, uint32_t label_key,
                      uint32_t stack, uint32_t labels, uint32_t where, struct group *key);
/* dst gets src's key fields, its other members 0. */
void gs_group_key_copy(struct group *dst, const struct group *src);
uint64_t gs_group_key_hash(const struct group *k);
int gs_group_key_eq(const struct group *a, const struct group *b);
/* Orders two keys by their text (state, wait with longer waits first, where, func, stack,
 * creator, labels, label value; absent fields first): the tie-break that makes output the
 * same whatever the interning order. */
int gs_group_key_cmp(const struct gs_model *m, const struct group *a, const struct group *b);

#endif
