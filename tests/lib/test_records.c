/* test_records.c - the streaming record splitter (parser/records.c): records agree with the
 * model on every sample (count, ids, states, frames), any chunking gives the same records
 * (whole input vs byte by byte), debug=1 profiles of every kind, boundaries (thread stacks,
 * trailers, a goroutine without its blank line), the size cap and stopping early; a header
 * the parser skips is no record but a skip with its line; the one header recogniser; a
 * second reader's records taken over (gs_records_adopt). tests/fuzz/chunkdiff.c checks the
 * records against the model on every sample and corpus file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "memo/body.h"
#include "model.h"
#include "parser.h"
#include "records.h"
#include "testutil.h"

/* Every record written out as text, so two runs compare with one string compare. */
struct collect {
	struct gs_buf out;
	size_t n;
	uint64_t count;
	int stop_after;  /* 0 = never */
	int as_text;     /* lines from the record's text, not its lines (no numbers) */
	int no_frames;   /* frames not written */
	size_t bad;      /* as_text: records whose nlines is not their text's */
};

static void add_text(struct gs_buf *b, const char *s, size_t n)
{
	gs_buf_add(b, s, n);
	gs_buf_addch(b, '|');
}

static int collect(void *ctx, const struct gs_record *r)
{
	struct collect *c = ctx;
	size_t i;

	c->n++;
	c->count += r->count;
	gs_buf_addf(&c->out, "kind=%d flags=%u count=%llu id=%llu gflags=%u wait=%u lines=%zu\n",
	         (int)r->kind, r->flags, (unsigned long long)r->count, (unsigned long long)r->id,
	         (unsigned)r->gflags, (unsigned)r->wait, r->nlines);
	if (r->state)
		add_text(&c->out, r->state, r->state_len);
	if (r->labels)
		add_text(&c->out, r->labels, r->labels_len);
	if (c->as_text) {
		const char *p = r->text, *end = r->text + r->text_len, *nl;
		size_t n = 0;

		for (; p < end; p = nl + 1, n++) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				break;
			add_text(&c->out, p, (size_t)(nl - p));
		}
		c->bad += n != r->nlines || p != end;
	}
	for (i = 0; !c->as_text && i < r->nlines; i++) {
		gs_buf_addf(&c->out, "%llu:", (unsigned long long)r->lines[i].no);
		add_text(&c->out, r->lines[i].text, r->lines[i].len);
	}
	for (i = 0; !c->no_frames && i < r->nframes; i++) {
		add_text(&c->out, r->frames[i].func, r->frames[i].func_len);
		if (r->frames[i].file)
			add_text(&c->out, r->frames[i].file, r->frames[i].file_len);
		gs_buf_addf(&c->out, "%u\n", (unsigned)r->frames[i].line);
	}
	return c->stop_after && c->n >= (size_t)c->stop_after ? 7 : 0;
}

/* RUN_*: what the reader is told it need not hand out */
#define RUN_NO_LINES 1u
#define RUN_NO_FRAMES 2u

/* text read in chunks of `chunk` bytes (0: whole), the records into c; *hits: bodies the
 * reader found by their text (NULL: not asked) */
static int run_mode(const char *text, size_t len, size_t chunk, struct collect *c,
                    unsigned without, uint64_t *hits)
{
	struct gs_records *r = gs_records_new(collect, c);
	size_t i;
	int rc = 0;

	assert_non_null(r);
	if (without & RUN_NO_LINES)
		gs_records_without_lines(r);
	if (without & RUN_NO_FRAMES)
		gs_records_without_frames(r);
	if (chunk == 0)
		chunk = len ? len : 1;
	for (i = 0; i < len && rc == 0; i += chunk)
		rc = gs_records_feed(r, text + i, len - i < chunk ? len - i : chunk);
	if (rc == 0)
		rc = gs_records_finish(r);
	if (hits)
		*hits = gs_records_skel_hits(r);
	gs_records_free(r);
	return rc;
}

static int run(const char *text, size_t len, size_t chunk, struct collect *c)
{
	return run_mode(text, len, chunk, c, 0, NULL);
}

/* What a record and the model's goroutine at the same position must share. */
struct check {
	const struct gs_model *m;
	size_t next;
	size_t mismatches;
};

