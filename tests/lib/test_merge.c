/* test_split.c - gs_parser_adopt: two readers of one input (cli/input/split.c runs them on two
 * threads) must build what one reader builds, and refuse where they would not. Each case
 * reads a text whole, then as two parts cut before a goroutine header, and compares the
 * two models by content (ids may differ, what they name may not). tests/fuzz/chunkdiff.c
 * does the same at every header of the samples and the corpus. */
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

#define DETECTED 256

static struct gs_model *whole(const char *text, char *detected)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;

	assert_non_null(m);
	p = gs_parser_new(m, "dump.txt");
	assert_non_null(p);
	assert_int_equal(gs_parser_feed(p, text, strlen(text)), 0);
	assert_int_equal(gs_parser_finish(p), 0);
	snprintf(detected, DETECTED, "%s", gs_parser_detected(p));
	gs_parser_free(p);
	return m;
}

/* The offset of the nth line (from 1) that begins with `at`. */
static size_t nth_line(const char *text, const char *at, int nth)
{
	const char *cut;

	for (cut = text; nth > 0; cut++) {
		if ((cut == text || cut[-1] == '\n') && strncmp(cut, at, strlen(at)) == 0)
			nth--;
		assert_true(*cut != '\0');
	}
	return (size_t)(cut - 1 - text);
}

static uint64_t line_no(const char *text, size_t off)
{
	uint64_t no = 1;
	size_t i;

	for (i = 0; i < off; i++)
		no += text[i] == '\n';
	return no;
}

/* The text in parts (testutil.h: tu_parse_parts), no fold. */
static struct gs_model *parts(const char *text, const size_t *cut, int n, int *adopted,
                              char *detected)
{
	return tu_parse_parts(text, strlen(text), cut, n, GS_FOLD_NONE, adopted, detected, DETECTED);
}

/* The text cut before the nth line that begins with `at` (two parts). */
static struct gs_model *split(const char *text, const char *at, int nth, int *adopted,
                              char *detected)
{
	size_t k = nth_line(text, at, nth);

	return parts(text, &k, 1, adopted, detected);
}

/* The text in three parts, cut before the lines at offsets a and b. adopted[0..1]. */
static struct gs_model *split3(const char *text, size_t a, size_t b, int *adopted)
{
	size_t cut[2] = { a, b };

	return parts(text, cut, 2, adopted, NULL);
}

/* Goroutines from..to in chan receive, each with its blank line, appended at text + len
 * (cap bytes in all); the new length. */
static size_t add_waiting(char *text, size_t len, size_t cap, int from, int to)
{
	int i;

	for (i = from; i <= to; i++)
		len += (size_t)snprintf(text + len, cap - len,
		                        "goroutine %d [chan receive, %d minutes]:\n"
		                        "main.w%d(0x%x)\n\t/src/app/w.go:%d +0x1\n\n",
		                        i, i % 7, i % 5, i, 10 + i % 3);
	return len;
}

/* Reads text whole and cut before the nth `at`; the two must agree, and adopt must have
 * given `want`. Returns the whole model for more checks. */
static struct gs_model *check(const char *text, const char *at, int nth, int want)
{
	char da[DETECTED], db[DETECTED];
	struct gs_model *a = whole(text, da), *b;
	int adopted;

	b = split(text, at, nth, &adopted, db);
	assert_int_equal(adopted, want);
	tu_same_model(a, b);
	assert_string_equal(da, db);
	gs_model_free(b);
	return a;
}

#define G(id, state) "goroutine " #id " [" state "]:\n"
#define WAITING                                                       \
	"sync.runtime_notifyListWait(0xc0001, 0x2)\n"                       \
	"\t/usr/lib/go/src/runtime/sema.go:587 +0x159\n"                    \
	"main.worker({0x1, 0x2})\n"                                         \
	"\t/src/app/worker.go:40 +0x1d\n"                                   \
	"created by main.start in goroutine 1\n"                            \
	"\t/src/app/main.go:12 +0x2a\n\n"
#define RUNNING                                                       \
	"main.main()\n"                                                     \
	"\t/src/app/main.go:30 +0x1d\n\n"
/* The parser tells text from binary by the first 512 bytes: a cut before them is refused
 * (the probe would span it), so the cases start with these. */
