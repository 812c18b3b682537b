/* test_fetch.c - the pure helpers of fetch: durations and sizes (amount.h), headers,
 * targets and their URLs, file names, hosts files, the sniff of a reply's first bytes, and
 * the options every command takes for URL sources. No network: tests/net.sh runs the transfers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "commands/cmd_input.h"
#include "commands/commands.h"
#include "net/amount.h"
#include "net/fetch.h"
#include "net/fetch_opts.h"
#include "net/fetch_target.h"
#include "net/pace.h"
#include "net/stall.h"
#include "outputs/msg.h"

static void test_duration(void **state)
{
	long ms;

	(void)state;
	assert_int_equal(amount_parse_duration("500ms", &ms), 0);
	assert_int_equal(ms, 500);
	assert_int_equal(amount_parse_duration("30s", &ms), 0);
	assert_int_equal(ms, 30000);
	assert_int_equal(amount_parse_duration("5m", &ms), 0);
	assert_int_equal(ms, 300000);
	assert_int_equal(amount_parse_duration("1h", &ms), 0);
	assert_int_equal(ms, 3600000);
	assert_int_equal(amount_parse_duration("1m30s", &ms), 0);
	assert_int_equal(ms, 90000);
	assert_int_equal(amount_parse_duration("1.5s", &ms), 0);
	assert_int_equal(ms, 1500);
	assert_int_equal(amount_parse_duration("2", &ms), 0); /* bare: seconds */
	assert_int_equal(ms, 2000);
	assert_int_equal(amount_parse_duration("0.25", &ms), 0);
	assert_int_equal(ms, 250);

	assert_int_equal(amount_parse_duration("", &ms), -1);
	assert_int_equal(amount_parse_duration("s", &ms), -1);
	assert_int_equal(amount_parse_duration("-1s", &ms), -1);
	assert_int_equal(amount_parse_duration("10x", &ms), -1);
	assert_int_equal(amount_parse_duration("10 s", &ms), -1);
	assert_int_equal(amount_parse_duration("1s5", &ms), -1); /* a bare number only alone */
	assert_int_equal(amount_parse_duration("5parsecs", &ms), -1);
	assert_int_equal(amount_parse_duration("99999999999999999h", &ms), -1);
	assert_int_equal(amount_parse_duration("1d", &ms), -1);
}

static void test_size(void **state)
{
	uint64_t b;

	(void)state;
	assert_int_equal(amount_parse_size("1048576", &b), 0);
	assert_true(b == 1048576);
	assert_int_equal(amount_parse_size("64k", &b), 0);
	assert_true(b == 65536);
	assert_int_equal(amount_parse_size("10M", &b), 0);
	assert_true(b == 10u << 20);
	assert_int_equal(amount_parse_size("1G", &b), 0);
	assert_true(b == (uint64_t)1 << 30);
	assert_int_equal(amount_parse_size("1GiB", &b), 0);
	assert_true(b == (uint64_t)1 << 30);
	assert_int_equal(amount_parse_size("512KB", &b), 0);
	assert_true(b == 512u << 10);
	assert_int_equal(amount_parse_size("100B", &b), 0);
	assert_true(b == 100);

	assert_int_equal(amount_parse_size("", &b), -1);
	assert_int_equal(amount_parse_size("0", &b), -1);
	assert_int_equal(amount_parse_size("-1", &b), -1);
	assert_int_equal(amount_parse_size("1X", &b), -1);
	assert_int_equal(amount_parse_size("1Gx", &b), -1);
	assert_int_equal(amount_parse_size("99999999999999999999", &b), -1);
	assert_int_equal(amount_parse_size("99999999999T", &b), -1);
}

static void test_header(void **state)
{
	(void)state;
	assert_null(fetch_check_header("Authorization: Bearer x"));
	assert_null(fetch_check_header("X-Empty:"));
	assert_null(fetch_check_header("Cookie:a=b; c=d"));
	assert_non_null(fetch_check_header("NoColon"));
	assert_non_null(fetch_check_header(": value"));
	assert_non_null(fetch_check_header("Bad Name: v"));
	assert_non_null(fetch_check_header("X: a\r\nHost: evil"));
	assert_non_null(fetch_check_header("X: a\n"));
	assert_non_null(fetch_check_header(""));
}