static int same_as_model(void *ctx, const struct gs_record *r)
{
	struct check *c = ctx;
	const struct gs_model *m = c->m;
	const struct gs_goroutine *g;
	const struct gs_stack *st;
	uint32_t i;

	if (r->kind != GS_KIND_GOROUTINE && r->kind != GS_KIND_GOROUTINE1 &&
	    r->kind != GS_KIND_THREADCREATE)
		return 0;
	if (c->next >= m->ngoroutines) {
		c->mismatches++;
		return 0;
	}
	g = &m->goroutines[c->next++];
	st = &m->stacks[g->stack];
	if (g->id != r->id || g->count != r->count || g->line != r->lines[0].no ||
	    st->len != r->nframes)
		c->mismatches++;
	if (r->state && strcmp(gs_str(m, g->state), "") != 0 &&
	    (strlen(gs_str(m, g->state)) != r->state_len ||
	     memcmp(gs_str(m, g->state), r->state, r->state_len) != 0))
		c->mismatches++;
	for (i = 0; i < st->len && i < r->nframes; i++) {
		const struct gs_frame *f = &m->frames[gs_stack_frames(m, g->stack)[i]];
		const struct gs_record_frame *rf = &r->frames[i];

		if (strlen(gs_str(m, f->func)) != rf->func_len ||
		    memcmp(gs_str(m, f->func), rf->func, rf->func_len) != 0 || f->line != rf->line)
			c->mismatches++;
		if (rf->file && (strlen(gs_str(m, f->file)) != rf->file_len ||
		                 memcmp(gs_str(m, f->file), rf->file, rf->file_len) != 0))
			c->mismatches++;
	}
	return 0;
}

static void test_samples_match_model(void **state)
{
	static const char *const files[] = {
		"../samples/goroutine.debug2.txt", "../samples/goroutine.debug1.txt",
		"../samples/panic.txt", "../samples/sigquit.txt", "../samples/incident.crlf.txt",
		"../samples/incident.indented.md", "../samples/incident.logprefix.txt",
		"../samples/incident.tabs-as-spaces.txt", "../samples/incident.two-dumps.txt",
		"../samples/incident.bom.txt", "../samples/incident.truncated.txt",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t len;
		char *text = tu_slurp(files[i], &len);
		struct gs_model *m = tu_parse_text(files[i], text, len);
		struct check c = { m, 0, 0 };
		struct gs_records *r = gs_records_new(same_as_model, &c);

		assert_non_null(r);
		assert_int_equal(gs_records_feed(r, text, len), 0);
		assert_int_equal(gs_records_finish(r), 0);
		gs_records_free(r);
		if (c.mismatches || c.next != m->ngoroutines)
			fail_msg("%s: %zu of %zu goroutines read, %zu mismatches", files[i], c.next,
			         m->ngoroutines, c.mismatches);
		gs_model_free(m);
		free(text);
	}
}

static void test_counts(void **state)
{
	struct collect c;
	size_t len;
	char *text;

	(void)state;
	memset(&c, 0, sizeof c);
	text = tu_slurp("../samples/goroutine.debug2.txt", &len);
	assert_int_equal(run(text, len, 0, &c), 0);
	assert_int_equal(c.n, 101);  /* goroutine.facts: total 101 */
	assert_int_equal(c.count, 101);
	free(text);
	gs_buf_release(&c.out);

	memset(&c, 0, sizeof c);
	text = tu_slurp("../samples/goroutine.debug1.txt", &len);
	assert_int_equal(run(text, len, 0, &c), 0);
	assert_int_equal(c.count, 101); /* debug1_total 101 */
	free(text);
	gs_buf_release(&c.out);

	memset(&c, 0, sizeof c);
	text = tu_slurp("../samples/incident.two-dumps.txt", &len);
	assert_int_equal(run(text, len, 0, &c), 0);
	assert_int_equal(c.n, 101 + 106); /* two_dumps 101 106 */
	free(text);
	gs_buf_release(&c.out);
}

