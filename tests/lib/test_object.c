/* test_object.c - the object a goroutine waits on (parser/object.c): the frames that name
 * it, exact and inexact words, the kinds, the per-goroutine value through every reader,
 * and the candidate holders. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "model.h"
#include "object.h"
#include "parser.h"
#include "testutil.h"

static const struct gs_goroutine *by_id(const struct gs_model *m, uint64_t id, size_t *index)
{
	size_t i;

	for (i = 0; i < m->ngoroutines; i++)
		if (m->goroutines[i].id == id) {
			*index = i;
			return &m->goroutines[i];
		}
	fail_msg("no goroutine %llu", (unsigned long long)id);
	return NULL;
}

/* The object's text of goroutine id, "" for none. */
static const char *object_of(const struct gs_model *m, uint64_t id)
{
	static char text[GS_OBJECT_TEXT_MAX];
	size_t i = 0;

	by_id(m, id, &i);
	text[gs_object_format(gs_goroutine_object(m, i), text, sizeof text)] = '\0';
	return text;
}

static void test_words(void **state)
{
	char out[GS_OBJECT_TEXT_MAX];
	uint64_t v;

	(void)state;
	v = gs_object_parse(GS_OBJ_MUTEX, "(0x5f7150)", 10);
	assert_int_equal(gs_object_kind_of(v), GS_OBJ_MUTEX);
	assert_int_equal(gs_object_addr(v), 0x5f7150);
	assert_int_equal(gs_object_format(v, out, sizeof out), 14);
	assert_string_equal(out, "Mutex 0x5f7150");
	v = gs_object_parse(GS_OBJ_CHAN, "(0xC000082300, 0x0, 0x1)", 24);
	assert_int_equal(gs_object_format(v, out, sizeof out), 17);
	assert_string_equal(out, "chan 0xc000082300"); /* as Go prints words: lower case */
	/* the register ABI's guesses, inlined frames, aggregates and non-pointers name nothing */
	assert_int_equal(gs_object_parse(GS_OBJ_MUTEX, "(0xc00001c0a0?)", 15), 0);
	assert_int_equal(gs_object_parse(GS_OBJ_MUTEX, "(...)", 5), 0);
	assert_int_equal(gs_object_parse(GS_OBJ_MUTEX, "({0x1, 0x2})", 12), 0);
	assert_int_equal(gs_object_parse(GS_OBJ_MUTEX, "(0x)", 4), 0);
	assert_int_equal(gs_object_parse(GS_OBJ_MUTEX, "(0x0)", 5), 0);
	assert_int_equal(gs_object_parse(GS_OBJ_MUTEX, "(0xffffffffffffffff)", 20), 0);
	assert_int_equal(gs_object_parse(GS_OBJ_NONE, "(0x5f7150)", 10), 0);
	/* a text that does not fit is none, not a cut one */
	v = gs_object_parse(GS_OBJ_WAITGROUP, "(0x5f7150)", 10);
	assert_int_equal(gs_object_format(v, out, 12), 0);
	assert_int_equal(gs_object_format(0, out, sizeof out), 0);
	assert_string_equal(gs_object_kind_name(GS_OBJ_RWMUTEX), "RWMutex");
	assert_string_equal(gs_object_kind_name((enum gs_object_kind)99), "");
}

