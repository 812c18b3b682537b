/* test_lines.c - the line reader: each normalisation, their combination, any chunking. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lines.h"

/* Every line handed out, as "NO FLAGS TEXT\n", so whole runs compare as one string. */
struct seen_lines {
	struct gs_buf out;
	uint64_t calls;
	uint64_t stop_at;   /* return stop_code on this call number; 0 = never */
	int stop_code;
	const char *chunk;  /* the last fed chunk, to tell a pointer into it from a copy */
	size_t chunk_len;
	uint64_t in_chunk;  /* lines whose text pointed into the fed chunk */
};

static int record(void *ctx, const struct gs_line *l)
{
	struct seen_lines *s = ctx;

	s->calls++;
	if (s->chunk && l->text >= s->chunk && l->text + l->len <= s->chunk + s->chunk_len)
		s->in_chunk++;
	assert_int_equal(gs_buf_addf(&s->out, "%llu %u ", (unsigned long long)l->no, l->flags), 0);
	assert_int_equal(gs_buf_add(&s->out, l->text, l->len), 0);
	assert_int_equal(gs_buf_addch(&s->out, '\n'), 0);
	if (s->stop_at && s->calls == s->stop_at)
		return s->stop_code;
	return 0;
}

enum chunking { WHOLE, BYTES, RANDOM_SMALL, RANDOM_LARGE };

/* A fixed-seed generator: the random chunkings are the same on every run. */
static uint32_t next_random(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 16;
}

static void feed_all(struct gs_lines *r, struct seen_lines *s, const char *in, size_t len,
                     enum chunking how)
{
	uint32_t state = 42;
	size_t off = 0;

	while (off < len) {
		size_t n = len - off;

		if (how == BYTES)
			n = 1;
		else if (how == RANDOM_SMALL)
			n = 1 + next_random(&state) % 17;
		else if (how == RANDOM_LARGE)
			n = 1 + next_random(&state) % 300;
		if (n > len - off)
			n = len - off;
		s->chunk = in + off;
		s->chunk_len = n;
		assert_int_equal(gs_lines_feed(r, in + off, n), 0);
		off += n;
	}
	s->chunk = NULL;
	assert_int_equal(gs_lines_finish(r), 0);
}

/* Runs `in` through a fresh reader; returns the records (caller frees) and what it detected. */
static char *run(const char *in, size_t max_line, enum chunking how, char *detected, size_t dsize)
{
	struct seen_lines s = { GS_BUF_INIT, 0, 0, 0, NULL, 0, 0 };
	struct gs_lines *r = gs_lines_new(max_line, record, &s);

	assert_non_null(r);
	feed_all(r, &s, in, strlen(in), how);
	if (detected) {
		const char *d = gs_lines_detected(r);

		assert_true(strlen(d) < dsize);
		memcpy(detected, d, strlen(d) + 1);
	}
	gs_lines_free(r);
	return gs_buf_detach(&s.out, NULL);
}

/* The same records whatever the chunking; and they are `want`. */
static void check(const char *in, const char *want, const char *want_detected)
{
	static const enum chunking hows[] = { WHOLE, BYTES, RANDOM_SMALL, RANDOM_LARGE };
	char detected[256];
	size_t i;

	for (i = 0; i < sizeof(hows) / sizeof(hows[0]); i++) {
		char *got = run(in, 0, hows[i], detected, sizeof(detected));

		assert_string_equal(got, want);
		if (want_detected)
			assert_string_equal(detected, want_detected);
		free(got);
	}
}

/* From FORMATS.md §1.6, Go 1.21+. */
#define DUMP_121 \
	"goroutine 18 [running]:\n" \
	"main.printStack()\n" \
	"\t/app/createdby.go:23 +0x40\n" \
	"main.main.func1()\n" \
	"\t/app/createdby.go:16 +0x4c\n" \
	"created by main.main in goroutine 1\n" \
	"\t/app/createdby.go:14 +0x70\n" \
	"\n" \
	"goroutine 1 [semacquire]:\n" \
	"sync.runtime_Semacquire(0x140000021a0?)\n" \
	"\t/usr/local/go/src/runtime/sema.go:62 +0x2c\n" \
	"sync.(*WaitGroup).Wait(0x1400011a010)\n" \
	"\t/usr/local/go/src/sync/waitgroup.go:116 +0x74\n" \
	"main.main()\n" \
	"\t/app/createdby.go:18 +0x78\n"

