/* test_diff.c - diff and trend below the output: the key join (match.h) on hand-built
 * models and on real samples, the suspect and stuck rules (trend.h), fetch timestamps and
 * modification times (stamp.h), and the facts of the leak series samples/gen wrote.
 *
 * `stuck` is tested on hand-built models only: it needs ", N minutes" in real dumps, and
 * the runtime prints minutes only after a goroutine waited one, which a sample generator
 * that runs for seconds cannot produce without faking the dump. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "commands/cli.h"
#include "group.h"
#include "match.h"
#include "model.h"
#include "reports/series.h"
#include "input/stamp.h"
#include "trend.h"
#include "testutil.h"

#define SERIES_DIR "../samples/series/"

/* One dump of a source: goroutines appended with add_g belong to it until the next. */
static uint32_t begin_dump(struct gs_model *m, const char *name)
{
	uint32_t src = gs_model_source(m, name);

	m->sources[src].first_dump = m->ndumps;
	return gs_model_dump(m, src, GS_KIND_GOROUTINE, 1);
}

static void add_g(struct gs_model *m, uint32_t dump, uint64_t id, const char *state,
                  int wait, uint32_t stack)
{
	struct gs_goroutine *g = gs_model_goroutine(m);

	assert_non_null(g);
	g->id = id;
	g->state = tu_str(m, state);
	if (wait >= 0) {
		g->flags |= GS_G_WAIT;
		g->wait = (uint32_t)wait;
	}
	g->stack = stack;
	g->dump = dump;
	m->dumps[dump].ng++;
}

struct two {
	struct gs_model *m;
	uint32_t s_leak, s_stable, s_stable_other_args, s_new, s_gone;
	uint32_t f_leak, f_stable, f_new, f_gone;
	uint32_t d0, d1;
};

/* Two dumps of one program: a leak (2 -> 5), a stable site whose goroutines are all new
 * (other ids; one stack printed with other arguments, which are not part of a stack), a
 * site only in the second, one only in the first. */
static void build_two(struct two *t)
{
	struct gs_model *m = gs_model_new();
	uint32_t fr[3], park, a1, a2;
	uint64_t id;

	assert_non_null(m);
	t->m = m;
	park = tu_frame(m, "runtime.gopark", "runtime/proc.go", 398);
	t->f_leak = tu_frame(m, "main.handler", "app/h.go", 57);
	t->f_stable = tu_frame(m, "main.poller", "app/p.go", 65);
	t->f_new = tu_frame(m, "main.fresh", "app/f.go", 1);
	t->f_gone = tu_frame(m, "main.old", "app/o.go", 2);
	a1 = tu_str(m, "(0xc000010000, 0x1)");
	a2 = tu_str(m, "(0xc0000ff000, 0x7)");
	fr[0] = park;
	fr[1] = t->f_leak;
	t->s_leak = gs_model_stack(m, fr, NULL, 2, 0);
	fr[1] = t->f_stable;
	{
		uint32_t args[2] = { 0, a1 };

		t->s_stable = gs_model_stack(m, fr, args, 2, 0);
		args[1] = a2;
		t->s_stable_other_args = gs_model_stack(m, fr, args, 2, 0);
	}
	fr[1] = t->f_new;
	t->s_new = gs_model_stack(m, fr, NULL, 2, 0);
	fr[1] = t->f_gone;
	t->s_gone = gs_model_stack(m, fr, NULL, 2, 0);

	t->d0 = begin_dump(m, "a.txt");
	for (id = 1; id <= 2; id++)
		add_g(m, t->d0, id, "chan receive", -1, t->s_leak);
	for (id = 10; id < 13; id++)
		add_g(m, t->d0, id, "select", -1, t->s_stable);
	add_g(m, t->d0, 20, "sleep", -1, t->s_gone);

	t->d1 = begin_dump(m, "b.txt");
	for (id = 100; id < 105; id++)
		add_g(m, t->d1, id, "chan receive", -1, t->s_leak);
	for (id = 200; id < 203; id++)
		add_g(m, t->d1, id, "select", -1, t->s_stable_other_args);
	add_g(m, t->d1, 300, "running", -1, t->s_new);
}

