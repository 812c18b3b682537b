/* sites.c - records grouped by a key with summed values; see sites.h.
 *
 * One pass over the records: each record's key is hashed into an open-addressing table
 * of sites and its values added; with cum, the record's canonical stack is walked and
 * every frame's (or function's) site gets the values once, a per-site stamp telling
 * whether this record was already counted there. No allocation per record.
 */
#include "sites.h"

#include <stdlib.h>
#include <string.h>

#include "scale.h"

static int is_sample_kind(enum gs_kind k)
{
	return gs_kind(k)->records == GS_REC_SAMPLES;
}

size_t gs_dump_nrecords(const struct gs_model *m, uint32_t dump)
{
	const struct gs_dump *d;

	if (dump >= m->ndumps)
		return 0;
	d = &m->dumps[dump];
	return is_sample_kind(d->kind) ? d->ns : d->ng;
}

void gs_dump_record_values(const struct gs_model *m, uint32_t dump, size_t i, struct gs_rec_values *r)
{
	const struct gs_dump *d = &m->dumps[dump];

	memset(r, 0, sizeof(*r));
	r->dump = dump;
	if (is_sample_kind(d->kind)) {
		const struct gs_sample *s = &m->samples[d->first_s + i];

		r->stack = s->stack;
		r->labels = s->labels;
		r->line = s->line;
		memcpy(r->raw, s->v, sizeof(r->raw));
		gs_sample_scaled(m, s, r->scaled);
	} else {
		const struct gs_goroutine *g = &m->goroutines[d->first_g + i];

		r->stack = g->stack;
		r->labels = g->labels;
		r->line = g->line;
		r->raw[0] = g->count > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)g->count;
		r->scaled[0] = r->raw[0];
	}
}

/* Written out: this runs four times per record and twice per record and cum site. */
_Static_assert(GS_NVALUES == 4, "add_values adds four values");
static inline void add_values(int64_t acc[GS_NVALUES], const int64_t v[GS_NVALUES])
{
	acc[0] = gs_sat_add(acc[0], v[0]);
	acc[1] = gs_sat_add(acc[1], v[1]);
	acc[2] = gs_sat_add(acc[2], v[2]);
	acc[3] = gs_sat_add(acc[3], v[3]);
}

/* ---- the table ---- */

static uint64_t site_hash(const struct gs_site *st)
{
	return gs_key_hash(&st->key);
}

static int index_grow(struct gs_sites *s)
{
	size_t ncap = s->index_cap ? s->index_cap * 2 : 1024, i;
	uint32_t *ni = calloc(ncap, sizeof(*ni));

	if (ni == NULL)
		return -1;
	for (i = 0; i < s->nsites; i++) {
		size_t j = (size_t)site_hash(&s->sites[i]) & (ncap - 1);

		while (ni[j] != 0)
			j = (j + 1) & (ncap - 1);
		ni[j] = (uint32_t)(i + 1);
	}
	free(s->index);
	s->index = ni;
	s->index_cap = ncap;
	return 0;
}

/* The index of a key's site, created (zeroed, common fields unset) when new; SIZE_MAX on
 * failure. An index, not a pointer: creating a site may move them all. */
static size_t site_of(struct gs_sites *s, const struct gs_key *k, int *created)
{
	size_t j, i;
	struct gs_site *st;

	*created = 0;
	if ((s->nsites + 1) * 2 > s->index_cap && index_grow(s) != 0)
		return SIZE_MAX;
	j = (size_t)gs_key_hash(k) & (s->index_cap - 1);
	while (s->index[j] != 0) {
		i = s->index[j] - 1;
		if (gs_key_eq(&s->sites[i].key, k))
			return i;
		j = (j + 1) & (s->index_cap - 1);
	}
	if (s->nsites >= UINT32_MAX - 1)
		return SIZE_MAX;
	if (s->nsites == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 256;
		struct gs_site *ns = realloc(s->sites, ncap * sizeof(*ns));

		if (ns == NULL)
			return SIZE_MAX;
		s->sites = ns;
		s->cap = ncap;
	}
	st = &s->sites[s->nsites];
	memset(st, 0, sizeof(*st));
	st->key = *k;
	st->rep_dump = UINT32_MAX;
	s->index[j] = (uint32_t)++s->nsites;
	*created = 1;
	return s->nsites - 1;
}

