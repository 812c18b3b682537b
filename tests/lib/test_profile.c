/* test_profile.c - the debug=1 profile parsers: goroutine, threadcreate, heap/allocs,
 * mutex/block; their model values, pprof's scaled estimates, bad input, chunking and
 * format switches inside one stream. Inputs are written here in the shapes of
 * FORMATS.md §2-§4 (tabwriter padding included). */
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
#include "parser.h"
#include "scale.h"

/* Parses text fed in pieces of `chunk` bytes (0 = one piece). */
static struct gs_model *parse_as(const char *name, const char *text, size_t chunk, int hint)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;
	size_t len = strlen(text), i;

	assert_non_null(m);
	p = gs_parser_new(m, name);
	assert_non_null(p);
	if (hint)
		gs_parser_set_kind_hint(p, (enum gs_kind)hint);
	if (chunk == 0)
		chunk = len ? len : 1;
	for (i = 0; i < len; i += chunk)
		assert_int_equal(gs_parser_feed(p, text + i, len - i < chunk ? len - i : chunk), 0);
	assert_int_equal(gs_parser_finish(p), 0);
	gs_parser_free(p);
	return m;
}

static struct gs_model *parse(const char *text)
{
	return parse_as("test.txt", text, 0, 0);
}

static const struct gs_frame *frame_at(const struct gs_model *m, uint32_t stack, uint32_t i)
{
	assert_true(stack != 0 && stack < m->nstacks);
	assert_true(i < m->stacks[stack].len);
	return &m->frames[gs_stack_frames(m, stack)[i]];
}

static void assert_frame(const struct gs_model *m, uint32_t stack, uint32_t i, const char *func,
                         const char *file, uint32_t line)
{
	const struct gs_frame *f = frame_at(m, stack, i);

	assert_string_equal(gs_str(m, f->func), func);
	assert_string_equal(gs_str(m, f->file), file);
	assert_int_equal(f->line, line);
}

/* The diagnostic on `line` whose message contains `part`, or NULL. */
static const struct gs_diag *find_diag(const struct gs_model *m, uint64_t line, const char *part)
{
	size_t i;

	for (i = 0; i < m->ndiags; i++)
		if (m->diags[i].line == line && strstr(gs_str(m, m->diags[i].message), part))
			return &m->diags[i];
	return NULL;
}

static const char *label(struct gs_model *m, uint32_t labels, const char *key)
{
	return gs_str(m, gs_labels_value(m, labels, key, strlen(key)));
}

/* ---- goroutine / threadcreate ---- */

static const char goroutine1[] =
	"goroutine profile: total 7\n"
	"3 @ 0x43a8d6 0x44a7b2 0x44a78d 0x46b0a5 0x4c2f1e 0x46d321\n"
	"# labels: {\"handler\":\"/api\", \"worker\":\"3\"}\n"
	"#\t0x44a78c\tsync.runtime_Semacquire+0x2c\t\t/usr/local/go/src/runtime/sema.go:62\n"
	"#\t0x46b0a4\tsync.(*WaitGroup).Wait+0x64\t\t/usr/local/go/src/sync/waitgroup.go:116\n"
	"#\t0x4c2f1d\tmain.worker+0x3d\t\t\tC:/app/main.go:40\n"
	"\n"
	"2 @ 0x4a6f25 0x46d321\n"
	"#   0x4a6f24    main.(*T[...]).M+0xc4    /app/my dir/t.go:734\n"
	"#\t0x4a6d44\n"
	"\n"
	"1 @ 0x4a6f25\n"
	"#\t0x4a6f24\truntime/pprof.writeRuntimeProfile+0xc4\t/usr/local/go/src/runtime/pprof/pprof.go:734\n"
	"\n"
	"1 @ 0x1\n";