static size_t row_of(const struct gs_match *x, const struct gs_model *m, uint32_t where)
{
	size_t i;

	for (i = 0; i < x->nrows; i++)
		if (x->rows[i].key.where == where)
			return i;
	(void)m;
	return SIZE_MAX;
}

static void join(struct gs_model *m, const uint32_t *dumps, size_t n, unsigned keys,
                 struct gs_match *x)
{
	struct group_opts go;
	struct grouping gr;
	size_t i;

	memset(&go, 0, sizeof go);
	go.keys = keys;
	assert_int_equal(gs_match_init(x, n, 0), 0);
	for (i = 0; i < n; i++) {
		go.first_g = m->dumps[dumps[i]].first_g;
		go.ng = m->dumps[dumps[i]].ng;
		assert_int_equal(gs_group(m, &go, &gr), 0);
		assert_int_equal(gs_match_add_groups(x, i, m, &gr), 0);
		gs_grouping_free(&gr);
	}
}

static void test_join_two_dumps(void **state)
{
	struct two t;
	struct gs_match x;
	uint32_t dumps[2];
	size_t r;

	(void)state;
	build_two(&t);
	/* arguments are not part of a frame: both stable stacks are one stack */
	assert_int_equal(t.s_stable, t.s_stable_other_args);
	dumps[0] = t.d0;
	dumps[1] = t.d1;
	join(t.m, dumps, 2, GK_WHERE, &x);
	assert_int_equal(x.nrows, 4);

	r = row_of(&x, t.m, t.f_leak);
	assert_int_not_equal(r, SIZE_MAX);
	assert_int_equal(gs_match_count(&x, r, 0), 2);
	assert_int_equal(gs_match_count(&x, r, 1), 5);

	r = row_of(&x, t.m, t.f_stable);
	assert_int_equal(gs_match_count(&x, r, 0), 3);
	assert_int_equal(gs_match_count(&x, r, 1), 3);

	r = row_of(&x, t.m, t.f_new);
	assert_false(x.seen[r * 2 + 0]);
	assert_true(x.seen[r * 2 + 1]);
	assert_int_equal(gs_match_count(&x, r, 1), 1);
	assert_int_equal(x.rows[r].first_point, 1);

	r = row_of(&x, t.m, t.f_gone);
	assert_int_equal(gs_match_count(&x, r, 0), 1);
	assert_int_equal(gs_match_count(&x, r, 1), 0);
	gs_match_free(&x);

	/* with state in the key, the same: states did not change for the matched sites */
	join(t.m, dumps, 2, GK_STATE | GK_WHERE, &x);
	assert_int_equal(x.nrows, 4);
	gs_match_free(&x);
	gs_model_free(t.m);
}

static void test_comparable_keys(void **state)
{
	unsigned out, drop;

	(void)state;
	drop = gs_match_comparable_keys(GK_STATE | GK_WHERE, 1, 0, &out);
	assert_int_equal(drop, GK_STATE);
	assert_int_equal(out, GK_WHERE);
	drop = gs_match_comparable_keys(GK_STATE | GK_WAIT | GK_STACK | GK_CREATOR, 1, 0, &out);
	assert_int_equal(drop, GK_STATE | GK_WAIT | GK_CREATOR);
	assert_int_equal(out, GK_STACK);
	drop = gs_match_comparable_keys(GK_STATE | GK_WHERE, 0, 0, &out);
	assert_int_equal(drop, 0);
	drop = gs_match_comparable_keys(GK_LABELS | GK_WHERE, 1, 1, &out);
	assert_int_equal(drop, GK_LABELS);
}

static void judge(const int64_t *x, size_t n, int64_t min_rise, struct trend_verdict *v)
{
	unsigned char known[16];

	memset(known, 1, sizeof known);
	gs_trend_judge(x, known, n, min_rise, NULL, NULL, NULL, v);
}