/* Each kind from the frames Go prints for it; only the waiting run at the leaf counts. */
static void test_kinds(void **state)
{
	static const char text[] =
		"goroutine 2 [sync.Mutex.Lock]:\n"
		"sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)\n\t/go/src/runtime/sema.go:77\n"
		"sync.(*Mutex).lockSlow(0xc000028650)\n\t/go/src/sync/mutex.go:171\n"
		"sync.(*Mutex).Lock(...)\n\t/go/src/sync/mutex.go:90\n"
		"main.a()\n\t/app/a.go:1\n\n"
		/* the writer of an RWMutex waits in its Mutex first: the RWMutex names it */
		"goroutine 3 [sync.RWMutex.Lock]:\n"
		"sync.runtime_SemacquireMutex(0xc00001a140?, 0x38?, 0x0?)\n\t/go/src/runtime/sema.go:77\n"
		"sync.(*Mutex).lockSlow(0x6bd980)\n\t/go/src/sync/mutex.go:171\n"
		"sync.(*Mutex).Lock(...)\n\t/go/src/sync/mutex.go:90\n"
		"sync.(*RWMutex).Lock(0xc0000c4080?)\n\t/go/src/sync/rwmutex.go:147\n"
		"main.b()\n\t/app/b.go:1\n\n"
		"goroutine 4 [sync.WaitGroup.Wait]:\n"
		"sync.runtime_SemacquireWaitGroup(0x0?, 0x0?)\n\t/go/src/runtime/sema.go:114\n"
		"sync.(*WaitGroup).Wait(0x392e63020380)\n\t/go/src/sync/waitgroup.go:118\n"
		"main.c()\n\t/app/c.go:1\n\n"
		/* a Cond by its notify list: the receiver is the register ABI's guess */
		"goroutine 5 [sync.Cond.Wait]:\n"
		"sync.runtime_notifyListWait(0x392e63004110, 0x1)\n\t/go/src/runtime/sema.go:617\n"
		"sync.(*Cond).Wait(0x392e6301c0b0?)\n\t/go/src/sync/cond.go:71\n"
		"main.d()\n\t/app/d.go:1\n\n"
		"goroutine 6 gp=0xc000007a40 m=nil [chan receive]:\n"
		"runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)\n\t/go/src/runtime/proc.go:398\n"
		"runtime.chanrecv(0xc000082300, 0x0, 0x1)\n\t/go/src/runtime/chan.go:583\n"
		"runtime.chanrecv1(0xc000082300?, 0x0?)\n\t/go/src/runtime/chan.go:442\n"
		"main.e(0xc000082300)\n\t/app/e.go:1\n\n"
		/* a Lock frame under user code is no wait of this goroutine */
		"goroutine 7 [select]:\n"
		"main.f(0x5f7150)\n\t/app/f.go:1\n"
		"sync.(*Mutex).Lock(0x5f7150)\n\t/go/src/sync/mutex.go:90\n\n"
		"goroutine 8 [sync.Mutex.Lock]:\n"
		"internal/sync.(*Mutex).lockSlow(0x5f7150)\n\tinternal/sync/mutex.go:149\n"
		"main.g()\n\t/app/g.go:1\n";
	struct gs_model *m = tu_parse_text("kinds", text, sizeof text - 1);

	(void)state;
	assert_int_equal(m->ngoroutines, 7);
	assert_string_equal(object_of(m, 2), "Mutex 0xc000028650");
	assert_string_equal(object_of(m, 3), "RWMutex 0x6bd980");
	assert_string_equal(object_of(m, 4), "WaitGroup 0x392e63020380");
	assert_string_equal(object_of(m, 5), "Cond 0x392e63004110");
	assert_string_equal(object_of(m, 6), "chan 0xc000082300");
	assert_string_equal(object_of(m, 7), "");
	assert_string_equal(object_of(m, 8), "Mutex 0x5f7150");
	assert_int_equal(m->ndiags, 0);
	gs_model_free(m);
}

/* Two goroutines with one stack and their own words: each its own object (the model keeps
 * one argument text per stack, not per goroutine); a "?" word joins no group. */