/* The same records whatever the chunking: whole, byte by byte, and an odd size. */
static void test_chunking(void **state)
{
	static const char *const files[] = {
		"../samples/goroutine.debug2.txt", "../samples/goroutine.debug1.txt",
		"../samples/incident.crlf.txt", "../samples/incident.logprefix.txt",
		"../samples/sigquit.txt",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct collect whole, bytes, odd;
		size_t len;
		char *text = tu_slurp(files[i], &len);

		memset(&whole, 0, sizeof whole);
		memset(&bytes, 0, sizeof bytes);
		memset(&odd, 0, sizeof odd);
		assert_int_equal(run(text, len, 0, &whole), 0);
		assert_int_equal(run(text, len, 1, &bytes), 0);
		assert_int_equal(run(text, len, 4093, &odd), 0);
		assert_true(whole.n > 0);
		assert_int_equal(whole.out.len, bytes.out.len);
		assert_memory_equal(whole.out.data, bytes.out.data, whole.out.len);
		assert_int_equal(whole.out.len, odd.out.len);
		assert_memory_equal(whole.out.data, odd.out.data, whole.out.len);
		gs_buf_release(&whole.out);
		gs_buf_release(&bytes.out);
		gs_buf_release(&odd.out);
		free(text);
	}
}

/* A dump whose bodies go through the short ways: distinct ones first (they put the skel to
 * rest), then six stacks printed again and again with other arguments, offsets of the same
 * PC and parents, and bodies that differ from theirs only where the skel must not look
 * past: arguments with a "(" or ending in a UTF-8 byte, a parent past 64 bits, no parent. */
#define BODIES_DISTINCT 200
#define BODIES_ALL 1400
static void bodies_dump(struct gs_buf *b)
{
	int i, k, f, depth;

	for (i = 0; i < BODIES_ALL; i++) {
		k = i < BODIES_DISTINCT ? 1000 + i : i % 6;
		depth = 2 + k % 4;
		gs_buf_addf(b, "goroutine %d [chan receive, %d minutes]:\n", i + 1, i % 50);
		for (f = 0; f < depth; f++) {
			if (f == 1 && i % 37 == 5)
				gs_buf_addf(b, "main.s%d_f%d(0x1, (0x%x))\n", k, f, i);
			else if (f == 1 && i % 41 == 7)
				gs_buf_addf(b, "main.s%d_f%d(\xe2\x80\xa6)\n", k, f);
			else if (f == 0 && i % 13 == 2)
				gs_buf_addf(b, "main.s%d_f%d(...)\n", k, f);
			else
				gs_buf_addf(b, "main.s%d_f%d(0xc%09x, 0x%x)\n", k, f, i * 64, i % 7);
			gs_buf_addf(b, "\t/src/app/s%d.go:%d +0x%x\n", k, 10 + f, 0x20 + f);
		}
		if (i % 29 == 3)
			gs_buf_addf(b, "created by main.start%d\n", k);
		else if (i % 43 == 9)
			gs_buf_addf(b, "created by main.start%d in goroutine 99999999999999999999999\n", k);
		else
			gs_buf_addf(b, "created by main.start%d in goroutine %d\n", k, i % 1000 + 1);
		gs_buf_addf(b, "\t/src/app/main.go:%d +0x55\n\n", 20 + k % 3);
	}
}

/* Bodies taken at once, found by their text or not, cut into lines and frames only for a
 * reader that wants them: the same records as line by line (1-byte chunks take no body at
 * once), whatever the reader is told it need not hand out. */