static void test_goroutine1(void **state)
{
	struct gs_model *m = parse(goroutine1);
	const struct gs_dump *d;
	const struct gs_goroutine *g;

	(void)state;
	assert_int_equal(m->ndumps, 1);
	d = &m->dumps[0];
	assert_int_equal(d->kind, GS_KIND_GOROUTINE1);
	assert_true(d->flags & GS_DUMP_HAS_TOTAL);
	assert_int_equal(d->total, 7);
	assert_int_equal(d->ng, 4);
	assert_int_equal(d->skipped, 0);
	assert_int_equal(d->ns, 0);
	assert_int_equal(d->first_line, 1);
	assert_int_equal(d->last_line, 15);
	g = &m->goroutines[d->first_g];
	assert_int_equal(g[0].count, 3);
	assert_int_equal(g[0].id, 0);
	assert_int_equal(g[0].line, 2);
	assert_true(g[0].flags & GS_G_NOSTATE);
	assert_int_equal(g[0].state, 0);
	assert_int_equal(m->stacks[g[0].stack].len, 3);
	assert_frame(m, g[0].stack, 0, "sync.runtime_Semacquire", "/usr/local/go/src/runtime/sema.go",
	             62);
	assert_frame(m, g[0].stack, 1, "sync.(*WaitGroup).Wait", "/usr/local/go/src/sync/waitgroup.go",
	             116);
	assert_frame(m, g[0].stack, 2, "main.worker", "C:/app/main.go", 40);
	assert_string_equal(label(m, g[0].labels, "handler"), "/api");
	assert_string_equal(label(m, g[0].labels, "worker"), "3");
	/* tabs turned into spaces, a path with a space, an unknown function named by its PC */
	assert_int_equal(g[1].count, 2);
	assert_int_equal(g[1].labels, 0);
	assert_int_equal(m->stacks[g[1].stack].len, 2);
	assert_frame(m, g[1].stack, 0, "main.(*T[...]).M", "/app/my dir/t.go", 734);
	assert_frame(m, g[1].stack, 1, "0x4a6d44", "", 0);
	assert_frame(m, g[2].stack, 0, "runtime/pprof.writeRuntimeProfile",
	             "/usr/local/go/src/runtime/pprof/pprof.go", 734);
	/* a record with no frames (unsymbolised) at the end without a blank line */
	assert_int_equal(g[3].count, 1);
	assert_int_equal(g[3].stack, 0);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

static void test_threadcreate(void **state)
{
	/* old files: no blank lines between records, no frames */
	struct gs_model *m = parse("threadcreate profile: total 3\n"
	                           "1 @ 0x44cb3 0x45045\n"
	                           "2 @ 0x440e2 0x5191a\n");
	const struct gs_dump *d = &m->dumps[0];

	(void)state;
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(d->kind, GS_KIND_THREADCREATE);
	assert_int_equal(d->total, 3);
	assert_int_equal(d->ng, 2);
	assert_int_equal(m->goroutines[d->first_g + 1].count, 2);
	assert_int_equal(m->goroutines[d->first_g + 1].line, 3);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

static void test_total_mismatch(void **state)
{
	struct gs_model *m = parse("goroutine profile: total 45\n"
	                           "30 @ 0x1\n#\t0x0\tmain.a+0x0\t/a.go:1\n\n"
	                           "10 @ 0x2\n#\t0x1\tmain.b+0x0\t/a.go:2\n\n");
	const struct gs_diag *dg;

	(void)state;
	assert_int_equal(m->dumps[0].ng, 2);
	dg = find_diag(m, 1, "header says total 45 but records sum to 40: the paste may be cut");
	assert_non_null(dg);
	assert_int_equal(dg->level, GS_WARNING);
	gs_model_free(m);
}

/* ---- heap ---- */

static const char heap1[] =
	"heap profile: 6: 8704 [9: 16992] @ heap/8192\n"
	"2: 8192 [4: 16384] @ 0x4f460c 0x4f45dc 0x43a272\n"
	"#\t0x4f460b\tmain.allocate+0xc8b\texample.com/shopd/main.go:22\n"
	"#\t0x4f45db\tmain.main+0xc5b\t\texample.com/shopd/main.go:151\n"
	"#\t0x43a271\truntime.main+0x211\truntime/proc.go:250\n"
	"\n"
	"1: 512 [2: 512] @ 0x43d71e\n"
	"#\t0x43d71d\truntime.allocm+0x9d\truntime/proc.go:1759\n"
	"\n"
	"3: 0 [3: 96] @ 0x43d71f\n"
	"#\t0x43d71e\truntime.malg+0x1\truntime/proc.go:4000\n"
	"\n"
	"\n"
	"# runtime.MemStats\n"
	"# Alloc = 3635512\n"
	"# Stack = 393216 / 393216\n"
	"# LastGC = 1795879889846640758\n"
	"# PauseNs = [72207 72117 0 0]\n"
	"# NumGC = 2\n"
	"# GCCPUFraction = 0.005380191428074745\n"
	"# DebugGC = false\n"
	"# MaxRSS = 6008832\n";

static void test_heap(void **state)
{
	struct gs_model *m = parse(heap1);
	const struct gs_dump *d = &m->dumps[0];
	const struct gs_sample *s;
	const struct gs_stat *st;
	int64_t out[4], pause;

	(void)state;
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(d->kind, GS_KIND_HEAP);
	assert_int_equal(d->ng, 0);
	assert_int_equal(d->ns, 3);
	assert_int_equal(d->header_v[0], 6);
	assert_int_equal(d->header_v[1], 8704);
	assert_int_equal(d->header_v[2], 9);
	assert_int_equal(d->header_v[3], 16992);
	assert_int_equal(d->header_rate, 8192);
	assert_int_equal(d->rate, 4096); /* heap/RATE2 prints 2 x MemProfileRate */
	assert_string_equal(gs_str(m, d->sampling), "heap");
	s = &m->samples[d->first_s];
	assert_int_equal(s[0].line, 2);
	assert_int_equal(s[0].dump, 0);
	assert_int_equal(s[0].v[0], 2);
	assert_int_equal(s[0].v[1], 8192);
	assert_int_equal(s[0].v[2], 4);
	assert_int_equal(s[0].v[3], 16384);
	assert_int_equal(m->stacks[s[0].stack].len, 3);
	assert_frame(m, s[0].stack, 1, "main.main", "example.com/shopd/main.go", 151);
	assert_frame(m, s[1].stack, 0, "runtime.allocm", "runtime/proc.go", 1759);
	/* scale = 1/(1-exp(-avg/4096)); avg 4096: 1.5819767..., truncated toward zero */
	assert_int_equal(gs_sample_scaled(m, &s[0], out), 0);
	assert_int_equal(out[0], 3);
	assert_int_equal(out[1], 12959);
	assert_int_equal(out[2], 6);
	assert_int_equal(out[3], 25919);
	assert_int_equal(gs_sample_scaled(m, &s[1], out), 0);
	assert_int_equal(out[0], 8);      /* avg 512: scale 8.5107; 1 x 8.51, 512 x 8.51 */
	assert_int_equal(out[1], 4357);
	assert_int_equal(out[2], 33);     /* avg 256: scale 16.5052; 2 x 16.5, 512 x 16.5 */
	assert_int_equal(out[3], 8450);
	/* size 0 -> 0, 0 (pprof scaleHeapSample) */
	assert_int_equal(gs_sample_scaled(m, &s[2], out), 0);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 0);
	assert_int_equal(out[2], 385);    /* avg 32: scale 128.50 */
	assert_int_equal(out[3], 12336);
	/* MemStats trailer */
	assert_int_equal(d->nstat, 8);
	st = gs_dump_stat(m, 0, "Alloc");
	assert_non_null(st);
	assert_int_equal(st->type, GS_STAT_INT);
	assert_int_equal(st->i, 3635512);
	st = gs_dump_stat(m, 0, "Stack");
	assert_int_equal(st->type, GS_STAT_PAIR);
	assert_int_equal(st->i, 393216);
	assert_int_equal(st->i2, 393216);
	st = gs_dump_stat(m, 0, "LastGC");
	assert_int_equal(st->i, 1795879889846640758LL);
	st = gs_dump_stat(m, 0, "PauseNs");
	assert_int_equal(st->type, GS_STAT_ARRAY);
	assert_int_equal(st->nv, 4);
	assert_int_equal(m->stat_values[st->first_v + 1], 72117);
	assert_int_equal(gs_dump_last_pause(m, 0, &pause), 0);
	assert_int_equal(pause, 72117); /* PauseNs[(2+255)%256] = PauseNs[1] */
	st = gs_dump_stat(m, 0, "GCCPUFraction");
	assert_int_equal(st->type, GS_STAT_FLOAT);
	assert_true(st->f > 0.00538019 && st->f < 0.00538020);
	st = gs_dump_stat(m, 0, "DebugGC");
	assert_int_equal(st->type, GS_STAT_BOOL);
	assert_int_equal(st->i, 0);
	assert_int_equal(gs_dump_stat(m, 0, "MaxRSS")->i, 6008832);
	assert_null(gs_dump_stat(m, 0, "Nope"));
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

static void test_heap_forms(void **state)
{
	static const char rec[] = "1: 512 [1: 512] @ 0x1\n\n";
	char text[256];
	struct gs_model *m;
	int64_t out[4];

	(void)state;
	/* heap_v2/N: the period as is */
	memcpy(text, "heap profile: 1: 512 [1: 512] @ heap_v2/4096\n", 46);
	memcpy(text + 45, rec, sizeof(rec));
	m = parse(text);
	assert_int_equal(m->dumps[0].rate, 4096);
	assert_int_equal(gs_sample_scaled(m, &m->samples[0], out), 0);
	assert_int_equal(out[0], 8);
	assert_int_equal(out[1], 4357);
	gs_model_free(m);
	/* heapprofile: not sampled, nothing scaled */
	m = parse("heap profile: 1: 512 [1: 512] @ heapprofile\n1: 512 [1: 512] @ 0x1\n");
	assert_int_equal(m->dumps[0].rate, 1);
	assert_int_equal(gs_sample_scaled(m, &m->samples[0], out), 0);
	assert_int_equal(out[1], 512);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
	/* no rate (old files) and no trailer, right-aligned numbers (C++ heapz) */
	m = parse("heap profile:    1:   512 [   1:   512] @ heap\n   1:   512 [   1:   512] @ 0x1\n");
	assert_int_equal(m->dumps[0].ns, 1);
	assert_int_equal(m->dumps[0].rate, 0);
	assert_int_equal(m->dumps[0].nstat, 0);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
	/* allocs: by hint, by source name; a hint wins over the name */
	m = parse_as("x.txt", heap1, 0, GS_KIND_ALLOCS);
	assert_int_equal(m->dumps[0].kind, GS_KIND_ALLOCS);
	gs_model_free(m);
	m = parse_as("allocs.debug1.txt", heap1, 0, 0);
	assert_int_equal(m->dumps[0].kind, GS_KIND_ALLOCS);
	gs_model_free(m);
	m = parse_as("allocs.debug1.txt", heap1, 0, GS_KIND_HEAP);
	assert_int_equal(m->dumps[0].kind, GS_KIND_HEAP);
	gs_model_free(m);
}

/* ---- mutex / block ---- */

static void test_mutex_block(void **state)
{
	struct gs_model *m = parse("--- mutex:\n"
	                           "cycles/second=2000000000\n"
	                           "sampling period=5\n"
	                           "ms since reset=1234\n"
	                           "1000 3 @ 0x46a0c5 0x4c10b2 0x46d321\n"
	                           "#\t0x46a0c4\tsync.(*Mutex).Unlock+0x64\t/usr/local/go/src/sync/mutex.go:223\n"
	                           "#\t0x4c10b1\tmain.worker+0x51\t\t/app/main.go:30\n"
	                           "\n"
	                           "--- contention:\n"
	                           "cycles/second=1000000000\n"
	                           "700 2 @ 0x1\n"
	                           "#\t0x0\truntime.chanrecv1+0x17\truntime/chan.go:442\n"
	                           "\n");
	const struct gs_dump *d;
	const struct gs_sample *s;
	int64_t out[4];

	(void)state;
	assert_int_equal(m->ndumps, 2);
	d = &m->dumps[0];
	assert_int_equal(d->kind, GS_KIND_MUTEX);
	assert_int_equal(d->cycles_per_second, 2000000000);
	assert_int_equal(d->sampling_period, 5);
	assert_int_equal(d->nstat, 3);
	assert_int_equal(gs_dump_stat(m, 0, "ms since reset")->i, 1234);
	assert_int_equal(d->ns, 1);
	s = &m->samples[d->first_s];
	assert_int_equal(s->v[0], 1000);
	assert_int_equal(s->v[1], 3);
	assert_int_equal(s->line, 5);
	assert_frame(m, s->stack, 0, "sync.(*Mutex).Unlock", "/usr/local/go/src/sync/mutex.go", 223);
	assert_frame(m, s->stack, 1, "main.worker", "/app/main.go", 30);
	/* delay_ns = cycles * period / (cps / 1e9) = 1000*5/2; contentions = 3*5 */
	assert_int_equal(gs_sample_scaled(m, s, out), 0);
	assert_int_equal(out[0], 2500);
	assert_int_equal(out[1], 15);
	d = &m->dumps[1];
	assert_int_equal(d->kind, GS_KIND_BLOCK);
	assert_int_equal(d->sampling_period, 1);
	assert_int_equal(d->ns, 1);
	s = &m->samples[d->first_s];
	/* allFrames: runtime frames are kept as printed */
	assert_frame(m, s->stack, 0, "runtime.chanrecv1", "runtime/chan.go", 442);
	assert_int_equal(gs_sample_scaled(m, s, out), 0);
	assert_int_equal(out[0], 700);
	assert_int_equal(out[1], 2);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

/* ---- bad input ---- */

static void test_cut_mid_frame(void **state)
{
	struct gs_model *m = parse("goroutine profile: total 4\n"
	                           "1 @ 0x1\n#\t0x0\tmain.a+0x0\t/a.go:1\n\n"
	                           "3 @ 0x4c2f1e 0x46d321\n"
	                           "#\t0x44a78c\tsync.runtime_Semacquire+0x2c\t/x/sema.go:62\n"
	                           "#\t0x4c2f1d\tmain.wor");
	const struct gs_diag *dg;
	const struct gs_goroutine *g;

	(void)state;
	assert_int_equal(m->dumps[0].ng, 2);
	assert_true(m->dumps[0].flags & GS_DUMP_TRUNCATED);
	g = &m->goroutines[1];
	assert_int_equal(g->count, 3);
	assert_true(g->flags & GS_G_TRUNCATED);
	assert_true(m->stacks[g->stack].flags & GS_STACK_TRUNCATED);
	assert_int_equal(m->stacks[g->stack].len, 2);
	assert_frame(m, g->stack, 0, "sync.runtime_Semacquire", "/x/sema.go", 62);
	dg = find_diag(m, 7, "input ends inside a record");
	assert_non_null(dg);
	assert_int_equal(dg->level, GS_WARNING);
	assert_string_equal(gs_str(m, dg->near), "#\t0x4c2f1d\tmain.wor");
	assert_int_equal(m->ndiags, 1); /* counts sum to the total: no mismatch warning */
	gs_model_free(m);
}

static void test_frame_without_pc(void **state)
{
	struct gs_model *m = parse("goroutine profile: total 1\n"
	                           "1 @ 0x1 0x2\n"
	                           "#\tmain.worker+0x3d\t/app/main.go:40\n"
	                           "#\t0x2\tmain.main+0x1\t/app/main.go:9\n"
	                           "\n");
	const struct gs_diag *dg = find_diag(m, 3, "without a PC");
	const struct gs_goroutine *g = &m->goroutines[0];

	(void)state;
	assert_non_null(dg);
	assert_int_equal(dg->level, GS_WARNING);
	assert_int_equal(m->stacks[g->stack].len, 2);
	assert_frame(m, g->stack, 0, "main.worker", "/app/main.go", 40);
	assert_frame(m, g->stack, 1, "main.main", "/app/main.go", 9);
	gs_model_free(m);
}

static void test_bad_record_headers(void **state)
{
	/* 6 records: 3 unreadable; the rest, and their frames, still read */
	struct gs_model *m = parse("goroutine profile: total 9\n"
	                           "-3 @ 0x1\n"                                      /* 2 */
	                           "#\t0x1\tmain.neg+0x0\t/a.go:1\n"
	                           "\n"
	                           "123456789012345678901234567890 @ 0x1\n"          /* 5 */
	                           "\n"
	                           "2 @ 0x1 zz 0x3\n"                                /* 7 */
	                           "#\t0x1\tmain.hex+0x0\t/a.go:2\n"
	                           "\n"
	                           "4 @ 0x10\n"                                      /* 10 */
	                           "#\t0xf\tmain.ok+0x0\t/a.go:3\n"
	                           "\n"
	                           "1 @ 0x11\n"
	                           "\n"
	                           "1 @ 0x12\n");
	const struct gs_dump *d = &m->dumps[0];
	const struct gs_diag *dg;

	(void)state;
	assert_int_equal(d->ng, 3);
	assert_int_equal(d->skipped, 3);
	assert_int_equal(d->ng + d->skipped, 6); /* conservation */
	dg = find_diag(m, 2, "negative");
	assert_non_null(dg);
	assert_int_equal(dg->level, GS_WARNING);
	assert_string_equal(gs_str(m, dg->near), "-3 @ 0x1");
	dg = find_diag(m, 5, "does not fit in 64 bits");
	assert_non_null(dg);
	assert_int_equal(dg->level, GS_WARNING);
	dg = find_diag(m, 7, "not a 0x hex number");
	assert_non_null(dg);
	assert_int_equal(dg->level, GS_WARNING);
	assert_string_equal(gs_str(m, dg->near), "zz 0x3");
	/* the skipped record's frame is not glued to anything */
	assert_int_equal(m->goroutines[0].count, 4);
	assert_frame(m, m->goroutines[0].stack, 0, "main.ok", "/a.go", 3);
	assert_non_null(find_diag(m, 1, "header says total 9 but records sum to 6"));
	gs_model_free(m);
}

/* A PC word of each length around the eight bytes the reader takes at a time, with each
 * byte value at each place: the record is read exactly when the byte is a hex digit. */
static void test_pc_words(void **state)
{
	static const size_t lens[] = { 1, 2, 7, 8, 9, 15, 16, 17, 24 };
	static const char digits[] = "0123456789abcdefABCDEF0123";
	size_t li, k;
	unsigned c;

	(void)state;
	for (li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
		for (k = 0; k < lens[li]; k++) {
			for (c = 1; c < 256; c++) {
				char text[160], word[32];
				struct gs_model *m;
				int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
				          (c >= 'A' && c <= 'F');
				/* a blank last ends the word early: "0x12 0x1" is two good words */
				int ok = hex || ((c == ' ' || c == '\t') && k > 0 && k == lens[li] - 1);

				/* the line reader's own bytes: line ends, colour escapes */
				if (c == '\n' || c == '\r' || c == 0x1b)
					continue;
				memcpy(word, digits, lens[li]);
				word[k] = (char)c;
				word[lens[li]] = '\0';
				snprintf(text, sizeof text, "goroutine profile: total 1\n1 @ 0x%s 0x1\n"
				         "#\t0x1\tmain.f+0x1\t/a.go:1\n", word);
				m = parse(text);
				if (m->dumps[0].skipped != (ok ? 0u : 1u))
					fail_msg("PC word '0x%s' (byte %#x at %zu): skipped %llu", word, c, k,
					         (unsigned long long)m->dumps[0].skipped);
				gs_model_free(m);
			}
		}
	}
}

/* Frame lines read from the cache and read afresh give the same frames, also after the
 * cache's text buffer filled up and started over; a line number past 32 bits is said at
 * every copy of its line (such a line is never cached). */
static void test_frame_cache(void **state)
{
	struct gs_buf text = GS_BUF_INIT;
	struct gs_model *m;
	size_t i, rec = 0, nrec;

	(void)state;
	gs_buf_adds(&text, "goroutine profile: total 0\n");
	/* distinct lines past PROF_FRAME_TEXT, each record repeated at once and later */
	for (i = 0; i < 12000; i++) {
		gs_buf_addf(&text, "1 @ 0x%zx 0x2\n#\t0x%zx\tmain.f%zu+0x1\t/src/pkg/file%zu.go:%zu\n"
		         "#\t0x1\tmain.main+0x1\t/src/main.go:7\n\n", i, i, i, i % 50, i + 1);
		if (i % 3 == 0)
			gs_buf_addf(&text, "1 @ 0x%zx 0x2\n#\t0x%zx\tmain.f%zu+0x1\t/src/pkg/file%zu.go:%zu\n"
			         "#\t0x1\tmain.main+0x1\t/src/main.go:7\n\n", i / 2, i / 2, i / 2,
			         i / 2 % 50, i / 2 + 1);
	}
	for (i = 0; i < 3; i++)
		gs_buf_adds(&text, "1 @ 0x5 0x2\n#\t0x5\tmain.big+0x1\t/src/big.go:99999999999\n\n");
	m = parse(text.data);
	nrec = m->dumps[0].ng;
	assert_int_equal(nrec, 12000 + 4000 + 3);
	for (i = 0; i < 12000; i++) {
		char func[32], file[32];
		size_t copies = i % 3 == 0 ? 2 : 1, j, at;

		for (j = 0; j < copies; j++) {
			at = j == 0 ? i : i / 2;
			snprintf(func, sizeof func, "main.f%zu", at);
			snprintf(file, sizeof file, "/src/pkg/file%zu.go", at % 50);
			assert_frame(m, m->goroutines[rec].stack, 0, func, file, (uint32_t)(at + 1));
			assert_frame(m, m->goroutines[rec].stack, 1, "main.main", "/src/main.go", 7);
			rec++;
		}
	}
	for (i = 0; i < 3; i++) {
		assert_frame(m, m->goroutines[rec].stack, 0, "main.big", "/src/big.go", 0);
		assert_non_null(find_diag(m, m->goroutines[rec].line + 1,
		                          "line number does not fit in 32 bits"));
		rec++;
	}
	gs_model_free(m);
	gs_buf_release(&text);
}

/* Label lines read again from the cache give the set they gave the first time; a bad one
 * is said at every copy; a long one (past the cache's text) is read every time. */
static void test_label_cache(void **state)
{
	struct gs_buf text = GS_BUF_INIT, longset = GS_BUF_INIT;
	struct gs_model *m;
	size_t i;

	(void)state;
	gs_buf_adds(&longset, "{\"k\":\"");
	for (i = 0; i < 200; i++)
		gs_buf_addch(&longset, (char)('a' + i % 26));
	gs_buf_adds(&longset, "\"}");
	gs_buf_adds(&text, "goroutine profile: total 8\n");
	for (i = 0; i < 2; i++) {
		gs_buf_adds(&text, "1 @ 0x1\n# labels: {\"a\":\"1\", \"b\":\"2\"}\n#\t0x1\tm.f+0x1\t/a.go:1\n\n");
		gs_buf_adds(&text, "1 @ 0x1\n# labels: {\"b\":\"2\", \"a\":\"1\"}\n#\t0x1\tm.f+0x1\t/a.go:1\n\n");
		gs_buf_adds(&text, "1 @ 0x1\n# labels: {\"a\":\"1\", \"b\"}\n#\t0x1\tm.f+0x1\t/a.go:1\n\n");
		gs_buf_addf(&text, "1 @ 0x1\n# labels: %s\n#\t0x1\tm.f+0x1\t/a.go:1\n\n", longset.data);
	}
	m = parse(text.data);
	assert_int_equal(m->dumps[0].ng, 8);
	for (i = 0; i < 8; i += 4) {
		assert_true(m->goroutines[i].labels != 0);
		assert_int_equal(m->goroutines[i + 1].labels, m->goroutines[i].labels);
		assert_string_equal(label(m, m->goroutines[i].labels, "b"), "2");
		assert_int_equal(m->goroutines[i + 2].labels, 0);
		assert_non_null(find_diag(m, m->goroutines[i + 2].line + 1, "labels not understood"));
		assert_int_equal(strlen(label(m, m->goroutines[i + 3].labels, "k")), 200);
	}
	assert_int_equal(m->goroutines[4].labels, m->goroutines[0].labels);
	assert_int_equal(m->goroutines[7].labels, m->goroutines[3].labels);
	gs_model_free(m);
	gs_buf_release(&text);
	gs_buf_release(&longset);
}

static void test_bad_heap_header(void **state)
{
	struct gs_model *m = parse("heap profile: lots of memory\n"
	                           "1: 512 [1: 512] @ 0x1\n#\t0x0\tmain.a+0x0\t/a.go:1\n\n"
	                           "2: 64 [2: 64] @ 0x2\n\n");
	const struct gs_diag *dg = find_diag(m, 1, "heap profile header not understood");
	int64_t out[4];

	(void)state;
	assert_non_null(dg);
	assert_int_equal(dg->level, GS_WARNING);
	assert_string_equal(gs_str(m, dg->near), "lots of memory");
	assert_int_equal(m->dumps[0].kind, GS_KIND_HEAP);
	assert_int_equal(m->dumps[0].ns, 2);
	assert_int_equal(gs_sample_scaled(m, &m->samples[1], out), 0);
	assert_int_equal(out[1], 64); /* no rate: raw values */
	gs_model_free(m);
}

/* ---- stream properties ---- */

/* Everything a parse leaves in the model, as text. */
static void model_text(const struct gs_model *m, struct gs_buf *b)
{
	size_t i;
	uint32_t k;

	for (i = 0; i < m->ndumps; i++) {
		const struct gs_dump *d = &m->dumps[i];

		gs_buf_addf(b, "dump %d %u %llu-%llu t%llu g%zu+%zu s%zu+%zu st%zu+%zu sk%llu r%lld "
		         "%lld %lld %lld %lld %lld %lld\n", d->kind, d->flags,
		         (unsigned long long)d->first_line, (unsigned long long)d->last_line,
		         (unsigned long long)d->total, d->first_g, d->ng, d->first_s, d->ns,
		         d->first_stat, d->nstat, (unsigned long long)d->skipped, (long long)d->rate,
		         (long long)d->cycles_per_second, (long long)d->sampling_period,
		         (long long)d->header_v[0], (long long)d->header_v[1],
		         (long long)d->header_v[2], (long long)d->header_v[3]);
	}
	for (i = 0; i < m->ngoroutines; i++) {
		const struct gs_goroutine *g = &m->goroutines[i];

		gs_buf_addf(b, "g %llu %llu %llu %u %u %u:", (unsigned long long)g->id,
		         (unsigned long long)g->line, (unsigned long long)g->count, g->flags,
		         g->labels, g->dump);
		for (k = 0; g->stack && k < m->stacks[g->stack].len; k++) {
			const struct gs_frame *f = frame_at(m, g->stack, k);

			gs_buf_addf(b, " %s@%s:%u", gs_str(m, f->func), gs_str(m, f->file), f->line);
		}
		gs_buf_addch(b, '\n');
	}
	for (i = 0; i < m->nsamples; i++) {
		const struct gs_sample *s = &m->samples[i];

		gs_buf_addf(b, "s %llu %u %lld %lld %lld %lld:", (unsigned long long)s->line, s->dump,
		         (long long)s->v[0], (long long)s->v[1], (long long)s->v[2],
		         (long long)s->v[3]);
		for (k = 0; s->stack && k < m->stacks[s->stack].len; k++)
			gs_buf_addf(b, " %s", gs_str(m, frame_at(m, s->stack, k)->func));
		gs_buf_addch(b, '\n');
	}
	for (i = 0; i < m->nstats; i++)
		gs_buf_addf(b, "stat %s %d %lld %lld %u\n", gs_str(m, m->stats[i].key), m->stats[i].type,
		         (long long)m->stats[i].i, (long long)m->stats[i].i2, m->stats[i].nv);
	for (i = 0; i < m->ndiags; i++)
		gs_buf_addf(b, "diag %d %llu %s | %s\n", m->diags[i].level,
		         (unsigned long long)m->diags[i].line, gs_str(m, m->diags[i].message),
		         gs_str(m, m->diags[i].near));
}

static void test_chunking(void **state)
{
	static const char *const inputs[] = { goroutine1, heap1 };
	struct gs_buf bulk_text = GS_BUF_INIT, all = GS_BUF_INIT;
	size_t i, chunks[] = { 1, 2, 3, 7, 64 };

	(void)state;
	/* every format, every bad case, in one stream */
	gs_buf_adds(&all, goroutine1);
	gs_buf_adds(&all, "\n");
	gs_buf_adds(&all, heap1);
	gs_buf_adds(&all, "--- mutex:\r\ncycles/second=10\r\n5 1 @ 0x1\r\n#\t0x0\tm.a+0x0\t/a.go:1\r\n\r\n");
	gs_buf_adds(&all, "goroutine profile: total 3\n-1 @ 0x1\n1 @ 0x1 q\n2 @ 0x2\n#\tmain.x+0x1\t/b.go:2\n"
	               "#\t0x1\tmain.cut");
	for (i = 0; i < 3; i++) {
		const char *in = i < 2 ? inputs[i] : all.data;
		struct gs_model *whole = parse_as("c.txt", in, 0, 0);
		size_t c;

		gs_buf_reset(&bulk_text);
		model_text(whole, &bulk_text);
		for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
			struct gs_buf t = GS_BUF_INIT;
			struct gs_model *m = parse_as("c.txt", in, chunks[c], 0);

			model_text(m, &t);
			assert_string_equal(t.data, bulk_text.data);
			gs_buf_release(&t);
			gs_model_free(m);
		}
		gs_model_free(whole);
	}
	gs_buf_release(&bulk_text);
	gs_buf_release(&all);
}

static void test_format_switch(void **state)
{
	struct gs_model *m = parse("goroutine 1 [running]:\n"
	                           "main.main()\n"
	                           "\t/app/main.go:10 +0x1d\n"
	                           "\n"
	                           "goroutine profile: total 2\n"
	                           "2 @ 0x1\n"
	                           "#\t0x0\tmain.main+0x1d\t/app/main.go:10\n"
	                           "\n"
	                           "goroutine 7 [chan receive]:\n"
	                           "main.f()\n"
	                           "\t/app/main.go:20 +0x1d\n");

	(void)state;
	assert_int_equal(m->ndumps, 3);
	assert_int_equal(m->dumps[0].kind, GS_KIND_GOROUTINE);
	assert_int_equal(m->dumps[0].ng, 1);
	assert_int_equal(m->dumps[1].kind, GS_KIND_GOROUTINE1);
	assert_int_equal(m->dumps[1].ng, 1);
	assert_int_equal(m->dumps[1].first_line, 5);
	assert_int_equal(m->dumps[2].kind, GS_KIND_GOROUTINE);
	assert_int_equal(m->dumps[2].ng, 1);
	/* the debug=1 record and the debug=2 goroutine share one frame */
	assert_int_equal(gs_stack_frames(m, m->goroutines[0].stack)[0],
	                 gs_stack_frames(m, m->goroutines[1].stack)[0]);
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_goroutine1),
		cmocka_unit_test(test_threadcreate),
		cmocka_unit_test(test_total_mismatch),
		cmocka_unit_test(test_heap),
		cmocka_unit_test(test_heap_forms),
		cmocka_unit_test(test_mutex_block),
		cmocka_unit_test(test_cut_mid_frame),
		cmocka_unit_test(test_frame_without_pc),
		cmocka_unit_test(test_bad_record_headers),
		cmocka_unit_test(test_pc_words),
		cmocka_unit_test(test_frame_cache),
		cmocka_unit_test(test_label_cache),
		cmocka_unit_test(test_bad_heap_header),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_format_switch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