#define WANT_121 \
	"1 0 goroutine 18 [running]:\n" \
	"2 0 main.printStack()\n" \
	"3 0 \t/app/createdby.go:23 +0x40\n" \
	"4 0 main.main.func1()\n" \
	"5 0 \t/app/createdby.go:16 +0x4c\n" \
	"6 0 created by main.main in goroutine 1\n" \
	"7 0 \t/app/createdby.go:14 +0x70\n" \
	"8 0 \n" \
	"9 0 goroutine 1 [semacquire]:\n" \
	"10 0 sync.runtime_Semacquire(0x140000021a0?)\n" \
	"11 0 \t/usr/local/go/src/runtime/sema.go:62 +0x2c\n" \
	"12 0 sync.(*WaitGroup).Wait(0x1400011a010)\n" \
	"13 0 \t/usr/local/go/src/sync/waitgroup.go:116 +0x74\n" \
	"14 0 main.main()\n" \
	"15 0 \t/app/createdby.go:18 +0x78\n"

static void test_plain_dump_unchanged(void **state)
{
	(void)state;
	check(DUMP_121, WANT_121, "");
}

static void test_plain_lines_are_not_copied(void **state)
{
	struct seen_lines s = { GS_BUF_INIT, 0, 0, 0, NULL, 0, 0 };
	struct gs_lines *r = gs_lines_new(0, record, &s);
	const char *in = DUMP_121;

	(void)state;
	s.chunk = in;
	s.chunk_len = strlen(in);
	assert_int_equal(gs_lines_feed(r, in, strlen(in)), 0);
	assert_int_equal(gs_lines_finish(r), 0);
	assert_int_equal(s.calls, 15);
	/* but the last: a file line may go on in the next chunk (a wrap), so it is kept */
	assert_int_equal(s.in_chunk, 14);
	gs_lines_free(r);
	gs_buf_release(&s.out);
}

static void test_crlf(void **state)
{
	(void)state;
	check("goroutine 1 [running]:\r\nmain.main()\r\n\t/app/main.go:5 +0x1d\r\n",
	      "1 0 goroutine 1 [running]:\n2 0 main.main()\n3 0 \t/app/main.go:5 +0x1d\n", "CRLF");
}

static void test_lone_cr_line(void **state)
{
	(void)state;
	check("\r\n", "1 0 \n", "CRLF");
	check("\r", "1 0 \n", "CRLF");
	/* Only the CR right before LF goes. */
	check("a\rb\r\r\n", "1 0 a\rb\r\n", "CRLF");
}

static void test_bom_first_line_only(void **state)
{
	(void)state;
	check("\xef\xbb\xbfgoroutine 1 [running]:\nmain.main()\n\xef\xbb\xbfx\n",
	      "1 0 goroutine 1 [running]:\n2 0 main.main()\n3 0 \xef\xbb\xbfx\n", "BOM");
	check("\xef\xbb\xbf", "1 0 \n", "BOM");
}

static void test_fences_dropped_but_counted(void **state)
{
	(void)state;
	check("Here is the dump:\n"
	      "```text\n"
	      "goroutine 1 [running]:\n"
	      "main.main()\n"
	      "\t/app/main.go:5 +0x1d\n"
	      "```\n"
	      "~~~\n"
	      "after\n"
	      "~~~\n"
	      "``not a fence\n"
	      "```a`b\n",
	      "1 0 Here is the dump:\n"
	      "3 0 goroutine 1 [running]:\n"
	      "4 0 main.main()\n"
	      "5 0 \t/app/main.go:5 +0x1d\n"
	      "8 0 after\n"
	      "10 0 ``not a fence\n"
	      "11 0 ```a`b\n",
	      "fences");
}