static void test_bodies_at_once(void **state)
{
	struct gs_buf text = GS_BUF_INIT;
	struct collect line_by_line, whole;
	uint64_t hits = 0;
	unsigned without;

	(void)state;
	bodies_dump(&text);
	memset(&line_by_line, 0, sizeof line_by_line);
	memset(&whole, 0, sizeof whole);
	assert_int_equal(run_mode(text.data, text.len, 1, &line_by_line, 0, &hits), 0);
	assert_int_equal(hits, 0);
	assert_int_equal(line_by_line.n, BODIES_ALL); /* every goroutine a record */
	assert_int_equal(run_mode(text.data, text.len, 0, &whole, 0, &hits), 0);
	assert_int_equal(whole.out.len, line_by_line.out.len);
	assert_memory_equal(whole.out.data, line_by_line.out.data, whole.out.len);
	/* found by their text, most of them, but not in the first window (128 bodies, all
	 * distinct) or the rest it put the skel to (512 bodies): gs_memo_rest */
	assert_true(hits > (BODIES_ALL - GS_MEMO_WINDOW - GS_MEMO_REST_FIRST) / 2);
	assert_true(hits <= BODIES_ALL - GS_MEMO_WINDOW - GS_MEMO_REST_FIRST);
	/* idle halfway (what it learned let go): the same records, bodies learned again */
	{
		struct collect idled;
		struct gs_records *r;
		size_t half = text.len / 2;

		memset(&idled, 0, sizeof idled);
		r = gs_records_new(collect, &idled);
		assert_non_null(r);
		assert_int_equal(gs_records_feed(r, text.data, half), 0);
		hits = gs_records_skel_hits(r);
		gs_records_idle(r);
		assert_int_equal(gs_records_feed(r, text.data + half, text.len - half), 0);
		assert_int_equal(gs_records_finish(r), 0);
		assert_true(gs_records_skel_hits(r) > hits);
		gs_records_free(r);
		assert_int_equal(idled.out.len, line_by_line.out.len);
		assert_memory_equal(idled.out.data, line_by_line.out.data, idled.out.len);
		gs_buf_release(&idled.out);
	}
	/* the second half read by a reader that starts with what a reader of the first half
	 * learned (gs_records_hand_on): more bodies found, the same records */
	{
		struct collect first, second, fresh;
		struct gs_records *a, *b;
		size_t cut = (size_t)(strstr(text.data + text.len / 2, "\n\ngoroutine ") + 2 -
		                      text.data);

		memset(&first, 0, sizeof first);
		memset(&second, 0, sizeof second);
		memset(&fresh, 0, sizeof fresh);
		a = gs_records_new(collect, &first);
		b = gs_records_new(collect, &second);
		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(gs_records_feed(a, text.data, cut), 0);
		gs_records_hand_on(b, a);
		assert_int_equal(gs_records_feed(b, text.data + cut, text.len - cut), 0);
		assert_int_equal(gs_records_finish(b), 0);
		assert_int_equal(run_mode(text.data + cut, text.len - cut, 0, &fresh, 0, &hits), 0);
		/* a fresh reader misses each stack's first body there; b knew them */
		assert_true(gs_records_skel_hits(b) > hits);
		assert_int_equal(fresh.out.len, second.out.len);
		assert_memory_equal(fresh.out.data, second.out.data, fresh.out.len);
		gs_records_free(a);
		gs_records_free(b);
		gs_buf_release(&first.out);
		gs_buf_release(&second.out);
		gs_buf_release(&fresh.out);
	}
	for (without = 0; without <= (RUN_NO_LINES | RUN_NO_FRAMES); without++) {
		struct collect a, b;

		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		a.as_text = b.as_text = 1;
		a.no_frames = b.no_frames = (without & RUN_NO_FRAMES) != 0;
		assert_int_equal(run_mode(text.data, text.len, 1, &a, 0, NULL), 0);
		assert_int_equal(run_mode(text.data, text.len, 0, &b, without, NULL), 0);
		assert_int_equal(a.n, BODIES_ALL);
		assert_int_equal(b.n, BODIES_ALL);
		assert_int_equal(a.bad + b.bad, 0);
		assert_int_equal(a.out.len, b.out.len);
		assert_memory_equal(a.out.data, b.out.data, a.out.len);
		gs_buf_release(&a.out);
		gs_buf_release(&b.out);
	}
	gs_buf_release(&line_by_line.out);
	gs_buf_release(&whole.out);
	gs_buf_release(&text);
}

static const char heap_text[] =
	"heap profile: 3: 1536 [5: 2560] @ heap/1048576\n"
	"2: 1024 [3: 1536] @ 0x1 0x2\n"
	"#\t0x1\tmain.alloc+0x10\t/app/main.go:10\n"
	"#\t0x2\tmain.main+0x20\t/app/main.go:20\n"
	"\n"
	"1: 512 [2: 1024] @ 0x3\n"
	"# labels: {\"tenant\":\"acme\"}\n"
	"#\t0x3\tmain.other+0x5\t/app/other.go:7\n"
	"\n"
	"# runtime.MemStats\n"
	"# Alloc = 1234\n"
	"goroutine 7 [select, 12 minutes, locked to thread]:\n"
	"main.worker(0x1)\n"
	"\t/app/w.go:3 +0x1\n"
	"created by main.main in goroutine 1\n"
	"\t/app/main.go:9 +0x2\n";

