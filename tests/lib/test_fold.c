/* test_fold.c - model.h's fold_repeats: a dump's equal goroutines read as one entry with a
 * count. Conservation (every goroutine header is in some entry's count, the dump's first
 * and last stay entries of their own), waits folded as a range of one bucket or kept
 * exact, and grouping that answers as it does with an entry per goroutine, on a
 * hand-written dump, on the samples, and with the input read by two parsers (adopted). */
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
#include "parser.h"
#include "testutil.h"

/* g1 running; g2..g8 main.worker in chan receive created by main.main in goroutine 1:
 * waits 3, 2, 4 (bucket 1-5m), 7 (5-15m), none, none; g8 the dump's last, equal to g5. */
static const char dump[] =
	"goroutine 1 [running]:\n"
	"main.main()\n\t/x/main.go:10 +0x1\n\n"
	"goroutine 2 [chan receive, 3 minutes]:\n"
	"main.worker(0xc000010000)\n\t/x/w.go:20 +0x1\n"
	"created by main.main in goroutine 1\n\t/x/main.go:12 +0x2\n\n"
	"goroutine 3 [chan receive, 2 minutes]:\n"
	"main.worker(0xc000010010)\n\t/x/w.go:20 +0x1\n"
	"created by main.main in goroutine 1\n\t/x/main.go:12 +0x2\n\n"
	"goroutine 4 [chan receive, 4 minutes]:\n"
	"main.worker(0xc000010020)\n\t/x/w.go:20 +0x1\n"
	"created by main.main in goroutine 1\n\t/x/main.go:12 +0x2\n\n"
	"goroutine 5 [chan receive, 7 minutes]:\n"
	"main.worker(0xc000010030)\n\t/x/w.go:20 +0x1\n"
	"created by main.main in goroutine 1\n\t/x/main.go:12 +0x2\n\n"
	"goroutine 6 [chan receive]:\n"
	"main.worker(0xc000010040)\n\t/x/w.go:20 +0x1\n"
	"created by main.main in goroutine 1\n\t/x/main.go:12 +0x2\n\n"
	"goroutine 7 [chan receive]:\n"
	"main.worker(0xc000010050)\n\t/x/w.go:20 +0x1\n"
	"created by main.main in goroutine 1\n\t/x/main.go:12 +0x2\n\n"
	"goroutine 8 [chan receive, 7 minutes]:\n"
	"main.worker(0xc000010060)\n\t/x/w.go:20 +0x1\n"
	"created by main.main in goroutine 1\n\t/x/main.go:12 +0x2\n";

static struct gs_model *parse_folded(const char *text, size_t len, int fold)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;

	assert_non_null(m);
	m->fold_repeats = fold;
	p = gs_parser_new(m, "dump.txt");
	assert_non_null(p);
	assert_int_equal(gs_parser_feed(p, text, len), 0);
	assert_int_equal(gs_parser_finish(p), 0);
	gs_parser_free(p);
	return m;
}

/* Goroutine headers of a text: lines that hold "goroutine " and a digit (after an indent or
 * a log prefix) and end "]:" (what the samples print; their other lines never look so). */
static uint64_t headers(const char *text, size_t len)
{
	uint64_t n = 0;
	size_t i = 0, e, k;

	while (i < len) {
		for (e = i; e < len && text[e] != '\n'; e++)
			;
		k = e > i && text[e - 1] == '\r' ? e - 1 : e;
		if (k - i > 12 && text[k - 2] == ']' && text[k - 1] == ':') {
			const char *at = memmem(text + i, k - i, "goroutine ", 10);

			n += at && at[10] >= '0' && at[10] <= '9';
		}
		i = e + 1;
	}
	return n;
}

static uint64_t sum_counts(const struct gs_model *m)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < m->ngoroutines; i++)
		n += m->goroutines[i].count;
	return n;
}

/* What a dump's headers became: goroutines, "goroutine 0" thread stacks and skipped ones. */
static uint64_t accounted(const struct gs_model *m)
{
	uint64_t n = sum_counts(m);
	size_t d;

	for (d = 0; d < m->ndumps; d++)
		n += m->dumps[d].g0_stacks + m->dumps[d].skipped;
	return n;
}

/* Every dump's entries are its own, and their counts add up to its goroutines. */
static void assert_dumps_whole(const struct gs_model *m)
{
	size_t d, next = 0;

	for (d = 0; d < m->ndumps; d++) {
		if (m->dumps[d].kind != GS_KIND_GOROUTINE)
			continue;
		assert_int_equal(m->dumps[d].first_g, next);
		next += m->dumps[d].ng;
	}
	assert_int_equal(next, m->ngoroutines);
}

