/* test_parser.c - the goroutine dump parser, one case of FORMATS §1 per test, plus the
 * chunking and conservation properties on every sample. */
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

static struct gs_model *parse_chunked(const char *text, size_t len, size_t chunk)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;
	size_t off = 0;

	assert_non_null(m);
	p = gs_parser_new(m, "test");
	assert_non_null(p);
	while (off < len) {
		size_t n = chunk && len - off > chunk ? chunk : len - off;

		assert_int_equal(gs_parser_feed(p, text + off, n), 0);
		off += n;
	}
	assert_int_equal(gs_parser_finish(p), 0);
	gs_parser_free(p);
	return m;
}

static struct gs_model *parse(const char *text)
{
	return parse_chunked(text, strlen(text), 0);
}

static const struct gs_goroutine *by_id(const struct gs_model *m, uint64_t id)
{
	size_t i;

	for (i = 0; i < m->ngoroutines; i++)
		if (m->goroutines[i].id == id)
			return &m->goroutines[i];
	fail_msg("goroutine %llu not found", (unsigned long long)id);
	return NULL;
}

static const struct gs_frame *frame_at(const struct gs_model *m, const struct gs_goroutine *g,
                                       uint32_t i)
{
	assert_true(i < m->stacks[g->stack].len);
	return &m->frames[gs_stack_frames(m, g->stack)[i]];
}

static void assert_frame(const struct gs_model *m, const struct gs_frame *f, const char *func,
                         const char *file, uint32_t line)
{
	assert_string_equal(gs_str(m, f->func), func);
	assert_string_equal(gs_str(m, f->file), file);
	assert_int_equal(f->line, line);
}

static uint64_t g0_total(const struct gs_model *m)
{
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; i < m->ndumps; i++)
		n += m->dumps[i].g0_stacks;
	return n;
}

static uint64_t skipped_total(const struct gs_model *m)
{
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; i < m->ndumps; i++)
		n += m->dumps[i].skipped;
	return n;
}

/* Count header-shaped lines the way a grep would: the conservation reference. */
static uint64_t count_headers(const char *text)
{
	const char *p = text;
	uint64_t n = 0;

	while ((p = strstr(p, "goroutine ")) != NULL) {
		if ((p == text || p[-1] == '\n' || p[-1] == ' ' || p[-1] == '\xbf') && p[10] >= '0' && p[10] <= '9') {
			const char *e = strchr(p, '\n');
			size_t len = e ? (size_t)(e - p) : strlen(p);

			while (len && p[len - 1] == '\r')
				len--;
			if (len && p[len - 1] == ':' && memchr(p, '[', len))
				n++;
		}
		p += 10;
	}
	return n;
}

static void assert_conserved(const struct gs_model *m, const char *text)
{
	assert_int_equal(m->ngoroutines + g0_total(m) + skipped_total(m), count_headers(text));
}

static void test_basic_go121(void **state)
{
	static const char text[] =
		"goroutine 18 [running]:\n"
		"main.printStack()\n"
		"\t/Users/nick/gostackparse/test-fixtures/go121_createdby.go:23 +0x40\n"
		"main.main.func1()\n"
		"\t/Users/nick/gostackparse/test-fixtures/go121_createdby.go:16 +0x4c\n"
		"created by main.main in goroutine 1\n"
		"\t/Users/nick/gostackparse/test-fixtures/go121_createdby.go:14 +0x70\n"
		"\n"
		"goroutine 1 [semacquire]:\n"
		"sync.runtime_Semacquire(0x140000021a0?)\n"
		"\t/Users/nick/go/src/runtime/sema.go:62 +0x2c\n"
		"sync.(*WaitGroup).Wait(0x1400011a010)\n"
		"\t/Users/nick/go/src/sync/waitgroup.go:116 +0x74\n"
		"main.main()\n"
		"\t/Users/nick/gostackparse/test-fixtures/go121_createdby.go:18 +0x78\n";
	struct gs_model *m = parse(text);
	const struct gs_goroutine *g;

	(void)state;
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(m->ngoroutines, 2);
	g = by_id(m, 18);
	assert_string_equal(gs_str(m, g->state), "running");
	assert_int_equal(g->parent, 1);
	assert_int_equal(m->stacks[g->stack].len, 2);
	assert_frame(m, frame_at(m, g, 0), "main.printStack",
	             "/Users/nick/gostackparse/test-fixtures/go121_createdby.go", 23);
	assert_frame(m, &m->frames[g->creator], "main.main",
	             "/Users/nick/gostackparse/test-fixtures/go121_createdby.go", 14);
	g = by_id(m, 1);
	assert_string_equal(gs_str(m, g->state), "semacquire");
	assert_int_equal(g->creator, 0);
	assert_frame(m, frame_at(m, g, 1), "sync.(*WaitGroup).Wait", "/Users/nick/go/src/sync/waitgroup.go", 116);
	assert_string_equal(gs_str(m, m->stack_args[m->stacks[g->stack].first]), "(0x140000021a0?)");
	assert_int_equal(m->ndiags, 0);
	assert_conserved(m, text);
	gs_model_free(m);
}

