/* trend_report.c - see trend_report.h. */
#include "reports/trend_report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"

void trend_times(struct trend *t)
{
	struct series *s = &t->s;
	size_t i, named = 0, mtimed = 0, usable = 0, prev = SIZE_MAX;
	int ok = 1;

	t->times = xcalloc(s->npts, sizeof *t->times);
	t->time_known = xcalloc(s->npts, 1);
	t->known = xcalloc(s->npts, 1);
	t->time_source = "none";
	for (i = 0; i < s->npts; i++) {
		const struct series_point *p = &s->pts[i];

		t->known[i] = (unsigned char)p->ok;
		if (!p->ok)
			continue;
		usable++;
		if (p->time_source == STAMP_NAME)
			named++;
		else if (p->time_source == STAMP_MTIME)
			mtimed++;
		else
			ok = 0;
		if (prev != SIZE_MAX && p->time <= s->pts[prev].time)
			ok = 0;
		prev = i;
	}
	if (named + mtimed == 0) {
		series_note(s, "no times (a file holding several dumps, stdin or URLs): growth per "
		            "dump only");
		return;
	}
	if (named + mtimed < usable) {
		series_note(s, "%zu of %zu dumps have no time (a file holding several dumps, stdin or "
		            "a URL): growth per dump only", usable - named - mtimed, usable);
		return;
	}
	if (!ok) {
		series_note(s, "the times of the dumps do not increase in the order given: "
		            "growth per dump only");
		return;
	}
	for (i = 0; i < s->npts; i++) {
		if (!s->pts[i].ok)
			continue;
		t->times[i] = (double)s->pts[i].time;
		t->time_known[i] = 1;
	}
	if (mtimed == 0) {
		t->time_source = "filename";
		series_note(s, "times from the file names");
	} else if (named == 0) {
		t->time_source = "mtime";
		series_note(s, "times from the files' modification times (no timestamp in the names)");
	} else {
		t->time_source = "mixed";
		series_note(s, "times from the file names, and for %zu file%s without a timestamp "
		            "from the modification time", mtimed, mtimed == 1 ? "" : "s");
	}
}

/* what the runtime proved before what growth suggests */
static int rank(const struct trow *r)
{
	return r->leaked ? 0 : r->v.suspect ? 1 : r->v.stuck ? 2 : 3;
}

static double speed(const struct trow *r)
{
	return r->v.has_per_minute ? r->v.growth_per_minute : r->v.growth;
}

/* proven leaks and suspects by growth, stuck, then the rest by size of the change and
 * last number */
static int cmp_trow(const void *pa, const void *pb, void *ctx)
{
	const struct trow *a = pa, *b = pb;
	const struct trend *t = ctx;
	uint64_t ra, rb;
	int c = rank(a) - rank(b);

	if (c)
		return c;
	if (rank(a) <= 1 && speed(a) != speed(b))
		return speed(a) > speed(b) ? -1 : 1;
	ra = a->v.rise < 0 ? (uint64_t)0 - (uint64_t)a->v.rise : (uint64_t)a->v.rise;
	rb = b->v.rise < 0 ? (uint64_t)0 - (uint64_t)b->v.rise : (uint64_t)b->v.rise;
	if (ra != rb)
		return ra > rb ? -1 : 1;
	if (a->last != b->last)
		return a->last > b->last ? -1 : 1;
	return series_cmp_rows(&t->s, a->row, b->row);
}

