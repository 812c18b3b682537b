/* test_paste.c - the shapes of a wrapped dump line, re-typed characters, JSON log entries. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "buf.h"
#include "paste.h"
#include "testutil.h"

#define SHAPE(s, whole) paste_shape((s), strlen(s), (whole))

static void test_shapes_whole_and_cut(void **state)
{
	int whole;

	(void)state;
	assert_int_equal(SHAPE("main.f(0x1, {0x2, 0x3})", &whole), PASTE_FUNC);
	assert_true(whole);
	assert_int_equal(SHAPE("main.f(0x1, {0x2, 0x", &whole), PASTE_FUNC);
	assert_false(whole);
	assert_int_equal(SHAPE("\t/app/main.go:12 +0x1d", &whole), PASTE_FILE);
	assert_true(whole);
	assert_int_equal(SHAPE("/app/main.go:12 +0x1d", &whole), PASTE_FILE); /* indentation lost */
	assert_true(whole);
	assert_int_equal(SHAPE("\t/app/internal/very/long/pa", &whole), PASTE_FILE);
	assert_false(whole);
	/* GOTRACEBACK=crash before Go 1.5: fp= and sp=, no pc= */
	assert_int_equal(SHAPE("\t/goroot/src/runtime/lock_futex.go:201 +0x52 fp=0xc208018f68 "
	                       "sp=0xc208018f40", &whole), PASTE_FILE);
	assert_true(whole);
	assert_int_equal(SHAPE("created by main.main in goroutine 1", &whole), PASTE_CREATED);
	assert_int_equal(SHAPE("goroutine 1 [running]:", &whole), PASTE_HEADER);
	assert_true(whole);
	/* prose is no dump line */
	assert_int_equal(SHAPE("alice: here is the dump (from prod)", &whole), PASTE_NONE);
}

/* a + b as paste_join makes them, or NULL when it does not join them */
static char *joined(const char *a, const char *b, struct gs_buf *ab)
{
	int whole;
	enum paste_shape shape = paste_shape(a, strlen(a), &whole);
	int rc = paste_join(a, strlen(a), shape, whole, b, strlen(b), ab);

	assert_true(rc >= -1);
	if (rc < 0)
		return NULL;
	assert_int_equal(gs_buf_add(ab, "", 1), 0);
	return ab->data;
}

static void test_join(void **state)
{
	struct gs_buf ab = GS_BUF_INIT;
	char *j;

	(void)state;
	j = joined("main.recvWorker(0x0?, {0x579f4e?, 0x0?}, 0x", "0?)", &ab);
	assert_non_null(j);
	assert_string_equal(j, "main.recvWorker(0x0?, {0x579f4e?, 0x0?}, 0x0?)");
	j = joined("\t/build/gostacks/samples/gen/child.go:64", " +0x3c", &ab);
	assert_non_null(j);
	assert_string_equal(j, "\t/build/gostacks/samples/gen/child.go:64 +0x3c");
	/* a whole function line does not go on in the next one */
	assert_null(joined("main.main()", "\t/app/main.go:5 +0x1d", &ab));
	gs_buf_release(&ab);
}

static void test_retype(void **state)
{
	struct gs_buf out = GS_BUF_INIT;
	const char *in = "\xe2\x80\xa6" "51 frames elided" "\xe2\x80\xa6";
	const char *nbsp = "\xc2\xa0\xc2\xa0/app/main.go:5 +0x1d";
	const char *quotes = "goroutine 4 [select] {tenant: \xe2\x80\x9c" "acme corp\xe2\x80\x9d}:";

	(void)state;
	assert_int_equal(paste_retype(in, strlen(in), &out), 1);
	assert_int_equal(out.len, strlen("...51 frames elided..."));
	assert_memory_equal(out.data, "...51 frames elided...", out.len);
	gs_buf_reset(&out);
	assert_int_equal(paste_retype(nbsp, strlen(nbsp), &out), 1);
	assert_memory_equal(out.data, "  /app/main.go:5 +0x1d", out.len);
	gs_buf_reset(&out);
	assert_int_equal(paste_retype(quotes, strlen(quotes), &out), 1);
	assert_memory_equal(out.data, "goroutine 4 [select] {tenant: \"acme corp\"}:", out.len);
	gs_buf_reset(&out);
	assert_int_equal(paste_retype("main.main()", 11, &out), 0);
	gs_buf_release(&out);
}

