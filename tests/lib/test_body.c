/* test_body.c - body.h: a goroutine's body read at once, and the stack memo. The shapes
 * gs_body_read takes and the ones it leaves to the line-by-line way (and gs_body_lines, for
 * grep's records, which chunkdiff checks against the model); keys equal for bodies
 * that differ only where body.h says; and the model read with the memo (the dump in one
 * feed) equal, goroutine by goroutine, to the model read without it (a line a feed: no body
 * is ever whole in a chunk), on hand-written dumps that try each way it could differ and on
 * the samples (the unit tests run in tests/). Conservation: every goroutine header is a
 * goroutine of both models. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memo/body.h"
#include "parser.h"
#include "testutil.h"

static struct gs_body body;

/* gs_body_read over a NUL-terminated text, lim its end */
static int read_body(const char *t)
{
	return gs_body_read(&body, t, t + strlen(t), 1u << 20);
}

/* Read, and then kept by a memo of its own (gs_memo_add checks what the key says). */
static int remembered(const char *t)
{
	struct gs_memo memo;
	int kept;

	if (!read_body(t))
		return 0;
	gs_memo_init(&memo);
	gs_memo_add(&memo, &body, 1, 0);
	kept = gs_memo_find(&memo, &body) != NULL;
	gs_memo_release(&memo);
	return kept;
}

static void test_shapes(void **state)
{
	(void)state;
	/* frames, created by with a parent */
	assert_int_equal(read_body("main.f(0x1, 0x2)\n\t/x/f.go:10 +0x1d\n"
	                           "created by main.main in goroutine 7\n\t/x/m.go:3 +0x2e\n\n"), 1);
	assert_int_equal(body.nlines, 4);
	assert_int_equal(body.nframes, 1);
	assert_true(body.created && body.parent_known);
	assert_int_equal(body.parent, 7);
	assert_int_equal(body.bytes, strlen("main.f(0x1, 0x2)\n\t/x/f.go:10 +0x1d\n"
	                                    "created by main.main in goroutine 7\n\t/x/m.go:3 +0x2e\n"));
	assert_memory_equal(body.key, "main.f(\n\t/x/f.go:10\ncreated by main.main\n\t/x/m.go:3\n",
	                    body.keylen);
	assert_int_equal(body.argoff[0], 6);
	assert_int_equal(body.arglen[0], strlen("(0x1, 0x2)"));
	/* a receiver's parentheses are the name's; an inlined frame has no offset */
	assert_int_equal(read_body("sync.(*Mutex).Lock(...)\n\t/go/sync/mutex.go:90\n\n"), 1);
	assert_memory_equal(body.key, "sync.(*Mutex).Lock(\n\t/go/sync/mutex.go:90\n", body.keylen);
	assert_false(body.created);
	assert_true(remembered("sync.(*Mutex).Lock(...)\n\t/go/sync/mutex.go:90\n\n"));
	/* not taken: no blank line before lim; a function line without its file line */
	assert_int_equal(read_body("main.f()\n\t/x/f.go:1 +0x1\n"), 0);
	assert_int_equal(read_body("main.f()\nmain.g()\n\t/x/f.go:1 +0x1\n\n"), 0);
	/* the grammar's other lines, never in the memo: an elision, ancestors, "non-Go
	 * function", a profile header (read, since a key part says it, and not kept), a
	 * wait-unavailable line; fp= sp= words (read whole: not a line number at the end) */
	assert_false(remembered("main.f()\n\t/x/f.go:1 +0x1\n...additional frames elided...\n\n"));
	assert_false(remembered(".f(x)\n\t/x/f.go:1\n\n"));
	assert_false(remembered("[originating from goroutine 1]:\nmain.f()\n\t/x/f.go:1\n\n"));
	assert_false(remembered("[x](y)\n\t/x/f.go:1\n\n"));
	assert_false(remembered("non-Go function(x)\n\t/x/f.go:1\n\n"));
	assert_int_equal(read_body("heap profile: f(x)\n\t/x/f.go:1\n\n"), 1);
	assert_false(remembered("heap profile: f(x)\n\t/x/f.go:1\n\n"));
	assert_false(remembered("\tgoroutine running on other thread; stack unavailable\n\n"));
	assert_false(remembered("main.f()\n\t/x/f.go:1 +0x1 fp=0xc0 sp=0xc0 pc=0x4\n\n"));
	/* a file line that would warn (no line number, one past 32 bits) or split otherwise */
	assert_false(remembered("main.f()\n\t/x/f.go +0x1\n\n"));
	assert_false(remembered("main.f()\n\t/x/f.go:4294967296 +0x1\n\n"));
	assert_true(remembered("main.f()\n\t/x/f.go:4294967295 +0x1\n\n"));
	assert_false(remembered("main.f()\n\t:12\n\n"));
	assert_false(remembered("main.f()\n\t/x/f.go:1 +0xzz\n\n"));
	/* what the short way would not hand out untouched: CRLF, an indented line, "(…)" */
	assert_int_equal(read_body("main.f()\r\n\t/x/f.go:1\r\n\n"), 0);
	assert_int_equal(read_body("main.f()\n\t /x/f.go:1\n\n"), 0);
	assert_int_equal(read_body("main.f(\xe2\x80\xa6)\n\t/x/f.go:1\n\n"), 0);
	/* a parent past 64 bits warns the long way; " in goroutine " and no digits is a name */
	assert_int_equal(read_body("main.f()\n\t/x/f.go:1\ncreated by main.main in goroutine "
	                           "99999999999999999999\n\t/x/m.go:3\n\n"), 0);
	assert_true(remembered("main.f()\n\t/x/f.go:1\ncreated by main.main in goroutine x\n"
	                       "\t/x/m.go:3\n\n"));
	assert_false(body.parent_known);
}