static void test_per_goroutine(void **state)
{
	static const char text[] =
		"goroutine 1 [sync.Mutex.Lock]:\n"
		"sync.(*Mutex).lockSlow(0xa0)\n\t/go/src/sync/mutex.go:171\n"
		"main.w()\n\t/app/w.go:3\n\n"
		"goroutine 2 [sync.Mutex.Lock]:\n"
		"sync.(*Mutex).lockSlow(0xb0)\n\t/go/src/sync/mutex.go:171\n"
		"main.w()\n\t/app/w.go:3\n\n"
		"goroutine 3 [sync.Mutex.Lock]:\n"
		"sync.(*Mutex).lockSlow(0xa0?)\n\t/go/src/sync/mutex.go:171\n"
		"main.w()\n\t/app/w.go:3\n\n"
		"goroutine 4 [sync.Mutex.Lock]:\n"
		"sync.(*Mutex).lockSlow(0xa0)\n\t/go/src/sync/mutex.go:171\n"
		"main.w()\n\t/app/w.go:3\n";
	struct gs_model *m = tu_parse_text("same", text, sizeof text - 1);
	size_t i1 = 0, i4 = 0;

	(void)state;
	assert_int_equal(m->goroutines[0].stack, m->goroutines[1].stack);
	assert_string_equal(object_of(m, 1), "Mutex 0xa0");
	assert_string_equal(object_of(m, 2), "Mutex 0xb0");
	assert_string_equal(object_of(m, 3), "");
	by_id(m, 1, &i1);
	by_id(m, 4, &i4);
	assert_int_equal(gs_goroutine_object(m, i1), gs_goroutine_object(m, i4));
	/* past the goroutines, none */
	assert_int_equal(gs_goroutine_object(m, m->ngoroutines + 5), 0);
	gs_model_free(m);
}

/* A dump with no waits on objects keeps no per-goroutine array at all. */
static void test_nothing_kept_without_waits(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/series/localhost_6060.goroutine.20261128T161410Z.txt");

	(void)state;
	assert_true(m->ngoroutines > 0);
	assert_null(m->objects);
	assert_int_equal(m->nobjects, 0);
	gs_model_free(m);
}

/* The address as a word of the arguments, and only so: each goroutine below has a stack
 * of its own (a frame on its own line), so each is the first of its stack and a candidate. */
static void test_holders_words(void **state)
{
	static const struct {
		const char *args;
		int holds;
	} cases[] = {
		{ "(0x5f7150)", 1 },          { "(0x1, 0x5f7150)", 1 },  { "({0x5f7150, 0x1})", 1 },
		{ "(0x1 0x5f7150)", 1 },      { "({0x1, 0x5f7150})", 1 }, { "(0x5f7150, 0x1, 0x2)", 1 },
		{ "(0x5f71500)", 0 },         { "(0x5f7150?)", 0 },      { "(x0x5f7150)", 0 },
		{ "(0x5f7150 )", 0 },         { "(0x25f7150)", 0 },      { "(0x5f715)", 0 },
		{ "(0x5f7150x, 0x5f7150)", 1 }, { "(...)", 0 },          { "()", 0 },
		{ "(0x1,0x5f7150)", 0 },      { "({0x1}0x5f7150)", 0 },  { "(0x5f7150{)", 0 },
	};
	struct gs_buf text = GS_BUF_INIT;
	struct gs_holder out[32];
	struct gs_model *m;
	struct gs_holders *h;
	size_t i, n, want = 0;

	(void)state;
	gs_buf_adds(&text, "goroutine 1 [sync.Mutex.Lock]:\nsync.(*Mutex).lockSlow(0x5f7150)\n"
	                   "\tsync/mutex.go:149 +0x15a\nsync.(*Mutex).Lock(...)\n\tsync/mutex.go:46\n"
	                   "main.w()\n\t/app/w.go:1\n\n");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		gs_buf_addf(&text, "goroutine %zu [select]:\nmain.f%zu%s\n\t/app/f.go:%zu\n\n", i + 2, i,
		            cases[i].args, i + 1);
		want += (size_t)cases[i].holds;
	}
	m = tu_parse_text("words", text.data, text.len);
	h = gs_holders_new(m);
	assert_non_null(h);
	n = gs_holders_find(h, 0, GS_OBJECT_VALUE(GS_OBJ_MUTEX, 0x5f7150), out, 32);
	assert_int_equal(n, want);
	for (i = 0; i < n; i++) {
		size_t c = (size_t)m->goroutines[out[i].g].id - 2;

		assert_true(cases[c].holds);
		assert_true(i == 0 || out[i].g > out[i - 1].g); /* in input order */
	}
	gs_holders_free(h);
	gs_model_free(m);
	gs_buf_release(&text);
}

