/* render.c - see render.h. */
#include "reports/render.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "object.h"
#include "outputs/msg.h"
#include "outputs/table.h"
#include "outputs/term.h"
#include "outputs/sums.h"

static uint32_t where_of(const struct render_ctx *r, uint32_t stack)
{
	if (r->go->where)
		return r->go->where(r->go->where_ctx, r->m, stack);
	return gs_stack_where(r->m, stack);
}

static void merge(uint32_t *acc, uint32_t v)
{
	if (*acc != v)
		*acc = RENDER_MIXED;
}

void render_info_begin(const struct render_ctx *r, const struct group *g, size_t first,
                       struct group_info *gi)
{
	const struct gs_goroutine *rep = &r->m->goroutines[first];

	gi->state = rep->state;
	gi->where = (r->go->keys & GK_WHERE) ? g->key.v[GS_KEY_WHERE] : where_of(r, rep->stack);
	gi->creator = rep->creator;
	gi->labels = rep->labels;
	gi->object_value = gs_goroutine_object(r->m, first);
	gi->last_stack = rep->stack;
}

void render_info_add(const struct render_ctx *r, struct group_info *gi, size_t member)
{
	const struct gs_model *m = r->m;
	const struct gs_goroutine *x = &m->goroutines[member];
	unsigned keys = r->go->keys;

	if (m->nobjects && gi->object_value != RENDER_MIXED_OBJECT &&
	    gi->object_value != gs_goroutine_object(m, member))
		gi->object_value = RENDER_MIXED_OBJECT;
	if (!(keys & GK_STATE))
		merge(&gi->state, x->state);
	if (!(keys & GK_CREATOR))
		merge(&gi->creator, x->creator);
	if (!(keys & GK_LABELS))
		merge(&gi->labels, x->labels);
	/* members mostly share stacks: ask the where function only on a change */
	if (!(keys & (GK_WHERE | GK_STACK)) && x->stack != gi->last_stack) {
		merge(&gi->where, where_of(r, x->stack));
		gi->last_stack = x->stack;
	}
}

void render_info_end(const struct render_ctx *r, const struct group *g, struct group_info *gi)
{
	if (r->go->keys & GK_OBJECT)
		gi->object = g->key.v[GS_KEY_OBJECT];
	else if (gi->object_value == RENDER_MIXED_OBJECT)
		gi->object = RENDER_MIXED;
	else
		gi->object = gs_object_intern(r->m, gi->object_value);
}

void render_group_info(const struct render_ctx *r, const struct group *g, struct group_info *gi)
{
	size_t i;

	render_info_begin(r, g, r->gr->member[g->members], gi);
	for (i = 1; i < g->records; i++)
		render_info_add(r, gi, r->gr->member[g->members + i]);
	render_info_end(r, g, gi);
}

/* The marks of a count: one per source, and past them the count of calls, so each call
 * marks with a number no call before used and nothing is reset between groups. */
size_t *render_sources_seen(const struct gs_model *m)
{
	return xcalloc((size_t)m->nsources + 1, sizeof(size_t));
}