/* With --by where or func alone (no stack, no labels) a site's key is fixed by one id: its
 * frame (the func is the frame's), or its function. Then an array by that id finds the
 * site without hashing, which matters for cum: every frame of every new stack is looked
 * up. slot[id] is the site index + 1, 0 = not seen; NULL when the key is not of that form
 * or there was no memory (the table alone is used: slower, not wrong). */
struct site_map {
	uint32_t *slot;
	size_t n;
	int by_func;
};

static void map_init(const struct gs_model *m, unsigned keys, struct site_map *map)
{
	memset(map, 0, sizeof(*map));
	if (!(keys & (GK_WHERE | GK_FUNC)) || (keys & ~(unsigned)(GK_WHERE | GK_FUNC)))
		return;
	map->by_func = !(keys & GK_WHERE);
	map->n = map->by_func ? (size_t)gs_intern_count(m->strings) + 1 : m->nframes;
	map->slot = calloc(map->n, sizeof(*map->slot));
}

static size_t site_get(struct gs_sites *s, struct site_map *map, const struct gs_key *k,
                       int *created)
{
	uint32_t id = map->by_func ? k->v[GS_KEY_FUNC] : k->v[GS_KEY_WHERE];
	size_t si;

	if (map->slot == NULL || id >= map->n)
		return site_of(s, k, created);
	if (map->slot[id] != 0) {
		*created = 0;
		return map->slot[id] - 1;
	}
	si = site_of(s, k, created);
	if (si != SIZE_MAX)
		map->slot[id] = (uint32_t)(si + 1);
	return si;
}

static void merge(uint32_t *acc, uint32_t v)
{
	if (*acc != v)
		*acc = GS_SITE_MIXED;
}

/* Adds one record to the site's cum once (stamp = record sequence number + 1). */
static void add_cum(struct gs_site *st, const struct gs_rec_values *r, uint64_t seq)
{
	if (st->stamp == seq + 1)
		return;
	st->stamp = seq + 1;
	add_values(st->cum, r->raw);
	add_values(st->cum_scaled, r->scaled);
}

/* Without labels in the key, the cum sites of a record depend on its canonical stack
 * alone: they are looked up once per stack and replayed for the stack's other records.
 * list holds, per stack, a count and then that many site indexes. */
struct cum_cache {
	uint32_t *first;         /* per stack id: offset in list, UINT32_MAX = not yet */
	uint32_t *list;
	size_t n, cap;
};

static int cache_put(struct cum_cache *c, uint32_t v)
{
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 1024;
		uint32_t *nl = realloc(c->list, ncap * sizeof(*nl));

		if (nl == NULL)
			return -1;
		c->list = nl;
		c->cap = ncap;
	}
	c->list[c->n++] = v;
	return 0;
}

/* Every frame (GK_WHERE) or function (GK_FUNC) of the record's canonical stack. */
static int add_stack_cum(const struct gs_model *m, const struct gs_sites_opts *o,
                         struct gs_sites *s, struct site_map *map, const struct gs_key *flat,
                         const struct gs_rec_values *r, uint64_t seq, struct cum_cache *cc)
{
	uint32_t canon, i, n, at = 0;
	const uint32_t *frames;
	int created;

	if (r->stack == 0)
		return 0;
	canon = m->stacks[r->stack].canon;
	if (cc && cc->first[canon] != UINT32_MAX) {
		at = cc->first[canon];
		for (i = 0; i < cc->list[at]; i++)
			add_cum(&s->sites[cc->list[at + 1 + i]], r, seq);
		return 0;
	}
	frames = gs_stack_frames(m, canon);
	n = m->stacks[canon].len;
	if (cc) {
		if (cc->n >= UINT32_MAX - n - 1)
			cc = NULL; /* too big to index: look up every time */
		else if (cache_put(cc, n) != 0)
			return -1;
		else
			at = (uint32_t)cc->n - 1;
	}
	for (i = 0; i < n; i++) {
		struct gs_key k = *flat;
		struct gs_site *st;
		size_t si;

		if (o->keys & GK_WHERE)
			k.v[GS_KEY_WHERE] = frames[i];
		if (o->keys & GK_FUNC)
			k.v[GS_KEY_FUNC] = m->frames[frames[i]].func;
		si = site_get(s, map, &k, &created);
		if (si == SIZE_MAX)
			return -1;
		st = &s->sites[si];
		if (created) {
			st->common_where = (o->keys & GK_WHERE) ? k.v[GS_KEY_WHERE] : GS_SITE_MIXED;
			st->common_labels = r->labels;
		}
		add_cum(st, r, seq);
		if (cc && cache_put(cc, (uint32_t)si) != 0)
			return -1;
	}
	if (cc)
		cc->first[canon] = at;
	return 0;
}

