/* test_group.c - grouping on a small hand-built model: groups, counts, members, order,
 * wait ranges, filtering, label keys, custom where functions and the --by parser. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "group.h"
#include "model.h"
#include "testutil.h"

struct fixture {
	struct gs_model *m;
	uint32_t f_park, f_chan, f_a, f_b, f_lock, f_main;
	uint32_t s1, s2, s3, s4;
};

static struct gs_goroutine *add_g(struct fixture *f, uint64_t id, const char *state,
                                  int wait, uint32_t stack)
{
	struct gs_goroutine *g = gs_model_goroutine(f->m);

	assert_non_null(g);
	g->id = id;
	g->state = tu_str(f->m, state);
	if (wait >= 0) {
		g->flags |= GS_G_WAIT;
		g->wait = (uint32_t)wait;
	}
	g->stack = stack;
	g->creator = f->f_main;
	return g;
}

/* g1 chan receive 3m  S1   g2 chan receive 10m S2 (same canonical stack as S1)
 * g3 chan receive     S1   g4 select           S3
 * g5 sync.Mutex.Lock 300m S4                    g6 chan receive 4m  S1 */
static int setup(void **state)
{
	static struct fixture f;
	uint32_t fr[3];
	int bad = 0;
	const char *lab = "{\"tenant\":\"x\"}";
	struct gs_goroutine *g;

	memset(&f, 0, sizeof f);
	f.m = gs_model_new();
	if (f.m == NULL)
		return -1;
	f.f_park = tu_frame(f.m, "runtime.gopark", "runtime/proc.go", 398);
	f.f_chan = tu_frame(f.m, "runtime.chanrecv1", "runtime/chan.go", 442);
	f.f_a = tu_frame(f.m, "main.a", "example.com/x/main.go", 10);
	f.f_b = tu_frame(f.m, "main.b", "example.com/x/main.go", 20);
	f.f_lock = tu_frame(f.m, "sync.(*Mutex).Lock", "sync/mutex.go", 90);
	f.f_main = tu_frame(f.m, "main.main", "example.com/x/main.go", 5);
	fr[0] = f.f_park; fr[1] = f.f_chan; fr[2] = f.f_a;
	f.s1 = gs_model_stack(f.m, fr, NULL, 3, 0);
	fr[0] = f.f_park; fr[1] = f.f_a;
	f.s2 = gs_model_stack(f.m, fr, NULL, 2, 0);
	fr[0] = f.f_park; fr[1] = f.f_b;
	f.s3 = gs_model_stack(f.m, fr, NULL, 2, 0);
	fr[0] = f.f_lock; fr[1] = f.f_b;
	f.s4 = gs_model_stack(f.m, fr, NULL, 2, 0);

	g = add_g(&f, 1, "chan receive", 3, f.s1);
	g->labels = gs_labels_intern(f.m, lab, strlen(lab), &bad);
	g = add_g(&f, 2, "chan receive", 10, f.s2);
	g->labels = gs_labels_intern(f.m, lab, strlen(lab), &bad);
	add_g(&f, 3, "chan receive", -1, f.s1);
	add_g(&f, 4, "select", -1, f.s3);
	add_g(&f, 5, "sync.Mutex.Lock", 300, f.s4);
	add_g(&f, 6, "chan receive", 4, f.s1);
	*state = &f;
	return bad ? -1 : 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	gs_model_free(f->m);
	return 0;
}

static void group_by(struct fixture *f, const char *spec, struct grouping *gr,
                     const unsigned char *keep)
{
	struct group_opts o;
	struct gs_by_error err;

	memset(&o, 0, sizeof o);
	assert_int_equal(gs_by_parse(spec, f->m, &o.keys, &o.label_key, &err), 0);
	o.first_g = 0;
	o.ng = f->m->ngoroutines;
	o.keep = keep;
	assert_int_equal(gs_group(f->m, &o, gr), 0);
}

static const char *state_of(struct fixture *f, const struct group *g)
{
	return gs_str(f->m, g->key.v[GS_KEY_STATE]);
}

static void test_canonical_stacks_match(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(f->m->stacks[f->s1].canon, f->m->stacks[f->s2].canon);
	assert_int_equal(gs_stack_where(f->m, f->s1), f->f_a);
}