/* The index of x in the sorted failed[0..n), SIZE_MAX when absent. */
static size_t find_failed(const size_t *failed, size_t n, size_t x)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (failed[mid] == x)
			return mid;
		if (failed[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

size_t render_failed_first(const struct gs_model *m, struct grouping *gr)
{
	size_t *failed, *holder, nfailed = 0, moved = 0, i, k, f;
	struct group *order;
	unsigned char *taken;
	uint32_t d;

	for (d = 0; d < m->ndumps; d++)
		nfailed += gs_dump_failed(m, d) != SIZE_MAX;
	/* no group: a filter took every goroutine (gr->groups may be NULL then) */
	if (nfailed == 0 || gr->ngroups == 0)
		return 0;
	/* dumps are in input order, so their first goroutines are sorted */
	failed = xmalloc(nfailed * sizeof *failed);
	holder = xmalloc(nfailed * sizeof *holder);
	nfailed = 0;
	for (d = 0; d < m->ndumps; d++)
		if (gs_dump_failed(m, d) != SIZE_MAX)
			failed[nfailed++] = gs_dump_failed(m, d);
	for (f = 0; f < nfailed; f++)
		holder[f] = SIZE_MAX;
	/* one pass over the members: which group holds each (a filter may have dropped it) */
	for (i = 0; i < gr->ngroups; i++)
		for (k = 0; k < gr->groups[i].records; k++) {
			f = find_failed(failed, nfailed, gr->member[gr->groups[i].members + k]);
			if (f != SIZE_MAX)
				holder[f] = i;
		}
	/* the groups of the failed goroutines in dump order (each once), then the rest */
	order = xmalloc((gr->ngroups ? gr->ngroups : 1) * sizeof *order);
	taken = xcalloc(gr->ngroups ? gr->ngroups : 1, 1);
	for (f = 0; f < nfailed; f++)
		if (holder[f] != SIZE_MAX && !taken[holder[f]]) {
			taken[holder[f]] = 1;
			order[moved++] = gr->groups[holder[f]];
		}
	for (i = 0, k = moved; i < gr->ngroups; i++)
		if (!taken[i])
			order[k++] = gr->groups[i];
	memcpy(gr->groups, order, gr->ngroups * sizeof *order);
	free(order);
	free(taken);
	free(failed);
	free(holder);
	return moved;
}

const char *render_failed_word(const struct gs_model *m, uint32_t dump)
{
	const char *p = dump < m->ndumps && m->dumps[dump].panic ? gs_str(m, m->dumps[dump].panic)
	                                                          : "";

	return strncmp(p, "panic", 5) == 0 ? "panicked" : "crashed";
}

uint32_t render_group_sources(const struct render_ctx *r, const struct group *g, size_t *seen)
{
	const struct gs_model *m = r->m;
	size_t k, mark = ++seen[m->nsources];
	uint32_t n = 0, src;

	if (m->nsources <= 1 || (r->go->keys & GK_SOURCE))
		return m->nsources ? 1 : 0;
	for (k = 0; k < g->records; k++) {
		src = m->dumps[m->goroutines[r->gr->member[g->members + k]].dump].source;
		if (seen[src] != mark) {
			seen[src] = mark;
			n++;
		}
	}
	return n;
}

struct key_ref {
	const char *s;
	size_t n;
};

static int cmp_key_ref(const void *pa, const void *pb)
{
	const struct key_ref *a = pa, *b = pb;
	int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);

	return c ? c : (a->n > b->n) - (a->n < b->n);
}

size_t render_label_keys(const struct render_ctx *r, struct gs_buf *keys)
{
	const struct gs_model *m = r->m;
	unsigned char *seen = xcalloc((size_t)gs_intern_count(m->strings) + 1, 1);
	struct key_ref *refs = NULL;
	size_t nrefs = 0, cap = 0, i, k, pos, kl, vl;
	const char *text, *key, *val;
	/* when every goroutine is a member, read in input order (members are in group order:
	 * each read far from the last) */
	int all = r->gr->nmember == m->ngoroutines;

	/* label sets repeat across goroutines: each distinct one is read once */
	for (i = 0; i < r->gr->nmember; i++) {
		uint32_t labels = m->goroutines[all ? i : r->gr->member[i]].labels;

		if (labels == 0 || seen[labels])
			continue;
		seen[labels] = 1;
		text = gs_str(m, labels);
		pos = 0;
		while (gs_label_next(text, gs_intern_len(m->strings, labels), &pos, &key, &kl, &val,
		                     &vl)) {
			for (k = 0; k < nrefs && (refs[k].n != kl || memcmp(refs[k].s, key, kl) != 0); k++)
				;
			if (k < nrefs)
				continue;
			if (nrefs == cap) {
				cap = cap ? cap * 2 : 8;
				refs = xrealloc(refs, cap * sizeof *refs);
			}
			refs[nrefs].s = key;
			refs[nrefs++].n = kl;
		}
	}
	if (nrefs > 1)
		qsort(refs, nrefs, sizeof *refs, cmp_key_ref);
	for (k = 0; k < nrefs; k++) {
		gs_buf_add(keys, refs[k].s, refs[k].n);
		gs_buf_addch(keys, '\0');
	}
	free(refs);
	free(seen);
	return nrefs;
}

const char *render_label_key_next(const struct gs_buf *keys, size_t *pos)
{
	const char *k;

	if (*pos >= keys->len)
		return NULL;
	k = keys->data + *pos;
	*pos += strlen(k) + 1;
	return k;
}

size_t render_holders(const struct render_ctx *r, struct gs_holders *h, const struct group *g,
                      uint64_t object, struct gs_holder *out, size_t max)
{
	const struct gs_model *m = r->m;
	size_t k, n = 0;
	uint32_t dump, last = UINT32_MAX;

	if (object == 0 || object == RENDER_MIXED_OBJECT)
		return 0;
	/* members are in input order: the dumps they come from, each once */
	for (k = 0; k < g->records; k++) {
		dump = m->goroutines[r->gr->member[g->members + k]].dump;
		if (dump == last)
			continue;
		last = dump;
		/* counted past max, written up to it (out may be NULL with max 0) */
		n += gs_holders_find(h, dump, object, n < max ? out + n : NULL, n < max ? max - n : 0);
	}
	return n;
}

int render_any_object(const struct render_ctx *r, const size_t *groups, size_t n)
{
	size_t i, k;

	for (i = 0; i < n && r->m->nobjects; i++) {
		const struct group *g = &r->gr->groups[groups ? groups[i] : i];

		for (k = 0; k < g->records; k++)
			if (gs_goroutine_object(r->m, r->gr->member[g->members + k]))
				return 1;
	}
	return 0;
}

void render_goroutine_status(struct gs_buf *out, const struct gs_model *m,
                             const struct gs_goroutine *g)
{
	gs_buf_addf(out, "goroutine %" PRIu64 " [", g->id);
	gs_buf_add(out, gs_str(m, g->state), gs_intern_len(m->strings, g->state));
	if (g->flags & GS_G_LEAKED)
		gs_buf_adds(out, " (leaked)");
	if (g->flags & GS_G_SCAN)
		gs_buf_adds(out, " (scan)");
	if (g->flags & GS_G_DURABLE)
		gs_buf_adds(out, " (durable)");
	if (g->flags & GS_G_WAIT)
		gs_buf_addf(out, ", %u minute%s", (unsigned)g->wait, g->wait == 1 ? "" : "s");
	if (g->flags & GS_G_LOCKED)
		gs_buf_adds(out, ", locked to thread");
	if (g->flags & GS_G_SYNCTEST)
		gs_buf_addf(out, ", synctest bubble %u", (unsigned)g->bubble);
	gs_buf_addch(out, ']');
}

int render_read_with(enum gs_kind result, enum gs_kind k)
{
	return (gs_kind(k)->read_with &
	        GS_KIND_BIT(result == GS_KIND_UNKNOWN ? GS_KIND_GOROUTINE : result)) != 0;
}

void render_totals(const struct gs_model *m, struct render_totals *t)
{
	uint32_t i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < m->ndumps; i++) {
		const struct gs_dump *d = &m->dumps[i];

		t->skipped += d->skipped;
		t->g0_stacks += d->g0_stacks;
	}
	for (i = 0; i < m->nsources; i++) {
		t->lines += m->sources[i].lines;
		t->lines_skipped += m->sources[i].skipped_lines;
		t->bytes += m->sources[i].bytes;
	}
}

