/* watch_report.c - see watch_report.h. */
#include "reports/watch_report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "outputs/msg.h"
#include "outputs/term.h"
#include "trend.h"

static const char *const sort_words[WATCH_NSORTS] = { "growth", "count", "wait" };

const char *watch_sort_word(enum watch_sort s)
{
	return sort_words[s < WATCH_NSORTS ? s : WATCH_SORT_GROWTH];
}

int watch_sort_parse(const char *word, enum watch_sort *out)
{
	int i;

	for (i = 0; i < WATCH_NSORTS; i++) {
		if (strcmp(word, sort_words[i]) == 0) {
			*out = (enum watch_sort)i;
			return 0;
		}
	}
	return -1;
}

struct wrow {
	uint32_t id;
	int64_t now, first, prev;
	int in_first, in_last;
	uint32_t wait;           /* longest wait now, minutes */
	int has_wait;
	uint64_t leaked;
	struct trend_verdict v;
};

/* The series of one identity over the kept samples, judged by trend.h's rules. */
static void judge(const struct watch_history *h, struct wrow *r, int64_t min_rise,
                  int64_t *x, unsigned char *known, double *times, uint32_t *young)
{
	const struct watch_sample *last = &h->s[h->n - 1];
	const struct watch_group *g;
	size_t p;

	for (p = 0; p < h->n; p++) {
		g = watch_sample_find(&h->s[p], r->id);
		x[p] = g ? (int64_t)g->count : 0;
		young[p] = g ? g->young : 0;
		known[p] = 1;
		times[p] = h->s[p].time;
	}
	r->now = x[h->n - 1];
	r->first = x[0];
	r->prev = h->n > 1 ? x[h->n - 2] : r->now;
	r->in_first = watch_sample_find(&h->s[0], r->id) != NULL;
	g = watch_sample_find(last, r->id);
	r->in_last = g != NULL;
	if (g) {
		r->wait = g->wait_max;
		r->has_wait = g->has_wait;
		r->leaked = g->leaked;
	}
	gs_trend_judge(x, known, h->n, min_rise, times, known, young, &r->v);
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a > b ? -1 : a < b;
}

static int cmp_growth(const struct wrow *a, const struct wrow *b)
{
	int c = cmp_i64(a->now - a->first, b->now - b->first);

	if (c == 0)
		c = cmp_i64(a->now - a->prev, b->now - b->prev);
	return c;
}

