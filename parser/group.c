/* group.c - grouping goroutines by a key; see group.h.
 *
 * One pass hashes each kept goroutine's key into an open-addressing table of groups and
 * accumulates counts and wait ranges, and notes each goroutine's group in two bytes while
 * there are fewer than 65535 groups; a second pass lays the members out contiguously in
 * input order (a counting sort), making a goroutine's key again only when its group was
 * not noted (making every key twice cost 1.7% of a summary's instructions; a group index
 * of 8 bytes a goroutine was 10% of its peak memory). Last, groups are sorted by count
 * and key text.
 * Keys are made, hashed, compared and ordered by the table of keys (key.h).
 */
#include "group.h"
#include "sat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "object.h"

uint32_t gs_group_where(const struct gs_model *m, gs_where_fn where, void *ctx,
                        uint32_t stack)
{
	return where ? where(ctx, m, stack) : gs_stack_where(m, stack);
}

#define GROUP_NONE UINT16_MAX
#define GROUP_FAR (UINT16_MAX - 1)

struct grouper {
	const struct gs_model *m;
	const struct group_opts *o;
	uint32_t *where_cache;   /* per stack id; UINT32_MAX = not computed yet */
	size_t *table;           /* group index + 1, 0 = empty slot */
	size_t table_cap;        /* power of two */
	struct group *groups;
	size_t ngroups, groups_cap;
	unsigned where_keys;     /* the keys that need the where frame */
};

/* "where" of a full stack, asked once per distinct stack. */
static uint32_t where_of(struct grouper *gr, uint32_t stack)
{
	uint32_t w = gr->where_cache[stack];

	if (w != UINT32_MAX)
		return w;
	w = gs_group_where(gr->m, gr->o->where, gr->o->where_ctx, stack);
	gr->where_cache[stack] = w;
	return w;
}

static void make_key(struct grouper *gr, size_t i, struct gs_key *key)
{
	const struct gs_goroutine *g = &gr->m->goroutines[i];
	struct gs_key_in in;

	in.g = g;
	/* the object's text only when it is asked for: goroutines waiting on objects of their
	 * own (a Cond each) would each cost a string */
	in.object = gr->o->keys & GK_OBJECT ? gs_object_intern(gr->m, gs_goroutine_object(gr->m, i))
	                                    : 0;
	in.stack = g->stack;
	in.labels = g->labels;
	in.where = gr->o->keys & gr->where_keys ? where_of(gr, g->stack) : 0;
	in.label_key = gr->o->label_key;
	in.dump = g->dump;
	gs_key_make(gr->m, gr->o->keys, &in, key);
}

static int table_grow(struct grouper *gr)
{
	size_t cap = gr->table_cap ? gr->table_cap * 2 : 256, i, j;
	size_t *t = calloc(cap, sizeof *t);

	if (t == NULL)
		return -1;
	for (i = 0; i < gr->ngroups; i++) {
		j = (size_t)gs_key_hash(&gr->groups[i].key) & (cap - 1);
		while (t[j])
			j = (j + 1) & (cap - 1);
		t[j] = i + 1;
	}
	free(gr->table);
	gr->table = t;
	gr->table_cap = cap;
	return 0;
}

/* The index of the group with this key, SIZE_MAX when there is none. */
static size_t find(const struct grouper *gr, const struct gs_key *key)
{
	size_t j = (size_t)gs_key_hash(key) & (gr->table_cap - 1);

	while (gr->table[j]) {
		size_t idx = gr->table[j] - 1;

		if (gs_key_eq(key, &gr->groups[idx].key))
			return idx;
		j = (j + 1) & (gr->table_cap - 1);
	}
	return SIZE_MAX;
}

/* The index of the group with this key, created when new; SIZE_MAX on allocation failure. */
static size_t find_or_add(struct grouper *gr, const struct gs_key *key, size_t gi)
{
	size_t j;

	if ((gr->ngroups + 1) * 2 > gr->table_cap && table_grow(gr) != 0)
		return SIZE_MAX;
	j = (size_t)gs_key_hash(key) & (gr->table_cap - 1);
	while (gr->table[j]) {
		size_t idx = gr->table[j] - 1;

		if (gs_key_eq(key, &gr->groups[idx].key))
			return idx;
		j = (j + 1) & (gr->table_cap - 1);
	}
	if (gr->ngroups == gr->groups_cap) {
		size_t cap = gr->groups_cap ? gr->groups_cap * 2 : 64;
		struct group *g = realloc(gr->groups, cap * sizeof *g);

		if (g == NULL)
			return SIZE_MAX;
		gr->groups = g;
		gr->groups_cap = cap;
	}
	memset(&gr->groups[gr->ngroups], 0, sizeof gr->groups[gr->ngroups]);
	gr->groups[gr->ngroups].key = *key;
	gr->groups[gr->ngroups].rep = gi;
	gr->groups[gr->ngroups].wait_min = UINT32_MAX;
	gr->table[j] = gr->ngroups + 1;
	return gr->ngroups++;
}

