/* test_cli.c - the CLI pieces that need no binary: the where function with --skip and
 * --where=user, option words, escaping and cutting of dump text, the wait range, short
 * paths, the exit code policy, and reading a .gz file through source.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "commands/cli.h"
#include "net/fetch_target.h"
#include "outputs/msg.h"
#include "reports/render.h"
#include "input/source.h"
#include "outputs/term.h"
#include "select/where.h"
#include "testutil.h"

static void test_where_skip(void **state)
{
	struct gs_model *m = gs_model_new();
	struct where_opts w;
	uint32_t fr[6], st, f_poll, f_main, f_lib;
	char err[256];

	(void)state;
	assert_non_null(m);
	fr[0] = tu_frame(m, "runtime.gopark", "runtime/proc.go", 398);
	fr[1] = f_poll = tu_frame(m, "internal/poll.(*FD).Read", "internal/poll/fd_unix.go", 167);
	fr[2] = tu_frame(m, "net.(*conn).Read", "net/net.go", 183);
	fr[3] = tu_frame(m, "bufio.(*Reader).Read", "bufio/bufio.go", 230);
	fr[4] = f_lib = tu_frame(m, "github.com/x/y.Serve", "github.com/x/y/s.go", 9);
	fr[5] = f_main = tu_frame(m, "main.handle", "example.com/app/main.go", 42);
	st = gs_model_stack(m, fr, NULL, 6, 0);

	assert_int_equal(where_init(&w, WHERE_RUNTIME, NULL, err, sizeof err), 0);
	assert_int_equal(where_frame(&w, m, st), f_poll);
	where_free(&w);

	assert_int_equal(where_init(&w, WHERE_RUNTIME, "^(internal/poll|net|bufio)\\.", err,
	                            sizeof err), 0);
	assert_int_equal(where_frame(&w, m, st), f_lib);
	assert_true(where_skip_matches(&w, "net.(*conn).Read", 16));
	assert_false(where_skip_matches(&w, "main.handle", 11));
	where_free(&w);

	assert_int_equal(where_init(&w, WHERE_USER, NULL, err, sizeof err), 0);
	assert_int_equal(where_frame(&w, m, st), f_lib);
	where_free(&w);

	assert_int_equal(where_init(&w, WHERE_USER, "^github\\.com/", err, sizeof err), 0);
	assert_int_equal(where_frame(&w, m, st), f_main);
	where_free(&w);

	/* everything skipped: the plain where */
	assert_int_equal(where_init(&w, WHERE_RUNTIME, ".", err, sizeof err), 0);
	assert_int_equal(where_frame(&w, m, st), gs_stack_where(m, st));
	where_free(&w);

	assert_int_equal(where_init(&w, WHERE_RUNTIME, "(a", err, sizeof err), -1);
	assert_non_null(strstr(err, "offset 2"));
	gs_model_free(m);
}

static void test_option_words(void **state)
{
	enum out_format f;
	enum color_mode c;
	enum where_mode w;

	(void)state;
	assert_int_equal(formats_parse("json", ANSWER_REPORT | ANSWER_JSON, &f), 0);
	assert_int_equal(f, FORMAT_JSON);
	assert_int_equal(formats_parse("text", ANSWER_REPORT, &f), 0);
	assert_int_equal(f, FORMAT_TEXT);
	assert_int_equal(formats_parse("markdown", ANSWER_REPORT, &f), 0); /* md's alias */
	assert_int_equal(f, FORMAT_MD);
	assert_int_equal(formats_parse("json", ANSWER_REPORT, &f), -1); /* not answered */
	assert_int_equal(formats_parse("folded", ANSWER_REPORT | ANSWER_JSON, &f), -1);
	assert_int_equal(formats_parse("xml", ANSWER_REPORT | ANSWER_JSON | ANSWER_FOLDED, &f), -1);
	assert_int_equal(term_parse_color("always", &c), 0);
	assert_int_equal(c, COLOR_ALWAYS);
	assert_int_equal(term_parse_color("never", &c), 0);
	assert_int_equal(c, COLOR_NEVER);
	assert_int_equal(term_parse_color("yes", &c), -1);
	assert_int_equal(where_parse_mode("user", &w), 0);
	assert_int_equal(w, WHERE_USER);
	assert_int_equal(where_parse_mode("all", &w), -1);
	assert_true(term_want_color(COLOR_ALWAYS, -1));
	assert_false(term_want_color(COLOR_NEVER, 1));
	assert_false(term_want_color(COLOR_AUTO, -1)); /* not a tty */
}

