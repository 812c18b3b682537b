/* group_report.c - see group_report.h. */
#include "reports/group_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
#include "outputs/term.h"
#include "reports/fold.h"
#include "reports/keys.h"
#include "select/ranges.h"

static const struct gs_goroutine *member(const struct render_ctx *r, const struct group *g,
                                         size_t k)
{
	return &r->m->goroutines[r->gr->member[g->members + k]];
}

/* "goroutine 12 [chan receive, 5 minutes, locked to thread]:" as Go prints it. */
static void header_line(struct gs_buf *out, const struct gs_model *m, const struct gs_goroutine *g)
{
	if (g->flags & GS_G_NOSTATE) {
		gs_buf_addf(out, "%" PRIu64 " goroutine%s with this stack (debug=1 record, line %" PRIu64
		         ")", g->count, g->count == 1 ? "" : "s", g->line);
		return;
	}
	gs_buf_addf(out, "goroutine %" PRIu64 " [", g->id);
	gs_buf_add(out, gs_str(m, g->state), gs_intern_len(m->strings, g->state));
	if (g->flags & GS_G_SCAN)
		gs_buf_adds(out, " (scan)");
	if (g->flags & GS_G_WAIT)
		gs_buf_addf(out, ", %u minute%s", (unsigned)g->wait, g->wait == 1 ? "" : "s");
	if (g->flags & GS_G_LOCKED)
		gs_buf_adds(out, ", locked to thread");
	if (g->flags & GS_G_SYNCTEST)
		gs_buf_addf(out, ", synctest bubble %u", (unsigned)g->bubble);
	gs_buf_adds(out, "]:");
}

/* The model keeps the arguments of the first goroutine seen with each stack: per stack, the
 * index of that goroutine, so a group's stack is shown with its own member's arguments. */
static size_t *first_of_stack(const struct gs_model *m)
{
	size_t *first = xmalloc(((size_t)m->nstacks + 1) * sizeof *first), i;

	for (i = 0; i <= m->nstacks; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < m->ngoroutines; i++)
		if (first[m->goroutines[i].stack] == SIZE_MAX)
			first[m->goroutines[i].stack] = i;
	return first;
}

static void add_stack(struct table *t, const struct gs_model *m, const struct gs_goroutine *g)
{
	const struct gs_stack *st = &m->stacks[g->stack];
	const uint32_t *frames = gs_stack_frames(m, g->stack);
	struct gs_buf tmp = XBUF_INIT;
	uint32_t i;

	if (g->flags & GS_G_UNAVAILABLE) {
		table_layout(t, "\t");
		table_spanf(t, TS_DIM, "goroutine running on other thread; stack unavailable");
		table_layout(t, "\n");
	}
	for (i = 0; i < st->len; i++) {
		const struct gs_frame *f = &m->frames[frames[i]];
		const char *func = gs_str(m, f->func);
		size_t flen = gs_intern_len(m->strings, f->func);
		uint32_t args = m->stack_args ? m->stack_args[st->first + i] : 0;

		table_span(t, table_func_style(func, flen), func, flen);
		if (args)
			table_span(t, TS_PLAIN, gs_str(m, args), gs_intern_len(m->strings, args));
		else if (!(g->flags & GS_G_NOSTATE))
			table_span(t, TS_PLAIN, "(...)", 5);
		table_layout(t, "\n\t");
		if (f->file) {
			gs_buf_reset(&tmp);
			gs_buf_add(&tmp, gs_str(m, f->file), gs_intern_len(m->strings, f->file));
			gs_buf_addf(&tmp, ":%u", (unsigned)f->line);
			table_span(t, TS_DIM, tmp.data, tmp.len);
		} else {
			table_span(t, TS_DIM, "?", 1);
		}
		table_layout(t, "\n");
	}
	if (st->flags & GS_STACK_ELIDED) {
		table_span(t, TS_DIM, "...additional frames elided...", 30);
		table_layout(t, "\n");
	}
	if (st->flags & GS_STACK_TRUNCATED || g->flags & GS_G_TRUNCATED) {
		table_span(t, TS_RED, "...the input ends inside this stack...", 38);
		table_layout(t, "\n");
	}
	if (g->creator) {
		const struct gs_frame *c = &m->frames[g->creator];

		table_span(t, TS_PLAIN, "created by ", 11);
		table_span(t, table_func_style(gs_str(m, c->func), gs_intern_len(m->strings, c->func)),
		           gs_str(m, c->func), gs_intern_len(m->strings, c->func));
		if (g->parent)
			table_spanf(t, TS_PLAIN, " in goroutine %" PRIu64, g->parent);
		table_layout(t, "\n\t");
		gs_buf_reset(&tmp);
		gs_buf_add(&tmp, gs_str(m, c->file), gs_intern_len(m->strings, c->file));
		gs_buf_addf(&tmp, ":%u", (unsigned)c->line);
		table_span(t, TS_DIM, tmp.data, tmp.len);
		table_layout(t, "\n");
	}
	gs_buf_release(&tmp);
}

