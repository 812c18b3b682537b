/* match.c - see match.h. The join is one open-addressing table over the key fields, shared
 * by every point, so the cost is one hash probe per group (or per sample) of each point. */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "scale.h"

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

static uint64_t key_hash(const uint32_t k[NKEY])
{
	uint64_t h = 0x9e3779b97f4a7c15u;
	int i;

	for (i = 0; i < NKEY; i++) {
		h ^= k[i];
		h *= 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	return h;
}

int gs_match_init(struct gs_match *x, size_t npoints, int samples)
{
	memset(x, 0, sizeof *x);
	x->npoints = npoints ? npoints : 1;
	x->samples = samples;
	return 0;
}

void gs_match_free(struct gs_match *x)
{
	free(x->rows);
	free(x->count);
	free(x->value);
	free(x->wait_young);
	free(x->seen);
	free(x->table);
	memset(x, 0, sizeof *x);
}

/* Per-point arrays grow with the rows: realloc keeps row-major data in place. */
static int grow_rows(struct gs_match *x)
{
	size_t cap = x->rows_cap ? x->rows_cap * 2 : 64, n = x->npoints, old = x->rows_cap;
	void *p;

	if (cap > SIZE_MAX / n / MATCH_NVAL / sizeof(int64_t))
		return -1;
	p = realloc(x->rows, cap * sizeof *x->rows);
	if (p == NULL)
		return -1;
	x->rows = p;
	p = realloc(x->count, cap * n * sizeof *x->count);
	if (p == NULL)
		return -1;
	x->count = p;
	p = realloc(x->wait_young, cap * n * sizeof *x->wait_young);
	if (p == NULL)
		return -1;
	x->wait_young = p;
	p = realloc(x->seen, cap * n);
	if (p == NULL)
		return -1;
	x->seen = p;
	memset(x->count + old * n, 0, (cap - old) * n * sizeof *x->count);
	memset(x->wait_young + old * n, 0, (cap - old) * n * sizeof *x->wait_young);
	memset(x->seen + old * n, 0, (cap - old) * n);
	if (x->samples) {
		p = realloc(x->value, cap * n * MATCH_NVAL * sizeof *x->value);
		if (p == NULL)
			return -1;
		x->value = p;
		memset(x->value + old * n * MATCH_NVAL, 0,
		       (cap - old) * n * MATCH_NVAL * sizeof *x->value);
	}
	x->rows_cap = cap;
	return 0;
}

static int grow_table(struct gs_match *x)
{
	size_t cap = x->table_cap ? x->table_cap * 2 : 256, i, j;
	size_t *t = calloc(cap, sizeof *t);
	uint32_t k[NKEY];

	if (t == NULL)
		return -1;
	for (i = 0; i < x->nrows; i++) {
		key_fields(&x->rows[i].key, k);
		j = (size_t)key_hash(k) & (cap - 1);
		while (t[j])
			j = (j + 1) & (cap - 1);
		t[j] = i + 1;
	}
	free(x->table);
	x->table = t;
	x->table_cap = cap;
	return 0;
}

/* The row of this key, created when new; SIZE_MAX on allocation failure. */
static size_t find_or_add(struct gs_match *x, const struct group *key, size_t point,
                          size_t rep, uint32_t rep_stack)
{
	uint32_t k[NKEY], k2[NKEY];
	struct match_row *r;
	size_t j;

	if ((x->nrows + 1) * 2 > x->table_cap && grow_table(x) != 0)
		return SIZE_MAX;
	key_fields(key, k);
	j = (size_t)key_hash(k) & (x->table_cap - 1);
	while (x->table[j]) {
		size_t idx = x->table[j] - 1;

		key_fields(&x->rows[idx].key, k2);
		if (memcmp(k, k2, sizeof k) == 0)
			return idx;
		j = (j + 1) & (x->table_cap - 1);
	}
	if (x->nrows == x->rows_cap && grow_rows(x) != 0)
		return SIZE_MAX;
	r = &x->rows[x->nrows];
	memset(r, 0, sizeof *r);
	key_fields(key, k);
	r->key.state = k[0];
	r->key.wait_bucket = k[1];
	r->key.wait_exact = k[2];
	r->key.where = k[3];
	r->key.func = k[4];
	r->key.stack = k[5];
	r->key.creator = k[6];
	r->key.labels = k[7];
	r->key.label_value = k[8];
	r->rep = rep;
	r->rep_stack = rep_stack;
	r->first_point = point;
	x->table[j] = x->nrows + 1;
	return x->nrows++;
}

int gs_match_add_groups(struct gs_match *x, size_t point, const struct gs_model *m,
                        const struct grouping *g)
{
	size_t i, row, at;

	if (point >= x->npoints)
		return -1;
	for (i = 0; i < g->ngroups; i++) {
		const struct group *gr = &g->groups[i];
		size_t rep = g->member[gr->members];

		row = find_or_add(x, gr, point, rep, m->goroutines[rep].stack);
		if (row == SIZE_MAX)
			return -1;
		at = row * x->npoints + point;
		x->count[at] += gr->count;
		x->seen[at] = 1;
		/* a member without a printed wait is under a minute old: the group is young */
		x->wait_young[at] = gr->nwait == gr->records ? gr->wait_min : 0;
	}
	return 0;
}

/* "where" of a full stack, as group.c decides it. */
static uint32_t where_of(const struct gs_model *m, const struct group_opts *o, uint32_t stack)
{
	if (o->where)
		return o->where(o->where_ctx, m, stack);
	return gs_stack_where(m, stack);
}

/* Value of label `key` in a canonical set, interned; 0 when absent. */
static uint32_t label_value(const struct gs_model *m, uint32_t labels, uint32_t key)
{
	const char *s = gs_str(m, labels), *k, *v;
	size_t len = intern_len(m->strings, labels), pos = 0, klen, vlen;
	const char *want = gs_str(m, key);
	size_t wantlen = intern_len(m->strings, key);

	while (gs_label_next(s, len, &pos, &k, &klen, &v, &vlen))
		if (klen == wantlen && memcmp(k, want, klen) == 0)
			return intern_put(m->strings, v, vlen);
	return 0;
}

int gs_match_add_samples(struct gs_match *x, size_t point, const struct gs_model *m,
                         const struct group_opts *o, size_t first_s, size_t ns,
                         const unsigned char *keep, int raw)
{
	size_t i, end = first_s + ns, row, at;
	uint32_t last_stack = 0, last_where = 0;
	struct group key;
	int64_t v[MATCH_NVAL];
	int k;

	if (point >= x->npoints || !x->samples)
		return -1;
	if (end > m->nsamples)
		end = m->nsamples;
	for (i = first_s; i < end; i++) {
		const struct gs_sample *s = &m->samples[i];

		if (keep && !keep[i])
			continue;
		memset(&key, 0, sizeof key);
		if (o->keys & (GK_WHERE | GK_FUNC)) {
			/* records of one site mostly follow each other: ask once per stack run */
			if (s->stack != last_stack || i == first_s) {
				last_where = where_of(m, o, s->stack);
				last_stack = s->stack;
			}
			if (o->keys & GK_WHERE)
				key.where = last_where;
			if ((o->keys & GK_FUNC) && last_where)
				key.func = m->frames[last_where].func;
		}
		if (o->keys & GK_STACK)
			key.stack = m->stacks[s->stack].canon;
		if (o->keys & GK_LABELS)
			key.labels = s->labels;
		if ((o->keys & GK_LABEL) && s->labels && o->label_key)
			key.label_value = label_value(m, s->labels, o->label_key);
		row = find_or_add(x, &key, point, i, s->stack);
		if (row == SIZE_MAX)
			return -1;
		at = row * x->npoints + point;
		if (raw)
			memcpy(v, s->v, sizeof v);
		else if (gs_sample_scaled(m, s, v) != 0)
			memcpy(v, s->v, sizeof v);
		for (k = 0; k < MATCH_NVAL; k++)
			x->value[at * MATCH_NVAL + (size_t)k] += v[k];
		x->count[at]++;
		x->seen[at] = 1;
	}
	return 0;
}

unsigned gs_match_comparable_keys(unsigned keys, int nostate, int labels_one_sided,
                                  unsigned *out)
{
	unsigned drop = 0;

	if (nostate)
		drop |= keys & (GK_STATE | GK_WAIT | GK_WAIT_EXACT | GK_CREATOR);
	if (labels_one_sided)
		drop |= keys & (GK_LABELS | GK_LABEL);
	*out = keys & ~drop;
	return drop;
}

static int cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_text(const struct gs_model *m, uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	return strcmp(gs_str(m, a), gs_str(m, b));
}

static int cmp_frame(const struct gs_model *m, uint32_t a, uint32_t b)
{
	int c;

	if (a == b)
		return 0;
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

int gs_match_cmp_key(const struct gs_model *m, const struct group *a, const struct group *b)
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
