/* render_text.c - see render_text.h. */
#include "reports/render_text.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
#include "outputs/term.h"

#define MAX_COLS 8

struct cell {
	size_t off, len, width;
};

struct table {
	struct buf text;         /* every cell's escaped text, back to back */
	struct cell *cells;      /* rows * ncols */
	size_t rows, cap;
	int ncols;
	size_t width[MAX_COLS];
	int right[MAX_COLS];     /* right-aligned (numbers) */
};

static struct cell *table_row(struct table *t)
{
	if (t->rows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * (size_t)t->ncols * sizeof *t->cells);
	}
	return &t->cells[t->rows++ * (size_t)t->ncols];
}

/* Ends the cell that started at `start` in t->text. */
static void cell_end(struct table *t, struct cell *c, size_t start, int cap)
{
	c->off = start;
	c->len = t->text.len - start;
	c->width = term_width(t->text.data + start, c->len);
	if (cap && c->width > TEXT_CELL_MAX) {
		c->width = term_cut(&t->text, start, TEXT_CELL_MAX);
		c->len = t->text.len - start;
	}
}

static void cell_lit(struct table *t, struct cell *c, const char *s, int cap)
{
	size_t start = t->text.len;

	term_escape(&t->text, s, strlen(s));
	cell_end(t, c, start, cap);
}

/* Canonical label text (key NUL value NUL ...) as "k=v,k2=v2". */
static void labels_text(struct buf *out, const struct gs_model *m, uint32_t labels)
{
	const char *s = gs_str(m, labels), *k, *v;
	size_t len = intern_len(m->strings, labels), pos = 0, kl, vl;
	int first = 1;

	if (labels == 0) {
		buf_addch(out, '-');
		return;
	}
	if (labels == RENDER_MIXED) {
		buf_addch(out, '*');
		return;
	}
	while (gs_label_next(s, len, &pos, &k, &kl, &v, &vl)) {
		if (!first)
			buf_addch(out, ',');
		first = 0;
		term_escape(out, k, kl);
		buf_addch(out, '=');
		term_escape(out, v, vl);
	}
}

static void pad(struct buf *out, size_t n)
{
	while (n--)
		buf_addch(out, ' ');
}

static void print_table(struct table *t, struct buf *out, FILE *f, int color,
                        const char *const *row_state_color)
{
	size_t r;
	int c;

	for (r = 0; r < t->rows; r++) {
		const struct cell *row = &t->cells[r * (size_t)t->ncols];
		size_t trail = 0;

		for (c = 0; c < t->ncols; c++) {
			const struct cell *x = &row[c];
			const char *col = "";
			int last = c == t->ncols - 1;

			if (color && r > 0) {
				if (c == 0)
					col = TERM_BOLD;
				else if (c == 1 && row_state_color)
					col = row_state_color[r];
			}
			if (c > 0)
				pad(out, trail + 2);
			trail = 0;
			if (t->right[c])
				pad(out, t->width[c] - x->width);
			if (color && r == 0)
				col = TERM_BOLD;
			if (*col)
				buf_adds(out, col);
			buf_add(out, t->text.data + x->off, x->len);
			if (*col)
				buf_adds(out, TERM_RESET);
			if (!t->right[c] && !last)
				trail = t->width[c] - x->width;
		}
		buf_addch(out, '\n');
		render_flush(out, f, 0);
	}
}

static void table_widths(struct table *t)
{
	size_t r;
	int c;

	for (c = 0; c < t->ncols; c++)
		t->width[c] = 0;
	for (r = 0; r < t->rows; r++)
		for (c = 0; c < t->ncols; c++)
			if (t->cells[r * (size_t)t->ncols + (size_t)c].width > t->width[c])
				t->width[c] = t->cells[r * (size_t)t->ncols + (size_t)c].width;
}

static void table_free(struct table *t)
{
	buf_release(&t->text);
	free(t->cells);
}

/* "panic: ..." and "[signal ...]" lines of every dump, above the table. */
static void print_incidents(const struct render_ctx *r, struct buf *out)
{
	const struct gs_model *m = r->m;
	uint32_t i;

	for (i = 0; i < m->ndumps; i++) {
		const struct gs_dump *d = &m->dumps[i];
		uint32_t lines[2];
		int k;

		lines[0] = d->panic;
		lines[1] = d->signal;
		for (k = 0; k < 2; k++) {
			if (lines[k] == 0)
				continue;
			if (m->nsources > 1) {
				const char *name = gs_str(m, m->sources[d->source].name);

				term_escape(out, name, strlen(name));
				buf_adds(out, ": ");
			}
			if (r->color)
				buf_adds(out, TERM_RED TERM_BOLD);
			term_escape(out, gs_str(m, lines[k]), intern_len(m->strings, lines[k]));
			if (r->color)
				buf_adds(out, TERM_RESET);
			buf_addch(out, '\n');
		}
	}
}

