/* report_text.c - see report_text.h. */
#include "outputs/report_text.h"

#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
#include "outputs/shorten.h"
#include "outputs/term.h"

/* The ANSI sequence of a style, "" for none. */
static const char *table_text_ansi(enum table_style style)
{
	switch (style) {
	case TS_BOLD: return TERM_BOLD;
	case TS_DIM: return TERM_DIM;
	case TS_RED: return TERM_RED;
	case TS_GREEN: return TERM_GREEN;
	case TS_YELLOW: return TERM_YELLOW;
	case TS_CYAN: return TERM_CYAN;
	/* package kinds: your code stands out, the standard library recedes */
	case TS_STDLIB: return TERM_DIM;
	case TS_MAIN: return TERM_BOLD;
	case TS_OTHER: return TERM_CYAN;
	case TS_MATCH: return TERM_BOLD TERM_RED;
	case TS_PLAIN:
	case TS_LAYOUT:
	case TS_NSTYLES:
		break;
	}
	return "";
}

static void pad(struct gs_buf *out, size_t n)
{
	while (n--)
		gs_buf_addch(out, ' ');
}

/* The escaped cells and their display widths, and each column's width. */
struct laid {
	struct gs_buf esc;
	size_t *off;     /* ncells + 1 */
	size_t *width;   /* per cell */
	size_t *colw;    /* per column */
	size_t rows;
};

/* Whether column c may shrink to fit the terminal: code (functions, paths), not a column
 * that must stay whole. */
static int shrinks(const struct table *t, size_t c)
{
	return t->code[c] && !t->whole[c];
}

/* The widths the shrinkable columns get so that a row fits width columns: the column
 * with the most to spare above the floor its cells keep (shorten.h) gives up a column at
 * a time, so a creator's function shrinks before the file:line of WHERE has to. */
static void fit(const struct table *t, size_t width, const size_t *floor, size_t *colw)
{
	size_t total = 0, c, best;

	for (c = 0; c < t->ncols; c++)
		total += colw[c] + (c ? 2 : 0);
	while (total > width) {
		best = SIZE_MAX;
		for (c = 0; c < t->ncols; c++)
			if (shrinks(t, c) && colw[c] > floor[c] &&
			    (best == SIZE_MAX || colw[c] - floor[c] > colw[best] - floor[best]))
				best = c;
		if (best == SIZE_MAX)
			return; /* what is kept is wider than the terminal: the line wraps */
		colw[best]--;
		total--;
	}
}

static void lay_out(const struct table *t, size_t width, struct laid *l)
{
	struct gs_buf esc = XBUF_INIT;
	size_t n, i, c, *floor, *want;

	l->rows = table_rows(t);
	n = l->rows * t->ncols;
	xbuf_init(&l->esc);
	l->off = xmalloc((n + 1) * sizeof *l->off);
	l->width = xmalloc((n ? n : 1) * sizeof *l->width);
	l->colw = xcalloc(t->ncols, sizeof *l->colw);
	floor = xcalloc(t->ncols, sizeof *floor);
	want = xcalloc(t->ncols, sizeof *want);
	for (i = 0; i < n; i++) {
		const char *s;
		size_t len, keep;

		c = i % t->ncols;
		table_get(t, i / t->ncols, c, &s, &len);
		l->off[i] = l->esc.len;
		term_escape(&l->esc, s, len);
		l->width[i] = term_width(l->esc.data + l->off[i], l->esc.len - l->off[i]);
		if (l->width[i] > want[c])
			want[c] = l->width[i];
		/* a header names its column: its width is the floor */
		keep = i < t->ncols || !shrinks(t, c)
		       ? l->width[i]
		       : shorten_floor(l->esc.data + l->off[i], l->esc.len - l->off[i]);
		if (keep > floor[c])
			floor[c] = keep;
	}
	l->off[n] = l->esc.len;
	memcpy(l->colw, want, t->ncols * sizeof *want);
	if (width)
		fit(t, width, floor, l->colw);
	/* cut the cells wider than their column, anew into one buffer */
	for (c = 0; c < t->ncols && width; c++)
		if (l->colw[c] < want[c])
			break;
	if (width && c < t->ncols) {
		for (i = 0; i < n; i++) {
			size_t from = l->off[i], to = l->off[i + 1];

			l->off[i] = esc.len;
			gs_buf_add(&esc, l->esc.data + from, to - from);
			c = i % t->ncols;
			if (i >= t->ncols && l->width[i] > l->colw[c])
				l->width[i] = shorten_cell(&esc, l->off[i], l->colw[c]);
		}
		l->off[n] = esc.len;
		gs_buf_release(&l->esc);
		l->esc = esc;
		memset(l->colw, 0, t->ncols * sizeof *l->colw);
		for (i = 0; i < n; i++)
			if (l->width[i] > l->colw[i % t->ncols])
				l->colw[i % t->ncols] = l->width[i];
	}
	free(floor);
	free(want);
}