/* gs_body_lines: the same lines, each one's offset, and no key: a function line the grammar
 * reads otherwise is checked there, as no memo will */
static void test_lines(void **state)
{
	static const char t[] = "main.f(0x1)\n\t/x/f.go:10 +0x1d\ncreated by main.main\n\t/x/m.go:3\n\n";

	(void)state;
	assert_int_equal(gs_body_lines(&body, t, t + sizeof t - 1, 1u << 20), 1);
	assert_int_equal(body.nlines, 4);
	assert_int_equal(body.line_off[0], 0);
	assert_int_equal(body.line_off[1], strlen("main.f(0x1)\n"));
	assert_int_equal(body.line_off[2], strlen("main.f(0x1)\n\t/x/f.go:10 +0x1d\n"));
	assert_int_equal(body.argoff[0], strlen("main.f"));
	assert_true(body.created);
#define LINES(x) gs_body_lines(&body, x, x + strlen(x), 1u << 20)
	assert_int_equal(LINES(".f(x)\n\t/x/f.go:1\n\n"), 0);
	assert_int_equal(LINES("[x](y)\n\t/x/f.go:1\n\n"), 0);
	assert_int_equal(LINES("non-Go function(x)\n\t/x/f.go:1\n\n"), 0);
	assert_int_equal(LINES("heap profile: f(x)\n\t/x/f.go:1\n\n"), 0);
	/* a file line that would not split is a line all the same: read */
	assert_int_equal(LINES("main.f()\n\t/x/f.go +0x1\n\n"), 1);
#undef LINES
}

static void test_keys(void **state)
{
	char a[GS_BODY_MAX_KEY];
	size_t alen;
	uint64_t ahash;

	(void)state;
	assert_int_equal(read_body("main.f(0xc000010000)\n\t/x/f.go:10 +0x1d\n"
	                           "created by main.main in goroutine 1\n\t/x/m.go:3 +0x2e\n\n"), 1);
	memcpy(a, body.key, body.keylen);
	alen = body.keylen;
	ahash = body.hash;
	/* other arguments, offsets and parent: the same key */
	assert_int_equal(read_body("main.f(0xc0000a0000, 0x1)\n\t/x/f.go:10 +0x1f\n"
	                           "created by main.main in goroutine 12\n\t/x/m.go:3\n\n"), 1);
	assert_int_equal(body.keylen, alen);
	assert_memory_equal(body.key, a, alen);
	assert_true(body.hash == ahash);
	/* another line number: another key */
	assert_int_equal(read_body("main.f(0xc000010000)\n\t/x/f.go:11 +0x1d\n"
	                           "created by main.main in goroutine 1\n\t/x/m.go:3 +0x2e\n\n"), 1);
	assert_false(body.keylen == alen && memcmp(body.key, a, alen) == 0);
}

static void test_memo(void **state)
{
	struct gs_memo memo;
	const struct gs_memo_entry *e;
	int i;

	(void)state;
	gs_memo_init(&memo);
	assert_int_equal(read_body("main.f()\n\t/x/f.go:1\n\n"), 1);
	assert_null(gs_memo_find(&memo, &body));
	gs_memo_add(&memo, &body, 5, 9);
	e = gs_memo_find(&memo, &body);
	assert_non_null(e);
	assert_int_equal(e->stack, 5);
	assert_int_equal(e->creator, 9);
	assert_int_equal(e->nframes, 1);
	/* many keys: the table grows and keeps them all */
	for (i = 0; i < 2000; i++) {
		char t[64];

		snprintf(t, sizeof t, "main.f()\n\t/x/f.go:%d\n\n", i + 2);
		assert_int_equal(read_body(t), 1);
		gs_memo_add(&memo, &body, (uint32_t)i + 10, 0);
	}
	for (i = 0; i < 2000; i++) {
		char t[64];

		snprintf(t, sizeof t, "main.f()\n\t/x/f.go:%d\n\n", i + 2);
		assert_int_equal(read_body(t), 1);
		e = gs_memo_find(&memo, &body);
		assert_non_null(e);
		assert_int_equal(e->stack, (uint32_t)i + 10);
	}
	gs_memo_release(&memo);
}