int gs_sites_build(const struct gs_model *m, const struct gs_sites_opts *o, struct gs_sites *out)
{
	int walk = o->cum && (o->keys & (GK_WHERE | GK_FUNC)) && !(o->keys & GK_STACK);
	uint32_t last_stack = UINT32_MAX, last_where = 0, d;
	const unsigned char *keep;
	struct cum_cache cache, *cc = NULL;
	struct site_map map;
	uint64_t seq = 0;
	size_t i, n, first;

	memset(out, 0, sizeof(*out));
	memset(&cache, 0, sizeof(cache));
	map_init(m, o->keys, &map);
	if (walk && !(o->keys & (GK_LABELS | GK_LABEL)) && m->nstacks > 0) {
		cache.first = malloc(m->nstacks * sizeof(*cache.first));
		if (cache.first == NULL) {
			free(map.slot);
			return -1;
		}
		memset(cache.first, 0xff, m->nstacks * sizeof(*cache.first));
		cc = &cache;
	}
	for (d = 0; d < m->ndumps; d++) {
		enum gs_kind kind = m->dumps[d].kind;

		if ((unsigned)kind >= 8 * sizeof(o->kinds) || !(o->kinds & (1u << kind)))
			continue;
		if (out->dumps++ == 0)
			out->family = gs_kind_family(kind);
		n = gs_dump_nrecords(m, d);
		keep = is_sample_kind(kind) ? o->keep_samples : o->keep_goroutines;
		first = is_sample_kind(kind) ? m->dumps[d].first_s : m->dumps[d].first_g;
		for (i = 0; i < n; i++, seq++) {
			struct gs_rec_values r;
			struct gs_site *st;
			struct gs_key_in in;
			struct gs_key k;
			uint32_t where;
			size_t si;
			int created;

			if (keep && !keep[first + i]) {
				out->filtered++;
				continue;
			}
			gs_dump_record_values(m, d, i, &r);
			if (r.stack != last_stack) {
				last_stack = r.stack;
				last_where = r.stack ? gs_group_where(m, o->where, o->where_ctx, r.stack)
				                     : 0;
			}
			where = last_where;
			/* a goroutine's state, wait and creator are not site keys (sites.h) */
			in.g = NULL;
			in.stack = r.stack;
			in.labels = r.labels;
			in.where = where;
			in.label_key = o->label_key;
			in.dump = d;
			gs_key_make(m, o->keys, &in, &k);
			si = site_get(out, &map, &k, &created);
			if (si == SIZE_MAX)
				goto fail;
			st = &out->sites[si];
			if (created || st->rep_dump == UINT32_MAX) {
				/* first record of its own (the site may exist from cum alone) */
				st->rep_dump = d;
				st->rep_index = i;
				st->common_where = where;
				st->common_labels = r.labels;
			} else {
				merge(&st->common_where, where);
				merge(&st->common_labels, r.labels);
			}
			st->records++;
			add_values(st->flat, r.raw);
			add_values(st->flat_scaled, r.scaled);
			add_values(out->total, r.raw);
			add_values(out->total_scaled, r.scaled);
			out->records++;
			if (walk) {
				if (add_stack_cum(m, o, out, &map, &k, &r, seq, cc) != 0)
					goto fail;
				/* the flat site may lie outside the canonical stack (an empty stack) */
				add_cum(&out->sites[si], &r, seq);
			}
		}
	}
	free(cache.first);
	free(cache.list);
	free(map.slot);
	if (!walk)
		for (i = 0; i < out->nsites; i++) {
			memcpy(out->sites[i].cum, out->sites[i].flat, sizeof(out->sites[i].cum));
			memcpy(out->sites[i].cum_scaled, out->sites[i].flat_scaled,
			       sizeof(out->sites[i].cum_scaled));
		}
	return 0;
fail:
	free(cache.first);
	free(cache.list);
	free(map.slot);
	gs_sites_free(out);
	return -1;
}

/* ---- order ---- */

struct sort_ctx {
	const struct gs_model *m;
	int col;
	int scaled;
};

static int cmp_i64_desc(int64_t a, int64_t b)
{
	return a > b ? -1 : a < b;
}