static void test_header_suffixes(void **state)
{
	static const char text[] =
		"goroutine 22 [sleep, 1 minutes]:\n"
		"time.Sleep(0x3b9aca00)\n\t/x/time.go:188 +0xbf\n\n"
		"goroutine 7 [chan receive (nil chan), 229 minutes, locked to thread]:\n"
		"main.f()\n\t/x/main.go:5\n\n"
		"goroutine 9 [running (scan)]:\n"
		"main.g()\n\t/x/main.go:6\n\n"
		"goroutine 10 [select (durable), synctest bubble 3]:\n"
		"main.h()\n\t/x/main.go:7\n\n"
		"goroutine 11 [chan send (synctest), 2 minutes, synctest group 12]:\n"
		"main.h()\n\t/x/main.go:7\n\n"
		"goroutine 12 [GOMAXPROCS updater (idle)]:\n"
		"main.h()\n\t/x/main.go:7\n\n"
		"goroutine 13 [chan send (leaked)] {route: /v1/checkout}:\n"
		"main.h()\n\t/x/main.go:7\n\n"
		"goroutine 14 [chan receive (durable) (leaked) (scan), 3 minutes]:\n"
		"main.h()\n\t/x/main.go:7\n\n"
		"goroutine 15 [sync.WaitGroup.Wait (leaked) (durable), synctest bubble 4]:\n"
		"main.h()\n\t/x/main.go:7\n\n"
		"goroutine 16 [(leaked)]:\n"
		"main.h()\n\t/x/main.go:7\n";
	struct gs_model *m = parse(text);
	const struct gs_goroutine *g;

	(void)state;
	assert_int_equal(m->ngoroutines, 10);
	g = by_id(m, 22);
	assert_true(g->flags & GS_G_WAIT);
	assert_int_equal(g->wait, 1);
	g = by_id(m, 7);
	assert_string_equal(gs_str(m, g->state), "chan receive (nil chan)");
	assert_int_equal(g->wait, 229);
	assert_true(g->flags & GS_G_LOCKED);
	g = by_id(m, 9);
	assert_string_equal(gs_str(m, g->state), "running");
	assert_true(g->flags & GS_G_SCAN);
	g = by_id(m, 10);
	assert_string_equal(gs_str(m, g->state), "select");
	assert_true(g->flags & GS_G_DURABLE);
	assert_true(g->flags & GS_G_SYNCTEST);
	assert_int_equal(g->bubble, 3);
	g = by_id(m, 11);
	assert_int_equal(g->bubble, 12);
	assert_int_equal(g->wait, 2);
	g = by_id(m, 12);
	assert_string_equal(gs_str(m, g->state), "GOMAXPROCS updater (idle)");
	assert_false(g->flags & (GS_G_LEAKED | GS_G_DURABLE | GS_G_SCAN));
	/* attributes, not part of the state: a leaked sender groups with the others */
	g = by_id(m, 13);
	assert_string_equal(gs_str(m, g->state), "chan send");
	assert_true(g->flags & GS_G_LEAKED);
	assert_non_null(g->labels);
	g = by_id(m, 14);
	assert_string_equal(gs_str(m, g->state), "chan receive");
	assert_int_equal(g->flags & (GS_G_LEAKED | GS_G_DURABLE | GS_G_SCAN),
	                 GS_G_LEAKED | GS_G_DURABLE | GS_G_SCAN);
	assert_int_equal(g->wait, 3);
	g = by_id(m, 15);
	assert_string_equal(gs_str(m, g->state), "sync.WaitGroup.Wait");
	assert_true(g->flags & GS_G_LEAKED);
	assert_true(g->flags & GS_G_DURABLE);
	assert_int_equal(g->bubble, 4);
	/* nothing but an attribute: it is the state, not an empty one */
	g = by_id(m, 16);
	assert_string_equal(gs_str(m, g->state), "(leaked)");
	assert_false(g->flags & GS_G_LEAKED);
	assert_conserved(m, text);
	gs_model_free(m);
}