/* ---- the model with the memo and without it ---- */

static uint64_t skel_hits; /* the last parse's in one feed: of its hits, the skel's */

/* text read in one feed (hits: the memo's) or a line a feed */
static struct gs_model *parse(const char *text, size_t len, int by_line, uint64_t *hits)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;
	size_t at = 0;

	assert_non_null(m);
	p = gs_parser_new(m, "dump");
	assert_non_null(p);
	if (!by_line) {
		assert_int_equal(gs_parser_feed(p, text, len), 0);
	} else {
		while (at < len) {
			const char *nl = memchr(text + at, '\n', len - at);
			size_t n = nl ? (size_t)(nl - (text + at)) + 1 : len - at;

			assert_int_equal(gs_parser_feed(p, text + at, n), 0);
			at += n;
		}
	}
	assert_int_equal(gs_parser_finish(p), 0);
	if (hits)
		*hits = gs_parser_memo_hits(p);
	if (!by_line)
		skel_hits = gs_parser_skel_hits(p);
	gs_parser_free(p);
	return m;
}

/* The memo reads bodies once a window of goroutines repeated stacks (build.c): text after
 * a warm-up of WARM goroutines of one stack whose bodies it never takes (an elision), so
 * that the hits counted are text's own. The first, longer than the parser's first chunk
 * (the 512 bytes of its binary probe), puts every later body whole in one chunk. */
#define WARM 160
#define ARGS "0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, "
static char *warmed(const char *text, size_t *len)
{
	static const char first[] = "goroutine 1000000 [running]:\nmain.main(" ARGS ARGS ARGS ARGS
	                            ARGS ARGS ARGS ARGS "0x1)\n\t/app/main.go:10 +0x1d\n\n";
	size_t n = strlen(text), cap = sizeof first + WARM * 128 + n + 1, at;
	char *out = malloc(cap);
	int i;

	assert_non_null(out);
	memcpy(out, first, sizeof first - 1);
	at = sizeof first - 1;
	for (i = 0; i < WARM; i++)
		at += (size_t)snprintf(out + at, cap - at,
		                       "goroutine %d [select]:\nmain.warm()\n\t/w.go:1 +0x1\n"
		                       "...additional frames elided...\n\n", 1000001 + i);
	assert_true(at + n < cap);
	memcpy(out + at, text, n + 1);
	*len = at + n;
	return out;
}

/* Read both ways (after the warm-up), equal; the memo took at least min of text's bodies and
 * at most max. Conservation: each "goroutine N [" header but goroutine 0 is a goroutine of
 * the model. */
static void both_ways(const char *text, uint64_t min, uint64_t max)
{
	size_t len, headers = WARM + 1;
	const char *p = text;
	char *all = warmed(text, &len);
	struct gs_model *a, *b;
	uint64_t hits, none;

	while ((p = strstr(p, "goroutine ")) != NULL) {
		if ((p == text || p[-1] == '\n') && p[10] >= '1' && p[10] <= '9')
			headers++;
		p += 10;
	}
	a = parse(all, len, 0, &hits);
	b = parse(all, len, 1, &none);
	assert_int_equal(none, 0);
	assert_in_range(hits, min, max);
	assert_int_equal(a->ngoroutines, headers);
	tu_same_model(a, b);
	gs_model_free(a);
	gs_model_free(b);
	free(all);
}

#define WORKER(id, arg, off, parent)                                                        \
	"goroutine " id " [semacquire, 3 minutes]:\n"                                          \
	"sync.runtime_SemacquireMutex(0xc000012345?, 0x0?, 0x1?)\n"                            \
	"\t/go/src/runtime/sema.go:77 +0x25\n"                                                 \
	"sync.(*Mutex).lockSlow(" arg ")\n\t/go/src/sync/mutex.go:171 +0x" off "\n"           \
	"sync.(*Mutex).Lock(...)\n\t/go/src/sync/mutex.go:90\n"                                \
	"main.worker(0x1)\n\t/app/main.go:20 +0x4b\n"                                          \
	"created by main.main in goroutine " parent "\n\t/app/main.go:12 +0x2e\n\n"

