/* test_model.c - the model (parser/model.c): hash-consed frames and stacks, canonical
 * stacks, function classes, labels in every form, the diagnostics cap. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "model.h"
#include "testutil.h"

static void test_frames_and_stacks(void **state)
{
	struct gs_model *m = gs_model_new();
	uint32_t f[4], s1, s2, s3, s4;

	(void)state;
	f[0] = tu_frame(m, "runtime.gopark", "runtime/proc.go", 363);
	f[1] = tu_frame(m, "runtime.chanrecv", "runtime/chan.go", 583);
	f[2] = tu_frame(m, "main.worker", "main.go", 12);
	f[3] = tu_frame(m, "runtime.goexit", "runtime/asm_amd64.s", 1594);
	assert_int_equal(tu_frame(m, "main.worker", "main.go", 12), f[2]);
	assert_int_not_equal(tu_frame(m, "main.worker", "main.go", 13), f[2]);
	s1 = gs_model_stack(m, f, NULL, 4, 0);
	s2 = gs_model_stack(m, f, NULL, 4, 0);
	assert_int_equal(s1, s2);
	/* canonical: leading runtime frames and the trailing goexit dropped */
	s3 = m->stacks[s1].canon;
	assert_int_equal(m->stacks[s3].len, 1);
	assert_int_equal(gs_stack_frames(m, s3)[0], f[2]);
	/* the debug=1 form of the same stack (no runtime frames, no goexit) is that stack */
	s4 = gs_model_stack(m, f + 2, NULL, 1, 0);
	assert_int_equal(s4, s3);
	assert_int_equal(gs_stack_where(m, s1), f[2]);
	/* an elided stack is another full stack with the same canonical stack */
	s2 = gs_model_stack(m, f, NULL, 4, GS_STACK_ELIDED);
	assert_int_not_equal(s2, s1);
	assert_int_equal(m->stacks[s2].canon, s3);
	assert_int_equal(gs_model_stack(m, f, NULL, 0, 0), 0);
	gs_model_free(m);
}

/* --by source names a URL and a file fetch saved by host:port, anything else as given. */
static void test_source_labels(void **state)
{
	static const char *const cases[][2] = {
		{ "http://10.0.0.5:6060/debug/pprof/goroutine?debug=2", "10.0.0.5:6060" },
		{ "https://user@host.example:443", "host.example:443" },
		{ "10.0.0.5:6060/debug/pprof/goroutine?debug=2", "10.0.0.5:6060" },
		{ "dumps/10.1.1.10_8001.goroutine.20261128T161410Z.txt", "10.1.1.10:8001" },
		{ "localhost_6060.heap.20261128T161410Z.txt.gz", "localhost:6060" },
		{ "dumps/notes_1.goroutine.today.txt", "dumps/notes_1.goroutine.today.txt" },
		{ "ticket.txt", "ticket.txt" },
		{ "-", "-" },
	};
	struct gs_model *m = gs_model_new();
	size_t i;
	uint32_t s;

	(void)state;
	assert_non_null(m);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = gs_model_source(m, cases[i][0]);
		assert_int_not_equal(s, UINT32_MAX);
		assert_string_equal(gs_str(m, m->sources[s].label), cases[i][1]);
	}
	gs_model_free(m);
}

