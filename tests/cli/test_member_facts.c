/* test_member_facts.c - what one pass in input order gathers of the groups' members
 * (cli/reports/member_facts.c) is what walking each group's members reads: each group's
 * info as render_group_info makes it, each member's id, canonical stack, count and bits,
 * each stack's first goroutine, each group's distinct stacks. On real dumps (several dumps,
 * a panic, debug=1 records, objects), with and without a filter that leaves goroutines out
 * of every group (some the first of their stack), under several keys; every goroutine is in
 * a group or filtered out. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "reports/member_facts.h"
#include "testutil.h"

static void check(struct gs_model *m, const char *by, int filter)
{
	struct group_opts go;
	struct grouping gr;
	struct render_ctx rc;
	struct member_facts f;
	struct gs_by_error err;
	unsigned char *keep = NULL;
	size_t *first = gs_model_first_of_stack(m), i, k, j;
	uint32_t *slot = calloc((size_t)m->nstacks + 1, sizeof *slot);
	uint64_t total = 0, grouped = 0;

	assert_non_null(first);
	assert_non_null(slot);
	memset(&go, 0, sizeof go);
	assert_int_equal(gs_by_parse(by, m, &go.keys, &go.label_key, &err), 0);
	go.ng = m->ngoroutines;
	if (filter) { /* every third goroutine out, the first of the dump among them */
		keep = calloc(m->ngoroutines ? m->ngoroutines : 1, 1);
		assert_non_null(keep);
		for (i = 0; i < m->ngoroutines; i++)
			keep[i] = i % 3 != 0;
		go.keep = keep;
	}
	assert_int_equal(gs_group(m, &go, &gr), 0);
	memset(&rc, 0, sizeof rc);
	rc.m = m;
	rc.gr = &gr;
	rc.go = &go;
	member_facts_make(&rc, &f);

	for (i = 0; i <= m->nstacks; i++)
		assert_int_equal(f.first[i], first[i]);
	for (i = 0; i < m->ngoroutines; i++)
		total += m->goroutines[i].count;
	for (i = 0; i < gr.ngroups; i++) {
		const struct group *g = &gr.groups[i];
		struct group_info want;
		uint32_t distinct = 0;

		render_group_info(&rc, g, &want);
		assert_int_equal(f.info[i].state, want.state);
		assert_int_equal(f.info[i].where, want.where);
		assert_int_equal(f.info[i].creator, want.creator);
		assert_int_equal(f.info[i].labels, want.labels);
		assert_int_equal(f.info[i].object, want.object);
		assert_true(f.info[i].object_value == want.object_value);
		for (k = 0; k < g->records; k++) {
			size_t p = g->members + k, x = gr.member[p];
			const struct gs_goroutine *gx = &m->goroutines[x];
			unsigned bits = f.bits[p];

			assert_true(f.id[p] == gx->id);
			assert_int_equal(f.canon[p], m->stacks[gx->stack].canon);
			assert_int_equal(!!(bits & MF_NOSTATE), !!(gx->flags & GS_G_NOSTATE));
			assert_int_equal(!!(bits & MF_ONE), gx->count == 1);
			assert_int_equal(!!(bits & MF_FIRST), first[gx->stack] == x);
			assert_int_equal(!!(bits & MF_FAILED), gs_dump_failed(m, gx->dump) == x);
			assert_true(member_facts_count(&rc, &f, p) == gx->count);
			grouped += gx->count;
			for (j = 0; j < k && f.canon[g->members + j] != f.canon[p]; j++)
				;
			distinct += j == k;
		}
		assert_int_equal(member_facts_stacks(&rc, &f, g, slot),
		                 go.keys & GK_STACK ? 1 : distinct);
	}
	for (i = 0; i <= m->nstacks; i++)
		assert_int_equal(slot[i], 0);
	/* conservation: every goroutine grouped or filtered out */
	assert_true(grouped == gr.total);
	assert_true(gr.total + gr.filtered == total);
	member_facts_free(&f);
	gs_grouping_free(&gr);
	free(keep);
	free(first);
	free(slot);
}

static void test_facts_are_the_walks(void **state)
{
	static const char *const files[] = {
		"../samples/incident.two-dumps.txt", "../samples/panic.txt",
		"../samples/goroutine.debug1.txt", "../samples/goroutine.debug2.txt",
		"objects.txt", "../samples/sigquit.txt",
	};
	static const char *const bys[] = {
		"state,wait,where", "stack", "creator,labels", "object", "dump,state", "func",
	};
	size_t i, b;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct gs_model *m = tu_parse_file(files[i]);

		assert_true(m->ngoroutines > 0);
		for (b = 0; b < sizeof bys / sizeof bys[0]; b++) {
			check(m, bys[b], 0);
			check(m, bys[b], 1);
		}
		gs_model_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facts_are_the_walks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