static void test_json_entries(void **state)
{
	struct gs_buf out = GS_BUF_INIT;
	const char *docker = "{\"log\":\"\\tmain.go:5 +0x1d\\n\",\"stream\":\"stderr\","
	                     "\"time\":\"2024-05-01T10:00:00.1Z\"}";
	const char *msg = "{\"level\":\"error\",\"msg\":\"goroutine 1 [running]:\\nmain.main()\\n\","
	                  "\"ts\":1}";
	const char *plain = "{\"level\":\"info\",\"count\":3}";

	(void)state;
	assert_int_equal(paste_json_text(docker, strlen(docker), &out), PASTE_JSON_LOG);
	assert_int_equal(out.len, strlen("\tmain.go:5 +0x1d\n"));
	assert_memory_equal(out.data, "\tmain.go:5 +0x1d\n", out.len);
	gs_buf_reset(&out);
	assert_int_equal(paste_json_text(msg, strlen(msg), &out), PASTE_JSON_MSG);
	assert_memory_equal(out.data, "goroutine 1 [running]:\nmain.main()\n", out.len);
	gs_buf_reset(&out);
	assert_int_equal(paste_json_text(plain, strlen(plain), &out), 0);
	gs_buf_release(&out);
}

/* Two crashes pasted newest line first (a log viewer's order, `tac`): each one's panic and
 * signal lines come after its goroutines. Each stays one dump, with its text, and the
 * goroutine that failed is the one Go printed first under the panic (read last here). */
static void test_reversed_crashes(void **state)
{
	static const char *const go_order[] = {
		"panic: first crash",
		"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a]",
		"",
		"goroutine 18 [running]:",
		"main.charge(0x1)",
		"\t/app/pay.go:69 +0x3c",
		"created by main.run in goroutine 1",
		"\t/app/pay.go:50 +0x8a",
		"",
		"goroutine 1 [chan receive]:",
		"main.main()",
		"\t/app/main.go:12 +0x1d",
		"",
		"panic: second crash",
		"",
		"goroutine 7 [running]:",
		"main.parse(...)",
		"\t/app/parse.go:9",
		"main.main()",
		"\t/app/main.go:30 +0x2f",
		"",
		"goroutine 3 [select]:",
		"main.loop()",
		"\t/app/loop.go:4 +0x11",
		"created by main.main in goroutine 1",
		"\t/app/main.go:20 +0x9",
	};
	size_t n = sizeof go_order / sizeof go_order[0], i, g;
	struct gs_buf text = GS_BUF_INIT;
	struct gs_model *m;

	(void)state;
	for (i = n; i > 0; i--) {
		assert_int_equal(gs_buf_add(&text, go_order[i - 1], strlen(go_order[i - 1])), 0);
		assert_int_equal(gs_buf_add(&text, "\n", 1), 0);
	}
	m = tu_parse_text("pasted", text.data, text.len);
	/* conservation: the four goroutines, in two dumps, nothing skipped */
	assert_int_equal(m->ngoroutines, 4);
	assert_int_equal(m->ndumps, 2);
	assert_int_equal(m->sources[0].skipped_lines, 0);
	/* the second crash is read first (it was printed last) */
	assert_string_equal(gs_str(m, m->dumps[0].panic), "panic: second crash");
	assert_int_equal(m->dumps[0].ng, 2);
	g = gs_dump_failed(m, 0);
	assert_true(g != SIZE_MAX);
	assert_int_equal(m->goroutines[g].id, 7);
	assert_string_equal(gs_str(m, m->dumps[1].panic), "panic: first crash");
	assert_non_null(strstr(gs_str(m, m->dumps[1].signal), "SIGSEGV"));
	assert_int_equal(m->dumps[1].ng, 2);
	g = gs_dump_failed(m, 1);
	assert_true(g != SIZE_MAX);
	assert_int_equal(m->goroutines[g].id, 18);
	gs_model_free(m);
	gs_buf_release(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes_whole_and_cut),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_retype),
		cmocka_unit_test(test_json_entries),
		cmocka_unit_test(test_reversed_crashes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