enum { COL_COUNT, COL_STATE, COL_WAIT, COL_WHERE };

/* A group of debug=1 records, whose state was never printed (not an empty state). */
static int group_nostate(const struct render_ctx *r, const struct group *g)
{
	return (r->m->goroutines[r->gr->member[g->members]].flags & GS_G_NOSTATE) != 0;
}

void render_text_summary(const struct render_ctx *r, FILE *f)
{
	const struct gs_model *m = r->m;
	const struct grouping *gr = r->gr;
	unsigned keys = r->go->keys;
	struct table t;
	struct buf out = BUF_INIT;
	struct render_totals tot;
	const char **state_color;
	int col_label = -1, col_labels = -1, col_creator, nostate = 0;
	const char *noun = gs_kind(r->kind)->thing;
	size_t i, start;
	struct cell *row;

	memset(&t, 0, sizeof t);
	buf_init(&t.text, 0);
	t.ncols = 4;
	if (keys & GK_LABELS)
		col_labels = t.ncols++;
	if (keys & GK_LABEL)
		col_label = t.ncols++;
	col_creator = t.ncols++;
	t.right[COL_COUNT] = 1;
	state_color = xcalloc(gr->ngroups + 1, sizeof *state_color);

	row = table_row(&t);
	cell_lit(&t, &row[COL_COUNT], "COUNT", 0);
	cell_lit(&t, &row[COL_STATE], "STATE", 0);
	cell_lit(&t, &row[COL_WAIT], "WAIT", 0);
	cell_lit(&t, &row[COL_WHERE], "WHERE", 0);
	if (col_label >= 0) {
		start = t.text.len;
		buf_adds(&t.text, "LABEL ");
		term_escape(&t.text, gs_str(m, r->go->label_key),
		            intern_len(m->strings, r->go->label_key));
		cell_end(&t, &row[col_label], start, 0);
	}
	if (col_labels >= 0)
		cell_lit(&t, &row[col_labels], "LABELS", 0);
	cell_lit(&t, &row[col_creator], "CREATED BY", 0);

	for (i = 0; i < gr->ngroups; i++) {
		const struct group *g = &gr->groups[i];
		struct group_info gi;

		render_group_info(r, g, &gi);
		row = table_row(&t);
		start = t.text.len;
		buf_addf(&t.text, "%" PRIu64, g->count);
		cell_end(&t, &row[COL_COUNT], start, 0);

		start = t.text.len;
		if (gi.state == RENDER_MIXED) {
			buf_addch(&t.text, '*');
		} else if (gi.state == 0 && group_nostate(r, g)) {
			buf_addch(&t.text, '?'); /* debug=1: not printed, so not known */
			nostate = 1;
		} else if (gi.state == 0) {
			buf_addch(&t.text, '-');
		} else {
			term_escape(&t.text, gs_str(m, gi.state), intern_len(m->strings, gi.state));
			state_color[t.rows - 1] = term_state_color(gs_str(m, gi.state));
		}
		cell_end(&t, &row[COL_STATE], start, r->tty);

		start = t.text.len;
		if (keys & GK_WAIT_EXACT && g->nwait == 0)
			buf_adds(&t.text, "<1m");
		else
			render_wait_range(&t.text, g);
		cell_end(&t, &row[COL_WAIT], start, 0);

		start = t.text.len;
		if (gi.where == RENDER_MIXED && (keys & GK_FUNC) && g->key.v[GS_KEY_FUNC])
			term_escape(&t.text, gs_str(m, g->key.v[GS_KEY_FUNC]),
			            intern_len(m->strings, g->key.v[GS_KEY_FUNC]));
		else
			render_frame_short(&t.text, m, gi.where);
		cell_end(&t, &row[COL_WHERE], start, r->tty);

		if (col_label >= 0) {
			start = t.text.len;
			if (g->key.v[GS_KEY_LABEL])
				term_escape(&t.text, gs_str(m, g->key.v[GS_KEY_LABEL]),
				            intern_len(m->strings, g->key.v[GS_KEY_LABEL]));
			else
				buf_addch(&t.text, '-');
			cell_end(&t, &row[col_label], start, r->tty);
		}
		if (col_labels >= 0) {
			start = t.text.len;
			labels_text(&t.text, m, gi.labels);
			cell_end(&t, &row[col_labels], start, r->tty);
		}
		start = t.text.len;
		if (gi.creator == RENDER_MIXED || gi.creator == 0)
			buf_addch(&t.text, gi.creator ? '*' : '-');
		else
			term_escape(&t.text, gs_str(m, m->frames[gi.creator].func),
			            intern_len(m->strings, m->frames[gi.creator].func));
		cell_end(&t, &row[col_creator], start, r->tty);
	}

	print_incidents(r, &out);
	if (out.len)
		buf_addch(&out, '\n');
	table_widths(&t);
	print_table(&t, &out, f, r->color, state_color);

	render_totals(m, &tot);
	if (r->kind == GS_KIND_THREADCREATE) {
		/* render_totals counts goroutine dumps; these are thread profiles */
		tot.goroutine_dumps = 0;
		for (i = 0; i < m->ndumps; i++)
			tot.goroutine_dumps += m->dumps[i].kind == GS_KIND_THREADCREATE;
	}
	buf_addf(&out, "\n%" PRIu64 " %s%s in %zu group%s, %" PRIu64 " dump%s from %u source%s, "
	         "%" PRIu64 " skipped, %" PRIu64 " line%s not understood",
	         gr->total, noun, gr->total == 1 ? "" : "s", gr->ngroups, gr->ngroups == 1 ? "" : "s",
	         tot.goroutine_dumps, tot.goroutine_dumps == 1 ? "" : "s",
	         (unsigned)m->nsources, m->nsources == 1 ? "" : "s",
	         tot.skipped, tot.lines_skipped, tot.lines_skipped == 1 ? "" : "s");
	if (gr->filtered)
		buf_addf(&out, ", %" PRIu64 " filtered out", gr->filtered);
	if (tot.g0_stacks)
		buf_addf(&out, ", %" PRIu64 " thread stack%s (goroutine 0) not counted", tot.g0_stacks,
		         tot.g0_stacks == 1 ? "" : "s");
	buf_addch(&out, '\n');
	if (nostate)
		buf_adds(&out, "STATE ?: state is not printed in debug=1 profiles\n");
	render_flush(&out, f, 1);
	buf_release(&out);
	free(state_color);
	table_free(&t);
}

