/* group.c - grouping goroutines by a key; see group.h.
 *
 * One pass hashes each kept goroutine's key into an open-addressing table of groups and
 * accumulates counts and wait ranges; a counting sort by group then lays the members out
 * contiguously in input order; last, groups are sorted by count and key text.
 * The key's hash, equality and order by text (group.h) key match.c's and sites.c's tables
 * too.
 */
#include "group.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bucket boundaries in minutes, lower bound inclusive: [1,5) [5,15) [15,60) [60,240) >=240.
 * Go prints ", N minutes" only from one minute on, so "no wait printed" is <1m; debug=1
 * records carry no state or wait at all and get WB_NONE. */
enum gs_wait_bucket gs_wait_bucket(const struct gs_goroutine *g)
{
	uint32_t w;

	if (g->flags & GS_G_NOSTATE)
		return WB_NONE;
	if (!(g->flags & GS_G_WAIT))
		return WB_LT1;
	w = g->wait;
	if (w < 1)
		return WB_LT1;
	if (w < 5)
		return WB_1_5;
	if (w < 15)
		return WB_5_15;
	if (w < 60)
		return WB_15_60;
	if (w < 240)
		return WB_1_4H;
	return WB_GT4H;
}

const char *gs_wait_bucket_name(enum gs_wait_bucket b)
{
	switch (b) {
	case WB_NONE: return "-";
	case WB_LT1: return "<1m";
	case WB_1_5: return "1-5m";
	case WB_5_15: return "5-15m";
	case WB_15_60: return "15-60m";
	case WB_1_4H: return "1-4h";
	case WB_GT4H: return ">4h";
	}
	return "-";
}

/* The key fields, in the order group.h lists them. */
#define NKEY 9

static void key_fields(const struct group *g, uint32_t k[NKEY])
{
	k[0] = g->state;
	k[1] = g->wait_bucket;
	k[2] = g->wait_exact;
	k[3] = g->where;
	k[4] = g->func;
	k[5] = g->stack;
	k[6] = g->creator;
	k[7] = g->labels;
	k[8] = g->label_value;
}

void gs_group_key_copy(struct group *dst, const struct group *src)
{
	memset(dst, 0, sizeof *dst);
	dst->state = src->state;
	dst->wait_bucket = src->wait_bucket;
	dst->wait_exact = src->wait_exact;
	dst->where = src->where;
	dst->func = src->func;
	dst->stack = src->stack;
	dst->creator = src->creator;
	dst->labels = src->labels;
	dst->label_value = src->label_value;
}