const char *render_source_format(const struct gs_model *m, uint32_t source)
{
	const struct gs_source *s = &m->sources[source];

	if (s->ndumps == 0 || s->first_dump >= m->ndumps)
		return "unknown";
	return gs_kind_name(m->dumps[s->first_dump].kind);
}

/* As people say a wait: "45m", "1h30m", "2d3h" (past a day the minutes are noise). */
void render_minutes(struct gs_buf *out, uint32_t minutes)
{
	uint32_t d = minutes / 1440, h = minutes / 60 % 24, m = minutes % 60;

	if (d) {
		gs_buf_addf(out, "%ud", (unsigned)d);
		if (h)
			gs_buf_addf(out, "%uh", (unsigned)h);
	} else if (h) {
		gs_buf_addf(out, "%uh", (unsigned)h);
		if (m)
			gs_buf_addf(out, "%um", (unsigned)m);
	} else {
		gs_buf_addf(out, "%um", (unsigned)m);
	}
}

void render_wait_range(struct gs_buf *out, const struct group *g)
{
	if (g->nwait == 0)
		gs_buf_addch(out, '-');
	else if (g->wait_min == g->wait_max)
		render_minutes(out, g->wait_min);
	else if (g->wait_max < 60)
		gs_buf_addf(out, "%u-%um", (unsigned)g->wait_min, (unsigned)g->wait_max);
	else {
		render_minutes(out, g->wait_min);
		gs_buf_addch(out, '-');
		render_minutes(out, g->wait_max);
	}
}