#define FILLER G(2, "select") WAITING G(3, "select") WAITING G(4, "select") WAITING

/* One dump cut between goroutines: adopted, lines shifted, one dump; refused within the
 * first 512 bytes. */
static void test_one_dump(void **state)
{
	static const char text[] =
		G(1, "running") RUNNING
		FILLER
		G(5, "chan receive, 3 minutes") WAITING
		G(6, "select") WAITING
		G(7, "chan receive, 3 minutes") WAITING
		"goroutine 8 [IO wait]:\n"
		"main.other(...)\n"
		"\t/src/app/other.go:9 +0x1\n";
	struct gs_model *m;
	int nth;

	(void)state;
	gs_model_free(check(text, "goroutine ", 2, 0));
	for (nth = 5; nth <= 8; nth++) {
		m = check(text, "goroutine ", nth, 1);
		assert_int_equal(m->ndumps, 1);
		assert_int_equal(m->ngoroutines, 8);
		assert_int_equal(m->goroutines[7].line, line_no(text, nth_line(text, "goroutine 8 ", 1)));
		gs_model_free(m);
	}
}

/* The second dump repeats the first one's ids: one reader starts a new dump at its first
 * header, so adopt must refuse there (and may adopt inside the second dump). */
static void test_repeated_ids_refused(void **state)
{
	static const char text[] =
		G(1, "running") RUNNING FILLER
		G(5, "chan receive") WAITING
		G(1, "running") RUNNING
		G(5, "chan receive") WAITING
		G(6, "select") WAITING;
	struct gs_model *m;

	(void)state;
	m = check(text, "goroutine 1 ", 2, 0);
	assert_int_equal(m->ndumps, 2);
	assert_int_equal(m->dumps[0].ng, 5);
	assert_int_equal(m->dumps[1].ng, 3);
	gs_model_free(m);
	m = check(text, "goroutine 6 ", 1, 1);
	gs_model_free(m);
}

/* A repeated id after a [running] goroutine moves that goroutine into the new dump (the
 * writer of a debug=2 dump prints itself first) only when the dump had two: the second
 * reader, whose first dump has one, cannot tell, so adopt refuses. */
static void test_moved_writer_refused(void **state)
{
	static const char text[] =
		FILLER
		G(5, "chan receive") WAITING
		G(9, "running") RUNNING
		G(4, "select") WAITING
		G(5, "chan receive") WAITING;
	static const char again[] =
		FILLER
		G(5, "chan receive") WAITING
		G(9, "running") RUNNING
		G(9, "select") WAITING
		G(10, "select") WAITING;
	struct gs_model *m;

	(void)state;
	m = check(text, "goroutine 9 ", 1, 0);
	assert_int_equal(m->ndumps, 2);
	assert_int_equal(m->dumps[1].ng, 3);
	assert_int_equal(m->goroutines[m->dumps[1].first_g].id, 9);
	gs_model_free(m);
	/* the same where no id of the first part repeats: the second reader's first dump
	 * holds only goroutine 9, which one reader moves into the next */
	m = check(again, "goroutine 9 ", 1, 0);
	assert_int_equal(m->ndumps, 2);
	assert_int_equal(m->dumps[0].ng, 4);
	assert_int_equal(m->dumps[1].ng, 3);
	gs_model_free(m);
}

/* Cut where one reader would not be between goroutines, or after text between them: the
 * second part is read by the first reader instead. */
static void test_not_at_a_boundary(void **state)
{
	static const char glued[] =
		FILLER G(1, "running") "main.main()\n\t/src/app/main.go:30 +0x1d\n"
		G(5, "chan receive") WAITING
		G(6, "select") WAITING;
	static const char junk[] =
		G(1, "running") RUNNING FILLER
		"some program output between goroutines\n\n"
		G(5, "chan receive") WAITING
		G(6, "select") WAITING;
	struct gs_model *m;

	(void)state;
	m = check(glued, "goroutine 5 ", 1, 0);
	assert_int_equal(m->ngoroutines, 6);
	gs_model_free(m);
	m = check(junk, "goroutine 5 ", 1, 0);
	assert_int_equal(m->ndumps, 2);
	gs_model_free(m);
}

