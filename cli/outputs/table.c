/* table.c - see table.h. */
#include "outputs/table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "outputs/msg.h"
#include "outputs/term.h"

/* cells' end offsets: SIZE_MAX while the cell is the one being written */
#define OPEN SIZE_MAX

void table_init(struct table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	xbuf_init(&t->text);
	t->ncols = ncols ? ncols : 1;
	t->right = xcalloc(t->ncols, 1);
	t->whole = xcalloc(t->ncols, 1);
	t->code = xcalloc(t->ncols, 1);
}

void table_free(struct table *t)
{
	gs_buf_release(&t->text);
	free(t->start);
	free(t->end);
	free(t->style);
	free(t->right);
	free(t->whole);
	free(t->code);
	free(t->spans);
	free(t->details);
	memset(t, 0, sizeof *t);
}

void table_right(struct table *t, size_t col)
{
	if (col < t->ncols)
		t->right[col] = 1;
}

void table_whole(struct table *t, size_t col)
{
	if (col < t->ncols)
		t->whole[col] = 1;
}

static void close_cell(struct table *t)
{
	if (t->ncells && t->end[t->ncells - 1] == OPEN)
		t->end[t->ncells - 1] = t->text.len;
}

void table_code(struct table *t, size_t col)
{
	if (col < t->ncols)
		t->code[col] = 1;
}

struct gs_buf *table_cell(struct table *t)
{
	close_cell(t);
	if (t->ncells == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->start = xrealloc(t->start, t->cap * sizeof *t->start);
		t->end = xrealloc(t->end, t->cap * sizeof *t->end);
		t->style = xrealloc(t->style, t->cap * sizeof *t->style);
	}
	t->start[t->ncells] = t->text.len;
	t->end[t->ncells] = OPEN;
	t->style[t->ncells] = TS_PLAIN;
	t->ncells++;
	return &t->text;
}

void table_lit(struct table *t, const char *s)
{
	if (gs_buf_adds(table_cell(t), s) != 0)
		die_oom();
}

void table_cellb(struct table *t, const char *s, size_t len)
{
	if (gs_buf_add(table_cell(t), s, len) != 0)
		die_oom();
}

void table_cellf(struct table *t, const char *fmt, ...)
{
	struct gs_buf *b = table_cell(t);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gs_buf_vaddf(b, fmt, ap);
	va_end(ap);
	if (rc != 0)
		die_oom();
}

void table_style(struct table *t, enum table_style style)
{
	if (t->ncells)
		t->style[t->ncells - 1] = (unsigned char)style;
}

size_t table_rows(const struct table *t)
{
	return (t->ncells + t->ncols - 1) / t->ncols;
}

void table_get(const struct table *t, size_t row, size_t col, const char **s, size_t *len)
{
	size_t i = row * t->ncols + col, end;

	if (col >= t->ncols || i >= t->ncells) {
		*s = "";
		*len = 0;
		return;
	}
	end = t->end[i] == OPEN ? t->text.len : t->end[i];
	*s = t->text.data + t->start[i];
	*len = end - t->start[i];
}

void table_detail(struct table *t, const char *heading, size_t len)
{
	struct table_detail *d;

	close_cell(t);
	if (t->ndetails == t->details_cap) {
		t->details_cap = t->details_cap ? t->details_cap * 2 : 64;
		t->details = xrealloc(t->details, t->details_cap * sizeof *t->details);
	}
	d = &t->details[t->ndetails++];
	d->row = table_rows(t) - 1;
	d->heading = t->text.len;
	d->heading_len = len;
	d->first_span = t->nspans;
	d->nspans = 0;
	if (gs_buf_add(&t->text, heading, len) != 0)
		die_oom();
}

void table_span(struct table *t, enum table_style style, const char *s, size_t len)
{
	struct table_span *sp;

	if (t->ndetails == 0 || len == 0)
		return;
	close_cell(t);
	if (t->nspans == t->spans_cap) {
		t->spans_cap = t->spans_cap ? t->spans_cap * 2 : 256;
		t->spans = xrealloc(t->spans, t->spans_cap * sizeof *t->spans);
	}
	sp = &t->spans[t->nspans++];
	sp->off = t->text.len;
	sp->len = len;
	sp->style = style;
	t->details[t->ndetails - 1].nspans++;
	if (gs_buf_add(&t->text, s, len) != 0)
		die_oom();
}

void table_layout(struct table *t, const char *s)
{
	table_span(t, TS_LAYOUT, s, strlen(s));
}

void table_spanf(struct table *t, enum table_style style, const char *fmt, ...)
{
	struct gs_buf tmp = XBUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gs_buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	if (rc != 0)
		die_oom();
	table_span(t, style, tmp.data, tmp.len);
	gs_buf_release(&tmp);
}

const struct table_detail *table_row_detail(const struct table *t, size_t row)
{
	size_t lo = 0, hi = t->ndetails;

	/* details are added in row order */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->details[mid].row < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->ndetails && t->details[lo].row == row ? &t->details[lo] : NULL;
}

enum table_style table_func_style(const char *func, size_t len)
{
	if (len >= 5 && memcmp(func, "main.", 5) == 0)
		return TS_MAIN;
	return gs_func_is_stdlib(func, len) ? TS_STDLIB : TS_OTHER;
}

enum table_style table_style_of_ansi(const char *ansi)
{
	static const struct {
		const char *ansi;
		enum table_style style;
	} map[] = {
		{ TERM_BOLD, TS_BOLD }, { TERM_DIM, TS_DIM }, { TERM_RED, TS_RED },
		{ TERM_GREEN, TS_GREEN }, { TERM_YELLOW, TS_YELLOW }, { TERM_CYAN, TS_CYAN },
	};
	size_t i;

	if (ansi == NULL)
		return TS_PLAIN;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(ansi, map[i].ansi) == 0)
			return map[i].style;
	/* bold red and other compounds: the last colour wins */
	if (strstr(ansi, TERM_RED))
		return TS_RED;
	return TS_PLAIN;
}

void table_flush(struct gs_buf *out, FILE *f, int force)
{
	if (!force && out->len < 64 * 1024)
		return;
	if (out->len)
		fwrite(out->data, 1, out->len, f);
	gs_buf_reset(out);
}