static void test_indent_spaces_keep_frame_tab(void **state)
{
	(void)state;
	check("    goroutine 7 [chan receive, 3 minutes]:\n"
	      "    main.worker(0xc000010000)\n"
	      "    \t/app/worker.go:40 +0x3d\n"
	      "            /app/worker.go:41 +0x1\n"
	      "  short\n"
	      "\n"
	      "    created by main.main in goroutine 1\n",
	      "1 0 goroutine 7 [chan receive, 3 minutes]:\n"
	      "2 0 main.worker(0xc000010000)\n"
	      "3 0 \t/app/worker.go:40 +0x3d\n"
	      "4 0         /app/worker.go:41 +0x1\n"
	      "5 0 short\n"
	      "6 0 \n"
	      "7 0 created by main.main in goroutine 1\n",
	      "indent 4");
}

static void test_indent_tab(void **state)
{
	(void)state;
	check("\tgoroutine 1 gp=0xc000002380 m=nil [select]:\n"
	      "\tmain.main()\n"
	      "\t\t/app/main.go:9 +0x1d\n",
	      "1 0 goroutine 1 gp=0xc000002380 m=nil [select]:\n"
	      "2 0 main.main()\n"
	      "3 0 \t/app/main.go:9 +0x1d\n",
	      "indent 1");
}

static void test_log_prefix_kubectl(void **state)
{
	(void)state;
	check("2024-05-01T10:00:00Z stderr F starting\n"
	      "2024-05-01T10:00:01Z stderr F goroutine 1 [running]:\n"
	      "2024-05-01T10:00:01Z stderr F main.main()\n"
	      "2024-05-01T10:00:01Z stderr F \t/app/main.go:5 +0x1d\n"
	      "2024-05-01T10:00:01.5Z stderr F \n"
	      "unprefixed line\n"
	      "2024-05-01T10:00:02Z stdout F other\n",
	      /* the line above the header loses the prefix learned there (a "panic:" line) */
	      "1 0 starting\n"
	      "2 0 goroutine 1 [running]:\n"
	      "3 0 main.main()\n"
	      "4 0 \t/app/main.go:5 +0x1d\n"
	      "5 0 \n"
	      "6 0 unprefixed line\n"
	      "7 0 other\n",
	      "log prefix '0000-00-00T00:00:00Z stderr F '");
}

static void test_log_prefix_glog(void **state)
{
	(void)state;
	/* glog puts its prefix on the first line of an entry only: the rest pass through. */
	check("I0501 10:00:00.000123    1 main.go:40] goroutine 5 [IO wait]:\n"
	      "internal/poll.runtime_pollWait(0x7f2a, 0x72)\n"
	      "\t/usr/local/go/src/runtime/netpoll.go:345 +0x85\n"
	      "I0501 10:00:07.000999    1 main.go:40] goroutine profile: total 3\n",
	      "1 0 goroutine 5 [IO wait]:\n"
	      "2 0 internal/poll.runtime_pollWait(0x7f2a, 0x72)\n"
	      "3 0 \t/usr/local/go/src/runtime/netpoll.go:345 +0x85\n"
	      "4 0 goroutine profile: total 3\n",
	      "log prefix 'I0000 00:00:00.000000    0 main.go:00] '");
}

static void test_ansi(void **state)
{
	(void)state;
	check("\x1b[31mgoroutine 1 [running]:\x1b[0m\n"
	      "main.main()\n"
	      "\t/app/main.go:5 \x1b[1;33m+0x1d\x1b[m\n"
	      "lone \x1b escape\n",
	      "1 0 goroutine 1 [running]:\n"
	      "2 0 main.main()\n"
	      "3 0 \t/app/main.go:5 +0x1d\n"
	      "4 0 lone \x1b escape\n",
	      "ANSI");
}

static void test_not_headers(void **state)
{
	(void)state;
	/* Mentions of goroutines that are not headers must not teach a prefix. */
	check("panic: boom in goroutine 5\n"
	      "  created by main.main in goroutine 1\n"
	      "  [originating from goroutine 24]:\n"
	      "x: goroutine 12 [chan receive] but no colon\n"
	      "WARNING: DATA RACE Read at 0x00c by goroutine 7:\n"
	      "  main.main()\n",
	      "1 0 panic: boom in goroutine 5\n"
	      "2 0   created by main.main in goroutine 1\n"
	      "3 0   [originating from goroutine 24]:\n"
	      "4 0 x: goroutine 12 [chan receive] but no colon\n"
	      "5 0 WARNING: DATA RACE Read at 0x00c by goroutine 7:\n"
	      "6 0   main.main()\n",
	      "");
}