uint64_t gs_group_key_hash(const struct group *key)
{
	uint32_t k[NKEY];
	uint64_t h = 0x9e3779b97f4a7c15u;
	int i;

	key_fields(key, k);
	for (i = 0; i < NKEY; i++) {
		h ^= k[i];
		h *= 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	return h;
}

int gs_group_key_eq(const struct group *a, const struct group *b)
{
	uint32_t ka[NKEY], kb[NKEY];

	key_fields(a, ka);
	key_fields(b, kb);
	return memcmp(ka, kb, sizeof ka) == 0;
}

uint32_t gs_group_where(const struct gs_model *m, gs_where_fn where, void *ctx,
                        uint32_t stack)
{
	return where ? where(ctx, m, stack) : gs_stack_where(m, stack);
}

void gs_group_key_set(const struct gs_model *m, unsigned keys, uint32_t label_key,
                      uint32_t stack, uint32_t labels, uint32_t where, struct group *key)
{
	memset(key, 0, sizeof *key);
	if (keys & GK_WHERE)
		key->where = where;
	if ((keys & GK_FUNC) && where)
		key->func = m->frames[where].func;
	if (keys & GK_STACK)
		key->stack = m->stacks[stack].canon;
	if (keys & GK_LABELS)
		key->labels = labels;
	/* label values are interned on first use (the string table is shared) */
	if ((keys & GK_LABEL) && labels && label_key)
		key->label_value = gs_labels_value(m, labels, gs_str(m, label_key),
		                                   intern_len(m->strings, label_key));
}

struct grouper {
	const struct gs_model *m;
	const struct group_opts *o;
	uint32_t *where_cache;   /* per stack id; UINT32_MAX = not computed yet */
	size_t *table;           /* group index + 1, 0 = empty slot */
	size_t table_cap;        /* power of two */
	struct group *groups;
	size_t ngroups, groups_cap;
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

static void make_key(struct grouper *gr, const struct gs_goroutine *g, struct group *key)
{
	unsigned keys = gr->o->keys;
	uint32_t w = keys & (GK_WHERE | GK_FUNC) ? where_of(gr, g->stack) : 0;

	gs_group_key_set(gr->m, keys, gr->o->label_key, g->stack, g->labels, w, key);
	if (keys & GK_STATE)
		key->state = g->state;
	if (keys & GK_WAIT_EXACT)
		key->wait_exact = (g->flags & GS_G_WAIT) ? g->wait : 0;
	else if (keys & GK_WAIT)
		key->wait_bucket = (uint32_t)gs_wait_bucket(g);
	if (keys & GK_CREATOR)
		key->creator = g->creator;
}

static int table_grow(struct grouper *gr)
{
	size_t cap = gr->table_cap ? gr->table_cap * 2 : 256, i, j;
	size_t *t = calloc(cap, sizeof *t);

	if (t == NULL)
		return -1;
	for (i = 0; i < gr->ngroups; i++) {
		j = (size_t)gs_group_key_hash(&gr->groups[i]) & (cap - 1);
		while (t[j])
			j = (j + 1) & (cap - 1);
		t[j] = i + 1;
	}
	free(gr->table);
	gr->table = t;
	gr->table_cap = cap;
	return 0;
}

/* The index of the group with this key, created when new; SIZE_MAX on allocation failure. */
static size_t find_or_add(struct grouper *gr, const struct group *key, size_t gi)
{
	size_t j;

	if ((gr->ngroups + 1) * 2 > gr->table_cap && table_grow(gr) != 0)
		return SIZE_MAX;
	j = (size_t)gs_group_key_hash(key) & (gr->table_cap - 1);
	while (gr->table[j]) {
		size_t idx = gr->table[j] - 1;

		if (gs_group_key_eq(key, &gr->groups[idx]))
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
	gr->groups[gr->ngroups] = *key;
	gr->groups[gr->ngroups].rep = gi;
	gr->groups[gr->ngroups].wait_min = UINT32_MAX;
	gr->table[j] = gr->ngroups + 1;
	return gr->ngroups++;
}

static int cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

/* Interned texts, none (0) first. Canonical label texts hold NULs: bytes, then length. */
static int cmp_text(const struct gs_model *m, uint32_t a, uint32_t b)
{
	size_t la, lb;
	int c;

	if (a == b)
		return 0;
	if (a == 0 || b == 0)
		return a == 0 ? -1 : 1;
	la = intern_len(m->strings, a);
	lb = intern_len(m->strings, b);
	c = memcmp(gs_str(m, a), gs_str(m, b), la < lb ? la : lb);
	return c ? c : (la < lb ? -1 : la > lb);
}

/* Frames by function, then file, then line; the empty frame first. */
static int cmp_frame(const struct gs_model *m, uint32_t a, uint32_t b)
{
	int c;

	if (a == b)
		return 0;
	if (a == 0 || b == 0)
		return a == 0 ? -1 : 1;
	c = cmp_text(m, m->frames[a].func, m->frames[b].func);
	if (c == 0)
		c = cmp_text(m, m->frames[a].file, m->frames[b].file);
	if (c == 0)
		c = cmp_u32(m->frames[a].line, m->frames[b].line);
	return c;
}

static int cmp_stack(const struct gs_model *m, uint32_t a, uint32_t b)
{
	const uint32_t *fa, *fb;
	uint32_t la, lb, i;
	int c;

	if (a == b)
		return 0;
	if (a == 0 || b == 0)
		return a == 0 ? -1 : 1;
	fa = gs_stack_frames(m, a);
	fb = gs_stack_frames(m, b);
	la = m->stacks[a].len;
	lb = m->stacks[b].len;
	for (i = 0; i < la && i < lb; i++) {
		c = cmp_frame(m, fa[i], fb[i]);
		if (c)
			return c;
	}
	return cmp_u32(la, lb);
}

int gs_group_key_cmp(const struct gs_model *m, const struct group *a, const struct group *b)
{
	int c = cmp_text(m, a->state, b->state);

	if (c == 0)
		c = -cmp_u32(a->wait_bucket, b->wait_bucket);
	if (c == 0)
		c = -cmp_u32(a->wait_exact, b->wait_exact);
	if (c == 0)
		c = cmp_frame(m, a->where, b->where);
	if (c == 0)
		c = cmp_text(m, a->func, b->func);
	if (c == 0)
		c = cmp_stack(m, a->stack, b->stack);
	if (c == 0)
		c = cmp_frame(m, a->creator, b->creator);
	if (c == 0)
		c = cmp_text(m, a->labels, b->labels);
	if (c == 0)
		c = cmp_text(m, a->label_value, b->label_value);
	return c;
}

/* Count descending, then the key as text (longer waits first), then input order: the
 * same input gives the same order whatever the interning order or the machine. */
static int cmp_group(const void *pa, const void *pb, void *ctx)
{
	const struct group *a = pa, *b = pb;
	int c;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	c = gs_group_key_cmp(ctx, a, b);
	if (c == 0)
		c = a->rep < b->rep ? -1 : a->rep > b->rep;
	return c;
}

int gs_group(const struct gs_model *m, const struct group_opts *o, struct grouping *out)
{
	struct grouper gr;
	struct group key;
	size_t *group_of = NULL, *fill = NULL;
	struct gs_vm group_of_vm = { NULL, 0, 0 };
	size_t i, end, gi;
	int rc = -1;

	memset(out, 0, sizeof *out);
	memset(&gr, 0, sizeof gr);
	gr.m = m;
	gr.o = o;
	end = o->first_g + o->ng;
	if (end > m->ngoroutines)
		end = m->ngoroutines;
	gr.where_cache = malloc(((size_t)m->nstacks + 1) * sizeof *gr.where_cache);
	group_of = gs_vm_alloc(&group_of_vm, o->ng * sizeof *group_of);
	if (gr.where_cache == NULL || group_of == NULL)
		goto done;
	memset(gr.where_cache, 0xff, ((size_t)m->nstacks + 1) * sizeof *gr.where_cache);

	for (i = o->first_g; i < end; i++) {
		const struct gs_goroutine *g = &m->goroutines[i];
		struct group *grp;

		if (o->keep && !o->keep[i]) {
			group_of[i - o->first_g] = SIZE_MAX;
			out->filtered += g->count;
			continue;
		}
		make_key(&gr, g, &key);
		gi = find_or_add(&gr, &key, i);
		if (gi == SIZE_MAX)
			goto done;
		group_of[i - o->first_g] = gi;
		grp = &gr.groups[gi];
		grp->count += g->count;
		grp->records++;
		out->total += g->count;
		out->nmember++;
		if (g->flags & GS_G_WAIT) {
			if (g->wait < grp->wait_min)
				grp->wait_min = g->wait;
			if (g->wait > grp->wait_max)
				grp->wait_max = g->wait;
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
		size_t g = group_of[i - o->first_g];

		if (g != SIZE_MAX)
			out->member[fill[g]++] = i;
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

/* The error text for an unknown word names it; it lives here until the next call. */
static char parse_err[128];

static int word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

/* spec -> word { "," word }
 * word -> "state" | "wait" | "wait=exact" | "where" | "func" | "stack" | "creator"
 *       | "labels" | "label:" KEY */
int gs_group_parse_by(const char *spec, struct gs_model *m, struct group_opts *o,
                      const char **err)
{
	const char *p = spec, *comma;
	unsigned keys = 0;
	uint32_t label_key = 0;
	size_t n;

	*err = NULL;
	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0) {
			*err = "empty field in --by (expected e.g. state,wait,where)";
			return -1;
		}
		if (word_is(p, n, "state"))
			keys |= GK_STATE;
		else if (word_is(p, n, "wait"))
			keys |= GK_WAIT;
		else if (word_is(p, n, "wait=exact"))
			keys |= GK_WAIT_EXACT;
		else if (word_is(p, n, "where"))
			keys |= GK_WHERE;
		else if (word_is(p, n, "func"))
			keys |= GK_FUNC;
		else if (word_is(p, n, "stack"))
			keys |= GK_STACK;
		else if (word_is(p, n, "creator"))
			keys |= GK_CREATOR;
		else if (word_is(p, n, "labels"))
			keys |= GK_LABELS;
		else if (n > 6 && memcmp(p, "label:", 6) == 0) {
			if (label_key) {
				*err = "only one label:KEY in --by";
				return -1;
			}
			label_key = intern_put(m->strings, p + 6, n - 6);
			if (label_key == 0) {
				*err = "out of memory";
				return -1;
			}
			keys |= GK_LABEL;
		} else {
			snprintf(parse_err, sizeof parse_err,
			         "unknown --by field '%.*s' (known: state, wait, wait=exact, where, "
			         "func, stack, creator, labels, label:KEY)", (int)(n > 40 ? 40 : n), p);
			*err = parse_err;
			return -1;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	if (keys & GK_WAIT_EXACT)
		keys &= ~GK_WAIT;
	o->keys = keys;
	o->label_key = label_key;
	return 0;
}