static void test_opt_set(void **state)
{
	struct fetch_opts o;
	char why[256];

	(void)state;
	fetch_opts_init(&o);
	assert_int_equal(o.timeout_ms, 60000);
	assert_int_equal(o.connect_timeout_ms, 5000);
	assert_true(o.max_size == (uint64_t)1 << 30);
	assert_int_equal(o.parallel, 16);
	assert_int_equal(fetch_low_speed_ms(&o), 15000);

	/* by getopt code: a value option without its value, and a code not of the set (--by) */
	assert_int_equal(fetch_option(&o, FETCH_OPT_TIMEOUT, NULL, why, sizeof why), -1);
	assert_non_null(strstr(why, "--timeout needs a value"));
	assert_int_equal(fetch_option(&o, CMD_OPT_BY, "state", why, sizeof why), 0);

	assert_int_equal(fetch_option(&o, FETCH_OPT_TIMEOUT, "4s", why, sizeof why), 1);
	assert_int_equal(o.timeout_ms, 4000);
	assert_int_equal(fetch_low_speed_ms(&o), 2000); /* half of --timeout */
	assert_int_equal(fetch_option(&o, FETCH_OPT_TIMEOUT, "2s", why, sizeof why), 1);
	assert_int_equal(fetch_low_speed_ms(&o), 1000);
	/* half of it under a second: no stall rule, --timeout ends the transfer first */
	assert_int_equal(fetch_option(&o, FETCH_OPT_TIMEOUT, "1500ms", why, sizeof why), 1);
	assert_int_equal(fetch_low_speed_ms(&o), 0);
	assert_int_equal(fetch_option(&o, FETCH_OPT_TIMEOUT, "1s", why, sizeof why), 1);
	assert_int_equal(fetch_low_speed_ms(&o), 0);
	assert_int_equal(fetch_option(&o, FETCH_OPT_TIMEOUT, "4s", why, sizeof why), 1);
	assert_int_equal(fetch_option(&o, FETCH_OPT_LOW_SPEED_TIME, "3s", why, sizeof why), 1);
	assert_int_equal(fetch_low_speed_ms(&o), 3000);
	assert_int_equal(fetch_option(&o, FETCH_OPT_HEADER, "A: 1", why, sizeof why), 1);
	assert_int_equal(fetch_option(&o, FETCH_OPT_HEADER, "B: 2", why, sizeof why), 1);
	assert_string_equal(o.headers->data, "A: 1");
	assert_string_equal(o.headers->next->data, "B: 2");
	assert_int_equal(fetch_option(&o, FETCH_OPT_RETRY, "3", why, sizeof why), 1);
	assert_int_equal(o.retry, 3);
	assert_int_equal(fetch_option(&o, FETCH_OPT_PROFILE, "allocs", why, sizeof why), 1);
	assert_string_equal(o.profile, "allocs");
	assert_int_equal(fetch_option(&o, FETCH_OPT_INSECURE, NULL, why, sizeof why), 1);
	assert_int_equal(o.insecure, 1);

	assert_int_equal(fetch_option(&o, FETCH_OPT_PROFILE, "cpu", why, sizeof why), -1);
	assert_non_null(strstr(why, "unknown profile 'cpu'"));
	assert_int_equal(fetch_option(&o, FETCH_OPT_RETRY, "-1", why, sizeof why), -1);
	assert_int_equal(fetch_option(&o, FETCH_OPT_TIMEOUT, "0s", why, sizeof why), -1);
	assert_int_equal(fetch_option(&o, FETCH_OPT_HEADER, "bad", why, sizeof why), -1);
	assert_non_null(strstr(why, "bad --header 'bad'"));
	assert_int_equal(fetch_option(&o, FETCH_OPT_MAX_SIZE, "lots", why, sizeof why), -1);
	fetch_opts_free(&o);
}