const char *render_short_path(const char *path)
{
	const char *last = strrchr(path, '/'), *p;

	if (last == NULL)
		return path;
	for (p = last; p > path; p--)
		if (p[-1] == '/')
			return p;
	return path;
}

void render_frame_raw(struct gs_buf *out, const struct gs_model *m, uint32_t frame)
{
	const struct gs_frame *f;

	if (frame == 0 || frame == RENDER_MIXED) {
		gs_buf_addch(out, frame ? '*' : '-');
		return;
	}
	f = &m->frames[frame];
	gs_buf_add(out, gs_str(m, f->func), gs_intern_len(m->strings, f->func));
	if (f->file) {
		gs_buf_addch(out, ' ');
		gs_buf_adds(out, render_short_path(gs_str(m, f->file)));
		gs_buf_addf(out, ":%u", (unsigned)f->line);
	}
}

void render_alerts(struct report *rep, const struct gs_model *m, const struct gs_source *src,
                   const char *lead)
{
	struct gs_buf line = XBUF_INIT;
	uint32_t d, what[2];
	int k;

	for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
		what[0] = m->dumps[d].panic;
		what[1] = m->dumps[d].signal;
		for (k = 0; k < 2; k++) {
			if (what[k] == 0)
				continue;
			gs_buf_reset(&line);
			gs_buf_adds(&line, lead);
			gs_buf_add(&line, gs_str(m, what[k]), gs_intern_len(m->strings, what[k]));
			report_alert(rep, line.data, line.len, strlen(lead));
		}
	}
	gs_buf_release(&line);
}

void render_stack_detail(struct table *t, const struct gs_model *m, uint32_t stack)
{
	const uint32_t *fr = gs_stack_frames(m, stack);
	struct gs_buf head = XBUF_INIT;
	uint32_t i;

	gs_buf_adds(&head, "stack");
	if (m->stacks[stack].len)
		gs_buf_addf(&head, " of %s", gs_str(m, m->frames[fr[0]].func));
	table_detail(t, head.data, head.len);
	for (i = 0; i < m->stacks[stack].len; i++) {
		const struct gs_frame *f = &m->frames[fr[i]];

		if (i > 0)
			table_layout(t, "\n");
		table_span(t, table_func_style(gs_str(m, f->func), gs_intern_len(m->strings, f->func)),
		           gs_str(m, f->func), gs_intern_len(m->strings, f->func));
		if (f->file) {
			table_layout(t, "\n\t");
			table_spanf(t, TS_DIM, "%s:%u", gs_str(m, f->file), (unsigned)f->line);
		}
	}
	gs_buf_release(&head);
}

uint32_t render_site_stack(const struct gs_model *m, const struct gs_site *s)
{
	struct gs_rec_values r;

	if (s->key.v[GS_KEY_STACK])
		return s->key.v[GS_KEY_STACK];
	if (s->rep_dump == UINT32_MAX)
		return 0;
	gs_dump_record_values(m, s->rep_dump, s->rep_index, &r);
	return r.stack ? m->stacks[r.stack].canon : 0;
}

uint64_t render_dump_goroutines(const struct gs_model *m, const struct gs_dump *d)
{
	uint64_t n = 0;
	size_t i;

	for (i = d->first_g; i < d->first_g + d->ng && i < m->ngoroutines; i++)
		n = sum_u64(n, m->goroutines[i].count);
	return n;
}

void render_flush(struct gs_buf *out, FILE *f, int force)
{
	table_flush(out, f, force); /* one policy, the outputs' (table.h) */
}
