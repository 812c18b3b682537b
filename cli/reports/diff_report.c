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
		if (!d->s.samples) {
			r->leaked_before = gs_match_leaked(x, i, 0);
			r->leaked_after = gs_match_leaked(x, i, 1);
			d->any_leaked |= r->leaked_before || r->leaked_after;
		}
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

/* The goroutines proven leaked before and after: "0 → 12" for people, the after side for
 * a spreadsheet (the before side is in the other file's summary) */
static void leaked_cell(struct table *t, const struct drow *r, int human)
{
	struct gs_buf *b = table_cell(t);

	if (!human)
		gs_buf_addf(b, "%" PRIu64, r->leaked_after);
	else if (r->leaked_before || r->leaked_after)
		gs_buf_addf(b, "%" PRIu64 " \xe2\x86\x92 %" PRIu64, r->leaked_before, r->leaked_after);
	if (r->leaked_after)
		table_style(t, TS_RED);
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

/* Where a row stands in the picture: new groups, then gone ones, then the others in the
 * table's order (the size of the change). */
static int picture_rank(const struct drow *r)
{
	return r->before == 0 ? 0 : r->after == 0 ? 1 : 2;
}

/* The bars: before and after per group, new and gone first, each a link to its stack. */
static void bars(struct report *rep, const struct diff *d, int details)
{
	const struct series *s = &d->s;
	struct chart *c = report_chart(rep, CHART_BARS, 2, series_quantity_name(s));
	struct gs_buf b = XBUF_INIT;
	size_t i;
	int rank;

	c->caption = "Before and after";
	c->hint = details ? "new and gone groups first; click a group for its stack" : NULL;
	gs_buf_addf(&b, "before: %s", s->pts[0].name);
	chart_legend(c, 0, b.data, b.len);
	gs_buf_reset(&b);
	gs_buf_addf(&b, "after: %s", s->pts[1].name);
	chart_legend(c, 1, b.data, b.len);
	for (rank = 0; rank < 3; rank++) {
		for (i = 0; i < d->nrows; i++) {
			const struct drow *r = &d->rows[i];
			const char *mark = mark_of(r, 1);

			if (picture_rank(r) != rank)
				continue;
			gs_buf_reset(&b);
			series_key_label(s, r->row, &b);
			/* table row i + 1 has the stack when it changed */
			chart_row(c, b.data, b.len, details && r->delta ? i + 1 : 0);
			if (*mark)
				chart_badge(c, mark + 1, mark[0] == '+' ? TS_GREEN : TS_DIM);
			chart_value(c, 0, (double)r->before);
			chart_value(c, 1, (double)r->after);
			gs_buf_reset(&b);
			series_quantity_text(&b, s, r->before, 0, 1);
			gs_buf_adds(&b, " \xe2\x86\x92 ");
			series_quantity_text(&b, s, r->after, 0, 1);
			if (r->delta) {
				gs_buf_adds(&b, " (");
				series_quantity_text(&b, s, r->delta, 1, 1);
				gs_buf_adds(&b, ")");
			}
			chart_numbersf(c, "%s", b.data);
		}
	}
	gs_buf_release(&b);
}

void diff_report(struct report *rep, const struct diff *d)
{
	const struct series *s = &d->s;
	size_t i, nkey = series_key_ncols(s);
	int human = !report_has(rep, REPORT_DATA), details = report_has(rep, REPORT_DETAILS);
	struct table *t;

	report_titlef(rep, "gostacks diff %s \xe2\x86\x92 %s (%s by %s)", s->pts[0].name,
	              s->pts[1].name, series_quantity_name(s), s->by);
	t = report_table(rep, 4 + (size_t)(d->any_leaked != 0) + nkey);
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
	if (d->any_leaked)
		table_lit(t, "LEAKED");
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
		if (d->any_leaked)
			leaked_cell(t, r, human);
		series_key_cells(s, t, r->row);
		/* a ticket wants the stacks of what changed, not of everything */
		if (details && r->delta)
			series_stack_detail(s, t, r->row);
	}
	footer(rep, d);
	if (report_has(rep, REPORT_GRAPH))
		bars(rep, d, details);
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
