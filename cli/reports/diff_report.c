/* diff_report.c - see diff_report.h. */
#include "reports/diff_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
#include "outputs/term.h"
#include "outputs/sums.h"

static uint64_t abs_i64(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

static int cmp_drow(const void *pa, const void *pb, void *ctx)
{
	const struct drow *a = pa, *b = pb;
	const struct diff *d = ctx;
	uint64_t da = abs_i64(a->delta), db = abs_i64(b->delta);

	if (da != db)
		return da > db ? -1 : 1;
	return series_cmp_rows(&d->s, a->row, b->row);
}

void diff_rows(struct diff *d)
{
	const struct gs_match *x = &d->s.x;
	size_t i;

	d->rows = xcalloc(x->nrows ? x->nrows : 1, sizeof *d->rows);
	for (i = 0; i < x->nrows; i++) {
		struct drow *r = &d->rows[d->nrows];

		r->row = i;
		r->before = series_quantity(&d->s, x, i, 0);
		r->after = series_quantity(&d->s, x, i, 1);
		/* a profile site can be present with 0 in this column (freed, never contended):
		 * it says nothing about it */
		if (r->before == 0 && r->after == 0)
			continue;
		r->delta = sum_sub(r->after, r->before);
		d->total_before = sum_i64(d->total_before, r->before);
		d->total_after = sum_i64(d->total_after, r->after);
		if (r->before == 0)
			d->added++;
		else if (r->after == 0)
			d->gone++;
		else if (r->delta)
			d->changed++;
		else
			d->same++;
		d->nrows++;
	}
	if (d->nrows > 1)
		qsort_r(d->rows, d->nrows, sizeof *d->rows, cmp_drow, d);
}

void diff_free(struct diff *d)
{
	free(d->rows);
	series_free(&d->s);
}

const char *diff_status(const struct drow *r)
{
	if (r->before == 0 && r->after != 0)
		return "new";
	if (r->before != 0 && r->after == 0)
		return "gone";
	return r->delta ? "changed" : "same";
}

int diff_any_delta(const struct diff *d)
{
	size_t i;

	for (i = 0; i < d->nrows; i++)
		if (d->rows[i].delta)
			return 1;
	return 0;
}

/* People see the sign; a spreadsheet gets the word alone, since "+new" is a formula to it
 * (the CSV writer would quote it to '+new) */
static const char *mark_of(const struct drow *r, int human)
{
	if (r->before == 0 && r->after != 0)
		return human ? "+new" : "new";
	if (r->before != 0 && r->after == 0)
		return human ? "-gone" : "gone";
	return "";
}

static void delta_cell(struct table *t, const struct series *s, int64_t v, int human)
{
	/* a spreadsheet reads a plain number; people get the sign */
	series_quantity_text(table_cell(t), s, v, human, human);
	if (v)
		table_style(t, v > 0 ? TS_RED : TS_GREEN);
}

static void footer(struct report *rep, const struct diff *d)
{
	const struct series *s = &d->s;
	struct gs_buf tb = XBUF_INIT, ta = XBUF_INIT, td = XBUF_INIT, line = XBUF_INIT;

	series_quantity_text(&tb, s, d->total_before, 0, 1);
	series_quantity_text(&ta, s, d->total_after, 0, 1);
	series_quantity_text(&td, s, sum_sub(d->total_after, d->total_before), 1, 1);
	gs_buf_addf(&line, "before: %s %s (%s), after: %s (%s), delta %s; %zu group%s changed, "
	         "%zu new, %zu gone, %zu unchanged", tb.data, series_quantity_name(s),
	         s->pts[0].name, ta.data, s->pts[1].name, td.data, d->changed,
	         d->changed == 1 ? "" : "s", d->added, d->gone, d->same);
	if (s->keep_g || s->keep_s)
		gs_buf_addf(&line, "; filtered out: %" PRIu64 " before, %" PRIu64 " after%s",
		         series_filtered(s, 0), series_filtered(s, 1), s->samples ? " (records)" : "");
	report_lines(rep, REPORT_FOOTER);
	report_line(rep, line.data, line.len);
	gs_buf_release(&tb);
	gs_buf_release(&ta);
	gs_buf_release(&td);
	gs_buf_release(&line);
}

void diff_report(struct report *rep, const struct diff *d)
{
	const struct series *s = &d->s;
	size_t i, nkey = series_key_ncols(s);
	int human = !report_has(rep, REPORT_DATA), details = report_has(rep, REPORT_DETAILS);
	struct table *t;

	report_titlef(rep, "gostacks diff %s \xe2\x86\x92 %s (%s by %s)", s->pts[0].name,
	              s->pts[1].name, series_quantity_name(s), s->by);
	t = report_table(rep, 4 + nkey);
	t->caption = "Changes";
	t->hint = details ? "click a delta for the stack of what changed" : NULL;
	t->details_caption = "Stacks of what changed";
	t->details_hint = "the canonical stack: no arguments";
	table_right(t, 0);
	table_right(t, 1);
	table_right(t, 2);
	table_lit(t, "DELTA");
	table_lit(t, "BEFORE");
	table_lit(t, "AFTER");
	table_lit(t, "MARK");
	series_key_header(s, t);
	for (i = 0; i < d->nrows; i++) {
		const struct drow *r = &d->rows[i];
		const char *mark = mark_of(r, human);

		delta_cell(t, s, r->delta, human);
		series_quantity_text(table_cell(t), s, r->before, 0, human);
		series_quantity_text(table_cell(t), s, r->after, 0, human);
		table_lit(t, mark);
		if (*mark)
			table_style(t, mark[0] == '+' ? TS_GREEN : TS_DIM);
		series_key_cells(s, t, r->row);
		/* a ticket wants the stacks of what changed, not of everything */
		if (details && r->delta)
			series_stack_detail(s, t, r->row);
	}
	footer(rep, d);
}

/* --- folded: flamegraph.pl's differential input, `root;...;leaf before after` --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A frame name in a folded line: escaped like text output, and ';' (the separator) as ':'. */
static void folded_name(struct gs_buf *b, const struct gs_model *m, uint32_t func)
{
	size_t start = b->len, i;

	term_escape(b, gs_str(m, func), gs_intern_len(m->strings, func));
	for (i = start; i < b->len; i++)
		if (b->data[i] == ';')
			b->data[i] = ':';
}

void diff_folded(struct diff *d, FILE *f)
{
	struct series *s = &d->s;
	struct gs_match x;
	struct gs_buf line = XBUF_INIT;
	char **lines;
	size_t i, n = 0;
	uint32_t j;

	if (d->by_given)
		series_note(s, "--by does not apply to --format folded: one line per stack");
	series_match(s, GK_STACK, &x);
	lines = xcalloc(x.nrows ? x.nrows : 1, sizeof *lines);
	for (i = 0; i < x.nrows; i++) {
		const struct match_row *mr = &x.rows[i];
		int64_t before = series_quantity(s, &x, i, 0), after = series_quantity(s, &x, i, 1);
		uint32_t st = series_stack_of(s, &mr->key, mr->rep_stack);
		const uint32_t *fr = gs_stack_frames(s->m, st);

		if (before == 0 && after == 0)
			continue;
		gs_buf_reset(&line);
		for (j = s->m->stacks[st].len; j > 0; j--) {
			folded_name(&line, s->m, s->m->frames[fr[j - 1]].func);
			if (j > 1)
				gs_buf_addch(&line, ';');
		}
		if (s->m->stacks[st].len == 0)
			gs_buf_adds(&line, "-");
		gs_buf_addf(&line, " %" PRId64 " %" PRId64 "\n", before, after);
		lines[n++] = xstrdup(line.data);
	}
	/* flamegraph.pl sorts and sums itself; sorted output is stable across runs */
	qsort(lines, n, sizeof *lines, cmp_str);
	for (i = 0; i < n; i++) {
		fputs(lines[i], f);
		free(lines[i]);
	}
	free(lines);
	gs_buf_release(&line);
	gs_match_free(&x);
}