void render_text_check(const struct render_ctx *r, FILE *f)
{
	const struct gs_model *m = r->m;
	struct buf out = BUF_INIT;
	struct render_totals tot;
	uint32_t s, d;

	for (s = 0; s < m->nsources; s++) {
		const struct gs_source *src = &m->sources[s];
		const char *name = gs_str(m, src->name);
		uint64_t ng = 0, g0 = 0, skipped = 0;

		term_escape(&out, name, strlen(name));
		buf_adds(&out, ": ");
		if (src->ndumps == 0)
			buf_adds(&out, "unknown");
		for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
			const struct gs_dump *dp = &m->dumps[d];

			if (d > src->first_dump)
				buf_adds(&out, ", ");
			buf_adds(&out, gs_kind_name(dp->kind));
			ng += render_dump_goroutines(m, dp);
			g0 += dp->g0_stacks;
			skipped += dp->skipped;
		}
		buf_addch(&out, '\n');
		if (r->detected && r->detected[s] && r->detected[s][0]) {
			buf_adds(&out, "  normalised: ");
			term_escape(&out, r->detected[s], strlen(r->detected[s]));
			buf_addch(&out, '\n');
		}
		buf_addf(&out, "  %u dump%s, %" PRIu64 " goroutine%s, %" PRIu64 " g0 stack%s, "
		         "%" PRIu64 " skipped\n", (unsigned)src->ndumps, src->ndumps == 1 ? "" : "s",
		         ng, ng == 1 ? "" : "s", g0, g0 == 1 ? "" : "s", skipped);
		buf_addf(&out, "  %" PRIu64 " bytes, %" PRIu64 " lines, %" PRIu64 " not understood\n",
		         src->bytes, src->lines, src->skipped_lines);
		for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
			const struct gs_dump *dp = &m->dumps[d];

			if (dp->panic) {
				buf_adds(&out, "  ");
				term_escape(&out, gs_str(m, dp->panic), intern_len(m->strings, dp->panic));
				buf_addch(&out, '\n');
			}
			if (dp->signal) {
				buf_adds(&out, "  ");
				term_escape(&out, gs_str(m, dp->signal), intern_len(m->strings, dp->signal));
				buf_addch(&out, '\n');
			}
		}
	}
	render_totals(m, &tot);
	if (m->nsources > 1)
		buf_addf(&out, "total: %u dumps, %" PRIu64 " skipped, %" PRIu64 " g0 stacks, "
		         "%zu diagnostics\n", (unsigned)m->ndumps, tot.skipped, tot.g0_stacks,
		         m->ndiags + m->diags_dropped);
	else
		buf_addf(&out, "%zu diagnostic%s\n", m->ndiags + m->diags_dropped,
		         m->ndiags + m->diags_dropped == 1 ? "" : "s");
	render_flush(&out, f, 1);
	buf_release(&out);
}