static void target_is(const char *target, const char *profile, const char *want)
{
	struct gs_buf url = GS_BUF_INIT;
	char why[256];

	assert_int_equal(fetch_target_url(target, profile, &url, why, sizeof why), 0);
	assert_string_equal(url.data, want);
	gs_buf_release(&url);
}

/* a profile's path without ?debug= gets its kind's: 1, for the caller's note */
static void target_noted(const char *target, const char *want)
{
	struct gs_buf url = GS_BUF_INIT;
	char why[256];

	assert_int_equal(fetch_target_url(target, NULL, &url, why, sizeof why), 1);
	assert_string_equal(url.data, want);
	gs_buf_release(&url);
}

static void target_fails(const char *target, const char *needle)
{
	struct gs_buf url = GS_BUF_INIT;
	char why[256];

	assert_int_equal(fetch_target_url(target, NULL, &url, why, sizeof why), -1);
	assert_non_null(strstr(why, needle));
	gs_buf_release(&url);
}

static void test_target_url(void **state)
{
	(void)state;
	target_is("10.1.1.10:8001", NULL, "http://10.1.1.10:8001/debug/pprof/goroutine?debug=2");
	target_is("db-1.internal:6060", "goroutine1",
	          "http://db-1.internal:6060/debug/pprof/goroutine?debug=1");
	target_is("h:1", "heap", "http://h:1/debug/pprof/heap?debug=1");
	target_is("h:1", "threadcreate", "http://h:1/debug/pprof/threadcreate?debug=1");
	target_is("http://10.1.1.10:8001", NULL,
	          "http://10.1.1.10:8001/debug/pprof/goroutine?debug=2");
	target_is("https://h:8443/", "mutex", "https://h:8443/debug/pprof/mutex?debug=1");
	target_is("http://h:6060/debug/pprof/", "block", "http://h:6060/debug/pprof/block?debug=1");
	target_fails("http://h/debug/pprof", "index page, not a profile; it offers goroutine,");
	target_fails("h:1/debug/pprof/", "index page");
	/* host:port/path as wget and curl take it */
	target_is("10.0.0.5:6060/debug/pprof/goroutine?debug=2", NULL,
	          "http://10.0.0.5:6060/debug/pprof/goroutine?debug=2");
	target_noted("10.0.0.5:6060/debug/pprof/goroutine",
	             "http://10.0.0.5:6060/debug/pprof/goroutine?debug=2");
	target_noted("http://h/debug/pprof/heap", "http://h/debug/pprof/heap?debug=1");
	target_noted("http://h/debug/pprof/mutex?seconds=5", "http://h/debug/pprof/mutex?seconds=5&debug=1");
	target_is("http://h/debug/pprof/heap?debug=0", NULL, "http://h/debug/pprof/heap?debug=0");
	/* a path is kept as written, whatever -p says */
	target_is("http://host:6060/debug/pprof/heap?debug=1", "goroutine",
	          "http://host:6060/debug/pprof/heap?debug=1");
	target_is("http://h:1/custom/dump", NULL, "http://h:1/custom/dump");
	target_is("http://h:1/?debug=2", NULL, "http://h:1/?debug=2");

	target_fails("file:///etc/passwd", "only http:// and https://");
	target_fails("ftp://h/x", "only http:// and https://");
	target_fails("justahost", "neither an http(s) URL nor host:port");
	target_fails("h:port", "neither");
	target_fails("/tmp/dump.txt", "neither");
	target_fails("http://", "not a valid URL");
}

static void profile_is(const char *url, const char *want)
{
	struct gs_buf w = GS_BUF_INIT;

	fetch_url_profile(url, &w);
	assert_string_equal(w.data, want);
	gs_buf_release(&w);
}