static void test_state_where(void **state)
{
	struct fixture *f = *state;
	struct grouping gr;
	const struct group *g;

	group_by(f, "state,where", &gr, NULL);
	assert_int_equal(gr.ngroups, 3);
	assert_int_equal(gr.total, 6);
	assert_int_equal(gr.nmember, 6);
	g = &gr.groups[0];
	assert_string_equal(state_of(f, g), "chan receive");
	assert_int_equal(g->count, 4);
	assert_int_equal(g->key.v[GS_KEY_WHERE], f->f_a);
	assert_int_equal(g->nwait, 3);
	assert_int_equal(g->wait_min, 3);
	assert_int_equal(g->wait_max, 10);
	assert_int_equal(g->rep, 0);
	/* members in input order */
	assert_int_equal(gr.member[g->members + 0], 0);
	assert_int_equal(gr.member[g->members + 1], 1);
	assert_int_equal(gr.member[g->members + 2], 2);
	assert_int_equal(gr.member[g->members + 3], 5);
	/* ties on count: by state text */
	assert_string_equal(state_of(f, &gr.groups[1]), "select");
	assert_int_equal(gr.groups[1].nwait, 0);
	assert_int_equal(gr.groups[1].wait_min, 0);
	assert_string_equal(state_of(f, &gr.groups[2]), "sync.Mutex.Lock");
	assert_int_equal(gr.groups[2].key.v[GS_KEY_WHERE], f->f_lock);
	assert_int_equal(gr.member[gr.groups[2].members], 4);
	gs_grouping_free(&gr);
}

static void test_wait_buckets_order(void **state)
{
	struct fixture *f = *state;
	struct grouping gr;

	group_by(f, "state,wait", &gr, NULL);
	assert_int_equal(gr.ngroups, 5);
	assert_int_equal(gr.groups[0].count, 2); /* g1, g6: 1-5m */
	assert_int_equal(gr.groups[0].key.v[GS_KEY_WAIT], WB_1_5);
	assert_int_equal(gr.groups[0].wait_min, 3);
	assert_int_equal(gr.groups[0].wait_max, 4);
	/* then count 1 groups: chan receive longest wait first, then select, sync */
	assert_int_equal(gr.groups[1].key.v[GS_KEY_WAIT], WB_5_15);
	assert_int_equal(gr.groups[2].key.v[GS_KEY_WAIT], WB_LT1);
	assert_string_equal(state_of(f, &gr.groups[3]), "select");
	assert_int_equal(gr.groups[4].key.v[GS_KEY_WAIT], WB_GT4H);
	gs_grouping_free(&gr);

	group_by(f, "wait=exact", &gr, NULL);
	assert_int_equal(gr.ngroups, 5); /* 3, 10, none (g3, g4), 300, 4 */
	assert_int_equal(gr.groups[0].count, 2);
	assert_int_equal(gr.groups[0].key.v[GS_KEY_WAIT_EXACT], 0);
	gs_grouping_free(&gr);
}

static void test_filter(void **state)
{
	struct fixture *f = *state;
	struct grouping gr;
	unsigned char keep[6] = { 1, 1, 1, 1, 1, 0 };

	group_by(f, "state,where", &gr, keep);
	assert_int_equal(gr.total, 5);
	assert_int_equal(gr.filtered, 1);
	assert_int_equal(gr.groups[0].count, 3);
	assert_int_equal(gr.groups[0].wait_max, 10);
	assert_int_equal(gr.nmember, 5);
	gs_grouping_free(&gr);
}

static void test_stack_func_creator_labels(void **state)
{
	struct fixture *f = *state;
	struct grouping gr;

	group_by(f, "stack", &gr, NULL);
	assert_int_equal(gr.ngroups, 3); /* S1 and S2 share a canonical stack */
	assert_int_equal(gr.groups[0].count, 4);
	gs_grouping_free(&gr);

	group_by(f, "creator", &gr, NULL);
	assert_int_equal(gr.ngroups, 1);
	assert_int_equal(gr.groups[0].key.v[GS_KEY_CREATOR], f->f_main);
	gs_grouping_free(&gr);

	group_by(f, "label:tenant", &gr, NULL);
	assert_int_equal(gr.ngroups, 2);
	assert_int_equal(gr.groups[0].count, 4);
	assert_int_equal(gr.groups[0].key.v[GS_KEY_LABEL], 0);
	assert_int_equal(gr.groups[1].count, 2);
	assert_string_equal(gs_str(f->m, gr.groups[1].key.v[GS_KEY_LABEL]), "x");
	gs_grouping_free(&gr);

	group_by(f, "labels", &gr, NULL);
	assert_int_equal(gr.ngroups, 2);
	gs_grouping_free(&gr);
}

/* a where function that also steps over package sync */
static uint32_t skip_sync(void *ctx, const struct gs_model *m, uint32_t stack)
{
	uint32_t canon = m->stacks[stack].canon, i;
	const uint32_t *fr = gs_stack_frames(m, canon);

	(void)ctx;
	for (i = 0; i < m->stacks[canon].len; i++)
		if (strncmp(gs_str(m, m->frames[fr[i]].func), "sync.", 5) != 0)
			return fr[i];
	return gs_stack_where(m, stack);
}

