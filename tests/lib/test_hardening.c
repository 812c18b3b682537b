/* test_hardening.c - the limits on hostile input (each with its diagnostic and the rest of
 * the input still read, or one error and a clean stop for memory), and the logic bugs the
 * fuzzers found (tests/fuzz/regressions/ holds their inputs). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "group.h"
#include "lines.h"
#include "match.h"
#include "parser.h"
#include "records.h"

/* ---- helpers ---- */

static struct gs_model *parse_into(struct gs_model *m, const char *text, size_t len, int *rc)
{
	struct gs_parser *p = gs_parser_new(m, "test");
	int a, b;

	assert_non_null(p);
	a = gs_parser_feed(p, text, len);
	b = gs_parser_finish(p);
	gs_parser_free(p);
	if (rc)
		*rc = a ? a : b;
	else
		assert_int_equal(a | b, 0);
	return m;
}

static struct gs_model *parse(const char *text, size_t len)
{
	struct gs_model *m = gs_model_new();

	assert_non_null(m);
	return parse_into(m, text, len, NULL);
}

/* The first diagnostic whose message holds `what`, or NULL. */
static const struct gs_diag *find_diag(const struct gs_model *m, const char *what)
{
	size_t i;

	for (i = 0; i < m->ndiags; i++)
		if (strstr(gs_str(m, m->diags[i].message), what))
			return &m->diags[i];
	return NULL;
}

static size_t count_level(const struct gs_model *m, enum gs_level lv)
{
	size_t i, n = 0;

	for (i = 0; i < m->ndiags; i++)
		n += m->diags[i].level == lv;
	return n;
}

static void assert_diag_at(const struct gs_model *m, const char *what, uint64_t line)
{
	const struct gs_diag *d = find_diag(m, what);

	if (d == NULL)
		fail_msg("no diagnostic with '%s'", what);
	assert_int_equal(d->line, line);
}

static const struct gs_goroutine *by_id(const struct gs_model *m, uint64_t id)
{
	size_t i;

	for (i = 0; i < m->ngoroutines; i++)
		if (m->goroutines[i].id == id)
			return &m->goroutines[i];
	return NULL;
}

/* A dump ending with a goroutine that must still be read after the hostile part. */
static const char tail_g[] = "\ngoroutine 99 [select]:\nmain.after()\n\t/app/after.go:3 +0x1\n";

/* ---- lines: what the chunking differential found ---- */

struct collect {
	struct gs_buf out;
};

static int collect_line(void *ctx, const struct gs_line *l)
{
	struct collect *c = ctx;

	gs_buf_addf(&c->out, "%llu %u ", (unsigned long long)l->no, l->flags);
	gs_buf_add(&c->out, l->text, l->len);
	gs_buf_addch(&c->out, '\n');
	return 0;
}

/* The lines and gs_lines_detected() of text read with a cap of max_line, in one feed or one
 * byte per feed. */
static char *read_lines(const char *text, size_t max_line, int bytes)
{
	struct collect c;
	struct gs_lines *r;
	size_t i, len = strlen(text);

	gs_buf_init(&c.out, 0);
	r = gs_lines_new(max_line, collect_line, &c);
	assert_non_null(r);
	if (bytes) {
		for (i = 0; i < len; i++)
			assert_int_equal(gs_lines_feed(r, text + i, 1), 0);
	} else {
		assert_int_equal(gs_lines_feed(r, text, len), 0);
	}
	assert_int_equal(gs_lines_finish(r), 0);
	gs_buf_adds(&c.out, gs_lines_detected(r));
	gs_lines_free(r);
	return gs_buf_detach(&c.out, NULL);
}

static void assert_chunkings_agree(const char *text, size_t max_line)
{
	char *whole = read_lines(text, max_line, 0), *bytes = read_lines(text, max_line, 1);

	assert_string_equal(whole, bytes);
	free(whole);
	free(bytes);
}

/* regressions/lines/crlf-on-cut-line: the "\r" of a line longer than the cap was seen (and
 * "CRLF" reported) in one feed only. */
static void test_crlf_on_cut_line_agrees(void **state)
{
	char *whole;

	(void)state;
	assert_chunkings_agree("goroutine 1 [running]:\r\nmain.main()\r\n", 8);
	whole = read_lines("goroutine 1 [running]:\r\nmain.main()\r\n", 8, 0);
	assert_null(strstr(whole, "CRLF"));
	free(whole);
	/* a line of exactly cap + "\r" is not cut, and its "\r" counts */
	whole = read_lines("12345678\r\n", 8, 0);
	assert_string_equal(whole, "1 0 12345678\nCRLF");
	free(whole);
	assert_chunkings_agree("12345678\r\n", 8);
}

