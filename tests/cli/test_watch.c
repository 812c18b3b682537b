/* test_watch.c - what `watch` keeps and shows (cli/reports/watch_history.c,
 * watch_report.c) on the leak series samples/gen wrote (samples/series: one site leaks 5
 * goroutines every 3 s, series.facts), how many samples a long watch keeps, and how a
 * line is cut to the terminal (cli/outputs/screen.c). The live screen is tests/watch.sh's,
 * in tmux. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "key.h"
#include "model.h"
#include "outputs/msg.h"
#include "outputs/report.h"
#include "outputs/screen.h"
#include "reports/watch_history.h"
#include "reports/watch_report.h"
#include "testutil.h"

#define SERIES "../samples/series/localhost_6060.goroutine.20261128T1614"
static const char *const points[] = { "10Z.txt", "13Z.txt", "16Z.txt", "19Z.txt", "22Z.txt" };

/* One sample of file into h, grouped by state,where, taken at time. */
static void add_file(struct watch_history *h, const char *file, double time)
{
	struct gs_model *m = tu_parse_file(file);
	struct group_opts go;
	struct gs_by_error e;
	struct grouping gr;

	memset(&go, 0, sizeof go);
	assert_int_equal(gs_by_parse("state,where", m, &go.keys, &go.label_key, &e), 0);
	go.ng = m->ngoroutines;
	assert_int_equal(gs_group(m, &go, &gr), 0);
	watch_history_add(h, m, &gr, &go, time);
	gs_grouping_free(&gr);
	gs_model_free(m);
}

static void add_point(struct watch_history *h, size_t i)
{
	char path[256];

	snprintf(path, sizeof path, "%s%s", SERIES, points[i]);
	add_file(h, path, 1764346450.0 + 3.0 * (double)i);
}

static void view_init(struct watch_view *v, const char *every)
{
	memset(v, 0, sizeof *v);
	v->source = "localhost:6060";
	v->every = every;
	v->min_rise = 5;
}

/* The report of h as v shows it: its table. */
static const struct table *table_of(struct report *rep, const struct watch_history *h,
                                    const struct watch_view *v)
{
	const struct table *t;

	report_init(rep, REPORT_TERMINAL);
	watch_report(rep, h, v);
	t = report_primary(rep);
	assert_non_null(t);
	return t;
}

/* The row of the table whose WHERE starts with func, or 0. */
static size_t row_of(const struct table *t, const char *func)
{
	size_t r, len;
	const char *s;

	for (r = 1; r < table_rows(t); r++) {
		table_get(t, r, t->ncols - 1, &s, &len);
		if (len >= strlen(func) && memcmp(s, func, strlen(func)) == 0)
			return r;
	}
	return 0;
}

static void cell_is(const struct table *t, size_t row, size_t col, const char *want)
{
	const char *s;
	size_t len;

	table_get(t, row, col, &s, &len);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(s, want, len);
}

/* The leak of the series: +20 since the first of five samples, +5 since the last, 100 a
 * minute, a suspect by trend's rule, first in growth order; the stable site is unmarked. */
static void test_leak_series(void **state)
{
	struct watch_history h;
	struct watch_view v;
	struct report rep;
	const struct table *t;
	size_t i, leak, stable;

	(void)state;
	watch_history_init(&h);
	for (i = 0; i < 5; i++)
		add_point(&h, i);
	assert_int_equal(h.n, 5);
	assert_int_equal(h.ntitles, 2);
	assert_string_equal(h.titles[0], "STATE");
	assert_string_equal(h.titles[1], "WHERE");
	view_init(&v, "3s");
	t = table_of(&rep, &h, &v);
	leak = row_of(t, "main.leakyHandler");
	stable = row_of(t, "main.pollWorker");
	assert_int_equal(leak, 1);
	assert_true(stable > 1);
	cell_is(t, leak, 0, "suspect");
	cell_is(t, leak, 1, "25");
	cell_is(t, leak, 2, "+20");
	cell_is(t, leak, 3, "+5");
	cell_is(t, leak, 4, "+100.0");
	cell_is(t, leak, 6, "chan receive");
	cell_is(t, stable, 0, "");
	cell_is(t, stable, 2, "0");
	report_free(&rep);

	/* by count: the biggest group first, whatever its growth */
	v.sort = WATCH_SORT_COUNT;
	t = table_of(&rep, &h, &v);
	cell_is(t, 1, 1, "25");
	report_free(&rep);
	/* a terminal of a few rows: the rest is counted under the table */
	v.max_rows = 2;
	t = table_of(&rep, &h, &v);
	assert_int_equal(table_rows(t), 3);
	assert_non_null(strstr(rep.text.data, "more groups below"));
	report_free(&rep);
	watch_history_free(&h);
}

/* A group whose members the runtime proved leaked (watch_history counts GS_G_LEAKED
 * members, Go 1.26's " (leaked)") is marked leaked above any other mark, even a stable
 * one, and the totals line counts it apart from the suspects. */
