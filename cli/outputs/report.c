/* report.c - see report.h. */
#include "outputs/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"

void report_init(struct report *r, unsigned shows)
{
	memset(r, 0, sizeof *r);
	r->shows = shows;
	xbuf_init(&r->title);
	xbuf_init(&r->text);
}

void report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->nblocks; i++) {
		if (r->blocks[i].table) {
			table_free(r->blocks[i].table);
			free(r->blocks[i].table);
		}
	}
	if (r->has_graph)
		fold_free(&r->graph);
	for (i = 0; i < r->ncharts; i++) {
		chart_free(r->charts[i]);
		free(r->charts[i]);
	}
	free(r->charts);
	gs_buf_release(&r->title);
	gs_buf_release(&r->text);
	free(r->lines);
	free(r->blocks);
	memset(r, 0, sizeof *r);
}

int report_has(const struct report *r, unsigned what)
{
	return (r->shows & what) != 0;
}

void report_titlef(struct report *r, const char *fmt, ...)
{
	va_list ap;
	int rc;

	gs_buf_reset(&r->title);
	va_start(ap, fmt);
	rc = gs_buf_vaddf(&r->title, fmt, ap);
	va_end(ap);
	if (rc != 0)
		die_oom();
}

static struct report_block *new_block(struct report *r)
{
	struct report_block *b;

	if (r->nblocks == r->blocks_cap) {
		r->blocks_cap = r->blocks_cap ? r->blocks_cap * 2 : 8;
		r->blocks = xrealloc(r->blocks, r->blocks_cap * sizeof *r->blocks);
	}
	b = &r->blocks[r->nblocks++];
	memset(b, 0, sizeof *b);
	b->first_line = r->nlines;
	return b;
}

void report_lines(struct report *r, enum report_role role)
{
	new_block(r)->role = role;
}

/* A new line of the last block of lines, starting at the end of the text: the caller
 * appends its text and sets its length. */
static struct report_line *new_line(struct report *r, size_t lead)
{
	struct report_line *l;

	if (r->nblocks == 0 || r->blocks[r->nblocks - 1].table)
		report_lines(r, REPORT_PARA);
	if (r->nlines == r->lines_cap) {
		r->lines_cap = r->lines_cap ? r->lines_cap * 2 : 16;
		r->lines = xrealloc(r->lines, r->lines_cap * sizeof *r->lines);
	}
	l = &r->lines[r->nlines++];
	l->off = r->text.len;
	l->len = 0;
	l->lead = lead;
	r->blocks[r->nblocks - 1].nlines++;
	return l;
}

void report_alert(struct report *r, const char *s, size_t len, size_t lead)
{
	new_line(r, lead)->len = len;
	if (gs_buf_add(&r->text, s, len) != 0)
		die_oom();
}

void report_line(struct report *r, const char *s, size_t len)
{
	report_alert(r, s, len, 0);
}

void report_split(struct report *r, const char *s, size_t len)
{
	const char *nl;

	while (len) {
		nl = memchr(s, '\n', len);
		if (nl == NULL) {
			report_line(r, s, len);
			return;
		}
		report_line(r, s, (size_t)(nl - s));
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
}

void report_linef(struct report *r, const char *fmt, ...)
{
	struct report_line *l = new_line(r, 0);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gs_buf_vaddf(&r->text, fmt, ap);
	va_end(ap);
	if (rc != 0)
		die_oom();
	l->len = r->text.len - l->off;
}

static struct table *add_table(struct report *r, size_t ncols, int aside)
{
	struct report_block *b = new_block(r);

	b->table = xmalloc(sizeof *b->table);
	b->aside = aside;
	table_init(b->table, ncols);
	return b->table;
}

struct table *report_table(struct report *r, size_t ncols)
{
	return add_table(r, ncols, 0);
}

struct table *report_aside(struct report *r, size_t ncols)
{
	return add_table(r, ncols, 1);
}

void report_under(struct report *r)
{
	if (r->nblocks)
		r->blocks[r->nblocks - 1].under = 1;
}

struct fold *report_graph(struct report *r, const char *what)
{
	if (r->has_graph)
		fold_free(&r->graph);
	r->has_graph = 1;
	r->graph_what = what;
	return &r->graph;
}

struct chart *report_chart(struct report *r, enum chart_kind kind, size_t npoints,
                           const char *what)
{
	struct chart *c = xmalloc(sizeof *c);

	chart_init(c, kind, npoints, what);
	r->charts = xrealloc(r->charts, (r->ncharts + 1) * sizeof *r->charts);
	r->charts[r->ncharts++] = c;
	return c;
}

const struct table *report_primary(const struct report *r)
{
	size_t i;

	for (i = 0; i < r->nblocks; i++)
		if (r->blocks[i].table && !r->blocks[i].aside)
			return r->blocks[i].table;
	return NULL;
}