/* regressions/lines/ansi-on-cut-line: colour in the part of a line that was cut off. */
static void test_ansi_on_cut_line_agrees(void **state)
{
	(void)state;
	assert_chunkings_agree("****************\x1b[31mred\x1b[0m\nplain\n", 8);
	assert_chunkings_agree("\x1b[31mred\x1b[0m and more text past the cap\n", 8);
}

/* text reads alike in one feed and one byte a feed (default cap), and what the reader handed
 * out and detected holds each of the words in says (NULL-ended) and none in never (one). */
static void assert_agree_saying(const char *text, const char *const *says, const char *never)
{
	char *whole;

	assert_chunkings_agree(text, 0);
	whole = read_lines(text, 0, 0);
	for (; *says; says++)
		assert_non_null(strstr(whole, *says));
	if (never)
		assert_null(strstr(whole, never));
	free(whole);
}

/* Go 1.27's labels inside the bracket, their quotes curled by an editor: a header in the
 * middle of a chunk took the short way and kept them curly, the same header carried to the
 * next chunk took the long way and read them straight (tests/paste.sh's chunk pass found it
 * on the corpus's tracebacklabels dumps). */
static void test_retyped_labels_agree(void **state)
{
	static const char *const says[] = { "labels:{\"k\": \"v\"}]:", "re-typed characters", NULL };

	(void)state;
	assert_agree_saying("goroutine 1 [running]:\nmain.main()\n\t/a.go:1 +0x1\n\n"
	                    "goroutine 2 [chan receive labels:{\xe2\x80\x9ck\xe2\x80\x9d: "
	                    "\xe2\x80\x9cv\xe2\x80\x9d}]:\n"
	                    "created by main.main in goroutine 1\n\t/a.go:2 +0x1\n",
	                    says, NULL);
}

/* regressions/goroutine/created-by-with-header-after-text: "created by f--- mutex:" with a
 * file line after it. Inside a chunk the short way handed it out; carried to the next chunk
 * the long way found a mutex header behind a "log prefix" there. */
static void test_created_by_header_agrees(void **state)
{
	static const char *const says[] = { "created by main.startSel--- mutex:", NULL };

	(void)state;
	assert_agree_saying("goroutine 1 [running]:\nmain.main()\n\t/a.go:1 +0x1\n"
	                    "created by main.startSel--- mutex:\n\t/a.go:2 +0x1\n",
	                    says, "log prefix");
}

/* ---- the memory cap and the string table ---- */

/* A dump of n goroutines, each with a function name of its own. */
static void distinct_names(struct gs_buf *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		gs_buf_addf(b, "goroutine %zu [running]:\nmain.f%zu_abcdefghijklmnop()\n\t/app/f%zu.go:1\n\n",
		         i + 1, i, i);
}

static void test_memory_cap_stops_cleanly(void **state)
{
	struct gs_model *m = gs_model_new();
	struct gs_buf b = GS_BUF_INIT;
	const struct gs_diag *d;
	int rc;

	(void)state;
	assert_non_null(m);
	m->max_bytes = (size_t)1 << 20;
	distinct_names(&b, 50000);
	parse_into(m, b.data, b.len, &rc);
	assert_int_equal(rc, -1);
	/* one error, naming the cap, at a line of the input; what came before is kept */
	assert_int_equal(count_level(m, GS_ERROR), 1);
	d = find_diag(m, "memory cap reached: the model may use 1 MiB");
	assert_non_null(d);
	assert_true(d->line > 1 && d->line < 50000 * 4);
	assert_true(m->ngoroutines > 100);
	assert_true(m->bytes + gs_intern_mem(m->strings) <= ((size_t)1 << 20) + ((size_t)1 << 19));
	gs_buf_release(&b);
	gs_model_free(m);
}