static void test_sources_words(void **state)
{
	(void)state;
	assert_true(fetch_is_hostport("localhost:6060"));
	assert_true(fetch_is_hostport("10.0.0.1:6060"));
	assert_true(fetch_is_hostport("my-host.svc:80"));
	assert_false(fetch_is_hostport("localhost:"));
	assert_false(fetch_is_hostport(":6060"));
	assert_false(fetch_is_hostport("a/b:6060"));
	assert_false(fetch_is_hostport("host:60x"));
	assert_false(fetch_is_hostport("dump.txt"));
	assert_true(fetch_is_url("http://x/"));
	assert_true(fetch_is_url("https://x/"));
	assert_false(fetch_is_url("ftp://x/"));
	assert_true(source_exists("-"));
}

static void check_escape(const char *in, size_t len, const char *want)
{
	struct gs_buf b = GS_BUF_INIT;

	term_escape(&b, in, len);
	assert_string_equal(b.data, want);
	gs_buf_release(&b);
}

/* Runs of printable text are skipped 16 bytes at a time: each case above, at every
 * offset of a long line and with text after it, reads the same. */
static void escape_at_every_offset(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "\x1b[31m", "\\x1b[31m" },
		{ "\t", "\\x09" },
		{ "\xc2\x9b", "\\xc2\\x9b" },
		{ "\xe2\x80\xae", "\\u202e" },
		{ "\xc3\xa9", "\xc3\xa9" },
		{ "\x7f", "\\x7f" },
	};
	const char pad[] = "goroutine 1 [chan receive]: main.main() /src/main.go:12";
	char in[128], want[160];
	size_t c, off, n;

	for (c = 0; c < sizeof cases / sizeof cases[0]; c++)
		for (off = 0; off < 40; off++) {
			n = strlen(cases[c].in);
			memcpy(in, pad, off);
			memcpy(in + off, cases[c].in, n);
			memcpy(in + off + n, pad, sizeof pad - 1);
			snprintf(want, sizeof want, "%.*s%s%s", (int)off, pad, cases[c].want, pad);
			check_escape(in, off + n + sizeof pad - 1, want);
			/* and cut at it: the last bytes read one at a time */
			snprintf(want, sizeof want, "%.*s%s", (int)off, pad, cases[c].want);
			check_escape(in, off + n, want);
		}
}

static void test_escape(void **state)
{
	struct gs_buf b = GS_BUF_INIT;

	(void)state;
	check_escape("plain", 5, "plain");
	check_escape("\x1b[31mred", 8, "\\x1b[31mred");
	check_escape("a\tb\n\x7f", 5, "a\\x09b\\x0a\\x7f");
	check_escape("a\0b", 3, "a\\x00b");
	check_escape("\xc2\x9b" "2J", 4, "\\xc2\\x9b2J");       /* C1 CSI */
	check_escape("h\xc3\xa9", 3, "h\xc3\xa9");             /* ordinary UTF-8 stays */
	check_escape("\xe2\x80\xae" "evil\xe2\x81\xa9", 10, "\\u202eevil\\u2069");
	check_escape("~\x7f\x80 \x1f", 5, "~\\x7f\x80 \\x1f"); /* the edges; UTF-8 kept */
	check_escape("\xc2", 1, "\xc2");  /* a lead byte alone is no C1 control */
	check_escape("\xe2\x80", 2, "\xe2\x80"); /* nor the start of a bidi mark */
	escape_at_every_offset();

	assert_int_equal(term_cell(&b, "abcdefghij", 10, 5), 5);
	assert_string_equal(b.data, "abcd\xe2\x80\xa6");
	gs_buf_reset(&b);
	assert_int_equal(term_cell(&b, "abc", 3, 5), 3);
	assert_string_equal(b.data, "abc");
	gs_buf_reset(&b);
	assert_int_equal(term_cell(&b, "\xc3\xa9\xc3\xa9\xc3\xa9", 6, 2), 2);
	assert_string_equal(b.data, "\xc3\xa9\xe2\x80\xa6");
	assert_int_equal(term_width("\xc3\xa9x", 3), 2);
	gs_buf_release(&b);
}