/* Log prefixes are learned by the first reader: a second one would not strip them. */
static void test_log_prefix_refused(void **state)
{
	static const char text[] =
		"2024-05-01T10:00:00Z stderr F goroutine 1 [running]:\n"
		"2024-05-01T10:00:00Z stderr F main.main()\n"
		"2024-05-01T10:00:00Z stderr F \t/src/app/main.go:30 +0x1d\n"
		"2024-05-01T10:00:00Z stderr F \n"
		"2024-05-01T10:00:00Z stderr F goroutine 5 [select]:\n"
		"2024-05-01T10:00:00Z stderr F main.f()\n"
		"2024-05-01T10:00:00Z stderr F \t/src/app/f.go:3 +0x1\n";
	static const char crlf[] =
		G(1, "running") RUNNING FILLER
		"goroutine 5 [select]:\r\n"
		"main.f()\r\n"
		"\t/src/app/f.go:3 +0x1\r\n";
	struct gs_model *m;

	(void)state;

	m = check(text, "2024-05-01T10:00:00Z stderr F goroutine 5 ", 1, 0);
	assert_int_equal(m->ngoroutines, 2);
	gs_model_free(m);
	/* CRLF only after the cut: one reader says it saw CRLF, and so does the first after
	 * taking the second's line reader over */
	m = check(crlf, "goroutine 5 ", 1, 1);
	assert_int_equal(m->ngoroutines, 5);
	gs_model_free(m);
}

/* What the second reader learned is the first's after it: an indentation learned after the
 * cut is stripped from the lines to come and named by the first reader. */
static void test_learned_after_cut(void **state)
{
	static const char text[] =
		G(1, "running") RUNNING FILLER
		"goroutine 5 [select]:\n"
		"main.f()\n"
		"\t/src/app/f.go:3 +0x1\n"
		"\n"
		"    goroutine 6 [select]:\n"
		"    main.g()\n"
		"    \t/src/app/g.go:4 +0x1\n";
	char da[DETECTED];
	struct gs_model *m, *w;
	size_t cuts[2];
	int adopted[2];

	(void)state;
	m = check(text, "goroutine 5 ", 1, 1);
	assert_int_equal(m->ngoroutines, 6);
	assert_int_equal(m->sources[0].skipped_lines, 0);
	gs_model_free(m);
	/* the same in the middle of three parts: the first reader goes on with the indent */
	w = whole(text, da);
	assert_string_equal(da, "indent 4");
	cuts[0] = nth_line(text, "goroutine 5 ", 1);
	cuts[1] = (size_t)(strstr(text, "    main.g()") - text);
	m = parts(text, cuts, 2, adopted, NULL);
	assert_int_equal(adopted[0], 0); /* stopped inside goroutine 6: no hand-over */
	tu_same_model(w, m);
	gs_model_free(m);
	gs_model_free(w);
}

/* Diagnostics of the second part keep their order and their (shifted) lines; a dump that
 * ends in the second part with a crash's signal keeps it; a new dump there is appended. */
static void test_diagnostics_and_second_dump(void **state)
{
	static const char text[] =
		G(1, "running") RUNNING FILLER
		G(5, "chan receive") WAITING
		G(6, "select")
		"main.f(0x1)\n"
		"\tnot-a-file-line\n\n"
		G(7, "select") WAITING
		"panic: boom\n\n"
		G(1, "running") RUNNING
		G(2, "select") WAITING;
	struct gs_model *m;

	(void)state;
	m = check(text, "goroutine 6 ", 1, 1);
	assert_int_equal(m->ndumps, 2);
	assert_true(m->ndiags >= 1);
	assert_int_equal(m->diags[0].line, line_no(text, nth_line(text, "\tnot-a-file", 1)));
	assert_string_equal(gs_str(m, m->dumps[1].panic), "panic: boom");
	gs_model_free(m);
}

/* A profile after the cut, even one with no records, is not merged (gs_model_merge does
 * not carry a profile's header numbers): the first reader reads it. */
static void test_profile_after_cut_refused(void **state)
{
	static const char text[] =
		G(1, "running") RUNNING FILLER
		G(5, "chan receive") WAITING
		G(7, "select") WAITING
		"heap profile: 3: 300 [4: 400] @ heap/1048576\n\n"
		G(6, "select") WAITING;
	struct gs_model *m;

	(void)state;
	m = check(text, "goroutine 5 ", 1, 0);
	assert_int_equal(m->ndumps, 3);
	assert_int_equal(m->dumps[1].kind, GS_KIND_HEAP);
	assert_int_equal(m->dumps[1].header_v[1], 300);
	gs_model_free(m);
}

