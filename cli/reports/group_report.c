/* group_report.c - see group_report.h. */
#include "reports/group_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "object.h"
#include "outputs/msg.h"
#include "outputs/term.h"
#include "reports/fold.h"
#include "reports/group_objects.h"
#include "reports/keys.h"
#include "reports/member_facts.h"
#include "select/ranges.h"
#include "outputs/budget.h"

static const struct gs_goroutine *member(const struct render_ctx *r, const struct group *g,
                                         size_t k)
{
	return &r->m->goroutines[r->gr->member[g->members + k]];
}

/* "goroutine 12 [chan receive (leaked), 5 minutes, locked to thread] {k: v}:" as Go prints
 * it. */
static void header_line(struct gs_buf *out, const struct gs_model *m, const struct gs_goroutine *g)
{
	if (g->flags & GS_G_NOSTATE) {
		gs_buf_addf(out, "%" PRIu64 " goroutine%s with this stack (debug=1 record, line %" PRIu64
		         ")", g->count, g->count == 1 ? "" : "s", g->line);
		if (g->labels) {
			gs_buf_addch(out, ' ');
			keys_labels_go(out, m, g->labels);
		}
		return;
	}
	render_goroutine_status(out, m, g);
	/* where Go 1.27 prints them, whatever form the input had */
	if (g->labels) {
		gs_buf_addch(out, ' ');
		keys_labels_go(out, m, g->labels);
	}
	gs_buf_addch(out, ':');
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
			gs_buf_addch(&tmp, ':');
			gs_buf_add_u64(&tmp, f->line);
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

/* What show reads of a group's members, in one walk (a group may have a million): its
 * distinct canonical stacks, largest first, and the ids of its goroutines. */
struct member_walk {
	struct distinct *d;
	size_t nd;
	uint64_t *ids;           /* of the members with a state (debug=1 records have none) */
	size_t nids;
};

/* slot (per stack id, all 0) is left all 0 again. */
static void walk_members(const struct render_ctx *r, const struct group *g,
                         const struct member_facts *f, uint32_t *slot, struct member_walk *w)
{
	size_t n = g->records ? g->records : 1, k, nd = 0, nids = 0;
	struct distinct *d = xmalloc(n * sizeof *d);
	uint64_t *ids = xmalloc(n * sizeof *ids);

	for (k = 0; k < g->records; k++) {
		size_t p = g->members + k;
		unsigned bits = f->bits[p];
		uint32_t canon = f->canon[p];
		struct distinct *e;

		if (!(bits & MF_NOSTATE))
			ids[nids++] = f->id[p];
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
		e->count += member_facts_count(r, f, p);
		if (bits & MF_FAILED) {
			e->failed = 1;
			/* its own stack is the one shown: the goroutine that failed */
			e->first = k;
			e->args_of = bits & MF_FIRST ? k : SIZE_MAX;
			continue;
		}
		if (!e->failed && e->args_of == SIZE_MAX && (bits & MF_FIRST))
			e->args_of = k;
	}
	for (k = 0; k < nd; k++)
		slot[d[k].canon] = 0;
	qsort(d, nd, sizeof *d, cmp_distinct);
	w->d = d;
	w->nd = nd;
	w->ids = ids;
	w->nids = nids;
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
                       const struct member_walk *w, int all, struct gs_holders *h)
{
	const struct gs_model *m = r->m;
	struct gs_buf tmp = XBUF_INIT;
	const struct distinct *d = w->d;
	size_t k, nd = w->nd, shown;

	/* heading: one line for md/html summaries */
	gs_buf_addf(&tmp, "#%zu  %" PRIu64 "  ", number, g->count);
	if (gi->state && gi->state != RENDER_MIXED)
		gs_buf_add(&tmp, gs_str(m, gi->state), gs_intern_len(m->strings, gi->state));
	gs_buf_adds(&tmp, "  ");
	render_frame_raw(&tmp, m, gi->where);
	table_detail(t, tmp.data, tmp.len);

	if (w->nids) {
		gs_buf_reset(&tmp);
		ranges_format(&tmp, w->ids, w->nids);
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
	if (gi->object)
		group_object_lines(t, r, g, gi, h);
	if (w->nids || (gi->labels && gi->labels != RENDER_MIXED) || gi->object)
		table_layout(t, "\n");
	/* every distinct stack, not one as if it stood for all: a member of each */
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

static void ids_cell(struct table *t, const struct member_facts *f, const struct group *g)
{
	uint64_t *ids = xmalloc((g->records ? g->records : 1) * sizeof *ids);
	size_t k, n = 0;

	for (k = 0; k < g->records; k++)
		if (!(f->bits[g->members + k] & MF_NOSTATE))
			ids[n++] = f->id[g->members + k];
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

/* The dumps the groups come from: those of the kinds read with the result's. */
static uint64_t dumps_read(const struct render_ctx *r)
{
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; i < r->m->ndumps; i++)
		n += (uint64_t)render_read_with(r->kind, r->m->dumps[i].kind);
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
		if (!render_read_with(r->kind, m->dumps[i].kind))
			continue;
		gs_buf_addf(b, "%s%" PRIu64, first ? "" : " + ", render_dump_goroutines(m, &m->dumps[i]));
		first = 0;
	}
	gs_buf_addf(b, " %s)", things);
}

#define STATE_UNKNOWN "STATE ?: state is not printed in debug=1 profiles"

/* "labels: route, tenant (--by label:route groups by one)": what the goroutines carry
 * when the key does not group by it */
static void labels_line(struct report *rep, const struct render_ctx *r,
                        const struct gs_buf *keys, size_t nkeys)
{
	struct gs_buf b = XBUF_INIT;
	const char *k, *first = NULL;
	size_t pos = 0;

	if (nkeys == 0 || (r->go->keys & (GK_LABELS | GK_LABEL)))
		return;
	gs_buf_adds(&b, "labels: ");
	while ((k = render_label_key_next(keys, &pos)) != NULL) {
		if (first)
			gs_buf_adds(&b, ", ");
		else
			first = k;
		gs_buf_adds(&b, k);
	}
	gs_buf_addf(&b, " (--by label:%s groups by one)", first);
	report_line(rep, b.data, b.len);
	gs_buf_release(&b);
}

/* The counts; nostate: and what STATE ? means, on the same line for show, under it for a
 * summary. */
static void footer(struct report *rep, const struct render_ctx *r, size_t shown, int nostate,
                   int show, const struct gs_buf *label_keys, size_t nlabel_keys)
{
	const struct gs_model *m = r->m;
	const struct grouping *gr = r->gr;
	const char *noun = gs_kind(r->kind)->thing;
	struct render_totals tot;
	struct gs_buf b = XBUF_INIT;
	uint64_t dumps;

	render_totals(m, &tot);
	dumps = dumps_read(r);
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
	if (gr->leaked)
		report_linef(rep, "%" PRIu64 " %s proven leaked by the runtime", gr->leaked,
		             gr->leaked == 1 ? noun : gs_kind(r->kind)->things);
	labels_line(rep, r, label_keys, nlabel_keys);
	if (nostate && !show)
		report_line(rep, STATE_UNKNOWN, strlen(STATE_UNKNOWN));
	gs_buf_release(&b);
}

/* The columns and details a report of groups has in its format. */
struct shape {
	int number;              /* '#': the group's place in summary order */
	int leaked;              /* LEAKED: goroutines proven leaked, when some are */
	int labels;              /* LABELS: the group's labels, when some goroutine has any, the
	                            key has none and the format has room */
	int object;              /* OBJECT (show): what the group waits on, when some goroutine
	                            waits on an object and the key is not it */
	int holders;             /* HELD BY? (--by object): candidate holders' ids */
	struct gs_holders *h;    /* for both, and show's details; NULL when no object */
	int data;                /* numbers for a program: 0 rather than blank */
	int details;             /* ids and the stack of each group as its detail */
	int ids_column;          /* IDS and STACK ("func file:line <- caller ...") columns */
	int mark_stacks;         /* "(3 stacks)" after WHERE when members' stacks differ */
	int sources;             /* SOURCES: groups span several SOURCEs, not in the key */
};

/* Scratch of one rendering. */
struct scratch {
	const struct member_facts *f;
	size_t *source_seen;     /* render_group_sources' marks */
	uint32_t *slot;          /* per stack id: walk_members' and member_facts_stacks' */
};

/* The group's row, and with details its ids and stack. */
static void group_row(struct table *t, const struct group_report *o, const struct shape *sh,
                      size_t index, const struct scratch *sc, int *nostate)
{
	const struct render_ctx *r = o->r;
	const struct gs_model *m = r->m;
	const struct group *g = &r->gr->groups[index];
	unsigned keys = r->go->keys, columns = keys & gs_keys_with(GS_KF_COLUMN);
	struct group_info gi = sc->f->info[index];
	struct member_walk w = { NULL, 0, NULL, 0 };
	struct gs_buf *b;

	if (sh->number)
		table_cellf(t, "%zu", index + 1);
	table_cellf(t, "%" PRIu64, g->count);
	table_style(t, TS_BOLD);
	if (sh->leaked) {
		if (g->leaked || sh->data)
			table_cellf(t, "%" PRIu64, g->leaked);
		else
			table_lit(t, "");
		if (g->leaked)
			table_style(t, TS_RED);
	}
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
	if (sh->details) /* the same walk gives the row its stacks */
		walk_members(r, g, sc->f, sc->slot, &w);
	if (sh->mark_stacks) {
		/* a group keyed by stack has one canonical stack, as the walk finds */
		size_t nstacks = sh->details ? w.nd : member_facts_stacks(r, sc->f, g, sc->slot);

		if (nstacks > 1)
			gs_buf_addf(b, " (%zu stacks)", nstacks);
	}
	keys_cells(t, m, columns, &g->key, KEYS_STACK_FUNCS);
	if (sh->holders)
		group_holders_cell(t, r, g, sh->h);
	if (sh->labels) {
		if (gi.labels == RENDER_MIXED)
			table_lit(t, "*");
		else
			keys_labels_text(table_cell(t), m, gi.labels);
	}
	if (sh->object) {
		if (gi.object == RENDER_MIXED || gi.object == 0)
			table_lit(t, gi.object ? "*" : "-");
		else
			table_cellb(t, gs_str(m, gi.object), gs_intern_len(m->strings, gi.object));
	}
	if (gi.creator == RENDER_MIXED || gi.creator == 0)
		table_lit(t, gi.creator ? "*" : "-");
	else
		table_cellb(t, gs_str(m, m->frames[gi.creator].func),
		            gs_intern_len(m->strings, m->frames[gi.creator].func));
	if (sh->ids_column) {
		ids_cell(t, sc->f, g);
		stack_cell(t, m, member(r, g, 0)->stack);
	}
	if (sh->details) {
		add_detail(t, r, g, index + 1, &gi, sc->f->first, &w, o->all, sh->h);
		free(w.d);
		free(w.ids);
	}
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

/* How long the goroutines shown wait, as a histogram of the wait key's buckets (key.h):
 * the shape of an incident at a glance. Nothing for records without a state (debug=1,
 * threadcreate), which print no waits. */
static void wait_histogram(struct report *rep, const struct render_ctx *r,
                           const unsigned char *keep)
{
	const struct gs_model *m = r->m;
	uint64_t n[WB_GT4H + 1];
	struct chart *c;
	size_t i;
	int b;

	memset(n, 0, sizeof n);
	for (i = 0; i < m->ngoroutines; i++)
		if (keep == NULL || keep[i])
			n[gs_wait_bucket(&m->goroutines[i])] += m->goroutines[i].count;
	for (b = WB_LT1; b <= WB_GT4H && n[b] == 0; b++)
		;
	if (b > WB_GT4H)
		return;
	c = report_chart(rep, CHART_HISTOGRAM, 1, gs_kind(r->kind)->things);
	c->caption = "How long they wait";
	c->hint = "by the wait Go printed (none under a minute); hover a bar for its share";
	for (b = WB_LT1; b <= WB_GT4H; b++) {
		const char *name = gs_wait_bucket_name((enum gs_wait_bucket)b);

		chart_row(c, name, strlen(name), 0);
		chart_value(c, 0, (double)n[b]);
	}
	if (n[WB_NONE]) {
		chart_row(c, "no state", 8, 0);
		chart_value(c, 0, (double)n[WB_NONE]);
	}
}

void group_report(struct report *rep, const struct group_report *o)
{
	const struct render_ctx *r = o->r;
	const struct gs_model *m = r->m;
	unsigned columns = r->go->keys & gs_keys_with(GS_KF_COLUMN);
	size_t ncols = 5, n = o->groups ? o->ngroups : r->gr->ngroups, i;
	struct member_facts f;
	struct scratch sc;
	unsigned char *only = NULL;
	int nostate = 0;
	struct gs_buf label_keys = XBUF_INIT;
	size_t nlabel_keys;
	struct shape sh;
	struct table *t;

	/* on a terminal a summary is its rows alone; show's stacks are what it is for, and
	 * a spreadsheet gets them as columns */
	sh.number = o->show || !report_has(rep, REPORT_TERMINAL);
	sh.leaked = r->gr->leaked > 0;
	sh.data = report_has(rep, REPORT_DATA);
	nlabel_keys = render_label_keys(r, &label_keys);
	sh.labels = nlabel_keys && report_has(rep, REPORT_DETAILS) &&
	            !(r->go->keys & (GK_LABELS | GK_LABEL));
	sh.h = NULL;
	if (render_any_object(r, o->groups, o->groups ? o->ngroups : r->gr->ngroups)) {
		sh.h = gs_holders_new(m);
		if (sh.h == NULL)
			die_oom();
	}
	sh.object = o->show && sh.h && !(r->go->keys & GK_OBJECT);
	sh.holders = (r->go->keys & GK_OBJECT) != 0;
	sh.ids_column = o->show && report_has(rep, REPORT_DATA);
	sh.details = (o->show || report_has(rep, REPORT_DETAILS)) && !report_has(rep, REPORT_DATA);
	/* for people: a spreadsheet's WHERE stays the frame alone (JSON has "stacks") */
	sh.mark_stacks = !report_has(rep, REPORT_DATA);
	member_facts_make(r, &f);
	sc.f = &f;
	sc.source_seen = render_sources_seen(m);
	sh.sources = 0;
	for (i = 0; i < n && m->nsources > 1 && !sh.sources; i++)
		sh.sources = render_group_sources(r, &r->gr->groups[o->groups ? o->groups[i] : i],
		                                  sc.source_seen) > 1;
	sc.slot = xcalloc((size_t)m->nstacks + 1, sizeof *sc.slot);
	if (o->title)
		report_titlef(rep, "%s", o->title);
	alerts(rep, m);

	ncols += (size_t)((sh.number != 0) + (sh.leaked != 0) + (sh.sources != 0) +
	                  __builtin_popcount(columns) + (sh.holders != 0) + (sh.labels != 0) +
	                  (sh.object != 0) +
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
	if (sh.leaked) {
		table_right(t, sh.number ? 2 : 1);
		table_lit(t, "LEAKED");
	}
	if (sh.sources) {
		table_right(t, (size_t)(sh.number ? 2 : 1) + (sh.leaked ? 1u : 0u));
		table_lit(t, "SOURCES");
	}
	table_lit(t, "STATE");
	table_lit(t, "WAIT");
	table_lit(t, "WHERE");
	table_code(t, t->ncells - 1);
	/* the keys with a column of their own, after the facts every group has */
	keys_headers(t, m, columns, r->go->label_key);
	if (sh.holders)
		table_lit(t, "HELD BY?");
	if (sh.labels) {
		table_lit(t, "LABELS");
		table_code(t, t->ncells - 1);
	}
	if (sh.object) {
		table_lit(t, "OBJECT");
		table_code(t, t->ncells - 1);
	}
	table_lit(t, "CREATED BY");
	table_code(t, t->ncells - 1);
	if (sh.ids_column) {
		table_lit(t, "IDS");
		table_lit(t, "STACK");
		table_code(t, t->ncells - 1);
	}
	budget_begin();
	for (i = 0; i < n; i++) {
		if (i % 256 == 0 && !budget_left())
			break; /* GOSTACKS_MAX_MEMORY: the rows so far, and a line saying so */
		group_row(t, o, &sh, o->groups ? o->groups[i] : i, &sc, &nostate);
	}
	member_facts_free(&f);
	free(sc.slot);
	free(sc.source_seen);

	footer(rep, r, n, nostate, o->show, &label_keys, nlabel_keys);
	gs_buf_release(&label_keys);
	gs_holders_free(sh.h);
	if (i < n) {
		report_lines(rep, REPORT_FOOTER);
		report_linef(rep, "%zu of %zu groups not shown: the memory cap (GOSTACKS_MAX_MEMORY) "
		             "was reached while rendering", n - i, n);
	}
	if (report_has(rep, REPORT_GRAPH) && budget_left()) {
		if (o->groups)
			only = shown(r, o);
		fold_goroutines(report_graph(rep, gs_kind(r->kind)->things), m, only ? only : o->keep,
		                0);
		if (!o->show)
			wait_histogram(rep, r, only ? only : o->keep);
		free(only);
	}
}