/* Count descending, then the key as text (longer waits first), then input order: the
 * same input gives the same order whatever the interning order or the machine. */
static int cmp_group(const void *pa, const void *pb, void *ctx)
{
	const struct group *a = pa, *b = pb;
	int c;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	c = gs_key_cmp(ctx, &a->key, &b->key);
	if (c == 0)
		c = a->rep < b->rep ? -1 : a->rep > b->rep;
	return c;
}

int gs_group(const struct gs_model *m, const struct group_opts *o, struct grouping *out)
{
	struct grouper gr;
	struct gs_key key, last;
	size_t *fill = NULL, last_gi = SIZE_MAX;
	uint16_t *group_of = NULL; /* GROUP_NONE: filtered out; GROUP_FAR: make the key again */
	struct gs_vm group_of_vm = { NULL, 0, 0 };
	size_t i, end, gi;
	int rc = -1;

	memset(out, 0, sizeof *out);
	memset(&gr, 0, sizeof gr);
	gr.m = m;
	gr.o = o;
	gr.where_keys = gs_keys_with(GS_KF_WHERE);
	end = o->first_g + o->ng;
	if (end > m->ngoroutines)
		end = m->ngoroutines;
	if (end > (size_t)UINT32_MAX)
		return -1; /* member holds 32-bit indexes */
	gr.where_cache = malloc(((size_t)m->nstacks + 1) * sizeof *gr.where_cache);
	group_of = gs_vm_alloc(&group_of_vm, (o->ng ? o->ng : 1) * sizeof *group_of);
	if (gr.where_cache == NULL || group_of == NULL)
		goto done;
	memset(gr.where_cache, 0xff, ((size_t)m->nstacks + 1) * sizeof *gr.where_cache);

	for (i = o->first_g; i < end; i++) {
		const struct gs_goroutine *g = &m->goroutines[i];
		struct group *grp;

		if (o->keep && !o->keep[i]) {
			group_of[i - o->first_g] = GROUP_NONE;
			out->filtered = gs_sat_addu(out->filtered, g->count);
			continue;
		}
		make_key(&gr, i, &key);
		/* a dump lists goroutines made together together: often the last one's group */
		if (last_gi != SIZE_MAX && gs_key_eq(&key, &last)) {
			gi = last_gi;
		} else {
			gi = find_or_add(&gr, &key, i);
			if (gi == SIZE_MAX)
				goto done;
			last = key;
			last_gi = gi;
		}
		group_of[i - o->first_g] = gi < GROUP_FAR ? (uint16_t)gi : GROUP_FAR;
		grp = &gr.groups[gi];
		grp->count = gs_sat_addu(grp->count, g->count);
		grp->records++;
		out->total = gs_sat_addu(out->total, g->count);
		out->nmember++;
		if (g->flags & GS_G_LEAKED) {
			grp->leaked = gs_sat_addu(grp->leaked, g->count);
			out->leaked = gs_sat_addu(out->leaked, g->count);
		}
		if (g->flags & GS_G_WAIT) {
			uint32_t hi = gs_goroutine_wait_max(m, i); /* a folded entry's longest */

			if (g->wait < grp->wait_min)
				grp->wait_min = g->wait;
			if (hi > grp->wait_max)
				grp->wait_max = hi;
			grp->nwait++;
		}
	}

	/* counting sort: members of a group contiguous, input order inside it */
	fill = malloc((gr.ngroups ? gr.ngroups : 1) * sizeof *fill);
	out->member = gs_vm_alloc(&out->member_vm, out->nmember * sizeof *out->member);
	if (fill == NULL || out->member == NULL)
		goto done;
	gi = 0;
	for (i = 0; i < gr.ngroups; i++) {
		gr.groups[i].members = gi;
		fill[i] = gi;
		gi += gr.groups[i].records;
		if (gr.groups[i].nwait == 0)
			gr.groups[i].wait_min = 0;
	}
	for (i = o->first_g; i < end; i++) {
		gi = group_of[i - o->first_g];
		if (gi == GROUP_NONE)
			continue;
		if (gi == GROUP_FAR) {
			make_key(&gr, i, &key);
			gi = find(&gr, &key);
		}
		out->member[fill[gi]++] = (uint32_t)i;
	}

	if (gr.ngroups > 1)
		qsort_r(gr.groups, gr.ngroups, sizeof *gr.groups, cmp_group, (void *)(uintptr_t)m);
	out->groups = gr.groups;
	out->ngroups = gr.ngroups;
	gr.groups = NULL;
	rc = 0;
done:
	if (rc != 0) {
		gs_vm_free(&out->member_vm, out->member);
		memset(out, 0, sizeof *out);
	}
	free(gr.groups);
	free(gr.table);
	free(gr.where_cache);
	gs_vm_free(&group_of_vm, group_of);
	free(fill);
	return rc;
}

void gs_grouping_free(struct grouping *g)
{
	free(g->groups);
	gs_vm_free(&g->member_vm, g->member);
	memset(g, 0, sizeof *g);
}