static void test_suspect_rule(void **state)
{
	static const int64_t monotone[] = { 5, 10, 15, 20, 25 };
	static const int64_t small_dip[] = { 12, 18, 17, 25, 31 };
	static const int64_t two_dips[] = { 10, 12, 11, 14, 13, 20 };
	static const int64_t deep_dip[] = { 10, 30, 12, 31 };
	static const int64_t flat[] = { 8, 8, 8, 8 };
	static const int64_t small[] = { 1, 2, 3, 4 };
	static const int64_t falling[] = { 9, 7, 5 };
	struct trend_verdict v;

	(void)state;
	judge(monotone, 5, 5, &v);
	assert_true(v.suspect);
	assert_int_equal(v.rise, 20);
	assert_true(fabs(v.growth - 5.0) < 1e-9);
	assert_false(v.has_per_minute);

	judge(small_dip, 5, 5, &v);
	assert_true(v.suspect);
	assert_int_equal(v.dips, 1);

	judge(two_dips, 6, 5, &v);  /* each dip small, but two of them */
	assert_false(v.suspect);
	assert_int_equal(v.dips, 2);

	judge(deep_dip, 4, 5, &v);  /* a dip of 18 for a rise of 21 */
	assert_false(v.suspect);

	judge(flat, 4, 5, &v);
	assert_false(v.suspect);
	assert_int_equal(v.rise, 0);

	judge(small, 4, 5, &v);     /* rises, but by 3 < --min-rise 5 */
	assert_false(v.suspect);
	judge(small, 4, 3, &v);
	assert_true(v.suspect);
	assert_true(fabs(v.growth - 1.0) < 1e-9);

	judge(falling, 3, 0, &v);
	assert_false(v.suspect);
	assert_int_equal(v.rise, -4);
}

static void test_suspect_holes_and_times(void **state)
{
	static const int64_t x[] = { 5, 0, 15, 20, 25 };
	static const unsigned char known[] = { 1, 0, 1, 1, 1 };
	static const double t[] = { 0, 0, 6, 9, 12 };
	static const unsigned char tk[] = { 1, 0, 1, 1, 1 };
	struct trend_verdict v;

	(void)state;
	/* the hole is skipped (its 0 is no dip) but stays a step: 20 over 4 steps */
	gs_trend_judge(x, known, 5, 5, t, tk, NULL, &v);
	assert_true(v.suspect);
	assert_int_equal(v.known, 4);
	assert_int_equal(v.dips, 0);
	assert_true(fabs(v.growth - 5.0) < 1e-9);
	assert_true(v.has_per_minute);
	assert_true(fabs(v.growth_per_minute - 100.0) < 1e-9); /* 20 in 12 s */

	/* one known point: no verdict */
	{
		static const unsigned char one[] = { 0, 0, 1, 0, 0 };

		gs_trend_judge(x, one, 5, 0, NULL, NULL, NULL, &v);
		assert_false(v.suspect);
		assert_int_equal(v.known, 1);
	}
}

static void test_stuck_rule(void **state)
{
	static const int64_t four[] = { 4, 4, 4 };
	static const uint32_t aging[] = { 10, 11, 13 };
	static const uint32_t back[] = { 10, 9, 13 };
	static const uint32_t young[] = { 0, 0, 0 };
	static const int64_t changing[] = { 4, 5, 4 };
	static const unsigned char known[] = { 1, 1, 1 };
	struct trend_verdict v;

	(void)state;
	gs_trend_judge(four, known, 3, 5, NULL, NULL, aging, &v);
	assert_true(v.stuck);
	assert_false(v.suspect);
	gs_trend_judge(four, known, 3, 5, NULL, NULL, back, &v);
	assert_false(v.stuck);
	gs_trend_judge(four, known, 3, 5, NULL, NULL, young, &v);
	assert_false(v.stuck);
	gs_trend_judge(changing, known, 3, 5, NULL, NULL, aging, &v);
	assert_false(v.stuck);
}

/* stuck end to end on a hand-built model: three dumps of the same four goroutines, their
 * printed waits 10, 11, 13 minutes; beside them a group whose youngest member is new. */