static void test_url_profile_and_kind(void **state)
{
	(void)state;
	profile_is("http://h:1/debug/pprof/goroutine?debug=2", "goroutine");
	profile_is("http://h:1/debug/pprof/goroutine?debug=1", "goroutine1");
	profile_is("http://h:1/debug/pprof/goroutine?x=1&debug=1", "goroutine1");
	profile_is("http://h:1/debug/pprof/heap?debug=1", "heap");
	profile_is("http://h:1/debug/pprof/allocs?debug=1", "allocs");
	profile_is("http://h:1/debug/pprof/threadcreate?debug=1", "threadcreate");
	profile_is("http://h:1/admin/stacks.txt", "stacks.txt");
	profile_is("http://h:1/a/we!rd", "we-rd");
	profile_is("http://h:1/", "profile");

	assert_int_equal(fetch_url_kind("http://h:1/debug/pprof/heap?debug=1"), GS_KIND_HEAP);
	assert_int_equal(fetch_url_kind("http://h:1/debug/pprof/allocs?debug=1"), GS_KIND_ALLOCS);
	assert_int_equal(fetch_url_kind("http://h:1/debug/pprof/goroutine?debug=2"),
	                 GS_KIND_UNKNOWN);
	assert_int_equal(fetch_url_kind("http://h:1/heapish"), GS_KIND_UNKNOWN);
}

static void test_file_name(void **state)
{
	struct gs_buf name = GS_BUF_INIT;
	time_t t = 1714557600; /* 2024-05-01T10:00:00Z */

	(void)state;
	assert_int_equal(fetch_file_name("http://10.1.1.10:8001/debug/pprof/goroutine?debug=2", t,
	                                 &name), 0);
	assert_string_equal(name.data, "10.1.1.10_8001.goroutine.20240501T100000Z.txt");
	assert_int_equal(fetch_file_name("https://api.example.com/debug/pprof/heap?debug=1",
	                                 t + 61, &name), 0);
	assert_string_equal(name.data, "api.example.com_443.heap.20240501T100101Z.txt");
	assert_int_equal(fetch_file_name("http://[::1]:6060/debug/pprof/mutex?debug=1", t, &name), 0);
	assert_string_equal(name.data, "--1_6060.mutex.20240501T100000Z.txt");
	assert_int_equal(fetch_file_name("http://u:p@h:1/debug/pprof/goroutine?debug=1", t, &name), 0);
	assert_string_equal(name.data, "h_1.goroutine1.20240501T100000Z.txt");
	/* any other URL: its debug level and a tag of the whole URL */
	assert_int_equal(fetch_file_name("http://h/x", t, &name), 0);
	assert_non_null(strstr(name.data, "h_80.x."));
	assert_int_equal(strlen(name.data), strlen("h_80.x.0123456789ab.20240501T100000Z.txt"));
	{
		static const char *const urls[] = {
			"http://h/ok", "http://h/ok?debug=1", "http://h/ok?debug=2&x=1",
			"http://h/app1/debug/pprof/goroutine?debug=2",
			"http://h/app2/debug/pprof/goroutine?debug=2",
			"http://h/debug/pprof/goroutine", "http://h/debug/pprof/goroutine?debug=2",
			"http://h/debug/pprof/goroutine?debug=2#x",
		};
		char seen[8][96];
		size_t i, j;

		for (i = 0; i < 8; i++) {
			assert_int_equal(fetch_file_name(urls[i], t, &name), 0);
			assert_true(name.len < sizeof seen[i]);
			memcpy(seen[i], name.data, name.len + 1);
			for (j = 0; j < i; j++)
				assert_string_not_equal(seen[i], seen[j]);
		}
		assert_non_null(strstr(seen[1], "h_80.ok.debug1."));
		assert_non_null(strstr(seen[3], "h_80.goroutine.debug2."));
		assert_string_equal(seen[6], "h_80.goroutine.20240501T100000Z.txt");
	}
	assert_int_equal(fetch_file_name("not a url", t, &name), -1);
	gs_buf_release(&name);
}

