/* test_sites.c - records grouped into sites with their values (parser/sites.c): cum counts
 * a record once per site however often its stack passes there, a partial sort agrees with
 * the whole one, and sites with nothing in a column are dropped as pprof drops them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sites.h"
#include "testutil.h"

/* ---- cum ---- */

/* main.f calls itself: a function's cum counts each record once. */
static const char recursive[] =
	"--- contention:\n"
	"cycles/second=1000000000\n"
	"300 3 @ 0x1 0x2 0x3 0x4\n"
	"#\t0x1\tsync.(*Mutex).Lock+0x1\t/s/mutex.go:90\n"
	"#\t0x2\tmain.f+0x1\t/a/main.go:10\n"
	"#\t0x3\tmain.f+0x2\t/a/main.go:12\n"
	"#\t0x4\tmain.main+0x1\t/a/main.go:20\n"
	"\n"
	"100 1 @ 0x5 0x4\n"
	"#\t0x5\tmain.g+0x1\t/a/main.go:30\n"
	"#\t0x4\tmain.main+0x1\t/a/main.go:20\n"
	"\n";

static const struct gs_site *find_func(const struct gs_model *m, const struct gs_sites *s,
                                       const char *func)
{
	size_t i;

	for (i = 0; i < s->nsites; i++)
		if (s->sites[i].key.v[GS_KEY_FUNC] && strcmp(gs_str(m, s->sites[i].key.v[GS_KEY_FUNC]), func) == 0)
			return &s->sites[i];
	return NULL;
}

static void test_cum_once_per_record(void **state)
{
	struct gs_model *m = tu_parse_text("rec.txt", recursive, sizeof recursive - 1);
	struct gs_sites_opts o;
	struct gs_sites s;
	const struct gs_site *st;

	(void)state;
	memset(&o, 0, sizeof o);
	o.kinds = GS_KIND_BIT(GS_KIND_BLOCK);
	o.keys = GK_FUNC;
	o.cum = 1;
	assert_int_equal(gs_sites_build(m, &o, &s), 0);
	gs_sites_sort(m, &s, 0, 1);
	assert_int_equal(s.total[0], 400);
	assert_int_equal(s.total_scaled[0], 400); /* 1 cycle = 1 ns at 1e9 cycles/second */
	assert_int_equal(s.sites[0].flat[0], 300);
	assert_string_equal(gs_str(m, s.sites[0].key.v[GS_KEY_FUNC]), "sync.(*Mutex).Lock");
	st = find_func(m, &s, "main.f");
	assert_non_null(st);
	assert_int_equal(st->flat[0], 0);
	assert_int_equal(st->cum[0], 300); /* not 600: two frames, one record */
	assert_int_equal(st->cum[1], 3);
	assert_int_equal(st->records, 0);
	st = find_func(m, &s, "main.main");
	assert_non_null(st);
	assert_int_equal(st->cum[0], 400);
	st = find_func(m, &s, "main.g");
	assert_non_null(st);
	assert_int_equal(st->flat[0], 100);
	assert_int_equal(st->cum[0], 100);
	assert_int_equal(s.nsites, 4);
	gs_sites_free(&s);

	/* by where: the two main.f lines are two sites */
	o.keys = GK_WHERE;
	assert_int_equal(gs_sites_build(m, &o, &s), 0);
	assert_int_equal(s.nsites, 5);
	gs_sites_free(&s);
	gs_model_free(m);
}

/* ---- the order of top and summary ---- */

static void build_where_cum(const struct gs_model *m, struct gs_sites *s)
{
	struct gs_sites_opts o;

	memset(&o, 0, sizeof o);
	o.kinds = GS_KIND_BIT(GS_KIND_HEAP);
	o.keys = GK_WHERE;
	o.cum = 1;
	assert_int_equal(gs_sites_build(m, &o, s), 0);
}

/* The first k of a partial sort are the first k of the whole sort, for every k. */
static void test_sort_top(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/heap.debug1.txt");
	struct gs_sites all, top;
	size_t k, i;
	int col;

	(void)state;
	for (col = 0; col < 4; col++) {
		build_where_cum(m, &all);
		gs_sites_sort(m, &all, col, 1);
		assert_true(all.nsites > 40);
		for (k = 1; k <= all.nsites; k += k < 12 ? 1 : 17) {
			build_where_cum(m, &top);
			gs_sites_sort_top(m, &top, col, 1, k);
			assert_int_equal(top.nsites, all.nsites);
			for (i = 0; i < k; i++)
				assert_memory_equal(&top.sites[i], &all.sites[i], sizeof(top.sites[i]));
			gs_sites_free(&top);
		}
		gs_sites_free(&all);
	}
	gs_model_free(m);
}

/* top leaves out the sites with nothing in its column, as pprof's graph does: the heap
 * sample has 93 sites by where with cum, 52 of them with neither flat nor cum in-use bytes
 * (records of freed objects and their callers). summary keeps its 36 sites of records. */
static void test_drop_zero(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/heap.debug1.txt");
	struct gs_sites s, kept;
	struct gs_sites_opts o;
	size_t i, j = 0;

	(void)state;
	build_where_cum(m, &s);
	build_where_cum(m, &kept);
	assert_int_equal(s.nsites, 93);
	assert_int_equal(gs_sites_drop_zero(&kept, 1, 1), 52);
	assert_int_equal(kept.nsites, 41);
	for (i = 0; i < s.nsites; i++) {
		if (s.sites[i].flat_scaled[1] == 0 && s.sites[i].cum_scaled[1] == 0)
			continue;
		assert_true(j < kept.nsites);
		assert_memory_equal(&kept.sites[j], &s.sites[i], sizeof(s.sites[i]));
		j++;
	}
	assert_int_equal(j, kept.nsites);
	gs_sites_free(&s);
	gs_sites_free(&kept);

	memset(&o, 0, sizeof o);
	o.kinds = GS_KIND_BIT(GS_KIND_HEAP);
	o.keys = GK_WHERE;
	assert_int_equal(gs_sites_build(m, &o, &s), 0);
	assert_int_equal(s.nsites, 36);
	gs_sites_free(&s);
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cum_once_per_record),
		cmocka_unit_test(test_sort_top),
		cmocka_unit_test(test_drop_zero),
	};

	return cmocka_run_group_tests_name("sites", tests, NULL, NULL);
}
