/* match.c - see match.h. The join is one open-addressing table over the key fields, shared
 * by every point, so the cost is one hash probe per group (or per sample) of each point. */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "scale.h"
#include "sites.h"

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

	if (t == NULL)
		return -1;
	for (i = 0; i < x->nrows; i++) {
		j = (size_t)gs_key_hash(&x->rows[i].key) & (cap - 1);
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
static size_t find_or_add(struct gs_match *x, const struct gs_key *key, size_t point,
                          size_t rep, uint32_t rep_stack)
{
	struct match_row *r;
	size_t j;

	if ((x->nrows + 1) * 2 > x->table_cap && grow_table(x) != 0)
		return SIZE_MAX;
	j = (size_t)gs_key_hash(key) & (x->table_cap - 1);
	while (x->table[j]) {
		size_t idx = x->table[j] - 1;

		if (gs_key_eq(key, &x->rows[idx].key))
			return idx;
		j = (j + 1) & (x->table_cap - 1);
	}
	if (x->nrows == x->rows_cap && grow_rows(x) != 0)
		return SIZE_MAX;
	r = &x->rows[x->nrows];
	memset(r, 0, sizeof *r);
	r->key = *key;
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

		row = find_or_add(x, &gr->key, point, rep, m->goroutines[rep].stack);
		if (row == SIZE_MAX)
			return -1;
		at = row * x->npoints + point;
		/* saturating, as the parser's own sums: hostile counts must not wrap */
		x->count[at] = gr->count > UINT64_MAX - x->count[at] ? UINT64_MAX
		                                                   : x->count[at] + gr->count;
		x->seen[at] = 1;
		/* a member without a printed wait is under a minute old: the group is young */
		x->wait_young[at] = gr->nwait == gr->records ? gr->wait_min : 0;
	}
	return 0;
}

int gs_match_add_samples(struct gs_match *x, size_t point, const struct gs_model *m,
                         const struct group_opts *o, size_t first_s, size_t ns,
                         const unsigned char *keep, int raw)
{
	size_t i, end = first_s + ns, row, at;
	uint32_t last_stack = 0, last_where = 0;
	struct gs_key_in in;
	struct gs_key key;
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
		/* records of one site mostly follow each other: ask once per stack run */
		if ((o->keys & gs_keys_with(GS_KF_WHERE)) && (s->stack != last_stack || i == first_s)) {
			last_where = gs_group_where(m, o->where, o->where_ctx, s->stack);
			last_stack = s->stack;
		}
		in.g = NULL;
		in.stack = s->stack;
		in.labels = s->labels;
		in.where = last_where;
		in.label_key = o->label_key;
		in.dump = s->dump;
		gs_key_make(m, o->keys, &in, &key);
		row = find_or_add(x, &key, point, i, s->stack);
		if (row == SIZE_MAX)
			return -1;
		at = row * x->npoints + point;
		if (raw)
			memcpy(v, s->v, sizeof v);
		else if (gs_sample_scaled(m, s, v) != 0)
			memcpy(v, s->v, sizeof v);
		for (k = 0; k < MATCH_NVAL; k++)
			x->value[at * MATCH_NVAL + (size_t)k] =
				gs_sat_add(x->value[at * MATCH_NVAL + (size_t)k], v[k]);
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
		drop |= keys & gs_keys_with(GS_KF_STATE);
	if (labels_one_sided)
		drop |= keys & gs_keys_with(GS_KF_LABELS);
	*out = keys & ~drop;
	return drop;
}