/* Conservation on a generated dump cut at every header: each goroutine is counted once. */
static void test_every_cut(void **state)
{
	char *text = malloc(64 * 1024);
	size_t len = 0;
	int i, adopted, total = 0;

	(void)state;
	assert_non_null(text);
	len = add_waiting(text, len, 64 * 1024, 1, 60);
	for (i = 2; i <= 60; i++) {
		char da[DETECTED], db[DETECTED];
		struct gs_model *a = whole(text, da), *b = split(text, "goroutine ", i, &adopted, db);

		assert_int_equal(adopted, nth_line(text, "goroutine ", i) >= 512);
		assert_int_equal(b->ngoroutines, 60);
		tu_same_model(a, b);
		total += adopted;
		gs_model_free(a);
		gs_model_free(b);
	}
	assert_true(total >= 40);
	free(text);
}

/* Chained: three parts must agree with the whole, and the answers must be these. */
static struct gs_model *check3(const char *text, size_t a, size_t b, int want0, int want1)
{
	char da[DETECTED];
	struct gs_model *w = whole(text, da), *m;
	int adopted[2];

	m = split3(text, a, b, adopted);
	assert_int_equal(adopted[0], want0);
	assert_int_equal(adopted[1], want1);
	tu_same_model(w, m);
	gs_model_free(m);
	return w;
}

/* After a middle part that continued the dump, the dump's ids are both parts' ids: a
 * third part that repeats one of the first part's ids starts a new dump, so it is refused. */
static void test_chain_ids_add_up(void **state)
{
	static const char text[] =
		G(1, "running") RUNNING FILLER
		G(5, "chan receive") WAITING
		G(6, "select") WAITING
		G(7, "select") WAITING
		G(5, "chan receive") WAITING
		G(8, "select") WAITING;
	struct gs_model *m;

	(void)state;
	m = check3(text, nth_line(text, "goroutine 6 ", 1), nth_line(text, "goroutine 5 ", 2),
	           1, 0);
	assert_int_equal(m->ndumps, 2);
	gs_model_free(m);
	/* the middle part repeats 5 itself: refused, read by the first reader */
	m = check3(text, nth_line(text, "goroutine 6 ", 1), nth_line(text, "goroutine 8 ", 1),
	           0, 1);
	gs_model_free(m);
}

/* After a middle part that began a new dump, the dump's ids are only those of that new
 * dump (with the [running] writer moved into it): an id of the first part continues it. */
static void test_chain_new_dump_ids(void **state)
{
	static const char text[] =
		G(1, "running") RUNNING FILLER
		G(5, "chan receive") WAITING
		G(6, "select") WAITING
		G(7, "select") WAITING
		G(9, "running") RUNNING
		G(6, "select") WAITING
		G(7, "select") WAITING
		G(5, "chan receive") WAITING
		G(10, "select") WAITING;
	struct gs_model *m;

	(void)state;
	m = check3(text, nth_line(text, "goroutine 6 ", 1), nth_line(text, "goroutine 5 ", 2),
	           1, 1);
	assert_int_equal(m->ndumps, 2);
	assert_int_equal(m->dumps[1].ng, 5);
	assert_int_equal(m->goroutines[m->dumps[1].first_g].id, 9);
	gs_model_free(m);
}

/* Every pair of cuts through two dumps (the second begun by a repeated id, its writer
 * moved), a junk line and a diagnostic: three parts always build what one reader does. */
