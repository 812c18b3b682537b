/* test_skel.c - skel.h: a body recognised by its fixed text. Whatever gs_skel_match gives
 * must be what gs_body_read and the memo give for the same text (the skel is only a
 * shorter way to the memo's answer): checked on every body these tests match, on
 * hand-written ones that try each way a body could differ from the one learned, and on
 * random ones. And it must match the bodies it exists for: other arguments and parents.
 * A skel that learns what gs_body_lines reads (grep's records) must match only bodies
 * gs_body_lines reads, alike: checked on random ones. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memo/body.h"
#include "memo/skel.h"

#define MAXL ((size_t)1 << 20)

static struct gs_body rb, mb;
static struct gs_memo memo;
static struct gs_skel skel;
static struct gs_skel lskel;   /* of the bodies gs_body_lines read */

static int setup(void **state)
{
	(void)state;
	gs_memo_init(&memo);
	gs_skel_init(&skel);
	gs_skel_init(&lskel);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gs_memo_release(&memo);
	gs_skel_release(&skel);
	gs_skel_release(&lskel);
	return 0;
}

/* t, a body with its blank line, learned as the builder learns it: a key the memo has
 * gives its stack (the builder's stack of a key is always the same), one it has not is
 * kept with this stack and creator; then the skel learns the text. 1 when both did. */
static int learn(const char *t, uint32_t stack, uint32_t creator)
{
	const struct gs_memo_entry *e;

	if (!gs_body_read(&rb, t, t + strlen(t), MAXL))
		return 0;
	e = gs_memo_find(&memo, &rb);
	if (e != NULL) {
		stack = e->stack;
		creator = e->creator;
	} else if (!gs_memo_add(&memo, &rb, stack, creator)) {
		return 0;
	}
	return gs_skel_add(&skel, &rb, t, stack, creator);
}

/* The skel's answer for t[0..n) (lines up to maxl), checked against the long way's: NULL,
 * or the node, with every field of mb equal to gs_body_read's and the memo's entry the
 * same stack, creator and frame count. */
static const struct gs_skel_node *match_n(const char *t, size_t n, size_t maxl)
{
	const struct gs_skel_node *c = gs_skel_match(&skel, &mb, t, t + n, maxl);
	const struct gs_memo_entry *e;
	uint32_t f;

	if (c == NULL)
		return NULL;
	assert_int_equal(gs_body_read(&rb, t, t + n, maxl), 1);
	e = gs_memo_find(&memo, &rb);
	assert_non_null(e);
	assert_int_equal(e->stack, c->stack);
	assert_int_equal(e->creator, c->creator);
	assert_int_equal(e->nframes, c->nframes);
	assert_int_equal(mb.bytes, rb.bytes);
	assert_int_equal(mb.nlines, rb.nlines);
	assert_int_equal(mb.nframes, rb.nframes);
	assert_int_equal(mb.created, rb.created);
	assert_int_equal(mb.parent_known, rb.parent_known);
	if (rb.parent_known) {
		assert_true(mb.parent == rb.parent);
		assert_int_equal(mb.parent_off, rb.parent_off);
	}
	for (f = 0; f < rb.nframes; f++) {
		assert_int_equal(mb.argoff[f], rb.argoff[f]);
		assert_int_equal(mb.arglen[f], rb.arglen[f]);
	}
	return c;
}

static const struct gs_skel_node *match(const char *t)
{
	return match_n(t, strlen(t), MAXL);
}

static uint32_t stack_of(const char *t)
{
	const struct gs_skel_node *c = match(t);

	return c ? c->stack : 0;
}

/* the longest line of t */
static size_t longest(const char *t)
{
	size_t n = 0;
	const char *nl;

	for (; (nl = strchr(t, '\n')) != NULL; t = nl + 1)
		if ((size_t)(nl - t) > n)
			n = (size_t)(nl - t);
	return n;
}

