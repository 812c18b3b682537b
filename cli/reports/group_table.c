/* group_table.c - see group_table.h. */
#include "reports/group_table.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "reports/fold.h"
#include "outputs/msg.h"
#include "select/ranges.h"
#include "reports/keys.h"
#include "reports/render_text.h"
#include "outputs/table_csv.h"
#include "outputs/table_html.h"
#include "outputs/table_md.h"
#include "outputs/table_text.h"
#include "outputs/term.h"

static const struct gs_goroutine *member(const struct render_ctx *r, const struct group *g,
                                         size_t k)
{
	return &r->m->goroutines[r->gr->member[g->members + k]];
}

/* "goroutine 12 [chan receive, 5 minutes, locked to thread]:" as Go prints it. */
static void header_line(struct buf *out, const struct gs_model *m, const struct gs_goroutine *g)
{
	if (g->flags & GS_G_NOSTATE) {
		buf_addf(out, "%" PRIu64 " goroutine%s with this stack (debug=1 record, line %" PRIu64
		         ")", g->count, g->count == 1 ? "" : "s", g->line);
		return;
	}
	buf_addf(out, "goroutine %" PRIu64 " [", g->id);
	buf_add(out, gs_str(m, g->state), intern_len(m->strings, g->state));
	if (g->flags & GS_G_SCAN)
		buf_adds(out, " (scan)");
	if (g->flags & GS_G_WAIT)
		buf_addf(out, ", %u minute%s", (unsigned)g->wait, g->wait == 1 ? "" : "s");
	if (g->flags & GS_G_LOCKED)
		buf_adds(out, ", locked to thread");
	if (g->flags & GS_G_SYNCTEST)
		buf_addf(out, ", synctest bubble %u", (unsigned)g->bubble);
	buf_adds(out, "]:");
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
	struct buf tmp = BUF_INIT;
	uint32_t i;

	if (g->flags & GS_G_UNAVAILABLE) {
		table_layout(t, "\t");
		table_spanf(t, TS_DIM, "goroutine running on other thread; stack unavailable");
		table_layout(t, "\n");
	}
	for (i = 0; i < st->len; i++) {
		const struct gs_frame *f = &m->frames[frames[i]];
		const char *func = gs_str(m, f->func);
		size_t flen = intern_len(m->strings, f->func);
		uint32_t args = m->stack_args ? m->stack_args[st->first + i] : 0;

		table_span(t, table_func_style(func, flen), func, flen);
		if (args)
			table_span(t, TS_PLAIN, gs_str(m, args), intern_len(m->strings, args));
		else if (!(g->flags & GS_G_NOSTATE))
			table_span(t, TS_PLAIN, "(...)", 5);
		table_layout(t, "\n\t");
		if (f->file) {
			buf_reset(&tmp);
			buf_add(&tmp, gs_str(m, f->file), intern_len(m->strings, f->file));
			buf_addf(&tmp, ":%u", (unsigned)f->line);
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
		table_span(t, table_func_style(gs_str(m, c->func), intern_len(m->strings, c->func)),
		           gs_str(m, c->func), intern_len(m->strings, c->func));
		if (g->parent)
			table_spanf(t, TS_PLAIN, " in goroutine %" PRIu64, g->parent);
		table_layout(t, "\n\t");
		buf_reset(&tmp);
		buf_add(&tmp, gs_str(m, c->file), intern_len(m->strings, c->file));
		buf_addf(&tmp, ":%u", (unsigned)c->line);
		table_span(t, TS_DIM, tmp.data, tmp.len);
		table_layout(t, "\n");
	}
	buf_release(&tmp);
}

static void add_detail(struct table *t, const struct render_ctx *r, const struct group *g,
                       size_t number, const struct group_info *gi, const size_t *first,
                       int all)
{
	const struct gs_model *m = r->m;
	const struct gs_goroutine *rep = member(r, g, 0), *args_of = NULL;
	struct buf tmp = BUF_INIT;
	uint64_t *ids = xmalloc((g->records ? g->records : 1) * sizeof *ids);
	size_t k, nids = 0;

	/* heading: one line for md/html summaries */
	buf_addf(&tmp, "#%zu  %" PRIu64 "  ", number, g->count);
	if (gi->state && gi->state != RENDER_MIXED)
		buf_add(&tmp, gs_str(m, gi->state), intern_len(m->strings, gi->state));
	buf_adds(&tmp, "  ");
	render_frame_raw(&tmp, m, gi->where);
	table_detail(t, tmp.data, tmp.len);

	for (k = 0; k < g->records; k++) {
		const struct gs_goroutine *x = member(r, g, k);
		size_t idx = r->gr->member[g->members + k];

		if (!(x->flags & GS_G_NOSTATE))
			ids[nids++] = x->id;
		if (args_of == NULL && first[x->stack] == idx)
			args_of = x;
	}
	if (nids) {
		buf_reset(&tmp);
		ranges_format(&tmp, ids, nids);
		table_span(t, TS_BOLD, "ids: ", 5);
		table_span(t, TS_PLAIN, tmp.data, tmp.len);
		table_layout(t, "\n");
	}
	if (gi->labels && gi->labels != RENDER_MIXED) {
		buf_reset(&tmp);
		keys_labels_text(&tmp, m, gi->labels);
		table_span(t, TS_BOLD, "labels: ", 8);
		table_span(t, TS_PLAIN, tmp.data, tmp.len);
		table_layout(t, "\n");
	}
	if (nids || (gi->labels && gi->labels != RENDER_MIXED))
		table_layout(t, "\n");
	/* the stack of a member whose own arguments the model kept, else the first member's
	 * stack with the arguments of the goroutine that first had it (said so) */
	if (args_of)
		rep = args_of;
	buf_reset(&tmp);
	header_line(&tmp, m, rep);
	table_span(t, TS_BOLD, tmp.data, tmp.len);
	if (args_of == NULL && first[rep->stack] != SIZE_MAX &&
	    !(m->goroutines[first[rep->stack]].flags & GS_G_NOSTATE))
		table_spanf(t, TS_DIM, " (arguments of goroutine %" PRIu64 ")",
		            m->goroutines[first[rep->stack]].id);
	table_layout(t, "\n");
	add_stack(t, m, rep);
	if (all && g->records > 1) {
		table_layout(t, "\n");
		table_spanf(t, TS_BOLD, "members (%zu):", (size_t)g->records);
		table_layout(t, "\n");
		for (k = 0; k < g->records; k++) {
			buf_reset(&tmp);
			header_line(&tmp, m, member(r, g, k));
			table_span(t, TS_PLAIN, tmp.data, tmp.len);
			table_layout(t, "\n");
		}
	}
	free(ids);
	buf_release(&tmp);
}

static void stack_cell(struct table *t, const struct gs_model *m, uint32_t stack)
{
	const uint32_t *frames = gs_stack_frames(m, stack);
	struct buf *b = table_cell(t);
	uint32_t i;

	for (i = 0; i < m->stacks[stack].len; i++) {
		if (i)
			buf_adds(b, " <- ");
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

static void notes(struct table *t, const struct gs_model *m)
{
	struct buf line = BUF_INIT;
	uint32_t i;
	int k;

	for (i = 0; i < m->ndumps; i++) {
		uint32_t what[2];

		what[0] = m->dumps[i].panic;
		what[1] = m->dumps[i].signal;
		for (k = 0; k < 2; k++) {
			if (what[k] == 0)
				continue;
			buf_reset(&line);
			if (m->nsources > 1)
				buf_addf(&line, "%s: ", gs_str(m, m->sources[m->dumps[i].source].name));
			buf_add(&line, gs_str(m, what[k]), intern_len(m->strings, what[k]));
			table_note(t, line.data, line.len);
		}
	}
	buf_release(&line);
}

static void footer(struct table *t, const struct render_ctx *r, size_t shown)
{
	const struct gs_model *m = r->m;
	const struct grouping *gr = r->gr;
	const char *noun = gs_kind(r->kind)->thing;
	struct render_totals tot;

	render_totals(m, &tot);
	table_footerf(t, "%" PRIu64 " %s%s in %zu group%s", gr->total, noun,
	              gr->total == 1 ? "" : "s", gr->ngroups, gr->ngroups == 1 ? "" : "s");
	if (shown != gr->ngroups)
		table_footerf(t, " (%zu shown)", shown);
	table_footerf(t, ", %" PRIu64 " dump%s from %u source%s, %" PRIu64 " skipped, %" PRIu64
	              " line%s not understood", tot.goroutine_dumps,
	              tot.goroutine_dumps == 1 ? "" : "s", (unsigned)m->nsources,
	              m->nsources == 1 ? "" : "s", tot.skipped, tot.lines_skipped,
	              tot.lines_skipped == 1 ? "" : "s");
	if (gr->filtered)
		table_footerf(t, ", %" PRIu64 " filtered out", gr->filtered);
	if (tot.g0_stacks)
		table_footerf(t, ", %" PRIu64 " thread stack%s (goroutine 0) not counted",
		              tot.g0_stacks, tot.g0_stacks == 1 ? "" : "s");
}

void group_table(struct table *t, const struct render_ctx *r, const struct group_table_opts *o)
{
	const struct gs_model *m = r->m;
	unsigned keys = r->go->keys;
	size_t ncols = 5, n = o->groups ? o->ngroups : r->gr->ngroups, i;
	size_t *first = o->details ? first_of_stack(m) : NULL;
	int nostate = 0;

	unsigned columns = keys & gs_keys_with(GS_KF_COLUMN);

	ncols += (size_t)((o->number != 0) + __builtin_popcount(columns) + (o->ids_column != 0) +
	                  (o->stack_column != 0));
	table_init(t, ncols);
	t->title = o->title;
	t->details_open = o->open;
	if (o->number) {
		table_lit(t, "#");
		table_right(t, 0);
	}
	table_right(t, o->number ? 1 : 0);
	table_lit(t, "COUNT");
	table_lit(t, "STATE");
	table_lit(t, "WAIT");
	table_lit(t, "WHERE");
	table_code(t, t->ncells - 1);
	/* the keys with a column of their own, after the facts every group has */
	keys_headers(t, m, columns, r->go->label_key);
	for (i = 0; i < (size_t)__builtin_popcount(columns); i++)
		table_code(t, t->ncells - 1 - i);
	table_lit(t, "CREATED BY");
	table_code(t, t->ncells - 1);
	if (o->ids_column)
		table_lit(t, "IDS");
	if (o->stack_column) {
		table_lit(t, "STACK");
		table_code(t, t->ncells - 1);
	}
	notes(t, m);

	for (i = 0; i < n; i++) {
		size_t gi_index = o->groups ? o->groups[i] : i;
		const struct group *g = &r->gr->groups[gi_index];
		struct group_info gi;
		struct buf *b;

		render_group_info(r, g, &gi);
		if (o->number)
			table_cellf(t, "%zu", gi_index + 1);
		table_cellf(t, "%" PRIu64, g->count);
		if (gi.state == RENDER_MIXED) {
			table_lit(t, "*");
		} else if (gi.state == 0) {
			/* debug=1: not printed, so not known (not empty) */
			int unknown = (member(r, g, 0)->flags & GS_G_NOSTATE) != 0;

			table_lit(t, unknown ? "?" : "-");
			nostate |= unknown;
		} else {
			table_cellb(t, gs_str(m, gi.state), intern_len(m->strings, gi.state));
			table_style(t, table_style_of_ansi(term_state_color(gs_str(m, gi.state))));
		}
		b = table_cell(t);
		if (keys & GK_WAIT_EXACT && g->nwait == 0)
			buf_adds(b, "<1m");
		else
			render_wait_range(b, g);
		b = table_cell(t);
		if (gi.where == RENDER_MIXED && (keys & GK_FUNC) && g->key.v[GS_KEY_FUNC])
			keys_text(b, m, GS_KEY_FUNC, g->key.v[GS_KEY_FUNC], KEYS_STACK_FUNCS);
		else
			render_frame_raw(b, m, gi.where);
		keys_cells(t, m, columns, &g->key, KEYS_STACK_FUNCS);
		if (gi.creator == RENDER_MIXED || gi.creator == 0)
			table_lit(t, gi.creator ? "*" : "-");
		else
			table_cellb(t, gs_str(m, m->frames[gi.creator].func),
			            intern_len(m->strings, m->frames[gi.creator].func));
		if (o->ids_column)
			ids_cell(t, r, g);
		if (o->stack_column)
			stack_cell(t, m, member(r, g, 0)->stack);
		if (o->details)
			add_detail(t, r, g, gi_index + 1, &gi, first, o->all);
	}
	footer(t, r, n);
	if (nostate)
		table_footerf(t, "; STATE ?: state is not printed in debug=1 profiles");
	free(first);
}

/* The goroutines of the groups shown, for the icicle graph. */
static unsigned char *shown(const struct render_ctx *r, const struct group_table_opts *o)
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

void group_table_print(const struct render_ctx *r, const struct group_table_opts *o,
                       enum out_format fmt, const unsigned char *keep, FILE *f)
{
	struct group_table_opts opts = *o;
	struct table t;
	struct fold flame;
	unsigned char *only = NULL;

	if (fmt == FORMAT_CSV)
		opts.details = 0;
	group_table(&t, r, &opts);
	switch (fmt) {
	case FORMAT_MD:
		table_print_md(&t, f);
		break;
	case FORMAT_CSV:
		table_print_csv(&t, f);
		break;
	case FORMAT_HTML:
		if (o->groups)
			only = shown(r, o);
		fold_goroutines(&flame, r->m, only ? only : keep, 0);
		table_print_html(&t, &flame,
		                 gs_kind(r->kind)->things, f);
		fold_free(&flame);
		free(only);
		break;
	default:
		table_print_text(&t, r->color, r->tty ? TEXT_CELL_MAX : 0, f);
		break;
	}
	table_free(&t);
}
