/* test_kind.c - the table of kinds (parser/kind.c): rows in enum order, every value column's
 * names accepted as --value words, default columns, fetch paths, and each profile header
 * literal opening the kind it names in a real sample. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "kind.h"
#include "model.h"
#include "testutil.h"

static const enum gs_kind all[] = {
	GS_KIND_UNKNOWN, GS_KIND_GOROUTINE, GS_KIND_GOROUTINE1, GS_KIND_GOROUTINELEAK,
	GS_KIND_THREADCREATE,
	GS_KIND_HEAP, GS_KIND_ALLOCS, GS_KIND_MUTEX, GS_KIND_BLOCK, GS_KIND_BINARY,
};
#define NALL (sizeof all / sizeof all[0])

static void test_rows_in_enum_order(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NALL; i++) {
		const struct gs_kind_row *k = gs_kind(all[i]);

		assert_int_equal(k->kind, all[i]);
		assert_non_null(k->name);
		assert_non_null(k->noun);
		assert_non_null(k->phrase);
		assert_non_null(k->thing);
		assert_non_null(k->things);
		assert_ptr_equal(gs_kind_find(k->name, 0), k);
		assert_string_equal(gs_kind_name(all[i]), k->name);
		/* a kind is read and compared with itself at least, when it is read at all */
		if (k->family != GS_FAM_NONE) {
			assert_true(k->read_with & GS_KIND_BIT(all[i]));
			assert_true(k->compare_with & GS_KIND_BIT(all[i]));
			assert_true(k->default_column < gs_family_ncolumns(k->family));
			assert_true(k->records == GS_REC_GOROUTINES || k->records == GS_REC_SAMPLES);
			assert_int_equal(k->records == GS_REC_SAMPLES, k->family != GS_FAM_COUNT);
		}
	}
	/* out of range is unknown, not a crash */
	assert_int_equal(gs_kind((enum gs_kind)99)->kind, GS_KIND_UNKNOWN);
}

/* What a user reads in JSON they can ask for with --value, and the reverse. */
static void test_columns_named_both_ways(void **state)
{
	enum gs_family f;
	int c, order_seen;
	size_t i;

	(void)state;
	for (f = GS_FAM_COUNT; f <= GS_FAM_CONTENTION; f++) {
		assert_true(gs_family_ncolumns(f) > 0 && gs_family_ncolumns(f) <= GS_NVALUES);
		for (c = 0; c < gs_family_ncolumns(f); c++) {
			const struct gs_column *col = gs_family_column(f, c);

			assert_int_equal(gs_column_find(f, col->word), c);
			assert_int_equal(gs_column_find(f, gs_column_name(f, c, 1)), c);
			assert_int_equal(gs_column_find(f, gs_column_name(f, c, 0)), c);
			assert_non_null(strstr(gs_column_words(f), col->word));
			assert_true(col->min_rise > 0);
		}
		assert_null(gs_family_column(f, gs_family_ncolumns(f)));
	}
	/* the drift this table ended: top took delay, diff took cycles and delay_ns */
	assert_int_equal(gs_column_find(GS_FAM_CONTENTION, "delay"), 0);
	assert_int_equal(gs_column_find(GS_FAM_CONTENTION, "delay_ns"), 0);
	assert_int_equal(gs_column_find(GS_FAM_CONTENTION, "cycles"), 0);
	assert_int_equal(gs_column_find(GS_FAM_CONTENTION, "count"), 1);
	assert_int_equal(gs_column_find(GS_FAM_HEAP, "delay"), -1);
	assert_int_equal(gs_column_find(GS_FAM_HEAP, "inuse"), -1);
	assert_int_equal(gs_column_unit(GS_FAM_CONTENTION, 0, 1), GS_UNIT_NS);
	assert_int_equal(gs_column_unit(GS_FAM_CONTENTION, 0, 0), GS_UNIT_CYCLES);
	assert_string_equal(gs_unit_name(GS_UNIT_BYTES), "bytes");
	/* every kind's display order holds each of its columns once */
	for (i = 0; i < NALL; i++) {
		const struct gs_kind_row *k = gs_kind(all[i]);
		int n = gs_family_ncolumns(k->family);

		order_seen = 0;
		for (c = 0; c < n; c++)
			order_seen |= 1 << k->order[c];
		assert_int_equal(order_seen, (1 << n) - 1);
		if (n)
			assert_int_equal(k->order[0], k->default_column);
	}
	assert_string_equal(gs_family_column(GS_FAM_HEAP, gs_kind(GS_KIND_HEAP)->default_column)->word,
	                    "inuse_space");
	assert_string_equal(gs_family_column(GS_FAM_HEAP,
	                                     gs_kind(GS_KIND_ALLOCS)->default_column)->word,
	                    "alloc_space");
}

