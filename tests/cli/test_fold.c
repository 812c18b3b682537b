/* test_fold.c - folded stacks (cli/reports/fold.c): every line fits flamegraph.pl's grammar
 * /^(.*)\s+?(\d+(?:\.\d*)?)$/ with no ';' inside a frame name, the counts add up to the
 * goroutine total (goroutine.facts), with and without --by-state and filters; lines sorted
 * and unique; heap and contention values by name; the icicle graph's size is bounded. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select/filter.h"
#include "outputs/flame.h"
#include "reports/fold.h"
#include "parser.h"
#include "testutil.h"

/* Prints the fold and checks every line against flamegraph.pl's regex; returns the sum of
 * the counts and the number of ';' separators seen in total. */
static int64_t check_lines(const struct fold *f, size_t *semis)
{
	static const char re[] = "^(.*)\\s+?(\\d+(?:\\.\\d*)?)$";
	pcre2_code *code;
	pcre2_match_data *md;
	char *text;
	size_t len, i;
	const char *p, *nl, *prev = NULL;
	size_t prevlen = 0;
	int64_t sum = 0;
	int ec;
	PCRE2_SIZE eo;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	fold_print(f, out);
	fclose(out);
	code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, 0, &ec, &eo, NULL);
	assert_non_null(code);
	md = pcre2_match_data_create_from_pattern(code, NULL);
	*semis = 0;
	for (p = text; *p; p = nl + 1) {
		PCRE2_SIZE *ov;
		size_t stack_len;

		nl = strchr(p, '\n');
		assert_non_null(nl);
		if (pcre2_match(code, (PCRE2_SPTR)p, (size_t)(nl - p), 0, 0, md, NULL) != 3)
			fail_msg("not flamegraph.pl's grammar: %.*s", (int)(nl - p), p);
		ov = pcre2_get_ovector_pointer(md);
		stack_len = ov[3];
		sum += strtoll(p + ov[4], NULL, 10);
		for (i = 0; i < stack_len; i++) {
			assert_true((unsigned char)p[i] >= 0x20); /* no control byte in a name */
			if (p[i] == ';')
				(*semis)++;
		}
		/* sorted, one line per stack */
		if (prev) {
			size_t k = prevlen < stack_len ? prevlen : stack_len;
			int c = memcmp(prev, p, k);

			assert_true(c < 0 || (c == 0 && prevlen < stack_len));
		}
		prev = p;
		prevlen = stack_len;
	}
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	free(text);
	return sum;
}

static void test_samples(void **state)
{
	static const struct {
		const char *path;
		int64_t total;
	} cases[] = {
		{ "../samples/goroutine.debug2.txt", 101 },   /* total 101 */
		{ "../samples/goroutine.debug1.txt", 101 },   /* debug1_total 101 */
		{ "../samples/incident.two-dumps.txt", 207 }, /* two_dumps 101 106 */
		{ "../samples/panic.txt", 8 },                /* panic_goroutines 8 */
		{ "../samples/sigquit.txt", 11 },             /* sigquit_goroutines 12, one is g0 */
	};
	size_t i, semis, semis_state;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct gs_model *m = tu_parse_file(cases[i].path);
		struct fold f;

		fold_goroutines(&f, m, NULL, 0);
		assert_int_equal(f.total, cases[i].total);
		assert_int_equal(check_lines(&f, &semis), cases[i].total);
		/* --by-state: the same counts, one more frame (the state) per line */
		fold_free(&f);
		fold_goroutines(&f, m, NULL, 1);
		assert_int_equal(check_lines(&f, &semis_state), cases[i].total);
		assert_true(semis_state >= semis + f.n - 1);
		fold_free(&f);
		gs_model_free(m);
	}
}

/* The debug=1 and debug=2 dumps of one process fold alike (canonical stacks). */
static void test_debug1_matches_debug2(void **state)
{
	struct gs_model *m1 = tu_parse_file("../samples/goroutine.debug1.txt");
	struct gs_model *m2 = tu_parse_file("../samples/goroutine.debug2.txt");
	struct fold f1, f2;
	size_t i, same = 0, k;

	(void)state;
	fold_goroutines(&f1, m1, NULL, 0);
	fold_goroutines(&f2, m2, NULL, 0);
	for (i = 0; i < f1.n; i++)
		for (k = 0; k < f2.n; k++)
			if (f1.e[i].len == f2.e[k].len && f1.e[i].value == f2.e[k].value &&
			    memcmp(f1.text.data + f1.e[i].off, f2.text.data + f2.e[k].off,
			           f1.e[i].len) == 0)
				same++;
	/* all but the dumping goroutine, whose stack differs between the two writes */
	assert_true(same + 2 >= f1.n);
	fold_free(&f1);
	fold_free(&f2);
	gs_model_free(m1);
	gs_model_free(m2);
}