static void test_hosts_file(void **state)
{
	static const char text[] =
		"# production pprof ports\n"
		"\n"
		"10.0.0.1:6060\n"
		"  10.0.0.2:6060   # the replica\n"
		"\thttp://10.0.0.3:6060/debug/pprof/heap?debug=1\r\n"
		"http://10.0.0.4:6060/#fragment-kept\n"
		"   \n"
		"#10.0.0.9:6060\n"
		"10.0.0.5:6060"; /* no final newline */
	struct fetch_targets t;
	char why[256];

	(void)state;
	memset(&t, 0, sizeof t);
	assert_int_equal(fetch_targets_parse(&t, text, sizeof text - 1, "hosts.txt", why,
	                                     sizeof why), 0);
	assert_int_equal(t.n, 5);
	assert_string_equal(t.v[0], "10.0.0.1:6060");
	assert_string_equal(t.v[1], "10.0.0.2:6060");
	assert_string_equal(t.v[2], "http://10.0.0.3:6060/debug/pprof/heap?debug=1");
	assert_string_equal(t.v[3], "http://10.0.0.4:6060/#fragment-kept");
	assert_string_equal(t.v[4], "10.0.0.5:6060");
	fetch_targets_free(&t);

	assert_int_equal(fetch_targets_parse(&t, "a:1\n\nnot-a-target\n", 19, "hosts.txt", why,
	                                     sizeof why), -1);
	assert_non_null(strstr(why, "hosts.txt:3: 'not-a-target'"));
	fetch_targets_free(&t);
	assert_int_equal(fetch_targets_parse(&t, "file:///etc/passwd\n", 19, "h", why,
	                                     sizeof why), -1);
	assert_non_null(strstr(why, "h:1: "));
	fetch_targets_free(&t);
	assert_int_equal(fetch_targets_parse(&t, "", 0, "empty", why, sizeof why), 0);
	assert_int_equal(t.n, 0);
	fetch_targets_free(&t);
}

static void test_sniff(void **state)
{
	static const char gz[] = "\x1f\x8b\x08\x00\x00\x00";
	static const char pb[] = "\x0a\x00\x12\x05";

	(void)state;
	assert_null(fetch_sniff("goroutine 1 [running]:\n", 23));
	assert_null(fetch_sniff("heap profile: 1: 2 [3: 4] @ heap/524288\n", 40));
	assert_null(fetch_sniff("--- mutex:\n", 11));
	assert_null(fetch_sniff("2024-05-01T10:00:00Z stderr F goroutine 1", 41));
	assert_non_null(strstr(fetch_sniff("", 0), "empty"));
	assert_non_null(strstr(fetch_sniff(gz, 6), "debug=0"));
	assert_non_null(strstr(fetch_sniff(pb, 4), "binary"));
	assert_non_null(strstr(fetch_sniff("<!DOCTYPE html><html>", 21), "HTML page"));
	assert_non_null(strstr(fetch_sniff("\n  <HTML><body>login", 20), "HTML page"));
	assert_non_null(strstr(fetch_sniff("\xef\xbb\xbf<html>", 9), "HTML page"));
	assert_null(fetch_sniff("<not html", 9));
}

/* What every command's getopt_long hands on: the URL options are rows of its table, taken
 * by their codes wherever they stand, and nothing after "--". */