static void test_string_table_full_stops_cleanly(void **state)
{
	struct gs_model *m = gs_model_new();
	struct gs_buf b = GS_BUF_INIT;
	int rc;

	(void)state;
	assert_non_null(m);
	/* a small text cap in place of GS_MAX_STRING_BYTES */
	gs_intern_free(m->strings);
	m->strings = gs_intern_new(64 * 1024);
	assert_non_null(m->strings);
	gs_intern_set_budget(m->strings, &m->bytes, &m->max_bytes);
	distinct_names(&b, 20000);
	parse_into(m, b.data, b.len, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(count_level(m, GS_ERROR), 1);
	assert_non_null(find_diag(m, "string table full"));
	/* the message got in although the table was full */
	assert_int_equal(gs_intern_full(m->strings), GS_INTERN_FULL_TEXT);
	gs_buf_release(&b);
	gs_model_free(m);
}

static void test_goroutine_cap_stops_cleanly(void **state)
{
	struct gs_model *m = gs_model_new();
	struct gs_buf b = GS_BUF_INIT;
	int rc;

	(void)state;
	assert_non_null(m);
	m->max_goroutines = 10;
	distinct_names(&b, 30);
	parse_into(m, b.data, b.len, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(count_level(m, GS_ERROR), 1);
	assert_non_null(find_diag(m, "too many goroutines: more than 10"));
	assert_int_equal(m->ngoroutines, 10);
	gs_buf_release(&b);
	gs_model_free(m);
}

/* A stopped parser counts the bytes it read up to the line it stopped on, whatever the
 * chunking: one thread (64 KiB reads) and two (pieces) fed it differently and reported
 * different sources[].bytes for one stop. */
static uint64_t stopped_bytes(const struct gs_buf *b, size_t chunk, uint64_t *line)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;
	const struct gs_diag *d;
	size_t off;
	uint64_t bytes;

	assert_non_null(m);
	m->max_goroutines = 10;
	p = gs_parser_new(m, "test");
	assert_non_null(p);
	for (off = 0; off < b->len; off += chunk)
		if (gs_parser_feed(p, b->data + off, b->len - off < chunk ? b->len - off : chunk) != 0)
			break;
	assert_true(off < b->len); /* stopped before the end */
	assert_int_equal(gs_parser_finish(p), -1);
	gs_parser_free(p);
	d = find_diag(m, "too many goroutines");
	assert_non_null(d);
	*line = d->line;
	bytes = m->sources[0].bytes;
	gs_model_free(m);
	return bytes;
}

static void test_stop_counts_bytes_read(void **state)
{
	static const size_t chunks[] = { 1, 7, 100, 4096, 1 << 20 };
	struct gs_buf b = GS_BUF_INIT;
	uint64_t line, want = 0, n = 0;
	size_t i;

	(void)state;
	distinct_names(&b, 30);
	stopped_bytes(&b, b.len, &line);
	/* the bytes up to the end of the line it stopped on, newline included */
	for (i = 0; i < b.len && n < line; i++)
		if (b.data[i] == '\n')
			n++;
	want = i;
	assert_true(want > 0 && want < b.len);
	for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		uint64_t l;

		assert_int_equal(stopped_bytes(&b, chunks[i], &l), want);
		assert_int_equal(l, line);
	}
	gs_buf_release(&b);
}

/* A full table still answers lookups, and never lets its slots fill up. */
static void test_intern_full_keeps_working(void **state)
{
	struct gs_intern *t = gs_intern_new(0);
	size_t used = 0, max = 300000;
	char name[32];
	uint32_t first, i, ok = 0;

	(void)state;
	assert_non_null(t);
	gs_intern_set_budget(t, &used, &max);
	first = gs_intern_put(t, "first", 5);
	assert_true(first != 0);
	for (i = 0; i < 100000; i++) {
		int n = snprintf(name, sizeof name, "name%u", i);

		if (gs_intern_put(t, name, (size_t)n) != 0)
			ok++;
	}
	assert_true(ok > 100 && ok < 100000);
	assert_int_equal(gs_intern_full(t), GS_INTERN_FULL_BUDGET);
	assert_int_equal(gs_intern_put(t, "first", 5), first);
	assert_true(gs_intern_put_always(t, "a diagnostic", 12) != 0);
	gs_intern_free(t);
}

/* ---- per-record limits: a diagnostic with the line, and the rest is read ---- */

static void test_frames_cap(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_model *m;
	size_t i;

	(void)state;
	gs_buf_adds(&b, "goroutine 1 [running]:\n");
	for (i = 0; i < 100005; i++)
		gs_buf_addf(&b, "main.f%zu()\n\t/app/f.go:%zu\n", i % 7, i);
	gs_buf_adds(&b, tail_g);
	m = parse(b.data, b.len);
	/* the first dropped frame's function line: header + 2 lines per frame */
	assert_diag_at(m, "goroutine 1 has more than 100000 frames", 2 + 2 * 100000);
	assert_int_equal(m->stacks[by_id(m, 1)->stack].len, 100000);
	assert_true(m->stacks[by_id(m, 1)->stack].flags & GS_STACK_ELIDED);
	assert_non_null(by_id(m, 99));
	gs_model_free(m);
	gs_buf_release(&b);
}