static void test_fetch_words(void **state)
{
	char words[256];
	const struct gs_kind_row *k;

	(void)state;
	assert_true(gs_kind_fetch_words(words, sizeof words) > 0);
	assert_string_equal(words, "goroutine, goroutine1, goroutineleak, goroutineleak1, "
	                           "threadcreate, heap, allocs, mutex, block");
	k = gs_kind_find("goroutine1", 1);
	assert_non_null(k);
	assert_int_equal(k->kind, GS_KIND_GOROUTINE1);
	assert_string_equal(k->fetch_path, "/debug/pprof/goroutine?debug=1");
	assert_string_equal(gs_kind_find("goroutine", 1)->fetch_path,
	                    "/debug/pprof/goroutine?debug=2");
	/* a row's two words: its own text (debug=1) and the goroutine dump of its endpoint */
	k = gs_kind_find("goroutineleak", 1);
	assert_non_null(k);
	assert_ptr_equal(gs_kind_find("goroutineleak1", 1), k);
	assert_int_equal(k->kind, GS_KIND_GOROUTINELEAK);
	assert_string_equal(gs_kind_fetch_path("goroutineleak"), "/debug/pprof/goroutineleak?debug=2");
	assert_string_equal(gs_kind_fetch_path("goroutineleak1"), "/debug/pprof/goroutineleak?debug=1");
	assert_string_equal(gs_kind_fetch_path("heap"), "/debug/pprof/heap?debug=1");
	assert_null(gs_kind_fetch_path("nosuch"));
	/* what a reply to each word must be: fetch refuses anything else */
	assert_int_equal(gs_kind_fetch_text("goroutineleak"), GS_KIND_GOROUTINE);
	assert_int_equal(gs_kind_fetch_text("goroutineleak1"), GS_KIND_GOROUTINELEAK);
	assert_int_equal(gs_kind_fetch_text("goroutine"), GS_KIND_GOROUTINE);
	assert_int_equal(gs_kind_fetch_text("allocs"), GS_KIND_ALLOCS);
	assert_int_equal(gs_kind_fetch_text("nosuch"), GS_KIND_UNKNOWN);
	/* and back from a URL's path and query */
	assert_string_equal(gs_kind_fetch_word_of("/debug/pprof/goroutine", ""), "goroutine");
	assert_string_equal(gs_kind_fetch_word_of("/debug/pprof/goroutine", "x=1&debug=1"),
	                    "goroutine1");
	assert_string_equal(gs_kind_fetch_word_of("/debug/pprof/goroutineleak", "debug=2"),
	                    "goroutineleak");
	assert_string_equal(gs_kind_fetch_word_of("/debug/pprof/goroutineleak", "debug=1"),
	                    "goroutineleak1");
	assert_string_equal(gs_kind_fetch_word_of("/debug/pprof/allocs", "debug=1"), "allocs");
	assert_null(gs_kind_fetch_word_of("/debug/pprof/profile", "seconds=5"));
	assert_null(gs_kind_find("goroutine-debug1", 1)); /* a name, not a -p word */
	assert_null(gs_kind_find("nosuch", 1));
	/* a buffer too small is cut between words, never mid-word */
	assert_int_equal(gs_kind_fetch_words(words, 16), strlen("goroutine"));
	assert_string_equal(words, "goroutine");
}

