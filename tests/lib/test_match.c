/* test_match.c - the key join of diff and trend (parser/match.c) on hand-built models:
 * rows matched across dumps by key, arguments and ids outside the key, the keys a
 * debug=1 point cannot carry dropped, and a stuck group found end to end (its youngest
 * member's wait per point, judged by trend.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "match.h"
#include "model.h"
#include "trend.h"
#include "testutil.h"

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
		if (x->rows[i].key.v[GS_KEY_WHERE] == where)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join_two_dumps),
		cmocka_unit_test(test_comparable_keys),
		cmocka_unit_test(test_stuck_model),
	};

	return cmocka_run_group_tests_name("match", tests, NULL, NULL);
}