static const char mutex_text[] =
	"--- mutex:\n"
	"cycles/second=2000000000\n"
	"sampling period=1\n"
	"1000 3 @ 0x1\n"
	"#\t0x1\tsync.(*Mutex).Unlock+0x1\t/s/mutex.go:9\n";

static const char leak_text[] =
	"goroutineleak profile: total 6\n"
	"6 @ 0x47da8a 0x41421c\n"
	"#\t0x4e273b\tmain.backend+0xbb\texample.com/fanout/main.go:37\n"
	"\n"
	"goroutine 11 [chan send (leaked)] {route: /v1/checkout}:\n"
	"main.backend({0x0?, 0x0?}, 0xe350c11e150)\n"
	"\texample.com/fanout/main.go:37 +0xbc\n";

static void test_profile_kinds(void **state)
{
	struct collect c;
	char want[96];

	(void)state;
	memset(&c, 0, sizeof c);
	assert_int_equal(run(heap_text, strlen(heap_text), 0, &c), 0);
	assert_int_equal(c.n, 3);
	snprintf(want, sizeof want, "kind=%d flags=0 count=0 id=0 gflags=0 wait=0 lines=3\n",
	         (int)GS_KIND_HEAP);
	assert_non_null(strstr(c.out.data, want));
	assert_non_null(strstr(c.out.data, "{\"tenant\":\"acme\"}|"));
	assert_non_null(strstr(c.out.data, "main.alloc|/app/main.go|10\n"));
	/* the trailer is no record; the goroutine after it is one, its creator not a frame */
	assert_non_null(strstr(c.out.data, "kind=1 flags=0 count=1 id=7 gflags=3 wait=12 lines=5\n"
	                                   "select|"));
	assert_non_null(strstr(c.out.data, "main.worker|/app/w.go|3\n"));
	assert_null(strstr(c.out.data, "main.main|/app/main.go|9"));
	gs_buf_release(&c.out);

	memset(&c, 0, sizeof c);
	assert_int_equal(run(mutex_text, strlen(mutex_text), 0, &c), 0);
	assert_int_equal(c.n, 1);
	snprintf(want, sizeof want, "kind=%d ", (int)GS_KIND_MUTEX);
	assert_non_null(strstr(c.out.data, want));
	assert_non_null(strstr(c.out.data, "sync.(*Mutex).Unlock|/s/mutex.go|9\n"));
	gs_buf_release(&c.out);

	/* a goroutineleak record is leaked goroutines; a dump's (leaked) is a flag, not state */
	memset(&c, 0, sizeof c);
	assert_int_equal(run(leak_text, strlen(leak_text), 0, &c), 0);
	assert_int_equal(c.n, 2);
	snprintf(want, sizeof want, "kind=%d flags=0 count=6 id=0 gflags=%u ",
	         (int)GS_KIND_GOROUTINELEAK, (unsigned)GS_G_LEAKED);
	assert_non_null(strstr(c.out.data, want));
	snprintf(want, sizeof want, "kind=1 flags=0 count=1 id=11 gflags=%u wait=0 lines=3\n"
	         "chan send|", (unsigned)GS_G_LEAKED);
	assert_non_null(strstr(c.out.data, want));
	gs_buf_release(&c.out);
}