static void test_chain_every_pair(void **state)
{
	char *text = malloc(64 * 1024);
	size_t len = 0, cuts[64];
	int i, j, n = 0, adopted[2], total = 0, chained = 0, k40 = -1, k3 = -1, k10 = -1;
	char da[DETECTED];
	struct gs_model *w;

	(void)state;
	assert_non_null(text);
	len = add_waiting(text, len, 64 * 1024, 1, 12);
	len += (size_t)snprintf(text + len, 64 * 1024 - len,
	                        "goroutine 40 [running]:\nmain.main()\n\t/src/app/m.go:3 +0x1\n\n");
	for (i = 2; i <= 12; i++)
		len += (size_t)snprintf(text + len, 64 * 1024 - len,
		                        "goroutine %d [select]:\nmain.v%d(0x%x)\n%s\n%s",
		                        i, i % 4, i, i == 7 ? "\tno-file-line" : "\t/src/app/v.go:9 +0x1",
		                        i == 9 ? "" : "\n"); /* 10 follows 9 with no blank line */
	len += (size_t)snprintf(text + len, 64 * 1024 - len, "exit status 2\n\n");
	for (i = 50; i <= 55; i++)
		len += (size_t)snprintf(text + len, 64 * 1024 - len,
		                        "goroutine %d [IO wait]:\nmain.x()\n\t/src/app/x.go:1 +0x1\n\n", i);
	for (i = 0; i < (int)len; i++)
		if ((i == 0 || text[i - 1] == '\n') && strncmp(text + i, "goroutine ", 10) == 0 &&
		    i >= 512)
			cuts[n++] = (size_t)i;
	assert_true(n >= 20);
	for (i = 0; i < n; i++) {
		if (strncmp(text + cuts[i], "goroutine 40 ", 13) == 0)
			k40 = i;
		else if (strncmp(text + cuts[i], "goroutine 3 [select]", 20) == 0)
			k3 = i;
		else if (strncmp(text + cuts[i], "goroutine 10 [select]", 21) == 0)
			k10 = i;
	}
	assert_true(k40 > 0 && k3 > k40 && k10 > k3);
	w = whole(text, da);
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			struct gs_model *m = split3(text, cuts[i], cuts[j], adopted);

			tu_same_model(w, m);
			assert_int_equal(m->ngoroutines, 12 + 12 + 6);
			chained += adopted[0];
			/* within one dump, between goroutines after a blank line, a middle part is
			 * always adopted: in the first dump up to goroutine 40's header, in the
			 * second from goroutine 3's, except at goroutine 10 (no blank line before) */
			if (j <= k40 || (i >= k3 && i != k10 && j != k10))
				assert_int_equal(adopted[0], 1);
			total += adopted[0] + adopted[1];
			gs_model_free(m);
		}
	}
	assert_true(chained > 0 && total > chained);
	gs_model_free(w);
	free(text);
}

/* gs_model_seed: the seeded model holds src's strings, frames and stacks under their ids
 * (its indexes find each again), and nothing else. */
static void test_seed_keeps_ids(void **state)
{
	struct gs_model *src = tu_parse_file("../samples/goroutine.debug2.txt");
	struct gs_model *dst = gs_model_new();
	uint32_t i, n, len;

	(void)state;
	assert_non_null(dst);
	assert_int_equal(gs_model_seed(dst, src), 0);
	assert_int_equal(dst->ngoroutines, 0);
	assert_int_equal(dst->ndumps, 0);
	assert_int_equal(dst->ndiags, 0);
	n = gs_intern_count(src->strings);
	assert_true(n > 100);
	assert_int_equal(gs_intern_count(dst->strings), n);
	for (i = 1; i <= n; i++) {
		len = (uint32_t)gs_intern_len(src->strings, i);
		assert_int_equal(gs_intern_put(dst->strings, gs_str(src, i), len), i);
	}
	assert_int_equal(gs_intern_count(dst->strings), n);
	assert_int_equal(dst->nframes, src->nframes);
	for (i = 1; i < src->nframes; i++)
		assert_int_equal(gs_model_frame(dst, src->frames[i].func, src->frames[i].file,
		                                src->frames[i].line), i);
	assert_int_equal(dst->nstacks, src->nstacks);
	for (i = 1; i < src->nstacks; i++) {
		const struct gs_stack *st = &src->stacks[i];

		assert_int_equal(gs_model_stack(dst, gs_stack_frames(src, i), NULL, st->len,
		                                st->flags), i);
		assert_int_equal(dst->stacks[i].canon, st->canon);
		assert_memory_equal(dst->stack_args + dst->stacks[i].first,
		                    src->stack_args + st->first, st->len * sizeof(uint32_t));
	}
	assert_int_equal(dst->nstacks, src->nstacks);
	/* new ones come after them */
	assert_int_equal(gs_model_frame(dst, tu_str(dst, "main.new"), tu_str(dst, "/new.go"), 1),
	                 src->nframes);
	gs_model_free(dst);
	gs_model_free(src);
}

