/* group_sort.c - see group_sort.h. */
#include "reports/group_sort.h"

#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"

/* What a group is sorted by, taken once per group: the where and state of its members. */
struct sort_item {
	struct group g;
	size_t place;            /* its place in the count order: ties keep it */
	uint32_t where, state;
};

struct sort_ctx {
	const struct gs_model *m;
	enum group_sort by;
};

static int cmp_text(const struct gs_model *m, uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	/* a known value before none and before a mix */
	if (a == 0 || a == RENDER_MIXED || b == 0 || b == RENDER_MIXED)
		return (a == 0 || a == RENDER_MIXED) ? 1 : -1;
	return strcmp(gs_str(m, a), gs_str(m, b));
}

static int cmp_where(const struct gs_model *m, uint32_t a, uint32_t b)
{
	const struct gs_frame *fa, *fb;
	int c;

	if (a == b)
		return 0;
	if (a == 0 || a == RENDER_MIXED || b == 0 || b == RENDER_MIXED)
		return (a == 0 || a == RENDER_MIXED) ? 1 : -1;
	fa = &m->frames[a];
	fb = &m->frames[b];
	c = cmp_text(m, fa->func, fb->func);
	if (c == 0)
		c = cmp_text(m, fa->file, fb->file);
	if (c == 0 && fa->line != fb->line)
		c = fa->line < fb->line ? -1 : 1;
	return c;
}

static int cmp_item(const void *pa, const void *pb, void *ctx)
{
	const struct sort_item *a = pa, *b = pb;
	const struct sort_ctx *sc = ctx;
	int c = 0;

	switch (sc->by) {
	case SORT_WAIT:
		/* longest stuck first; a group with no printed wait after any with one */
		if ((a->g.nwait != 0) != (b->g.nwait != 0))
			c = a->g.nwait ? -1 : 1;
		else if (a->g.wait_max != b->g.wait_max)
			c = a->g.wait_max > b->g.wait_max ? -1 : 1;
		break;
	case SORT_WHERE:
		c = cmp_where(sc->m, a->where, b->where);
		break;
	case SORT_STATE:
		c = cmp_text(sc->m, a->state, b->state);
		break;
	case SORT_COUNT:
		break;
	}
	if (c == 0)
		c = a->place < b->place ? -1 : a->place > b->place;
	return c;
}

static const struct {
	const char *word;
	enum group_sort by;
} rows[] = {
	{ "count", SORT_COUNT },
	{ "wait", SORT_WAIT },
	{ "where", SORT_WHERE },
	{ "state", SORT_STATE },
};

#define NROWS (sizeof rows / sizeof rows[0])

int group_sort_parse(const char *word, enum group_sort *out)
{
	size_t i;

	for (i = 0; i < NROWS; i++)
		if (strcmp(word, rows[i].word) == 0) {
			*out = rows[i].by;
			return 0;
		}
	return -1;
}

void group_sort_words(struct gs_buf *b)
{
	size_t i;

	for (i = 0; i < NROWS; i++)
		gs_buf_addf(b, "%s%s", i ? ", " : "", rows[i].word);
}

void group_sort(const struct render_ctx *r, struct grouping *gr, enum group_sort by)
{
	struct sort_item *items;
	struct sort_ctx sc;
	struct group_info gi;
	size_t i;

	if (by == SORT_COUNT || gr->ngroups < 2)
		return;
	items = xmalloc(gr->ngroups * sizeof *items);
	for (i = 0; i < gr->ngroups; i++) {
		items[i].g = gr->groups[i];
		items[i].place = i;
		render_group_info(r, &gr->groups[i], &gi);
		items[i].where = gi.where;
		items[i].state = gi.state;
	}
	sc.m = r->m;
	sc.by = by;
	qsort_r(items, gr->ngroups, sizeof *items, cmp_item, &sc);
	for (i = 0; i < gr->ngroups; i++)
		gr->groups[i] = items[i].g;
	free(items);
}