void trend_rows(struct trend *t)
{
	const struct series *s = &t->s;
	const struct gs_match *x = &s->x;
	int64_t *q = xcalloc(s->npts, sizeof *q);
	uint32_t *young = xcalloc(s->npts, sizeof *young);
	size_t i, p;

	t->rows = xcalloc(x->nrows ? x->nrows : 1, sizeof *t->rows);
	for (i = 0; i < x->nrows; i++) {
		struct trow *r = &t->rows[t->nrows];
		int any = 0;

		for (p = 0; p < s->npts; p++) {
			q[p] = t->known[p] ? series_quantity(s, x, i, p) : 0;
			young[p] = x->wait_young[i * x->npoints + p];
			if (q[p] != 0)
				any = 1;
			if (t->known[p])
				r->last = q[p];
			if (t->known[p] && !s->samples && gs_match_leaked(x, i, p))
				r->leaked = gs_match_leaked(x, i, p);
		}
		/* a profile site at 0 all along (freed, never contended) says nothing */
		if (!any)
			continue;
		r->row = i;
		gs_trend_judge(q, t->known, s->npts, t->min_rise, t->times, t->time_known,
		               s->samples ? NULL : young, &r->v);
		/* a proven leak is no longer a suspect, whatever its growth */
		t->leaked += (size_t)(r->leaked != 0);
		t->suspects += (size_t)(r->v.suspect && !r->leaked);
		t->stuck += (size_t)r->v.stuck;
		t->nrows++;
	}
	free(q);
	free(young);
	if (t->nrows > 1)
		qsort_r(t->rows, t->nrows, sizeof *t->rows, cmp_trow, t);
}

/* "leaked": proven by the runtime; "suspect": inferred from growth */
static const char *verdict(const struct trow *r)
{
	return r->leaked ? "leaked" : r->v.suspect ? "suspect" : r->v.stuck ? "stuck" : "";
}

static int any_per_minute(const struct trend *t)
{
	size_t i;

	for (i = 0; i < t->s.npts; i++)
		if (t->time_known[i])
			return 1;
	return 0;
}

static void footer(struct report *rep, const struct trend *t)
{
	const struct series *s = &t->s;
	struct gs_buf rise = XBUF_INIT, line = XBUF_INIT;

	series_quantity_text(&rise, s, t->min_rise, 0, 1);
	gs_buf_addf(&line, "%zu group%s over %zu dumps", t->nrows, t->nrows == 1 ? "" : "s", s->npts);
	if (s->holes)
		gs_buf_addf(&line, " (%zu unreadable: the series has %s)", s->holes,
		         s->holes == 1 ? "a hole" : "holes");
	gs_buf_addch(&line, ';');
	if (t->leaked)
		gs_buf_addf(&line, " %zu proven leaked by the runtime,", t->leaked);
	gs_buf_addf(&line, " %zu %sleak suspect%s (%sa rise of %s %s or more, at most one small "
	         "dip), %zu stuck; times: %s", t->suspects, t->leaked ? "other " : "",
	         t->suspects == 1 ? "" : "s", t->leaked ? "inferred from growth: " : "", rise.data,
	         series_quantity_name(s), t->stuck, t->time_source);
	report_lines(rep, REPORT_FOOTER);
	report_line(rep, line.data, line.len);
	gs_buf_release(&rise);
	gs_buf_release(&line);
}

void trend_free(struct trend *t)
{
	free(t->rows);
	free(t->times);
	free(t->time_known);
	free(t->known);
	series_free(&t->s);
}

/* A small line chart per group, in the table's order (suspects first), its growth per
 * minute (else per dump) on it; a suspect's or stuck group's links to its stack. */
static void lines(struct report *rep, const struct trend *t, int details)
{
	const struct series *s = &t->s;
	struct chart *c = report_chart(rep, CHART_LINES, s->npts, series_quantity_name(s));
	struct gs_buf b = XBUF_INIT;
	size_t i, p, first, last;
	int all_times = 1;

	c->caption = "Each group over time";
	c->hint = "suspects first, growth on each chart; hover a point for its value";
	for (p = 0; p < s->npts; p++) {
		chart_legend(c, p, s->pts[p].name, strlen(s->pts[p].name));
		all_times &= t->time_known[p];
	}
	if (all_times)
		chart_times(c, t->times);
	for (i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];

		gs_buf_reset(&b);
		series_key_label(s, r->row, &b);
		chart_row(c, b.data, b.len, details && (r->v.suspect || r->v.stuck) ? i + 1 : 0);
		if (r->v.suspect || r->v.stuck)
			chart_badge(c, verdict(r), r->v.suspect ? TS_RED : TS_YELLOW);
		first = last = SIZE_MAX;
		for (p = 0; p < s->npts; p++) {
			if (!t->known[p])
				continue;
			chart_value(c, p, (double)series_quantity(s, &s->x, r->row, p));
			if (first == SIZE_MAX)
				first = p;
			last = p;
		}
		gs_buf_reset(&b);
		if (r->v.has_per_minute) {
			series_rate_text(&b, s, r->v.growth_per_minute, 1, 1);
			gs_buf_adds(&b, "/min");
		} else if (r->v.known >= 2) {
			series_rate_text(&b, s, r->v.growth, 1, 1);
			gs_buf_adds(&b, "/dump");
		}
		if (b.len)
			chart_notef(c, "%s", b.data);
		gs_buf_reset(&b);
		if (first != SIZE_MAX) {
			series_quantity_text(&b, s, series_quantity(s, &s->x, r->row, first), 0, 1);
			if (last != first) {
				gs_buf_adds(&b, " \xe2\x86\x92 ");
				series_quantity_text(&b, s, series_quantity(s, &s->x, r->row, last), 0, 1);
			}
		}
		chart_numbersf(c, "%s", b.data);
	}
	gs_buf_release(&b);
}