static void test_profile_frames_cap(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_model *m;
	size_t i;

	(void)state;
	gs_buf_adds(&b, "goroutine profile: total 3\n1 @ 0x1\n");
	for (i = 0; i < 100003; i++)
		gs_buf_addf(&b, "#\t0x%zx\tmain.f+0x1\t/app/f.go:%zu\n", i + 1, i + 1);
	gs_buf_adds(&b, "\n2 @ 0x2\n#\t0x2\tmain.g+0x1\t/app/g.go:1\n");
	m = parse(b.data, b.len);
	assert_diag_at(m, "record has more than 100000 frames", 2);
	assert_int_equal(m->ngoroutines, 2);
	assert_int_equal(m->stacks[m->goroutines[0].stack].len, 100000);
	assert_int_equal(m->goroutines[1].count, 2);
	gs_model_free(m);
	gs_buf_release(&b);
}

static void test_too_many_labels(void **state)
{
	struct gs_buf b = GS_BUF_INIT, labels = GS_BUF_INIT;
	struct gs_model *m;
	int i;

	(void)state;
	for (i = 0; i < GS_MAX_LABELS; i++)
		gs_buf_addf(&labels, "%s\"k%d\": \"v\"", i ? ", " : "", i);
	/* 64 pairs are read; 65 are a diagnostic, and the goroutine is kept without them */
	gs_buf_addf(&b, "goroutine 1 [select labels:{%s}]:\nmain.a()\n\t/app/a.go:1\n\n", labels.data);
	gs_buf_addf(&b, "goroutine 2 [select labels:{%s, \"k64\": \"v\"}]:\nmain.b()\n\t/app/b.go:1\n",
	         labels.data);
	gs_buf_adds(&b, tail_g);
	m = parse(b.data, b.len);
	assert_true(by_id(m, 1)->labels != 0);
	assert_int_equal(by_id(m, 2)->labels, 0);
	assert_diag_at(m, "more than 64 labels in one set", 5);
	assert_non_null(by_id(m, 99));
	gs_model_free(m);
	gs_buf_release(&b);
	gs_buf_release(&labels);

	gs_buf_init(&b, 0);
	gs_buf_adds(&b, "goroutine profile: total 1\n1 @ 0x1\n# labels: {");
	for (i = 0; i <= GS_MAX_LABELS; i++)
		gs_buf_addf(&b, "%s\"k%d\":\"v\"", i ? ", " : "", i);
	gs_buf_adds(&b, "}\n#\t0x1\tmain.f+0x1\t/app/f.go:1\n");
	m = parse(b.data, b.len);
	assert_diag_at(m, "more than 64 labels in one set; record kept", 3);
	assert_int_equal(m->ngoroutines, 1);
	gs_model_free(m);
	gs_buf_release(&b);
}

static void test_label_nesting_bound(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_model *m;
	int i;

	(void)state;
	gs_buf_adds(&b, "goroutine 1 [select labels:{\"k\": ");
	for (i = 0; i < 70; i++)
		gs_buf_addch(&b, '{');
	for (i = 0; i < 70; i++)
		gs_buf_addch(&b, '}');
	gs_buf_adds(&b, "}]:\nmain.a()\n\t/app/a.go:1\n");
	gs_buf_adds(&b, tail_g);
	m = parse(b.data, b.len);
	assert_diag_at(m, "nested deeper than 64", 1);
	assert_null(by_id(m, 1)); /* the header was not read: the goroutine is skipped */
	assert_int_equal(m->dumps[0].skipped, 1);
	assert_non_null(by_id(m, 99));
	gs_model_free(m);
	gs_buf_release(&b);
}