static void test_profile_headers_teach_prefix(void **state)
{
	(void)state;
	check("  goroutine profile: total 2\n  2 @ 0x43\n", "1 0 goroutine profile: total 2\n2 0 2 @ 0x43\n",
	      "indent 2");
	check(" threadcreate profile: total 9\n 9 @\n", "1 0 threadcreate profile: total 9\n2 0 9 @\n",
	      "indent 1");
	check("app| heap profile: 1: 2 [3: 4] @ heap/1048576\napp| 1: 2 [3: 4] @ 0x1\n",
	      "1 0 heap profile: 1: 2 [3: 4] @ heap/1048576\n2 0 1: 2 [3: 4] @ 0x1\n",
	      "log prefix 'app| '");
	check("   --- mutex:\n   cycles/second=1000\n", "1 0 --- mutex:\n2 0 cycles/second=1000\n",
	      "indent 3");
	check("\t--- contention:\n\tcycles/second=1000\n", "1 0 --- contention:\n2 0 cycles/second=1000\n",
	      "indent 1");
}

static void test_column0_header_resets_prefix(void **state)
{
	(void)state;
	check("  goroutine 1 [running]:\n"
	      "  main.main()\n"
	      "goroutine 2 [sleep]:\n"
	      "  indented text stays\n"
	      "\ttime.Sleep(0x3b9aca00)\n",
	      "1 0 goroutine 1 [running]:\n"
	      "2 0 main.main()\n"
	      "3 0 goroutine 2 [sleep]:\n"
	      "4 0   indented text stays\n"
	      "5 0 \ttime.Sleep(0x3b9aca00)\n",
	      "indent 2");
}

static void test_prefix_relearned(void **state)
{
	(void)state;
	check("  goroutine 1 [running]:\n"
	      "  main.main()\n"
	      "pod-a | goroutine 2 [sleep]:\n"
	      "pod-b | time.Sleep(0x3b9aca00)\n"
	      "  kept\n",
	      "1 0 goroutine 1 [running]:\n"
	      "2 0 main.main()\n"
	      "3 0 goroutine 2 [sleep]:\n"
	      "4 0 time.Sleep(0x3b9aca00)\n"
	      "5 0   kept\n",
	      "log prefix 'pod-a | '");
}

static void test_combined_crlf_prefix_indent_fences(void **state)
{
	(void)state;
	/* A kubectl log pasted into a markdown fence, the dump indented inside the log. */
	check("\xef\xbb\xbf" "```text\r\n"
	      "2024-05-01T10:00:00Z stderr F \x1b[31m  goroutine 9 [select, 12 minutes]:\x1b[0m\r\n"
	      "2024-05-01T10:00:00.123Z stderr F   main.loop()\r\n"
	      "2024-05-01T10:00:00Z stderr F   \t/app/loop.go:7 +0x2f\r\n"
	      "```\r\n"
	      "done\r\n",
	      "2 0 goroutine 9 [select, 12 minutes]:\n"
	      "3 0 main.loop()\n"
	      "4 0 \t/app/loop.go:7 +0x2f\n"
	      "6 0 done\n",
	      "log prefix '0000-00-00T00:00:00Z stderr F   ', CRLF, BOM, fences, ANSI");
	check("```\r\n"
	      "    goroutine 1 [running]:\r\n"
	      "    main.main()\r\n"
	      "    \t/app/main.go:5 +0x1d\r\n"
	      "    ```\r\n",
	      "2 0 goroutine 1 [running]:\n"
	      "3 0 main.main()\n"
	      "4 0 \t/app/main.go:5 +0x1d\n",
	      "indent 4, CRLF, fences");
}

static void test_empty_input(void **state)
{
	(void)state;
	check("", "", "");
}

static void test_no_final_newline(void **state)
{
	(void)state;
	check("goroutine 1 [running]:\nmain.main()", "1 0 goroutine 1 [running]:\n2 0 main.main()\n", "");
	check("x\n\n", "1 0 x\n2 0 \n", "");
}