static int cmp_wrow(const void *pa, const void *pb, void *ctx)
{
	const struct wrow *a = pa, *b = pb;
	const struct watch_view *v = ctx;
	int c = 0;

	switch (v->sort) {
	case WATCH_SORT_COUNT:
		c = cmp_i64(a->now, b->now);
		break;
	case WATCH_SORT_WAIT:
		c = cmp_i64(a->has_wait ? (int64_t)a->wait : -1, b->has_wait ? (int64_t)b->wait : -1);
		break;
	case WATCH_SORT_GROWTH:
	case WATCH_NSORTS:
		break;
	}
	if (c == 0)
		c = cmp_growth(a, b);
	if (c == 0)
		c = cmp_i64(a->now, b->now);
	/* the identity's text: the same order on every redraw */
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

static struct wrow *make_rows(const struct watch_history *h, const struct watch_view *v,
                              size_t *nrows)
{
	const struct watch_sample *first = &h->s[0], *last = &h->s[h->n - 1];
	struct wrow *rows = xcalloc(first->n + last->n + 1, sizeof *rows);
	int64_t *x = xcalloc(h->n, sizeof *x);
	double *times = xcalloc(h->n, sizeof *times);
	uint32_t *young = xcalloc(h->n, sizeof *young);
	unsigned char *known = xcalloc(h->n, 1);
	size_t i, n = 0;

	for (i = 0; i < last->n; i++)
		rows[n++].id = last->g[i].id;
	/* groups gone since the first sample stay, with their fall */
	for (i = 0; h->n > 1 && i < first->n; i++)
		if (watch_sample_find(last, first->g[i].id) == NULL)
			rows[n++].id = first->g[i].id;
	for (i = 0; i < n; i++)
		judge(h, &rows[i], v->min_rise, x, known, times, young);
	if (n > 1)
		qsort_r(rows, n, sizeof *rows, cmp_wrow, (void *)(uintptr_t)v);
	free(x);
	free(times);
	free(young);
	free(known);
	*nrows = n;
	return rows;
}

static const char *mark(const struct watch_history *h, const struct wrow *r,
                        enum table_style *style)
{
	*style = TS_RED;
	if (r->leaked)
		return "leaked";
	if (r->v.suspect)
		return "suspect";
	*style = TS_YELLOW;
	if (r->v.stuck)
		return "stuck";
	*style = TS_GREEN;
	if (h->n > 1 && !r->in_first)
		return "new";
	*style = TS_DIM;
	if (!r->in_last)
		return "gone";
	*style = TS_PLAIN;
	return "";
}

static void delta_cell(struct table *t, int64_t d)
{
	if (d > 0)
		table_cellf(t, "+%lld", (long long)d);
	else
		table_cellf(t, "%lld", (long long)d);
	if (d)
		table_style(t, d > 0 ? TS_RED : TS_GREEN);
}

/* "1m05s", "2h03m", "42s" */
static void duration_text(struct gs_buf *b, double seconds)
{
	unsigned long s = seconds > 0 ? (unsigned long)(seconds + 0.5) : 0;

	if (s >= 3600)
		gs_buf_addf(b, "%luh%02lum", s / 3600, s % 3600 / 60);
	else if (s >= 60)
		gs_buf_addf(b, "%lum%02lus", s / 60, s % 60);
	else
		gs_buf_addf(b, "%lus", s);
}

static void head_lines(struct report *rep, const struct watch_history *h,
                       const struct watch_view *v, const struct wrow *rows, size_t n)
{
	const struct watch_sample *first = &h->s[0], *last = &h->s[h->n - 1];
	const struct watch_sample *prev = h->n > 1 ? &h->s[h->n - 2] : last;
	struct gs_buf b = XBUF_INIT;
	time_t t = (time_t)last->time;
	struct tm tm;
	char clock[16];
	size_t i, suspects = 0, leaked = 0;

	gmtime_r(&t, &tm);
	strftime(clock, sizeof clock, "%H:%M:%S", &tm);
	for (i = 0; i < n; i++) {
		suspects += rows[i].v.suspect && !rows[i].leaked;
		leaked += rows[i].leaked > 0;
	}
	report_lines(rep, REPORT_PARA);
	gs_buf_addf(&b, "%s every %s: sample %llu at %s UTC", v->source, v->every,
	            (unsigned long long)last->number, clock);
	if (h->n > 1) {
		gs_buf_adds(&b, ", ");
		duration_text(&b, last->time - first->time);
		gs_buf_adds(&b, " after the first");
	}
	if (h->taken > h->n)
		gs_buf_addf(&b, " (%zu of %llu samples kept)", h->n, (unsigned long long)h->taken);
	report_line(rep, b.data, b.len);
	gs_buf_reset(&b);
	gs_buf_addf(&b, "%llu goroutine%s in %zu group%s", (unsigned long long)last->total,
	            last->total == 1 ? "" : "s", last->n, last->n == 1 ? "" : "s");
	if (h->n > 1)
		gs_buf_addf(&b, ": %+lld since the first sample, %+lld since the last",
		            (long long)last->total - (long long)first->total,
		            (long long)last->total - (long long)prev->total);
	gs_buf_addf(&b, "; %zu leak suspect%s", suspects, suspects == 1 ? "" : "s");
	if (leaked)
		gs_buf_addf(&b, ", %zu group%s proven leaked by the runtime", leaked,
		            leaked == 1 ? "" : "s");
	if (h->untracked)
		gs_buf_addf(&b, ", %llu group%s not tracked (too many distinct groups)",
		            (unsigned long long)h->untracked, h->untracked == 1 ? "" : "s");
	gs_buf_addf(&b, "; sorted by %s", watch_sort_word(v->sort));
	report_line(rep, b.data, b.len);
	gs_buf_release(&b);
}

void watch_report(struct report *rep, const struct watch_history *h,
                  const struct watch_view *v)
{
	struct wrow *rows;
	struct table *t;
	size_t n, shown, i, k;
	enum table_style style;
	const char *s;
	size_t len;

	report_titlef(rep, "gostacks watch %s", v->source);
	if (h->n == 0)
		return;
	rows = make_rows(h, v, &n);
	head_lines(rep, h, v, rows, n);
	t = report_table(rep, 6 + h->ntitles);
	t->caption = "Groups";
	for (i = 1; i <= 4; i++)
		table_right(t, i);
	table_lit(t, "MARK");
	table_lit(t, "COUNT");
	table_lit(t, "+FIRST");
	table_lit(t, "+LAST");
	table_lit(t, "/MIN");
	table_lit(t, "WAIT");
	for (k = 0; k < h->ntitles; k++) {
		table_lit(t, h->titles[k]);
		if (strcmp(h->titles[k], "STATE") != 0)
			table_code(t, t->ncells - 1);
	}
	shown = v->max_rows && n > v->max_rows ? v->max_rows : n;
	for (i = 0; i < shown; i++) {
		const struct wrow *r = &rows[i];

		table_lit(t, mark(h, r, &style));
		table_style(t, style);
		table_cellf(t, "%lld", (long long)r->now);
		table_style(t, TS_BOLD);
		delta_cell(t, r->now - r->first);
		if (h->n > 1)
			delta_cell(t, r->now - r->prev);
		else
			table_lit(t, "");
		if (r->v.has_per_minute && r->v.growth_per_minute != 0)
			table_cellf(t, "%+.1f", r->v.growth_per_minute);
		else
			table_lit(t, r->v.has_per_minute ? "0" : "");
		if (r->has_wait)
			table_cellf(t, "%um", (unsigned)r->wait);
		else
			table_lit(t, "-");
		for (k = 0; k < h->ntitles; k++) {
			watch_history_cell(h, r->id, k, &s, &len);
			table_cellb(t, s, len);
			if (strcmp(h->titles[k], "STATE") == 0) {
				struct gs_buf state = XBUF_INIT;

				gs_buf_add(&state, s, len);
				table_style(t, table_style_of_ansi(term_state_color(state.data)));
				gs_buf_release(&state);
			}
		}
	}
	if (shown < n) {
		report_lines(rep, REPORT_PARA);
		report_linef(rep, "... %zu more group%s below (a taller terminal shows them)",
		             n - shown, n - shown == 1 ? "" : "s");
		report_under(rep);
	}
	free(rows);
}