static void test_boundaries(void **state)
{
	static const char text[] =
		"SIGQUIT: quit\n"
		"goroutine 0 [idle]:\n"
		"runtime.futex()\n"
		"\t/r/os.go:1\n"
		"\n"
		"goroutine 5 [running]:\n"
		"main.f(...)\n"
		"\t/a.go:1\n"
		"main.g()\n"
		"\t/a.go:2 +0x1\n"
		"exit status 2\n"
		"goroutine 6 [chan receive]:\n"
		"\tgoroutine running on other thread; stack unavailable\n"
		"goroutine 7 [sleep]:\n"
		"main.h()\n";
	struct collect c;

	(void)state;
	memset(&c, 0, sizeof c);
	assert_int_equal(run(text, strlen(text), 0, &c), 0);
	assert_int_equal(c.n, 3);
	assert_null(strstr(c.out.data, "runtime.futex"));
	assert_null(strstr(c.out.data, "exit status"));
	assert_non_null(strstr(c.out.data, "id=5 gflags=0 wait=0 lines=5\n"));
	assert_non_null(strstr(c.out.data, "main.f|/a.go|1\nmain.g|/a.go|2\n"));
	assert_non_null(strstr(c.out.data, "id=6 gflags=0 wait=0 lines=2\n"));
	/* cut at the end: the last frame has no file */
	assert_non_null(strstr(c.out.data, "main.h|0\n"));
	gs_buf_release(&c.out);
}

static void test_cap_and_stop(void **state)
{
	struct gs_buf big = GS_BUF_INIT;
	struct collect c;
	size_t i;

	(void)state;
	gs_buf_adds(&big, "goroutine 1 [running]:\n");
	for (i = 0; big.len < GS_RECORD_MAX_BYTES + GS_RECORD_MAX_BYTES / 2; i++)
		gs_buf_addf(&big, "main.f%zu()\n\t/a.go:%zu\n", i, i);
	gs_buf_adds(&big, "\ngoroutine 2 [sleep]:\nmain.g()\n\t/b.go:1\n");
	memset(&c, 0, sizeof c);
	assert_int_equal(run(big.data, big.len, 65536, &c), 0);
	assert_int_equal(c.n, 2);
	if (strstr(c.out.data, "kind=1 flags=1 count=1 id=1 ") == NULL)
		fail_msg("%.200s", c.out.data);
	assert_non_null(strstr(c.out.data, "kind=1 flags=0 count=1 id=2 "));
	gs_buf_release(&c.out);

	/* the callback's code stops the reader */
	memset(&c, 0, sizeof c);
	c.stop_after = 1;
	assert_int_equal(run(big.data, big.len, 65536, &c), 7);
	assert_int_equal(c.n, 1);
	gs_buf_release(&c.out);
	gs_buf_release(&big);

	/* ... also when the record ends in a profile (a blank line, the next record) */
	memset(&c, 0, sizeof c);
	c.stop_after = 1;
	assert_int_equal(run(heap_text, strlen(heap_text), 0, &c), 7);
	assert_int_equal(c.n, 1);
	gs_buf_release(&c.out);
	memset(&c, 0, sizeof c);
	c.stop_after = 2;
	assert_int_equal(run(heap_text, strlen(heap_text), 1, &c), 7);
	assert_int_equal(c.n, 2);
	gs_buf_release(&c.out);
}

/* Skipped headers, as "LINE why\n". */
static void collect_skip(void *ctx, uint64_t line, const char *why, const char *near,
                         size_t near_len)
{
	struct gs_buf *b = ctx;

	gs_buf_addf(b, "%llu %s near '%.*s'\n", (unsigned long long)line, why, (int)near_len, near);
}

/* The records of text and its skipped headers; the model's record count and skipped count
 * must be the same. */
static void run_with_skips(const char *text, struct collect *c, struct gs_buf *skips)
{
	struct gs_records *r = gs_records_new(collect, c);
	struct gs_model *m = tu_parse_text("t.txt", text, strlen(text));
	uint64_t skipped = 0, said = 0;
	size_t from = skips->len, i;
	uint32_t d;

	assert_non_null(r);
	gs_records_on_skip(r, collect_skip, skips);
	assert_int_equal(gs_records_feed(r, text, strlen(text)), 0);
	assert_int_equal(gs_records_finish(r), 0);
	gs_records_free(r);
	for (d = 0; d < m->ndumps; d++)
		skipped += m->dumps[d].skipped;
	for (i = from; i < skips->len; i++)
		said += skips->data[i] == '\n';
	assert_int_equal(c->n, m->ngoroutines + m->nsamples);
	assert_int_equal(said, skipped);
	gs_model_free(m);
}