static void test_check_profile(void **state)
{
	struct gs_buf why = GS_BUF_INIT;

	(void)state;
	assert_int_equal(fetch_check_profile("goroutine 1 [running]:\nmain.f()\n", 33, 1,
	                                     GS_KIND_GOROUTINE, &why), 0);
	/* a BOM and blank lines first; heap and allocs print one header */
	assert_int_equal(fetch_check_profile("\xef\xbb\xbf\n\r\nheap profile: 1: 2 [3: 4] @ heap/1\n", 40,
	                                     1, GS_KIND_ALLOCS, &why), 0);
	assert_int_equal(fetch_check_profile("--- mutex:\ncycles/second=1\n", 28, 1, GS_KIND_MUTEX,
	                                     &why), 0);
	/* any kind for a path that names none */
	assert_int_equal(fetch_check_profile("goroutine profile: total 3\n", 27, 1, GS_KIND_UNKNOWN,
	                                     &why), 0);
	/* a goroutine header cut by the end of what was looked at */
	assert_int_equal(fetch_check_profile("goroutine 7 [chan receive, 5 min", 33, 0,
	                                     GS_KIND_GOROUTINE, &why), 0);
	assert_int_equal(fetch_check_profile("Forbidden\n", 10, 1, GS_KIND_GOROUTINE, &why), -1);
	assert_string_equal(why.data, "not a goroutine dump: it starts 'Forbidden'");
	assert_int_equal(fetch_check_profile("{\"error\":\"unauthorized\"}", 24, 1, GS_KIND_UNKNOWN,
	                                     &why), -1);
	assert_string_equal(why.data, "not a profile: it starts '{\"error\":\"unauthorized\"}'");
	assert_int_equal(fetch_check_profile("404 page not found\n", 19, 1, GS_KIND_HEAP, &why), -1);
	assert_int_equal(fetch_check_profile("goroutine 1 [running]:\n", 23, 1, GS_KIND_HEAP, &why), -1);
	assert_string_equal(why.data, "a goroutine dump, not the heap profile asked for: it starts "
	                              "'goroutine 1 [running]:'");
	/* the quote is escaped and cut */
	assert_int_equal(fetch_check_profile("\x1b]0;x\x07 no\n", 12, 1, GS_KIND_UNKNOWN, &why), -1);
	assert_string_equal(why.data, "not a profile: it starts '\\x1b]0;x\\x07 no'");
	assert_int_equal(fetch_check_profile("\n\n", 2, 1, GS_KIND_UNKNOWN, &why), -1);
	assert_string_equal(why.data, "not a profile: the reply has no text");
	gs_buf_release(&why);
}

static void test_backoff(void **state)
{
	(void)state;
	assert_int_equal(fetch_backoff_ms(1000, 1), 1000);
	assert_int_equal(fetch_backoff_ms(1000, 2), 2000);
	assert_int_equal(fetch_backoff_ms(1000, 5), 16000);
	assert_int_equal(fetch_backoff_ms(1000, 6), 30000);
	assert_int_equal(fetch_backoff_ms(1000, 100), 30000);
	assert_int_equal(fetch_backoff_ms(0, 100), 0);
}

static void test_url_rows(void **state)
{
	char a0[] = "summary", a1[] = "--by", a2[] = "state", a3[] = "-p", a4[] = "heap",
	     a5[] = "--timeout=2s", a6[] = "h:1", a7[] = "--header", a8[] = "X-A: b",
	     a9[] = "--", a10[] = "--timeout";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, NULL };
	char b0[] = "check", b1[] = "--timeout";
	char *bad[] = { b0, b1, NULL };
	char c0[] = "check", c1[] = "--insecure=yes";
	char *flag[] = { c0, c1, NULL };
	const struct command *cmd = command_find("summary");
	struct cmd_input in;
	struct cli c;

	(void)state;
	memset(&c, 0, sizeof c);
	c.name = cmd->name;
	c.usage = cmd->usage;
	cmd_input_init(&in, &c);
	assert_int_equal(cmd_input_parse(&in, 11, argv, cmd->opts, NULL, NULL), CMD_CONTINUE);
	assert_int_equal(11 - optind, 2);
	assert_string_equal(argv[optind], "h:1");
	assert_string_equal(argv[optind + 1], "--timeout"); /* after "--": a SOURCE */
	assert_string_equal(in.by, "state");
	assert_string_equal(in.src.net.profile, "heap");
	assert_int_equal(in.src.net.timeout_ms, 2000);
	assert_string_equal(in.src.net.headers->data, "X-A: b");
	assert_null(in.src.net.headers->next);
	cmd_input_finish(&in, EXIT_OK);

	cmd = command_find("check");
	c.name = cmd->name;
	c.usage = cmd->usage;
	cmd_input_init(&in, &c);
	assert_int_equal(cmd_input_parse(&in, 2, bad, cmd->opts, NULL, NULL), EXIT_USAGE);
	cmd_input_finish(&in, EXIT_USAGE);
	cmd_input_init(&in, &c);
	assert_int_equal(cmd_input_parse(&in, 2, flag, cmd->opts, NULL, NULL), EXIT_USAGE);
	cmd_input_finish(&in, EXIT_USAGE);

	/* fetch's table: the same codes, and -H */
	cmd = command_find("fetch");
	assert_int_equal(opts_find(cmd->opts, "header")->letter, 'H');
	assert_int_equal(opts_find(cmd->opts, "header")->val, FETCH_OPT_HEADER);
	assert_int_equal(opts_find(command_find("check")->opts, "header")->letter, 0);
	assert_int_equal(opts_find(command_find("check")->opts, "header")->val, FETCH_OPT_HEADER);
}