static void print_row(const struct table *t, const struct laid *l, size_t r, int color,
                      struct gs_buf *out)
{
	size_t trail = 0, c;

	for (c = 0; c < t->ncols; c++) {
		size_t i = r * t->ncols + c;
		const char *col = "";

		if (color)
			col = r == 0 ? TERM_BOLD
			             : table_text_ansi(i < t->ncells ? (enum table_style)t->style[i]
			                                             : TS_PLAIN);
		if (c > 0)
			pad(out, trail + 2);
		trail = 0;
		if (t->right[c])
			pad(out, l->colw[c] - l->width[i]);
		if (*col)
			gs_buf_adds(out, col);
		gs_buf_add(out, l->esc.data + l->off[i], l->off[i + 1] - l->off[i]);
		if (*col)
			gs_buf_adds(out, TERM_RESET);
		if (!t->right[c])
			trail = l->colw[c] - l->width[i];
	}
	/* an empty last column leaves the padding of the one before it: drop it */
	while (out->len && out->data[out->len - 1] == ' ')
		out->len--;
	gs_buf_addch(out, '\n');
}

static void print_detail(const struct table *t, const struct table_detail *d, int color,
                         struct gs_buf *out)
{
	size_t i;

	for (i = d->first_span; i < d->first_span + d->nspans; i++) {
		const struct table_span *sp = &t->spans[i];
		const char *col = color ? table_text_ansi(sp->style) : "";

		if (sp->style == TS_LAYOUT) {
			gs_buf_add(out, t->text.data + sp->off, sp->len);
			continue;
		}
		if (*col)
			gs_buf_adds(out, col);
		term_escape(out, t->text.data + sp->off, sp->len);
		if (*col)
			gs_buf_adds(out, TERM_RESET);
	}
	if (out->len && out->data[out->len - 1] != '\n')
		gs_buf_addch(out, '\n');
}

/* The table's rows (and details), flushed as they are made. */
static void print_table(const struct table *t, int color, size_t width, struct gs_buf *out,
                        FILE *f)
{
	struct laid l;
	size_t r;

	lay_out(t, width, &l);
	for (r = 0; r < l.rows; r++) {
		const struct table_detail *d = r > 0 ? table_row_detail(t, r) : NULL;

		if (t->ndetails == 0 || r > 0) {
			if (t->ndetails && r > 0)
				print_row(t, &l, 0, color, out);
			print_row(t, &l, r, color, out);
		}
		if (d) {
			print_detail(t, d, color, out);
			gs_buf_addch(out, '\n');
		}
		table_flush(out, f, 0);
	}
	gs_buf_release(&l.esc);
	free(l.off);
	free(l.width);
	free(l.colw);
}

static void print_lines(const struct report *r, const struct report_block *b, struct gs_buf *out)
{
	const int alert = b->role == REPORT_ALERT && r->color;
	size_t i;

	for (i = b->first_line; i < b->first_line + b->nlines; i++) {
		const struct report_line *l = &r->lines[i];
		const char *s = r->text.data + l->off;

		if (!alert) {
			term_escape(out, s, l->len);
		} else {
			term_escape(out, s, l->lead);
			gs_buf_adds(out, TERM_RED TERM_BOLD);
			term_escape(out, s + l->lead, l->len - l->lead);
			gs_buf_adds(out, TERM_RESET);
		}
		gs_buf_addch(out, '\n');
	}
}

void report_print_text(const struct report *r, FILE *f)
{
	struct gs_buf out = XBUF_INIT;
	size_t i;
	int any = 0, blank = 0;

	for (i = 0; i < r->nblocks; i++) {
		const struct report_block *b = &r->blocks[i];

		if (b->table == NULL && b->nlines == 0)
			continue;
		if (any && !b->under && !blank)
			gs_buf_addch(&out, '\n');
		any = 1;
		if (b->table) {
			print_table(b->table, r->color, r->width, &out, f);
			/* a table with details ends with the blank line after the last one */
			blank = b->table->ndetails > 0;
		} else {
			print_lines(r, b, &out);
			blank = 0;
		}
		table_flush(&out, f, 0);
	}
	table_flush(&out, f, 1);
	gs_buf_release(&out);
}
