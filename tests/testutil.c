/* testutil.c - see testutil.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "testutil.h"

/* GS_TEST_CASE=GLOB runs only the cases of a test binary whose names match (make unit
 * T=lib/test_kind CASE='test_fetch*'): cmocka's filter, set before main runs the group. */
__attribute__((constructor)) static void tu_case_filter(void)
{
	const char *glob = getenv("GS_TEST_CASE");

	if (glob && *glob)
		cmocka_set_test_filter(glob);
}

struct gs_model *tu_parse_text(const char *name, const char *text, size_t len)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;

	assert_non_null(m);
	p = gs_parser_new(m, name);
	assert_non_null(p);
	assert_int_equal(gs_parser_feed(p, text, len), 0);
	assert_int_equal(gs_parser_finish(p), 0);
	gs_parser_free(p);
	return m;
}

struct gs_model *tu_parse_file(const char *path)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	assert_non_null(m);
	p = gs_parser_new(m, path);
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(gs_parser_feed(p, chunk, n), 0);
	fclose(f);
	assert_int_equal(gs_parser_finish(p), 0);
	gs_parser_free(p);
	return m;
}

struct gs_model *tu_parse_parts(const char *text, size_t len, const size_t *cut, int n,
                                int fold, int *adopted, char *detected, size_t detected_len)
{
	struct gs_model *m = gs_model_new(), *mi;
	struct gs_parser *p, *pi;
	size_t from, to;
	int i;

	assert_non_null(m);
	m->fold_repeats = fold;
	p = gs_parser_new(m, "dump.txt");
	assert_non_null(p);
	assert_int_equal(gs_parser_feed(p, text, cut[0]), 0);
	for (i = 0; i < n; i++) {
		from = cut[i];
		to = i + 1 < n ? cut[i + 1] : len;
		assert_true(from < to);
		mi = gs_model_new();
		assert_non_null(mi);
		mi->fold_repeats = fold;
		pi = gs_parser_new(mi, "dump.txt");
		assert_non_null(pi);
		assert_int_equal(gs_parser_feed(pi, text + from, to - from), 0);
		if (to == len)
			assert_int_equal(gs_parser_finish(pi), 0);
		adopted[i] = gs_parser_adopt(p, pi);
		assert_true(adopted[i] == 0 || adopted[i] == 1);
		if (adopted[i] == 0)
			assert_int_equal(gs_parser_feed(p, text + from, to - from), 0);
		gs_parser_free(pi);
		gs_model_free(mi);
	}
	assert_int_equal(gs_parser_finish(p), 0);
	if (detected)
		snprintf(detected, detected_len, "%s", gs_parser_detected(p));
	gs_parser_free(p);
	return m;
}

char *tu_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return data;
}

uint32_t tu_str(struct gs_model *m, const char *s)
{
	return gs_intern_put(m->strings, s, strlen(s));
}

uint32_t tu_frame(struct gs_model *m, const char *func, const char *file, uint32_t line)
{
	return gs_model_frame(m, tu_str(m, func), tu_str(m, file), line);
}

static void same_stack(const struct gs_model *a, uint32_t sa, const struct gs_model *b,
                       uint32_t sb)
{
	uint32_t i;

	assert_int_equal(a->stacks[sa].len, b->stacks[sb].len);
	assert_int_equal(a->stacks[sa].flags, b->stacks[sb].flags);
	for (i = 0; i < a->stacks[sa].len; i++) {
		const struct gs_frame *fa = &a->frames[gs_stack_frames(a, sa)[i]];
		const struct gs_frame *fb = &b->frames[gs_stack_frames(b, sb)[i]];

		assert_string_equal(gs_str(a, fa->func), gs_str(b, fb->func));
		assert_string_equal(gs_str(a, fa->file), gs_str(b, fb->file));
		assert_int_equal(fa->line, fb->line);
		assert_string_equal(gs_str(a, a->stack_args[a->stacks[sa].first + i]),
		                    gs_str(b, b->stack_args[b->stacks[sb].first + i]));
	}
	assert_int_equal(a->stacks[a->stacks[sa].canon].len, b->stacks[b->stacks[sb].canon].len);
}

static void same_frame(const struct gs_model *a, uint32_t fa, const struct gs_model *b,
                       uint32_t fb)
{
	assert_int_equal(fa == 0, fb == 0);
	assert_string_equal(gs_str(a, a->frames[fa].func), gs_str(b, b->frames[fb].func));
	assert_string_equal(gs_str(a, a->frames[fa].file), gs_str(b, b->frames[fb].file));
	assert_int_equal(a->frames[fa].line, b->frames[fb].line);
}

void tu_same_model(const struct gs_model *a, const struct gs_model *b)
{
	size_t i;

	assert_int_equal(a->nsources, b->nsources);
	assert_int_equal(a->sources[0].bytes, b->sources[0].bytes);
	assert_int_equal(a->sources[0].lines, b->sources[0].lines);
	assert_int_equal(a->sources[0].skipped_lines, b->sources[0].skipped_lines);
	assert_int_equal(a->sources[0].ndumps, b->sources[0].ndumps);
	assert_int_equal(a->ndumps, b->ndumps);
	for (i = 0; i < a->ndumps; i++) {
		const struct gs_dump *da = &a->dumps[i], *db = &b->dumps[i];

		assert_int_equal(da->kind, db->kind);
		assert_int_equal(da->flags, db->flags);
		assert_int_equal(da->first_line, db->first_line);
		assert_int_equal(da->last_line, db->last_line);
		assert_int_equal(da->first_g, db->first_g);
		assert_int_equal(da->ng, db->ng);
		assert_int_equal(da->g0_stacks, db->g0_stacks);
		assert_int_equal(da->skipped, db->skipped);
		assert_string_equal(gs_str(a, da->panic), gs_str(b, db->panic));
		assert_string_equal(gs_str(a, da->signal), gs_str(b, db->signal));
	}
	assert_int_equal(a->ngoroutines, b->ngoroutines);
	for (i = 0; i < a->ngoroutines; i++) {
		const struct gs_goroutine *ga = &a->goroutines[i], *gb = &b->goroutines[i];

		assert_int_equal(ga->id, gb->id);
		assert_int_equal(ga->line, gb->line);
		assert_int_equal(ga->dump, gb->dump);
		assert_int_equal(ga->flags, gb->flags);
		assert_int_equal(ga->wait, gb->wait);
		assert_int_equal(ga->parent, gb->parent);
		assert_string_equal(gs_str(a, ga->state), gs_str(b, gb->state));
		assert_string_equal(gs_str(a, ga->labels), gs_str(b, gb->labels));
		assert_int_equal(ga->count, gb->count);
		assert_int_equal(gs_goroutine_object(a, i), gs_goroutine_object(b, i));
		same_stack(a, ga->stack, b, gb->stack);
		same_frame(a, ga->creator, b, gb->creator);
	}
	assert_int_equal(a->ndiags, b->ndiags);
	for (i = 0; i < a->ndiags; i++) {
		assert_int_equal(a->diags[i].level, b->diags[i].level);
		assert_int_equal(a->diags[i].line, b->diags[i].line);
		assert_string_equal(gs_str(a, a->diags[i].message), gs_str(b, b->diags[i].message));
		assert_string_equal(gs_str(a, a->diags[i].near), gs_str(b, b->diags[i].near));
	}
	assert_int_equal(a->diags_dropped, b->diags_dropped);
	assert_int_equal(a->worst, b->worst);
}