static void test_stuck_model(void **state)
{
	struct gs_model *m = gs_model_new();
	struct gs_match x;
	uint32_t fr[2], f_stuck, f_churn, st_stuck, st_churn, dumps[3];
	static const int waits[] = { 10, 11, 13 };
	unsigned char known[3] = { 1, 1, 1 };
	int64_t q[3];
	uint32_t young[3];
	struct trend_verdict v;
	size_t r, p;
	uint64_t id;

	(void)state;
	assert_non_null(m);
	fr[0] = tu_frame(m, "runtime.gopark", "runtime/proc.go", 398);
	fr[1] = f_stuck = tu_frame(m, "main.waitForever", "app/w.go", 12);
	st_stuck = gs_model_stack(m, fr, NULL, 2, 0);
	fr[1] = f_churn = tu_frame(m, "main.worker", "app/k.go", 40);
	st_churn = gs_model_stack(m, fr, NULL, 2, 0);
	for (p = 0; p < 3; p++) {
		char name[16];

		snprintf(name, sizeof name, "d%zu.txt", p);
		dumps[p] = begin_dump(m, name);
		for (id = 1; id <= 4; id++)
			add_g(m, dumps[p], id, "chan receive", waits[p] + (int)id, st_stuck);
		add_g(m, dumps[p], 50, "select", 30, st_churn);
		add_g(m, dumps[p], 60 + p, "select", -1, st_churn); /* under a minute old */
	}
	join(m, dumps, 3, GK_STATE | GK_WHERE, &x);

	r = row_of(&x, m, f_stuck);
	for (p = 0; p < 3; p++) {
		q[p] = (int64_t)gs_match_count(&x, r, p);
		young[p] = x.wait_young[r * 3 + p];
	}
	assert_int_equal(young[0], 11);
	assert_int_equal(young[2], 14);
	gs_trend_judge(q, known, 3, 5, NULL, NULL, young, &v);
	assert_true(v.stuck);

	r = row_of(&x, m, f_churn);
	for (p = 0; p < 3; p++) {
		q[p] = (int64_t)gs_match_count(&x, r, p);
		young[p] = x.wait_young[r * 3 + p];
	}
	assert_int_equal(young[1], 0);
	gs_trend_judge(q, known, 3, 5, NULL, NULL, young, &v);
	assert_false(v.stuck);
	gs_match_free(&x);
	gs_model_free(m);
}

static void test_stamp_name(void **state)
{
	int64_t t = 0;

	(void)state;
	assert_int_equal(stamp_from_name("10.0.0.1_6060.goroutine.20240501T100000Z.txt", &t), 0);
	assert_int_equal(t, 1714557600);
	assert_int_equal(stamp_from_name("dir/h_1.heap.20240501T100130Z.txt.gz", &t), 0);
	assert_int_equal(t, 1714557690);
	assert_int_equal(stamp_from_name("x.20240501T100000Z", &t), 0);
	assert_int_equal(stamp_from_name("20240501T100000Z.txt", &t), 0);
	/* not a date, not a field of its own, a stamp in a directory name */
	assert_int_equal(stamp_from_name("x.20241301T100000Z.txt", &t), -1);
	assert_int_equal(stamp_from_name("x.20240230T100000Z.txt", &t), -1);
	assert_int_equal(stamp_from_name("x.a20240501T100000Z.txt", &t), -1);
	assert_int_equal(stamp_from_name("x.20240501T100000Zb.txt", &t), -1);
	assert_int_equal(stamp_from_name("a.20240501T100000Z.d/dump.txt", &t), -1);
	assert_int_equal(stamp_from_name("goroutine.txt", &t), -1);
}

static void test_stamp_mtime(void **state)
{
	char path[] = "/tmp/gostacks-stamp-XXXXXX";
	struct timeval tv[2];
	int64_t t = 0;
	char when[32];
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	tv[0].tv_sec = tv[1].tv_sec = 1714557600 + 42;
	tv[0].tv_usec = tv[1].tv_usec = 0;
	assert_int_equal(utimes(path, tv), 0);
	assert_int_equal(stamp_of(path, &t), STAMP_MTIME);
	assert_int_equal(t, 1714557642);
	stamp_format(t, when, sizeof when);
	assert_string_equal(when, "2024-05-01T10:00:42Z");
	assert_string_equal(stamp_source_name(STAMP_MTIME), "mtime");
	unlink(path);
	assert_int_equal(stamp_of("-", &t), STAMP_NONE);
	assert_int_equal(stamp_of("/nonexistent/x.20240501T100000Z.txt", &t), STAMP_NAME);
}

static const struct cli test_cli = { COLOR_NEVER, 0, "diff", "usage: test\n" };
/* How the series read their SOURCEs: the defaults (main sets them) */
static struct source_opts test_src;