/* Every number of a dump: past its type it is a diagnostic, never a wrap or a clamp. */
static void test_dump_number_overflow(void **state)
{
	static const char text[] =
		"goroutine 123456789012345678901234567890 [running]:\n" /* 1 */
		"main.a()\n"
		"\t/app/a.go:1\n"
		"\n"
		"goroutine 2 [chan receive, 99999999999999999999999 minutes]:\n" /* 5 */
		"main.b()\n"
		"\t/app/b.go:99999999999999999999999999 +0x1\n" /* 7 */
		"created by main.main in goroutine 123456789012345678901234567890\n" /* 8 */
		"\t/app/main.go:5 +0x2\n"
		"\n"
		"goroutine 3 [select, synctest bubble 4294967296, 4294967296 minutes]:\n" /* 11 */
		"main.c()\n"
		"\t/app/c.go:4294967296\n" /* 13 */
		"\n"
		"goroutine 4 [select, 4294967295 minutes]:\n"
		"main.d()\n"
		"\t/app/d.go:4294967295\n";
	struct gs_model *m = parse(text, sizeof text - 1);
	const struct gs_goroutine *g;

	(void)state;
	assert_diag_at(m, "goroutine id is not a number that fits in 64 bits", 1);
	assert_null(by_id(m, 0));
	g = by_id(m, 2);
	assert_non_null(g);
	assert_false(g->flags & GS_G_WAIT);
	assert_diag_at(m, "wait in minutes does not fit in 32 bits", 5);
	assert_diag_at(m, "line number does not fit in 32 bits", 7);
	assert_int_equal(m->frames[gs_stack_frames(m, g->stack)[0]].line, 0);
	assert_string_equal(gs_str(m, m->frames[gs_stack_frames(m, g->stack)[0]].file), "/app/b.go");
	assert_diag_at(m, "parent goroutine id does not fit in 64 bits", 8);
	assert_int_equal(g->parent, 0);
	assert_string_equal(gs_str(m, m->frames[g->creator].func), "main.main");
	g = by_id(m, 3);
	assert_false(g->flags & GS_G_WAIT);
	assert_int_equal(g->bubble, 0);
	assert_diag_at(m, "synctest bubble id does not fit in 32 bits", 11);
	assert_diag_at(m, "line number does not fit in 32 bits", 7);
	assert_int_equal(m->frames[gs_stack_frames(m, g->stack)[0]].line, 0);
	/* the largest values that fit are read as they are */
	g = by_id(m, 4);
	assert_true(g->flags & GS_G_WAIT);
	assert_int_equal(g->wait, UINT32_MAX);
	assert_int_equal(m->frames[gs_stack_frames(m, g->stack)[0]].line, UINT32_MAX);
	gs_model_free(m);
}

static void test_profile_number_overflow(void **state)
{
	static const char text[] =
		"goroutine profile: total 99999999999999999999\n" /* 1 */
		"99999999999999999999999999999 @ 0x1\n"           /* 2 */
		"#\t0x1\tmain.f+0x1\t/app/f.go:1\n"
		"\n"
		"2 @ 0x2\n"
		"#\t0x2\tmain.g+0x1\t/app/g.go:99999999999\n"     /* 6 */
		"\n"
		"heap profile: 1: 2 [3: 4] @ heap/99999999999999999999\n" /* 8 */
		"1: 2 [3: 4] @ 0x3\n"
		"#\t0x3\tmain.h+0x1\t/app/h.go:3\n";
	struct gs_model *m = parse(text, sizeof text - 1);

	(void)state;
	assert_diag_at(m, "profile header total does not fit in 64 bits", 1);
	assert_diag_at(m, "number in a record header does not fit in 64 bits", 2);
	assert_diag_at(m, "line number does not fit in 32 bits", 6);
	assert_diag_at(m, "sampling rate after '/' does not fit in 64 bits", 8);
	assert_int_equal(m->ngoroutines, 1);
	assert_int_equal(m->goroutines[0].count, 2);
	assert_int_equal(m->frames[gs_stack_frames(m, m->goroutines[0].stack)[0]].line, 0);
	assert_int_equal(m->nsamples, 1);
	gs_model_free(m);
}

/* Lines past GS_MAX_LINE are cut with a warning at their line; the next lines are read. */
static void test_line_length_cap(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_model *m;
	const struct gs_goroutine *g;
	size_t i;

	(void)state;
	gs_buf_adds(&b, "goroutine 1 [running]:\nmain.a(");
	for (i = 0; i < GS_MAX_LINE + 100; i++)
		gs_buf_addch(&b, 'x');
	gs_buf_adds(&b, ")\n\t/app/a.go:1\n");
	gs_buf_adds(&b, tail_g);
	m = parse(b.data, b.len);
	assert_diag_at(m, "line longer than 1048576 bytes: cut", 2);
	g = by_id(m, 1);
	assert_non_null(g);
	assert_non_null(by_id(m, 99));
	gs_model_free(m);
	gs_buf_release(&b);
}