static void test_proven_leaked(void **state)
{
	struct watch_history h;
	struct watch_view v;
	struct report rep;
	const struct table *t;
	struct watch_sample *last;
	struct watch_group *g = NULL;
	size_t i, r;

	(void)state;
	watch_history_init(&h);
	for (i = 0; i < 5; i++)
		add_point(&h, i);
	view_init(&v, "3s");
	t = table_of(&rep, &h, &v);
	r = row_of(t, "main.pollWorker");
	assert_true(r > 0);
	cell_is(t, r, 0, "");
	assert_null(strstr(rep.text.data, "proven leaked"));
	report_free(&rep);

	/* the pollWorker group of the last sample: the one whose WHERE cell names it */
	last = &h.s[h.n - 1];
	for (i = 0; i < last->n; i++) {
		const char *s;
		size_t len;

		watch_history_cell(&h, last->g[i].id, 1, &s, &len);
		if (len > 15 && memcmp(s, "main.pollWorker", 15) == 0)
			g = &last->g[i];
	}
	assert_non_null(g);
	g->leaked = 3;
	t = table_of(&rep, &h, &v);
	cell_is(t, row_of(t, "main.pollWorker"), 0, "leaked");
	cell_is(t, row_of(t, "main.leakyHandler"), 0, "suspect");
	assert_non_null(strstr(rep.text.data, "1 leak suspect, 1 group proven leaked by the runtime"));
	report_free(&rep);
	watch_history_free(&h);
}

/* A group of the first sample that is gone from the last stays, with its fall; a group
 * only the last has is new. */
static void test_new_and_gone(void **state)
{
	struct watch_history h;
	struct watch_view v;
	struct report rep;
	const struct table *t;
	size_t r;

	(void)state;
	watch_history_init(&h);
	add_file(&h, "../samples/sigquit.txt", 100);
	add_file(&h, "../samples/goroutine.debug2.txt", 105);
	view_init(&v, "5s");
	t = table_of(&rep, &h, &v);
	r = row_of(t, "main.sendWorker");
	assert_true(r > 0);
	cell_is(t, r, 0, "new");
	cell_is(t, r, 2, "+3");
	r = row_of(t, "runtime.forcegchelper"); /* the crash's runtime goroutines */
	assert_true(r > 0);
	cell_is(t, r, 0, "gone");
	cell_is(t, r, 1, "0");
	cell_is(t, r, 2, "-1");
	cell_is(t, r, 5, "-");
	assert_true(table_rows(t) > h.s[1].n + 1);
	r = row_of(t, "main.recvWorker"); /* in both */
	cell_is(t, r, 0, "");
	cell_is(t, r, 2, "+4");
	report_free(&rep);
	watch_history_free(&h);
}

/* A week of samples keeps at most WATCH_MAX_SAMPLES: the first, the last, and the
 * shape between at a coarser step. */
static void test_bounded(void **state)
{
	struct watch_history h;
	size_t i;

	(void)state;
	watch_history_init(&h);
	for (i = 0; i < 3 * WATCH_MAX_SAMPLES + 7; i++)
		add_point(&h, i % 5);
	assert_true(h.n <= WATCH_MAX_SAMPLES);
	assert_true(h.n > WATCH_MAX_SAMPLES / 4);
	assert_true(h.taken == 3 * WATCH_MAX_SAMPLES + 7);
	assert_true(h.s[0].number == 1);
	assert_true(h.s[h.n - 1].number == h.taken);
	for (i = 1; i < h.n; i++)
		assert_true(h.s[i].number > h.s[i - 1].number);
	/* the identities are the groups', not one per sample */
	assert_true(gs_intern_count(h.ids) < 16);
	watch_history_free(&h);
}

static void test_sort_words(void **state)
{
	enum watch_sort s;

	(void)state;
	assert_int_equal(watch_sort_parse("growth", &s), 0);
	assert_int_equal(s, WATCH_SORT_GROWTH);
	assert_int_equal(watch_sort_parse("wait", &s), 0);
	assert_int_equal(s, WATCH_SORT_WAIT);
	assert_int_equal(watch_sort_parse("size", &s), -1);
	assert_string_equal(watch_sort_word(WATCH_SORT_COUNT), "count");
}

/* A line is cut to the width in display columns: colours take none, UTF-8 is one each,
 * and a cut inside a colour resets it. */
static void test_fit(void **state)
{
	struct gs_buf b = XBUF_INIT;

	(void)state;
	assert_int_equal(screen_fit(&b, "abcdef", 6, 4), 4);
	assert_string_equal(b.data, "abcd");
	gs_buf_reset(&b);
	assert_int_equal(screen_fit(&b, "\033[31mred\033[0m tail", 17, 5), 5);
	assert_string_equal(b.data, "\033[31mred\033[0m t\033[0m");
	gs_buf_reset(&b);
	assert_int_equal(screen_fit(&b, "a\xe2\x86\x92" "b", 5, 2), 2);
	assert_string_equal(b.data, "a\xe2\x86\x92");
	gs_buf_reset(&b);
	assert_int_equal(screen_fit(&b, "short", 5, 80), 5);
	assert_string_equal(b.data, "short");
	gs_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leak_series),
		cmocka_unit_test(test_proven_leaked),
		cmocka_unit_test(test_new_and_gone),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_sort_words),
		cmocka_unit_test(test_fit),
	};

	return cmocka_run_group_tests_name("watch", tests, NULL, NULL);
}
