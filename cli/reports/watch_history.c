/* watch_history.c - see watch_history.h. */
#include "reports/watch_history.h"

#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
#include "outputs/table.h"
#include "outputs/term.h"
#include "reports/keys.h"

#define CELL_SEP '\x1f' /* between an identity's cells: escaped text never holds it */

void watch_history_init(struct watch_history *h)
{
	memset(h, 0, sizeof *h);
	h->ids = gs_intern_new(WATCH_MAX_ID_BYTES);
	if (h->ids == NULL)
		die_oom();
}

static void sample_free(struct watch_sample *s)
{
	free(s->g);
	s->g = NULL;
	s->n = 0;
}

void watch_history_free(struct watch_history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		sample_free(&h->s[i]);
	for (i = 0; i < h->ntitles; i++)
		free(h->titles[i]);
	free(h->titles);
	free(h->s);
	gs_intern_free(h->ids);
	memset(h, 0, sizeof *h);
}

/* The titles of the key's columns, as summary heads them. */
static void take_titles(struct watch_history *h, const struct gs_model *m,
                        const struct group_opts *go)
{
	struct table t;
	const char *s;
	size_t len, i;

	table_init(&t, 1);
	keys_headers(&t, m, go->keys, go->label_key);
	h->ntitles = t.ncells;
	h->titles = xcalloc(h->ntitles ? h->ntitles : 1, sizeof *h->titles);
	for (i = 0; i < h->ntitles; i++) {
		table_get(&t, i, 0, &s, &len);
		h->titles[i] = xmalloc(len + 1);
		memcpy(h->titles[i], s, len);
		h->titles[i][len] = '\0';
	}
	table_free(&t);
}

/* Members the runtime proved leaked (Go 1.26+ print " (leaked)" after the wait reason once
 * a goroutineleak profile was taken: GS_G_LEAKED); the MARK column shows "leaked" for such
 * a group. */
static uint64_t proven_leaked(const struct gs_model *m, const struct grouping *gr,
                              const struct group *g)
{
	uint64_t n = 0;
	size_t k;

	for (k = 0; k < g->records; k++) {
		const struct gs_goroutine *x = &m->goroutines[gr->member[g->members + k]];

		if (x->flags & GS_G_LEAKED)
			n += x->count;
	}
	return n;
}

static int cmp_group(const void *a, const void *b)
{
	const struct watch_group *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Every other sample but the first and the last: the series keeps its ends and shape. */
static void thin(struct watch_history *h)
{
	size_t i, k = 0;

	for (i = 0; i < h->n; i++) {
		if (i % 2 == 0 || i == h->n - 1)
			h->s[k++] = h->s[i];
		else
			sample_free(&h->s[i]);
	}
	h->n = k;
}

void watch_history_add(struct watch_history *h, const struct gs_model *m,
                       const struct grouping *gr, const struct group_opts *go, double time)
{
	struct gs_buf id = XBUF_INIT, cell = XBUF_INIT;
	struct watch_sample *s;
	size_t i, n = 0;
	int k;

	if (h->taken == 0)
		take_titles(h, m, go);
	if (h->n == WATCH_MAX_SAMPLES)
		thin(h);
	if (h->s == NULL)
		h->s = xcalloc(WATCH_MAX_SAMPLES, sizeof *h->s);
	s = &h->s[h->n++];
	memset(s, 0, sizeof *s);
	s->time = time;
	s->number = ++h->taken;
	s->total = gr->total;
	s->g = xcalloc(gr->ngroups ? gr->ngroups : 1, sizeof *s->g);
	h->untracked = 0;
	for (i = 0; i < gr->ngroups; i++) {
		const struct group *g = &gr->groups[i];
		struct watch_group *w = &s->g[n];

		gs_buf_reset(&id);
		for (k = 0; k < GS_NKEYS; k++) {
			if (!(go->keys & GK_BIT(k)))
				continue;
			gs_buf_reset(&cell);
			keys_text(&cell, m, (enum gs_key_id)k, g->key.v[k], KEYS_STACK_FUNCS);
			if (id.len)
				gs_buf_addch(&id, CELL_SEP);
			term_escape(&id, cell.data, cell.len);
		}
		w->id = gs_intern_put(h->ids, id.data, id.len);
		if (w->id == 0) {
			h->untracked++;
			continue;
		}
		w->count = g->count;
		w->has_wait = g->nwait > 0;
		w->wait_max = g->wait_max;
		w->young = g->nwait == g->records ? g->wait_min : 0;
		w->leaked = proven_leaked(m, gr, g);
		s->leaked += w->leaked;
		n++;
	}
	s->n = n;
	/* identities are unique per key, so no two groups of a sample share one */
	qsort(s->g, s->n, sizeof *s->g, cmp_group);
	gs_buf_release(&id);
	gs_buf_release(&cell);
}

const struct watch_group *watch_sample_find(const struct watch_sample *s, uint32_t id)
{
	size_t lo = 0, hi = s->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->g[mid].id == id)
			return &s->g[mid];
		if (s->g[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void watch_history_cell(const struct watch_history *h, uint32_t id, size_t i, const char **s,
                        size_t *len)
{
	const char *p = gs_intern_str(h->ids, id), *end = p + gs_intern_len(h->ids, id), *sep;

	for (; i > 0 && p < end; i--) {
		sep = memchr(p, CELL_SEP, (size_t)(end - p));
		p = sep ? sep + 1 : end;
	}
	sep = memchr(p, CELL_SEP, (size_t)(end - p));
	*s = p;
	*len = (size_t)((sep ? sep : end) - p);
}