#define BODY(args, off, parent)                                                            \
	"sync.runtime_SemacquireMutex(" args ")\n\t/go/src/runtime/sema.go:77 +0x25\n"         \
	"sync.(*Mutex).Lock(...)\n\t/go/src/sync/mutex.go:90\n"                                \
	"main.worker(0x1)\n\t/app/main.go:20 +0x" off "\n"                                     \
	"created by main.main in goroutine " parent "\n\t/app/main.go:12 +0x2e\n\n"

static void test_match(void **state)
{
	const struct gs_skel_node *c;

	(void)state;
	assert_null(match(BODY("0xc000012345?, 0x0?", "4b", "1"))); /* nothing learned */
	assert_int_equal(learn(BODY("0xc000012345?, 0x0?", "4b", "1"), 5, 9), 1);
	/* other arguments and parent: the same stack, with this body's arguments and parent */
	c = match(BODY("0xc0000a0000, 0x1, 0x2", "4b", "18446744073709551615"));
	assert_non_null(c);
	assert_int_equal(c->stack, 5);
	assert_int_equal(c->creator, 9);
	assert_int_equal(mb.nframes, 3);
	assert_int_equal(mb.nlines, 8);
	assert_true(mb.parent == UINT64_MAX);
	assert_int_equal(mb.argoff[0], strlen("sync.runtime_SemacquireMutex"));
	assert_int_equal(mb.arglen[0], strlen("(0xc0000a0000, 0x1, 0x2)"));
	assert_int_equal(stack_of(BODY("", "4b", "7")), 5); /* no arguments at all */
	/* what the memo would read otherwise, or not at all */
	assert_null(match(BODY("0x1, (0x2)", "4b", "1")));           /* a "(": another name */
	assert_null(match(BODY("0x1\xe2\x80\xa6", "4b", "1")));      /* "(…)": the long way's */
	assert_null(match(BODY("0x1", "4b", "18446744073709551616"))); /* past 64 bits: warns */
	assert_null(match(BODY("0x1", "4b", "")));                   /* " in goroutine " a name */
	assert_null(match(BODY("0x1", "4b", "1 ")));
	assert_null(match(BODY("0x1\n", "4b", "1")));                 /* a line more */
	assert_null(match("sync.runtime_SemacquireMutex(0x1)\r\n\t/go/src/runtime/sema.go:77 "
	                  "+0x25\nsync.(*Mutex).Lock(...)\n\t/go/src/sync/mutex.go:90\n"
	                  "main.worker(0x1)\n\t/app/main.go:20 +0x4b\ncreated by main.main in "
	                  "goroutine 1\n\t/app/main.go:12 +0x2e\n\n"));  /* CRLF */
	/* a ")" and a "\r" inside the arguments: the line's last ")" closes them, as the
	 * long way reads it */
	assert_non_null(match(BODY("0x1)\r", "4b", "1")));
	/* text the skel never saw: another offset (the memo's: the key has no offsets), a frame
	 * less, no blank line before the end */
	assert_null(match(BODY("0x1", "4c", "1")));
	assert_null(match("main.worker(0x1)\n\t/app/main.go:20 +0x4b\n\n"));
	assert_non_null(match(BODY("0x1", "4b", "1") "goroutine 9 [x]:\n")); /* the next is not its */
	{
		static const char t[] = BODY("0x1", "4b", "1");

		assert_non_null(match_n(t, sizeof t - 1, MAXL));
		assert_null(match_n(t, sizeof t - 2, MAXL)); /* its blank line past lim */
		assert_null(match_n(t, sizeof t - 8, MAXL));
		/* a line longer than max_line: a fixed line (the longest, "created by ..."), a
		 * function line with its arguments */
		assert_non_null(match_n(t, sizeof t - 1, longest(t)));
		assert_null(match_n(t, sizeof t - 1, longest(t) - 1));
		assert_int_equal(longest(t), strlen("created by main.main in goroutine 1"));
	}
	{
		static const char t[] = BODY("0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7", "4b", "1");
		static const char f[] = "sync.runtime_SemacquireMutex(0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7)";

		assert_int_equal(longest(t), strlen(f));
		assert_non_null(match_n(t, sizeof t - 1, strlen(f)));
		assert_null(match_n(t, sizeof t - 1, strlen(f) - 1));
	}
	{
		static const char t[] = "main.f(0x1)\n\t/a/long/path/to/the/file.go:1 +0x1\n\n";

		assert_int_equal(learn(t, 7, 0), 1);
		assert_non_null(match_n(t, sizeof t - 1, longest(t)));
		assert_null(match_n(t, sizeof t - 1, longest(t) - 1)); /* the file line */
	}
	/* Go before 1.21: no parent, the "created by" line all fixed */
	assert_int_equal(learn("main.w(0x1)\n\t/a.go:1 +0x1\ncreated by main.main\n\t/a.go:9 +0x2\n\n",
	                       6, 10), 1);
	assert_int_equal(stack_of("main.w(0x2, 0x3)\n\t/a.go:1 +0x1\ncreated by main.main\n"
	                          "\t/a.go:9 +0x2\n\n"), 6);
	assert_null(match("main.w(0x2)\n\t/a.go:1 +0x1\ncreated by main.main in goroutine 1\n"
	                  "\t/a.go:9 +0x2\n\n"));
	/* the two still there */
	assert_int_equal(stack_of(BODY("0x1", "4b", "3")), 5);
}