/* The row whose key's where frame is in function func. */
static size_t row_by_func(const struct series *s, const char *func)
{
	size_t i;

	for (i = 0; i < s->x.nrows; i++) {
		uint32_t w = s->x.rows[i].key.where;

		if (w && strcmp(gs_str(s->m, s->m->frames[w].func), func) == 0)
			return i;
	}
	return SIZE_MAX;
}

/* debug=1 and debug=2 of one moment: every parked site matches with the same count; only
 * the goroutine taking the dumps differs (it ran other pprof code for each), and stepping
 * over runtime/pprof frames makes that one match too. */
static void test_debug1_debug2_same_moment(void **state)
{
	const char *skips[2] = { NULL, "^runtime/pprof\\." };
	struct series_opts o;
	struct series s;
	size_t i, nonzero;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		memset(&o, 0, sizeof o);
		o.src = &test_src;
		o.skip = skips[k];
		assert_int_equal(series_init(&s, &o, &test_cli), 0);
		assert_int_equal(series_add_source(&s, "../samples/goroutine.debug1.txt", PICK_FIRST), 0);
		assert_int_equal(series_add_source(&s, "../samples/goroutine.debug2.txt", PICK_LAST), 0);
		assert_int_equal(series_prepare(&s, &o, &test_cli, "diff"), 0);
		assert_int_equal(s.keys_dropped, GK_STATE);
		series_match(&s, 0, &s.x);
		nonzero = 0;
		for (i = 0; i < s.x.nrows; i++)
			if (series_quantity(&s, &s.x, i, 0) != series_quantity(&s, &s.x, i, 1))
				nonzero++;
		assert_int_equal(nonzero, k == 0 ? 2 : 0);
		assert_true(s.x.nrows >= 20);
		series_free(&s);
	}
}

struct facts {
	int leak_per_step, stable_count, aging_count, interval;
	double leak_per_minute;
	long heap_bytes_per_step;
	char goroutine_files[16][320];
	char heap_files[16][320];
	int ngoroutine, nheap;
};

static void read_facts(struct facts *f)
{
	FILE *fp = fopen(SERIES_DIR "series.facts", "r");
	char line[512], word[64], val[256];

	assert_non_null(fp);
	memset(f, 0, sizeof *f);
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#' || sscanf(line, "%63s %255s", word, val) != 2)
			continue;
		if (strcmp(word, "leak_per_step") == 0)
			f->leak_per_step = (int)strtol(val, NULL, 10);
		else if (strcmp(word, "leak_per_minute") == 0)
			f->leak_per_minute = strtod(val, NULL);
		else if (strcmp(word, "stable_count") == 0)
			f->stable_count = (int)strtol(val, NULL, 10);
		else if (strcmp(word, "aging_count") == 0)
			f->aging_count = (int)strtol(val, NULL, 10);
		else if (strcmp(word, "interval_seconds") == 0)
			f->interval = (int)strtol(val, NULL, 10);
		else if (strcmp(word, "heap_bytes_per_step") == 0)
			f->heap_bytes_per_step = strtol(val, NULL, 10);
		else if (strcmp(word, "file") == 0 && strstr(val, ".goroutine.") && f->ngoroutine < 16)
			snprintf(f->goroutine_files[f->ngoroutine++], 320, "%s%s", SERIES_DIR, val);
		else if (strcmp(word, "file") == 0 && strstr(val, ".heap.") && f->nheap < 16)
			snprintf(f->heap_files[f->nheap++], 320, "%s%s", SERIES_DIR, val);
	}
	fclose(fp);
	assert_true(f->ngoroutine >= 3);
	assert_true(f->leak_per_step > 0);
}

/* The series of the generator: the leaking site is the only suspect, its growth per dump
 * and per minute (from the file-name times) are the generator's; the stable site keeps
 * its count although its goroutines were replaced at every step. */
static void verdicts(struct series *s, int64_t min_rise, size_t row, struct trend_verdict *v)
{
	int64_t q[16];
	double t[16];
	unsigned char known[16], tk[16];
	size_t p;

	for (p = 0; p < s->npts; p++) {
		q[p] = series_quantity(s, &s->x, row, p);
		known[p] = (unsigned char)s->pts[p].ok;
		tk[p] = s->pts[p].time_source == STAMP_NAME;
		t[p] = (double)s->pts[p].time;
	}
	gs_trend_judge(q, known, s->npts, min_rise, t, tk, NULL, v);
}