/* regressions/contention/match-sum-overflow: the values of samples joined by key were added
 * with a plain +, undefined past INT64_MAX. */
static void test_match_sums_saturate(void **state)
{
	static const char text[] =
		"--- mutex:\n"
		"sampling period=5\n"
		"9223372036854775807 1 @ 0x1\n"
		"#\t0x1\tmain.f+0x1\t/app/f.go:1\n"
		"\n"
		"9223372036854775807 9223372036854775807 @ 0x1\n"
		"#\t0x1\tmain.f+0x1\t/app/f.go:1\n";
	struct gs_model *m = parse(text, sizeof text - 1);
	struct gs_match x;
	struct group_opts o;

	(void)state;
	assert_int_equal(m->nsamples, 2);
	memset(&o, 0, sizeof o);
	o.keys = GK_WHERE;
	assert_int_equal(gs_match_init(&x, 1, 1), 0);
	assert_int_equal(gs_match_add_samples(&x, 0, m, &o, 0, 2, NULL, 1), 0);
	assert_int_equal(x.nrows, 1);
	assert_int_equal(gs_match_value(&x, 0, 0, 0), INT64_MAX);
	assert_int_equal(gs_match_value(&x, 0, 0, 1), INT64_MAX);
	gs_match_free(&x);
	gs_model_free(m);
}

/* regressions/heap/memstats-blank-key: "#  = 5" in the MemStats trailer put the key's end
 * before its start, and the key's length wrapped to SIZE_MAX (a read far past the line;
 * the release build crashed). A line without a key is a comment. */
static void test_memstats_line_without_key(void **state)
{
	static const char text[] =
		"heap profile: 1: 2 [3: 4] @ heap/2\n"
		"1: 2 [3: 4] @ 0x1\n"
		"#\t0x1\tmain.f+0x1\t/a.go:1\n"
		"\n"
		"# runtime.MemStats\n"
		"#  = 5\n"
		"#\t = 6\n"
		"# NumGC = 7";
	struct gs_model *m = parse(text, sizeof text - 1);
	const struct gs_stat *st;

	(void)state;
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(m->dumps[0].nstat, 1);
	st = gs_dump_stat(m, 0, "NumGC");
	assert_non_null(st);
	assert_int_equal(st->i, 7);
	gs_model_free(m);
}

static int count_record(void *ctx, const struct gs_record *rec)
{
	size_t *lines = ctx;

	if (rec->flags & GS_RECORD_CUT)
		*lines = rec->nlines;
	return 0;
}

/* A record of a million one-byte lines: its bookkeeping counts against the record cap, not
 * only its 2 MB of text. */
static void test_record_cap_counts_lines(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_records *r;
	size_t i, cut_lines = 0;

	(void)state;
	gs_buf_adds(&b, "goroutine 1 [running]:\n");
	for (i = 0; i < 1000000; i++)
		gs_buf_adds(&b, "x\n");
	r = gs_records_new(count_record, &cut_lines);
	assert_non_null(r);
	assert_int_equal(gs_records_feed(r, b.data, b.len), 0);
	assert_int_equal(gs_records_finish(r), 0);
	gs_records_free(r);
	assert_true(cut_lines > 1000 && cut_lines * 100 < GS_RECORD_MAX_BYTES);
	gs_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crlf_on_cut_line_agrees),
		cmocka_unit_test(test_ansi_on_cut_line_agrees),
		cmocka_unit_test(test_retyped_labels_agree),
		cmocka_unit_test(test_created_by_header_agrees),
		cmocka_unit_test(test_memory_cap_stops_cleanly),
		cmocka_unit_test(test_string_table_full_stops_cleanly),
		cmocka_unit_test(test_goroutine_cap_stops_cleanly),
		cmocka_unit_test(test_stop_counts_bytes_read),
		cmocka_unit_test(test_intern_full_keeps_working),
		cmocka_unit_test(test_frames_cap),
		cmocka_unit_test(test_profile_frames_cap),
		cmocka_unit_test(test_too_many_labels),
		cmocka_unit_test(test_label_nesting_bound),
		cmocka_unit_test(test_dump_number_overflow),
		cmocka_unit_test(test_profile_number_overflow),
		cmocka_unit_test(test_line_length_cap),
		cmocka_unit_test(test_match_sums_saturate),
		cmocka_unit_test(test_record_cap_counts_lines),
		cmocka_unit_test(test_memstats_line_without_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