/* Each profile sample starts with its kind's header literal and parses as that kind. */
static void test_headers_open_their_kind(void **state)
{
	static const struct {
		const char *file;
		enum gs_kind kind;
	} samples[] = {
		{ "../samples/goroutine.debug1.txt", GS_KIND_GOROUTINE1 },
		{ "../samples/threadcreate.debug1.txt", GS_KIND_THREADCREATE },
		{ "../samples/heap.debug1.txt", GS_KIND_HEAP },
		{ "../samples/allocs.debug1.txt", GS_KIND_ALLOCS },
		{ "../samples/mutex.debug1.txt", GS_KIND_MUTEX },
		{ "../samples/block.debug1.txt", GS_KIND_BLOCK },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		const struct gs_kind_row *k = gs_kind(samples[i].kind);
		char *text = tu_slurp(samples[i].file, &len);
		struct gs_model *m = tu_parse_file(samples[i].file);

		assert_non_null(k->header);
		assert_memory_equal(text, k->header, strlen(k->header));
		/* the one recogniser reads it (heap for allocs: they print the same header) */
		assert_int_equal(gs_header_kind(text, len), samples[i].kind == GS_KIND_ALLOCS
		                                               ? GS_KIND_HEAP : samples[i].kind);
		assert_true(m->ndumps >= 1);
		assert_int_equal(m->dumps[0].kind, samples[i].kind);
		free(text);
		gs_model_free(m);
	}
}

/* No sample of ours holds a goroutineleak profile (samples/gen runs Go 1.19): this is the
 * shape Go 1.26+ writes, every record a leaked goroutine's. */
static void test_goroutineleak_profile(void **state)
{
	static const char text[] =
		"goroutineleak profile: total 5\n"
		"3 @ 0x47da8a 0x41421c 0x4e273c 0x483981\n"
		"# labels: {\"route\":\"/v1/checkout\"}\n"
		"#\t0x4e273b\tmain.backend+0xbb\texample.com/fanout/main.go:37\n"
		"\n"
		"2 @ 0x47da8a 0x41514e 0x4e31ae 0x483981\n"
		"#\t0x4e31ad\tmain.worker+0x4d\texample.com/fanout/main.go:56\n";
	const struct gs_kind_row *k = gs_kind(GS_KIND_GOROUTINELEAK);
	struct gs_model *m = tu_parse_text("leak", text, sizeof text - 1);
	size_t i;

	(void)state;
	assert_int_equal(gs_header_kind(text, sizeof text - 1), GS_KIND_GOROUTINELEAK);
	assert_true(k->leaked);
	assert_int_equal(k->family, GS_FAM_COUNT);
	/* read alone, matched with goroutine dumps of either form */
	assert_int_equal(k->read_with, GS_KIND_BIT(GS_KIND_GOROUTINELEAK));
	assert_true(k->compare_with & GS_KIND_BIT(GS_KIND_GOROUTINE));
	assert_int_equal(gs_kind(GS_KIND_GOROUTINE)->compare_with, k->compare_with);
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(m->dumps[0].kind, GS_KIND_GOROUTINELEAK);
	assert_int_equal(m->dumps[0].total, 5);
	assert_int_equal(m->ngoroutines, 2);
	for (i = 0; i < m->ngoroutines; i++)
		assert_int_equal(m->goroutines[i].flags & (GS_G_LEAKED | GS_G_NOSTATE),
		                 GS_G_LEAKED | GS_G_NOSTATE);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_in_enum_order),
		cmocka_unit_test(test_columns_named_both_ways),
		cmocka_unit_test(test_fetch_words),
		cmocka_unit_test(test_headers_open_their_kind),
		cmocka_unit_test(test_goroutineleak_profile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