static void test_series_facts(void **state)
{
	struct facts f;
	struct series_opts o;
	struct series s;
	struct trend_verdict v;
	size_t i, leak, stable, suspects = 0;
	int k;

	(void)state;
	read_facts(&f);
	memset(&o, 0, sizeof o);
	o.src = &test_src;
	assert_int_equal(series_init(&s, &o, &test_cli), 0);
	for (k = 0; k < f.ngoroutine; k++)
		assert_int_equal(series_add_source(&s, f.goroutine_files[k], PICK_ALL), 0);
	assert_int_equal(series_prepare(&s, &o, &test_cli, "trend"), 0);
	series_match(&s, 0, &s.x);
	for (i = 0; i < s.x.nrows; i++) {
		verdicts(&s, 5, i, &v);
		suspects += (size_t)v.suspect;
	}
	assert_int_equal(suspects, 1);
	leak = row_by_func(&s, "main.leakyHandler");
	assert_int_not_equal(leak, SIZE_MAX);
	verdicts(&s, 5, leak, &v);
	assert_true(v.suspect);
	assert_true(fabs(v.growth - f.leak_per_step) < 1e-9);
	assert_true(v.has_per_minute);
	assert_true(fabs(v.growth_per_minute - f.leak_per_minute) < 1e-9);
	assert_int_equal(s.pts[1].time - s.pts[0].time, f.interval);

	stable = row_by_func(&s, "main.pollWorker");
	for (k = 0; k < f.ngoroutine; k++)
		assert_int_equal(series_quantity(&s, &s.x, stable, (size_t)k), f.stable_count);
	stable = row_by_func(&s, "main.agingWorker");
	assert_int_equal(series_quantity(&s, &s.x, stable, 0), f.aging_count);
	series_free(&s);

	/* heap: retainBlocks is the only site rising by a MiB or more, by exactly its bytes */
	assert_true(f.nheap >= 2);
	assert_int_equal(series_init(&s, &o, &test_cli), 0);
	for (k = 0; k < f.nheap; k++)
		assert_int_equal(series_add_source(&s, f.heap_files[k], PICK_ALL), 0);
	assert_int_equal(series_prepare(&s, &o, &test_cli, "trend"), 0);
	assert_true(s.samples);
	assert_string_equal(series_quantity_name(&s), "inuse_space");
	series_match(&s, 0, &s.x);
	suspects = 0;
	for (i = 0; i < s.x.nrows; i++) {
		verdicts(&s, 1 << 20, i, &v);
		suspects += (size_t)v.suspect;
	}
	assert_int_equal(suspects, 1);
	leak = row_by_func(&s, "main.retainBlocks");
	verdicts(&s, 1 << 20, leak, &v);
	assert_true(v.suspect);
	assert_true(fabs(v.growth - (double)f.heap_bytes_per_step) < 1e-9);
	series_free(&s);
}

/* diff of dumps of different kinds is a usage error that names both */
static void test_kind_mismatch(void **state)
{
	struct facts f;
	struct series_opts o;
	struct series s;

	(void)state;
	read_facts(&f);
	memset(&o, 0, sizeof o);
	o.src = &test_src;
	assert_int_equal(series_init(&s, &o, &test_cli), 0);
	assert_int_equal(series_add_source(&s, f.heap_files[0], PICK_FIRST), 0);
	assert_int_equal(series_add_source(&s, f.goroutine_files[0], PICK_LAST), 0);
	assert_int_equal(series_prepare(&s, &o, &test_cli, "diff"), 2);
	series_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join_two_dumps),
		cmocka_unit_test(test_comparable_keys),
		cmocka_unit_test(test_suspect_rule),
		cmocka_unit_test(test_suspect_holes_and_times),
		cmocka_unit_test(test_stuck_rule),
		cmocka_unit_test(test_stuck_model),
		cmocka_unit_test(test_stamp_name),
		cmocka_unit_test(test_stamp_mtime),
		cmocka_unit_test(test_debug1_debug2_same_moment),
		cmocka_unit_test(test_series_facts),
		cmocka_unit_test(test_kind_mismatch),
	};
	int rc;

	source_opts_init(&test_src);
	rc = cmocka_run_group_tests_name("diff", tests, NULL, NULL);
	source_opts_free(&test_src);
	return rc;
}