void trend_report(struct report *rep, const struct trend *t)
{
	const struct series *s = &t->s;
	int per_min = any_per_minute(t), csv = report_has(rep, REPORT_DATA);
	int details = report_has(rep, REPORT_DETAILS);
	size_t nkey = series_key_ncols(s), i, p;
	size_t ncols = 2 + (size_t)per_min + (csv ? s->npts : 1) + nkey;
	struct table *tb;
	struct gs_buf *b;

	report_titlef(rep, "gostacks trend: %zu dumps, %s by %s", s->npts, series_quantity_name(s),
	              s->by);
	tb = report_table(rep, ncols);
	tb->caption = "Series";
	tb->hint = details ? "click a verdict for the stack of a suspect" : NULL;
	tb->details_caption = "Stacks of the suspects";
	tb->details_hint = "the canonical stack: no arguments";
	table_right(tb, 1);
	if (per_min)
		table_right(tb, 2);
	table_whole(tb, 2 + (size_t)per_min);
	table_lit(tb, "VERDICT");
	table_lit(tb, csv ? "growth_per_dump" : "GROWTH/DUMP");
	if (per_min)
		table_lit(tb, csv ? "growth_per_minute" : "GROWTH/MIN");
	if (csv) {
		for (p = 0; p < s->npts; p++)
			table_cellf(tb, "p%zu", p + 1);
	} else {
		table_lit(tb, s->samples ? "SERIES" : "COUNTS");
		/* a long series breaks between its numbers rather than widen the page */
		table_code(tb, tb->ncells - 1);
	}
	series_key_header(s, tb);
	for (i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];

		table_lit(tb, verdict(r));
		if (r->leaked || r->v.suspect || r->v.stuck)
			table_style(tb, r->leaked || r->v.suspect ? TS_RED : TS_YELLOW);
		b = table_cell(tb);
		if (r->v.known >= 2)
			series_rate_text(b, s, r->v.growth, !csv, !csv);
		if (per_min) {
			b = table_cell(tb);
			if (r->v.has_per_minute)
				series_rate_text(b, s, r->v.growth_per_minute, !csv, !csv);
		}
		if (csv) {
			for (p = 0; p < s->npts; p++) {
				b = table_cell(tb);
				if (t->known[p])
					series_quantity_text(b, s, series_quantity(s, &s->x, r->row, p), 0, 0);
			}
		} else {
			b = table_cell(tb);
			for (p = 0; p < s->npts; p++) {
				if (p > 0)
					gs_buf_adds(b, " \xe2\x86\x92 ");
				if (t->known[p])
					series_quantity_text(b, s, series_quantity(s, &s->x, r->row, p), 0, 1);
				else
					gs_buf_addch(b, '?');
			}
		}
		series_key_cells(s, tb, r->row);
		if (details && (r->leaked || r->v.suspect || r->v.stuck))
			series_stack_detail(s, tb, r->row);
	}
	footer(rep, t);
	if (report_has(rep, REPORT_GRAPH))
		lines(rep, t, details);
}