/* A record the parser skips (a number past 64 bits, a negative one, a PC that is not hex,
 * a goroutine id past 64 bits) is no record for grep either: grep -c counted it, summary
 * did not. */
static void test_skipped_like_the_parser(void **state)
{
	static const char count[] =
		"goroutine profile: total 3\n"
		"1 @ 0x1\n"
		"#\t0x1\tmain.a+0x1\t/a.go:1\n"
		"\n"
		"99999999999999999999999999999 @ 0x2\n"
		"#\t0x2\tmain.b+0x1\t/b.go:2\n"
		"\n"
		"2 @ 0x3\n"
		"#\t0x3\tmain.c+0x1\t/c.go:3\n";
	static const char mutex[] =
		"--- mutex:\n"
		"cycles/second=2000000000\n"
		"1000 3 @ 0x1\n"
		"#\t0x1\tsync.(*Mutex).Unlock+0x1\t/s/mutex.go:9\n"
		"\n"
		"-5 1 @ 0x2\n"
		"#\t0x2\tmain.f+0x1\t/f.go:1\n"
		"\n"
		"7 1 @ 0x3 zz\n"
		"#\t0x3\tmain.g+0x1\t/g.go:1\n";
	static const char dump[] =
		"goroutine 1 [running]:\n"
		"main.main()\n"
		"\t/m.go:1 +0x1\n"
		"\n"
		"goroutine 123456789012345678901234567890 [running]:\n"
		"main.f()\n"
		"\t/f.go:1\n";
	struct collect c;
	struct gs_buf skips = GS_BUF_INIT;

	(void)state;
	memset(&c, 0, sizeof c);
	run_with_skips(count, &c, &skips);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.count, 3);
	assert_null(strstr(c.out.data, "main.b"));
	assert_string_equal(skips.data, "5 number in a record header does not fit in 64 bits: "
	                                "record skipped near '99999999999999999999999999999 @ 0x2'\n");
	gs_buf_release(&c.out);
	gs_buf_reset(&skips);

	memset(&c, 0, sizeof c);
	run_with_skips(mutex, &c, &skips);
	assert_int_equal(c.n, 1);
	assert_null(strstr(c.out.data, "main.f"));
	assert_null(strstr(c.out.data, "main.g"));
	assert_non_null(strstr(skips.data, "6 negative number in a record header"));
	assert_non_null(strstr(skips.data, "9 a word in the PC list is not a 0x hex number"));
	gs_buf_release(&c.out);
	gs_buf_reset(&skips);

	memset(&c, 0, sizeof c);
	run_with_skips(dump, &c, &skips);
	assert_int_equal(c.n, 1);
	assert_non_null(strstr(skips.data, "5 goroutine id is not a number that fits in 64 bits"));
	gs_buf_release(&c.out);
	gs_buf_release(&skips);
}

/* One header recogniser for the line reader, the parser and grep: a header with a blank
 * after its ':' and Go 1.27's labels after the bracket are headers everywhere (the line
 * reader learns an indentation from them); "goroutine 5 garbage:" is none anywhere. */
static void test_one_header_recogniser(void **state)
{
	static const char indented[] =
		"    goroutine 44 [sync.Mutex.Lock] {route: /v1/cart}:\n"
		"    main.f()\n"
		"    \t/app/f.go:1 +0x1\n"
		"\n"
		"    goroutine 45 [select] {route: /v1/cart}:\n"
		"    main.g()\n"
		"    \t/app/g.go:2 +0x1\n";
	static const char trailing[] =
		"goroutine 1 [running]: \n"
		"main.f()\n"
		"\t/app/f.go:1 +0x1\n"
		"\n"
		"goroutine 5 garbage:\n"
		"goroutine 2 [select]:\t\n"
		"main.g()\n"
		"\t/app/g.go:2 +0x1\n";
	struct collect c;
	struct gs_buf skips = GS_BUF_INIT;
	struct gs_model *m;

	(void)state;
	memset(&c, 0, sizeof c);
	run_with_skips(indented, &c, &skips);
	assert_int_equal(c.n, 2);
	assert_non_null(strstr(c.out.data, "main.f|/app/f.go|1\n"));
	assert_non_null(strstr(c.out.data, "{route: /v1/cart}|"));
	m = tu_parse_text("t.txt", indented, strlen(indented));
	assert_int_equal(m->ngoroutines, 2);
	assert_int_equal(m->sources[0].skipped_lines, 0);
	gs_model_free(m);
	gs_buf_release(&c.out);

	memset(&c, 0, sizeof c);
	run_with_skips(trailing, &c, &skips);
	assert_int_equal(c.n, 2);
	assert_int_equal(skips.len, 0);
	assert_non_null(strstr(c.out.data, "id=1 "));
	assert_non_null(strstr(c.out.data, "id=2 "));
	m = tu_parse_text("t.txt", trailing, strlen(trailing));
	assert_int_equal(m->ngoroutines, 2);
	assert_int_equal(m->dumps[0].skipped, 0);
	gs_model_free(m);
	gs_buf_release(&c.out);
	gs_buf_release(&skips);
}