static void test_same_model(void **state)
{
	(void)state;
	/* other mutexes (objects), offsets and parents: every repeat a hit */
	both_ways(WORKER("5", "0xc0000a0000", "165", "1") WORKER("6", "0xc0000b0000", "166", "7")
	          WORKER("7", "0xc0000a0000", "165", "1") WORKER("8", "0xc0000c0000", "165", "2"),
	          3, 3);
	/* ... the skel (skel.h) found 7 and 8 by 5's text; 6, another offset, by its key */
	assert_int_equal(skel_hits, 2);
	/* repeats the skel must leave to the key or the lines: a "(" in the arguments (another
	 * name), "(…)", a parent past 64 bits (a warning); then one it takes */
	both_ways(WORKER("5", "0xc0000a0000", "165", "1") WORKER("6", "0x1, (0x2", "165", "1")
	          WORKER("7", "0x1\xe2\x80\xa6", "165", "1")
	          WORKER("8", "0x1", "165", "18446744073709551616")
	          WORKER("9", "0xc0000c0000", "165", "3"), 1, 1);
	assert_int_equal(skel_hits, 1);
	/* Go before 1.21: no parent */
	both_ways("goroutine 2 [chan receive]:\nmain.w(0x1)\n\t/a.go:1 +0x1\ncreated by main.main\n"
	          "\t/a.go:9 +0x2\n\ngoroutine 3 [chan receive]:\nmain.w(0x2)\n\t/a.go:1 +0x1\n"
	          "created by main.main\n\t/a.go:9 +0x2\n\n", 1, 1);
	/* a warning in a body (a line number past 32 bits): never remembered, said as the
	 * long way says it (the frame cache keeps it from saying it twice) */
	both_ways("goroutine 2 [select]:\nmain.w()\n\t/a.go:99999999999 +0x1\n\n"
	          "goroutine 3 [select]:\nmain.w()\n\t/a.go:99999999999 +0x1\n\n"
	          "goroutine 4 [select]:\nmain.w()\n\t/a.go:99999999999 +0x1\n\n", 0, 0);
	/* an elided stack, fp= lines, a goroutine ended by the next header without its blank
	 * line, one cut by the end of input: the long way; one hit (goroutine 8) */
	both_ways("goroutine 2 [select]:\nmain.w()\n\t/a.go:1 +0x1\n...additional frames elided...\n\n"
	          "goroutine 3 [select]:\nmain.w()\n\t/a.go:1 +0x1\n...additional frames elided...\n\n"
	          "goroutine 4 [running]:\nmain.w()\n\t/a.go:1 +0x1 fp=0xc1 sp=0xc2 pc=0x3\n\n"
	          "goroutine 5 [running]:\nmain.w()\n\t/a.go:1 +0x1 fp=0xc1 sp=0xc2 pc=0x3\n\n"
	          "goroutine 6 [select]:\nmain.w()\n\t/a.go:1 +0x1\n"
	          "goroutine 7 [select]:\nmain.w()\n\t/a.go:1 +0x1\n\n"
	          "goroutine 8 [select]:\nmain.w()\n\t/a.go:1 +0x9\n\n"
	          "panic: boom\n\ngoroutine 9 [select]:\nmain.w()\n\t/a.go:1 +0x1\n", 1, 1);
	/* a body seen before, then the same text in a second dump (a repeated id) */
	both_ways("goroutine 2 [select]:\nmain.w()\n\t/a.go:1 +0x1\n\n"
	          "goroutine 3 [select]:\nmain.w()\n\t/a.go:1 +0x1\n\n"
	          "goroutine 2 [select]:\nmain.w()\n\t/a.go:1 +0x1\n\n", 2, 2);
	/* coloured lines and CRLF: the long way throughout */
	both_ways("goroutine 2 [select]:\nmain.w()\n\t/a.go:1 +0x1\n\n"
	          "goroutine 3 [select]:\n\x1b[31mmain.w()\x1b[0m\n\t/a.go:1 +0x1\n\n", 0, 0);
}

/* The samples: whatever the memo took, the model is the same; and it took some. */
static void test_samples(void **state)
{
	static const char *const samples[] = {
		"../samples/goroutine.debug2.txt", "../samples/panic.txt", "../samples/repanic.txt",
		"../samples/sigquit.txt", "../samples/incident.two-dumps.txt",
		"../samples/incident.truncated.txt", "../samples/incident.crlf.txt",
		"../samples/incident.logprefix.txt", "../samples/incident.bom.txt",
		"modern/go1.26/goroutine.debug2.tracebacklabels.txt",
		"modern/go1.27/goroutine.debug2.txt", "modern/go1.27/goroutineleak.debug2.txt",
	};
	uint64_t total = 0;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		char *raw = tu_slurp(samples[i], &len), *text = warmed(raw, &len);
		struct gs_model *a, *b;
		uint64_t hits;

		free(raw);
		a = parse(text, len, 0, &hits);
		b = parse(text, len, 1, NULL);
		tu_same_model(a, b);
		total += hits;
		gs_model_free(a);
		gs_model_free(b);
		free(text);
	}
	assert_true(total > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_memo),
		cmocka_unit_test(test_same_model),
		cmocka_unit_test(test_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