/* Stacks that share their first frames or their last, more children than a node looks
 * through at once, and names one of which is the start of another's. */
static void test_branches(void **state)
{
	char t[512];
	uint32_t n;
	int i;

	(void)state;
	for (i = 0; i < 300; i++) {
		/* the same leaf, 300 callers; every fifth caller at two lines */
		snprintf(t, sizeof t, "runtime.gopark(0x1)\n\t/go/proc.go:363 +0xd6\n"
		         "main.caller%d(0x2)\n\t/app/c.go:%d +0x1%s\n\n", i / 2, i % 2 ? 7 : 9,
		         i % 5 ? "" : "0");
		assert_int_equal(learn(t, (uint32_t)i + 1, 0), 1);
	}
	for (i = 0; i < 300; i++) {
		snprintf(t, sizeof t, "runtime.gopark(0x%x)\n\t/go/proc.go:363 +0xd6\n"
		         "main.caller%d(0x%x, 0x0)\n\t/app/c.go:%d +0x1%s\n\n", i * 7, i / 2, i,
		         i % 2 ? 7 : 9, i % 5 ? "" : "0");
		assert_int_equal(stack_of(t), (uint32_t)i + 1);
	}
	/* a stack that is another's and a frame more, and the other way round */
	assert_int_equal(learn("main.a(0x1)\n\t/a.go:1\n\n", 400, 0), 1);
	assert_int_equal(learn("main.a(0x1)\n\t/a.go:1\nmain.b(0x1)\n\t/b.go:2\n\n", 401, 0), 1);
	assert_int_equal(stack_of("main.a(0x9)\n\t/a.go:1\n\n"), 400);
	assert_int_equal(stack_of("main.a(0x9)\n\t/a.go:1\nmain.b()\n\t/b.go:2\n\n"), 401);
	/* "main.(" is the start of "main.(*T).M(": either is matched right, or neither */
	assert_int_equal(learn("main.(0x1)\n\t/a.go:1\n\n", 402, 0), 1);
	assert_int_equal(learn("main.(*T).M(0x1)\n\t/a.go:1\n\n", 403, 0), 1);
	n = stack_of("main.(0x5)\n\t/a.go:1\n\n");
	assert_true(n == 0 || n == 402);
	n = stack_of("main.(*T).M(0x5)\n\t/a.go:1\n\n");
	assert_true(n == 0 || n == 403);
}