/* A reader's pieces one after another (split.c): the third part's parser goes on from the
 * second's (gs_parser_new_after), which is left idle; it takes its bodies at once from its
 * first goroutine, and the parts adopted in order build what one reader builds. A reader
 * whose model said something is not gone on from. */
static void test_new_after(void **state)
{
	static char text[65536];
	size_t len = 0, cut[2];
	struct gs_model *one, *main_m, *m1, *m2, *m3;
	struct gs_parser *p, *p1, *p2;
	char detected[DETECTED];
	uint64_t hits1;
	int i;

	(void)state;
	len = add_waiting(text, len, sizeof text, 1, 100);
	cut[0] = len;
	len = add_waiting(text, len, sizeof text, 101, 200);
	cut[1] = len;
	len = add_waiting(text, len, sizeof text, 201, 300);
	one = whole(text, detected);
	main_m = gs_model_new();
	m1 = gs_model_new();
	m2 = gs_model_new();
	assert_non_null(main_m);
	assert_non_null(m1);
	assert_non_null(m2);
	p = gs_parser_new(main_m, "dump.txt");
	p1 = gs_parser_new(m1, "dump.txt");
	assert_non_null(p);
	assert_non_null(p1);
	gs_parser_memo_always(p1);
	assert_int_equal(gs_parser_feed(p1, text + cut[0], cut[1] - cut[0]), 0);
	hits1 = gs_parser_memo_hits(p1);
	p2 = gs_parser_new_after(m2, "dump.txt", p1);
	assert_non_null(p2);
	assert_int_equal(m2->nstacks, m1->nstacks);
	assert_int_equal(m2->ngoroutines, 0);
	assert_int_equal(gs_parser_feed(p2, text + cut[1], len - cut[1]), 0);
	assert_int_equal(gs_parser_finish(p2), 0);
	/* the third part's goroutines went at once but the first (read behind the probe of
	 * binary input) and the last (its blank line ends the input): its 15 stacks were
	 * learned. The second part's reader learned them, each once. */
	assert_int_equal(gs_parser_memo_hits(p2), 98);
	assert_int_equal(hits1, 98 - 15);
	assert_int_equal(gs_parser_feed(p, text, cut[0]), 0);
	assert_int_equal(gs_parser_adopt(p, p1), 1);
	assert_int_equal(gs_parser_adopt(p, p2), 1);
	gs_parser_free(p);
	gs_parser_free(p1);
	gs_parser_free(p2);
	tu_same_model(one, main_m);
	assert_int_equal(main_m->ngoroutines, 300);
	gs_model_free(main_m);
	gs_model_free(m1);
	gs_model_free(m2);
	gs_model_free(one);

	/* a model with a diagnostic (an unknown header suffix): not gone on from */
	m1 = gs_model_new();
	m3 = gs_model_new();
	p1 = gs_parser_new(m1, "dump.txt");
	for (i = 0, len = 0; i < 20; i++) /* past the probe's 512 bytes */
		len += (size_t)snprintf(text + len, sizeof text - len,
		                        "goroutine %d [select, 5 minutes, odd]:\nmain.f()\n\t/f.go:1 +0x1\n\n",
		                        i + 1);
	assert_int_equal(gs_parser_feed(p1, text, len), 0);
	assert_true(m1->ndiags > 0);
	assert_null(gs_parser_new_after(m3, "dump.txt", p1));
	gs_parser_free(p1);
	gs_model_free(m1);
	gs_model_free(m3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_dump),
		cmocka_unit_test(test_repeated_ids_refused),
		cmocka_unit_test(test_moved_writer_refused),
		cmocka_unit_test(test_not_at_a_boundary),
		cmocka_unit_test(test_log_prefix_refused),
		cmocka_unit_test(test_learned_after_cut),
		cmocka_unit_test(test_diagnostics_and_second_dump),
		cmocka_unit_test(test_profile_after_cut_refused),
		cmocka_unit_test(test_every_cut),
		cmocka_unit_test(test_chain_ids_add_up),
		cmocka_unit_test(test_chain_new_dump_ids),
		cmocka_unit_test(test_chain_every_pair),
		cmocka_unit_test(test_seed_keeps_ids),
		cmocka_unit_test(test_new_after),
	};

	return cmocka_run_group_tests_name("split", tests, NULL, NULL);
}