/* grep's second reader: taken over between two records (its records and the first's, in
 * order, lines numbered on), refused inside a record or a profile. */
static void test_adopt(void **state)
{
	static const char text[] =
		"goroutine 1 [running]:\n"
		"main.main()\n"
		"\t/m.go:1 +0x1\n"
		"\n"
		"goroutine 2 [select]:\n"
		"main.f()\n"
		"\t/f.go:1 +0x1\n"
		"\n"
		"goroutine 3 [select]:\n"
		"main.g()\n"
		"\t/g.go:1 +0x1\n";
	size_t cut = (size_t)(strstr(text, "goroutine 2") - text);
	size_t cut3 = (size_t)(strstr(text, "goroutine 3") - text);
	struct collect whole, a, b;
	struct gs_records *r, *rest;

	(void)state;
	memset(&whole, 0, sizeof whole);
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	assert_int_equal(run(text, strlen(text), 0, &whole), 0);
	/* a middle piece, taken over; the first reader reads the rest */
	r = gs_records_new(collect, &a);
	rest = gs_records_new(collect, &b);
	assert_int_equal(gs_records_feed(r, text, cut), 0);
	assert_int_equal(gs_records_feed(rest, text + cut, cut3 - cut), 0);
	assert_int_equal(gs_records_adopt(r, rest), 1);
	gs_records_free(rest);
	assert_int_equal(gs_records_feed(r, text + cut3, strlen(text) - cut3), 0);
	assert_int_equal(gs_records_finish(r), 0);
	gs_records_free(r);
	assert_int_equal(a.n + b.n, 3);
	assert_int_equal(b.n, 1);
	/* goroutine 3 came from r after the take-over: its lines are numbered in the input */
	assert_non_null(strstr(a.out.data, "9:goroutine 3 [select]:|"));
	gs_buf_release(&a.out);
	gs_buf_release(&b.out);

	/* inside a goroutine (no blank line yet): refused */
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	r = gs_records_new(collect, &a);
	rest = gs_records_new(collect, &b);
	assert_int_equal(gs_records_feed(r, text, cut - 1), 0);
	assert_int_equal(gs_records_feed(rest, text + cut, strlen(text) - cut), 0);
	assert_int_equal(gs_records_adopt(r, rest), 0);
	gs_records_free(rest);
	gs_records_free(r);
	gs_buf_release(&a.out);
	gs_buf_release(&b.out);

	/* inside a profile: refused */
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	r = gs_records_new(collect, &a);
	rest = gs_records_new(collect, &b);
	assert_int_equal(gs_records_feed(r, heap_text, 100), 0);
	assert_int_equal(gs_records_feed(rest, text, strlen(text)), 0);
	assert_int_equal(gs_records_adopt(r, rest), 0);
	gs_records_free(rest);
	gs_records_free(r);
	gs_buf_release(&a.out);
	gs_buf_release(&b.out);
	gs_buf_release(&whole.out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples_match_model),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_bodies_at_once),
		cmocka_unit_test(test_profile_kinds),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_cap_and_stop),
		cmocka_unit_test(test_skipped_like_the_parser),
		cmocka_unit_test(test_one_header_recogniser),
		cmocka_unit_test(test_adopt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