static void test_func_classes(void **state)
{
	(void)state;
	assert_true(gs_func_is_runtime("runtime.gopark", 14));
	assert_false(gs_func_is_runtime("runtime/pprof.writeGoroutine", 28));
	assert_false(gs_func_is_runtime("sync.runtime_Semacquire", 23));
	/* runtime.gopanic as Go 1.20 and before print it: where is its caller */
	assert_true(gs_func_is_runtime("panic", 5));
	assert_false(gs_func_is_runtime("panicky.F", 9));
	assert_true(gs_func_is_stdlib("sync.(*Mutex).Lock", 18));
	assert_true(gs_func_is_stdlib("net/http.(*conn).serve", 22));
	assert_false(gs_func_is_stdlib("main.main", 9));
	assert_false(gs_func_is_stdlib("github.com/x/y.F", 16));
	assert_false(gs_func_is_stdlib("gopkg.in/yaml%2ev2.(*decoder).unmarshal", 39));
	/* the root decides, not a dot: module paths without one are user code */
	assert_false(gs_func_is_stdlib("myservice/internal/db.(*Pool).get", 33));
	assert_false(gs_func_is_stdlib("app.handler", 11));
	assert_false(gs_func_is_stdlib("syncx.Do", 8));          /* a prefix of no root */
	assert_false(gs_func_is_stdlib("sy.Do", 5));
	assert_true(gs_func_is_stdlib("internal/poll.runtime_pollWait", 30));
	assert_true(gs_func_is_stdlib("iter.Pull[...].func1", 20));
	assert_true(gs_func_is_stdlib("weak.Make[...]", 14));
	assert_true(gs_func_is_stdlib("vendor/golang.org/x/net/http2.(*Framer).ReadFrame", 49));
	assert_true(gs_func_is_stdlib("archive/tar.(*Reader).Next", 26));
	assert_true(gs_func_is_stdlib("weak", 4));
	assert_false(gs_func_is_stdlib("", 0));
	assert_false(gs_func_is_stdlib("zzz.F", 5));
}

static void test_labels_forms(void **state)
{
	struct gs_model *m = gs_model_new();
	int bad;
	uint32_t a, b, c;
	const char *s, *k, *v;
	size_t pos = 0, kl, vl, len;

	(void)state;
	a = gs_labels_intern(m, "{\"route\":\"/v1/cart\", \"tenant\":\"acme\"}", 37, &bad);
	assert_false(bad);
	b = gs_labels_intern(m, "{\"tenant\": \"acme\", \"route\": \"/v1/cart\"}", 39, &bad);
	assert_false(bad);
	c = gs_labels_intern(m, "{route: /v1/cart, tenant: acme}", 31, &bad);
	assert_false(bad);
	assert_int_not_equal(a, 0);
	assert_int_equal(a, b);
	assert_int_equal(a, c);
	s = gs_str(m, a);
	len = gs_intern_len(m->strings, a);
	assert_true(gs_label_next(s, len, &pos, &k, &kl, &v, &vl));
	assert_memory_equal(k, "route", 5);
	assert_memory_equal(v, "/v1/cart", 8);
	assert_true(gs_label_next(s, len, &pos, &k, &kl, &v, &vl));
	assert_memory_equal(k, "tenant", 6);
	assert_false(gs_label_next(s, len, &pos, &k, &kl, &v, &vl));
	/* %q escapes are undone */
	a = gs_labels_intern(m, "{\"job\":\"reindex \\\"nightly\\\"\"}", 29, &bad);
	assert_false(bad);
	assert_string_equal(gs_str(m, gs_labels_value(m, a, "job", 3)), "reindex \"nightly\"");
	assert_int_equal(gs_labels_intern(m, "{}", 2, &bad), 0);
	assert_false(bad);
	assert_int_equal(gs_labels_intern(m, "{\"k\":\"v", 7, &bad), 0);
	assert_true(bad);
	gs_model_free(m);
}

static void test_diag_cap(void **state)
{
	struct gs_model *m = gs_model_new();
	uint32_t src = gs_model_source(m, "x");
	int i;

	(void)state;
	for (i = 0; i < GS_MAX_DIAGS_PER_SOURCE + 50; i++)
		gs_model_diag(m, GS_WARNING, src, (uint64_t)i + 1, "near", 4, "problem %d", i);
	assert_int_equal(m->ndiags, GS_MAX_DIAGS_PER_SOURCE);
	assert_int_equal(m->diags_dropped, 50);
	assert_int_equal(m->worst, GS_WARNING);
	assert_string_equal(gs_str(m, m->diags[3].message), "problem 3");
	assert_string_equal(gs_str(m, m->diags[3].near), "near");
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frames_and_stacks),
		cmocka_unit_test(test_source_labels),
		cmocka_unit_test(test_func_classes),
		cmocka_unit_test(test_labels_forms),
		cmocka_unit_test(test_diag_cap),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
