/* group.h - goroutines (or debug=1 records) grouped by a key, as integer work.
 *
 * A key is a set of fields chosen with --by (key.h: state, wait buckets or wait=exact,
 * where, func, stack, creator, labels, label:KEY). Goroutines with equal keys land in one
 * group. Groups are sorted by count (descending), then by the key's text so that the order
 * is deterministic across runs and machines.
 */
#ifndef GS_GROUP_H
#define GS_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "key.h"
#include "model.h"
#include "vm.h"

/* Decides the "where" frame of a stack. NULL = gs_stack_where (first frame not in package
 * runtime). The CLI passes one that also steps over --skip REGEX and --where=user frames. */
typedef uint32_t (*gs_where_fn)(void *ctx, const struct gs_model *m, uint32_t stack);

struct group_opts {
	unsigned keys;           /* GK_ bits (key.h) */
	uint32_t label_key;      /* interned KEY of label:KEY */
	gs_where_fn where;
	void *where_ctx;
	const unsigned char *keep; /* per goroutine index: 0 = filtered out; NULL keeps all */
	size_t first_g, ng;      /* the goroutines to group: a dump, or a range of dumps
	                            (taken literally: ng == 0 groups nothing) */
};

struct group {
	struct gs_key key;       /* the key's values (key.h); keys not asked for are 0 */
	/* what the group holds */
	uint64_t count;          /* goroutines (sum of gs_goroutine.count) */
	uint64_t records;        /* entries of model->goroutines */
	uint32_t wait_min, wait_max; /* minutes over members with a printed wait (0 when none) */
	uint64_t nwait;          /* members with a printed wait */
	uint64_t leaked;         /* goroutines the runtime proved leaked (GS_G_LEAKED) */
	size_t rep;              /* index of the first member in model->goroutines */
	size_t members;          /* offset into grouping->member of this group's members */
};

struct grouping {
	struct group *groups;
	size_t ngroups;
	uint32_t *member;        /* goroutine indexes, grouped, in input order within a group:
	                            4 bytes a goroutine (a model of more than UINT32_MAX
	                            goroutines is refused), the only per-goroutine array here */
	size_t nmember;
	struct gs_vm member_vm;  /* where member lives (vm.h) */
	uint64_t total;          /* goroutines grouped (sum of counts) */
	uint64_t filtered;       /* goroutines dropped by opts.keep */
	uint64_t leaked;         /* goroutines grouped that the runtime proved leaked */
};

/* 0 on success, -1 on allocation failure. */
int gs_group(const struct gs_model *m, const struct group_opts *o, struct grouping *out);
void gs_grouping_free(struct grouping *g);
/* The "where" frame of a full stack: where(ctx, ...), or gs_stack_where when where is
 * NULL. */
uint32_t gs_group_where(const struct gs_model *m, gs_where_fn where, void *ctx,
                        uint32_t stack);

#endif