static void test_stop_code_propagates(void **state)
{
	struct seen_lines s = { GS_BUF_INIT, 0, 2, 7, NULL, 0, 0 };
	struct gs_lines *r = gs_lines_new(0, record, &s);
	const char *in = DUMP_121;

	(void)state;
	assert_int_equal(gs_lines_feed(r, in, strlen(in)), 7);
	assert_int_equal(s.calls, 2);
	assert_int_equal(gs_lines_feed(r, "more\n", 5), 7);
	assert_int_equal(gs_lines_finish(r), 7);
	assert_int_equal(s.calls, 2);
	gs_lines_free(r);
	gs_buf_release(&s.out);

	/* The same from finish, on a last line without "\n". */
	s = (struct seen_lines){ GS_BUF_INIT, 0, 1, 3, NULL, 0, 0 };
	r = gs_lines_new(0, record, &s);
	assert_int_equal(gs_lines_feed(r, "main.main()", 11), 0);
	assert_int_equal(gs_lines_finish(r), 3);
	assert_int_equal(s.calls, 1);
	gs_lines_free(r);
	gs_buf_release(&s.out);
}

/* Only the length and the first bytes of each line, to keep a megabyte line out of the log. */
struct lengths {
	uint64_t no[8];
	size_t len[8];
	unsigned flags[8];
	char first[8];
	size_t count;
};

static int record_length(void *ctx, const struct gs_line *l)
{
	struct lengths *s = ctx;

	assert_true(s->count < 8);
	s->no[s->count] = l->no;
	s->len[s->count] = l->len;
	s->flags[s->count] = l->flags;
	s->first[s->count] = l->len ? l->text[0] : '\0';
	s->count++;
	return 0;
}

static void test_long_line_cut(void **state)
{
	const size_t mib = (size_t)1 << 20;
	static const size_t chunks[] = { 0, 1, 4096, 65536, 333333, ((size_t)2 << 20) + 7 };
	size_t total = 3 * mib + 64, i, c;
	char *in = malloc(total);

	(void)state;
	assert_non_null(in);
	memcpy(in, "goroutine 1 [running]:\n", 23);
	memset(in + 23, 'x', 3 * mib);
	i = 23 + 3 * mib;
	memcpy(in + i, "\nmain.main()\n\t/app/main.go:5 +0x1d\n", 35);
	total = i + 35;
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		struct lengths s = { { 0 }, { 0 }, { 0 }, { 0 }, 0 };
		struct gs_lines *r = gs_lines_new(mib, record_length, &s);
		size_t step = chunks[c] ? chunks[c] : total, off;

		for (off = 0; off < total; off += step)
			assert_int_equal(gs_lines_feed(r, in + off, total - off < step ? total - off : step), 0);
		assert_int_equal(gs_lines_finish(r), 0);
		assert_int_equal(s.count, 4);
		assert_int_equal(s.len[0], 22);
		assert_int_equal(s.no[1], 2);
		assert_int_equal(s.len[1], mib);
		assert_int_equal(s.flags[1], GS_LINE_CUT);
		assert_int_equal(s.first[1], 'x');
		assert_int_equal(s.no[2], 3);
		assert_int_equal(s.len[2], 11);
		assert_int_equal(s.flags[2], 0);
		assert_int_equal(s.first[2], 'm');
		assert_int_equal(s.no[3], 4);
		assert_int_equal(s.len[3], 21);
		assert_int_equal(s.first[3], '\t');
		gs_lines_free(r);
	}
	free(in);
}