static void test_gp_header_and_fpsp(void **state)
{
	static const char text[] =
		"goroutine 1 gp=0xc000002380 m=0 mp=0x5c1e40 [running]:\n"
		"runtime/pprof.writeGoroutineStacks({0x567b78, 0xc00009a088})\n"
		"\truntime/pprof/pprof.go:743 +0x6a fp=0xc000049f60 sp=0xc000049f40 pc=0x46a8e1\n"
		"main.inl(...)\n"
		"\texample.com/shopd/main.go:57 pc=0x46a8e1\n"
		"runtime.goexit({})\n"
		"\truntime/asm_amd64.s:1695 +0x1 fp=0xc000049fe8 sp=0xc000049fe0 pc=0x46a8e1\n"
		"\n"
		"goroutine 5 gp=0xc000007a40 m=nil [chan receive]:\n"
		"main.f()\n\tC:/Users/me/my app/main.go:12 +0x1d\n";
	struct gs_model *m = parse(text);
	const struct gs_goroutine *g;

	(void)state;
	assert_int_equal(m->ngoroutines, 2);
	g = by_id(m, 1);
	assert_int_equal(m->stacks[g->stack].len, 3);
	assert_frame(m, frame_at(m, g, 0), "runtime/pprof.writeGoroutineStacks", "runtime/pprof/pprof.go", 743);
	assert_frame(m, frame_at(m, g, 1), "main.inl", "example.com/shopd/main.go", 57);
	/* canonical stack drops the trailing runtime.goexit */
	assert_int_equal(m->stacks[m->stacks[g->stack].canon].len, 2);
	g = by_id(m, 5);
	assert_string_equal(gs_str(m, g->state), "chan receive");
	assert_frame(m, frame_at(m, g, 0), "main.f", "C:/Users/me/my app/main.go", 12);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

static void test_function_names(void **state)
{
	static const char text[] =
		"goroutine 3 [select]:\n"
		"main.(*T[...]).M(0xc000010000, {0x1, 0x2}, ...)\n\t/a/b.go:1 +0x1\n"
		"main.Map[...](...)\n\t/a/b.go:2\n"
		"main.main.func1.2()\n\t/a/b.go:3 +0x2\n"
		"pkg.(*T).M-fm(_, 0x0?)\n\t/a/b.go:4 +0x3\n"
		"main.glob..func1()\n\t/a/b.go:5\n"
		"gopkg.in/yaml%2ev2.(*decoder).unmarshal({})\n\t/a/b.go:6\n"
		"type:.eq.[2]interface {}(0x1)\n\t<autogenerated>:1 +0x4\n"
		"created by net/http.(*Server).Serve\n\t/usr/go/net/http/server.go:3285 +0x4b4\n";
	struct gs_model *m = parse(text);
	const struct gs_goroutine *g;

	(void)state;
	g = by_id(m, 3);
	assert_int_equal(m->stacks[g->stack].len, 7);
	assert_string_equal(gs_str(m, frame_at(m, g, 0)->func), "main.(*T[...]).M");
	assert_string_equal(gs_str(m, frame_at(m, g, 1)->func), "main.Map[...]");
	assert_string_equal(gs_str(m, frame_at(m, g, 2)->func), "main.main.func1.2");
	assert_string_equal(gs_str(m, frame_at(m, g, 3)->func), "pkg.(*T).M-fm");
	assert_string_equal(gs_str(m, frame_at(m, g, 4)->func), "main.glob..func1");
	assert_string_equal(gs_str(m, frame_at(m, g, 5)->func), "gopkg.in/yaml%2ev2.(*decoder).unmarshal");
	assert_frame(m, frame_at(m, g, 6), "type:.eq.[2]interface {}", "<autogenerated>", 1);
	assert_int_equal(g->parent, 0);
	assert_frame(m, &m->frames[g->creator], "net/http.(*Server).Serve", "/usr/go/net/http/server.go", 3285);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

static void test_elided_ancestors_unavailable(void **state)
{
	static const char text[] =
		"goroutine 4 [running]:\n"
		"main.a()\n\t/a.go:1\n"
		"...51 frames elided...\n"
		"main.b()\n\t/a.go:2\n"
		"created by main.main in goroutine 1\n\t/a.go:3 +0x1\n"
		"[originating from goroutine 1]:\n"
		"main.main(...)\n\t/a.go:9 +0x2\n"
		"...additional frames elided...\n"
		"created by runtime.main\n\t/proc.go:1 +0x3\n"
		"\n"
		"goroutine 6 [running]:\n"
		"\tgoroutine running on other thread; stack unavailable\n"
		"created by main.main\n\t/a.go:4 +0x1\n";
	struct gs_model *m = parse(text);
	const struct gs_goroutine *g;

	(void)state;
	assert_int_equal(m->ngoroutines, 2);
	g = by_id(m, 4);
	assert_int_equal(m->stacks[g->stack].len, 2);
	assert_true(m->stacks[g->stack].flags & GS_STACK_ELIDED);
	assert_frame(m, &m->frames[g->creator], "main.main", "/a.go", 3);
	g = by_id(m, 6);
	assert_true(g->flags & GS_G_UNAVAILABLE);
	assert_int_equal(g->stack, 0);
	assert_frame(m, &m->frames[g->creator], "main.main", "/a.go", 4);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

static void test_panic_preamble_and_signal(void **state)
{
	static const char text[] =
		"panic: runtime error: invalid memory address or nil pointer dereference\n"
		"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f5a2]\n"
		"\n"
		"goroutine 1 [running]:\n"
		"main.main()\n\t/home/user/x.go:8 +0x1d\n"
		"exit status 2\n";
	struct gs_model *m = parse(text);

	(void)state;
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(m->ngoroutines, 1);
	assert_string_equal(gs_str(m, m->dumps[0].panic),
	                    "panic: runtime error: invalid memory address or nil pointer dereference");
	assert_string_equal(gs_str(m, m->dumps[0].signal),
	                    "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f5a2]");
	assert_int_equal(m->sources[0].skipped_lines, 0);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

static void test_sigquit_g0_registers(void **state)
{
	static const char text[] =
		"SIGQUIT: quit\n"
		"PC=0x46d581 m=0 sigcode=0\n"
		"\n"
		"goroutine 0 gp=0x62a6e0 m=0 mp=0x62aca0 [idle]:\n"
		"runtime.futex(...)\n\t/usr/local/go/src/runtime/sys_linux_amd64.s:553 +0x21\n"
		"\n"
		"goroutine 1 gp=0xc0000061c0 m=nil [select]:\n"
		"main.main()\n\t/a.go:1 +0x1\n"
		"\n"
		"rax    0xca\nrbx    0x0\nrip    0x46d581\nrflags 0x286\ncs     0x33\n"
		"\n-----\n\n"
		"SIGQUIT: quit\n"
		"PC=0x4705a3 m=2 sigcode=0\n"
		"\n"
		"goroutine 0 gp=0xc000006a80 m=2 mp=0xc000048808 [idle]:\n"
		"runtime.futex(...)\n\t/usr/local/go/src/runtime/sys_linux_amd64.s:553 +0x21\n"
		"\n"
		"rax    0xca\n";
	struct gs_model *m = parse(text);

	(void)state;
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(m->ngoroutines, 1);
	assert_int_equal(m->dumps[0].g0_stacks, 2);
	assert_string_equal(gs_str(m, m->dumps[0].signal), "SIGQUIT: quit");
	assert_int_equal(m->sources[0].skipped_lines, 0);
	assert_conserved(m, text);
	gs_model_free(m);
}

static void test_runtime_stack_and_race(void **state)
{
	static const char text[] =
		"fatal error: unexpected signal during runtime execution\n"
		"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1]\n"
		"\n"
		"runtime stack:\n"
		"runtime.throw({0x4b6a1e?, 0x0?})\n\t/usr/local/go/src/runtime/panic.go:992 +0x71\n"
		"\n"
		"goroutine 1 [running]:\n"
		"main.main()\n\t/a.go:1 +0x1\n"
		"\n"
		"==================\n"
		"WARNING: DATA RACE\n"
		"Read at 0x00c000012345 by goroutine 7:\n"
		"  main.f()\n      /a.go:5 +0x1\n"
		"\n"
		"Previous write at 0x00c000012345 by goroutine 6:\n"
		"  main.g()\n      /a.go:6 +0x1\n"
		"==================\n";
	struct gs_model *m = parse(text);

	(void)state;
	assert_int_equal(m->ngoroutines, 1);
	assert_string_equal(gs_str(m, m->dumps[0].panic),
	                    "fatal error: unexpected signal during runtime execution");
	assert_int_equal(m->dumps[0].races, 1);
	assert_int_equal(m->nframes, 2); /* main.main only: runtime stack and race frames are not goroutines */
	gs_model_free(m);
}

static void test_labels(void **state)
{
	static const char text[] =
		"goroutine 44 [chan receive labels:{\"tenant\": \"acme\", \"route\": \"/v1/cart\"}]:\n"
		"main.f()\n\t/a.go:1 +0x1\n\n"
		"goroutine 8 [chan receive, 3 minutes] {route: /v1/cart, tenant: acme}:\n"
		"main.f()\n\t/a.go:1 +0x1\n\n"
		/* a "{" before the labels' own (goroutine.c labels_at finds "labels:{" by it) */
		"goroutine 9 [chan receive {x}labels:{\"tenant\": \"beta\"}]:\n"
		"main.f()\n\t/a.go:1 +0x1\n";
	struct gs_model *m = parse(text);
	const struct gs_goroutine *a, *b, *c;

	(void)state;
	a = by_id(m, 44);
	b = by_id(m, 8);
	assert_string_equal(gs_str(m, a->state), "chan receive");
	assert_string_equal(gs_str(m, b->state), "chan receive");
	assert_int_equal(b->wait, 3);
	assert_int_not_equal(a->labels, 0);
	assert_int_equal(a->labels, b->labels); /* both forms, one canonical set */
	assert_string_equal(gs_str(m, gs_labels_value(m, a->labels, "tenant", 6)), "acme");
	assert_string_equal(gs_str(m, gs_labels_value(m, a->labels, "route", 5)), "/v1/cart");
	c = by_id(m, 9);
	assert_string_equal(gs_str(m, gs_labels_value(m, c->labels, "tenant", 6)), "beta");
	gs_model_free(m);
}

static void test_two_dumps(void **state)
{
	static const char text[] =
		"goroutine 1 [running]:\nmain.main()\n\t/a.go:1 +0x1\n\n"
		"goroutine 5 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 30 [running]:\nmain.main()\n\t/a.go:1 +0x1\n\n"
		"goroutine 5 [select, 1 minutes]:\nmain.w()\n\t/a.go:2 +0x1\n";
	struct gs_model *m = parse(text);

	(void)state;
	assert_int_equal(m->ndumps, 2);
	/* the [running] writer of the second dump moves to it */
	assert_int_equal(m->dumps[0].ng, 2);
	assert_int_equal(m->dumps[1].ng, 2);
	assert_int_equal(m->goroutines[m->dumps[1].first_g].id, 30);
	assert_int_equal(m->dumps[1].first_line, 9);
	gs_model_free(m);
}

/* The ids' bitmap is a window (goroutine.c): ids far apart, first high then low, then a
 * repeat of each end; the window grows down and up and still knows every id. */
static void test_ids_far_apart(void **state)
{
	static const char text[] =
		"goroutine 9000000 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 70 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 4000001 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 67108870 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 9000001 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 70 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 9000000 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 69 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 9000000 [select]:\nmain.w()\n\t/a.go:2 +0x1\n";
	struct gs_model *m = parse(text);

	(void)state;
	/* 70 repeats: a second dump; 9000000 repeats in it: a third */
	assert_int_equal(m->ndumps, 3);
	assert_int_equal(m->dumps[0].ng, 5);
	assert_int_equal(m->dumps[1].ng, 3);
	assert_int_equal(m->dumps[2].ng, 1);
	assert_int_equal(m->goroutines[m->dumps[1].first_g].id, 70);
	assert_int_equal(m->goroutines[m->dumps[2].first_g].id, 9000000);
	gs_model_free(m);
}

static void test_truncated_and_bad(void **state)
{
	static const char text[] =
		"goroutine 1 [running]:\nmain.main()\n\t/a.go:1 +0x1\n\n"
		"goroutine 99999999999999999999999 [select]:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 2 [select:\nmain.w()\n\t/a.go:2 +0x1\n\n"
		"goroutine 3 [chan receive]:\nmain.w()\n\t/a.go:2 +0x1\nmain.x(0x1";
	struct gs_model *m = parse(text);
	const struct gs_goroutine *g;
	size_t i;
	int saw_overflow = 0;

	(void)state;
	/* the overflowing id and the header without ']' are reported skipped, with lines */
	assert_int_equal(m->ngoroutines, 2);
	assert_int_equal(skipped_total(m), 2);
	assert_conserved(m, text);
	g = by_id(m, 3);
	assert_int_equal(m->stacks[g->stack].len, 1);
	/* the input ends inside "main.x(0x1": the goroutine and its dump are marked cut */
	assert_true(g->flags & GS_G_TRUNCATED);
	assert_true(m->dumps[g->dump].flags & GS_DUMP_TRUNCATED);
	for (i = 0; i < m->ndiags; i++)
		if (m->diags[i].line == 5 && strstr(gs_str(m, m->diags[i].message), "64 bits"))
			saw_overflow = 1;
	assert_true(saw_overflow);
	assert_true(m->worst >= GS_WARNING);
	gs_model_free(m);
}

/* The frame cache (function + file line text -> frame): the same function at other lines,
 * another function with the same file line, and more distinct file lines than its text
 * arena holds (it starts afresh) must each still give their own frame. */
static void test_frame_cache(void **state)
{
	enum { NG = 24000 };
	size_t cap = (size_t)NG * 200, len = 0;
	char *text = malloc(cap);
	struct gs_model *m;
	int i;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < NG; i++)
		len += (size_t)snprintf(text + len, cap - len,
		                        "goroutine %d [select]:\n"
		                        "main.%s(0x1)\n\t/src/app/some/longer/path/file%d.go:%d +0x1d\n"
		                        "main.g()\n\t/src/app/g.go:%d +0x2\n\n",
		                        i + 1, i % 3 ? "f" : "h", i % 2 ? 7000 + i : 1, i % 5 + 1, i % 4);
	m = parse_chunked(text, len, 0);
	assert_int_equal(m->ngoroutines, NG);
	for (i = 0; i < NG; i++) {
		const struct gs_goroutine *g = &m->goroutines[i];
		char file[64];

		snprintf(file, sizeof file, "/src/app/some/longer/path/file%d.go", i % 2 ? 7000 + i : 1);
		assert_int_equal(g->id, (uint64_t)i + 1);
		assert_frame(m, frame_at(m, g, 0), i % 3 ? "main.f" : "main.h", file, (uint32_t)(i % 5 + 1));
		assert_frame(m, frame_at(m, g, 1), "main.g", "/src/app/g.go", (uint32_t)(i % 4));
	}
	gs_model_free(m);
	free(text);
}

/* Only runtime frames: the where is the start function, not runtime.gopark. */
static void test_runtime_only_where(void **state)
{
	static const char text[] =
		"goroutine 2 [force gc (idle)]:\n"
		"runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)\n\t/go/src/runtime/proc.go:363 +0xd6\n"
		"runtime.goparkunlock(...)\n\t/go/src/runtime/proc.go:369\n"
		"runtime.forcegchelper()\n\t/go/src/runtime/proc.go:302 +0xad\n"
		"runtime.goexit()\n\t/go/src/runtime/asm_amd64.s:1594 +0x1\n"
		"created by runtime.init.6\n\t/go/src/runtime/proc.go:290 +0x25\n";
	struct gs_model *m = parse(text);
	const struct gs_goroutine *g = by_id(m, 2);

	(void)state;
	assert_int_equal(m->stacks[m->stacks[g->stack].canon].len, 3);
	assert_string_equal(gs_str(m, m->frames[gs_stack_where(m, g->stack)].func),
	                    "runtime.forcegchelper");
	gs_model_free(m);
}

static void test_binary_input(void **state)
{
	static const unsigned char gz[] = { 0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 };
	static const unsigned char proto[] = { 0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x00, 0x12 };
	struct gs_model *m = parse_chunked((const char *)gz, sizeof(gz), 1);

	(void)state;
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(m->dumps[0].kind, GS_KIND_BINARY);
	assert_int_equal(m->ndiags, 1);
	assert_non_null(strstr(gs_str(m, m->diags[0].message), "gzip"));
	assert_int_equal(m->worst, GS_ERROR);
	gs_model_free(m);
	m = parse_chunked((const char *)proto, sizeof(proto), 3);
	assert_non_null(strstr(gs_str(m, m->diags[0].message), "protobuf"));
	gs_model_free(m);
}

static void test_nothing_found(void **state)
{
	struct gs_model *m = parse("hello\nworld\n");

	(void)state;
	assert_int_equal(m->ngoroutines, 0);
	assert_int_equal(m->worst, GS_ERROR);
	assert_int_equal(m->sources[0].skipped_lines, 2);
	gs_model_free(m);
}

/* ---- properties over the committed samples ---- */

/* Everything the model holds, as text: two models are equal when these are. */
static void model_text(const struct gs_model *m, FILE *out)
{
	size_t i, k;

	for (i = 0; i < m->ndumps; i++)
		fprintf(out, "dump %zu kind %d lines %llu-%llu g %zu+%zu g0 %llu sk %llu\n", i,
		        m->dumps[i].kind, (unsigned long long)m->dumps[i].first_line,
		        (unsigned long long)m->dumps[i].last_line, m->dumps[i].first_g, m->dumps[i].ng,
		        (unsigned long long)m->dumps[i].g0_stacks, (unsigned long long)m->dumps[i].skipped);
	for (i = 0; i < m->ngoroutines; i++) {
		const struct gs_goroutine *g = &m->goroutines[i];

		fprintf(out, "g %llu %s %u %x %llu:", (unsigned long long)g->id, gs_str(m, g->state),
		        g->wait, g->flags, (unsigned long long)g->line);
		for (k = 0; k < m->stacks[g->stack].len; k++) {
			const struct gs_frame *f = &m->frames[gs_stack_frames(m, g->stack)[k]];

			fprintf(out, " %s@%s:%u", gs_str(m, f->func), gs_str(m, f->file), f->line);
		}
		fputc('\n', out);
	}
	for (i = 0; i < m->ndiags; i++)
		fprintf(out, "diag %llu %s\n", (unsigned long long)m->diags[i].line,
		        gs_str(m, m->diags[i].message));
	fprintf(out, "skipped lines %llu\n", (unsigned long long)m->sources[0].skipped_lines);
}

static char *model_string(const struct gs_model *m)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	model_text(m, f);
	fclose(f);
	return s;
}

static const char *const samples[] = {
	"../samples/goroutine.debug2.txt", "../samples/incident.crlf.txt",
	"../samples/incident.indented.md", "../samples/incident.tabs-as-spaces.txt",
	"../samples/incident.logprefix.txt", "../samples/incident.truncated.txt",
	"../samples/incident.two-dumps.txt", "../samples/incident.bom.txt",
	"../samples/panic.txt", "../samples/sigquit.txt",
};

static void test_samples_chunking_and_conservation(void **state)
{
	size_t i, len, c;

	(void)state;
	srand(42);
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char *text = tu_slurp(samples[i], &len), *whole, *other;
		struct gs_model *m;

		if (text == NULL)
			fail_msg("missing sample %s", samples[i]);
		m = parse_chunked(text, len, 0);
		assert_true(m->ngoroutines > 0);
		assert_conserved(m, text);
		whole = model_string(m);
		gs_model_free(m);
		for (c = 0; c < 3; c++) {
			size_t chunk = c == 0 ? 1 : (size_t)(rand() % 4096) + 1;

			m = parse_chunked(text, len, chunk);
			other = model_string(m);
			if (strcmp(whole, other) != 0)
				fail_msg("%s: chunks of %zu give a different model", samples[i], chunk);
			free(other);
			gs_model_free(m);
		}
		free(whole);
		free(text);
	}
}

/* Every incident variant reads as the same goroutines as the clean dump. */
static void test_incident_variants_match_clean(void **state)
{
	static const char *const same[] = {
		"../samples/incident.crlf.txt", "../samples/incident.indented.md",
		"../samples/incident.tabs-as-spaces.txt", "../samples/incident.logprefix.txt",
		"../samples/incident.bom.txt",
	};
	size_t i, len, k;
	char *text = tu_slurp("../samples/goroutine.debug2.txt", &len);
	struct gs_model *clean;

	(void)state;
	assert_non_null(text);
	clean = parse_chunked(text, len, 0);
	free(text);
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		struct gs_model *m;

		text = tu_slurp(same[i], &len);
		assert_non_null(text);
		m = parse_chunked(text, len, 0);
		if (m->ngoroutines != clean->ngoroutines)
			fail_msg("%s: %zu goroutines, clean dump has %zu", same[i], m->ngoroutines,
			         clean->ngoroutines);
		for (k = 0; k < m->ngoroutines; k++) {
			const struct gs_goroutine *a = &m->goroutines[k], *b = &clean->goroutines[k];

			assert_int_equal(a->id, b->id);
			assert_string_equal(gs_str(m, a->state), gs_str(clean, b->state));
			assert_int_equal(m->stacks[a->stack].len, clean->stacks[b->stack].len);
			if (a->stack)
				assert_frame(m, frame_at(m, a, 0), gs_str(clean, frame_at(clean, b, 0)->func),
				             gs_str(clean, frame_at(clean, b, 0)->file),
				             frame_at(clean, b, 0)->line);
		}
		gs_model_free(m);
		free(text);
	}
	gs_model_free(clean);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_go121),
		cmocka_unit_test(test_header_suffixes),
		cmocka_unit_test(test_gp_header_and_fpsp),
		cmocka_unit_test(test_function_names),
		cmocka_unit_test(test_elided_ancestors_unavailable),
		cmocka_unit_test(test_panic_preamble_and_signal),
		cmocka_unit_test(test_sigquit_g0_registers),
		cmocka_unit_test(test_runtime_stack_and_race),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_two_dumps),
		cmocka_unit_test(test_ids_far_apart),
		cmocka_unit_test(test_truncated_and_bad),
		cmocka_unit_test(test_runtime_only_where),
		cmocka_unit_test(test_frame_cache),
		cmocka_unit_test(test_binary_input),
		cmocka_unit_test(test_nothing_found),
		cmocka_unit_test(test_samples_chunking_and_conservation),
		cmocka_unit_test(test_incident_variants_match_clean),
	};

	return cmocka_run_group_tests_name("parser", tests, NULL, NULL);
}