static void test_wait_range_and_paths(void **state)
{
	struct group g;
	struct gs_buf b = GS_BUF_INIT;

	(void)state;
	memset(&g, 0, sizeof g);
	render_wait_range(&b, &g);
	assert_string_equal(b.data, "-");
	gs_buf_reset(&b);
	g.nwait = 2;
	g.wait_min = g.wait_max = 12;
	render_wait_range(&b, &g);
	assert_string_equal(b.data, "12m");
	gs_buf_reset(&b);
	g.wait_min = 3;
	g.wait_max = 17;
	render_wait_range(&b, &g);
	assert_string_equal(b.data, "3-17m");
	gs_buf_release(&b);

	assert_string_equal(render_short_path("/a/b/c/file.go"), "c/file.go");
	assert_string_equal(render_short_path("c/file.go"), "c/file.go");
	assert_string_equal(render_short_path("file.go"), "file.go");
	assert_string_equal(render_short_path("/file.go"), "/file.go");
}

static void test_exit_policy(void **state)
{
	struct gs_model *m = gs_model_new();

	(void)state;
	assert_non_null(m);
	assert_int_equal(msg_exit_code(m, 0, 1), EXIT_OK);
	assert_int_equal(msg_exit_code(m, 1, 0), EXIT_INPUT);
	m->worst = GS_WARNING;
	assert_int_equal(msg_exit_code(m, 0, 0), EXIT_OK);
	assert_int_equal(msg_exit_code(m, 0, 1), EXIT_INPUT);
	m->worst = GS_ERROR;
	assert_int_equal(msg_exit_code(m, 0, 0), EXIT_INPUT);
	gs_model_free(m);
}

#define NG 300

/* A debug=2 dump of NG goroutines, written plain and gzip-compressed into a temp dir. */
static void write_dump(const char *plain, const char *gz)
{
	FILE *f = fopen(plain, "w");
	gzFile z = gzopen(gz, "wb");
	char line[256];
	int i, n;

	assert_non_null(f);
	assert_non_null(z);
	for (i = 1; i <= NG; i++) {
		n = snprintf(line, sizeof line,
		             "goroutine %d [chan receive, %d minutes]:\n"
		             "main.worker(0x%x)\n\t/src/app/main.go:%d +0x1f\n"
		             "created by main.main in goroutine 1\n\t/src/app/main.go:9 +0x2\n\n",
		             i, i % 7, i, 10 + i % 3);
		assert_true(n > 0 && n < (int)sizeof line);
		fwrite(line, 1, (size_t)n, f);
		assert_int_equal(gzwrite(z, line, (unsigned)n), n);
	}
	fclose(f);
	assert_int_equal(gzclose(z), Z_OK);
}

static void test_gz_source(void **state)
{
	char dir[] = "/tmp/gostacks-test-XXXXXX";
	char plain[64], gz[64];
	struct gs_model *a = gs_model_new(), *b = gs_model_new();
	struct source_info ia, ib;
	struct source_opts o;

	(void)state;
	source_opts_init(&o);
	assert_non_null(mkdtemp(dir));
	snprintf(plain, sizeof plain, "%s/dump.txt", dir);
	snprintf(gz, sizeof gz, "%s/dump.txt.gz", dir);
	write_dump(plain, gz);

	assert_int_equal(source_read(&o, a, plain, &ia), 0);
	assert_int_equal(source_read(&o, b, gz, &ib), 0);
	assert_true(ia.parsed);
	assert_true(ib.parsed);
	assert_false(ia.gzip);
	assert_true(ib.gzip);
	assert_int_equal(a->ngoroutines, NG);
	assert_int_equal(b->ngoroutines, a->ngoroutines);
	assert_int_equal(b->sources[ib.source].lines, a->sources[ia.source].lines);

	/* a directory is an error naming it, and reads nothing */
	assert_int_equal(source_read(&o, a, dir, &ia), -1);
	assert_false(ia.parsed);

	gs_model_free(a);
	gs_model_free(b);
	source_opts_free(&o);
	unlink(plain);
	unlink(gz);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_where_skip),
		cmocka_unit_test(test_option_words),
		cmocka_unit_test(test_sources_words),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_wait_range_and_paths),
		cmocka_unit_test(test_exit_policy),
		cmocka_unit_test(test_gz_source),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