static void test_cut_at_the_edge(void **state)
{
	char *got;

	(void)state;
	/* max_line bytes plus CRLF is not cut; one more byte is. */
	got = run("abcd\r\nabcde\r\nabc", 4, BYTES, NULL, 0);
	assert_string_equal(got, "1 0 abcd\n2 1 abcd\n3 0 abc\n");
	free(got);
	got = run("abcd\r\nabcde\r\nabc", 4, WHOLE, NULL, 0);
	assert_string_equal(got, "1 0 abcd\n2 1 abcd\n3 0 abc\n");
	free(got);
	/* A chunk ending in more than max_line bytes of one line: cut now, skip the rest later. */
	{
		struct seen_lines s = { GS_BUF_INIT, 0, 0, 0, NULL, 0, 0 };
		struct gs_lines *r = gs_lines_new(4, record, &s);

		assert_int_equal(gs_lines_feed(r, "abcdefg", 7), 0);
		assert_int_equal(gs_lines_feed(r, "hij", 3), 0);
		assert_int_equal(gs_lines_feed(r, "k\nok\n", 4), 0);
		assert_int_equal(gs_lines_finish(r), 0);
		assert_string_equal(s.out.data, "1 1 abcd\n2 0 ok\n");
		gs_lines_free(r);
		gs_buf_release(&s.out);
	}
	/* A cut last line without "\n" is handed out once. */
	got = run("ab\nabcdefgh", 4, RANDOM_SMALL, NULL, 0);
	assert_string_equal(got, "1 0 ab\n2 1 abcd\n");
	free(got);
}

/* A bigger mixed input: every normalisation, several dumps; all chunkings agree. */
static void test_chunkings_agree(void **state)
{
	static const char *const parts[] = {
		"\xef\xbb\xbfnoise before\r\n", "```\n", DUMP_121, "```\n",
		"  goroutine 3 gp=0xc000007a00 m=nil [IO wait, 5 minutes]:\n",
		"  internal/poll.runtime_pollWait(0x7f2a, 0x72)\n",
		"  \t/usr/local/go/src/runtime/netpoll.go:345 +0x85\n",
		"\x1b[2m2024-05-01T10:00:00Z stderr F goroutine 4 [sleep]:\x1b[0m\n",
		"2024-05-01T10:00:00Z stderr F time.Sleep(0x3b9aca00)\n",
		"2024-05-01T10:00:00.9Z stderr F \t/usr/local/go/src/runtime/time.go:195 +0x125\n",
		"goroutine 5 [running]:\n", "  not stripped\n", "no newline at the end",
	};
	struct gs_buf in = GS_BUF_INIT;
	char *ref, *got;
	char d1[256], d2[256];
	size_t i;
	int how;

	(void)state;
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		assert_int_equal(gs_buf_adds(&in, parts[i]), 0);
	ref = run(in.data, 0, WHOLE, d1, sizeof(d1));
	assert_non_null(strstr(ref, "\n19 0 goroutine 3 gp=0xc000007a00 m=nil [IO wait, 5 minutes]:\n"
	                            "20 0 internal/poll.runtime_pollWait(0x7f2a, 0x72)\n"));
	assert_non_null(strstr(ref, "\n22 0 goroutine 4 [sleep]:\n23 0 time.Sleep(0x3b9aca00)\n"));
	assert_non_null(strstr(ref, "\n26 0   not stripped\n27 0 no newline at the end\n"));
	assert_null(strstr(ref, "```"));
	for (how = BYTES; how <= RANDOM_LARGE; how++) {
		got = run(in.data, 0, (enum chunking)how, d2, sizeof(d2));
		assert_string_equal(got, ref);
		assert_string_equal(d2, d1);
		free(got);
	}
	free(ref);
	gs_buf_release(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_dump_unchanged),
		cmocka_unit_test(test_plain_lines_are_not_copied),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_lone_cr_line),
		cmocka_unit_test(test_bom_first_line_only),
		cmocka_unit_test(test_fences_dropped_but_counted),
		cmocka_unit_test(test_indent_spaces_keep_frame_tab),
		cmocka_unit_test(test_indent_tab),
		cmocka_unit_test(test_log_prefix_kubectl),
		cmocka_unit_test(test_log_prefix_glog),
		cmocka_unit_test(test_ansi),
		cmocka_unit_test(test_not_headers),
		cmocka_unit_test(test_profile_headers_teach_prefix),
		cmocka_unit_test(test_column0_header_resets_prefix),
		cmocka_unit_test(test_prefix_relearned),
		cmocka_unit_test(test_combined_crlf_prefix_indent_fences),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_stop_code_propagates),
		cmocka_unit_test(test_long_line_cut),
		cmocka_unit_test(test_cut_at_the_edge),
		cmocka_unit_test(test_chunkings_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