/* Bounded: past GS_SKEL_TEXT_MAX it starts afresh and goes on learning. */
static void test_bound(void **state)
{
	static char t[8192];
	size_t at;
	int i, k;

	(void)state;
	for (i = 0; i < 4000; i++) {
		for (at = 0, k = 0; k < 30; k++)
			at += (size_t)snprintf(t + at, sizeof t - at,
			                       "main.f%d_%d(0x1)\n\t/app/a/long/path/to/f%d.go:%d +0x1\n", i,
			                       k, k, i);
		snprintf(t + at, sizeof t - at, "\n");
		assert_int_equal(learn(t, (uint32_t)i + 1, 0), 1);
	}
	assert_true(skel.text.len <= GS_SKEL_TEXT_MAX);
	assert_int_equal(stack_of(t), 4000); /* the last is there */
}

/* A match of t[0..n) in lskel is a body gs_body_lines reads, every field alike. */
static const struct gs_skel_node *match_lines(const char *t, size_t n)
{
	const struct gs_skel_node *c = gs_skel_match(&lskel, &mb, t, t + n, MAXL);
	uint32_t f;

	if (c == NULL)
		return NULL;
	assert_int_equal(gs_body_lines(&rb, t, t + n, MAXL), 1);
	assert_int_equal(mb.bytes, rb.bytes);
	assert_int_equal(mb.nlines, rb.nlines);
	assert_int_equal(mb.nframes, rb.nframes);
	assert_int_equal(mb.created, rb.created);
	for (f = 0; f < rb.nframes; f++) {
		assert_int_equal(mb.argoff[f], rb.argoff[f]);
		assert_int_equal(mb.arglen[f], rb.arglen[f]);
	}
	return c;
}

static int rnd(uint32_t *seed, int n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (int)((*seed >> 16) % (uint32_t)n);
}

/* Random bodies from a few frames, arguments with the bytes that matter ("(", ")", "\r",
 * a UTF-8 byte, "\n"), parents of many digits: every match agrees with the long way's. */
static void test_random(void **state)
{
	/* the last four, lines the grammar reads otherwise: gs_body_lines takes none of them */
	static const char *const funcs[] = { "main.a", "main.b", "sync.(*M).L", "x.y.z", ".a",
		                                 "[b", "non-Go function", "goroutine profile: total 3" };
	static const char *const files[] = { "\t/a.go:1 +0x1", "\t/a.go:1 +0x2", "\t/b.go:22",
		                                 "\t/c.go:3 +0x1f" };
	static const char *const args[] = { "", "0x1", "0x1, 0x2", "...", "(", ")", "\r", "\xe2",
		                                "0x1\n", "a b" };
	static const char *const parents[] = { "1", "12", "18446744073709551615",
		                                   "18446744073709551616", "", "x" };
	char t[1024];
	uint32_t seed = 12345, matched = 0, lmatched = 0;
	size_t at;
	int i, k, nf;

#define RND(n) rnd(&seed, n)
	(void)state;
	for (i = 0; i < 20000; i++) {
		at = 0;
		nf = 1 + RND(3);
		for (k = 0; k < nf; k++)
			at += (size_t)snprintf(t + at, sizeof t - at, "%s(%s)\n%s\n", funcs[RND(i < 200 ? 4 : 8)],
			                       i < 200 ? "0x1" : args[RND(10)], files[RND(4)]);
		if (RND(2))
			at += (size_t)snprintf(t + at, sizeof t - at,
			                       "created by main.main in goroutine %s\n\t/m.go:1\n",
			                       parents[RND(6)]);
		snprintf(t + at, sizeof t - at, "\n");
		if (i < 200) {
			learn(t, (uint32_t)i + 1, 0);
			if (gs_body_lines(&rb, t, t + strlen(t), MAXL))
				gs_skel_add(&lskel, &rb, t, 0, 0);
		} else {
			matched += match(t) != NULL;
			lmatched += match_lines(t, strlen(t)) != NULL;
		}
	}
#undef RND
	assert_true(matched > 1000);
	assert_true(lmatched > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_branches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
