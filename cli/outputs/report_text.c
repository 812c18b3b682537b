/* report_text.c - see report_text.h. */
#include "outputs/report_text.h"

#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
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

static void lay_out(const struct table *t, size_t cap, struct laid *l)
{
	size_t n, i;

	l->rows = table_rows(t);
	n = l->rows * t->ncols;
	xbuf_init(&l->esc);
	l->off = xmalloc((n + 1) * sizeof *l->off);
	l->width = xmalloc((n ? n : 1) * sizeof *l->width);
	l->colw = xcalloc(t->ncols, sizeof *l->colw);
	for (i = 0; i < n; i++) {
		const char *s;
		size_t len;

		table_get(t, i / t->ncols, i % t->ncols, &s, &len);
		l->off[i] = l->esc.len;
		term_escape(&l->esc, s, len);
		/* a header names its column: never cut */
		if (cap && !t->whole[i % t->ncols] && i >= t->ncols)
			l->width[i] = term_cut(&l->esc, l->off[i], cap);
		else
			l->width[i] = term_cut_middle(&l->esc, l->off[i], TEXT_PIPE_CELL_MAX);
		if (l->width[i] > l->colw[i % t->ncols])
			l->colw[i % t->ncols] = l->width[i];
	}
	l->off[n] = l->esc.len;
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
static void print_table(const struct table *t, int color, size_t cap, struct gs_buf *out, FILE *f)
{
	struct laid l;
	size_t r;

	lay_out(t, cap, &l);
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
			print_table(b->table, r->color, r->cap, &out, f);
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