static void test_fold_waits(void **state)
{
	struct gs_model *m = parse_folded(dump, sizeof dump - 1, GS_FOLD_WAITS);
	const struct gs_goroutine *g = m->goroutines;

	(void)state;
	/* g1 | g2 (+g3, g4) | g5 | g6 (+g7) | g8 */
	assert_int_equal(m->ngoroutines, 5);
	assert_int_equal(sum_counts(m), 8);
	assert_int_equal(m->dumps[0].ng, 5);
	assert_int_equal(g[0].id, 1);
	assert_int_equal(g[0].count, 1);
	assert_int_equal(g[1].id, 2);
	assert_int_equal(g[1].count, 3);
	assert_int_equal(g[1].wait, 2);                    /* the shortest */
	assert_int_equal(gs_goroutine_wait_max(m, 1), 4); /* the longest */
	assert_int_equal(g[2].id, 5);
	assert_int_equal(g[2].count, 1);
	assert_int_equal(gs_goroutine_wait_max(m, 2), 7);
	assert_int_equal(g[3].id, 6);
	assert_int_equal(g[3].count, 2);
	assert_false(g[3].flags & GS_G_WAIT);
	/* the dump's last is kept whole though it equals g5 */
	assert_int_equal(g[4].id, 8);
	assert_int_equal(g[4].count, 1);
	assert_int_equal(g[4].line, 41);
	gs_model_free(m);
}

static void test_fold_exact(void **state)
{
	struct gs_model *m = parse_folded(dump, sizeof dump - 1, GS_FOLD_EXACT);

	(void)state;
	/* no two waits are equal but g6, g7 (none) */
	assert_int_equal(m->ngoroutines, 7);
	assert_int_equal(sum_counts(m), 8);
	assert_int_equal(m->goroutines[5].id, 6);
	assert_int_equal(m->goroutines[5].count, 2);
	assert_int_equal(m->nwait_hi, 0);
	gs_model_free(m);
	m = parse_folded(dump, sizeof dump - 1, GS_FOLD_NONE);
	assert_int_equal(m->ngoroutines, 8);
	gs_model_free(m);
}

/* The grouping of a folded model and of one with an entry per goroutine answer alike. */
static void assert_groups_alike(const struct gs_model *a, const struct gs_model *b,
                                unsigned keys, const char *what)
{
	struct group_opts o;
	struct grouping ga, gb;
	size_t i;

	memset(&o, 0, sizeof o);
	o.keys = keys;
	o.ng = a->ngoroutines;
	assert_int_equal(gs_group(a, &o, &ga), 0);
	o.ng = b->ngoroutines;
	assert_int_equal(gs_group(b, &o, &gb), 0);
	if (ga.ngroups != gb.ngroups || ga.total != gb.total)
		fail_msg("%s: %zu groups of %llu goroutines, folded %zu of %llu", what, gb.ngroups,
		         (unsigned long long)gb.total, ga.ngroups, (unsigned long long)ga.total);
	for (i = 0; i < ga.ngroups; i++) {
		const struct group *x = &ga.groups[i], *y = &gb.groups[i];

		if (!gs_key_eq(&x->key, &y->key) || x->count != y->count ||
		    x->wait_min != y->wait_min || x->wait_max != y->wait_max ||
		    (x->nwait != 0) != (y->nwait != 0) || x->leaked != y->leaked ||
		    a->goroutines[x->rep].id != b->goroutines[y->rep].id)
			fail_msg("%s: group %zu differs: count %llu/%llu wait %u-%u/%u-%u", what, i,
			         (unsigned long long)x->count, (unsigned long long)y->count,
			         (unsigned)x->wait_min, (unsigned)x->wait_max, (unsigned)y->wait_min,
			         (unsigned)y->wait_max);
	}
	gs_grouping_free(&ga);
	gs_grouping_free(&gb);
}

static const char *const samples[] = {
	"../samples/goroutine.debug2.txt", "../samples/incident.crlf.txt",
	"../samples/incident.indented.md", "../samples/incident.tabs-as-spaces.txt",
	"../samples/incident.logprefix.txt", "../samples/incident.truncated.txt",
	"../samples/incident.two-dumps.txt", "../samples/incident.bom.txt",
	"../samples/panic.txt", "../samples/sigquit.txt", "../samples/repanic.txt",
};