static void test_filtered(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/goroutine.debug2.txt");
	struct filter flt;
	struct fold f;
	unsigned char *keep;
	uint64_t filtered;
	char err[256];
	size_t semis;

	(void)state;
	filter_init(&flt);
	assert_int_equal(filter_option(&flt, FILTER_OPT_STATE, "^semacquire$", err, sizeof err), 1);
	assert_int_equal(filter_compile(&flt, err, sizeof err), 0);
	keep = filter_goroutines(&flt, m, &filtered);
	fold_goroutines(&f, m, keep, 1);
	assert_int_equal(check_lines(&f, &semis), 26); /* semacquire 16 + 10 */
	assert_int_equal(filtered, 101 - 26);
	assert_int_equal(strncmp(f.text.data + f.e[0].off, "semacquire;", 11), 0);
	fold_free(&f);
	free(keep);
	filter_free(&flt);
	gs_model_free(m);
}

/* ';' in a name would split a frame in two: it becomes ':'; an empty stack has a name. */
static void test_names(void **state)
{
	static const char text[] =
		"goroutine 1 [select]:\n"
		"main.a;b(0x1)\n\t/x.go:1 +0x1\n"
		"main.c\x1b]0;x\x07(...)\n\t/x.go:2 +0x1\n\n"
		"goroutine 2 [running]:\n"
		"\tgoroutine running on other thread; stack unavailable\n\n";
	struct gs_model *m = tu_parse_text("names.txt", text, sizeof text - 1);
	struct fold f;
	size_t semis;

	(void)state;
	fold_goroutines(&f, m, NULL, 0);
	assert_int_equal(check_lines(&f, &semis), 2);
	assert_int_equal(semis, 1);
	assert_int_equal(f.n, 2);
	assert_memory_equal(f.text.data + f.e[0].off, "[no stack]", 10);
	assert_int_equal(f.e[1].len, strlen("main.c\\x1b]0:x\\x07;main.a:b"));
	assert_memory_equal(f.text.data + f.e[1].off, "main.c\\x1b]0:x\\x07;main.a:b", f.e[1].len);
	fold_free(&f);
	gs_model_free(m);
}

static const char heap_text[] =
	"heap profile: 3: 3072 [5: 5120] @ heap/2\n"
	"2: 2048 [3: 3072] @ 0x1 0x2\n"
	"#\t0x1\tmain.alloc+0x10\t/app/main.go:10\n"
	"#\t0x2\tmain.main+0x20\t/app/main.go:20\n"
	"\n"
	"1: 1024 [2: 2048] @ 0x3 0x2\n"
	"#\t0x3\tmain.other+0x5\t/app/other.go:7\n"
	"#\t0x2\tmain.main+0x20\t/app/main.go:20\n"
	"\n"
	"0: 0 [0: 0] @ 0x4\n"
	"#\t0x4\tmain.gone+0x5\t/app/gone.go:1\n";

static void test_values(void **state)
{
	struct gs_model *m = tu_parse_text("heap.txt", heap_text, sizeof heap_text - 1);
	struct fold f;
	size_t semis;
	int col;

	(void)state;
	/* rate 1 ("heap/2" prints twice the rate): the estimates are the numbers */
	col = gs_column_find(GS_FAM_HEAP, "inuse_space");
	assert_int_equal(col, 1);
	fold_samples(&f, m, NULL, col, 1, "inuse_space");
	assert_int_equal(check_lines(&f, &semis), 3072);
	assert_int_equal(f.n, 2); /* the record with nothing in use is left out */
	assert_memory_equal(f.text.data + f.e[0].off, "main.main;main.alloc", 20);
	assert_int_equal(f.e[0].value, 2048);
	fold_free(&f);
	fold_samples(&f, m, NULL, 2, 0, "alloc_objects");
	assert_int_equal(check_lines(&f, &semis), 5);
	fold_free(&f);
	gs_model_free(m);
}

/* The icicle graph draws a bounded number of frames, each with a title. */
static void test_flame_svg(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/goroutine.debug2.txt");
	struct fold f;
	struct gs_buf svg = GS_BUF_INIT;
	const char *p;
	size_t rects = 0, titles = 0;

	(void)state;
	fold_goroutines(&f, m, NULL, 0);
	flame_svg(&svg, &f, "goroutines");
	for (p = svg.data; (p = strstr(p, "<rect")) != NULL; p++)
		rects++;
	for (p = svg.data; (p = strstr(p, "<title>")) != NULL; p++)
		titles++;
	assert_true(rects > 20);
	assert_int_equal(rects, titles);
	assert_non_null(strstr(svg.data, "<title>all goroutines (101 goroutines, 100.00%)</title>"));
	/* 97 calls of main.recurse are one frame */
	assert_non_null(strstr(svg.data, "main.recurse, calling itself: 97 deep"));
	assert_null(strstr(svg.data, "<script"));
	gs_buf_release(&svg);
	fold_free(&f);
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_debug1_matches_debug2),
		cmocka_unit_test(test_filtered),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_flame_svg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