/* One distinct canonical stack of a group: its goroutines and the member shown for it. */
struct distinct {
	uint32_t canon;
	uint64_t count;
	size_t first;            /* its first member (k) */
	size_t args_of;          /* a member whose own arguments the model kept, SIZE_MAX none */
	int failed;              /* holds the goroutine that panicked or faulted (shown first) */
};

/* The stack that failed first, then most goroutines, then the order of the first member. */
static int cmp_distinct(const void *pa, const void *pb)
{
	const struct distinct *a = pa, *b = pb;

	if (a->failed != b->failed)
		return a->failed ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* The group's distinct canonical stacks, largest first; slot (per stack id, all 0) is
 * left all 0 again. */
static struct distinct *distinct_stacks(const struct render_ctx *r, const struct group *g,
                                        const size_t *first, uint32_t *slot, size_t *n)
{
	const struct gs_model *m = r->m;
	struct distinct *d = xmalloc((g->records ? g->records : 1) * sizeof *d);
	size_t k, nd = 0;

	for (k = 0; k < g->records; k++) {
		const struct gs_goroutine *x = member(r, g, k);
		uint32_t canon = m->stacks[x->stack].canon;
		struct distinct *e;

		if (slot[canon] == 0) {
			e = &d[nd++];
			e->canon = canon;
			e->count = 0;
			e->first = k;
			e->args_of = SIZE_MAX;
			e->failed = 0;
			slot[canon] = (uint32_t)nd;
		}
		e = &d[slot[canon] - 1];
		e->count += x->count;
		if (gs_dump_failed(m, x->dump) == r->gr->member[g->members + k]) {
			e->failed = 1;
			/* its own stack is the one shown: the goroutine that failed */
			e->first = k;
			e->args_of = first[x->stack] == r->gr->member[g->members + k] ? k : SIZE_MAX;
			continue;
		}
		if (!e->failed && e->args_of == SIZE_MAX &&
		    first[x->stack] == r->gr->member[g->members + k])
			e->args_of = k;
	}
	for (k = 0; k < nd; k++)
		slot[d[k].canon] = 0;
	qsort(d, nd, sizeof *d, cmp_distinct);
	*n = nd;
	return d;
}

/* A member's whole stack with its header line: the member whose own arguments the model
 * kept, else the first with that stack and the arguments of the goroutine that first had
 * it (said so). */
static void add_member_stack(struct table *t, const struct render_ctx *r, const struct group *g,
                             const struct distinct *d, const size_t *first, struct gs_buf *tmp)
{
	const struct gs_model *m = r->m;
	const struct gs_goroutine *rep = member(r, g, d->args_of != SIZE_MAX ? d->args_of : d->first);

	gs_buf_reset(tmp);
	header_line(tmp, m, rep);
	table_span(t, TS_BOLD, tmp->data, tmp->len);
	if (d->args_of == SIZE_MAX && first[rep->stack] != SIZE_MAX &&
	    !(m->goroutines[first[rep->stack]].flags & GS_G_NOSTATE))
		table_spanf(t, TS_DIM, " (arguments of goroutine %" PRIu64 ")",
		            m->goroutines[first[rep->stack]].id);
	table_layout(t, "\n");
	add_stack(t, m, rep);
}

/* show prints this many of a group's distinct stacks; --all every one */
#define SHOW_STACKS 5

static void add_detail(struct table *t, const struct render_ctx *r, const struct group *g,
                       size_t number, const struct group_info *gi, const size_t *first,
                       uint32_t *slot, int all)
{
	const struct gs_model *m = r->m;
	struct gs_buf tmp = XBUF_INIT;
	uint64_t *ids = xmalloc((g->records ? g->records : 1) * sizeof *ids);
	struct distinct *d;
	size_t k, nids = 0, nd, shown;

	/* heading: one line for md/html summaries */
	gs_buf_addf(&tmp, "#%zu  %" PRIu64 "  ", number, g->count);
	if (gi->state && gi->state != RENDER_MIXED)
		gs_buf_add(&tmp, gs_str(m, gi->state), gs_intern_len(m->strings, gi->state));
	gs_buf_adds(&tmp, "  ");
	render_frame_raw(&tmp, m, gi->where);
	table_detail(t, tmp.data, tmp.len);

	for (k = 0; k < g->records; k++) {
		const struct gs_goroutine *x = member(r, g, k);

		if (!(x->flags & GS_G_NOSTATE))
			ids[nids++] = x->id;
	}
	if (nids) {
		gs_buf_reset(&tmp);
		ranges_format(&tmp, ids, nids);
		table_span(t, TS_BOLD, "ids: ", 5);
		table_span(t, TS_PLAIN, tmp.data, tmp.len);
		table_layout(t, "\n");
	}
	if (gi->labels && gi->labels != RENDER_MIXED) {
		gs_buf_reset(&tmp);
		keys_labels_text(&tmp, m, gi->labels);
		table_span(t, TS_BOLD, "labels: ", 8);
		table_span(t, TS_PLAIN, tmp.data, tmp.len);
		table_layout(t, "\n");
	}
	if (nids || (gi->labels && gi->labels != RENDER_MIXED))
		table_layout(t, "\n");
	/* every distinct stack, not one as if it stood for all: a member of each */
	d = distinct_stacks(r, g, first, slot, &nd);
	shown = all || nd <= SHOW_STACKS ? nd : SHOW_STACKS;
	for (k = 0; k < shown; k++) {
		if (nd > 1) {
			if (k)
				table_layout(t, "\n");
			table_spanf(t, TS_BOLD, "stack %zu of %zu, %" PRIu64 " %s:", k + 1, nd,
			            d[k].count, d[k].count == 1 ? gs_kind(r->kind)->thing
			                                        : gs_kind(r->kind)->things);
			table_layout(t, "\n");
		}
		add_member_stack(t, r, g, &d[k], first, &tmp);
	}
	if (shown < nd) {
		table_layout(t, "\n");
		table_spanf(t, TS_DIM, "... %zu more stack%s (--all shows them)", nd - shown,
		            nd - shown == 1 ? "" : "s");
		table_layout(t, "\n");
	}
	free(d);
	if (all && g->records > 1) {
		table_layout(t, "\n");
		table_spanf(t, TS_BOLD, "members (%zu):", (size_t)g->records);
		table_layout(t, "\n");
		for (k = 0; k < g->records; k++) {
			gs_buf_reset(&tmp);
			header_line(&tmp, m, member(r, g, k));
			table_span(t, TS_PLAIN, tmp.data, tmp.len);
			table_layout(t, "\n");
		}
	}
	free(ids);
	gs_buf_release(&tmp);
}

static void stack_cell(struct table *t, const struct gs_model *m, uint32_t stack)
{
	const uint32_t *frames = gs_stack_frames(m, stack);
	struct gs_buf *b = table_cell(t);
	uint32_t i;

	for (i = 0; i < m->stacks[stack].len; i++) {
		if (i)
			gs_buf_adds(b, " <- ");
		render_frame_raw(b, m, frames[i]);
	}
}

static void ids_cell(struct table *t, const struct render_ctx *r, const struct group *g)
{
	uint64_t *ids = xmalloc((g->records ? g->records : 1) * sizeof *ids);
	size_t k, n = 0;

	for (k = 0; k < g->records; k++)
		if (!(member(r, g, k)->flags & GS_G_NOSTATE))
			ids[n++] = member(r, g, k)->id;
	ranges_format(table_cell(t), ids, n);
	free(ids);
}

/* "panic: ..." and "[signal ...]" lines of every dump, named by source when there are
 * several. */
static void alerts(struct report *rep, const struct gs_model *m)
{
	struct gs_buf lead = XBUF_INIT;
	uint32_t s;

	report_lines(rep, REPORT_ALERT);
	for (s = 0; s < m->nsources; s++) {
		gs_buf_reset(&lead);
		if (m->nsources > 1)
			gs_buf_addf(&lead, "%s: ", gs_str(m, m->sources[s].name));
		render_alerts(rep, m, &m->sources[s], lead.len ? lead.data : "");
	}
	gs_buf_release(&lead);
}

/* The dumps the groups come from: of goroutine kinds, or threadcreate profiles. */
static uint64_t dumps_read(const struct render_ctx *r, const struct render_totals *tot)
{
	uint64_t n = 0;
	uint32_t i;

	if (r->kind != GS_KIND_THREADCREATE)
		return tot->goroutine_dumps;
	for (i = 0; i < r->m->ndumps; i++)
		n += r->m->dumps[i].kind == GS_KIND_THREADCREATE;
	return n;
}

/* Several dumps are not silently summed: up to this many, the footer gives each one's
 * count ("2 dumps (87 + 222 goroutines)"); --by dump groups them apart. */
#define FOOTER_DUMP_COUNTS 6

/* " (87 + 222 goroutines)" for the dumps the groups come from, when 2..FOOTER_DUMP_COUNTS */
static void dump_counts(struct gs_buf *b, const struct render_ctx *r, uint64_t dumps)
{
	const struct gs_model *m = r->m;
	const char *things = gs_kind(r->kind)->things;
	uint32_t i;
	int first = 1;

	if (dumps < 2 || dumps > FOOTER_DUMP_COUNTS)
		return;
	gs_buf_adds(b, " (");
	for (i = 0; i < m->ndumps; i++) {
		int ours = r->kind == GS_KIND_THREADCREATE ? m->dumps[i].kind == GS_KIND_THREADCREATE
		                                           : render_kind_is_goroutine(m->dumps[i].kind);

		if (!ours)
			continue;
		gs_buf_addf(b, "%s%" PRIu64, first ? "" : " + ", render_dump_goroutines(m, &m->dumps[i]));
		first = 0;
	}
	gs_buf_addf(b, " %s)", things);
}

#define STATE_UNKNOWN "STATE ?: state is not printed in debug=1 profiles"

/* The counts; nostate: and what STATE ? means, on the same line for show, under it for a
 * summary. */
static void footer(struct report *rep, const struct render_ctx *r, size_t shown, int nostate,
                   int show)
{
	const struct gs_model *m = r->m;
	const struct grouping *gr = r->gr;
	const char *noun = gs_kind(r->kind)->thing;
	struct render_totals tot;
	struct gs_buf b = XBUF_INIT;
	uint64_t dumps;

	render_totals(m, &tot);
	dumps = dumps_read(r, &tot);
	gs_buf_addf(&b, "%" PRIu64 " %s%s in %zu group%s", gr->total, noun, gr->total == 1 ? "" : "s",
	         gr->ngroups, gr->ngroups == 1 ? "" : "s");
	if (shown != gr->ngroups)
		gs_buf_addf(&b, " (%zu shown)", shown);
	gs_buf_addf(&b, ", %" PRIu64 " dump%s", dumps, dumps == 1 ? "" : "s");
	dump_counts(&b, r, dumps);
	gs_buf_addf(&b, " from %u source%s, %" PRIu64 " skipped, %" PRIu64 " line%s not understood",
	            (unsigned)m->nsources, m->nsources == 1 ? "" : "s", tot.skipped,
	            tot.lines_skipped, tot.lines_skipped == 1 ? "" : "s");
	if (gr->filtered)
		gs_buf_addf(&b, ", %" PRIu64 " filtered out", gr->filtered);
	if (tot.g0_stacks)
		gs_buf_addf(&b, ", %" PRIu64 " thread stack%s (goroutine 0) not counted", tot.g0_stacks,
		         tot.g0_stacks == 1 ? "" : "s");
	if (nostate && show)
		gs_buf_adds(&b, "; " STATE_UNKNOWN);
	report_lines(rep, REPORT_FOOTER);
	report_line(rep, b.data, b.len);
	if (nostate && !show)
		report_line(rep, STATE_UNKNOWN, strlen(STATE_UNKNOWN));
	gs_buf_release(&b);
}

/* The columns and details a report of groups has in its format. */
struct shape {
	int number;              /* '#': the group's place in summary order */
	int details;             /* ids and the stack of each group as its detail */
	int ids_column;          /* IDS and STACK ("func file:line <- caller ...") columns */
	int mark_stacks;         /* "(3 stacks)" after WHERE when members' stacks differ */
	int sources;             /* SOURCES: groups span several SOURCEs, not in the key */
};

/* Scratch of one rendering, per stack id. */
struct scratch {
	const size_t *first;     /* details: the first goroutine of each stack, else NULL */
	size_t *seen;            /* render_group_stacks' marks */
	size_t *source_seen;     /* render_group_sources' marks */
	uint32_t *slot;          /* distinct_stacks' slots */
};

/* The group's row, and with details its ids and stack. */
static void group_row(struct table *t, const struct group_report *o, const struct shape *sh,
                      size_t index, const struct scratch *sc, int *nostate)
{
	const struct render_ctx *r = o->r;
	const struct gs_model *m = r->m;
	const struct group *g = &r->gr->groups[index];
	unsigned keys = r->go->keys, columns = keys & gs_keys_with(GS_KF_COLUMN);
	struct group_info gi;
	struct gs_buf *b;

	render_group_info(r, g, &gi);
	if (sh->number)
		table_cellf(t, "%zu", index + 1);
	table_cellf(t, "%" PRIu64, g->count);
	table_style(t, TS_BOLD);
	if (sh->sources)
		table_cellf(t, "%u", (unsigned)render_group_sources(r, g, sc->source_seen));
	if (gi.state == RENDER_MIXED) {
		table_lit(t, "*");
	} else if (gi.state == 0) {
		/* debug=1: not printed, so not known (not empty) */
		int unknown = (member(r, g, 0)->flags & GS_G_NOSTATE) != 0;

		table_lit(t, unknown ? "?" : "-");
		*nostate |= unknown;
	} else {
		table_cellb(t, gs_str(m, gi.state), gs_intern_len(m->strings, gi.state));
		table_style(t, table_style_of_ansi(term_state_color(gs_str(m, gi.state))));
	}
	/* the goroutine that panicked or faulted: first whatever its count, and said so */
	if (index < r->failed)
		gs_buf_addf(&t->text, " (%s)", /* the state cell is still open */
		            render_failed_word(m, member(r, g, 0)->dump));
	b = table_cell(t);
	if (keys & GK_WAIT_EXACT && g->nwait == 0)
		gs_buf_adds(b, "<1m");
	else
		render_wait_range(b, g);
	b = table_cell(t);
	if (gi.where == RENDER_MIXED && (keys & GK_FUNC) && g->key.v[GS_KEY_FUNC])
		keys_text(b, m, GS_KEY_FUNC, g->key.v[GS_KEY_FUNC], KEYS_STACK_FUNCS);
	else
		render_frame_raw(b, m, gi.where);
	if (sh->mark_stacks) {
		uint32_t nstacks = render_group_stacks(r, g, sc->seen);

		if (nstacks > 1)
			gs_buf_addf(b, " (%u stacks)", (unsigned)nstacks);
	}
	keys_cells(t, m, columns, &g->key, KEYS_STACK_FUNCS);
	if (gi.creator == RENDER_MIXED || gi.creator == 0)
		table_lit(t, gi.creator ? "*" : "-");
	else
		table_cellb(t, gs_str(m, m->frames[gi.creator].func),
		            gs_intern_len(m->strings, m->frames[gi.creator].func));
	if (sh->ids_column) {
		ids_cell(t, r, g);
		stack_cell(t, m, member(r, g, 0)->stack);
	}
	if (sc->first)
		add_detail(t, r, g, index + 1, &gi, sc->first, sc->slot, o->all);
}

/* The goroutines of the groups shown, for the icicle graph. */
static unsigned char *shown(const struct render_ctx *r, const struct group_report *o)
{
	unsigned char *keep = xcalloc(r->m->ngoroutines ? r->m->ngoroutines : 1, 1);
	size_t i, k;

	for (i = 0; i < o->ngroups; i++) {
		const struct group *g = &r->gr->groups[o->groups[i]];

		for (k = 0; k < g->records; k++)
			keep[r->gr->member[g->members + k]] = 1;
	}
	return keep;
}

void group_report(struct report *rep, const struct group_report *o)
{
	const struct render_ctx *r = o->r;
	const struct gs_model *m = r->m;
	unsigned columns = r->go->keys & gs_keys_with(GS_KF_COLUMN);
	size_t ncols = 5, n = o->groups ? o->ngroups : r->gr->ngroups, i;
	size_t *first;
	struct scratch sc;
	unsigned char *only = NULL;
	int nostate = 0;
	struct shape sh;
	struct table *t;

	/* on a terminal a summary is its rows alone; show's stacks are what it is for, and
	 * a spreadsheet gets them as columns */
	sh.number = o->show || !report_has(rep, REPORT_TERMINAL);
	sh.ids_column = o->show && report_has(rep, REPORT_DATA);
	sh.details = (o->show || report_has(rep, REPORT_DETAILS)) && !report_has(rep, REPORT_DATA);
	/* for people: a spreadsheet's WHERE stays the frame alone (JSON has "stacks") */
	sh.mark_stacks = !report_has(rep, REPORT_DATA);
	first = sh.details ? first_of_stack(m) : NULL;
	sc.first = first;
	sc.source_seen = render_sources_seen(m);
	sh.sources = 0;
	for (i = 0; i < n && m->nsources > 1 && !sh.sources; i++)
		sh.sources = render_group_sources(r, &r->gr->groups[o->groups ? o->groups[i] : i],
		                                  sc.source_seen) > 1;
	sc.seen = sh.mark_stacks ? render_stacks_seen(m) : NULL;
	sc.slot = first ? xcalloc((size_t)m->nstacks + 1, sizeof *sc.slot) : NULL;
	if (o->title)
		report_titlef(rep, "%s", o->title);
	alerts(rep, m);

	ncols += (size_t)((sh.number != 0) + (sh.sources != 0) + __builtin_popcount(columns) +
	                  2 * (sh.ids_column != 0));
	t = report_table(rep, ncols);
	t->caption = "Groups";
	t->hint = "click a number for the group's stack";
	t->details_caption = "Stacks of the groups";
	t->details_hint = "one member's stack as Go printed it";
	t->details_open = o->show;
	if (sh.number) {
		table_lit(t, "#");
		table_right(t, 0);
	}
	table_right(t, sh.number ? 1 : 0);
	table_lit(t, "COUNT");
	if (sh.sources) {
		table_right(t, sh.number ? 2 : 1);
		table_lit(t, "SOURCES");
	}
	table_lit(t, "STATE");
	table_lit(t, "WAIT");
	table_lit(t, "WHERE");
	table_code(t, t->ncells - 1);
	/* the keys with a column of their own, after the facts every group has */
	keys_headers(t, m, columns, r->go->label_key);
	table_lit(t, "CREATED BY");
	table_code(t, t->ncells - 1);
	if (sh.ids_column) {
		table_lit(t, "IDS");
		table_lit(t, "STACK");
		table_code(t, t->ncells - 1);
	}
	for (i = 0; i < n; i++)
		group_row(t, o, &sh, o->groups ? o->groups[i] : i, &sc, &nostate);
	free(first);
	free(sc.seen);
	free(sc.slot);
	free(sc.source_seen);

	footer(rep, r, n, nostate, o->show);
	if (report_has(rep, REPORT_GRAPH)) {
		if (o->groups)
			only = shown(r, o);
		fold_goroutines(report_graph(rep, gs_kind(r->kind)->things), m, only ? only : o->keep,
		                0);
		free(only);
	}
}