/* Holders in tests/objects.txt: the goroutine blocked elsewhere with the lock's address in
 * its frames; a waiter of another lock holding this one; never a waiter of it, nor a waiter
 * whose word was a guess. */
static void test_holders(void **state)
{
	struct gs_model *m = tu_parse_file("objects.txt");
	struct gs_holders *h = gs_holders_new(m);
	struct gs_holder out[4];
	uint64_t a = GS_OBJECT_VALUE(GS_OBJ_MUTEX, 0x5f7150), b = GS_OBJECT_VALUE(GS_OBJ_MUTEX, 0x5f71a8);
	uint64_t wg = GS_OBJECT_VALUE(GS_OBJ_WAITGROUP, 0x5f71c0);
	size_t i;

	(void)state;
	assert_non_null(h);
	assert_int_equal(gs_holders_find(h, 0, a, out, 4), 1);
	assert_int_equal(m->goroutines[out[0].g].id, 21);
	assert_string_equal(gs_str(m, m->frames[out[0].frame].func), "main.(*cache).refill");
	assert_int_equal(gs_holders_find(h, 0, b, out, 4), 1);
	assert_int_equal(m->goroutines[out[0].g].id, 22);
	assert_string_equal(gs_str(m, m->frames[out[0].frame].func), "main.(*index).rebuild");
	assert_int_equal(gs_holders_find(h, 0, wg, out, 4), 1);
	assert_int_equal(m->goroutines[out[0].g].id, 51);
	/* counted past max, nothing written */
	assert_int_equal(gs_holders_find(h, 0, a, NULL, 0), 1);
	/* no such object, no such dump */
	assert_int_equal(gs_holders_find(h, 0, GS_OBJECT_VALUE(GS_OBJ_MUTEX, 0x7777), out, 4), 0);
	assert_int_equal(gs_holders_find(h, 9, a, out, 4), 0);
	/* the guessed word joined nothing */
	for (i = 0; i < m->ngoroutines; i++)
		if (m->goroutines[i].id == 33)
			assert_int_equal(gs_goroutine_object(m, i), 0);
	gs_holders_free(h);
	gs_model_free(m);
}

/* Read in pieces by two readers, the objects are the ones one reader finds. */
static void test_merged(void **state)
{
	size_t len, cut;
	char *text = tu_slurp("objects.txt", &len);
	struct gs_model *whole = tu_parse_text("objects", text, len), *m;
	struct gs_parser *a, *b;
	size_t i;
	struct gs_model *part = gs_model_new();

	(void)state;
	cut = (size_t)(strstr(text, "goroutine 41 ") - text);
	m = gs_model_new();
	a = gs_parser_new(m, "objects");
	assert_non_null(a);
	assert_int_equal(gs_parser_feed(a, text, cut), 0);
	b = gs_parser_new(part, "objects");
	assert_non_null(b);
	assert_int_equal(gs_parser_feed(b, text + cut, len - cut), 0);
	assert_int_equal(gs_parser_finish(b), 0);
	/* merged: rest's objects are renamed into the first model's strings */
	assert_int_equal(gs_parser_adopt(a, b), 1);
	gs_parser_free(b);
	gs_model_free(part);
	gs_parser_free(a);
	assert_int_equal(m->ngoroutines, whole->ngoroutines);
	for (i = 0; i < m->ngoroutines; i++)
		assert_int_equal(gs_goroutine_object(m, i), gs_goroutine_object(whole, i));
	free(text);
	gs_model_free(m);
	gs_model_free(whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_per_goroutine),
		cmocka_unit_test(test_nothing_kept_without_waits),
		cmocka_unit_test(test_holders),
		cmocka_unit_test(test_holders_words),
		cmocka_unit_test(test_merged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
