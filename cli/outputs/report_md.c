/* report_md.c - see report_md.h. */
#include "outputs/report_md.h"

#include <string.h>

#include "outputs/report_html.h"
#include "outputs/msg.h"
#include "outputs/term.h"

void table_md_cell(struct gs_buf *out, const char *s, size_t len, size_t max)
{
	struct gs_buf esc = XBUF_INIT;
	size_t i;

	term_escape(&esc, s, len);
	if (max)
		term_cut(&esc, 0, max);
	for (i = 0; i < esc.len; i++) {
		char c = esc.data[i];

		switch (c) {
		case '<':
			gs_buf_adds(out, "&lt;");
			break;
		case '>':
			gs_buf_adds(out, "&gt;");
			break;
		case '&':
			gs_buf_adds(out, "&amp;");
			break;
		case '|': case '\\': case '`': case '*': case '_': case '[': case ']':
			gs_buf_addch(out, '\\');
			gs_buf_addch(out, c);
			break;
		default:
			gs_buf_addch(out, c);
		}
	}
	gs_buf_release(&esc);
}

/* The longest run of backticks in a detail's text. */
static size_t longest_backticks(const struct table *t, const struct table_detail *d)
{
	size_t i, j, run = 0, best = 0;

	for (i = d->first_span; i < d->first_span + d->nspans; i++) {
		const struct table_span *sp = &t->spans[i];

		for (j = 0; j < sp->len; j++) {
			run = t->text.data[sp->off + j] == '`' ? run + 1 : 0;
			if (run > best)
				best = run;
		}
	}
	return best;
}

static void print_detail(const struct table *t, const struct table_detail *d, struct gs_buf *out)
{
	size_t fence = longest_backticks(t, d) + 1, i;

	if (fence < 3)
		fence = 3;
	gs_buf_adds(out, "<details><summary>");
	/* an HTML context inside markdown (<summary>): entities only */
	table_html_text(out, t->text.data + d->heading, d->heading_len);
	gs_buf_adds(out, "</summary>\n\n");
	for (i = 0; i < fence; i++)
		gs_buf_addch(out, '`');
	gs_buf_adds(out, "text\n");
	for (i = d->first_span; i < d->first_span + d->nspans; i++) {
		const struct table_span *sp = &t->spans[i];

		if (sp->style == TS_LAYOUT)
			gs_buf_add(out, t->text.data + sp->off, sp->len);
		else
			term_escape(out, t->text.data + sp->off, sp->len);
	}
	if (out->len && out->data[out->len - 1] != '\n')
		gs_buf_addch(out, '\n');
	for (i = 0; i < fence; i++)
		gs_buf_addch(out, '`');
	gs_buf_adds(out, "\n\n</details>\n\n");
}

static void print_table(const struct table *t, struct gs_buf *out, FILE *f)
{
	size_t rows = table_rows(t), r, c, i;
	const char *s;
	size_t len;

	for (r = 0; r < rows; r++) {
		gs_buf_addch(out, '|');
		for (c = 0; c < t->ncols; c++) {
			table_get(t, r, c, &s, &len);
			gs_buf_addch(out, ' ');
			/* a page scrolls: nothing is cut (a terminal's text is, to fit) */
			table_md_cell(out, s, len, 0);
			gs_buf_adds(out, " |");
		}
		gs_buf_addch(out, '\n');
		if (r == 0) {
			gs_buf_addch(out, '|');
			for (c = 0; c < t->ncols; c++)
				gs_buf_adds(out, t->right[c] ? " ---: |" : " --- |");
			gs_buf_addch(out, '\n');
		}
		table_flush(out, f, 0);
	}
	gs_buf_addch(out, '\n');
	for (i = 0; i < t->ndetails; i++) {
		print_detail(t, &t->details[i], out);
		table_flush(out, f, 0);
	}
}

/* Alerts as a quote; other lines one paragraph, a hard line break between them; the
 * footer, last, ends the document. */
static void print_lines(const struct report *r, const struct report_block *b, struct gs_buf *out)
{
	size_t i;

	for (i = b->first_line; i < b->first_line + b->nlines; i++) {
		const struct report_line *l = &r->lines[i];

		if (b->role == REPORT_ALERT)
			gs_buf_adds(out, "> ");
		table_md_cell(out, r->text.data + l->off, l->len, 0);
		if (b->role != REPORT_ALERT && i + 1 < b->first_line + b->nlines)
			gs_buf_addch(out, '\\');
		gs_buf_addch(out, '\n');
	}
	if (b->role != REPORT_FOOTER)
		gs_buf_addch(out, '\n');
}

void report_print_md(const struct report *r, FILE *f)
{
	struct gs_buf out = XBUF_INIT;
	size_t i;

	if (r->title.len) {
		gs_buf_adds(&out, "### ");
		table_md_cell(&out, r->title.data, r->title.len, 0);
		gs_buf_adds(&out, "\n\n");
	}
	for (i = 0; i < r->nblocks; i++) {
		const struct report_block *b = &r->blocks[i];

		if (b->table)
			print_table(b->table, &out, f);
		else if (b->nlines)
			print_lines(r, b, &out);
		table_flush(&out, f, 0);
	}
	table_flush(&out, f, 1);
	gs_buf_release(&out);
}