/* The clock starts at the first body byte: a silent start is never a stall. */
static void test_stall_slow_start(void **state)
{
	struct stall st;
	long long t;

	(void)state;
	stall_init(&st, 1024, 2000);
	for (t = 0; t <= 60000; t += 500)
		assert_int_equal(stall_check(&st, t, 0), 0);
	/* then a fast body: never stalled */
	for (t = 60000; t <= 70000; t += 250)
		assert_int_equal(stall_check(&st, t, (uint64_t)(t - 60000) * 10 + 1), 0);
}

/* After the body began, under the limit for time_ms is a stall: not sooner. */
static void test_stall_trickle(void **state)
{
	struct stall st;
	uint64_t bytes = 300;
	long long t;
	int stalled = 0;

	(void)state;
	stall_init(&st, 1024, 2000);
	assert_int_equal(stall_check(&st, 20000, bytes), 0); /* the first bytes after 20 s */
	for (t = 20500; t <= 30000 && !stalled; t += 500) {
		bytes += 10;
		stalled = stall_check(&st, t, bytes);
		if (!stalled)
			continue;
		assert_true(t >= 22000); /* slow since 20 s, for 2 s */
		assert_true(t <= 23000); /* caught within a step of a second */
	}
	assert_true(stalled);

	/* a slow step between fast ones starts the count again */
	stall_init(&st, 1024, 2000);
	bytes = 1;
	assert_int_equal(stall_check(&st, 0, bytes), 0);
	for (t = 1000; t <= 20000; t += 1000) {
		bytes += (t / 1000) % 2 ? 10 : 5000; /* slow, fast, slow, ...: 2500 B/s on average */
		assert_int_equal(stall_check(&st, t, bytes), 0);
	}
	/* limit 0: the rule is off */
	stall_init(&st, 0, 1000);
	assert_int_equal(stall_check(&st, 0, 1), 0);
	assert_int_equal(stall_check(&st, 100000, 1), 0);
}

/* --every: the next round's time, and a round that overran says so and is not caught up. */
static void test_pace(void **state)
{
	struct pace p;

	(void)state;
	pace_start(&p, 5000, 1000);
	assert_true(p.due_ms == 1000);
	assert_true(pace_next(&p, 2000) == 0); /* took 1 s */
	assert_true(p.due_ms == 6000);
	assert_true(pace_next(&p, 11000) == 0); /* took all of its 5 s */
	assert_true(p.due_ms == 11000);
	assert_true(pace_next(&p, 18500) == 2500); /* took 7.5 s: 2.5 s over */
	assert_true(p.due_ms == 18500);             /* the next starts now, no burst after */
	assert_true(pace_next(&p, 19000) == 0);
	assert_true(p.due_ms == 23500);
}

static int setup(void **state)
{
	(void)state;
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	curl_global_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_opt_set),
		cmocka_unit_test(test_target_url),
		cmocka_unit_test(test_url_profile_and_kind),
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_hosts_file),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_check_profile),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_url_rows),
		cmocka_unit_test(test_stall_slow_start),
		cmocka_unit_test(test_stall_trickle),
		cmocka_unit_test(test_pace),
	};

	return cmocka_run_group_tests_name("fetch", tests, setup, teardown);
}