static int cmp_site(const void *pa, const void *pb, void *vctx)
{
	const struct gs_site *a = pa, *b = pb;
	const struct sort_ctx *x = vctx;
	int c;

	c = x->scaled ? cmp_i64_desc(a->flat_scaled[x->col], b->flat_scaled[x->col])
	              : cmp_i64_desc(a->flat[x->col], b->flat[x->col]);
	if (c == 0)
		c = x->scaled ? cmp_i64_desc(a->cum_scaled[x->col], b->cum_scaled[x->col])
		              : cmp_i64_desc(a->cum[x->col], b->cum[x->col]);
	if (c == 0)
		c = a->records > b->records ? -1 : a->records < b->records;
	if (c == 0)
		c = gs_key_cmp(x->m, &a->key, &b->key);
	return c;
}

/* The index points at the old places once sites move; it is internal and not needed
 * after building. */
static void drop_index(struct gs_sites *s)
{
	free(s->index);
	s->index = NULL;
	s->index_cap = 0;
}

void gs_sites_sort(const struct gs_model *m, struct gs_sites *s, int col, int scaled)
{
	gs_sites_sort_top(m, s, col, scaled, 0);
}

/* heap[0] is the last in order of the `n` sites held: a site that comes before it
 * replaces it. */
static void sift_down(const struct gs_site *sites, uint32_t *heap, size_t n, size_t i,
                      struct sort_ctx *x)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, last = i;
		uint32_t t;

		if (l < n && cmp_site(&sites[heap[l]], &sites[heap[last]], x) > 0)
			last = l;
		if (r < n && cmp_site(&sites[heap[r]], &sites[heap[last]], x) > 0)
			last = r;
		if (last == i)
			return;
		t = heap[i];
		heap[i] = heap[last];
		heap[last] = t;
		i = last;
	}
}

static int cmp_u32_asc(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return a < b ? -1 : a > b;
}

/* The first `top` sites in order, found with a heap of `top` site indexes (one compare
 * per site for most of them), moved to the front and sorted; the others follow. */
static int select_top(struct gs_sites *s, size_t top, struct sort_ctx *x)
{
	uint32_t *heap = malloc(top * sizeof(*heap));
	size_t i, j;

	if (heap == NULL)
		return -1;
	for (i = 0; i < top; i++)
		heap[i] = (uint32_t)i;
	for (i = top / 2; i-- > 0;)
		sift_down(s->sites, heap, top, i, x);
	for (i = top; i < s->nsites; i++) {
		if (cmp_site(&s->sites[i], &s->sites[heap[0]], x) < 0) {
			heap[0] = (uint32_t)i;
			sift_down(s->sites, heap, top, 0, x);
		}
	}
	/* ascending indexes: heap[j] >= j, and the place heap[j] is untouched until step j */
	qsort(heap, top, sizeof(*heap), cmp_u32_asc);
	for (j = 0; j < top; j++) {
		if (heap[j] != j) {
			struct gs_site t = s->sites[j];

			s->sites[j] = s->sites[heap[j]];
			s->sites[heap[j]] = t;
		}
	}
	free(heap);
	qsort_r(s->sites, top, sizeof(*s->sites), cmp_site, x);
	return 0;
}

void gs_sites_sort_top(const struct gs_model *m, struct gs_sites *s, int col, int scaled,
                       size_t top)
{
	struct sort_ctx x;

	if (col < 0 || col >= GS_NVALUES)
		col = 0;
	x.m = m;
	x.col = col;
	x.scaled = scaled;
	drop_index(s);
	/* a small top out of many: select first; otherwise (or without memory) sort all */
	if (top > 0 && top < s->nsites / 4 && select_top(s, top, &x) == 0)
		return;
	if (s->nsites > 1)
		qsort_r(s->sites, s->nsites, sizeof(*s->sites), cmp_site, &x);
}

size_t gs_sites_drop_zero(struct gs_sites *s, int col, int scaled)
{
	size_t i, kept = 0, dropped;

	if (col < 0 || col >= GS_NVALUES)
		col = 0;
	drop_index(s);
	for (i = 0; i < s->nsites; i++) {
		const struct gs_site *st = &s->sites[i];
		int64_t flat = scaled ? st->flat_scaled[col] : st->flat[col];
		int64_t cum = scaled ? st->cum_scaled[col] : st->cum[col];

		if (flat == 0 && cum == 0)
			continue;
		if (kept != i)
			s->sites[kept] = *st;
		kept++;
	}
	dropped = s->nsites - kept;
	s->nsites = kept;
	return dropped;
}

void gs_sites_free(struct gs_sites *s)
{
	free(s->sites);
	free(s->index);
	memset(s, 0, sizeof(*s));
}