static void test_fold_samples(void **state)
{
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char *text = tu_slurp(samples[i], &len);
		struct gs_model *all, *waits, *exact;
		uint64_t n;

		if (text == NULL)
			fail_msg("missing sample %s", samples[i]);
		all = parse_folded(text, len, GS_FOLD_NONE);
		waits = parse_folded(text, len, GS_FOLD_WAITS);
		exact = parse_folded(text, len, GS_FOLD_EXACT);
		n = headers(text, len);
		/* conservation: each header is counted once (a goroutine, a thread's stack or a
		 * skipped one), whatever the fold */
		if (accounted(all) != n || accounted(waits) != n || accounted(exact) != n)
			fail_msg("%s: %llu headers, counted %llu / %llu / %llu", samples[i],
			         (unsigned long long)n, (unsigned long long)accounted(all),
			         (unsigned long long)accounted(waits), (unsigned long long)accounted(exact));
		assert_int_equal(sum_counts(all), all->ngoroutines);
		assert_int_equal(sum_counts(waits), all->ngoroutines);
		assert_dumps_whole(waits);
		assert_dumps_whole(exact);
		assert_int_equal(waits->ndumps, all->ndumps);
		if (i == 0) /* 101 goroutines, 23 groups: some are equal */
			assert_true(waits->ngoroutines < all->ngoroutines);
		assert_true(waits->ngoroutines <= exact->ngoroutines);
		assert_true(exact->ngoroutines <= all->ngoroutines);
		assert_groups_alike(waits, all, GK_STATE | GK_WAIT | GK_WHERE, samples[i]);
		assert_groups_alike(waits, all, GK_STACK | GK_CREATOR | GK_LABELS | GK_DUMP, samples[i]);
		assert_groups_alike(exact, all, GK_WAIT_EXACT | GK_FUNC, samples[i]);
		/* the failed goroutine of a crash is the first entry, as without the fold */
		assert_int_equal(gs_dump_failed(waits, 0) == SIZE_MAX, gs_dump_failed(all, 0) == SIZE_MAX);
		if (gs_dump_failed(all, 0) != SIZE_MAX)
			assert_int_equal(waits->goroutines[gs_dump_failed(waits, 0)].id,
			                 all->goroutines[gs_dump_failed(all, 0)].id);
		gs_model_free(all);
		gs_model_free(waits);
		gs_model_free(exact);
		free(text);
	}
}

/* Goroutines first..first+n-1 of 12 kinds (2 states, 4 functions, waits of two buckets),
 * appended to text; the new length. */
static size_t add_workers(char *text, size_t len, size_t cap, int first, int n)
{
	int i;

	for (i = first; i < first + n; i++)
		len += (size_t)snprintf(text + len, cap - len,
		                        "goroutine %d [%s, %d minutes]:\nmain.w%d()\n\t/x/w.go:%d +0x1\n"
		                        "created by main.main in goroutine 1\n\t/x/main.go:12 +0x2\n\n",
		                        i + 1, i % 3 ? "select" : "chan receive", 1 + i % 7, i % 4,
		                        20 + i % 4);
	return len;
}

/* Read by parsers of parts, adopted (chained too): the same groups as one unfolded parser,
 * and the parts' goroutines folded into the first part's entries as one parser folds. */
static void test_fold_adopted(void **state)
{
	static char text[128 * 1024];
	size_t len, cut[3];
	struct gs_model *m, *all, *one;
	int adopted[2], k, n;
	char what[64];

	(void)state;
	for (k = 0; k < 3; k++) {
		/* k 0: two parts; 1: three (the middle one chained); 2: two dumps (ids repeat),
		 * the cut inside the second */
		len = add_workers(text, 0, sizeof text, 1, 100);
		cut[0] = len;
		len = add_workers(text, len, sizeof text, 101, 100);
		cut[1] = len;
		len = add_workers(text, len, sizeof text, k == 2 ? 1 : 201, 100);
		n = k == 0 ? 1 : 2;
		if (k == 2) {
			/* the cut before a header in the middle of the second dump */
			const char *h = strstr(text + cut[1] + 2000, "\ngoroutine ");

			assert_non_null(h);
			cut[0] = (size_t)(h + 1 - text);
			n = 1;
		}
		m = tu_parse_parts(text, len, cut, n, GS_FOLD_WAITS, adopted, NULL, 0);
		all = parse_folded(text, len, GS_FOLD_NONE);
		one = parse_folded(text, len, GS_FOLD_WAITS);
		assert_int_equal(adopted[0] + (n > 1 ? adopted[1] : 0), n);
		assert_int_equal(m->ndumps, k == 2 ? 2 : 1);
		assert_int_equal(sum_counts(m), 300);
		assert_dumps_whole(m);
		snprintf(what, sizeof what, "adopted, case %d", k);
		assert_groups_alike(m, all, GK_STATE | GK_WAIT | GK_WHERE, what);
		assert_groups_alike(m, all, GK_STACK | GK_STATE | GK_DUMP, what);
		/* the parts' last goroutines of their own, when they came before a merge */
		if (m->ngoroutines > one->ngoroutines + (size_t)n)
			fail_msg("case %d: %zu entries, one parser %zu", k, m->ngoroutines,
			         one->ngoroutines);
		gs_model_free(m);
		gs_model_free(all);
		gs_model_free(one);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_waits),
		cmocka_unit_test(test_fold_exact),
		cmocka_unit_test(test_fold_samples),
		cmocka_unit_test(test_fold_adopted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
