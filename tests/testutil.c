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
