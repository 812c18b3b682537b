/* grid.c - see grid.h. */
#include "grid.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "term.h"

void grid_init(struct grid *g, size_t ncols)
{
	memset(g, 0, sizeof *g);
	buf_init(&g->text, 0);
	g->ncols = ncols ? ncols : 1;
	g->right = xcalloc(g->ncols, 1);
	g->whole = xcalloc(g->ncols, 1);
}

void grid_free(struct grid *g)
{
	buf_release(&g->text);
	free(g->start);
	free(g->color);
	free(g->right);
	free(g->whole);
	memset(g, 0, sizeof *g);
}

void grid_right(struct grid *g, size_t col)
{
	if (col < g->ncols)
		g->right[col] = 1;
}

void grid_whole(struct grid *g, size_t col)
{
	if (col < g->ncols)
		g->whole[col] = 1;
}

struct buf *grid_cell(struct grid *g)
{
	if (g->ncells == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 256;
		g->start = xrealloc(g->start, g->cap * sizeof *g->start);
		g->color = xrealloc(g->color, g->cap * sizeof *g->color);
	}
	g->start[g->ncells] = g->text.len;
	g->color[g->ncells] = NULL;
	g->ncells++;
	return &g->text;
}

void grid_lit(struct grid *g, const char *s)
{
	if (buf_adds(grid_cell(g), s) != 0)
		die_oom();
}

void grid_cellf(struct grid *g, const char *fmt, ...)
{
	struct buf *b = grid_cell(g);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vaddf(b, fmt, ap);
	va_end(ap);
	if (rc != 0)
		die_oom();
}

void grid_color(struct grid *g, const char *color)
{
	if (g->ncells)
		g->color[g->ncells - 1] = color;
}

size_t grid_rows(const struct grid *g)
{
	return (g->ncells + g->ncols - 1) / g->ncols;
}

static void cell_text(const struct grid *g, size_t i, const char **s, size_t *len)
{
	size_t end;

	if (i >= g->ncells) {
		*s = "";
		*len = 0;
		return;
	}
	end = i + 1 < g->ncells ? g->start[i + 1] : g->text.len;
	*s = g->text.data + g->start[i];
	*len = end - g->start[i];
}

static void pad(struct buf *out, size_t n)
{
	while (n--)
		buf_addch(out, ' ');
}

static void print_text(const struct grid *g, int color, size_t cap, struct buf *out, FILE *f)
{
	size_t rows = grid_rows(g), n = rows * g->ncols, i, r, c;
	size_t *off = xmalloc((n + 1) * sizeof *off), *width = xmalloc((n ? n : 1) * sizeof *width);
	size_t *colw = xcalloc(g->ncols, sizeof *colw);
	struct buf esc = BUF_INIT;
	const char *s;
	size_t len;

	for (i = 0; i < n; i++) {
		off[i] = esc.len;
		cell_text(g, i, &s, &len);
		term_escape(&esc, s, len);
		if (cap && !g->whole[i % g->ncols])
			width[i] = term_cut(&esc, off[i], cap);
		else
			width[i] = term_width(esc.data + off[i], esc.len - off[i]);
		if (width[i] > colw[i % g->ncols])
			colw[i % g->ncols] = width[i];
	}
	off[n] = esc.len;
	for (r = 0; r < rows; r++) {
		size_t trail = 0;

		for (c = 0; c < g->ncols; c++) {
			const char *col = NULL;
			int last = c == g->ncols - 1;

			i = r * g->ncols + c;
			if (color)
				col = r == 0 ? TERM_BOLD : (i < g->ncells ? g->color[i] : NULL);
			if (c > 0)
				pad(out, trail + 2);
			trail = 0;
			if (g->right[c])
				pad(out, colw[c] - width[i]);
			if (col && *col)
				buf_adds(out, col);
			buf_add(out, esc.data + off[i], off[i + 1] - off[i]);
			if (col && *col)
				buf_adds(out, TERM_RESET);
			if (!g->right[c] && !last)
				trail = colw[c] - width[i];
		}
		/* an empty last column leaves the padding of the one before it: drop it */
		while (out->len && out->data[out->len - 1] == ' ')
			out->len--;
		buf_addch(out, '\n');
		if (out->len > 64 * 1024) {
			fwrite(out->data, 1, out->len, f);
			buf_reset(out);
		}
	}
	buf_release(&esc);
	free(off);
	free(width);
	free(colw);
}

static void csv_field(struct buf *out, const char *s, size_t len)
{
	size_t i;

	/* cells are back to back in one buffer, not NUL-terminated: no strcspn */
	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			break;
	if (i == len) {
		buf_add(out, s, len);
		return;
	}
	buf_addch(out, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addch(out, '"');
		buf_addch(out, s[i]);
	}
	buf_addch(out, '"');
}

/* Spreadsheet column names: "CREATED BY" -> created_by. */
static void csv_header(struct buf *out, const char *s, size_t len)
{
	size_t start = out->len, i;

	csv_field(out, s, len);
	for (i = start; i < out->len; i++) {
		if (out->data[i] >= 'A' && out->data[i] <= 'Z')
			out->data[i] = (char)(out->data[i] - 'A' + 'a');
		else if (out->data[i] == ' ' || out->data[i] == '/')
			out->data[i] = '_';
	}
}

static void md_field(struct buf *out, const char *s, size_t len)
{
	struct buf esc = BUF_INIT;
	size_t i;

	term_escape(&esc, s, len);
	for (i = 0; i < esc.len; i++) {
		if (esc.data[i] == '|')
			buf_addch(out, '\\');
		buf_addch(out, esc.data[i]);
	}
	buf_release(&esc);
}

void grid_print(const struct grid *g, enum grid_format fmt, int color, size_t cap, FILE *f)
{
	struct buf out = BUF_INIT;
	size_t rows = grid_rows(g), r, c;
	const char *s;
	size_t len;

	if (fmt == GRID_TEXT) {
		print_text(g, color, cap, &out, f);
	} else {
		for (r = 0; r < rows; r++) {
			if (fmt == GRID_MD)
				buf_adds(&out, "|");
			for (c = 0; c < g->ncols; c++) {
				cell_text(g, r * g->ncols + c, &s, &len);
				if (fmt == GRID_CSV) {
					if (c > 0)
						buf_addch(&out, ',');
					if (r == 0)
						csv_header(&out, s, len);
					else
						csv_field(&out, s, len);
				} else {
					buf_addch(&out, ' ');
					md_field(&out, s, len);
					buf_adds(&out, " |");
				}
			}
			buf_addch(&out, '\n');
			if (fmt == GRID_MD && r == 0) {
				buf_adds(&out, "|");
				for (c = 0; c < g->ncols; c++)
					buf_adds(&out, g->right[c] ? " ---: |" : " --- |");
				buf_addch(&out, '\n');
			}
		}
	}
	if (out.len)
		fwrite(out.data, 1, out.len, f);
	buf_release(&out);
}