static void test_where_fn(void **state)
{
	struct fixture *f = *state;
	struct group_opts o;
	struct grouping gr;
	struct gs_by_error err;

	memset(&o, 0, sizeof o);
	assert_int_equal(gs_by_parse("func", f->m, &o.keys, &o.label_key, &err), 0);
	o.ng = f->m->ngoroutines;
	o.where = skip_sync;
	assert_int_equal(gs_group(f->m, &o, &gr), 0);
	assert_int_equal(gr.ngroups, 2);
	assert_string_equal(gs_str(f->m, gr.groups[0].key.v[GS_KEY_FUNC]), "main.a");
	assert_int_equal(gr.groups[1].count, 2); /* select in main.b and Lock under main.b */
	assert_string_equal(gs_str(f->m, gr.groups[1].key.v[GS_KEY_FUNC]), "main.b");
	gs_grouping_free(&gr);
}

static void test_buckets(void **state)
{
	struct gs_goroutine g;
	static const struct { int wait; enum gs_wait_bucket b; } cases[] = {
		{ -1, WB_LT1 }, { 0, WB_LT1 }, { 1, WB_1_5 }, { 4, WB_1_5 }, { 5, WB_5_15 },
		{ 14, WB_5_15 }, { 15, WB_15_60 }, { 59, WB_15_60 }, { 60, WB_1_4H },
		{ 239, WB_1_4H }, { 240, WB_GT4H }, { 100000, WB_GT4H },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&g, 0, sizeof g);
		if (cases[i].wait >= 0) {
			g.flags = GS_G_WAIT;
			g.wait = (uint32_t)cases[i].wait;
		}
		assert_int_equal(gs_wait_bucket(&g), cases[i].b);
	}
	memset(&g, 0, sizeof g);
	g.flags = GS_G_NOSTATE;
	assert_int_equal(gs_wait_bucket(&g), WB_NONE);
	assert_string_equal(gs_wait_bucket_name(WB_1_4H), "1-4h");
	assert_string_equal(gs_wait_bucket_name(WB_LT1), "<1m");
}

static void test_empty_range(void **state)
{
	struct fixture *f = *state;
	struct group_opts o;
	struct grouping gr;

	memset(&o, 0, sizeof o);
	o.keys = GK_STATE;
	assert_int_equal(gs_group(f->m, &o, &gr), 0);
	assert_int_equal(gr.ngroups, 0);
	assert_int_equal(gr.total, 0);
	gs_grouping_free(&gr);
}

/* More groups than grouping notes in two bytes a goroutine: the members of the groups past
 * them are found again by their keys, and every member lands in its own group in order. */
static void test_many_groups(void **state)
{
	struct group_opts o;
	struct grouping gr;
	struct gs_model *m = gs_model_new();
	uint32_t fr = tu_frame(m, "main.a", "example.com/x/main.go", 10), st;
	const uint32_t ng = 70000;
	uint32_t i, k;

	(void)state;
	st = gs_model_stack(m, &fr, NULL, 1, 0);
	for (i = 0; i < 2 * ng; i++) {
		struct gs_goroutine *g = gs_model_goroutine(m);

		assert_non_null(g);
		g->id = i + 1;
		g->count = 1;
		g->flags = GS_G_WAIT;
		g->wait = i % ng; /* goroutines i and i + ng share a group */
		g->stack = st;
	}
	memset(&o, 0, sizeof o);
	o.keys = GK_WAIT_EXACT;
	o.ng = 2 * ng;
	assert_int_equal(gs_group(m, &o, &gr), 0);
	assert_int_equal(gr.ngroups, ng);
	assert_int_equal(gr.nmember, 2 * ng);
	for (k = 0; k < gr.ngroups; k++) {
		const struct group *g = &gr.groups[k];
		uint32_t a = gr.member[g->members], b = gr.member[g->members + 1];

		assert_int_equal(g->records, 2);
		assert_int_equal(a + ng, b);
		assert_int_equal(m->goroutines[a].wait, g->wait_min);
	}
	gs_grouping_free(&gr);
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_stacks_match),
		cmocka_unit_test(test_state_where),
		cmocka_unit_test(test_wait_buckets_order),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_stack_func_creator_labels),
		cmocka_unit_test(test_where_fn),
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_many_groups),
		cmocka_unit_test(test_empty_range),
	};

	return cmocka_run_group_tests_name("group", tests, setup, teardown);
}
